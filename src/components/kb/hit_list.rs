//! A list of articles the search engine found: per article its title as a
//! link, its category, a badge when it is in the sibling Chinese script, and
//! (for search results) the snippet with the matches marked.

use std::sync::Arc;

use aftercare_core::{Locale, SearchHit};
use leptos::prelude::*;
use leptos_router::components::A;

use super::locale_badge::LocaleBadge;
use super::marked_text::MarkedText;
use crate::kb::Shelf;

/// The articles `hits`, as a list named `label`.
#[component]
pub fn HitList(
    /// The articles, best first.
    hits: Vec<SearchHit>,
    /// The shelf that names the categories.
    shelf: Arc<Shelf>,
    /// The list's accessible name.
    #[prop(into)]
    label: Signal<String>,
    /// Whether each article shows its snippet.
    #[prop(optional)]
    snippets: bool,
    /// Called with the article's id when the customer opens one.
    #[prop(optional, into)]
    on_open: Option<Callback<String>>,
) -> impl IntoView {
    let locale = shelf.locale;
    let items = hits
        .into_iter()
        .map(|hit| {
            let category = category_label(&shelf, &hit.category, locale);
            view! { <HitItem hit category locale snippets on_open /> }
        })
        .collect_view();
    view! { <ol class="hits" aria-label=move || label.get()>{items}</ol> }
}

/// One article in a [`HitList`].
#[component]
fn HitItem(
    /// The article found.
    hit: SearchHit,
    /// Its category's label.
    category: String,
    /// The customer's language.
    locale: Locale,
    /// Whether to show the snippet.
    snippets: bool,
    /// Called with the article's id when it is opened.
    on_open: Option<Callback<String>>,
) -> impl IntoView {
    let SearchHit {
        id,
        title,
        locale: article_locale,
        snippet,
        highlights,
        ..
    } = hit;
    let href = format!("/articles/{id}");
    let text_lang = article_locale.clone();
    let opened = move |_| {
        if let Some(on_open) = on_open {
            on_open.run(id.clone());
        }
    };
    view! {
        <li class="hit">
            <h3 class="hit__title" lang=article_locale.clone()>
                <A href=href on:click=opened>{title}</A>
            </h3>
            <p class="hit__meta">
                <span class="hit__category">{category}</span>
                <LocaleBadge article_locale locale />
            </p>
            {snippets.then(|| view! {
                <p class="hit__snippet" lang=text_lang><MarkedText text=snippet highlights /></p>
            })}
        </li>
    }
}

/// The label of category `key` in `locale`, or the key itself when the
/// configuration does not know it.
pub fn category_label(shelf: &Shelf, key: &str, locale: Locale) -> String {
    shelf
        .config
        .category(key)
        .map(|c| c.label.get(locale).to_string())
        .unwrap_or_else(|| key.to_string())
}
