//! The portal as an installed, self-updating app: the service worker's
//! registration and its "a new version is waiting" state, the browser's
//! install prompt, the web app manifest in the customer's language, and the
//! guard that stops an old build from running on a device store a newer
//! build has upgraded. Each part is one hook in its own file; the
//! components in `components/pwa/` read them from context.

mod build;
mod install;
mod manifest_link;
mod outdated;
mod release;
mod static_shell;
mod update;
mod wait;

use leptos::prelude::provide_context;

pub use install::{use_install_prompt, InstallPrompt};
pub use manifest_link::use_manifest_link;
pub use outdated::{use_outdated_store, OutdatedStore};
pub use release::RELEASE;
pub use static_shell::{after_first_paint, remove_static_shell};
pub use update::{update_and_reload, use_app_update, AppUpdate};
pub use wait::next_task;

/// Registers the service worker and provides the app's update state, its
/// install prompt and its out-of-date guard to everything below; keeps the
/// manifest link in the customer's language. Call once, inside the app,
/// after the language is provided.
pub fn provide_pwa() {
    provide_context(use_app_update());
    provide_context(use_install_prompt());
    provide_context(use_outdated_store());
    use_manifest_link();
}
