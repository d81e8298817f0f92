//! What the database holds about one customer, read for their data export
//! and changed when they delete their account. The rules are in
//! [`crate::account`]; this module only reads and writes rows.

use sqlx::any::AnyRow;
use sqlx::{AnyConnection, Row};

use super::dialect::Engine;

/// A customer's own record, as the export shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CustomerRecord {
    pub id: String,
    pub email: String,
    pub name: String,
    pub locale: String,
    pub created_at: String,
}

/// The customer `id`, unless the account was deleted.
pub async fn customer(
    connection: &mut AnyConnection,
    id: &str,
) -> Result<Option<CustomerRecord>, sqlx::Error> {
    let row = sqlx::query(
        "SELECT id, email, name, locale, created_at FROM customers \
         WHERE id = $1 AND deleted_at IS NULL",
    )
    .bind(id)
    .fetch_optional(&mut *connection)
    .await?;
    row.as_ref().map(customer_record).transpose()
}

/// A customer row read as a [`CustomerRecord`].
fn customer_record(row: &AnyRow) -> Result<CustomerRecord, sqlx::Error> {
    Ok(CustomerRecord {
        id: row.try_get("id")?,
        email: row.try_get("email")?,
        name: row.try_get("name")?,
        locale: row.try_get("locale")?,
        created_at: row.try_get("created_at")?,
    })
}

/// The customer `id`, unless the account was deleted, locked until the
/// caller's write transaction ends (see [`Engine::lock_rows`]): a request
/// being opened for them waits for a deletion, and a deletion for a
/// request being opened.
pub async fn lock_customer(
    tx: &mut AnyConnection,
    engine: Engine,
    id: &str,
) -> Result<Option<CustomerRecord>, sqlx::Error> {
    let sql = format!(
        "SELECT c.id, c.email, c.name, c.locale, c.created_at FROM customers c \
         WHERE c.id = $1 AND c.deleted_at IS NULL{}",
        engine.lock_rows("c")
    );
    let row = sqlx::query(&sql).bind(id).fetch_optional(&mut *tx).await?;
    row.as_ref().map(customer_record).transpose()
}

/// The numbers of the customer's service requests, newest first.
pub async fn request_numbers(
    connection: &mut AnyConnection,
    customer_id: &str,
) -> Result<Vec<String>, sqlx::Error> {
    let rows: Vec<(String,)> = sqlx::query_as(
        "SELECT number FROM service_requests WHERE customer_id = $1 \
         ORDER BY created_at DESC, id DESC",
    )
    .bind(customer_id)
    .fetch_all(&mut *connection)
    .await?;
    Ok(rows.into_iter().map(|(number,)| number).collect())
}

/// A file in the export: one the customer uploaded, or one attached to a
/// request of theirs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileRecord {
    pub id: String,
    pub name: String,
    pub content_type: String,
    pub bytes: i64,
    /// The number of the request it is attached to, if any.
    pub request: Option<String>,
}

/// The files uploaded by `owner` (the customer's identity scope) or
/// attached to a request of `customer_id`, oldest first.
pub async fn files(
    connection: &mut AnyConnection,
    owner: &str,
    customer_id: &str,
) -> Result<Vec<FileRecord>, sqlx::Error> {
    let rows = sqlx::query(
        "SELECT a.id, a.name, COALESCE(a.content_type, a.declared_type) AS content_type, \
         a.size, r.number FROM attachments a \
         LEFT JOIN service_requests r ON r.id = a.request_id \
         WHERE a.owner = $1 OR r.customer_id = $2 ORDER BY a.created_at, a.id",
    )
    .bind(owner)
    .bind(customer_id)
    .fetch_all(&mut *connection)
    .await?;
    rows.iter()
        .map(|row| {
            Ok(FileRecord {
                id: row.try_get("id")?,
                name: row.try_get("name")?,
                content_type: row.try_get("content_type")?,
                bytes: row.try_get("size")?,
                request: row.try_get("number")?,
            })
        })
        .collect()
}

/// A survey answer set of the customer's, as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SurveyRecord {
    pub number: String,
    /// The answers, as JSON text.
    pub answers: String,
    pub submitted_at: String,
    pub updated_at: String,
}

/// The survey answers given on the customer's requests, oldest first.
pub async fn surveys(
    connection: &mut AnyConnection,
    customer_id: &str,
) -> Result<Vec<SurveyRecord>, sqlx::Error> {
    let rows = sqlx::query(
        "SELECT r.number, s.answers, s.submitted_at, s.updated_at FROM surveys s \
         JOIN service_requests r ON r.id = s.request_id \
         WHERE r.customer_id = $1 ORDER BY s.submitted_at, r.number",
    )
    .bind(customer_id)
    .fetch_all(&mut *connection)
    .await?;
    rows.iter()
        .map(|row| {
            Ok(SurveyRecord {
                number: row.try_get("number")?,
                answers: row.try_get("answers")?,
                submitted_at: row.try_get("submitted_at")?,
                updated_at: row.try_get("updated_at")?,
            })
        })
        .collect()
}

/// A "Was this helpful?" answer of the customer's.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FeedbackRecord {
    pub article_id: String,
    pub helpful: bool,
    pub comment: Option<String>,
    pub locale: String,
    pub created_at: String,
}

/// The knowledge-base answers the customer gave signed in, oldest first.
pub async fn feedback(
    connection: &mut AnyConnection,
    customer_id: &str,
) -> Result<Vec<FeedbackRecord>, sqlx::Error> {
    let rows = sqlx::query(
        "SELECT article_id, helpful, comment, locale, created_at FROM kb_feedback \
         WHERE customer_id = $1 ORDER BY created_at, id",
    )
    .bind(customer_id)
    .fetch_all(&mut *connection)
    .await?;
    rows.iter()
        .map(|row| {
            Ok(FeedbackRecord {
                article_id: row.try_get("article_id")?,
                helpful: row.try_get::<i64, _>("helpful")? != 0,
                comment: row.try_get("comment")?,
                locale: row.try_get("locale")?,
                created_at: row.try_get("created_at")?,
            })
        })
        .collect()
}

/// The `(id, type, fields)` of the customer's requests, for anonymising.
pub async fn request_forms(
    tx: &mut AnyConnection,
    customer_id: &str,
) -> Result<Vec<(String, String, String)>, sqlx::Error> {
    sqlx::query_as("SELECT id, request_type, fields FROM service_requests WHERE customer_id = $1")
        .bind(customer_id)
        .fetch_all(&mut *tx)
        .await
}

/// Replaces a request's form answers and forgets its access key, so that
/// a device that kept the key cannot read it any more.
pub async fn set_fields(tx: &mut AnyConnection, id: &str, fields: &str) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE service_requests SET fields = $1, access_key_hash = NULL WHERE id = $2")
        .bind(fields)
        .bind(id)
        .execute(&mut *tx)
        .await
        .map(drop)
}

/// The `(id, text)` of the customer's free texts of `kind`: the bodies of
/// every message on their requests, the answers (JSON text) of the surveys
/// on them, or the comments of their knowledge-base votes.
pub async fn texts(
    tx: &mut AnyConnection,
    kind: TextKind,
    customer_id: &str,
) -> Result<Vec<(String, String)>, sqlx::Error> {
    sqlx::query_as(kind.read())
        .bind(customer_id)
        .fetch_all(&mut *tx)
        .await
}

/// Replaces the free text `id` of `kind` with `text`.
pub async fn set_text(
    tx: &mut AnyConnection,
    kind: TextKind,
    id: &str,
    text: &str,
) -> Result<(), sqlx::Error> {
    sqlx::query(kind.write())
        .bind(text)
        .bind(id)
        .execute(&mut *tx)
        .await
        .map(drop)
}

/// The customer's free texts that stay after deletion, masked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TextKind {
    Messages,
    Surveys,
    Feedback,
}

impl TextKind {
    fn read(self) -> &'static str {
        match self {
            TextKind::Messages => {
                "SELECT m.id, m.body FROM request_messages m \
                 JOIN service_requests r ON r.id = m.request_id WHERE r.customer_id = $1"
            }
            TextKind::Surveys => {
                "SELECT s.request_id, s.answers FROM surveys s \
                 JOIN service_requests r ON r.id = s.request_id WHERE r.customer_id = $1"
            }
            TextKind::Feedback => {
                "SELECT id, comment FROM kb_feedback \
                 WHERE customer_id = $1 AND comment IS NOT NULL"
            }
        }
    }

    fn write(self) -> &'static str {
        match self {
            TextKind::Messages => "UPDATE request_messages SET body = $1 WHERE id = $2",
            TextKind::Surveys => "UPDATE surveys SET answers = $1 WHERE request_id = $2",
            TextKind::Feedback => "UPDATE kb_feedback SET comment = $1 WHERE id = $2",
        }
    }
}

/// The storage names of the uploads `owner` made that no request uses
/// (proofs of purchase, abandoned uploads), which go with the account.
pub async fn loose_files(tx: &mut AnyConnection, owner: &str) -> Result<Vec<String>, sqlx::Error> {
    let rows: Vec<(String,)> = sqlx::query_as(
        "SELECT storage_name FROM attachments WHERE owner = $1 AND request_id IS NULL",
    )
    .bind(owner)
    .fetch_all(&mut *tx)
    .await?;
    Ok(rows.into_iter().map(|(name,)| name).collect())
}

/// Everything else deleting the account `customer_id` (identity scope
/// `scope`) does in the caller's transaction, in order: revokes every
/// session, deletes its sign-in codes, forgets the responses stored under
/// its idempotency keys (they hold request views), deletes its products and
/// then its loose uploads, empties the names on its messages and timeline
/// steps, unlinks its knowledge-base votes, and turns the customer row into
/// a tombstone (`deleted:<id>`, no name, `deleted_at`). `false` when there
/// was no live account to delete.
pub async fn delete_account(
    tx: &mut AnyConnection,
    customer_id: &str,
    scope: &str,
    now: &str,
) -> Result<bool, sqlx::Error> {
    let email: Option<(String,)> =
        sqlx::query_as("SELECT email FROM customers WHERE id = $1 AND deleted_at IS NULL")
            .bind(customer_id)
            .fetch_optional(&mut *tx)
            .await?;
    let Some((email,)) = email else {
        return Ok(false);
    };
    let by_customer = [
        "UPDATE sessions SET revoked = 1 WHERE customer_id = $1",
        "DELETE FROM products WHERE customer_id = $1",
        "UPDATE request_messages SET author_name = NULL WHERE author_kind = 'customer' \
         AND request_id IN (SELECT id FROM service_requests WHERE customer_id = $1)",
        "UPDATE request_events SET actor_name = NULL WHERE actor_kind = 'customer' \
         AND request_id IN (SELECT id FROM service_requests WHERE customer_id = $1)",
        "UPDATE kb_feedback SET customer_id = NULL WHERE customer_id = $1",
    ];
    for sql in by_customer {
        sqlx::query(sql).bind(customer_id).execute(&mut *tx).await?;
    }
    let by_scope = [
        "DELETE FROM idempotency_keys WHERE scope = $1",
        "DELETE FROM attachments WHERE owner = $1 AND request_id IS NULL",
    ];
    for sql in by_scope {
        sqlx::query(sql).bind(scope).execute(&mut *tx).await?;
    }
    sqlx::query("DELETE FROM sign_in_codes WHERE email = $1")
        .bind(&email)
        .execute(&mut *tx)
        .await?;
    sqlx::query("UPDATE customers SET email = $1, name = '', deleted_at = $2 WHERE id = $3")
        .bind(format!("deleted:{customer_id}"))
        .bind(now)
        .bind(customer_id)
        .execute(&mut *tx)
        .await?;
    Ok(true)
}
