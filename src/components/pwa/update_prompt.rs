//! The "a new version is ready" prompt: a polite status line with a
//! "Reload to update" button, shown while a newer build's service worker is
//! waiting, or "a new version is active" once another tab switched to it
//! (this page then runs the old build until it reloads). It also carries the out-of-date notice, so placing this one
//! component in the shell brings both.

use leptos::prelude::*;

use crate::components::pwa::out_of_date::OutOfDateNotice;
use crate::i18n::*;
use crate::pwa::{AppUpdate, OutdatedStore};

/// The update prompt (empty until an update waits) and the out-of-date
/// notice. Place it just above `<main>`.
#[component]
pub fn UpdatePrompt() -> impl IntoView {
    let i18n = use_i18n();
    let update = use_context::<AppUpdate>();
    let outdated = use_context::<OutdatedStore>();
    let active = move || update.is_some_and(AppUpdate::is_active_elsewhere);
    let waiting = move || active() || update.is_some_and(AppUpdate::is_waiting);
    let blocked = move || outdated.is_some_and(OutdatedStore::is_blocked);
    let applying = move || update.is_some_and(AppUpdate::is_applying);
    let apply = move |_| {
        if let Some(update) = update {
            update.apply();
        }
    };
    view! {
        // The region is always in the page so that screen readers announce
        // what appears in it.
        <div class="update-prompt" role="status">
            <Show when=waiting>
                <div class="update-prompt__inner">
                    <p class="update-prompt__text">
                        <strong>
                            {move || {
                                if active() {
                                    t!(i18n, pwa_update_active).into_any()
                                } else {
                                    t!(i18n, pwa_update_ready).into_any()
                                }
                            }}
                        </strong>
                        " "
                        <span class="update-prompt__note">{t!(i18n, pwa_update_keeps_unsent)}</span>
                    </p>
                    <button
                        type="button"
                        class="button button--small update-prompt__button"
                        on:click=apply
                        disabled=applying
                    >
                        {t!(i18n, pwa_update_reload)}
                    </button>
                </div>
            </Show>
            <Show when=blocked>
                <div class="update-prompt__inner">
                    <p class="update-prompt__text">{t!(i18n, pwa_store_blocked)}</p>
                </div>
            </Show>
        </div>
        <OutOfDateNotice />
    }
}
