//! The knowledge base over HTTP: `GET /kb/articles`, the delta-sync feed
//! clients page through to fill their offline cache, and
//! `GET /kb/articles/{id}`, one article.

use std::sync::Arc;

use aftercare_core::{ArticlePage, Locale};
use axum::extract::State;
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use serde::Deserialize;

use super::extract::{limit_param, Path, Query};
use super::problem::{field_error, ApiError};
use super::AppState;
use crate::config::supported_locales;
use crate::db::articles::{self, FeedFilter, FeedRow};
use crate::kb::cache::ArticleCache;
use crate::kb::cursor::Cursor;

/// How many rows a page has when the client does not say.
pub const DEFAULT_LIMIT: u32 = 100;
/// The most rows a page has; larger limits are lowered to this.
pub const MAX_LIMIT: u32 = 500;

/// The knowledge-base routes, relative to `/api/v1`. Single articles are
/// answered from an [`ArticleCache`] of this router's own.
pub fn router() -> Router<AppState> {
    let cache = Arc::new(ArticleCache::default());
    Router::new()
        .route("/kb/articles", get(list_articles))
        .route(
            "/kb/articles/{id}",
            get(move |state, id, headers| get_article(state, id, headers, cache)),
        )
}

/// The feed's query string, as sent. Every value is read as text and checked
/// here, so that each bad one gets its own pointer; empty values count as
/// absent.
#[derive(Debug, Default, Deserialize)]
struct FeedParams {
    locale: Option<String>,
    since: Option<String>,
    limit: Option<String>,
}

/// The feed's parameters, checked.
#[derive(Debug)]
struct FeedRequest {
    locale: Option<Locale>,
    since: Option<Cursor>,
    limit: u32,
}

impl FeedParams {
    fn check(&self) -> Result<FeedRequest, ApiError> {
        let present = |value: &Option<String>| value.clone().filter(|v| !v.is_empty());
        let mut errors = Vec::new();
        let locale = present(&self.locale).and_then(|tag| {
            let locale = Locale::from_tag(&tag);
            if locale.is_none() {
                let allowed = supported_locales().join(", ");
                errors.push(field_error(
                    "/query/locale",
                    "unknown_locale",
                    format!("locale must be one of {allowed}"),
                ));
            }
            locale
        });
        let since = present(&self.since).and_then(|value| {
            let cursor = Cursor::parse(&value);
            if cursor.is_none() {
                errors.push(field_error(
                    "/query/since",
                    "malformed_cursor",
                    "since must be a next_cursor from an earlier page or an RFC 3339 timestamp",
                ));
            }
            cursor
        });
        let limit = limit_param(self.limit.as_deref(), DEFAULT_LIMIT, MAX_LIMIT, &mut errors);
        if errors.is_empty() {
            Ok(FeedRequest {
                locale,
                since,
                limit,
            })
        } else {
            Err(ApiError::Validation(errors))
        }
    }
}

/// A page of the feed in `(updated_at, id)` order: the live articles and the
/// ids of deleted ones after `since`. `next_cursor` sits on the last row of
/// the page, or echoes `since` when there was nothing new; a client is up to
/// date once a page comes back with fewer rows (articles plus tombstones)
/// than its limit. A first sync
/// (no `since`) has nothing to forget, so it gets no tombstones.
async fn list_articles(
    State(state): State<AppState>,
    Query(params): Query<FeedParams>,
) -> Result<Json<ArticlePage>, ApiError> {
    let request = params.check()?;
    let filter = FeedFilter {
        locale: request.locale.map(Locale::tag),
        after: request.since.as_ref(),
        include_deleted: request.since.is_some(),
        limit: request.limit,
    };
    let rows = articles::feed(&state.db, &filter).await?;
    let next_cursor = match rows.last() {
        Some(row) => Some(row.cursor().to_string()),
        None => params.since.filter(|since| !since.is_empty()),
    };
    let mut page = ArticlePage {
        next_cursor,
        ..ArticlePage::default()
    };
    for row in rows {
        match row {
            FeedRow::Live(article) => page.articles.push(article),
            FeedRow::Deleted { id, .. } => page.tombstones.push(id),
        }
    }
    Ok(Json(page))
}

/// One live article, with a strong `ETag`; unknown and deleted ids are both
/// "not found". An `If-None-Match` naming the current tag gets a 304 with no
/// body. Served from the cache (see [`crate::kb::cache`] for how fresh it
/// stays).
async fn get_article(
    State(state): State<AppState>,
    Path(id): Path<String>,
    headers: HeaderMap,
    cache: Arc<ArticleCache>,
) -> Result<Response, ApiError> {
    let Some(cached) = cache.get(&state.db, &state.clock, &id).await? else {
        return Err(ApiError::NotFound(format!("There is no article {id:?}.")));
    };
    let not_modified = headers
        .get_all(header::IF_NONE_MATCH)
        .iter()
        .any(|value| cached.matches(value.as_bytes()));
    if not_modified {
        return Ok((StatusCode::NOT_MODIFIED, [(header::ETAG, cached.etag)]).into_response());
    }
    let json = HeaderValue::from_static("application/json");
    Ok((
        [(header::CONTENT_TYPE, json), (header::ETAG, cached.etag)],
        cached.body,
    )
        .into_response())
}
