//! Scoring: BM25 over the three fields with field weights (BM25F), a bonus
//! for terms in the title and tags, and coordination — the share of the
//! query (weighted by how rare each term is) that a document matches.

use std::cell::RefCell;

use super::index::{Doc, Index, TAGS, TEXT, TITLE};
use super::postings::Posting;
use super::query::Plan;

/// BM25's term-frequency saturation.
pub const K1: f32 = 1.2;
/// BM25's length normalisation.
pub const B: f32 = 0.75;
/// How much an occurrence in each field (title, tags, text) counts.
const FIELD_WEIGHTS: [f32; 3] = [3.0, 2.5, 1.0];
/// A bonus, in units of the term's rarity, for a term in the title or tags;
/// it is not saturated, so a title match always stands out.
const FIELD_BONUS: [f32; 3] = [0.8, 0.5, 0.0];
/// How steeply matching more of the query raises a score.
const COORDINATION: i32 = 2;

/// Marks a document the query must not return.
pub const EXCLUDED: u8 = u8::MAX;

/// How rare a term in `df` of `n` documents is (BM25's idf, never negative).
pub fn idf(df: u32, n: usize) -> f32 {
    let df = df as f32;
    (1.0 + (n as f32 - df + 0.5) / (df + 0.5)).ln()
}

/// BM25's length normalisation of each field of each of `docs`.
pub fn norms(docs: &[Doc], average: [f32; 3]) -> Vec<[f32; 3]> {
    docs.iter()
        .map(|doc| {
            let mut norm = [0.0; 3];
            for field in [TITLE, TAGS, TEXT] {
                norm[field] = 1.0 - B + B * doc.lengths[field] as f32 / average[field];
            }
            norm
        })
        .collect()
}

/// The BM25F score of one posting of a term with rarity `idf`.
pub fn term_score(index: &Index, posting: &Posting, idf: f32) -> f32 {
    let norms = &index.norms[posting.doc as usize];
    let mut weighted = 0.0;
    let mut bonus = 0.0;
    for field in [TITLE, TAGS, TEXT] {
        let tf = posting.tf[field];
        if tf == 0 {
            continue;
        }
        weighted += FIELD_WEIGHTS[field] * tf as f32 / norms[field];
        bonus += FIELD_BONUS[field];
    }
    idf * (weighted * (K1 + 1.0) / (weighted + K1) + bonus)
}

/// Per-document pairs of numbers, dense for speed, remembering which
/// documents were touched so that clearing is cheap.
struct Sparse {
    values: Vec<[f32; 2]>,
    seen: Vec<bool>,
    touched: Vec<u32>,
}

thread_local! {
    /// Cleared tables of earlier queries, kept for the next one: making and
    /// zeroing them anew took a good part of a query on a large index.
    static SPARE: RefCell<Vec<Sparse>> = const { RefCell::new(Vec::new()) };
}

/// How many tables a query uses, and so at most are kept.
const TABLES: usize = 4;

impl Sparse {
    /// A cleared table for `n` documents, kept from an earlier query when
    /// there is one.
    fn take(n: usize) -> Sparse {
        let spare = SPARE.with(|spare| spare.borrow_mut().pop());
        spare
            .filter(|table| table.values.len() == n)
            .unwrap_or_else(|| Sparse {
                values: vec![[0.0; 2]; n],
                seen: vec![false; n],
                touched: Vec::new(),
            })
    }

    /// Keeps the table for the next query, if it is cleared.
    fn give_back(self) {
        if self.touched.is_empty() {
            SPARE.with(|spare| {
                let mut spare = spare.borrow_mut();
                if spare.len() < TABLES {
                    spare.push(self);
                }
            });
        }
    }

    fn slot(&mut self, doc: u32) -> &mut [f32; 2] {
        let at = doc as usize;
        if !self.seen[at] {
            self.seen[at] = true;
            self.touched.push(doc);
        }
        &mut self.values[at]
    }

    /// Hands every touched document's pair to `f`, leaving all zero.
    fn drain(&mut self, mut f: impl FnMut(u32, [f32; 2])) {
        for &doc in &self.touched {
            let at = doc as usize;
            self.seen[at] = false;
            f(doc, std::mem::take(&mut self.values[at]));
        }
        self.touched.clear();
    }
}

/// A document that matched and its score.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Scored {
    pub doc: u32,
    pub score: f32,
}

/// Scores every document `plan` matches, skipping those whose `tiers`
/// entry is [`EXCLUDED`]. Returns them in no set order.
pub fn evaluate(index: &Index, plan: &Plan, tiers: &[u8]) -> Vec<Scored> {
    let n = index.docs.len();
    let mut best = Sparse::take(n);
    let mut literal = Sparse::take(n);
    let mut other = Sparse::take(n);
    let mut total = Sparse::take(n);
    let each = |term: u32, rarity: Option<f32>, f: &mut dyn FnMut(u32, f32)| {
        let rarity = rarity.unwrap_or_else(|| idf(index.df[term as usize], n));
        for posting in index.postings(term) {
            if tiers[posting.doc as usize] != EXCLUDED {
                f(posting.doc, term_score(index, &posting, rarity));
            }
        }
    };
    let mut whole = 0.0;
    for group in &plan.groups {
        whole += group.weight;
        // A group of one term and no synonyms adds its scores straight to
        // the total (adding to zero first changes nothing), and a term with
        // one expansion needs no best of several: most terms are both, and
        // skipping the steps between saves much of the work.
        let direct = group.clauses.len() == 1 && group.alternatives.is_empty();
        for clause in &group.clauses {
            let into = if direct { &mut total } else { &mut literal };
            let rarity = |term: u32| (Some(term) != clause.exact).then_some(clause.others_rarity);
            if let [(term, weight)] = clause.expansions[..] {
                each(term, rarity(term), &mut |doc, score| {
                    let slot = into.slot(doc);
                    slot[0] += 0f32.max(weight * score);
                    slot[1] += 0f32.max(weight) * clause.weight;
                });
                continue;
            }
            for &(term, weight) in &clause.expansions {
                each(term, rarity(term), &mut |doc, score| {
                    let slot = best.slot(doc);
                    slot[0] = slot[0].max(weight * score);
                    slot[1] = slot[1].max(weight);
                });
            }
            best.drain(|doc, [score, weight]| {
                let slot = into.slot(doc);
                slot[0] += score;
                slot[1] += weight * clause.weight;
            });
        }
        for alternative in &group.alternatives {
            for &term in &alternative.terms {
                each(term, None, &mut |doc, score| {
                    let slot = best.slot(doc);
                    slot[0] += score;
                    slot[1] += 1.0;
                });
            }
            let width = alternative.terms.len() as f32;
            best.drain(|doc, [sum, count]| {
                let share = count / width;
                let score = alternative.weight * sum * share;
                let slot = other.slot(doc);
                if score > slot[0] {
                    *slot = [score, alternative.weight * share * group.weight];
                }
            });
        }
        other.drain(|doc, [score, covered]| {
            let slot = literal.slot(doc);
            if score > slot[0] {
                *slot = [score, slot[1].max(covered)];
            }
        });
        literal.drain(|doc, [score, covered]| {
            let slot = total.slot(doc);
            slot[0] += score;
            slot[1] += covered;
        });
    }
    let mut scored = Vec::with_capacity(total.touched.len());
    total.drain(|doc, [score, covered]| {
        let coverage = (covered / whole).min(1.0);
        scored.push(Scored {
            doc,
            score: score * coverage.powi(COORDINATION),
        });
    });
    for table in [best, literal, other, total] {
        table.give_back();
    }
    if whole <= 0.0 {
        return Vec::new();
    }
    scored
}
