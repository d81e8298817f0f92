//! The survey link's page, `/survey#token=…`, which the resolution mail
//! links to. The token travels in the URL fragment, which browsers never
//! send to the server, so a mail scanner that follows the link sees only
//! the portal; the page reads the token, names the request it is for and
//! reads the survey with it. Nothing is recorded until the customer presses
//! the send button. A link that is malformed, expired or not signed by the
//! backend says so and offers to sign in or to open the request with its
//! access key.

use aftercare_core::survey::survey_token_number;
use aftercare_core::Credentials;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_location;

use crate::components::sign_in_again::SignInAgainNotice;
use crate::components::survey::load_failed::BadSurveyLink;
use crate::components::survey::section::SurveySection;
use crate::i18n::*;

/// The survey link's page.
#[component]
pub fn SurveyPage() -> impl IntoView {
    let i18n = use_i18n();
    let location = use_location();
    let link = Memo::new(move |_| location.hash.with(|hash| token_in(hash)));
    view! {
        <Title text=move || t_string!(i18n, survey_page_title).to_string() />
        <div class="survey-page">
            {move || match link.get() {
                Some((token, number)) => {
                    let shown = number.clone();
                    // Answered here, they go on the request's page after signing in.
                    let after_sign_in = format!("/requests/{number}");
                    view! {
                        <h1 class="page-title">{t!(i18n, survey_page_heading, number = move || shown.clone())}</h1>
                        <SignInAgainNotice next=after_sign_in />
                        <p class="page-lead">{t!(i18n, survey_page_lead)}</p>
                        <SurveySection
                            number
                            credentials=Credentials::survey_token(token.clone())
                            token=token
                        />
                    }
                    .into_any()
                }
                None => view! {
                    <h1 class="page-title">{t!(i18n, survey_page_title)}</h1>
                    <BadSurveyLink />
                }
                .into_any(),
            }}
        </div>
    }
}

/// The token in a fragment such as `#token=…` and the request number it
/// names, when it has a survey token's shape.
fn token_in(fragment: &str) -> Option<(String, String)> {
    let fragment = fragment.strip_prefix('#').unwrap_or(fragment);
    let raw = fragment
        .split('&')
        .find_map(|part| part.strip_prefix("token="))?;
    let token = js_sys::decode_uri_component(raw)
        .ok()
        .and_then(|t| t.as_string())
        .unwrap_or_else(|| raw.to_string());
    let number = survey_token_number(token.trim())?.to_string();
    Some((token.trim().to_string(), number))
}
