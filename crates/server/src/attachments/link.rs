//! Linking uploads to the service request that names them, inside the
//! transaction that makes the request.

use aftercare_core::ProblemFieldError;
use sqlx::AnyConnection;

use super::{is_id, COMPLETE, REJECTED};
use crate::db::attachments as rows;
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
        let row = if is_id(id) {
            rows::find(tx, id).await?.filter(|row| row.owner == owner)
        } else {
            None
        };
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
        errors.push(field_error(pointer, code, detail));
    }
    Ok(errors)
}
