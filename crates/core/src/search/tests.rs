//! Tests of the search engine as a whole, on small hand-made corpora.

use super::*;

pub(super) fn article(
    id: &str,
    locale: &str,
    category: &str,
    title: &str,
    tags: &[&str],
    text: &str,
) -> Article {
    Article {
        id: id.into(),
        locale: locale.into(),
        category: category.into(),
        title: title.into(),
        tags: tags.iter().map(|tag| tag.to_string()).collect(),
        html: String::new(),
        text: text.into(),
        updated_at: "2026-01-01T00:00:00Z".into(),
    }
}

pub(super) fn corpus() -> Vec<Article> {
    vec![
        article("printer-errors", "en", "troubleshooting", "BW-200 error codes", &["BW-200", "E17"],
            "The printer shows E17 when the printhead is open. Close the head until it clicks."),
        article("printer-setup", "en", "installation", "Setting up the label printer", &["setup", "BW-200"],
            "Unpack the printer, load the labels and run a calibration. Calibrating takes a minute."),
        article("e71-other", "en", "troubleshooting", "Display shows E71", &[],
            "E71 means the fan is blocked."),
        article("warranty", "en", "warranty", "Warranty terms", &["warranty"],
            "Repairs during the warranty are free of charge. Keep your invoice as proof of purchase."),
        article("reset-gateway", "en", "troubleshooting", "Gateway shows offline", &["gateway"],
            "As a last resort, do a factory reset: hold the button for ten seconds."),
        article("nvr-setup", "en", "installation", "Installing the LW-NVR8 recorder", &["LW-NVR8"],
            "Mount the NVR8 on a shelf and connect the cameras."),
        article("cool-cn", "zh-CN", "troubleshooting", "展示柜不制冷怎么办", &["不制冷"],
            "如果展示柜不制冷，请先检查冷凝器是否清洁，然后报修。"),
        article("print-cn", "zh-CN", "usage", "打印机日常保养", &["打印机"],
            "定期清洁打印头，更换碳带时检查打印机的胶辊。"),
        article("repair-cn", "zh-CN", "service-policy", "如何在线报修", &["报修"],
            "登录后点击新建工单即可在线报修。"),
        article("cool-tw", "zh-TW", "troubleshooting", "冷藏櫃不製冷", &[],
            "冷藏櫃不製冷時，請先清潔冷凝器。"),
    ]
}

pub(super) fn settings() -> SearchSettings {
    SearchSettings {
        synonyms: SynonymSets(vec![
            vec!["报修".into(), "维修".into(), "修理".into()],
            vec!["reset".into(), "factory restore".into()],
        ]),
    }
}

pub(super) fn ids(index: &SearchIndex, text: &str, locale: Locale) -> Vec<String> {
    let query = SearchQuery {
        text,
        locale,
        limit: 10,
        category: None,
    };
    index.search(&query).into_iter().map(|hit| hit.id).collect()
}

pub(super) fn en(index: &SearchIndex, text: &str) -> Vec<String> {
    ids(index, text, Locale::En)
}

#[test]
fn finds_model_numbers_in_every_spelling() {
    let index = SearchIndex::build(&corpus(), &settings());
    for text in ["BW-200", "bw200", "BW 200", "bw-200 ", "200 "] {
        assert_eq!(
            en(&index, text).first().map(String::as_str),
            Some("printer-errors"),
            "{text}"
        );
    }
    for text in ["NVR8", "lw-nvr8", "LWNVR8 "] {
        assert_eq!(en(&index, text), ["nvr-setup"], "{text}");
    }
}

#[test]
fn error_codes_do_not_forgive_typos() {
    let index = SearchIndex::build(&corpus(), &settings());
    assert_eq!(en(&index, "E17 "), ["printer-errors"]);
    assert_eq!(en(&index, "E71 "), ["e71-other"]);
}

#[test]
fn a_missing_word_does_not_empty_the_answer_but_more_words_rank_higher() {
    let index = SearchIndex::build(&corpus(), &settings());
    let mut found = en(&index, "printer xylophone ");
    found.sort();
    assert_eq!(found, ["printer-errors", "printer-setup"]);
    assert_eq!(
        en(&index, "printer calibration ")
            .first()
            .map(String::as_str),
        Some("printer-setup")
    );
}

#[test]
fn synonyms_find_the_other_words_but_rank_below_the_literal() {
    let index = SearchIndex::build(&corpus(), &settings());
    assert_eq!(en(&index, "factory restore "), ["reset-gateway"]);
    assert_eq!(ids(&index, "维修", Locale::ZhCn), ["repair-cn", "cool-cn"]);
    let articles = vec![
        article("literal", "zh-CN", "usage", "维修说明", &[], "维修"),
        article("synonym", "zh-CN", "usage", "报修说明", &[], "报修"),
    ];
    let index = SearchIndex::build(&articles, &settings());
    assert_eq!(ids(&index, "维修", Locale::ZhCn), ["literal", "synonym"]);
}

#[test]
fn synonyms_of_several_sets_in_one_query_all_count() {
    // The second set matches first in the query: a plan must not lose it.
    let articles = vec![
        article(
            "hub",
            "en",
            "usage",
            "Gateway",
            &[],
            "Do a factory restore of the gateway.",
        ),
        article(
            "half",
            "en",
            "usage",
            "Gateway",
            &[],
            "The gateway is mounted on a rail.",
        ),
    ];
    let settings = SearchSettings {
        synonyms: SynonymSets(vec![
            vec!["reset".into(), "factory restore".into()],
            vec!["hub".into(), "gateway".into()],
        ]),
    };
    let index = SearchIndex::build(&articles, &settings);
    assert_eq!(en(&index, "hub reset "), ["hub", "half"]);
    let hits = index.search(&SearchQuery {
        text: "hub reset ",
        locale: Locale::En,
        limit: 5,
        category: None,
    });
    let scores: Vec<f32> = hits.iter().map(|hit| hit.score).collect();
    assert!(
        scores[0] > 5.0 * scores[1],
        "both synonyms count: {scores:?}"
    );
}

#[test]
fn question_words_alone_still_search() {
    let index = SearchIndex::build(&corpus(), &settings());
    assert!(en(&index, "how long").is_empty());
    assert!(en(&index, "how").is_empty());
    assert_eq!(en(&index, "how long is the warranty"), ["warranty"]);
}

#[test]
fn chinese_matches_parts_of_words_and_single_characters() {
    let index = SearchIndex::build(&corpus(), &settings());
    assert_eq!(ids(&index, "制冷", Locale::ZhCn), ["cool-cn", "cool-tw"]);
    assert_eq!(ids(&index, "打印", Locale::ZhCn), ["print-cn"]);
    assert_eq!(ids(&index, "胶", Locale::ZhCn), ["print-cn"]);
    assert!(
        ids(&index, "打印", Locale::En).is_empty(),
        "English customers get English only"
    );
}

#[test]
fn locale_tiers_put_the_customers_own_script_first() {
    let index = SearchIndex::build(&corpus(), &settings());
    // The simplified article matches better, yet the traditional one leads.
    assert_eq!(
        ids(&index, "展示柜不制冷", Locale::ZhTw),
        ["cool-tw", "cool-cn"]
    );
    assert_eq!(
        ids(&index, "冷藏櫃不製冷", Locale::ZhCn),
        ["cool-cn", "cool-tw"]
    );
    assert_eq!(en(&index, "不制冷"), Vec::<String>::new());
}

#[test]
fn the_category_filter_keeps_only_that_category() {
    let index = SearchIndex::build(&corpus(), &settings());
    let query = SearchQuery {
        text: "printer",
        locale: Locale::En,
        limit: 10,
        category: Some("installation"),
    };
    let found: Vec<String> = index.search(&query).into_iter().map(|hit| hit.id).collect();
    assert_eq!(found, ["printer-setup"]);
}

#[test]
fn highlights_are_character_ranges_on_the_matched_text() {
    let long = format!(
        "{} The status LED turns red when the printhead overheats. {}",
        "Filler words. ".repeat(20),
        "More filler. ".repeat(20)
    );
    let articles = vec![
        article("long", "en", "usage", "Notes", &[], &long),
        article(
            "cn",
            "zh-CN",
            "usage",
            "说明",
            &[],
            "如果展示柜不制冷，请先检查冷凝器。",
        ),
    ];
    let index = SearchIndex::build(&articles, &SearchSettings::default());
    let hit = &index.search(&SearchQuery {
        text: "printhead overheating",
        locale: Locale::En,
        limit: 5,
        category: None,
    })[0];
    let chars: Vec<char> = hit.snippet.chars().collect();
    assert!(chars.len() <= SNIPPET_WIDTH + 2, "{}", hit.snippet);
    assert!(
        hit.snippet.starts_with('…') && hit.snippet.ends_with('…'),
        "{}",
        hit.snippet
    );
    let marked: Vec<String> = hit
        .highlights
        .iter()
        .map(|[s, e]| chars[*s..*e].iter().collect())
        .collect();
    assert_eq!(marked, ["printhead", "overheats"]);
    assert!(hit.highlights.windows(2).all(|w| w[0][1] <= w[1][0]));

    let hit = &index.search(&SearchQuery {
        text: "制冷 冷凝",
        locale: Locale::ZhCn,
        limit: 5,
        category: None,
    })[0];
    let chars: Vec<char> = hit.snippet.chars().collect();
    let marked: Vec<String> = hit
        .highlights
        .iter()
        .map(|[s, e]| chars[*s..*e].iter().collect())
        .collect();
    assert_eq!(marked, ["制冷", "冷凝"]);
}

#[test]
fn a_title_only_match_shows_the_start_of_the_text() {
    let index = SearchIndex::build(&corpus(), &settings());
    let hit = &index.search(&SearchQuery {
        text: "terms",
        locale: Locale::En,
        limit: 5,
        category: None,
    })[0];
    assert_eq!(hit.id, "warranty");
    assert!(hit.snippet.starts_with("Repairs during"), "{}", hit.snippet);
    assert!(hit.highlights.is_empty());
}

#[test]
fn related_articles_share_tags_and_title_words_in_the_same_locale() {
    let index = SearchIndex::build(&corpus(), &settings());
    let related: Vec<String> = index
        .related("cool-cn", 5)
        .into_iter()
        .map(|hit| hit.id)
        .collect();
    assert!(!related.contains(&"cool-cn".to_string()));
    assert!(
        !related.contains(&"cool-tw".to_string()),
        "another locale is not related"
    );
    let related: Vec<String> = index
        .related("printer-errors", 5)
        .into_iter()
        .map(|hit| hit.id)
        .collect();
    assert_eq!(related.first().map(String::as_str), Some("printer-setup"));
    assert!(index.related("missing", 5).is_empty());
}

#[test]
fn equal_scores_come_out_in_id_order_every_time() {
    let articles: Vec<Article> = ["c", "a", "b"]
        .iter()
        .map(|id| {
            article(
                id,
                "en",
                "usage",
                "Same title",
                &[],
                "Same text about gateways.",
            )
        })
        .collect();
    let index = SearchIndex::build(&articles, &SearchSettings::default());
    for _ in 0..3 {
        assert_eq!(en(&index, "gateway"), ["a", "b", "c"]);
    }
    assert!(index.approximate_bytes() > 0);
    assert_eq!(index.len(), 3);
}
