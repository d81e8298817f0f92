//! The rows of "My requests": the signed-in customer's list from the
//! backend merged with what this device knows (guest requests, requests
//! still in the outbox), newest activity first, and the filters over them.

use aftercare_core::{Locale, RequestStatus, RequestSummary, ServiceCatalog};
use serde_json::{Map, Value};

use crate::components::request::labels::type_label;
use crate::request_book::SavedRequest;

/// One request in the list.
#[derive(Clone, Debug, PartialEq)]
pub struct Row {
    /// Where the request page is: the number, or the local id.
    pub key: String,
    pub number: Option<String>,
    pub type_key: String,
    /// `None` while the request waits in the outbox.
    pub status: Option<RequestStatus>,
    /// The last activity (RFC 3339), when the backend has the request.
    pub updated_at: Option<String>,
    /// For ordering: the last activity, or when it was queued, in ms.
    pub activity_ms: f64,
    /// Changed since the customer last opened it.
    pub updated: bool,
    /// The start of the description, to recognise the request by.
    pub snippet: String,
    /// Opened with an access key rather than the customer's session.
    pub guest: bool,
    /// Whether the backend says its satisfaction survey is answered.
    pub survey_answered: bool,
}

/// The start of what the customer wrote, on one line.
fn snippet_of(fields: &Map<String, Value>) -> String {
    let text = ["description", "product_model"]
        .iter()
        .find_map(|key| {
            fields
                .get(*key)
                .and_then(Value::as_str)
                .filter(|s| !s.trim().is_empty())
        })
        .unwrap_or_default();
    let line: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if line.chars().count() > 90 {
        let cut: String = line.chars().take(88).collect();
        format!("{cut}…")
    } else {
        line
    }
}

fn millis(rfc3339: &str) -> f64 {
    let ms = js_sys::Date::parse(rfc3339);
    if ms.is_finite() {
        ms
    } else {
        0.0
    }
}

/// The rows: every summary from the backend (with what the device knows of
/// it), then every saved request the backend list does not hold.
pub fn merge(saved: &[SavedRequest], remote: &[RequestSummary]) -> Vec<Row> {
    let mut rows: Vec<Row> = remote
        .iter()
        .map(|summary| {
            let known = saved
                .iter()
                .find(|s| s.number.as_deref() == Some(summary.number.as_str()));
            let seen = known.and_then(|s| s.seen_updated_at.clone());
            Row {
                key: summary.number.clone(),
                number: Some(summary.number.clone()),
                type_key: summary.request_type.clone(),
                status: Some(summary.status),
                updated_at: Some(summary.updated_at.clone()),
                activity_ms: millis(&summary.updated_at),
                updated: seen.is_some_and(|seen| summary.updated_at > seen),
                snippet: known
                    .and_then(|s| s.request.as_ref())
                    .map(|r| snippet_of(&r.fields))
                    .unwrap_or_default(),
                guest: false,
                survey_answered: summary.survey_answered,
            }
        })
        .collect();
    for record in saved {
        let listed = record
            .number
            .as_ref()
            .is_some_and(|n| remote.iter().any(|s| &s.number == n));
        if listed {
            continue;
        }
        let (type_key, fields) = match (&record.request, &record.pending) {
            (Some(r), _) => (r.request_type.clone(), Some(&r.fields)),
            (None, Some(p)) => (p.request_type.clone(), Some(&p.fields)),
            (None, None) => (String::new(), None),
        };
        let updated_at = record.request.as_ref().map(|r| r.updated_at.clone());
        rows.push(Row {
            key: record.key.clone(),
            number: record.number.clone(),
            type_key,
            status: record.request.as_ref().map(|r| r.status),
            activity_ms: updated_at
                .as_deref()
                .map(millis)
                .unwrap_or(record.saved_at_ms),
            updated_at,
            updated: record.updated_since_last_visit(),
            snippet: fields.map(snippet_of).unwrap_or_default(),
            guest: record.access_key.is_some(),
            survey_answered: record.request.as_ref().is_some_and(|r| r.survey_answered),
        });
    }
    rows.sort_by(|a, b| {
        b.activity_ms
            .total_cmp(&a.activity_ms)
            .then(b.key.cmp(&a.key))
    });
    rows
}

/// The status filter's value for a row: the status's name, or `pending`.
pub fn status_value(status: Option<RequestStatus>) -> &'static str {
    match status {
        None => "pending",
        Some(RequestStatus::Submitted) => "submitted",
        Some(RequestStatus::Acknowledged) => "acknowledged",
        Some(RequestStatus::Assigned) => "assigned",
        Some(RequestStatus::Scheduled) => "scheduled",
        Some(RequestStatus::InProgress) => "in_progress",
        Some(RequestStatus::WaitingOnCustomer) => "waiting_on_customer",
        Some(RequestStatus::Resolved) => "resolved",
        Some(RequestStatus::Closed) => "closed",
        Some(RequestStatus::Cancelled) => "cancelled",
    }
}

/// Whether `row` passes the status filter (`""` is all) and the text
/// filter (number, type, description; any case).
pub fn matches(
    row: &Row,
    status: &str,
    text: &str,
    catalog: Option<&ServiceCatalog>,
    locale: Locale,
) -> bool {
    if !status.is_empty() && status_value(row.status) != status {
        return false;
    }
    let needle = text.trim().to_lowercase();
    if needle.is_empty() {
        return true;
    }
    let haystack = format!(
        "{} {} {} {}",
        row.number.as_deref().unwrap_or_default(),
        row.type_key,
        type_label(catalog, &row.type_key, locale),
        row.snippet
    )
    .to_lowercase();
    needle
        .split_whitespace()
        .all(|word| haystack.contains(word))
}
