//! What the survey says when the backend refused the answers: why, in the
//! customer's words (the time to change them is over, the request is not
//! resolved any more, the link has expired, or some answers break a rule,
//! which are then marked at their questions), that the answers are kept in
//! the form below, and a button to drop them.

use aftercare_core::Problem;
use leptos::prelude::*;

use super::state::{is_closed, is_not_open_problem};
use crate::i18n::*;

/// The refusal of answers that waited in the outbox.
#[component]
pub fn RefusedNotice(
    /// The backend's problem document, when it sent one.
    problem: Option<Problem>,
    /// Whether the answers were sent with a survey link's token.
    by_link: bool,
    /// Drops the refused answers from the outbox (the form keeps them).
    on_discard: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    let status = problem.as_ref().map_or(0, |p| p.status);
    let why = if problem.as_ref().is_some_and(is_closed) {
        t!(i18n, survey_refused_closed).into_any()
    } else if problem.as_ref().is_some_and(is_not_open_problem) {
        t!(i18n, survey_refused_not_open).into_any()
    } else if by_link && matches!(status, 401 | 403 | 404) {
        t!(i18n, survey_refused_link).into_any()
    } else if problem.as_ref().is_some_and(|p| !p.errors.is_empty()) {
        t!(i18n, survey_fix_answers).into_any()
    } else {
        t!(i18n, survey_refused_other).into_any()
    };
    view! {
        <section class="notice notice--error" role="alert" aria-labelledby="survey-refused-title">
            <h3 id="survey-refused-title" class="notice__title">{t!(i18n, survey_refused_title)}</h3>
            <p>{why}</p>
            <p>{t!(i18n, survey_refused_kept)}</p>
            <button type="button" class="button button--secondary" on:click=move |_| on_discard.run(())>
                {t!(i18n, survey_discard)}
            </button>
        </section>
    }
}
