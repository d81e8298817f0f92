//! The invitation to answer a resolved request's survey: a line at the top
//! of the request page and a link in the request's row of "My requests",
//! both leading to the survey section. It shows only while nobody has
//! answered: not the backend (`survey_answered`), not this device (a saved
//! record, or answers waiting in the outbox).

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;

use super::state::{answered_here, survey_entry, SECTION_ID};
use crate::i18n::*;
use crate::sync::use_outbox;

/// Where the invitation is shown.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PromptPlace {
    /// At the top of the request page (the link jumps to the section).
    Page,
    /// In the request's row of "My requests".
    List,
}

/// "Rate this service", while the survey waits for an answer.
#[component]
pub fn SurveyPrompt(
    /// The request's number.
    #[prop(into)]
    number: String,
    /// Whether the backend says the survey has been answered.
    answered: bool,
    /// Where the invitation is shown.
    place: PromptPlace,
) -> impl IntoView {
    let i18n = use_i18n();
    let outbox = use_outbox();
    let known_here = RwSignal::new(false);
    let entry = survey_entry(outbox, number.clone());
    {
        let number = number.clone();
        Effect::new(move |_| {
            outbox.deliveries.track();
            let number = number.clone();
            spawn_local(async move {
                let here = answered_here(&number).await;
                known_here.try_set(here);
            });
        });
    }
    let due = move || !answered && !known_here.get() && entry.with(Option::is_none);
    let shown = number.clone();
    move || {
        due().then(|| {
            let shown = shown.clone();
            match place {
                PromptPlace::Page => view! {
                    <p class="notice notice--quiet survey-prompt">
                        {t!(i18n, survey_prompt_lead)} " "
                        <a href=format!("#{SECTION_ID}")>{t!(i18n, survey_rate)}</a>
                    </p>
                }
                .into_any(),
                PromptPlace::List => view! {
                    <p class="survey-prompt survey-prompt--row">
                        <A href=format!("/requests/{shown}#{SECTION_ID}")>
                            {t!(i18n, survey_rate)}
                            <span class="visually-hidden">" " {t!(i18n, survey_rate_for, number = move || shown.clone())}</span>
                        </A>
                    </p>
                }
                .into_any(),
            }
        })
    }
}
