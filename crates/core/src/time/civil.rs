//! The civil (proleptic Gregorian) calendar: leap years, month lengths,
//! days counted from 1970-01-01 and back, weekdays, and [`Date`], a real day
//! written `YYYY-MM-DD`.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::{digits, TextVisitor, TimeError, Timestamp, DAY_MS, MINUTE_MS};

/// Whether `year` has a 29 February.
pub fn is_leap_year(year: i64) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

/// The number of days in `month` (1–12) of `year`.
pub fn days_in_month(year: i64, month: u32) -> u32 {
    match month {
        2 if is_leap_year(year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// The number of days from 1970-01-01 to the given civil date (negative
/// before it). This is Howard Hinnant's `days_from_civil`.
pub fn days_from_civil(year: i64, month: u32, day: u32) -> i64 {
    let year = if month <= 2 { year - 1 } else { year };
    let era = year.div_euclid(400);
    let year_of_era = year - era * 400;
    let month_from_march = (i64::from(month) + 9) % 12;
    let day_of_year = (153 * month_from_march + 2) / 5 + i64::from(day) - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    era * 146_097 + day_of_era - 719_468
}

/// The civil date `(year, month, day)` that lies `days` days after
/// 1970-01-01. This is Howard Hinnant's `civil_from_days`.
pub fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let days = days + 719_468;
    let era = days.div_euclid(146_097);
    let day_of_era = days - era * 146_097;
    let year_of_era =
        (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let month_from_march = (5 * day_of_year + 2) / 153;
    let day = (day_of_year - (153 * month_from_march + 2) / 5 + 1) as u32;
    let month = if month_from_march < 10 {
        month_from_march + 3
    } else {
        month_from_march - 9
    } as u32;
    let year = year_of_era + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

/// A day of the week.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Weekday {
    Monday,
    Tuesday,
    Wednesday,
    Thursday,
    Friday,
    Saturday,
    Sunday,
}

impl Weekday {
    /// Every weekday, Monday first.
    pub const ALL: [Weekday; 7] = [
        Weekday::Monday,
        Weekday::Tuesday,
        Weekday::Wednesday,
        Weekday::Thursday,
        Weekday::Friday,
        Weekday::Saturday,
        Weekday::Sunday,
    ];

    /// The weekday of the day `days` days after 1970-01-01 (a Thursday).
    pub fn from_days(days: i64) -> Weekday {
        Weekday::ALL[(days + 3).rem_euclid(7) as usize]
    }

    /// The position in the week, Monday being 0 and Sunday 6.
    pub fn index(self) -> usize {
        self as usize
    }
}

/// A calendar day, such as a purchase date, written `YYYY-MM-DD`. Only real
/// days of the years 0000 to 9999 can be made.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    year: u16,
    month: u8,
    day: u8,
}

impl Date {
    /// The date, if it is a real day (leap years included) in 0000–9999.
    pub fn new(year: i64, month: u32, day: u32) -> Option<Date> {
        let real = (0..=9999).contains(&year)
            && (1..=12).contains(&month)
            && day >= 1
            && day <= days_in_month(year, month);
        real.then_some(Date {
            year: year as u16,
            month: month as u8,
            day: day as u8,
        })
    }

    /// Reads exactly `YYYY-MM-DD`.
    pub fn parse(text: &str) -> Result<Date, TimeError> {
        parse_date(text.as_bytes()).ok_or(TimeError::InvalidDate)
    }

    /// The year, 0–9999.
    pub fn year(self) -> i64 {
        self.year.into()
    }

    /// The month, 1–12.
    pub fn month(self) -> u32 {
        self.month.into()
    }

    /// The day of the month, 1–31.
    pub fn day(self) -> u32 {
        self.day.into()
    }

    /// The number of days from 1970-01-01 to this date.
    pub fn days_since_epoch(self) -> i64 {
        days_from_civil(self.year(), self.month(), self.day())
    }

    /// The date `days` days after 1970-01-01, if it lies in 0000–9999.
    pub fn from_days_since_epoch(days: i64) -> Option<Date> {
        let (year, month, day) = civil_from_days(days);
        Date::new(year, month, day)
    }

    /// The day of the week.
    pub fn weekday(self) -> Weekday {
        Weekday::from_days(self.days_since_epoch())
    }

    /// The date `days` days later (earlier when negative), if it lies in
    /// 0000–9999.
    pub fn add_days(self, days: i64) -> Option<Date> {
        Date::from_days_since_epoch(self.days_since_epoch() + days)
    }

    /// The same day of the month `months` months later, moved back to the
    /// month's last day when that month is shorter: 31 January plus one
    /// month is 28 (or 29) February.
    pub fn add_months(self, months: u32) -> Option<Date> {
        let index = self.year() * 12 + i64::from(self.month()) - 1 + i64::from(months);
        let (year, month) = (index.div_euclid(12), index.rem_euclid(12) as u32 + 1);
        if year > 9999 {
            return None;
        }
        Date::new(year, month, self.day().min(days_in_month(year, month)))
    }

    /// The instant this day starts at in a zone `utc_offset_minutes` ahead of
    /// UTC.
    pub fn start_at_offset(self, utc_offset_minutes: i32) -> Timestamp {
        Timestamp::from_millis(
            self.days_since_epoch() * DAY_MS - i64::from(utc_offset_minutes) * MINUTE_MS,
        )
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

impl FromStr for Date {
    type Err = TimeError;

    fn from_str(text: &str) -> Result<Date, TimeError> {
        Date::parse(text)
    }
}

impl Serialize for Date {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Date, D::Error> {
        deserializer.deserialize_str(TextVisitor(Date::parse))
    }
}

/// Reads exactly `YYYY-MM-DD`.
pub(super) fn parse_date(b: &[u8]) -> Option<Date> {
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    Date::new(
        digits(&b[0..4])?.into(),
        digits(&b[5..7])?,
        digits(&b[8..10])?,
    )
}
