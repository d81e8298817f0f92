//! The outbox's rules, without I/O: what a customer did while offline is an
//! [`OutboxEntry`] with an idempotency key made once; each delivery attempt's
//! answer is judged ([`judge`]) into delivered, try again later (with capped
//! exponential backoff and jitter, or the server's `Retry-After`), sign in
//! again, or needs the customer's attention. The portal keeps entries in
//! IndexedDB and sends them; what it carries is up to it (`P`).

use serde::{Deserialize, Serialize};

use crate::adapter::read_error;
use crate::{HttpResponse, PortalError, Problem};

/// The first wait after a failed attempt.
pub const FIRST_WAIT_MS: u64 = 1_000;
/// No wait is longer than this, whatever the attempt count or the server's
/// `Retry-After`.
pub const LONGEST_WAIT_MS: u64 = 5 * 60 * 1_000;

/// What an attempt's answer means for the entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verdict {
    /// The backend has it (first time, or a replay of the first time).
    Delivered,
    /// Nothing is wrong with the entry; try again, after `after_ms` when
    /// the server said so.
    Retry { after_ms: Option<u64> },
    /// The session ended: keep the entry and ask the customer to sign in.
    SignInAgain,
    /// The backend refused it for a reason trying again will not change.
    NeedsAttention(PortalError),
}

/// Judges an attempt: its response, or the failure to get one.
pub fn judge(outcome: Result<HttpResponse, PortalError>) -> Verdict {
    let response = match outcome {
        Ok(response) => response,
        Err(error) if error.is_transient() => return Verdict::Retry { after_ms: None },
        Err(error) => return Verdict::NeedsAttention(error),
    };
    if response.is_success() {
        return Verdict::Delivered;
    }
    let retry_after = retry_after_ms(&response);
    match response.status {
        401 => Verdict::SignInAgain,
        408 | 425 | 429 | 500..=599 => Verdict::Retry {
            after_ms: retry_after,
        },
        // A 409 that says when to come back is the same key still being
        // worked on; any other conflict is the entry's own.
        409 if retry_after.is_some() => Verdict::Retry {
            after_ms: retry_after,
        },
        _ => Verdict::NeedsAttention(read_error(response)),
    }
}

/// The `Retry-After` of `response` in milliseconds, when it is a number of
/// seconds (HTTP dates are left to the backoff).
pub fn retry_after_ms(response: &HttpResponse) -> Option<u64> {
    let seconds: u64 = response.header("Retry-After")?.trim().parse().ok()?;
    Some(seconds.saturating_mul(1_000))
}

/// How long to wait before attempt `attempt + 1`, after `attempt` failures
/// (1 or more). `jitter` is a random number in `[0, 1)`. Without a
/// `Retry-After` the wait doubles from [`FIRST_WAIT_MS`] and is drawn from
/// its upper half, so many devices coming back online together spread out;
/// a `Retry-After` is waited in full, plus up to a quarter second.
pub fn backoff_ms(attempt: u32, retry_after_ms: Option<u64>, jitter: f64) -> u64 {
    let jitter = jitter.clamp(0.0, 1.0);
    let wait = match retry_after_ms {
        Some(after) => after + (jitter * 250.0) as u64,
        None => {
            let doubled = FIRST_WAIT_MS.saturating_mul(1 << attempt.saturating_sub(1).min(20));
            let ceiling = doubled.min(LONGEST_WAIT_MS);
            ceiling / 2 + (jitter * (ceiling / 2) as f64) as u64
        }
    };
    wait.min(LONGEST_WAIT_MS)
}

/// Where an entry stands.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "state", rename_all = "snake_case")]
pub enum EntryState {
    /// Waiting for its next attempt.
    Waiting,
    /// Kept until the customer signs in again.
    SignInNeeded,
    /// Refused: the customer can fix it and retry, or discard it.
    NeedsAttention {
        /// The backend's problem document, when it sent one.
        #[serde(default)]
        problem: Option<Problem>,
        /// What went wrong, for when there is no problem document.
        reason: String,
    },
}

/// One thing the customer did, waiting to reach the backend exactly once.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OutboxEntry<P> {
    /// The idempotency key, made once when the customer acted; every
    /// attempt sends it, so the backend does the thing at most once.
    pub key: String,
    /// The order entries were made in; they are sent in this order.
    pub seq: u64,
    /// When the customer acted, in milliseconds since the epoch.
    pub created_at_ms: i64,
    /// What is being sent.
    pub payload: P,
    /// Failed attempts so far.
    pub attempts: u32,
    /// Not before this time, in milliseconds since the epoch.
    pub next_attempt_at_ms: i64,
    pub state: EntryState,
}

/// What to do with an entry after an attempt.
#[derive(Debug, Clone, PartialEq)]
pub enum Step<P> {
    /// Delivered: remove it.
    Remove,
    /// Keep it, changed.
    Keep(OutboxEntry<P>),
}

impl<P> OutboxEntry<P> {
    /// A new entry for `payload`, due at once.
    pub fn new(key: impl Into<String>, seq: u64, now_ms: i64, payload: P) -> Self {
        OutboxEntry {
            key: key.into(),
            seq,
            created_at_ms: now_ms,
            payload,
            attempts: 0,
            next_attempt_at_ms: now_ms,
            state: EntryState::Waiting,
        }
    }

    /// Whether it should be sent at `now_ms`.
    pub fn is_due(&self, now_ms: i64) -> bool {
        self.state == EntryState::Waiting && self.next_attempt_at_ms <= now_ms
    }

    /// The entry after an attempt judged `verdict` at `now_ms`; `jitter` is
    /// a random number in `[0, 1)`.
    pub fn after(mut self, verdict: Verdict, now_ms: i64, jitter: f64) -> Step<P> {
        match verdict {
            Verdict::Delivered => return Step::Remove,
            Verdict::Retry { after_ms } => {
                self.attempts += 1;
                let wait = backoff_ms(self.attempts, after_ms, jitter);
                self.next_attempt_at_ms = now_ms + wait as i64;
                self.state = EntryState::Waiting;
            }
            Verdict::SignInAgain => self.state = EntryState::SignInNeeded,
            Verdict::NeedsAttention(error) => {
                let problem = match &error {
                    PortalError::Problem(problem) => Some(problem.clone()),
                    _ => None,
                };
                self.state = EntryState::NeedsAttention {
                    problem,
                    reason: error.to_string(),
                };
            }
        }
        Step::Keep(self)
    }

    /// The entry sent again at once: after the customer fixed it, or signed
    /// in again.
    pub fn retry_now(mut self, now_ms: i64) -> Self {
        self.state = EntryState::Waiting;
        self.next_attempt_at_ms = now_ms;
        self
    }
}

#[cfg(test)]
mod tests;
