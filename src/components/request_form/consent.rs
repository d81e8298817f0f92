//! The privacy notice from the catalog, and the customer's consent, asked
//! once per device: before the first request sent from it.

use leptos::prelude::*;

use super::form_state::{control_id, use_form, CONSENT_SLOT};
use super::problem_text::{described_by, invalid, ProblemText};
use crate::i18n::*;

/// Where this device remembers that the customer agreed.
const CONSENT_KEY: &str = "aftercare.form-consent";

/// Whether the customer agreed on this device before.
pub fn consent_given() -> bool {
    storage()
        .and_then(|s| s.get_item(CONSENT_KEY).ok().flatten())
        .is_some_and(|v| v == "yes")
}

/// Remembers on this device that the customer agreed.
pub fn remember_consent() {
    if let Some(storage) = storage() {
        // A blocked storage only means the question is asked again.
        let _ = storage.set_item(CONSENT_KEY, "yes");
    }
}

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok()?
}

/// The privacy notice, with the consent box when it is still needed.
#[component]
pub fn PrivacyConsent(
    /// Whether the consent box is shown (no earlier consent here).
    needed: bool,
) -> impl IntoView {
    let i18n = use_i18n();
    let form = use_form();
    let notice = form.catalog.with_value(|c| c.privacy_notice.clone());
    let id = control_id(CONSENT_SLOT);
    view! {
        <section class="privacy" aria-labelledby="privacy-title">
            <h2 class="privacy__title" id="privacy-title">{t!(i18n, form_privacy_title)}</h2>
            <p class="privacy__notice" id="privacy-notice">{move || notice.get(form.locale.get()).to_string()}</p>
            {needed.then(|| view! {
                <ProblemText at=CONSENT_SLOT />
                <div class="choice">
                    <input
                        class="choice__input"
                        type="checkbox"
                        id=id.clone()
                        aria-required="true"
                        aria-invalid=move || invalid(form, CONSENT_SLOT)
                        aria-describedby=move || described_by(form, CONSENT_SLOT, Some("privacy-notice"))
                        prop:checked=move || form.consent.get()
                        on:change=move |event| {
                            form.consent.set(event_target_checked(&event));
                            form.errors.update(|errors| {
                                errors.remove(CONSENT_SLOT);
                            });
                        }
                    />
                    <label class="choice__label" for=id.clone()>{t!(i18n, form_consent)}</label>
                </div>
            })}
        </section>
    }
}
