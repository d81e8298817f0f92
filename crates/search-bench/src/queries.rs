//! The query sets, derived from a generated corpus: "exact" queries are one
//! to three words, partial Chinese words, model numbers or error codes that
//! occur in an article; "typo" queries are English words of five or more
//! letters with one edit (substitution, transposition, deletion or
//! insertion), and, since Chinese has no typos to tolerate, other partial
//! Chinese words.

use std::collections::HashSet;

use aftercare_core::Article;
use serde::{Deserialize, Serialize};

use crate::random::Random;

/// One bench query and where it came from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BenchQuery {
    pub text: String,
    /// The locale tag the customer searches in (the source article's).
    pub locale: String,
    /// `exact` or `typo`.
    pub kind: String,
    /// The id of the article the query was taken from.
    pub source: String,
}

/// `count` exact queries taken from `articles`.
pub fn exact_queries(articles: &[Article], count: usize, seed: u64) -> Vec<BenchQuery> {
    let mut random = Random::new(seed ^ 0xE7AC);
    (0..count)
        .map(|_| {
            let article = random.pick(articles);
            let text = if random.percent(15) {
                code_of(article, &mut random)
            } else if article.locale == "en" {
                english_phrase(article, &mut random)
            } else {
                chinese_terms(article, &mut random)
            };
            query(text, article, "exact")
        })
        .collect()
}

/// `count` typo queries taken from `articles`: two in three misspell an
/// English word, one in three is a Chinese partial word.
pub fn typo_queries(articles: &[Article], count: usize, seed: u64) -> Vec<BenchQuery> {
    let mut random = Random::new(seed ^ 0x7790);
    let known = corpus_words(articles);
    let english: Vec<&Article> = articles.iter().filter(|a| a.locale == "en").collect();
    let chinese: Vec<&Article> = articles.iter().filter(|a| a.locale != "en").collect();
    (0..count)
        .map(|_| {
            if random.below(3) < 2 {
                let article = *random.pick(&english);
                let text = misspelt(article, &known, &mut random);
                query(text, article, "typo")
            } else {
                let article = *random.pick(&chinese);
                let text = chinese_terms(article, &mut random);
                query(text, article, "typo")
            }
        })
        .collect()
}

fn query(text: String, article: &Article, kind: &str) -> BenchQuery {
    BenchQuery {
        text,
        locale: article.locale.clone(),
        kind: kind.to_string(),
        source: article.id.clone(),
    }
}

/// Whether every term of `text` occurs (ignoring case) in the article's
/// title, tags or text.
pub fn occurs_in(text: &str, article: &Article) -> bool {
    let haystack = format!(
        "{} {} {}",
        article.title,
        article.tags.join(" "),
        article.text
    )
    .to_lowercase();
    text.split_whitespace()
        .all(|term| haystack.contains(&term.to_lowercase()))
}

/// The words of a Latin text, stripped of punctuation.
pub fn latin_words(text: &str) -> impl Iterator<Item = &str> {
    text.split_whitespace()
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()))
        .filter(|w| !w.is_empty())
}

/// The runs of Chinese characters in a text.
pub fn chinese_runs(text: &str) -> Vec<Vec<char>> {
    let mut runs = vec![Vec::new()];
    for c in text.chars() {
        if is_cjk(c) {
            runs.last_mut().expect("never empty").push(c);
        } else if !runs.last().expect("never empty").is_empty() {
            runs.push(Vec::new());
        }
    }
    runs.retain(|run| run.len() >= 2);
    runs
}

/// Whether `c` is a CJK ideograph.
pub fn is_cjk(c: char) -> bool {
    matches!(c, '\u{3400}'..='\u{4DBF}' | '\u{4E00}'..='\u{9FFF}' | '\u{F900}'..='\u{FAFF}')
}

/// A model number or an error code of the article, sometimes only the part
/// after the dash (`NVR8` for `LW-NVR8`).
fn code_of(article: &Article, random: &mut Random) -> String {
    let codes: Vec<&String> = article
        .tags
        .iter()
        .filter(|t| t.chars().any(|c| c.is_ascii_digit()))
        .collect();
    let code = match codes.is_empty() {
        true => format!("{} {}", article.title, article.text)
            .split(|c: char| !(c.is_ascii_alphanumeric() || c == '-'))
            .find(|w| w.chars().any(|c| c.is_ascii_digit()) && w.len() >= 2)
            .unwrap_or("E1")
            .to_string(),
        false => random.pick(&codes).to_string(),
    };
    match code.split_once('-') {
        Some((_, tail)) if random.percent(30) => tail.to_string(),
        _ if random.percent(40) => code.to_lowercase(),
        _ => code,
    }
}

/// One to three consecutive words of the title or the text.
fn english_phrase(article: &Article, random: &mut Random) -> String {
    let field = if random.percent(40) {
        &article.title
    } else {
        &article.text
    };
    let words: Vec<&str> = latin_words(field).collect();
    let phrase = loop {
        let length = random.between(1, 3).min(words.len());
        let start = random.below(words.len() - length + 1);
        let picked = &words[start..start + length];
        // Nobody searches for a lone "the" or "29".
        if picked.iter().any(|w| is_searchable(w)) {
            break picked.join(" ");
        }
    };
    if random.percent(50) {
        phrase.to_lowercase()
    } else {
        phrase
    }
}

/// Whether a lone English word is something a customer would search for.
fn is_searchable(word: &str) -> bool {
    const LITTLE: &[&str] = &[
        "the", "for", "and", "that", "with", "from", "your", "you", "its", "has", "are", "not",
        "what", "how", "before", "after", "when", "would", "this", "first", "least",
    ];
    word.chars().count() >= 3
        && !word.chars().all(|c| c.is_ascii_digit())
        && !LITTLE.contains(&word.to_lowercase().as_str())
}

/// One or two partial Chinese words (two to four characters each) of the
/// title or the text.
fn chinese_terms(article: &Article, random: &mut Random) -> String {
    let mut runs = chinese_runs(&article.title);
    runs.extend(chinese_runs(&article.text));
    let piece = |random: &mut Random| {
        let run = random.pick(&runs);
        let length = random.between(2, 4).min(run.len());
        let start = random.below(run.len() - length + 1);
        run[start..start + length].iter().collect::<String>()
    };
    let first = piece(random);
    if random.percent(25) {
        format!("{first} {}", piece(random))
    } else {
        first
    }
}

/// Every lower-cased Latin word of the corpus.
fn corpus_words(articles: &[Article]) -> HashSet<String> {
    articles
        .iter()
        .flat_map(|a| latin_words(&a.title).chain(latin_words(&a.text)))
        .map(str::to_lowercase)
        .collect()
}

/// An English word of five or more letters from the article with one edit
/// that makes it no word of the corpus, sometimes after a correct word.
fn misspelt(article: &Article, known: &HashSet<String>, random: &mut Random) -> String {
    let words: Vec<String> = latin_words(&article.text)
        .filter(|w| w.len() >= 5 && w.chars().all(|c| c.is_ascii_alphabetic()))
        .map(str::to_lowercase)
        .collect();
    loop {
        let word = random.pick(&words);
        let typo = one_edit(word, random);
        if typo != *word && !known.contains(&typo) {
            if random.percent(25) {
                let other = random.pick(&words);
                return format!("{other} {typo}");
            }
            return typo;
        }
    }
}

/// `word` (lower-case ASCII) with one random edit.
pub fn one_edit(word: &str, random: &mut Random) -> String {
    let mut chars: Vec<char> = word.chars().collect();
    let letter = (b'a' + random.below(26) as u8) as char;
    let at = random.below(chars.len());
    match random.below(4) {
        0 => chars[at] = letter,
        1 if at + 1 < chars.len() => chars.swap(at, at + 1),
        1 => chars.swap(at - 1, at),
        2 => {
            chars.remove(at);
        }
        _ => chars.insert(at, letter),
    }
    chars.into_iter().collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::{generate, SEED};

    fn find<'a>(articles: &'a [Article], id: &str) -> &'a Article {
        articles
            .iter()
            .find(|a| a.id == id)
            .expect("the source exists")
    }

    #[test]
    fn every_exact_query_occurs_in_its_article() {
        let articles = generate(1000, SEED);
        let queries = exact_queries(&articles, 200, SEED);
        assert_eq!(queries.len(), 200);
        for query in &queries {
            let article = find(&articles, &query.source);
            assert_eq!(query.locale, article.locale);
            assert!(query.text.chars().count() <= 40, "{:?}", query.text);
            assert!(
                occurs_in(&query.text, article),
                "{:?} is not in {}",
                query.text,
                article.id
            );
        }
        let chinese = queries.iter().filter(|q| q.locale != "en").count();
        assert!(chinese >= 60, "only {chinese} Chinese queries");
    }

    #[test]
    fn every_typo_is_one_edit_away_and_no_word_of_the_corpus() {
        let articles = generate(1000, SEED);
        let known = corpus_words(&articles);
        let queries = typo_queries(&articles, 200, SEED);
        let english: Vec<_> = queries.iter().filter(|q| q.locale == "en").collect();
        assert!(english.len() >= 100, "only {} English typos", english.len());
        for query in english {
            let typo = query.text.split_whitespace().last().expect("a word");
            assert!(!known.contains(typo), "{typo} is a real word");
            assert!(typo.len() >= 4);
        }
    }

    #[test]
    fn the_query_sets_are_deterministic() {
        let articles = generate(500, SEED);
        assert_eq!(
            exact_queries(&articles, 50, SEED),
            exact_queries(&articles, 50, SEED)
        );
        assert_eq!(
            typo_queries(&articles, 50, SEED),
            typo_queries(&articles, 50, SEED)
        );
    }

    #[test]
    fn one_edit_changes_the_length_by_at_most_one() {
        let mut random = Random::new(7);
        for _ in 0..500 {
            let typo = one_edit("printer", &mut random);
            assert!((6..=8).contains(&typo.len()), "{typo}");
        }
    }
}
