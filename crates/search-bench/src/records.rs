//! The records a bench run writes as JSON: speed rows, the ranked answers to
//! the labelled relevance lists, and the IndexedDB import timings. The native
//! runner and the Chromium page write the same shapes, and `search-bench
//! report` turns them into the markdown tables.

use serde::{Deserialize, Serialize};

/// Everything one run (native, or one Chromium page) measured.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct BenchReport {
    #[serde(default)]
    pub speed: Vec<SpeedRow>,
    #[serde(default)]
    pub relevance: Vec<RankedRun>,
    #[serde(default)]
    pub imports: Vec<ImportRow>,
    /// What ran it (the browser's user agent, or "native").
    #[serde(default)]
    pub runner: String,
}

/// The speed of one engine on one corpus in one place.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SpeedRow {
    pub engine: String,
    /// `native`, `Chromium (wasm)` or `Chromium (JS)`.
    pub place: String,
    /// How many articles the corpus holds.
    pub corpus: usize,
    pub build_ms: f64,
    /// The index's size in bytes as the engine estimates it, when it can.
    #[serde(default)]
    pub index_bytes: Option<u64>,
    /// Per-query times in milliseconds, one per query, in query order.
    pub exact_ms: Vec<f64>,
    pub typo_ms: Vec<f64>,
    /// Hits found per query (a sanity check that the engine found things).
    #[serde(default)]
    pub exact_found: usize,
    #[serde(default)]
    pub typo_found: usize,
    #[serde(default)]
    pub note: String,
}

/// One engine's ranked answers to one labelled list.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RankedRun {
    pub engine: String,
    pub place: String,
    /// The list's file name, e.g. `kb_relevance.json`.
    pub list: String,
    /// The ranked article ids, one list per labelled query, in list order.
    pub answers: Vec<Vec<String>>,
}

/// The time to save generated articles into IndexedDB.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ImportRow {
    pub articles: usize,
    /// Milliseconds per run, each into a freshly deleted database.
    pub runs_ms: Vec<f64>,
    /// How the import was made: the portal's `DeviceStore::put_articles`
    /// (`portal`), or plain JS into the same store layout (`js`).
    pub how: String,
    /// Whether this row is the portal's own code, which the goal is about.
    #[serde(default)]
    pub portal: bool,
}

/// The value at percentile `p` (0–100) of `values`, by nearest rank.
pub fn percentile(values: &[f64], p: f64) -> f64 {
    if values.is_empty() {
        return f64::NAN;
    }
    let mut sorted = values.to_vec();
    sorted.sort_by(f64::total_cmp);
    let rank = ((p / 100.0) * sorted.len() as f64).ceil() as usize;
    sorted[rank.clamp(1, sorted.len()) - 1]
}

#[cfg(test)]
mod tests {
    use super::percentile;

    #[test]
    fn percentiles_are_nearest_rank() {
        let values: Vec<f64> = (1..=100).rev().map(f64::from).collect();
        assert_eq!(percentile(&values, 50.0), 50.0);
        assert_eq!(percentile(&values, 95.0), 95.0);
        assert_eq!(percentile(&[3.0], 95.0), 3.0);
        assert!(percentile(&[], 50.0).is_nan());
    }
}
