//! The search index `GET /kb/search` answers from: built once over every
//! live article (all locales; the engine ranks the customer's locale
//! first), kept in memory, and built again only when the article set
//! changed.
//!
//! As with the article cache (see [`super::cache`]), imports usually come
//! from another process, and with PostgreSQL several servers share one
//! database, so changes are noticed rather than announced: at most every
//! [`CHECK_EVERY`] (1 s), one search reads the article set's generation —
//! the row count (tombstones included) and the newest `updated_at` (see
//! [`articles::generation`]) — and rebuilds the index when it moved. Every
//! import that changes an article stamps it after the newest stamp, so the
//! maximum moves; a row deleted by hand changes the count. The generation
//! is read before the articles, so an import that lands in between only
//! causes one more rebuild, never a stale index kept for good.
//!
//! Only one search checks or rebuilds at a time; the others go on with the
//! index they have (or wait for the first one when there is none yet). A
//! failed check only logs, and the old index is kept. The time comes from
//! the app's [`Clock`], so tests move it. A change of the synonyms (another
//! portal configuration) also rebuilds.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, RwLock};

use aftercare_core::{SearchIndex, SearchSettings};
use time::{Duration, OffsetDateTime};

use crate::clock::Clock;
use crate::db::{articles, Db};

/// How often the article set's generation is read, at most.
pub const CHECK_EVERY: Duration = Duration::seconds(1);

/// The article set's generation: row count and newest `updated_at`.
type Generation = (i64, Option<String>);

struct Current {
    index: Arc<SearchIndex>,
    generation: Generation,
    settings: SearchSettings,
    checked_at: OffsetDateTime,
}

/// The index and what it was built from; one per app, shared by every
/// request.
#[derive(Default)]
pub struct SearchCache {
    current: RwLock<Option<Current>>,
    refresh: tokio::sync::Mutex<()>,
    builds: AtomicUsize,
}

impl std::fmt::Debug for SearchCache {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SearchCache")
            .field("builds", &self.builds())
            .finish_non_exhaustive()
    }
}

impl SearchCache {
    /// The index to search, checked against the database if the last check
    /// is older than [`CHECK_EVERY`], and rebuilt if the articles changed.
    /// An error only when there is no index yet and the database fails.
    pub async fn index(
        &self,
        db: &Db,
        clock: &Clock,
        settings: &SearchSettings,
    ) -> Result<Arc<SearchIndex>, sqlx::Error> {
        if let Some(index) = self.fresh(clock.now(), settings) {
            return Ok(index);
        }
        let _refreshing = match self.refresh.try_lock() {
            Ok(guard) => guard,
            Err(_) => match self.usable(settings) {
                Some(index) => return Ok(index),
                None => self.refresh.lock().await,
            },
        };
        // Another search may have refreshed it while this one waited.
        let now = clock.now();
        if let Some(index) = self.fresh(now, settings) {
            return Ok(index);
        }
        let generation = match articles::generation(db).await {
            Ok(generation) => generation,
            Err(error) => match self.usable(settings) {
                Some(index) => {
                    tracing::warn!(%error, "could not read the knowledge base's generation");
                    return Ok(index);
                }
                None => return Err(error),
            },
        };
        if let Some(index) = self.confirm(&generation, settings, now) {
            return Ok(index);
        }
        let articles = match articles::all_live(db).await {
            Ok(articles) => articles,
            Err(error) => match self.usable(settings) {
                // An older index answers better than an error.
                Some(index) => {
                    tracing::warn!(%error, "could not read the articles to index again");
                    return Ok(index);
                }
                None => return Err(error),
            },
        };
        let owned = settings.clone();
        let built = tokio::task::spawn_blocking(move || SearchIndex::build(&articles, &owned))
            .await
            .unwrap_or_else(|error| std::panic::resume_unwind(error.into_panic()));
        let index = Arc::new(built);
        self.builds.fetch_add(1, Ordering::Relaxed);
        *self.write() = Some(Current {
            index: index.clone(),
            generation,
            settings: settings.clone(),
            checked_at: now,
        });
        Ok(index)
    }

    /// How many times an index was built: for tests and logs.
    pub fn builds(&self) -> usize {
        self.builds.load(Ordering::Relaxed)
    }

    /// The index if it was checked less than [`CHECK_EVERY`] ago.
    fn fresh(&self, now: OffsetDateTime, settings: &SearchSettings) -> Option<Arc<SearchIndex>> {
        let current = self.current.read().unwrap_or_else(|e| e.into_inner());
        let current = current.as_ref().filter(|c| &c.settings == settings)?;
        let age = now - current.checked_at;
        (age >= Duration::ZERO && age < CHECK_EVERY).then(|| current.index.clone())
    }

    /// The index however old, if it was built with `settings`.
    fn usable(&self, settings: &SearchSettings) -> Option<Arc<SearchIndex>> {
        let current = self.current.read().unwrap_or_else(|e| e.into_inner());
        current
            .as_ref()
            .filter(|c| &c.settings == settings)
            .map(|c| c.index.clone())
    }

    /// The index if it was built from `generation` with `settings`, marked
    /// checked at `now`.
    fn confirm(
        &self,
        generation: &Generation,
        settings: &SearchSettings,
        now: OffsetDateTime,
    ) -> Option<Arc<SearchIndex>> {
        let mut current = self.write();
        let current = current
            .as_mut()
            .filter(|c| &c.generation == generation && &c.settings == settings)?;
        current.checked_at = now;
        Some(current.index.clone())
    }

    fn write(&self) -> std::sync::RwLockWriteGuard<'_, Option<Current>> {
        self.current.write().unwrap_or_else(|e| e.into_inner())
    }
}
