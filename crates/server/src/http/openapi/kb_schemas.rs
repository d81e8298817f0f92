//! The shapes of the knowledge base's search, feedback and analytics
//! bodies, mirroring `aftercare_core`'s `SearchResults`, `ArticleFeedback`
//! and `KbEventBatch` and the server's answers (see [`super::schemas`]).

#![allow(dead_code)]

use serde::Serialize;
use utoipa::ToSchema;

/// How the knowledge-base search reads queries, published with the portal
/// configuration so the portal's offline search agrees with the server's.
#[derive(Serialize, ToSchema)]
pub struct SearchSettings {
    /// Sets of words or phrases that mean the same, such as
    /// `["报修", "维修", "修理"]`.
    synonyms: Vec<Vec<String>>,
}

/// `GET /kb/search`.
#[derive(Serialize, ToSchema)]
pub struct SearchResults {
    results: Vec<SearchHit>,
}

/// One matching article.
#[derive(Serialize, ToSchema)]
pub struct SearchHit {
    id: String,
    title: String,
    /// The category key.
    category: String,
    locale: String,
    /// Plain text around the best match; never HTML.
    snippet: String,
    /// Matched `[start, end)` ranges in `snippet`, counted in characters
    /// (Unicode scalar values), sorted and not overlapping.
    highlights: Vec<[u32; 2]>,
    /// Higher is better; comparable only within one answer.
    score: f32,
}

/// `POST /kb/articles/{id}/feedback`: "Was this helpful?".
#[derive(Serialize, ToSchema)]
pub struct ArticleFeedback {
    helpful: bool,
    /// At most 2000 characters; blank is no comment.
    comment: Option<String>,
    /// The locale the article was read in.
    locale: String,
}

/// A stored vote.
#[derive(Serialize, ToSchema)]
pub struct FeedbackAnswer {
    id: String,
    article_id: String,
    helpful: bool,
}

/// `POST /kb/events`: 1 to 100 events.
#[derive(Serialize, ToSchema)]
pub struct KbEventBatch {
    events: Vec<KbEvent>,
}

/// One search analytics event.
#[derive(Serialize, ToSchema)]
pub struct KbEvent {
    kind: KbEventKind,
    /// The query as typed, at most 200 characters; required for `search`
    /// and `zero_result`.
    query: Option<String>,
    /// Required for `result_click` and `deflection`.
    article_id: Option<String>,
    /// How many results the search found.
    results: Option<u32>,
    locale: String,
    /// When it happened on the device, RFC 3339.
    #[schema(format = DateTime)]
    at: String,
}

/// What happened.
#[derive(Serialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum KbEventKind {
    Search,
    ZeroResult,
    ResultClick,
    Deflection,
}

/// `POST /kb/events`'s answer.
#[derive(Serialize, ToSchema)]
pub struct Accepted {
    /// How many events were stored.
    accepted: u32,
}
