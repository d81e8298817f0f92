//! `aftercare-server report kb`: the report's arithmetic on a fixed data
//! set sent through the real routes — normalised query counts, zero
//! results, deflections per article, votes and their helpful share — its
//! time range and row limit, and the text it prints.

use aftercare_server::db::kb_report::{ArticleCount, ArticleVotes, QueryCount};
use aftercare_server::kb::report::{self, KbReport};
use serde_json::{json, Value};
use time::Duration;

use crate::common::{fresh_database_url, TestApp};

/// The day the test clock starts on (2027-01-15, 08:00 UTC).
const DAY: &str = "2027-01-15";

fn event(kind: &str, query: Option<&str>, article: Option<&str>, at: &str) -> Value {
    let mut event = json!({"kind": kind, "locale": "en", "at": at});
    if let Some(query) = query {
        event["query"] = json!(query);
    }
    if let Some(article) = article {
        event["article_id"] = json!(article);
    }
    event
}

async fn vote(app: &TestApp, article: &str, helpful: bool, comment: Option<&str>) {
    let mut body = json!({"helpful": helpful, "locale": "en"});
    if let Some(comment) = comment {
        body["comment"] = json!(comment);
    }
    let uri = format!("/api/v1/kb/articles/{article}/feedback");
    let response = app.post(&uri, &body, &[]).await;
    assert_eq!(response.status, 201, "{}", response.text());
}

/// The fixed data set: events on the test day and just outside it, votes
/// on the test day and one the day after.
async fn app_with_signals() -> TestApp {
    let app = TestApp::with_demo().await;
    let on = "2027-01-15T09:00:00Z";
    let search = |q: &str| event("search", Some(q), None, on);
    let zero = |q: &str| event("zero_result", Some(q), None, on);
    let deflect = |id: &str| event("deflection", None, Some(id), on);
    let events = vec![
        search("reset"),
        search(" RESET "),
        search("Reset"),
        search("报修"),
        search("报修"),
        zero("E99"),
        zero("e99 "),
        zero("保固"),
        search("wifi"),
        event("result_click", Some("reset"), Some("warranty-terms-en"), on),
        deflect("how-to-request-service-zh-cn"),
        deflect("how-to-request-service-zh-cn"),
        deflect("how-to-request-service-zh-cn"),
        deflect("warranty-terms-en"),
        deflect("gone-article"),
        // Just outside the day.
        event("search", Some("reset"), None, "2027-01-14T23:59:59.999Z"),
        event("zero_result", Some("e99"), None, "2027-01-16T00:00:00Z"),
        event(
            "deflection",
            None,
            Some("warranty-terms-en"),
            "2027-01-16T08:00:00+08:00",
        ),
    ];
    let response = app
        .post("/api/v1/kb/events", &json!({ "events": events }), &[])
        .await;
    assert_eq!(response.status, 202, "{}", response.text());

    let article = "how-to-request-service-zh-cn";
    vote(&app, article, true, Some("Clear steps")).await;
    vote(&app, article, true, None).await;
    vote(&app, article, false, Some("Too long")).await;
    vote(&app, "warranty-terms-en", false, None).await;
    app.clock.advance(Duration::days(1));
    vote(&app, "warranty-terms-en", true, Some("next day")).await;
    app
}

fn count(query: &str, count: i64) -> QueryCount {
    QueryCount {
        query: query.into(),
        count,
    }
}

#[tokio::test]
async fn the_report_counts_one_day_exactly() {
    let app = app_with_signals().await;
    let range = report::range(Some(DAY), Some(DAY)).unwrap();
    let got = report::gather(&app.db, &range, 10).await.unwrap();
    let expected = KbReport {
        range: range.clone(),
        searches: 9,
        zero_results: 3,
        top_queries: vec![
            count("reset", 3),
            count("e99", 2),
            count("报修", 2),
            count("wifi", 1),
            count("保固", 1),
        ],
        top_zero_results: vec![count("e99", 2), count("保固", 1)],
        deflections: vec![
            ArticleCount {
                article_id: "how-to-request-service-zh-cn".into(),
                title: Some("如何在线报修".into()),
                count: 3,
            },
            ArticleCount {
                article_id: "gone-article".into(),
                title: None,
                count: 1,
            },
            ArticleCount {
                article_id: "warranty-terms-en".into(),
                title: Some("Warranty terms for Brightwell products".into()),
                count: 1,
            },
        ],
        votes: vec![
            ArticleVotes {
                article_id: "how-to-request-service-zh-cn".into(),
                title: Some("如何在线报修".into()),
                helpful: 2,
                total: 3,
                comments: 2,
            },
            ArticleVotes {
                article_id: "warranty-terms-en".into(),
                title: Some("Warranty terms for Brightwell products".into()),
                helpful: 0,
                total: 1,
                comments: 0,
            },
        ],
    };
    assert_eq!(got, expected);
}

#[tokio::test]
async fn without_a_range_everything_counts_and_top_cuts_each_table() {
    let app = app_with_signals().await;
    let all = report::gather(&app.db, &report::range(None, None).unwrap(), 2)
        .await
        .unwrap();
    assert_eq!((all.searches, all.zero_results), (11, 4));
    assert_eq!(all.top_queries, [count("reset", 4), count("e99", 3)]);
    assert_eq!(all.top_zero_results, [count("e99", 3), count("保固", 1)]);
    let deflected: Vec<(&str, i64)> = all
        .deflections
        .iter()
        .map(|d| (d.article_id.as_str(), d.count))
        .collect();
    assert_eq!(
        deflected,
        [
            ("how-to-request-service-zh-cn", 3),
            ("warranty-terms-en", 2)
        ]
    );
    let warranty = &all.votes[1];
    assert_eq!(
        (warranty.helpful, warranty.total, warranty.comments),
        (1, 2, 1)
    );
}

#[tokio::test]
async fn the_report_prints_aligned_tables() {
    let app = app_with_signals().await;
    let range = report::range(Some(DAY), Some(DAY)).unwrap();
    let text = report::gather(&app.db, &range, 3).await.unwrap().render();
    let expected = "\
Knowledge base report, 2027-01-15T00:00:00.000Z to 2027-01-16T00:00:00.000Z (exclusive)
Searches: 9, of which found nothing: 3 (33.3%)

Top queries
  query  count
  reset      3
  e99        2
  报修       2

Zero-result queries
  query  count
  e99        2
  保固       1

Deflections
  article                       title                                   count
  how-to-request-service-zh-cn  如何在线报修                                3
  gone-article                  (deleted)                                   1
  warranty-terms-en             Warranty terms for Brightwell products      1

Article votes
  article                       title                                   helpful  not helpful  helpful share  comments
  how-to-request-service-zh-cn  如何在线报修                                  2            1          66.7%         2
  warranty-terms-en             Warranty terms for Brightwell products        0            1           0.0%         0
";
    assert_eq!(text, expected, "\n{text}");
}

#[tokio::test]
async fn the_binary_prints_the_report_and_refuses_a_bad_range() {
    let dir = tempfile::tempdir().unwrap();
    let data_dir = dir.path().to_path_buf();
    let url = fresh_database_url(&dir).await;
    let app = TestApp::over(&url, dir).await;
    let events = json!({"events": [
        event("search", Some("Reset "), None, "2027-01-15T09:00:00Z"),
        event("zero_result", Some("E99"), None, "2027-01-15T09:00:00Z"),
    ]});
    assert_eq!(
        app.post("/api/v1/kb/events", &events, &[]).await.status,
        202
    );
    let run = |args: &[&str]| {
        let mut command = std::process::Command::new(env!("CARGO_BIN_EXE_aftercare-server"));
        command
            .args(["report", "kb"])
            .args(args)
            .arg("--data-dir")
            .arg(&data_dir)
            .env_remove("DATABASE_URL")
            .env("RUST_LOG", "warn");
        if !url.starts_with("sqlite:") {
            command.env("DATABASE_URL", &url);
        }
        command.output().unwrap()
    };
    let output = run(&["--from", DAY, "--to", DAY]);
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(
        stdout.contains("Searches: 2, of which found nothing: 1 (50.0%)"),
        "{stdout}"
    );
    assert!(stdout.contains("\n  reset      1\n"), "{stdout}");
    let output = run(&["--from", "2027-01-16", "--to", DAY]);
    assert!(!output.status.success());
    assert!(String::from_utf8_lossy(&output.stderr).contains("--from must be before --to"));
}
