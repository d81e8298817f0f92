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

use crate::server_process::spawn_vendor_demo;
use crate::{project_root, tools, Result};

/// The heading the Lighthouse section of `results.md` starts with.
pub const SECTION_HEADING: &str = "## Lighthouse";

/// How many times each page is measured; the table shows the medians.
const RUNS: usize = 5;

/// The flags that run Debian's Chromium headless on this closed network.
const CHROME_FLAGS: &str = "--headless=new --no-sandbox --disable-gpu --disable-dev-shm-usage \
     --disable-background-networking --disable-component-update --disable-sync --no-first-run";

/// The goals: a largest contentful paint within 1.2 s (with a performance
/// score of 100), and at most 10 ms of blocking time added by the widget.
const LCP_GOAL_MS: f64 = 1200.0;
const WIDGET_TBT_GOAL_MS: f64 = 10.0;

/// What one run measured (or the medians of several): scores from 0 to 100,
/// times in milliseconds.
#[derive(Clone, Copy, Debug, PartialEq)]
struct Figures {
    performance: f64,
    fcp_ms: f64,
    lcp_ms: f64,
    tbt_ms: f64,
    cls: f64,
    accessibility: f64,
    best_practices: f64,
}

/// A page to measure: its name in the table, its report files' stem, its URL.
struct Page {
    name: &'static str,
    stem: &'static str,
    url: String,
}

/// How the portal's files crossed the wire on the home page, from one run.
struct Transfer {
    wasm_bytes: u64,
    wasm_transferred: u64,
    total_transferred: u64,
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

/// Copies the folder `from` to `to`, subfolders included.
fn copy_dir(from: &Path, to: &Path) -> Result<()> {
    std::fs::create_dir_all(to)?;
    for entry in std::fs::read_dir(from)? {
        let path = entry?.path();
        let target = to.join(path.file_name().unwrap_or_default());
        if path.is_dir() {
            copy_dir(&path, &target)?;
        } else {
            std::fs::copy(&path, &target)?;
        }
    }
    Ok(())
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

/// The median of each figure on its own.
fn median_figures(runs: &[Figures]) -> Figures {
    let of = |pick: fn(&Figures) -> f64| median(runs.iter().map(pick).collect());
    Figures {
        performance: of(|f| f.performance),
        fcp_ms: of(|f| f.fcp_ms),
        lcp_ms: of(|f| f.lcp_ms),
        tbt_ms: of(|f| f.tbt_ms),
        cls: of(|f| f.cls),
        accessibility: of(|f| f.accessibility),
        best_practices: of(|f| f.best_practices),
    }
}

/// The middle value (the mean of the two middle ones for an even count).
fn median(mut values: Vec<f64>) -> f64 {
    values.sort_by(f64::total_cmp);
    let middle = values.len() / 2;
    match values.len() {
        0 => f64::NAN,
        n if n % 2 == 1 => values[middle],
        _ => (values[middle - 1] + values[middle]) / 2.0,
    }
}

/// The markdown section: the medians, the widget's cost, and the goals.
fn section(pages: &[(&str, Figures)], transfer: Option<&Transfer>, load: &str) -> String {
    let mut out = format!(
        "{SECTION_HEADING}\n\nLighthouse {}, mobile (simulated slow 4G and a 4× slower CPU), \
         headless Chromium; the median of {RUNS} runs a page (reports in \
         target/bench/lighthouse/); load average {load}.\n\n\
         | page | performance | FCP | LCP | TBT | CLS | accessibility | best practices |\n\
         |---|---:|---:|---:|---:|---:|---:|---:|\n",
        tools::LIGHTHOUSE_VERSION
    );
    for (name, f) in pages {
        out.push_str(&format!(
            "| {name} | {:.0} | {} | {} | {:.0} ms | {:.3} | {:.0} | {:.0} |\n",
            f.performance,
            seconds(f.fcp_ms),
            seconds(f.lcp_ms),
            f.tbt_ms,
            f.cls,
            f.accessibility,
            f.best_practices
        ));
    }
    if let Some(t) = transfer {
        out.push_str(&format!(
            "\nThe home page moved {} bytes; its wasm, {} bytes, arrived as {} bytes ({}).\n",
            t.total_transferred,
            t.wasm_bytes,
            t.wasm_transferred,
            if t.wasm_transferred * 10 < t.wasm_bytes * 9 {
                "compressed"
            } else {
                "not compressed"
            }
        ));
    }
    out.push_str("\n| goal | measured | |\n|---|---|---|\n");
    for (goal, measured, met) in goals(pages) {
        let verdict = if met { "met" } else { "**missed**" };
        out.push_str(&format!("| {goal} | {measured} | {verdict} |\n"));
    }
    out
}

/// Each goal, what was measured for it, and whether it was met.
fn goals(pages: &[(&str, Figures)]) -> Vec<(String, String, bool)> {
    let mut goals = Vec::new();
    let find = |name: &str| pages.iter().find(|(n, _)| *n == name).map(|(_, f)| *f);
    if let Some(home) = find("portal home") {
        goals.push((
            "portal home: performance 100 with LCP ≤ 1.2 s".to_string(),
            format!("{:.0}, LCP {}", home.performance, seconds(home.lcp_ms)),
            home.performance >= 100.0 && home.lcp_ms <= LCP_GOAL_MS,
        ));
    }
    for (name, f) in pages {
        if *name == "vendor page without the widget" {
            // The vendor's own page is the baseline, not ours to score.
            continue;
        }
        goals.push((
            format!("{name}: accessibility 100"),
            format!("{:.0}", f.accessibility),
            f.accessibility >= 100.0,
        ));
        goals.push((
            format!("{name}: best practices 100"),
            format!("{:.0}", f.best_practices),
            f.best_practices >= 100.0,
        ));
    }
    let without = find("vendor page without the widget");
    if let (Some(without), Some(with)) = (without, find("vendor page with the widget")) {
        let added = with.tbt_ms - without.tbt_ms;
        goals.push((
            "the widget adds ≤ 10 ms TBT to the vendor page".to_string(),
            format!(
                "{added:.0} ms ({:.0} ms with − {:.0} ms without)",
                with.tbt_ms, without.tbt_ms
            ),
            added <= WIDGET_TBT_GOAL_MS,
        ));
    }
    goals
}

fn seconds(ms: f64) -> String {
    format!("{:.2} s", ms / 1000.0)
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
    fn the_median_of_five_is_the_middle_one() {
        assert_eq!(median(vec![5.0, 1.0, 4.0, 2.0, 3.0]), 3.0);
        assert_eq!(median(vec![1.0, 4.0]), 2.5);
    }

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
    fn the_widget_goal_compares_the_two_vendor_pages() {
        let page = |tbt_ms| Figures {
            performance: 100.0,
            fcp_ms: 500.0,
            lcp_ms: 900.0,
            tbt_ms,
            cls: 0.0,
            accessibility: 100.0,
            best_practices: 100.0,
        };
        let pages = [
            ("portal home", page(0.0)),
            ("vendor page without the widget", page(10.0)),
            ("vendor page with the widget", page(30.0)),
        ];
        let goals = goals(&pages);
        let widget = goals.last().unwrap();
        assert!(widget.1.starts_with("20 ms"));
        assert!(!widget.2);
        assert!(goals[0].2, "{goals:?}");
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
