//! The device store: one IndexedDB database that keeps what the customer has
//! seen and what they queued, so the portal can show it with no network.
//! Schema changes are an ordered list in [`schema`]; this file holds the
//! connection, and the files beside it the kinds of things kept.

mod articles;
mod bridge;
mod files;
mod records;
pub mod schema;
mod wipe;

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use js_sys::{Array, JSON};
use wasm_bindgen::JsValue;
use web_sys::{IdbDatabase, IdbObjectStore, IdbTransaction, IdbTransactionMode};

pub use bridge::StoreError;
pub use files::FileRecord;
pub use schema::Migration;
pub use wipe::PUBLIC_SETTINGS;

/// The name of the portal's database on this device.
pub const DATABASE_NAME: &str = "aftercare";

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
        Self::open_with(name, schema::MIGRATIONS).await
    }

    /// Opens `name` at the version of `migrations` (see
    /// [`schema::open_with`]); tests use it to play older and newer builds.
    pub async fn open_with(name: &str, migrations: &[Migration]) -> Result<Self, StoreError> {
        let closed = Rc::new(Cell::new(false));
        let db = schema::open_with(name, migrations, closed.clone()).await?;
        Ok(DeviceStore { db, closed })
    }

    /// Closes the connection; later calls on this value fail.
    pub fn close(&self) {
        self.closed.set(true);
        self.db.close();
    }

    /// The schema version of the open database.
    pub fn version(&self) -> u32 {
        self.db.version() as u32
    }

    /// Whether the connection is closed, by [`close`](Self::close) or
    /// because another tab asked to upgrade the database.
    pub fn is_closed(&self) -> bool {
        self.closed.get()
    }

    /// A read-only transaction on the store `name`.
    fn read(&self, name: &str) -> Result<IdbObjectStore, StoreError> {
        self.db
            .transaction_with_str(name)
            .and_then(|tx| tx.object_store(name))
            .map_err(StoreError::from_js)
    }

    /// A read-write transaction on the store `name`.
    fn write(&self, name: &str) -> Result<(IdbTransaction, IdbObjectStore), StoreError> {
        let tx = self
            .db
            .transaction_with_str_and_mode(name, IdbTransactionMode::Readwrite)
            .map_err(StoreError::from_js)?;
        let store = tx.object_store(name).map_err(StoreError::from_js)?;
        Ok((tx, store))
    }

    /// A read-write transaction over several stores, all or none.
    fn write_all(&self, names: &[&str]) -> Result<IdbTransaction, StoreError> {
        let names: Array = names.iter().map(|name| JsValue::from_str(name)).collect();
        self.db
            .transaction_with_str_sequence_and_mode(&names, IdbTransactionMode::Readwrite)
            .map_err(StoreError::from_js)
    }
}

/// A Rust value as the plain JS object IndexedDB keeps, through JSON.
fn to_js<T: serde::Serialize>(value: &T) -> Result<JsValue, StoreError> {
    let json = serde_json::to_string(value).map_err(|e| StoreError::Corrupt(e.to_string()))?;
    JSON::parse(&json).map_err(StoreError::from_js)
}

/// A plain JS object read from IndexedDB as a Rust value, through JSON.
fn from_js<T: serde::de::DeserializeOwned>(value: &JsValue) -> Result<T, StoreError> {
    let json: String = JSON::stringify(value).map_err(StoreError::from_js)?.into();
    // The same reader as the REST adapter's (`from_slice`), so the wasm holds
    // one copy of each type's JSON reading code rather than two.
    serde_json::from_slice(json.as_bytes()).map_err(|e| StoreError::Corrupt(e.to_string()))
}
