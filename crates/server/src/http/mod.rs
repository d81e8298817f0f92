//! The HTTP face of the server: the router that [`app`] builds from the
//! per-resource modules, and the middleware every response passes through.

pub mod extract;
pub mod health;
pub mod kb;
pub mod language;
pub mod portal;
pub mod problem;
pub mod static_site;

use std::path::PathBuf;
use std::sync::Arc;

use aftercare_core::PortalConfig;
use axum::extract::Request;
use axum::http::header::{HeaderName, REFERRER_POLICY, X_CONTENT_TYPE_OPTIONS};
use axum::http::HeaderValue;
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::Router;
use tower_http::set_header::SetResponseHeaderLayer;
use tower_http::trace::{DefaultOnFailure, TraceLayer};
use tracing::Level;

use crate::db::Db;
use problem::ApiError;

/// What every request handler can reach.
#[derive(Debug, Clone)]
pub struct AppState {
    pub db: Db,
    pub portal: Arc<PortalConfig>,
    /// The portal's built files, if they exist.
    pub dist: Option<PathBuf>,
}

impl AppState {
    /// State for `db` and `portal`, serving the files in `dist` if it is a
    /// directory.
    pub fn new(db: Db, portal: PortalConfig, dist: Option<PathBuf>) -> Self {
        AppState {
            db,
            portal: Arc::new(portal),
            dist: dist.filter(|dir| dir.is_dir()),
        }
    }
}

/// The whole application: `/api/v1/...`, `/healthz`, and the portal's files
/// for every other path.
pub fn app(state: AppState) -> Router {
    let v1 = Router::new().merge(portal::router()).merge(kb::router());
    let portal_files =
        static_site::router(state.dist.as_deref()).layer(middleware::from_fn(api_guard));
    Router::new()
        .nest("/api/v1", v1)
        .merge(health::router())
        .fallback_service(portal_files)
        .layer(middleware::from_fn(problem::localize))
        // Requests are logged at debug level. Failures are not logged again
        // here: handlers log the causes of their own 5xx answers, and the
        // "portal not built" 503 is not worth an error line per request.
        .layer(TraceLayer::new_for_http().on_failure(DefaultOnFailure::new().level(Level::DEBUG)))
        .layer(always(X_CONTENT_TYPE_OPTIONS, "nosniff"))
        .layer(always(REFERRER_POLICY, "no-referrer"))
        .with_state(state)
}

/// Middleware in front of the portal's files: an API path no route matched
/// is a missing API resource, never a page of the portal.
async fn api_guard(request: Request, next: Next) -> Response {
    if problem::is_api_path(request.uri().path()) {
        return ApiError::NotFound("There is no such API route.".into()).into_response();
    }
    next.run(request).await
}

fn always(name: HeaderName, value: &'static str) -> SetResponseHeaderLayer<HeaderValue> {
    SetResponseHeaderLayer::overriding(name, HeaderValue::from_static(value))
}
