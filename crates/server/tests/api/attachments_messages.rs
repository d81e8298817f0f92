//! Files posted with messages: a customer's message with two files, a staff
//! message whose file the customer downloads, uploads that are not the
//! author's, a message with neither text nor files, and who may read a file
//! linked through a message.

use aftercare_core::problem::kinds;
use aftercare_server::auth::StaffRole;
use axum::http::Method;
use serde_json::{json, Value};

use crate::attachments::{fetch, png, upload};
use crate::attachments_access::{app_without_limits, attachment_ids};
use crate::common::{problem_errors, TestApp, TestResponse};
use crate::requests_support::{
    call, consultation, customer, new_idempotency_key, new_key, open_number, staff, Who,
};

/// Posts `body` as a message to `number`, on the customer's route or, for
/// `staff`, the department's.
async fn post(app: &TestApp, who: &Who, number: &str, body: Value, staff: bool) -> TestResponse {
    let uri = match staff {
        true => format!("/api/v1/staff/requests/{number}/messages"),
        false => format!("/api/v1/requests/{number}/messages"),
    };
    let idem = new_idempotency_key();
    let headers = [("idempotency-key", idem.as_str())];
    call(app, Method::POST, &uri, who, Some(&body), &headers).await
}

#[tokio::test]
async fn a_customer_posts_a_message_with_two_files() {
    let app = app_without_limits().await;
    let ana = Who::Bearer(customer(&app, "ana@example.com").await);
    let number = open_number(&app, &ana, &consultation()).await;
    let first = upload(&app, &ana, "front.png", "image/png", &png(300)).await;
    let second = upload(&app, &ana, "back.png", "image/png", &png(400)).await;
    let body = json!({"text": "Both sides.", "attachments": [first, second]});
    let posted = post(&app, &ana, &number, body, false).await;
    assert_eq!(posted.status, 201, "{}", posted.text());
    let view = posted.json();
    let message = &view["messages"][0];
    assert_eq!(message["text"], "Both sides.");
    assert_eq!(
        attachment_ids(&message["attachments"]),
        [first.clone(), second.clone()]
    );
    assert_eq!(message["attachments"][0]["name"], "front.png");
    assert_eq!(message["attachments"][0]["type"], "image/png");
    assert_eq!(message["attachments"][1]["size"], 400);
    // The request lists them too, and its timeline's message step.
    assert_eq!(
        attachment_ids(&view["attachments"]),
        [first.clone(), second.clone()]
    );
    let step = view["events"]
        .as_array()
        .unwrap()
        .iter()
        .find(|event| event["message"].is_object())
        .expect("a message step");
    assert_eq!(attachment_ids(&step["message"]["attachments"]).len(), 2);
    // Files alone make a message too; a file is linked once.
    let third = upload(&app, &ana, "label.png", "image/png", &png(50)).await;
    let posted = post(&app, &ana, &number, json!({"attachments": [third]}), false).await;
    assert_eq!(posted.status, 201, "{}", posted.text());
    assert_eq!(posted.json()["messages"][1]["text"], "");
    let again = post(&app, &ana, &number, json!({"attachments": [first]}), false).await;
    let problem = again.problem(422, kinds::VALIDATION);
    assert_eq!(
        problem_errors(&problem),
        [("/attachments/0".to_string(), "already_linked".to_string())]
    );
}

#[tokio::test]
async fn a_staff_message_carries_a_file_the_customer_downloads() {
    let app = app_without_limits().await;
    let ana = Who::Bearer(customer(&app, "ana@example.com").await);
    let bo = Who::Bearer(customer(&app, "bo@example.com").await);
    let number = open_number(&app, &ana, &consultation()).await;
    let engineer = Who::Bearer(staff(&app, "Li Wei", StaffRole::Engineer).await);
    let manual = png(1000);
    let id = upload(&app, &engineer, "manual.png", "image/png", &manual).await;
    // Before it is linked, the file is the engineer's alone.
    assert_eq!(fetch(&app, Method::GET, &ana, &id).await.status, 404);
    let body = json!({"text": "The manual.", "attachments": [id]});
    let posted = post(&app, &engineer, &number, body, true).await;
    assert_eq!(posted.status, 201, "{}", posted.text());
    let seen = call(
        &app,
        Method::GET,
        &format!("/api/v1/requests/{number}"),
        &ana,
        None,
        &[],
    )
    .await
    .json();
    let message = &seen["messages"][0];
    assert_eq!(message["author"]["name"], "Li Wei");
    assert_eq!(attachment_ids(&message["attachments"]), [id.as_str()]);
    let download = fetch(&app, Method::GET, &ana, &id).await;
    assert_eq!(download.status, 200, "{}", download.text());
    assert_eq!(download.body, manual);
    assert!(download
        .header("content-disposition")
        .starts_with("attachment"));
    assert_eq!(fetch(&app, Method::GET, &bo, &id).await.status, 404);
}

#[tokio::test]
async fn someone_elses_upload_is_not_linked_and_nothing_is_posted() {
    let app = app_without_limits().await;
    let ana = Who::Bearer(customer(&app, "ana@example.com").await);
    let bo = Who::Bearer(customer(&app, "bo@example.com").await);
    let number = open_number(&app, &ana, &consultation()).await;
    let mine = upload(&app, &ana, "mine.png", "image/png", &png(100)).await;
    let theirs = upload(&app, &bo, "theirs.png", "image/png", &png(100)).await;
    let engineer = Who::Bearer(staff(&app, "Li Wei", StaffRole::Engineer).await);
    let staff_file = upload(&app, &engineer, "e.png", "image/png", &png(100)).await;
    for foreign in [&theirs, &staff_file] {
        let body = json!({"text": "hi", "attachments": [mine, foreign]});
        let problem = post(&app, &ana, &number, body, false)
            .await
            .problem(422, kinds::VALIDATION);
        assert_eq!(
            problem_errors(&problem),
            [(
                "/attachments/1".to_string(),
                "unknown_attachment".to_string()
            )]
        );
        assert!(!problem.to_string().contains(foreign.as_str()), "{problem}");
    }
    // Staff cannot pass off a customer's upload either.
    let body = json!({"attachments": [theirs]});
    let problem = post(&app, &engineer, &number, body, true)
        .await
        .problem(422, kinds::VALIDATION);
    assert_eq!(problem_errors(&problem)[0].0, "/attachments/0");
    // Nothing was stored, and the good file is still free to link.
    assert_eq!(app.count("request_messages").await, 0);
    assert_eq!(fetch(&app, Method::GET, &bo, &theirs).await.status, 200);
    let body = json!({"text": "hi", "attachments": [mine]});
    assert_eq!(post(&app, &ana, &number, body, false).await.status, 201);
}

#[tokio::test]
async fn a_message_needs_text_or_a_file() {
    let app = app_without_limits().await;
    let ana = Who::Bearer(customer(&app, "ana@example.com").await);
    let number = open_number(&app, &ana, &consultation()).await;
    for body in [
        json!({}),
        json!({"text": "  "}),
        json!({"text": "", "attachments": []}),
    ] {
        let problem = post(&app, &ana, &number, body, false)
            .await
            .problem(422, kinds::VALIDATION);
        assert_eq!(
            problem_errors(&problem),
            [("/text".to_string(), "required".to_string())]
        );
    }
    let many: Vec<String> = (0..21).map(|n| format!("att_{n}")).collect();
    let problem = post(&app, &ana, &number, json!({"attachments": many}), false)
        .await
        .problem(422, kinds::VALIDATION);
    assert_eq!(problem_errors(&problem)[0].0, "/attachments");
}

#[tokio::test]
async fn files_linked_through_messages_keep_the_access_matrix() {
    let app = app_without_limits().await;
    let key = new_key();
    let a = Who::Bearer(customer(&app, "a@example.com").await);
    // Customer A opens a request with an access key, then posts a file.
    let idem = new_idempotency_key();
    let opened = call(
        &app,
        Method::POST,
        "/api/v1/requests",
        &a,
        Some(&consultation()),
        &[("idempotency-key", &idem), ("x-access-key", &key)],
    )
    .await;
    assert_eq!(opened.status, 201, "{}", opened.text());
    let number = opened.json()["number"].as_str().unwrap().to_string();
    let file = png(700);
    let id = upload(&app, &a, "photo.png", "image/png", &file).await;
    let posted = post(&app, &a, &number, json!({"attachments": [id]}), false).await;
    assert_eq!(posted.status, 201, "{}", posted.text());
    let askers: [(&str, Who, u16); 7] = [
        ("customer A", a.clone(), 200),
        (
            "customer B",
            Who::Bearer(customer(&app, "b@example.com").await),
            404,
        ),
        ("guest, right key", Who::Key(key.clone()), 200),
        ("guest, wrong key", Who::Key(new_key()), 404),
        (
            "engineer",
            Who::Bearer(staff(&app, "Eng", StaffRole::Engineer).await),
            200,
        ),
        (
            "supervisor",
            Who::Bearer(staff(&app, "Sup", StaffRole::Supervisor).await),
            200,
        ),
        ("nobody", Who::Nobody, 401),
    ];
    for (name, who, status) in &askers {
        for method in [Method::HEAD, Method::GET] {
            let response = fetch(&app, method.clone(), who, &id).await;
            assert_eq!(response.status, *status, "{name}, {method}");
            if *status == 200 && method == Method::GET {
                assert_eq!(response.body, file, "{name}");
            }
        }
        // Once linked, the file takes no more bytes, from anyone.
        let patch = crate::attachments::chunk(&app, who, &id, file.len(), b"x").await;
        assert!(patch.status.is_client_error(), "{name}: {}", patch.status);
    }
    // A guest with the key may post a file of their own to the request.
    let guest = Who::Key(key.clone());
    let theirs = upload(&app, &guest, "g.png", "image/png", &png(80)).await;
    let posted = post(
        &app,
        &guest,
        &number,
        json!({"attachments": [theirs]}),
        false,
    )
    .await;
    assert_eq!(posted.status, 201, "{}", posted.text());
    assert_eq!(fetch(&app, Method::GET, &a, &theirs).await.status, 200);
}
