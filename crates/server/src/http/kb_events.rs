//! `POST /kb/events`: a batch of the knowledge base's search analytics
//! events, as the portal gathers them (offline too, through its outbox).
//!
//! The body is `aftercare_core::KbEventBatch`: `{"events": [{kind, query?,
//! article_id?, results?, locale, at}]}` with 1 to 100 events. `kind` is
//! `search`, `zero_result`, `result_click` or `deflection`; searches and
//! zero results need a `query`, clicks and deflections an `article_id`; a
//! query is at most 200 characters; `locale` is one the portal speaks; `at`
//! is an RFC 3339 time. The batch is stored whole or not at all: one bad
//! event makes it a 422 problem whose errors point at each bad value
//! (`/events/3/query`). The answer is 202 `{"accepted": n}`. Events are
//! anonymous. Like every POST it may carry an `Idempotency-Key`; the key
//! and each event's place in the batch are also stored on the rows, so a
//! batch is stored once per key.

use aftercare_core::forms::codes;
use aftercare_core::kb_signals::{MAX_EVENTS_PER_BATCH, MAX_EVENT_QUERY_CHARS};
use aftercare_core::{KbEvent, KbEventBatch, KbEventKind, Locale, ProblemFieldError};
use axum::extract::{DefaultBodyLimit, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::post;
use axum::Router;
use serde::Serialize;

use super::extract::Json;
use super::idempotency::KEY_HEADER;
use super::identity::Identity;
use super::problem::{field_error, ApiError};
use super::AppState;
use crate::config::supported_locales;
use crate::db::kb_events::{self, EventRow};
use crate::kb::{is_slug, report::query_key};
use crate::timestamp;

/// The largest body this route reads: 100 events with 200-character
/// queries in any script fit with room to spare.
pub const BODY_LIMIT: usize = 256 * 1024;
/// The longest article id an event may name (the import's limit).
const MAX_ARTICLE_ID_LEN: usize = 100;

/// The events route, relative to `/api/v1`.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/kb/events", post(create))
        .layer(DefaultBodyLimit::max(BODY_LIMIT))
}

/// What the route answers: how many events were taken.
#[derive(Debug, Serialize)]
pub struct Accepted {
    pub accepted: usize,
}

/// Checks every event of `batch`, returning the rows to store or every
/// error found.
fn check(batch: KbEventBatch) -> Result<Vec<EventRow>, ApiError> {
    let count = batch.events.len();
    if count == 0 || count > MAX_EVENTS_PER_BATCH {
        let code = if count == 0 {
            codes::REQUIRED
        } else {
            codes::TOO_MANY
        };
        return Err(ApiError::Unprocessable(vec![field_error(
            "/events",
            code,
            format!("a batch has 1 to {MAX_EVENTS_PER_BATCH} events"),
        )]));
    }
    let mut errors = Vec::new();
    let rows: Vec<EventRow> = batch
        .events
        .into_iter()
        .enumerate()
        .map(|(index, event)| check_event(index, event, &mut errors))
        .collect();
    if errors.is_empty() {
        Ok(rows)
    } else {
        Err(ApiError::Unprocessable(errors))
    }
}

/// Checks one event, adding an error per bad value to `errors`.
fn check_event(index: usize, event: KbEvent, errors: &mut Vec<ProblemFieldError>) -> EventRow {
    let mut fail = |field: &str, code: &str, detail: String| {
        errors.push(field_error(
            &format!("/events/{index}/{field}"),
            code,
            detail,
        ));
    };
    let kind = event.kind;
    let query = event.query.filter(|q| !q.trim().is_empty());
    let needs_query = matches!(kind, KbEventKind::Search | KbEventKind::ZeroResult);
    match &query {
        Some(query) if query.chars().count() > MAX_EVENT_QUERY_CHARS => fail(
            "query",
            codes::TOO_LONG,
            format!("at most {MAX_EVENT_QUERY_CHARS} characters"),
        ),
        None if needs_query => fail(
            "query",
            codes::REQUIRED,
            format!("a {} event needs its query", kind.as_str()),
        ),
        _ => {}
    }
    let needs_article = matches!(kind, KbEventKind::ResultClick | KbEventKind::Deflection);
    match &event.article_id {
        Some(id) if !is_slug(id, MAX_ARTICLE_ID_LEN) => fail(
            "article_id",
            "invalid",
            "not an article id (lowercase letters, digits and dashes)".into(),
        ),
        None if needs_article => fail(
            "article_id",
            codes::REQUIRED,
            format!("a {} event needs its article_id", kind.as_str()),
        ),
        _ => {}
    }
    // Any language the portal speaks: its language switch offers them all,
    // whatever the vendor's content covers.
    if Locale::from_tag(&event.locale).is_none() {
        fail(
            "locale",
            codes::NOT_AN_OPTION,
            format!(
                "{:?} is not one of {}",
                event.locale,
                supported_locales().join(", ")
            ),
        );
    }
    let at = timestamp::normalize_rfc3339(&event.at);
    if at.is_none() {
        fail(
            "at",
            codes::INVALID_DATETIME,
            "an RFC 3339 time such as 2026-11-24T08:30:00Z".into(),
        );
    }
    EventRow {
        kind: kind.as_str(),
        query_key: query.as_deref().map(query_key),
        query,
        article_id: event.article_id,
        results: event.results,
        locale: event.locale,
        at: at.unwrap_or_default(),
    }
}

async fn create(
    State(state): State<AppState>,
    identity: Identity,
    headers: HeaderMap,
    Json(batch): Json<KbEventBatch>,
) -> Result<Response, ApiError> {
    let rows = check(batch)?;
    let scope = identity.scope();
    let key = headers
        .get(KEY_HEADER)
        .and_then(|value| value.to_str().ok());
    let idempotency = key.map(|key| (scope.as_str(), key));
    kb_events::insert_batch(&state.db, &rows, &state.clock.stamp(), idempotency).await?;
    let accepted = Accepted {
        accepted: rows.len(),
    };
    Ok((StatusCode::ACCEPTED, axum::Json(accepted)).into_response())
}
