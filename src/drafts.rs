//! Drafts: an unfinished request form kept in the device store as the
//! customer types, so a reload, a closed tab or a crash brings it back. A
//! draft holds the chosen type and severity, every answer, and the local ids
//! of the files picked (their bytes stay in the store's `files`).

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::store::{schema, DeviceStore, StoreError};

/// The id of the new-request form's draft.
pub const NEW_REQUEST: &str = "new-request";

/// The id of the draft kept while the customer fixes the outbox entry `key`.
pub fn fixing(key: &str) -> String {
    format!("fix-{key}")
}

/// An unfinished request form.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Draft {
    /// Which form this is ([`NEW_REQUEST`] or [`fixing`]).
    pub id: String,
    /// The request type's key, once chosen.
    #[serde(default)]
    pub request_type: Option<String>,
    /// The severity's key, once chosen.
    #[serde(default)]
    pub severity: Option<String>,
    /// Every answer by field key, as the form holds it.
    #[serde(default)]
    pub fields: Map<String, Value>,
    /// The local ids of the files picked, in the store's `files`.
    #[serde(default)]
    pub files: Vec<String>,
    /// When it was last saved, in milliseconds since the epoch.
    #[serde(default)]
    pub saved_at_ms: f64,
}

impl Draft {
    /// Whether the customer has not done anything worth keeping yet.
    pub fn is_empty(&self) -> bool {
        self.request_type.is_none()
            && self.severity.is_none()
            && self.fields.is_empty()
            && self.files.is_empty()
    }
}

/// The draft saved under `id`, if any.
pub async fn load(id: &str) -> Result<Option<Draft>, StoreError> {
    DeviceStore::shared().await?.get(schema::DRAFTS, id).await
}

/// Saves `draft`, replacing the one before it.
pub async fn save(draft: &Draft) -> Result<(), StoreError> {
    DeviceStore::shared()
        .await?
        .put(schema::DRAFTS, draft)
        .await
}

/// Forgets the draft `id` but keeps its files: used once the request is in
/// the outbox, which sends the files with it.
pub async fn forget(id: &str) -> Result<(), StoreError> {
    DeviceStore::shared()
        .await?
        .delete(schema::DRAFTS, id)
        .await
}

/// Throws the draft `id` away together with the files it picked.
pub async fn discard(id: &str, files: &[String]) -> Result<(), StoreError> {
    let store = DeviceStore::shared().await?;
    for file in files {
        store.delete_file(file).await?;
    }
    store.delete(schema::DRAFTS, id).await
}
