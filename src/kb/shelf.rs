//! One loaded state of the knowledge base: the portal configuration, the
//! articles a customer reads (their locale, and the sibling Chinese one) and
//! the search index over them. A new shelf replaces the old one whole.

use std::sync::Arc;

use aftercare_core::{Article, Locale, PortalConfig, SearchHit, SearchIndex, SearchQuery};

use crate::knowledge_base::Freshness;

/// The knowledge base as one customer reads it.
#[derive(Debug)]
pub struct Shelf {
    pub config: PortalConfig,
    /// The customer's locale.
    pub locale: Locale,
    /// The customer's locale's articles first, then the sibling's.
    pub articles: Vec<Article>,
    /// Shared, so a sync that changed nothing keeps the built index.
    pub index: Arc<SearchIndex>,
    /// Whether this came from the backend just now or from the device.
    pub freshness: Freshness,
}

/// The locales a customer in `locale` reads, in order.
pub fn reading_locales(locale: Locale) -> &'static [Locale] {
    match locale {
        Locale::ZhTw => &[Locale::ZhTw, Locale::ZhCn],
        Locale::ZhCn => &[Locale::ZhCn, Locale::ZhTw],
        Locale::En => &[Locale::En],
    }
}

impl Shelf {
    /// A shelf of `articles` (already in reading order) indexed with the
    /// configuration's search settings.
    pub fn new(
        config: PortalConfig,
        locale: Locale,
        articles: Vec<Article>,
        freshness: Freshness,
    ) -> Shelf {
        let index = Arc::new(SearchIndex::build(&articles, &config.search));
        Shelf {
            config,
            locale,
            articles,
            index,
            freshness,
        }
    }

    /// This shelf again, as confirmed by the backend just now (a sync that
    /// brought no change), without building the index again.
    pub fn confirmed(&self) -> Shelf {
        Shelf {
            config: self.config.clone(),
            locale: self.locale,
            articles: self.articles.clone(),
            index: self.index.clone(),
            freshness: Freshness::Live,
        }
    }

    /// The best `limit` matches for `text`, optionally in one category.
    pub fn search(&self, text: &str, category: Option<&str>, limit: usize) -> Vec<SearchHit> {
        self.index.search(&SearchQuery {
            text,
            locale: self.locale,
            limit,
            category,
        })
    }

    /// The saved article `id`.
    pub fn article(&self, id: &str) -> Option<&Article> {
        self.articles.iter().find(|article| article.id == id)
    }

    /// Articles about the same things as article `id`.
    pub fn related(&self, id: &str, limit: usize) -> Vec<SearchHit> {
        self.index.related(id, limit)
    }

    /// The articles of category `key`: the customer's locale first.
    pub fn in_category<'a>(&'a self, key: &'a str) -> impl Iterator<Item = &'a Article> + 'a {
        self.articles
            .iter()
            .filter(move |article| article.category == key)
    }

    /// Whether `article` is in the customer's own locale (not the sibling's).
    pub fn is_own(&self, article: &Article) -> bool {
        article.locale == self.locale.tag()
    }
}
