//! The public things the device store keeps: knowledge-base articles and the
//! last portal configuration. Signing out keeps them.

use aftercare_core::{Article, PortalConfig};
use js_sys::Array;
use wasm_bindgen::{JsCast, JsValue};

use super::bridge::{settle, transaction_done, StoreError};
use super::{from_js, schema, to_js, DeviceStore};

/// The settings key of the last portal configuration.
pub(super) const PORTAL_CONFIG_KEY: &str = "portal-config";

impl DeviceStore {
    /// Saves (inserts or replaces) articles, all or none. The whole batch
    /// crosses into JavaScript as one JSON text, parsed once: a first sync
    /// of thousands of articles is bound by the store, not by the crossing.
    pub async fn put_articles(&self, articles: &[Article]) -> Result<(), StoreError> {
        if articles.is_empty() {
            return Ok(());
        }
        let batch: Array = to_js(&articles)?.unchecked_into();
        let (tx, store) = self.write(schema::ARTICLES)?;
        for article in batch.iter() {
            store.put(&article).map_err(StoreError::from_js)?;
        }
        transaction_done(&tx).await
    }

    /// Removes the articles with these ids, if present.
    pub async fn delete_articles(&self, ids: &[String]) -> Result<(), StoreError> {
        let (tx, store) = self.write(schema::ARTICLES)?;
        for id in ids {
            store
                .delete(&JsValue::from_str(id))
                .map_err(StoreError::from_js)?;
        }
        transaction_done(&tx).await
    }

    /// Every saved article in the locale `tag`.
    pub async fn articles_in(&self, tag: &str) -> Result<Vec<Article>, StoreError> {
        let store = self.read(schema::ARTICLES)?;
        let index = store
            .index(schema::ARTICLES_BY_LOCALE)
            .map_err(StoreError::from_js)?;
        let request = index
            .get_all_with_key(&JsValue::from_str(tag))
            .map_err(StoreError::from_js)?;
        let values: Array = settle(&request).await?.unchecked_into();
        values.iter().map(|value| from_js(&value)).collect()
    }

    /// The saved article with `id`, if there is one.
    pub async fn article(&self, id: &str) -> Result<Option<Article>, StoreError> {
        self.get(schema::ARTICLES, id).await
    }

    /// Saves the portal configuration last received from the backend.
    pub async fn put_portal_config(&self, config: &PortalConfig) -> Result<(), StoreError> {
        self.put_setting(PORTAL_CONFIG_KEY, config).await
    }

    /// The portal configuration last saved, if any.
    pub async fn portal_config(&self) -> Result<Option<PortalConfig>, StoreError> {
        self.setting(PORTAL_CONFIG_KEY).await
    }
}
