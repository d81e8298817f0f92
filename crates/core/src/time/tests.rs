//! Tests of the hand-written calendar arithmetic and the RFC 3339 reader and
//! writer, checked against dates whose answers are known.

use super::*;

fn ts(text: &str) -> Timestamp {
    Timestamp::parse(text).unwrap()
}

fn date(text: &str) -> Date {
    Date::parse(text).unwrap()
}

#[test]
fn civil_days_match_known_dates() {
    assert_eq!(days_from_civil(1970, 1, 1), 0);
    assert_eq!(days_from_civil(2000, 3, 1), 11_017);
    assert_eq!(days_from_civil(1969, 12, 31), -1);
    assert_eq!(days_from_civil(2026, 11, 23), 20_780);
    assert_eq!(civil_from_days(20_780), (2026, 11, 23));
    assert_eq!(civil_from_days(-1), (1969, 12, 31));
    assert_eq!(civil_from_days(11_016), (2000, 2, 29));
}

#[test]
fn civil_days_round_trip_over_four_centuries() {
    let start = days_from_civil(1900, 1, 1);
    let mut expected = (1900, 1, 1);
    for days in start..start + 146_097 {
        assert_eq!(civil_from_days(days), expected, "day {days}");
        assert_eq!(days_from_civil(expected.0, expected.1, expected.2), days);
        let (year, month, day) = expected;
        expected = if day < days_in_month(year, month) {
            (year, month, day + 1)
        } else if month < 12 {
            (year, month + 1, 1)
        } else {
            (year + 1, 1, 1)
        };
    }
}

#[test]
fn weekdays_are_right() {
    assert_eq!(Weekday::from_days(0), Weekday::Thursday);
    assert_eq!(date("2026-11-20").weekday(), Weekday::Friday);
    assert_eq!(date("2026-11-22").weekday(), Weekday::Sunday);
    assert_eq!(date("2024-02-29").weekday(), Weekday::Thursday);
    assert_eq!(date("1969-12-29").weekday(), Weekday::Monday);
    assert_eq!(Weekday::Sunday.index(), 6);
}

#[test]
fn leap_years_follow_the_gregorian_rules() {
    assert!(is_leap_year(2024));
    assert!(is_leap_year(2000));
    assert!(!is_leap_year(1900));
    assert!(!is_leap_year(2026));
    assert_eq!(days_in_month(2024, 2), 29);
    assert_eq!(days_in_month(2100, 2), 28);
    assert_eq!(days_in_month(2026, 4), 30);
}

#[test]
fn dates_are_validated() {
    assert_eq!(date("2024-02-29").to_string(), "2024-02-29");
    for bad in [
        "2026-02-29",
        "1900-02-29",
        "2026-13-01",
        "2026-00-10",
        "2026-04-31",
        "2026-01-00",
        "2026-1-05",
        "26-01-05",
        "2026/01/05",
        "2026-01-05T00:00:00Z",
        "２０２６-01-05",
        "",
    ] {
        assert_eq!(Date::parse(bad), Err(TimeError::InvalidDate), "{bad}");
    }
    assert_eq!(Date::new(2026, 2, 29), None);
    assert!(date("2026-01-05") < date("2026-10-01"));
}

#[test]
fn dates_move_by_days_and_clamp_by_months() {
    assert_eq!(date("2026-12-31").add_days(1), Some(date("2027-01-01")));
    assert_eq!(date("2024-03-01").add_days(-1), Some(date("2024-02-29")));
    assert_eq!(date("2026-01-31").add_months(1), Some(date("2026-02-28")));
    assert_eq!(date("2024-01-31").add_months(1), Some(date("2024-02-29")));
    assert_eq!(date("2024-02-29").add_months(12), Some(date("2025-02-28")));
    assert_eq!(date("2026-08-31").add_months(18), Some(date("2028-02-29")));
    assert_eq!(date("2026-05-15").add_months(0), Some(date("2026-05-15")));
    assert_eq!(date("9999-12-01").add_months(1), None);
}

#[test]
fn parses_rfc3339_with_offsets_and_fractions() {
    assert_eq!(ts("1970-01-01T00:00:00Z").as_millis(), 0);
    assert_eq!(ts("1970-01-01T00:00:01.5Z").as_millis(), 1_500);
    assert_eq!(ts("1970-01-01T08:00:00+08:00").as_millis(), 0);
    assert_eq!(ts("1969-12-31T19:30:00-04:30").as_millis(), 0);
    assert_eq!(
        ts("2026-11-24T07:30:00.123456+08:00"),
        ts("2026-11-23T23:30:00.123Z")
    );
    assert_eq!(ts("2026-11-23t23:30:00z"), ts("2026-11-23 23:30:00Z"));
    assert_eq!(
        ts("2026-11-23T23:30:00.9999Z").as_millis() % 1000,
        999,
        "finer than a millisecond is dropped, not rounded"
    );
}

#[test]
fn rejects_what_is_not_rfc3339() {
    for bad in [
        "2026-11-23",
        "2026-11-23T23:30:00",
        "2026-11-23T23:30Z",
        "2026-11-23T24:00:00Z",
        "2026-11-23T23:60:00Z",
        "2026-11-23T23:30:60Z",
        "2026-11-23T23:30:00.Z",
        "2026-11-23T23:30:00+0800",
        "2026-11-23T23:30:00+08",
        "2026-11-23T23:30:00+24:00",
        "2026-02-30T00:00:00Z",
        "2026-11-23T23:30:00Z ",
        "yesterday",
        "",
    ] {
        assert_eq!(
            Timestamp::parse(bad),
            Err(TimeError::InvalidTimestamp),
            "{bad}"
        );
    }
}

#[test]
fn formats_the_servers_fixed_width_layout() {
    assert_eq!(
        ts("2026-11-24T07:30:00.123+08:00").to_rfc3339(),
        "2026-11-23T23:30:00.123Z"
    );
    assert_eq!(
        ts("2026-01-02T03:04:05Z").to_string(),
        "2026-01-02T03:04:05.000Z"
    );
    assert_eq!(
        Timestamp::from_millis(-1).to_string(),
        "1969-12-31T23:59:59.999Z"
    );
    assert_eq!(
        ts("0001-01-01T00:00:00Z").to_string(),
        "0001-01-01T00:00:00.000Z"
    );
    let stamp = "2024-02-29T12:00:00.007Z";
    assert_eq!(ts(stamp).to_string(), stamp);
}

#[test]
fn serde_uses_the_text_forms() {
    let value =
        serde_json::to_value((ts("2026-11-24T07:30:00+08:00"), date("2026-02-28"))).unwrap();
    assert_eq!(
        value,
        serde_json::json!(["2026-11-23T23:30:00.000Z", "2026-02-28"])
    );
    let back: (Timestamp, Date) = serde_json::from_value(value).unwrap();
    assert_eq!(back, (ts("2026-11-23T23:30:00Z"), date("2026-02-28")));
    assert!(serde_json::from_str::<Date>("\"2026-02-29\"").is_err());
    assert!(serde_json::from_str::<Timestamp>("1234").is_err());
    assert_eq!(
        serde_json::to_string(&Weekday::Saturday).unwrap(),
        "\"saturday\""
    );
}

#[test]
fn durations_and_local_days() {
    let start = ts("2026-11-20T17:00:00+08:00");
    assert_eq!(start + Duration::hours(2), ts("2026-11-20T19:00:00+08:00"));
    assert_eq!(
        start - Duration::minutes(30),
        ts("2026-11-20T16:30:00+08:00")
    );
    assert_eq!(
        ts("2026-11-20T17:00:00.001+08:00").minutes_since_ceil(start),
        1
    );
    assert_eq!(
        start.minutes_since_ceil(ts("2026-11-20T17:01:00+08:00")),
        -1
    );
    let (day, millis) = ts("2026-11-20T23:30:00Z").local_day_and_millis(480);
    assert_eq!(Date::from_days_since_epoch(day), Some(date("2026-11-21")));
    assert_eq!(millis, 7 * 3_600_000 + 30 * MINUTE_MS);
    assert_eq!(
        date("2026-11-21").start_at_offset(480),
        ts("2026-11-20T16:00:00Z")
    );
}
