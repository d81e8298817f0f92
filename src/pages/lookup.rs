//! Opening a request with its number and access key at `/requests/lookup`
//! (a guest's "second device"): the pair is checked with the backend, the
//! request is remembered on this device with its key, and the page moves
//! to it. A wrong pair says plainly that nothing was found.

use aftercare_core::PortalError;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_meta::Title;
use leptos_router::hooks::use_navigate;

use crate::components::text_field::TextField;
use crate::i18n::*;
use crate::request_book;
use crate::session::use_account;

/// Why the lookup did not open anything.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Problem {
    NumberMissing,
    KeyMissing,
    NotFound,
    Offline,
    Other,
}

/// The lookup page.
#[component]
pub fn LookupPage() -> impl IntoView {
    let i18n = use_i18n();
    let account = use_account();
    let navigate = use_navigate();
    let number = RwSignal::new(String::new());
    let key = RwSignal::new(String::new());
    let busy = RwSignal::new(false);
    let problem = RwSignal::new(None::<Problem>);

    let on_submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        let wanted = number.get_untracked().trim().to_uppercase();
        let access_key = key.get_untracked().trim().to_string();
        if wanted.is_empty() {
            problem.set(Some(Problem::NumberMissing));
            return;
        }
        if access_key.is_empty() {
            problem.set(Some(Problem::KeyMissing));
            return;
        }
        busy.set(true);
        problem.set(None);
        let navigate = navigate.clone();
        spawn_local(async move {
            match request_book::look_up(&account, &wanted, &access_key).await {
                Ok(saved) => navigate(&format!("/requests/{}", saved.key), Default::default()),
                Err(PortalError::NotFound) => problem.set(Some(Problem::NotFound)),
                Err(PortalError::Problem(p))
                    if p.status == 404 || p.status == 400 || p.status == 401 =>
                {
                    problem.set(Some(Problem::NotFound))
                }
                Err(error)
                    if error.is_transient() && matches!(error, PortalError::Unreachable(_)) =>
                {
                    problem.set(Some(Problem::Offline))
                }
                Err(_) => problem.set(Some(Problem::Other)),
            }
            busy.set(false);
        });
    };
    let at_number = move || problem.get() == Some(Problem::NumberMissing);
    let at_key = move || problem.get() == Some(Problem::KeyMissing);
    let general = move || {
        problem
            .get()
            .filter(|p| !matches!(p, Problem::NumberMissing | Problem::KeyMissing))
    };

    view! {
        <Title text=move || t_string!(i18n, track_lookup_title).to_string() />
        <section class="narrow" aria-labelledby="lookup-title">
            <h1 id="lookup-title">{t!(i18n, track_lookup_title)}</h1>
            <p class="lead">{t!(i18n, track_lookup_lead)}</p>
            <form class="card form" on:submit=on_submit novalidate>
                <div role="alert">
                    {move || general().map(|p| view! {
                        <p class="notice notice--error">
                            {match p {
                                Problem::NotFound => t!(i18n, track_lookup_not_found).into_any(),
                                Problem::Offline => t!(i18n, track_lookup_offline).into_any(),
                                _ => t!(i18n, account_generic_error).into_any(),
                            }}
                        </p>
                    })}
                </div>
                <TextField
                    id="lookup-number"
                    label=move || t!(i18n, track_lookup_number)
                    hint=move || t!(i18n, track_lookup_number_hint)
                    value=number
                    invalid=at_number
                    error=move || t!(i18n, track_lookup_number_required)
                    class="field__input field__input--medium"
                    autocapitalize="characters"
                    spellcheck="false"
                />
                <TextField
                    id="lookup-key"
                    label=move || t!(i18n, track_lookup_key)
                    value=key
                    invalid=at_key
                    error=move || t!(i18n, track_lookup_key_required)
                    autocapitalize="off"
                    spellcheck="false"
                />
                <button class="button" type="submit" disabled=move || busy.get()>
                    {t!(i18n, track_lookup_submit)}
                </button>
            </form>
        </section>
    }
}
