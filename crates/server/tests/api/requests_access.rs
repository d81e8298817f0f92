//! Who may do what to a service request: customer A (its owner, who also
//! holds its access key), customer B, a guest with the right key, a guest
//! with a wrong key, an engineer, a supervisor and nobody, against every
//! request route. Everyone who may not see the request is told it does not
//! exist (404); nobody at all is told to sign in (401).

use aftercare_core::problem::kinds;
use aftercare_server::auth::StaffRole;
use aftercare_server::http::problem_kinds;
use axum::http::Method;
use serde_json::{json, Value};

use crate::common::{TestApp, TestResponse};
use crate::requests_support::{
    call, complaint, consultation, customer, new_idempotency_key, new_key, open, open_number,
    staff, Who,
};

/// The seven askers, by name.
struct Askers {
    a: Who,
    b: Who,
    right_key: Who,
    wrong_key: Who,
    engineer: Who,
    supervisor: Who,
    nobody: Who,
}

impl Askers {
    fn all(&self) -> [(&'static str, &Who); 7] {
        [
            ("customer A", &self.a),
            ("customer B", &self.b),
            ("guest, right key", &self.right_key),
            ("guest, wrong key", &self.wrong_key),
            ("engineer", &self.engineer),
            ("supervisor", &self.supervisor),
            ("nobody", &self.nobody),
        ]
    }
}

/// A's request, made with an access key the right guest holds.
async fn set_up(app: &TestApp) -> (Askers, String) {
    let key = new_key();
    let a = Who::Bearer(customer(app, "a@example.com").await);
    let askers = Askers {
        b: Who::Bearer(customer(app, "b@example.com").await),
        right_key: Who::Key(key.clone()),
        wrong_key: Who::Key(new_key()),
        engineer: Who::Bearer(staff(app, "Eng", StaffRole::Engineer).await),
        supervisor: Who::Bearer(staff(app, "Sup", StaffRole::Supervisor).await),
        nobody: Who::Nobody,
        a,
    };
    (askers, key)
}

/// Opens a fresh request of A's, carrying `key`.
async fn a_request(app: &TestApp, askers: &Askers, key: &str) -> String {
    let Who::Bearer(token) = &askers.a else {
        unreachable!()
    };
    let response = call(
        app,
        Method::POST,
        "/api/v1/requests",
        &Who::Bearer(token.clone()),
        Some(&consultation()),
        &[
            ("idempotency-key", &new_idempotency_key()),
            ("x-access-key", key),
        ],
    )
    .await;
    assert_eq!(response.status, 201, "{}", response.text());
    response.json()["number"].as_str().unwrap().to_string()
}

/// What a route must answer.
#[derive(Debug, Clone, Copy)]
enum Outcome {
    Ok(u16),
    NotFound,
    Unauthenticated,
    Conflict,
}

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
            let problem = response.problem(404, kinds::NOT_FOUND);
            assert!(
                !problem.to_string().contains("AC-"),
                "{what}: a 404 names the request: {problem}"
            );
        }
        Outcome::Unauthenticated => {
            response.problem(401, problem_kinds::UNAUTHENTICATED);
        }
        Outcome::Conflict => {
            response.problem(409, problem_kinds::INVALID_TRANSITION);
        }
    }
}

use Outcome::{Conflict as C, NotFound as N, Ok as O, Unauthenticated as U};

/// A route's name, method, path, body, and the outcome for each asker.
type Route = (
    &'static str,
    Method,
    &'static str,
    Option<Value>,
    [Outcome; 7],
);

/// Each route, the body it is sent with, and the outcome for each asker in
/// the order of [`Askers::all`].
fn routes() -> Vec<Route> {
    let text = Some(json!({"text": "hello"}));
    let ack = Some(json!({"action": "acknowledge"}));
    vec![
        (
            "read",
            Method::GET,
            "/api/v1/requests/{n}",
            None,
            [O(200), N, O(200), N, O(200), O(200), U],
        ),
        (
            "message",
            Method::POST,
            "/api/v1/requests/{n}/messages",
            text.clone(),
            [O(201), N, O(201), N, O(201), O(201), U],
        ),
        (
            "cancel",
            Method::POST,
            "/api/v1/requests/{n}/cancel",
            None,
            [O(200), N, O(200), N, C, C, U],
        ),
        (
            "reopen",
            Method::POST,
            "/api/v1/requests/{n}/reopen",
            None,
            [C, N, C, N, C, C, U],
        ),
        (
            "close",
            Method::POST,
            "/api/v1/requests/{n}/close",
            None,
            [C, N, C, N, C, C, U],
        ),
        (
            "staff action",
            Method::POST,
            "/api/v1/staff/requests/{n}/actions",
            ack,
            [N, N, N, N, O(200), O(200), U],
        ),
        (
            "staff message",
            Method::POST,
            "/api/v1/staff/requests/{n}/messages",
            text,
            [N, N, N, N, O(201), O(201), U],
        ),
    ]
}

#[tokio::test]
async fn every_asker_on_every_single_request_route() {
    let app = TestApp::empty().await;
    let (askers, _) = set_up(&app).await;
    for (route, method, path, body, outcomes) in routes() {
        for ((asker, who), outcome) in askers.all().into_iter().zip(outcomes) {
            // A fresh request (and key) for every try, so that no move
            // spoils the next; a minute apart, which keeps the rate limits
            // on opening and on guest calls (see `rate_limit_requests`) out
            // of the way.
            app.clock.advance(time::Duration::minutes(1));
            let key = new_key();
            let number = a_request(&app, &askers, &key).await;
            let right = Who::Key(key);
            let who = if asker == "guest, right key" {
                &right
            } else {
                who
            };
            let uri = path.replace("{n}", &number);
            let response = call(&app, method.clone(), &uri, who, body.as_ref(), &[]).await;
            check(&response, outcome, &format!("{route} as {asker}"));
            if let Outcome::Ok(_) = outcome {
                let view = response.json();
                assert_eq!(view["number"], number.as_str(), "{route} as {asker}");
            }
            // An unknown number answers exactly like someone else's.
            if let Outcome::NotFound = outcome {
                let ghost = path.replace("{n}", "AC-2222-22");
                let other = call(&app, method.clone(), &ghost, who, body.as_ref(), &[]).await;
                assert_eq!(other.status, 404);
                assert_eq!(other.json()["detail"], response.json()["detail"]);
            }
        }
    }
}

#[tokio::test]
async fn every_asker_on_the_list_and_on_opening() {
    let app = TestApp::empty().await;
    let (askers, key) = set_up(&app).await;
    let number = a_request(&app, &askers, &key).await;
    // The list: A and staff see the request, B an empty list, guests and
    // nobody are told to sign in.
    let expected: [(Outcome, bool); 7] = [
        (O(200), true),
        (O(200), false),
        (U, false),
        (U, false),
        (O(200), true),
        (O(200), true),
        (U, false),
    ];
    for ((asker, who), (outcome, sees)) in askers.all().into_iter().zip(expected) {
        let response = call(&app, Method::GET, "/api/v1/requests", who, None, &[]).await;
        check(&response, outcome, &format!("list as {asker}"));
        if let Outcome::Ok(_) = outcome {
            let page = response.json();
            let numbers: Vec<&str> = page["items"]
                .as_array()
                .unwrap()
                .iter()
                .map(|item| item["number"].as_str().unwrap())
                .collect();
            assert_eq!(numbers.contains(&number.as_str()), sees, "list as {asker}");
        }
    }
    // Opening: customers and guests with a fresh key may; a key that opens
    // another request cannot be reused; staff do not open requests here.
    let expected = [O(201), O(201), O(201), O(422), N, N, U];
    for ((asker, who), outcome) in askers.all().into_iter().zip(expected) {
        let who = match (asker, who) {
            ("guest, right key", _) => Who::Key(new_key()),
            ("guest, wrong key", _) => Who::Key(key.clone()),
            (_, who) => who.clone(),
        };
        let response = open(&app, &who, &consultation()).await;
        match outcome {
            O(422) => {
                let problem = response.problem(422, kinds::VALIDATION);
                assert_eq!(problem["errors"][0]["pointer"], "/headers/x-access-key");
            }
            other => check(&response, other, &format!("open as {asker}")),
        }
    }
}

#[tokio::test]
async fn complaints_are_the_supervisors_queue() {
    let app = TestApp::empty().await;
    let (askers, _) = set_up(&app).await;
    let number = open_number(&app, &askers.a, &complaint()).await;
    let uri = format!("/api/v1/requests/{number}");
    let read = |who: Who| {
        let (app, uri) = (&app, uri.clone());
        async move { call(app, Method::GET, &uri, &who, None, &[]).await }
    };
    read(askers.engineer.clone())
        .await
        .problem(404, kinds::NOT_FOUND);
    assert_eq!(read(askers.supervisor.clone()).await.status, 200);
    assert_eq!(read(askers.a.clone()).await.status, 200);
    let act = format!("/api/v1/staff/requests/{number}/actions");
    let ack = json!({"action": "acknowledge"});
    call(&app, Method::POST, &act, &askers.engineer, Some(&ack), &[])
        .await
        .problem(404, kinds::NOT_FOUND);
    let done = call(
        &app,
        Method::POST,
        &act,
        &askers.supervisor,
        Some(&ack),
        &[],
    )
    .await;
    assert_eq!(done.status, 200, "{}", done.text());
    assert_eq!(done.json()["status"], "acknowledged");
    let list = |who: Who| {
        let app = &app;
        async move {
            let page = call(app, Method::GET, "/api/v1/requests", &who, None, &[]).await;
            page.json()["items"].as_array().unwrap().len()
        }
    };
    assert_eq!(list(askers.engineer.clone()).await, 0);
    assert_eq!(list(askers.supervisor.clone()).await, 1);
}

#[tokio::test]
async fn a_guest_key_opens_its_request_later_and_nothing_else() {
    let app = TestApp::empty().await;
    let key = new_key();
    let guest = Who::Key(key.clone());
    let number = open_number(&app, &guest, &consultation()).await;
    // Later, from another device: the number and the key open it.
    let uri = format!("/api/v1/requests/{number}");
    let again = call(&app, Method::GET, &uri, &guest, None, &[]).await;
    assert_eq!(again.status, 200, "{}", again.text());
    assert_eq!(again.json()["status"], "submitted");
    // Typed in lower case, the number still works.
    let lower = format!("/api/v1/requests/{}", number.to_lowercase());
    assert_eq!(
        call(&app, Method::GET, &lower, &guest, None, &[])
            .await
            .status,
        200
    );
    // Without the key: sign in; with a malformed key: a validation problem.
    call(&app, Method::GET, &uri, &Who::Nobody, None, &[])
        .await
        .problem(401, problem_kinds::UNAUTHENTICATED);
    let short = call(
        &app,
        Method::GET,
        &uri,
        &Who::Key("short".into()),
        None,
        &[],
    )
    .await;
    short.problem(400, kinds::VALIDATION);
    // The key in the URL opens nothing.
    let in_url = format!("{uri}?key={key}");
    assert_ne!(
        call(&app, Method::GET, &in_url, &Who::Nobody, None, &[])
            .await
            .status,
        200
    );
    // A guest has no list.
    call(&app, Method::GET, "/api/v1/requests", &guest, None, &[])
        .await
        .problem(401, problem_kinds::UNAUTHENTICATED);
    // The database keeps only the key's hash.
    let stored: (String,) = sqlx::query_as("SELECT access_key_hash FROM service_requests")
        .fetch_one(app.db.pool())
        .await
        .unwrap();
    assert_ne!(stored.0, key);
    assert_eq!(stored.0.len(), 64);
}
