//! A question answered by picking one of a row of choices: a score on a
//! scale (1–5, or 0–10 for the recommendation question) or yes/no. It is a
//! fieldset whose legend is the question, with one radio button per choice;
//! a scale's end radios also carry the words for their ends ("Very
//! dissatisfied" … "Very satisfied"), which show under the row.

use aftercare_core::{Answer, SurveyAnswers};
use leptos::prelude::*;

use super::problem_text::{described_by, invalid, SurveyErrors, SurveyProblem};
use super::state::control_id;
use crate::i18n::*;

/// One choice of a question.
#[derive(Clone)]
pub struct ChoiceOption {
    /// The answer the choice gives.
    pub answer: Answer,
    /// What the choice says ("4", "Yes").
    pub label: Signal<String>,
    /// Words read with the choice's label (a scale's end).
    pub note: Option<Signal<String>>,
}

/// A question with a row of choices.
#[component]
pub fn ChoiceQuestion(
    /// The question's key.
    #[prop(into)]
    key: String,
    /// The question, as the customer reads it.
    legend: Signal<String>,
    /// Whether the question must be answered.
    required: bool,
    /// The choices, in order.
    options: Vec<ChoiceOption>,
    /// The words for the scale's two ends, shown under the row.
    #[prop(optional)]
    ends: Option<(Signal<String>, Signal<String>)>,
    /// A CSS modifier of the row (`scale--wide` for 0–10).
    #[prop(optional, into)]
    class: String,
    /// The answers so far.
    answers: RwSignal<SurveyAnswers>,
    /// The problems the form shows.
    errors: SurveyErrors,
    /// Runs after every pick (to keep the draft).
    on_change: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    let name = control_id(&key);
    let at = StoredValue::new(key.clone());
    let choices = options
        .into_iter()
        .enumerate()
        .map(|(index, option)| {
            let id = if index == 0 {
                control_id(&key)
            } else {
                format!("{}-{index}", control_id(&key))
            };
            let (held, picked) = (option.answer.clone(), option.answer);
            let label = option.label;
            view! {
                <div class="scale__option">
                    <input
                        class="scale__input"
                        type="radio"
                        name=name.clone()
                        id=id.clone()
                        aria-invalid=move || at.with_value(|k| invalid(errors, k))
                        aria-describedby=move || at.with_value(|k| described_by(errors, k, None))
                        prop:checked=move || at.with_value(|k| answers.with(|a| a.0.get(k) == Some(&held)))
                        on:change=move |_| {
                            let key = at.get_value();
                            errors.update(|e| {
                                e.remove(&key);
                            });
                            answers.update(|a| {
                                a.0.insert(key, picked.clone());
                            });
                            on_change.run(());
                        }
                    />
                    <label class="scale__label" for=id>
                        {move || label.get()}
                        {option.note.map(|note| view! {
                            <span class="visually-hidden">" — " {move || note.get()}</span>
                        })}
                    </label>
                </div>
            }
        })
        .collect_view();
    view! {
        <fieldset
            class="field field--group survey-question"
            class:survey-question--invalid=move || at.with_value(|k| errors.with(|e| e.contains_key(k)))
        >
            <legend class="field__label">
                {move || legend.get()}
                {required.then(|| view! { " " <span class="field__required">{t!(i18n, form_required)}</span> })}
            </legend>
            <SurveyProblem key=key.clone() errors />
            <div class=format!("scale {class}")>{choices}</div>
            {ends.map(|(low, high)| view! {
                <p class="scale__ends" aria-hidden="true">
                    <span>{move || low.get()}</span>
                    <span>{move || high.get()}</span>
                </p>
            })}
        </fieldset>
    }
}
