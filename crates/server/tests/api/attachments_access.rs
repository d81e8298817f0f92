//! Who may read and write an attachment, before and after it is linked to
//! a service request, and the rules of linking: customer A (the uploader,
//! who opens the request with an access key), customer B, a guest with the
//! right key, a guest with a wrong key, an engineer, a supervisor and
//! nobody, against `HEAD`, `PATCH` and `GET`.

use aftercare_core::problem::kinds;
use aftercare_server::auth::StaffRole;
use aftercare_server::http::problem_kinds;
use aftercare_server::settings::Settings;
use axum::http::Method;
use serde_json::{json, Value};

use crate::attachments::{app_with_files, chunk, fetch, png, start, upload};
use crate::common::{problem_errors, TestApp, TestResponse};
use crate::requests_support::{
    call, consultation, customer, new_idempotency_key, new_key, staff, Who,
};

/// What an asker gets.
#[derive(Debug, Clone, Copy)]
enum Outcome {
    Ok(u16),
    NotFound,
    Unauthenticated,
    Conflict,
}
use Outcome::{Conflict as C, NotFound as N, Ok as O, Unauthenticated as U};

fn check(response: &TestResponse, outcome: Outcome, what: &str) {
    match outcome {
        Outcome::Ok(status) => {
            assert_eq!(
                response.status.as_u16(),
                status,
                "{what}: {}",
                response.text()
            )
        }
        Outcome::NotFound => {
            // A HEAD answer has no body to read.
            assert_eq!(response.status, 404, "{what}: {}", response.text());
        }
        Outcome::Unauthenticated => assert_eq!(response.status, 401, "{what}"),
        Outcome::Conflict => {
            response.problem(409, problem_kinds::UPLOAD_CONFLICT);
        }
    }
}

/// An app with files whose rate limits are off: the matrices below count
/// who may do what, not how often (`rate_limit_attachments` does that).
pub async fn app_without_limits() -> TestApp {
    let mut app = app_with_files().await;
    let mut settings = Settings::default();
    settings.limits.enabled = false;
    app.configure(&settings);
    app
}

/// The ids of a request view's (or a message's) `attachments`, checking
/// that each is listed with its metadata and download address.
pub fn attachment_ids(attachments: &Value) -> Vec<String> {
    attachments
        .as_array()
        .expect("a list of attachments")
        .iter()
        .map(|file| {
            let id = file["id"].as_str().expect("an id").to_string();
            assert!(file["name"].is_string(), "{file}");
            assert!(file["type"].is_string(), "{file}");
            assert!(file["size"].is_u64(), "{file}");
            assert_eq!(file["url"], format!("/api/v1/attachments/{id}"), "{file}");
            id
        })
        .collect()
}

/// Opens a consultation as `who` naming `ids` (and `key`, if any); returns
/// the answer.
async fn open_with(app: &TestApp, who: &Who, key: Option<&str>, ids: &[&str]) -> TestResponse {
    let mut body = consultation();
    body["fields"]["attachments"] = json!(ids);
    let idem = new_idempotency_key();
    let mut headers = vec![("idempotency-key", idem.as_str())];
    if let Some(key) = key {
        headers.push(("x-access-key", key));
    }
    call(
        app,
        Method::POST,
        "/api/v1/requests",
        who,
        Some(&body),
        &headers,
    )
    .await
}

#[tokio::test]
async fn every_asker_before_and_after_linking() {
    let app = app_without_limits().await;
    let key = new_key();
    let a = Who::Bearer(customer(&app, "a@example.com").await);
    let askers: [(&str, Who); 7] = [
        ("customer A", a.clone()),
        (
            "customer B",
            Who::Bearer(customer(&app, "b@example.com").await),
        ),
        ("guest, right key", Who::Key(key.clone())),
        ("guest, wrong key", Who::Key(new_key())),
        (
            "engineer",
            Who::Bearer(staff(&app, "Eng", StaffRole::Engineer).await),
        ),
        (
            "supervisor",
            Who::Bearer(staff(&app, "Sup", StaffRole::Supervisor).await),
        ),
        ("nobody", Who::Nobody),
    ];
    let file = png(2000);
    let id = upload(&app, &a, "a.png", "image/png", &file).await;
    // An unfinished one of A's: only A may go on with it.
    let open = start(&app, &a, "b.png", 10, "image/png").await.json()["id"]
        .as_str()
        .unwrap()
        .to_string();
    let before: [[Outcome; 7]; 3] = [
        [O(200), N, N, N, N, N, U], // HEAD
        [C, N, N, N, N, N, U],      // PATCH (finished)
        [O(200), N, N, N, N, N, U], // GET
    ];
    let after: [[Outcome; 7]; 3] = [
        [O(200), N, O(200), N, O(200), O(200), U],
        [C, N, N, N, N, N, U],
        [O(200), N, O(200), N, O(200), O(200), U],
    ];
    for (stage, table) in [("before", before), ("after", after)] {
        if stage == "after" {
            let opened = open_with(&app, &a, Some(&key), &[&id]).await;
            assert_eq!(opened.status, 201, "{}", opened.text());
            assert_eq!(attachment_ids(&opened.json()["attachments"]), [id.as_str()]);
        }
        for (n, (name, who)) in askers.iter().enumerate() {
            let what = |m: &str| format!("{stage} linking, {name}, {m}");
            let head = fetch(&app, Method::HEAD, who, &id).await;
            check(&head, table[0][n], &what("HEAD"));
            let patch = chunk(&app, who, &id, file.len(), b"x").await;
            check(&patch, table[1][n], &what("PATCH"));
            let get = fetch(&app, Method::GET, who, &id).await;
            check(&get, table[2][n], &what("GET"));
            if matches!(table[2][n], Outcome::Ok(_)) {
                assert_eq!(get.body, file, "{}", what("GET"));
            }
            // The unfinished upload is the uploader's alone.
            let expected = match n {
                0 => O(204),
                6 => U,
                _ => N,
            };
            if n == 0 && stage == "after" {
                continue;
            }
            let go_on = chunk(&app, who, &open, 0, &png(10)).await;
            check(&go_on, expected, &what("PATCH of an unfinished upload"));
        }
    }
    // A 404 says nothing of the attachment.
    let problem = fetch(&app, Method::GET, &askers[1].1, &id)
        .await
        .problem(404, kinds::NOT_FOUND);
    assert!(!problem.to_string().contains(&id), "{problem}");
}

#[tokio::test]
async fn a_guest_uploads_and_links_with_their_key() {
    let app = app_with_files().await;
    let key = new_key();
    let guest = Who::Key(key.clone());
    let id = upload(&app, &guest, "照片.png", "image/png", &png(500)).await;
    let opened = open_with(&app, &guest, None, &[&id]).await;
    assert_eq!(opened.status, 201, "{}", opened.text());
    assert_eq!(fetch(&app, Method::GET, &guest, &id).await.status, 200);
    let other = Who::Key(new_key());
    assert_eq!(fetch(&app, Method::GET, &other, &id).await.status, 404);
    let engineer = Who::Bearer(staff(&app, "Eng", StaffRole::Engineer).await);
    assert_eq!(fetch(&app, Method::GET, &engineer, &id).await.status, 200);
}

#[tokio::test]
async fn only_finished_accepted_unlinked_uploads_of_ones_own_are_linked() {
    let app = app_with_files().await;
    let a = Who::Bearer(customer(&app, "a@example.com").await);
    let b = Who::Bearer(customer(&app, "b@example.com").await);
    let good = upload(&app, &a, "ok.png", "image/png", &png(100)).await;
    let unfinished = start(&app, &a, "half.png", 100, "image/png").await.json()["id"]
        .as_str()
        .unwrap()
        .to_string();
    let rejected = upload(&app, &a, "fake.jpg", "image/jpeg", &png(100)).await;
    let bs = upload(&app, &b, "b.png", "image/png", &png(100)).await;
    let linked = upload(&app, &a, "used.png", "image/png", &png(100)).await;
    assert_eq!(open_with(&app, &a, None, &[&linked]).await.status, 201);
    let requests = app.count("service_requests").await;
    let ids = [
        good.as_str(),
        "att_00000000000000000000000000000000",
        &unfinished,
        &rejected,
        &bs,
        &linked,
        "../../etc/passwd",
    ];
    let problem = open_with(&app, &a, None, &ids)
        .await
        .problem(422, kinds::VALIDATION);
    let p = |n: usize, code: &str| (format!("/fields/attachments/{n}"), code.to_string());
    assert_eq!(
        problem_errors(&problem),
        [
            p(1, "unknown_attachment"),
            p(2, "incomplete"),
            p(3, "rejected"),
            p(4, "unknown_attachment"),
            p(5, "already_linked"),
            p(6, "unknown_attachment"),
        ]
    );
    // Nothing was made, and the good upload is still free.
    assert_eq!(app.count("service_requests").await, requests);
    let opened = open_with(&app, &a, None, &[&good, &good]).await;
    assert_eq!(opened.status, 201, "{}", opened.text());
    assert_eq!(attachment_ids(&opened.json()["attachments"]), [good]);
}

#[tokio::test]
async fn attachments_of_complaints_are_the_supervisors() {
    let mut app = app_with_files().await;
    // The default complaint form takes no files; this catalog's does.
    let mut catalog = aftercare_server::catalog::defaults();
    let field = catalog
        .request_type("consultation")
        .unwrap()
        .fields
        .iter()
        .find(|f| f.key == "attachments")
        .unwrap()
        .clone();
    let complaint = catalog
        .request_types
        .iter_mut()
        .find(|t| t.key == "complaint")
        .unwrap();
    complaint.fields.push(field);
    app.state = app.state.clone().with_catalog(catalog);
    let a = Who::Bearer(customer(&app, "a@example.com").await);
    let id = upload(&app, &a, "rude.png", "image/png", &png(100)).await;
    let mut body = crate::requests_support::complaint();
    body["fields"]["attachments"] = json!([id]);
    let idem = new_idempotency_key();
    let opened = call(
        &app,
        Method::POST,
        "/api/v1/requests",
        &a,
        Some(&body),
        &[("idempotency-key", &idem)],
    )
    .await;
    assert_eq!(opened.status, 201, "{}", opened.text());
    let engineer = Who::Bearer(staff(&app, "Eng", StaffRole::Engineer).await);
    let supervisor = Who::Bearer(staff(&app, "Sup", StaffRole::Supervisor).await);
    for method in [Method::HEAD, Method::GET] {
        assert_eq!(
            fetch(&app, method.clone(), &engineer, &id).await.status,
            404
        );
        assert_eq!(
            fetch(&app, method.clone(), &supervisor, &id).await.status,
            200
        );
        assert_eq!(fetch(&app, method, &a, &id).await.status, 200);
    }
}

#[tokio::test]
async fn racing_chunks_at_one_offset_store_one() {
    let app = app_with_files().await;
    let who = Who::Key(new_key());
    let file = png(4000);
    let id = start(&app, &who, "a.png", file.len(), "image/png")
        .await
        .json()["id"]
        .as_str()
        .unwrap()
        .to_string();
    let (one, two) = tokio::join!(
        chunk(&app, &who, &id, 0, &file[..2000]),
        chunk(&app, &who, &id, 0, &file[..3000]),
    );
    let mut statuses = [one.status.as_u16(), two.status.as_u16()];
    statuses.sort();
    assert_eq!(statuses, [204, 409], "{} / {}", one.text(), two.text());
    let offset: usize = fetch(&app, Method::HEAD, &who, &id)
        .await
        .header("upload-offset")
        .parse()
        .unwrap();
    assert!(offset == 2000 || offset == 3000, "{offset}");
    assert_eq!(
        chunk(&app, &who, &id, offset, &file[offset..]).await.status,
        204
    );
    assert_eq!(fetch(&app, Method::GET, &who, &id).await.body, file);
}
