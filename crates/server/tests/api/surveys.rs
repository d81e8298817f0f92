//! Satisfaction surveys over HTTP: that reading records nothing, when a
//! survey is open and for how long, the 422 pointers, the upsert, the link
//! in the resolution mail, and what request views say about surveys and
//! warranty. Who may answer is in `surveys_access`.

use aftercare_core::warranty::warranty_status;
use aftercare_core::Date;
use aftercare_server::auth::survey_token;
use aftercare_server::auth::StaffRole;
use aftercare_server::http::problem_kinds::{SURVEY_CLOSED, SURVEY_NOT_OPEN};
use aftercare_server::settings::Settings;
use axum::http::Method;
use serde_json::{json, Value};
use time::Duration;

use crate::common::{problem_errors, TestApp, TestResponse};
use crate::requests_support::{
    call, consultation, customer, fault_report, new_key, open_number, read_request, staff,
    staff_action, Who,
};

pub const UNAUTHENTICATED: &str = "https://aftercare.dev/problems/unauthenticated";
pub const NOT_FOUND: &str = "https://aftercare.dev/problems/not-found";

/// A full, valid set of answers to the default survey.
pub fn answers() -> Value {
    json!({
        "overall": 5, "timeliness": 4, "attitude": 5, "professionalism": 4,
        "solved": true, "nps": 9, "comment": "Quick and friendly."
    })
}

/// `method /requests/{number}/survey` as `who`, with a survey token if given.
pub async fn survey(
    app: &TestApp,
    method: Method,
    number: &str,
    who: &Who,
    token: Option<&str>,
    body: Option<&Value>,
) -> TestResponse {
    let uri = format!("/api/v1/requests/{number}/survey");
    let headers: Vec<(&str, &str)> = token.map(|t| ("x-survey-token", t)).into_iter().collect();
    call(app, method, &uri, who, body, &headers).await
}

pub async fn put(app: &TestApp, number: &str, who: &Who, answers: Value) -> TestResponse {
    let body = json!({ "answers": answers });
    survey(app, Method::PUT, number, who, None, Some(&body)).await
}

pub async fn get(app: &TestApp, number: &str, who: &Who) -> TestResponse {
    survey(app, Method::GET, number, who, None, None).await
}

/// Acknowledges and resolves `number` as a fresh engineer.
pub async fn resolve(app: &TestApp, number: &str) {
    let eng = staff(app, &format!("Eng {number}"), StaffRole::Engineer).await;
    for action in ["acknowledge", "resolve"] {
        let moved = staff_action(app, &eng, number, json!({ "action": action })).await;
        assert_eq!(moved.status, 200, "{}", moved.text());
    }
}

/// A survey token for `number`, made now by the app's own pepper.
pub fn token_for(app: &TestApp, number: &str) -> String {
    survey_token::issue(&app.state.pepper, number, app.state.clock.now())
}

#[tokio::test]
async fn the_owner_answers_once_and_changes_the_answers_in_place_until_the_window_closes() {
    let app = TestApp::empty().await;
    let ana = Who::Bearer(customer(&app, "ana@example.com").await);
    let number = open_number(&app, &ana, &fault_report("normal")).await;

    // Not resolved yet: nothing to read or answer.
    get(&app, &number, &ana).await.problem(409, SURVEY_NOT_OPEN);
    put(&app, &number, &ana, answers())
        .await
        .problem(409, SURVEY_NOT_OPEN);

    resolve(&app, &number).await;
    let empty = get(&app, &number, &ana).await;
    assert_eq!(empty.status, 200, "{}", empty.text());
    assert_eq!(
        empty.json(),
        json!({"number": number, "answers": {}, "submitted_at": null, "updated_at": null,
               "editable_until": null, "editable": true})
    );
    assert_eq!(app.count("surveys").await, 0, "reading records nothing");

    let first = put(&app, &number, &ana, answers()).await;
    assert_eq!(first.status, 201, "{}", first.text());
    let record = first.json();
    assert_eq!(record["answers"], answers());
    assert_eq!(record["submitted_at"], "2027-01-15T08:00:00.000Z");
    assert_eq!(record["editable_until"], "2027-01-22T08:00:00.000Z");
    assert_eq!(record["editable"], true);

    // The same answers again change nothing; a client that sends an
    // Idempotency-Key with its PUT is not refused for it.
    let uri = format!("/api/v1/requests/{number}/survey");
    let body = json!({ "answers": answers() });
    let again = call(
        &app,
        Method::PUT,
        &uri,
        &ana,
        Some(&body),
        &[("idempotency-key", "k-1")],
    )
    .await;
    assert_eq!(again.status, 200, "{}", again.text());
    assert_eq!(again.json(), record);

    app.clock.advance(Duration::hours(1));
    let mut changed = answers();
    changed["overall"] = json!(3);
    changed["solved"] = json!(false);
    let second = put(&app, &number, &ana, changed.clone()).await;
    assert_eq!(second.status, 200, "{}", second.text());
    let second = second.json();
    assert_eq!(second["answers"], changed);
    assert_eq!(second["submitted_at"], "2027-01-15T08:00:00.000Z");
    assert_eq!(second["updated_at"], "2027-01-15T09:00:00.000Z");
    assert_eq!(app.count("surveys").await, 1);
    let (revisions,): (i64,) = sqlx::query_as("SELECT revisions FROM surveys")
        .fetch_one(app.db.pool())
        .await
        .unwrap();
    assert_eq!(revisions, 2);

    // The request and the list say it was answered.
    let view = read_request(&app, &number, &ana).await;
    assert_eq!(view.json()["survey_answered"], true);
    let list = call(&app, Method::GET, "/api/v1/requests", &ana, None, &[]).await;
    assert_eq!(list.json()["items"][0]["survey_answered"], true);

    // 168 hours after the first answer the answers are final.
    app.clock.advance(Duration::hours(167));
    let closed = get(&app, &number, &ana).await.json();
    assert_eq!(closed["editable"], false);
    assert_eq!(closed["answers"], changed);
    put(&app, &number, &ana, answers())
        .await
        .problem(409, SURVEY_CLOSED);
}

#[tokio::test]
async fn the_resolution_mail_links_to_the_survey_and_following_it_records_nothing() {
    let mut app = TestApp::empty().await;
    let settings: Settings =
        toml::from_str("[server]\npublic_url = \"https://service.example.com/\"\n").unwrap();
    app.configure(&settings);
    let key = new_key();
    let mut body = consultation();
    body["fields"]["email"] = json!("guest@example.com");
    body["locale"] = json!("en");
    let number = open_number(&app, &Who::Key(key.clone()), &body).await;
    resolve(&app, &number).await;

    let mail = app.mail_to("guest@example.com");
    assert_eq!(mail.len(), 2, "{mail:?}");
    assert!(
        !mail[0].body.contains("/survey#token="),
        "only the resolution links"
    );
    let resolved = &mail[1];
    assert!(!resolved.body.contains(&key), "never the access key");
    let prefix = "https://service.example.com/survey#token=";
    let at = resolved.body.find(prefix).expect("a survey link");
    let token = resolved.body[at + prefix.len()..]
        .split_whitespace()
        .next()
        .unwrap()
        .to_string();
    assert!(token.starts_with(&format!("{number}.")), "{token}");

    // A mail scanner follows the link (and the portal reads it) many times.
    for _ in 0..3 {
        let read = survey(&app, Method::GET, &number, &Who::Nobody, Some(&token), None).await;
        assert_eq!(read.status, 200, "{}", read.text());
        assert_eq!(read.json()["submitted_at"], Value::Null);
    }
    assert_eq!(app.count("surveys").await, 0);
    let request = read_request(&app, &number, &Who::Key(key)).await;
    assert_eq!(request.json()["survey_answered"], false);
}

#[tokio::test]
async fn answers_that_break_the_rules_are_pointed_at_and_nothing_is_stored() {
    let app = TestApp::empty().await;
    let key = Who::Key(new_key());
    let number = open_number(&app, &key, &consultation()).await;
    resolve(&app, &number).await;
    let bad = put(
        &app,
        &number,
        &key,
        json!({"overall": 6, "timeliness": "fast", "attitude": 2.5, "colour": 1,
               "nps": 300, "comment": "x".repeat(2001)}),
    )
    .await;
    let problem = bad.problem(422, "https://aftercare.dev/problems/validation");
    let mut errors = problem_errors(&problem);
    errors.sort();
    let expected: Vec<(String, String)> = [
        ("/answers/attitude", "wrong_type"),
        ("/answers/colour", "unknown_field"),
        ("/answers/comment", "too_long"),
        ("/answers/nps", "out_of_range"),
        ("/answers/overall", "out_of_range"),
        ("/answers/professionalism", "required"),
        ("/answers/solved", "required"),
        ("/answers/timeliness", "wrong_type"),
    ]
    .iter()
    .map(|(p, c)| (p.to_string(), c.to_string()))
    .collect();
    assert_eq!(errors, expected);
    assert_eq!(app.count("surveys").await, 0);

    let no_answers = survey(&app, Method::PUT, &number, &key, None, Some(&json!({}))).await;
    assert_eq!(no_answers.status, 400, "{}", no_answers.text());
}

#[tokio::test]
async fn without_a_survey_in_the_catalog_there_is_none_to_read() {
    let mut app = TestApp::empty().await;
    let mut catalog = (*app.state.catalog).clone();
    catalog.survey = None;
    app.state = app.state.clone().with_catalog(catalog);
    let key = Who::Key(new_key());
    let number = open_number(&app, &key, &consultation()).await;
    resolve(&app, &number).await;
    get(&app, &number, &key).await.problem(404, NOT_FOUND);
    put(&app, &number, &key, answers())
        .await
        .problem(404, NOT_FOUND);
    assert!(app.outbox.sent().is_empty(), "a guest without an address");
}

#[tokio::test]
async fn a_request_view_shows_the_warranty_on_the_day_it_was_opened() {
    let app = TestApp::empty().await;
    let key = Who::Key(new_key());
    let mut body = fault_report("normal");
    body["fields"]["purchase_date"] = json!("2025-03-01");
    let number = open_number(&app, &key, &body).await;
    let view = read_request(&app, &number, &key).await;
    let months = app
        .state
        .catalog
        .product("BW-200")
        .expect("BW-200 is in the default catalog")
        .warranty_months;
    // Opened 2027-01-15T08:00Z, which is that day in the department's zone.
    let expected = warranty_status(
        Date::parse("2025-03-01").unwrap(),
        months,
        Date::parse("2027-01-15").unwrap(),
    );
    assert_eq!(
        view.json()["warranty"],
        serde_json::to_value(expected).unwrap()
    );
    assert_eq!(view.json()["survey_answered"], false);

    // Without a purchase date there is no warranty to tell.
    let other = Who::Key(new_key());
    let undated = open_number(&app, &other, &fault_report("normal")).await;
    let view = call(
        &app,
        Method::GET,
        &format!("/api/v1/requests/{undated}"),
        &other,
        None,
        &[],
    )
    .await;
    assert_eq!(view.json()["warranty"], Value::Null);
}
