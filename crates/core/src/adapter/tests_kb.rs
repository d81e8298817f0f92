//! The adapter's knowledge-base calls against recorded answers.

use crate::adapter::*;
use crate::{problem::kinds, Method};
use crate::{
    ArticleFeedback, ArticleQuery, HttpResponse, KbEvent, KbEventBatch, KbEventKind, Locale,
    PortalError, Problem, ProblemFieldError,
};

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

/// An answer of `GET /kb/search`, as the reference server sends it.
const SEARCH_RESULTS: &str = r#"{"results":[{"id":"how-to-request-service-zh-cn",
    "title":"如何在线报修","category":"service-policy","locale":"zh-CN",
    "snippet":"在线报修只需三步","highlights":[[2,4]],"score":7.25}]}"#;

#[test]
fn a_search_asks_the_search_route_with_every_parameter_encoded() {
    let backend = RestBackend::new("https://help.example.com");
    let call = backend.search_articles("报修 E07&x", 5, Locale::ZhTw);
    assert_eq!(call.method, Method::Get);
    assert_eq!(
        call.url,
        "https://help.example.com/api/v1/kb/search?q=%E6%8A%A5%E4%BF%AE%20E07%26x&locale=zh-TW&limit=5"
    );
    assert_eq!(call.header("accept-language"), Some("zh-TW"));
    assert!(call.body.is_none());
}

#[test]
fn reads_recorded_search_results() {
    let backend = RestBackend::new("");
    let found = backend
        .read_search_results(HttpResponse::json(200, SEARCH_RESULTS))
        .unwrap();
    assert_eq!(found.results.len(), 1);
    let hit = &found.results[0];
    assert_eq!(hit.id, "how-to-request-service-zh-cn");
    assert_eq!(hit.highlights, vec![[2, 4]]);
    assert_eq!(hit.score, 7.25);
    let empty = backend
        .read_search_results(HttpResponse::json(200, r#"{"results":[]}"#))
        .unwrap();
    assert!(empty.results.is_empty());
}

#[test]
fn a_search_refused_for_its_parameters_keeps_the_problem() {
    let mut problem = Problem::new(kinds::VALIDATION, 422, "Some of the values are not valid");
    problem.errors.push(ProblemFieldError {
        pointer: "/query/limit".into(),
        code: "out_of_range".into(),
        detail: "limit must be a whole number from 1 to 50".into(),
    });
    let body = serde_json::to_vec(&problem).unwrap();
    match RestBackend::new("").read_search_results(HttpResponse::json(422, body)) {
        Err(PortalError::Problem(read)) => assert_eq!(read.errors[0].pointer, "/query/limit"),
        other => panic!("expected a problem, got {other:?}"),
    }
}

#[test]
fn feedback_posts_the_vote_with_its_key_to_the_articles_route() {
    let feedback = ArticleFeedback {
        helpful: false,
        comment: Some("步骤不清楚".into()),
        locale: "zh-CN".into(),
    };
    let call = RestBackend::new("").send_article_feedback("kb/a b", &feedback, "k-1", Locale::ZhCn);
    assert_eq!(call.method, Method::Post);
    assert_eq!(call.url, "/api/v1/kb/articles/kb%2Fa%20b/feedback");
    assert_eq!(call.header("idempotency-key"), Some("k-1"));
    assert_eq!(call.header("content-type"), Some("application/json"));
    let body: serde_json::Value = serde_json::from_slice(call.body.as_ref().unwrap()).unwrap();
    assert_eq!(
        body,
        serde_json::json!({"helpful": false, "comment": "步骤不清楚", "locale": "zh-CN"})
    );
    let bare = ArticleFeedback {
        comment: None,
        ..feedback
    };
    let call = RestBackend::new("").send_article_feedback("a", &bare, "k-2", Locale::En);
    let body: serde_json::Value = serde_json::from_slice(call.body.as_ref().unwrap()).unwrap();
    assert!(body.get("comment").is_none(), "{body}");
}

#[test]
fn events_post_the_batch_with_its_key() {
    let batch = KbEventBatch {
        events: vec![KbEvent {
            kind: KbEventKind::ZeroResult,
            query: Some("E99".into()),
            article_id: None,
            results: Some(0),
            locale: "en".into(),
            at: "2026-11-24T08:00:00Z".into(),
        }],
    };
    let call = RestBackend::new("").send_kb_events(&batch, "k-3", Locale::En);
    assert_eq!(call.method, Method::Post);
    assert_eq!(call.url, "/api/v1/kb/events");
    assert_eq!(call.header("idempotency-key"), Some("k-3"));
    let body: serde_json::Value = serde_json::from_slice(call.body.as_ref().unwrap()).unwrap();
    assert_eq!(
        body,
        serde_json::json!({"events": [{"kind": "zero_result", "query": "E99", "results": 0,
                                        "locale": "en", "at": "2026-11-24T08:00:00Z"}]})
    );
}

#[test]
fn recorded_feedback_and_event_answers_read_as_accepted_or_not() {
    let backend = RestBackend::new("");
    let created = r#"{"id":"fb_1","article_id":"a","helpful":true}"#;
    assert_eq!(
        backend.read_accepted(HttpResponse::json(201, created)),
        Ok(())
    );
    assert_eq!(
        backend.read_accepted(HttpResponse::json(202, r#"{"accepted":3}"#)),
        Ok(())
    );
    let missing = serde_json::to_vec(&Problem::new(kinds::NOT_FOUND, 404, "Not found")).unwrap();
    assert_eq!(
        backend.read_accepted(HttpResponse::json(404, missing)),
        Err(PortalError::NotFound)
    );
    let mut invalid = Problem::new(kinds::VALIDATION, 422, "Some of the values are not valid");
    invalid.errors.push(ProblemFieldError {
        pointer: "/events/3/query".into(),
        code: "too_long".into(),
        detail: "at most 200 characters".into(),
    });
    let body = serde_json::to_vec(&invalid).unwrap();
    match backend.read_accepted(HttpResponse::json(422, body)) {
        Err(PortalError::Problem(problem)) => {
            assert_eq!(problem.errors[0].pointer, "/events/3/query")
        }
        other => panic!("expected a problem, got {other:?}"),
    }
    assert_eq!(
        backend.read_accepted(HttpResponse {
            status: 503,
            headers: vec![],
            body: b"busy".to_vec(),
        }),
        Err(PortalError::Status(503))
    );
}
