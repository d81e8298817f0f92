//! Signing out: the device store forgets everything private to the
//! customer, in one transaction, and keeps what is public.

use wasm_bindgen::JsValue;
use web_sys::IdbKeyRange;

use super::articles::PORTAL_CONFIG_KEY;
use super::bridge::{transaction_done, StoreError};
use super::{schema, DeviceStore};

/// The settings kept on sign-out, in ascending key order: the knowledge
/// base's feed cursors (`kb::sync`), the portal configuration and the
/// service catalog (`GET /api/v1/portal`, kept by the
/// request form). Every other setting (the session, guest access keys,
/// visit marks) is private. A new public setting must be added here.
pub const PUBLIC_SETTINGS: &[&str] = &[
    "kb-cursor:en",
    "kb-cursor:zh-CN",
    "kb-cursor:zh-TW",
    PORTAL_CONFIG_KEY,
    "service-catalog",
];

/// The stores that only hold the customer's own data.
const PRIVATE_STORES: &[&str] = &[
    schema::OUTBOX,
    schema::REQUESTS,
    schema::DRAFTS,
    schema::FILES,
];

impl DeviceStore {
    /// Clears the outbox, saved requests, drafts, files and every private
    /// setting, all or none; articles and the portal configuration stay.
    /// Used when a customer signs out.
    pub async fn wipe_private(&self) -> Result<(), StoreError> {
        let mut names = PRIVATE_STORES.to_vec();
        names.push(schema::SETTINGS);
        let tx = self.write_all(&names)?;
        for name in PRIVATE_STORES {
            let store = tx.object_store(name).map_err(StoreError::from_js)?;
            store.clear().map_err(StoreError::from_js)?;
        }
        let settings = tx
            .object_store(schema::SETTINGS)
            .map_err(StoreError::from_js)?;
        if PUBLIC_SETTINGS.is_empty() {
            settings.clear().map_err(StoreError::from_js)?;
        }
        for range in private_ranges().map_err(StoreError::from_js)? {
            settings.delete(&range).map_err(StoreError::from_js)?;
        }
        transaction_done(&tx).await
    }
}

/// Key ranges covering every string key except [`PUBLIC_SETTINGS`]: below
/// the first, between each pair, and above the last (none when there are
/// no public settings: the caller clears the store instead).
fn private_ranges() -> Result<Vec<JsValue>, JsValue> {
    let keys: Vec<JsValue> = PUBLIC_SETTINGS
        .iter()
        .map(|key| JsValue::from_str(key))
        .collect();
    let mut ranges = Vec::with_capacity(keys.len() + 1);
    let Some((first, rest)) = keys.split_first() else {
        return Ok(ranges);
    };
    ranges.push(IdbKeyRange::upper_bound_with_open(first, true)?.into());
    let mut lower = first;
    for upper in rest {
        ranges.push(
            IdbKeyRange::bound_with_lower_open_and_upper_open(lower, upper, true, true)?.into(),
        );
        lower = upper;
    }
    ranges.push(IdbKeyRange::lower_bound_with_open(lower, true)?.into());
    Ok(ranges)
}
