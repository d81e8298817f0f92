//! Who the customer is on this device: signed in with an emailed code or,
//! in the embedded widget, with the vendor's embed token (the session is
//! kept in the device store so it survives a reload), or a guest
//! whose requests each carry their own access key. Signing out ends the
//! session on the backend and wipes this device's private data.

use std::sync::Arc;

use aftercare_core::{Backend, Credentials, PortalError, SignedIn};
use leptos::prelude::*;

use crate::language::LanguageChoice;
use crate::net;
use crate::request_book::SavedRequest;
use crate::store::{DeviceStore, StoreError};

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
        backend: StoredValue::new(backend),
        language: use_context::<LanguageChoice>(),
    };
    provide_context(account);
    leptos::task::spawn_local(async move {
        if let Ok(store) = DeviceStore::shared().await {
            if let Ok(Some(session)) = store.setting::<SignedIn>(SESSION_KEY).await {
                account.signed_in.set(Some(session));
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
    pub async fn sign_in(&self, email: &str, code: &str) -> Result<(), PortalError> {
        let backend = self.backend();
        let response = net::send(backend.sign_in(email.trim(), code.trim(), self.locale())).await?;
        let session = backend.read_signed_in(response)?;
        self.keep(session).await;
        Ok(())
    }

    /// Signs in the customer a vendor's website vouches for with a signed
    /// embed `token` (the widget's "identify"), and keeps the session on
    /// this device like [`Account::sign_in`].
    pub async fn sign_in_with_embed_token(&self, token: &str) -> Result<(), PortalError> {
        let backend = self.backend();
        let call = backend.sign_in_with_embed_token(token, self.locale());
        let session = backend.read_signed_in(net::send(call).await?)?;
        self.keep(session).await;
        Ok(())
    }

    /// Keeps `session` on this device and makes it the account's. When it
    /// replaces another customer's session (a host page may identify a
    /// different customer than the last one), that session ends on the
    /// backend and this device's private data goes first, as on signing out.
    async fn keep(&self, session: SignedIn) {
        let earlier = self.signed_in.get_untracked();
        if let Some(earlier) = earlier.filter(|e| e.customer.id != session.customer.id) {
            let backend = self.backend();
            // An unreachable backend only keeps the old token valid until it expires.
            let _ = net::send(backend.sign_out(&earlier.token, self.locale())).await;
            if let Ok(store) = DeviceStore::shared().await {
                let _ = store.wipe_private().await;
            }
            self.wipes.update(|n| *n += 1);
        }
        if let Ok(store) = DeviceStore::shared().await {
            // Without the store the session lasts until the tab closes.
            let _ = store.put_setting(SESSION_KEY, &session).await;
        }
        self.signed_in.set(Some(session));
        self.needs_sign_in.set(false);
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
