//! `cargo xtask test`: installs what the tests need, then runs every level in
//! turn — format, lints (native and wasm32), native tests, browser tests in
//! headless Chromium, and Playwright end-to-end tests against a release build
//! on the real server — timing each phase and counting every test.

use std::process::Command;
use std::time::{Duration, Instant};

use xshell::Shell;

use crate::postgres::PrivatePostgres;
use crate::tally::{run_counting, Counts};
use crate::{e2e, project_root, tools, Result};

struct Phase {
    name: &'static str,
    took: Duration,
    counts: Counts,
}

/// Runs every test; fails when any level fails.
pub fn test(args: &[String]) -> Result<()> {
    if let Some(extra) = args.first() {
        return Err(format!("`cargo xtask test` takes no arguments, got {extra:?}").into());
    }
    let sh = Shell::new()?;
    sh.change_dir(project_root());
    let mut phases = Vec::new();

    let started = Instant::now();
    tools::ensure_build_tools(&sh)?;
    tools::ensure_test_tools(&sh)?;
    phases.push(Phase {
        name: "setup",
        took: started.elapsed(),
        counts: Counts::default(),
    });

    phases.push(check("format", cargo(&["fmt", "--all", "--", "--check"])));
    phases.push(check(
        "clippy (native)",
        cargo(&[
            "clippy",
            "--locked",
            "--workspace",
            "--all-targets",
            "--",
            "-D",
            "warnings",
        ]),
    ));
    phases.push(check(
        "clippy (wasm32)",
        cargo(&[
            "clippy",
            "--locked",
            "--target",
            "wasm32-unknown-unknown",
            "-p",
            "aftercare",
            "-p",
            "aftercare-core",
            "--all-targets",
            "--",
            "-D",
            "warnings",
        ]),
    ));
    phases.push(counted(
        "native tests",
        cargo(&["test", "--locked", "--workspace", "--exclude", "aftercare"]),
    ));
    // The portal's own logic (form state, marks, suggestions) needs no
    // browser; its integration tests do, and run below.
    phases.push(counted(
        "portal unit tests (native)",
        cargo(&["test", "--locked", "-p", "aftercare", "--lib"]),
    ));
    phases.push(timed("server tests (PostgreSQL)", || {
        server_tests_on_postgres(&sh)
    }));
    phases.push(counted("browser tests", browser_tests()));
    phases.push(timed("end-to-end tests", || e2e::run_all(&sh)));

    print_summary(&phases);
    let total = phases.iter().fold(Counts::default(), |mut all, phase| {
        all += phase.counts;
        all
    });
    println!("{} passed, {} failed", total.passed, total.failed);
    if total.failed > 0 {
        return Err("some tests failed".into());
    }
    Ok(())
}

fn cargo(args: &[&str]) -> Command {
    let mut command = Command::new("cargo");
    command.args(args).current_dir(project_root());
    command
}

/// Runs one phase, timing it; an error that stops the phase counts as one
/// failure.
fn timed(name: &'static str, body: impl FnOnce() -> Result<Counts>) -> Phase {
    banner(name);
    let started = Instant::now();
    let counts = body().unwrap_or_else(|error| {
        eprintln!("xtask: {name} could not run: {error}");
        Counts {
            passed: 0,
            failed: 1,
        }
    });
    Phase {
        name,
        took: started.elapsed(),
        counts,
    }
}

/// A phase that passes or fails as a whole (one check).
fn check(name: &'static str, mut command: Command) -> Phase {
    timed(name, move || {
        let ok = command.status()?.success();
        Ok(Counts {
            passed: u64::from(ok),
            failed: u64::from(!ok),
        })
    })
}

/// A phase whose tests are counted from its output.
fn counted(name: &'static str, mut command: Command) -> Phase {
    timed(name, move || run_counting(&mut command))
}

fn browser_tests() -> Command {
    let mut command = cargo(&[
        "test",
        "--locked",
        "--target",
        "wasm32-unknown-unknown",
        "-p",
        "aftercare",
        "--test",
        "browser",
        "--test",
        "browser_kb",
        "--test",
        "browser_pwa",
        "--test",
        "components",
    ]);
    command
        .env("CHROMEDRIVER", "/usr/bin/chromedriver")
        .env("WASM_BINDGEN_TEST_TIMEOUT", "60");
    command
}

/// The server's tests again, on a private PostgreSQL server.
fn server_tests_on_postgres(sh: &Shell) -> Result<Counts> {
    let postgres = PrivatePostgres::start(sh)?;
    let mut command = cargo(&["test", "--locked", "-p", "aftercare-server"]);
    command.env("TEST_DATABASE_URL", &postgres.url);
    let counts = run_counting(&mut command);
    drop(postgres);
    counts
}

fn banner(name: &str) {
    println!("\n==> {name}");
}

fn print_summary(phases: &[Phase]) {
    println!(
        "\n{:<26} {:>9} {:>7} {:>7}",
        "phase", "time", "passed", "failed"
    );
    for phase in phases {
        println!(
            "{:<26} {:>8.1}s {:>7} {:>7}",
            phase.name,
            phase.took.as_secs_f64(),
            phase.counts.passed,
            phase.counts.failed
        );
    }
}
