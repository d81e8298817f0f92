//! The `kb_events` table: the search analytics events of the knowledge
//! base (searches, zero results, result clicks, deflections), one row per
//! event, each batch stored once per `Idempotency-Key`.

use super::Db;

/// One event, checked and ready to store.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EventRow {
    /// `search`, `zero_result`, `result_click` or `deflection`.
    pub kind: &'static str,
    /// The query as the customer typed it.
    pub query: Option<String>,
    /// The query normalised for grouping (see [`crate::kb::report::query_key`]).
    pub query_key: Option<String>,
    pub article_id: Option<String>,
    pub results: Option<u32>,
    pub locale: String,
    /// When it happened on the device, in the stored layout.
    pub at: String,
}

/// Stores a batch of events in one transaction, stamped `received_at`.
/// With `idempotency` (scope and key), an event whose place in a batch with
/// the same key was stored before is skipped, so a batch is stored once
/// even when its first request's claim was taken over after a crash.
/// Returns how many rows were written.
pub async fn insert_batch(
    db: &Db,
    events: &[EventRow],
    received_at: &str,
    idempotency: Option<(&str, &str)>,
) -> Result<u64, sqlx::Error> {
    let (scope, key) = idempotency.unzip();
    let mut tx = db.begin_immediate().await?;
    let mut written = 0;
    for (position, event) in events.iter().enumerate() {
        written += sqlx::query(
            "INSERT INTO kb_events \
             (kind, query, query_key, article_id, results, locale, at, received_at, \
              idempotency_scope, idempotency_key, position) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) \
             ON CONFLICT (idempotency_scope, idempotency_key, position) DO NOTHING",
        )
        .bind(event.kind)
        .bind(event.query.as_deref())
        .bind(event.query_key.as_deref())
        .bind(event.article_id.as_deref())
        .bind(event.results.map(i64::from))
        .bind(&event.locale)
        .bind(&event.at)
        .bind(received_at)
        .bind(scope)
        .bind(key)
        .bind(position as i64)
        .execute(&mut *tx)
        .await?
        .rows_affected();
    }
    tx.commit().await?;
    Ok(written)
}
