//! "Needs your attention": what the outbox could not deliver because the
//! backend refused it, each with the problem in words (and the fields it
//! names), Retry, Discard (asking first) and, for a new request, Fix, which
//! opens the form on it.

use aftercare_core::{EntryState, Problem};
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;

use crate::components::request::confirm::DiscardButton;
use crate::components::request::labels::{field_label, type_label, CatalogSignal};
use crate::components::request::pending::{action_words, outbox_entries};
use crate::i18n::*;
use crate::language::LanguageChoice;
use crate::sync::{use_outbox, Entry, Intent};

/// The list, shown only when something needs attention.
#[component]
pub fn AttentionList(catalog: CatalogSignal) -> impl IntoView {
    let i18n = use_i18n();
    let refused = outbox_entries(|e| matches!(e.state, EntryState::NeedsAttention { .. }));
    move || {
        let entries = refused.get();
        (!entries.is_empty()).then(|| {
            view! {
                <section class="card attention" aria-labelledby="attention-title">
                    <h2 id="attention-title" class="card__title">{t!(i18n, track_attention_heading)}</h2>
                    <p class="muted">{t!(i18n, track_attention_lead)}</p>
                    <ul class="attention__items">
                        {entries
                            .into_iter()
                            .map(|entry| view! { <AttentionItem entry catalog /> })
                            .collect_view()}
                    </ul>
                </section>
            }
        })
    }
}

/// One refused entry.
#[component]
fn AttentionItem(entry: Entry, catalog: CatalogSignal) -> impl IntoView {
    let i18n = use_i18n();
    let outbox = use_outbox();
    let choice = expect_context::<LanguageChoice>();
    let (problem, reason) = match &entry.state {
        EntryState::NeedsAttention { problem, reason } => (problem.clone(), reason.clone()),
        _ => (None, String::new()),
    };
    let type_key = match &entry.payload {
        Intent::NewRequest { request, .. } => Some(request.request_type.clone()),
        _ => None,
    };
    let title = match entry.payload.clone() {
        Intent::NewRequest { request, .. } => {
            let key = request.request_type.clone();
            let what = move || type_label(catalog.read().as_ref(), &key, choice.get());
            t!(i18n, track_attention_new_request, what = what).into_any()
        }
        Intent::Message { number, .. } => t!(
            i18n,
            track_attention_message,
            number = move || number.clone()
        )
        .into_any(),
        Intent::Action { number, action } => view! {
            {action_words(i18n, action)}
            " — "
            {number}
        }
        .into_any(),
        // Never listed here (see `Intent::is_about_a_request`): refused votes
        // and events are dropped, surveys and products show on their pages.
        Intent::Feedback { .. }
        | Intent::KbEvents { .. }
        | Intent::Survey { .. }
        | Intent::RegisterProduct { .. }
        | Intent::Unknown => ().into_any(),
    };
    let said = match &entry.payload {
        Intent::Message { text, .. } if !text.is_empty() => {
            Some(view! { <p class="message__text attention__said">{text.clone()}</p> })
        }
        _ => None,
    };
    let is_new = type_key.is_some();
    let fix_href = format!("/requests/new?fix={}", entry.key);
    let (retry_key, discard_key) = (entry.key.clone(), entry.key.clone());
    view! {
        <li class="attention__item">
            <h3 class="attention__title">{title}</h3>
            {said}
            <ProblemWords problem reason type_key catalog />
            <div class="actions__buttons">
                {is_new.then(|| view! { <A href=fix_href attr:class="button">{t!(i18n, track_fix)}</A> })}
                <button
                    type="button"
                    class="button button--secondary"
                    on:click=move |_| {
                        let key = retry_key.clone();
                        spawn_local(async move { outbox.retry(&key).await });
                    }
                >
                    {t!(i18n, track_retry)}
                </button>
                <DiscardButton
                    on_discard=Callback::new(move |_| {
                        let key = discard_key.clone();
                        spawn_local(async move { outbox.discard(&key).await });
                    })
                />
            </div>
        </li>
    }
}

/// The backend's problem in words: its title and detail, and each field
/// error as "Question: what is wrong".
#[component]
fn ProblemWords(
    problem: Option<Problem>,
    reason: String,
    type_key: Option<String>,
    catalog: CatalogSignal,
) -> impl IntoView {
    let choice = expect_context::<LanguageChoice>();
    let Some(problem) = problem else {
        return view! { <p class="attention__problem">{reason}</p> }.into_any();
    };
    let errors = problem
        .errors
        .into_iter()
        .map(|error| {
            let field = error
                .pointer
                .trim_start_matches('/')
                .trim_start_matches("fields/")
                .split('/')
                .next()
                .unwrap_or_default()
                .to_string();
            let type_key = type_key.clone().unwrap_or_default();
            let label =
                move || field_label(catalog.read().as_ref(), &type_key, &field, choice.get());
            view! { <li>{label} ": " {error.detail}</li> }
        })
        .collect_view();
    view! {
        <p class="attention__problem">
            <strong>{problem.title}</strong>
            {problem.detail.map(|detail| view! { " " {detail} })}
        </p>
        <ul class="attention__fields">{errors}</ul>
    }
    .into_any()
}
