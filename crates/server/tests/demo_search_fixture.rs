//! Keeps the search engine's relevance fixture honest: the demo knowledge
//! base, imported by the server's own code (validation, Markdown rendering,
//! the database) and read back through the article feed, must equal
//! `crates/core/tests/data/demo_articles.json`, which the core's relevance
//! suite searches. Run with `UPDATE_FIXTURES=1` to rewrite the file after
//! the demo articles or their rendering change.

use std::path::PathBuf;

use aftercare_core::Article;
use aftercare_server::config;
use aftercare_server::db::articles::{self, FeedFilter, FeedRow};
use aftercare_server::db::Db;
use aftercare_server::demo;

/// The stamp every fixture article carries: the database's own stamps
/// depend on the clock, and the search engine does not read them.
const FIXED_UPDATED_AT: &str = "2026-01-01T00:00:00Z";

fn fixture_path() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../core/tests/data/demo_articles.json")
}

/// The demo articles as the server stores and serves them, in id order.
async fn demo_articles() -> Vec<Article> {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let url = Db::sqlite_url(&dir.path().join("demo.sqlite3")).expect("a SQLite URL");
    let db = Db::connect(&url).await.expect("the database opens");
    db.migrate().await.expect("the schema migrates");
    let report = demo::seed_if_empty(&db, &config::defaults())
        .await
        .expect("the demo imports")
        .expect("the empty database takes the demo");
    assert!(report.added > 0, "the demo added articles");
    let filter = FeedFilter {
        limit: 10_000,
        ..FeedFilter::default()
    };
    let mut found: Vec<Article> = articles::feed(&db, &filter)
        .await
        .expect("the feed reads")
        .into_iter()
        .filter_map(|row| match row {
            FeedRow::Live(article) => Some(Article {
                updated_at: FIXED_UPDATED_AT.to_string(),
                ..article
            }),
            FeedRow::Deleted { .. } => None,
        })
        .collect();
    db.close().await;
    found.sort_by(|a, b| a.id.cmp(&b.id));
    found
}

#[tokio::test]
async fn the_search_fixture_is_the_demo_as_the_server_renders_it() {
    let articles = demo_articles().await;
    assert_eq!(
        articles.len(),
        report_count(),
        "every demo article came back"
    );
    let json = serde_json::to_string_pretty(&articles).expect("articles serialise") + "\n";
    let path = fixture_path();
    if std::env::var_os("UPDATE_FIXTURES").is_some() {
        std::fs::create_dir_all(path.parent().expect("a parent")).expect("the data directory");
        std::fs::write(&path, &json).expect("the fixture is written");
        return;
    }
    let stored = std::fs::read_to_string(&path).unwrap_or_default();
    let stored: Vec<Article> = serde_json::from_str(&stored).unwrap_or_default();
    assert!(
        stored == articles,
        "{} is out of date; run `UPDATE_FIXTURES=1 cargo test -p aftercare-server --test demo_search_fixture`",
        path.display()
    );
}

/// How many articles the demo import file holds.
fn report_count() -> usize {
    let entries: Vec<serde_json::Value> =
        serde_json::from_str(demo::DEMO_KB).expect("the demo is JSON");
    entries.len()
}
