//! What outlives an account's deletion does nothing: a call under way
//! (its session read just before the deletion) writes nothing after it —
//! opening a request and posting a message lock the customer's row as the
//! deletion does, find the account gone, and are refused with a 401, so
//! nothing of theirs escapes the anonymising — and a survey link mailed
//! before opens nothing any more.

use aftercare_server::http::identity::Identity;
use aftercare_server::http::problem::ApiError;
use aftercare_server::requests::message::{post_message, MessageBody};
use aftercare_server::requests::{self, Asker, NewRequestBody};
use axum::http::Method;
use serde_json::json;

use crate::common::TestApp;
use crate::requests_support::{call, consultation, customer, new_key, open_number, Who};
use crate::surveys::{answers, resolve, survey, token_for};

#[tokio::test]
async fn writes_of_a_customer_deleted_meanwhile_are_refused() {
    let app = TestApp::empty().await;
    let who = Who::Bearer(customer(&app, "ana@example.com").await);
    let number = open_number(&app, &who, &consultation()).await;
    let (id,): (String,) = sqlx::query_as("SELECT id FROM customers WHERE email = $1")
        .bind("ana@example.com")
        .fetch_one(app.db.pool())
        .await
        .unwrap();
    // The identity their call read before the deletion.
    let asker = Asker {
        identity: Identity::Customer {
            id,
            email: "ana@example.com".into(),
        },
        key_hash: None,
    };
    let deleted = call(&app, Method::DELETE, "/api/v1/me", &who, None, &[]).await;
    assert_eq!(deleted.status, 204, "{}", deleted.text());

    let desk = aftercare_server::http::requests::desk(&app.state);
    let body: NewRequestBody = serde_json::from_value(consultation()).unwrap();
    let opened = requests::create(desk, &asker, &body, "en", "key-after-deletion").await;
    assert!(
        matches!(opened, Err(ApiError::Unauthenticated(_))),
        "{opened:?}"
    );
    let message = MessageBody {
        text: "Ana Lima here, call me on +1 555 0100.".into(),
        attachments: Vec::new(),
    };
    let posted = post_message(desk, &asker, &number, &message, None).await;
    assert!(
        matches!(posted, Err(ApiError::Unauthenticated(_))),
        "{posted:?}"
    );
    assert_eq!(app.count("service_requests").await, 1);
    assert_eq!(app.count("request_messages").await, 0);
}

#[tokio::test]
async fn a_survey_link_dies_with_the_account_and_a_guests_lives_on() {
    let app = TestApp::empty().await;
    let ana = Who::Bearer(customer(&app, "ana@example.com").await);
    let hers = open_number(&app, &ana, &consultation()).await;
    let guests = open_number(&app, &Who::Key(new_key()), &consultation()).await;
    for number in [&hers, &guests] {
        resolve(&app, number).await;
    }
    let (her_link, guest_link) = (token_for(&app, &hers), token_for(&app, &guests));
    let before = survey(
        &app,
        Method::GET,
        &hers,
        &Who::Nobody,
        Some(&her_link),
        None,
    )
    .await;
    assert_eq!(before.status, 200, "{}", before.text());

    let deleted = call(&app, Method::DELETE, "/api/v1/me", &ana, None, &[]).await;
    assert_eq!(deleted.status, 204, "{}", deleted.text());

    let body = json!({ "answers": answers() });
    for (method, body) in [(Method::GET, None), (Method::PUT, Some(&body))] {
        survey(&app, method, &hers, &Who::Nobody, Some(&her_link), body)
            .await
            .problem(404, aftercare_core::problem::kinds::NOT_FOUND);
    }
    assert_eq!(app.count("surveys").await, 0);
    let guest = survey(
        &app,
        Method::GET,
        &guests,
        &Who::Nobody,
        Some(&guest_link),
        None,
    )
    .await;
    assert_eq!(guest.status, 200, "{}", guest.text());
}
