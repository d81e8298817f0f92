//! One knowledge-base category at `/categories/:key`: its name and what it
//! covers, then every article in it (the customer's language first), read
//! from the knowledge base on this device.

use std::sync::Arc;

use aftercare_core::{Article, Category, Locale};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::{components::A, hooks::use_params_map};

use crate::components::kb::{
    breadcrumb::KbBreadcrumb,
    shelf_gate::{reading_saved_copy, ShelfGate},
};
use crate::components::saved_copy_notice::SavedCopyNotice;
use crate::i18n::*;
use crate::kb::Shelf;
use crate::pages::not_found::NotFoundContent;

/// How long an article's excerpt is, in characters.
const EXCERPT: usize = 140;

/// The category page.
#[component]
pub fn CategoryPage() -> impl IntoView {
    let params = use_params_map();
    let key = Memo::new(move |_| params.read().get("key").unwrap_or_default());
    let render = move |shelf: Arc<Shelf>| match shelf.config.category(&key.get()).cloned() {
        Some(category) => view! { <CategoryContent shelf category /> }.into_any(),
        None => view! { <NotFoundContent /> }.into_any(),
    };
    view! { <ShelfGate skeletons=1 render /> }
}

/// The category's heading and its articles.
#[component]
fn CategoryContent(
    /// The knowledge base.
    shelf: Arc<Shelf>,
    /// The category.
    category: Category,
) -> impl IntoView {
    let i18n = use_i18n();
    let locale = shelf.locale;
    let key = category.key.clone();
    let label = category.label.get(locale).to_string();
    let description = category.description.get(locale).to_string();
    let (own, sibling): (Vec<Article>, Vec<Article>) = shelf
        .in_category(&key)
        .cloned()
        .partition(|a| shelf.is_own(a));
    let list = if own.is_empty() && sibling.is_empty() {
        view! { <p class="topic__empty">{t!(i18n, category_empty)}</p> }.into_any()
    } else if own.is_empty() {
        ().into_any()
    } else {
        let list_label = label.clone();
        view! { <ArticleList articles=own label=list_label nested=false /> }.into_any()
    };
    // The same articles in the other Chinese script come after, apart.
    let others = sibling
        .first()
        .and_then(|a| Locale::from_tag(&a.locale))
        .map(|other| {
            let language = other.native_name();
            view! {
                <section class="category__others" aria-labelledby="category-others-title">
                    <h2 class="section-title" id="category-others-title">
                        {t!(i18n, category_also_in, language = language)}
                    </h2>
                    <ArticleList articles=sibling label=language.to_string() nested=true />
                </section>
            }
        });
    view! {
        <Title text=label.clone() />
        <KbBreadcrumb category=None locale />
        {reading_saved_copy(&shelf).then(|| view! { <SavedCopyNotice /> })}
        <section class="category" aria-labelledby="category-title">
            <h1 class="page-title" id="category-title">{label}</h1>
            {(!description.is_empty()).then(|| view! { <p class="page-lead">{description}</p> })}
            {list}
            {others}
        </section>
    }
}

/// A list of articles, each with its title as a link and an excerpt.
#[component]
fn ArticleList(
    /// The articles, in order.
    articles: Vec<Article>,
    /// The list's accessible name.
    label: String,
    /// Whether the list sits under a heading of its own (titles are then
    /// one level deeper).
    nested: bool,
) -> impl IntoView {
    let items = articles
        .into_iter()
        .map(|article| view! { <ArticleItem article nested /> })
        .collect_view();
    view! { <ul class="category__articles" aria-label=label>{items}</ul> }
}

/// One article in the list: its title as a link and an excerpt.
#[component]
fn ArticleItem(
    /// The article.
    article: Article,
    /// Whether the title is an `h3` (under a section heading) or an `h2`.
    nested: bool,
) -> impl IntoView {
    let href = format!("/articles/{}", article.id);
    let excerpt = article.excerpt(EXCERPT);
    let lang = article.locale.clone();
    let title = view! { <A href=href>{article.title}</A> };
    let heading = if nested {
        view! { <h3 class="category__article-title" lang=lang.clone()>{title}</h3> }.into_any()
    } else {
        view! { <h2 class="category__article-title" lang=lang.clone()>{title}</h2> }.into_any()
    };
    view! {
        <li class="card category__article">
            {heading}
            <p class="category__excerpt" lang=lang>{excerpt}</p>
        </li>
    }
}
