//! The outbox: everything a customer does to a service request (opening it,
//! writing, reopening, cancelling, closing) is first written to the device
//! store with an idempotency key made once, and shown at once as "saved on
//! this device"; then it is replayed until the backend has it, exactly once.
//! The rules (what to retry, how long to wait) are `aftercare_core::outbox`;
//! this module does the I/O: the store, the network, timers, and one tab at
//! a time.

mod deliver;
mod replay;
mod tab_lock;

use aftercare_core::{
    ArticleFeedback, CustomerAction, EntryState, KbEventBatch, NewProduct, NewServiceRequest,
    OutboxEntry, SurveyAnswers,
};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::random;
use crate::request_book::{self, SavedRequest};
use crate::session::Account;
use crate::store::{schema, DeviceStore, StoreError};
use crate::uploads::UploadProgress;

/// What the outbox carries. Later features add their own kinds here.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Intent {
    /// Open a service request. `request.fields` holds this device's file ids
    /// where the form has files; they are uploaded and swapped for the
    /// backend's ids first.
    NewRequest {
        local_id: String,
        request: NewServiceRequest,
        access_key: Option<String>,
    },
    /// Add a message with this device's file ids to the request `number`
    /// (or to the local id of a request still waiting to be sent).
    Message {
        number: String,
        text: String,
        files: Vec<String>,
    },
    /// Reopen, cancel or close the request `number`.
    Action {
        number: String,
        action: CustomerAction,
    },
    /// A "Was this helpful?" answer on a knowledge-base article.
    Feedback {
        article_id: String,
        feedback: ArticleFeedback,
    },
    /// A batch of search analytics events.
    KbEvents { batch: KbEventBatch },
    /// Answers to the satisfaction survey of request `number` (a number or
    /// a local id), sent with the survey link's `token` when the customer
    /// came from the resolution mail.
    Survey {
        number: String,
        answers: SurveyAnswers,
        #[serde(default)]
        token: Option<String>,
    },
    /// Register a product for the signed-in customer; `local_id` names the
    /// record shown until the backend has it. `product.proof_of_purchase`
    /// is this device's file id until it is uploaded.
    RegisterProduct {
        local_id: String,
        product: NewProduct,
    },
    /// An entry a newer version of the portal wrote (in another tab): it
    /// is kept as it is and left for that version to send.
    #[serde(other)]
    Unknown,
}

impl Intent {
    /// The request the intent is about: its number or local id.
    pub fn request_key(&self) -> &str {
        match self {
            Intent::NewRequest { local_id, .. } => local_id,
            Intent::Message { number, .. } | Intent::Action { number, .. } => number,
            Intent::Survey { number, .. } => number,
            Intent::Feedback { .. }
            | Intent::KbEvents { .. }
            | Intent::RegisterProduct { .. }
            | Intent::Unknown => "",
        }
    }

    /// Whether the intent is about a service request (and so shows in
    /// "Not sent yet" and "Needs your attention"); knowledge-base votes and
    /// analytics travel quietly; survey answers and product registrations
    /// show on their own pages.
    pub fn is_about_a_request(&self) -> bool {
        matches!(
            self,
            Intent::NewRequest { .. } | Intent::Message { .. } | Intent::Action { .. }
        )
    }

    /// Whether the customer would miss the intent if it were lost (signing
    /// out asks first); analytics events would not be missed.
    pub fn would_be_missed(&self) -> bool {
        !matches!(self, Intent::KbEvents { .. })
    }
}

/// An entry of the outbox.
pub type Entry = OutboxEntry<Intent>;

/// The outbox as the pages see it; provided in context by the app.
#[derive(Clone, Copy)]
pub struct Outbox {
    /// Every entry not yet delivered, in the order they were made: those
    /// waiting, those kept until the customer signs in again, and those
    /// that need the customer's attention.
    pub entries: RwSignal<Vec<Entry>>,
    /// Counts deliveries, so that views of saved requests can reload.
    pub deliveries: RwSignal<u32>,
    account: Account,
    /// How far each file's upload has got.
    pub progress: UploadProgress,
    state: StoredValue<replay::ReplayState, LocalStorage>,
}

/// Provides the [`Outbox`] and starts replaying it: now, whenever the
/// device comes back online or the window gets focus, and when the next
/// retry is due.
pub fn provide_outbox(account: Account) -> Outbox {
    let outbox = Outbox {
        entries: RwSignal::new(Vec::new()),
        deliveries: RwSignal::new(0),
        account,
        progress: UploadProgress::from_context().unwrap_or_else(UploadProgress::provide),
        state: StoredValue::new_local(replay::ReplayState::default()),
    };
    provide_context(outbox);
    replay::start_triggers(outbox);
    Effect::new(move |_| {
        // After a sign-out wipe, and once the session is known.
        account.wipes.track();
        account.signed_in.track();
        if account.loaded.get() {
            outbox.sync_now();
        }
    });
    outbox
}

/// The [`Outbox`] the app provided.
pub fn use_outbox() -> Outbox {
    expect_context::<Outbox>()
}

impl Outbox {
    /// Queues a new service request: as a guest with a new access key when
    /// nobody is signed in. Returns the record pages show at once.
    pub async fn submit_request(
        &self,
        request: NewServiceRequest,
    ) -> Result<SavedRequest, StoreError> {
        let local_id = random::id("local");
        let access_key = self
            .account
            .signed_in
            .get_untracked()
            .is_none()
            .then(random::access_key);
        let record = SavedRequest::pending(local_id.clone(), request.clone(), access_key.clone());
        let intent = Intent::NewRequest {
            local_id,
            request,
            access_key,
        };
        let key = self.enqueue(intent).await?;
        if let Err(error) = request_book::save(&record).await {
            let _ = self.remove(&key).await;
            return Err(error);
        }
        self.sync_now();
        Ok(record)
    }

    /// Queues a message with this device's file ids.
    pub async fn send_message(
        &self,
        number: &str,
        text: String,
        files: Vec<String>,
    ) -> Result<(), StoreError> {
        let intent = Intent::Message {
            number: number.to_string(),
            text,
            files,
        };
        self.enqueue(intent).await?;
        self.sync_now();
        Ok(())
    }

    /// Queues a reopen, cancel or close.
    pub async fn act(&self, number: &str, action: CustomerAction) -> Result<(), StoreError> {
        let intent = Intent::Action {
            number: number.to_string(),
            action,
        };
        self.enqueue(intent).await?;
        self.sync_now();
        Ok(())
    }

    /// Sends the entry `key` again at once (after the customer fixed it,
    /// or signed in again).
    pub async fn retry(&self, key: &str) {
        if let Some(entry) = self.entry(key).await {
            let _ = self.put(&entry.retry_now(random::now_ms() as i64)).await;
        }
        self.sync_now();
    }

    /// Every entry kept until the customer signs in again, sent again.
    pub async fn retry_signed_out(&self) {
        for entry in self.entries.get_untracked() {
            // An entry of a newer version would be written back without
            // what it carries.
            if entry.state == EntryState::SignInNeeded && entry.payload != Intent::Unknown {
                let _ = self.put(&entry.retry_now(random::now_ms() as i64)).await;
            }
        }
        self.sync_now();
    }

    /// Gives up on the entry `key`; a new request's local record goes too.
    pub async fn discard(&self, key: &str) {
        if let Some(entry) = self.entry(key).await {
            if let Intent::NewRequest { local_id, .. } = &entry.payload {
                if let Ok(store) = DeviceStore::shared().await {
                    let _ = store.delete(schema::REQUESTS, local_id).await;
                }
            }
        }
        let _ = self.remove(key).await;
        self.reload().await;
    }

    /// Replaces what the entry `key` carries (the customer fixed it), keeping
    /// its idempotency key; [`Outbox::retry`] sends it. Returns whether the
    /// entry was there to replace and was written (it may have been
    /// delivered or discarded since, in another tab).
    pub async fn replace(&self, key: &str, intent: Intent) -> bool {
        let mut replaced = false;
        if let Some(mut entry) = self.entry(key).await {
            if let Intent::NewRequest {
                local_id, request, ..
            } = &intent
            {
                if let Ok(Some(mut record)) = request_book::saved_request(local_id).await {
                    record.pending = Some(request.clone());
                    let _ = request_book::save(&record).await;
                }
            }
            entry.payload = intent;
            replaced = self.put(&entry).await.is_ok();
        }
        self.reload().await;
        replaced
    }

    /// Replays what is due now (coalescing calls made while a replay runs).
    pub fn sync_now(&self) {
        replay::request_replay(*self);
    }

    /// Whether entries the customer would miss wait to be sent (any state).
    pub fn has_unsent(&self) -> bool {
        self.entries
            .get_untracked()
            .iter()
            .any(|entry| entry.payload.would_be_missed())
    }

    /// How many entries would be missed if this device's data went
    /// (tracked, for a count shown in a warning).
    pub fn unsent_count(&self) -> usize {
        self.entries.with(|entries| {
            entries
                .iter()
                .filter(|entry| entry.payload.would_be_missed())
                .count()
        })
    }

    /// Queues a "Was this helpful?" answer on article `article_id`.
    pub async fn send_feedback(
        &self,
        article_id: &str,
        feedback: ArticleFeedback,
    ) -> Result<(), StoreError> {
        let intent = Intent::Feedback {
            article_id: article_id.to_string(),
            feedback,
        };
        self.enqueue(intent).await?;
        self.sync_now();
        Ok(())
    }

    /// Queues a batch of search analytics events.
    pub async fn send_kb_events(&self, batch: KbEventBatch) -> Result<(), StoreError> {
        self.enqueue(Intent::KbEvents { batch }).await?;
        self.sync_now();
        Ok(())
    }

    /// Queues the answers to the survey of request `number` (with the
    /// survey link's `token`, if the customer came from it). Returns the
    /// entry's key.
    pub async fn answer_survey(
        &self,
        number: &str,
        answers: SurveyAnswers,
        token: Option<String>,
    ) -> Result<String, StoreError> {
        let intent = Intent::Survey {
            number: number.to_string(),
            answers,
            token,
        };
        let key = self.enqueue(intent).await?;
        self.sync_now();
        Ok(key)
    }

    /// Queues the registration of `product` under the local id `local_id`.
    pub async fn register_product(
        &self,
        local_id: &str,
        product: NewProduct,
    ) -> Result<String, StoreError> {
        let intent = Intent::RegisterProduct {
            local_id: local_id.to_string(),
            product,
        };
        let key = self.enqueue(intent).await?;
        self.sync_now();
        Ok(key)
    }

    async fn enqueue(&self, payload: Intent) -> Result<String, StoreError> {
        let store = DeviceStore::shared().await?;
        let existing: Vec<Entry> = store.all(schema::OUTBOX).await?;
        let seq = existing.iter().map(|e| e.seq).max().unwrap_or(0) + 1;
        let key = random::id("ac");
        let entry = OutboxEntry::new(key.clone(), seq, random::now_ms() as i64, payload);
        store.put(schema::OUTBOX, &entry).await?;
        self.entries.update(|entries| entries.push(entry));
        Ok(key)
    }

    async fn entry(&self, key: &str) -> Option<Entry> {
        let store = DeviceStore::shared().await.ok()?;
        store.get(schema::OUTBOX, key).await.ok().flatten()
    }

    async fn put(&self, entry: &Entry) -> Result<(), StoreError> {
        DeviceStore::shared()
            .await?
            .put(schema::OUTBOX, entry)
            .await
    }

    async fn remove(&self, key: &str) -> Result<(), StoreError> {
        DeviceStore::shared()
            .await?
            .delete(schema::OUTBOX, key)
            .await
    }

    /// Reads the entries from the store into [`Outbox::entries`].
    async fn reload(&self) {
        if let Ok(store) = DeviceStore::shared().await {
            if let Ok(entries) = store.all::<Entry>(schema::OUTBOX).await {
                self.entries.set(entries);
            }
        }
    }
}

#[cfg(test)]
mod tests;
