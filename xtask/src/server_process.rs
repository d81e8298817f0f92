//! Starts the reference server as a child process on a port it picks, waits
//! for its "listening on" line, and stops it when dropped. Its stdout can also
//! be copied, line by line, into a file that tests read (sign-in codes).

use std::fs::File;
use std::io::{BufRead, BufReader, Write};
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
    /// Starts `serve` on a free loopback port with `data_dir` and `dist`,
    /// the server being `launcher` (`BINARY`, with any environment) or its
    /// last argument (e.g. `taskset -c 0 BINARY`), and waits (up to a
    /// minute) until it listens.
    pub fn spawn(launcher: Command, data_dir: &Path, dist: &Path) -> Result<Self> {
        Self::spawn_logging(launcher, data_dir, dist, None)
    }

    /// Like [`ServerProcess::spawn`], also writing every line the server
    /// prints on stdout to `log` (created anew), each flushed at once so that
    /// a reader sees it while the server runs.
    pub fn spawn_logging(
        mut launcher: Command,
        data_dir: &Path,
        dist: &Path,
        log: Option<&Path>,
    ) -> Result<Self> {
        let mut log = log.map(File::create).transpose()?;
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
                if let Some(file) = log.as_mut() {
                    // A failed write only loses the copy; the server runs on.
                    let _ = writeln!(file, "{line}").and_then(|()| file.flush());
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

impl ServerProcess {
    /// Kills the server and waits for it to exit; doing it again is harmless.
    pub fn stop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Drop for ServerProcess {
    fn drop(&mut self) {
        self.stop();
    }
}
