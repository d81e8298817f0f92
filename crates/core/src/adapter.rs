//! Backend adapters: data in, data out. An adapter turns what the portal
//! wants into an [`HttpRequest`] and the [`HttpResponse`] that comes back into
//! domain values or a [`PortalError`]. Adding a helpdesk means adding one
//! implementation of [`Backend`]; nothing else changes.

use serde::de::DeserializeOwned;

use crate::http::encode_component;
use crate::{
    Article, ArticlePage, ArticleQuery, HttpRequest, HttpResponse, Locale, PortalConfig,
    PortalError, Problem,
};

/// What the portal needs from a helpdesk, as pairs of "build the request" and
/// "read the response". Implementations do no I/O.
pub trait Backend {
    /// Asks for the portal's configuration.
    fn portal_config(&self, locale: Locale) -> HttpRequest;
    /// Reads the answer to [`Backend::portal_config`].
    fn read_portal_config(&self, response: HttpResponse) -> Result<PortalConfig, PortalError>;
    /// Asks for a page of the article feed.
    fn list_articles(&self, query: &ArticleQuery, locale: Locale) -> HttpRequest;
    /// Reads the answer to [`Backend::list_articles`].
    fn read_article_page(&self, response: HttpResponse) -> Result<ArticlePage, PortalError>;
    /// Asks for one article by id.
    fn get_article(&self, id: &str, locale: Locale) -> HttpRequest;
    /// Reads the answer to [`Backend::get_article`].
    fn read_article(&self, response: HttpResponse) -> Result<Article, PortalError>;
}

/// The adapter for Aftercare's own REST contract (v1), as the reference
/// server implements it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RestBackend {
    /// Where `/api/v1` lives, without a trailing slash; empty for the
    /// portal's own origin.
    base_url: String,
}

impl RestBackend {
    /// An adapter for the contract served under `base_url` (e.g.
    /// `https://help.example.com`, or `""` for the same origin).
    pub fn new(base_url: impl Into<String>) -> Self {
        RestBackend {
            base_url: base_url.into().trim_end_matches('/').to_string(),
        }
    }

    fn get(&self, path: &str, locale: Locale) -> HttpRequest {
        let mut request = HttpRequest::get(format!("{}/api/v1{path}", self.base_url));
        request
            .headers
            .push(("Accept-Language".into(), locale.tag().into()));
        request
    }
}

impl Backend for RestBackend {
    fn portal_config(&self, locale: Locale) -> HttpRequest {
        self.get("/portal", locale)
    }

    fn read_portal_config(&self, response: HttpResponse) -> Result<PortalConfig, PortalError> {
        read_json(response)
    }

    fn list_articles(&self, query: &ArticleQuery, locale: Locale) -> HttpRequest {
        let mut params = Vec::new();
        if let Some(tag) = &query.locale {
            params.push(format!("locale={}", encode_component(tag)));
        }
        if let Some(since) = &query.since {
            params.push(format!("since={}", encode_component(since)));
        }
        if let Some(limit) = query.limit {
            params.push(format!("limit={limit}"));
        }
        let query_string = if params.is_empty() {
            String::new()
        } else {
            format!("?{}", params.join("&"))
        };
        self.get(&format!("/kb/articles{query_string}"), locale)
    }

    fn read_article_page(&self, response: HttpResponse) -> Result<ArticlePage, PortalError> {
        read_json(response)
    }

    fn get_article(&self, id: &str, locale: Locale) -> HttpRequest {
        self.get(&format!("/kb/articles/{}", encode_component(id)), locale)
    }

    fn read_article(&self, response: HttpResponse) -> Result<Article, PortalError> {
        read_json(response)
    }
}

/// Reads a contract response: a 2xx body as `T`, anything else as the error
/// it stands for (a problem document when the server sent one).
pub fn read_json<T: DeserializeOwned>(response: HttpResponse) -> Result<T, PortalError> {
    if response.is_success() {
        return serde_json::from_slice(&response.body)
            .map_err(|e| PortalError::Decode(e.to_string()));
    }
    if response.status == 404 {
        return Err(PortalError::NotFound);
    }
    match serde_json::from_slice::<Problem>(&response.body) {
        Ok(problem) => Err(PortalError::Problem(problem)),
        Err(_) => Err(PortalError::Status(response.status)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{problem::kinds, Method};

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
}
