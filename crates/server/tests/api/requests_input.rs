//! Hostile and broken input on the request routes: every bad body is a
//! problem+json 4xx, never a 500, and messages come back exactly as sent.

use aftercare_server::auth::StaffRole;
use axum::body::Body;
use axum::http::{header, Method, Request};
use serde_json::json;

use crate::common::TestApp;
use crate::requests_support::{call, consultation, customer, open_number, staff, Who};

/// Every POST route that reads a body, for a request `number`.
fn routes(number: &str) -> Vec<String> {
    vec![
        "/api/v1/requests".to_string(),
        format!("/api/v1/requests/{number}/messages"),
        format!("/api/v1/staff/requests/{number}/actions"),
        format!("/api/v1/staff/requests/{number}/messages"),
    ]
}

#[tokio::test]
async fn broken_bodies_are_4xx_problems_never_500() {
    let app = TestApp::empty().await;
    let token = customer(&app, "ana@example.com").await;
    let engineer = staff(&app, "Eng", StaffRole::Engineer).await;
    let number = open_number(&app, &Who::Bearer(token.clone()), &consultation()).await;
    let mut too_big = consultation();
    too_big["fields"]["description"] = json!("x".repeat(300 * 1024));
    let bodies: Vec<(&str, Vec<u8>)> = vec![
        ("malformed", b"{\"type\": ".to_vec()),
        ("not an object", b"[1, 2, 3]".to_vec()),
        ("wrong types", br#"{"type": 5, "severity": [], "fields": "x", "text": 7, "action": 1}"#.to_vec()),
        ("unknown fields", br#"{"text": "hi", "type": "consultation", "severity": "normal", "fields": {}, "action": "start", "admin": true}"#.to_vec()),
        ("bad utf-8", b"{\"text\": \"\xff\xfe\"}".to_vec()),
        ("empty", Vec::new()),
        ("oversize", too_big.to_string().into_bytes()),
    ];
    for uri in routes(&number) {
        let bearer = if uri.contains("/staff/") {
            &engineer
        } else {
            &token
        };
        for (name, body) in &bodies {
            let request = Request::builder()
                .method(Method::POST)
                .uri(&uri)
                .header(header::AUTHORIZATION, format!("Bearer {bearer}"))
                .header(header::CONTENT_TYPE, "application/json")
                .header("idempotency-key", format!("k-{name}-{}", uri.len()))
                .body(Body::from(body.clone()))
                .unwrap();
            let response = app.send(request).await;
            let status = response.status.as_u16();
            assert!(
                (400..500).contains(&status),
                "{name} on {uri}: {status} {}",
                response.text()
            );
            assert_eq!(
                response.header("content-type"),
                "application/problem+json",
                "{name} on {uri}"
            );
            if *name == "oversize" {
                assert_eq!(status, 413, "{uri}");
            }
        }
        // Not JSON at all.
        let request = Request::builder()
            .method(Method::POST)
            .uri(&uri)
            .header(header::AUTHORIZATION, format!("Bearer {bearer}"))
            .header(header::CONTENT_TYPE, "text/plain")
            .body(Body::from("hello"))
            .unwrap();
        assert_eq!(app.send(request).await.status, 415, "{uri}");
    }
    // A number that cannot be one, with odd bytes in the path.
    for path in [
        "/api/v1/requests/%FF%FE",
        "/api/v1/requests/AC-0000-00",
        "/api/v1/requests/x",
    ] {
        let response = call(
            &app,
            Method::GET,
            path,
            &Who::Bearer(token.clone()),
            None,
            &[],
        )
        .await;
        let status = response.status.as_u16();
        assert!((400..500).contains(&status), "{path}: {status}");
    }
    for query in [
        "limit=0",
        "limit=abc",
        "status=lost",
        "cursor=nonsense",
        "color=red",
    ] {
        let uri = format!("/api/v1/requests?{query}");
        let response = call(
            &app,
            Method::GET,
            &uri,
            &Who::Bearer(token.clone()),
            None,
            &[],
        )
        .await;
        assert_eq!(response.status, 400, "{query}: {}", response.text());
    }
}

#[tokio::test]
async fn messages_come_back_exactly_as_sent() {
    let app = TestApp::empty().await;
    let who = Who::Bearer(customer(&app, "ana@example.com").await);
    let number = open_number(&app, &who, &consultation()).await;
    let payloads = [
        "<script>alert('x')</script>",
        "<img src=x onerror=alert(1)>",
        "\"); DROP TABLE service_requests; --",
        "{{constructor.constructor('alert(1)')()}}",
        "  spaced  \n\tand\r\nlines  ",
        "中文 繁體 English 🙂 &amp; &lt;b&gt;",
        "javascript:alert(document.cookie)",
    ];
    let uri = format!("/api/v1/requests/{number}/messages");
    for text in payloads {
        let response = call(
            &app,
            Method::POST,
            &uri,
            &who,
            Some(&json!({"text": text})),
            &[],
        )
        .await;
        assert_eq!(response.status, 201, "{}", response.text());
    }
    let request = call(
        &app,
        Method::GET,
        &format!("/api/v1/requests/{number}"),
        &who,
        None,
        &[],
    )
    .await
    .json();
    let texts: Vec<&str> = request["messages"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["text"].as_str().unwrap())
        .collect();
    assert_eq!(texts, payloads);
    let in_events: Vec<&str> = request["events"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|e| e["message"]["text"].as_str())
        .collect();
    assert_eq!(in_events, payloads);
    // Blank and overlong messages are refused.
    for bad in [json!({"text": "   "}), json!({"text": "x".repeat(10_001)})] {
        let response = call(&app, Method::POST, &uri, &who, Some(&bad), &[]).await;
        response.problem(422, aftercare_core::problem::kinds::VALIDATION);
    }
}

#[tokio::test]
async fn concurrent_messages_are_all_kept_in_one_timeline() {
    let app = TestApp::empty().await;
    let token = customer(&app, "ana@example.com").await;
    let number = open_number(&app, &Who::Bearer(token.clone()), &consultation()).await;
    let router = app.router();
    let mut tasks = Vec::new();
    for index in 0..12 {
        let (router, token, number) = (router.clone(), token.clone(), number.clone());
        tasks.push(tokio::spawn(async move {
            let request = crate::common::post_request(
                &format!("/api/v1/requests/{number}/messages"),
                &json!({ "text": format!("message {index}") }),
                &[("authorization", &format!("Bearer {token}"))],
            );
            crate::common::send_to(router, request).await
        }));
    }
    for task in tasks {
        let response = task.await.unwrap();
        assert_eq!(response.status, 201, "{}", response.text());
    }
    let request = call(
        &app,
        Method::GET,
        &format!("/api/v1/requests/{number}"),
        &Who::Bearer(token),
        None,
        &[],
    )
    .await
    .json();
    assert_eq!(request["messages"].as_array().unwrap().len(), 12);
    assert_eq!(request["events"].as_array().unwrap().len(), 13);
}
