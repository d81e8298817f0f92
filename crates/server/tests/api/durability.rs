//! No acknowledged request is ever lost: the real binary is streamed guest
//! request creations from several client threads over plain TCP, killed
//! with SIGKILL in the middle of the stream, and started again on the same
//! data directory (or PostgreSQL schema); every request it answered 201 must
//! then be there, opened by its own access key.
//!
//! Bounded: the stream stops at the kill, which comes after `ACKNOWLEDGED`
//! answers or `STREAM_FOR`, whichever is first; the whole test stays well
//! under a minute on two cores.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{mpsc, Arc, Mutex};
use std::time::{Duration, Instant};

use serde_json::Value;

use crate::common::fresh_database_url;
use crate::requests_support::{consultation, new_idempotency_key, new_key};

const BINARY: &str = env!("CARGO_BIN_EXE_aftercare-server");
const STARTUP: Duration = Duration::from_secs(60);
/// Client threads streaming creations at once.
const CLIENTS: usize = 4;
/// The kill comes once this many creations were acknowledged...
const ACKNOWLEDGED: usize = 150;
/// ...or after this long, whichever is first.
const STREAM_FOR: Duration = Duration::from_secs(20);

/// Where both runs of the server keep their data.
struct Storage {
    data_dir: std::path::PathBuf,
    config: std::path::PathBuf,
    database_url: Option<String>,
}

impl Storage {
    /// Starts `serve` on this storage and returns it with its address.
    fn serve(&self, dir: &Path) -> (Child, String) {
        let mut command = Command::new(BINARY);
        command
            .args(["serve", "--addr", "127.0.0.1:0", "--data-dir"])
            .arg(&self.data_dir)
            .arg("--dist")
            .arg(dir.join("no-dist"))
            .arg("--config")
            .arg(&self.config)
            .env_remove("DATABASE_URL")
            .env_remove("AFTERCARE_CONFIG")
            .env_remove("AFTERCARE_FAULTS")
            .env("RUST_LOG", "error")
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit());
        if let Some(url) = &self.database_url {
            command.env("DATABASE_URL", url);
        }
        let mut child = command.spawn().expect("the server starts");
        let stdout = child.stdout.take().unwrap();
        let (sender, receiver) = mpsc::channel();
        std::thread::spawn(move || {
            // Keep reading, so that the server never blocks on a full pipe.
            for line in BufReader::new(stdout).lines() {
                let Ok(line) = line else { break };
                let _ = sender.send(line);
            }
        });
        let line = receiver.recv_timeout(STARTUP).unwrap_or_else(|_| {
            let _ = child.kill();
            panic!("the server did not announce itself within {STARTUP:?}");
        });
        let address = line
            .strip_prefix("aftercare-server listening on http://")
            .unwrap_or_else(|| panic!("unexpected first line {line:?}"))
            .to_string();
        (child, address)
    }
}

/// One HTTP/1.1 exchange on a new connection: the status and the body, or
/// `None` when the connection broke before the whole answer came.
fn exchange(address: &str, head: &str, body: &str) -> Option<(u16, String)> {
    let mut stream = TcpStream::connect(address).ok()?;
    stream
        .set_read_timeout(Some(Duration::from_secs(30)))
        .ok()?;
    let request = format!("{head}Host: {address}\r\nConnection: close\r\n\r\n{body}");
    stream.write_all(request.as_bytes()).ok()?;
    let mut response = Vec::new();
    stream.read_to_end(&mut response).ok()?;
    let response = String::from_utf8(response).ok()?;
    let (head, body) = response.split_once("\r\n\r\n")?;
    let status = head.get(9..12)?.parse().ok()?;
    let length: usize = head
        .lines()
        .find_map(|line| {
            let (name, value) = line.split_once(':')?;
            name.eq_ignore_ascii_case("content-length")
                .then(|| value.trim().parse().ok())?
        })
        .unwrap_or(body.len());
    (body.len() == length).then(|| (status, body.to_string()))
}

/// Opens a guest request; `Some((number, key))` when the server answered 201.
fn create(address: &str) -> Option<(String, String)> {
    let (key, idempotency) = (new_key(), new_idempotency_key());
    let body = consultation().to_string();
    let head = format!(
        "POST /api/v1/requests HTTP/1.1\r\nContent-Type: application/json\r\n\
         Content-Length: {}\r\nX-Access-Key: {key}\r\nIdempotency-Key: {idempotency}\r\n",
        body.len()
    );
    let (status, text) = exchange(address, &head, &body)?;
    assert!(status == 201, "a creation answered {status}: {text}");
    let view: Value = serde_json::from_str(&text).expect("the answer is JSON");
    Some((view["number"].as_str()?.to_string(), key))
}

#[tokio::test]
async fn a_killed_server_loses_no_acknowledged_request() {
    let dir = tempfile::tempdir().unwrap();
    let url = fresh_database_url(&dir).await;
    let storage = Storage {
        data_dir: dir.path().join("data"),
        config: dir.path().join("aftercare.toml"),
        database_url: (!url.starts_with("sqlite:")).then_some(url),
    };
    // The bench profile: no rate limits, so the stream is not throttled.
    std::fs::write(&storage.config, "[limits]\nenabled = false\n").unwrap();
    let (mut server, address) = storage.serve(dir.path());

    let acknowledged = Arc::new(Mutex::new(Vec::new()));
    let killed = Arc::new(AtomicBool::new(false));
    let clients: Vec<_> = (0..CLIENTS)
        .map(|_| {
            let (address, acknowledged, killed) =
                (address.clone(), acknowledged.clone(), killed.clone());
            std::thread::spawn(move || {
                let mut attempts = 0;
                while !killed.load(Ordering::SeqCst) {
                    attempts += 1;
                    match create(&address) {
                        Some(made) => acknowledged.lock().unwrap().push(made),
                        // The connection broke: the kill, or a server that died.
                        None => assert!(
                            killed.load(Ordering::SeqCst),
                            "a creation failed before the kill"
                        ),
                    }
                }
                attempts
            })
        })
        .collect();
    let started = Instant::now();
    while acknowledged.lock().unwrap().len() < ACKNOWLEDGED && started.elapsed() < STREAM_FOR {
        std::thread::sleep(Duration::from_millis(5));
    }
    // SIGKILL, while the clients keep sending.
    killed.store(true, Ordering::SeqCst);
    server.kill().expect("the server can be killed");
    server.wait().unwrap();
    let attempts: usize = clients.into_iter().map(|c| c.join().unwrap()).sum();
    let acknowledged = std::mem::take(&mut *acknowledged.lock().unwrap());
    assert!(
        acknowledged.len() >= 10,
        "only {} creations were acknowledged before the kill",
        acknowledged.len()
    );
    // Usually one creation per client was in flight at the kill.
    eprintln!(
        "durability: {} of {attempts} creations acknowledged before the kill",
        acknowledged.len()
    );

    let (mut server, address) = storage.serve(dir.path());
    for (number, key) in &acknowledged {
        let head = format!("GET /api/v1/requests/{number} HTTP/1.1\r\nX-Access-Key: {key}\r\n");
        let (status, text) = exchange(&address, &head, "").expect("the restarted server answers");
        assert_eq!(status, 200, "{number} was acknowledged, then lost: {text}");
        let view: Value = serde_json::from_str(&text).unwrap();
        assert_eq!(view["number"], number.as_str());
        assert_eq!(view["status"], "submitted");
    }
    // And the restarted server takes new requests.
    assert!(create(&address).is_some());
    server.kill().unwrap();
    server.wait().unwrap();
}
