//! Hardening that every deployment gets: a Content-Security-Policy on the
//! portal's pages, a CORS allowlist for the API, and the API's body limit.
//!
//! The policy is in [`csp`]: scripts only from the portal and Trunk's
//! inline loader by its hash, and frames only on the `[embedding]` origins.
//!
//! JSON bodies sent to the API are at most `[limits] body_bytes` (1 MiB by
//! default), on top of each route's own, often lower, limit: a larger one
//! is a 413 problem.
//!
//! CORS is off unless `[cors] origins` lists origins; then a browser script
//! from one of them may call the API with the headers the API reads, and
//! every other origin gets no CORS headers at all.

pub mod csp;

use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{header, HeaderName, HeaderValue, Method};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::Router;
use http_body_util::{BodyExt, LengthLimitError, Limited};
use tower_http::cors::{AllowOrigin, CorsLayer};

pub use csp::{portal_policy, PortalPolicy};

use super::problem::ApiError;
use crate::settings::Settings;

/// How long a browser may cache a preflight's answer.
const PREFLIGHT_MAX_AGE: Duration = Duration::from_secs(600);

/// The request headers a cross-origin script may send.
const ALLOWED_HEADERS: [&str; 7] = [
    "authorization",
    "content-type",
    "idempotency-key",
    "x-access-key",
    "x-survey-token",
    "upload-offset",
    "accept-language",
];

/// The response headers a cross-origin script may read, besides the ones
/// every script may (such as `Content-Type`).
const EXPOSED_HEADERS: [&str; 6] = [
    "retry-after",
    "upload-offset",
    "upload-length",
    "idempotent-replayed",
    "location",
    "www-authenticate",
];

/// The hardening settings, as the router needs them.
#[derive(Debug, Clone)]
pub struct Hardening {
    /// The origins that may frame the portal.
    pub frame_ancestors: Vec<String>,
    /// The origins whose scripts may call the API.
    pub cors_origins: Vec<String>,
    /// The largest body an API route reads unless it says otherwise.
    pub body_limit: usize,
}

impl Default for Hardening {
    fn default() -> Self {
        Hardening::from_settings(&Settings::default())
    }
}

impl Hardening {
    pub fn from_settings(settings: &Settings) -> Self {
        Hardening {
            frame_ancestors: settings.embedding.origins.clone(),
            cors_origins: settings.cors.origins.clone(),
            body_limit: settings.limits.body_bytes,
        }
    }

    /// `router` answering CORS for the allowlisted origins, or unchanged
    /// when there are none. A request from any other origin gets no CORS
    /// headers at all (tower-http's layer would still list the allowed
    /// methods and headers on its preflights).
    pub fn with_cors<S>(&self, router: Router<S>) -> Router<S>
    where
        S: Clone + Send + Sync + 'static,
    {
        let Some(cors) = self.cors() else {
            return router;
        };
        let allowed = Arc::new(self.cors_origins.clone());
        router
            .layer(cors)
            .layer(middleware::from_fn_with_state(allowed, strip_foreign))
    }

    /// The Content-Security-Policy of the portal's pages, whose files are
    /// in `dist` (see [`csp`]).
    pub fn content_security_policy(&self, dist: Option<&Path>) -> PortalPolicy {
        PortalPolicy::new(dist, &self.frame_ancestors)
    }

    fn cors(&self) -> Option<CorsLayer> {
        let origins: Vec<HeaderValue> = self
            .cors_origins
            .iter()
            .filter_map(|origin| HeaderValue::from_str(origin).ok())
            .collect();
        if origins.is_empty() {
            return None;
        }
        let names = |names: &[&'static str]| -> Vec<HeaderName> {
            names.iter().map(|n| HeaderName::from_static(n)).collect()
        };
        Some(
            CorsLayer::new()
                .allow_origin(AllowOrigin::list(origins))
                .allow_methods([
                    Method::GET,
                    Method::HEAD,
                    Method::POST,
                    Method::PUT,
                    Method::PATCH,
                    Method::DELETE,
                ])
                .allow_headers(names(&ALLOWED_HEADERS))
                .expose_headers(names(&EXPOSED_HEADERS))
                .max_age(PREFLIGHT_MAX_AGE),
        )
    }
}

/// Middleware outside the CORS layer: removes every `Access-Control-*`
/// header from answers to requests whose `Origin` is not allowlisted.
async fn strip_foreign(
    State(allowed): State<Arc<Vec<String>>>,
    request: Request,
    next: Next,
) -> Response {
    let foreign = request
        .headers()
        .get(header::ORIGIN)
        .is_some_and(|origin| !allowed.iter().any(|a| a.as_bytes() == origin.as_bytes()));
    let mut response = next.run(request).await;
    if foreign {
        let names: Vec<HeaderName> = response
            .headers()
            .keys()
            .filter(|name| name.as_str().starts_with("access-control-"))
            .cloned()
            .collect();
        for name in names {
            response.headers_mut().remove(name);
        }
    }
    response
}

/// Middleware for the API: a JSON body larger than `limit` bytes is a 413
/// problem, whatever the route's own limit. A declared length over it is
/// refused before anything is read; other JSON bodies are read here, at
/// most `limit` bytes of them, and passed on whole.
pub async fn json_body_limit(State(limit): State<usize>, request: Request, next: Next) -> Response {
    let is_json = request
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|value| value.to_str().ok())
        .is_some_and(|value| {
            let essence = value.split(';').next().unwrap_or_default().trim();
            essence.eq_ignore_ascii_case("application/json")
                || essence.to_ascii_lowercase().ends_with("+json")
        });
    if !is_json {
        return next.run(request).await;
    }
    let declared = request
        .headers()
        .get(header::CONTENT_LENGTH)
        .and_then(|value| value.to_str().ok()?.parse::<u64>().ok());
    let too_large = || ApiError::TooLarge(format!("A JSON body is at most {limit} bytes."));
    if declared.is_some_and(|length| length > limit as u64) {
        return too_large().into_response();
    }
    let (parts, body) = request.into_parts();
    let bytes = match Limited::new(body, limit).collect().await {
        Ok(collected) => collected.to_bytes(),
        Err(error) if error.is::<LengthLimitError>() => return too_large().into_response(),
        Err(_) => return ApiError::Malformed("The body could not be read.".into()).into_response(),
    };
    next.run(Request::from_parts(parts, Body::from(bytes)))
        .await
}
