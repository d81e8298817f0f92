//! An in-process cache of `GET /kb/articles/{id}` answers: the article's
//! JSON, serialised once, and its `ETag`, keyed by id.
//!
//! Articles change only through imports, and `import-kb` is usually another
//! process writing the same database, so the cache cannot be told about
//! changes; it notices them instead, two ways:
//!
//! - **the knowledge base's version**: at most every [`VERSION_EVERY`]
//!   (250 ms), one request reads `MAX(updated_at)` of `kb_articles` (one
//!   step down the `(updated_at, id)` index, the same query on SQLite and
//!   PostgreSQL). Every import that changes, adds or deletes an article
//!   stamps those rows after the newest stamp in the table (see
//!   [`crate::timestamp::next_after`]), so the maximum moves on every such
//!   import; when it moved, the whole cache is dropped. Only one request
//!   checks at a time; the others go on with the entries they have.
//! - **a time to live**: an entry is used for at most [`TTL`] (1 s) after it
//!   was read, whatever the version says. This bounds staleness even for
//!   changes made behind the importer's back (hand-written SQL).
//!
//! So a change committed by an import is normally served within
//! [`VERSION_EVERY`] plus one version query, and any change, in every race,
//! within [`TTL`] plus the time of one article read (an entry read just
//! before a commit can be stored just after the cache was dropped). Both times are
//! read from the app's [`Clock`], so tests move them. Only live articles are
//! cached: an unknown or deleted id always asks the database, so a deleted
//! article is a 404 as soon as its cached entry is dropped. The cache holds
//! at most [`MAX_ENTRIES`] entries and starts again empty when it is full.

use std::collections::HashMap;
use std::sync::{Mutex, RwLock};

use aftercare_core::Article;
use axum::body::Bytes;
use axum::http::HeaderValue;
use sha2::{Digest, Sha256};
use time::{Duration, OffsetDateTime};

use crate::auth::secret;
use crate::clock::Clock;
use crate::db::{articles, Db};

/// How long an entry is served without looking at the database.
pub const TTL: Duration = Duration::seconds(1);
/// How often the knowledge base's version is read, at most.
pub const VERSION_EVERY: Duration = Duration::milliseconds(250);
/// The most entries kept.
pub const MAX_ENTRIES: usize = 10_000;

/// One article's answer, ready to send.
#[derive(Debug, Clone)]
pub struct Cached {
    /// The article as JSON.
    pub body: Bytes,
    /// Its strong `ETag`: a hash of `body`.
    pub etag: HeaderValue,
}

#[derive(Debug)]
struct Entry {
    cached: Cached,
    read_at: OffsetDateTime,
}

#[derive(Debug, Default)]
struct Version {
    /// When the version was last read (or is being read), if ever.
    checked_at: Option<OffsetDateTime>,
    /// `MAX(updated_at)` as last read.
    latest: Option<String>,
}

/// The cache; one per router, shared by its requests.
#[derive(Debug, Default)]
pub struct ArticleCache {
    entries: RwLock<HashMap<String, Entry>>,
    version: Mutex<Version>,
}

impl ArticleCache {
    /// The answer for article `id`, from the cache or else from the
    /// database; `None` when there is no live article `id`.
    pub async fn get(
        &self,
        db: &Db,
        clock: &Clock,
        id: &str,
    ) -> Result<Option<Cached>, sqlx::Error> {
        let now = clock.now();
        self.revalidate(db, now).await;
        if let Some(cached) = self.fresh(id, now) {
            return Ok(Some(cached));
        }
        let Some(article) = articles::get(db, id).await? else {
            // A deleted article's old entry must not come back.
            self.write().remove(id);
            return Ok(None);
        };
        let cached = Cached::of(&article);
        let mut entries = self.write();
        if entries.len() >= MAX_ENTRIES {
            entries.clear();
        }
        entries.insert(
            id.to_string(),
            Entry {
                cached: cached.clone(),
                read_at: now,
            },
        );
        Ok(Some(cached))
    }

    /// The entry for `id` if it is younger than [`TTL`].
    fn fresh(&self, id: &str, now: OffsetDateTime) -> Option<Cached> {
        let entries = self.entries.read().unwrap_or_else(|e| e.into_inner());
        let entry = entries.get(id)?;
        let age = now - entry.read_at;
        (age >= Duration::ZERO && age < TTL).then(|| entry.cached.clone())
    }

    /// Reads the knowledge base's version if it was not read in the last
    /// [`VERSION_EVERY`] and no other request is reading it, and drops
    /// every entry when it changed. A failed read only logs: the TTL still
    /// bounds what is served.
    async fn revalidate(&self, db: &Db, now: OffsetDateTime) {
        {
            let mut version = self.version.lock().unwrap_or_else(|e| e.into_inner());
            let due = version
                .checked_at
                .is_none_or(|at| now - at >= VERSION_EVERY || now < at);
            if !due {
                return;
            }
            // Claimed: other requests skip the check until this one is old.
            version.checked_at = Some(now);
        }
        let latest = match articles::version(db).await {
            Ok(latest) => latest,
            Err(error) => {
                tracing::warn!(%error, "could not read the knowledge base's version");
                return;
            }
        };
        let mut version = self.version.lock().unwrap_or_else(|e| e.into_inner());
        if version.latest != latest {
            version.latest = latest;
            self.write().clear();
        }
    }

    fn write(&self) -> std::sync::RwLockWriteGuard<'_, HashMap<String, Entry>> {
        self.entries.write().unwrap_or_else(|e| e.into_inner())
    }
}

impl Cached {
    fn of(article: &Article) -> Cached {
        let body = serde_json::to_vec(article).expect("an article is JSON");
        let digest = Sha256::digest(&body);
        let etag = format!("\"{}\"", secret::hex(&digest[..16]));
        Cached {
            body: Bytes::from(body),
            etag: HeaderValue::from_str(&etag).expect("hex is a header value"),
        }
    }

    /// Whether an `If-None-Match` header's value names this entry's tag
    /// (weak comparison, as RFC 9110 asks for `If-None-Match`).
    pub fn matches(&self, if_none_match: &[u8]) -> bool {
        let ours = self.etag.as_bytes();
        if_none_match.split(|&b| b == b',').any(|tag| {
            let tag = tag.trim_ascii();
            tag == b"*" || tag.strip_prefix(b"W/").unwrap_or(tag) == ours
        })
    }
}

#[cfg(test)]
mod tests {
    use axum::body::Body;
    use axum::http::Request;
    use axum::Router;
    use http_body_util::BodyExt;
    use serde_json::json;
    use tower::ServiceExt;

    use super::*;
    use crate::clock::ManualClock;
    use crate::config;
    use crate::http::{app, AppState};
    use crate::kb::import::{import_json, ImportOptions};

    struct Fixture {
        _dir: tempfile::TempDir,
        db: Db,
        clock: ManualClock,
        router: Router,
    }

    impl Fixture {
        async fn new() -> Fixture {
            let dir = tempfile::tempdir().unwrap();
            let url = Db::sqlite_url(&dir.path().join("kb.sqlite3")).unwrap();
            let db = Db::connect(&url).await.unwrap();
            db.migrate().await.unwrap();
            let clock = ManualClock::starting_at(time::macros::datetime!(2026-01-05 09:00 UTC));
            let state =
                AppState::new(db.clone(), config::defaults(), None).with_clock(clock.clock());
            // One router for the whole test, so that its cache is kept.
            let router = app(state);
            Fixture {
                _dir: dir,
                db,
                clock,
                router,
            }
        }

        /// Imports `(id, title)` articles the way `import-kb` does.
        async fn import(&self, articles: &[(&str, &str)], prune: bool) {
            let entries: Vec<_> = articles
                .iter()
                .map(|(id, title)| {
                    json!({"id": id, "locale": "en", "category": "usage", "title": title,
                           "body_markdown": format!("About {title}."), "tags": []})
                })
                .collect();
            let portal = config::defaults();
            let categories = config::category_keys(&portal);
            import_json(
                &self.db,
                &json!(entries).to_string(),
                &categories,
                ImportOptions { prune },
            )
            .await
            .unwrap();
        }

        /// `GET /api/v1/kb/articles/{id}`: status, ETag, title (if any).
        async fn get(&self, id: &str, if_none_match: Option<&str>) -> (u16, String, String) {
            let mut request = Request::get(format!("/api/v1/kb/articles/{id}"));
            if let Some(tag) = if_none_match {
                request = request.header("if-none-match", tag);
            }
            let response = self
                .router
                .clone()
                .oneshot(request.body(Body::empty()).unwrap())
                .await
                .unwrap();
            let status = response.status().as_u16();
            let etag = response
                .headers()
                .get("etag")
                .map(|v| v.to_str().unwrap().to_string())
                .unwrap_or_default();
            let body = response.into_body().collect().await.unwrap().to_bytes();
            let title = match status {
                200 => serde_json::from_slice::<Article>(&body).unwrap().title,
                _ => String::new(),
            };
            (status, etag, title)
        }
    }

    #[tokio::test]
    async fn the_cache_serves_the_same_answer_and_a_304_for_its_tag() {
        let fixture = Fixture::new().await;
        fixture.import(&[("a", "One")], false).await;
        let (status, etag, title) = fixture.get("a", None).await;
        assert_eq!((status, title.as_str()), (200, "One"));
        assert!(etag.starts_with('"') && etag.len() == 34, "{etag}");
        assert_eq!(fixture.get("a", None).await, (200, etag.clone(), title));
        let (status, same, _) = fixture.get("a", Some(&etag)).await;
        assert_eq!((status, same.as_str()), (304, etag.as_str()));
        let list = format!("\"other\", W/{etag}");
        assert_eq!(fixture.get("a", Some(&list)).await.0, 304);
        assert_eq!(fixture.get("a", Some("\"other\"")).await.0, 200);
    }

    #[tokio::test]
    async fn an_import_is_served_once_the_version_is_read_again() {
        let fixture = Fixture::new().await;
        fixture.import(&[("a", "One"), ("b", "Bee")], false).await;
        let (_, first_tag, _) = fixture.get("a", None).await;
        fixture.import(&[("a", "Two")], false).await;
        // Within VERSION_EVERY the cached answer may still be served...
        assert_eq!(fixture.get("a", None).await.2, "One");
        // ...and no later than that, the new one is.
        fixture.clock.advance(VERSION_EVERY);
        let (status, tag, title) = fixture.get("a", None).await;
        assert_eq!((status, title.as_str()), (200, "Two"));
        assert_ne!(tag, first_tag);
        // The old tag no longer gets a 304.
        assert_eq!(fixture.get("a", Some(&first_tag)).await.0, 200);
    }

    #[tokio::test]
    async fn a_deleted_article_becomes_not_found() {
        let fixture = Fixture::new().await;
        fixture.import(&[("a", "One"), ("b", "Bee")], false).await;
        assert_eq!(fixture.get("a", None).await.0, 200);
        fixture.import(&[("b", "Bee")], true).await;
        fixture.clock.advance(VERSION_EVERY);
        assert_eq!(fixture.get("a", None).await.0, 404);
        assert_eq!(fixture.get("b", None).await.2, "Bee");
    }

    #[tokio::test]
    async fn a_change_that_keeps_the_version_is_served_after_the_ttl() {
        let fixture = Fixture::new().await;
        fixture.import(&[("a", "One")], false).await;
        assert_eq!(fixture.get("a", None).await.2, "One");
        // Hand-written SQL that leaves updated_at alone: the version does
        // not move, so only the TTL catches it.
        sqlx::query("UPDATE kb_articles SET title = 'Sneaky' WHERE id = 'a'")
            .execute(fixture.db.pool())
            .await
            .unwrap();
        fixture.clock.advance(VERSION_EVERY);
        assert_eq!(fixture.get("a", None).await.2, "One");
        fixture.clock.advance(TTL - VERSION_EVERY);
        assert_eq!(fixture.get("a", None).await.2, "Sneaky");
    }
}
