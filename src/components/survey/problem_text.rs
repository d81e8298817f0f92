//! The message shown at a survey question whose answer breaks a rule: one
//! sentence per error code of `aftercare_core::survey::codes`, in the
//! customer's language. The question's controls point at it with
//! `aria-describedby`.

use std::collections::BTreeMap;

use aftercare_core::survey::codes;
use leptos::prelude::*;

use super::state::error_id;
use crate::i18n::*;

/// The problems the form shows: the error code at each question key.
pub type SurveyErrors = RwSignal<BTreeMap<String, String>>;

/// The problem message at question `key`, while there is one.
#[component]
pub fn SurveyProblem(
    /// The question's key.
    #[prop(into)]
    key: String,
    /// The problems the form shows.
    errors: SurveyErrors,
    /// The most characters a comment may have, for the "too long" message.
    #[prop(optional)]
    max_chars: u32,
) -> impl IntoView {
    let i18n = use_i18n();
    let id = error_id(&key);
    move || {
        errors.with(|e| e.get(&key).cloned()).map(|code| {
            let message = match code.as_str() {
                codes::REQUIRED => t!(i18n, survey_error_required).into_any(),
                codes::TOO_LONG => {
                    t!(i18n, survey_error_too_long, max = move || max_chars).into_any()
                }
                codes::OUT_OF_RANGE => t!(i18n, survey_error_out_of_range).into_any(),
                _ => t!(i18n, survey_error_other).into_any(),
            };
            view! {
                <p class="field__error" id=id.clone()>
                    <span class="visually-hidden">{t!(i18n, form_error_prefix)}</span>
                    {message}
                </p>
            }
        })
    }
}

/// The ids a question's control is described by: `extra` (a counter, say)
/// and, while there is a problem at `key`, its message (tracked).
pub fn described_by(errors: SurveyErrors, key: &str, extra: Option<&str>) -> Option<String> {
    let mut ids: Vec<String> = extra.map(str::to_string).into_iter().collect();
    if errors.with(|e| e.contains_key(key)) {
        ids.push(error_id(key));
    }
    (!ids.is_empty()).then(|| ids.join(" "))
}

/// `aria-invalid` for question `key` (tracked).
pub fn invalid(errors: SurveyErrors, key: &str) -> Option<&'static str> {
    errors.with(|e| e.contains_key(key)).then_some("true")
}
