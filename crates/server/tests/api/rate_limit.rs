//! Rate limits on sign-in: codes per address, codes per client address,
//! sign-in attempts per client address, and switching them off.

use aftercare_server::http::problem_kinds;
use aftercare_server::settings::{LimitSettings, Settings};
use serde_json::json;
use time::Duration;

use crate::common::{from_ip, post_request, TestApp, TestResponse};

async fn code_from(app: &TestApp, email: &str, ip: &str) -> TestResponse {
    let request = post_request("/api/v1/auth/email-code", &json!({ "email": email }), &[]);
    app.send(from_ip(request, ip)).await
}

#[tokio::test]
async fn an_address_gets_five_codes_per_ten_minutes() {
    let app = TestApp::empty().await;
    for _ in 0..5 {
        assert_eq!(app.request_code("ana@example.com", None).await.status, 202);
    }
    let limited = app.request_code("ana@example.com", None).await;
    let problem = limited.problem(429, problem_kinds::RATE_LIMITED);
    assert_eq!(limited.header("retry-after"), "120");
    assert!(problem["detail"].as_str().unwrap().contains("120"));
    assert_eq!(app.mail_to("ana@example.com").len(), 5);
    // The case of an address does not make it another one.
    assert_eq!(app.request_code("ANA@example.com", None).await.status, 429);

    app.clock.advance(Duration::seconds(119));
    assert_eq!(
        app.request_code("ana@example.com", None)
            .await
            .header("retry-after"),
        "1"
    );
    app.clock.advance(Duration::seconds(1));
    assert_eq!(app.request_code("ana@example.com", None).await.status, 202);
}

#[tokio::test]
async fn a_client_address_gets_twenty_codes_per_ten_minutes() {
    let app = TestApp::empty().await;
    for n in 0..20 {
        let response = code_from(&app, &format!("c{n}@example.com"), "203.0.113.7").await;
        assert_eq!(response.status, 202, "{n}: {}", response.text());
    }
    let limited = code_from(&app, "c20@example.com", "203.0.113.7").await;
    limited.problem(429, problem_kinds::RATE_LIMITED);
    assert_eq!(limited.header("retry-after"), "30");
    assert_eq!(
        code_from(&app, "c20@example.com", "203.0.113.8")
            .await
            .status,
        202
    );
    // One IPv6 subscriber is one client, however many addresses it uses.
    for n in 0..20 {
        let ip = format!("2001:db8:0:1::{n:x}");
        assert_eq!(
            code_from(&app, &format!("v{n}@example.com"), &ip)
                .await
                .status,
            202
        );
    }
    assert_eq!(
        code_from(&app, "v@example.com", "2001:db8:0:1::ff")
            .await
            .status,
        429
    );
}

#[tokio::test]
async fn sign_in_attempts_are_limited_per_client_address() {
    let app = TestApp::empty().await;
    let attempt = |n: usize| {
        let body = json!({ "email": format!("g{n}@example.com"), "code": "123456" });
        from_ip(
            post_request("/api/v1/auth/session", &body, &[]),
            "198.51.100.1",
        )
    };
    for n in 0..30 {
        assert_eq!(app.send(attempt(n)).await.status, 401);
    }
    app.send(attempt(30))
        .await
        .problem(429, problem_kinds::RATE_LIMITED);
}

#[tokio::test]
async fn limits_are_configurable_and_can_be_switched_off() {
    let mut app = TestApp::empty().await;
    let mut settings = Settings {
        limits: LimitSettings {
            codes_per_email: 1,
            ..LimitSettings::default()
        },
        ..Settings::default()
    };
    app.configure(&settings);
    assert_eq!(app.request_code("ana@example.com", None).await.status, 202);
    let limited = app.request_code("ana@example.com", None).await;
    assert_eq!(limited.status, 429);
    assert_eq!(limited.header("retry-after"), "600");

    settings.limits.enabled = false;
    app.configure(&settings);
    for _ in 0..30 {
        assert_eq!(app.request_code("bo@example.com", None).await.status, 202);
    }
}
