//! Reading a survey's answers from a `PUT` body's JSON: each value becomes
//! the core's [`Answer`] (a score, yes/no or text), and a value that cannot
//! be one is an error at its pointer, next to those of
//! [`SurveyDefinition::check`], so a client learns about every answer at
//! once instead of getting a bare "malformed body".

use aftercare_core::forms::FieldError;
use aftercare_core::survey::codes;
use aftercare_core::{Answer, SurveyAnswers, SurveyDefinition};
use serde_json::{Map, Value};

use crate::http::problem::field_error;

/// The answers in `raw`, checked against `definition`: `Ok` when every
/// rule holds, else every error (pointers `/answers/{key}`). A `null`
/// answer counts as no answer.
pub fn read(
    definition: &SurveyDefinition,
    raw: &Map<String, Value>,
) -> Result<SurveyAnswers, Vec<FieldError>> {
    let mut answers = SurveyAnswers::default();
    let mut unreadable: Vec<FieldError> = Vec::new();
    for (key, value) in raw {
        let answer = match value {
            Value::Null => continue,
            Value::Bool(yes) => Some(Answer::YesNo(*yes)),
            Value::String(text) => Some(Answer::Text(text.clone())),
            Value::Number(n) => n
                .as_u64()
                .and_then(|n| u8::try_from(n).ok())
                .map(Answer::Score),
            Value::Array(_) | Value::Object(_) => None,
        };
        match answer {
            Some(answer) => {
                answers.0.insert(key.clone(), answer);
            }
            None => unreadable.push(unreadable_error(definition, key, value)),
        }
    }
    let mut errors: Vec<FieldError> = definition
        .check(&answers)
        .into_iter()
        .filter(|error| !unreadable.iter().any(|u| u.pointer == error.pointer))
        .collect();
    errors.extend(unreadable);
    if errors.is_empty() {
        Ok(answers)
    } else {
        Err(errors)
    }
}

/// The error of a value that is no kind of answer: a whole number off every
/// scale, a fraction, a list or an object.
fn unreadable_error(definition: &SurveyDefinition, key: &str, value: &Value) -> FieldError {
    let pointer = aftercare_core::survey::answer_pointer(key);
    let Some(question) = definition.question(key) else {
        return field_error(
            &pointer,
            codes::UNKNOWN_FIELD,
            "this survey has no such question",
        );
    };
    match (question.kind.scale(), value) {
        (Some((low, high)), Value::Number(n)) if n.is_i64() || n.is_u64() => field_error(
            &pointer,
            codes::OUT_OF_RANGE,
            format!("a score from {low} to {high}"),
        ),
        (Some(_), _) => field_error(&pointer, codes::WRONG_TYPE, "a whole number expected"),
        (None, _) => field_error(&pointer, codes::WRONG_TYPE, "true/false or text expected"),
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn definition() -> SurveyDefinition {
        crate::catalog::defaults()
            .survey
            .expect("the default catalog has a survey")
    }

    fn raw(value: Value) -> Map<String, Value> {
        value.as_object().unwrap().clone()
    }

    fn pointers(errors: &[FieldError]) -> Vec<(String, String)> {
        errors
            .iter()
            .map(|e| (e.pointer.clone(), e.code.clone()))
            .collect()
    }

    #[test]
    fn good_answers_are_read_as_the_core_types() {
        let answers = read(
            &definition(),
            &raw(json!({
                "overall": 5, "timeliness": 4, "attitude": 5, "professionalism": 3,
                "solved": true, "nps": 10, "effort": null, "comment": "Quick fix."
            })),
        )
        .unwrap();
        assert_eq!(answers.score("overall"), Some(5));
        assert_eq!(answers.yes_no("solved"), Some(true));
        assert_eq!(answers.text("comment"), Some("Quick fix."));
        assert!(!answers.0.contains_key("effort"));
    }

    #[test]
    fn every_bad_answer_is_pointed_at() {
        let errors = read(
            &definition(),
            &raw(json!({
                "overall": 300, "timeliness": -1, "attitude": 4.5, "professionalism": 9,
                "solved": [true], "nps": 11, "colour": "blue"
            })),
        )
        .unwrap_err();
        let mut found = pointers(&errors);
        found.sort();
        let mut expected: Vec<(String, String)> = [
            ("/answers/attitude", "wrong_type"),
            ("/answers/colour", "unknown_field"),
            ("/answers/nps", "out_of_range"),
            ("/answers/overall", "out_of_range"),
            ("/answers/professionalism", "out_of_range"),
            ("/answers/solved", "wrong_type"),
            ("/answers/timeliness", "out_of_range"),
        ]
        .iter()
        .map(|(p, c)| (p.to_string(), c.to_string()))
        .collect();
        expected.sort();
        assert_eq!(found, expected);
    }
}
