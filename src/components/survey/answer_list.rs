//! The answers given, read back: each question with its answer ("4 of 5",
//! "Yes", the comment as written), or "Not answered".

use aftercare_core::{Answer, QuestionKind, SurveyAnswers, SurveyDefinition};
use leptos::prelude::*;

use crate::i18n::*;
use crate::language::LanguageChoice;

/// The questions and the answers given to them.
#[component]
pub fn AnswerList(
    /// The questions.
    definition: SurveyDefinition,
    /// The answers.
    answers: SurveyAnswers,
) -> impl IntoView {
    let i18n = use_i18n();
    let choice = expect_context::<LanguageChoice>();
    let rows = definition
        .questions
        .into_iter()
        .map(|question| {
            let label = question.label.clone();
            let answer = match (answers.0.get(&question.key).cloned(), question.kind.scale()) {
                (Some(Answer::Score(score)), Some((_, max))) => t!(
                    i18n,
                    survey_score_of,
                    score = move || score,
                    max = move || max
                )
                .into_any(),
                (Some(Answer::YesNo(true)), _) => t!(i18n, survey_yes).into_any(),
                (Some(Answer::YesNo(false)), _) => t!(i18n, survey_no).into_any(),
                (Some(Answer::Text(text)), _) if !text.trim().is_empty() => {
                    view! { <span class="survey-answers__text">{text}</span> }.into_any()
                }
                (Some(Answer::Score(score)), None) => score.to_string().into_any(),
                _ => {
                    view! { <span class="muted">{t!(i18n, survey_not_answered)}</span> }.into_any()
                }
            };
            let comment = question.kind == QuestionKind::Comment;
            view! {
                <div class="survey-answers__row" class:survey-answers__row--wide=comment>
                    <dt>{move || label.get(choice.get()).to_string()}</dt>
                    <dd>{answer}</dd>
                </div>
            }
        })
        .collect_view();
    view! { <dl class="survey-answers">{rows}</dl> }
}
