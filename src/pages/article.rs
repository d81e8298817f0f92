//! One knowledge-base article at `/articles/:id`: the copy on this device
//! first (instant, and offline), then the backend's current one. Below it
//! "Was this helpful?" and related articles. The body is the backend's
//! sanitised `html`, and nothing else is ever injected.

use aftercare_core::{Article, Locale, PortalError};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

use crate::components::kb::{
    breadcrumb::KbBreadcrumb, related::RelatedArticles, shelf_gate::reading_saved_copy,
    vote_box::VoteBox,
};
use crate::components::{
    load_error::LoadError, saved_copy_notice::SavedCopyNotice, skeleton::SkeletonCards,
};
use crate::i18n::*;
use crate::kb::use_library;
use crate::knowledge_base::{Freshness, KnowledgeBase};
use crate::language::LanguageChoice;
use crate::local_time::format_date;
use crate::pages::not_found::NotFoundContent;

/// What the page shows.
#[derive(Debug, Clone, PartialEq)]
enum Shown {
    /// Nothing on the device yet and the backend has not answered.
    Loading,
    Article(Article, Freshness),
    NotFound,
    /// Nothing on the device and the backend could not be read.
    Failed(PortalError),
}

/// The article page.
#[component]
pub fn ArticlePage() -> impl IntoView {
    let knowledge_base = expect_context::<KnowledgeBase>();
    let library = use_library();
    let params = use_params_map();
    let choice = expect_context::<LanguageChoice>();
    let locale = Signal::derive(move || choice.get());
    let id = Memo::new(move |_| params.read().get("id").unwrap_or_default());
    let fetched = LocalResource::new(move || {
        let knowledge_base = knowledge_base.clone();
        let id = id.get();
        let locale = locale.get_untracked();
        async move {
            let answer = knowledge_base.article(&id, locale).await;
            (id, answer)
        }
    });
    let shown = Memo::new(move |_| {
        let id = id.get();
        let from_shelf = || {
            let shelf = library.shelf()?;
            let article = shelf.article(&id)?.clone();
            let freshness = if reading_saved_copy(&shelf) {
                Freshness::SavedCopy
            } else {
                Freshness::Live
            };
            Some(Shown::Article(article, freshness))
        };
        // An answer about another article is the one before a navigation.
        let answer = fetched.get().filter(|(about, _)| *about == id);
        match answer.map(|(_, answer)| answer) {
            Some(Ok(view)) => Shown::Article(view.article, view.freshness),
            Some(Err(PortalError::NotFound)) => Shown::NotFound,
            Some(Err(error)) => from_shelf().unwrap_or(Shown::Failed(error)),
            None => from_shelf().unwrap_or(Shown::Loading),
        }
    });
    let found = Memo::new(move |_| match shown.get() {
        Shown::Article(article, _) => Some((article.id, article.category)),
        _ => None,
    });
    let breadcrumb = move || {
        let category = found.get().and_then(|(_, key)| {
            library
                .shelf()
                .and_then(|shelf| shelf.config.category(&key).cloned())
        });
        view! { <KbBreadcrumb category locale=locale.get() /> }
    };
    view! {
        {breadcrumb}
        <ErrorBoundary fallback=move |errors| {
            view! { <LoadError errors on_retry=Callback::new(move |_| fetched.refetch()) /> }
        }>
            {move || match shown.get() {
                Shown::Loading => Ok(view! { <SkeletonCards count=1 /> }.into_any()),
                Shown::NotFound => Ok(view! { <NotFoundContent /> }.into_any()),
                Shown::Failed(error) => Err(error),
                Shown::Article(article, freshness) => {
                    Ok(view! { <ArticleBody article freshness locale /> }.into_any())
                }
            }}
        </ErrorBoundary>
        {move || found.get().map(|(id, _)| view! { <VoteBox id /> })}
        {move || {
            let (id, _) = found.get()?;
            let shelf = library.shelf()?;
            Some(view! { <RelatedArticles shelf id /> })
        }}
    }
}

/// The article itself: title, date, and the body the backend sanitised.
#[component]
fn ArticleBody(
    /// The article.
    article: Article,
    /// Where it came from.
    freshness: Freshness,
    /// The customer's language, for the date.
    locale: Signal<Locale>,
) -> impl IntoView {
    let i18n = use_i18n();
    let updated = article.updated_at.clone();
    view! {
        <Title text=article.title.clone() />
        {(freshness == Freshness::SavedCopy).then(|| view! { <SavedCopyNotice /> })}
        <article class="article" lang=article.locale.clone() aria-labelledby="article-title">
            <h1 id="article-title">{article.title.clone()}</h1>
            <p class="article__meta">
                <time datetime=article.updated_at.clone()>
                    {t!(i18n, updated_on, date = move || format_date(&updated, locale.get()))}
                </time>
            </p>
            <div class="prose" inner_html=article.html.clone()></div>
        </article>
    }
}
