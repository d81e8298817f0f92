//! The portal's files: served from the dist directory with an SPA fallback
//! and cache headers, or a "not built" page when there is no dist directory;
//! the build's precompressed siblings (`.br`, `.gz`) go to browsers that
//! accept them, and the web app manifests carry their own content type.

use aftercare_core::problem::kinds;
use axum::body::Body;
use axum::http::{header, Request};

use crate::common::{TestApp, TestResponse};

const INDEX: &str = "<!doctype html><title>Aftercare</title><div id=app></div>";

async fn app_with_dist() -> TestApp {
    let mut app = TestApp::empty().await;
    let dist = app.dir.path().join("dist");
    std::fs::create_dir_all(dist.join("icons")).unwrap();
    std::fs::write(dist.join("index.html"), INDEX).unwrap();
    std::fs::write(dist.join("aftercare-1a2b3c4d5e6f7a8b.js"), "export {}").unwrap();
    std::fs::write(dist.join("aftercare-1a2b3c4d5e6f7a8b_bg.wasm"), b"\0asm").unwrap();
    std::fs::write(
        dist.join("sw.js"),
        "self.addEventListener('fetch', () => {})",
    )
    .unwrap();
    std::fs::write(dist.join("icons").join("icon-192.png"), b"png").unwrap();
    app.dist = Some(dist);
    app
}

#[tokio::test]
async fn deep_links_get_index_html_with_200() {
    let app = app_with_dist().await;
    for uri in [
        "/",
        "/index.html",
        "/articles/x",
        "/requests/new?type=fault",
        "/a/b/c/",
    ] {
        let response = app.get(uri).await;
        assert_eq!(response.status, 200, "{uri}");
        assert_eq!(response.text(), INDEX, "{uri}");
        assert!(response.header("content-type").starts_with("text/html"));
        assert_eq!(response.header("cache-control"), "no-cache", "{uri}");
        assert_eq!(response.header("x-content-type-options"), "nosniff");
    }
}

#[tokio::test]
async fn hashed_files_are_immutable_and_others_revalidate() {
    let app = app_with_dist().await;
    let script = app.get("/aftercare-1a2b3c4d5e6f7a8b.js").await;
    assert_eq!(script.status, 200);
    assert_eq!(script.text(), "export {}");
    assert_eq!(
        script.header("cache-control"),
        "public, max-age=31536000, immutable"
    );
    let wasm = app.get("/aftercare-1a2b3c4d5e6f7a8b_bg.wasm").await;
    assert_eq!(wasm.header("content-type"), "application/wasm");
    assert_eq!(
        wasm.header("cache-control"),
        "public, max-age=31536000, immutable"
    );
    for uri in ["/sw.js", "/icons/icon-192.png"] {
        let response = app.get(uri).await;
        assert_eq!(response.status, 200, "{uri}");
        assert_eq!(response.header("cache-control"), "no-cache", "{uri}");
    }
    // A missing file with a hashed-looking name is the SPA page, not cached.
    let missing = app.get("/aftercare-00000000.js").await;
    assert_eq!(missing.text(), INDEX);
    assert_eq!(missing.header("cache-control"), "no-cache");
}

#[tokio::test]
async fn api_paths_never_fall_back_to_the_portal() {
    let app = app_with_dist().await;
    app.get("/api/v1/articles/x")
        .await
        .problem(404, kinds::NOT_FOUND);
    assert_eq!(app.get("/api/v1/portal").await.status, 200);
    assert_eq!(app.get("/healthz").await.status, 200);
}

#[tokio::test]
async fn without_dist_the_portal_says_how_to_build_it() {
    let mut app = TestApp::empty().await;
    app.dist = Some(app.dir.path().join("no-such-dist"));
    for uri in ["/", "/articles/x"] {
        let response = app.get(uri).await;
        assert_eq!(response.status, 503, "{uri}");
        assert!(response.header("content-type").starts_with("text/html"));
        assert!(response.text().contains("cargo xtask run"));
    }
    assert_eq!(app.get("/api/v1/portal").await.status, 200);
}

const SCRIPT: &str = "aftercare-1a2b3c4d5e6f7a8b.js";
const MANIFEST: &str = "{\"name\":\"Aftercare Help Center\"}";

/// The dist directory as the build's hook leaves it: brotli and gzip
/// siblings beside the script and index.html (their bytes stand in for
/// real compressed data; the server does not look inside), none beside
/// sw.js, and a web app manifest.
async fn app_with_compressed_dist() -> TestApp {
    let app = app_with_dist().await;
    let dist = app.dist.clone().unwrap();
    for (name, extension) in [(SCRIPT, "br"), (SCRIPT, "gz"), ("index.html", "br")] {
        std::fs::write(dist.join(format!("{name}.{extension}")), extension).unwrap();
    }
    std::fs::write(dist.join("manifest.en.webmanifest"), MANIFEST).unwrap();
    app
}

async fn get_accepting(app: &TestApp, uri: &str, encodings: &str) -> TestResponse {
    let request = Request::get(uri)
        .header(header::ACCEPT_ENCODING, encodings)
        .body(Body::empty())
        .unwrap();
    app.send(request).await
}

#[tokio::test]
async fn brotli_goes_to_browsers_that_accept_it() {
    let app = app_with_compressed_dist().await;
    let uri = format!("/{SCRIPT}");
    let script = get_accepting(&app, &uri, "gzip, deflate, br, zstd").await;
    assert_eq!(script.status, 200);
    assert_eq!(script.text(), "br");
    assert_eq!(script.header("content-encoding"), "br");
    assert!(script.header("content-type").starts_with("text/javascript"));
    assert_eq!(script.header("vary"), "accept-encoding");
    assert_eq!(
        script.header("cache-control"),
        "public, max-age=31536000, immutable"
    );

    let gzip = get_accepting(&app, &uri, "gzip").await;
    assert_eq!(gzip.text(), "gz");
    assert_eq!(gzip.header("content-encoding"), "gzip");
}

#[tokio::test]
async fn other_browsers_get_the_file_itself() {
    let app = app_with_compressed_dist().await;
    let uri = format!("/{SCRIPT}");
    for script in [
        app.get(&uri).await,
        get_accepting(&app, &uri, "identity").await,
    ] {
        assert_eq!(script.status, 200);
        assert_eq!(script.text(), "export {}");
        assert_eq!(script.header("content-encoding"), "");
        assert_eq!(script.header("vary"), "accept-encoding");
    }
    // A file without a compressed sibling is sent as it is.
    let worker = get_accepting(&app, "/sw.js", "br, gzip").await;
    assert_eq!(worker.text(), "self.addEventListener('fetch', () => {})");
    assert_eq!(worker.header("content-encoding"), "");
    assert_eq!(worker.header("cache-control"), "no-cache");
}

#[tokio::test]
async fn deep_links_get_the_compressed_app_shell() {
    let app = app_with_compressed_dist().await;
    for uri in ["/", "/articles/x"] {
        let page = get_accepting(&app, uri, "br").await;
        assert_eq!(page.status, 200, "{uri}");
        assert_eq!(page.text(), "br", "{uri}");
        assert_eq!(page.header("content-encoding"), "br", "{uri}");
        assert!(page.header("content-type").starts_with("text/html"));
        assert_eq!(page.header("cache-control"), "no-cache", "{uri}");
        assert!(!page.header("content-security-policy").is_empty());
        let plain = app.get(uri).await;
        assert_eq!(plain.text(), INDEX, "{uri}");
    }
}

#[tokio::test]
async fn web_app_manifests_have_their_content_type() {
    let app = app_with_compressed_dist().await;
    let manifest = app.get("/manifest.en.webmanifest").await;
    assert_eq!(manifest.status, 200);
    assert_eq!(manifest.header("content-type"), "application/manifest+json");
    assert_eq!(manifest.header("cache-control"), "no-cache");
    assert_eq!(manifest.json()["name"], "Aftercare Help Center");
}
