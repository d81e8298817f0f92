//! The survey form, drawn from the backend's survey definition: each
//! question as the control its kind takes (a 1–5 or 0–10 radio group,
//! yes/no, a comment box), then the send button. Sending checks the answers
//! with the core's rules first; every problem shows at its question and
//! focus moves to the first one.

use aftercare_core::{Answer, QuestionKind, SurveyAnswers, SurveyDefinition, SurveyQuestion};
use leptos::prelude::*;

use super::choice_question::{ChoiceOption, ChoiceQuestion};
use super::comment_question::CommentQuestion;
use super::problem_text::SurveyErrors;
use super::state::{control_id, question_of};
use crate::components::focus::focus_later;
use crate::i18n::*;
use crate::language::LanguageChoice;

/// The form.
#[component]
pub fn SurveyForm(
    /// The questions and their rules.
    definition: SurveyDefinition,
    /// The answers being given; the caller keeps them, so that nothing is
    /// lost when the form is redrawn.
    answers: RwSignal<SurveyAnswers>,
    /// The problems shown at the questions.
    errors: SurveyErrors,
    /// Whether earlier answers are being changed (the button says so).
    changing: bool,
    /// Runs after every change (to keep the draft).
    on_change: Callback<()>,
    /// Runs with the answers once they keep every rule.
    on_submit: Callback<SurveyAnswers>,
    /// Offered while changing: go back to the earlier answers.
    #[prop(default = None)]
    on_cancel: Option<Callback<()>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let rules = StoredValue::new(definition.clone());
    let questions = definition
        .questions
        .iter()
        .cloned()
        .map(|question| {
            question_view(
                question,
                definition.comment_max_chars,
                answers,
                errors,
                on_change,
            )
        })
        .collect_view();
    let submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        let given = answers.get_untracked();
        let problems = rules.with_value(|d| d.check(&given));
        if problems.is_empty() {
            errors.set(Default::default());
            on_submit.run(given);
            return;
        }
        let found: Vec<(String, String)> = problems
            .into_iter()
            .filter_map(|p| question_of(&p.pointer).map(|key| (key, p.code)))
            .collect();
        if let Some((first, _)) = found.first() {
            focus_later(control_id(first));
        }
        errors.set(found.into_iter().collect());
    };
    view! {
        <form class="survey-form" novalidate on:submit=submit>
            {questions}
            {move || errors.with(|e| !e.is_empty()).then(|| view! {
                <p class="field__error" role="alert">{t!(i18n, survey_fix_answers)}</p>
            })}
            <div class="form-actions">
                <button type="submit" class="button">
                    {if changing { t!(i18n, survey_save_changes).into_any() } else { t!(i18n, survey_submit).into_any() }}
                </button>
                {on_cancel.map(|cancel| view! {
                    <button type="button" class="button button--secondary" on:click=move |_| cancel.run(())>
                        {t!(i18n, survey_keep_earlier)}
                    </button>
                })}
            </div>
        </form>
    }
}

/// The control of one question.
fn question_view(
    question: SurveyQuestion,
    max_chars: u32,
    answers: RwSignal<SurveyAnswers>,
    errors: SurveyErrors,
    on_change: Callback<()>,
) -> AnyView {
    let i18n = use_i18n();
    let choice = expect_context::<LanguageChoice>();
    let text = question.label.clone();
    let label = Signal::derive(move || text.get(choice.get()).to_string());
    let key = question.key.clone();
    let required = question.required;
    match question.kind {
        QuestionKind::Comment => view! {
            <CommentQuestion key label required max_chars answers errors on_change />
        }
        .into_any(),
        QuestionKind::Solved => {
            let options = vec![
                ChoiceOption {
                    answer: Answer::YesNo(true),
                    label: Signal::derive(move || t_string!(i18n, survey_yes).to_string()),
                    note: None,
                },
                ChoiceOption {
                    answer: Answer::YesNo(false),
                    label: Signal::derive(move || t_string!(i18n, survey_no).to_string()),
                    note: None,
                },
            ];
            view! {
                <ChoiceQuestion key legend=label required options class="scale--yes-no" answers errors on_change />
            }
            .into_any()
        }
        kind => {
            let (low, high) = kind.scale().unwrap_or((1, 5));
            let (low_words, high_words) = end_words(kind);
            let options = (low..=high)
                .map(|score| ChoiceOption {
                    answer: Answer::Score(score),
                    label: Signal::derive(move || score.to_string()),
                    note: if score == low {
                        Some(low_words)
                    } else if score == high {
                        Some(high_words)
                    } else {
                        None
                    },
                })
                .collect();
            let class = if high - low > 4 { "scale--wide" } else { "" };
            view! {
                <ChoiceQuestion
                    key
                    legend=label
                    required
                    options
                    ends=(low_words, high_words)
                    class
                    answers
                    errors
                    on_change
                />
            }
            .into_any()
        }
    }
}

/// The words for the two ends of a scale question of `kind`.
fn end_words(kind: QuestionKind) -> (Signal<String>, Signal<String>) {
    let i18n = use_i18n();
    match kind {
        QuestionKind::Satisfaction => (
            Signal::derive(move || t_string!(i18n, survey_end_very_dissatisfied).to_string()),
            Signal::derive(move || t_string!(i18n, survey_end_very_satisfied).to_string()),
        ),
        QuestionKind::Effort => (
            Signal::derive(move || t_string!(i18n, survey_end_very_hard).to_string()),
            Signal::derive(move || t_string!(i18n, survey_end_very_easy).to_string()),
        ),
        QuestionKind::Nps => (
            Signal::derive(move || t_string!(i18n, survey_end_not_likely).to_string()),
            Signal::derive(move || t_string!(i18n, survey_end_very_likely).to_string()),
        ),
        _ => (
            Signal::derive(move || t_string!(i18n, survey_end_poor).to_string()),
            Signal::derive(move || t_string!(i18n, survey_end_excellent).to_string()),
        ),
    }
}
