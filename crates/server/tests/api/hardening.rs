//! Hardening: the portal's pages carry a Content-Security-Policy that
//! allows Trunk's inline loader by its hash and the configured embedding
//! origins as frame ancestors; the API answers CORS only to allowlisted
//! origins; and bodies over the configured limit are a 413 problem.

use aftercare_core::problem::kinds;
use axum::body::Body;
use axum::http::Request;
use base64::engine::general_purpose::STANDARD;
use base64::Engine as _;
use serde_json::json;
use sha2::{Digest, Sha256};

use crate::common::{post_request, TestApp};

/// Trunk's loader, as it appears in a built `index.html`.
const LOADER: &str = "\nimport init, * as bindings from '/aftercare-1a2b3c4d.js';\n\
                      const wasm = await init({ module_or_path: '/aftercare-1a2b3c4d_bg.wasm' });\n";

fn index_html() -> String {
    format!(
        "<!doctype html><html><head><title>Aftercare</title>\n\
         <script type=\"module\">{LOADER}</script>\n\
         <link rel=\"stylesheet\" href=\"/main-1b9c82e4.css\" integrity=\"sha384-x\"/>\n\
         <link rel=\"modulepreload\" href=\"/aftercare-1a2b3c4d.js\"></head><body></body></html>"
    )
}

async fn app_with(settings: &str) -> TestApp {
    let mut app = TestApp::empty().await;
    let dist = app.dir.path().join("dist");
    std::fs::create_dir_all(&dist).unwrap();
    std::fs::write(dist.join("index.html"), index_html()).unwrap();
    std::fs::write(dist.join("aftercare-1a2b3c4d.js"), "export {}").unwrap();
    app.dist = Some(dist);
    let settings_file = app.dir.path().join("server.toml");
    std::fs::write(&settings_file, settings).unwrap();
    let settings = aftercare_server::settings::load(Some(&settings_file)).unwrap();
    app.configure(&settings);
    app
}

fn directives(csp: &str) -> Vec<String> {
    csp.split(';').map(|d| d.trim().to_string()).collect()
}

#[tokio::test]
async fn portal_pages_get_a_policy_that_allows_the_loader_by_hash() {
    let app = app_with("").await;
    let hash = STANDARD.encode(Sha256::digest(LOADER.as_bytes()));
    for uri in ["/", "/index.html", "/requests/new", "/widget"] {
        let page = app.get(uri).await;
        assert_eq!(page.status, 200, "{uri}");
        let csp = page.header("content-security-policy");
        assert_eq!(
            directives(csp),
            [
                "default-src 'self'".to_string(),
                format!("script-src 'self' 'wasm-unsafe-eval' 'sha256-{hash}'"),
                "style-src 'self'".to_string(),
                "img-src 'self' data: blob:".to_string(),
                "connect-src 'self'".to_string(),
                "object-src 'none'".to_string(),
                "base-uri 'none'".to_string(),
                "form-action 'self'".to_string(),
                "frame-ancestors 'none'".to_string(),
            ],
            "{uri}"
        );
        assert_eq!(page.header("x-content-type-options"), "nosniff");
        assert_eq!(page.header("referrer-policy"), "no-referrer");
    }
    // Scripts and API answers are not pages; they need no policy.
    assert_eq!(
        app.get("/aftercare-1a2b3c4d.js")
            .await
            .header("content-security-policy"),
        ""
    );
    let api = app.get("/api/v1/portal").await;
    assert_eq!(api.header("content-security-policy"), "");
    assert_eq!(api.header("referrer-policy"), "no-referrer");
}

#[tokio::test]
async fn embedding_origins_become_frame_ancestors() {
    let app = app_with(
        "[embedding]\norigins = [\"https://vendor.example\", \"https://shop.vendor.example:8443\"]\n",
    )
    .await;
    let csp = app
        .get("/widget")
        .await
        .header("content-security-policy")
        .to_string();
    assert!(
        csp.ends_with("; frame-ancestors https://vendor.example https://shop.vendor.example:8443"),
        "{csp}"
    );
}

#[tokio::test]
async fn the_not_built_page_has_a_policy_too() {
    let app = TestApp::empty().await;
    let page = app.get("/").await;
    assert_eq!(page.status, 503);
    assert!(page
        .header("content-security-policy")
        .contains("script-src 'self' 'wasm-unsafe-eval';"));
}

fn preflight(origin: &str, method: &str, headers: &str) -> Request<Body> {
    Request::options("/api/v1/auth/email-code")
        .header("origin", origin)
        .header("access-control-request-method", method)
        .header("access-control-request-headers", headers)
        .body(Body::empty())
        .unwrap()
}

#[tokio::test]
async fn cors_answers_only_allowlisted_origins() {
    let app = app_with("[cors]\norigins = [\"https://app.vendor.example\"]\n").await;
    let headers =
        "authorization,content-type,idempotency-key,x-access-key,upload-offset,accept-language";
    let allowed = app
        .send(preflight("https://app.vendor.example", "POST", headers))
        .await;
    assert!(allowed.status.is_success(), "{}", allowed.status);
    assert_eq!(
        allowed.header("access-control-allow-origin"),
        "https://app.vendor.example"
    );
    let methods = allowed
        .header("access-control-allow-methods")
        .to_lowercase();
    for method in ["get", "post", "patch", "delete", "head"] {
        assert!(methods.contains(method), "{methods}");
    }
    let allowed_headers = allowed
        .header("access-control-allow-headers")
        .to_lowercase();
    for header in headers.split(',') {
        assert!(allowed_headers.contains(header), "{allowed_headers}");
    }
    assert!(allowed.header("vary").to_lowercase().contains("origin"));

    let refused = app
        .send(preflight("https://evil.example", "POST", "content-type"))
        .await;
    assert_eq!(refused.header("access-control-allow-origin"), "");
    assert_eq!(refused.header("access-control-allow-methods"), "");

    // An actual request: the allowed origin may read the answer and its
    // Retry-After; another origin gets no CORS headers.
    let get = |origin: &str| {
        Request::get("/api/v1/portal")
            .header("origin", origin)
            .body(Body::empty())
            .unwrap()
    };
    let simple = app.send(get("https://app.vendor.example")).await;
    assert_eq!(simple.status, 200);
    assert_eq!(
        simple.header("access-control-allow-origin"),
        "https://app.vendor.example"
    );
    assert!(simple
        .header("access-control-expose-headers")
        .to_lowercase()
        .contains("retry-after"));
    assert!(simple.header("vary").to_lowercase().contains("origin"));
    let other = app.send(get("https://evil.example")).await;
    assert_eq!(other.status, 200);
    assert_eq!(other.header("access-control-allow-origin"), "");
}

#[tokio::test]
async fn without_a_cors_list_there_are_no_cors_headers() {
    let app = app_with("").await;
    let answer = app
        .send(preflight(
            "https://app.vendor.example",
            "POST",
            "content-type",
        ))
        .await;
    assert_eq!(answer.header("access-control-allow-origin"), "");
    assert_eq!(answer.header("access-control-allow-methods"), "");
}

#[tokio::test]
async fn bodies_over_the_limit_are_a_413_problem() {
    // The sign-in routes keep their own, lower limit (16 KiB).
    let app = app_with("").await;
    let big = json!({ "email": format!("{}@example.com", "a".repeat(20_000)) });
    app.post("/api/v1/auth/email-code", &big, &[])
        .await
        .problem(413, kinds::MALFORMED);
    // A keyed POST is read by the idempotency layer first; the API-wide
    // limit (1 MiB by default) refuses it before that.
    let huge = json!({ "email": "a".repeat(1024 * 1024 + 1) });
    let keyed = [("idempotency-key", "oversize-1")];
    let problem = app
        .send(post_request("/api/v1/auth/email-code", &huge, &keyed))
        .await
        .problem(413, kinds::MALFORMED);
    assert_eq!(problem["detail"], "A JSON body is at most 1048576 bytes.");

    // The API-wide limit is configurable and holds below every route's own,
    // with a declared length or without one, keyed or not.
    let small = app_with("[limits]\nbody_bytes = 100\n").await;
    let body = json!({ "email": format!("{}@example.com", "a".repeat(200)) });
    let declared = Request::post("/api/v1/auth/email-code")
        .header("content-type", "application/json")
        .header("content-length", body.to_string().len())
        .body(Body::from(body.to_string()))
        .unwrap();
    for request in [
        declared,
        post_request("/api/v1/auth/email-code", &body, &[]),
        post_request("/api/v1/auth/email-code", &body, &keyed),
    ] {
        let problem = small.send(request).await.problem(413, kinds::MALFORMED);
        assert_eq!(problem["detail"], "A JSON body is at most 100 bytes.");
    }
    let fits = json!({ "email": "a@example.com" });
    assert_eq!(
        small
            .post("/api/v1/auth/email-code", &fits, &[])
            .await
            .status,
        202
    );
}
