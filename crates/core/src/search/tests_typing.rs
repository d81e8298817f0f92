//! Tests of matching the word being typed and forgiving typos.

use super::tests::{article, corpus, en, settings};
use super::*;

#[test]
fn the_word_being_typed_matches_as_a_prefix() {
    let index = SearchIndex::build(&corpus(), &settings());
    assert_eq!(en(&index, "warr"), ["warranty"]);
    assert!(
        en(&index, "warr ").is_empty(),
        "a finished word is not a prefix"
    );
    assert!(
        en(&index, "w").is_empty(),
        "one letter is too short for a prefix"
    );
    // "calibr" completes "calibration" and "calibrating".
    assert_eq!(en(&index, "label calibr"), ["printer-setup"]);
}

#[test]
fn a_rare_completion_does_not_win_for_being_rare() {
    let mut articles: Vec<Article> = ["a", "b", "c"]
        .iter()
        .map(|id| {
            article(
                id,
                "en",
                "warranty",
                "Warranty",
                &[],
                "The warranty covers repairs.",
            )
        })
        .collect();
    articles.push(article(
        "warm",
        "en",
        "usage",
        "Room",
        &[],
        "Keep the room warm.",
    ));
    let index = SearchIndex::build(&articles, &SearchSettings::default());
    assert_eq!(en(&index, "war"), ["a", "b", "c", "warm"]);
}

#[test]
fn exact_beats_prefix_and_typos_are_only_a_fallback() {
    let articles = vec![
        article("exact", "en", "usage", "Notes", &[], "The gate is here."),
        article(
            "prefix",
            "en",
            "usage",
            "Notes",
            &[],
            "The gateway is here.",
        ),
        article("typo", "en", "usage", "Notes", &[], "The gale is here."),
    ];
    let index = SearchIndex::build(&articles, &SearchSettings::default());
    assert_eq!(en(&index, "gate"), ["exact", "prefix"]);
    assert_eq!(en(&index, "gate "), ["exact"]);
    // No article has "gatw" or "gaet", so the word one typo away stands in.
    assert_eq!(en(&index, "gatw "), ["exact"]);
    assert_eq!(en(&index, "gaet "), ["exact"]);
    assert_eq!(en(&index, "gael "), ["typo"]);
}

#[test]
fn typos_are_forgiven_by_word_length() {
    let index = SearchIndex::build(&corpus(), &settings());
    assert_eq!(
        en(&index, "warrnaty "),
        ["warranty"],
        "one swap in eight letters"
    );
    assert!(
        en(&index, "wrranyt ").is_empty(),
        "two edits in seven letters is too many"
    );
    assert_eq!(
        en(&index, "gatewya "),
        ["reset-gateway"],
        "a swap in seven letters"
    );
    assert_eq!(
        en(&index, "warrn"),
        ["warranty"],
        "a typo in the word being typed"
    );
    assert!(en(&index, "fam ").is_empty(), "three letters must be exact");
    assert!(
        en(&index, "gtwy ").is_empty(),
        "two edits in four letters is too many"
    );
}
