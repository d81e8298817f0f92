//! Files the customer attached, kept on the device until they are uploaded:
//! each is a JS object whose `blob` property is a real `Blob` (IndexedDB
//! stores it natively), beside its name, type, size and upload state.

use js_sys::{Array, Object, Reflect};
use wasm_bindgen::{JsCast, JsValue};
use web_sys::Blob;

use super::bridge::{settle, transaction_done, StoreError};
use super::{schema, DeviceStore};

/// A file the customer attached, with its bytes.
#[derive(Debug, Clone)]
pub struct FileRecord {
    /// This device's id for the file.
    pub id: String,
    /// The file's name as the customer picked it.
    pub name: String,
    /// Its media type, such as `image/jpeg`.
    pub content_type: String,
    /// Its size in bytes (of `blob`).
    pub size: u64,
    /// The bytes.
    pub blob: Blob,
    /// The server's upload id, once the upload has been started.
    pub server_id: Option<String>,
    /// How many bytes the server had stored when last asked.
    pub sent: u64,
}

impl FileRecord {
    /// The idempotency key that starts this file's upload: the same on every
    /// try, so a retried start makes no second upload.
    pub fn upload_key(&self) -> String {
        format!("upload-{}", self.id)
    }

    /// Whether the server holds every byte.
    pub fn is_uploaded(&self) -> bool {
        self.server_id.is_some() && self.sent >= self.size
    }

    fn to_js(&self) -> Result<JsValue, JsValue> {
        let object = Object::new();
        let set = |name: &str, value: &JsValue| Reflect::set(&object, &name.into(), value);
        set("id", &self.id.as_str().into())?;
        set("name", &self.name.as_str().into())?;
        set("content_type", &self.content_type.as_str().into())?;
        set("size", &(self.size as f64).into())?;
        set("blob", &self.blob)?;
        let server_id = self
            .server_id
            .as_deref()
            .map_or(JsValue::NULL, JsValue::from_str);
        set("server_id", &server_id)?;
        set("sent", &(self.sent as f64).into())?;
        Ok(object.into())
    }

    fn from_js(value: &JsValue) -> Result<Self, StoreError> {
        let field = |name: &str| Reflect::get(value, &name.into()).unwrap_or(JsValue::UNDEFINED);
        let text = |name: &str| {
            field(name)
                .as_string()
                .ok_or_else(|| StoreError::Corrupt(format!("file record without {name}")))
        };
        let blob = field("blob")
            .dyn_into::<Blob>()
            .map_err(|_| StoreError::Corrupt("file record without its blob".into()))?;
        Ok(FileRecord {
            id: text("id")?,
            name: text("name")?,
            content_type: text("content_type")?,
            size: field("size").as_f64().unwrap_or(blob.size()) as u64,
            blob,
            server_id: field("server_id").as_string(),
            sent: field("sent").as_f64().unwrap_or(0.0) as u64,
        })
    }
}

impl DeviceStore {
    /// Saves (inserts or replaces) a file record, its bytes included.
    pub async fn put_file(&self, file: &FileRecord) -> Result<(), StoreError> {
        let (tx, store) = self.write(schema::FILES)?;
        let value = file.to_js().map_err(StoreError::from_js)?;
        store.put(&value).map_err(StoreError::from_js)?;
        transaction_done(&tx).await
    }

    /// The file record with `id`, if there is one.
    pub async fn file(&self, id: &str) -> Result<Option<FileRecord>, StoreError> {
        let store = self.read(schema::FILES)?;
        let request = store
            .get(&JsValue::from_str(id))
            .map_err(StoreError::from_js)?;
        let value = settle(&request).await?;
        if value.is_undefined() {
            return Ok(None);
        }
        FileRecord::from_js(&value).map(Some)
    }

    /// Every saved file record.
    pub async fn files(&self) -> Result<Vec<FileRecord>, StoreError> {
        let store = self.read(schema::FILES)?;
        let request = store.get_all().map_err(StoreError::from_js)?;
        let values: Array = settle(&request).await?.unchecked_into();
        values
            .iter()
            .map(|value| FileRecord::from_js(&value))
            .collect()
    }

    /// Removes the file record with `id`, if present.
    pub async fn delete_file(&self, id: &str) -> Result<(), StoreError> {
        self.delete(schema::FILES, id).await
    }
}
