//! Rate limits: in-memory token buckets, one per limit and subject (a client
//! IP address, an email address). A bucket holds as many tokens as the
//! limit's count and refills evenly over the window; a request takes one
//! token, and a request that finds none is a 429 problem whose
//! `Retry-After` says when the next token comes.
//!
//! Calls that carry a guest's access key (`X-Access-Key`) or a survey
//! link's token (`X-Survey-Token`) go through [`guest_access`]: one token
//! each from the client address's bucket, and
//! `wrong_key_cost` in all when the key opens nothing (a 404), so that
//! guessing keys is slowed to a few tries a minute.
//!
//! The client's address is the TCP peer's ([`ClientIp`]), never a header a
//! client could forge. Behind a proxy every client shares the proxy's
//! address, so raise `codes_per_ip` or put the limits in the proxy. The
//! buckets live in one process: with several servers each keeps its own.

use std::collections::HashMap;
use std::net::{IpAddr, SocketAddr};
use std::sync::Mutex;

use axum::extract::{ConnectInfo, FromRequestParts, Request, State};
use axum::http::request::Parts;
use axum::http::StatusCode;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use time::OffsetDateTime;

use super::identity::ACCESS_KEY_HEADER;
use super::problem::ApiError;
use super::AppState;
use crate::auth::survey_token;
use crate::settings::LimitSettings;

/// Above this many buckets, full ones (which mean nothing) are dropped.
const PRUNE_ABOVE: usize = 10_000;

/// The limits the server enforces.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Limit {
    /// Sign-in codes sent to one email address.
    CodesPerEmail,
    /// Sign-in codes asked for from one client address.
    CodesPerIp,
    /// Sign-in attempts (codes and embed tokens) from one client address.
    SignInsPerIp,
    /// Service requests opened by guests from one client address.
    RequestsPerIp,
    /// Service requests opened by one signed-in customer (by id).
    RequestsPerCustomer,
    /// Calls carrying an access key from one client address, per minute.
    GuestCallsPerIp,
}

#[derive(Debug, Clone, Copy)]
struct Bucket {
    tokens: f64,
    updated: OffsetDateTime,
}

/// Every bucket, behind one lock (each check is a few arithmetic steps).
#[derive(Debug)]
pub struct RateLimiter {
    settings: LimitSettings,
    buckets: Mutex<HashMap<(Limit, String), Bucket>>,
}

impl RateLimiter {
    pub fn new(settings: LimitSettings) -> Self {
        RateLimiter {
            settings,
            buckets: Mutex::new(HashMap::new()),
        }
    }

    /// A limit's bucket size and its refill rate in tokens per second.
    fn rate(&self, limit: Limit) -> (f64, f64) {
        let settings = &self.settings;
        let (count, window) = match limit {
            Limit::CodesPerEmail => (settings.codes_per_email, settings.window_seconds),
            Limit::CodesPerIp => (settings.codes_per_ip, settings.window_seconds),
            Limit::SignInsPerIp => (settings.sign_ins_per_ip, settings.window_seconds),
            Limit::RequestsPerIp => (settings.requests_per_ip, settings.window_seconds),
            Limit::RequestsPerCustomer => (settings.requests_per_customer, settings.window_seconds),
            Limit::GuestCallsPerIp => (settings.guest_calls_per_minute, 60),
        };
        let capacity = f64::from(count);
        (capacity, capacity / window as f64)
    }

    /// Whether the limits are on at all.
    pub fn enabled(&self) -> bool {
        self.settings.enabled
    }

    /// Takes a token from `subject`'s bucket for `limit` at `now`, or says
    /// how many whole seconds to wait for one.
    pub fn check(&self, limit: Limit, subject: &str, now: OffsetDateTime) -> Result<(), ApiError> {
        if !self.settings.enabled {
            return Ok(());
        }
        let (capacity, per_second) = self.rate(limit);
        let mut buckets = self
            .buckets
            .lock()
            .expect("the rate limiter's lock is never poisoned");
        if buckets.len() > PRUNE_ABOVE {
            buckets.retain(|(limit, _), bucket| {
                let (capacity, per_second) = self.rate(*limit);
                refilled(*bucket, capacity, per_second, now).tokens < capacity
            });
        }
        let bucket = buckets
            .entry((limit, subject.to_string()))
            .or_insert(Bucket {
                tokens: capacity,
                updated: now,
            });
        *bucket = refilled(*bucket, capacity, per_second, now);
        if bucket.tokens >= 1.0 {
            bucket.tokens -= 1.0;
            Ok(())
        } else {
            let wait = ((1.0 - bucket.tokens) / per_second).ceil().max(1.0);
            Err(ApiError::RateLimited {
                retry_after: wait as u64,
            })
        }
    }
}

impl RateLimiter {
    /// Takes `tokens` more from `subject`'s bucket for `limit` at `now`,
    /// without refusing anything: a debt that later requests wait out. The
    /// debt never exceeds one full bucket, so a refusal never asks for more
    /// than two windows.
    pub fn charge(&self, limit: Limit, subject: &str, tokens: u32, now: OffsetDateTime) {
        if !self.settings.enabled || tokens == 0 {
            return;
        }
        let (capacity, per_second) = self.rate(limit);
        let mut buckets = self
            .buckets
            .lock()
            .expect("the rate limiter's lock is never poisoned");
        let bucket = buckets
            .entry((limit, subject.to_string()))
            .or_insert(Bucket {
                tokens: capacity,
                updated: now,
            });
        let mut refilled = refilled(*bucket, capacity, per_second, now);
        refilled.tokens = (refilled.tokens - f64::from(tokens)).max(-capacity);
        *bucket = refilled;
    }
}

/// Middleware in front of the routes that read access keys: a call with
/// `X-Access-Key` (or `X-Survey-Token`) takes a token from its client address's
/// [`Limit::GuestCallsPerIp`] bucket (a 429 problem when there is none), and
/// a call whose answer is a 404 (the key opens no such request) is charged
/// `wrong_key_cost` tokens in all.
pub async fn guest_access(
    State(state): State<AppState>,
    ClientIp(ip): ClientIp,
    request: Request,
    next: Next,
) -> Response {
    let guest = request.headers().contains_key(ACCESS_KEY_HEADER)
        || request.headers().contains_key(survey_token::HEADER);
    if !state.limits.enabled() || !guest {
        return next.run(request).await;
    }
    if let Err(error) = state
        .limits
        .check(Limit::GuestCallsPerIp, &ip, state.clock.now())
    {
        return error.into_response();
    }
    let response = next.run(request).await;
    if response.status() == StatusCode::NOT_FOUND {
        let extra = state.limits.settings.wrong_key_cost.saturating_sub(1);
        state
            .limits
            .charge(Limit::GuestCallsPerIp, &ip, extra, state.clock.now());
    }
    response
}

/// The bucket as it stands at `now`, after refilling since it was updated.
/// A clock that went back refills nothing.
fn refilled(bucket: Bucket, capacity: f64, per_second: f64, now: OffsetDateTime) -> Bucket {
    let elapsed = (now - bucket.updated).as_seconds_f64().max(0.0);
    Bucket {
        tokens: (bucket.tokens + elapsed * per_second).min(capacity),
        updated: now.max(bucket.updated),
    }
}

/// The client's address as the connection shows it, for rate limits. An IPv6
/// client is known by its /64 network, which one subscriber usually holds
/// whole. Without connection information (a router driven in-process, as in
/// tests) it is `unknown`, one subject shared by every such request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClientIp(pub String);

impl<S: Send + Sync> FromRequestParts<S> for ClientIp {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, Self::Rejection> {
        let address = parts
            .extensions
            .get::<ConnectInfo<SocketAddr>>()
            .map(|ConnectInfo(peer)| subject(peer.ip()));
        Ok(ClientIp(address.unwrap_or_else(|| "unknown".to_string())))
    }
}

fn subject(ip: IpAddr) -> String {
    match ip {
        IpAddr::V4(v4) => v4.to_string(),
        IpAddr::V6(v6) => match v6.to_ipv4_mapped() {
            Some(v4) => v4.to_string(),
            None => {
                let s = v6.segments();
                format!("{:x}:{:x}:{:x}:{:x}::/64", s[0], s[1], s[2], s[3])
            }
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::Duration;

    fn limiter() -> RateLimiter {
        RateLimiter::new(LimitSettings {
            codes_per_email: 2,
            window_seconds: 600,
            ..LimitSettings::default()
        })
    }

    #[test]
    fn a_bucket_empties_then_refills_evenly() {
        let limiter = limiter();
        let start = OffsetDateTime::UNIX_EPOCH;
        let check = |at: i64| {
            limiter.check(
                Limit::CodesPerEmail,
                "a@x.com",
                start + Duration::seconds(at),
            )
        };
        assert!(check(0).is_ok());
        assert!(check(0).is_ok());
        match check(0) {
            Err(ApiError::RateLimited { retry_after }) => assert_eq!(retry_after, 300),
            other => panic!("expected a rate limit, got {other:?}"),
        }
        // Another subject and another limit have buckets of their own.
        assert!(limiter
            .check(Limit::CodesPerEmail, "b@x.com", start)
            .is_ok());
        assert!(limiter.check(Limit::CodesPerIp, "a@x.com", start).is_ok());
        match check(200) {
            Err(ApiError::RateLimited { retry_after }) => assert_eq!(retry_after, 100),
            other => panic!("expected a rate limit, got {other:?}"),
        }
        assert!(check(300).is_ok());
        assert!(check(300).is_err());
    }

    #[test]
    fn a_charge_is_a_debt_of_at_most_one_bucket() {
        let limiter = RateLimiter::new(LimitSettings {
            guest_calls_per_minute: 6,
            ..LimitSettings::default()
        });
        let start = OffsetDateTime::UNIX_EPOCH;
        assert!(limiter.check(Limit::GuestCallsPerIp, "ip", start).is_ok());
        limiter.charge(Limit::GuestCallsPerIp, "ip", 100, start);
        // Six tokens owed refill in 60 s, and one more in 10 s.
        match limiter.check(Limit::GuestCallsPerIp, "ip", start) {
            Err(ApiError::RateLimited { retry_after }) => assert_eq!(retry_after, 70),
            other => panic!("expected a rate limit, got {other:?}"),
        }
        let later = start + Duration::seconds(70);
        assert!(limiter.check(Limit::GuestCallsPerIp, "ip", later).is_ok());
    }

    #[test]
    fn disabled_limits_never_refuse() {
        let limiter = RateLimiter::new(LimitSettings {
            enabled: false,
            codes_per_email: 1,
            ..LimitSettings::default()
        });
        for _ in 0..100 {
            assert!(limiter
                .check(Limit::CodesPerEmail, "a", OffsetDateTime::UNIX_EPOCH)
                .is_ok());
        }
    }

    #[test]
    fn ipv6_clients_are_known_by_their_network() {
        assert_eq!(subject("203.0.113.9".parse().unwrap()), "203.0.113.9");
        assert_eq!(
            subject("::ffff:203.0.113.9".parse().unwrap()),
            "203.0.113.9"
        );
        assert_eq!(
            subject("2001:db8:1:2:aaaa::1".parse().unwrap()),
            subject("2001:db8:1:2:bbbb::2".parse().unwrap())
        );
    }
}
