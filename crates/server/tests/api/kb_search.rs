//! `GET /api/v1/kb/search`: answers in the core's `SearchResults` shape,
//! Chinese and English queries, the locale tiers, the category filter, the
//! parameter checks, and an index that follows imports and deletions.

use aftercare_core::problem::kinds;
use aftercare_core::SearchResults;
use aftercare_server::kb::search_cache::CHECK_EVERY;
use serde_json::Value;

use crate::common::{demo_entries, entry, problem_errors, TestApp, TestResponse};

fn results(response: &TestResponse) -> SearchResults {
    assert_eq!(response.status, 200, "{}", response.text());
    assert_eq!(response.header("content-type"), "application/json");
    serde_json::from_slice(&response.body).expect("SearchResults")
}

fn ids(results: &SearchResults) -> Vec<&str> {
    results.results.iter().map(|hit| hit.id.as_str()).collect()
}

/// The same error code in three locales, plus one about something else.
async fn app_with_error_code_articles() -> TestApp {
    let app = TestApp::empty().await;
    let mut entries = vec![
        entry(
            "e07-tw",
            "zh-TW",
            "troubleshooting",
            "E07 錯誤代碼：卡紙",
            "印表機顯示 E07 時，請打開上蓋取出卡住的標籤。",
        ),
        entry(
            "e07-cn",
            "zh-CN",
            "troubleshooting",
            "E07 故障代码：卡纸",
            "打印机显示 E07 时，请打开上盖取出卡住的标签。",
        ),
        entry(
            "e07-en",
            "en",
            "troubleshooting",
            "E07 error code: paper jam",
            "When the printer shows E07, open the cover and remove the jammed label.",
        ),
        entry(
            "e07-fees-cn",
            "zh-CN",
            "billing",
            "E07 维修收费",
            "E07 卡纸的上门维修按统一收费标准收费。",
        ),
    ];
    entries.push(entry(
        "cleaning-en",
        "en",
        "usage",
        "Cleaning the cabinet",
        "Wipe the shelves weekly.",
    ));
    app.import(&entries, false).await.unwrap();
    app
}

#[tokio::test]
async fn a_chinese_query_finds_the_demo_article_in_the_core_shape() {
    let app = TestApp::with_demo().await;
    let found = results(
        &app.get("/api/v1/kb/search?q=%E6%8A%A5%E4%BF%AE&locale=zh-CN")
            .await,
    );
    assert!(
        ids(&found).contains(&"how-to-request-service-zh-cn"),
        "{:?}",
        ids(&found)
    );
    for hit in &found.results {
        let demo = demo_entries()
            .into_iter()
            .find(|e| e["id"] == hit.id.as_str())
            .unwrap_or_else(|| panic!("{} is not a demo article", hit.id));
        assert_eq!(hit.title, demo["title"]);
        assert_eq!(hit.category, demo["category"]);
        assert_eq!(hit.locale, demo["locale"]);
        assert!(!hit.snippet.is_empty());
        let chars = hit.snippet.chars().count();
        assert!(
            hit.highlights.iter().all(|[s, e]| s < e && *e <= chars),
            "{hit:?}"
        );
    }
    // The JSON has exactly the documented keys.
    let raw: Value = app
        .get("/api/v1/kb/search?q=%E6%8A%A5%E4%BF%AE&locale=zh-CN")
        .await
        .json();
    let first = raw["results"][0].as_object().unwrap();
    let mut keys: Vec<&str> = first.keys().map(String::as_str).collect();
    keys.sort_unstable();
    assert_eq!(
        keys,
        [
            "category",
            "highlights",
            "id",
            "locale",
            "score",
            "snippet",
            "title"
        ]
    );
}

#[tokio::test]
async fn an_english_query_finds_english_articles() {
    let app = TestApp::with_demo().await;
    let found = results(&app.get("/api/v1/kb/search?q=warranty&locale=en").await);
    assert!(
        ids(&found).contains(&"warranty-terms-en"),
        "{:?}",
        ids(&found)
    );
    assert!(found.results.len() <= 10);
}

#[tokio::test]
async fn zh_tw_customers_get_zh_tw_articles_first_then_zh_cn() {
    let app = app_with_error_code_articles().await;
    let found = results(&app.get("/api/v1/kb/search?q=E07&locale=zh-TW").await);
    let locales: Vec<&str> = found.results.iter().map(|h| h.locale.as_str()).collect();
    assert_eq!(locales.first(), Some(&"zh-TW"), "{locales:?}");
    let first_cn = locales.iter().position(|l| *l == "zh-CN");
    assert!(first_cn.is_some(), "zh-CN articles follow: {locales:?}");
    assert!(
        locales[first_cn.unwrap()..].iter().all(|l| *l != "zh-TW"),
        "no zh-TW article after a zh-CN one: {locales:?}"
    );
    // Without `locale`, Accept-Language decides.
    let negotiated = results(&app.get_in("/api/v1/kb/search?q=E07", "zh-TW").await);
    assert_eq!(ids(&negotiated), ids(&found));
    // An English customer's first hit is the English article.
    let english = results(&app.get("/api/v1/kb/search?q=E07&locale=en").await);
    assert_eq!(ids(&english).first(), Some(&"e07-en"));
}

#[tokio::test]
async fn category_and_limit_narrow_the_answer() {
    let app = app_with_error_code_articles().await;
    let billing = results(
        &app.get("/api/v1/kb/search?q=E07&locale=zh-CN&category=billing")
            .await,
    );
    assert_eq!(ids(&billing), ["e07-fees-cn"]);
    let one = results(
        &app.get("/api/v1/kb/search?q=E07&locale=zh-CN&limit=1")
            .await,
    );
    assert_eq!(one.results.len(), 1);
}

#[tokio::test]
async fn a_blank_or_missing_query_is_an_empty_search() {
    let app = TestApp::with_demo().await;
    for uri in [
        "/api/v1/kb/search",
        "/api/v1/kb/search?q=",
        "/api/v1/kb/search?q=%20%20&locale=en",
    ] {
        let response = app.get(uri).await;
        assert_eq!(response.json(), serde_json::json!({"results": []}), "{uri}");
    }
}

#[tokio::test]
async fn bad_parameters_are_400_problems_pointing_at_each() {
    let app = TestApp::with_demo().await;
    let long = "a".repeat(201);
    let response = app
        .get(&format!(
            "/api/v1/kb/search?q={long}&locale=fr&limit=0&category=nope"
        ))
        .await;
    let problem = response.problem(400, kinds::VALIDATION);
    assert_eq!(
        problem_errors(&problem),
        [
            ("/query/q".to_string(), "too_long".to_string()),
            ("/query/locale".to_string(), "unknown_locale".to_string()),
            ("/query/limit".to_string(), "out_of_range".to_string()),
            ("/query/category".to_string(), "not_an_option".to_string()),
        ]
    );
    for limit in ["0", "ten", "-1"] {
        let response = app
            .get(&format!("/api/v1/kb/search?q=a&limit={limit}"))
            .await;
        let problem = response.problem(400, kinds::VALIDATION);
        assert_eq!(problem["errors"][0]["pointer"], "/query/limit", "{limit}");
    }
    // The edges are allowed.
    let edge = "a".repeat(200);
    let response = app
        .get(&format!(
            "/api/v1/kb/search?q={edge}&limit=50&locale=zh-TW&category=warranty"
        ))
        .await;
    results(&response);
}

#[tokio::test]
async fn the_index_follows_imports_and_deletions() {
    let app = TestApp::with_demo().await;
    let search = || app.get("/api/v1/kb/search?q=quokka&locale=en");
    assert!(results(&search().await).results.is_empty());
    assert_eq!(app.state.search.builds(), 1);

    let quokka = entry(
        "quokka-en",
        "en",
        "usage",
        "Quokka mode",
        "The quokka mode keeps the cabinet cool.",
    );
    let mut entries = demo_entries();
    entries.push(quokka);
    app.import(&entries, false).await.unwrap();
    // The index is checked at most every CHECK_EVERY...
    assert!(results(&search().await).results.is_empty());
    // ...and then it sees the new article.
    app.clock.advance(CHECK_EVERY);
    assert_eq!(ids(&results(&search().await)), ["quokka-en"]);
    assert_eq!(app.state.search.builds(), 2);

    // Nothing changed: the next check keeps the index.
    app.clock.advance(CHECK_EVERY);
    assert_eq!(ids(&results(&search().await)), ["quokka-en"]);
    assert_eq!(app.state.search.builds(), 2);

    // Pruned away, it is gone from the answers.
    app.import(&demo_entries(), true).await.unwrap();
    app.clock.advance(CHECK_EVERY);
    assert!(results(&search().await).results.is_empty());
    assert_eq!(app.state.search.builds(), 3);
}

#[tokio::test]
async fn a_row_removed_by_hand_is_noticed_by_the_count() {
    let app = app_with_error_code_articles().await;
    let search = || app.get("/api/v1/kb/search?q=cabinet&locale=en");
    assert_eq!(ids(&results(&search().await)), ["cleaning-en"]);
    sqlx::query("DELETE FROM kb_articles WHERE id = 'cleaning-en'")
        .execute(app.db.pool())
        .await
        .unwrap();
    app.clock.advance(CHECK_EVERY);
    assert!(results(&search().await).results.is_empty());
}

#[tokio::test]
async fn the_portal_publishes_the_synonyms() {
    let app = TestApp::empty().await;
    let portal = app.get("/api/v1/portal").await.json();
    let sets = portal["search"]["synonyms"].as_array().unwrap();
    assert!(sets
        .iter()
        .any(|set| set.as_array().unwrap().iter().any(|w| w == "报修")));
    assert_eq!(
        portal["search"],
        serde_json::to_value(&app.portal.search).unwrap()
    );
}
