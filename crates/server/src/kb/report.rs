//! `aftercare-server report kb`: what customers searched for and said about
//! the knowledge base, as plain text tables — the top queries, the queries
//! that found nothing, the articles that deflected a service request, and
//! the articles' votes.
//!
//! Queries are grouped by their normalised form ([`query_key`]: trimmed,
//! lower-cased, runs of white space made one space), which the server
//! stores with each event. A search that found nothing counts as a search
//! and as a zero result. Events are placed in time by when they happened on
//! the device (`at`), votes by when the server stored them.

use std::fmt::Write;

use time::macros::format_description;
use time::Date;

use crate::db::kb_report::{self, ArticleCount, ArticleVotes, QueryCount, Range};
use crate::db::Db;
use crate::timestamp;

/// A day as `--from` and `--to` take it.
const DAY: &[time::format_description::BorrowedFormatItem<'static>] =
    format_description!("[year]-[month]-[day]");

/// The event kinds that are searches.
const SEARCH_KINDS: [&str; 2] = ["search", "zero_result"];

/// A query as the report groups it: trimmed, lower-cased, with every run of
/// white space made one space.
pub fn query_key(query: &str) -> String {
    query
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// Everything the report shows.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct KbReport {
    pub range: Range,
    /// All searches in the range, zero results included.
    pub searches: i64,
    /// The searches that found nothing.
    pub zero_results: i64,
    pub top_queries: Vec<QueryCount>,
    pub top_zero_results: Vec<QueryCount>,
    pub deflections: Vec<ArticleCount>,
    pub votes: Vec<ArticleVotes>,
}

/// The range from `--from` to `--to`: each a day (`YYYY-MM-DD`, UTC; `--to`
/// includes its whole day) or an instant (RFC 3339; `--to` excludes it).
pub fn range(from: Option<&str>, to: Option<&str>) -> Result<Range, String> {
    let instant = |value: &str, whole_day: bool| -> Result<String, String> {
        if let Ok(day) = Date::parse(value, DAY) {
            let day = if whole_day {
                day.next_day().ok_or("the date is too late")?
            } else {
                day
            };
            return Ok(timestamp::format(day.midnight().assume_utc()));
        }
        timestamp::normalize_rfc3339(value)
            .ok_or_else(|| format!("{value:?} is neither a date (YYYY-MM-DD) nor an RFC 3339 time"))
    };
    let range = Range {
        from: from.map(|v| instant(v, false)).transpose()?,
        until: to.map(|v| instant(v, true)).transpose()?,
    };
    if let (Some(from), Some(until)) = (&range.from, &range.until) {
        if from >= until {
            return Err("--from must be before --to".into());
        }
    }
    Ok(range)
}

/// Reads the report for `range`, each table cut at `top` rows.
pub async fn gather(db: &Db, range: &Range, top: u32) -> Result<KbReport, sqlx::Error> {
    Ok(KbReport {
        range: range.clone(),
        searches: kb_report::count_events(db, &SEARCH_KINDS, range).await?,
        zero_results: kb_report::count_events(db, &["zero_result"], range).await?,
        top_queries: kb_report::top_queries(db, &SEARCH_KINDS, range, top).await?,
        top_zero_results: kb_report::top_queries(db, &["zero_result"], range, top).await?,
        deflections: kb_report::deflections(db, range, top).await?,
        votes: kb_report::votes(db, range, top).await?,
    })
}

/// `part` of `whole` as a percentage with one decimal (`"66.7%"`), or `"-"`
/// when there is no whole.
pub fn percent(part: i64, whole: i64) -> String {
    if whole <= 0 {
        return "-".to_string();
    }
    // Rounded half up, in tenths of a percent, without floating point.
    let tenths = (part * 1000 * 2 + whole) / (whole * 2);
    format!("{}.{}%", tenths / 10, tenths % 10)
}

impl KbReport {
    /// The report as text: a heading line, then one table per section.
    pub fn render(&self) -> String {
        let mut out = String::new();
        let from = self.range.from.as_deref().unwrap_or("the beginning");
        let until = self.range.until.as_deref().unwrap_or("now");
        let _ = writeln!(out, "Knowledge base report, {from} to {until} (exclusive)");
        let _ = writeln!(
            out,
            "Searches: {}, of which found nothing: {} ({})",
            self.searches,
            self.zero_results,
            percent(self.zero_results, self.searches)
        );
        section(
            &mut out,
            "Top queries",
            &["query", "count"],
            queries(&self.top_queries),
        );
        section(
            &mut out,
            "Zero-result queries",
            &["query", "count"],
            queries(&self.top_zero_results),
        );
        let deflections = self
            .deflections
            .iter()
            .map(|d| vec![d.article_id.clone(), title(&d.title), d.count.to_string()])
            .collect();
        section(
            &mut out,
            "Deflections",
            &["article", "title", "count"],
            deflections,
        );
        let votes = self
            .votes
            .iter()
            .map(|v| {
                vec![
                    v.article_id.clone(),
                    title(&v.title),
                    v.helpful.to_string(),
                    (v.total - v.helpful).to_string(),
                    percent(v.helpful, v.total),
                    v.comments.to_string(),
                ]
            })
            .collect();
        section(
            &mut out,
            "Article votes",
            &[
                "article",
                "title",
                "helpful",
                "not helpful",
                "helpful share",
                "comments",
            ],
            votes,
        );
        out
    }
}

fn queries(rows: &[QueryCount]) -> Vec<Vec<String>> {
    rows.iter()
        .map(|q| vec![q.query.clone(), q.count.to_string()])
        .collect()
}

fn title(title: &Option<String>) -> String {
    title.clone().unwrap_or_else(|| "(deleted)".to_string())
}

/// Writes a blank line, the section's name, and its table: columns padded
/// to their widest cell, numbers (the cells of every column but the first
/// two) aligned right.
pub(crate) fn section(out: &mut String, name: &str, headers: &[&str], rows: Vec<Vec<String>>) {
    let _ = writeln!(out, "\n{name}");
    if rows.is_empty() {
        let _ = writeln!(out, "  (none)");
        return;
    }
    let header: Vec<String> = headers.iter().map(|h| h.to_string()).collect();
    let mut widths: Vec<usize> = header.iter().map(|h| display_width(h)).collect();
    for row in &rows {
        for (width, cell) in widths.iter_mut().zip(row) {
            *width = (*width).max(display_width(cell));
        }
    }
    let numeric = |column: usize| column > 0 && !(headers.len() > 2 && column == 1);
    for row in std::iter::once(&header).chain(&rows) {
        let mut line = String::from(" ");
        for (column, (cell, width)) in row.iter().zip(&widths).enumerate() {
            let pad = " ".repeat(width - display_width(cell));
            line.push(' ');
            if numeric(column) {
                line.push_str(&pad);
                line.push_str(cell);
            } else {
                line.push_str(cell);
                line.push_str(&pad);
            }
            line.push(' ');
        }
        let _ = writeln!(out, "{}", line.trim_end());
    }
}

/// How many terminal columns `text` takes: two for East Asian wide
/// characters (CJK, Hangul, full-width forms), one for the others.
pub fn display_width(text: &str) -> usize {
    text.chars()
        .map(|c| match c as u32 {
            0x1100..=0x115F
            | 0x2E80..=0x303E
            | 0x3041..=0x33FF
            | 0x3400..=0x4DBF
            | 0x4E00..=0x9FFF
            | 0xA000..=0xA4CF
            | 0xAC00..=0xD7A3
            | 0xF900..=0xFAFF
            | 0xFE30..=0xFE4F
            | 0xFF00..=0xFF60
            | 0xFFE0..=0xFFE6
            | 0x20000..=0x3FFFD => 2,
            _ => 1,
        })
        .sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn queries_are_normalised_for_grouping() {
        assert_eq!(query_key("  Factory   RESET\t"), "factory reset");
        assert_eq!(query_key("如何 \u{3000} 报修"), "如何 报修");
        assert_eq!(query_key("E17"), "e17");
        assert_eq!(query_key("   "), "");
    }

    #[test]
    fn percentages_round_half_up_to_a_tenth() {
        assert_eq!(percent(2, 3), "66.7%");
        assert_eq!(percent(1, 3), "33.3%");
        assert_eq!(percent(1, 8), "12.5%");
        assert_eq!(percent(1, 16), "6.3%");
        assert_eq!(percent(0, 4), "0.0%");
        assert_eq!(percent(4, 4), "100.0%");
        assert_eq!(percent(0, 0), "-");
    }

    #[test]
    fn days_and_instants_make_half_open_ranges() {
        let days = range(Some("2026-11-01"), Some("2026-11-30")).unwrap();
        assert_eq!(days.from.as_deref(), Some("2026-11-01T00:00:00.000Z"));
        assert_eq!(days.until.as_deref(), Some("2026-12-01T00:00:00.000Z"));
        let instants = range(Some("2026-11-01T08:00:00+08:00"), None).unwrap();
        assert_eq!(instants.from.as_deref(), Some("2026-11-01T00:00:00.000Z"));
        assert_eq!(instants.until, None);
        assert_eq!(range(None, None).unwrap(), Range::default());
        assert!(range(Some("2026-13-01"), None).is_err());
        assert!(range(Some("yesterday"), None).is_err());
        assert!(range(Some("2026-11-02"), Some("2026-11-01")).is_err());
    }

    #[test]
    fn wide_characters_take_two_columns() {
        assert_eq!(display_width("abc"), 3);
        assert_eq!(display_width("报修"), 4);
        assert_eq!(display_width("E17 报修"), 8);
    }
}
