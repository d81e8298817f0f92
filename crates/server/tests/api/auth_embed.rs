//! `POST /api/v1/auth/embed`: a vendor's website signs its customer in with
//! an HS256 token. A good token signs in; every broken rule is a 401 problem
//! that says which rule, for the vendor's developers.

use aftercare_server::http::problem_kinds;
use aftercare_server::settings::{Secret, Settings, VendorSettings};
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine as _;
use hmac::{Hmac, Mac};
use serde_json::{json, Value};
use sha2::Sha256;

use crate::common::{start_of_tests, TestApp, TestResponse};

const ACME: &str = "acme-secret-of-at-least-32-bytes!!";
const GLOBEX: &str = "globex-secret-of-at-least-32-bytes";

/// A compact HS256 JWS of `claims` under `header`.
pub fn sign(header: &Value, claims: &Value, secret: &str) -> String {
    let input = format!(
        "{}.{}",
        URL_SAFE_NO_PAD.encode(header.to_string()),
        URL_SAFE_NO_PAD.encode(claims.to_string())
    );
    let mut mac = Hmac::<Sha256>::new_from_slice(secret.as_bytes()).unwrap();
    mac.update(input.as_bytes());
    format!(
        "{input}.{}",
        URL_SAFE_NO_PAD.encode(mac.finalize().into_bytes())
    )
}

fn now() -> i64 {
    start_of_tests().unix_timestamp()
}

fn claims() -> Value {
    json!({
        "iss": "acme", "aud": "aftercare", "email": "Wang.Fang@Acme.example",
        "name": "王芳", "iat": now(), "exp": now() + 300
    })
}

fn token(change: impl FnOnce(&mut Value)) -> String {
    let mut claims = claims();
    change(&mut claims);
    sign(&json!({"alg": "HS256", "typ": "JWT"}), &claims, ACME)
}

async fn app() -> TestApp {
    let mut app = TestApp::empty().await;
    let mut settings = Settings::default();
    for (name, secret) in [("acme", ACME), ("globex", GLOBEX)] {
        let vendor = VendorSettings {
            secret: Secret(secret.to_string()),
        };
        settings.embed.vendors.insert(name.to_string(), vendor);
    }
    app.configure(&settings);
    app
}

async fn embed(app: &TestApp, token: &str) -> TestResponse {
    app.post("/api/v1/auth/embed", &json!({ "token": token }), &[])
        .await
}

#[tokio::test]
async fn a_good_token_signs_the_customer_in() {
    let app = app().await;
    let response = embed(&app, &token(|_| {})).await;
    assert_eq!(response.status, 200, "{}", response.text());
    let body = response.json();
    assert_eq!(body["customer"]["email"], "wang.fang@acme.example");
    assert_eq!(body["customer"]["name"], "王芳");
    let token = body["token"].as_str().unwrap();
    let me = app.get_as("/api/v1/auth/session", token).await;
    assert_eq!(me.json()["email"], "wang.fang@acme.example");

    // The same customer the next time, whatever the vendor calls them now.
    let again = embed(&app, &token_named("Fang W.")).await.json();
    assert_eq!(again["customer"]["id"], body["customer"]["id"]);
    assert_eq!(again["customer"]["name"], "王芳");
    // A list of audiences that names aftercare is fine too.
    let listed = embed(
        &app,
        &self::token(|c| c["aud"] = json!(["crm", "aftercare"])),
    )
    .await;
    assert_eq!(listed.status, 200, "{}", listed.text());
    assert_eq!(app.count("customers").await, 1);
}

fn token_named(name: &str) -> String {
    token(|c| c["name"] = json!(name))
}

async fn rejected(app: &TestApp, token: &str, reason: &str) {
    let response = embed(app, token).await;
    let problem = response.problem(401, problem_kinds::EMBED_TOKEN_REJECTED);
    let detail = problem["detail"].as_str().unwrap_or_default();
    assert!(detail.contains(reason), "{reason:?} not in {detail:?}");
    assert!(!response.text().contains(ACME) && !response.text().contains(GLOBEX));
}

#[tokio::test]
async fn every_broken_rule_is_refused_with_its_reason() {
    let app = app().await;
    let mut claims = claims();
    let other_vendors_key = sign(&json!({"alg": "HS256"}), &claims, GLOBEX);
    rejected(&app, &other_vendors_key, "signature").await;
    rejected(
        &app,
        &token(|c| c["aud"] = json!("someone-else")),
        "audience",
    )
    .await;
    rejected(&app, &token(|c| c["iss"] = json!("initech")), "issuer").await;
    rejected(
        &app,
        &token(|c| c["exp"] = json!(now() + 601)),
        "within 600 seconds",
    )
    .await;
    let expired = token(|c| {
        c["iat"] = json!(now() - 400);
        c["exp"] = json!(now() - 61);
    });
    rejected(&app, &expired, "expired").await;
    rejected(
        &app,
        &token(|c| c["email"] = json!("not an address")),
        "email",
    )
    .await;
    rejected(&app, &token(|c| c["name"] = json!("x".repeat(201))), "name").await;

    // alg "none", with or without a signature, never passes.
    claims["email"] = json!("mallory@acme.example");
    let payload = URL_SAFE_NO_PAD.encode(claims.to_string());
    let header = URL_SAFE_NO_PAD.encode(r#"{"alg":"none","typ":"JWT"}"#);
    rejected(&app, &format!("{header}.{payload}."), "HS256").await;
    let signed_none = sign(&json!({"alg": "none"}), &claims, ACME);
    rejected(&app, &signed_none, "HS256").await;
    rejected(&app, "not.a.jwt", "compact").await;
    assert_eq!(app.count("customers").await, 0);
    assert_eq!(app.count("sessions").await, 0);
}

#[tokio::test]
async fn clocks_may_disagree_by_a_minute() {
    let app = app().await;
    let just_expired = token(|c| {
        c["iat"] = json!(now() - 400);
        c["exp"] = json!(now() - 59);
    });
    assert_eq!(embed(&app, &just_expired).await.status, 200);
    let early = token(|c| {
        c["iat"] = json!(now() + 59);
        c["exp"] = json!(now() + 300);
    });
    assert_eq!(embed(&app, &early).await.status, 200);
    let too_early = token(|c| {
        c["iat"] = json!(now() + 120);
        c["exp"] = json!(now() + 300);
    });
    rejected(&app, &too_early, "not valid yet").await;
}

#[tokio::test]
async fn without_configured_vendors_nobody_can_embed() {
    let app = TestApp::empty().await;
    rejected(&app, &token(|_| {}), "issuer").await;
}
