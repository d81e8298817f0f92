//! The `idempotency_keys` table: one row per `Idempotency-Key` and identity,
//! claimed before the request runs and holding its response afterwards.
//! The unique `(scope, key)` pair decides every race: whoever inserts the
//! row runs the request; everyone else finds it in flight or finished.

use sqlx::any::AnyRow;
use sqlx::{AnyPool, Row};

/// A response as it is kept for replay. The body is stored sealed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredResponse {
    pub status: u16,
    pub content_type: Option<String>,
    pub body: Vec<u8>,
}

/// A key's row as another request finds it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Existing {
    /// The fingerprint of the request that claimed the key.
    pub fingerprint: String,
    /// Its response, once it finished.
    pub response: Option<StoredResponse>,
}

/// The outcome of [`claim`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Claim {
    /// The key was free; the caller now runs the request.
    Won,
    /// The key was taken.
    Taken(Existing),
}

/// Claims `key` in `scope` for a request with `fingerprint`, in a statement
/// of its own (so the claim is visible to every other server at once).
pub async fn claim(
    pool: &AnyPool,
    scope: &str,
    key: &str,
    fingerprint: &str,
    now: &str,
) -> Result<Claim, sqlx::Error> {
    // A row can vanish between the insert and the read when its request
    // failed and released it; then the key is free again, so try again.
    for _ in 0..3 {
        let inserted = sqlx::query(
            "INSERT INTO idempotency_keys (scope, key, fingerprint, created_at) \
             VALUES ($1, $2, $3, $4) ON CONFLICT (scope, key) DO NOTHING",
        )
        .bind(scope)
        .bind(key)
        .bind(fingerprint)
        .bind(now)
        .execute(pool)
        .await?
        .rows_affected();
        if inserted == 1 {
            return Ok(Claim::Won);
        }
        let row = sqlx::query(
            "SELECT fingerprint, status, content_type, body \
             FROM idempotency_keys WHERE scope = $1 AND key = $2",
        )
        .bind(scope)
        .bind(key)
        .fetch_optional(pool)
        .await?;
        if let Some(row) = row {
            return Ok(Claim::Taken(existing(&row)?));
        }
    }
    Err(sqlx::Error::Protocol(
        "an idempotency key kept being claimed and released".into(),
    ))
}

fn existing(row: &AnyRow) -> Result<Existing, sqlx::Error> {
    let status: Option<i64> = row.try_get("status")?;
    let response = match status {
        None => None,
        Some(status) => Some(StoredResponse {
            status: u16::try_from(status).map_err(|e| sqlx::Error::Decode(e.into()))?,
            content_type: row.try_get("content_type")?,
            body: row
                .try_get::<Option<Vec<u8>>, _>("body")?
                .unwrap_or_default(),
        }),
    };
    Ok(Existing {
        fingerprint: row.try_get("fingerprint")?,
        response,
    })
}

/// Takes over a claim whose request was abandoned (its server died before
/// it finished): succeeds only if the row is still unfinished, was claimed
/// for the same request, and was claimed before `stale_before`.
pub async fn take_over(
    pool: &AnyPool,
    scope: &str,
    key: &str,
    fingerprint: &str,
    now: &str,
    stale_before: &str,
) -> Result<bool, sqlx::Error> {
    let taken = sqlx::query(
        "UPDATE idempotency_keys SET created_at = $4 \
         WHERE scope = $1 AND key = $2 AND fingerprint = $3 \
         AND status IS NULL AND created_at < $5",
    )
    .bind(scope)
    .bind(key)
    .bind(fingerprint)
    .bind(now)
    .bind(stale_before)
    .execute(pool)
    .await?
    .rows_affected();
    Ok(taken == 1)
}

/// Records the response of the request that claimed the key.
pub async fn complete(
    pool: &AnyPool,
    scope: &str,
    key: &str,
    response: &StoredResponse,
    now: &str,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "UPDATE idempotency_keys SET status = $3, content_type = $4, body = $5, completed_at = $6 \
         WHERE scope = $1 AND key = $2 AND status IS NULL",
    )
    .bind(scope)
    .bind(key)
    .bind(i16::try_from(response.status).unwrap_or(500))
    .bind(response.content_type.as_deref())
    .bind(response.body.as_slice())
    .bind(now)
    .execute(pool)
    .await
    .map(drop)
}

/// Frees an unfinished claim, so that a retry runs the request again.
pub async fn release(pool: &AnyPool, scope: &str, key: &str) -> Result<(), sqlx::Error> {
    sqlx::query("DELETE FROM idempotency_keys WHERE scope = $1 AND key = $2 AND status IS NULL")
        .bind(scope)
        .bind(key)
        .execute(pool)
        .await
        .map(drop)
}
