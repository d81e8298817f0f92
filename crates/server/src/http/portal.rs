//! `GET /portal`: the portal's configuration (locales, knowledge-base
//! categories, branding, and under `search` the synonym sets its offline
//! search shares with the server's), which the client needs before it draws
//! anything, and under `service` the service catalog: request types and their forms,
//! severities and their service-level targets, upload limits, the privacy
//! notice and business hours. The keys of `aftercare_core::PortalConfig`
//! stay at the top level, so a client that knows only them reads it as before.

use aftercare_core::{PortalConfig, ServiceCatalog};
use axum::extract::State;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use serde::Serialize;

use super::AppState;

/// The portal route, relative to `/api/v1`.
pub fn router() -> Router<AppState> {
    Router::new().route("/portal", get(portal_config))
}

/// What `GET /portal` answers.
#[derive(Debug, Serialize)]
pub struct PortalAnswer<'a> {
    #[serde(flatten)]
    pub portal: &'a PortalConfig,
    pub service: &'a ServiceCatalog,
}

async fn portal_config(State(state): State<AppState>) -> Response {
    Json(PortalAnswer {
        portal: &state.portal,
        service: &state.catalog,
    })
    .into_response()
}
