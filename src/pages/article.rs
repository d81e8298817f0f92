//! One knowledge-base article, read from the backend or, offline, from the
//! copy saved on this device.

use aftercare_core::{Locale, PortalError};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::{components::A, hooks::use_params_map};

use crate::components::{
    load_error::LoadError, saved_copy_notice::SavedCopyNotice, skeleton::SkeletonCards,
};
use crate::i18n::*;
use crate::knowledge_base::{ArticleView, Freshness, KnowledgeBase};
use crate::language::LanguageChoice;
use crate::local_time::format_date;
use crate::pages::not_found::NotFoundContent;

/// The article page at `/articles/:id`.
#[component]
pub fn ArticlePage() -> impl IntoView {
    let i18n = use_i18n();
    let knowledge_base = expect_context::<KnowledgeBase>();
    let params = use_params_map();
    let choice = expect_context::<LanguageChoice>();
    let locale = Signal::derive(move || choice.get());
    let article = LocalResource::new(move || {
        let knowledge_base = knowledge_base.clone();
        let id = params.read().get("id").unwrap_or_default();
        let locale = locale.get_untracked();
        async move { knowledge_base.article(&id, locale).await }
    });
    view! {
        <nav class="breadcrumb" aria-label=move || t_string!(i18n, breadcrumb_label)>
            <A href="/">{t!(i18n, back_to_help)}</A>
        </nav>
        <Transition fallback=|| view! { <SkeletonCards count=1 /> }>
            <ErrorBoundary fallback=move |errors| {
                view! { <LoadError errors on_retry=Callback::new(move |_| article.refetch()) /> }
            }>
                {move || Suspend::new(async move {
                    match article.await {
                        Ok(view) => Ok(view! { <ArticleBody view locale /> }.into_any()),
                        Err(PortalError::NotFound) => Ok(view! { <NotFoundContent /> }.into_any()),
                        Err(error) => Err(error),
                    }
                })}
            </ErrorBoundary>
        </Transition>
    }
}

/// The article itself: title, date, and the body the backend sanitised.
#[component]
fn ArticleBody(
    /// The article and where it came from.
    view: ArticleView,
    /// The customer's language, for the date.
    locale: Signal<Locale>,
) -> impl IntoView {
    let i18n = use_i18n();
    let ArticleView { article, freshness } = view;
    let updated = article.updated_at.clone();
    let title = article.title.clone();
    view! {
        <Title text=title />
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
