//! The end-to-end tests' server and Playwright run, shared by `cargo xtask
//! test` (every spec) and `cargo xtask e2e` (the specs a developer names):
//! a release build of the portal on the dev server, with a fresh data folder,
//! the fault layer on, rate limits the tests never reach, and the server's
//! stdout copied to a file the specs read sign-in codes from.
//!
//! The server serves a copy of `dist/` kept in the data folder, so a spec may
//! change it: the update spec deploys a real second build of the portal
//! (another release name, so new wasm and new hashed files) over it. The demo vendor's page is on
//! a second listener, another origin that may embed the portal, with a
//! `demo` vendor whose secret the specs get too.

use std::ffi::OsString;
use std::path::PathBuf;
use std::process::Command;

use xshell::Shell;

use crate::files::copy_dir;
use crate::server_process::{ServerProcess, VendorDemo};
use crate::tally::{run_counting, Counts};
use crate::{portal_build, project_root, tools, Result};

/// The configuration the e2e server runs with. The limits stay on, so the
/// code paths are the production ones, but no test run comes near them: the
/// specs open about sixty guest requests and make thousands of calls, all
/// from 127.0.0.1.
const CONFIG: &str = "\
# Written by cargo xtask for the end-to-end tests.
[limits]
enabled = true
window_seconds = 600
codes_per_email = 1000
codes_per_ip = 10000
sign_ins_per_ip = 10000
requests_per_ip = 10000
requests_per_customer = 10000
guest_calls_per_minute = 100000
";

/// A server started for end-to-end tests; stopping it (dropping it) also
/// removes its data folder.
pub struct EndToEndServer {
    server: ServerProcess,
    vendor: VendorDemo,
    binary: PathBuf,
    data_dir: PathBuf,
    dist: PathBuf,
    second_build: PathBuf,
    config: PathBuf,
    log: PathBuf,
}

impl EndToEndServer {
    /// Builds the portal (release, and its second build for the update
    /// spec) and the server (dev), then starts the server on a free port with
    /// a fresh data folder, a copy of the portal's files in it, and the demo
    /// vendor on a second free port.
    pub fn start(sh: &Shell) -> Result<Self> {
        let built = portal_build::build(sh)?;
        let second_build = portal_build::build_second(sh, &built)?;
        let binary = portal_build::build_server(sh, "dev")?;
        let data_dir = std::env::temp_dir().join(format!("aftercare-e2e-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&data_dir);
        std::fs::create_dir_all(&data_dir)?;
        let dist = data_dir.join("dist");
        copy_dir(&built, &dist)?;
        let vendor = VendorDemo::pick()?;
        let config = data_dir.join("e2e-config.toml");
        std::fs::write(&config, format!("{CONFIG}\n{}", vendor.config(&[])))?;
        let log = data_dir.join("server-stdout.log");
        let mut launcher = Command::new(&binary);
        launcher
            .env("AFTERCARE_FAULTS", "1")
            .env("AFTERCARE_CONFIG", &config);
        let server =
            ServerProcess::spawn_with(launcher, &data_dir, &dist, Some(&log), Some(&vendor))?;
        Ok(EndToEndServer {
            server,
            vendor,
            binary,
            data_dir,
            dist,
            second_build,
            config,
            log,
        })
    }

    /// What the specs read from their environment (see
    /// `tests/e2e/specs/support/`).
    fn env(&self) -> Vec<(&'static str, OsString)> {
        vec![
            ("BASE_URL", self.server.url.clone().into()),
            ("AFTERCARE_DATA_DIR", self.data_dir.clone().into()),
            ("AFTERCARE_SERVER_BIN", self.binary.clone().into()),
            ("AFTERCARE_CONFIG", self.config.clone().into()),
            ("AFTERCARE_SERVER_LOG", self.log.clone().into()),
            ("AFTERCARE_DIST_DIR", self.dist.clone().into()),
            (
                "AFTERCARE_SECOND_BUILD_DIR",
                self.second_build.clone().into(),
            ),
            (
                "AFTERCARE_SECOND_RELEASE",
                portal_build::SECOND_RELEASE.into(),
            ),
            ("VENDOR_URL", self.vendor.url().into()),
            ("VENDOR_FOREIGN_URL", self.vendor.foreign_url().into()),
            ("EMBED_ISSUER", "demo".into()),
            ("EMBED_SECRET", self.vendor.secret.clone().into()),
        ]
    }

    /// `npx playwright test ARGS` in `tests/e2e`, against this server.
    pub fn playwright(&self, args: &[String]) -> Command {
        let mut command = Command::new("npx");
        command
            .args(["playwright", "test"])
            .args(args)
            .current_dir(tools::e2e_dir())
            .envs(self.env());
        command
    }
}

impl Drop for EndToEndServer {
    fn drop(&mut self) {
        // The server must stop before its folder goes.
        self.server.stop();
        let _ = std::fs::remove_dir_all(&self.data_dir);
    }
}

/// Every spec, as the test phase runs them, counted.
pub fn run_all(sh: &Shell) -> Result<Counts> {
    let server = EndToEndServer::start(sh)?;
    run_counting(&mut server.playwright(&["--reporter=list".to_string()]))
}

/// `cargo xtask e2e [ARGS]`: the specs ARGS name (a file, `--grep`, ...; all
/// when none), passed to Playwright as they are.
pub fn e2e(args: &[String]) -> Result<()> {
    let sh = Shell::new()?;
    sh.change_dir(project_root());
    tools::ensure_build_tools(&sh)?;
    tools::ensure_test_tools(&sh)?;
    let server = EndToEndServer::start(&sh)?;
    tools::step(&format!(
        "playwright test {} (server {}, vendor {}, data {})",
        args.join(" "),
        server.server.url,
        server.server.vendor_url.as_deref().unwrap_or("none"),
        server.data_dir.display()
    ));
    let status = server.playwright(args).status()?;
    drop(server);
    if status.success() {
        Ok(())
    } else {
        Err(format!("playwright failed ({status})").into())
    }
}
