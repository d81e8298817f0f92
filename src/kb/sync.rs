//! Keeping the device's copy of the knowledge base current: the article feed
//! read by delta from the cursor saved per locale, changed articles saved,
//! tombstoned ones removed, and the shelf rebuilt from what the store holds.

use std::future::Future;

use aftercare_core::{
    Article, ArticleQuery, Backend, HttpRequest, HttpResponse, Locale, PortalError,
};

use super::shelf::{reading_locales, Shelf};
use crate::components::request_form::catalog;
use crate::knowledge_base::Freshness;
use crate::net;
use crate::store::{DeviceStore, StoreError};

/// How many articles one page of the feed asks for.
pub const PAGE_SIZE: u32 = 200;

/// The settings key of the feed cursor for `locale`.
pub fn cursor_key(locale: Locale) -> String {
    format!("kb-cursor:{}", locale.tag())
}

/// The shelf the device holds for `locale`, if it holds a configuration and
/// at least one article.
pub async fn saved_shelf(locale: Locale) -> Option<Shelf> {
    let store = DeviceStore::shared().await.ok()?;
    saved_shelf_in(&store, locale).await
}

/// [`saved_shelf`] from `store`.
pub async fn saved_shelf_in(store: &DeviceStore, locale: Locale) -> Option<Shelf> {
    let config = store.portal_config().await.ok()??;
    let articles = saved_articles(store, locale).await.ok()?;
    if articles.is_empty() {
        return None;
    }
    Some(Shelf::new(config, locale, articles, Freshness::SavedCopy))
}

/// Reads the configuration and the feed's changes since the saved cursors,
/// saves them, and returns the shelf the store then holds; when nothing
/// changed, `current` again (its index is not built twice).
pub async fn synced_shelf(
    backend: &dyn Backend,
    locale: Locale,
    current: Option<&Shelf>,
) -> Result<Shelf, PortalError> {
    // Without a store (private browsing that refuses IndexedDB) the whole
    // feed is read and shown.
    let store = DeviceStore::shared().await.ok();
    synced_shelf_via(backend, store.as_ref(), locale, current, net::send).await
}

/// [`synced_shelf`] with `store` and through the transport `send` (tests
/// pass a stand-in server).
pub async fn synced_shelf_via<S, F>(
    backend: &dyn Backend,
    store: Option<&DeviceStore>,
    locale: Locale,
    current: Option<&Shelf>,
    send: S,
) -> Result<Shelf, PortalError>
where
    S: Fn(HttpRequest) -> F,
    F: Future<Output = Result<HttpResponse, PortalError>>,
{
    let answer = send(backend.portal_config(locale)).await?;
    let config = backend.read_portal_config(answer.clone())?;
    if let Some(store) = store {
        // A failed save only costs the offline copy.
        let _ = store.put_portal_config(&config).await;
        // The same answer carries the service catalog the request pages use.
        if let Ok(catalog) = backend.read_service_catalog(answer) {
            catalog::keep(store, &catalog).await;
        }
    }
    let mut fetched: Vec<Article> = Vec::new();
    let mut changed = false;
    for &reading in reading_locales(locale) {
        let feed = Feed {
            backend,
            store,
            reading,
            asker: locale,
        };
        let (arrived, removed) = feed.sync(&send).await?;
        changed |= !arrived.is_empty() || removed;
        fetched.extend(arrived);
    }
    if let Some(current) = current {
        let same = current.locale == locale && current.config == config;
        if same && !changed && store.is_some() {
            return Ok(current.confirmed());
        }
    }
    let saved = match store {
        Some(store) => saved_articles(store, locale).await.ok(),
        None => None,
    };
    let articles = match saved {
        Some(saved) if !saved.is_empty() || fetched.is_empty() => saved,
        _ => in_reading_order(fetched, locale),
    };
    Ok(Shelf::new(config, locale, articles, Freshness::Live))
}

/// One locale's article feed as this device reads it.
struct Feed<'a> {
    backend: &'a dyn Backend,
    store: Option<&'a DeviceStore>,
    /// The locale whose articles are read.
    reading: Locale,
    /// The customer's locale, for the backend's messages.
    asker: Locale,
}

impl Feed<'_> {
    /// Pages through the feed from the saved cursor, applying each page to
    /// the store; returns the articles that arrived and whether any was
    /// removed.
    async fn sync<S, F>(&self, send: &S) -> Result<(Vec<Article>, bool), PortalError>
    where
        S: Fn(HttpRequest) -> F,
        F: Future<Output = Result<HttpResponse, PortalError>>,
    {
        let key = cursor_key(self.reading);
        let since = match self.store {
            Some(store) => saved_cursor(store, &key, self.reading).await,
            None => None,
        };
        let mut query = ArticleQuery {
            locale: Some(self.reading.tag().to_string()),
            since,
            limit: Some(PAGE_SIZE),
        };
        let from_start = query.since.is_none();
        let mut arrived = Vec::new();
        let mut removed = false;
        // Once a page fails to save, the cursor stays before it, so the
        // next sync reads that page again.
        let mut all_saved = true;
        loop {
            let response = send(self.backend.list_articles(&query, self.asker)).await?;
            let page = self.backend.read_article_page(response)?;
            let rows = page.articles.len() + page.tombstones.len();
            if let Some(store) = self.store {
                let saved = store.put_articles(&page.articles).await;
                let deleted = store.delete_articles(&page.tombstones).await;
                all_saved &= saved.is_ok() && deleted.is_ok();
                if let (true, Some(cursor)) = (all_saved, &page.next_cursor) {
                    let _ = store.put_setting(&key, cursor).await;
                }
            }
            removed |= !page.tombstones.is_empty();
            arrived.extend(page.articles);
            if rows < PAGE_SIZE as usize || page.next_cursor.is_none() {
                break;
            }
            query.since = page.next_cursor;
        }
        // A read from the start carries no tombstones: whatever the device
        // kept that the feed no longer lists was removed meanwhile.
        if let (true, true, Some(store)) = (from_start, all_saved, self.store) {
            removed |= self.forget_unlisted(store, &arrived).await;
        }
        Ok((arrived, removed))
    }

    /// Removes the saved articles of this locale that are not in `listed`;
    /// whether any was removed.
    async fn forget_unlisted(&self, store: &DeviceStore, listed: &[Article]) -> bool {
        let listed: std::collections::HashSet<&str> =
            listed.iter().map(|article| article.id.as_str()).collect();
        let Ok(saved) = store.articles_in(self.reading.tag()).await else {
            return false;
        };
        let gone: Vec<String> = saved
            .into_iter()
            .map(|article| article.id)
            .filter(|id| !listed.contains(id.as_str()))
            .collect();
        !gone.is_empty() && store.delete_articles(&gone).await.is_ok()
    }
}

/// The saved cursor of `reading`'s feed. Without any saved article the
/// cursor means nothing (the store was cleared, or an older portal kept
/// articles without a cursor), so the feed is read from its start.
async fn saved_cursor(store: &DeviceStore, key: &str, reading: Locale) -> Option<String> {
    let cursor: Option<String> = store.setting(key).await.ok().flatten();
    match store.articles_in(reading.tag()).await {
        Ok(articles) if !articles.is_empty() => cursor,
        _ => None,
    }
}

/// Every saved article `locale` reads, in reading order.
async fn saved_articles(store: &DeviceStore, locale: Locale) -> Result<Vec<Article>, StoreError> {
    let mut articles = Vec::new();
    for reading in reading_locales(locale) {
        articles.extend(store.articles_in(reading.tag()).await?);
    }
    Ok(articles)
}

fn in_reading_order(mut articles: Vec<Article>, locale: Locale) -> Vec<Article> {
    let rank = |article: &Article| {
        reading_locales(locale)
            .iter()
            .position(|l| l.tag() == article.locale)
            .unwrap_or(usize::MAX)
    };
    articles.sort_by_key(rank);
    articles
}
