//! `POST /api/v1/kb/articles/{id}/feedback`: stored answers, who gave them,
//! unknown and deleted articles, the field checks, and one row per
//! `Idempotency-Key`.

use aftercare_core::kb_signals::MAX_FEEDBACK_COMMENT_CHARS;
use aftercare_core::problem::kinds;
use serde_json::{json, Value};

use crate::common::{demo_entries, problem_errors, TestApp};
use crate::requests_support::new_idempotency_key;

const ARTICLE: &str = "how-to-request-service-zh-cn";

fn uri(id: &str) -> String {
    format!("/api/v1/kb/articles/{id}/feedback")
}

/// The stored rows: (article, helpful, comment, customer), oldest first.
async fn rows(app: &TestApp) -> Vec<(String, i64, Option<String>, Option<String>)> {
    sqlx::query_as(
        "SELECT article_id, CAST(helpful AS BIGINT), comment, customer_id \
         FROM kb_feedback ORDER BY created_at, id",
    )
    .fetch_all(app.db.pool())
    .await
    .unwrap()
}

#[tokio::test]
async fn an_anonymous_vote_is_stored_and_answered_201() {
    let app = TestApp::with_demo().await;
    let body = json!({"helpful": true, "comment": "很清楚", "locale": "zh-CN"});
    let key = new_idempotency_key();
    let response = app
        .post(&uri(ARTICLE), &body, &[("idempotency-key", &key)])
        .await;
    assert_eq!(response.status, 201, "{}", response.text());
    let answer = response.json();
    assert!(
        answer["id"].as_str().unwrap().starts_with("fb_"),
        "{answer}"
    );
    assert_eq!(answer["article_id"], ARTICLE);
    assert_eq!(answer["helpful"], true);
    assert_eq!(answer.as_object().unwrap().len(), 3);
    assert_eq!(
        rows(&app).await,
        [(ARTICLE.into(), 1, Some("很清楚".into()), None)]
    );
}

#[tokio::test]
async fn a_signed_in_customers_vote_keeps_their_id_and_a_blank_comment_is_none() {
    let app = TestApp::with_demo().await;
    let signed = app.sign_in("mei@example.com").await;
    let token = signed["token"].as_str().unwrap();
    let customer = signed["customer"]["id"].as_str().unwrap().to_string();
    let body = json!({"helpful": false, "comment": "   ", "locale": "en"});
    let bearer = format!("Bearer {token}");
    let response = app
        .post(
            &uri("warranty-terms-en"),
            &body,
            &[("authorization", &bearer)],
        )
        .await;
    assert_eq!(response.status, 201, "{}", response.text());
    assert_eq!(
        rows(&app).await,
        [("warranty-terms-en".into(), 0, None, Some(customer))]
    );
}

#[tokio::test]
async fn unknown_and_deleted_articles_are_not_found() {
    let app = TestApp::with_demo().await;
    let body = json!({"helpful": true, "locale": "en"});
    app.post(&uri("no-such-article"), &body, &[])
        .await
        .problem(404, kinds::NOT_FOUND);
    let kept: Vec<Value> = demo_entries()
        .into_iter()
        .filter(|e| e["id"] != ARTICLE)
        .collect();
    app.import(&kept, true).await.unwrap();
    app.post(&uri(ARTICLE), &body, &[])
        .await
        .problem(404, kinds::NOT_FOUND);
    assert!(rows(&app).await.is_empty());
}

#[tokio::test]
async fn bad_fields_are_422_problems_pointing_at_each() {
    let app = TestApp::with_demo().await;
    let long = "好".repeat(MAX_FEEDBACK_COMMENT_CHARS + 1);
    let body = json!({"helpful": true, "comment": long, "locale": "fr"});
    let problem = app
        .post(&uri(ARTICLE), &body, &[])
        .await
        .problem(422, kinds::VALIDATION);
    assert_eq!(
        problem_errors(&problem),
        [
            ("/comment".to_string(), "too_long".to_string()),
            ("/locale".to_string(), "not_an_option".to_string()),
        ]
    );
    // A value of the wrong type is the extractor's 400, pointing at it.
    let wrong = json!({"helpful": "yes", "locale": "en"});
    let problem = app
        .post(&uri(ARTICLE), &wrong, &[])
        .await
        .problem(400, kinds::VALIDATION);
    assert_eq!(problem["errors"][0]["pointer"], "/helpful");
    assert!(rows(&app).await.is_empty());
    // The longest comment is fine.
    let edge = "好".repeat(MAX_FEEDBACK_COMMENT_CHARS);
    let body = json!({"helpful": true, "comment": edge, "locale": "zh-CN"});
    assert_eq!(app.post(&uri(ARTICLE), &body, &[]).await.status, 201);
}

#[tokio::test]
async fn a_retry_with_the_same_key_stores_one_vote() {
    let app = TestApp::with_demo().await;
    let body = json!({"helpful": true, "locale": "zh-CN"});
    let key = new_idempotency_key();
    let first = app
        .post(&uri(ARTICLE), &body, &[("idempotency-key", &key)])
        .await;
    assert_eq!(first.status, 201);
    let again = app
        .post(&uri(ARTICLE), &body, &[("idempotency-key", &key)])
        .await;
    assert_eq!(again.status, 201);
    assert_eq!(again.header("idempotent-replayed"), "true");
    assert_eq!(again.json(), first.json());
    assert_eq!(rows(&app).await.len(), 1);
    // Another key is another vote.
    let other = new_idempotency_key();
    let second = app
        .post(&uri(ARTICLE), &body, &[("idempotency-key", &other)])
        .await;
    assert_eq!(second.status, 201);
    assert_ne!(second.json()["id"], first.json()["id"]);
    assert_eq!(rows(&app).await.len(), 2);
}

#[tokio::test]
async fn the_row_keeps_its_key_even_when_the_layer_runs_the_request_again() {
    // A claim taken over after a crash runs the handler a second time with
    // the same key; the row's own unique key keeps it to one vote.
    let app = TestApp::with_demo().await;
    let body = json!({"helpful": true, "locale": "zh-CN"});
    let key = new_idempotency_key();
    let first = app
        .post(&uri(ARTICLE), &body, &[("idempotency-key", &key)])
        .await;
    sqlx::query("DELETE FROM idempotency_keys")
        .execute(app.db.pool())
        .await
        .unwrap();
    let again = app
        .post(&uri(ARTICLE), &body, &[("idempotency-key", &key)])
        .await;
    assert_eq!(again.status, 201);
    assert_eq!(again.header("idempotent-replayed"), "");
    assert_eq!(again.json()["id"], first.json()["id"]);
    assert_eq!(rows(&app).await.len(), 1);
}
