//! The full-page "This page is out of date" notice: a newer build upgraded
//! the device store, so this page must not run on it. A modal dialog covers
//! the whole page (the rest becomes inert) until the customer reloads; the
//! Reload button asks the service worker for the new build first.

use leptos::html::Dialog;
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::i18n::*;
use crate::pwa::{update_and_reload, OutdatedStore};

/// The notice; it opens itself when the store turns out to be newer than
/// this page, and cannot be dismissed except by reloading.
#[component]
pub fn OutOfDateNotice() -> impl IntoView {
    let i18n = use_i18n();
    let outdated = use_context::<OutdatedStore>();
    let dialog = NodeRef::<Dialog>::new();
    let reloading = RwSignal::new(false);
    Effect::new(move |_| {
        let show = outdated.is_some_and(OutdatedStore::is_outdated);
        if let (true, Some(dialog)) = (show, dialog.get()) {
            if !dialog.open() {
                let _ = dialog.show_modal();
            }
        }
    });
    let reload = move |_| {
        reloading.set(true);
        spawn_local(update_and_reload());
    };
    view! {
        <dialog
            node_ref=dialog
            class="out-of-date"
            aria-labelledby="out-of-date-title"
            aria-describedby="out-of-date-body"
            on:cancel=|event: web_sys::Event| event.prevent_default()
        >
            <div class="out-of-date__card">
                <h1 id="out-of-date-title" class="out-of-date__title">{t!(i18n, pwa_outdated_title)}</h1>
                <p id="out-of-date-body" class="out-of-date__body">{t!(i18n, pwa_outdated_body)}</p>
                <button type="button" class="button" on:click=reload disabled=reloading>
                    {t!(i18n, pwa_outdated_reload)}
                </button>
            </div>
        </dialog>
    }
}
