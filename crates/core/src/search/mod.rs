//! The knowledge-base search engine, shared unchanged by the portal (in wasm,
//! offline) and the reference server (`GET /api/v1/kb/search`), so online and
//! offline results agree. It indexes each article's title, tags and plain text.
//!
//! How it works: text is folded (case, accents, full width, common
//! traditional characters) and split into terms — stemmed English words,
//! codes and model numbers whole and in parts, CJK characters and pairs
//! (`tokens`). A query becomes a plan (`query`): each term with the index
//! terms it may match (itself; completions of the word being typed; near
//! spellings when nothing matches as typed) and the synonym sets it belongs
//! to. Documents are scored with BM25 over title, tags and text (`score`),
//! ordered by locale tier, score and id (`rank`), and the best few get a
//! snippet (`snippet`).
//!
//! This file holds the public shape; the submodules hold one idea each.

mod fold;
mod fold_tables;
mod fuzzy;
mod index;
mod persist;
mod postings;
mod query;
mod rank;
mod related;
pub mod relevance;
mod score;
mod snippet;
mod stem;
mod synonyms;
#[cfg(test)]
mod tests;
#[cfg(test)]
mod tests_persist;
#[cfg(test)]
mod tests_typing;
mod tokens;

use serde::{Deserialize, Serialize};

use crate::{Article, Locale};
use index::Index;
use synonyms::Synonyms;
use tokens::Key;

pub use snippet::SNIPPET_WIDTH;

/// Words that mean the same to customers, as the backend's configuration
/// supplies them: each set is a list of words or phrases, e.g.
/// `["报修", "维修", "修理"]` or `["reset", "factory restore"]`.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(transparent)]
pub struct SynonymSets(pub Vec<Vec<String>>);

/// The search settings the backend publishes in its portal configuration.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct SearchSettings {
    #[serde(default)]
    pub synonyms: SynonymSets,
}

/// What a customer asked for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SearchQuery<'a> {
    /// The text as typed; the last word may be unfinished (prefix matching).
    pub text: &'a str,
    /// The customer's locale: its articles come first; zh-TW customers also
    /// get zh-CN articles after them (and zh-CN customers zh-TW ones).
    pub locale: Locale,
    /// At most this many hits.
    pub limit: usize,
    /// Only articles in this category, when set.
    pub category: Option<&'a str>,
}

/// One article that matched, ready to list.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SearchHit {
    pub id: String,
    pub title: String,
    /// The category key.
    pub category: String,
    pub locale: String,
    /// A piece of the article's plain text around the best match.
    pub snippet: String,
    /// Matched ranges in `snippet` as `[start, end)` offsets counted in
    /// Unicode scalar values (characters), sorted and not overlapping.
    pub highlights: Vec<[usize; 2]>,
    /// Higher is better; only comparable within one answer.
    pub score: f32,
}

/// The answer of `GET /api/v1/kb/search`.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct SearchResults {
    pub results: Vec<SearchHit>,
}

/// An index over a set of articles in any mix of locales.
#[derive(Debug, Clone, Default)]
pub struct SearchIndex {
    index: Index,
    synonyms: Synonyms,
    /// The settings as given, for [`SearchIndex::to_bytes`].
    settings: SearchSettings,
}

impl SearchIndex {
    /// Indexes `articles` with the backend's `settings` (synonyms).
    pub fn build(articles: &[Article], settings: &SearchSettings) -> SearchIndex {
        SearchIndex {
            index: Index::build(articles),
            synonyms: Synonyms::compile(&settings.synonyms),
            settings: settings.clone(),
        }
    }

    /// How many articles the index holds.
    pub fn len(&self) -> usize {
        self.index.docs.len()
    }

    /// Whether the index holds no article.
    pub fn is_empty(&self) -> bool {
        self.index.docs.is_empty()
    }

    /// An estimate of the memory the index holds on the heap, in bytes: the
    /// dictionaries, the postings, the synonyms and the copy of each
    /// article's id, title, category, tags and plain text it keeps for hits
    /// and snippets.
    pub fn approximate_bytes(&self) -> usize {
        self.index.approximate_bytes()
            + self.synonyms.approximate_bytes()
            + std::mem::size_of::<SearchIndex>()
    }

    /// The best matches for `query`, best first; empty for a blank query.
    pub fn search(&self, query: &SearchQuery<'_>) -> Vec<SearchHit> {
        if query.text.trim().is_empty() || query.limit == 0 {
            return Vec::new();
        }
        let plan = query::plan(&self.index, &self.synonyms, query.text);
        let tiers = rank::tiers(&self.index, query.locale, query.category);
        let scored = score::evaluate(&self.index, &plan, &tiers);
        let best = rank::top(&self.index, scored, &tiers, query.limit);
        let keys = snippet::match_keys(&self.index, &plan.terms());
        best.into_iter()
            .map(|(doc, score)| self.hit(doc, score, &keys))
            .collect()
    }

    /// Articles about the same things as the article `id`, in its locale,
    /// best first, never the article itself.
    pub fn related(&self, id: &str, limit: usize) -> Vec<SearchHit> {
        let Some(at) = self.index.docs.iter().position(|doc| doc.id == id) else {
            return Vec::new();
        };
        related::related(&self.index, at as u32, limit)
            .into_iter()
            .map(|(doc, score)| self.hit(doc, score, &[]))
            .collect()
    }

    /// Document `doc` as a hit, its snippet marking the matches of `keys`.
    fn hit(&self, doc: u32, score: f32, keys: &[(Key, u32)]) -> SearchHit {
        let doc = &self.index.docs[doc as usize];
        let (snippet, highlights) = snippet::snippet(&doc.text, keys);
        SearchHit {
            id: doc.id.clone(),
            title: doc.title.clone(),
            category: doc.category.clone(),
            locale: doc.locale.clone(),
            snippet,
            highlights,
            score,
        }
    }
}
