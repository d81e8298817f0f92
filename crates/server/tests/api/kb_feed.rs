//! `GET /api/v1/kb/articles`: the delta-sync feed, its paging and its
//! parameter checks.

use std::collections::{BTreeSet, HashSet};

use aftercare_core::problem::kinds;
use aftercare_core::ArticlePage;
use serde_json::Value;

use crate::common::{demo_entries, entry, TestApp};

fn page(response: &crate::common::TestResponse) -> ArticlePage {
    assert_eq!(response.status, 200, "{}", response.text());
    serde_json::from_slice(&response.body).expect("an ArticlePage")
}

fn ids(page: &ArticlePage) -> Vec<&str> {
    page.articles.iter().map(|a| a.id.as_str()).collect()
}

#[tokio::test]
async fn a_locale_gets_its_demo_articles_and_only_those() {
    let app = TestApp::with_demo().await;
    for locale in ["zh-CN", "zh-TW", "en"] {
        let page = page(
            &app.get(&format!("/api/v1/kb/articles?locale={locale}"))
                .await,
        );
        let expected: BTreeSet<String> = demo_entries()
            .iter()
            .filter(|e| e["locale"] == locale)
            .map(|e| e["id"].as_str().unwrap().to_string())
            .collect();
        assert!(!expected.is_empty());
        let got: BTreeSet<String> = page.articles.iter().map(|a| a.id.clone()).collect();
        assert_eq!(got, expected, "{locale}");
        assert!(page.articles.iter().all(|a| a.locale == locale));
        assert!(page
            .articles
            .iter()
            .all(|a| !a.html.is_empty() && !a.text.is_empty()));
        assert!(page.tombstones.is_empty());
        let last = page.articles.last().unwrap();
        assert_eq!(
            page.next_cursor,
            Some(format!("{}~{}", last.updated_at, last.id))
        );
    }
}

#[tokio::test]
async fn without_a_locale_every_article_comes_in_feed_order() {
    let app = TestApp::with_demo().await;
    let page = page(&app.get("/api/v1/kb/articles?limit=500").await);
    assert_eq!(page.articles.len(), demo_entries().len());
    let order: Vec<(&str, &str)> = page
        .articles
        .iter()
        .map(|a| (a.updated_at.as_str(), a.id.as_str()))
        .collect();
    let mut sorted = order.clone();
    sorted.sort();
    assert_eq!(order, sorted);
    assert!(page.articles[0].updated_at.ends_with('Z'));
    assert_eq!(
        page.articles[0].updated_at.len(),
        "2026-11-23T23:30:00.123Z".len()
    );
}

#[tokio::test]
async fn paging_with_limit_and_next_cursor_visits_every_article_once() {
    let app = TestApp::with_demo().await;
    let limit = 5;
    let mut seen = Vec::new();
    let mut since: Option<String> = None;
    for _ in 0..100 {
        let uri = match &since {
            Some(cursor) => format!("/api/v1/kb/articles?limit={limit}&since={cursor}"),
            None => format!("/api/v1/kb/articles?limit={limit}"),
        };
        let page = page(&app.get(&uri).await);
        assert!(page.articles.len() <= limit);
        seen.extend(page.articles.iter().map(|a| a.id.clone()));
        if page.articles.len() < limit {
            // A short page means up to date; its cursor is where to resume.
            let resume = match page.articles.last() {
                Some(last) => Some(format!("{}~{}", last.updated_at, last.id)),
                None => since.clone(),
            };
            assert_eq!(page.next_cursor, resume);
            break;
        }
        since = page.next_cursor;
    }
    let unique: HashSet<&String> = seen.iter().collect();
    assert_eq!(unique.len(), seen.len(), "an article came twice");
    assert_eq!(seen.len(), demo_entries().len());
}

#[tokio::test]
async fn since_returns_only_newer_rows_and_tombstones_for_deleted_ones() {
    let app = TestApp::empty().await;
    let first = [
        entry("a-edited", "en", "usage", "A", "Old text."),
        entry("b-kept", "en", "usage", "B", "Same text."),
        entry("c-deleted", "en", "usage", "C", "Going away."),
    ];
    app.import(&first, false).await.unwrap();
    let before = page(&app.get("/api/v1/kb/articles").await);
    assert_eq!(ids(&before), ["a-edited", "b-kept", "c-deleted"]);
    let cursor = before.next_cursor.clone().unwrap();

    let second = [
        entry("a-edited", "en", "usage", "A", "New text."),
        entry("b-kept", "en", "usage", "B", "Same text."),
        entry("d-new", "en", "usage", "D", "Brand new."),
    ];
    let report = app.import(&second, true).await.unwrap();
    assert_eq!(
        (
            report.added,
            report.updated,
            report.unchanged,
            report.deleted
        ),
        (1, 1, 1, 1)
    );

    let delta = page(
        &app.get(&format!("/api/v1/kb/articles?since={cursor}"))
            .await,
    );
    assert_eq!(ids(&delta), ["a-edited", "d-new"]);
    assert_eq!(delta.articles[0].text, "New text.");
    assert_eq!(delta.tombstones, ["c-deleted"]);
    assert!(delta.articles[0].updated_at > before.articles[2].updated_at);

    // Nothing newer: no rows, and the cursor is echoed so the client keeps it.
    let next = delta.next_cursor.clone().unwrap();
    let idle = page(&app.get(&format!("/api/v1/kb/articles?since={next}")).await);
    assert!(idle.articles.is_empty() && idle.tombstones.is_empty());
    assert_eq!(idle.next_cursor.as_deref(), Some(next.as_str()));

    // A first sync has nothing to forget, so it gets no tombstones.
    let fresh = page(&app.get("/api/v1/kb/articles").await);
    assert_eq!(ids(&fresh), ["b-kept", "a-edited", "d-new"]);
    assert!(fresh.tombstones.is_empty());

    // Tombstones respect the locale filter like articles do.
    let other = page(
        &app.get(&format!("/api/v1/kb/articles?locale=zh-CN&since={cursor}"))
            .await,
    );
    assert!(other.articles.is_empty() && other.tombstones.is_empty());
    assert_eq!(other.next_cursor.as_deref(), Some(cursor.as_str()));
}

#[tokio::test]
async fn a_bare_timestamp_means_updated_at_or_after_that_instant() {
    let app = TestApp::empty().await;
    app.import(&[entry("old", "en", "usage", "Old", "x")], false)
        .await
        .unwrap();
    let stamp = page(&app.get("/api/v1/kb/articles").await).articles[0]
        .updated_at
        .clone();
    app.import(&[entry("new", "en", "usage", "New", "y")], false)
        .await
        .unwrap();

    let at_old = page(&app.get(&format!("/api/v1/kb/articles?since={stamp}")).await);
    assert_eq!(ids(&at_old), ["old", "new"]);
    let new_stamp = page(&app.get("/api/v1/kb/articles").await).articles[1]
        .updated_at
        .clone();
    let later = page(
        &app.get(&format!("/api/v1/kb/articles?since={new_stamp}"))
            .await,
    );
    assert_eq!(ids(&later), ["new"]);
    let future = page(
        &app.get("/api/v1/kb/articles?since=2999-01-01T08:00:00%2B08:00")
            .await,
    );
    assert!(future.articles.is_empty());
    assert_eq!(
        future.next_cursor.as_deref(),
        Some("2999-01-01T08:00:00+08:00")
    );
}

#[tokio::test]
async fn bad_parameters_are_validation_problems_that_point_at_the_parameter() {
    let app = TestApp::with_demo().await;
    for (query, pointer) in [
        ("limit=0", "/query/limit"),
        ("limit=abc", "/query/limit"),
        ("limit=-5", "/query/limit"),
        ("limit=1.5", "/query/limit"),
        ("locale=fr", "/query/locale"),
        ("since=yesterday", "/query/since"),
        (
            "since=2026-01-01T00:00:00.000Z~Not%20An%20Id",
            "/query/since",
        ),
    ] {
        let response = app.get(&format!("/api/v1/kb/articles?{query}")).await;
        let problem = response.problem(400, kinds::VALIDATION);
        let pointers: Vec<&str> = problem["errors"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| e["pointer"].as_str().unwrap())
            .collect();
        assert_eq!(pointers, [pointer], "{query}");
    }
    let both = app.get("/api/v1/kb/articles?locale=xx&limit=0").await;
    let problem = both.problem(400, kinds::VALIDATION);
    assert_eq!(problem["errors"].as_array().map(Vec::len), Some(2));
}

#[tokio::test]
async fn limits_default_to_100_and_are_capped_at_500() {
    let app = TestApp::empty().await;
    let entries: Vec<Value> = (0..120)
        .map(|i| entry(&format!("a{i:03}"), "en", "usage", "T", "Body."))
        .collect();
    app.import(&entries, false).await.unwrap();
    assert_eq!(
        page(&app.get("/api/v1/kb/articles").await).articles.len(),
        100
    );
    assert_eq!(
        page(&app.get("/api/v1/kb/articles?limit=7").await)
            .articles
            .len(),
        7
    );
    assert_eq!(
        page(&app.get("/api/v1/kb/articles?limit=100000").await)
            .articles
            .len(),
        120
    );
    assert_eq!(
        page(&app.get("/api/v1/kb/articles?limit=&locale=").await)
            .articles
            .len(),
        100
    );
}
