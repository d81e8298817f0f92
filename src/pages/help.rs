//! The help-center home: "How can we help?" with a search box whose results
//! come on every keystroke from the knowledge base on this device (so search
//! works offline), and, while the box is empty, every topic as a card. The
//! query lives in the address (`/?q=`), so reload and back bring it back.

use std::sync::Arc;

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_navigate, use_query_map};
use leptos_router::NavigateOptions;

use crate::components::kb::search_box::SearchBox;
use crate::components::kb::search_results::{SearchResults, SearchStatus};
use crate::components::kb::shelf_gate::{reading_saved_copy, ShelfGate};
use crate::components::kb::topic_cards::TopicCards;
use crate::components::my_data::deleted_notice::AccountDeletedNotice;
use crate::components::saved_copy_notice::SavedCopyNotice;
use crate::i18n::*;
use crate::kb::{use_kb_signals, use_library, Shelf};

/// How many search results are listed.
const RESULTS: usize = 20;

/// The home page at `/`.
#[component]
pub fn HelpHomePage() -> impl IntoView {
    let i18n = use_i18n();
    let library = use_library();
    let signals = use_kb_signals();
    let navigate = use_navigate();
    let address = use_query_map();
    let from_address = move || address.with(|q| q.get("q").unwrap_or_default());

    // What is typed, and what the box shows when the address changes it.
    let query = RwSignal::new(from_address());
    let shown = RwSignal::new(query.get_untracked());
    // A search that reaches the open page by its address rather than by
    // typing here (the words typed into the first paint's box before the app
    // started, a step back or forward between searches) counts like a typed
    // one below. The address the page opens with does not: coming back to
    // results already counted is not a new search.
    let by_address = RwSignal::new(false);
    Effect::new(move |_| {
        let wanted = from_address();
        if wanted != query.get_untracked() {
            by_address.set(!wanted.trim().is_empty());
            query.set(wanted.clone());
            shown.set(wanted);
        }
    });

    let hits = Memo::new(move |_| {
        let text = query.get();
        let shelf = library.shelf()?;
        Some(Arc::new(shelf.search(&text, None, RESULTS)))
    });
    let found = Signal::derive(move || hits.with(|h| h.as_ref().map(|h| h.len())));
    Effect::new(move |_| {
        if !by_address.get() {
            return;
        }
        if let Some(count) = found.get() {
            by_address.set(false);
            signals.searched(&query.get_untracked(), count);
        }
    });

    let on_input = Callback::new(move |text: String| {
        query.set(text.clone());
        let address = if text.is_empty() {
            "/".to_string()
        } else {
            format!("/?q={}", js_sys::encode_uri_component(&text))
        };
        navigate(
            &address,
            NavigateOptions {
                replace: true,
                scroll: false,
                ..Default::default()
            },
        );
        if let Some(count) = found.get_untracked() {
            signals.searched(&text, count);
        }
    });
    let on_open = Callback::new(move |id: String| signals.clicked(&query.get_untracked(), &id));
    let searching = Memo::new(move |_| query.with(|q| !q.trim().is_empty()));

    let render = move |shelf: Arc<Shelf>| {
        if searching.get() {
            let hits = hits.get().map(|h| h.as_ref().clone()).unwrap_or_default();
            view! { <SearchResults shelf query hits on_open /> }.into_any()
        } else {
            view! {
                <section aria-labelledby="topics-title">
                    <h2 id="topics-title" class="section-title">{t!(i18n, topics_heading)}</h2>
                    <TopicCards shelf />
                </section>
            }
            .into_any()
        }
    };
    view! {
        <Title text=move || t_string!(i18n, portal_name).to_string() />
        <AccountDeletedNotice />
        <section class="hero" aria-labelledby="home-title">
            <h1 id="home-title">{t!(i18n, home_title)}</h1>
            <p class="hero__lead">{t!(i18n, home_lead)}</p>
            <SearchBox shown on_input />
            <SearchStatus query found />
        </section>
        {move || library.shelf().filter(|s| reading_saved_copy(s)).map(|_| view! { <SavedCopyNotice /> })}
        <ShelfGate render />
    }
}
