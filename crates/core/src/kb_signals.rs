//! What customers tell the knowledge base: a "Was this helpful?" vote on an
//! article, and the search analytics events (searches, zero results, result
//! clicks, deflections) the portal sends in batches.

use serde::{Deserialize, Serialize};

/// The longest feedback comment, in characters.
pub const MAX_FEEDBACK_COMMENT_CHARS: usize = 2000;
/// The most events one batch may carry.
pub const MAX_EVENTS_PER_BATCH: usize = 100;
/// The longest query an event may carry, in characters.
pub const MAX_EVENT_QUERY_CHARS: usize = 200;

/// A customer's answer to "Was this helpful?" on one article
/// (`POST /kb/articles/{id}/feedback`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ArticleFeedback {
    pub helpful: bool,
    /// What the customer added in their own words, if anything.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub comment: Option<String>,
    /// The locale the customer read the article in.
    pub locale: String,
}

/// What happened, for search analytics.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum KbEventKind {
    /// A search the customer settled on (they stopped typing).
    Search,
    /// A search that found nothing.
    ZeroResult,
    /// The customer opened a result (`article_id`) of a search (`query`).
    ResultClick,
    /// An article (`article_id`) solved the problem, so no service request
    /// was opened.
    Deflection,
}

impl KbEventKind {
    /// The kind's name in the contract and in the database.
    pub fn as_str(self) -> &'static str {
        match self {
            KbEventKind::Search => "search",
            KbEventKind::ZeroResult => "zero_result",
            KbEventKind::ResultClick => "result_click",
            KbEventKind::Deflection => "deflection",
        }
    }
}

/// One analytics event.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct KbEvent {
    pub kind: KbEventKind,
    /// The query as the customer typed it (searches, zero results, clicks;
    /// deflections when the request form's text led there).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub query: Option<String>,
    /// The article concerned (clicks and deflections).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub article_id: Option<String>,
    /// How many results the search found (searches and zero results).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub results: Option<u32>,
    /// The customer's locale tag.
    pub locale: String,
    /// When it happened on the device, RFC 3339 in UTC.
    pub at: String,
}

/// A batch of events (`POST /kb/events`).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct KbEventBatch {
    pub events: Vec<KbEvent>,
}
