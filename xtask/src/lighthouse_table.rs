//! The table the Lighthouse bench writes into `results.md`: the median of
//! each figure over the runs, the widget's cost (the vendor page with the
//! widget against the same page without it), and the goals beside
//! what was measured. Measuring is in [`crate::lighthouse`].

use crate::lighthouse::{RUNS, SECTION_HEADING};
use crate::tools;

/// The goals: a largest contentful paint within 1.2 s (with a performance
/// score of 100), and at most 10 ms of blocking time added by the widget.
const LCP_GOAL_MS: f64 = 1200.0;
const WIDGET_TBT_GOAL_MS: f64 = 10.0;

/// What one run measured (or the medians of several): scores from 0 to 100,
/// times in milliseconds.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Figures {
    pub performance: f64,
    pub fcp_ms: f64,
    pub lcp_ms: f64,
    pub tbt_ms: f64,
    pub cls: f64,
    pub accessibility: f64,
    pub best_practices: f64,
}

/// How the portal's files crossed the wire on the home page, from one run.
pub struct Transfer {
    pub wasm_bytes: u64,
    pub wasm_transferred: u64,
    pub total_transferred: u64,
}

/// The median of each figure on its own.
pub fn median_figures(runs: &[Figures]) -> Figures {
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
pub fn section(pages: &[(&str, Figures)], transfer: Option<&Transfer>, load: &str) -> String {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_median_of_five_is_the_middle_one() {
        assert_eq!(median(vec![5.0, 1.0, 4.0, 2.0, 3.0]), 3.0);
        assert_eq!(median(vec![1.0, 4.0]), 2.5);
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
}
