//! Errors outside the handlers' own: unknown API paths, wrong methods, and
//! axum's extractor rejections all come back as problem documents.

use aftercare_core::problem::kinds;
use axum::body::Body;
use axum::http::Request;

use crate::common::TestApp;

#[tokio::test]
async fn unknown_api_paths_are_not_found_problems() {
    let app = TestApp::empty().await;
    for uri in [
        "/api",
        "/api/",
        "/api/v1",
        "/api/v1/nope",
        "/api/v2/portal",
        "/api/v1/kb",
    ] {
        let response = app.get_in(uri, "zh-TW").await;
        assert_eq!(response.status, 404, "{uri}");
        let problem = response.problem(404, kinds::NOT_FOUND);
        assert_eq!(problem["title"], "找不到", "{uri}");
    }
}

#[tokio::test]
async fn wrong_methods_are_405_problems_that_keep_allow() {
    let app = TestApp::empty().await;
    for uri in ["/api/v1/portal", "/api/v1/kb/articles", "/healthz"] {
        let request = Request::post(uri).body(Body::empty()).unwrap();
        let response = app.send(request).await;
        let problem = response.problem(405, "about:blank");
        assert_eq!(problem["title"], "Method not allowed");
        assert!(response.header("allow").contains("GET"), "{uri}");
    }
    let request = Request::delete("/api/v1/kb/articles/x")
        .header("accept-language", "zh-CN")
        .body(Body::empty())
        .unwrap();
    let problem = app.send(request).await.problem(405, "about:blank");
    assert_eq!(problem["title"], "不支持该请求方法");
}

#[tokio::test]
async fn axums_rejections_become_problems() {
    let app = TestApp::empty().await;
    // A path segment that is not UTF-8 once decoded.
    app.get("/api/v1/kb/articles/%FF%FE")
        .await
        .problem(400, kinds::MALFORMED);
    // The same parameter twice does not fit the query's shape.
    let problem = app
        .get("/api/v1/kb/articles?limit=1&limit=2")
        .await
        .problem(400, kinds::VALIDATION);
    assert_eq!(problem["errors"][0]["pointer"], "/query");
}

#[tokio::test]
async fn database_failures_are_not_disclosed() {
    let app = TestApp::with_demo().await;
    app.db.close().await;
    let response = app.get("/api/v1/kb/articles").await;
    let problem = response.problem(503, kinds::UNAVAILABLE);
    assert!(problem.get("detail").is_none(), "{problem}");
    assert_eq!(response.header("retry-after"), "5");
    let text = response.text().to_lowercase();
    for secret in ["pool", "sqlx", "sqlite", "kb_articles", "closed"] {
        assert!(!text.contains(secret), "{secret} in {text}");
    }
}
