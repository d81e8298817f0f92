//! The bench's calls into our engine, `aftercare_core::SearchIndex`, made the
//! same way natively and in wasm.

use aftercare_core::{Article, Locale, SearchIndex, SearchQuery, SearchSettings};

/// How many hits a search asks for, as the portal's result list shows.
pub const LIMIT: usize = 10;

/// Builds the index over `articles` with the backend's `settings`.
pub fn build(articles: &[Article], settings: &SearchSettings) -> SearchIndex {
    SearchIndex::build(articles, settings)
}

/// The ids of the best hits for `text` in the locale `tag`, best first.
pub fn ranked_ids(index: &SearchIndex, text: &str, tag: &str) -> Vec<String> {
    search(index, text, tag)
        .into_iter()
        .map(|hit| hit.id)
        .collect()
}

/// Runs one search as the portal would and says how many hits it found.
pub fn hit_count(index: &SearchIndex, text: &str, tag: &str) -> usize {
    search(index, text, tag).len()
}

fn search(index: &SearchIndex, text: &str, tag: &str) -> Vec<aftercare_core::SearchHit> {
    index.search(&SearchQuery {
        text,
        locale: Locale::from_tag(tag).unwrap_or(Locale::En),
        limit: LIMIT,
        category: None,
    })
}

/// The index's own estimate of its size in bytes.
pub fn index_bytes(index: &SearchIndex) -> Option<u64> {
    Some(index.approximate_bytes() as u64)
}
