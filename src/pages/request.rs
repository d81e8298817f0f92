//! One service request at `/requests/:key`: read from the device store
//! first (so it opens offline), then refreshed from the network, again on
//! focus, on reconnect and whenever the outbox delivers something. The key
//! is a number, or a local id while the request waits in the outbox; once
//! that one is delivered the page moves to the number.

use aftercare_core::survey::survey_offered;
use aftercare_core::{RequestAction, ServiceRequest};
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_meta::Title;
use leptos_router::components::A;
use leptos_router::hooks::{use_navigate, use_params_map};
use leptos_router::NavigateOptions;

use crate::components::request::actions::RequestActions;
use crate::components::request::clock::ServiceClock;
use crate::components::request::files::FileList;
use crate::components::request::labels::{catalog_signal, CatalogSignal};
use crate::components::request::pending::PendingForRequest;
use crate::components::request::refresh::reload_on_focus_and_online;
use crate::components::request::reply::ReplyDraft;
use crate::components::request::summary::RequestSummary;
use crate::components::request::thread::Thread;
use crate::components::request::timeline::Timeline;
use crate::components::saved_copy_notice::SavedCopyNotice;
use crate::components::sign_in_again::SignInAgainNotice;
use crate::components::skeleton::SkeletonCards;
use crate::components::survey::prompt::{PromptPlace, SurveyPrompt};
use crate::components::survey::section::SurveySection;
use crate::i18n::*;
use crate::request_book::{self, SavedRequest};
use crate::session::use_account;
use crate::sync::use_outbox;

/// What the page knows about the request.
#[derive(Clone, Debug, PartialEq)]
enum Loaded {
    /// Still reading the store.
    Reading,
    /// Neither this device nor the backend (for this customer) knows it.
    NotFound,
    /// Not on this device, and the backend could not be reached.
    Unreachable,
    /// The request, and whether the network refresh failed (a saved copy).
    Found {
        saved: Box<SavedRequest>,
        stale: bool,
    },
}

/// The request page.
#[component]
pub fn RequestPage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let account = use_account();
    let outbox = use_outbox();
    let navigate = use_navigate();
    let catalog = catalog_signal();
    // The reply being written outlives redraws of the request.
    provide_context(ReplyDraft(RwSignal::new(String::new())));
    let loaded = RwSignal::new(Loaded::Reading);
    let key = Memo::new(move |_| params.read().get("key").unwrap_or_default());

    let load = move || {
        let key = key.get_untracked();
        let navigate = navigate.clone();
        spawn_local(async move {
            let known = request_book::saved_request(&key).await.ok().flatten();
            if let Some(number) = known.as_ref().and_then(|s| s.delivered_as.clone()) {
                navigate(
                    &format!("/requests/{number}"),
                    NavigateOptions {
                        replace: true,
                        ..NavigateOptions::default()
                    },
                );
                return;
            }
            if let Some(saved) = known.clone() {
                show(
                    loaded,
                    Loaded::Found {
                        saved: Box::new(saved),
                        stale: false,
                    },
                );
            }
            match request_book::refresh(&account, &key).await {
                Ok(saved) => {
                    let _ = request_book::mark_seen(&saved.key).await;
                    show(
                        loaded,
                        Loaded::Found {
                            saved: Box::new(saved),
                            stale: false,
                        },
                    );
                }
                Err(error) => {
                    let next = match known {
                        Some(saved) => Loaded::Found {
                            saved: Box::new(saved),
                            stale: error.is_transient(),
                        },
                        None if error.is_transient() => Loaded::Unreachable,
                        None => Loaded::NotFound,
                    };
                    show(loaded, next);
                }
            }
        });
    };
    // Load when the key changes, after each delivery, and after a wipe.
    {
        let load = load.clone();
        Effect::new(move |_| {
            key.track();
            outbox.deliveries.track();
            account.wipes.track();
            account.signed_in.track();
            load();
        });
    }
    reload_on_focus_and_online(load);

    view! {
        <Title text=move || match loaded.get() {
            Loaded::Found { saved, .. } => saved.number.clone().unwrap_or_else(|| t_string!(i18n, track_local_title).to_string()),
            _ => t_string!(i18n, track_list_title).to_string(),
        } />
        <nav class="breadcrumb" aria-label=move || t_string!(i18n, breadcrumb_label)>
            <A href="/requests">{t!(i18n, nav_my_requests)}</A>
        </nav>
        {move || match loaded.get() {
            Loaded::Reading => view! { <SkeletonCards count=2 /> }.into_any(),
            Loaded::NotFound => view! { <RequestNotFound /> }.into_any(),
            Loaded::Unreachable => view! {
                <section class="notice notice--error" role="alert">
                    <h1 class="notice__title">{t!(i18n, unreachable_title)}</h1>
                    <p>{t!(i18n, unreachable_body)}</p>
                </section>
            }.into_any(),
            Loaded::Found { saved, stale } => view! { <RequestBody saved=*saved stale catalog /> }.into_any(),
        }}
    }
}

/// Shows `next` unless it is what the page shows already (a refresh that
/// brought nothing new must not redraw the page under the customer).
fn show(loaded: RwSignal<Loaded>, next: Loaded) {
    let same = loaded
        .try_with_untracked(|now| match (now, &next) {
            (Loaded::Found { saved: a, stale: x }, Loaded::Found { saved: b, stale: y }) => {
                x == y
                    && a.key == b.key
                    && a.request == b.request
                    && a.pending == b.pending
                    && a.access_key == b.access_key
            }
            (now, next) => now == next,
        })
        .unwrap_or(true);
    if !same {
        loaded.try_set(next);
    }
}

/// What the customer sees of a request.
#[component]
fn RequestBody(saved: SavedRequest, stale: bool, catalog: CatalogSignal) -> impl IntoView {
    let i18n = use_i18n();
    let access_key = saved.access_key.clone();
    let key = saved.key.clone();
    let request: Option<ServiceRequest> = saved.request.clone();
    let complaint = request
        .as_ref()
        .filter(|r| r.request_type != "complaint")
        .map(|r| r.number.clone());
    // Once resolved, the customer is asked how it went.
    let survey = request
        .as_ref()
        .filter(|r| survey_offered(r.status))
        .map(|r| {
            let credentials = use_account().credentials_for(&saved);
            let can_reopen = r.allowed_actions.contains(&RequestAction::Reopen);
            (r.number.clone(), r.survey_answered, credentials, can_reopen)
        });
    let prompt = survey.clone().map(|(number, answered, ..)| {
        view! { <SurveyPrompt number answered place=PromptPlace::Page /> }
    });
    let here = format!("/requests/{key}");
    view! {
        <article class="request" aria-labelledby="request-title">
            <SignInAgainNotice next=here />
            {stale.then(|| view! { <SavedCopyNotice /> })}
            <RequestSummary saved=saved.clone() catalog />
            {prompt}
            {request.clone().and_then(|r| r.sla).map(|sla| view! { <ServiceClock sla /> })}
            {request.clone().map(|r| {
                let form_files: Vec<_> = r
                    .attachments
                    .iter()
                    .filter(|a| !r.messages.iter().any(|m| m.attachments.iter().any(|b| b.id == a.id)))
                    .cloned()
                    .collect();
                view! {
                    <Timeline events=r.events.clone() />
                    {(!form_files.is_empty()).then(|| view! {
                        <section class="card" aria-labelledby="files-title">
                            <h2 id="files-title" class="card__title">{t!(i18n, track_files_heading)}</h2>
                            <FileList files=form_files access_key=access_key.clone() />
                        </section>
                    })}
                    <Thread messages=r.messages.clone() access_key=access_key.clone() />
                }
            })}
            <PendingForRequest key=key />
            {request.map(|r| view! {
                <RequestActions number=r.number.clone() status=r.status allowed=r.allowed_actions.clone() catalog />
            })}
            {survey.map(|(number, _, credentials, can_reopen)| view! {
                <SurveySection number credentials can_reopen />
            })}
            {complaint.map(|number| {
                let href = format!("/requests/new?type=complaint&about={number}");
                view! {
                    <section class="complain" aria-labelledby="complain-link">
                        <p>
                            <A href=href attr:id="complain-link">{t!(i18n, track_complain_link)}</A>
                        </p>
                        <p class="muted">{t!(i18n, track_complain_note)}</p>
                    </section>
                }
            })}
        </article>
    }
}

/// Nothing known under this key for this customer on this device.
#[component]
fn RequestNotFound() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <section class="empty-state">
            <h1>{t!(i18n, track_not_found_title)}</h1>
            <p>{t!(i18n, track_not_found_body)}</p>
            <A href="/requests/lookup" attr:class="button">{t!(i18n, track_open_with_key)}</A>
        </section>
    }
}
