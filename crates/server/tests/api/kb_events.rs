//! `POST /api/v1/kb/events`: batches stored whole with their queries
//! normalised, the checks with a pointer per bad value, the batch limits,
//! and one set of rows per `Idempotency-Key`.

use aftercare_core::kb_signals::{MAX_EVENTS_PER_BATCH, MAX_EVENT_QUERY_CHARS};
use aftercare_core::problem::kinds;
use serde_json::{json, Value};

use crate::common::{problem_errors, TestApp};
use crate::requests_support::new_idempotency_key;

const URI: &str = "/api/v1/kb/events";

fn search(query: &str, results: u32) -> Value {
    json!({"kind": "search", "query": query, "results": results,
           "locale": "zh-CN", "at": "2026-11-24T08:30:00+08:00"})
}

fn batch(events: Vec<Value>) -> Value {
    json!({ "events": events })
}

/// The stored rows: (kind, query, query_key, article, results, at).
type Row = (
    String,
    Option<String>,
    Option<String>,
    Option<String>,
    Option<i64>,
    String,
);

async fn rows(app: &TestApp) -> Vec<Row> {
    sqlx::query_as(
        "SELECT kind, query, query_key, article_id, CAST(results AS BIGINT), at \
         FROM kb_events ORDER BY id",
    )
    .fetch_all(app.db.pool())
    .await
    .unwrap()
}

#[tokio::test]
async fn a_batch_of_every_kind_is_accepted_and_stored() {
    let app = TestApp::empty().await;
    let events = vec![
        search("  Factory   RESET ", 3),
        json!({"kind": "zero_result", "query": "E99", "results": 0, "locale": "en",
               "at": "2026-11-24T00:31:00.5Z"}),
        json!({"kind": "result_click", "query": "reset", "article_id": "reset-en",
               "locale": "en", "at": "2026-11-24T00:32:00Z"}),
        json!({"kind": "deflection", "article_id": "reset-en", "locale": "zh-TW",
               "at": "2026-11-24T00:33:00Z"}),
    ];
    let key = new_idempotency_key();
    let response = app
        .post(URI, &batch(events), &[("idempotency-key", &key)])
        .await;
    assert_eq!(response.status, 202, "{}", response.text());
    assert_eq!(response.json(), json!({"accepted": 4}));
    let text = |s: &str| Some(s.to_string());
    assert_eq!(
        rows(&app).await,
        [
            (
                "search".into(),
                text("  Factory   RESET "),
                text("factory reset"),
                None,
                Some(3),
                "2026-11-24T00:30:00.000Z".into()
            ),
            (
                "zero_result".into(),
                text("E99"),
                text("e99"),
                None,
                Some(0),
                "2026-11-24T00:31:00.500Z".into()
            ),
            (
                "result_click".into(),
                text("reset"),
                text("reset"),
                text("reset-en"),
                None,
                "2026-11-24T00:32:00.000Z".into()
            ),
            (
                "deflection".into(),
                None,
                None,
                text("reset-en"),
                None,
                "2026-11-24T00:33:00.000Z".into()
            ),
        ]
    );
}

#[tokio::test]
async fn each_bad_value_gets_its_pointer_and_nothing_is_stored() {
    let app = TestApp::empty().await;
    let long = "查".repeat(MAX_EVENT_QUERY_CHARS + 1);
    let events = vec![
        search("fine", 1),
        json!({"kind": "search", "locale": "en", "at": "2026-11-24T00:30:00Z"}),
        json!({"kind": "zero_result", "query": long, "locale": "en", "at": "2026-11-24T00:30:00Z"}),
        json!({"kind": "deflection", "query": "x", "locale": "en", "at": "2026-11-24T00:30:00Z"}),
        json!({"kind": "result_click", "query": "x", "article_id": "Not An Id",
               "locale": "fr", "at": "yesterday"}),
        json!({"kind": "search", "query": "   ", "locale": "en", "at": "2026-11-24"}),
    ];
    let problem = app
        .post(URI, &batch(events), &[])
        .await
        .problem(422, kinds::VALIDATION);
    let pair = |p: &str, c: &str| (p.to_string(), c.to_string());
    assert_eq!(
        problem_errors(&problem),
        [
            pair("/events/1/query", "required"),
            pair("/events/2/query", "too_long"),
            pair("/events/3/article_id", "required"),
            pair("/events/4/article_id", "invalid"),
            pair("/events/4/locale", "not_an_option"),
            pair("/events/4/at", "invalid_datetime"),
            pair("/events/5/query", "required"),
            pair("/events/5/at", "invalid_datetime"),
        ]
    );
    assert!(rows(&app).await.is_empty());
    // A kind the contract does not have is the extractor's 400.
    let unknown = batch(vec![
        json!({"kind": "hover", "locale": "en", "at": "2026-11-24T00:30:00Z"}),
    ]);
    let problem = app
        .post(URI, &unknown, &[])
        .await
        .problem(400, kinds::VALIDATION);
    assert_eq!(problem["errors"][0]["pointer"], "/events/0/kind");
}

#[tokio::test]
async fn a_batch_has_one_to_a_hundred_events() {
    let app = TestApp::empty().await;
    let empty = app
        .post(URI, &batch(vec![]), &[])
        .await
        .problem(422, kinds::VALIDATION);
    assert_eq!(
        problem_errors(&empty),
        [("/events".to_string(), "required".to_string())]
    );
    let too_many = vec![search("a", 1); MAX_EVENTS_PER_BATCH + 1];
    let problem = app
        .post(URI, &batch(too_many), &[])
        .await
        .problem(422, kinds::VALIDATION);
    assert_eq!(
        problem_errors(&problem),
        [("/events".to_string(), "too_many".to_string())]
    );
    let full = vec![search("a", 1); MAX_EVENTS_PER_BATCH];
    let response = app.post(URI, &batch(full), &[]).await;
    assert_eq!(response.status, 202, "{}", response.text());
    assert_eq!(response.json(), json!({"accepted": MAX_EVENTS_PER_BATCH}));
    assert_eq!(app.count("kb_events").await, MAX_EVENTS_PER_BATCH as i64);
}

#[tokio::test]
async fn a_retry_with_the_same_key_stores_the_batch_once() {
    let app = TestApp::empty().await;
    let body = batch(vec![search("报修", 2), search("维修", 0)]);
    let key = new_idempotency_key();
    let first = app.post(URI, &body, &[("idempotency-key", &key)]).await;
    assert_eq!(first.status, 202);
    let again = app.post(URI, &body, &[("idempotency-key", &key)]).await;
    assert_eq!(again.status, 202);
    assert_eq!(again.header("idempotent-replayed"), "true");
    assert_eq!(again.json(), json!({"accepted": 2}));
    assert_eq!(app.count("kb_events").await, 2);
    // Even when the layer's record is gone (a claim taken over after a
    // crash), the rows' own key keeps the batch to one copy.
    sqlx::query("DELETE FROM idempotency_keys")
        .execute(app.db.pool())
        .await
        .unwrap();
    let rerun = app.post(URI, &body, &[("idempotency-key", &key)]).await;
    assert_eq!(rerun.status, 202);
    assert_eq!(app.count("kb_events").await, 2);
    // Without a key, every post is stored.
    app.post(URI, &body, &[]).await;
    app.post(URI, &body, &[]).await;
    assert_eq!(app.count("kb_events").await, 6);
}
