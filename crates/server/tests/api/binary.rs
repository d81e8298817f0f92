//! The real binary, end to end: `serve` announces its address, answers over
//! TCP and stops cleanly on SIGTERM; `import-kb` reports what it did and
//! fails with a precise message on a bad file.

use std::ffi::OsStr;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Child, Command, Output, Stdio};
use std::sync::mpsc;
use std::time::Duration;

use serde_json::Value;

use crate::common::{entry, fresh_database_url};

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

/// Starts `serve` and returns it with the address it announced.
async fn serve(dir: &tempfile::TempDir) -> (Child, String) {
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
        let mut line = String::new();
        let _ = BufReader::new(stdout).read_line(&mut line);
        let _ = sender.send(line);
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
    (child, address)
}

/// A minimal HTTP/1.1 GET; returns the status code and the body.
fn http_get(address: &str, path: &str) -> (u16, String) {
    let mut stream = TcpStream::connect(address).expect("the server accepts connections");
    stream
        .set_read_timeout(Some(Duration::from_secs(30)))
        .unwrap();
    write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: {address}\r\nConnection: close\r\n\r\n"
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
    let (mut child, address) = serve(&dir).await;

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
