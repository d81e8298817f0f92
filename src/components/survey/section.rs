//! "How did we do?": the survey of one request, on the request page and on
//! the survey link's page. It reads the backend's record (this device's
//! copy offline) and shows, in turn: the form while the survey is open and
//! unanswered; "saved on this device" while answers wait in the outbox;
//! the backend's refusal next to the form with the answers kept; thanks
//! once they arrive; the answers with "Change my answers" while the edit
//! window is open, read-only after it; and, when the problem is not
//! solved, the step to reopen or complain. The unsent answers are kept as
//! a draft on the device.

use std::collections::BTreeMap;

use aftercare_core::{
    Credentials, PortalError, QuestionKind, SurveyAnswers, SurveyRecord, Timestamp,
};
use leptos::prelude::*;
use leptos::task::spawn_local;

use super::answer_list::AnswerList;
use super::form::SurveyForm;
use super::load_failed::SurveyLoadFailed;
use super::not_solved::NotSolvedStep;
use super::problem_text::SurveyErrors;
use super::refused::RefusedNotice;
use super::state::{
    drop_draft, keep_draft, load_record, note_sent, pending_answers, question_of, saved_draft,
    sent_here, Pending, SECTION_ID,
};
use crate::components::request::labels::catalog_signal;
use crate::components::skeleton::SkeletonCards;
use crate::components::store_failure::StoreFailureNotice;
use crate::i18n::*;
use crate::language::LanguageChoice;
use crate::local_time::format_date_time;
use crate::session::use_account;
use crate::store::StoreError;
use crate::sync::{use_outbox, Intent};

/// What the section knows of the backend's record.
#[derive(Clone, Debug, PartialEq)]
enum Load {
    Reading,
    Failed(PortalError),
    Ready(SurveyRecord),
}

/// The survey of request `number`.
#[component]
pub fn SurveySection(
    /// The request's number.
    #[prop(into)]
    number: String,
    /// What opens the survey: the session and the request's access key, or
    /// the survey link's token.
    credentials: Credentials,
    /// The survey link's token, when the customer came from it (it goes
    /// with the answers).
    #[prop(optional)]
    token: Option<String>,
    /// Whether the customer may reopen the request from here.
    #[prop(optional)]
    can_reopen: bool,
) -> impl IntoView {
    let i18n = use_i18n();
    let account = use_account();
    let outbox = use_outbox();
    let catalog = catalog_signal();
    let choice = expect_context::<LanguageChoice>();
    let loaded = RwSignal::new(Load::Reading);
    let answers = RwSignal::new(SurveyAnswers::default());
    let errors: SurveyErrors = RwSignal::new(BTreeMap::new());
    let editing = RwSignal::new(false);
    let sent_now = RwSignal::new(sent_here(&number));
    let failure = RwSignal::new(None::<StoreError>);
    let pending = pending_answers(outbox, number.clone());
    let by_link = token.is_some();
    let number = StoredValue::new(number);
    let credentials = StoredValue::new(credentials);
    let token = StoredValue::new(token);

    let load = move || {
        spawn_local(async move {
            let number = number.get_value();
            let next = match load_record(&account, &number, &credentials.get_value()).await {
                Ok((record, _stale)) => Load::Ready(record),
                // Offline with nothing saved: the form still takes answers.
                Err(error) if error.is_transient() && !by_link => Load::Ready(blank(&number)),
                Err(error) => Load::Failed(error),
            };
            if loaded
                .try_with_untracked(|now| *now != next)
                .unwrap_or(false)
            {
                loaded.try_set(next);
            }
        });
    };
    Effect::new(move |_| {
        outbox.deliveries.track();
        load();
    });
    // An unsent draft comes back into the form.
    spawn_local(async move {
        if let Some(draft) = saved_draft(&number.get_value()).await {
            if answers.with_untracked(|a| a.0.is_empty()) {
                answers.try_set(draft);
            }
        }
    });
    // Refused answers come back into the form, with the backend's problems
    // at their questions.
    Effect::new(move |before: Option<Option<String>>| {
        let refused = pending.with(|p| match p {
            Some(Pending::Refused { key, .. }) => Some(key.clone()),
            _ => None,
        });
        if refused.is_some() && before.flatten() != refused {
            if let Some(Pending::Refused {
                answers: kept,
                problem,
                ..
            }) = pending.get_untracked()
            {
                answers.set(kept);
                let found = problem
                    .map(|p| p.errors)
                    .unwrap_or_default()
                    .into_iter()
                    .filter_map(|e| question_of(&e.pointer).map(|key| (key, e.code)))
                    .collect();
                errors.set(found);
            }
        }
        refused
    });
    // A link to the section (`#survey`) scrolls to it once it has content.
    Effect::new(move |done: Option<bool>| {
        if done == Some(true) || loaded.with(|l| *l == Load::Reading) {
            return done.unwrap_or(false);
        }
        if window().location().hash().ok().as_deref() == Some("#survey") {
            request_animation_frame(|| {
                if let Some(section) = document().get_element_by_id(SECTION_ID) {
                    section.scroll_into_view();
                }
            });
        }
        true
    });

    let keep = Callback::new(move |_| {
        let given = answers.get_untracked();
        spawn_local(async move { keep_draft(&number.get_value(), &given).await });
    });
    let submit = Callback::new(move |given: SurveyAnswers| {
        spawn_local(async move {
            let number = number.get_value();
            let token = token.get_value();
            // The refused entry may be gone (discarded in another tab):
            // then the answers go as a new one.
            let replaced = match pending.get_untracked() {
                Some(Pending::Refused { key, .. }) => {
                    let intent = Intent::Survey {
                        number: number.clone(),
                        answers: given.clone(),
                        token: token.clone(),
                    };
                    let replaced = outbox.replace(&key, intent).await;
                    if replaced {
                        outbox.retry(&key).await;
                    }
                    replaced
                }
                _ => false,
            };
            if !replaced {
                if let Err(error) = outbox.answer_survey(&number, given, token).await {
                    // The draft keeps the answers.
                    failure.set(Some(error));
                    return;
                }
            }
            drop_draft(&number).await;
            note_sent(&number);
            failure.set(None);
            editing.set(false);
            sent_now.set(true);
        });
    });
    let discard = Callback::new(move |key: String| {
        let given = answers.get_untracked();
        spawn_local(async move {
            keep_draft(&number.get_value(), &given).await;
            outbox.discard(&key).await;
            editing.set(false);
            // The backend's record may have changed since (the window closed).
            load();
        });
    });

    let body = move || {
        let Some(definition) = catalog.with(|c| c.as_ref().map(|c| c.survey.clone())) else {
            return view! { <SkeletonCards count=1 /> }.into_any();
        };
        let Some(definition) = definition else {
            return view! { <p class="muted">{t!(i18n, survey_none)}</p> }.into_any();
        };
        let record = match loaded.get() {
            Load::Reading => return view! { <SkeletonCards count=1 /> }.into_any(),
            Load::Failed(error) => {
                return view! { <SurveyLoadFailed error by_link on_retry=Callback::new(move |_| load()) /> }
                    .into_any()
            }
            Load::Ready(record) => record,
        };
        let solved_key = definition
            .question_of(QuestionKind::Solved)
            .map(|q| q.key.clone());
        let not_solved = move |given: &SurveyAnswers| {
            solved_key.as_deref().and_then(|key| given.yes_no(key)) == Some(false)
        };
        let number_now = number.get_value();
        let next_step = move |given: &SurveyAnswers| {
            not_solved(given)
                .then(|| view! { <NotSolvedStep number=number_now.clone() can_reopen /> })
        };
        let refused = match pending.get() {
            Some(Pending::Waiting {
                answers: given,
                sign_in,
            }) => {
                return view! {
                    <p class="notice notice--quiet survey-status" role="status">
                        {if sign_in { t!(i18n, survey_sign_in_to_send).into_any() } else { t!(i18n, survey_saved_offline).into_any() }}
                    </p>
                    <h3 class="survey__subtitle">{t!(i18n, survey_your_answers)}</h3>
                    <AnswerList definition answers=given.clone() />
                    {next_step(&given)}
                }
                .into_any();
            }
            Some(Pending::Refused {
                key,
                problem,
                by_link: sent_by_link,
                ..
            }) => Some((key, problem, by_link || sent_by_link)),
            None => None,
        };
        let until = record
            .editable_until
            .map(|t| format_date_time(&t.to_rfc3339(), choice.get()));
        let now = Timestamp::from_millis(js_sys::Date::now() as i64);
        if refused.is_some() || editing.get() || (!record.answered() && record.editable_at(now)) {
            let changing = record.answered();
            let earlier = record.answers.clone();
            let cancel = (changing && editing.get()).then(|| {
                Callback::new(move |_| {
                    answers.set(earlier.clone());
                    errors.set(BTreeMap::new());
                    editing.set(false);
                })
            });
            return view! {
                {refused.map(|(key, problem, by_link)| view! { <RefusedNotice problem by_link on_discard=Callback::new(move |_| discard.run(key.clone())) /> })}
                {(!changing).then(|| view! { <p class="survey__lead">{t!(i18n, survey_lead)}</p> })}
                <SurveyForm definition answers errors changing on_change=keep on_submit=submit on_cancel=cancel />
            }
            .into_any();
        }
        if !record.answered() {
            return view! { <p>{t!(i18n, survey_closed_unanswered)}</p> }.into_any();
        }
        let given = record.answers.clone();
        let start_change = {
            let given = given.clone();
            move |_| {
                answers.set(given.clone());
                errors.set(BTreeMap::new());
                editing.set(true);
            }
        };
        let until_text = until.unwrap_or_default();
        let window_over = record.editable_until.is_some_and(|until| until < now);
        view! {
            {sent_now.get().then(|| view! {
                <div class="survey-thanks" role="status">
                    <h3 class="survey__subtitle">{t!(i18n, survey_thanks_title)}</h3>
                    <p>{t!(i18n, survey_thanks_body)}</p>
                </div>
            })}
            <h3 class="survey__subtitle">{t!(i18n, survey_your_answers)}</h3>
            <AnswerList definition answers=given.clone() />
            {if record.editable_at(now) {
                let until = until_text.clone();
                view! {
                    <p class="muted">{t!(i18n, survey_editable_until, date = move || until.clone())}</p>
                    <button type="button" class="button button--secondary" on:click=start_change>
                        {t!(i18n, survey_change)}
                    </button>
                }.into_any()
            } else if window_over {
                let until = until_text.clone();
                view! { <p class="survey-final">{t!(i18n, survey_read_only, date = move || until.clone())}</p> }.into_any()
            } else {
                // Reopened since it was answered.
                view! { <p class="survey-final">{t!(i18n, survey_refused_not_open)}</p> }.into_any()
            }}
            {next_step(&given)}
        }
        .into_any()
    };

    view! {
        <section class="card survey" id=SECTION_ID aria-labelledby="survey-title">
            <h2 id="survey-title" class="card__title">{t!(i18n, survey_title)}</h2>
            {body}
            <StoreFailureNotice failure />
        </section>
    }
}

/// The record of a survey nobody has answered yet.
fn blank(number: &str) -> SurveyRecord {
    SurveyRecord {
        number: number.to_string(),
        answers: SurveyAnswers::default(),
        submitted_at: None,
        updated_at: None,
        editable_until: None,
        editable: true,
    }
}
