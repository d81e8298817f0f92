//! A request's whole life through staff actions and customer moves, with the
//! service-level clock pausing while the department waits on the customer;
//! the list's order and pages; and the same moves from the command line.

use aftercare_server::auth::StaffRole;
use aftercare_server::cli::{self, Cli};
use axum::http::Method;
use clap::Parser;
use serde_json::json;
use time::Duration;

use crate::common::{fresh_database_url, TestApp};
use crate::requests_support::{
    call, consultation, customer, fault_report, open_number, staff, staff_action, statuses, Who,
};

#[tokio::test]
async fn a_whole_life_with_the_clock_paused_while_waiting_on_the_customer() {
    let app = TestApp::empty().await;
    let who = Who::Bearer(customer(&app, "ana@example.com").await);
    let li = staff(&app, "Li Wei", StaffRole::Engineer).await;
    // Received at 08:00Z; high severity: respond in 60 min, on site in 480,
    // resolve in 1440, around the clock.
    let number = open_number(&app, &who, &fault_report("high")).await;
    let uri = format!("/api/v1/requests/{number}");
    let get = || call(&app, Method::GET, &uri, &who, None, &[]);
    let customer_post = |path: &'static str, body: Option<serde_json::Value>| {
        let uri = format!("{uri}/{path}");
        let who = who.clone();
        let app = &app;
        async move { call(app, Method::POST, &uri, &who, body.as_ref(), &[]).await }
    };

    app.clock.advance(Duration::minutes(30));
    let acked = staff_action(&app, &li, &number, json!({"action": "acknowledge"})).await;
    assert_eq!(acked.status, 200, "{}", acked.text());
    let sla = &acked.json()["sla"];
    assert_eq!(
        sla["first_response"],
        json!({"state": "met", "at": "2027-01-15T08:30:00.000Z"})
    );

    let assigned = staff_action(
        &app,
        &li,
        &number,
        json!({"action": "assign", "engineer": "Li Wei"}),
    )
    .await;
    assert_eq!(assigned.json()["engineer"]["name"], "Li Wei");
    let slot = json!({"start": "2027-01-15T18:00:00+08:00", "end": "2027-01-15T19:00:00+08:00"});
    let scheduled = staff_action(
        &app,
        &li,
        &number,
        json!({"action": "schedule", "appointment": slot}),
    )
    .await;
    assert_eq!(
        scheduled.json()["appointment"],
        json!({"start": "2027-01-15T10:00:00.000Z", "end": "2027-01-15T11:00:00.000Z"})
    );

    app.clock.advance(Duration::minutes(90));
    let started = staff_action(&app, &li, &number, json!({"action": "start"})).await;
    assert_eq!(started.json()["sla"]["on_site"]["state"], "met");

    app.clock.advance(Duration::minutes(60));
    let note = "Please send a photo of the rating plate.";
    let waiting = staff_action(&app, &li, &number, json!({"action": "wait", "note": note})).await;
    let waiting = waiting.json();
    assert_eq!(waiting["status"], "waiting_on_customer");
    assert_eq!(waiting["sla"]["resolve_by"], json!(null));
    assert_eq!(
        waiting["sla"]["resolution"],
        json!({"state": "paused", "remaining_minutes": 1260})
    );
    let last = waiting["events"]
        .as_array()
        .unwrap()
        .last()
        .unwrap()
        .clone();
    assert_eq!(last["note"], note);
    assert_eq!(last["actor"], json!({"kind": "engineer", "name": "Li Wei"}));

    // Five hours without an answer cost the department nothing.
    app.clock.advance(Duration::hours(5));
    assert_eq!(
        get().await.json()["sla"]["resolution"],
        json!({"state": "paused", "remaining_minutes": 1260})
    );
    let replied = customer_post("messages", Some(json!({"text": "Photo attached."}))).await;
    assert_eq!(replied.status, 201, "{}", replied.text());
    let replied = replied.json();
    assert_eq!(replied["status"], "in_progress");
    assert_eq!(replied["sla"]["resolve_by"], "2027-01-16T13:00:00.000Z");

    // The customer cannot reopen what is not resolved, and is told why.
    let early = customer_post("reopen", None).await;
    let problem = early.problem(
        409,
        aftercare_server::http::problem_kinds::INVALID_TRANSITION,
    );
    assert!(
        problem["detail"].as_str().unwrap().contains("in_progress"),
        "{problem}"
    );

    app.clock.advance(Duration::minutes(60));
    let resolved = staff_action(&app, &li, &number, json!({"action": "resolve"})).await;
    assert_eq!(resolved.json()["sla"]["resolution"]["state"], "met");
    assert_eq!(resolved.json()["allowed_actions"], json!(["close"]));
    assert_eq!(
        get().await.json()["allowed_actions"],
        json!(["close", "reopen"])
    );
    assert_eq!(
        customer_post("reopen", None).await.json()["status"],
        "in_progress"
    );
    staff_action(&app, &li, &number, json!({"action": "resolve"})).await;
    let closed = customer_post("close", None).await;
    assert_eq!(closed.status, 200, "{}", closed.text());
    let closed = closed.json();
    assert_eq!(closed["status"], "closed");
    assert_eq!(closed["allowed_actions"], json!([]));
    assert_eq!(
        statuses(&closed),
        [
            "submitted",
            "acknowledged",
            "assigned",
            "scheduled",
            "in_progress",
            "waiting_on_customer",
            "in_progress",
            "resolved",
            "in_progress",
            "resolved",
            "closed"
        ]
    );
    let reply_step = closed["events"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["action"] == "customer_replied")
        .unwrap();
    assert_eq!(reply_step["actor"]["kind"], "customer");
    // Closed means closed.
    customer_post("messages", Some(json!({"text": "one more thing"})))
        .await
        .problem(
            409,
            aftercare_server::http::problem_kinds::INVALID_TRANSITION,
        );
    let again = staff_action(&app, &li, &number, json!({"action": "close"})).await;
    again.problem(
        409,
        aftercare_server::http::problem_kinds::INVALID_TRANSITION,
    );
}

#[tokio::test]
async fn staff_actions_check_what_they_carry() {
    let app = TestApp::empty().await;
    let who = Who::Bearer(customer(&app, "ana@example.com").await);
    let li = staff(&app, "Li Wei", StaffRole::Supervisor).await;
    let number = open_number(&app, &who, &consultation()).await;
    staff_action(&app, &li, &number, json!({"action": "acknowledge"})).await;
    for (body, pointer) in [
        (json!({"action": "assign"}), "/engineer"),
        (
            json!({"action": "assign", "engineer": "Nobody Here"}),
            "/engineer",
        ),
        (json!({"action": "schedule"}), "/appointment"),
        (
            json!({"action": "schedule", "appointment": {"start": "2027-01-15T10:00:00Z", "end": "2027-01-15T09:00:00Z"}}),
            "/appointment/end",
        ),
        (
            json!({"action": "start", "engineer": "Li Wei"}),
            "/engineer",
        ),
        (
            json!({"action": "start", "note": "x".repeat(2001)}),
            "/note",
        ),
    ] {
        let response = staff_action(&app, &li, &number, body.clone()).await;
        let problem = response.problem(422, aftercare_core::problem::kinds::VALIDATION);
        assert_eq!(problem["errors"][0]["pointer"], pointer, "{body}");
    }
    let unknown = staff_action(&app, &li, &number, json!({"action": "teleport"})).await;
    assert_eq!(unknown.status, 400);
}

#[tokio::test]
async fn the_list_is_newest_activity_first_in_pages() {
    let app = TestApp::empty().await;
    let who = Who::Bearer(customer(&app, "ana@example.com").await);
    let li = staff(&app, "Li Wei", StaffRole::Engineer).await;
    let mut numbers = Vec::new();
    for _ in 0..3 {
        numbers.push(open_number(&app, &who, &consultation()).await);
        app.clock.advance(Duration::minutes(1));
    }
    // Activity on the oldest brings it to the top.
    staff_action(&app, &li, &numbers[0], json!({"action": "acknowledge"})).await;
    let page = |query: String| {
        let who = who.clone();
        let app = &app;
        async move {
            call(
                app,
                Method::GET,
                &format!("/api/v1/requests?{query}"),
                &who,
                None,
                &[],
            )
            .await
            .json()
        }
    };
    let first = page("limit=2".into()).await;
    let listed = |page: &serde_json::Value| -> Vec<String> {
        page["items"]
            .as_array()
            .unwrap()
            .iter()
            .map(|i| i["number"].as_str().unwrap().to_string())
            .collect()
    };
    assert_eq!(listed(&first), [numbers[0].clone(), numbers[2].clone()]);
    let cursor = first["next_cursor"].as_str().unwrap().to_string();
    let second = page(format!("limit=2&cursor={cursor}")).await;
    assert_eq!(listed(&second), [numbers[1].clone()]);
    assert_eq!(second["next_cursor"], json!(null));
    let acknowledged = page("status=acknowledged".into()).await;
    assert_eq!(listed(&acknowledged), [numbers[0].clone()]);
}

#[tokio::test]
async fn the_command_line_moves_a_request_through_its_life() {
    let dir = tempfile::tempdir().unwrap();
    let url = fresh_database_url(&dir).await;
    let app = TestApp::over(&url, dir).await;
    let who = Who::Bearer(customer(&app, "ana@example.com").await);
    let number = open_number(&app, &who, &fault_report("normal")).await;
    let run = |args: &[&str]| {
        let mut argv = vec!["aftercare-server", "staff"];
        argv.extend_from_slice(args);
        argv.extend_from_slice(&["--database-url", &url]);
        let cli = Cli::try_parse_from(argv).expect("a valid command line");
        cli::run(cli)
    };
    run(&["token", "Li Wei", "--role", "engineer"])
        .await
        .unwrap();
    run(&["ack", &number, "--as", "Li Wei"]).await.unwrap();
    run(&["assign", &number, "--as", "Li Wei", "--engineer", "Li Wei"])
        .await
        .unwrap();
    run(&[
        "schedule",
        &number,
        "--as",
        "Li Wei",
        "--start",
        "2027-01-16T09:00:00+08:00",
        "--end",
        "2027-01-16T10:00:00+08:00",
    ])
    .await
    .unwrap();
    run(&["start", &number, "--as", "Li Wei"]).await.unwrap();
    run(&[
        "message",
        &number,
        "Please check the fuse.",
        "--as",
        "Li Wei",
    ])
    .await
    .unwrap();
    run(&[
        "wait",
        &number,
        "--as",
        "Li Wei",
        "--note",
        "Waiting for you",
    ])
    .await
    .unwrap();
    run(&["resolve", &number, "--as", "Li Wei"]).await.unwrap();
    run(&["close", &number, "--as", "Li Wei"]).await.unwrap();
    let refused = run(&["start", &number, "--as", "Li Wei"])
        .await
        .unwrap_err();
    assert!(refused.to_string().contains("closed"), "{refused}");
    let stranger = run(&["ack", &number, "--as", "Nobody"]).await.unwrap_err();
    assert!(stranger.to_string().contains("Nobody"), "{stranger}");

    let request = call(
        &app,
        Method::GET,
        &format!("/api/v1/requests/{number}"),
        &who,
        None,
        &[],
    )
    .await
    .json();
    assert_eq!(request["status"], "closed");
    assert_eq!(request["messages"][0]["text"], "Please check the fuse.");
    assert_eq!(request["messages"][0]["author"]["name"], "Li Wei");
    assert_eq!(
        statuses(&request),
        [
            "submitted",
            "acknowledged",
            "assigned",
            "scheduled",
            "in_progress",
            "waiting_on_customer",
            "resolved",
            "closed"
        ]
    );
}
