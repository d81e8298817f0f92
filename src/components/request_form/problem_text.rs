//! The message shown at a field whose answer breaks a rule: one sentence per
//! error code of `aftercare_core::forms::codes`, in the customer's language,
//! with the limits of the field's kind where they matter.

use aftercare_core::forms::{
    codes, ADDRESS_MAX_CHARS, ATTACHMENTS_MAX, EMAIL_MAX_CHARS, PHONE_DIGITS, PRODUCT_MAX_CHARS,
    SERIAL_MAX_CHARS, TEXTAREA_MAX_CHARS, TEXT_MAX_CHARS,
};
use aftercare_core::FieldKind;
use leptos::prelude::*;

use super::form_state::{error_id, use_form, FormState, CONSENT_SLOT, SEVERITY_SLOT, TYPE_SLOT};
use crate::i18n::*;
use leptos_i18n::I18nContext;

/// The message at the slot `at`, shown only while there is a problem there. The
/// control points at it with `aria-describedby` (see [`described_by`]).
#[component]
pub fn ProblemText(
    /// The field key, or a `$` slot of the pickers.
    #[prop(into)]
    at: String,
    /// The field's kind, for limits in the message.
    #[prop(optional)]
    kind: Option<FieldKind>,
) -> impl IntoView {
    let i18n = use_i18n();
    let form = use_form();
    let slot = at;
    let id = error_id(&slot);
    let slot_for_view = slot.clone();
    move || {
        form.error(&slot_for_view).map(|code| {
            view! {
                <p class="field__error" id=id.clone()>
                    <span class="visually-hidden">{t!(i18n, form_error_prefix)}</span>
                    {message(i18n, &slot, kind, &code)}
                </p>
            }
        })
    }
}

/// The ids a control should be described by: its hint (when given) and, while
/// there is a problem at `slot`, the problem's message (tracked).
pub fn described_by(form: FormState, slot: &str, hint: Option<&str>) -> Option<String> {
    let mut ids: Vec<String> = hint.map(str::to_string).into_iter().collect();
    if form.error(slot).is_some() {
        ids.push(error_id(slot));
    }
    (!ids.is_empty()).then(|| ids.join(" "))
}

/// Whether `slot` shows a problem, as `aria-invalid` wants it (tracked).
pub fn invalid(form: FormState, slot: &str) -> Option<&'static str> {
    form.error(slot).map(|_| "true")
}

/// The sentence for `code` at `slot`.
fn message(i18n: I18nContext<Locale>, slot: &str, kind: Option<FieldKind>, code: &str) -> AnyView {
    match (slot, code) {
        (TYPE_SLOT, _) => t!(i18n, form_error_type).into_any(),
        (SEVERITY_SLOT, _) => t!(i18n, form_error_severity).into_any(),
        (CONSENT_SLOT, _) => t!(i18n, form_error_consent).into_any(),
        (_, codes::REQUIRED) => match kind {
            Some(FieldKind::Select | FieldKind::Multiselect | FieldKind::Product) => {
                t!(i18n, form_error_required_choice).into_any()
            }
            Some(FieldKind::Checkbox) => t!(i18n, form_error_required_tick).into_any(),
            _ => t!(i18n, form_error_required).into_any(),
        },
        (_, codes::TOO_LONG) if kind == Some(FieldKind::Phone) => {
            let max = *PHONE_DIGITS.end();
            t!(i18n, form_error_too_many_digits, max = move || max).into_any()
        }
        (_, codes::TOO_LONG) => {
            let max = max_chars(kind);
            t!(i18n, form_error_too_long, max = move || max).into_any()
        }
        (_, codes::TOO_SHORT) => {
            let min = *PHONE_DIGITS.start();
            t!(i18n, form_error_too_short, min = move || min).into_any()
        }
        (_, codes::INVALID_EMAIL) => t!(i18n, form_error_invalid_email).into_any(),
        (_, codes::INVALID_PHONE) => t!(i18n, form_error_invalid_phone).into_any(),
        (_, codes::INVALID_DATE) => t!(i18n, form_error_invalid_date).into_any(),
        (_, codes::INVALID_DATETIME) => t!(i18n, form_error_invalid_datetime).into_any(),
        (_, codes::INVALID_NUMBER) => t!(i18n, form_error_invalid_number).into_any(),
        (_, codes::NOT_AN_OPTION) => t!(i18n, form_error_not_an_option).into_any(),
        (_, codes::WRONG_TYPE) => t!(i18n, form_error_wrong_type).into_any(),
        (_, codes::UNKNOWN_FIELD) => t!(i18n, form_error_unknown_field).into_any(),
        (_, codes::NOT_APPLICABLE) => t!(i18n, form_error_not_applicable).into_any(),
        (_, codes::TOO_MANY) => {
            let max = ATTACHMENTS_MAX;
            t!(i18n, form_error_too_many, max = move || max).into_any()
        }
        (_, codes::INVALID_SERIAL) => t!(i18n, form_error_invalid_serial).into_any(),
        _ => t!(i18n, form_error_other).into_any(),
    }
}

/// The most characters a field of `kind` takes.
fn max_chars(kind: Option<FieldKind>) -> usize {
    match kind {
        Some(FieldKind::Textarea) => TEXTAREA_MAX_CHARS,
        Some(FieldKind::Email) => EMAIL_MAX_CHARS,
        Some(FieldKind::Address) => ADDRESS_MAX_CHARS,
        Some(FieldKind::Product) => PRODUCT_MAX_CHARS,
        Some(FieldKind::Serial) => SERIAL_MAX_CHARS,
        _ => TEXT_MAX_CHARS,
    }
}
