//! Starts the reference server as a child process on a port it picks, waits
//! for its "listening on" line, and stops it when dropped.

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::Duration;

use crate::Result;

/// The line prefix the server prints once it accepts connections.
const LISTENING: &str = "aftercare-server listening on ";

/// A running server; it is killed when this value is dropped.
pub struct ServerProcess {
    child: Child,
    /// The server's base URL, e.g. `http://127.0.0.1:41234`.
    pub url: String,
}

impl ServerProcess {
    /// Starts `binary serve` on a free loopback port with `data_dir` and
    /// `dist`, and waits (up to a minute) until it listens.
    pub fn start(binary: &Path, data_dir: &Path, dist: &Path) -> Result<Self> {
        Self::spawn(Command::new(binary), data_dir, dist)
    }

    /// Like [`ServerProcess::start`], with the server as the last argument
    /// of `launcher` (e.g. `taskset -c 0 BINARY`).
    pub fn spawn(mut launcher: Command, data_dir: &Path, dist: &Path) -> Result<Self> {
        let mut child = launcher
            .arg("serve")
            .arg("--addr")
            .arg("127.0.0.1:0")
            .arg("--data-dir")
            .arg(data_dir)
            .arg("--dist")
            .arg(dist)
            .env_remove("DATABASE_URL")
            .stdout(Stdio::piped())
            .spawn()?;
        let stdout = child.stdout.take().ok_or("the server has no stdout")?;
        let (found, url) = mpsc::channel();
        std::thread::spawn(move || {
            let mut found = Some(found);
            for line in BufReader::new(stdout).lines().map_while(|l| l.ok()) {
                if let Some(url) = line.strip_prefix(LISTENING) {
                    if let Some(sender) = found.take() {
                        let _ = sender.send(url.trim().to_string());
                    }
                }
                println!("[server] {line}");
            }
        });
        match url.recv_timeout(Duration::from_secs(60)) {
            Ok(url) => Ok(ServerProcess { child, url }),
            Err(_) => {
                let _ = child.kill();
                Err("the server did not start listening within a minute".into())
            }
        }
    }
}

impl Drop for ServerProcess {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
