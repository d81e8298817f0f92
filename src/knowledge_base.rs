//! Reading the knowledge base: ask the backend through the core's adapter,
//! keep what arrives in the device store, and fall back to the saved copy when
//! the network fails, so help articles stay readable offline.

use std::sync::Arc;

use aftercare_core::{
    Article, ArticleQuery, Backend, Locale, PortalConfig, PortalError, RestBackend,
};

use crate::{net, store::DeviceStore};

/// How many articles one page of the feed asks for.
const PAGE_SIZE: u32 = 200;

/// Where the content on screen came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Freshness {
    /// Just received from the backend.
    Live,
    /// Read from this device because the backend could not be reached.
    SavedCopy,
}

/// What the help-center home shows.
#[derive(Debug, Clone)]
pub struct HelpHome {
    pub config: PortalConfig,
    pub articles: Vec<Article>,
    pub freshness: Freshness,
}

/// One article and where it came from.
#[derive(Debug, Clone)]
pub struct ArticleView {
    pub article: Article,
    pub freshness: Freshness,
}

/// The knowledge base as the pages see it; provided as context by the app.
#[derive(Clone)]
pub struct KnowledgeBase {
    backend: Arc<dyn Backend + Send + Sync>,
}

impl KnowledgeBase {
    /// A knowledge base read through `backend`.
    pub fn new(backend: Arc<dyn Backend + Send + Sync>) -> Self {
        KnowledgeBase { backend }
    }

    /// The knowledge base of the portal's own origin.
    pub fn same_origin() -> Self {
        Self::new(Arc::new(RestBackend::new("")))
    }

    /// The configuration and every article in `locale`.
    pub async fn home(&self, locale: Locale) -> Result<HelpHome, PortalError> {
        match self.fetch_home(locale).await {
            Ok((config, articles)) => {
                if let Ok(store) = DeviceStore::shared().await {
                    // A failed save only costs the offline copy, not this view.
                    let _ = store.put_portal_config(&config).await;
                    let _ = store.put_articles(&articles).await;
                }
                Ok(HelpHome {
                    config,
                    articles,
                    freshness: Freshness::Live,
                })
            }
            Err(error) if error.is_transient() => saved_home(locale).await.ok_or(error),
            Err(error) => Err(error),
        }
    }

    /// The article with `id`.
    pub async fn article(&self, id: &str, locale: Locale) -> Result<ArticleView, PortalError> {
        let request = self.backend.get_article(id, locale);
        let fetched = match net::send(request).await {
            Ok(response) => self.backend.read_article(response),
            Err(error) => Err(error),
        };
        match fetched {
            Ok(article) => {
                if let Ok(store) = DeviceStore::shared().await {
                    let _ = store.put_articles(std::slice::from_ref(&article)).await;
                }
                Ok(ArticleView {
                    article,
                    freshness: Freshness::Live,
                })
            }
            Err(error) if error.is_transient() => {
                let saved = match DeviceStore::shared().await {
                    Ok(store) => store.article(id).await.ok().flatten(),
                    Err(_) => None,
                };
                saved
                    .map(|article| ArticleView {
                        article,
                        freshness: Freshness::SavedCopy,
                    })
                    .ok_or(error)
            }
            Err(error) => Err(error),
        }
    }

    async fn fetch_home(
        &self,
        locale: Locale,
    ) -> Result<(PortalConfig, Vec<Article>), PortalError> {
        let response = net::send(self.backend.portal_config(locale)).await?;
        let config = self.backend.read_portal_config(response)?;
        let mut articles = Vec::new();
        let mut query = ArticleQuery {
            locale: Some(locale.tag().to_string()),
            since: None,
            limit: Some(PAGE_SIZE),
        };
        loop {
            let response = net::send(self.backend.list_articles(&query, locale)).await?;
            let page = self.backend.read_article_page(response)?;
            let complete = page.articles.len() < PAGE_SIZE as usize || page.next_cursor.is_none();
            articles.extend(page.articles);
            if complete {
                break;
            }
            query.since = page.next_cursor;
        }
        Ok((config, articles))
    }
}

async fn saved_home(locale: Locale) -> Option<HelpHome> {
    let store = DeviceStore::shared().await.ok()?;
    let config = store.portal_config().await.ok()??;
    let articles = store.articles_in(locale.tag()).await.ok()?;
    if articles.is_empty() {
        return None;
    }
    Some(HelpHome {
        config,
        articles,
        freshness: Freshness::SavedCopy,
    })
}
