//! The notice shown when something the customer did could not be kept on
//! this device: "the device is full" for a full store, a general problem
//! for anything else.

use leptos::prelude::*;

use crate::i18n::*;
use crate::store::StoreError;

/// The notice, shown while `failure` holds a problem.
#[component]
pub fn StoreFailureNotice(
    /// The last problem saving on this device, if any.
    #[prop(into)]
    failure: Signal<Option<StoreError>>,
) -> impl IntoView {
    let i18n = use_i18n();
    move || {
        failure.get().map(|error| {
            view! {
                <p class="notice notice--error" role="alert">
                    {if error == StoreError::QuotaExceeded {
                        t!(i18n, track_quota_error).into_any()
                    } else {
                        t!(i18n, account_generic_error).into_any()
                    }}
                </p>
            }
        })
    }
}
