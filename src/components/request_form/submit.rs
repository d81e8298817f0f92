//! Sending the form: a new request goes into the outbox (saved on this
//! device at once, sent when online); a request the backend refused and the
//! customer fixed replaces its outbox entry, which is then sent again.

use aftercare_core::{EntryState, NewServiceRequest, ProblemFieldError};

use crate::request_book;
use crate::store::{schema, DeviceStore, StoreError};
use crate::sync::{Entry, Intent, Outbox};

/// The refused outbox entry the form is fixing.
#[derive(Clone, Debug)]
pub struct FixTarget {
    /// The entry's key (its idempotency key).
    pub entry_key: String,
    /// The request's local id, which its page is found under.
    pub local_id: String,
    /// The guest access key made when it was first queued.
    pub access_key: Option<String>,
    /// What the customer sent.
    pub request: NewServiceRequest,
    /// The problems the backend named.
    pub problems: Vec<ProblemFieldError>,
}

/// The outbox entry `key` if it is a new request, with the backend's
/// problems with it.
pub async fn fix_target(key: &str) -> Result<Option<FixTarget>, StoreError> {
    let store = DeviceStore::shared().await?;
    let entry: Option<Entry> = store.get(schema::OUTBOX, key).await?;
    Ok(entry.and_then(|entry| {
        let problems = match &entry.state {
            EntryState::NeedsAttention {
                problem: Some(problem),
                ..
            } => problem.errors.clone(),
            _ => Vec::new(),
        };
        match entry.payload {
            Intent::NewRequest {
                local_id,
                request,
                access_key,
            } => Some(FixTarget {
                entry_key: entry.key,
                local_id,
                access_key,
                request,
                problems,
            }),
            _ => None,
        }
    }))
}

/// Sends `request`: queued as new, or in place of the entry being fixed.
/// Returns the key of the request's page.
pub async fn send(
    outbox: Outbox,
    request: NewServiceRequest,
    fixing: Option<FixTarget>,
) -> Result<String, StoreError> {
    match fixing {
        None => outbox.submit_request(request).await.map(|saved| saved.key),
        Some(target) => {
            let intent = Intent::NewRequest {
                local_id: target.local_id.clone(),
                request: request.clone(),
                access_key: target.access_key,
            };
            if !outbox.replace(&target.entry_key, intent).await {
                let sent_elsewhere = request_book::saved_request(&target.local_id)
                    .await
                    .ok()
                    .flatten()
                    .is_some_and(|saved| saved.delivered_as.is_some());
                if sent_elsewhere {
                    // Fixed and sent from another tab: its page shows it.
                    return Ok(target.local_id);
                }
                // Discarded in another tab since: queued anew, so the fixed
                // request is not lost.
                return outbox.submit_request(request).await.map(|saved| saved.key);
            }
            outbox.retry(&target.entry_key).await;
            Ok(target.local_id)
        }
    }
}
