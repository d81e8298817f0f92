//! The message under a field of the "Register a product" form that says
//! what is wrong with the answer and how to put it right.

use aftercare_core::forms::codes;
use aftercare_core::product::product_codes;
use leptos::prelude::*;
use leptos_i18n::I18nContext;

use super::register_state::{error_id, RegisterState};
use crate::i18n::*;

/// The problem at `field`, while there is one.
#[component]
pub fn FieldProblem(
    /// The form.
    state: RegisterState,
    /// The field, such as `serial_number`.
    field: &'static str,
) -> impl IntoView {
    let i18n = use_i18n();
    move || {
        state.error(field).map(|code| {
            view! {
                <p class="field__error" id=error_id(field)>
                    <span class="visually-hidden">{t!(i18n, form_error_prefix)}</span>
                    {message(i18n, field, &code)}
                </p>
            }
        })
    }
}

/// The words for `code` at `field`.
pub fn message(i18n: I18nContext<Locale>, field: &str, code: &str) -> AnyView {
    match (field, code) {
        ("model", codes::REQUIRED) => t!(i18n, products_error_model_required).into_any(),
        ("model", _) => t!(i18n, products_error_model_unknown).into_any(),
        ("serial_number", codes::REQUIRED) => t!(i18n, products_error_serial_required).into_any(),
        ("serial_number", codes::TOO_LONG) => t!(i18n, products_error_serial_too_long).into_any(),
        ("serial_number", _) => t!(i18n, products_error_serial_invalid).into_any(),
        ("purchase_date", codes::REQUIRED) => t!(i18n, products_error_date_required).into_any(),
        ("purchase_date", codes::INVALID_DATE) => t!(i18n, products_error_date_invalid).into_any(),
        ("purchase_date", product_codes::IN_THE_FUTURE) => {
            t!(i18n, products_error_date_future).into_any()
        }
        (_, product_codes::ALREADY_REGISTERED) => {
            t!(i18n, products_error_already_registered).into_any()
        }
        _ => t!(i18n, products_error_check).into_any(),
    }
}
