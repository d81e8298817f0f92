//! The idempotency layer on the sign-in POSTs: replays, reuse with another
//! body, requests still in flight, keys per identity, and a crowd of
//! identical requests at once.

use aftercare_core::problem::kinds;
use aftercare_server::http::problem_kinds;
use axum::http::StatusCode;
use serde_json::{json, Value};
use time::Duration;

use crate::common::{post_request, send_to, TestApp, TestResponse};

const CODE_URI: &str = "/api/v1/auth/email-code";
const KEY: &str = "3f1c2a9e-0b7d-4c55-9e61-7a0f6f3b2d10";

async fn ask(app: &TestApp, body: &Value, headers: &[(&str, &str)]) -> TestResponse {
    let mut all = vec![("idempotency-key", KEY)];
    all.extend_from_slice(headers);
    app.post(CODE_URI, body, &all).await
}

fn replayed(response: &TestResponse) -> bool {
    response.header("idempotent-replayed") == "true"
}

#[tokio::test]
async fn a_retry_gets_the_stored_answer_and_sends_no_second_mail() {
    let app = TestApp::empty().await;
    let body = json!({"email": "ana@example.com", "locale": "en"});
    let first = ask(&app, &body, &[]).await;
    assert_eq!(first.status, 202, "{}", first.text());
    assert!(!replayed(&first));
    let retry = ask(&app, &body, &[]).await;
    assert_eq!(retry.status, 202);
    assert!(replayed(&retry));
    assert_eq!(retry.body, first.body);
    assert_eq!(app.mail_to("ana@example.com").len(), 1);
    assert_eq!(app.count("sign_in_codes").await, 1);
}

#[tokio::test]
async fn a_key_used_for_another_body_is_a_422_problem() {
    let app = TestApp::empty().await;
    ask(&app, &json!({"email": "ana@example.com"}), &[]).await;
    let other = ask(&app, &json!({"email": "bo@example.com"}), &[]).await;
    other.problem(422, problem_kinds::IDEMPOTENCY_KEY_REUSED);
    // The same key on another route is another request too.
    let session = app
        .post(
            "/api/v1/auth/session",
            &json!({"email": "ana@example.com"}),
            &[("idempotency-key", KEY)],
        )
        .await;
    session.problem(422, problem_kinds::IDEMPOTENCY_KEY_REUSED);
    assert!(app.mail_to("bo@example.com").is_empty());
}

#[tokio::test]
async fn keys_belong_to_their_identity() {
    let app = TestApp::empty().await;
    let token = app.sign_in("ana@example.com").await["token"]
        .as_str()
        .unwrap()
        .to_string();
    let body = json!({"email": "bo@example.com"});
    let anonymous = ask(&app, &body, &[]).await;
    let bearer = format!("Bearer {token}");
    let signed_in = ask(&app, &body, &[("authorization", &bearer)]).await;
    assert_eq!(
        (anonymous.status, signed_in.status),
        (StatusCode::ACCEPTED, StatusCode::ACCEPTED)
    );
    assert!(!replayed(&signed_in), "another identity's key was replayed");
    assert_eq!(app.mail_to("bo@example.com").len(), 2);
    // A bad token is refused before any key is claimed.
    let bad = ask(&app, &body, &[("authorization", "Bearer nope")]).await;
    bad.problem(401, problem_kinds::UNAUTHENTICATED);
}

#[tokio::test]
async fn a_replayed_sign_in_gives_the_same_token_which_is_stored_sealed() {
    let app = TestApp::empty().await;
    app.request_code("ana@example.com", None).await;
    let body = json!({"email": "ana@example.com", "code": app.last_code("ana@example.com")});
    let headers = [("idempotency-key", KEY)];
    let first = app.post("/api/v1/auth/session", &body, &headers).await;
    assert_eq!(first.status, 200, "{}", first.text());
    let retry = app.post("/api/v1/auth/session", &body, &headers).await;
    assert!(replayed(&retry));
    assert_eq!(retry.json(), first.json());
    assert_eq!(retry.header("content-type"), "application/json");
    assert_eq!(app.count("sessions").await, 1);

    let token = first.json()["token"].as_str().unwrap().to_string();
    let stored: Vec<(Vec<u8>,)> = sqlx::query_as("SELECT body FROM idempotency_keys")
        .fetch_all(app.db.pool())
        .await
        .unwrap();
    assert_eq!(stored.len(), 1);
    let needle = token.as_bytes();
    assert!(!stored[0].0.windows(needle.len()).any(|w| w == needle));
}

#[tokio::test]
async fn a_stored_problem_is_replayed_in_the_retrys_language() {
    let app = TestApp::empty().await;
    let body = json!({"email": "not an address"});
    let first = ask(&app, &body, &[("accept-language", "en")]).await;
    first.problem(400, kinds::VALIDATION);
    let retry = ask(&app, &body, &[("accept-language", "zh-TW")]).await;
    let problem = retry.problem(400, kinds::VALIDATION);
    assert!(replayed(&retry));
    assert_eq!(problem["title"], "請求中有無效的值");
    assert_eq!(problem["errors"][0]["pointer"], "/email");
}

#[tokio::test]
async fn a_request_still_in_flight_is_a_409_until_it_is_abandoned() {
    let app = TestApp::empty().await;
    let body = json!({"email": "ana@example.com"});
    ask(&app, &body, &[]).await;
    // Make the key look as if its request were still running.
    sqlx::query("UPDATE idempotency_keys SET status = NULL, body = NULL")
        .execute(app.db.pool())
        .await
        .unwrap();
    let busy = ask(&app, &body, &[]).await;
    busy.problem(409, problem_kinds::IDEMPOTENCY_KEY_IN_FLIGHT);
    assert_eq!(busy.header("retry-after"), "1");
    // Another body is still a reuse, in flight or not.
    let other = ask(&app, &json!({"email": "bo@example.com"}), &[]).await;
    other.problem(422, problem_kinds::IDEMPOTENCY_KEY_REUSED);

    // After two minutes the first request's server must have died: a retry
    // takes the key over and runs.
    app.clock
        .advance(Duration::minutes(2) + Duration::seconds(1));
    let taken_over = ask(&app, &body, &[]).await;
    assert_eq!(taken_over.status, 202, "{}", taken_over.text());
    assert!(!replayed(&taken_over));
    assert!(replayed(&ask(&app, &body, &[]).await));
}

#[tokio::test]
async fn twenty_identical_requests_at_once_send_one_code() {
    let app = TestApp::empty().await;
    let router = app.router();
    let body = json!({"email": "crowd@example.com", "locale": "zh-TW"});
    let tasks: Vec<_> = (0..20)
        .map(|_| {
            let router = router.clone();
            let request = post_request(CODE_URI, &body, &[("idempotency-key", KEY)]);
            tokio::spawn(send_to(router, request))
        })
        .collect();
    let mut ran = 0;
    for task in tasks {
        let response = task.await.unwrap();
        match response.status.as_u16() {
            202 if replayed(&response) => {}
            202 => ran += 1,
            409 => {
                response.problem(409, problem_kinds::IDEMPOTENCY_KEY_IN_FLIGHT);
            }
            _ => panic!("unexpected {}: {}", response.status, response.text()),
        }
    }
    assert_eq!(ran, 1);
    assert_eq!(app.mail_to("crowd@example.com").len(), 1);
    assert_eq!(app.count("sign_in_codes").await, 1);
    assert_eq!(app.count("idempotency_keys").await, 1);
}

#[tokio::test]
async fn rate_limited_answers_are_not_kept() {
    let app = TestApp::empty().await;
    for _ in 0..5 {
        app.request_code("ana@example.com", None).await;
    }
    let body = json!({"email": "ana@example.com"});
    ask(&app, &body, &[])
        .await
        .problem(429, problem_kinds::RATE_LIMITED);
    app.clock.advance(Duration::minutes(2));
    let later = ask(&app, &body, &[]).await;
    assert_eq!(later.status, 202, "{}", later.text());
    assert!(!replayed(&later));
}

#[tokio::test]
async fn keys_must_be_printable_ascii_up_to_255_characters() {
    let app = TestApp::empty().await;
    let body = json!({"email": "ana@example.com"});
    let long = "k".repeat(256);
    for bad in [long.as_str(), "ключ"] {
        let request = post_request(CODE_URI, &body, &[]);
        let (mut parts, body) = request.into_parts();
        parts.headers.insert(
            "idempotency-key",
            axum::http::HeaderValue::from_bytes(bad.as_bytes()).unwrap(),
        );
        let response = app.send(axum::http::Request::from_parts(parts, body)).await;
        let problem = response.problem(400, kinds::VALIDATION);
        assert_eq!(problem["errors"][0]["pointer"], "/headers/idempotency-key");
    }
    assert!(app.outbox.sent().is_empty());
    // Other methods ignore the header.
    let request = axum::http::Request::get("/api/v1/portal")
        .header("idempotency-key", KEY)
        .body(axum::body::Body::empty())
        .unwrap();
    assert_eq!(app.send(request).await.status, 200);
    assert_eq!(app.count("idempotency_keys").await, 0);
}
