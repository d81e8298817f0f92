//! The article feed's cursors. A cursor names a position in the feed's order,
//! `(updated_at, id)`, and reads `{updated_at}~{id}`, e.g.
//! `2026-11-23T23:30:00.123Z~kb-reset`. Clients treat it as opaque. A bare
//! RFC 3339 timestamp is accepted too and means "everything updated at or
//! after this instant".

use std::fmt;

use crate::kb::is_slug;
use crate::timestamp;

/// A position in the feed: the rows after it are strictly greater in
/// `(updated_at, id)` order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cursor {
    /// A timestamp in the stored layout.
    pub updated_at: String,
    /// The id of the row the cursor sits on; empty for a bare timestamp, so
    /// that every row stamped at that instant comes after it.
    pub id: String,
}

/// The separator between the two halves; neither ids nor timestamps use it.
const SEPARATOR: char = '~';

impl Cursor {
    /// The cursor sitting on the row with these values.
    pub fn at(updated_at: impl Into<String>, id: impl Into<String>) -> Self {
        Cursor {
            updated_at: updated_at.into(),
            id: id.into(),
        }
    }

    /// Reads a cursor this server handed out, or a bare RFC 3339 timestamp.
    pub fn parse(value: &str) -> Option<Cursor> {
        match value.split_once(SEPARATOR) {
            Some((updated_at, id)) => {
                timestamp::parse_stored(updated_at)?;
                is_slug(id, 100).then(|| Cursor::at(updated_at, id))
            }
            None => timestamp::normalize_rfc3339(value).map(|stamp| Cursor::at(stamp, "")),
        }
    }
}

impl fmt::Display for Cursor {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}{SEPARATOR}{}", self.updated_at, self.id)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cursors_round_trip() {
        let cursor = Cursor::at("2026-11-23T23:30:00.123Z", "kb-reset");
        assert_eq!(cursor.to_string(), "2026-11-23T23:30:00.123Z~kb-reset");
        assert_eq!(Cursor::parse(&cursor.to_string()), Some(cursor));
    }

    #[test]
    fn bare_timestamps_start_at_that_instant() {
        assert_eq!(
            Cursor::parse("2026-11-24T07:30:00+08:00"),
            Some(Cursor::at("2026-11-23T23:30:00.000Z", ""))
        );
    }

    #[test]
    fn malformed_cursors_are_refused() {
        for bad in [
            "",
            "yesterday",
            "2026-11-23T23:30:00Z~kb-reset",
            "2026-11-23T23:30:00.123Z~",
            "2026-11-23T23:30:00.123Z~Bad Id",
            "2026-11-23T23:30:00.123Z~a~b",
        ] {
            assert_eq!(Cursor::parse(bad), None, "{bad:?}");
        }
    }
}
