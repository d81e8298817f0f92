//! The `attachments` table: resumable uploads, their progress, the result
//! of the content check, and the request they were linked to. The rules are
//! in [`crate::attachments`]; this module only reads and writes rows.

use sqlx::any::AnyRow;
use sqlx::{AnyConnection, Row};

use super::Engine;

/// An upload as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AttachmentRow {
    pub id: String,
    /// The uploader's identity scope (`customer:<id>`, `guest:<hash>` ...).
    pub owner: String,
    pub name: String,
    pub declared_type: String,
    pub size: i64,
    pub upload_offset: i64,
    /// `uploading`, `complete` or `rejected`.
    pub state: String,
    /// The type the content check found, once complete.
    pub content_type: Option<String>,
    /// Why the content check rejected the file.
    pub rejection: Option<String>,
    pub storage_name: String,
    pub request_id: Option<String>,
    pub created_at: String,
}

const COLUMNS: &str = "id, owner, name, declared_type, size, upload_offset, state, content_type, \
    rejection, storage_name, request_id, created_at";

fn attachment(row: &AnyRow) -> Result<AttachmentRow, sqlx::Error> {
    Ok(AttachmentRow {
        id: row.try_get("id")?,
        owner: row.try_get("owner")?,
        name: row.try_get("name")?,
        declared_type: row.try_get("declared_type")?,
        size: row.try_get("size")?,
        upload_offset: row.try_get("upload_offset")?,
        state: row.try_get("state")?,
        content_type: row.try_get("content_type")?,
        rejection: row.try_get("rejection")?,
        storage_name: row.try_get("storage_name")?,
        request_id: row.try_get("request_id")?,
        created_at: row.try_get("created_at")?,
    })
}

/// An upload to start.
#[derive(Debug, Clone)]
pub struct NewAttachment<'a> {
    pub id: &'a str,
    pub owner: &'a str,
    pub name: &'a str,
    pub declared_type: &'a str,
    pub size: i64,
    pub storage_name: &'a str,
    pub now: &'a str,
}

/// Stores a new upload at offset 0.
pub async fn insert(
    connection: &mut AnyConnection,
    new: &NewAttachment<'_>,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO attachments (id, owner, name, declared_type, size, storage_name, \
         created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $7)",
    )
    .bind(new.id)
    .bind(new.owner)
    .bind(new.name)
    .bind(new.declared_type)
    .bind(new.size)
    .bind(new.storage_name)
    .bind(new.now)
    .execute(&mut *connection)
    .await
    .map(drop)
}

/// The upload `id`.
pub async fn find(
    connection: &mut AnyConnection,
    id: &str,
) -> Result<Option<AttachmentRow>, sqlx::Error> {
    let sql = format!("SELECT {COLUMNS} FROM attachments WHERE id = $1");
    let row = sqlx::query(&sql)
        .bind(id)
        .fetch_optional(&mut *connection)
        .await?;
    row.as_ref().map(attachment).transpose()
}

/// The upload `id`, locked against other writers until the caller's write
/// transaction ends (see [`Engine::lock_rows`]).
pub async fn find_for_update(
    tx: &mut AnyConnection,
    engine: Engine,
    id: &str,
) -> Result<Option<AttachmentRow>, sqlx::Error> {
    let lock = engine.lock_rows("a");
    let sql = format!("SELECT {COLUMNS} FROM attachments a WHERE a.id = $1{lock}");
    let row = sqlx::query(&sql).bind(id).fetch_optional(&mut *tx).await?;
    row.as_ref().map(attachment).transpose()
}

/// Moves the upload's offset on from `from` to `to`; when `finished` is
/// given, also its state, checked type and rejection. `false` if the offset
/// was no longer `from`.
pub async fn advance(
    tx: &mut AnyConnection,
    id: &str,
    from: i64,
    to: i64,
    finished: Option<(&str, Option<&str>, Option<&str>)>,
    now: &str,
) -> Result<bool, sqlx::Error> {
    let (state, content_type, rejection) = finished.unwrap_or(("uploading", None, None));
    let changed = sqlx::query(
        "UPDATE attachments SET upload_offset = $1, state = $2, content_type = $3, \
         rejection = $4, updated_at = $5 WHERE id = $6 AND upload_offset = $7",
    )
    .bind(to)
    .bind(state)
    .bind(content_type)
    .bind(rejection)
    .bind(now)
    .bind(id)
    .bind(from)
    .execute(&mut *tx)
    .await?
    .rows_affected();
    Ok(changed == 1)
}

/// Links the upload `id` to `request_id`, if it is complete, owned by
/// `owner` and linked nowhere yet; `false` otherwise (nothing changes).
pub async fn link(
    tx: &mut AnyConnection,
    id: &str,
    owner: &str,
    request_id: &str,
    now: &str,
) -> Result<bool, sqlx::Error> {
    let changed = sqlx::query(
        "UPDATE attachments SET request_id = $1, updated_at = $2 \
         WHERE id = $3 AND owner = $4 AND state = 'complete' AND request_id IS NULL",
    )
    .bind(request_id)
    .bind(now)
    .bind(id)
    .bind(owner)
    .execute(&mut *tx)
    .await?
    .rows_affected();
    Ok(changed == 1)
}
