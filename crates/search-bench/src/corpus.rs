//! The generated knowledge base: a seeded mix of English, simplified and
//! traditional Chinese after-sales articles (about half Chinese), each with a
//! title, tags and 300–800 characters of text about one product, one model
//! number, one error code and one problem.

use aftercare_core::Article;

use crate::random::Random;
use crate::vocabulary::{Vocabulary, CATEGORIES, CODE_LETTERS, ENGLISH, MODEL_PREFIXES};
use crate::vocabulary::{SIMPLIFIED, TRADITIONAL};

/// The seed every bench run uses, so all runs see the same corpus.
pub const SEED: u64 = 0x00AF_7E2C_A2E5;

/// The things one article is about.
struct Topic {
    product: usize,
    part: usize,
    problem: usize,
    service: usize,
    model: String,
    code: String,
}

/// The vocabulary of a locale tag of the corpus.
pub fn vocabulary(locale: &str) -> &'static Vocabulary {
    match locale {
        "zh-CN" => &SIMPLIFIED,
        "zh-TW" => &TRADITIONAL,
        _ => &ENGLISH,
    }
}

/// `count` articles generated from `seed`; the same seed gives the same
/// articles.
pub fn generate(count: usize, seed: u64) -> Vec<Article> {
    let mut random = Random::new(seed);
    (0..count).map(|n| article(n, &mut random)).collect()
}

fn article(n: usize, random: &mut Random) -> Article {
    let locale = match random.below(4) {
        0 => "zh-CN",
        1 => "zh-TW",
        _ => "en",
    };
    let words = vocabulary(locale);
    let product = random.below(words.products.len());
    let topic = Topic {
        product,
        part: random.below(words.parts.len()),
        problem: random.below(words.problems.len()),
        service: random.below(words.services.len()),
        model: format!("{}{}", MODEL_PREFIXES[product], random.between(1, 40)),
        code: format!("{}{}", random.pick(CODE_LETTERS), random.between(1, 99)),
    };
    let template = *random.pick(words.titles);
    let title = fill(template, words, &topic, random, false);
    let target = random.between(300, 800);
    let mut text = String::new();
    while text.chars().count() < target {
        let template = *random.pick(words.sentences);
        let sentence = fill(template, words, &topic, random, true);
        if words.spaced && !text.is_empty() {
            text.push(' ');
        }
        text.push_str(&sentence);
    }
    let mut tags = vec![
        words.products[topic.product].to_string(),
        words.problems[topic.problem].to_string(),
    ];
    if random.percent(70) {
        tags.push(topic.model.clone());
    }
    if random.percent(50) {
        tags.push(topic.code.clone());
    }
    Article {
        id: format!("gen-{n:05}"),
        locale: locale.to_string(),
        category: random.pick(CATEGORIES).to_string(),
        html: format!("<h1>{title}</h1><p>{text}</p>"),
        title,
        tags,
        text,
        updated_at: format!(
            "2026-{:02}-{:02}T08:00:00Z",
            random.between(1, 12),
            random.between(1, 28)
        ),
    }
}

/// A template with its slots filled: mostly from the article's topic, and in
/// body sentences now and then with another word, as real articles wander.
fn fill(
    template: &str,
    words: &Vocabulary,
    topic: &Topic,
    random: &mut Random,
    wander: bool,
) -> String {
    let mut out = String::with_capacity(template.len() + 32);
    let mut rest = template;
    while let Some(start) = rest.find('{') {
        out.push_str(&rest[..start]);
        let end = start
            + rest[start..]
                .find('}')
                .expect("templates close their slots");
        let slot = &rest[start + 1..end];
        let other = wander && random.percent(25);
        let value = match slot {
            "product" if other => random.pick(words.products).to_string(),
            "product" => words.products[topic.product].to_string(),
            "part" if other => random.pick(words.parts).to_string(),
            "part" => words.parts[topic.part].to_string(),
            "problem" if other => random.pick(words.problems).to_string(),
            "problem" => words.problems[topic.problem].to_string(),
            "service" if other => random.pick(words.services).to_string(),
            "service" => words.services[topic.service].to_string(),
            "model" => topic.model.clone(),
            "code" => topic.code.clone(),
            "minutes" => random.between(2, 30).to_string(),
            unknown => panic!("unknown template slot {unknown}"),
        };
        out.push_str(&value);
        rest = &rest[end + 1..];
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_seed_gives_the_same_articles_and_another_seed_others() {
        let first = generate(300, SEED);
        assert_eq!(first, generate(300, SEED));
        assert_ne!(first, generate(300, SEED + 1));
    }

    #[test]
    fn articles_are_mixed_and_sized_as_promised() {
        let articles = generate(1000, SEED);
        let chinese = articles.iter().filter(|a| a.locale != "en").count();
        assert!((400..=600).contains(&chinese), "{chinese} Chinese articles");
        for article in &articles {
            let chars = article.text.chars().count();
            assert!((300..=1100).contains(&chars), "{}: {chars}", article.id);
            assert!(article.tags.len() >= 2);
        }
    }
}
