//! The quiet banner that says the page shows a copy saved on this device.

use leptos::prelude::*;

use crate::i18n::*;

/// A status line shown when the content comes from the device store.
#[component]
pub fn SavedCopyNotice() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <p class="notice notice--quiet" role="status">{t!(i18n, saved_copy_notice)}</p>
    }
}
