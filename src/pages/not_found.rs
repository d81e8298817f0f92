//! The friendly "not found" page, for unknown addresses and unknown articles.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::A;

use crate::i18n::*;

/// The page for any address the router does not know.
#[component]
pub fn NotFoundPage() -> impl IntoView {
    view! { <NotFoundContent /> }
}

/// What a not-found page says, also used inside the article page.
#[component]
pub fn NotFoundContent() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <Title text=move || t_string!(i18n, not_found_title).to_string() />
        <section class="empty-state" aria-labelledby="not-found-title">
            <h1 id="not-found-title">{t!(i18n, not_found_title)}</h1>
            <p>{t!(i18n, not_found_body)}</p>
            <A href="/" attr:class="button">{t!(i18n, go_home)}</A>
        </section>
    }
}
