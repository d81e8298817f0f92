//! The service catalog the form is drawn from: the request types and their
//! fields, the severities and their promises, the upload limits and the
//! privacy notice. It arrives under `service` in `GET /api/v1/portal` and is
//! kept in the device store, which is read first so the form opens offline.

use aftercare_core::{Backend, Locale, PortalError, RestBackend, ServiceCatalog};
use serde::Deserialize;

use crate::net;
use crate::store::DeviceStore;

/// The settings key of the last service catalog received.
pub const CATALOG_KEY: &str = "service-catalog";

/// The part of the portal configuration that holds the catalog.
#[derive(Deserialize)]
struct WithService {
    service: ServiceCatalog,
}

/// The service catalog: the copy on this device when there is one (a fresh
/// copy is then fetched and kept for next time), otherwise the backend's.
pub async fn load_catalog(locale: Locale) -> Result<ServiceCatalog, PortalError> {
    if let Some(saved) = saved_catalog().await {
        leptos::task::spawn_local(async move {
            // A failed refresh only keeps the older copy for next time.
            let _ = fetch_catalog(locale).await;
        });
        return Ok(saved);
    }
    fetch_catalog(locale).await
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
    // Reading it as the configuration turns error statuses into errors.
    backend.read_portal_config(response.clone())?;
    let catalog = serde_json::from_slice::<WithService>(&response.body)
        .map_err(|e| PortalError::Decode(e.to_string()))?
        .service;
    if let Ok(store) = DeviceStore::shared().await {
        // Without the saved copy the form only needs the network next time.
        let _ = store.put_setting(CATALOG_KEY, &catalog).await;
    }
    Ok(catalog)
}
