//! Attachments (附件): resumable uploads, tus-like, and who may read them.
//!
//! `POST /attachments {name, size, type}` starts an upload owned by the
//! asker (a customer, a staff member, or a guest by their access key); its
//! size and declared type must pass the catalog's [`UploadLimits`]. Chunks
//! follow with `PATCH` at the stored offset. When the last byte is on disk
//! the content is checked by its first bytes ([`sniff`]): it must be a kind
//! the declared type names and the catalog allows, else the upload is
//! `rejected` and any later use of it is a 422.
//!
//! Who sees an attachment: its uploader; once it is linked to a service
//! request, whoever may see that request. Everyone else is told it does not
//! exist (404), and nobody at all to sign in (401). Only the uploader writes.

mod link;
pub mod sniff;
pub mod storage;

use aftercare_core::forms::codes;
use aftercare_core::UploadLimits;
use serde::{Deserialize, Serialize};
use sqlx::AnyConnection;

use crate::auth::secret::new_id;
use crate::clock::Clock;
use crate::db::attachments::{self as rows, AttachmentRow, NewAttachment};
use crate::db::requests::find_by_id;
use crate::db::Db;
use crate::http::identity::Identity;
use crate::http::problem::{field_error, ApiError};
use crate::requests::Asker;
pub use link::{check_proof, link_all};
use sniff::{essence, sniff};
pub use storage::Store;

/// The longest file name kept, in characters.
pub const NAME_MAX_CHARS: usize = 255;
/// The states of an upload.
pub const UPLOADING: &str = "uploading";
pub const COMPLETE: &str = "complete";
pub const REJECTED: &str = "rejected";

/// What the upload rules need.
#[derive(Debug, Clone)]
pub struct Shelf<'a> {
    pub db: &'a Db,
    pub clock: &'a Clock,
    pub limits: &'a UploadLimits,
    pub store: Store,
}

/// `POST /attachments`'s body.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NewUploadBody {
    pub name: String,
    pub size: u64,
    #[serde(rename = "type")]
    pub media_type: String,
}

/// An upload as the API shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct UploadView {
    pub id: String,
    pub name: String,
    #[serde(rename = "type")]
    pub media_type: String,
    pub size: i64,
    pub upload_offset: i64,
    /// `uploading`, `complete` or `rejected`.
    pub state: String,
    /// Why the content check refused the file.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rejection: Option<String>,
    pub created_at: String,
}

impl From<&AttachmentRow> for UploadView {
    fn from(row: &AttachmentRow) -> Self {
        UploadView {
            id: row.id.clone(),
            name: row.name.clone(),
            media_type: row
                .content_type
                .clone()
                .unwrap_or_else(|| row.declared_type.clone()),
            size: row.size,
            upload_offset: row.upload_offset,
            state: row.state.clone(),
            rejection: row.rejection.clone(),
            created_at: row.created_at.clone(),
        }
    }
}

fn not_found() -> ApiError {
    ApiError::NotFound("There is no such attachment.".into())
}

/// The owner an upload by `identity` gets: its identity scope.
pub fn owner_of(identity: &Identity) -> Result<String, ApiError> {
    match identity {
        Identity::Nobody => Err(ApiError::Unauthenticated(
            "Sign in, or send your request's access key in X-Access-Key.".into(),
        )),
        other => Ok(other.scope()),
    }
}

/// Starts an upload for `asker`.
pub async fn create(
    shelf: &Shelf<'_>,
    asker: &Asker,
    body: &NewUploadBody,
) -> Result<UploadView, ApiError> {
    let owner = owner_of(&asker.identity)?;
    let mut errors = Vec::new();
    let name = body.name.trim();
    let chars = name.chars().count();
    if chars == 0 || chars > NAME_MAX_CHARS || name.chars().any(char::is_control) {
        errors.push(field_error(
            "/name",
            "invalid_name",
            format!("A file name is 1 to {NAME_MAX_CHARS} characters, without control characters."),
        ));
    }
    if body.size == 0 {
        errors.push(field_error(
            "/size",
            "empty",
            "An empty file cannot be uploaded.",
        ));
    } else if body.size > shelf.limits.max_bytes {
        errors.push(field_error(
            "/size",
            "too_large",
            format!("A file is at most {} bytes.", shelf.limits.max_bytes),
        ));
    }
    let media_type = essence(&body.media_type);
    if !shelf.limits.accepts(&media_type, 0) {
        errors.push(field_error(
            "/type",
            codes::NOT_AN_OPTION,
            format!(
                "{:?} is not one of {}",
                body.media_type,
                shelf.limits.allowed_types.join(", ")
            ),
        ));
    }
    if !errors.is_empty() {
        return Err(ApiError::Unprocessable(errors));
    }
    let id = new_id("att");
    let storage_name = Store::new_name();
    shelf
        .store
        .create(&storage_name)
        .await
        .map_err(|e| ApiError::Fault(format!("cannot create an attachment file: {e}")))?;
    let now = shelf.clock.stamp();
    let new = NewAttachment {
        id: &id,
        owner: &owner,
        name,
        declared_type: &media_type,
        size: body.size as i64,
        storage_name: &storage_name,
        now: &now,
    };
    let mut connection = shelf.db.pool().acquire().await?;
    rows::insert(&mut connection, &new).await?;
    let row = rows::find(&mut connection, &id)
        .await?
        .ok_or_else(not_found)?;
    Ok(UploadView::from(&row))
}

/// Whether `asker` may see `row`: its uploader, or whoever may see the
/// request it is linked to.
async fn may_see(
    connection: &mut AnyConnection,
    asker: &Asker,
    row: &AttachmentRow,
) -> Result<bool, ApiError> {
    if asker.identity.scope() == row.owner && asker.identity != Identity::Nobody {
        return Ok(true);
    }
    let Some(request_id) = &row.request_id else {
        return Ok(false);
    };
    let request = find_by_id(connection, request_id).await?;
    Ok(request.is_some_and(|request| asker.may_see(&request)))
}

/// The upload `id`, if `asker` may see it.
pub async fn find(shelf: &Shelf<'_>, asker: &Asker, id: &str) -> Result<AttachmentRow, ApiError> {
    owner_of(&asker.identity)?;
    if !is_id(id) {
        return Err(not_found());
    }
    let mut connection = shelf.db.pool().acquire().await?;
    let row = rows::find(&mut connection, id)
        .await?
        .ok_or_else(not_found)?;
    if !may_see(&mut connection, asker, &row).await? {
        return Err(not_found());
    }
    Ok(row)
}

/// Whether `id` could be an attachment's id at all.
pub(crate) fn is_id(id: &str) -> bool {
    id.len() <= 64 && id.starts_with("att_")
}

/// A chunk that could not be stored.
#[derive(Debug)]
pub enum ChunkError {
    /// The chunk does not start at the stored offset, which is this.
    Offset(i64),
    Api(ApiError),
}

impl From<ApiError> for ChunkError {
    fn from(error: ApiError) -> Self {
        ChunkError::Api(error)
    }
}

impl From<sqlx::Error> for ChunkError {
    fn from(error: sqlx::Error) -> Self {
        ChunkError::Api(error.into())
    }
}

/// Appends `chunk` at `offset` of the upload `id`, which only its uploader
/// may write. The bytes are on disk before the offset moves; on the last
/// byte the content is checked. Returns the upload as it now stands.
pub async fn append(
    shelf: &Shelf<'_>,
    asker: &Asker,
    id: &str,
    offset: u64,
    chunk: Vec<u8>,
) -> Result<AttachmentRow, ChunkError> {
    let owner = owner_of(&asker.identity)?;
    if !is_id(id) {
        return Err(not_found().into());
    }
    let mut tx = shelf.db.begin_immediate().await?;
    let row = rows::find_for_update(&mut tx, shelf.db.engine(), id)
        .await?
        .filter(|row| row.owner == owner)
        .ok_or_else(not_found)?;
    if offset != row.upload_offset as u64 {
        return Err(ChunkError::Offset(row.upload_offset));
    }
    if row.state != UPLOADING {
        return Err(ApiError::UploadConflict("The upload is finished.".into()).into());
    }
    let end = offset + chunk.len() as u64;
    if end > row.size as u64 {
        return Err(ApiError::TooLarge(format!(
            "The chunk runs past the declared size of {} bytes.",
            row.size
        ))
        .into());
    }
    if chunk.is_empty() {
        return Ok(row);
    }
    let fault = |e: std::io::Error| ApiError::Fault(format!("cannot write attachment {id}: {e}"));
    shelf
        .store
        .write_at(&row.storage_name, offset, chunk)
        .await
        .map_err(fault)?;
    let finished = if end == row.size as u64 {
        let head = shelf.store.head(&row.storage_name).await.map_err(fault)?;
        Some(check_content(shelf.limits, &row.declared_type, &head))
    } else {
        None
    };
    let now = shelf.clock.stamp();
    let outcome = finished
        .as_ref()
        .map(|(state, ty, why)| (*state, ty.as_deref(), why.as_deref()));
    if !rows::advance(&mut tx, id, offset as i64, end as i64, outcome, &now).await? {
        return Err(ChunkError::Offset(row.upload_offset));
    }
    tx.commit().await?;
    let mut connection = shelf.db.pool().acquire().await?;
    Ok(rows::find(&mut connection, id)
        .await?
        .ok_or_else(not_found)?)
}

/// The state, checked type and rejection of a finished file whose first
/// bytes are `head`.
fn check_content(
    limits: &UploadLimits,
    declared: &str,
    head: &[u8],
) -> (&'static str, Option<String>, Option<String>) {
    let reject = |why: String| (REJECTED, None, Some(why));
    match sniff(head) {
        None => reject(format!(
            "The file's content is not a kind that can be attached; it was declared as {declared}."
        )),
        Some(kind) if !kind.matches(declared) => reject(format!(
            "The file's content is {}, but it was declared as {declared}.",
            kind.media_types()[0]
        )),
        Some(_) if !limits.accepts(declared, 0) => {
            reject(format!("{declared} files are not accepted."))
        }
        Some(_) => (COMPLETE, Some(declared.to_string()), None),
    }
}

/// The 422 problem for using a rejected upload.
pub fn rejected(row: &AttachmentRow) -> ApiError {
    ApiError::Unprocessable(vec![field_error(
        "",
        "rejected",
        row.rejection
            .clone()
            .unwrap_or_else(|| "The file was rejected.".into()),
    )])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_content_decides() {
        let limits = crate::catalog::defaults().uploads;
        let png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR";
        assert_eq!(check_content(&limits, "image/png", png).0, COMPLETE);
        let (state, _, why) = check_content(&limits, "image/jpeg", png);
        assert_eq!(state, REJECTED);
        assert!(why.unwrap().contains("image/png"));
        assert_eq!(check_content(&limits, "image/png", b"<svg>").0, REJECTED);
    }
}
