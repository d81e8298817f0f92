//! The help center's topics as cards: each names its category (a link to the
//! category's page), says what it covers, and lists its first articles in
//! the customer's language.

use std::sync::Arc;

use aftercare_core::{Article, Locale};
use leptos::prelude::*;
use leptos_router::components::A;

use super::locale_badge::LocaleBadge;
use crate::i18n::*;
use crate::kb::Shelf;

/// How many articles a card lists before "See all".
const ON_A_CARD: usize = 5;

/// Every category of the shelf as a card.
#[component]
pub fn TopicCards(
    /// The knowledge base to show.
    shelf: Arc<Shelf>,
) -> impl IntoView {
    let cards = shelf
        .config
        .categories
        .iter()
        .map(|category| view! { <TopicCard shelf=shelf.clone() key=category.key.clone() /> })
        .collect_view();
    view! { <div class="topic-grid">{cards}</div> }
}

/// One topic: its name, what it covers, and links to its first articles.
#[component]
fn TopicCard(
    /// The knowledge base.
    shelf: Arc<Shelf>,
    /// The topic's category key.
    key: String,
) -> impl IntoView {
    let i18n = use_i18n();
    let locale: Locale = shelf.locale;
    let category = shelf.config.category(&key).cloned();
    let label = category
        .as_ref()
        .map(|c| c.label.get(locale).to_string())
        .unwrap_or_default();
    let description = category
        .as_ref()
        .map(|c| c.description.get(locale).to_string())
        .unwrap_or_default();
    // The customer's own language only, unless the topic has nothing in
    // it yet (then the sibling script's articles, with their badge): the
    // same article in both scripts would be listed twice.
    let has_own = shelf.in_category(&key).any(|a| shelf.is_own(a));
    let pool: Vec<&Article> = shelf
        .in_category(&key)
        .filter(|a| !has_own || shelf.is_own(a))
        .collect();
    // "See all" counts the sibling script's too: the category page lists
    // them after the customer's own.
    let total = shelf.in_category(&key).count();
    let listed: Vec<(String, String, String)> = pool
        .into_iter()
        .take(ON_A_CARD)
        .map(|a| (a.id.clone(), a.title.clone(), a.locale.clone()))
        .collect();
    let title_id = format!("topic-{key}");
    let href = format!("/categories/{key}");
    let shown = listed.len();
    let list = if listed.is_empty() {
        view! { <p class="topic__empty">{t!(i18n, category_empty)}</p> }.into_any()
    } else {
        let items = listed
            .into_iter()
            .map(|(id, title, article_locale)| {
                let href = format!("/articles/{id}");
                view! {
                    <li>
                        <A href=href attr:lang=article_locale.clone()>{title}</A>
                        <LocaleBadge article_locale locale />
                    </li>
                }
            })
            .collect_view();
        view! { <ul class="topic__articles">{items}</ul> }.into_any()
    };
    let more = (total > shown).then(|| {
        let href = href.clone();
        view! {
            <p class="topic__more">
                <A href=href>{t!(i18n, category_see_all, count = total)}</A>
            </p>
        }
    });
    view! {
        <article class="card topic" aria-labelledby=title_id.clone()>
            <h3 class="topic__title" id=title_id.clone()>
                <A href=href>{label}</A>
            </h3>
            <p class="topic__description">{description}</p>
            {list}
            {more}
        </article>
    }
}
