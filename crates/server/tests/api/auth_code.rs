//! Signing in with a mailed code: the whole round in each language, the
//! same answer for known and unknown addresses, five tries per code, ten
//! minutes per code, one live code per address, and sessions that end when
//! they expire or are signed out.

use aftercare_core::Locale;
use aftercare_server::http::problem_kinds;
use axum::body::Body;
use axum::http::Request;
use serde_json::Value;
use time::Duration;

use crate::common::TestApp;

#[tokio::test]
async fn a_mailed_code_signs_a_new_customer_in_in_each_language() {
    let app = TestApp::empty().await;
    for (email, locale, greeting) in [
        ("ana@example.com", "zh-CN", "登录验证码"),
        ("bo@example.com", "zh-TW", "登入驗證碼"),
        ("cy@example.com", "en", "sign-in code"),
    ] {
        let response = app.request_code(email, Some(locale)).await;
        assert_eq!(response.status, 202, "{}", response.text());
        let mail = app.mail_to(email);
        assert_eq!(mail.len(), 1, "{email}");
        assert_eq!(mail[0].locale, Locale::from_tag(locale).unwrap());
        assert!(mail[0].subject.contains(greeting), "{}", mail[0].subject);

        let signed_in = app.redeem(email, &app.last_code(email)).await;
        assert_eq!(signed_in.status, 200, "{}", signed_in.text());
        let body = signed_in.json();
        let token = body["token"].as_str().unwrap();
        assert!(token.len() >= 22, "at least 128 bits: {token}");
        assert_eq!(body["customer"]["email"], email);
        assert_eq!(body["customer"]["name"], "");
        assert!(body["customer"]["id"].as_str().unwrap().starts_with("cus_"));
        assert_eq!(body["expires_at"], "2027-02-14T08:00:00.000Z");

        let me = app.get_as("/api/v1/auth/session", token).await;
        assert_eq!(me.status, 200, "{}", me.text());
        assert_eq!(me.json()["kind"], "customer");
        assert_eq!(me.json()["email"], email);
    }
    assert_eq!(app.count("customers").await, 3);
    // Only the hash of a token is stored.
    let hashes: Vec<(String,)> = sqlx::query_as("SELECT token_hash FROM sessions")
        .fetch_all(app.db.pool())
        .await
        .unwrap();
    assert!(hashes.iter().all(|(hash,)| hash.len() == 64));
}

#[tokio::test]
async fn an_address_is_one_customer_whatever_its_case() {
    let app = TestApp::empty().await;
    let first = app.sign_in("Ana.Li@Example.com").await;
    assert_eq!(first["customer"]["email"], "ana.li@example.com");
    assert_eq!(app.mail_to("ana.li@example.com").len(), 1);
    let second = app.sign_in("  ana.li@EXAMPLE.COM ").await;
    assert_eq!(first["customer"]["id"], second["customer"]["id"]);
    assert_ne!(first["token"], second["token"]);
    assert_eq!(app.count("customers").await, 1);
}

#[tokio::test]
async fn known_and_unknown_addresses_get_the_same_answer() {
    let app = TestApp::empty().await;
    app.sign_in("known@example.com").await;
    let known = app.request_code("known@example.com", None).await;
    let unknown = app.request_code("stranger@example.com", None).await;
    assert_eq!(known.status, 202);
    assert_eq!(
        (known.status, &known.body, known.header("content-type")),
        (
            unknown.status,
            &unknown.body,
            unknown.header("content-type")
        )
    );
    // Both got a code: an unknown address becomes a customer on sign-in.
    assert_eq!(app.mail_to("stranger@example.com").len(), 1);
}

#[tokio::test]
async fn the_language_is_the_asked_one_then_the_customers_then_the_browsers() {
    let app = TestApp::empty().await;
    let in_language = |language: &'static str| {
        Request::post("/api/v1/auth/email-code")
            .header("content-type", "application/json")
            .header("accept-language", language)
    };
    let ask = |email: &str, language: &'static str| {
        in_language(language)
            .body(Body::from(format!(r#"{{"email": "{email}"}}"#)))
            .unwrap()
    };
    // A stranger without a locale: the browser's language.
    assert_eq!(
        app.send(ask("tw@example.com", "zh-TW,en;q=0.5"))
            .await
            .status,
        202
    );
    assert_eq!(app.mail_to("tw@example.com")[0].locale, Locale::ZhTw);
    // No Accept-Language at all: the portal's default (zh-CN).
    assert_eq!(
        app.request_code("plain@example.com", None).await.status,
        202
    );
    assert_eq!(app.mail_to("plain@example.com")[0].locale, Locale::ZhCn);
    // A customer who signed in in English keeps English...
    app.request_code("en@example.com", Some("en")).await;
    let code = app.last_code("en@example.com");
    assert_eq!(app.redeem("en@example.com", &code).await.status, 200);
    assert_eq!(app.send(ask("en@example.com", "zh-CN")).await.status, 202);
    assert_eq!(app.mail_to("en@example.com")[1].locale, Locale::En);
    // ...unless they ask for another language.
    app.request_code("en@example.com", Some("zh-TW")).await;
    assert_eq!(app.mail_to("en@example.com")[2].locale, Locale::ZhTw);
}

fn sign_in_failed(response: &crate::common::TestResponse) -> Value {
    let problem = response.problem(401, problem_kinds::SIGN_IN_FAILED);
    let text = response.text().to_lowercase();
    for hint in ["remain", "attempt", "left", "expired at", "unknown"] {
        assert!(!text.contains(hint), "{hint} in {text}");
    }
    problem
}

#[tokio::test]
async fn five_wrong_codes_kill_the_code() {
    let app = TestApp::empty().await;
    app.request_code("ana@example.com", None).await;
    let code = app.last_code("ana@example.com");
    let wrong = if code == "000000" { "000001" } else { "000000" };
    let first = sign_in_failed(&app.redeem("ana@example.com", wrong).await);
    for _ in 1..5 {
        // Every failure looks the same, so nothing tells the tries left.
        assert_eq!(
            sign_in_failed(&app.redeem("ana@example.com", wrong).await),
            first
        );
    }
    sign_in_failed(&app.redeem("ana@example.com", &code).await);
    assert_eq!(app.count("sessions").await, 0);

    // The fifth try may still be the right one.
    app.request_code("bo@example.com", None).await;
    let code = app.last_code("bo@example.com");
    let wrong = if code == "999999" { "999998" } else { "999999" };
    for _ in 0..4 {
        sign_in_failed(&app.redeem("bo@example.com", wrong).await);
    }
    assert_eq!(app.redeem("bo@example.com", &code).await.status, 200);
}

#[tokio::test]
async fn a_code_expires_after_ten_minutes() {
    let app = TestApp::empty().await;
    app.request_code("early@example.com", None).await;
    app.request_code("late@example.com", None).await;
    app.clock
        .advance(Duration::minutes(10) - Duration::seconds(1));
    let early = app
        .redeem("early@example.com", &app.last_code("early@example.com"))
        .await;
    assert_eq!(early.status, 200, "{}", early.text());
    app.clock.advance(Duration::seconds(1));
    let late = app
        .redeem("late@example.com", &app.last_code("late@example.com"))
        .await;
    sign_in_failed(&late);
}

#[tokio::test]
async fn a_code_works_once_and_only_the_newest_one_works() {
    let app = TestApp::empty().await;
    app.request_code("ana@example.com", None).await;
    let old = app.last_code("ana@example.com");
    app.request_code("ana@example.com", None).await;
    let new = app.last_code("ana@example.com");
    if old != new {
        sign_in_failed(&app.redeem("ana@example.com", &old).await);
    }
    assert_eq!(app.redeem("ana@example.com", &new).await.status, 200);
    sign_in_failed(&app.redeem("ana@example.com", &new).await);
    // An address that never got a code fails the same way.
    sign_in_failed(&app.redeem("nobody@example.com", "123456").await);
}

#[tokio::test]
async fn signing_out_revokes_that_token_only() {
    let app = TestApp::empty().await;
    let phone = app.sign_in("ana@example.com").await["token"]
        .as_str()
        .unwrap()
        .to_string();
    let laptop = app.sign_in("ana@example.com").await["token"]
        .as_str()
        .unwrap()
        .to_string();
    let sign_out = |token: &str| {
        Request::delete("/api/v1/auth/session")
            .header("authorization", format!("Bearer {token}"))
            .body(Body::empty())
            .unwrap()
    };
    assert_eq!(app.send(sign_out(&phone)).await.status, 204);
    let after = app.get_as("/api/v1/auth/session", &phone).await;
    after.problem(401, problem_kinds::UNAUTHENTICATED);
    assert!(after.header("www-authenticate").starts_with("Bearer"));
    app.send(sign_out(&phone))
        .await
        .problem(401, problem_kinds::UNAUTHENTICATED);
    assert_eq!(
        app.get_as("/api/v1/auth/session", &laptop).await.status,
        200
    );
}

#[tokio::test]
async fn sessions_last_thirty_days() {
    let app = TestApp::empty().await;
    let token = app.sign_in("ana@example.com").await["token"]
        .as_str()
        .unwrap()
        .to_string();
    app.clock.advance(Duration::days(30) - Duration::seconds(1));
    assert_eq!(app.get_as("/api/v1/auth/session", &token).await.status, 200);
    app.clock.advance(Duration::seconds(1));
    app.get_as("/api/v1/auth/session", &token)
        .await
        .problem(401, problem_kinds::UNAUTHENTICATED);
}

#[tokio::test]
async fn missing_and_bad_credentials_are_401_problems() {
    let app = TestApp::empty().await;
    let titled = app
        .get_in("/api/v1/auth/session", "zh-CN")
        .await
        .problem(401, problem_kinds::UNAUTHENTICATED);
    assert_eq!(titled["title"], "请先登录");
    for value in ["Bearer not-a-token", "Basic YTpi", "Bearer", "token"] {
        let request = Request::get("/api/v1/auth/session")
            .header("authorization", value)
            .body(Body::empty())
            .unwrap();
        let response = app.send(request).await;
        response.problem(401, problem_kinds::UNAUTHENTICATED);
        assert!(
            response.header("www-authenticate").contains("Bearer"),
            "{value}"
        );
    }
    let request = Request::delete("/api/v1/auth/session")
        .body(Body::empty())
        .unwrap();
    app.send(request)
        .await
        .problem(401, problem_kinds::UNAUTHENTICATED);
}
