//! Related articles: other articles in the same locale that share the
//! article's tags and title terms, scored like a search for them.

use super::index::Index;
use super::query::is_stop;
use super::score::{idf, term_score};
use super::tokens::{tokenize, Mode};

/// Up to `limit` documents related to document `doc`, best first, as
/// `(document, score)`; never `doc` itself.
pub fn related(index: &Index, doc: u32, limit: usize) -> Vec<(u32, f32)> {
    let source = &index.docs[doc as usize];
    let mut terms: Vec<(u32, f32)> = Vec::new();
    let mut note = |text: &str, weight: f32| {
        tokenize(text, Mode::Query, &mut |token| {
            if is_stop(&token) {
                return;
            }
            if let Some(term) = index.lookup(&token.key) {
                match terms.iter_mut().find(|(t, _)| *t == term) {
                    Some(known) => known.1 = known.1.max(weight),
                    None => terms.push((term, weight)),
                }
            }
        });
    };
    for tag in &source.tags {
        note(tag, 1.0);
    }
    note(&source.title, 0.7);

    let n = index.docs.len();
    let mut scores = vec![0f32; n];
    for (term, weight) in terms {
        let rarity = idf(index.df[term as usize], n);
        for posting in index.postings(term) {
            let other = &index.docs[posting.doc as usize];
            if posting.doc != doc && other.locale == source.locale {
                scores[posting.doc as usize] += weight * term_score(index, &posting, rarity);
            }
        }
    }
    let mut found: Vec<(u32, f32)> = scores
        .into_iter()
        .enumerate()
        .filter(|&(_, score)| score > 0.0)
        .map(|(at, score)| (at as u32, score))
        .collect();
    found.sort_by(|a, b| {
        b.1.total_cmp(&a.1).then_with(|| {
            index.docs[a.0 as usize]
                .id
                .cmp(&index.docs[b.0 as usize].id)
        })
    });
    found.truncate(limit);
    found
}
