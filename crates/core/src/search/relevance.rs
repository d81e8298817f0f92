//! Measuring relevance against labelled queries: mean reciprocal rank of
//! the first relevant result in the top ten (MRR@10) and the share of
//! queries with a relevant result in the top five (hit@5). Any engine's
//! rankings can be scored, so other engines can be compared on the same
//! judgements.

use serde::{Deserialize, Serialize};

/// A labelled query: what a customer typed, in which locale, and which
/// articles answer it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Judgement {
    pub query: String,
    /// The customer's locale tag (`zh-CN`, `zh-TW`, `en`).
    pub locale: String,
    /// What the query tests: exact, synonym, typo, partial_chinese,
    /// error_code, model_number or question.
    pub kind: String,
    /// Ids of the articles that answer the query.
    pub relevant: Vec<String>,
}

/// How well rankings did on a list of judgements.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct RelevanceScore {
    pub mrr_at_10: f64,
    pub hit_at_5: f64,
    pub queries: usize,
}

/// The 1-based rank of the first relevant id within the top `depth`.
pub fn first_relevant(judgement: &Judgement, ranking: &[String], depth: usize) -> Option<usize> {
    ranking
        .iter()
        .take(depth)
        .position(|id| judgement.relevant.contains(id))
        .map(|at| at + 1)
}

/// Scores `rankings` (ids, best first), one per judgement in the same order.
pub fn score_rankings(judgements: &[Judgement], rankings: &[Vec<String>]) -> RelevanceScore {
    let queries = judgements.len().min(rankings.len());
    if queries == 0 {
        return RelevanceScore {
            mrr_at_10: 0.0,
            hit_at_5: 0.0,
            queries: 0,
        };
    }
    let mut reciprocal = 0.0;
    let mut hits = 0usize;
    for (judgement, ranking) in judgements.iter().zip(rankings) {
        if let Some(rank) = first_relevant(judgement, ranking, 10) {
            reciprocal += 1.0 / rank as f64;
            if rank <= 5 {
                hits += 1;
            }
        }
    }
    RelevanceScore {
        mrr_at_10: reciprocal / queries as f64,
        hit_at_5: hits as f64 / queries as f64,
        queries,
    }
}

/// Ranks every judgement's query with `rank` and scores the rankings.
pub fn evaluate(
    judgements: &[Judgement],
    mut rank: impl FnMut(&Judgement) -> Vec<String>,
) -> RelevanceScore {
    let rankings: Vec<Vec<String>> = judgements.iter().map(&mut rank).collect();
    score_rankings(judgements, &rankings)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn judged(relevant: &[&str]) -> Judgement {
        Judgement {
            query: "q".into(),
            locale: "en".into(),
            kind: "exact".into(),
            relevant: relevant.iter().map(|id| id.to_string()).collect(),
        }
    }

    #[test]
    fn mrr_and_hits_count_the_first_relevant_rank() {
        let ids = |list: &[&str]| list.iter().map(|id| id.to_string()).collect::<Vec<_>>();
        let judgements = [judged(&["a"]), judged(&["b", "z"]), judged(&["x"])];
        let rankings = [
            ids(&["a", "b"]),
            ids(&["c", "d", "e", "f", "g", "z"]),
            ids(&["c"]),
        ];
        let score = score_rankings(&judgements, &rankings);
        assert_eq!(score.queries, 3);
        assert!((score.mrr_at_10 - (1.0 + 1.0 / 6.0) / 3.0).abs() < 1e-9);
        assert!((score.hit_at_5 - 1.0 / 3.0).abs() < 1e-9);
    }
}
