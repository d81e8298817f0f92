//! Rate limits on service requests: opening them (guests per client
//! address, customers per account), calls with an access key (per client
//! address and minute, wrong keys counted ten times), and switching them off.

use aftercare_core::problem::kinds;
use aftercare_server::http::problem_kinds;
use aftercare_server::settings::{LimitSettings, Settings};
use axum::body::Body;
use axum::http::{header, Method, Request};
use time::Duration;

use crate::common::{from_ip, TestApp, TestResponse};
use crate::requests_support::{consultation, customer, new_idempotency_key, new_key, Who};

/// Sends `method uri` as `who` from `ip`, with the consultation body for a
/// POST.
async fn from(app: &TestApp, ip: &str, method: Method, uri: &str, who: &Who) -> TestResponse {
    let mut request = Request::builder().method(method.clone()).uri(uri);
    match who {
        Who::Nobody => {}
        Who::Bearer(token) => {
            request = request.header(header::AUTHORIZATION, format!("Bearer {token}"))
        }
        Who::Key(key) => request = request.header("x-access-key", key.as_str()),
    }
    let request = if method == Method::POST {
        request
            .header(header::CONTENT_TYPE, "application/json")
            .header("idempotency-key", new_idempotency_key())
            .body(Body::from(consultation().to_string()))
    } else {
        request.body(Body::empty())
    };
    app.send(from_ip(request.unwrap(), ip)).await
}

async fn open_from(app: &TestApp, ip: &str, who: &Who) -> TestResponse {
    from(app, ip, Method::POST, "/api/v1/requests", who).await
}

#[tokio::test]
async fn guests_open_thirty_requests_per_ten_minutes_per_address() {
    let app = TestApp::empty().await;
    for n in 0..30 {
        let response = open_from(&app, "203.0.113.20", &Who::Key(new_key())).await;
        assert_eq!(response.status, 201, "{n}: {}", response.text());
    }
    let limited = open_from(&app, "203.0.113.20", &Who::Key(new_key())).await;
    limited.problem(429, problem_kinds::RATE_LIMITED);
    assert_eq!(limited.header("retry-after"), "20");
    assert_eq!(app.count("service_requests").await, 30);
    // Another address has its own bucket; the first one refills evenly.
    let other = open_from(&app, "203.0.113.21", &Who::Key(new_key())).await;
    assert_eq!(other.status, 201);
    app.clock.advance(Duration::seconds(20));
    let again = open_from(&app, "203.0.113.20", &Who::Key(new_key())).await;
    assert_eq!(again.status, 201, "{}", again.text());
}

#[tokio::test]
async fn a_customer_opens_thirty_requests_per_ten_minutes_from_anywhere() {
    let app = TestApp::empty().await;
    let ana = Who::Bearer(customer(&app, "ana@example.com").await);
    for n in 0..30 {
        let ip = format!("198.51.100.{n}");
        let response = open_from(&app, &ip, &ana).await;
        assert_eq!(response.status, 201, "{n}: {}", response.text());
    }
    let limited = open_from(&app, "198.51.100.99", &ana).await;
    limited.problem(429, problem_kinds::RATE_LIMITED);
    assert_eq!(limited.header("retry-after"), "20");
    // Another customer, from the same address, is not held back.
    let bo = Who::Bearer(customer(&app, "bo@example.com").await);
    assert_eq!(open_from(&app, "198.51.100.99", &bo).await.status, 201);
}

#[tokio::test]
async fn guest_calls_are_limited_per_minute_and_wrong_keys_cost_ten() {
    let app = TestApp::empty().await;
    let key = Who::Key(new_key());
    let opened = open_from(&app, "192.0.2.1", &key).await;
    assert_eq!(opened.status, 201, "{}", opened.text());
    let uri = format!(
        "/api/v1/requests/{}",
        opened.json()["number"].as_str().unwrap()
    );
    // Opening took one of the address's 60 calls a minute.
    for n in 1..60 {
        let response = from(&app, "192.0.2.1", Method::GET, &uri, &key).await;
        assert_eq!(response.status, 200, "{n}: {}", response.text());
    }
    let limited = from(&app, "192.0.2.1", Method::GET, &uri, &key).await;
    limited.problem(429, problem_kinds::RATE_LIMITED);
    assert_eq!(limited.header("retry-after"), "1");
    // Calls without a key are not guest calls.
    assert_eq!(app.get("/api/v1/portal").await.status, 200);

    // From another address, six wrong keys use up the minute...
    for _ in 0..6 {
        let wrong = from(&app, "192.0.2.2", Method::GET, &uri, &Who::Key(new_key())).await;
        wrong.problem(404, kinds::NOT_FOUND);
    }
    let limited = from(&app, "192.0.2.2", Method::GET, &uri, &key).await;
    limited.problem(429, problem_kinds::RATE_LIMITED);
    // ...and from then on a guess every ten seconds is all it gets.
    app.clock.advance(Duration::seconds(1));
    let wrong = from(&app, "192.0.2.2", Method::GET, &uri, &Who::Key(new_key())).await;
    assert_eq!(wrong.status, 404);
    let limited = from(&app, "192.0.2.2", Method::GET, &uri, &key).await;
    assert_eq!(limited.status, 429);
    assert_eq!(limited.header("retry-after"), "10");
    app.clock.advance(Duration::seconds(10));
    assert_eq!(
        from(&app, "192.0.2.2", Method::GET, &uri, &key)
            .await
            .status,
        200
    );
}

#[tokio::test]
async fn the_request_limits_are_configurable_and_can_be_switched_off() {
    let mut app = TestApp::empty().await;
    let mut settings = Settings {
        limits: LimitSettings {
            requests_per_ip: 2,
            guest_calls_per_minute: 100,
            ..LimitSettings::default()
        },
        ..Settings::default()
    };
    app.configure(&settings);
    for _ in 0..2 {
        let response = open_from(&app, "192.0.2.9", &Who::Key(new_key())).await;
        assert_eq!(response.status, 201);
    }
    let limited = open_from(&app, "192.0.2.9", &Who::Key(new_key())).await;
    assert_eq!(limited.status, 429);
    assert_eq!(limited.header("retry-after"), "300");

    settings.limits.enabled = false;
    app.configure(&settings);
    for _ in 0..40 {
        let response = open_from(&app, "192.0.2.9", &Who::Key(new_key())).await;
        assert_eq!(response.status, 201, "{}", response.text());
    }
    for _ in 0..100 {
        let wrong = from(
            &app,
            "192.0.2.9",
            Method::GET,
            "/api/v1/requests/AC-2222-22",
            &Who::Key(new_key()),
        )
        .await;
        assert_eq!(wrong.status, 404);
    }
}
