//! The knowledge base's search, feedback and analytics operations,
//! described for [`super::ApiDoc`] (see [`super::paths`]).

#![allow(dead_code)]

use super::kb_schemas::{Accepted, ArticleFeedback, FeedbackAnswer, KbEventBatch, SearchResults};

#[utoipa::path(
    get, path = "/api/v1/kb/search", tag = "kb",
    params(
        ("q" = Option<String>, Query, description = "The text as typed, at most 200 characters; blank or absent is an empty search."),
        ("locale" = Option<String>, Query, description = "The customer's locale, whose articles rank first (zh-TW also gets zh-CN after); the `Accept-Language` one if absent."),
        ("limit" = Option<u32>, Query, description = "1 to 50, default 10."),
        ("category" = Option<String>, Query, description = "Only articles in this category key."),
    ),
    responses(
        (status = 200, description = "The best matches, best first.", body = SearchResults),
        (status = 400, description = "`validation`: a bad `q`, `locale`, `limit` or `category`, each with its pointer."),
    )
)]
pub fn kb_search() {}

#[utoipa::path(
    post, path = "/api/v1/kb/articles/{id}/feedback", tag = "kb",
    security((), ("bearer" = [])),
    params(
        ("id" = String, Path, description = "The article's id."),
        ("Idempotency-Key" = Option<String>, Header, description = "Makes a retry replay the first answer; stored with the vote, so one key is one vote."),
    ),
    request_body = ArticleFeedback,
    responses(
        (status = 201, description = "Stored (a signed-in customer's vote keeps their id).", body = FeedbackAnswer),
        (status = 400, description = "A malformed body."),
        (status = 404, description = "No such article, or a deleted one."),
        (status = 409, description = "`idempotency-key-in-flight`.", headers(("Retry-After" = u64))),
        (status = 422, description = "`validation` (`/comment` over 2000 characters, `/locale`) or `idempotency-key-reused`."),
    )
)]
pub fn kb_feedback() {}

#[utoipa::path(
    post, path = "/api/v1/kb/events", tag = "kb",
    params(("Idempotency-Key" = Option<String>, Header, description = "Makes a retry replay the first answer; stored with the events, so one key stores the batch once.")),
    request_body = KbEventBatch,
    responses(
        (status = 202, description = "Every event was stored.", body = Accepted),
        (status = 400, description = "A malformed body (such as an unknown `kind`)."),
        (status = 409, description = "`idempotency-key-in-flight`.", headers(("Retry-After" = u64))),
        (status = 422, description = "`validation`: no events or more than 100, or bad values, each with its pointer (`/events/3/query`); nothing is stored. Or `idempotency-key-reused`."),
    )
)]
pub fn kb_events() {}
