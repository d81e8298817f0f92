//! `GET /portal`: the portal's configuration (locales, knowledge-base
//! categories, branding), which the client needs before it draws anything.

use axum::extract::State;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};

use super::AppState;

/// The portal route, relative to `/api/v1`.
pub fn router() -> Router<AppState> {
    Router::new().route("/portal", get(portal_config))
}

async fn portal_config(State(state): State<AppState>) -> Response {
    Json(&*state.portal).into_response()
}
