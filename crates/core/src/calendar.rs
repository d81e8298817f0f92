//! Business hours: when the service department is open, and how much open
//! time lies between two instants. Service-level targets that count only
//! business time (such as "first response within 8 business hours") are
//! measured with a [`BusinessCalendar`]; the others run around the clock.

use serde::{Deserialize, Serialize};

use crate::time::{Date, Timestamp, Weekday, DAY_MS, MINUTE_MS};

/// Minutes in a day; an interval may close at the very end of its day.
const DAY_MINUTES: u16 = 24 * 60;

/// One stretch of a weekday when the department is open, in minutes after
/// local midnight: `{"weekday": "saturday", "open_minute": 540,
/// "close_minute": 1020}` is 09:00 to 17:00.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct OpeningHours {
    /// The day of the week this stretch belongs to.
    pub weekday: Weekday,
    /// When it opens, 0–1439.
    pub open_minute: u16,
    /// When it closes, after `open_minute` and at most 1440 (midnight).
    pub close_minute: u16,
}

/// The department's working week in one fixed time zone, and the days it is
/// closed (public holidays).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BusinessCalendar {
    /// How far local time is ahead of UTC, in minutes (`480` for UTC+08:00).
    pub utc_offset_minutes: i32,
    /// The open stretches of each weekday; a weekday not listed is closed.
    pub weekly: Vec<OpeningHours>,
    /// Local dates on which the department stays closed all day.
    #[serde(default)]
    pub closed_dates: Vec<Date>,
}

impl BusinessCalendar {
    /// Checks the calendar can be counted on, naming the first rule broken:
    /// a real offset, intervals that open before they close within the day,
    /// no overlaps, and some open time in the week.
    pub fn check(&self) -> Result<(), String> {
        if self.utc_offset_minutes.abs() > 14 * 60 {
            return Err(format!(
                "utc_offset_minutes {} is beyond ±14 hours",
                self.utc_offset_minutes
            ));
        }
        if self.weekly.is_empty() {
            return Err("weekly lists no opening hours".into());
        }
        for (index, hours) in self.weekly.iter().enumerate() {
            if hours.open_minute >= hours.close_minute || hours.close_minute > DAY_MINUTES {
                return Err(format!(
                    "weekly[{index}] must open before it closes, within 0–1440 minutes"
                ));
            }
            let overlaps = self.weekly[..index].iter().any(|other| {
                other.weekday == hours.weekday
                    && other.open_minute < hours.close_minute
                    && hours.open_minute < other.close_minute
            });
            if overlaps {
                return Err(format!("weekly[{index}] overlaps an earlier interval"));
            }
        }
        Ok(())
    }

    /// Whether the department is open at `at`.
    pub fn is_open_at(&self, at: Timestamp) -> bool {
        let next_millisecond = Timestamp::from_millis(at.as_millis() + 1);
        ServiceTime::new(Some(self)).between(at, next_millisecond) == 1
    }

    /// Whole open minutes from `from` to `to` (rounded down; zero when `to`
    /// is not later).
    pub fn open_minutes_between(&self, from: Timestamp, to: Timestamp) -> i64 {
        ServiceTime::new(Some(self)).between(from, to) / MINUTE_MS
    }

    /// The instant by which `minutes` of open time have passed after `from`,
    /// or `None` when the calendar has no open time at all.
    pub fn add_open_minutes(&self, from: Timestamp, minutes: u32) -> Option<Timestamp> {
        let time = ServiceTime::new(Some(self));
        if matches!(time, ServiceTime::AllHours) {
            return None;
        }
        Some(time.add(from, i64::from(minutes) * MINUTE_MS))
    }
}

/// The time a service-level clock counts: every millisecond, or only the open
/// ones of a calendar, prepared once for repeated counting.
#[derive(Debug, Clone)]
pub(crate) enum ServiceTime {
    AllHours,
    Business {
        offset_minutes: i32,
        /// Open intervals of each weekday (Monday first) in milliseconds
        /// after local midnight, sorted.
        week: [Vec<(i64, i64)>; 7],
        /// Closed local days, as days since 1970-01-01, sorted.
        closed: Vec<i64>,
    },
}

impl ServiceTime {
    /// Business time of `calendar`, or all hours without one. A calendar with
    /// no open time at all could never run out a target, so it counts as
    /// none ([`BusinessCalendar::check`] refuses such a calendar).
    pub(crate) fn new(calendar: Option<&BusinessCalendar>) -> ServiceTime {
        let Some(calendar) = calendar else {
            return ServiceTime::AllHours;
        };
        let mut week: [Vec<(i64, i64)>; 7] = Default::default();
        for hours in &calendar.weekly {
            let (open, close) = (
                hours.open_minute.min(DAY_MINUTES),
                hours.close_minute.min(DAY_MINUTES),
            );
            if open < close {
                week[hours.weekday.index()]
                    .push((i64::from(open) * MINUTE_MS, i64::from(close) * MINUTE_MS));
            }
        }
        if week.iter().all(Vec::is_empty) {
            return ServiceTime::AllHours;
        }
        week.iter_mut().for_each(|day| day.sort_unstable());
        let mut closed: Vec<i64> = calendar
            .closed_dates
            .iter()
            .map(|d| d.days_since_epoch())
            .collect();
        closed.sort_unstable();
        ServiceTime::Business {
            offset_minutes: calendar.utc_offset_minutes,
            week,
            closed,
        }
    }

    /// Spends `budget` milliseconds of counted time from `from`, no further
    /// than `until` (without end when `None`). Returns the instant the budget
    /// ran out, at or before `until`, or else the budget left at `until`.
    pub(crate) fn spend(
        &self,
        from: Timestamp,
        until: Option<Timestamp>,
        budget: i64,
    ) -> Result<Timestamp, i64> {
        let (from, until) = (from.as_millis(), until.map(Timestamp::as_millis));
        let ServiceTime::Business {
            offset_minutes,
            week,
            closed,
        } = self
        else {
            return match until {
                Some(until) if until - from < budget => Err(budget - (until - from).max(0)),
                _ => Ok(Timestamp::from_millis(from + budget)),
            };
        };
        let offset = i64::from(*offset_minutes) * MINUTE_MS;
        let (mut day, _) = Timestamp::from_millis(from).local_day_and_millis(*offset_minutes);
        let mut budget = budget;
        loop {
            let midnight = day * DAY_MS - offset;
            if until.is_some_and(|until| midnight >= until) {
                return Err(budget);
            }
            if closed.binary_search(&day).is_err() {
                for &(open, close) in &week[Weekday::from_days(day).index()] {
                    let start = (midnight + open).max(from);
                    let end = until.map_or(midnight + close, |until| (midnight + close).min(until));
                    if start >= end {
                        continue;
                    }
                    if budget <= end - start {
                        return Ok(Timestamp::from_millis(start + budget));
                    }
                    budget -= end - start;
                }
            }
            day += 1;
        }
    }

    /// The instant by which `budget` milliseconds of counted time have passed
    /// after `from`.
    pub(crate) fn add(&self, from: Timestamp, budget: i64) -> Timestamp {
        match self.spend(from, None, budget) {
            Ok(at) => at,
            Err(_) => unreachable!("counting without an end always spends the budget"),
        }
    }

    /// Counted milliseconds from `from` to `to`; zero when `to` is not later.
    pub(crate) fn between(&self, from: Timestamp, to: Timestamp) -> i64 {
        if to <= from {
            return 0;
        }
        match self.spend(from, Some(to), i64::MAX) {
            Err(left) => i64::MAX - left,
            Ok(_) => unreachable!("no span between two timestamps holds i64::MAX milliseconds"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ts(text: &str) -> Timestamp {
        Timestamp::parse(text).unwrap()
    }

    /// Mon–Fri 08:30–18:00 and Sat 09:00–17:00 at UTC+08:00, as the default
    /// catalog has it, with 2026-10-01 (a Thursday) closed.
    fn calendar() -> BusinessCalendar {
        serde_json::from_value(serde_json::json!({
            "utc_offset_minutes": 480,
            "weekly": [
                {"weekday": "monday", "open_minute": 510, "close_minute": 1080},
                {"weekday": "tuesday", "open_minute": 510, "close_minute": 1080},
                {"weekday": "wednesday", "open_minute": 510, "close_minute": 1080},
                {"weekday": "thursday", "open_minute": 510, "close_minute": 1080},
                {"weekday": "friday", "open_minute": 510, "close_minute": 1080},
                {"weekday": "saturday", "open_minute": 540, "close_minute": 1020}
            ],
            "closed_dates": ["2026-10-01"]
        }))
        .unwrap()
    }

    #[test]
    fn knows_when_it_is_open() {
        let calendar = calendar();
        assert!(calendar.check().is_ok());
        assert!(calendar.is_open_at(ts("2026-11-20T08:30:00+08:00")));
        assert!(calendar.is_open_at(ts("2026-11-20T17:59:59.999+08:00")));
        assert!(!calendar.is_open_at(ts("2026-11-20T18:00:00+08:00")));
        assert!(
            !calendar.is_open_at(ts("2026-11-22T12:00:00+08:00")),
            "Sunday"
        );
        assert!(
            !calendar.is_open_at(ts("2026-10-01T10:00:00+08:00")),
            "holiday"
        );
        assert!(
            calendar.is_open_at(ts("2026-11-20T01:00:00Z")),
            "09:00 in Shanghai"
        );
    }

    #[test]
    fn counts_open_minutes_across_a_weekend() {
        let calendar = calendar();
        let friday_five = ts("2026-11-20T17:00:00+08:00");
        assert_eq!(
            calendar.add_open_minutes(friday_five, 120),
            Some(ts("2026-11-21T10:00:00+08:00"))
        );
        assert_eq!(
            calendar.add_open_minutes(friday_five, 60),
            Some(ts("2026-11-20T18:00:00+08:00")),
            "a target that runs out at closing time is due at closing time"
        );
        // One hour on Friday, eight on Saturday, none on Sunday, and from
        // 08:30 on Monday.
        assert_eq!(
            calendar.add_open_minutes(friday_five, 9 * 60 + 30),
            Some(ts("2026-11-23T09:00:00+08:00"))
        );
        assert_eq!(
            calendar.open_minutes_between(friday_five, ts("2026-11-23T09:00:00+08:00")),
            9 * 60 + 30
        );
        assert_eq!(calendar.open_minutes_between(friday_five, friday_five), 0);
    }

    #[test]
    fn skips_closed_dates() {
        let wednesday_evening = ts("2026-09-30T17:00:00+08:00");
        assert_eq!(
            calendar().add_open_minutes(wednesday_evening, 120),
            Some(ts("2026-10-02T09:30:00+08:00"))
        );
    }

    #[test]
    fn refuses_calendars_it_cannot_count_on() {
        let mut bad = calendar();
        bad.weekly[0].close_minute = 400;
        assert!(bad.check().unwrap_err().contains("weekly[0]"));
        let mut overlap = calendar();
        overlap.weekly.push(OpeningHours {
            weekday: Weekday::Monday,
            open_minute: 1000,
            close_minute: 1200,
        });
        assert!(overlap.check().unwrap_err().contains("overlaps"));
        let never = BusinessCalendar {
            utc_offset_minutes: 0,
            weekly: vec![],
            closed_dates: vec![],
        };
        assert!(never.check().is_err());
        assert_eq!(never.add_open_minutes(ts("2026-01-01T00:00:00Z"), 1), None);
    }
}
