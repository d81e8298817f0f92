//! Instants, calendar dates and the small civil-calendar arithmetic the
//! service-request domain needs, written out by hand so the core stays free of
//! date libraries and never reads a clock.
//!
//! A [`Timestamp`] is a UTC instant with millisecond precision. It reads any
//! RFC 3339 timestamp and always writes the one fixed-width layout the server
//! stores, such as `2026-11-23T23:30:00.123Z`. A [`Duration`] is a span in
//! whole minutes. The civil calendar and [`Date`] (a day written
//! `YYYY-MM-DD`) live in the `civil` submodule and are re-exported here.

use std::fmt;
use std::ops::{Add, Sub};
use std::str::FromStr;

use serde::de::{self, Visitor};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

mod civil;

use civil::parse_date;
pub use civil::{civil_from_days, days_from_civil, days_in_month, is_leap_year, Date, Weekday};

/// Milliseconds in one minute.
pub const MINUTE_MS: i64 = 60_000;
/// Milliseconds in one day.
pub const DAY_MS: i64 = 86_400_000;

/// Why a piece of text could not be read as a date or a timestamp.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TimeError {
    /// The text is not a real `YYYY-MM-DD` date.
    InvalidDate,
    /// The text is not an RFC 3339 timestamp.
    InvalidTimestamp,
}

impl fmt::Display for TimeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            TimeError::InvalidDate => "not a real YYYY-MM-DD date",
            TimeError::InvalidTimestamp => "not an RFC 3339 timestamp",
        })
    }
}

impl std::error::Error for TimeError {}

/// A span of time in whole minutes, the unit service-level targets use.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Duration {
    minutes: i64,
}

impl Duration {
    /// A span of `minutes` minutes.
    pub const fn minutes(minutes: i64) -> Duration {
        Duration { minutes }
    }

    /// A span of `hours` hours.
    pub const fn hours(hours: i64) -> Duration {
        Duration {
            minutes: hours * 60,
        }
    }

    /// The span in minutes.
    pub const fn as_minutes(self) -> i64 {
        self.minutes
    }

    /// The span in milliseconds.
    pub const fn as_millis(self) -> i64 {
        self.minutes * MINUTE_MS
    }
}

/// An instant in UTC, as milliseconds since 1970-01-01T00:00:00Z.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Timestamp(i64);

impl Timestamp {
    /// The instant `millis` milliseconds after the Unix epoch.
    pub const fn from_millis(millis: i64) -> Timestamp {
        Timestamp(millis)
    }

    /// Milliseconds since the Unix epoch.
    pub const fn as_millis(self) -> i64 {
        self.0
    }

    /// Reads an RFC 3339 timestamp: `Z` or a `±hh:mm` offset, optional
    /// fractional seconds (anything finer than a millisecond is dropped), and
    /// `T`, `t` or a space between date and time.
    pub fn parse(text: &str) -> Result<Timestamp, TimeError> {
        parse_rfc3339(text.as_bytes()).ok_or(TimeError::InvalidTimestamp)
    }

    /// The fixed-width UTC layout with milliseconds the server stores, such as
    /// `2026-11-23T23:30:00.123Z`. The width is fixed for the years 0000–9999.
    pub fn to_rfc3339(self) -> String {
        self.to_string()
    }

    /// The calendar day this instant falls on in a zone `utc_offset_minutes`
    /// ahead of UTC, as days since 1970-01-01, and the milliseconds into it.
    pub fn local_day_and_millis(self, utc_offset_minutes: i32) -> (i64, i64) {
        let local = self.0 + i64::from(utc_offset_minutes) * MINUTE_MS;
        (local.div_euclid(DAY_MS), local.rem_euclid(DAY_MS))
    }

    /// Whole minutes from `earlier` to this instant, rounded up; negative
    /// when `earlier` is in fact later.
    pub fn minutes_since_ceil(self, earlier: Timestamp) -> i64 {
        ceil_minutes(self.0 - earlier.0)
    }
}

/// Rounds a span in milliseconds up to whole minutes.
pub(crate) fn ceil_minutes(millis: i64) -> i64 {
    -((-millis).div_euclid(MINUTE_MS))
}

impl Add<Duration> for Timestamp {
    type Output = Timestamp;

    fn add(self, span: Duration) -> Timestamp {
        Timestamp(self.0 + span.as_millis())
    }
}

impl Sub<Duration> for Timestamp {
    type Output = Timestamp;

    fn sub(self, span: Duration) -> Timestamp {
        Timestamp(self.0 - span.as_millis())
    }
}

impl fmt::Display for Timestamp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (days, millis) = self.local_day_and_millis(0);
        let (year, month, day) = civil_from_days(days);
        let (seconds, millis) = (millis / 1000, millis % 1000);
        write!(
            f,
            "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}.{millis:03}Z",
            seconds / 3600,
            seconds / 60 % 60,
            seconds % 60
        )
    }
}

impl FromStr for Timestamp {
    type Err = TimeError;

    fn from_str(text: &str) -> Result<Timestamp, TimeError> {
        Timestamp::parse(text)
    }
}

/// The value of a run of ASCII digits, or `None` if any byte is not one.
fn digits(bytes: &[u8]) -> Option<u32> {
    bytes.iter().try_fold(0u32, |value, &b| {
        b.is_ascii_digit().then(|| value * 10 + u32::from(b - b'0'))
    })
}

fn parse_rfc3339(b: &[u8]) -> Option<Timestamp> {
    if b.len() < 20 || !matches!(b[10], b'T' | b't' | b' ') {
        return None;
    }
    let date = parse_date(&b[..10])?;
    if b[13] != b':' || b[16] != b':' {
        return None;
    }
    let (hour, minute, second) = (
        digits(&b[11..13])?,
        digits(&b[14..16])?,
        digits(&b[17..19])?,
    );
    if hour > 23 || minute > 59 || second > 59 {
        return None;
    }
    let mut rest = &b[19..];
    let mut millis = 0;
    if let Some(fraction) = rest.strip_prefix(b".") {
        let length = fraction.iter().take_while(|c| c.is_ascii_digit()).count();
        if length == 0 {
            return None;
        }
        for (place, &c) in fraction[..length.min(3)].iter().enumerate() {
            millis += i64::from(c - b'0') * [100, 10, 1][place];
        }
        rest = &fraction[length..];
    }
    let offset_minutes = match rest {
        [b'Z' | b'z'] => 0,
        [sign @ (b'+' | b'-'), h1, h2, b':', m1, m2] => {
            let (hours, minutes) = (digits(&[*h1, *h2])?, digits(&[*m1, *m2])?);
            if hours > 23 || minutes > 59 {
                return None;
            }
            let magnitude = i64::from(hours * 60 + minutes);
            if *sign == b'-' {
                -magnitude
            } else {
                magnitude
            }
        }
        _ => return None,
    };
    let local_seconds = i64::from(hour * 3600 + minute * 60 + second);
    Some(Timestamp(
        date.days_since_epoch() * DAY_MS + local_seconds * 1000 + millis
            - offset_minutes * MINUTE_MS,
    ))
}

impl Serialize for Timestamp {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Timestamp {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Timestamp, D::Error> {
        deserializer.deserialize_str(TextVisitor(Timestamp::parse))
    }
}

/// Reads a string with a parser; one visitor serves both text types.
struct TextVisitor<T>(fn(&str) -> Result<T, TimeError>);

impl<T> Visitor<'_> for TextVisitor<T> {
    type Value = T;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an RFC 3339 timestamp or a YYYY-MM-DD date")
    }

    fn visit_str<E: de::Error>(self, text: &str) -> Result<T, E> {
        (self.0)(text).map_err(E::custom)
    }
}

#[cfg(test)]
mod tests;
