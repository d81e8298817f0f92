//! `GET /healthz`: whether this server can serve, for load balancers and
//! orchestrators. It answers 200 when the database answers `SELECT 1`, and a
//! 503 problem when it does not.

use axum::extract::State;
use axum::routing::get;
use axum::{Json, Router};
use serde_json::{json, Value};

use super::problem::ApiError;
use super::AppState;

/// The health route, at the root.
pub fn router() -> Router<AppState> {
    Router::new().route("/healthz", get(healthz))
}

async fn healthz(State(state): State<AppState>) -> Result<Json<Value>, ApiError> {
    state.db.ping().await.map_err(ApiError::Unavailable)?;
    Ok(Json(json!({ "status": "ok" })))
}
