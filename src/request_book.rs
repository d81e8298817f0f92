//! The service requests this device knows: saved copies of what the backend
//! last said about each (readable offline), requests still waiting in the
//! outbox under a local id, and guests' access keys. Pages read the saved
//! copy first and then refresh it from the network.

use aftercare_core::{
    Credentials, NewServiceRequest, PortalError, RequestPage, RequestQuery, RequestSummary,
    ServiceRequest,
};
use leptos::prelude::Set;
use serde::{Deserialize, Serialize};

use crate::net;
use crate::random::now_ms;
use crate::session::Account;
use crate::store::{schema, DeviceStore, StoreError};

/// The settings key of the signed-in customer's list as the backend last
/// gave it (private: wiped on sign-out), so the list shows offline.
const LIST_KEY: &str = "my-requests-list";

/// How many pages of the customer's list one refresh reads at most.
const MAX_PAGES: usize = 5;

/// A request as this device knows it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SavedRequest {
    /// The number, or a local id (`local-…`) while it waits in the outbox.
    pub key: String,
    /// Set once the backend has it.
    pub number: Option<String>,
    /// The last copy from the backend.
    pub request: Option<ServiceRequest>,
    /// What the customer sent, while it waits to be sent.
    pub pending: Option<NewServiceRequest>,
    /// A guest request's access key, remembered on this device.
    pub access_key: Option<String>,
    /// The request's `updated_at` when the customer last opened it.
    pub seen_updated_at: Option<String>,
    /// On a local record after delivery: the number to show instead.
    pub delivered_as: Option<String>,
    /// When this record was last written, in milliseconds since the epoch.
    pub saved_at_ms: f64,
}

impl SavedRequest {
    /// A record for a request the customer just queued.
    pub fn pending(
        local_id: String,
        request: NewServiceRequest,
        access_key: Option<String>,
    ) -> Self {
        SavedRequest {
            key: local_id,
            number: None,
            request: None,
            pending: Some(request),
            access_key,
            seen_updated_at: None,
            delivered_as: None,
            saved_at_ms: now_ms(),
        }
    }

    /// A record of what the backend says, keeping what this device knew.
    pub fn from_backend(request: ServiceRequest, known: Option<SavedRequest>) -> Self {
        let known = known.unwrap_or_else(|| SavedRequest {
            key: request.number.clone(),
            number: None,
            request: None,
            pending: None,
            access_key: None,
            seen_updated_at: None,
            delivered_as: None,
            saved_at_ms: 0.0,
        });
        SavedRequest {
            key: request.number.clone(),
            number: Some(request.number.clone()),
            pending: None,
            delivered_as: None,
            saved_at_ms: now_ms(),
            request: Some(request),
            ..known
        }
    }

    /// Whether the backend has changed it since the customer last looked.
    pub fn updated_since_last_visit(&self) -> bool {
        match (&self.request, &self.seen_updated_at) {
            (Some(request), Some(seen)) => request.updated_at > *seen,
            _ => false,
        }
    }
}

/// Every request this device knows, newest activity first.
pub async fn saved_requests() -> Result<Vec<SavedRequest>, StoreError> {
    let store = DeviceStore::shared().await?;
    let mut all: Vec<SavedRequest> = store.all(schema::REQUESTS).await?;
    all.retain(|saved| saved.delivered_as.is_none());
    all.sort_by(|a, b| activity(b).total_cmp(&activity(a)).then(b.key.cmp(&a.key)));
    Ok(all)
}

/// A sort key: the backend's last activity, or when it was queued.
fn activity(saved: &SavedRequest) -> f64 {
    saved
        .request
        .as_ref()
        .map(|r| js_sys::Date::parse(&r.updated_at))
        .filter(|ms: &f64| ms.is_finite())
        .unwrap_or(saved.saved_at_ms)
}

/// The record saved under `key` (a number or a local id).
pub async fn saved_request(key: &str) -> Result<Option<SavedRequest>, StoreError> {
    DeviceStore::shared()
        .await?
        .get(schema::REQUESTS, key)
        .await
}

/// Saves `record`.
pub async fn save(record: &SavedRequest) -> Result<(), StoreError> {
    DeviceStore::shared()
        .await?
        .put(schema::REQUESTS, record)
        .await
}

/// Saves what the backend just said about a request, keeping this device's
/// notes on it (its key, its last visit).
pub async fn save_from_backend(
    request: ServiceRequest,
    access_key: Option<String>,
) -> Result<SavedRequest, StoreError> {
    let known = saved_request(&request.number).await.ok().flatten();
    let mut record = SavedRequest::from_backend(request, known);
    if access_key.is_some() {
        record.access_key = access_key;
    }
    save(&record).await?;
    Ok(record)
}

/// Asks the backend for the request saved under `key`, saves and returns it.
pub async fn refresh(account: &Account, key: &str) -> Result<SavedRequest, PortalError> {
    let known = saved_request(key).await.ok().flatten();
    let number = match &known {
        Some(saved) => match saved.number.clone().or_else(|| saved.delivered_as.clone()) {
            Some(number) => number,
            // Still in the outbox: nothing to ask the backend yet.
            None => return Ok(known.expect("matched Some")),
        },
        None => key.to_string(),
    };
    let credentials = match &known {
        Some(saved) => account.credentials_for(saved),
        None => account.credentials(),
    };
    fetch(account, &number, credentials).await
}

/// Opens a request on this device with its number and access key (a
/// "second device"), and remembers the key.
pub async fn look_up(
    account: &Account,
    number: &str,
    access_key: &str,
) -> Result<SavedRequest, PortalError> {
    let mut credentials = account.credentials();
    credentials.access_key = Some(access_key.trim().to_string());
    fetch(account, number.trim(), credentials).await
}

async fn fetch(
    account: &Account,
    number: &str,
    credentials: Credentials,
) -> Result<SavedRequest, PortalError> {
    let backend = account.backend();
    let response = net::send(backend.get_request(number, &credentials, account.locale())).await?;
    if response.status == 401 && credentials.session.is_some() {
        account.needs_sign_in.set(true);
    }
    let request = backend.read_request(response)?;
    save_from_backend(request, credentials.access_key)
        .await
        .map_err(|e| PortalError::Unreachable(e.to_string()))
}

/// The signed-in customer's list as the backend last gave it; empty when
/// there is none on this device.
pub async fn saved_list() -> Vec<RequestSummary> {
    match DeviceStore::shared().await {
        Ok(store) => store
            .setting(LIST_KEY)
            .await
            .ok()
            .flatten()
            .unwrap_or_default(),
        Err(_) => Vec::new(),
    }
}

/// The signed-in customer's requests from the backend, newest activity
/// first (up to a few pages), saved for [`saved_list`]. Guests have no
/// list: an empty one.
pub async fn refresh_list(account: &Account) -> Result<Vec<RequestSummary>, PortalError> {
    let credentials = account.credentials();
    if credentials.session.is_none() {
        return Ok(Vec::new());
    }
    let backend = account.backend();
    let mut query = RequestQuery {
        limit: Some(100),
        ..RequestQuery::default()
    };
    let mut items = Vec::new();
    for _ in 0..MAX_PAGES {
        let response =
            net::send(backend.list_requests(&query, &credentials, account.locale())).await?;
        if response.status == 401 {
            account.needs_sign_in.set(true);
        }
        let page: RequestPage = backend.read_request_page(response)?;
        items.extend(page.items);
        match page.next_cursor {
            Some(cursor) => query.cursor = Some(cursor),
            None => break,
        }
    }
    if let Ok(store) = DeviceStore::shared().await {
        // A failed save only costs the offline copy, not this view.
        let _ = store.put_setting(LIST_KEY, &items).await;
    }
    Ok(items)
}

/// Notes that the customer has seen the request saved under `key` as it is.
pub async fn mark_seen(key: &str) -> Result<(), StoreError> {
    if let Some(mut saved) = saved_request(key).await? {
        if let Some(request) = &saved.request {
            saved.seen_updated_at = Some(request.updated_at.clone());
            save(&saved).await?;
        }
    }
    Ok(())
}
