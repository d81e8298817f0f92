//! Turns IndexedDB's callback requests and transactions into futures, and its
//! exceptions into a typed [`StoreError`] the UI can explain.

use js_sys::Promise;
use wasm_bindgen::{closure::Closure, JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{DomException, IdbRequest, IdbTransaction};

/// Why the device store could not do what was asked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StoreError {
    /// The browser offers no IndexedDB (private mode in some browsers).
    Unavailable,
    /// The device's storage quota is used up.
    QuotaExceeded,
    /// A saved value could not be read back as what it should be.
    Corrupt(String),
    /// A newer build of the portal upgraded the device store past the
    /// schema this build reads (IndexedDB's `VersionError`): this page must
    /// reload before it uses the store.
    NewerSchema,
    /// Any other failure, with the browser's words.
    Other(String),
}

impl StoreError {
    /// Classifies a value IndexedDB threw or failed with: a request's
    /// error, a transaction's error after an abort, or an exception.
    pub fn from_js(value: JsValue) -> Self {
        let (name, message) = if let Some(e) = value.dyn_ref::<DomException>() {
            (e.name(), e.message())
        } else if let Some(e) = value.dyn_ref::<js_sys::Error>() {
            (e.name().into(), e.message().into())
        } else if value.is_null() || value.is_undefined() {
            return StoreError::Other("the transaction was aborted".into());
        } else {
            return StoreError::Other(format!("{value:?}"));
        };
        if name == "QuotaExceededError" {
            StoreError::QuotaExceeded
        } else if name == "VersionError" {
            StoreError::NewerSchema
        } else {
            StoreError::Other(format!("{name}: {message}"))
        }
    }
}

impl std::fmt::Display for StoreError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            StoreError::Unavailable => write!(f, "this browser offers no device storage"),
            StoreError::QuotaExceeded => write!(f, "the device's storage is full"),
            StoreError::Corrupt(why) => write!(f, "a saved item could not be read: {why}"),
            StoreError::NewerSchema => {
                write!(
                    f,
                    "a newer version of the portal has upgraded the device storage"
                )
            }
            StoreError::Other(why) => write!(f, "device storage failed: {why}"),
        }
    }
}

impl std::error::Error for StoreError {}

/// Waits for `request` to succeed (its result) or fail (its error).
pub async fn settle(request: &IdbRequest) -> Result<JsValue, StoreError> {
    let promise = Promise::new(&mut |resolve, reject| {
        let done = request.clone();
        let on_success = Closure::once_into_js(move || {
            let _ = resolve.call1(&JsValue::NULL, &done.result().unwrap_or(JsValue::UNDEFINED));
        });
        let failed = request.clone();
        let on_error = Closure::once_into_js(move || {
            let error = failed.error().ok().flatten().map(JsValue::from);
            let _ = reject.call1(&JsValue::NULL, &error.unwrap_or(JsValue::NULL));
        });
        request.set_onsuccess(Some(on_success.unchecked_ref()));
        request.set_onerror(Some(on_error.unchecked_ref()));
    });
    JsFuture::from(promise).await.map_err(StoreError::from_js)
}

/// Waits for a write transaction to commit; an abort is an error, carrying
/// the transaction's error (a full disk aborts it with `QuotaExceededError`,
/// which becomes [`StoreError::QuotaExceeded`]).
pub async fn transaction_done(tx: &IdbTransaction) -> Result<(), StoreError> {
    let promise = Promise::new(&mut |resolve, reject| {
        let on_complete = Closure::once_into_js(move || {
            let _ = resolve.call0(&JsValue::NULL);
        });
        let failed = tx.clone();
        let on_abort = Closure::once_into_js(move || {
            let error = failed.error().map(JsValue::from);
            let _ = reject.call1(&JsValue::NULL, &error.unwrap_or(JsValue::NULL));
        });
        tx.set_oncomplete(Some(on_complete.unchecked_ref()));
        tx.set_onabort(Some(on_abort.unchecked_ref()));
    });
    JsFuture::from(promise)
        .await
        .map(|_| ())
        .map_err(StoreError::from_js)
}
