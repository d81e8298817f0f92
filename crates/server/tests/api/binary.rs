//! The real binary, end to end: `serve` announces its address, answers over
//! TCP, prints sign-in codes when it has no mail relay, and stops cleanly on
//! SIGTERM; `import-kb` reports what it did and fails with a precise message
//! on a bad file; `staff token` prints a token that works.

use std::ffi::OsStr;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Child, Command, Output, Stdio};
use std::sync::mpsc;
use std::time::Duration;

use aftercare_server::clock::Clock;
use aftercare_server::db::{Db, SQLITE_FILE};
use serde_json::{json, Value};

use crate::common::{code_in, entry, fresh_database_url, TestApp};

const BINARY: &str = env!("CARGO_BIN_EXE_aftercare-server");
const STARTUP: Duration = Duration::from_secs(60);

/// Where a run of the binary keeps its data: a private data directory, and
/// for PostgreSQL a fresh schema passed as `DATABASE_URL`.
struct Storage {
    data_dir: std::path::PathBuf,
    database_url: Option<String>,
}

impl Storage {
    async fn new(dir: &tempfile::TempDir) -> Storage {
        let url = fresh_database_url(dir).await;
        Storage {
            data_dir: dir.path().join("data"),
            database_url: (!url.starts_with("sqlite:")).then_some(url),
        }
    }

    /// The binary running `subcommand` on this storage.
    fn command(&self, subcommand: &[&OsStr]) -> Command {
        let mut command = Command::new(BINARY);
        command
            .args(subcommand)
            .arg("--data-dir")
            .arg(&self.data_dir)
            .env_remove("DATABASE_URL")
            .env_remove("AFTERCARE_CONFIG")
            .env("RUST_LOG", "warn");
        if let Some(url) = &self.database_url {
            command.env("DATABASE_URL", url);
        }
        command
    }
}

/// Starts `serve` and returns it with the address it announced and the
/// lines it prints after that.
pub async fn serve(dir: &tempfile::TempDir) -> (Child, String, mpsc::Receiver<String>) {
    let no_dist = dir.path().join("no-dist");
    let mut command = Storage::new(dir).await.command(&[
        OsStr::new("serve"),
        OsStr::new("--addr"),
        OsStr::new("127.0.0.1:0"),
        OsStr::new("--dist"),
        no_dist.as_os_str(),
    ]);
    let mut child = command
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .expect("the server starts");
    let stdout = child.stdout.take().unwrap();
    let (sender, receiver) = mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines() {
            let Ok(line) = line else { break };
            if sender.send(line).is_err() {
                break;
            }
        }
    });
    let line = receiver.recv_timeout(STARTUP).unwrap_or_else(|_| {
        let _ = child.kill();
        panic!("the server did not announce itself within {STARTUP:?}");
    });
    let address = line
        .trim_end()
        .strip_prefix("aftercare-server listening on http://")
        .unwrap_or_else(|| panic!("unexpected first line {line:?}"))
        .to_string();
    (child, address, receiver)
}

/// A minimal HTTP/1.1 GET; returns the status code and the body.
fn http_get(address: &str, path: &str) -> (u16, String) {
    http(address, &format!("GET {path} HTTP/1.1\r\n"), "")
}

/// A minimal HTTP/1.1 POST of JSON; returns the status code and the body.
fn http_post(address: &str, path: &str, body: &Value) -> (u16, String) {
    let body = body.to_string();
    let head = format!(
        "POST {path} HTTP/1.1\r\nContent-Type: application/json\r\nContent-Length: {}\r\n",
        body.len()
    );
    http(address, &head, &body)
}

/// Sends a request line and headers (each ending in CRLF) and a body.
fn http(address: &str, head: &str, body: &str) -> (u16, String) {
    let mut stream = TcpStream::connect(address).expect("the server accepts connections");
    stream
        .set_read_timeout(Some(Duration::from_secs(30)))
        .unwrap();
    write!(
        stream,
        "{head}Host: {address}\r\nConnection: close\r\n\r\n{body}"
    )
    .unwrap();
    let mut response = String::new();
    stream.read_to_string(&mut response).unwrap();
    let status = response[9..12].parse().expect("a status line");
    let body = response
        .split_once("\r\n\r\n")
        .map(|(_, body)| body.to_string())
        .unwrap_or_default();
    (status, body)
}

#[tokio::test]
async fn serve_announces_its_port_answers_and_stops_on_sigterm() {
    let dir = tempfile::tempdir().unwrap();
    let (mut child, address, _lines) = serve(&dir).await;

    let (status, body) = http_get(&address, "/healthz");
    assert_eq!(status, 200, "{body}");
    assert_eq!(body, r#"{"status":"ok"}"#);
    // The empty database was seeded with the demo knowledge base.
    let (status, body) = http_get(&address, "/api/v1/kb/articles?locale=en&limit=1");
    assert_eq!(status, 200, "{body}");
    let page: Value = serde_json::from_str(&body).unwrap();
    assert_eq!(page["articles"][0]["locale"], "en");
    let (status, body) = http_get(&address, "/articles/x");
    assert_eq!(status, 503);
    assert!(body.contains("cargo xtask run"));

    stop(&mut child);
}

#[cfg(unix)]
fn stop(child: &mut Child) {
    let status = Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .expect("kill runs");
    assert!(status.success());
    for _ in 0..300 {
        if let Some(status) = child.try_wait().unwrap() {
            assert!(status.success(), "the server exited with {status}");
            return;
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    let _ = child.kill();
    panic!("the server did not stop within 30 s of SIGTERM");
}

#[cfg(not(unix))]
fn stop(child: &mut Child) {
    child.kill().unwrap();
}

#[tokio::test]
async fn without_a_mail_relay_serve_prints_sign_in_codes() {
    let dir = tempfile::tempdir().unwrap();
    let (mut child, address, lines) = serve(&dir).await;
    let email = json!({"email": "newcomer@example.com"});
    let (status, body) = http_post(&address, "/api/v1/auth/email-code", &email);
    assert_eq!(status, 202, "{body}");
    let line = lines
        .recv_timeout(Duration::from_secs(30))
        .expect("the code is printed");
    assert!(
        line.starts_with("sign-in code for newcomer@example.com: "),
        "{line}"
    );
    let code = code_in(&line);
    assert_eq!(
        line.len(),
        "sign-in code for newcomer@example.com: ".len() + 6
    );
    let redeem = json!({"email": "newcomer@example.com", "code": code});
    let (status, body) = http_post(&address, "/api/v1/auth/session", &redeem);
    assert_eq!(status, 200, "{body}");
    let signed_in: Value = serde_json::from_str(&body).unwrap();
    assert_eq!(signed_in["customer"]["email"], "newcomer@example.com");
    // The pepper was made once, in the data directory.
    assert!(dir.path().join("data").join("pepper").is_file());
    stop(&mut child);
}

fn staff_token(storage: &Storage, args: &[&str]) -> Output {
    let mut all = vec![OsStr::new("staff"), OsStr::new("token")];
    all.extend(args.iter().map(OsStr::new));
    storage.command(&all).output().expect("staff token runs")
}

#[tokio::test]
async fn staff_token_makes_the_member_and_prints_a_working_token() {
    let dir = tempfile::tempdir().unwrap();
    let storage = Storage::new(&dir).await;
    let first = staff_token(&storage, &["Li Wei", "--role", "supervisor"]);
    let stderr = String::from_utf8_lossy(&first.stderr);
    assert!(first.status.success(), "{stderr}");
    assert!(
        stderr.contains(r#"created staff member "Li Wei" (supervisor)"#),
        "{stderr}"
    );
    let token = String::from_utf8(first.stdout).unwrap();
    assert!(
        token.ends_with('\n') && token.lines().count() == 1,
        "{token:?}"
    );
    let token = token.trim_end().to_string();
    assert!(token.len() >= 22);

    let second = staff_token(&storage, &["Li Wei"]);
    assert!(second.status.success());
    assert!(!String::from_utf8_lossy(&second.stderr).contains("created"));
    let second = String::from_utf8(second.stdout).unwrap();
    assert_ne!(second.trim_end(), token);
    let demoted = staff_token(&storage, &["Li Wei", "--role", "engineer"]);
    let stderr = String::from_utf8_lossy(&demoted.stderr);
    assert!(
        stderr.contains(r#""Li Wei" now has the role engineer"#),
        "{stderr}"
    );

    let blank = staff_token(&storage, &["   "]);
    assert!(!blank.status.success());
    assert!(String::from_utf8_lossy(&blank.stderr).contains("staff name"));

    // The token opens the same database's API as that staff member.
    let url = match &storage.database_url {
        Some(url) => url.clone(),
        None => Db::sqlite_url(&storage.data_dir.join(SQLITE_FILE)).unwrap(),
    };
    let mut app = TestApp::over(&url, tempfile::tempdir().unwrap()).await;
    app.state = app.state.clone().with_clock(Clock::system());
    let me = app.get_as("/api/v1/auth/session", &token).await;
    assert_eq!(me.status, 200, "{}", me.text());
    let me = me.json();
    assert_eq!(
        (me["kind"].as_str(), me["name"].as_str()),
        (Some("staff"), Some("Li Wei"))
    );
    assert_eq!(me["role"], "engineer");
    assert!(me["id"].as_str().unwrap().starts_with("stf_"));
    app.db.close().await;
}

fn import_kb(storage: &Storage, file: &Path) -> Output {
    storage
        .command(&[OsStr::new("import-kb"), file.as_os_str()])
        .output()
        .expect("import-kb runs")
}

#[tokio::test]
async fn import_kb_reports_counts_and_rejects_bad_files_whole() {
    let dir = tempfile::tempdir().unwrap();
    let storage = Storage::new(&dir).await;
    let good = dir.path().join("good.json");
    let file = [
        entry("a", "en", "usage", "A", "One."),
        entry("b", "zh-TW", "billing", "費用", "收費標準。"),
    ];
    std::fs::write(&good, Value::from(file.to_vec()).to_string()).unwrap();

    let output = import_kb(&storage, &good);
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(
        stdout.contains("2 added, 0 updated, 0 unchanged"),
        "{stdout}"
    );

    let output = import_kb(&storage, &good);
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        stdout.contains("0 added, 0 updated, 2 unchanged"),
        "{stdout}"
    );

    let bad = dir.path().join("bad.json");
    let mut broken = entry("c", "en", "usage", "C", "Three.");
    broken["tags"] = serde_json::json!([""]);
    let file = [
        file[0].clone(),
        entry("d", "en", "usage", "D", "Four."),
        broken,
    ];
    std::fs::write(&bad, Value::from(file.to_vec()).to_string()).unwrap();
    let output = import_kb(&storage, &bad);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(!output.status.success());
    assert!(stderr.contains("bad.json"), "{stderr}");
    assert!(stderr.contains("entry 3 (id \"c\"): tags[0]"), "{stderr}");
    assert!(output.stdout.is_empty());

    let missing = import_kb(&storage, &dir.path().join("missing.json"));
    assert!(!missing.status.success());
    assert!(String::from_utf8_lossy(&missing.stderr).contains("cannot read"));
}
