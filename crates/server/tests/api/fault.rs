//! The test-only fault layer: rules set at `/__faults` delay requests,
//! answer 503 with `Retry-After`, or let a request commit and then drop the
//! connection (checked with the real binary and a raw TCP client); without
//! `AFTERCARE_FAULTS=1`, `/__faults` does not exist.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use aftercare_core::problem::kinds;
use aftercare_server::db::Db;
use aftercare_server::http::fault::Faults;
use axum::body::Body;
use axum::http::Request;
use serde_json::{json, Value};

use crate::common::{fresh_database_url, TestApp};

const BINARY: &str = env!("CARGO_BIN_EXE_aftercare-server");

async fn app_with_faults() -> TestApp {
    let mut app = TestApp::empty().await;
    app.state = app.state.clone().with_faults(Some(Faults::default()));
    app
}

async fn add_rule(app: &TestApp, rule: Value) -> Value {
    let added = app.post("/__faults", &rule, &[]).await;
    assert_eq!(added.status, 201, "{}", added.text());
    added.json()
}

#[tokio::test]
async fn delay_rules_slow_matching_requests_and_count_hits() {
    let app = app_with_faults().await;
    let rule = add_rule(
        &app,
        json!({"path_prefix": "/api/v1/portal", "method": "get", "mode": "delay", "delay_ms": 300, "times": 1}),
    )
    .await;
    assert_eq!(rule["hits"], 0);
    assert_eq!(rule["method"], "GET");

    let started = Instant::now();
    assert_eq!(app.get("/api/v1/portal").await.status, 200);
    assert!(started.elapsed() >= Duration::from_millis(300));
    assert_eq!(app.get("/api/v1/portal").await.status, 200);
    assert_eq!(app.get("/healthz").await.status, 200);

    let listed = app.get("/__faults").await.json();
    assert_eq!(listed["rules"][0]["id"], rule["id"]);
    assert_eq!(listed["rules"][0]["hits"], 1);
}

#[tokio::test]
async fn unavailable_rules_answer_503_problems_without_running_the_route() {
    let app = app_with_faults().await;
    add_rule(
        &app,
        json!({"path_prefix": "/api/v1/auth", "method": "POST", "mode": "unavailable", "retry_after": 7, "times": 2}),
    )
    .await;
    let ask = |language: &str| {
        Request::post("/api/v1/auth/email-code")
            .header("content-type", "application/json")
            .header("accept-language", language)
            .body(Body::from(r#"{"email": "a@example.com"}"#))
            .unwrap()
    };
    let refused = app.send(ask("en")).await;
    refused.problem(503, kinds::UNAVAILABLE);
    assert_eq!(refused.header("retry-after"), "7");
    let in_chinese = app.send(ask("zh-CN")).await;
    let problem = in_chinese.problem(503, kinds::UNAVAILABLE);
    assert_eq!(problem["title"], "服务暂时不可用");
    assert_eq!(in_chinese.header("retry-after"), "7");
    assert!(app.outbox.sent().is_empty(), "the route must not have run");

    // Two firings, then the route answers again.
    assert_eq!(app.send(ask("en")).await.status, 202);
    assert_eq!(app.outbox.sent().len(), 1);
    assert_eq!(app.get("/__faults").await.json()["rules"][0]["hits"], 2);
}

#[tokio::test]
async fn rules_are_checked_and_can_be_cleared() {
    let app = app_with_faults().await;
    app.post(
        "/__faults",
        &json!({"path_prefix": "/api", "mode": "explode"}),
        &[],
    )
    .await
    .problem(400, kinds::VALIDATION);
    app.post(
        "/__faults",
        &json!({"path_prefix": "api", "mode": "delay"}),
        &[],
    )
    .await
    .problem(400, kinds::VALIDATION);
    let rule = add_rule(&app, json!({"path_prefix": "/api", "mode": "unavailable"})).await;
    assert_eq!(app.get("/api/v1/portal").await.status, 503);
    // The control API itself is never faulted.
    assert_eq!(app.get("/__faults").await.status, 200);

    let one = Request::delete(format!("/__faults/{}", rule["id"]))
        .body(Body::empty())
        .unwrap();
    assert_eq!(app.send(one).await.status, 204);
    add_rule(&app, json!({"path_prefix": "/api", "mode": "unavailable"})).await;
    let all = Request::delete("/__faults").body(Body::empty()).unwrap();
    assert_eq!(app.send(all).await.status, 204);
    assert_eq!(app.get("/api/v1/portal").await.status, 200);
    assert_eq!(app.get("/__faults").await.json(), json!({"rules": []}));
}

#[tokio::test]
async fn without_the_switch_there_is_no_fault_api() {
    let app = TestApp::empty().await;
    for uri in ["/__faults", "/__faults/1"] {
        app.get(uri).await.problem(404, kinds::NOT_FOUND);
    }
    let rule = json!({"path_prefix": "/api", "mode": "unavailable"});
    app.post("/__faults", &rule, &[])
        .await
        .problem(404, kinds::NOT_FOUND);
    assert_eq!(app.get("/api/v1/portal").await.status, 200);
}

/// The binary, serving with `AFTERCARE_FAULTS=1` on `url`; returns it with
/// its address and the lines it prints after announcing it.
fn serve_with_faults(
    dir: &tempfile::TempDir,
    url: &str,
) -> (Child, String, mpsc::Receiver<String>) {
    let mut child = Command::new(BINARY)
        .args(["serve", "--addr", "127.0.0.1:0", "--data-dir"])
        .arg(dir.path().join("data"))
        .arg("--dist")
        .arg(dir.path().join("no-dist"))
        .env("DATABASE_URL", url)
        .env("AFTERCARE_FAULTS", "1")
        .env_remove("AFTERCARE_CONFIG")
        .env("RUST_LOG", "error")
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .expect("the server starts");
    let stdout = child.stdout.take().unwrap();
    let (sender, lines) = mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines().map_while(Result::ok) {
            if sender.send(line).is_err() {
                break;
            }
        }
    });
    let first = lines
        .recv_timeout(Duration::from_secs(60))
        .unwrap_or_else(|_| {
            let _ = child.kill();
            panic!("the server did not announce itself");
        });
    let address = first
        .strip_prefix("aftercare-server listening on http://")
        .unwrap_or_else(|| panic!("unexpected first line {first:?}"))
        .to_string();
    (child, address, lines)
}

/// Sends one HTTP/1.1 request and reads until the server closes; returns
/// what arrived, or the error that ended the reading.
fn exchange(
    address: &str,
    method: &str,
    path: &str,
    headers: &str,
    body: &str,
) -> std::io::Result<String> {
    let mut stream = TcpStream::connect(address)?;
    stream.set_read_timeout(Some(Duration::from_secs(30)))?;
    write!(
        stream,
        "{method} {path} HTTP/1.1\r\nHost: {address}\r\nConnection: close\r\n{headers}\
         Content-Type: application/json\r\nContent-Length: {}\r\n\r\n{body}",
        body.len()
    )?;
    let mut response = Vec::new();
    stream.read_to_end(&mut response)?;
    Ok(String::from_utf8_lossy(&response).into_owned())
}

#[tokio::test]
async fn drop_after_commit_commits_and_then_hangs_up() {
    let dir = tempfile::tempdir().unwrap();
    let url = fresh_database_url(&dir).await;
    let (mut child, address, lines) = serve_with_faults(&dir, &url);

    let rule = json!({"path_prefix": "/api/v1/auth/email-code", "method": "POST", "mode": "drop_after_commit", "times": 1});
    let added = exchange(&address, "POST", "/__faults", "", &rule.to_string()).unwrap();
    assert!(added.starts_with("HTTP/1.1 201"), "{added}");

    let ask = json!({"email": "dropped@example.com"}).to_string();
    let keyed = "Idempotency-Key: drop-test-1\r\n";
    match exchange(&address, "POST", "/api/v1/auth/email-code", keyed, &ask) {
        Ok(answer) => assert!(answer.is_empty(), "an answer arrived: {answer:?}"),
        Err(error) => eprintln!("the connection failed as it should: {error}"),
    }
    // The route ran to the end: the code was made, stored and printed.
    let line = lines
        .recv_timeout(Duration::from_secs(30))
        .expect("a code line");
    assert!(
        line.starts_with("sign-in code for dropped@example.com: "),
        "{line}"
    );
    let db = Db::connect(&url).await.unwrap();
    let (codes,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM sign_in_codes")
        .fetch_one(db.pool())
        .await
        .unwrap();
    assert_eq!(codes, 1);

    // The client's retry with the same key gets the stored answer, and no
    // second code is made.
    let retry = exchange(&address, "POST", "/api/v1/auth/email-code", keyed, &ask).unwrap();
    assert!(retry.starts_with("HTTP/1.1 202"), "{retry}");
    assert!(
        retry.to_lowercase().contains("idempotent-replayed: true"),
        "{retry}"
    );
    let (codes,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM sign_in_codes")
        .fetch_one(db.pool())
        .await
        .unwrap();
    assert_eq!(codes, 1);
    db.close().await;

    let listed = exchange(&address, "GET", "/__faults", "", "").unwrap();
    let body = listed.split_once("\r\n\r\n").unwrap().1;
    let listed: Value = serde_json::from_str(body).unwrap();
    assert_eq!(listed["rules"][0]["hits"], 1);
    let _ = child.kill();
    let _ = child.wait();
}
