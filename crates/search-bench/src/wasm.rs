//! The wasm face of the bench, loaded by `bench/search/bench.js` in headless
//! Chromium: parse articles, build our engine, run one search, and save
//! articles through the portal's own device store (`aftercare::store`), so
//! the IndexedDB import is timed on the code customers run. The page does
//! the timing with `performance.now()`, the same way for MiniSearch.

use aftercare_core::{Article, SearchIndex, SearchSettings};
use wasm_bindgen::prelude::*;

use crate::{engine, BenchSet};

/// A list of articles held on the wasm side.
#[wasm_bindgen]
pub struct Articles {
    list: Vec<Article>,
}

#[wasm_bindgen]
impl Articles {
    /// Reads a JSON list of articles, or a bench set's `articles`.
    pub fn parse(json: &str) -> Result<Articles, JsError> {
        let list = match serde_json::from_str::<Vec<Article>>(json) {
            Ok(list) => list,
            Err(_) => serde_json::from_str::<BenchSet>(json)?.articles,
        };
        Ok(Articles { list })
    }

    /// How many articles there are.
    pub fn count(&self) -> usize {
        self.list.len()
    }
}

/// Our engine's index over a list of articles.
#[wasm_bindgen]
pub struct Engine {
    index: SearchIndex,
}

#[wasm_bindgen]
impl Engine {
    /// Builds the index with the search settings given as JSON.
    pub fn build(articles: &Articles, settings_json: &str) -> Result<Engine, JsError> {
        let settings: SearchSettings = serde_json::from_str(settings_json)?;
        Ok(Engine {
            index: engine::build(&articles.list, &settings),
        })
    }

    /// Runs one search as the portal would and returns the number of hits.
    pub fn search(&self, text: &str, locale: &str) -> usize {
        engine::hit_count(&self.index, text, locale)
    }

    /// The ids of the best hits, best first.
    pub fn ranked(&self, text: &str, locale: &str) -> Vec<String> {
        engine::ranked_ids(&self.index, text, locale)
    }

    /// The index's own estimate of its size in bytes, when it has one.
    #[wasm_bindgen(js_name = indexBytes)]
    pub fn index_bytes(&self) -> Option<f64> {
        engine::index_bytes(&self.index).map(|bytes| bytes as f64)
    }
}

/// The portal's device store, reached only with the `portal-store` feature.
#[cfg(feature = "portal-store")]
mod store {
    use aftercare::store::DeviceStore;
    use wasm_bindgen::prelude::*;

    use super::Articles;

    /// The portal's device store, opened under a bench database name.
    #[wasm_bindgen]
    pub struct Store {
        store: DeviceStore,
    }

    /// Opens (creating it at the portal's schema) the database `name`.
    #[wasm_bindgen(js_name = openStore)]
    pub async fn open_store(name: String) -> Result<Store, JsError> {
        let store = DeviceStore::open_named(&name)
            .await
            .map_err(|e| JsError::new(&e.to_string()))?;
        Ok(Store { store })
    }

    /// Saves the articles with the portal's `put_articles` (one transaction),
    /// then closes the connection so the page can delete the database.
    #[wasm_bindgen(js_name = putArticles)]
    pub async fn put_articles(store: Store, articles: Articles) -> Result<(), JsError> {
        let saved = store.store.put_articles(&articles.list).await;
        store.store.close();
        saved.map_err(|e| JsError::new(&e.to_string()))
    }
}
