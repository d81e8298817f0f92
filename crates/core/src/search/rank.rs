//! Ordering the answer: which articles a customer's locale may see and in
//! which tier (their own locale first, then the other Chinese script), the
//! category filter, and picking the best few without sorting everything.

use std::cmp::Ordering;

use super::index::Index;
use super::score::{Scored, EXCLUDED};
use crate::Locale;

/// The tier of an article in `article` for a customer in `locale`:
/// 0 for their own locale, 1 for the other Chinese script, `None` when
/// they should not see it (English customers get English only).
pub fn tier(locale: Locale, article: Locale) -> Option<u8> {
    match (locale, article) {
        (own, theirs) if own == theirs => Some(0),
        (Locale::ZhTw, Locale::ZhCn) | (Locale::ZhCn, Locale::ZhTw) => Some(1),
        _ => None,
    }
}

/// Each document's tier for this query, or [`EXCLUDED`].
pub fn tiers(index: &Index, locale: Locale, category: Option<&str>) -> Vec<u8> {
    // The tier of a document in `language`.
    let of = |language: Option<Locale>| {
        language
            .and_then(|language| tier(locale, language))
            .unwrap_or(EXCLUDED)
    };
    let mut tiers: Vec<u8> = index
        .languages
        .iter()
        .map(|&language| of(language))
        .collect();
    if let Some(category) = category {
        for (tier, doc) in tiers.iter_mut().zip(&index.docs) {
            if doc.category != category {
                *tier = EXCLUDED;
            }
        }
    }
    tiers
}

/// The `limit` best of `scored` as `(document, score)`: lower tier first,
/// then higher score, then id, so equal scores always come out in the same
/// order.
pub fn top(index: &Index, scored: Vec<Scored>, tiers: &[u8], limit: usize) -> Vec<(u32, f32)> {
    if limit == 0 {
        return Vec::new();
    }
    let mut ranked: Vec<(u8, f32, u32)> = scored
        .into_iter()
        .map(|hit| (tiers[hit.doc as usize], hit.score, hit.doc))
        .collect();
    let order = |a: &(u8, f32, u32), b: &(u8, f32, u32)| -> Ordering {
        a.0.cmp(&b.0).then(b.1.total_cmp(&a.1)).then_with(|| {
            index.docs[a.2 as usize]
                .id
                .cmp(&index.docs[b.2 as usize].id)
        })
    };
    if ranked.len() > limit {
        ranked.select_nth_unstable_by(limit - 1, order);
        ranked.truncate(limit);
    }
    ranked.sort_unstable_by(order);
    ranked
        .into_iter()
        .map(|(_, score, doc)| (doc, score))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::tier;
    use crate::Locale;

    #[test]
    fn chinese_customers_get_the_other_script_after_their_own() {
        assert_eq!(tier(Locale::ZhTw, Locale::ZhTw), Some(0));
        assert_eq!(tier(Locale::ZhTw, Locale::ZhCn), Some(1));
        assert_eq!(tier(Locale::ZhCn, Locale::ZhTw), Some(1));
        assert_eq!(tier(Locale::ZhCn, Locale::En), None);
        assert_eq!(tier(Locale::En, Locale::En), Some(0));
        assert_eq!(tier(Locale::En, Locale::ZhCn), None);
    }
}
