//! The department's side of service requests, relative to `/api/v1`, for
//! staff tokens only (`aftercare-server staff token NAME`):
//!
//! - `POST /staff/requests/{number}/actions {action, engineer?,
//!   appointment?: {start, end}, note?}` with `action` one of `acknowledge`,
//!   `assign` (needs `engineer`, a staff name), `schedule` (needs
//!   `appointment`), `start`, `wait`, `resolve`, `close`;
//! - `POST /staff/requests/{number}/messages {text, attachments?}`, whose
//!   files (the staff member's own uploads) the customer can then download.
//!
//! Both answer the request as staff see it. Without a token: 401; with a
//! customer's token or a guest's key: 404. Complaints are the supervisors'
//! queue: to an engineer they do not exist (404). After either commits, the
//! customer is mailed the news ([`crate::requests::notify`]).

use axum::extract::{DefaultBodyLimit, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::post;
use axum::Router;

use super::extract::{Json, Path};
use super::identity::Identity;
use super::problem::ApiError;
use super::requests::{desk, post_message};
use super::AppState;
use crate::requests::notify::{self, Change};
use crate::requests::{self, Asker, MessageBody, MoveDetail, StaffActionBody};
use crate::surveys::invite::SurveyInvite;

/// The largest body these routes read.
pub const BODY_LIMIT: usize = 64 * 1024;

/// The staff routes, relative to `/api/v1`.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/staff/requests/{number}/actions", post(action))
        .route("/staff/requests/{number}/messages", post(message))
        .layer(DefaultBodyLimit::max(BODY_LIMIT))
}

/// The asker, if they are staff.
fn staff_only(asker: &Asker) -> Result<(), ApiError> {
    match asker.identity {
        Identity::Staff { .. } => Ok(()),
        Identity::Nobody => Err(ApiError::Unauthenticated(
            "This needs a staff member's bearer token.".into(),
        )),
        _ => Err(ApiError::NotFound("There is no such API route.".into())),
    }
}

async fn action(
    State(state): State<AppState>,
    asker: Asker,
    Path(number): Path<String>,
    Json(body): Json<StaffActionBody>,
) -> Result<axum::Json<requests::RequestView>, ApiError> {
    staff_only(&asker)?;
    let detail = MoveDetail::check(&body)?;
    let view = requests::act(desk(&state), &asker, &number, body.action.action(), &detail).await?;
    notify(&state, &view, Change::Moved).await;
    Ok(axum::Json(view))
}

/// Tells the request's customer, after the commit ([`crate::requests::notify`]),
/// with the survey link when the move resolved the request.
async fn notify(state: &AppState, view: &requests::RequestView, change: Change) {
    let invite = SurveyInvite::when_surveyed(
        &state.catalog,
        &state.pepper,
        &state.public_url,
        state.clock.now(),
    );
    notify::status_change(
        &state.db,
        &state.mailer,
        &state.portal,
        view,
        change,
        invite,
    )
    .await;
}

async fn message(
    State(state): State<AppState>,
    asker: Asker,
    Path(number): Path<String>,
    headers: HeaderMap,
    Json(body): Json<MessageBody>,
) -> Result<Response, ApiError> {
    staff_only(&asker)?;
    let view = post_message(&state, &asker, &number, &headers, &body).await?;
    notify(&state, &view, Change::Message).await;
    Ok((StatusCode::CREATED, axum::Json(view)).into_response())
}
