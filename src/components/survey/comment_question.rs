//! The free-text question: a text box with a counter of the characters
//! left, which describes the box, and the question's problem message.

use aftercare_core::{Answer, SurveyAnswers};
use leptos::prelude::*;

use super::problem_text::{described_by, invalid, SurveyErrors, SurveyProblem};
use super::state::control_id;
use crate::i18n::*;

/// The comment box.
#[component]
pub fn CommentQuestion(
    /// The question's key.
    #[prop(into)]
    key: String,
    /// The question, as the customer reads it.
    label: Signal<String>,
    /// Whether the question must be answered.
    required: bool,
    /// The most characters the comment may have.
    max_chars: u32,
    /// The answers so far.
    answers: RwSignal<SurveyAnswers>,
    /// The problems the form shows.
    errors: SurveyErrors,
    /// Runs after every change (to keep the draft).
    on_change: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    let id = control_id(&key);
    let counter_id = format!("{id}-count");
    let at = StoredValue::new(key.clone());
    let text =
        move || at.with_value(|k| answers.with(|a| a.text(k).unwrap_or_default().to_string()));
    let count = Memo::new(move |_| {
        at.with_value(|k| answers.with(|a| a.text(k).map_or(0, |t| t.chars().count())))
    });
    let described = counter_id.clone();
    view! {
        <div class="field survey-question">
            <label class="field__label" for=id.clone()>
                {move || label.get()}
                {required.then(|| view! { " " <span class="field__required">{t!(i18n, form_required)}</span> })}
            </label>
            <SurveyProblem key=key.clone() errors max_chars />
            <textarea
                class="field__input field__textarea"
                id=id
                rows="4"
                aria-invalid=move || at.with_value(|k| invalid(errors, k))
                aria-describedby=move || at.with_value(|k| described_by(errors, k, Some(&described)))
                prop:value=text
                on:input=move |event| {
                    let value = event_target_value(&event);
                    let key = at.get_value();
                    answers.update(|a| {
                        if value.is_empty() {
                            a.0.remove(&key);
                        } else {
                            a.0.insert(key, Answer::Text(value));
                        }
                    });
                    on_change.run(());
                }
            ></textarea>
            <p
                class="field__hint survey-counter"
                class:survey-counter--over={move || count.get() > max_chars as usize}
                id=counter_id
            >
                {t!(i18n, survey_comment_count, count = move || count.get(), max = move || max_chars)}
            </p>
        </div>
    }
}
