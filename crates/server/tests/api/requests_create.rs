//! Opening service requests: the catalog in `GET /portal`, numbers,
//! validation against the request type's form, and the Idempotency-Key
//! that makes a request exactly once.

use std::collections::HashSet;

use aftercare_core::problem::kinds;
use aftercare_core::PortalConfig;
use axum::http::Method;
use serde_json::json;

use crate::common::{post_request, problem_errors, send_to, TestApp};
use crate::requests_support::{
    call, consultation, customer, fault_report, new_key, open, open_number, Who,
};

#[tokio::test]
async fn the_portal_publishes_the_service_catalog() {
    let app = TestApp::empty().await;
    let response = app.get("/api/v1/portal").await;
    assert_eq!(response.status, 200);
    // The old shape still reads.
    let config: PortalConfig = serde_json::from_slice(&response.body).unwrap();
    assert_eq!(config.default_locale, "zh-CN");
    let service = &response.json()["service"];
    let types: Vec<&str> = service["request_types"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["key"].as_str().unwrap())
        .collect();
    assert_eq!(
        types,
        [
            "consultation",
            "fault_report",
            "on_site",
            "installation",
            "return_exchange",
            "complaint",
            "suggestion"
        ]
    );
    assert_eq!(service["severities"].as_array().unwrap().len(), 4);
    assert_eq!(
        service["severities"][0]["targets"]["first_response_minutes"],
        30
    );
    assert!(service["privacy_notice"]["zh-TW"].is_string());
}

#[tokio::test]
async fn a_configured_catalog_is_published() {
    let mut app = TestApp::empty().await;
    let file = app.dir.path().join("aftercare.toml");
    std::fs::write(&file, "[service.uploads]\nmax_bytes = 1000\n").unwrap();
    let catalog = aftercare_server::catalog::load(Some(&file), &app.portal).unwrap();
    // The rest of the configuration reads the same file undisturbed.
    aftercare_server::config::load(Some(&file)).unwrap();
    aftercare_server::settings::load(Some(&file)).unwrap();
    app.state = app.state.clone().with_catalog(catalog);
    let service = app.get("/api/v1/portal").await.json()["service"].clone();
    assert_eq!(service["uploads"]["max_bytes"], 1000);
    std::fs::write(&file, "[service]\nseverities = []\n").unwrap();
    let error = aftercare_server::catalog::load(Some(&file), &app.portal).unwrap_err();
    assert!(error.to_string().contains("severity"), "{error}");
}

#[tokio::test]
async fn a_request_is_answered_whole_with_a_quotable_number() {
    let app = TestApp::empty().await;
    let who = Who::Bearer(customer(&app, "ana@example.com").await);
    let response = open(&app, &who, &fault_report("high")).await;
    assert_eq!(response.status, 201, "{}", response.text());
    let request = response.json();
    let number = request["number"].as_str().unwrap();
    assert_eq!(number.len(), 10);
    assert!(
        number.starts_with("AC-") && &number[7..8] == "-",
        "{number}"
    );
    assert_eq!(request["type"], "fault_report");
    assert_eq!(request["severity"], "high");
    assert_eq!(request["status"], "submitted");
    assert_eq!(request["locale"], "en");
    // Without a locale: the customer's own (the portal's default here).
    let plain = open(&app, &who, &consultation()).await.json();
    assert_eq!(plain["locale"], "zh-CN");
    assert_eq!(request["fields"]["serial_number"], "SN-2024-0001");
    assert_eq!(request["attachments"], json!([]));
    assert_eq!(request["events"][0]["status"], "submitted");
    assert_eq!(request["events"][0]["actor"]["kind"], "customer");
    assert_eq!(request["events"][0]["at"], request["created_at"]);
    assert_eq!(request["sla"]["respond_by"], "2027-01-15T09:00:00.000Z");
    assert_eq!(request["sla"]["first_response"]["state"], "running");
    assert_eq!(request["sla"]["first_response"]["remaining_minutes"], 60);
    assert_eq!(request["allowed_actions"], json!(["cancel"]));
    assert_eq!(request["messages"], json!([]));
}

#[tokio::test]
async fn numbers_are_unique() {
    let app = TestApp::empty().await;
    let who = Who::Bearer(customer(&app, "ana@example.com").await);
    let mut seen = HashSet::new();
    for _ in 0..30 {
        let number = open_number(&app, &who, &consultation()).await;
        assert!(
            number[3..]
                .chars()
                .all(|c| c == '-' || "23456789ABCDEFGHJKMNPQRSTVWXYZ".contains(c)),
            "{number}"
        );
        assert!(seen.insert(number));
    }
    assert_eq!(app.count("service_requests").await, 30);
}

#[tokio::test]
async fn the_idempotency_key_is_required_and_makes_one_request_forever() {
    let app = TestApp::empty().await;
    let who = Who::Bearer(customer(&app, "ana@example.com").await);
    let without = call(
        &app,
        Method::POST,
        "/api/v1/requests",
        &who,
        Some(&consultation()),
        &[],
    )
    .await;
    let problem = without.problem(400, kinds::VALIDATION);
    assert_eq!(problem["errors"][0]["pointer"], "/headers/idempotency-key");
    assert_eq!(app.count("service_requests").await, 0);

    let body = consultation();
    let send = || {
        call(
            &app,
            Method::POST,
            "/api/v1/requests",
            &who,
            Some(&body),
            &[("idempotency-key", "outbox-item-1")],
        )
    };
    let first = send().await;
    assert_eq!(first.status, 201, "{}", first.text());
    let replay = send().await;
    assert_eq!(replay.header("idempotent-replayed"), "true");
    assert_eq!(replay.json()["number"], first.json()["number"]);
    // Months later the idempotency layer's record is gone; the row's own
    // key still finds the request.
    sqlx::query("DELETE FROM idempotency_keys")
        .execute(app.db.pool())
        .await
        .unwrap();
    let late = send().await;
    assert_eq!(late.status, 200, "{}", late.text());
    assert_eq!(late.json()["number"], first.json()["number"]);
    assert_eq!(app.count("service_requests").await, 1);
    assert_eq!(app.count("request_events").await, 1);
}

#[tokio::test]
async fn twenty_concurrent_posts_with_one_key_make_one_request() {
    let app = TestApp::empty().await;
    let token = customer(&app, "ana@example.com").await;
    let router = app.router();
    let mut tasks = Vec::new();
    for _ in 0..20 {
        let router = router.clone();
        let bearer = format!("Bearer {token}");
        tasks.push(tokio::spawn(async move {
            let request = post_request(
                "/api/v1/requests",
                &consultation(),
                &[("idempotency-key", "same-key"), ("authorization", &bearer)],
            );
            send_to(router, request).await
        }));
    }
    let mut numbers = HashSet::new();
    let mut created = 0;
    for task in tasks {
        let response = task.await.unwrap();
        match response.status.as_u16() {
            201 | 200 => {
                created += 1;
                numbers.insert(response.json()["number"].as_str().unwrap().to_string());
            }
            409 => assert_eq!(response.header("retry-after"), "1"),
            other => panic!("unexpected {other}: {}", response.text()),
        }
    }
    assert!(created >= 1);
    assert_eq!(numbers.len(), 1);
    assert_eq!(app.count("service_requests").await, 1);
}

#[tokio::test]
async fn answers_are_checked_against_the_types_form() {
    let app = TestApp::empty().await;
    let who = Who::Key(new_key());
    let mut body = fault_report("high");
    body["fields"]
        .as_object_mut()
        .unwrap()
        .remove("serial_number");
    body["fields"]["phone"] = json!("call me");
    body["fields"]["colour"] = json!("red");
    let problem = open(&app, &who, &body)
        .await
        .problem(422, kinds::VALIDATION);
    assert_eq!(
        problem_errors(&problem),
        [
            ("/fields/phone".to_string(), "invalid_phone".to_string()),
            ("/fields/serial_number".to_string(), "required".to_string()),
            ("/fields/colour".to_string(), "unknown_field".to_string()),
        ]
    );
    let mut unknown = consultation();
    unknown["type"] = json!("repair");
    unknown["severity"] = json!("apocalyptic");
    let problem = open(&app, &who, &unknown)
        .await
        .problem(422, kinds::VALIDATION);
    assert_eq!(
        problem_errors(&problem),
        [
            ("/type".to_string(), "not_an_option".to_string()),
            ("/severity".to_string(), "not_an_option".to_string()),
        ]
    );
    let mut locale = consultation();
    locale["locale"] = json!("fr");
    let problem = open(&app, &who, &locale)
        .await
        .problem(422, kinds::VALIDATION);
    assert_eq!(problem["errors"][0]["pointer"], "/locale");
    assert_eq!(app.count("service_requests").await, 0);
}

#[tokio::test]
async fn a_taken_number_is_drawn_again() {
    use aftercare_server::db::requests::{insert_numbered, ActorRef, Inserted, NewRequest};
    let app = TestApp::empty().await;
    let who = Who::Key(new_key());
    let taken = open_number(&app, &who, &consultation()).await;
    let actor = ActorRef {
        kind: "customer".into(),
        id: None,
        name: None,
    };
    let hash = "f".repeat(64);
    let new = NewRequest {
        id: "req_test",
        customer_id: None,
        access_key_hash: Some(&hash),
        idempotency_scope: "guest:test",
        idempotency_key: "k",
        request_type: "consultation",
        severity: "normal",
        queue: "service",
        status: "submitted",
        locale: "en",
        fields: "{}",
        attachments: &[],
        actor: &actor,
        now: "2027-01-15T08:00:00.000Z",
    };
    let mut draws = vec!["AC-3333-33".to_string(), taken.clone(), taken.clone()];
    let mut next = move || draws.pop().unwrap();
    let mut tx = app.db.begin_immediate().await.unwrap();
    let inserted = insert_numbered(&mut tx, &new, &mut next).await.unwrap();
    tx.commit().await.unwrap();
    assert_eq!(inserted, Inserted::Created("AC-3333-33".into()));
    assert_eq!(app.count("service_requests").await, 2);
}

#[tokio::test]
async fn idempotency_keys_belong_to_their_asker() {
    let app = TestApp::empty().await;
    let ana = Who::Bearer(customer(&app, "ana@example.com").await);
    let bo = Who::Bearer(customer(&app, "bo@example.com").await);
    let mut numbers = HashSet::new();
    for who in [ana, bo, Who::Key(new_key()), Who::Key(new_key())] {
        let response = call(
            &app,
            Method::POST,
            "/api/v1/requests",
            &who,
            Some(&consultation()),
            &[("idempotency-key", "draft-1")],
        )
        .await;
        assert_eq!(response.status, 201, "{}", response.text());
        numbers.insert(response.json()["number"].as_str().unwrap().to_string());
    }
    assert_eq!(numbers.len(), 4);
}
