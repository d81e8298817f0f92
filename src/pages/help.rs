//! The help-center home: a welcome, then every knowledge-base topic as a card
//! listing its articles in the customer's language.

use aftercare_core::{Article, Locale, PortalConfig, PortalError};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::A;

use crate::components::{
    load_error::LoadError, saved_copy_notice::SavedCopyNotice, skeleton::SkeletonCards,
};
use crate::i18n::*;
use crate::knowledge_base::{Freshness, HelpHome, KnowledgeBase};
use crate::language::LanguageChoice;

/// The home page at `/`.
#[component]
pub fn HelpHomePage() -> impl IntoView {
    let i18n = use_i18n();
    let knowledge_base = expect_context::<KnowledgeBase>();
    let choice = expect_context::<LanguageChoice>();
    let locale = Signal::derive(move || choice.get());
    let home = LocalResource::new(move || {
        let knowledge_base = knowledge_base.clone();
        let locale = locale.get();
        async move { knowledge_base.home(locale).await }
    });
    view! {
        <Title text=move || t_string!(i18n, portal_name).to_string() />
        <section class="hero" aria-labelledby="home-title">
            <h1 id="home-title">{t!(i18n, home_title)}</h1>
            <p class="hero__lead">{t!(i18n, home_lead)}</p>
        </section>
        <section aria-labelledby="topics-title">
            <h2 id="topics-title" class="section-title">{t!(i18n, topics_heading)}</h2>
            <Transition fallback=|| view! { <SkeletonCards /> }>
                <ErrorBoundary fallback=move |errors| {
                    view! { <LoadError errors on_retry=Callback::new(move |_| home.refetch()) /> }
                }>
                    {move || Suspend::new(async move {
                        let home = home.await?;
                        Ok::<_, PortalError>(view! { <Topics home locale /> })
                    })}
                </ErrorBoundary>
            </Transition>
        </section>
    }
}

/// The topic cards.
#[component]
fn Topics(
    /// What to show.
    home: HelpHome,
    /// The customer's language.
    locale: Signal<Locale>,
) -> impl IntoView {
    let HelpHome {
        config,
        articles,
        freshness,
    } = home;
    let cards = config
        .categories
        .iter()
        .map(|category| {
            let in_topic: Vec<Article> = articles
                .iter()
                .filter(|a| a.category == category.key)
                .cloned()
                .collect();
            view! { <TopicCard config=config.clone() key=category.key.clone() articles=in_topic locale /> }
        })
        .collect_view();
    view! {
        {(freshness == Freshness::SavedCopy).then(|| view! { <SavedCopyNotice /> })}
        <div class="topic-grid">{cards}</div>
    }
}

/// One topic: its name, what it covers, and links to its articles.
#[component]
fn TopicCard(
    /// The configuration that names the topic.
    config: PortalConfig,
    /// The topic's category key.
    key: String,
    /// The articles in this topic.
    articles: Vec<Article>,
    /// The customer's language.
    locale: Signal<Locale>,
) -> impl IntoView {
    let i18n = use_i18n();
    let category = config.category(&key).cloned();
    let title_id = format!("topic-{key}");
    let labelled_by = title_id.clone();
    let label = {
        let category = category.clone();
        move || {
            category
                .as_ref()
                .map(|c| c.label.get(locale.get()).to_string())
                .unwrap_or_default()
        }
    };
    let description = move || {
        category
            .as_ref()
            .map(|c| c.description.get(locale.get()).to_string())
            .unwrap_or_default()
    };
    let empty = articles.is_empty();
    view! {
        <article class="card topic" aria-labelledby=labelled_by>
            <h3 class="topic__title" id=title_id>{label}</h3>
            <p class="topic__description">{description}</p>
            {if empty {
                view! { <p class="topic__empty">{t!(i18n, category_empty)}</p> }.into_any()
            } else {
                view! {
                    <ul class="topic__articles">
                        {articles
                            .into_iter()
                            .map(|article| {
                                let href = format!("/articles/{}", article.id);
                                view! {
                                    <li>
                                        <A href=href>{article.title}</A>
                                    </li>
                                }
                            })
                            .collect_view()}
                    </ul>
                }
                    .into_any()
            }}
        </article>
    }
}
