//! A service request's satisfaction survey, relative to `/api/v1`:
//!
//! - `GET /requests/{number}/survey` answers the [`SurveyRecord`] (empty
//!   answers before the first) and never writes anything: mail scanners
//!   follow links;
//! - `PUT /requests/{number}/survey {"answers": {...}}` stores the answers:
//!   201 for the first, 200 for a change (same row), the record either way.
//!   It is idempotent by nature, so it takes no `Idempotency-Key`.
//!
//! Who may: the request's signed-in customer (Bearer), its guest
//! (`X-Access-Key`), or the survey link's holder (`X-Survey-Token`, which
//! opens these two routes and nothing else). 404: no such request, not
//! theirs, or no survey in the catalog; 401: no credentials, or a forged or
//! expired token; 403 `forbidden`: staff answering (they only read); 409 `survey-not-open`: the request is not resolved or
//! closed; 409 `survey-closed`: the edit window is over; 422: answers that
//! break the survey's rules, pointed at `/answers/{key}`. The rules are in
//! [`crate::surveys`]. Calls with an access key or a survey token are
//! rate-limited like the request routes ([`super::rate_limit::guest_access`]).

use aftercare_core::SurveyRecord;
use axum::extract::{DefaultBodyLimit, FromRequestParts, State};
use axum::http::header::ACCEPT_LANGUAGE;
use axum::http::request::Parts;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use serde::Deserialize;
use serde_json::{Map, Value};

use super::extract::{Json, Path};
use super::language;
use super::problem::ApiError;
use super::requests::desk;
use super::AppState;
use crate::auth::survey_token::{self, Refusal};
use crate::requests::Asker;
use crate::surveys::{self, SurveyAsker};

/// The largest body these routes read (a comment is at most a few
/// thousand characters).
pub const BODY_LIMIT: usize = 64 * 1024;

/// The survey routes, relative to `/api/v1`.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/requests/{number}/survey", get(read).put(answer))
        .layer(DefaultBodyLimit::max(BODY_LIMIT))
}

/// `PUT /requests/{number}/survey`'s body: the core's `SurveySubmission`,
/// read loosely so that every bad answer gets its own pointer.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SurveyBody {
    pub answers: Map<String, Value>,
}

impl FromRequestParts<AppState> for SurveyAsker {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, ApiError> {
        let asker = Asker::from_request_parts(parts, state).await?;
        let mut values = parts.headers.get_all(survey_token::HEADER).iter();
        let token = values.next().map(|value| {
            let text = value.to_str().map_err(|_| Refusal::Invalid)?;
            if values.next().is_some() {
                return Err(Refusal::Invalid);
            }
            survey_token::verify(&state.pepper, text.trim(), state.clock.now())
        });
        Ok(SurveyAsker { asker, token })
    }
}

async fn read(
    State(state): State<AppState>,
    who: SurveyAsker,
    Path(number): Path<String>,
) -> Result<axum::Json<SurveyRecord>, ApiError> {
    surveys::read(desk(&state), &who, &number)
        .await
        .map(axum::Json)
}

async fn answer(
    State(state): State<AppState>,
    who: SurveyAsker,
    Path(number): Path<String>,
    headers: HeaderMap,
    Json(body): Json<SurveyBody>,
) -> Result<Response, ApiError> {
    // The language the customer answered in; else the request's.
    let locale = headers
        .contains_key(ACCEPT_LANGUAGE)
        .then(|| language::negotiate(&headers).tag());
    let (created, record) =
        surveys::answer(desk(&state), &who, &number, &body.answers, locale).await?;
    let status = if created {
        StatusCode::CREATED
    } else {
        StatusCode::OK
    };
    Ok((status, axum::Json(record)).into_response())
}
