//! Starts the reference server as a child process on a port it picks, waits
//! for its "listening on" line, and stops it when dropped. Its stdout can also
//! be copied, line by line, into a file that tests read (sign-in codes).
//!
//! The server can also be started with the demo vendor's page on a second
//! listener ([`VendorDemo`], `serve --vendor-addr`), another origin that the
//! portal may be embedded on: the end-to-end tests, `cargo xtask run` and
//! the bench use it.

use std::fs::File;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpListener;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::Duration;

use crate::Result;

/// The line prefix the server prints once it accepts connections.
const LISTENING: &str = "aftercare-server listening on ";
/// The line prefix the server prints once the demo vendor's listener
/// accepts connections.
const VENDOR_LISTENING: &str = "aftercare-server vendor demo on ";

/// The demo vendor's listener and secret, chosen before the server starts
/// because its configuration names them (`[embedding] origins`,
/// `[embed.vendors.demo]`).
#[derive(Debug, Clone)]
pub struct VendorDemo {
    /// The loopback port of the second listener.
    pub port: u16,
    /// The `demo` vendor's HS256 secret (48 hex digits).
    pub secret: String,
}

impl VendorDemo {
    /// A free loopback port (bound and let go at once, so another process
    /// could take it in between; unlikely on a test machine) and a new
    /// random secret.
    pub fn pick() -> Result<Self> {
        let port = TcpListener::bind("127.0.0.1:0")?.local_addr()?.port();
        Ok(VendorDemo {
            port,
            secret: random_secret()?,
        })
    }

    /// The vendor page's origin, allowed to embed the portal.
    pub fn url(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }

    /// The same listener under another name: an origin that is NOT
    /// allowed to embed the portal.
    pub fn foreign_url(&self) -> String {
        format!("http://localhost:{}", self.port)
    }

    /// The configuration tables that let the vendor page embed the portal
    /// and sign its demo customer in; `extra_origins` are also allowed to
    /// embed it.
    pub fn config(&self, extra_origins: &[String]) -> String {
        let mut origins = vec![format!("{:?}", self.url())];
        origins.extend(extra_origins.iter().map(|origin| format!("{origin:?}")));
        format!(
            "[embedding]\norigins = [{}]\n\n[embed.vendors.demo]\nsecret = {:?}\n",
            origins.join(", "),
            self.secret
        )
    }
}

/// A new random secret: 24 bytes from the system, in hex.
pub fn random_secret() -> Result<String> {
    let mut bytes = [0u8; 24];
    File::open("/dev/urandom")?.read_exact(&mut bytes)?;
    Ok(bytes.iter().map(|b| format!("{b:02x}")).collect())
}

/// A running server; it is killed when this value is dropped.
pub struct ServerProcess {
    child: Child,
    /// The server's base URL, e.g. `http://127.0.0.1:41234`.
    pub url: String,
    /// The demo vendor's listener, when it was started with one, e.g.
    /// `http://127.0.0.1:41235` (its page is `/demo/vendor.html`).
    pub vendor_url: Option<String>,
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
        launcher: Command,
        data_dir: &Path,
        dist: &Path,
        log: Option<&Path>,
    ) -> Result<Self> {
        Self::spawn_with(launcher, data_dir, dist, log, None)
    }

    /// Like [`ServerProcess::spawn_logging`], also serving the demo
    /// vendor's page on `vendor`'s port. The launcher's configuration
    /// (`AFTERCARE_CONFIG`) should hold [`VendorDemo::config`].
    pub fn spawn_with(
        mut launcher: Command,
        data_dir: &Path,
        dist: &Path,
        log: Option<&Path>,
        vendor: Option<&VendorDemo>,
    ) -> Result<Self> {
        let mut log = log.map(File::create).transpose()?;
        launcher
            .arg("serve")
            .arg("--addr")
            .arg("127.0.0.1:0")
            .arg("--data-dir")
            .arg(data_dir)
            .arg("--dist")
            .arg(dist)
            .env_remove("DATABASE_URL")
            .env_remove("AFTERCARE_VENDOR_ADDR")
            .stdout(Stdio::piped());
        if let Some(vendor) = vendor {
            launcher
                .arg("--vendor-addr")
                .arg(format!("127.0.0.1:{}", vendor.port));
        }
        let mut child = launcher.spawn()?;
        let stdout = child.stdout.take().ok_or("the server has no stdout")?;
        let (found, urls) = mpsc::channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines().map_while(|l| l.ok()) {
                if let Some(url) = line.strip_prefix(LISTENING) {
                    let _ = found.send((false, url.trim().to_string()));
                }
                if let Some(url) = line.strip_prefix(VENDOR_LISTENING) {
                    let _ = found.send((true, url.trim().to_string()));
                }
                if let Some(file) = log.as_mut() {
                    // A failed write only loses the copy; the server runs on.
                    let _ = writeln!(file, "{line}").and_then(|()| file.flush());
                }
                println!("[server] {line}");
            }
        });
        let (mut url, mut vendor_url) = (None, None);
        while url.is_none() || (vendor.is_some() && vendor_url.is_none()) {
            match urls.recv_timeout(Duration::from_secs(60)) {
                Ok((false, found)) => url = url.or(Some(found)),
                Ok((true, found)) => vendor_url = vendor_url.or(Some(found)),
                Err(_) => {
                    let _ = child.kill();
                    let _ = child.wait();
                    return Err("the server did not start listening within a minute".into());
                }
            }
        }
        let url = url.expect("the loop ends only with the main URL");
        Ok(ServerProcess {
            child,
            url,
            vendor_url,
        })
    }

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

/// Starts `launcher` (a built server, e.g. the release binary; see
/// [`ServerProcess::spawn`]) with `data_dir` and `dist`, rate limits off,
/// and the demo vendor's page on a second loopback port that may embed the
/// portal. Its `url` is the portal, its `vendor_url` the vendor's origin:
/// the page with the widget is `{vendor_url}/demo/vendor.html`, without it
/// `{vendor_url}/demo/vendor.html?widget=off`. The configuration is written
/// to `data_dir/vendor-demo.toml`.
pub fn spawn_vendor_demo(
    mut launcher: Command,
    data_dir: &Path,
    dist: &Path,
) -> Result<ServerProcess> {
    let vendor = VendorDemo::pick()?;
    std::fs::create_dir_all(data_dir)?;
    let config = data_dir.join("vendor-demo.toml");
    let text = format!(
        "# Written by cargo xtask.\n[limits]\nenabled = false\n\n{}",
        vendor.config(&[])
    );
    std::fs::write(&config, text)?;
    launcher.env("AFTERCARE_CONFIG", &config);
    ServerProcess::spawn_with(launcher, data_dir, dist, None, Some(&vendor))
}
