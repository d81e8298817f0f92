//! Helpers for the service-request tests: who asks (customers, guests,
//! staff, nobody), valid request bodies, and requests sent as any of them.

use aftercare_server::auth::sign_in;
use aftercare_server::auth::StaffRole;
use axum::body::Body;
use axum::http::{header, Method, Request};
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine as _;
use rand::RngCore;
use serde_json::{json, Value};

use crate::common::{TestApp, TestResponse};

/// Who sends a request.
#[derive(Debug, Clone)]
pub enum Who {
    Nobody,
    /// A customer's or a staff member's bearer token.
    Bearer(String),
    /// A guest's access key.
    Key(String),
}

/// `request` as sent by `who`, with `headers` added.
pub fn as_who(
    mut request: axum::http::request::Builder,
    who: &Who,
    headers: &[(&str, &str)],
) -> axum::http::request::Builder {
    match who {
        Who::Nobody => {}
        Who::Bearer(token) => {
            request = request.header(header::AUTHORIZATION, format!("Bearer {token}"))
        }
        Who::Key(key) => request = request.header("x-access-key", key.as_str()),
    }
    for (name, value) in headers {
        request = request.header(*name, *value);
    }
    request
}

/// A new guest access key: 256 random bits, base64url.
pub fn new_key() -> String {
    let mut bytes = [0u8; 32];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    URL_SAFE_NO_PAD.encode(bytes)
}

/// A new idempotency key.
pub fn new_idempotency_key() -> String {
    format!("idem-{}", new_key())
}

/// A valid consultation request.
pub fn consultation() -> Value {
    json!({
        "type": "consultation",
        "severity": "normal",
        "fields": {
            "contact_name": "王小明",
            "phone": "+86 138 0000 0000",
            "product_model": "BW-200",
            "topic": "usage",
            "description": "How do I descale it?"
        }
    })
}

/// A valid fault report of `severity`.
pub fn fault_report(severity: &str) -> Value {
    json!({
        "type": "fault_report",
        "severity": severity,
        "locale": "en",
        "fields": {
            "contact_name": "Ana Lima",
            "phone": "+1 555 0100",
            "product_model": "BW-200",
            "serial_number": "SN-2024-0001",
            "fault_started_at": "2027-01-14T08:00:00+08:00",
            "fault_frequency": "constant",
            "description": "It stopped heating."
        }
    })
}

/// A valid complaint.
pub fn complaint() -> Value {
    json!({
        "type": "complaint",
        "severity": "high",
        "fields": {
            "contact_name": "Ana Lima",
            "phone": "+1 555 0100",
            "complaint_about": "response_time",
            "description": "Nobody came."
        }
    })
}

/// Sends `method uri` as `who`, with a JSON body if given and extra headers.
pub async fn call(
    app: &TestApp,
    method: Method,
    uri: &str,
    who: &Who,
    body: Option<&Value>,
    headers: &[(&str, &str)],
) -> TestResponse {
    let request = as_who(Request::builder().method(method).uri(uri), who, headers);
    let request = match body {
        Some(body) => request
            .header(header::CONTENT_TYPE, "application/json")
            .body(Body::from(body.to_string())),
        None => request.body(Body::empty()),
    };
    app.send(request.unwrap()).await
}

/// Opens a request as `who` with a fresh idempotency key.
pub async fn open(app: &TestApp, who: &Who, body: &Value) -> TestResponse {
    let key = new_idempotency_key();
    call(
        app,
        Method::POST,
        "/api/v1/requests",
        who,
        Some(body),
        &[("idempotency-key", &key)],
    )
    .await
}

/// Opens a request as `who` and returns its number.
pub async fn open_number(app: &TestApp, who: &Who, body: &Value) -> String {
    let response = open(app, who, body).await;
    assert_eq!(response.status, 201, "{}", response.text());
    response.json()["number"].as_str().unwrap().to_string()
}

/// A staff member's bearer token.
pub async fn staff(app: &TestApp, name: &str, role: StaffRole) -> String {
    let (token, _, _) = sign_in::staff_token(&app.db, &app.state.clock, name, Some(role))
        .await
        .unwrap();
    token
}

/// A signed-in customer's bearer token.
pub async fn customer(app: &TestApp, email: &str) -> String {
    app.sign_in(email).await["token"]
        .as_str()
        .unwrap()
        .to_string()
}

/// Reads the request `number` as `who`.
pub async fn read_request(app: &TestApp, number: &str, who: &Who) -> TestResponse {
    call(
        app,
        Method::GET,
        &format!("/api/v1/requests/{number}"),
        who,
        None,
        &[],
    )
    .await
}

/// Takes a staff action on `number`.
pub async fn staff_action(app: &TestApp, token: &str, number: &str, body: Value) -> TestResponse {
    call(
        app,
        Method::POST,
        &format!("/api/v1/staff/requests/{number}/actions"),
        &Who::Bearer(token.to_string()),
        Some(&body),
        &[],
    )
    .await
}

/// The statuses of a request's timeline, in order.
pub fn statuses(request: &Value) -> Vec<String> {
    request["events"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|e| e["status"].as_str().map(str::to_string))
        .collect()
}
