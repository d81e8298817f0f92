//! Linking uploads to what names them, inside the transaction that stores
//! it: the service request whose form or message names them, or the
//! registered product whose proof of purchase one is. Both use the same
//! check and tell the same reasons when an upload cannot be used.

use aftercare_core::ProblemFieldError;
use sqlx::AnyConnection;

use super::{is_id, COMPLETE, REJECTED};
use crate::db::attachments::{self as rows, AttachmentRow};
use crate::http::problem::field_error;

/// Links the uploads `ids` (each with the JSON pointer that named it) to
/// `request_id` inside the caller's transaction. Each must exist, be
/// complete and accepted, belong to `owner` and be linked nowhere yet; the
/// answer lists one error per id that is not (the caller then rolls back).
pub async fn link_all(
    tx: &mut AnyConnection,
    owner: &str,
    request_id: &str,
    ids: &[(String, String)],
    now: &str,
) -> Result<Vec<ProblemFieldError>, sqlx::Error> {
    let mut errors = Vec::new();
    let mut seen = std::collections::HashSet::new();
    for (pointer, id) in ids {
        if !seen.insert(id.as_str()) {
            continue;
        }
        if is_id(id) && rows::link(tx, id, owner, request_id, now).await? {
            continue;
        }
        errors.push(refusal(tx, owner, id, pointer).await?);
    }
    Ok(errors)
}

/// Checks that the upload `id` (named at `pointer`) may be the proof of
/// purchase of a product `owner` registers: the same rules as for a
/// request's files (theirs, complete, accepted, linked to no request), and
/// no other product of theirs uses it. `None` when it may.
pub async fn check_proof(
    tx: &mut AnyConnection,
    owner: &str,
    id: &str,
    pointer: &str,
) -> Result<Option<ProblemFieldError>, sqlx::Error> {
    let row = owned(tx, owner, id).await?;
    if let Some(row) = &row {
        if row.state == COMPLETE && row.request_id.is_none() {
            if !crate::db::products::proof_in_use(tx, id).await? {
                return Ok(None);
            }
            return Ok(Some(field_error(
                pointer,
                "already_linked",
                "The file is the proof of purchase of another product already.",
            )));
        }
    }
    Ok(Some(explain(row, pointer)))
}

/// The upload `id` if it could be one and belongs to `owner`.
async fn owned(
    tx: &mut AnyConnection,
    owner: &str,
    id: &str,
) -> Result<Option<AttachmentRow>, sqlx::Error> {
    if !is_id(id) {
        return Ok(None);
    }
    Ok(rows::find(tx, id).await?.filter(|row| row.owner == owner))
}

/// Why the upload `id`, named at `pointer`, cannot be linked.
async fn refusal(
    tx: &mut AnyConnection,
    owner: &str,
    id: &str,
    pointer: &str,
) -> Result<ProblemFieldError, sqlx::Error> {
    Ok(explain(owned(tx, owner, id).await?, pointer))
}

/// The error for an upload `row` of the asker's (or none) that cannot be
/// used: unknown, rejected, incomplete, or linked elsewhere already.
fn explain(row: Option<AttachmentRow>, pointer: &str) -> ProblemFieldError {
    let (code, detail) = match row {
        None => (
            "unknown_attachment",
            "There is no such upload of yours.".to_string(),
        ),
        Some(row) if row.state == REJECTED => (
            "rejected",
            row.rejection
                .unwrap_or_else(|| "The file was rejected.".into()),
        ),
        Some(row) if row.state != COMPLETE => (
            "incomplete",
            format!(
                "The upload is not complete: {} of {} bytes.",
                row.upload_offset, row.size
            ),
        ),
        Some(_) => (
            "already_linked",
            "The file is attached to another request already.".to_string(),
        ),
    };
    field_error(pointer, code, detail)
}
