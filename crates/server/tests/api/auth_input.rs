//! Bad input to the sign-in routes: whatever arrives (broken JSON, wrong
//! types, unknown fields, huge bodies, no content type), the answer is a 4xx
//! problem document, never a 500 and never a plain-text error.

use aftercare_core::problem::kinds;
use axum::body::Body;
use axum::http::Request;

use crate::common::TestApp;

const ROUTES: [&str; 3] = [
    "/api/v1/auth/email-code",
    "/api/v1/auth/session",
    "/api/v1/auth/embed",
];

fn post(uri: &str, content_type: Option<&str>, body: impl Into<Body>) -> Request<Body> {
    let mut request = Request::post(uri);
    if let Some(content_type) = content_type {
        request = request.header("content-type", content_type);
    }
    request.body(body.into()).unwrap()
}

#[tokio::test]
async fn unreadable_bodies_are_problems_on_every_route() {
    let app = TestApp::empty().await;
    for uri in ROUTES {
        for (body, status, kind) in [
            ("{", 400, kinds::MALFORMED),
            ("", 400, kinds::MALFORMED),
            ("[]", 400, kinds::VALIDATION),
            (
                "{\"email\": 5, \"code\": 5, \"token\": 5}",
                400,
                kinds::VALIDATION,
            ),
            ("{\"nonsense\": true}", 400, kinds::VALIDATION),
            ("null", 400, kinds::VALIDATION),
        ] {
            let response = app.send(post(uri, Some("application/json"), body)).await;
            assert_eq!(response.status, status, "{uri} {body}: {}", response.text());
            response.problem(status, kind);
        }
        let plain = app.send(post(uri, Some("text/plain"), "{}")).await;
        plain.problem(415, kinds::MALFORMED);
        let untyped = app.send(post(uri, None, "{}")).await;
        untyped.problem(415, kinds::MALFORMED);
        let huge = format!("{{\"email\": \"{}@example.com\"}}", "a".repeat(20 * 1024));
        let response = app.send(post(uri, Some("application/json"), huge)).await;
        response.problem(413, kinds::MALFORMED);
    }
}

#[tokio::test]
async fn shape_errors_point_at_the_field() {
    let app = TestApp::empty().await;
    for (uri, body, pointer) in [
        ("/api/v1/auth/email-code", r#"{"email": 5}"#, "/email"),
        (
            "/api/v1/auth/email-code",
            r#"{"email": "a@b.example", "extra": 1}"#,
            "/extra",
        ),
        (
            "/api/v1/auth/email-code",
            r#"{"email": "not an address"}"#,
            "/email",
        ),
        (
            "/api/v1/auth/email-code",
            r#"{"email": "a@b.example", "locale": "fr"}"#,
            "/locale",
        ),
        (
            "/api/v1/auth/email-code",
            r#"{"email": "a@b.example", "locale": 3}"#,
            "/locale",
        ),
        (
            "/api/v1/auth/session",
            r#"{"email": "a@b.example", "code": "12345a"}"#,
            "/code",
        ),
        (
            "/api/v1/auth/session",
            r#"{"email": "a@b.example", "code": 123456}"#,
            "/code",
        ),
        ("/api/v1/auth/session", r#"{"email": "a@b.example"}"#, ""),
        ("/api/v1/auth/embed", r#"{"token": ["x"]}"#, "/token"),
    ] {
        let response = app.send(post(uri, Some("application/json"), body)).await;
        let problem = response.problem(400, kinds::VALIDATION);
        assert_eq!(problem["errors"][0]["pointer"], pointer, "{uri} {body}");
    }
    assert!(app.outbox.sent().is_empty());
    assert_eq!(app.count("customers").await, 0);
}

#[tokio::test]
async fn an_oversized_body_with_an_idempotency_key_is_a_problem_too() {
    let app = TestApp::empty().await;
    for size in [20 * 1024, 2 * 1024 * 1024] {
        let request = Request::post("/api/v1/auth/email-code")
            .header("content-type", "application/json")
            .header("idempotency-key", format!("big-{size}"))
            .body(Body::from(vec![b' '; size]))
            .unwrap();
        app.send(request).await.problem(413, kinds::MALFORMED);
    }
}

#[tokio::test]
async fn wrong_methods_on_auth_routes_are_405_problems() {
    let app = TestApp::empty().await;
    for (method, uri) in [
        ("GET", "/api/v1/auth/email-code"),
        ("PUT", "/api/v1/auth/session"),
        ("GET", "/api/v1/auth/embed"),
    ] {
        let request = Request::builder()
            .method(method)
            .uri(uri)
            .body(Body::empty())
            .unwrap();
        app.send(request).await.problem(405, "about:blank");
    }
}
