//! Generic keyed records in the device store: any serde value saved as a
//! plain JS object in one of the stores named in [`schema`], plus small
//! keyed settings. The outbox, saved requests and drafts all go through here.

use js_sys::Array;
use serde::{de::DeserializeOwned, Serialize};
use wasm_bindgen::{JsCast, JsValue};

use super::bridge::{settle, transaction_done, StoreError};
use super::{from_js, schema, to_js, DeviceStore};

impl DeviceStore {
    /// Saves (inserts or replaces) `value` in the store `store_name`; the
    /// store's key path (`key` or `id`) names the field that keys it.
    pub async fn put<T: Serialize>(&self, store_name: &str, value: &T) -> Result<(), StoreError> {
        let (tx, store) = self.write(store_name)?;
        store.put(&to_js(value)?).map_err(StoreError::from_js)?;
        transaction_done(&tx).await
    }

    /// The value saved under `key` in the store `store_name`, if any.
    pub async fn get<T: DeserializeOwned>(
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

    /// Every value in the store `store_name`: the outbox's in `seq` order
    /// (the order they were queued), the others in key order.
    pub async fn all<T: DeserializeOwned>(&self, store_name: &str) -> Result<Vec<T>, StoreError> {
        let store = self.read(store_name)?;
        let request = if store_name == schema::OUTBOX {
            store
                .index(schema::OUTBOX_BY_SEQ)
                .and_then(|index| index.get_all())
        } else {
            store.get_all()
        }
        .map_err(StoreError::from_js)?;
        let values: Array = settle(&request).await?.unchecked_into();
        values.iter().map(|value| from_js(&value)).collect()
    }

    /// Removes the value under `key` in the store `store_name`, if present.
    pub async fn delete(&self, store_name: &str, key: &str) -> Result<(), StoreError> {
        let (tx, store) = self.write(store_name)?;
        store
            .delete(&JsValue::from_str(key))
            .map_err(StoreError::from_js)?;
        transaction_done(&tx).await
    }

    /// How many values the store `store_name` holds.
    pub async fn count(&self, store_name: &str) -> Result<u32, StoreError> {
        let store = self.read(store_name)?;
        let request = store.count().map_err(StoreError::from_js)?;
        let count = settle(&request).await?;
        Ok(count.as_f64().unwrap_or(0.0) as u32)
    }

    /// Saves a small value under `key` in the settings. Settings are private
    /// to the customer unless listed in [`super::PUBLIC_SETTINGS`]:
    /// signing out removes them.
    pub async fn put_setting<T: Serialize>(&self, key: &str, value: &T) -> Result<(), StoreError> {
        let (tx, store) = self.write(schema::SETTINGS)?;
        store
            .put_with_key(&to_js(value)?, &JsValue::from_str(key))
            .map_err(StoreError::from_js)?;
        transaction_done(&tx).await
    }

    /// The setting saved under `key`, if any.
    pub async fn setting<T: DeserializeOwned>(&self, key: &str) -> Result<Option<T>, StoreError> {
        self.get(schema::SETTINGS, key).await
    }

    /// Removes the setting under `key`, if present.
    pub async fn delete_setting(&self, key: &str) -> Result<(), StoreError> {
        self.delete(schema::SETTINGS, key).await
    }
}
