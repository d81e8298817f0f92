//! The native half of the search bench: build time, index bytes and per-query
//! latency of our engine on the generated corpora, and its ranked answers to
//! the labelled relevance lists, from a release build.

use std::path::Path;
use std::time::Instant;

use aftercare_core::{Article, SearchIndex, SearchSettings};
use aftercare_search_bench::records::{BenchReport, RankedRun, SpeedRow};
use aftercare_search_bench::relevance::Judgement;
use aftercare_search_bench::{engine, BenchQuery, BenchSet, CORPUS_SIZES};

use crate::data::{self, RELEVANCE_LISTS};

/// Each query runs once per round, in `ROUNDS` rounds over all the queries,
/// as a block of runs lasting at least this long (and at least `MIN_RUNS`
/// runs); its time is its fastest block's average. Spreading a query's blocks
/// over the whole measurement keeps a burst of other work on the shared
/// machine from counting.
const MIN_MICROS_PER_BLOCK: u128 = 1_000;
const MIN_RUNS: u32 = 3;
const ROUNDS: usize = 5;

/// Measures everything native and returns it.
pub fn run(data_dir: &Path) -> Result<BenchReport, String> {
    let settings = data::synonyms(data_dir)?;
    let load = std::fs::read_to_string("/proc/loadavg").unwrap_or_default();
    let mut report = BenchReport {
        runner: format!(
            "native (load average {})",
            load.split_whitespace()
                .take(3)
                .collect::<Vec<_>>()
                .join(" ")
        ),
        ..BenchReport::default()
    };
    for size in CORPUS_SIZES {
        let set = BenchSet::generate(size);
        eprintln!("native: {size} articles");
        report.speed.push(speed(&set, &settings));
    }
    let demo = data::demo_articles(data_dir)?;
    let index = engine::build(&demo, &settings);
    for list in RELEVANCE_LISTS {
        let Some(labelled) = data::labelled(data_dir, list)? else {
            continue;
        };
        report.relevance.push(RankedRun {
            engine: "Aftercare".to_string(),
            place: "native".to_string(),
            list: list.to_string(),
            answers: answers(&index, &labelled),
        });
    }
    Ok(report)
}

fn answers(index: &SearchIndex, list: &[Judgement]) -> Vec<Vec<String>> {
    list.iter()
        .map(|q| engine::ranked_ids(index, &q.query, &q.locale))
        .collect()
}

fn speed(set: &BenchSet, settings: &SearchSettings) -> SpeedRow {
    let (index, build_ms) = timed_build(&set.articles, settings);
    let (exact_ms, exact_found) = latencies(&index, &set.exact);
    let (typo_ms, typo_found) = latencies(&index, &set.typo);
    SpeedRow {
        engine: "Aftercare".to_string(),
        place: "native".to_string(),
        corpus: set.articles.len(),
        build_ms,
        index_bytes: engine::index_bytes(&index),
        exact_ms,
        typo_ms,
        exact_found,
        typo_found,
        note: "release build; build ms is the best of 3".to_string(),
    }
}

/// The index and the fastest of three builds, in milliseconds.
fn timed_build(articles: &[Article], settings: &SearchSettings) -> (SearchIndex, f64) {
    let mut best = f64::INFINITY;
    let mut index = SearchIndex::default();
    for _ in 0..3 {
        let started = Instant::now();
        index = engine::build(articles, settings);
        best = best.min(started.elapsed().as_secs_f64() * 1000.0);
    }
    (index, best)
}

/// Per-query milliseconds and how many queries found anything.
fn latencies(index: &SearchIndex, queries: &[BenchQuery]) -> (Vec<f64>, usize) {
    let found = queries
        .iter()
        .filter(|q| engine::hit_count(index, &q.text, &q.locale) > 0)
        .count();
    let mut best = vec![f64::INFINITY; queries.len()];
    for _ in 0..ROUNDS {
        for (query, best) in queries.iter().zip(best.iter_mut()) {
            *best = best.min(block(index, query));
        }
    }
    (best, found)
}

/// The average milliseconds of one block of runs of `query`.
fn block(index: &SearchIndex, query: &BenchQuery) -> f64 {
    let started = Instant::now();
    let mut runs = 0u32;
    while runs < MIN_RUNS || started.elapsed().as_micros() < MIN_MICROS_PER_BLOCK {
        std::hint::black_box(engine::hit_count(index, &query.text, &query.locale));
        runs += 1;
    }
    started.elapsed().as_secs_f64() * 1000.0 / f64::from(runs)
}
