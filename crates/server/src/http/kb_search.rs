//! `GET /kb/search?q=&locale=&limit=&category=`: the knowledge base's
//! search, answered by the same engine the portal runs offline
//! (`aftercare_core::SearchIndex`), so online and offline results agree.
//!
//! The answer is `{"results": [{id, title, category, locale, snippet,
//! highlights, score}]}` (`aftercare_core::SearchResults`), best first. A
//! blank or absent `q` is an empty search with no results. `locale` is the
//! customer's locale, whose articles rank first (zh-TW customers also get
//! zh-CN ones after theirs); without it, the `Accept-Language` one. `limit`
//! is 1 up, lowered to 50 (10 if absent), as in the article feed; `category` a category key of the portal
//! configuration. Bad values are a 400 problem (like the article feed's) with one error per value
//! (`/query/locale`, `/query/limit`, `/query/q`, `/query/category`). The
//! index is kept in memory (see [`crate::kb::search_cache`]).

use aftercare_core::forms::codes;
use aftercare_core::kb_signals::MAX_EVENT_QUERY_CHARS;
use aftercare_core::{Locale, SearchQuery, SearchResults};
use axum::extract::State;
use axum::http::{header, HeaderMap};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use serde::Deserialize;

use super::extract::{limit_param, Query};
use super::language;
use super::problem::{field_error, ApiError};
use super::AppState;

/// How many results an answer has when the client does not say.
pub const DEFAULT_LIMIT: u32 = 10;
/// The most results an answer may have.
pub const MAX_LIMIT: u32 = 50;
/// The longest query, in characters (the longest an analytics event keeps).
pub const MAX_QUERY_CHARS: usize = MAX_EVENT_QUERY_CHARS;

/// The search route, relative to `/api/v1`.
pub fn router() -> Router<AppState> {
    Router::new().route("/kb/search", get(search))
}

/// The query string, as sent: every value read as text and checked here,
/// so each bad one gets its own pointer; empty values count as absent.
#[derive(Debug, Default, Deserialize)]
struct SearchParams {
    q: Option<String>,
    locale: Option<String>,
    limit: Option<String>,
    category: Option<String>,
}

/// The parameters, checked.
#[derive(Debug)]
struct SearchRequest {
    text: String,
    locale: Locale,
    limit: u32,
    category: Option<String>,
}

impl SearchParams {
    fn check(self, state: &AppState, headers: &HeaderMap) -> Result<SearchRequest, ApiError> {
        let present = |value: Option<String>| value.filter(|v| !v.is_empty());
        let mut errors = Vec::new();
        let text = self.q.unwrap_or_default();
        if text.chars().count() > MAX_QUERY_CHARS {
            errors.push(field_error(
                "/query/q",
                codes::TOO_LONG,
                format!("q must be at most {MAX_QUERY_CHARS} characters"),
            ));
        }
        let locale = match present(self.locale) {
            None => language::negotiate(headers),
            Some(tag) => match Locale::from_tag(&tag)
                .filter(|locale| state.portal.locales.iter().any(|l| l == locale.tag()))
            {
                Some(locale) => locale,
                None => {
                    errors.push(field_error(
                        "/query/locale",
                        "unknown_locale",
                        format!("locale must be one of {}", state.portal.locales.join(", ")),
                    ));
                    Locale::En
                }
            },
        };
        let limit = limit_param(self.limit.as_deref(), DEFAULT_LIMIT, MAX_LIMIT, &mut errors);
        let category = present(self.category);
        if let Some(key) = &category {
            if !state.portal.categories.iter().any(|c| &c.key == key) {
                errors.push(field_error(
                    "/query/category",
                    codes::NOT_AN_OPTION,
                    format!("{key:?} is not a category of this portal"),
                ));
            }
        }
        if !errors.is_empty() {
            return Err(ApiError::Validation(errors));
        }
        Ok(SearchRequest {
            text,
            locale,
            limit,
            category,
        })
    }
}

/// The best matches for `q` among the live articles, best first.
async fn search(
    State(state): State<AppState>,
    headers: HeaderMap,
    Query(params): Query<SearchParams>,
) -> Result<Response, ApiError> {
    let request = params.check(&state, &headers)?;
    let results = if request.text.trim().is_empty() {
        Vec::new()
    } else {
        let index = state
            .search
            .index(&state.db, &state.clock, &state.portal.search)
            .await?;
        index.search(&SearchQuery {
            text: &request.text,
            locale: request.locale,
            limit: request.limit as usize,
            category: request.category.as_deref(),
        })
    };
    // Without `locale`, the answer depends on Accept-Language.
    Ok((
        [(header::VARY, "accept-language")],
        Json(SearchResults { results }),
    )
        .into_response())
}
