//! Loopback load tests for `cargo xtask bench`: the release server pinned to
//! one core, wrk pinned to the other, each route measured for requests per
//! second and latency percentiles.

use std::path::Path;
use std::process::Command;

use crate::server_process::ServerProcess;
use crate::{project_root, tools, Result};

/// How long each route is loaded, and with how many connections.
const SECONDS: &str = "10";
const CONNECTIONS: &str = "32";

/// One route's result.
pub struct LoadResult {
    pub route: String,
    pub requests_per_second: f64,
    pub p50: String,
    pub p99: String,
}

/// Loads the read routes of a release server with demo content.
pub fn run(server_binary: &Path, dist: &Path) -> Result<Vec<LoadResult>> {
    ensure_wrk()?;
    let data_dir = std::env::temp_dir().join(format!("aftercare-bench-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&data_dir);
    std::fs::create_dir_all(&data_dir)?;
    // The bench profile: rate limits off, so the load test measures the
    // server rather than its throttle.
    let config = data_dir.join("bench.toml");
    std::fs::write(&config, "[limits]\nenabled = false\n")?;
    let mut launcher = Command::new("taskset");
    launcher
        .args(["-c", "0"])
        .arg(server_binary)
        .env("AFTERCARE_CONFIG", &config);
    let server = ServerProcess::spawn(launcher, &data_dir, dist)?;
    let create_script = project_root().join("xtask/bench/create_request.lua");
    let routes = [
        (
            "GET /api/v1/kb/articles/{id}",
            format!("{}/api/v1/kb/articles/warranty-terms-en", server.url),
            None,
        ),
        (
            "POST /api/v1/requests (new guest request)",
            format!("{}/api/v1/requests", server.url),
            Some(create_script.as_path()),
        ),
    ];
    let mut results = Vec::new();
    for (route, url, script) in routes {
        tools::step(&format!("loading {route} for {SECONDS} s"));
        // A short warm-up so the first connections' set-up is not measured.
        wrk(&url, script, "2")?;
        let output = wrk(&url, script, SECONDS)?;
        results.push(parse(route, &output)?);
    }
    drop(server);
    let _ = std::fs::remove_dir_all(&data_dir);
    Ok(results)
}

fn wrk(url: &str, script: Option<&Path>, seconds: &str) -> Result<String> {
    let mut command = Command::new("taskset");
    command
        .args(["-c", "1", "wrk", "-t1", "-c", CONNECTIONS, "-d"])
        .arg(format!("{seconds}s"))
        .arg("--latency");
    if let Some(script) = script {
        command.arg("-s").arg(script);
    }
    let output = command.arg(url).output()?;
    if !output.status.success() {
        return Err(format!("wrk failed: {}", String::from_utf8_lossy(&output.stderr)).into());
    }
    Ok(String::from_utf8_lossy(&output.stdout).into_owned())
}

fn parse(route: &str, output: &str) -> Result<LoadResult> {
    let field = |prefix: &str| {
        output
            .lines()
            .map(str::trim)
            .find_map(|line| line.strip_prefix(prefix))
            .map(|rest| rest.trim().to_string())
    };
    let errors = field("Non-2xx or 3xx responses:");
    if let Some(errors) = errors {
        return Err(format!("{route}: {errors} responses were errors").into());
    }
    Ok(LoadResult {
        route: route.to_string(),
        requests_per_second: field("Requests/sec:")
            .and_then(|v| v.parse().ok())
            .ok_or("wrk printed no Requests/sec")?,
        p50: field("50%").ok_or("wrk printed no p50")?,
        p99: field("99%").ok_or("wrk printed no p99")?,
    })
}

fn ensure_wrk() -> Result<()> {
    let present = Command::new("wrk").arg("--version").output().is_ok();
    if !present {
        tools::step("installing Debian's wrk");
        let sh = xshell::Shell::new()?;
        tools::apt_install(&sh, &["wrk"])?;
    }
    Ok(())
}

/// The markdown table of `results`.
pub fn table(results: &[LoadResult]) -> String {
    let mut table = format!(
        "| route ({CONNECTIONS} connections, {SECONDS} s, server on core 0, wrk on core 1) | requests/s | p50 | p99 |\n|---|---:|---:|---:|\n"
    );
    for r in results {
        table.push_str(&format!(
            "| {} | {:.0} | {} | {} |\n",
            r.route, r.requests_per_second, r.p50, r.p99
        ));
    }
    table
}
