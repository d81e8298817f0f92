//! What a page shows when its content could not be loaded: what happened,
//! that nothing was lost, and a button to try again.

use aftercare_core::PortalError;
use leptos::prelude::*;

use crate::i18n::*;

/// An error panel for an `<ErrorBoundary>`'s fallback.
#[component]
pub fn LoadError(
    /// The errors the boundary caught.
    errors: ArcRwSignal<Errors>,
    /// Called when the customer asks to try again.
    on_retry: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    let unreachable = Memo::new(move |_| {
        errors.read().iter().any(|(_, error)| {
            matches!(
                error.downcast_ref::<PortalError>(),
                Some(PortalError::Unreachable(_)) | None
            )
        })
    });
    view! {
        <section class="notice notice--error" role="alert">
            <h2 class="notice__title">
                {move || if unreachable.get() {
                    t_string!(i18n, unreachable_title)
                } else {
                    t_string!(i18n, server_error_title)
                }}
            </h2>
            <p>
                {move || if unreachable.get() {
                    t_string!(i18n, unreachable_body)
                } else {
                    t_string!(i18n, server_error_body)
                }}
            </p>
            <button class="button" type="button" on:click=move |_| on_retry.run(())>
                {t!(i18n, retry)}
            </button>
        </section>
    }
}
