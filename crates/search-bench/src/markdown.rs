//! Turns the bench's JSON records into the markdown tables that
//! `cargo xtask bench` prints and appends to `target/bench/results.md`, with
//! the goals beside the numbers.

use std::fmt::Write;
use std::path::Path;

use aftercare_search_bench::records::{percentile, BenchReport, ImportRow, SpeedRow};
use aftercare_search_bench::relevance::{score_rankings, RelevanceScore};

use crate::data;

/// The goals of issue 5, in milliseconds, at 10,000 articles in Chromium.
const EXACT_P95_GOAL_MS: f64 = 1.0;
const TYPO_P95_GOAL_MS: f64 = 3.0;
const IMPORT_GOAL_MS: f64 = 1000.0;
const MRR_GOAL: f64 = 0.92;

/// The whole search section.
pub fn render(reports: &[BenchReport], data_dir: &Path) -> Result<String, String> {
    let mut out = String::from("## Knowledge-base search\n\n");
    let runners: Vec<&str> = reports.iter().map(|r| r.runner.as_str()).collect();
    let _ = writeln!(out, "Runs: {}.\n", runners.join("; "));
    out.push_str(&speed_table(reports));
    out.push('\n');
    out.push_str(&relevance_table(reports, data_dir)?);
    out.push('\n');
    out.push_str(&kinds_table(reports, data_dir)?);
    out.push('\n');
    out.push_str(&import_table(reports));
    Ok(out)
}

fn ms(value: f64) -> String {
    if value.is_nan() {
        "—".to_string()
    } else if value < 10.0 {
        format!("{value:.3}")
    } else {
        format!("{value:.1}")
    }
}

fn mark(ok: bool) -> &'static str {
    if ok {
        "✓"
    } else {
        "✗"
    }
}

fn speed_table(reports: &[BenchReport]) -> String {
    let mut out = String::from(
        "| engine | where | corpus | build ms | index bytes | exact p50 ms | exact p95 ms \
         | typo p50 ms | typo p95 ms | found exact/typo | goal (10,000 in Chromium) |\n\
         |---|---|---:|---:|---:|---:|---:|---:|---:|---:|---|\n",
    );
    let rows = reports.iter().flat_map(|r| &r.speed);
    for row in rows {
        let (exact95, typo95) = (
            percentile(&row.exact_ms, 95.0),
            percentile(&row.typo_ms, 95.0),
        );
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} | {} | {} | {} | {} | {} | {}/{} · {}/{} | {} |",
            row.engine,
            row.place,
            row.corpus,
            ms(row.build_ms),
            row.index_bytes.map_or("—".to_string(), |b| b.to_string()),
            ms(percentile(&row.exact_ms, 50.0)),
            ms(exact95),
            ms(percentile(&row.typo_ms, 50.0)),
            ms(typo95),
            row.exact_found,
            row.exact_ms.len(),
            row.typo_found,
            row.typo_ms.len(),
            speed_goal(row, exact95, typo95),
        );
    }
    let notes: Vec<String> = reports
        .iter()
        .flat_map(|r| &r.speed)
        .filter(|r| !r.note.is_empty())
        .map(|r| format!("{} ({}): {}", r.engine, r.place, r.note))
        .collect::<std::collections::BTreeSet<_>>()
        .into_iter()
        .collect();
    if !notes.is_empty() {
        out.push('\n');
    }
    for note in notes {
        let _ = writeln!(out, "- {note}");
    }
    out
}

fn speed_goal(row: &SpeedRow, exact95: f64, typo95: f64) -> String {
    if row.engine != "Aftercare" || !row.place.starts_with("Chromium (wasm") || row.corpus != 10_000
    {
        return "—".to_string();
    }
    format!(
        "exact p95 ≤ {EXACT_P95_GOAL_MS} ms {} · typo p95 ≤ {TYPO_P95_GOAL_MS} ms {}",
        mark(exact95 <= EXACT_P95_GOAL_MS),
        mark(typo95 <= TYPO_P95_GOAL_MS)
    )
}

fn relevance_table(reports: &[BenchReport], data_dir: &Path) -> Result<String, String> {
    let mut out = String::from(
        "| engine | where | list | queries | MRR@10 | hit@5 | goal (MRR@10 ≥ 0.92, ahead of MiniSearch) |\n\
         |---|---|---|---:|---:|---:|---|\n",
    );
    let runs: Vec<_> = reports.iter().flat_map(|r| &r.relevance).collect();
    for run in &runs {
        let Some(list) = data::labelled(data_dir, &run.list)? else {
            continue;
        };
        if list.len() != run.answers.len() {
            return Err(format!(
                "{} answered {} of {} queries of {}",
                run.engine,
                run.answers.len(),
                list.len(),
                run.list
            ));
        }
        let scores = score_rankings(&list, &run.answers);
        let rival = runs
            .iter()
            .filter(|other| other.list == run.list && other.engine != run.engine)
            .map(|other| score_rankings(&list, &other.answers))
            .map(|s| s.mrr_at_10)
            .fold(f64::NAN, f64::max);
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} | {:.3} | {:.3} | {} |",
            run.engine,
            run.place,
            run.list,
            list.len(),
            scores.mrr_at_10,
            scores.hit_at_5,
            relevance_goal(&run.engine, scores, rival),
        );
    }
    Ok(out)
}

/// MRR@10 per kind of query, one column per engine and place (in the order
/// first met).
fn kinds_table(reports: &[BenchReport], data_dir: &Path) -> Result<String, String> {
    let runs: Vec<_> = reports.iter().flat_map(|r| &r.relevance).collect();
    let mut columns: Vec<(&str, &str)> = Vec::new();
    for run in &runs {
        if !columns.contains(&(&run.engine, &run.place)) {
            columns.push((&run.engine, &run.place));
        }
    }
    let heads: Vec<String> = columns.iter().map(|(e, p)| format!("{e} · {p}")).collect();
    let mut out = format!(
        "| list | kind | queries | {} |\n|---|---|---:|{}\n",
        heads.join(" | "),
        "---:|".repeat(columns.len())
    );
    let mut lists: Vec<&str> = Vec::new();
    for run in &runs {
        if !lists.contains(&run.list.as_str()) {
            lists.push(&run.list);
        }
    }
    for list_name in lists {
        let Some(list) = data::labelled(data_dir, list_name)? else {
            continue;
        };
        let mut kinds: Vec<&str> = list.iter().map(|q| q.kind.as_str()).collect();
        kinds.sort_unstable();
        kinds.dedup();
        for kind in kinds {
            let picked: Vec<usize> = (0..list.len()).filter(|&i| list[i].kind == kind).collect();
            let judgements: Vec<_> = picked.iter().map(|&i| list[i].clone()).collect();
            let cells: Vec<String> = columns
                .iter()
                .map(|(engine, place)| {
                    runs.iter()
                        .find(|r| r.list == list_name && r.engine == *engine && r.place == *place)
                        .map_or("—".to_string(), |run| {
                            let answers: Vec<Vec<String>> =
                                picked.iter().map(|&i| run.answers[i].clone()).collect();
                            format!("{:.3}", score_rankings(&judgements, &answers).mrr_at_10)
                        })
                })
                .collect();
            let _ = writeln!(
                out,
                "| {list_name} | {kind} | {} | {} |",
                picked.len(),
                cells.join(" | ")
            );
        }
    }
    Ok(out)
}

fn relevance_goal(engine: &str, scores: RelevanceScore, rival: f64) -> String {
    if engine != "Aftercare" {
        return "—".to_string();
    }
    let ahead = if rival.is_nan() {
        "MiniSearch not measured".to_string()
    } else {
        format!("ahead of {rival:.3} {}", mark(scores.mrr_at_10 > rival))
    };
    format!(
        "≥ {MRR_GOAL} {} · {ahead}",
        mark(scores.mrr_at_10 >= MRR_GOAL)
    )
}

fn import_table(reports: &[BenchReport]) -> String {
    let mut out = String::from(
        "| IndexedDB import | articles | median ms | best ms | runs ms | how | goal ≤ 1,000 ms (median) |\n\
         |---|---:|---:|---:|---|---|---|\n",
    );
    let imports: Vec<&ImportRow> = reports.iter().flat_map(|r| &r.imports).collect();
    if imports.is_empty() {
        out.push_str("| not measured | — | — | — | — | — | — |\n");
    }
    for import in imports {
        let median = percentile(&import.runs_ms, 50.0);
        let runs: Vec<String> = import.runs_ms.iter().map(|r| format!("{r:.0}")).collect();
        let _ = writeln!(
            out,
            "| Chromium | {} | {median:.0} | {:.0} | {} | {} | {} |",
            import.articles,
            import.runs_ms.iter().copied().fold(f64::INFINITY, f64::min),
            runs.join(", "),
            import.how,
            match import.portal {
                true => mark(median <= IMPORT_GOAL_MS),
                false => "— (reference)",
            },
        );
    }
    out
}
