//! What the survey shows when its record could not be read: a request not
//! resolved now has no survey to answer; a survey link
//! that does not work (expired, or copied incompletely) says so and offers
//! to sign in or to open the request with its access key; an unreachable
//! backend says that nothing was lost and offers to try again.

use aftercare_core::PortalError;
use leptos::prelude::*;
use leptos_router::components::A;

use super::state::refused_as_not_open;
use crate::i18n::*;

/// The survey's record could not be read.
#[component]
pub fn SurveyLoadFailed(
    /// What went wrong.
    error: PortalError,
    /// Whether the survey was opened with a survey link.
    by_link: bool,
    /// Reads the record again.
    on_retry: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    if refused_as_not_open(&error) {
        return view! { <p>{t!(i18n, survey_refused_not_open)}</p> }.into_any();
    }
    if error.is_transient() {
        return view! {
            <div class="notice notice--error" role="alert">
                <p class="notice__title">{t!(i18n, unreachable_title)}</p>
                <p>{t!(i18n, unreachable_body)}</p>
                <button type="button" class="button" on:click=move |_| on_retry.run(())>{t!(i18n, retry)}</button>
            </div>
        }
        .into_any();
    }
    if by_link {
        return view! { <BadSurveyLink /> }.into_any();
    }
    view! {
        <p class="notice notice--error" role="alert">{t!(i18n, survey_load_failed)}</p>
    }
    .into_any()
}

/// A survey link that does not open a survey.
#[component]
pub fn BadSurveyLink() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <div class="notice notice--error" role="alert">
            <p class="notice__title">{t!(i18n, survey_bad_link_title)}</p>
            <p>{t!(i18n, survey_bad_link_body)}</p>
            <div class="actions__buttons">
                <A href="/sign-in?next=/requests" attr:class="button">{t!(i18n, nav_sign_in)}</A>
                <A href="/requests/lookup" attr:class="button button--secondary">{t!(i18n, track_open_with_key)}</A>
            </div>
        </div>
    }
}
