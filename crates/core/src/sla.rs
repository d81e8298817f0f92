//! The service-level clock: when the department must answer, visit and
//! resolve a request, and where each promise stands at a given moment.
//!
//! A target is a budget of minutes that starts when the request reaches the
//! department. The budget is spent only while the clock counts: around the
//! clock, or during business hours when the severity says so; not while the
//! department waits on the customer (when the catalog pauses for that), and
//! not while a request sits resolved before the customer reopens it. The
//! deadline is the instant the budget runs out, so every pause moves it
//! later by the counted time it would otherwise have used.

use crate::calendar::{BusinessCalendar, ServiceTime};
use crate::catalog::ServiceTargets;
use crate::lifecycle::RequestStatus;
use crate::time::{ceil_minutes, Timestamp, MINUTE_MS};

/// One of the promises a severity makes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SlaTarget {
    /// Someone from the department takes the request up (acknowledges it, or
    /// moves it further).
    FirstResponse,
    /// An engineer is on site: the portal sees this as work starting (in
    /// progress), and a request resolved without a visit needs none.
    OnSite,
    /// The request is resolved (or closed); a reopened request is not.
    Resolution,
}

/// Where one promise stands at a moment.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SlaState {
    /// The clock counts and the deadline has not passed. The remaining
    /// minutes are of the target's kind (business minutes for business-hours
    /// targets), rounded up.
    Running {
        due: Timestamp,
        remaining_minutes: i64,
    },
    /// The department waits on the customer; the deadline is unknown until
    /// the customer answers, and this much of the budget is left.
    Paused { remaining_minutes: i64 },
    /// The deadline passed, `by_minutes` ago in real time (rounded up), and
    /// the promise is not kept yet.
    Overdue { due: Timestamp, by_minutes: i64 },
    /// The promise was kept at `at` (compare with the deadline to see whether
    /// in time).
    Met { at: Timestamp },
    /// The customer cancelled the request at `at`; no promise applies any more.
    Stopped { at: Timestamp },
}

/// Every promise of a request at one moment.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SlaStates {
    /// The first-response promise.
    pub first_response: SlaState,
    /// `None` when the severity promises no visit.
    pub on_site: Option<SlaState>,
    /// The resolution promise.
    pub resolution: SlaState,
}

/// The clock of one request: its targets, the time they count, and the
/// statuses it went through.
#[derive(Debug, Clone)]
pub struct SlaClock<'a> {
    received_at: Timestamp,
    targets: ServiceTargets,
    time: ServiceTime,
    history: &'a [(Timestamp, RequestStatus)],
    pause_while_waiting: bool,
}

/// How counting a budget along the history ended.
#[derive(Debug)]
struct Walk {
    /// When the budget ran out, if it did.
    exhausted_at: Option<Timestamp>,
    end: End,
    /// Milliseconds of budget left at the end.
    left: i64,
}

#[derive(Debug)]
enum End {
    /// Still counting at the walk's end.
    Counting,
    /// Not counting at the walk's end, and not for good.
    Paused,
    Met(Timestamp),
    Stopped(Timestamp),
}

/// What a status means for one target's clock.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Phase {
    Counting,
    Paused,
    Met,
    Stopped,
}

impl<'a> SlaClock<'a> {
    /// The clock of a request received at `received_at`, counting `targets`
    /// in `calendar`'s business hours (around the clock with `None`; see
    /// [`crate::ServiceCatalog::calendar_for`]). `history` lists each status
    /// the request entered and when, in time order; before its first entry
    /// the request counts as submitted.
    pub fn new(
        received_at: Timestamp,
        targets: ServiceTargets,
        calendar: Option<&BusinessCalendar>,
        history: &'a [(Timestamp, RequestStatus)],
        pause_while_waiting: bool,
    ) -> SlaClock<'a> {
        SlaClock {
            received_at,
            targets,
            time: ServiceTime::new(calendar),
            history,
            pause_while_waiting,
        }
    }

    /// When the first response is due; `None` while the clock is paused.
    pub fn respond_by(&self) -> Option<Timestamp> {
        self.deadline(SlaTarget::FirstResponse)
    }

    /// When an engineer must be on site; `None` while the clock is paused or
    /// when the severity promises no visit.
    pub fn on_site_by(&self) -> Option<Timestamp> {
        self.deadline(SlaTarget::OnSite)
    }

    /// When the request must be resolved; `None` while the clock is paused.
    pub fn resolve_by(&self) -> Option<Timestamp> {
        self.deadline(SlaTarget::Resolution)
    }

    /// When `target` runs out, given the whole history: the instant the
    /// budget was spent, or, if it was not, the instant it will be spent
    /// counting on from the last status (and from the moment a met or
    /// cancelled clock stopped). `None` while the clock is paused, because
    /// the deadline moves for as long as the pause lasts, or when there is no
    /// such target.
    pub fn deadline(&self, target: SlaTarget) -> Option<Timestamp> {
        let last = self.history.iter().map(|(at, _)| *at).max();
        let until = last.map_or(self.received_at, |at| at.max(self.received_at));
        let walk = self.walk(target, until)?;
        if let Some(at) = walk.exhausted_at {
            return Some(at);
        }
        match walk.end {
            End::Met(at) | End::Stopped(at) => Some(self.time.add(at, walk.left)),
            End::Counting => Some(self.time.add(until, walk.left)),
            End::Paused => None,
        }
    }

    /// Where every promise stands at `now`, from the statuses entered up to
    /// then.
    pub fn state_at(&self, now: Timestamp) -> SlaStates {
        let state = |target| self.state_of(target, now);
        SlaStates {
            first_response: state(SlaTarget::FirstResponse)
                .expect("every severity has a first response target"),
            on_site: state(SlaTarget::OnSite),
            resolution: state(SlaTarget::Resolution)
                .expect("every severity has a resolution target"),
        }
    }

    /// Where `target` stands at `now`, or `None` when there is no such target.
    pub fn state_of(&self, target: SlaTarget, now: Timestamp) -> Option<SlaState> {
        let walk = self.walk(target, now)?;
        let remaining_minutes = ceil_minutes(walk.left);
        Some(match (walk.end, walk.exhausted_at) {
            (End::Met(at), _) => SlaState::Met { at },
            (End::Stopped(at), _) => SlaState::Stopped { at },
            (_, Some(due)) if now > due => SlaState::Overdue {
                due,
                by_minutes: now.minutes_since_ceil(due),
            },
            (_, Some(due)) => SlaState::Running {
                due,
                remaining_minutes: 0,
            },
            (End::Paused, None) => SlaState::Paused { remaining_minutes },
            (End::Counting, None) => SlaState::Running {
                due: self.time.add(now.max(self.received_at), walk.left),
                remaining_minutes,
            },
        })
    }

    fn minutes(&self, target: SlaTarget) -> Option<u32> {
        match target {
            SlaTarget::FirstResponse => Some(self.targets.first_response_minutes),
            SlaTarget::OnSite => self.targets.on_site_minutes,
            SlaTarget::Resolution => Some(self.targets.resolve_minutes),
        }
    }

    /// Spends `target`'s budget along the statuses entered up to `until`.
    fn walk(&self, target: SlaTarget, until: Timestamp) -> Option<Walk> {
        let mut left = i64::from(self.minutes(target)?) * MINUTE_MS;
        let mut exhausted_at = None;
        let mut entries = self.history.iter().filter(|(at, _)| *at <= until);
        let (mut status, mut since) = (RequestStatus::Submitted, self.received_at);
        let mut met_since = None;
        loop {
            let next = entries.next();
            let end = next.map_or(until, |(at, _)| *at).max(since);
            let phase = self.phase(target, status);
            match phase {
                Phase::Stopped => {
                    return Some(Walk {
                        exhausted_at,
                        end: End::Stopped(since),
                        left,
                    })
                }
                // First response and on-site stay met once met; resolution
                // is met only while the request stays resolved or closed.
                Phase::Met if target != SlaTarget::Resolution => {
                    return Some(Walk {
                        exhausted_at,
                        end: End::Met(since),
                        left,
                    });
                }
                Phase::Met => {
                    met_since.get_or_insert(since);
                }
                Phase::Paused => met_since = None,
                Phase::Counting => {
                    met_since = None;
                    if exhausted_at.is_none() {
                        match self.time.spend(since, Some(end), left) {
                            Ok(at) => (exhausted_at, left) = (Some(at), 0),
                            Err(rest) => left = rest,
                        }
                    }
                }
            }
            let Some(&(at, next_status)) = next else {
                let end = match (phase, met_since) {
                    (Phase::Met, Some(at)) => End::Met(at),
                    (Phase::Counting, _) => End::Counting,
                    _ => End::Paused,
                };
                return Some(Walk {
                    exhausted_at,
                    end,
                    left,
                });
            };
            (status, since) = (next_status, since.max(at));
        }
    }

    fn phase(&self, target: SlaTarget, status: RequestStatus) -> Phase {
        use RequestStatus as S;
        match (target, status) {
            (_, S::Cancelled) => Phase::Stopped,
            (SlaTarget::FirstResponse, S::Submitted) => Phase::Counting,
            (SlaTarget::FirstResponse, _) => Phase::Met,
            (SlaTarget::OnSite, S::InProgress | S::Resolved | S::Closed) => Phase::Met,
            (SlaTarget::Resolution, S::Resolved | S::Closed) => Phase::Met,
            (_, S::WaitingOnCustomer) if self.pause_while_waiting => Phase::Paused,
            _ => Phase::Counting,
        }
    }
}

#[cfg(test)]
mod tests;
