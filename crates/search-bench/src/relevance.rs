//! The labelled relevance lists and their scores. The lists are the core's
//! test data (`crates/core/tests/data/kb_relevance*.json`) and the arithmetic
//! (MRR@10, hit@5) is the core's own, so every engine is scored the same way.

pub use aftercare_core::search::relevance::{score_rankings, Judgement, RelevanceScore};
