//! Reading one knowledge-base article: ask the backend through the core's
//! adapter, keep what arrives in the device store, and fall back to the saved
//! copy when the network fails. The whole library (search, topics, delta
//! sync) lives in [`crate::kb`].

use std::sync::Arc;

use aftercare_core::{Article, Backend, Locale, PortalError, RestBackend};

use crate::{net, store::DeviceStore};

/// Where the content on screen came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Freshness {
    /// Just received from the backend.
    Live,
    /// Read from this device because the backend could not be reached.
    SavedCopy,
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
}
