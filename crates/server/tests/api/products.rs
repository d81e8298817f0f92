//! `GET/POST /api/v1/products`: registering a product (stored normalised,
//! once per key and once per model and serial number), its warranty on the
//! server's today and its service history, every bad input, the proof of
//! purchase, and who may ask.

use aftercare_core::problem::kinds;
use aftercare_server::http::problem_kinds;
use axum::http::Method;
use serde_json::{json, Value};

use crate::attachments::{app_with_files, png, start, upload};
use crate::common::{problem_errors, TestApp, TestResponse};
use crate::requests_support::{
    call, customer, fault_report, new_idempotency_key, new_key, open, Who,
};

/// The test clock's today (1 800 000 000 s after the epoch).
pub const TODAY: &str = "2027-01-15";

/// Registers `body` as `who` with a fresh key.
pub async fn register(app: &TestApp, who: &Who, body: &Value) -> TestResponse {
    register_keyed(app, who, body, &new_idempotency_key()).await
}

async fn register_keyed(app: &TestApp, who: &Who, body: &Value, key: &str) -> TestResponse {
    let headers = [("idempotency-key", key)];
    call(
        app,
        Method::POST,
        "/api/v1/products",
        who,
        Some(body),
        &headers,
    )
    .await
}

/// Lists `who`'s products.
pub async fn list(app: &TestApp, who: &Who) -> TestResponse {
    call(app, Method::GET, "/api/v1/products", who, None, &[]).await
}

fn bw500(serial: &str) -> Value {
    json!({"model": "bw-500", "serial_number": serial, "purchase_date": "2026-03-01"})
}

#[tokio::test]
async fn a_registered_product_is_listed_with_its_warranty_and_history() {
    let app = TestApp::empty().await;
    let who = Who::Bearer(customer(&app, "ana@example.com").await);
    // A request about that serial number, typed in another case.
    let mut report = fault_report("normal");
    report["fields"]["serial_number"] = json!("sn-77");
    report["fields"]["product_model"] = json!("BW-500");
    let opened = open(&app, &who, &report).await;
    assert_eq!(opened.status, 201, "{}", opened.text());
    let number = opened.json()["number"].as_str().unwrap().to_string();
    // And one about another product.
    assert_eq!(open(&app, &who, &fault_report("normal")).await.status, 201);

    let response = register(&app, &who, &bw500("  sn-77 ")).await;
    assert_eq!(response.status, 201, "{}", response.text());
    let product = response.json();
    assert!(product["id"].as_str().unwrap().starts_with("prd_"));
    assert_eq!(product["model"], "BW-500", "spelled as the catalog does");
    assert_eq!(product["serial_number"], "SN-77");
    assert_eq!(product["purchase_date"], "2026-03-01");
    assert_eq!(
        product["warranty"],
        json!({"status": "in_warranty", "until": "2028-03-01"})
    );

    app.clock.advance(time::Duration::seconds(1));
    let older = json!({"model": "BW-200", "serial_number": "X1", "purchase_date": "2020-05-31"});
    assert_eq!(register(&app, &who, &older).await.status, 201);

    let listed = list(&app, &who).await;
    assert_eq!(listed.status, 200, "{}", listed.text());
    let items = listed.json()["items"].as_array().unwrap().clone();
    let serials: Vec<_> = items.iter().map(|p| p["serial_number"].clone()).collect();
    assert_eq!(serials, [json!("X1"), json!("SN-77")], "newest first");
    assert_eq!(
        items[0]["warranty"],
        json!({"status": "expired", "on": "2022-05-31"})
    );
    assert_eq!(items[0]["history"], json!([]));
    let history = items[1]["history"].as_array().unwrap();
    assert_eq!(history.len(), 1, "{history:?}");
    assert_eq!(history[0]["number"], number.as_str());
    assert_eq!(history[0]["type"], "fault_report");
    assert_eq!(history[0]["status"], "submitted");
}

#[tokio::test]
async fn every_bad_input_is_a_422_at_its_field() {
    let app = TestApp::empty().await;
    let who = Who::Bearer(customer(&app, "ana@example.com").await);
    let cases = [
        (
            json!({"model": "", "serial_number": "A1", "purchase_date": TODAY}),
            "/model",
            "required",
        ),
        (
            json!({"model": "ZZ-9", "serial_number": "A1", "purchase_date": TODAY}),
            "/model",
            "unknown_model",
        ),
        (
            json!({"model": "BW-200", "serial_number": "  ", "purchase_date": TODAY}),
            "/serial_number",
            "required",
        ),
        (
            json!({"model": "BW-200", "serial_number": "A".repeat(65), "purchase_date": TODAY}),
            "/serial_number",
            "too_long",
        ),
        (
            json!({"model": "BW-200", "serial_number": "A1<script>", "purchase_date": TODAY}),
            "/serial_number",
            "invalid_serial",
        ),
        (
            json!({"model": "BW-200", "serial_number": "A1", "purchase_date": "2027-01-16"}),
            "/purchase_date",
            "in_the_future",
        ),
        (
            json!({"model": "BW-200", "serial_number": "A1", "purchase_date": TODAY, "proof_of_purchase": "att_nothing"}),
            "/proof_of_purchase",
            "unknown_attachment",
        ),
    ];
    for (body, pointer, code) in cases {
        let problem = register(&app, &who, &body)
            .await
            .problem(422, kinds::VALIDATION);
        assert_eq!(
            problem_errors(&problem),
            [(pointer.to_string(), code.to_string())],
            "{body}"
        );
    }
    // Today itself is fine.
    let today = json!({"model": "BW-200", "serial_number": "A1", "purchase_date": TODAY});
    assert_eq!(register(&app, &who, &today).await.status, 201);
    // A purchase date that is no day is a malformed body.
    let no_day = json!({"model": "BW-200", "serial_number": "A2", "purchase_date": "2026-02-30"});
    let problem = register(&app, &who, &no_day)
        .await
        .problem(400, kinds::VALIDATION);
    assert_eq!(problem_errors(&problem)[0].0, "/purchase_date");
    assert_eq!(app.count("products").await, 1);
}

#[tokio::test]
async fn a_purchase_today_anywhere_is_not_in_the_future() {
    let app = TestApp::empty().await;
    let who = Who::Bearer(customer(&app, "ana@example.com").await);
    // 20:00 UTC on the 15th: the 16th has begun east of UTC+4, in the
    // department's UTC+8 too.
    app.clock.advance(time::Duration::hours(12));
    let on = |date: &str| json!({"model": "BW-200", "serial_number": date, "purchase_date": date});
    let response = register(&app, &who, &on("2027-01-16")).await;
    assert_eq!(response.status, 201, "{}", response.text());
    assert_eq!(
        response.json()["warranty"],
        json!({"status": "in_warranty", "until": "2029-01-16"})
    );
    let problem = register(&app, &who, &on("2027-01-17"))
        .await
        .problem(422, kinds::VALIDATION);
    assert_eq!(
        problem_errors(&problem),
        [("/purchase_date".to_string(), "in_the_future".to_string())]
    );
}

#[tokio::test]
async fn the_same_product_twice_is_a_409_and_a_replay_returns_the_same_one() {
    let app = TestApp::empty().await;
    let who = Who::Bearer(customer(&app, "ana@example.com").await);
    let key = new_idempotency_key();
    let first = register_keyed(&app, &who, &bw500("SN-1"), &key).await;
    assert_eq!(first.status, 201, "{}", first.text());
    let again = register_keyed(&app, &who, &bw500("SN-1"), &key).await;
    assert_eq!(again.status, 201, "{}", again.text());
    assert_eq!(again.header("idempotent-replayed"), "true");
    assert_eq!(again.json()["id"], first.json()["id"]);

    let problem = register(&app, &who, &bw500("sn-1 "))
        .await
        .problem(409, problem_kinds::ALREADY_REGISTERED);
    assert_eq!(
        problem_errors(&problem),
        [(
            "/serial_number".to_string(),
            "already_registered".to_string()
        )]
    );
    assert_eq!(app.count("products").await, 1);
    // Another customer may register the same serial number.
    let other = Who::Bearer(customer(&app, "bo@example.com").await);
    assert_eq!(register(&app, &other, &bw500("SN-1")).await.status, 201);
}

#[tokio::test]
async fn a_proof_of_purchase_must_be_a_finished_upload_of_ones_own() {
    let app = app_with_files().await;
    let ana = Who::Bearer(customer(&app, "ana@example.com").await);
    let bo = Who::Bearer(customer(&app, "bo@example.com").await);
    let receipt = upload(&app, &ana, "receipt.png", "image/png", &png(2000)).await;
    let with_proof = |serial: &str, proof: &str| {
        let mut body = bw500(serial);
        body["proof_of_purchase"] = json!(proof);
        body
    };
    // Not Bo's.
    let problem = register(&app, &bo, &with_proof("SN-1", &receipt))
        .await
        .problem(422, kinds::VALIDATION);
    assert_eq!(
        problem_errors(&problem),
        [("/proof_of_purchase".into(), "unknown_attachment".into())]
    );
    // Not finished.
    let started = start(&app, &ana, "half.png", 100, "image/png").await;
    let half = started.json()["id"].as_str().unwrap().to_string();
    let problem = register(&app, &ana, &with_proof("SN-1", &half))
        .await
        .problem(422, kinds::VALIDATION);
    assert_eq!(problem_errors(&problem)[0].1, "incomplete");

    let response = register(&app, &ana, &with_proof("SN-1", &receipt)).await;
    assert_eq!(response.status, 201, "{}", response.text());
    assert_eq!(response.json()["proof_of_purchase"], receipt.as_str());
    // One receipt proves one product.
    let problem = register(&app, &ana, &with_proof("SN-2", &receipt))
        .await
        .problem(422, kinds::VALIDATION);
    assert_eq!(problem_errors(&problem)[0].1, "already_linked");
}

#[tokio::test]
async fn only_a_signed_in_customer_has_products() {
    let app = TestApp::empty().await;
    for who in [Who::Nobody, Who::Key(new_key())] {
        list(&app, &who)
            .await
            .problem(401, problem_kinds::UNAUTHENTICATED);
        register(&app, &who, &bw500("SN-1"))
            .await
            .problem(401, problem_kinds::UNAUTHENTICATED);
    }
    let ana = Who::Bearer(customer(&app, "ana@example.com").await);
    assert_eq!(register(&app, &ana, &bw500("SN-1")).await.status, 201);
    let bo = Who::Bearer(customer(&app, "bo@example.com").await);
    assert_eq!(list(&app, &bo).await.json(), json!({"items": []}));
    assert_eq!(app.count("products").await, 1);
}
