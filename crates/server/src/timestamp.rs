//! UTC timestamps as the database stores them and the API shows them:
//! fixed-width RFC 3339 with milliseconds, such as `2026-11-23T23:30:00.123Z`.
//! Because every value has the same width and the same zone, comparing the
//! strings compares the instants, which is what the feed's ordering relies on.

use time::format_description::well_known::Rfc3339;
use time::macros::format_description;
use time::{Duration, OffsetDateTime, PrimitiveDateTime, UtcOffset};

/// The one layout every stored timestamp has.
const LAYOUT: &[time::format_description::BorrowedFormatItem<'static>] =
    format_description!("[year]-[month]-[day]T[hour]:[minute]:[second].[subsecond digits:3]Z");

/// The current instant in the stored layout.
pub fn now() -> String {
    format(OffsetDateTime::now_utc())
}

/// Formats an instant in the stored layout, dropping anything finer than a
/// millisecond.
pub fn format(instant: OffsetDateTime) -> String {
    instant
        .to_offset(UtcOffset::UTC)
        .format(LAYOUT)
        .expect("a four-digit year always fits the layout")
}

/// Reads a timestamp in the stored layout, and nothing else.
pub fn parse_stored(value: &str) -> Option<OffsetDateTime> {
    PrimitiveDateTime::parse(value, LAYOUT)
        .ok()
        .map(PrimitiveDateTime::assume_utc)
}

/// Reads any RFC 3339 timestamp (any offset, any precision) and returns it in
/// the stored layout.
pub fn normalize_rfc3339(value: &str) -> Option<String> {
    OffsetDateTime::parse(value, &Rfc3339).ok().map(format)
}

/// The timestamp a write should stamp its rows with: now, unless an earlier
/// write already used now or later (a clock step back, or two writes in one
/// millisecond), in which case one millisecond after that. This keeps every
/// write strictly after the ones before it, so no feed cursor handed out
/// earlier can skip it.
pub fn next_after(latest: Option<&str>) -> String {
    let now = OffsetDateTime::now_utc();
    let floor = latest
        .and_then(parse_stored)
        .map(|instant| instant + Duration::milliseconds(1));
    match floor {
        Some(floor) if floor > now => format(floor),
        _ => format(now),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_fixed_width_utc_with_milliseconds() {
        let stamp = normalize_rfc3339("2026-11-24T07:30:00.123456+08:00").unwrap();
        assert_eq!(stamp, "2026-11-23T23:30:00.123Z");
        assert_eq!(
            normalize_rfc3339("2026-01-02T03:04:05Z").unwrap(),
            "2026-01-02T03:04:05.000Z"
        );
        assert_eq!(now().len(), "2026-11-23T23:30:00.123Z".len());
    }

    #[test]
    fn stored_layout_round_trips_and_rejects_other_shapes() {
        let stamp = "2026-11-23T23:30:00.123Z";
        assert_eq!(format(parse_stored(stamp).unwrap()), stamp);
        assert!(parse_stored("2026-11-23T23:30:00Z").is_none());
        assert!(parse_stored("2026-11-23 23:30:00.123Z").is_none());
        assert!(normalize_rfc3339("yesterday").is_none());
    }

    #[test]
    fn next_write_is_strictly_after_the_latest_one() {
        let future = "2999-01-01T00:00:00.000Z";
        assert_eq!(next_after(Some(future)), "2999-01-01T00:00:00.001Z");
        let past = "2000-01-01T00:00:00.000Z";
        assert!(next_after(Some(past)).as_str() > "2020");
        assert!(next_after(None).as_str() > "2020");
    }
}
