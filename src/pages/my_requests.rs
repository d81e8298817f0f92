//! "My requests" at `/requests`: the signed-in customer's requests merged
//! with what this device knows (guest requests, requests still waiting to
//! send), newest activity first, with a status filter and a text filter,
//! "updated since your last visit" marks, the outbox's count of items
//! waiting to send and the list of those that need the customer's
//! attention. The device copy shows first (offline too); the backend's list
//! follows, and is read again on focus, on reconnect and after deliveries.

use aftercare_core::survey::survey_offered;
use aftercare_core::{EntryState, RequestStatus, RequestSummary};
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_meta::Title;
use leptos_router::components::A;

use crate::components::request::attention::AttentionList;
use crate::components::request::labels::{catalog_signal, type_label, CatalogSignal};
use crate::components::request::list_rows::{matches, merge, status_value, Row};
use crate::components::request::refresh::reload_on_focus_and_online;
use crate::components::request::status_chip::{status_label, StatusChip};
use crate::components::saved_copy_notice::SavedCopyNotice;
use crate::components::sign_in_again::SignInAgainNotice;
use crate::components::skeleton::SkeletonCards;
use crate::components::survey::prompt::{PromptPlace, SurveyPrompt};
use crate::i18n::*;
use crate::language::LanguageChoice;
use crate::local_time::format_date_time;
use crate::request_book::{self, SavedRequest};
use crate::session::use_account;
use crate::sync::use_outbox;

/// The page.
#[component]
pub fn MyRequestsPage() -> impl IntoView {
    let i18n = use_i18n();
    let account = use_account();
    let outbox = use_outbox();
    let catalog = catalog_signal();
    let saved = RwSignal::new(None::<Vec<SavedRequest>>);
    let remote = RwSignal::new(Vec::<RequestSummary>::new());
    let stale = RwSignal::new(false);
    let status_filter = RwSignal::new(String::new());
    let text_filter = RwSignal::new(String::new());

    let read_device = move || {
        spawn_local(async move {
            let records = request_book::saved_requests().await.unwrap_or_default();
            saved.try_set(Some(records));
        });
    };
    let load = move || {
        spawn_local(async move {
            let signed_in = account.signed_in.get_untracked().is_some();
            if signed_in && remote.with_untracked(Vec::is_empty) {
                remote.try_set(request_book::saved_list().await);
            }
            saved.try_set(Some(
                request_book::saved_requests().await.unwrap_or_default(),
            ));
            if !signed_in {
                remote.try_set(Vec::new());
                stale.try_set(false);
                return;
            }
            match request_book::refresh_list(&account).await {
                Ok(list) => {
                    remote.try_set(list);
                    stale.try_set(false);
                }
                Err(error) => {
                    stale.try_set(error.is_transient());
                }
            }
        });
    };
    Effect::new(move |_| {
        account.loaded.track();
        account.signed_in.track();
        account.wipes.track();
        outbox.deliveries.track();
        if account.loaded.get_untracked() {
            load();
        }
    });
    // New entries (a request just queued) are on the device already.
    Effect::new(move |_| {
        outbox.entries.with(Vec::len);
        read_device();
    });
    reload_on_focus_and_online(load);

    let waiting = Memo::new(move |_| {
        outbox.entries.with(|entries| {
            entries
                .iter()
                .filter(|e| e.payload.is_about_a_request())
                .filter(|e| !matches!(e.state, EntryState::NeedsAttention { .. }))
                .count()
        })
    });
    let choice = expect_context::<LanguageChoice>();
    let rows = Memo::new(move |_| {
        let saved = saved.get()?;
        let status = status_filter.get();
        let text = text_filter.get();
        let locale = choice.get();
        let all = merge(&saved, &remote.get());
        let total = all.len();
        let shown: Vec<Row> = catalog.with(|c| {
            all.into_iter()
                .filter(|row| matches(row, &status, &text, c.as_ref(), locale))
                .collect()
        });
        Some((total, shown))
    });
    let signed_in = move || account.signed_in.with(Option::is_some);

    view! {
        <Title text=move || t_string!(i18n, track_list_title).to_string() />
        <header class="page-head">
            <h1>{t!(i18n, track_list_title)}</h1>
            <A href="/requests/new" attr:class="button">{t!(i18n, nav_new_request)}</A>
        </header>
        <SignInAgainNotice next="/requests" />
        {move || stale.get().then(|| view! { <SavedCopyNotice /> })}
        <p class="waiting-count" role="status">
            {move || {
                let count = waiting.get();
                (count > 0).then(|| view! {
                    <span class="status-chip status-chip--pending">
                        {t!(i18n, track_waiting_count, count = move || count)}
                    </span>
                })
            }}
        </p>
        <AttentionList catalog />
        <Filters status_filter text_filter />
        {move || match rows.get() {
            None => view! { <SkeletonCards count=2 /> }.into_any(),
            Some((0, _)) => view! {
                <section class="empty-state">
                    <p>{t!(i18n, track_empty)}</p>
                    <A href="/requests/new" attr:class="button">{t!(i18n, nav_new_request)}</A>
                </section>
            }.into_any(),
            Some((_, shown)) if shown.is_empty() => view! {
                <section class="empty-state" role="status">
                    <p>{t!(i18n, track_no_match)}</p>
                    <button
                        type="button"
                        class="button button--secondary"
                        on:click=move |_| {
                            status_filter.set(String::new());
                            text_filter.set(String::new());
                        }
                    >
                        {t!(i18n, track_clear_filters)}
                    </button>
                </section>
            }.into_any(),
            Some((_, shown)) => {
                let (guest, own): (Vec<Row>, Vec<Row>) = shown.into_iter().partition(|r| r.guest);
                let own_heading = signed_in();
                view! {
                    {(!own.is_empty()).then(|| view! {
                        <RequestGroup rows=own catalog heading=own_heading.then_some(GroupKind::Account) />
                    })}
                    {(!guest.is_empty()).then(|| view! {
                        <RequestGroup rows=guest catalog heading=Some(GroupKind::Device) />
                    })}
                }.into_any()
            }
        }}
        {move || (!signed_in()).then(|| view! {
            <section class="card sign-in-prompt">
                <p>{t!(i18n, track_sign_in_prompt)}</p>
                <div class="actions__buttons">
                    <A href="/sign-in?next=/requests" attr:class="button">{t!(i18n, nav_sign_in)}</A>
                    <A href="/requests/lookup" attr:class="button button--secondary">{t!(i18n, track_open_with_key)}</A>
                </div>
            </section>
        })}
    }
}

/// The status and text filters.
#[component]
fn Filters(status_filter: RwSignal<String>, text_filter: RwSignal<String>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <div class="filters" role="search">
            <label class="filters__field">
                <span class="field__label">{t!(i18n, track_filter_status)}</span>
                <select
                    prop:value=move || status_filter.get()
                    on:change=move |ev| status_filter.set(event_target_value(&ev))
                >
                    <option value="">{t!(i18n, track_filter_all)}</option>
                    <option value="pending">{t!(i18n, track_filter_pending)}</option>
                    {RequestStatus::ALL
                        .into_iter()
                        .map(|status| view! {
                            <option value=status_value(Some(status))>{move || status_label(i18n, status)}</option>
                        })
                        .collect_view()}
                </select>
            </label>
            <label class="filters__field filters__field--grow">
                <span class="field__label">{t!(i18n, track_filter_text)}</span>
                <input
                    class="field__input"
                    type="search"
                    prop:value=move || text_filter.get()
                    on:input=move |ev| text_filter.set(event_target_value(&ev))
                />
            </label>
        </div>
    }
}

/// Which group of requests a list is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum GroupKind {
    /// The signed-in customer's.
    Account,
    /// Guest requests this device remembers.
    Device,
}

/// A titled list of requests.
#[component]
fn RequestGroup(
    rows: Vec<Row>,
    catalog: CatalogSignal,
    heading: Option<GroupKind>,
) -> impl IntoView {
    let i18n = use_i18n();
    let id = match heading {
        Some(GroupKind::Device) => "device-requests",
        _ => "account-requests",
    };
    view! {
        <section class="request-group" aria-labelledby=heading.map(|_| id)>
            {heading.map(|kind| match kind {
                GroupKind::Account => view! {
                    <h2 class="section-title" id=id>{t!(i18n, track_account_heading)}</h2>
                }.into_any(),
                GroupKind::Device => view! {
                    <h2 class="section-title" id=id>{t!(i18n, track_device_heading)}</h2>
                    <p class="muted">{t!(i18n, track_device_lead)}</p>
                }.into_any(),
            })}
            <ul class="request-list">
                {rows.into_iter().map(|row| view! { <RequestRow row catalog /> }).collect_view()}
            </ul>
        </section>
    }
}

/// One request: number (or "waiting to send"), type, status, what it is
/// about, last activity, and the "updated" mark.
#[component]
fn RequestRow(row: Row, catalog: CatalogSignal) -> impl IntoView {
    let i18n = use_i18n();
    let choice = expect_context::<LanguageChoice>();
    let href = format!("/requests/{}", row.key);
    let type_key = row.type_key.clone();
    let type_name = move || type_label(catalog.read().as_ref(), &type_key, choice.get());
    // A request still in the outbox has no number yet; its chip says
    // "waiting to send".
    let title = row
        .number
        .clone()
        .map(|number| view! { <span class="request-row__number">{number}</span> " " });
    let activity = row.updated_at.clone().map(|at| {
        let when = move || format_date_time(&at, choice.get());
        view! { <span class="request-row__when">{t!(i18n, track_last_activity, date = when)}</span> }
    });
    view! {
        <li class="card request-row">
            <div class="request-row__top">
                <A href=href attr:class="request-row__link">
                    {title}
                    <span class="request-row__type">{type_name}</span>
                </A>
                <StatusChip status=Signal::stored(row.status) />
            </div>
            {(!row.snippet.is_empty()).then(|| view! { <p class="request-row__snippet">{row.snippet.clone()}</p> })}
            <p class="request-row__meta">
                {row.updated.then(|| view! {
                    <span class="updated-mark">{t!(i18n, track_updated_mark)}</span>
                })}
                {activity}
            </p>
            {row
                .number
                .clone()
                .filter(|_| row.status.is_some_and(survey_offered))
                .map(|number| view! { <SurveyPrompt number answered=row.survey_answered place=PromptPlace::List /> })}
        </li>
    }
}
