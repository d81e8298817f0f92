//! The adapter's knowledge-base calls against recorded answers.

use crate::adapter::*;
use crate::{problem::kinds, Method};
use crate::{ArticleQuery, HttpResponse, Locale, PortalError, Problem};

const ARTICLE: &str = r#"{"id":"kb-reset","locale":"zh-CN","category":"usage",
    "title":"如何重置设备","tags":["重置"],"html":"<p>按住电源键</p>",
    "text":"按住电源键","updated_at":"2026-05-01T08:00:00Z"}"#;

#[test]
fn article_request_targets_the_v1_route_with_the_customers_language() {
    let backend = RestBackend::new("https://help.example.com/");
    let request = backend.get_article("kb/重置", Locale::ZhTw);
    assert_eq!(request.method, Method::Get);
    assert_eq!(
        request.url,
        "https://help.example.com/api/v1/kb/articles/kb%2F%E9%87%8D%E7%BD%AE"
    );
    assert_eq!(request.header("accept-language"), Some("zh-TW"));
    assert_eq!(request.header("accept"), Some("application/json"));
}

#[test]
fn article_list_request_carries_only_the_given_parameters() {
    let backend = RestBackend::new("");
    let all = backend.list_articles(&ArticleQuery::default(), Locale::En);
    assert_eq!(all.url, "/api/v1/kb/articles");
    let query = ArticleQuery {
        locale: Some("zh-CN".into()),
        since: Some("2026-05-01T08:00:00Z~kb 1".into()),
        limit: Some(50),
    };
    assert_eq!(
        backend.list_articles(&query, Locale::En).url,
        "/api/v1/kb/articles?locale=zh-CN&since=2026-05-01T08%3A00%3A00Z~kb%201&limit=50"
    );
}

#[test]
fn reads_a_recorded_article() {
    let article = RestBackend::new("")
        .read_article(HttpResponse::json(200, ARTICLE))
        .unwrap();
    assert_eq!(article.id, "kb-reset");
    assert_eq!(article.title, "如何重置设备");
    assert_eq!(article.tags, vec!["重置".to_string()]);
}

#[test]
fn reads_a_recorded_article_page_with_tombstones() {
    let body = format!(r#"{{"articles":[{ARTICLE}],"tombstones":["old"],"next_cursor":"c1"}}"#);
    let page = RestBackend::new("")
        .read_article_page(HttpResponse::json(200, body))
        .unwrap();
    assert_eq!(page.articles.len(), 1);
    assert_eq!(page.tombstones, vec!["old".to_string()]);
    assert_eq!(page.next_cursor.as_deref(), Some("c1"));
}

#[test]
fn a_404_problem_is_not_found() {
    let body = serde_json::to_vec(&Problem::new(kinds::NOT_FOUND, 404, "Not found")).unwrap();
    let error = RestBackend::new("")
        .read_article(HttpResponse::json(404, body))
        .unwrap_err();
    assert_eq!(error, PortalError::NotFound);
}

#[test]
fn other_errors_keep_the_problem_or_the_status() {
    let body = serde_json::to_vec(&Problem::new(kinds::UNAVAILABLE, 503, "Busy")).unwrap();
    let backend = RestBackend::new("");
    match backend
        .read_article(HttpResponse::json(503, body))
        .unwrap_err()
    {
        PortalError::Problem(problem) => assert_eq!(problem.kind, kinds::UNAVAILABLE),
        other => panic!("expected a problem, got {other:?}"),
    }
    let bare = HttpResponse {
        status: 502,
        headers: vec![],
        body: b"<html>bad gateway</html>".to_vec(),
    };
    assert_eq!(
        backend.read_article(bare).unwrap_err(),
        PortalError::Status(502)
    );
}

#[test]
fn a_success_with_the_wrong_shape_is_a_decode_error() {
    let error = RestBackend::new("")
        .read_article(HttpResponse::json(200, r#"{"id":1}"#))
        .unwrap_err();
    assert!(matches!(error, PortalError::Decode(_)));
}
