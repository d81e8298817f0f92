//! "Delete my account": says plainly what happens (the requests stay with
//! the service department, anonymised — no name, email or phone; the
//! products and the sign-in go; it cannot be undone), then asks the
//! customer to type their account's email before the button works. It
//! refuses while this device still holds items the customer would miss,
//! needs the network, and, once the backend has deleted the account, wipes
//! this device as signing out does and lands on the home page with a
//! notice.

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::use_navigate;

use super::deleted_notice::deleted_href;
use crate::i18n::*;
use crate::net;
use crate::session::use_account;
use crate::sync::use_outbox;

/// What went wrong with the last try.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Problem {
    /// The device is offline (or the backend cannot be reached).
    Offline,
    /// The session ended.
    SignedOut,
    /// The backend refused, or the device could not be wiped.
    Failed,
}

/// The section: the explanation, and the confirmation once asked for.
#[component]
pub fn DeleteAccount() -> impl IntoView {
    let i18n = use_i18n();
    let account = use_account();
    let outbox = use_outbox();
    let navigate = use_navigate();
    let asking = RwSignal::new(false);
    let typed = RwSignal::new(String::new());
    let working = RwSignal::new(false);
    let problem = RwSignal::new(None::<Problem>);
    let email = move || {
        account
            .signed_in
            .with(|s| s.as_ref().map(|s| s.customer.email.clone()))
            .unwrap_or_default()
    };
    let unsent = move || outbox.unsent_count();
    let matches = move || {
        let wanted = email();
        !wanted.is_empty() && typed.with(|t| t.trim().eq_ignore_ascii_case(wanted.trim()))
    };
    let ready = move || matches() && unsent() == 0 && !working.get();

    let on_delete = move |_| {
        if !ready() {
            return;
        }
        working.set(true);
        problem.set(None);
        let navigate = navigate.clone();
        spawn_local(async move {
            let backend = account.backend();
            let sent =
                net::send(backend.delete_account(&account.credentials(), account.locale())).await;
            let outcome = match sent {
                Err(_) => Err(Problem::Offline),
                Ok(response) if response.status == 401 => Err(Problem::SignedOut),
                Ok(response) => backend
                    .read_account_deleted(response)
                    .map_err(|_| Problem::Failed),
            };
            if let Err(found) = outcome {
                problem.try_set(Some(found));
                working.try_set(false);
                return;
            }
            // The account is gone: this device forgets it as at sign-out.
            match account.sign_out().await {
                Ok(()) => navigate(&deleted_href(), Default::default()),
                Err(_) => {
                    problem.try_set(Some(Problem::Failed));
                    working.try_set(false);
                }
            }
        });
    };

    view! {
        <section class="card" aria-labelledby="delete-title">
            <h2 class="card__title" id="delete-title">{t!(i18n, my_data_delete_title)}</h2>
            <p>{t!(i18n, my_data_delete_lead)}</p>
            <ul>
                <li>{t!(i18n, my_data_delete_requests)}</li>
                <li>{t!(i18n, my_data_delete_products)}</li>
                <li>{t!(i18n, my_data_delete_device)}</li>
                <li><strong>{t!(i18n, my_data_delete_final)}</strong></li>
            </ul>
            <Show
                when=move || asking.get()
                fallback=move || view! {
                    <div class="actions__buttons">
                        <button
                            type="button"
                            class="button button--danger"
                            aria-expanded="false"
                            on:click=move |_| asking.set(true)
                        >
                            {t!(i18n, my_data_delete_start)}
                        </button>
                    </div>
                }
            >
                <div class="confirm" role="group" aria-labelledby="delete-confirm-title">
                    <p class="confirm__title" id="delete-confirm-title">
                        <strong>{t!(i18n, my_data_delete_confirm_title)}</strong>
                    </p>
                    {move || (unsent() > 0).then(|| {
                        let count = unsent();
                        view! {
                            <p class="notice notice--error" role="alert">
                                {t!(i18n, my_data_delete_unsent, count = move || count)}
                            </p>
                        }
                    })}
                    <div class="field">
                        <label class="field__label" for="delete-email">
                            {t!(i18n, my_data_delete_type_email, email = email)}
                        </label>
                        <input
                            class="field__input"
                            id="delete-email"
                            type="email"
                            autocomplete="off"
                            spellcheck="false"
                            prop:value=move || typed.get()
                            on:input=move |ev| typed.set(event_target_value(&ev))
                        />
                    </div>
                    <div class="my-data__status" role="status" aria-live="polite">
                        {move || problem.get().map(|p| match p {
                            Problem::Offline => view! { <p class="notice notice--error">{t!(i18n, my_data_delete_offline)}</p> }.into_any(),
                            Problem::SignedOut => view! { <p class="notice notice--error">{t!(i18n, account_needs_sign_in)}</p> }.into_any(),
                            Problem::Failed => view! { <p class="notice notice--error">{t!(i18n, my_data_failed)}</p> }.into_any(),
                        })}
                    </div>
                    <div class="confirm__buttons">
                        <button
                            type="button"
                            class="button button--danger"
                            disabled=move || !ready()
                            on:click=on_delete.clone()
                        >
                            {t!(i18n, my_data_delete_confirm)}
                        </button>
                        <button
                            type="button"
                            class="button button--secondary"
                            on:click=move |_| {
                                asking.set(false);
                                typed.set(String::new());
                                problem.set(None);
                            }
                        >
                            {t!(i18n, my_data_delete_keep)}
                        </button>
                    </div>
                </div>
            </Show>
        </section>
    }
}
