//! Turning what a customer typed into a query plan: for each query term the
//! index terms that may stand for it (exact, completions of the word being
//! typed, near spellings) with how much each counts, grouped with the
//! synonyms of the words and phrases they form.

use super::fuzzy::{allowed_edits, near_spellings};
use super::index::Index;
use super::score::idf;
use super::synonyms::Synonyms;
use super::tokens::{tokens, Key, Kind, Mode, Token};

/// How much a completion of the word being typed counts at most.
const PREFIX_WEIGHT: f32 = 0.85;
/// How much a word one typo away counts; two typos count less.
const ONE_TYPO_WEIGHT: f32 = 0.5;
const TWO_TYPO_WEIGHT: f32 = 0.35;
/// How much a synonym counts compared to the words typed.
const SYNONYM_WEIGHT: f32 = 0.8;
/// At most this many query terms are searched (a pasted page of text
/// would otherwise walk the whole index many times over).
const MAX_QUERY_TERMS: usize = 48;
/// At most this many completions of a prefix are searched.
const MAX_COMPLETIONS: usize = 40;

/// English words that say little about what a customer is looking for;
/// dropped from queries that have other words.
const STOP_WORDS: &[&str] = &[
    "a", "an", "and", "are", "as", "at", "be", "by", "can", "could", "do", "doe", "for", "from",
    "get", "how", "i", "if", "in", "is", "it", "its", "me", "my", "of", "on", "or", "our",
    "should", "so", "that", "the", "their", "there", "this", "to", "was", "we", "what", "when",
    "where", "which", "who", "why", "will", "with", "you", "your",
];

/// Chinese question words that say little about the topic.
const STOP_PAIRS: &[&str] = &[
    "怎么", "么办", "如何", "什么", "为什", "么样", "怎样", "可以", "我的", "一下", "为何", "哪里",
    "是否", "的话", "需要", "应该", "该怎", "办法", "请问",
];

/// One query term and the index terms it may match, each with a weight
/// (1 for the term itself).
#[derive(Debug, Clone, PartialEq)]
pub struct Clause {
    pub expansions: Vec<(u32, f32)>,
    /// The term as typed, when the index has it.
    pub exact: Option<u32>,
    /// The rarity every other expansion is scored with: that of the most
    /// common one, so that a rare completion or near spelling does not
    /// outrank a common one only for being rare.
    pub others_rarity: f32,
    /// How much matching this term counts towards matching the whole query.
    pub weight: f32,
}

/// Another way to say some query terms: a synonym's index terms.
#[derive(Debug, Clone, PartialEq)]
pub struct Alternative {
    pub terms: Vec<u32>,
    pub weight: f32,
}

/// Query terms that belong together: one term, or the terms of a phrase
/// that has synonyms.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Group {
    pub clauses: Vec<Clause>,
    pub alternatives: Vec<Alternative>,
    /// How much the group counts towards matching the whole query.
    pub weight: f32,
}

/// What to look for.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Plan {
    pub groups: Vec<Group>,
}

impl Plan {
    /// Every index term the plan may match, for highlighting.
    pub fn terms(&self) -> Vec<u32> {
        let mut terms: Vec<u32> = self
            .groups
            .iter()
            .flat_map(|group| {
                let literal = group
                    .clauses
                    .iter()
                    .flat_map(|c| c.expansions.iter().map(|e| e.0));
                let other = group
                    .alternatives
                    .iter()
                    .flat_map(|a| a.terms.iter().copied());
                literal.chain(other)
            })
            .collect();
        terms.sort_unstable();
        terms.dedup();
        terms
    }
}

/// Plans the query `text` against `index`.
pub fn plan(index: &Index, synonyms: &Synonyms, text: &str) -> Plan {
    let mut found = tokens(text, Mode::Query);
    found.truncate(MAX_QUERY_TERMS);
    let typed_to = text.chars().count();
    let typing = !text.ends_with(char::is_whitespace);
    // The word being typed is the last one, if nothing follows it.
    let is_typed = |token: &Token| typing && token.end == typed_to;
    drop_question_phrases(&mut found);
    if found.iter().any(|token| !is_stop(token)) {
        found.retain(|token| !is_stop(token) || is_typed(token));
    }
    let prefix_at = found
        .last()
        .filter(|token| is_typed(token))
        .map(|_| found.len() - 1);

    let keys: Vec<Key> = found.iter().map(|token| token.key.clone()).collect();
    let mut spans: Vec<(usize, usize, Vec<Alternative>)> = Vec::new();
    let mut matches = synonyms.find(&keys);
    matches.sort_by_key(|matched| (matched.start, matched.end));
    for matched in matches {
        let alternatives = matched
            .others
            .iter()
            .filter_map(|member| alternative(index, member));
        match spans.last_mut() {
            Some(span)
                if matched.start < span.1 || (matched.start, matched.end) == (span.0, span.1) =>
            {
                span.0 = span.0.min(matched.start);
                span.1 = span.1.max(matched.end);
                span.2.extend(alternatives);
            }
            _ => spans.push((matched.start, matched.end, alternatives.collect())),
        }
    }

    let n = index.docs.len();
    let clause = |at: usize| expand(index, &found[at], Some(at) == prefix_at);
    let mut groups = Vec::new();
    let mut at = 0;
    let mut spans = spans.into_iter().peekable();
    while at < found.len() {
        let group = match spans.peek() {
            Some(&(start, end, _)) if start == at => {
                let (_, _, alternatives) = spans.next().unwrap_or((start, end, Vec::new()));
                at = end;
                let clauses: Vec<Clause> = (start..end).filter_map(clause).collect();
                let literal: f32 = clauses.iter().map(|c| c.weight).sum();
                let other = alternatives
                    .iter()
                    .map(|a| {
                        a.terms
                            .iter()
                            .map(|&t| idf(index.df[t as usize], n))
                            .sum::<f32>()
                    })
                    .fold(0.0, f32::max);
                let weight = literal.max(other);
                Group {
                    clauses,
                    alternatives,
                    weight,
                }
            }
            _ => {
                at += 1;
                let clauses: Vec<Clause> = clause(at - 1).into_iter().collect();
                let weight = clauses.iter().map(|c| c.weight).sum();
                Group {
                    clauses,
                    alternatives: Vec::new(),
                    weight,
                }
            }
        };
        if !group.clauses.is_empty() || !group.alternatives.is_empty() {
            groups.push(group);
        }
    }
    Plan { groups }
}

/// Words that, after "how", ask a question rather than name a topic ("how
/// long", "how much").
const QUESTION_AFTER_HOW: &[&str] = &["long", "many", "much", "often", "soon"];

/// Drops English question phrases such as "how long" from the query
/// terms, so that "long" does not look for long things.
fn drop_question_phrases(found: &mut Vec<Token>) {
    let is = |token: &Token, word: &str| matches!(&token.key, Key::Text(text) if text == word);
    let mut at = 0;
    while at + 1 < found.len() {
        if is(&found[at], "how")
            && QUESTION_AFTER_HOW
                .iter()
                .any(|word| is(&found[at + 1], word))
        {
            found.drain(at..at + 2);
        } else {
            at += 1;
        }
    }
}

/// Whether a query term is a stop word (or a Chinese question word).
pub fn is_stop(token: &Token) -> bool {
    match &token.key {
        Key::Text(text) => {
            token.kind == Kind::Word && STOP_WORDS.binary_search(&text.as_str()).is_ok()
        }
        Key::Cjk(key) => {
            let pair: String = [(key >> 32) as u32, *key as u32]
                .into_iter()
                .filter_map(char::from_u32)
                .collect();
            STOP_PAIRS.contains(&pair.as_str())
        }
    }
}

/// A synonym's terms, if the index has any of them.
fn alternative(index: &Index, member: &[Key]) -> Option<Alternative> {
    let terms: Vec<u32> = member.iter().filter_map(|key| index.lookup(key)).collect();
    (terms.len() == member.len()).then_some(Alternative {
        terms,
        weight: SYNONYM_WEIGHT,
    })
}

/// Adds `term` with `weight`, or raises the weight of a term already there.
fn add(expansions: &mut Vec<(u32, f32)>, term: u32, weight: f32) {
    match expansions.iter_mut().find(|e| e.0 == term) {
        Some(known) => known.1 = known.1.max(weight),
        None => expansions.push((term, weight)),
    }
}

/// The index terms a query term may match, or `None` if it matches none.
fn expand(index: &Index, token: &Token, typing: bool) -> Option<Clause> {
    let mut expansions: Vec<(u32, f32)> = Vec::new();
    let exact = index.lookup(&token.key);
    if let Some(term) = exact {
        add(&mut expansions, term, 1.0);
    }
    let typed = match (&token.key, token.kind) {
        (Key::Text(_), Kind::Word) => token.surface.as_str(),
        (Key::Text(text), _) => text.as_str(),
        (Key::Cjk(_), _) => "",
    };
    let typed_len = typed.chars().count();
    if typing && typed_len >= 2 {
        let mut completions: Vec<(&str, u32)> = index.with_prefix(typed).collect();
        completions.sort_by_key(|(text, term)| (text.len(), *term));
        for (text, term) in completions.into_iter().take(MAX_COMPLETIONS) {
            let closeness = typed_len as f32 / text.chars().count().max(1) as f32;
            add(
                &mut expansions,
                term,
                PREFIX_WEIGHT * (0.7 + 0.3 * closeness),
            );
        }
    }
    // Typos are looked for only when the word as typed (or completed) is
    // not in any article; for the word being typed, in the words' starts.
    if token.kind == Kind::Word && expansions.is_empty() {
        let max = allowed_edits(typed_len);
        for (term, edits) in near_spellings(index, typed, max, typing) {
            let weight = match edits {
                0 => 1.0,
                1 => ONE_TYPO_WEIGHT,
                _ => TWO_TYPO_WEIGHT,
            };
            let weight = if typing {
                weight * PREFIX_WEIGHT
            } else {
                weight
            };
            add(&mut expansions, term, weight);
        }
    }
    if expansions.is_empty() {
        return None;
    }
    // Weigh the query term by its most likely reading.
    let n = index.docs.len();
    expansions.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
    let weight = idf(index.df[expansions[0].0 as usize], n);
    let most_common = expansions
        .iter()
        .filter(|(term, _)| Some(*term) != exact)
        .map(|(term, _)| index.df[*term as usize])
        .max()
        .unwrap_or(0);
    Some(Clause {
        expansions,
        exact,
        others_rarity: idf(most_common, n),
        weight,
    })
}

#[cfg(test)]
mod tests {
    use super::STOP_WORDS;

    #[test]
    fn stop_words_are_sorted_for_binary_search() {
        assert!(STOP_WORDS.windows(2).all(|w| w[0] < w[1]));
    }
}
