//! The device store: one IndexedDB database that keeps what the customer has
//! seen (and, in later issues, what they queued), so the portal can show it
//! with no network. Schema changes are an ordered list in [`schema`].

mod bridge;
pub mod schema;

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use aftercare_core::{Article, PortalConfig};
use js_sys::{Array, JSON};
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{IdbDatabase, IdbObjectStore, IdbTransactionMode};

pub use bridge::StoreError;
use bridge::{settle, transaction_done};

/// The name of the portal's database on this device.
pub const DATABASE_NAME: &str = "aftercare";

const PORTAL_CONFIG_KEY: &str = "portal-config";

/// An open connection to the device store.
#[derive(Clone)]
pub struct DeviceStore {
    db: IdbDatabase,
    /// Set when another tab's upgrade made this connection close itself.
    closed: Rc<Cell<bool>>,
}

thread_local! {
    /// This tab's connection to the portal's database, once opened.
    static SHARED: RefCell<Option<DeviceStore>> = const { RefCell::new(None) };
}

impl DeviceStore {
    /// This tab's connection to the portal's database: opened on first use
    /// and kept, and opened again only after another tab's upgrade closed it.
    pub async fn shared() -> Result<Self, StoreError> {
        let kept = SHARED.with(|shared| shared.borrow().clone());
        if let Some(store) = kept.filter(|store| !store.closed.get()) {
            return Ok(store);
        }
        let store = Self::open().await?;
        SHARED.with(|shared| *shared.borrow_mut() = Some(store.clone()));
        Ok(store)
    }

    /// Opens (and creates or upgrades) the portal's database.
    pub async fn open() -> Result<Self, StoreError> {
        Self::open_named(DATABASE_NAME).await
    }

    /// Opens a database of another name; tests use their own.
    pub async fn open_named(name: &str) -> Result<Self, StoreError> {
        let closed = Rc::new(Cell::new(false));
        let db = schema::open(name, closed.clone()).await?;
        Ok(DeviceStore { db, closed })
    }

    /// Closes the connection; later calls on this value fail.
    pub fn close(&self) {
        self.closed.set(true);
        self.db.close();
    }

    /// Saves (inserts or replaces) articles, all or none.
    pub async fn put_articles(&self, articles: &[Article]) -> Result<(), StoreError> {
        let (tx, store) = self.write(schema::ARTICLES)?;
        for article in articles {
            store.put(&to_js(article)?).map_err(StoreError::from_js)?;
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
        let (tx, store) = self.write(schema::SETTINGS)?;
        store
            .put_with_key(&to_js(config)?, &JsValue::from_str(PORTAL_CONFIG_KEY))
            .map_err(StoreError::from_js)?;
        transaction_done(&tx).await
    }

    /// The portal configuration last saved, if any.
    pub async fn portal_config(&self) -> Result<Option<PortalConfig>, StoreError> {
        self.get(schema::SETTINGS, PORTAL_CONFIG_KEY).await
    }

    async fn get<T: serde::de::DeserializeOwned>(
        &self,
        store_name: &str,
        key: &str,
    ) -> Result<Option<T>, StoreError> {
        let store = self.read(store_name)?;
        let request = store
            .get(&JsValue::from_str(key))
            .map_err(StoreError::from_js)?;
        let value = settle(&request).await?;
        if value.is_undefined() {
            return Ok(None);
        }
        from_js(&value).map(Some)
    }

    fn read(&self, name: &str) -> Result<IdbObjectStore, StoreError> {
        self.db
            .transaction_with_str(name)
            .and_then(|tx| tx.object_store(name))
            .map_err(StoreError::from_js)
    }

    fn write(&self, name: &str) -> Result<(web_sys::IdbTransaction, IdbObjectStore), StoreError> {
        let tx = self
            .db
            .transaction_with_str_and_mode(name, IdbTransactionMode::Readwrite)
            .map_err(StoreError::from_js)?;
        let store = tx.object_store(name).map_err(StoreError::from_js)?;
        Ok((tx, store))
    }
}

fn to_js<T: serde::Serialize>(value: &T) -> Result<JsValue, StoreError> {
    let json = serde_json::to_string(value).map_err(|e| StoreError::Corrupt(e.to_string()))?;
    JSON::parse(&json).map_err(StoreError::from_js)
}

fn from_js<T: serde::de::DeserializeOwned>(value: &JsValue) -> Result<T, StoreError> {
    let json: String = JSON::stringify(value).map_err(StoreError::from_js)?.into();
    serde_json::from_str(&json).map_err(|e| StoreError::Corrupt(e.to_string()))
}
