//! The signed-in customer's own data, relative to `/api/v1`:
//!
//! - `GET /me/export` answers everything the backend holds about them as
//!   one JSON document, to download (`Content-Disposition: attachment;
//!   filename="aftercare-my-data-YYYY-MM-DD.json"`): `{exported_at,
//!   customer: {id, email, name, locale, created_at}, requests: [whole
//!   requests with their timelines and messages], attachments: [{id, name,
//!   content_type, bytes, request}], products: [as GET /products],
//!   surveys: [{number, answers, submitted_at, updated_at}], feedback:
//!   [{article_id, helpful, comment, locale, created_at}]}`. Only their
//!   own: requests by their account, files they uploaded or attached to
//!   their requests, knowledge-base answers given signed in.
//! - `DELETE /me` deletes their account (204): their sessions end at once,
//!   their products go, and their requests stay anonymised (see
//!   [`crate::account`]).
//!
//! Anyone but a signed-in customer gets a 401 problem.

use axum::extract::State;
use axum::http::header::{CACHE_CONTROL, CONTENT_DISPOSITION, CONTENT_TYPE};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::{delete, get};
use axum::Router;

use super::identity::Identity;
use super::problem::ApiError;
use super::products::today;
use super::AppState;
use crate::account;

/// The routes, relative to `/api/v1`.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/me/export", get(export))
        .route("/me", delete(remove))
}

/// The name the export is saved under, for the day `date` (`YYYY-MM-DD`).
pub fn export_file_name(date: &str) -> String {
    format!("aftercare-my-data-{date}.json")
}

async fn export(State(state): State<AppState>, identity: Identity) -> Result<Response, ApiError> {
    let data = account::export(&state, &identity).await?;
    let body = serde_json::to_vec_pretty(&data)
        .map_err(|e| ApiError::Fault(format!("the export does not serialize: {e}")))?;
    let disposition = format!(
        "attachment; filename=\"{}\"",
        export_file_name(&today(&state.clock, &state.catalog).to_string())
    );
    Ok((
        [
            (CONTENT_TYPE, "application/json".to_string()),
            (CONTENT_DISPOSITION, disposition),
            (CACHE_CONTROL, "no-store".to_string()),
        ],
        body,
    )
        .into_response())
}

async fn remove(State(state): State<AppState>, identity: Identity) -> Result<StatusCode, ApiError> {
    account::delete(&state, &identity).await?;
    Ok(StatusCode::NO_CONTENT)
}
