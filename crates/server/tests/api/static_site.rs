//! The portal's files: served from the dist directory with an SPA fallback
//! and cache headers, or a "not built" page when there is no dist directory.

use aftercare_core::problem::kinds;

use crate::common::TestApp;

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
