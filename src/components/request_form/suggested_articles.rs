//! The deflection slot: a region beside the description where the knowledge
//! base will suggest articles that match what the customer types (the
//! knowledge-base issue fills it; for now it stays empty).

use leptos::prelude::*;

use crate::i18n::*;

/// Articles suggested for `query`; renders an empty labelled region for now.
#[component]
pub fn SuggestedArticles(
    /// What the customer has written so far.
    query: Signal<String>,
) -> impl IntoView {
    let i18n = use_i18n();
    // The knowledge-base issue reads `query` here to look articles up.
    let _ = query;
    view! {
        <aside class="suggested" aria-label=move || t_string!(i18n, form_suggested_label)></aside>
    }
}
