//! The relevance suite: labelled customer queries over the demo knowledge
//! base (as the server renders it), searched with the demo synonym sets.
//! The main list must reach MRR@10 ≥ 0.92; the held-out list, written once
//! and never tuned against, is measured and reported. Run with
//! `--nocapture` to see every miss.

use aftercare_core::search::relevance::{self, Judgement, RelevanceScore};
use aftercare_core::{Article, Locale, SearchIndex, SearchQuery, SearchSettings, SynonymSets};

const ARTICLES: &str = include_str!("data/demo_articles.json");
const SYNONYMS: &str = include_str!("data/demo_synonyms.json");
const MAIN: &str = include_str!("data/kb_relevance.json");
const HOLDOUT: &str = include_str!("data/kb_relevance_holdout.json");

fn index() -> SearchIndex {
    let articles: Vec<Article> = serde_json::from_str(ARTICLES).expect("the demo articles parse");
    let synonyms: SynonymSets = serde_json::from_str(SYNONYMS).expect("the synonyms parse");
    SearchIndex::build(&articles, &SearchSettings { synonyms })
}

/// Ranks every query, prints the ones whose first relevant result is not
/// first, and scores the list.
fn measure(name: &str, index: &SearchIndex, json: &str) -> RelevanceScore {
    let judgements: Vec<Judgement> = serde_json::from_str(json).expect("the judgements parse");
    let score = relevance::evaluate(&judgements, |judgement| {
        let locale = Locale::from_tag(&judgement.locale).expect("a supported locale");
        let ranking: Vec<String> = index
            .search(&SearchQuery {
                text: &judgement.query,
                locale,
                limit: 10,
                category: None,
            })
            .into_iter()
            .map(|hit| hit.id)
            .collect();
        let rank = relevance::first_relevant(judgement, &ranking, 10);
        if rank != Some(1) {
            println!(
                "{name}: [{}] {:?} ({}) → rank {rank:?}; got {:?}, want {:?}",
                judgement.kind,
                judgement.query,
                judgement.locale,
                &ranking[..ranking.len().min(3)],
                judgement.relevant
            );
        }
        ranking
    });
    println!(
        "{name}: MRR@10 {:.3}, hit@5 {:.3} over {} queries",
        score.mrr_at_10, score.hit_at_5, score.queries
    );
    score
}

#[test]
fn search_finds_the_demo_queries_articles() {
    let index = index();
    let main = measure("main", &index, MAIN);
    let holdout = measure("holdout", &index, HOLDOUT);
    assert!(main.queries >= 60, "the main list has at least 60 queries");
    assert!(
        holdout.queries >= 20,
        "the held-out list has at least 20 queries"
    );
    assert!(
        main.mrr_at_10 >= 0.92,
        "MRR@10 on the main list is {:.3}",
        main.mrr_at_10
    );
}
