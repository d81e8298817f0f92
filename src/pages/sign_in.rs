//! Signing in with an emailed code at `/sign-in`: the customer gives an
//! address, we say a code was sent, they type it, and they are signed in
//! (then sent to their requests, or to `?next=`). Problems are shown at the
//! field they concern.

use aftercare_core::PortalError;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_meta::Title;
use leptos_router::components::A;
use leptos_router::hooks::{use_navigate, use_query_map};

use crate::components::text_field::TextField;
use crate::i18n::*;
use crate::session::{use_account, SignInError};
use crate::sync::use_outbox;

/// A problem at one of the two fields.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Problem {
    EmailInvalid,
    CodeInvalid,
    CodeWrong,
    Offline,
    RateLimited,
    /// Another customer's work waits to be sent on this device.
    OtherCustomersWork,
    Other,
}

/// Whether `email` looks like an address (the backend has the last word).
fn plausible_email(email: &str) -> bool {
    let email = email.trim();
    match email.split_once('@') {
        Some((local, domain)) => {
            !local.is_empty()
                && domain.contains('.')
                && !domain.starts_with('.')
                && !email.contains(' ')
        }
        None => false,
    }
}

/// The problem an error from the backend is, for the customer.
fn problem_of(error: &PortalError, at_code: bool) -> Problem {
    match error {
        PortalError::Unreachable(_) => Problem::Offline,
        PortalError::Problem(p) if p.status == 429 => Problem::RateLimited,
        PortalError::Status(429) => Problem::RateLimited,
        PortalError::Problem(p) if p.status == 401 && at_code => Problem::CodeWrong,
        PortalError::Problem(p) if p.status == 422 || p.status == 400 => {
            if at_code {
                Problem::CodeInvalid
            } else {
                Problem::EmailInvalid
            }
        }
        _ => Problem::Other,
    }
}

/// The sign-in page.
#[component]
pub fn SignInPage() -> impl IntoView {
    let i18n = use_i18n();
    let account = use_account();
    let outbox = use_outbox();
    let navigate = use_navigate();
    let query = use_query_map();
    let email = RwSignal::new(String::new());
    let code = RwSignal::new(String::new());
    let sent = RwSignal::new(false);
    let busy = RwSignal::new(false);
    let problem = RwSignal::new(None::<Problem>);

    let ask_code = move || {
        let address = email.get_untracked();
        if !plausible_email(&address) {
            problem.set(Some(Problem::EmailInvalid));
            return;
        }
        busy.set(true);
        spawn_local(async move {
            match account.request_code(&address).await {
                Ok(()) => {
                    problem.set(None);
                    sent.set(true);
                    code.set(String::new());
                }
                Err(error) => problem.set(Some(problem_of(&error, false))),
            }
            busy.set(false);
        });
    };
    let on_email = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        ask_code();
    };
    let on_code = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        let digits: String = code
            .get_untracked()
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect();
        if digits.len() != 6 || !digits.chars().all(|c| c.is_ascii_digit()) {
            problem.set(Some(Problem::CodeInvalid));
            return;
        }
        busy.set(true);
        let navigate = navigate.clone();
        let next = query
            .read_untracked()
            .get("next")
            .filter(|n| n.starts_with('/') && !n.starts_with("//"))
            .unwrap_or_else(|| "/requests".to_string());
        spawn_local(async move {
            match account.sign_in(&email.get_untracked(), &digits).await {
                Ok(()) => {
                    // What waited for a new session goes now.
                    outbox.retry_signed_out().await;
                    navigate(&next, Default::default());
                }
                Err(SignInError::Backend(error)) => problem.set(Some(problem_of(&error, true))),
                Err(SignInError::OtherCustomersWork { .. }) => {
                    problem.set(Some(Problem::OtherCustomersWork))
                }
                Err(SignInError::Store(_)) => problem.set(Some(Problem::Other)),
            }
            busy.set(false);
        });
    };
    let problem_text = move |p: Problem| match p {
        Problem::EmailInvalid => t!(i18n, account_email_invalid).into_any(),
        Problem::CodeInvalid => t!(i18n, account_code_invalid).into_any(),
        Problem::CodeWrong => t!(i18n, account_code_wrong).into_any(),
        Problem::Offline => t!(i18n, account_offline).into_any(),
        Problem::RateLimited => t!(i18n, account_rate_limited).into_any(),
        Problem::OtherCustomersWork => t!(i18n, account_other_customers_work).into_any(),
        Problem::Other => t!(i18n, account_generic_error).into_any(),
    };
    let email_problem = move || problem.get().filter(|_| !sent.get());
    let code_problem = move || problem.get().filter(|_| sent.get());
    let signed_in_as = move || account.signed_in.get().map(|s| s.customer.email);

    view! {
        <Title text=move || t_string!(i18n, account_sign_in_title).to_string() />
        <section class="narrow" aria-labelledby="sign-in-title">
            <h1 id="sign-in-title">{t!(i18n, account_sign_in_title)}</h1>
            {move || signed_in_as().map(|address| view! {
                <p class="notice notice--quiet" role="status">
                    {t!(i18n, account_signed_in_as, email = move || address.clone())}
                </p>
            })}
            <Show
                when=move || sent.get()
                fallback=move || view! {
                    <p class="lead">{t!(i18n, account_sign_in_lead)}</p>
                    <form class="card form" on:submit=on_email novalidate>
                        <TextField
                            id="sign-in-email"
                            label=move || t!(i18n, account_email_label)
                            value=email
                            invalid=move || email_problem().is_some()
                            error=move || email_problem().map(problem_text)
                            input_type="email"
                            autocomplete="email"
                            inputmode="email"
                        />
                        <button class="button" type="submit" disabled=move || busy.get()>
                            {t!(i18n, account_send_code)}
                        </button>
                    </form>
                    <p class="muted">{t!(i18n, account_guest_hint)}</p>
                    <p><A href="/requests/lookup">{t!(i18n, track_open_with_key)}</A></p>
                }
            >
                <p class="notice notice--quiet" role="status">
                    {move || {
                        let address = email.get();
                        t!(i18n, account_code_sent, email = move || address.clone())
                    }}
                </p>
                <form class="card form" on:submit=on_code.clone() novalidate>
                    <TextField
                        id="sign-in-code"
                        label=move || t!(i18n, account_code_label)
                        value=code
                        invalid=move || code_problem().is_some()
                        error=move || code_problem().map(problem_text)
                        class="field__input field__input--code"
                        autocomplete="one-time-code"
                        inputmode="numeric"
                        maxlength="6"
                    />
                    <div class="actions__buttons">
                        <button class="button" type="submit" disabled=move || busy.get()>
                            {t!(i18n, account_verify)}
                        </button>
                        <button class="button button--secondary" type="button" on:click=move |_| ask_code()>
                            {t!(i18n, account_send_again)}
                        </button>
                        <button
                            class="button button--secondary"
                            type="button"
                            on:click=move |_| {
                                sent.set(false);
                                problem.set(None);
                            }
                        >
                            {t!(i18n, account_use_other_email)}
                        </button>
                    </div>
                </form>
            </Show>
        </section>
    }
}
