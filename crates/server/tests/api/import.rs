//! Importing knowledge-base files: all or nothing, faults named precisely,
//! and idempotent re-imports.

use aftercare_server::kb::import::ImportError;
use aftercare_server::kb::validate::ValidationError;

use crate::common::{demo_entries, entry, TestApp};

#[tokio::test]
async fn a_file_with_a_bad_third_entry_changes_nothing() {
    let app = TestApp::empty().await;
    app.import(&[entry("first", "en", "usage", "First", "One.")], false)
        .await
        .unwrap();
    let before = app.get("/api/v1/kb/articles").await.json();

    let mut bad = entry("third", "en", "usage", "Third", "Three.");
    bad["category"] = "gadgets".into();
    let file = [
        entry("first", "en", "usage", "First, edited", "One, edited."),
        entry("second", "en", "usage", "Second", "Two."),
        bad,
    ];
    let error = app.import(&file, true).await.unwrap_err();
    let ImportError::Invalid(ValidationError::Entries { faults, .. }) = &error else {
        panic!("expected entry faults, got {error:?}");
    };
    assert_eq!(faults.len(), 1);
    assert_eq!(faults[0].entry, 3);
    assert_eq!(faults[0].field.as_deref(), Some("category"));
    let message = error.to_string();
    assert!(
        message.contains(
            "entry 3 (id \"third\"): category \"gadgets\" is not one of installation, usage,"
        ),
        "{message}"
    );
    assert!(message.contains("nothing was imported"), "{message}");

    assert_eq!(app.get("/api/v1/kb/articles").await.json(), before);
    assert_eq!(app.get("/api/v1/kb/articles/second").await.status, 404);
}

#[tokio::test]
async fn every_bad_entry_is_reported_at_once() {
    let app = TestApp::empty().await;
    let mut unknown_key = entry("a", "en", "usage", "A", "x");
    unknown_key["colour"] = "red".into();
    let mut no_title = entry("b", "en", "usage", "B", "x");
    no_title.as_object_mut().unwrap().remove("title");
    let file = [unknown_key, no_title, entry("a", "fr", "usage", "A", "x")];
    let error = app.import(&file, false).await.unwrap_err().to_string();
    for expected in [
        "entry 1 (id \"a\"): unknown field \"colour\"",
        "entry 2 (id \"b\"): missing field \"title\"",
        "entry 3 (id \"a\"): locale \"fr\" is not one of zh-CN, zh-TW, en",
    ] {
        assert!(error.contains(expected), "{expected} not in {error}");
    }
}

#[tokio::test]
async fn reimporting_the_same_file_changes_nothing() {
    let app = TestApp::with_demo().await;
    let before = app.get("/api/v1/kb/articles?limit=500").await.json();
    let report = app.import(&demo_entries(), false).await.unwrap();
    assert_eq!(report.added + report.updated + report.deleted, 0);
    assert_eq!(report.unchanged, demo_entries().len());
    assert_eq!(
        app.get("/api/v1/kb/articles?limit=500").await.json(),
        before
    );
}

#[tokio::test]
async fn only_changed_rows_get_a_new_timestamp() {
    let app = TestApp::empty().await;
    let file = [
        entry("a", "en", "usage", "A", "One."),
        entry("b", "zh-CN", "warranty", "保修", "一年。"),
    ];
    let report = app.import(&file, false).await.unwrap();
    assert_eq!((report.added, report.updated, report.unchanged), (2, 0, 0));
    let stamp = |page: &serde_json::Value, id: &str| {
        page["articles"]
            .as_array()
            .unwrap()
            .iter()
            .find(|a| a["id"] == id)
            .map(|a| a["updated_at"].as_str().unwrap().to_string())
            .unwrap()
    };
    let before = app.get("/api/v1/kb/articles").await.json();

    let mut edited = file.clone();
    edited[1]["tags"] = serde_json::json!(["保修", "一年"]);
    let report = app.import(&edited, false).await.unwrap();
    assert_eq!((report.added, report.updated, report.unchanged), (0, 1, 1));
    let after = app.get("/api/v1/kb/articles").await.json();
    assert_eq!(stamp(&after, "a"), stamp(&before, "a"));
    assert!(stamp(&after, "b") > stamp(&before, "b"));
    assert_eq!(
        after["articles"][1]["tags"],
        serde_json::json!(["保修", "一年"])
    );
}

#[tokio::test]
async fn a_deleted_article_comes_back_when_imported_again() {
    let app = TestApp::empty().await;
    let a = entry("a", "en", "usage", "A", "One.");
    let b = entry("b", "en", "usage", "B", "Two.");
    app.import(&[a.clone(), b.clone()], false).await.unwrap();
    let report = app.import(std::slice::from_ref(&a), true).await.unwrap();
    assert_eq!(report.deleted, 1);
    assert_eq!(app.get("/api/v1/kb/articles/b").await.status, 404);
    let report = app.import(&[a, b], false).await.unwrap();
    assert_eq!((report.updated, report.unchanged), (1, 1));
    assert_eq!(app.get("/api/v1/kb/articles/b").await.status, 200);
}
