//! Who may read and answer a request's survey: its customer, its guest
//! key, or a survey link's token for that number only (which opens nothing
//! else); forged, tampered and expired tokens; staff, who read but never
//! answer; and the rate limit and CORS rules survey tokens go through.

use aftercare_server::auth::survey_token;
use aftercare_server::auth::StaffRole;
use aftercare_server::settings::{LimitSettings, OriginSettings, Settings};
use axum::body::Body;
use axum::http::{Method, Request};
use serde_json::json;

use crate::common::TestApp;
use crate::requests_support::{call, consultation, customer, new_key, open_number, staff, Who};
use crate::surveys::{answers, get, put, resolve, survey, token_for, NOT_FOUND, UNAUTHENTICATED};

#[tokio::test]
async fn a_guest_key_or_a_survey_token_opens_the_survey_and_nothing_else() {
    let app = TestApp::empty().await;
    let key = Who::Key(new_key());
    let number = open_number(&app, &key, &consultation()).await;
    let other = open_number(&app, &Who::Key(new_key()), &consultation()).await;
    resolve(&app, &number).await;
    resolve(&app, &other).await;

    let by_key = put(&app, &number, &key, answers()).await;
    assert_eq!(by_key.status, 201, "{}", by_key.text());

    let token = token_for(&app, &number);
    let read = survey(&app, Method::GET, &number, &Who::Nobody, Some(&token), None).await;
    assert_eq!(read.status, 200, "{}", read.text());
    assert_eq!(read.json()["answers"], answers());
    let mut changed = answers();
    changed["nps"] = json!(10);
    let body = json!({ "answers": changed });
    let by_token = survey(
        &app,
        Method::PUT,
        &number,
        &Who::Nobody,
        Some(&token),
        Some(&body),
    )
    .await;
    assert_eq!(by_token.status, 200, "{}", by_token.text());
    assert_eq!(app.count("surveys").await, 1);

    // The token opens only the survey, and only of its own number.
    let request = call(
        &app,
        Method::GET,
        &format!("/api/v1/requests/{number}"),
        &Who::Nobody,
        None,
        &[("x-survey-token", &token)],
    )
    .await;
    request.problem(401, UNAUTHENTICATED);
    survey(&app, Method::GET, &other, &Who::Nobody, Some(&token), None)
        .await
        .problem(404, NOT_FOUND);
    let other_token = token_for(&app, &other);
    survey(
        &app,
        Method::GET,
        &number,
        &Who::Nobody,
        Some(&other_token),
        None,
    )
    .await
    .problem(404, NOT_FOUND);

    // Forged, tampered and expired tokens are refused as such.
    let (signed, signature) = token.rsplit_once('.').unwrap();
    let flipped = if signature.starts_with('A') { "B" } else { "A" };
    let tampered = format!("{signed}.{flipped}{}", &signature[1..]);
    let forged = format!("{other}.{}", token.split_once('.').unwrap().1);
    for bad in [tampered.as_str(), forged.as_str(), "nonsense"] {
        survey(&app, Method::GET, &number, &Who::Nobody, Some(bad), None)
            .await
            .problem(401, UNAUTHENTICATED);
    }
    get(&app, &number, &Who::Nobody)
        .await
        .problem(401, UNAUTHENTICATED);

    // Someone else's session sees no such request; staff read but never answer.
    let bob = Who::Bearer(customer(&app, "bob@example.com").await);
    get(&app, &number, &bob).await.problem(404, NOT_FOUND);
    let sup = Who::Bearer(staff(&app, "Sup", StaffRole::Supervisor).await);
    assert_eq!(get(&app, &number, &sup).await.status, 200);
    put(&app, &number, &sup, answers())
        .await
        .problem(403, aftercare_server::http::problem_kinds::FORBIDDEN);

    app.clock.advance(survey_token::LIFETIME);
    let expired = survey(&app, Method::GET, &number, &Who::Nobody, Some(&token), None).await;
    let problem = expired.problem(401, UNAUTHENTICATED);
    assert!(
        problem["detail"].as_str().unwrap().contains("expired"),
        "{problem}"
    );
}

#[tokio::test]
async fn survey_tokens_are_rate_limited_and_allowed_across_origins() {
    let mut app = TestApp::empty().await;
    app.configure(&Settings {
        limits: LimitSettings {
            guest_calls_per_minute: 2,
            ..LimitSettings::default()
        },
        cors: OriginSettings {
            origins: vec!["https://app.vendor.example".into()],
        },
        ..Settings::default()
    });
    let preflight = Request::builder()
        .method(Method::OPTIONS)
        .uri("/api/v1/requests/AC-2222-22/survey")
        .header("origin", "https://app.vendor.example")
        .header("access-control-request-method", "PUT")
        .header(
            "access-control-request-headers",
            "x-survey-token, content-type",
        )
        .body(Body::empty())
        .unwrap();
    let answer = app.send(preflight).await;
    assert!(answer.status.is_success(), "{}", answer.status);
    assert!(answer
        .header("access-control-allow-methods")
        .contains("PUT"));
    assert!(answer
        .header("access-control-allow-headers")
        .contains("x-survey-token"));

    let token = token_for(&app, "AC-2222-22");
    let mut statuses = Vec::new();
    for _ in 0..2 {
        let read = survey(
            &app,
            Method::GET,
            "AC-2222-22",
            &Who::Nobody,
            Some(&token),
            None,
        );
        statuses.push(read.await.status.as_u16());
    }
    assert_eq!(statuses, [404, 429]);
}
