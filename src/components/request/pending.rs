//! What the customer did to this request that is still in the outbox: each
//! message or action shown at once, marked "waiting to send", until the
//! backend has it and the request shows it for real.

use aftercare_core::{CustomerAction, EntryState};
use leptos::prelude::*;
use leptos_router::components::A;

use crate::i18n::*;
use crate::sync::{use_outbox, Entry, Intent};

/// The queued messages and actions for the request `key`.
#[component]
pub fn PendingForRequest(
    /// The request's number (or local id).
    #[prop(into)]
    key: String,
) -> impl IntoView {
    let i18n = use_i18n();
    let mine = outbox_entries(move |e| {
        !matches!(e.payload, Intent::NewRequest { .. }) && e.payload.request_key() == key
    });
    move || {
        let entries = mine.get();
        (!entries.is_empty()).then(|| {
            view! {
                <ul class="pending" aria-label=move || t_string!(i18n, track_waiting_to_send)>
                    {entries
                        .into_iter()
                        .map(|entry| {
                            let attention = matches!(entry.state, EntryState::NeedsAttention { .. });
                            let what = match entry.payload {
                                Intent::Message { text, files, .. } => {
                                    let files = (!files.is_empty()).then(|| format!(" (+{})", files.len()));
                                    view! { <p class="message__text">{text}{files}</p> }.into_any()
                                }
                                Intent::Action { action, .. } => {
                                    view! { <p><strong>{action_words(i18n, action)}</strong></p> }.into_any()
                                }
                                _ => ().into_any(),
                            };
                            view! {
                                <li class="message message--mine message--pending">
                                    <p class="message__meta">
                                        <strong>{t!(i18n, track_actor_you)}</strong>
                                        " · "
                                        <span class="status-chip status-chip--pending">
                                            {if attention {
                                                t!(i18n, track_attention_heading).into_any()
                                            } else {
                                                t!(i18n, track_waiting_to_send).into_any()
                                            }}
                                        </span>
                                    </p>
                                    {what}
                                    {attention.then(|| view! {
                                        <A href="/requests">{t!(i18n, nav_my_requests)}</A>
                                    })}
                                </li>
                            }
                        })
                        .collect_view()}
                </ul>
                <p class="notice notice--quiet" role="status">{t!(i18n, track_saved_on_device)}</p>
            }
        })
    }
}

/// The outbox entries `wanted` keeps, in the outbox's order, kept up to date
/// as the outbox changes.
pub fn outbox_entries(wanted: impl Fn(&Entry) -> bool + Send + Sync + 'static) -> Memo<Vec<Entry>> {
    let outbox = use_outbox();
    Memo::new(move |_| {
        outbox.entries.with(|entries| {
            entries
                .iter()
                .filter(|e| e.payload.is_about_a_request() && wanted(e))
                .cloned()
                .collect()
        })
    })
}

/// A customer's action, as its button names it.
pub fn action_words(
    i18n: crate::components::request::clock::I18n,
    action: CustomerAction,
) -> AnyView {
    match action {
        CustomerAction::Reopen => t!(i18n, track_action_reopen).into_any(),
        CustomerAction::Cancel => t!(i18n, track_action_cancel).into_any(),
        CustomerAction::Close => t!(i18n, track_action_close).into_any(),
    }
}
