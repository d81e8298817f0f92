//! The HTTP face of the server: the router that [`app`] builds from the
//! per-resource modules, and the middleware every response passes through.

pub mod attachments;
pub mod auth;
pub mod demo_vendor;
pub mod extract;
pub mod fault;
pub mod hardening;
pub mod health;
pub mod idempotency;
pub mod identity;
pub mod kb;
pub mod kb_events;
pub mod kb_feedback;
pub mod kb_search;
pub mod language;
pub mod me;
pub mod openapi;
pub mod portal;
pub mod problem;
pub mod problem_kinds;
mod problem_titles;
pub mod products;
pub mod rate_limit;
pub mod requests;
pub mod staff_requests;
pub mod static_site;
pub mod surveys;

use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;

use aftercare_core::{PortalConfig, ServiceCatalog};
use axum::extract::{DefaultBodyLimit, Request};
use axum::http::header::{HeaderName, REFERRER_POLICY, X_CONTENT_TYPE_OPTIONS};
use axum::http::HeaderValue;
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::Router;
use tower_http::set_header::SetResponseHeaderLayer;
use tower_http::trace::{DefaultOnFailure, TraceLayer};
use tracing::Level;

use crate::auth::secret::Pepper;
use crate::clock::Clock;
use crate::db::Db;
use crate::kb::search_cache::SearchCache;
use crate::mail::Mailer;
use crate::settings::{EmbedSettings, Settings};
use fault::Faults;
use hardening::Hardening;
use problem::ApiError;
use rate_limit::RateLimiter;

/// What every request handler can reach; cheap to clone.
#[derive(Debug, Clone)]
pub struct AppState {
    pub db: Db,
    pub portal: Arc<PortalConfig>,
    /// The portal's built files, if they exist.
    pub dist: Option<PathBuf>,
    /// The time, as every expiry and rate limit sees it.
    pub clock: Clock,
    /// The key of sign-in code hashes and sealed responses.
    pub pepper: Arc<Pepper>,
    pub mailer: Mailer,
    pub limits: Arc<RateLimiter>,
    /// The vendors that may sign customers in from their websites.
    pub embed: Arc<EmbedSettings>,
    /// The CSP's embedding origins, the CORS allowlist and the body limit.
    pub hardening: Arc<Hardening>,
    /// The test-only fault rules, when `AFTERCARE_FAULTS=1` turned them on.
    pub faults: Option<Faults>,
    /// Request types, severities and their targets, published with the
    /// portal configuration.
    pub catalog: Arc<ServiceCatalog>,
    /// Where files live (attachments under `attachments/`); without one,
    /// uploads answer 500.
    pub data_dir: Option<PathBuf>,
    /// The knowledge base's search index, kept between requests.
    pub search: Arc<SearchCache>,
    /// The portal's address as customers reach it, for links in mail
    /// (`[server] public_url`; see [`crate::settings::ServerSettings`]).
    pub public_url: Arc<str>,
    /// Where the demo vendor page on the main listener finds the portal
    /// (see [`demo_vendor`]).
    pub demo_portal: demo_vendor::PortalOrigin,
    /// Where `serve --vendor-addr` put the demo vendor's own listener, if it
    /// did: the main listener then sends the demo page there.
    pub vendor_listener: Option<SocketAddr>,
}

impl AppState {
    /// State for `db` and `portal`, serving the files in `dist` if it is a
    /// directory, with the default settings: the system clock, a random
    /// pepper, codes printed to stdout, the default rate limits, and no
    /// embedding vendors.
    pub fn new(db: Db, portal: PortalConfig, dist: Option<PathBuf>) -> Self {
        AppState {
            db,
            portal: Arc::new(portal),
            dist: dist.filter(|dir| dir.is_dir()),
            clock: Clock::system(),
            pepper: Arc::new(Pepper::random()),
            mailer: Mailer::Stdout,
            limits: Arc::new(RateLimiter::new(Default::default())),
            embed: Arc::default(),
            hardening: Arc::default(),
            faults: None,
            catalog: Arc::new(crate::catalog::defaults()),
            data_dir: None,
            search: Arc::default(),
            public_url: Arc::from(crate::settings::DEFAULT_PUBLIC_URL),
            demo_portal: demo_vendor::PortalOrigin::RequestHost,
            vendor_listener: None,
        }
    }

    /// The same state with the mail relay, rate limits and vendors of
    /// `settings` (the pepper is chosen by the caller; see [`Self::with_pepper`]).
    pub fn with_settings(mut self, settings: &Settings) -> Result<Self, String> {
        self.mailer = Mailer::from_settings(settings.mail.as_ref())?;
        self.limits = Arc::new(RateLimiter::new(settings.limits.clone()));
        self.embed = Arc::new(settings.embed.clone());
        self.hardening = Arc::new(Hardening::from_settings(settings));
        if settings.server.public_url.is_some() {
            self.public_url = Arc::from(settings.server.public_url_or(None));
        }
        self.demo_portal = demo_vendor::PortalOrigin::configured_or(
            settings.server.public_url.as_deref(),
            demo_vendor::PortalOrigin::RequestHost,
        );
        Ok(self)
    }

    /// The same state linking to the portal at `public_url` in mail.
    pub fn with_public_url(mut self, public_url: &str) -> Self {
        self.public_url = Arc::from(public_url.trim_end_matches('/'));
        self
    }

    /// The same state knowing that the demo vendor's listener is at
    /// `vendor` (see [`demo_vendor::main_router`]).
    pub fn with_vendor_listener(mut self, vendor: SocketAddr) -> Self {
        self.vendor_listener = Some(vendor);
        self
    }

    /// The same state reading the time from `clock`.
    pub fn with_clock(mut self, clock: Clock) -> Self {
        self.clock = clock;
        self
    }

    /// The same state with `pepper`.
    pub fn with_pepper(mut self, pepper: Pepper) -> Self {
        self.pepper = Arc::new(pepper);
        self
    }

    /// The same state with the test-only fault layer on (`Some`) or off.
    pub fn with_faults(mut self, faults: Option<Faults>) -> Self {
        self.faults = faults;
        self
    }

    /// The same state offering the service requests of `catalog`.
    pub fn with_catalog(mut self, catalog: ServiceCatalog) -> Self {
        self.catalog = Arc::new(catalog);
        self
    }

    /// The same state keeping files in `data_dir`.
    pub fn with_data_dir(mut self, data_dir: PathBuf) -> Self {
        self.data_dir = Some(data_dir);
        self
    }

    /// The same state sending mail with `mailer`.
    pub fn with_mailer(mut self, mailer: Mailer) -> Self {
        self.mailer = mailer;
        self
    }
}

/// The whole application: `/api/v1/...`, `/healthz`, the demo vendor page
/// or a redirect to its own listener (`/demo/...`, see [`demo_vendor`]), and the portal's files for every
/// other path. Every POST under `/api/v1` goes through the
/// idempotency layer; the hardening (CSP, CORS, body limit) is in
/// [`hardening`], and the test-only [`fault`] layer is there when the state
/// has fault rules. Serve it with connection information
/// (`into_make_service_with_connect_info::<SocketAddr>`) so that rate
/// limits know each client's address.
pub fn app(state: AppState) -> Router {
    let v1 = Router::new()
        .merge(portal::router())
        .merge(openapi::router())
        .merge(kb::router())
        .merge(kb_search::router())
        .merge(kb_feedback::router())
        .merge(kb_events::router())
        .merge(auth::router())
        .merge(requests::router().layer(middleware::from_fn_with_state(
            state.clone(),
            rate_limit::guest_access,
        )))
        .merge(surveys::router().layer(middleware::from_fn_with_state(
            state.clone(),
            rate_limit::guest_access,
        )))
        .merge(staff_requests::router())
        .merge(products::router())
        .merge(me::router())
        .merge(attachments::router().layer(middleware::from_fn_with_state(
            state.clone(),
            rate_limit::guest_access,
        )))
        .layer(DefaultBodyLimit::max(state.hardening.body_limit))
        .layer(middleware::from_fn_with_state(
            state.clone(),
            idempotency::layer,
        ))
        .layer(middleware::from_fn_with_state(
            state.hardening.body_limit,
            hardening::json_body_limit,
        ));
    let csp = state
        .hardening
        .content_security_policy(state.dist.as_deref());
    let portal_files = static_site::router(state.dist.as_deref())
        .layer(middleware::from_fn(api_guard))
        .layer(middleware::from_fn_with_state(
            csp,
            hardening::portal_policy,
        ));
    let faults = match &state.faults {
        Some(faults) => fault::router(faults.clone()),
        None => fault::disabled_router(),
    };
    let mut router = Router::new()
        .nest("/api/v1", v1)
        .merge(health::router())
        .merge(demo_vendor::main_router(&state))
        .merge(faults)
        .fallback_service(portal_files)
        .layer(middleware::from_fn(problem::localize))
        // Requests are logged at debug level. Failures are not logged again
        // here: handlers log the causes of their own 5xx answers, and the
        // "portal not built" 503 is not worth an error line per request.
        .layer(TraceLayer::new_for_http().on_failure(DefaultOnFailure::new().level(Level::DEBUG)));
    if let Some(faults) = state.faults.clone() {
        router = router.layer(middleware::from_fn_with_state(faults, fault::layer));
    }
    state
        .hardening
        .with_cors(router)
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
