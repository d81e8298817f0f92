//! The portal itself: the files Trunk built into the dist directory, served
//! for every path that is not the API. A path that is not a file gets
//! `index.html` with status 200, so the client-side router can handle deep
//! links such as `/articles/x`. Without a dist directory, every such path
//! gets a short page saying how to build the portal.
//!
//! Caching: files whose names carry a content hash (Trunk's
//! `aftercare-1a2b3c4d5e6f7a8b.js`, `..._bg.wasm`) never change, so they may
//! be kept for a year; everything else (`index.html`, the service worker,
//! the manifest) must be revalidated on every use.
//!
//! Compression: the build writes `X.br` and `X.gz` beside its text and wasm
//! files (`tools/pwa/precache.mjs`), and a browser that accepts them gets
//! those bytes with `Content-Encoding`, so nothing is compressed per
//! request. Every answer says it varies by `Accept-Encoding`, so a cache
//! between never hands the brotli bytes to a client that cannot read them.

use std::path::Path;

use axum::extract::Request;
use axum::http::{header, HeaderValue, StatusCode};
use axum::middleware::{self, Next};
use axum::response::{Html, IntoResponse, Response};
use axum::Router;
use tower_http::services::{ServeDir, ServeFile};

const IMMUTABLE: &str = "public, max-age=31536000, immutable";
const REVALIDATE: &str = "no-cache";
/// The shortest run of hex digits taken for a content hash.
const MIN_HASH_LEN: usize = 8;

const NOT_BUILT: &str = "<!doctype html>
<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Aftercare</title></head>
<body><h1>The portal is not built</h1>
<p>This server has no portal files to serve. Build and start everything with
<code>cargo xtask run</code>. The API is up at <a href=\"/api/v1/portal\">/api/v1/portal</a>.</p>
</body></html>
";

/// The service for every non-API path: the dist directory when there is one,
/// else the "not built" page.
pub fn router(dist: Option<&Path>) -> Router {
    match dist {
        Some(dir) => {
            let shell = ServeFile::new(dir.join("index.html"))
                .precompressed_br()
                .precompressed_gzip();
            let files = ServeDir::new(dir)
                .precompressed_br()
                .precompressed_gzip()
                .fallback(shell);
            Router::new()
                .fallback_service(files)
                .layer(middleware::from_fn(cache_control))
        }
        None => Router::new().fallback(not_built),
    }
}

async fn not_built() -> Response {
    (
        StatusCode::SERVICE_UNAVAILABLE,
        [(header::CACHE_CONTROL, "no-store")],
        Html(NOT_BUILT),
    )
        .into_response()
}

/// Middleware: marks hashed files immutable and everything else
/// revalidate-on-use, and every file as varying by `Accept-Encoding`. The
/// SPA fallback is HTML, so it is never taken for a hashed file even when
/// its path looks like one.
async fn cache_control(request: Request, next: Next) -> Response {
    let hashed = is_hashed_name(request.uri().path());
    let mut response = next.run(request).await;
    if response.status().is_success() {
        let is_html = response
            .headers()
            .get(header::CONTENT_TYPE)
            .is_some_and(|value| value.as_bytes().starts_with(b"text/html"));
        let policy = if hashed && !is_html {
            IMMUTABLE
        } else {
            REVALIDATE
        };
        let headers = response.headers_mut();
        headers.insert(header::CACHE_CONTROL, HeaderValue::from_static(policy));
        headers.insert(
            header::VARY,
            HeaderValue::from_static(header::ACCEPT_ENCODING.as_str()),
        );
    }
    response
}

/// Whether the file name at the end of `path` carries a content hash: a dash
/// followed by at least eight hex digits just before the extension, with an
/// optional `_bg` in between (`app-1a2b3c4d.js`, `app-1a2b3c4d_bg.wasm`).
pub fn is_hashed_name(path: &str) -> bool {
    let name = path.rsplit('/').next().unwrap_or_default();
    let Some((stem, _extension)) = name.split_once('.') else {
        return false;
    };
    let stem = stem.strip_suffix("_bg").unwrap_or(stem);
    stem.rsplit_once('-').is_some_and(|(base, hash)| {
        !base.is_empty()
            && hash.len() >= MIN_HASH_LEN
            && hash.bytes().all(|b| b.is_ascii_hexdigit())
    })
}

#[cfg(test)]
mod tests {
    use super::is_hashed_name;

    #[test]
    fn recognises_trunks_hashed_names() {
        assert!(is_hashed_name("/aftercare-1a2b3c4d.js"));
        assert!(is_hashed_name("/aftercare-1a2b3c4d5e6f7a8b_bg.wasm"));
        assert!(is_hashed_name("/assets/style-0123456789abcdef.css"));
        assert!(!is_hashed_name("/index.html"));
        assert!(!is_hashed_name("/sw.js"));
        assert!(!is_hashed_name("/manifest.webmanifest"));
        assert!(!is_hashed_name("/icon-192.png"));
        assert!(!is_hashed_name("/articles/fault-deadbeef"));
    }
}
