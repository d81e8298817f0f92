//! The satisfaction survey a customer answers once a service request is
//! resolved: the questions the backend defines (in the service catalog),
//! the answers, the rules an answer set must keep, and the record the
//! backend keeps of it. The survey link in the resolution mail carries a
//! signed single-purpose token; [`survey_token_number`] reads which request
//! it is for, and only the backend can check the signature.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::forms::FieldError;
use crate::lifecycle::RequestStatus;
use crate::portal::LocalizedText;
use crate::time::Timestamp;

/// The stable `code`s of survey answer errors, which the portal translates.
pub mod codes {
    pub use crate::forms::codes::{REQUIRED, TOO_LONG, UNKNOWN_FIELD, WRONG_TYPE};
    /// A score outside the question's scale.
    pub const OUT_OF_RANGE: &str = "out_of_range";
}

/// What kind of answer a question takes. The kinds carry their meaning, so
/// that reports know which question is which whatever its key or wording.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum QuestionKind {
    /// Overall satisfaction, 1 (very dissatisfied) to 5 (very satisfied);
    /// CSAT is the share of 4 and 5.
    Satisfaction,
    /// One aspect of the service (timeliness, attitude ...), 1 to 5.
    Rating,
    /// "Is the problem solved?", yes or no.
    Solved,
    /// Free text.
    Comment,
    /// "How likely are you to recommend us?", 0 to 10.
    Nps,
    /// Customer effort: "how easy was it to get help?", 1 (very hard) to 5
    /// (very easy).
    Effort,
}

impl QuestionKind {
    /// The lowest and highest score of a scale question; `None` for yes/no
    /// and text.
    pub fn scale(self) -> Option<(u8, u8)> {
        match self {
            QuestionKind::Satisfaction | QuestionKind::Rating | QuestionKind::Effort => {
                Some((1, 5))
            }
            QuestionKind::Nps => Some((0, 10)),
            QuestionKind::Solved | QuestionKind::Comment => None,
        }
    }
}

/// One question of the survey.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SurveyQuestion {
    /// The stable key answers carry, such as `timeliness`.
    pub key: String,
    pub kind: QuestionKind,
    /// The question, as the customer reads it.
    pub label: LocalizedText,
    /// Whether a survey cannot be sent without it.
    #[serde(default)]
    pub required: bool,
}

/// The survey, as the backend publishes it in the service catalog.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SurveyDefinition {
    /// The questions, in the order they are asked.
    pub questions: Vec<SurveyQuestion>,
    /// How long after the first answer it may still be changed.
    pub edit_window_hours: u32,
    /// The department's CSAT target in percent (85: "≥ 85 % satisfied").
    pub csat_target_percent: u8,
    /// The most characters a comment may have.
    pub comment_max_chars: u32,
}

impl SurveyDefinition {
    /// The question with `key`.
    pub fn question(&self, key: &str) -> Option<&SurveyQuestion> {
        self.questions.iter().find(|q| q.key == key)
    }

    /// The first question of `kind`.
    pub fn question_of(&self, kind: QuestionKind) -> Option<&SurveyQuestion> {
        self.questions.iter().find(|q| q.kind == kind)
    }

    /// Every rule `answers` break, located at `/answers/{key}`: answers to
    /// questions the survey does not have, answers of the wrong type, scores
    /// off the scale, comments that are too long, required questions left
    /// out. A comment of only spaces counts as left out.
    pub fn check(&self, answers: &SurveyAnswers) -> Vec<FieldError> {
        let mut errors = Vec::new();
        for question in &self.questions {
            let problem = match (question.kind, answers.0.get(&question.key)) {
                (_, None) => question
                    .required
                    .then_some((codes::REQUIRED, "this question needs an answer".to_string())),
                (QuestionKind::Solved, Some(Answer::YesNo(_))) => None,
                (QuestionKind::Comment, Some(Answer::Text(text))) => {
                    if text.trim().is_empty() && question.required {
                        Some((codes::REQUIRED, "this question needs an answer".into()))
                    } else if text.chars().count() > self.comment_max_chars as usize {
                        Some((
                            codes::TOO_LONG,
                            format!("at most {} characters", self.comment_max_chars),
                        ))
                    } else {
                        None
                    }
                }
                (kind, Some(Answer::Score(score))) if kind.scale().is_some() => {
                    let (low, high) = kind.scale().expect("a scale");
                    (!(low..=high).contains(score))
                        .then(|| (codes::OUT_OF_RANGE, format!("a score from {low} to {high}")))
                }
                (kind, Some(_)) => {
                    Some((codes::WRONG_TYPE, format!("{} expected", kind.expects())))
                }
            };
            if let Some((code, detail)) = problem {
                errors.push(answer_error(&question.key, code, detail));
            }
        }
        for key in answers.0.keys() {
            if self.question(key).is_none() {
                errors.push(answer_error(
                    key,
                    codes::UNKNOWN_FIELD,
                    "this survey has no such question".into(),
                ));
            }
        }
        errors
    }

    /// Checks the survey itself, naming the first rule broken: unique keys,
    /// one overall satisfaction question, a label in each of `locales`.
    pub fn check_definition(&self, locales: &[&str]) -> Result<(), String> {
        let mut seen = std::collections::BTreeSet::new();
        for question in &self.questions {
            if question.key.is_empty() || !seen.insert(question.key.as_str()) {
                return Err(format!(
                    "survey question key {:?} is empty or repeated",
                    question.key
                ));
            }
            for locale in locales {
                if question
                    .label
                    .0
                    .get(*locale)
                    .is_none_or(|t| t.trim().is_empty())
                {
                    return Err(format!(
                        "survey question {:?} has no label in {locale}",
                        question.key
                    ));
                }
            }
        }
        if self.question_of(QuestionKind::Satisfaction).is_none() {
            return Err("the survey has no overall satisfaction question".into());
        }
        if self.csat_target_percent > 100 {
            return Err("survey csat_target_percent is above 100".into());
        }
        Ok(())
    }
}

impl QuestionKind {
    fn expects(self) -> &'static str {
        match self {
            QuestionKind::Solved => "true or false",
            QuestionKind::Comment => "text",
            _ => "a whole number",
        }
    }
}

/// The JSON pointer of the answer to question `key` in a survey body:
/// `/answers/{key}`, with `~` and `/` escaped as RFC 6901 says.
pub fn answer_pointer(key: &str) -> String {
    format!("/answers/{}", key.replace('~', "~0").replace('/', "~1"))
}

fn answer_error(key: &str, code: &str, detail: String) -> FieldError {
    FieldError {
        pointer: answer_pointer(key),
        code: code.to_string(),
        detail,
    }
}

/// One answer: a score, yes/no, or text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Answer {
    YesNo(bool),
    Score(u8),
    Text(String),
}

/// The answers to a survey, by question key.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct SurveyAnswers(pub BTreeMap<String, Answer>);

impl SurveyAnswers {
    /// The score given to `key`, if it is one.
    pub fn score(&self, key: &str) -> Option<u8> {
        match self.0.get(key) {
            Some(Answer::Score(score)) => Some(*score),
            _ => None,
        }
    }

    /// The yes/no given to `key`, if it is one.
    pub fn yes_no(&self, key: &str) -> Option<bool> {
        match self.0.get(key) {
            Some(Answer::YesNo(yes)) => Some(*yes),
            _ => None,
        }
    }

    /// The text given to `key`, if it is text.
    pub fn text(&self, key: &str) -> Option<&str> {
        match self.0.get(key) {
            Some(Answer::Text(text)) => Some(text),
            _ => None,
        }
    }
}

/// What the customer sends: `PUT /requests/{number}/survey` with
/// `{"answers": {...}}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SurveySubmission {
    pub answers: SurveyAnswers,
}

/// The backend's record of a request's survey (`GET` and `PUT
/// /requests/{number}/survey`). Before the first answer, `answers` is empty
/// and the times are `None`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SurveyRecord {
    /// The request the survey is about.
    pub number: String,
    pub answers: SurveyAnswers,
    /// The first answer.
    pub submitted_at: Option<Timestamp>,
    /// The last change.
    pub updated_at: Option<Timestamp>,
    /// Until when the answers may change; `None` before the first answer.
    pub editable_until: Option<Timestamp>,
    /// Whether a `PUT` would be accepted now (the request is resolved or
    /// closed, and the edit window is open or has not started).
    pub editable: bool,
}

impl SurveyRecord {
    /// Whether the customer has answered.
    pub fn answered(&self) -> bool {
        self.submitted_at.is_some()
    }

    /// Whether a `PUT` would still be accepted at `now`: what the backend
    /// said when it sent the record, unless the edit window has ended since
    /// (a copy saved on the device and read later).
    pub fn editable_at(&self, now: Timestamp) -> bool {
        self.editable && self.editable_until.is_none_or(|until| now <= until)
    }
}

/// Whether a request in `status` is asked for its survey: once resolved,
/// and after the customer confirmed (closed).
pub fn survey_offered(status: RequestStatus) -> bool {
    matches!(status, RequestStatus::Resolved | RequestStatus::Closed)
}

/// The request number a survey token names: a token is
/// `{number}.{expires_unix_seconds}.{signature}`, where only the backend
/// can check the signature. `None` when the token has another shape.
pub fn survey_token_number(token: &str) -> Option<&str> {
    let mut parts = token.split('.');
    let (number, expires, signature) = (parts.next()?, parts.next()?, parts.next()?);
    let plausible = parts.next().is_none()
        && !number.is_empty()
        && number.len() <= 40
        && number
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-')
        && !expires.is_empty()
        && expires.bytes().all(|b| b.is_ascii_digit())
        && !signature.is_empty()
        && signature
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
    plausible.then_some(number)
}

#[cfg(test)]
mod tests;
