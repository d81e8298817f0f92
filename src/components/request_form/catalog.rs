//! The service catalog the form is drawn from: the request types and their
//! fields, the severities and their promises, the upload limits and the
//! privacy notice. It arrives under `service` in `GET /api/v1/portal` and is
//! kept in the device store, which is read first so the form opens offline.
//! The knowledge-base library's sync reads that answer at start and when the
//! device is back online, and keeps the catalog fresh with [`keep`]; pages
//! only ask the backend when the device has no copy yet.

use aftercare_core::{Backend, Locale, PortalError, RestBackend, ServiceCatalog};

use crate::net;
use crate::store::DeviceStore;

/// The settings key of the last service catalog received.
pub const CATALOG_KEY: &str = "service-catalog";

/// The service catalog: the copy on this device when there is one (the
/// library's sync keeps it fresh), otherwise the backend's.
pub async fn load_catalog(locale: Locale) -> Result<ServiceCatalog, PortalError> {
    match saved_catalog().await {
        Some(saved) => Ok(saved),
        None => fetch_catalog(locale).await,
    }
}

/// The catalog saved on this device, if any.
pub async fn saved_catalog() -> Option<ServiceCatalog> {
    let store = DeviceStore::shared().await.ok()?;
    store.setting(CATALOG_KEY).await.ok().flatten()
}

/// Asks the backend for the catalog and keeps it on this device.
pub async fn fetch_catalog(locale: Locale) -> Result<ServiceCatalog, PortalError> {
    let backend = RestBackend::new("");
    let response = net::send(backend.portal_config(locale)).await?;
    let catalog = backend.read_service_catalog(response)?;
    if let Ok(store) = DeviceStore::shared().await {
        keep(&store, &catalog).await;
    }
    Ok(catalog)
}

/// Keeps `catalog` on this device for the pages that draw from it; a failed
/// save only means they ask the backend next time.
pub async fn keep(store: &DeviceStore, catalog: &ServiceCatalog) {
    let _ = store.put_setting(CATALOG_KEY, catalog).await;
}
