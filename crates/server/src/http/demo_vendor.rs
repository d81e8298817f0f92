//! The demo vendor: "Brightwell Equipment", a made-up vendor whose product
//! page embeds the portal's widget, as a real vendor's website would. It
//! is how people try the widget and how the end-to-end tests and the bench
//! exercise it.
//!
//! - `GET /demo/vendor.html` is the product page (`demo/vendor.html`), with
//!   the queued-API stub and `<script async src="{portal}/embed.js">`;
//!   `?widget=off` serves it without either, as a baseline to measure the
//!   widget's cost against. The page has its own Content-Security-Policy,
//!   which lets in the portal's script and frame and nothing else foreign.
//! - `POST /demo/token` plays the vendor's web server: it signs an embed
//!   token for the demo customer with the `[embed.vendors.demo]` secret (a
//!   404 problem when there is no such vendor), which the page hands to the
//!   widget with `Aftercare('identify', {token})`.
//!
//! With `serve --vendor-addr`, both routes are on a second listener of
//! their own ([`vendor_app`]): another origin, so the embedding is
//! cross-origin as it is on a real vendor's website. The main listener then
//! answers `/demo/vendor.html` with a 307 to that listener's page and has
//! no `/demo/token`. Without a second listener, the main listener serves
//! both itself ([`main_router`]), the page saying that the widget shows only
//! if its origin is in `[embedding] origins`. The portal's origin the page
//! points at is `[server] public_url` when set; else, on the main listener,
//! the `Host` the page was asked for, and on the second listener the main
//! listener's address.

use std::net::SocketAddr;
use std::sync::Arc;

use axum::extract::{Query, Request, State};
use axum::http::header::{self, HeaderMap, HeaderValue};
use axum::http::Uri;
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{any, get, post};
use axum::{Extension, Json, Router};
use serde::Deserialize;
use serde_json::json;

use super::hardening::csp::inline_hashes;
use super::problem::{self, ApiError};
use super::AppState;
use crate::auth::jwt::{self, AUDIENCE};

/// The page, with `{{PORTAL}}` where the portal's origin goes and the widget
/// between `<!-- widget -->` and `<!-- /widget -->`.
const PAGE: &str = include_str!("../../demo/vendor.html");
const WIDGET_START: &str = "<!-- widget -->";
const WIDGET_END: &str = "<!-- /widget -->";
/// Where the main listener's page gets [`EMBEDDING_NOTE`].
const MAIN_START: &str = "<main id=\"product\">";
/// What the main listener's page says above the product.
const EMBEDDING_NOTE: &str = "<p role=\"note\"><strong>Note:</strong> the widget shows on this \
    page only if the page's origin is listed in <code>[embedding] origins</code> (or run the \
    server with <code>--vendor-addr</code> and open the page there).</p>";

/// The vendor name (`[embed.vendors.NAME]`, the tokens' `iss`) of the demo.
pub const DEMO_VENDOR: &str = "demo";
/// Who the demo's tokens sign in.
pub const DEMO_EMAIL: &str = "demo.customer@example.com";
pub const DEMO_NAME: &str = "Demo Customer";
/// How long a demo token lives, in seconds (at most
/// [`jwt::MAX_LIFETIME_SECONDS`]).
const TOKEN_LIFETIME_SECONDS: i64 = 300;

/// Where the page finds the portal.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PortalOrigin {
    /// `[server] public_url`, without a trailing slash.
    Configured(Arc<str>),
    /// The `Host` the page was asked for (the page is on the main listener).
    RequestHost,
    /// The main listener's bound address (the page is on the second one).
    MainListener(SocketAddr),
}

impl PortalOrigin {
    /// `[server] public_url` when it is set, else `fallback`.
    pub fn configured_or(public_url: Option<&str>, fallback: PortalOrigin) -> Self {
        match public_url {
            Some(url) => PortalOrigin::Configured(Arc::from(url.trim_end_matches('/'))),
            None => fallback,
        }
    }

    /// The portal's base URL (where `embed.js` is) for a request with
    /// `headers`, or `fallback` when it has no usable `Host`.
    fn base_url(&self, headers: &HeaderMap, fallback: &str) -> String {
        let host = request_host(headers);
        match (self, host) {
            (PortalOrigin::Configured(url), _) => url.to_string(),
            (PortalOrigin::RequestHost, Some(host)) => format!("http://{host}"),
            (PortalOrigin::RequestHost, None) => fallback.to_string(),
            (PortalOrigin::MainListener(addr), host) => listener_url(*addr, host.as_deref()),
        }
    }
}

/// The base URL of a listener bound at `addr`, for a request to `host`:
/// bound to every address, the request's host name with `addr`'s port.
fn listener_url(addr: SocketAddr, host: Option<&str>) -> String {
    match host {
        _ if !addr.ip().is_unspecified() => format!("http://{addr}"),
        Some(host) => format!("http://{}:{}", host_name(host), addr.port()),
        None => format!("http://localhost:{}", addr.port()),
    }
}

/// The request's `Host`, lower-cased, if it holds only what a host and port
/// may (it goes into the page and its policy).
fn request_host(headers: &HeaderMap) -> Option<String> {
    let host = headers.get(header::HOST)?.to_str().ok()?;
    let ok = !host.is_empty()
        && host
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'-' | b':' | b'[' | b']'));
    ok.then(|| host.to_ascii_lowercase())
}

/// `host` without its port (`[::1]:8081` gives `[::1]`).
fn host_name(host: &str) -> &str {
    match host.rfind(':') {
        Some(colon) if !host[colon..].contains(']') => &host[..colon],
        _ => host,
    }
}

/// The origin (scheme, host and port) of `url`, for the page's policy.
fn origin_of(url: &str) -> &str {
    let after_scheme = url.find("://").map_or(0, |i| i + 3);
    match url[after_scheme..].find('/') {
        Some(slash) => &url[..after_scheme + slash],
        None => url,
    }
}

/// Whether the page tells its reader that the widget needs the page's
/// origin in `[embedding] origins` (it does on the main listener).
#[derive(Debug, Clone, Copy)]
struct EmbeddingNote(bool);

/// The demo routes, the page pointing at the portal as `portal` says.
fn router(portal: PortalOrigin, note: EmbeddingNote) -> Router<AppState> {
    Router::new()
        .route("/demo/vendor.html", get(page))
        .route("/demo/token", post(token))
        .layer(Extension(portal))
        .layer(Extension(note))
}

/// The demo routes of the main listener. With a second listener (`state`'s
/// `vendor_listener`), the page is a 307 to that listener's page and there
/// is no `/demo/token` (a 404 problem), so the portal's origin signs no demo
/// tokens; without one, the page and the token route are here.
pub fn main_router(state: &AppState) -> Router<AppState> {
    match state.vendor_listener {
        Some(vendor) => Router::new()
            .route(
                "/demo/vendor.html",
                get(move |headers: HeaderMap, uri: Uri| to_vendor_listener(vendor, headers, uri)),
            )
            .route("/demo/token", any(token_elsewhere)),
        None => router(state.demo_portal.clone(), EmbeddingNote(true)),
    }
}

/// `GET /demo/vendor.html` on the main listener when the second listener
/// at `vendor` runs: a 307 to the same page (query kept) there.
async fn to_vendor_listener(vendor: SocketAddr, headers: HeaderMap, uri: Uri) -> Response {
    let host = request_host(&headers);
    let base = listener_url(vendor, host.as_deref());
    let query = uri.query().map(|q| format!("?{q}")).unwrap_or_default();
    Redirect::temporary(&format!("{base}{}{query}", uri.path())).into_response()
}

async fn token_elsewhere() -> Response {
    ApiError::NotFound("Demo tokens are signed on the demo vendor's own listener.".into())
        .into_response()
}

/// The second listener's whole application: the demo routes and nothing
/// else, the page pointing at the main listener (bound at `main`) unless
/// `[server] public_url` says otherwise.
pub fn vendor_app(state: AppState, main: SocketAddr) -> Router {
    let portal = match &state.demo_portal {
        PortalOrigin::Configured(_) => state.demo_portal.clone(),
        _ => PortalOrigin::MainListener(main),
    };
    router(portal, EmbeddingNote(false))
        .fallback(not_here)
        .layer(middleware::from_fn(problem::localize))
        .layer(middleware::from_fn(common_headers))
        .with_state(state)
}

/// What the main listener's routes get from [`super::app`]'s outer layers.
async fn common_headers(request: Request, next: Next) -> Response {
    let mut response = next.run(request).await;
    let headers = response.headers_mut();
    headers.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    headers.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("no-referrer"),
    );
    response
}

async fn not_here() -> Response {
    ApiError::NotFound("The demo vendor's website has only /demo/vendor.html.".into())
        .into_response()
}

#[derive(Debug, Deserialize)]
struct PageQuery {
    /// `off` leaves the widget out.
    widget: Option<String>,
}

async fn page(
    State(state): State<AppState>,
    Extension(portal): Extension<PortalOrigin>,
    Extension(EmbeddingNote(note)): Extension<EmbeddingNote>,
    Query(query): Query<PageQuery>,
    headers: HeaderMap,
) -> Response {
    let base = portal.base_url(&headers, &state.public_url);
    let with_widget = query.widget.as_deref() != Some("off");
    let mut html = render(&base, with_widget);
    if note {
        html = html.replacen(MAIN_START, &format!("{MAIN_START}\n{EMBEDDING_NOTE}"), 1);
    }
    let policy = page_policy(&html, origin_of(&base));
    let policy = HeaderValue::from_str(&policy).expect("the host was checked");
    (
        [
            (
                header::CONTENT_TYPE,
                HeaderValue::from_static("text/html; charset=utf-8"),
            ),
            (header::CACHE_CONTROL, HeaderValue::from_static("no-store")),
            (header::CONTENT_SECURITY_POLICY, policy),
        ],
        html,
    )
        .into_response()
}

/// The page pointing at the portal at `base`, with or without the widget.
pub fn render(base: &str, with_widget: bool) -> String {
    if with_widget {
        return PAGE
            .replace(WIDGET_START, "")
            .replace(WIDGET_END, "")
            .replace("{{PORTAL}}", base);
    }
    match (PAGE.find(WIDGET_START), PAGE.find(WIDGET_END)) {
        (Some(start), Some(end)) => {
            format!("{}{}", &PAGE[..start], &PAGE[end + WIDGET_END.len()..])
        }
        _ => PAGE.to_string(),
    }
}

/// The page's Content-Security-Policy: its own inline scripts and styles by
/// hash, and the portal's script, styles and frame.
pub fn page_policy(html: &str, portal: &str) -> String {
    let hashes = |tag: &str| {
        inline_hashes(html, tag)
            .into_iter()
            .map(|hash| format!(" 'sha256-{hash}'"))
            .collect::<String>()
    };
    [
        "default-src 'self'".to_string(),
        format!("script-src 'self'{} {portal}", hashes("script")),
        format!("style-src 'self'{} {portal}", hashes("style")),
        format!("frame-src {portal}"),
        "img-src 'self' data:".to_string(),
        "connect-src 'self'".to_string(),
        "object-src 'none'".to_string(),
        "base-uri 'none'".to_string(),
        "form-action 'self'".to_string(),
        "frame-ancestors 'none'".to_string(),
    ]
    .join("; ")
}

/// `POST /demo/token`: `{token}`, an embed token for the demo customer.
async fn token(State(state): State<AppState>) -> Response {
    let Some(vendor) = state.embed.vendors.get(DEMO_VENDOR) else {
        return ApiError::NotFound(format!(
            "This server has no [embed.vendors.{DEMO_VENDOR}], so it signs no demo tokens."
        ))
        .into_response();
    };
    let now = state.clock.now().unix_timestamp();
    let claims = json!({
        "iss": DEMO_VENDOR,
        "aud": AUDIENCE,
        "email": DEMO_EMAIL,
        "name": DEMO_NAME,
        "locale": "en",
        "iat": now,
        "exp": now + TOKEN_LIFETIME_SECONDS,
    });
    let token = jwt::sign(&claims, vendor.secret.expose().as_bytes());
    (
        [(header::CACHE_CONTROL, "no-store")],
        Json(json!({ "token": token })),
    )
        .into_response()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hosts_and_origins_are_read_carefully() {
        assert_eq!(host_name("127.0.0.1:8081"), "127.0.0.1");
        assert_eq!(host_name("[::1]:8081"), "[::1]");
        assert_eq!(host_name("[::1]"), "[::1]");
        assert_eq!(host_name("shop.example"), "shop.example");
        assert_eq!(
            origin_of("https://service.example.com/help"),
            "https://service.example.com"
        );
        assert_eq!(origin_of("http://127.0.0.1:8080"), "http://127.0.0.1:8080");
        let mut headers = HeaderMap::new();
        headers.insert(header::HOST, HeaderValue::from_static("evil\"; x"));
        assert_eq!(request_host(&headers), None);
    }

    #[test]
    fn the_second_listener_points_at_the_main_one() {
        let mut headers = HeaderMap::new();
        headers.insert(header::HOST, HeaderValue::from_static("LocalHost:8081"));
        let bound = PortalOrigin::MainListener("127.0.0.1:8080".parse().unwrap());
        assert_eq!(bound.base_url(&headers, "x"), "http://127.0.0.1:8080");
        let any = PortalOrigin::MainListener("0.0.0.0:8080".parse().unwrap());
        assert_eq!(any.base_url(&headers, "x"), "http://localhost:8080");
        assert_eq!(
            PortalOrigin::RequestHost.base_url(&headers, "x"),
            "http://localhost:8081"
        );
        assert_eq!(
            PortalOrigin::RequestHost.base_url(&HeaderMap::new(), "http://fallback"),
            "http://fallback"
        );
    }

    #[test]
    fn the_widget_can_be_left_out() {
        let with = render("http://portal.example", true);
        assert!(with.contains("src=\"http://portal.example/embed.js\""));
        assert!(!with.contains(WIDGET_START));
        let without = render("http://portal.example", false);
        assert!(!without.contains("embed.js"));
        assert!(!without.contains("Aftercare.q"));
        assert!(without.contains("Sign in as demo customer"));
    }
}
