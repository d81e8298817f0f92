//! The knowledge-base search benchmark's shared half: the seeded corpus and
//! query sets, the engine calls, the result records and the relevance
//! arithmetic. The native runner (`src/main.rs`) and the wasm module that
//! runs in headless Chromium beside MiniSearch (`src/wasm.rs`) both use it,
//! so both measure the identical corpus and queries.

pub mod corpus;
pub mod engine;
pub mod queries;
pub mod random;
pub mod records;
pub mod relevance;
pub mod vocabulary;

#[cfg(target_arch = "wasm32")]
mod wasm;

use aftercare_core::Article;
use serde::{Deserialize, Serialize};

pub use queries::BenchQuery;

/// The sizes of the generated corpora the bench measures.
pub const CORPUS_SIZES: [usize; 2] = [1_000, 10_000];

/// How many queries of each kind the bench runs per corpus.
pub const QUERIES_PER_KIND: usize = 200;

/// A generated corpus and the queries derived from it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BenchSet {
    pub articles: Vec<Article>,
    pub exact: Vec<BenchQuery>,
    pub typo: Vec<BenchQuery>,
}

impl BenchSet {
    /// The corpus of `size` articles and its queries, from the bench's seed.
    pub fn generate(size: usize) -> BenchSet {
        let seed = corpus::SEED ^ size as u64;
        let articles = corpus::generate(size, seed);
        let exact = queries::exact_queries(&articles, QUERIES_PER_KIND, seed);
        let typo = queries::typo_queries(&articles, QUERIES_PER_KIND, seed);
        BenchSet {
            articles,
            exact,
            typo,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_bench_set_is_the_same_every_time_and_its_exact_queries_are_honest() {
        let set = BenchSet::generate(1_000);
        assert_eq!(set, BenchSet::generate(1_000));
        assert_eq!(set.exact.len(), QUERIES_PER_KIND);
        assert_eq!(set.typo.len(), QUERIES_PER_KIND);
        for query in &set.exact {
            let source = set.articles.iter().find(|a| a.id == query.source);
            assert!(
                source.is_some_and(|article| queries::occurs_in(&query.text, article)),
                "{query:?} does not occur in its article"
            );
        }
    }
}
