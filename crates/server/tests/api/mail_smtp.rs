//! Sign-in codes through a real SMTP relay: an aiosmtpd process (started by
//! `smtp_sink.py` beside this file) that writes every message it receives to
//! a directory. These tests need Python's `aiosmtpd` and fail, saying so,
//! when it is missing.

use std::io::{BufRead, BufReader};
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use aftercare_server::settings::{MailSettings, Settings};
use serde_json::Value;

use crate::common::{code_in, TestApp};

/// A running aiosmtpd that keeps what it receives in `dir`; killed on drop.
pub struct SmtpSink {
    child: Child,
    pub port: u16,
    dir: tempfile::TempDir,
}

impl SmtpSink {
    pub fn start() -> SmtpSink {
        let probe = Command::new("python3")
            .args(["-c", "import aiosmtpd"])
            .output();
        match probe {
            Ok(output) if output.status.success() => {}
            _ => panic!(
                "these tests need a real SMTP server: Python 3 with aiosmtpd. \
                 Run `pip install aiosmtpd`."
            ),
        }
        let port = free_port();
        let dir = tempfile::tempdir().unwrap();
        let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/api/smtp_sink.py");
        let mut child = Command::new("python3")
            .arg(&script)
            .arg(dir.path())
            .arg(port.to_string())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("python3 starts");
        let mut line = String::new();
        let stdout = child.stdout.take().unwrap();
        BufReader::new(stdout).read_line(&mut line).unwrap();
        if line.trim() != "ready" {
            let _ = child.kill();
            panic!("the SMTP sink did not start: {line:?}");
        }
        SmtpSink { child, port, dir }
    }

    pub fn settings(&self) -> Settings {
        Settings {
            mail: Some(mail_settings(self.port)),
            ..Settings::default()
        }
    }

    /// Waits for the `n`th message (in no particular order, so tests send
    /// one at a time) and returns every message so far.
    pub fn wait_for(&self, n: usize) -> Vec<Value> {
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            let messages = read_messages(self.dir.path());
            if messages.len() >= n {
                return messages;
            }
            assert!(
                Instant::now() < deadline,
                "only {} of {n} messages arrived",
                messages.len()
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }
}

impl Drop for SmtpSink {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn mail_settings(port: u16) -> MailSettings {
    MailSettings {
        smtp_host: "127.0.0.1".into(),
        smtp_port: port,
        from: "Brightwell Service <service@brightwell.example>".into(),
        starttls: false,
        username: None,
        password: None,
    }
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

fn read_messages(dir: &Path) -> Vec<Value> {
    let mut paths: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.extension().is_some_and(|e| e == "json"))
        .collect();
    paths.sort();
    paths
        .iter()
        .map(|path| serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap())
        .collect()
}

#[tokio::test]
async fn codes_arrive_by_smtp_in_the_customers_language_and_sign_in() {
    let sink = SmtpSink::start();
    let mut app = TestApp::empty().await;
    app.configure(&sink.settings());
    let mut seen = 0;
    for (email, locale, subject, body) in [
        ("li@example.com", "zh-CN", "您的登录验证码", "分钟内有效"),
        ("chen@example.com", "zh-TW", "您的登入驗證碼", "分鐘內有效"),
        (
            "sam@example.com",
            "en",
            "Your sign-in code",
            "It works for 10 minutes",
        ),
    ] {
        let response = app.request_code(email, Some(locale)).await;
        assert_eq!(response.status, 202, "{}", response.text());
        seen += 1;
        let messages = sink.wait_for(seen);
        let mail = messages
            .iter()
            .find(|m| m["to"][0] == email)
            .unwrap_or_else(|| panic!("no mail to {email} in {messages:?}"));
        assert_eq!(mail["from"], "service@brightwell.example");
        let (got_subject, text) = (
            mail["subject"].as_str().unwrap(),
            mail["body"].as_str().unwrap(),
        );
        assert!(got_subject.starts_with(subject), "{locale}: {got_subject}");
        assert!(text.contains(body), "{locale}: {text}");
        let code = code_in(got_subject);
        assert!(text.contains(&code));

        let signed_in = app.redeem(email, &code).await;
        assert_eq!(signed_in.status, 200, "{}", signed_in.text());
        assert_eq!(signed_in.json()["customer"]["email"], email);
    }
    assert!(app.outbox.sent().is_empty(), "the memory outbox was used");
}

#[tokio::test]
async fn a_relay_that_is_down_is_logged_not_shown() {
    let mut app = TestApp::empty().await;
    app.configure(&Settings {
        mail: Some(mail_settings(free_port())),
        ..Settings::default()
    });
    let response = app.request_code("ana@example.com", None).await;
    assert_eq!(response.status, 202, "{}", response.text());
    assert!(response.body.is_empty());
    // The code was stored all the same; a retry or a new code can follow.
    assert_eq!(app.count("sign_in_codes").await, 1);
}
