//! Who the customer is on this device: signed in with an emailed code or,
//! in the embedded widget, with the vendor's embed token (the session is
//! kept in the device store so it survives a reload), or a guest
//! whose requests each carry their own access key. Signing out ends the
//! session on the backend and wipes this device's private data. Signing in
//! someone else never deletes the earlier customer's unsent work (see
//! [`switch`]).

pub mod switch;

use std::sync::Arc;

use aftercare_core::{Backend, Credentials, PortalError, SignedIn};
use leptos::prelude::*;

use crate::language::LanguageChoice;
use crate::net;
use crate::request_book::SavedRequest;
use crate::store::{schema, DeviceStore, StoreError};
use crate::sync::Entry;

use switch::{OutboxState, Switch};

/// How long an earlier token of the same customer stays valid after a new
/// sign-in, so that reads still on their way with it finish.
const REVOKE_GRACE_MS: i32 = 30_000;

/// Why a sign-in did not happen.
#[derive(Debug)]
pub enum SignInError {
    /// The backend refused the code or token, or could not be reached.
    Backend(PortalError),
    /// Another customer is signed in on this device and `unsent` of their
    /// items wait to be sent; signing in would delete them.
    OtherCustomersWork {
        /// How many items would have been lost.
        unsent: usize,
    },
    /// This device's storage failed while clearing the earlier customer's data.
    Store(StoreError),
}

impl From<PortalError> for SignInError {
    fn from(error: PortalError) -> Self {
        SignInError::Backend(error)
    }
}

/// The settings key the session is kept under.
const SESSION_KEY: &str = "session";

/// The customer's identity on this device; provided in context by the app.
#[derive(Clone, Copy)]
pub struct Account {
    /// The signed-in customer, if any.
    pub signed_in: RwSignal<Option<SignedIn>>,
    /// Set when the backend refused the session (it expired or was revoked):
    /// the outbox keeps what it holds until the customer signs in again.
    pub needs_sign_in: RwSignal<bool>,
    /// Whether the saved session has been read from the store yet.
    pub loaded: RwSignal<bool>,
    /// Counts the wipes of this device's private data, so that views of it
    /// (the outbox, saved requests) reload.
    pub wipes: RwSignal<u32>,
    /// Whether a sign-in is deciding what to do with the session already
    /// here (two must not interleave).
    switching: StoredValue<bool>,
    backend: StoredValue<Arc<dyn Backend + Send + Sync>>,
    language: Option<LanguageChoice>,
}

/// Provides the [`Account`] to everything below, and reads the saved
/// session from the device store.
pub fn provide_account(backend: Arc<dyn Backend + Send + Sync>) -> Account {
    let account = Account {
        signed_in: RwSignal::new(None),
        needs_sign_in: RwSignal::new(false),
        loaded: RwSignal::new(false),
        wipes: RwSignal::new(0),
        switching: StoredValue::new(false),
        backend: StoredValue::new(backend),
        language: use_context::<LanguageChoice>(),
    };
    provide_context(account);
    leptos::task::spawn_local(async move {
        if let Ok(store) = DeviceStore::shared().await {
            if let Ok(Some(session)) = store.setting::<SignedIn>(SESSION_KEY).await {
                // A sign-in waits for this load, but never let the saved
                // session overwrite one that is newer.
                if account.signed_in.get_untracked().is_none() {
                    account.signed_in.set(Some(session));
                }
            }
        }
        account.loaded.set(true);
    });
    account
}

/// The [`Account`] the app provided.
pub fn use_account() -> Account {
    expect_context::<Account>()
}

impl Account {
    /// The backend the account talks to.
    pub fn backend(&self) -> Arc<dyn Backend + Send + Sync> {
        self.backend.get_value()
    }

    /// The customer's language now (untracked).
    pub fn locale(&self) -> aftercare_core::Locale {
        self.language
            .map(|choice| untrack(move || choice.get()))
            .unwrap_or(aftercare_core::Locale::En)
    }

    /// The signed-in customer's credentials, or none (untracked).
    pub fn credentials(&self) -> Credentials {
        match self.signed_in.get_untracked() {
            Some(session) => Credentials::session(session.token),
            None => Credentials::default(),
        }
    }

    /// The credentials that open `saved`: the session, and its guest key.
    pub fn credentials_for(&self, saved: &SavedRequest) -> Credentials {
        let mut credentials = self.credentials();
        credentials.access_key = saved.access_key.clone();
        credentials
    }

    /// Asks the backend to mail a sign-in code to `email`.
    pub async fn request_code(&self, email: &str) -> Result<(), PortalError> {
        let backend = self.backend();
        let response = net::send(backend.request_sign_in_code(email.trim(), self.locale())).await?;
        backend.read_code_sent(response)
    }

    /// Redeems `code` for a session, and keeps it on this device.
    pub async fn sign_in(&self, email: &str, code: &str) -> Result<(), SignInError> {
        let backend = self.backend();
        let response = net::send(backend.sign_in(email.trim(), code.trim(), self.locale())).await?;
        let session = backend.read_signed_in(response)?;
        self.keep(session).await
    }

    /// Signs in the customer a vendor's website vouches for with a signed
    /// embed `token` (the widget's "identify"), and keeps the session on
    /// this device like [`Account::sign_in`].
    pub async fn sign_in_with_embed_token(&self, token: &str) -> Result<(), SignInError> {
        let backend = self.backend();
        let call = backend.sign_in_with_embed_token(token, self.locale());
        let session = backend.read_signed_in(net::send(call).await?)?;
        self.keep(session).await
    }

    /// Waits until the saved session has been read from the store.
    pub async fn until_loaded(&self) {
        while !self.loaded.get_untracked() {
            sleep(20).await;
        }
    }

    /// Keeps `session` on this device and makes it the account's, once the
    /// saved session is read. What happens to the one already here is
    /// [`switch::decide`]'s: another customer's session is replaced (this
    /// device's private data wiped first, as on signing out) only when none
    /// of their work waits to be sent; otherwise the new session is ended
    /// on the backend and refused. The same customer's earlier token ends
    /// a little later when nothing in the outbox may be using it.
    async fn keep(&self, session: SignedIn) -> Result<(), SignInError> {
        self.until_loaded().await;
        while self.switching.get_value() {
            sleep(20).await;
        }
        self.switching.set_value(true);
        let kept = self.switch_to(session).await;
        self.switching.set_value(false);
        kept
    }

    /// [`Account::keep`]'s work, one sign-in at a time.
    async fn switch_to(&self, session: SignedIn) -> Result<(), SignInError> {
        let earlier = self.signed_in.get_untracked();
        let outbox = match &earlier {
            Some(_) => match outbox_state().await {
                Ok(outbox) => outbox,
                Err(error) => {
                    self.end(&session.token).await;
                    return Err(SignInError::Store(error));
                }
            },
            None => OutboxState::default(),
        };
        let earlier_id = earlier.as_ref().map(|e| e.customer.id.as_str());
        match switch::decide(earlier_id, &session.customer.id, outbox) {
            Switch::Fresh => {}
            Switch::Refuse { unsent } => {
                self.end(&session.token).await;
                return Err(SignInError::OtherCustomersWork { unsent });
            }
            Switch::Replace => {
                let wiped = match DeviceStore::shared().await {
                    Ok(store) => store.wipe_private().await,
                    Err(error) => Err(error),
                };
                if let Err(error) = wiped {
                    // The earlier customer stays signed in with their data.
                    self.end(&session.token).await;
                    return Err(SignInError::Store(error));
                }
                self.wipes.update(|n| *n += 1);
                if let Some(earlier) = &earlier {
                    self.end(&earlier.token).await;
                }
            }
            Switch::Renew { revoke_earlier } => {
                let stale = earlier.filter(|e| revoke_earlier && e.token != session.token);
                if let Some(stale) = stale {
                    let account = *self;
                    leptos::task::spawn_local(async move {
                        sleep(REVOKE_GRACE_MS).await;
                        account.end(&stale.token).await;
                    });
                }
            }
        }
        if let Ok(store) = DeviceStore::shared().await {
            // Without the store the session lasts until the tab closes.
            let _ = store.put_setting(SESSION_KEY, &session).await;
        }
        self.signed_in.set(Some(session));
        self.needs_sign_in.set(false);
        Ok(())
    }

    /// Ends the session `token` on the backend; an unreachable backend only
    /// keeps it valid until it expires.
    async fn end(&self, token: &str) {
        let _ = net::send(self.backend().sign_out(token, self.locale())).await;
    }

    /// Ends the session on the backend (when it can be reached) and wipes
    /// this device's private data: saved requests, the outbox, drafts,
    /// files, guest keys. Public articles stay.
    pub async fn sign_out(&self) -> Result<(), StoreError> {
        if let Some(session) = self.signed_in.get_untracked() {
            let backend = self.backend();
            // The token dies with the wipe either way; an unreachable
            // backend only keeps it valid until it expires.
            let _ = net::send(backend.sign_out(&session.token, self.locale())).await;
        }
        let store = DeviceStore::shared().await?;
        store.wipe_private().await?;
        self.signed_in.set(None);
        self.needs_sign_in.set(false);
        self.wipes.update(|n| *n += 1);
        Ok(())
    }
}

/// What the outbox in the device store holds now (read from the store, so
/// it is right even before the outbox's own view has loaded).
async fn outbox_state() -> Result<OutboxState, StoreError> {
    let entries: Vec<Entry> = DeviceStore::shared().await?.all(schema::OUTBOX).await?;
    Ok(OutboxState {
        entries: entries.len(),
        unsent: entries
            .iter()
            .filter(|entry| entry.payload.would_be_missed())
            .count(),
    })
}

/// Waits `ms` milliseconds (on a browser timer).
async fn sleep(ms: i32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        if let Some(window) = web_sys::window() {
            let _ = window.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms);
        }
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}
