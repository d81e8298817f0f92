//! The satisfaction surveys this device knows: the backend's record of each
//! request's survey, kept in the device store's settings so that the
//! request page shows the answers (and whether they may change) offline.
//! Signing out removes them with the customer's other private settings.

use aftercare_core::SurveyRecord;

use crate::store::{DeviceStore, StoreError};

/// The settings key of request `number`'s survey.
fn setting_key(number: &str) -> String {
    format!("survey:{number}")
}

/// Saves the backend's `record` of a survey.
pub async fn save(record: &SurveyRecord) -> Result<(), StoreError> {
    DeviceStore::shared()
        .await?
        .put_setting(&setting_key(&record.number), record)
        .await
}

/// The saved record of request `number`'s survey, if this device has one.
pub async fn saved(number: &str) -> Result<Option<SurveyRecord>, StoreError> {
    DeviceStore::shared()
        .await?
        .setting(&setting_key(number))
        .await
}
