//! Messages on a service request, from its customer (or guest) and from
//! staff: text, files, or both. The files are uploads of the author's that
//! are linked to the request in the message's own transaction, by the same
//! rules as the files a request's form names
//! ([`crate::attachments::link_all`]); an error points at `/attachments/N`.

use aftercare_core::forms::{codes, ATTACHMENTS_MAX, TEXTAREA_MAX_CHARS};
use aftercare_core::lifecycle::{self, Actor, RequestAction, RequestStatus};
use serde::Deserialize;

use super::{
    action_name, not_found, number, open_visible, read, status_name, stored_status, Asker, Desk,
    RequestView, MOVE_ATTEMPTS,
};
use crate::auth::secret::new_id;
use crate::db::requests::{self as rows, NewEvent, Update};
use crate::http::problem::{field_error, ApiError};

/// `POST .../messages`'s body: `text`, `attachments` (upload ids), or both.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MessageBody {
    #[serde(default)]
    pub text: String,
    #[serde(default)]
    pub attachments: Vec<String>,
}

impl MessageBody {
    /// A message of text only.
    pub fn text(text: impl Into<String>) -> Self {
        MessageBody {
            text: text.into(),
            attachments: Vec::new(),
        }
    }

    /// Checks the text and the number of files: a message needs one or the
    /// other.
    fn check(&self) -> Result<(), ApiError> {
        let blank = self.text.trim().is_empty();
        if blank && self.attachments.is_empty() {
            return Err(ApiError::Unprocessable(vec![field_error(
                "/text",
                codes::REQUIRED,
                "a message needs some text or a file",
            )]));
        }
        if self.text.chars().count() > TEXTAREA_MAX_CHARS {
            return Err(ApiError::Unprocessable(vec![field_error(
                "/text",
                codes::TOO_LONG,
                format!("at most {TEXTAREA_MAX_CHARS} characters"),
            )]));
        }
        if self.attachments.len() > ATTACHMENTS_MAX {
            return Err(ApiError::Unprocessable(vec![field_error(
                "/attachments",
                codes::TOO_MANY,
                format!("at most {ATTACHMENTS_MAX} files"),
            )]));
        }
        Ok(())
    }
}

/// Posts `body` to the request `number`: its text verbatim, its files
/// linked to the request. A customer's message while the department waits
/// on them also moves the request back to work (`customer_replied`). With
/// `idempotency` (scope and key), a message is stored once per key.
pub async fn post_message(
    desk: Desk<'_>,
    asker: &Asker,
    number: &str,
    body: &MessageBody,
    idempotency: Option<(&str, &str)>,
) -> Result<RequestView, ApiError> {
    asker.require_someone()?;
    let actor = asker.actor().ok_or_else(not_found)?;
    body.check()?;
    let number = number::normalize(number).ok_or_else(not_found)?;
    let author = asker.actor_ref();
    let owner = asker.identity.scope();
    let named: Vec<(String, String)> = body
        .attachments
        .iter()
        .enumerate()
        .map(|(n, id)| (format!("/attachments/{n}"), id.clone()))
        .collect();
    for _ in 0..MOVE_ATTEMPTS {
        let (mut tx, row) = open_visible(&desk, asker, &number).await?;
        let status = stored_status(&row)?;
        if status.is_final() {
            return Err(ApiError::InvalidTransition(format!(
                "A request that is `{}` takes no more messages.",
                status_name(status)
            )));
        }
        let replied = (actor == Actor::Customer && status == RequestStatus::WaitingOnCustomer)
            .then(|| lifecycle::apply(status, RequestAction::CustomerReplied, actor, false).ok())
            .flatten();
        let now = desk.clock.stamp();
        let to_name = status_name(replied.unwrap_or(status));
        let update = Update {
            status: &to_name,
            now: &now,
            ..Update::default()
        };
        if !rows::update(&mut tx, &row, &update).await? {
            tx.rollback().await?;
            continue;
        }
        let message_id = new_id("msg");
        let message = rows::NewMessage {
            id: &message_id,
            request_id: &row.id,
            author: &author,
            body: &body.text,
            now: &now,
            idempotency,
        };
        if !rows::insert_message(&mut tx, &message).await? {
            // This key posted its message already: change nothing.
            tx.rollback().await?;
            return read(desk, asker, &number).await;
        }
        let errors = crate::attachments::link_all(&mut tx, &owner, &row.id, &named, &now).await?;
        if !errors.is_empty() {
            tx.rollback().await?;
            return Err(ApiError::Unprocessable(errors));
        }
        rows::link_attachments(&mut tx, &row.id, &body.attachments, Some(&message_id), &now)
            .await?;
        let event = NewEvent {
            request_id: &row.id,
            at: &now,
            actor: &author,
            action: None,
            status: None,
            message_id: Some(&message_id),
            detail: None,
        };
        rows::insert_event(&mut tx, &event).await?;
        if replied.is_some() {
            let action = action_name(RequestAction::CustomerReplied);
            let event = NewEvent {
                action: Some(&action),
                status: Some(&to_name),
                message_id: None,
                ..event
            };
            rows::insert_event(&mut tx, &event).await?;
        }
        tx.commit().await?;
        return read(desk, asker, &number).await;
    }
    Err(ApiError::Fault(format!(
        "request {number} kept changing under a message"
    )))
}
