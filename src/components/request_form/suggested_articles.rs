//! The deflection slot beside the description: as the customer describes
//! the problem, up to three knowledge-base articles that match it, each with
//! "Read the article" (the form's draft is kept, so coming back loses
//! nothing) and "This solved it" (the page records the deflection, throws
//! the draft away and closes the form). Searching is local and works
//! offline.

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;

use super::draft_keeper::DraftKeeper;
use super::form_state::use_form;

use crate::components::kb::deflected::Solved;
use crate::components::kb::marked_text::MarkedText;
use crate::drafts;
use crate::i18n::*;
use crate::kb::{use_kb_signals, use_library};

/// How many articles are suggested.
const SUGGESTED: usize = 3;
/// Letters or digits the text needs before articles are suggested.
const MEANINGFUL: usize = 2;
/// How much of a long description is searched.
const QUERY_CHARS: usize = 300;

/// The text searched for `written`, or `None` when it is too short to mean
/// anything yet.
pub fn suggestion_query(written: &str) -> Option<String> {
    let meaningful = written.chars().filter(|c| c.is_alphanumeric()).count();
    (meaningful >= MEANINGFUL).then(|| written.trim().chars().take(QUERY_CHARS).collect())
}

/// Articles suggested for what the customer writes.
#[component]
pub fn SuggestedArticles(
    /// What the customer has written so far.
    query: Signal<String>,
    /// The form's draft, thrown away (with its files) when an article
    /// solved the problem: the customer chose to drop what they typed.
    keeper: DraftKeeper,
    /// Set to the article that solved the problem; the page then closes
    /// the form.
    solved: RwSignal<Option<Solved>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let form = use_form();
    let on_solved = move |article: Solved| {
        let files = form.file_ids();
        keeper.stopped.set(true);
        let draft = keeper.id.get_value();
        form.clear();
        solved.set(Some(article));
        spawn_local(async move {
            let _ = drafts::discard(&draft, &files).await;
        });
    };
    let library = use_library();
    let signals = use_kb_signals();
    let searched = Memo::new(move |_| query.with(|q| suggestion_query(q)));
    // A refused request being fixed is not a new problem to deflect.
    let fixing = keeper.id.with_value(|id| id != drafts::NEW_REQUEST);
    let hits = Memo::new(move |_| {
        if fixing {
            return None;
        }
        let text = searched.get()?;
        let shelf = library.shelf()?;
        let hits = shelf.search(&text, None, SUGGESTED);
        (!hits.is_empty()).then_some(hits)
    });
    // The customer's own description may hold names or phone numbers, so
    // the events from here carry the article only, never the text.
    view! {
        <aside
            class="suggested"
            class=("suggested--empty", move || hits.with(Option::is_none))
            aria-label=move || t_string!(i18n, form_suggested_label)>
            {move || hits.get().map(|hits| {
                let items = hits
                    .into_iter()
                    .map(|hit| {
                        let title_id = format!("suggested-{}", hit.id);
                        let href = format!("/articles/{}", hit.id);
                        let article = Solved {
                            id: hit.id.clone(),
                            title: hit.title.clone(),
                            locale: hit.locale.clone(),
                        };
                        let id = hit.id.clone();
                        let on_read = move |_| signals.clicked("", &id);
                        let on_solved_click = move |_| {
                            signals.deflected("", &article.id);
                            on_solved(article.clone());
                        };
                        view! {
                            <li class="suggestion">
                                <h3 class="suggestion__title" id=title_id.clone() lang=hit.locale.clone()>{hit.title}</h3>
                                <p class="suggestion__snippet" lang=hit.locale>
                                    <MarkedText text=hit.snippet highlights=hit.highlights />
                                </p>
                                <div class="suggestion__actions">
                                    <A href=href attr:aria-describedby=title_id.clone() on:click=on_read>
                                        {t!(i18n, suggest_read)}
                                    </A>
                                    <button type="button" class="button button--secondary button--small"
                                        aria-describedby=title_id on:click=on_solved_click>
                                        {t!(i18n, suggest_solved)}
                                    </button>
                                </div>
                            </li>
                        }
                    })
                    .collect_view();
                view! {
                    <h2 class="suggested__title">{t!(i18n, suggest_heading)}</h2>
                    <ol class="suggested__list">{items}</ol>
                }
            })}
        </aside>
    }
}

#[cfg(test)]
mod tests {
    use super::suggestion_query;

    #[test]
    fn suggests_once_two_letters_or_digits_are_written() {
        assert_eq!(suggestion_query(""), None);
        assert_eq!(suggestion_query("a "), None);
        assert_eq!(suggestion_query("?!…"), None);
        assert_eq!(suggestion_query("打"), None);
        assert_eq!(suggestion_query("打印").as_deref(), Some("打印"));
        assert_eq!(suggestion_query("  E1 ").as_deref(), Some("E1"));
        let long = "x".repeat(1000);
        assert_eq!(
            suggestion_query(&long).map(|q| q.chars().count()),
            Some(300)
        );
    }
}
