//! The "Install app" button, shown only while the browser offers to install
//! the portal (it kept `beforeinstallprompt` for us).

use leptos::prelude::*;

use crate::i18n::*;
use crate::pwa::InstallPrompt;

/// The install button; nothing when the portal cannot be installed (already
/// installed, or a browser that never offers). Place it in the header next
/// to the language switch.
#[component]
pub fn InstallButton() -> impl IntoView {
    let i18n = use_i18n();
    let prompt = use_context::<InstallPrompt>();
    let installable = move || prompt.is_some_and(InstallPrompt::is_installable);
    let install = move |_| {
        if let Some(prompt) = prompt {
            prompt.install();
        }
    };
    view! {
        <Show when=installable>
            <button type="button" class="button button--secondary button--small install-button" on:click=install>
                <svg class="install-button__icon" aria-hidden="true" viewBox="0 0 20 20" width="16" height="16">
                    <path d="M10 3v9m0 0-4-4m4 4 4-4M4 15h12" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round" />
                </svg>
                {t!(i18n, pwa_install)}
            </button>
        </Show>
    }
}
