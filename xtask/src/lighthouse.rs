//! The Lighthouse part of `cargo xtask bench` (alone: `cargo xtask bench
//! lighthouse`): Lighthouse 12.8.2, mobile, in headless Chromium, five runs
//! of each page — the portal's home, and the demo vendor's page without and
//! with the widget — the median of every figure, and the goals
//! beside them. The goals are a report, met or missed; a miss never fails
//! the bench.

use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;
use xshell::Shell;

use crate::files::copy_dir;
use crate::lighthouse_table::{median_figures, section, Figures, Transfer};
use crate::server_process::spawn_vendor_demo;
use crate::{project_root, tools, Result};

/// The heading the Lighthouse section of `results.md` starts with.
pub const SECTION_HEADING: &str = "## Lighthouse";

/// How many times each page is measured; the table shows the medians.
pub const RUNS: usize = 5;

/// The flags that run Debian's Chromium headless on this closed network.
const CHROME_FLAGS: &str = "--headless=new --no-sandbox --disable-gpu --disable-dev-shm-usage \
     --disable-background-networking --disable-component-update --disable-sync --no-first-run";

/// A page to measure: its name in the table, its report files' stem, its URL.
struct Page {
    name: &'static str,
    stem: &'static str,
    url: String,
}

/// Starts the release server with the demo vendor's second origin, measures
/// the three pages and returns the markdown section. The server serves a
/// copy of `dist`, so a build started meanwhile cannot change the files
/// under a run.
pub fn run(server_binary: &Path, dist: &Path) -> Result<String> {
    let sh = Shell::new()?;
    tools::ensure_lighthouse(&sh)?;
    let data_dir =
        std::env::temp_dir().join(format!("aftercare-lighthouse-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&data_dir);
    let served = data_dir.join("dist");
    copy_dir(dist, &served)?;
    let server = spawn_vendor_demo(Command::new(server_binary), &data_dir, &served)?;
    let vendor = server
        .vendor_url
        .clone()
        .ok_or("the server started without the demo vendor's listener")?;
    let pages = [
        Page {
            name: "portal home",
            stem: "home",
            url: format!("{}/", server.url),
        },
        Page {
            name: "vendor page without the widget",
            stem: "vendor-without-widget",
            url: format!("{vendor}/demo/vendor.html?widget=off"),
        },
        Page {
            name: "vendor page with the widget",
            stem: "vendor-with-widget",
            url: format!("{vendor}/demo/vendor.html"),
        },
    ];
    let reports = reports_dir();
    std::fs::create_dir_all(&reports)?;
    let load_before = load_average();
    let mut medians = Vec::new();
    for page in &pages {
        let mut runs = Vec::new();
        for number in 1..=RUNS {
            tools::step(&format!(
                "Lighthouse: {} ({number} of {RUNS}), {}",
                page.name, page.url
            ));
            let report = reports.join(format!("{}-{number}.json", page.stem));
            runs.push(measure(&page.url, &report)?);
        }
        medians.push(median_figures(&runs));
    }
    let load = format!("{load_before} before, {} after", load_average());
    drop(server);
    let _ = std::fs::remove_dir_all(&data_dir);
    let transfer = transfer(&read_report(&reports.join("home-1.json"))?);
    let named: Vec<_> = pages.iter().map(|p| p.name).zip(medians).collect();
    Ok(section(&named, transfer.as_ref(), &load))
}

/// The machine's load averages, which tell how far other work may have
/// disturbed the blocking times (Lighthouse multiplies what it observes).
fn load_average() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .map(|text| {
            text.split_whitespace()
                .take(3)
                .collect::<Vec<_>>()
                .join(" ")
        })
        .unwrap_or_else(|_| "unknown".to_string())
}

/// Where the runs' JSON reports are kept for a closer look.
fn reports_dir() -> PathBuf {
    std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| project_root().join("target"))
        .join("bench")
        .join("lighthouse")
}

/// Runs Lighthouse once on `url`, writing its report to `report`; a run that
/// fails is tried once more, since a loaded machine sometimes misses a paint.
fn measure(url: &str, report: &Path) -> Result<Figures> {
    let mut last_error = String::new();
    for _attempt in 0..2 {
        let status = Command::new(tools::lighthouse_bin())
            .env("CHROME_PATH", "/usr/bin/chromium")
            .arg(url)
            .arg("--only-categories=performance,accessibility,best-practices")
            .arg("--output=json")
            .arg(format!("--output-path={}", report.display()))
            .arg(format!("--chrome-flags={CHROME_FLAGS}"))
            .arg("--quiet")
            .status()?;
        if !status.success() {
            last_error = format!("Lighthouse exited with {status}");
            continue;
        }
        match read_report(report).and_then(|json| figures(&json)) {
            Ok(figures) => return Ok(figures),
            Err(error) => last_error = error.to_string(),
        }
    }
    Err(format!("Lighthouse on {url}: {last_error}").into())
}

fn read_report(path: &Path) -> Result<Value> {
    Ok(serde_json::from_str(&std::fs::read_to_string(path)?)?)
}

/// The figures of one Lighthouse JSON report.
fn figures(report: &Value) -> Result<Figures> {
    if let Some(error) = report.get("runtimeError") {
        let message = error["message"].as_str().unwrap_or("no message");
        return Err(format!("the run failed: {message}").into());
    }
    let score = |category: &str| {
        report["categories"][category]["score"]
            .as_f64()
            .map(|s| s * 100.0)
            .ok_or_else(|| format!("the report has no {category} score"))
    };
    let audit = |id: &str| {
        report["audits"][id]["numericValue"]
            .as_f64()
            .ok_or_else(|| format!("the report has no value for {id}"))
    };
    Ok(Figures {
        performance: score("performance")?,
        fcp_ms: audit("first-contentful-paint")?,
        lcp_ms: audit("largest-contentful-paint")?,
        tbt_ms: audit("total-blocking-time")?,
        cls: audit("cumulative-layout-shift")?,
        accessibility: score("accessibility")?,
        best_practices: score("best-practices")?,
    })
}

/// The wasm's and the page's bytes on the wire, from the network requests.
fn transfer(report: &Value) -> Option<Transfer> {
    let items = report["audits"]["network-requests"]["details"]["items"].as_array()?;
    let size = |item: &Value, key: &str| item[key].as_u64().unwrap_or(0);
    let wasm = items
        .iter()
        .find(|item| item["url"].as_str().is_some_and(|u| u.ends_with(".wasm")))?;
    Some(Transfer {
        wasm_bytes: size(wasm, "resourceSize"),
        wasm_transferred: size(wasm, "transferSize"),
        total_transferred: items.iter().map(|item| size(item, "transferSize")).sum(),
    })
}

/// `results` with its Lighthouse section (if any) replaced by `section`, in
/// place, or `section` added before the search section (which `cargo xtask
/// bench search` keeps last), or at the end.
pub fn replace_section(results: &str, section: &str, next_heading: &str) -> String {
    let section = format!("{}\n\n", section.trim_end());
    if let Some(start) = results.find(SECTION_HEADING) {
        let rest = &results[start + SECTION_HEADING.len()..];
        let end = rest
            .find("\n## ")
            .map_or(results.len(), |at| start + SECTION_HEADING.len() + at + 1);
        let after = &results[end..];
        return format!("{}{section}{after}", &results[..start])
            .trim_end()
            .to_string()
            + "\n";
    }
    let at = results.find(next_heading).unwrap_or(results.len());
    let before = results[..at].trim_end();
    let spacer = if before.is_empty() { "" } else { "\n\n" };
    format!("{before}{spacer}{section}{}", &results[at..])
        .trim_end()
        .to_string()
        + "\n"
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_report_gives_its_scores_out_of_100_and_its_times() {
        let report = serde_json::json!({
            "categories": {
                "performance": {"score": 0.97},
                "accessibility": {"score": 1},
                "best-practices": {"score": 0.96}
            },
            "audits": {
                "first-contentful-paint": {"numericValue": 800.5},
                "largest-contentful-paint": {"numericValue": 1100.0},
                "total-blocking-time": {"numericValue": 20.0},
                "cumulative-layout-shift": {"numericValue": 0.01}
            }
        });
        let f = figures(&report).unwrap();
        assert_eq!(f.accessibility, 100.0);
        assert!((f.performance - 97.0).abs() < 1e-9);
        assert_eq!(f.lcp_ms, 1100.0);
        let failed = serde_json::json!({"runtimeError": {"message": "NO_FCP"}});
        assert!(figures(&failed).unwrap_err().to_string().contains("NO_FCP"));
    }

    #[test]
    fn a_new_lighthouse_section_replaces_the_old_one_before_the_search_section() {
        let next = "## Knowledge-base search";
        let old = "| file |\n\n## Lighthouse\n\nold\n\n## Knowledge-base search\n\nS\n";
        assert_eq!(
            replace_section(old, "## Lighthouse\n\nnew\n", next),
            "| file |\n\n## Lighthouse\n\nnew\n\n## Knowledge-base search\n\nS\n"
        );
        let without = "| file |\n\n## Knowledge-base search\n\nS\n";
        assert_eq!(
            replace_section(without, "## Lighthouse\n\nnew\n", next),
            "| file |\n\n## Lighthouse\n\nnew\n\n## Knowledge-base search\n\nS\n"
        );
        assert_eq!(
            replace_section("", "## Lighthouse\n\nnew\n", next),
            "## Lighthouse\n\nnew\n"
        );
    }
}
