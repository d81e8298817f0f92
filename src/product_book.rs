//! The customer's registered products as this device knows them: the list
//! the backend gave last, kept in the device store's settings so that "My
//! products" shows it offline, and each product the backend accepted from
//! the outbox. Signing out removes it with the other private settings.

use aftercare_core::{ProductList, RegisteredProduct};

use crate::store::{DeviceStore, StoreError};

/// The settings key of the saved list.
const SETTING: &str = "products";

/// The list saved last (empty when there is none).
pub async fn saved_products() -> Result<ProductList, StoreError> {
    Ok(DeviceStore::shared()
        .await?
        .setting(SETTING)
        .await?
        .unwrap_or_default())
}

/// Saves `list` as the customer's products.
pub async fn save_products(list: &ProductList) -> Result<(), StoreError> {
    DeviceStore::shared()
        .await?
        .put_setting(SETTING, list)
        .await
}

/// Adds (or replaces, by id) a product the backend accepted for the
/// outbox entry that registered it under `local_id`.
pub async fn save_registered(
    _local_id: &str,
    product: &RegisteredProduct,
) -> Result<(), StoreError> {
    let mut list = saved_products().await?;
    list.items.retain(|p| p.id != product.id);
    list.items.insert(0, product.clone());
    save_products(&list).await
}
