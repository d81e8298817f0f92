//! What the help center shows for a search: the articles found, or, when
//! nothing matches, a way to ask us instead with the words already typed;
//! and the polite status line that tells a screen reader how many articles
//! were found as the customer types.

use std::sync::Arc;

use aftercare_core::SearchHit;
use leptos::prelude::*;
use leptos_router::components::A;

use super::hit_list::HitList;
use crate::i18n::*;
use crate::kb::Shelf;

/// The results of searching for `query`.
#[component]
pub fn SearchResults(
    /// The shelf searched.
    shelf: Arc<Shelf>,
    /// What the customer typed (the status line above says that nothing
    /// matched it; this carries it over to a new request).
    #[prop(into)]
    query: Signal<String>,
    /// The articles found, best first.
    hits: Vec<SearchHit>,
    /// Called with an article's id when the customer opens it.
    on_open: Callback<String>,
) -> impl IntoView {
    let i18n = use_i18n();
    if hits.is_empty() {
        // Typing on without a match keeps this view, so the link follows.
        let href = move || new_request_href(&query.get());
        return view! {
            <div class="zero-results">
                <p class="zero-results__next">{t!(i18n, search_none_next)}</p>
                <A href=href attr:class="button">{t!(i18n, search_open_request)}</A>
            </div>
        }
        .into_any();
    }
    let label = Signal::derive(move || t_string!(i18n, search_results_label).to_string());
    view! {
        <h2 class="visually-hidden">{t!(i18n, search_results_label)}</h2>
        <HitList hits shelf label snippets=true on_open />
    }
    .into_any()
}

/// The live line saying how many articles `query` found: empty while the
/// box is empty or the knowledge base is still loading.
#[component]
pub fn SearchStatus(
    /// What the customer typed.
    #[prop(into)]
    query: Signal<String>,
    /// How many articles were found, once the knowledge base is loaded.
    #[prop(into)]
    found: Signal<Option<usize>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let line = move || {
        let query = query.get().trim().to_string();
        if query.is_empty() {
            return ().into_any();
        }
        match found.get() {
            None => ().into_any(),
            Some(0) => t!(i18n, search_none, query = move || query.clone()).into_any(),
            Some(1) => t!(i18n, search_found_one).into_any(),
            Some(count) => t!(i18n, search_found_many, count = move || count).into_any(),
        }
    };
    view! {
        <p class="search__status" role="status" aria-live="polite">{line}</p>
    }
}

/// The new-request form's address with `query` carried over as its subject.
pub fn new_request_href(query: &str) -> String {
    let subject = js_sys::encode_uri_component(query.trim());
    format!("/requests/new?subject={subject}")
}
