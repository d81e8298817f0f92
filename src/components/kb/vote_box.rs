//! "Was this helpful?" under an article: Yes or No, then an optional comment
//! (Send or Skip), then thanks. The answer goes through the outbox, so it is
//! saved on this device at once and sent, exactly once, when there is a
//! connection. A device that has answered already sees the thanks.

use aftercare_core::kb_signals::MAX_FEEDBACK_COMMENT_CHARS;
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::components::focus::focus_later;
use crate::i18n::*;
use crate::kb::use_kb_signals;
use crate::store::StoreError;
use crate::sync::{use_outbox, Intent};

/// The question, the comment and the thanks for article `id`.
#[component]
pub fn VoteBox(
    /// The article being judged.
    #[prop(into)]
    id: String,
) -> impl IntoView {
    let i18n = use_i18n();
    let signals = use_kb_signals();
    let outbox = use_outbox();
    let id = StoredValue::new(id);
    let voted = Memo::new(move |_| id.with_value(|id| signals.vote_of(id)));
    // Yes or No picked, not yet sent with or without a comment.
    let picked = RwSignal::new(None::<bool>);
    let comment = RwSignal::new(String::new());
    let sending = RwSignal::new(false);
    let problem = RwSignal::new(None::<StoreError>);
    let waiting = Memo::new(move |_| {
        id.with_value(|id| {
            outbox.entries.with(|entries| {
                entries.iter().any(|entry| {
                    matches!(&entry.payload, Intent::Feedback { article_id, .. } if article_id == id)
                })
            })
        })
    });

    let send = move |with_comment: bool| {
        let Some(helpful) = picked.get_untracked() else {
            return;
        };
        if sending.get_untracked() {
            return;
        }
        let text: String = comment
            .get_untracked()
            .chars()
            .take(MAX_FEEDBACK_COMMENT_CHARS)
            .collect();
        let text = (with_comment && !text.trim().is_empty()).then_some(text);
        sending.set(true);
        problem.set(None);
        let article = id.get_value();
        spawn_local(async move {
            match signals.vote(&article, helpful, text).await {
                Ok(()) => {
                    picked.try_set(None);
                    focus_later("vote-thanks");
                }
                Err(error) => {
                    problem.try_set(Some(error));
                }
            }
            sending.try_set(false);
        });
    };

    // Leaving the page after Yes or No still counts the answer, without
    // the comment the customer did not send.
    on_cleanup(move || {
        if let (Some(Some(helpful)), Some(article)) =
            (picked.try_get_untracked(), id.try_get_value())
        {
            if sending.try_get_untracked() != Some(true) {
                spawn_local(async move {
                    let _ = signals.vote(&article, helpful, None).await;
                });
            }
        }
    });

    let question = move || {
        let pressed = move |answer: bool| (picked.get() == Some(answer)).to_string();
        view! {
            <h2 class="vote__title" id="vote-title">{t!(i18n, vote_question)}</h2>
            <div class="vote__answers">
                <button type="button" class="button button--secondary vote__answer" aria-pressed=move || pressed(true)
                    on:click=move |_| picked.set(Some(true))>
                    {t!(i18n, vote_yes)}
                </button>
                <button type="button" class="button button--secondary vote__answer" aria-pressed=move || pressed(false)
                    on:click=move |_| picked.set(Some(false))>
                    {t!(i18n, vote_no)}
                </button>
            </div>
            {move || picked.get().map(|helpful| view! {
                <CommentForm helpful comment sending=sending.into() on_send=Callback::new(send) />
            })}
            <div role="alert" class="vote__problem">
                {move || problem.get().map(|error| view! {
                    <p class="field__error">
                        {if error == StoreError::QuotaExceeded {
                            t!(i18n, track_quota_error).into_any()
                        } else {
                            t!(i18n, vote_not_saved).into_any()
                        }}
                    </p>
                })}
            </div>
        }
    };
    let thanks = move || {
        view! {
            <h2 class="vote__title" id="vote-thanks" tabindex="-1">{t!(i18n, vote_thanks)}</h2>
            <p class="vote__saved">
                {move || if waiting.get() {
                    t!(i18n, vote_saved_on_device).into_any()
                } else {
                    t!(i18n, vote_read_by_team).into_any()
                }}
            </p>
        }
    };
    view! {
        <section class="card vote" aria-labelledby=move || if voted.get().is_some() { "vote-thanks" } else { "vote-title" }>
            <div role="status" class="vote__status">
                {move || voted.get().is_some().then(thanks)}
            </div>
            {move || voted.get().is_none().then(question)}
        </section>
    }
}

/// The optional comment after Yes or No, with Send and Skip.
#[component]
fn CommentForm(
    /// The answer picked: it decides what the label asks.
    helpful: bool,
    /// The comment typed so far.
    comment: RwSignal<String>,
    /// Whether the answer is being saved.
    sending: Signal<bool>,
    /// Called with `true` to send the comment, `false` to skip it.
    on_send: Callback<bool>,
) -> impl IntoView {
    let i18n = use_i18n();
    let count = move || comment.with(|c| c.chars().count());
    let on_submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        on_send.run(true);
    };
    view! {
        <form class="vote__comment" on:submit=on_submit novalidate>
            <label class="field__label" for="vote-comment">
                {if helpful {
                    t!(i18n, vote_comment_label_yes).into_any()
                } else {
                    t!(i18n, vote_comment_label_no).into_any()
                }}
            </label>
            <textarea
                id="vote-comment"
                class="field__input field__textarea"
                rows="3"
                maxlength=MAX_FEEDBACK_COMMENT_CHARS.to_string()
                aria-describedby="vote-comment-count"
                prop:value=move || comment.get()
                on:input=move |ev| comment.set(event_target_value(&ev))
            ></textarea>
            <p class="field__hint vote__count" id="vote-comment-count">
                {t!(i18n, vote_comment_count, count = count, max = MAX_FEEDBACK_COMMENT_CHARS)}
            </p>
            <div class="form-actions">
                <button type="submit" class="button" aria-disabled=move || sending.get().then_some("true")>
                    {t!(i18n, vote_send)}
                </button>
                <button type="button" class="button button--secondary" on:click=move |_| on_send.run(false)>
                    {t!(i18n, vote_skip)}
                </button>
            </div>
        </form>
    }
}
