//! Tests of the service-level clock on requests as they really go: around
//! the clock, in business hours over a weekend and a holiday, paused while the
//! customer is asked something, late, kept, reopened and cancelled.

use super::*;
use crate::calendar::OpeningHours;
use crate::time::{Date, Weekday};
use RequestStatus::*;

fn ts(text: &str) -> Timestamp {
    Timestamp::parse(text).unwrap()
}

/// A time on a day of November 2026 in Shanghai (20 is a Friday).
fn nov(day: u32, hh_mm: &str) -> Timestamp {
    ts(&format!("2026-11-{day:02}T{hh_mm}:00+08:00"))
}

fn running(due: Timestamp, remaining_minutes: i64) -> SlaState {
    SlaState::Running {
        due,
        remaining_minutes,
    }
}

fn overdue(due: Timestamp, by_minutes: i64) -> SlaState {
    SlaState::Overdue { due, by_minutes }
}

fn targets(first_response: u32, on_site: Option<u32>, resolve: u32) -> ServiceTargets {
    ServiceTargets {
        first_response_minutes: first_response,
        on_site_minutes: on_site,
        resolve_minutes: resolve,
        business_hours_only: false,
    }
}

/// The default catalog's critical and normal levels.
const CRITICAL: (u32, Option<u32>, u32) = (30, Some(240), 480);
const NORMAL: (u32, Option<u32>, u32) = (120, Some(1440), 2880);

fn level((first, on_site, resolve): (u32, Option<u32>, u32)) -> ServiceTargets {
    targets(first, on_site, resolve)
}

/// Mon–Fri 08:30–18:00 and Sat 09:00–17:00 at UTC+08:00, with the given
/// holidays.
fn shanghai_hours(closed: &[&str]) -> BusinessCalendar {
    let mut weekly: Vec<OpeningHours> = Weekday::ALL[..5]
        .iter()
        .map(|&weekday| OpeningHours {
            weekday,
            open_minute: 510,
            close_minute: 1080,
        })
        .collect();
    weekly.push(OpeningHours {
        weekday: Weekday::Saturday,
        open_minute: 540,
        close_minute: 1020,
    });
    BusinessCalendar {
        utc_offset_minutes: 480,
        weekly,
        closed_dates: closed.iter().map(|d| Date::parse(d).unwrap()).collect(),
    }
}

#[test]
fn around_the_clock_deadlines_and_states() {
    let received = nov(20, "09:00");
    let history = [(received, Submitted)];
    let clock = SlaClock::new(received, level(NORMAL), None, &history, true);
    assert_eq!(clock.respond_by(), Some(nov(20, "11:00")));
    assert_eq!(clock.on_site_by(), Some(nov(21, "09:00")));
    assert_eq!(clock.resolve_by(), Some(nov(22, "09:00")));
    let at_ten = clock.state_at(nov(20, "10:00"));
    assert_eq!(at_ten.first_response, running(nov(20, "11:00"), 60));
    assert_eq!(at_ten.on_site, Some(running(nov(21, "09:00"), 23 * 60)));
    let almost = ts("2026-11-20T10:59:30+08:00");
    assert_eq!(
        clock.state_of(SlaTarget::FirstResponse, almost),
        Some(running(nov(20, "11:00"), 1))
    );
    assert_eq!(
        clock.state_of(SlaTarget::FirstResponse, nov(20, "11:00")),
        Some(running(nov(20, "11:00"), 0)),
        "the deadline itself is still in time"
    );
    assert_eq!(
        clock.state_of(SlaTarget::FirstResponse, nov(20, "11:30")),
        Some(overdue(nov(20, "11:00"), 30))
    );
}

#[test]
fn responses_and_visits_are_met_and_later_statuses_do_not_matter() {
    let received = nov(20, "09:00");
    let history = [
        (received, Submitted),
        (nov(20, "09:20"), Acknowledged),
        (nov(20, "09:40"), Assigned),
        (nov(20, "12:00"), InProgress),
        (nov(20, "13:00"), WaitingOnCustomer),
    ];
    let clock = SlaClock::new(received, level(CRITICAL), None, &history, false);
    let later = clock.state_at(nov(20, "18:00"));
    assert_eq!(
        later.first_response,
        SlaState::Met {
            at: nov(20, "09:20")
        }
    );
    assert_eq!(
        later.on_site,
        Some(SlaState::Met {
            at: nov(20, "12:00")
        })
    );
    assert_eq!(
        later.resolution,
        overdue(nov(20, "17:00"), 60),
        "without pausing, waiting on the customer still counts"
    );
    assert_eq!(clock.respond_by(), Some(nov(20, "09:30")));
    // Looking back at 09:10, nothing had happened yet.
    assert_eq!(
        clock.state_at(nov(20, "09:10")).first_response,
        running(nov(20, "09:30"), 20)
    );
}

#[test]
fn a_late_response_is_met_after_its_deadline() {
    let received = nov(20, "09:00");
    let history = [(received, Submitted), (nov(20, "10:05"), Acknowledged)];
    let clock = SlaClock::new(received, level(CRITICAL), None, &history, true);
    assert_eq!(
        clock.state_at(nov(20, "10:00")).first_response,
        overdue(nov(20, "09:30"), 30)
    );
    assert_eq!(
        clock.state_at(nov(20, "11:00")).first_response,
        SlaState::Met {
            at: nov(20, "10:05")
        }
    );
    assert!(clock.respond_by().unwrap() < nov(20, "10:05"));
}

#[test]
fn business_hours_carry_a_friday_evening_request_into_saturday() {
    let calendar = shanghai_hours(&[]);
    let received = nov(20, "17:00");
    let history = [(received, Submitted)];
    let two_hours = targets(120, None, 600);
    let clock = SlaClock::new(received, two_hours, Some(&calendar), &history, true);
    assert_eq!(clock.respond_by(), Some(nov(21, "10:00")));
    // Ten hours: one on Friday, eight on Saturday, and from 08:30 on Monday.
    assert_eq!(clock.resolve_by(), Some(nov(23, "09:30")));
    assert_eq!(clock.on_site_by(), None);
    let sunday = clock.state_at(nov(22, "12:00"));
    assert_eq!(sunday.on_site, None);
    assert_eq!(
        sunday.resolution,
        running(nov(23, "09:30"), 60),
        "nothing is counted on Sunday"
    );
    assert_eq!(
        clock.state_at(nov(20, "20:00")).first_response,
        running(nov(21, "10:00"), 60)
    );
}

#[test]
fn the_low_level_counts_eight_and_forty_business_hours() {
    let calendar = shanghai_hours(&[]);
    let mut low = targets(480, None, 2400);
    low.business_hours_only = true;
    let received = nov(20, "17:00");
    let history = [(received, Submitted)];
    let clock = SlaClock::new(received, low, Some(&calendar), &history, true);
    assert_eq!(clock.respond_by(), Some(nov(21, "16:00")));
    // 1 h Friday, 8 h Saturday, 9.5 h each Monday to Wednesday, 2.5 h Thursday.
    assert_eq!(clock.resolve_by(), Some(nov(26, "11:00")));
}

#[test]
fn holidays_are_skipped() {
    let golden_week = [
        "2026-10-01",
        "2026-10-02",
        "2026-10-03",
        "2026-10-04",
        "2026-10-05",
        "2026-10-06",
        "2026-10-07",
    ];
    let calendar = shanghai_hours(&golden_week);
    let received = ts("2026-09-30T17:00:00+08:00");
    let history = [(received, Submitted)];
    let clock = SlaClock::new(
        received,
        targets(120, None, 600),
        Some(&calendar),
        &history,
        true,
    );
    assert_eq!(clock.respond_by(), Some(ts("2026-10-08T09:30:00+08:00")));
    assert_eq!(
        clock
            .state_at(ts("2026-10-05T12:00:00+08:00"))
            .first_response,
        running(ts("2026-10-08T09:30:00+08:00"), 60)
    );
}

#[test]
fn waiting_on_the_customer_pauses_and_moves_the_deadline() {
    let received = nov(20, "09:00");
    let mut history = vec![
        (received, Submitted),
        (nov(20, "09:10"), Acknowledged),
        (nov(20, "09:15"), Assigned),
        (nov(20, "09:30"), InProgress),
        (nov(20, "10:00"), WaitingOnCustomer),
    ];
    let waiting = SlaClock::new(received, level(CRITICAL), None, &history, true);
    assert_eq!(waiting.resolve_by(), None, "unknown while paused");
    assert_eq!(
        waiting.state_at(nov(20, "11:30")).resolution,
        SlaState::Paused {
            remaining_minutes: 7 * 60
        }
    );
    history.push((nov(20, "12:00"), InProgress));
    let resumed = SlaClock::new(received, level(CRITICAL), None, &history, true);
    assert_eq!(
        resumed.resolve_by(),
        Some(nov(20, "19:00")),
        "two hours later than 17:00"
    );
    assert_eq!(
        resumed.state_at(nov(20, "13:00")).resolution,
        running(nov(20, "19:00"), 6 * 60)
    );
    history.push((nov(20, "18:00"), Resolved));
    let resolved = SlaClock::new(received, level(CRITICAL), None, &history, true);
    assert_eq!(
        resolved.state_at(nov(20, "20:00")).resolution,
        SlaState::Met {
            at: nov(20, "18:00")
        }
    );
    assert_eq!(resolved.resolve_by(), Some(nov(20, "19:00")));
    let not_pausing = SlaClock::new(received, level(CRITICAL), None, &history, false);
    assert_eq!(not_pausing.resolve_by(), Some(nov(20, "17:00")));
}

#[test]
fn pausing_after_the_deadline_does_not_undo_the_breach() {
    let received = nov(20, "09:00");
    let history = [
        (received, Submitted),
        (nov(20, "09:10"), Acknowledged),
        (nov(20, "16:00"), InProgress),
        (nov(20, "17:30"), WaitingOnCustomer),
    ];
    let clock = SlaClock::new(received, level(CRITICAL), None, &history, true);
    assert_eq!(
        clock.state_at(nov(20, "18:00")).resolution,
        overdue(nov(20, "17:00"), 60)
    );
    assert_eq!(clock.resolve_by(), Some(nov(20, "17:00")));
}

#[test]
fn business_hours_and_a_pause_together() {
    let calendar = shanghai_hours(&[]);
    let received = nov(20, "16:00");
    // Asked for a photo at 16:30 on Friday; the customer sends it at 20:00
    // on Sunday. The half hour before the question counts, then nothing
    // until Monday 08:30.
    let history = [
        (received, Submitted),
        (nov(20, "16:10"), InProgress),
        (nov(20, "16:30"), WaitingOnCustomer),
        (nov(22, "20:00"), InProgress),
    ];
    let clock = SlaClock::new(
        received,
        targets(60, None, 240),
        Some(&calendar),
        &history,
        true,
    );
    assert_eq!(
        clock.state_at(nov(21, "12:00")).resolution,
        SlaState::Paused {
            remaining_minutes: 210
        }
    );
    assert_eq!(clock.resolve_by(), Some(nov(23, "12:00")));
}

#[test]
fn reopening_resumes_the_resolution_clock() {
    let received = nov(20, "09:00");
    let history = [
        (received, Submitted),
        (nov(20, "09:10"), Acknowledged),
        (nov(20, "09:30"), InProgress),
        (nov(20, "12:00"), Resolved),
        (nov(20, "14:00"), InProgress),
    ];
    let clock = SlaClock::new(received, level(CRITICAL), None, &history, true);
    assert_eq!(
        clock.state_at(nov(20, "13:00")).resolution,
        SlaState::Met {
            at: nov(20, "12:00")
        }
    );
    assert_eq!(
        clock.state_at(nov(20, "15:00")).resolution,
        running(nov(20, "19:00"), 4 * 60),
        "three hours were used before resolving; the resolved two hours do not count"
    );
    let mut closed = history.to_vec();
    closed.push((nov(20, "16:00"), Resolved));
    closed.push((nov(21, "10:00"), Closed));
    let clock = SlaClock::new(received, level(CRITICAL), None, &closed, true);
    assert_eq!(
        clock.state_at(nov(22, "10:00")).resolution,
        SlaState::Met {
            at: nov(20, "16:00")
        },
        "met when last resolved, not when closed"
    );
}

#[test]
fn cancelling_stops_every_clock() {
    let received = nov(20, "09:00");
    let early = [(received, Submitted), (nov(20, "09:05"), Cancelled)];
    let clock = SlaClock::new(received, level(NORMAL), None, &early, true);
    let stopped = SlaState::Stopped {
        at: nov(20, "09:05"),
    };
    assert_eq!(
        clock.state_at(nov(25, "09:00")),
        SlaStates {
            first_response: stopped,
            on_site: Some(stopped),
            resolution: stopped
        }
    );
    let after_ack = [
        (received, Submitted),
        (nov(20, "09:30"), Acknowledged),
        (nov(20, "10:00"), Cancelled),
    ];
    let clock = SlaClock::new(received, level(NORMAL), None, &after_ack, true);
    let states = clock.state_at(nov(25, "09:00"));
    assert_eq!(
        states.first_response,
        SlaState::Met {
            at: nov(20, "09:30")
        }
    );
    assert_eq!(
        states.resolution,
        SlaState::Stopped {
            at: nov(20, "10:00")
        }
    );
}

#[test]
fn the_clock_starts_when_the_request_reaches_the_department() {
    // Written offline at 07:00, received at 09:00: the clock starts at 09:00.
    let received = nov(20, "09:00");
    let history = [(nov(20, "07:00"), Submitted)];
    let clock = SlaClock::new(received, level(CRITICAL), None, &history, true);
    assert_eq!(clock.respond_by(), Some(nov(20, "09:30")));
    assert_eq!(
        clock.state_at(nov(20, "08:00")).first_response,
        running(nov(20, "09:30"), 30)
    );
}
