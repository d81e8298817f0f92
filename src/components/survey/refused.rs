//! What the survey says when the backend refused the answers: why, in the
//! customer's words (the time to change them is over, the request is not
//! resolved any more, the link has expired, or some answers break a rule,
//! which are then marked at their questions), that the answers are kept in
//! the form below, and a button to drop them; an expired link also offers
//! to sign in or to open the request with its access key.

use aftercare_core::Problem;
use leptos::prelude::*;
use leptos_router::components::A;

use super::state::{is_closed, is_not_open};
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
    // The link expired (or was never this request's): the answers can go
    // from the request's page, signed in or with its access key.
    let link_refused = by_link && matches!(status, 401 | 403 | 404);
    let why = if problem.as_ref().is_some_and(is_closed) {
        view! { <p>{t!(i18n, survey_refused_closed)}</p> }.into_any()
    } else if problem.as_ref().is_some_and(is_not_open) {
        view! { <p>{t!(i18n, survey_refused_not_open)}</p> }.into_any()
    } else if link_refused {
        view! { <p>{t!(i18n, survey_refused_link)}</p> }.into_any()
    } else if problem.as_ref().is_some_and(|p| !p.errors.is_empty()) {
        view! { <p>{t!(i18n, survey_fix_answers)}</p> }.into_any()
    } else {
        view! { <p>{t!(i18n, survey_refused_other)}</p> }.into_any()
    };
    view! {
        <section class="notice notice--error" role="alert" aria-labelledby="survey-refused-title">
            <h3 id="survey-refused-title" class="notice__title">{t!(i18n, survey_refused_title)}</h3>
            {why}
            <p>{t!(i18n, survey_refused_kept)}</p>
            <div class="actions__buttons">
                {link_refused.then(|| view! {
                    <A href="/sign-in?next=/requests" attr:class="button">{t!(i18n, nav_sign_in)}</A>
                    <A href="/requests/lookup" attr:class="button button--secondary">{t!(i18n, track_open_with_key)}</A>
                })}
                <button type="button" class="button button--secondary" on:click=move |_| on_discard.run(())>
                    {t!(i18n, survey_discard)}
                </button>
            </div>
        </section>
    }
}
