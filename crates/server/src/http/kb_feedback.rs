//! `POST /kb/articles/{id}/feedback`: a customer's "Was this helpful?"
//! answer on an article, with an optional comment.
//!
//! The body is `aftercare_core::ArticleFeedback`: `{"helpful": bool,
//! "comment"?: string, "locale": string}`. The answer is 201 with `{"id",
//! "article_id", "helpful"}`; an unknown or deleted article is a 404
//! problem; a comment over 2000 characters or a locale the portal cannot
//! speak is a 422 problem pointing at `/comment` or `/locale`. A blank
//! comment is no comment. Anyone may answer; a signed-in customer's answer
//! keeps their id. Like every POST it may carry an `Idempotency-Key` (the
//! portal always sends one); the key is also stored on the row, so one key
//! stores one answer even if its first request's claim is taken over.

use aftercare_core::forms::codes;
use aftercare_core::kb_signals::MAX_FEEDBACK_COMMENT_CHARS;
use aftercare_core::{ArticleFeedback, Locale};
use axum::extract::{DefaultBodyLimit, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::post;
use axum::Router;
use serde::Serialize;

use super::extract::{Json, Path};
use super::idempotency::KEY_HEADER;
use super::identity::Identity;
use super::problem::{field_error, ApiError};
use super::AppState;
use crate::auth::secret::new_id;
use crate::config::supported_locales;
use crate::db::articles;
use crate::db::kb_feedback::{self, FeedbackRow};

/// The largest body this route reads: a 2000-character comment in any
/// script, and room to spare.
pub const BODY_LIMIT: usize = 16 * 1024;

/// The feedback route, relative to `/api/v1`.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/kb/articles/{id}/feedback", post(create))
        .layer(DefaultBodyLimit::max(BODY_LIMIT))
}

/// What a stored answer looks like to the client.
#[derive(Debug, Serialize)]
pub struct FeedbackAnswer {
    pub id: String,
    pub article_id: String,
    pub helpful: bool,
}

/// Checks the body: the comment's length and the locale.
fn check(feedback: &ArticleFeedback) -> Result<(), ApiError> {
    let mut errors = Vec::new();
    let comment_chars = feedback.comment.as_deref().map_or(0, |c| c.chars().count());
    if comment_chars > MAX_FEEDBACK_COMMENT_CHARS {
        errors.push(field_error(
            "/comment",
            codes::TOO_LONG,
            format!("at most {MAX_FEEDBACK_COMMENT_CHARS} characters"),
        ));
    }
    // Any language the portal speaks: its language switch offers them all,
    // whatever the vendor's content covers.
    if Locale::from_tag(&feedback.locale).is_none() {
        errors.push(field_error(
            "/locale",
            codes::NOT_AN_OPTION,
            format!(
                "{:?} is not one of {}",
                feedback.locale,
                supported_locales().join(", ")
            ),
        ));
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(ApiError::Unprocessable(errors))
    }
}

async fn create(
    State(state): State<AppState>,
    identity: Identity,
    Path(article_id): Path<String>,
    headers: HeaderMap,
    Json(feedback): Json<ArticleFeedback>,
) -> Result<Response, ApiError> {
    check(&feedback)?;
    if !articles::is_live(&state.db, &article_id).await? {
        return Err(ApiError::NotFound(format!(
            "There is no article {article_id:?}."
        )));
    }
    let customer_id = match &identity {
        Identity::Customer { id, .. } => Some(id.clone()),
        _ => None,
    };
    let row = FeedbackRow {
        id: new_id("fb"),
        article_id,
        helpful: feedback.helpful,
        comment: feedback
            .comment
            .filter(|comment| !comment.trim().is_empty()),
        locale: feedback.locale,
        customer_id,
        created_at: state.clock.stamp(),
    };
    let scope = identity.scope();
    let key = headers
        .get(KEY_HEADER)
        .and_then(|value| value.to_str().ok());
    let stored = kb_feedback::insert(&state.db, &row, key.map(|key| (scope.as_str(), key))).await?;
    let answer = FeedbackAnswer {
        id: stored.id,
        article_id: stored.article_id,
        helpful: stored.helpful,
    };
    Ok((StatusCode::CREATED, axum::Json(answer)).into_response())
}
