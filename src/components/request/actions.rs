//! What the customer can do to a request: reply (text, and files when the
//! catalog is known), and the lifecycle's actions the backend allows now
//! (confirm and close, reopen, cancel — cancelling asks first). Everything
//! goes through the outbox, so it works offline and is shown at once.

use aftercare_core::{CustomerAction, RequestAction, RequestStatus};
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::components::request::confirm::ConfirmButton;
use crate::components::request::labels::CatalogSignal;
use crate::components::request::reply::ReplyBox;
use crate::components::store_failure::StoreFailureNotice;
use crate::i18n::*;
use crate::store::StoreError;
use crate::sync::{use_outbox, Intent};

/// The reply box and the action buttons.
#[component]
pub fn RequestActions(
    /// The request's number.
    #[prop(into)]
    number: String,
    /// Its status now.
    status: RequestStatus,
    /// What the backend allows the customer now.
    allowed: Vec<RequestAction>,
    catalog: CatalogSignal,
) -> impl IntoView {
    let i18n = use_i18n();
    let outbox = use_outbox();
    let failure = RwSignal::new(None::<StoreError>);
    // Once an action waits in the outbox, the allowed actions are stale
    // until it is delivered.
    let action_queued = {
        let number = number.clone();
        Memo::new(move |_| {
            outbox.entries.with(|entries| {
                entries
                    .iter()
                    .any(|e| matches!(&e.payload, Intent::Action { number: n, .. } if *n == number))
            })
        })
    };
    let act = {
        let number = number.clone();
        move |action: CustomerAction| {
            let number = number.clone();
            spawn_local(async move {
                failure.set(outbox.act(&number, action).await.err());
            });
        }
    };
    let can = |action: RequestAction| allowed.contains(&action);
    let (can_close, can_reopen, can_cancel) = (
        can(RequestAction::Close),
        can(RequestAction::Reopen),
        can(RequestAction::Cancel),
    );
    let (act_close, act_reopen, act_cancel) = (act.clone(), act.clone(), act);
    let buttons = move || {
        if action_queued.get() {
            return ().into_any();
        }
        let act_close = act_close.clone();
        let act_reopen = act_reopen.clone();
        let act_cancel = act_cancel.clone();
        view! {
            {(status == RequestStatus::Resolved).then(|| view! {
                <p class="actions__hint">{t!(i18n, track_resolved_hint)}</p>
            })}
            <div class="actions__buttons">
                {can_close.then(|| view! {
                    <button type="button" class="button" on:click=move |_| act_close(CustomerAction::Close)>
                        {t!(i18n, track_action_close)}
                    </button>
                })}
                {can_reopen.then(|| view! {
                    <button
                        type="button"
                        class="button button--secondary"
                        on:click=move |_| act_reopen(CustomerAction::Reopen)
                    >
                        {t!(i18n, track_action_reopen)}
                    </button>
                })}
                {can_cancel.then(|| view! {
                    <ConfirmButton
                        label=move || t_string!(i18n, track_action_cancel).to_string()
                        question=move || t_string!(i18n, track_cancel_confirm).to_string()
                        yes=move || t_string!(i18n, track_yes_cancel).to_string()
                        no=move || t_string!(i18n, track_keep_it).to_string()
                        class="button--secondary"
                        on_confirm=Callback::new(move |_| act_cancel(CustomerAction::Cancel))
                    />
                })}
            </div>
        }
        .into_any()
    };
    view! {
        {(!status.is_final()).then(|| view! { <ReplyBox number=number.clone() catalog /> })}
        <div class="actions">
            {buttons}
            <StoreFailureNotice failure />
        </div>
    }
}
