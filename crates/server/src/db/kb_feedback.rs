//! The `kb_feedback` table: customers' "Was this helpful?" answers on
//! articles, one row each, stored once per `Idempotency-Key`.

use sqlx::any::AnyRow;
use sqlx::Row;

use super::Db;

/// One answer, as it is stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FeedbackRow {
    pub id: String,
    pub article_id: String,
    pub helpful: bool,
    /// The customer's own words, if any.
    pub comment: Option<String>,
    pub locale: String,
    /// The signed-in customer who answered; `None` when anonymous.
    pub customer_id: Option<String>,
    pub created_at: String,
}

/// Stores `row`, unless the same identity's `idempotency` key (scope, key)
/// already stored one; returns the row that holds the answer either way.
pub async fn insert(
    db: &Db,
    row: &FeedbackRow,
    idempotency: Option<(&str, &str)>,
) -> Result<FeedbackRow, sqlx::Error> {
    let (scope, key) = idempotency.unzip();
    let inserted = sqlx::query(
        "INSERT INTO kb_feedback \
         (id, article_id, helpful, comment, locale, customer_id, created_at, \
          idempotency_scope, idempotency_key) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) \
         ON CONFLICT (idempotency_scope, idempotency_key) DO NOTHING",
    )
    .bind(&row.id)
    .bind(&row.article_id)
    .bind(i16::from(row.helpful))
    .bind(row.comment.as_deref())
    .bind(&row.locale)
    .bind(row.customer_id.as_deref())
    .bind(&row.created_at)
    .bind(scope)
    .bind(key)
    .execute(db.pool())
    .await?
    .rows_affected();
    match (inserted, scope, key) {
        (0, Some(scope), Some(key)) => by_key(db, scope, key).await?.ok_or_else(|| {
            sqlx::Error::Protocol("a feedback row vanished after a key conflict".into())
        }),
        _ => Ok(row.clone()),
    }
}

/// The answer stored with `key` in `scope`, if there is one.
async fn by_key(db: &Db, scope: &str, key: &str) -> Result<Option<FeedbackRow>, sqlx::Error> {
    let row = sqlx::query(
        "SELECT id, article_id, helpful, comment, locale, customer_id, created_at \
         FROM kb_feedback WHERE idempotency_scope = $1 AND idempotency_key = $2",
    )
    .bind(scope)
    .bind(key)
    .fetch_optional(db.pool())
    .await?;
    row.as_ref().map(feedback_row).transpose()
}

fn feedback_row(row: &AnyRow) -> Result<FeedbackRow, sqlx::Error> {
    Ok(FeedbackRow {
        id: row.try_get("id")?,
        article_id: row.try_get("article_id")?,
        helpful: row.try_get::<i64, _>("helpful")? != 0,
        comment: row.try_get("comment")?,
        locale: row.try_get("locale")?,
        customer_id: row.try_get("customer_id")?,
        created_at: row.try_get("created_at")?,
    })
}
