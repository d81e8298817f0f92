//! Rate limits: in-memory token buckets, one per limit and subject (a client
//! IP address, an email address). A bucket holds as many tokens as the
//! limit's count and refills evenly over the window; a request takes one
//! token, and a request that finds none is a 429 problem whose
//! `Retry-After` says when the next token comes.
//!
//! The client's address is the TCP peer's ([`ClientIp`]), never a header a
//! client could forge. Behind a proxy every client shares the proxy's
//! address, so raise `codes_per_ip` or put the limits in the proxy. The
//! buckets live in one process: with several servers each keeps its own.

use std::collections::HashMap;
use std::net::{IpAddr, SocketAddr};
use std::sync::Mutex;

use axum::extract::{ConnectInfo, FromRequestParts};
use axum::http::request::Parts;
use time::OffsetDateTime;

use super::problem::ApiError;
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
        let capacity = f64::from(match limit {
            Limit::CodesPerEmail => self.settings.codes_per_email,
            Limit::CodesPerIp => self.settings.codes_per_ip,
            Limit::SignInsPerIp => self.settings.sign_ins_per_ip,
        });
        (capacity, capacity / self.settings.window_seconds as f64)
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
