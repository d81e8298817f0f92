//! The shapes of satisfaction surveys, as OpenAPI schemas: mirrors of
//! `aftercare_core`'s `SurveyDefinition` (published in the portal's
//! `service`), `SurveySubmission` and `SurveyRecord` (see
//! [`super::schemas`]).

#![allow(dead_code)]

use std::collections::BTreeMap;

use serde::Serialize;
use utoipa::ToSchema;

use super::schemas::LocalizedText;

/// The satisfaction survey offered once a request is resolved.
#[derive(Serialize, ToSchema)]
pub struct SurveyDefinition {
    /// The questions, in the order they are asked.
    questions: Vec<SurveyQuestion>,
    /// How long after the first answer the answers may still change.
    #[schema(example = 168)]
    edit_window_hours: u32,
    /// The CSAT target in percent ("≥ 85 % satisfied").
    #[schema(example = 85)]
    csat_target_percent: u8,
    /// The most characters a comment may have.
    #[schema(example = 2000)]
    comment_max_chars: u32,
}

/// One question of the survey.
#[derive(Serialize, ToSchema)]
pub struct SurveyQuestion {
    /// The key answers carry, such as `timeliness`.
    key: String,
    kind: QuestionKind,
    label: LocalizedText,
    /// Whether the survey cannot be sent without it.
    required: bool,
}

/// What kind of answer a question takes: `satisfaction` (1–5, CSAT is the
/// share of 4 and 5), `rating` (1–5), `solved` (true/false), `comment`
/// (text), `nps` (0–10), `effort` (1 very hard to 5 very easy).
#[derive(Serialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum QuestionKind {
    Satisfaction,
    Rating,
    Solved,
    Comment,
    Nps,
    Effort,
}

/// One answer: a whole-number score (0–10 for `nps`, else 1–5),
/// true/false (`solved`), or text (`comment`).
#[derive(Serialize, ToSchema)]
#[serde(untagged)]
pub enum Answer {
    YesNo(bool),
    Score(u8),
    Text(String),
}

/// `PUT /requests/{number}/survey`: the answers by question key. A `null`
/// answer is no answer.
#[derive(Serialize, ToSchema)]
#[schema(example = json!({"answers": {"overall": 5, "timeliness": 4, "attitude": 5,
    "professionalism": 5, "solved": true, "nps": 9, "comment": "Quick and friendly."}}))]
pub struct SurveySubmission {
    answers: BTreeMap<String, Answer>,
}

/// A request's survey as the backend keeps it. Before the first answer,
/// `answers` is empty and the times are `null`.
#[derive(Serialize, ToSchema)]
pub struct SurveyRecord {
    #[schema(example = "AC-7K3F-92")]
    number: String,
    answers: BTreeMap<String, Answer>,
    /// The first answer (RFC 3339).
    submitted_at: Option<String>,
    /// The last change.
    updated_at: Option<String>,
    /// Until when the answers may change: `submitted_at` plus the survey's
    /// `edit_window_hours`.
    editable_until: Option<String>,
    /// Whether a `PUT` would be accepted now: the request is resolved or
    /// closed, and the edit window is open or has not started.
    editable: bool,
}
