//! The time as the server's rules see it. Everything that expires (sign-in
//! codes, sessions, embed tokens) or refills (rate limits) asks a [`Clock`]
//! rather than the system, so that tests can move time forward instead of
//! sleeping.

use std::fmt;
use std::sync::{Arc, Mutex};

use aftercare_core::Timestamp;
use time::{Duration, OffsetDateTime};

use crate::timestamp;

/// A source of the current instant; cheap to clone.
#[derive(Clone)]
pub struct Clock(Arc<dyn Fn() -> OffsetDateTime + Send + Sync>);

impl Clock {
    /// The system's clock.
    pub fn system() -> Clock {
        Clock(Arc::new(OffsetDateTime::now_utc))
    }

    /// A clock that reads `now` whenever it is asked.
    pub fn from_fn(now: impl Fn() -> OffsetDateTime + Send + Sync + 'static) -> Clock {
        Clock(Arc::new(now))
    }

    /// The current instant.
    pub fn now(&self) -> OffsetDateTime {
        (self.0)()
    }

    /// The current instant as the core's [`Timestamp`], to the
    /// millisecond.
    pub fn timestamp(&self) -> Timestamp {
        to_timestamp(self.now())
    }

    /// The current instant in the stored layout (see [`timestamp`]).
    pub fn stamp(&self) -> String {
        timestamp::format(self.now())
    }

    /// The instant `after` from now, in the stored layout.
    pub fn stamp_in(&self, after: Duration) -> String {
        timestamp::format(self.now() + after)
    }
}

/// `instant` as the core's [`Timestamp`], to the millisecond.
pub fn to_timestamp(instant: OffsetDateTime) -> Timestamp {
    Timestamp::from_millis((instant.unix_timestamp_nanos() / 1_000_000) as i64)
}

impl fmt::Debug for Clock {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("Clock").field(&self.now()).finish()
    }
}

impl Default for Clock {
    fn default() -> Self {
        Clock::system()
    }
}

/// A clock that stands still until it is moved: for tests, and for anyone
/// who needs to replay time.
#[derive(Debug, Clone)]
pub struct ManualClock(Arc<Mutex<OffsetDateTime>>);

impl ManualClock {
    /// A clock standing at `start`.
    pub fn starting_at(start: OffsetDateTime) -> ManualClock {
        ManualClock(Arc::new(Mutex::new(start)))
    }

    /// Moves the clock forward (or back, with a negative duration).
    pub fn advance(&self, by: Duration) {
        *self.0.lock().expect("the clock's lock is never poisoned") += by;
    }

    /// The [`Clock`] that reads this one.
    pub fn clock(&self) -> Clock {
        let instant = Arc::clone(&self.0);
        Clock::from_fn(move || *instant.lock().expect("the clock's lock is never poisoned"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_manual_clock_moves_only_when_told() {
        let start = OffsetDateTime::UNIX_EPOCH + Duration::days(20_000);
        let manual = ManualClock::starting_at(start);
        let clock = manual.clock();
        assert_eq!(clock.now(), start);
        assert_eq!(
            clock.timestamp(),
            Timestamp::from_millis(20_000 * 86_400_000)
        );
        manual.advance(Duration::minutes(11));
        assert_eq!(clock.now(), start + Duration::minutes(11));
        assert_eq!(
            clock.stamp_in(Duration::seconds(1)),
            timestamp::format(start + Duration::seconds(661))
        );
    }
}
