//! The `sessions` table: bearer tokens by their SHA-256, each belonging to a
//! customer or a staff member, good until they expire or are revoked.

use sqlx::{AnyConnection, AnyPool, Row};

use crate::auth::StaffRole;

/// Whose a session is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Owner {
    Customer {
        id: String,
        email: String,
    },
    Staff {
        id: String,
        name: String,
        role: StaffRole,
    },
}

/// Stores a session for `owner_id`, a customer's or a staff member's id.
pub async fn insert(
    tx: &mut AnyConnection,
    token_hash: &str,
    staff: bool,
    owner_id: &str,
    created_at: &str,
    expires_at: &str,
) -> Result<(), sqlx::Error> {
    let (kind, column) = if staff {
        ("staff", "staff_id")
    } else {
        ("customer", "customer_id")
    };
    let sql = format!(
        "INSERT INTO sessions (token_hash, kind, {column}, created_at, expires_at) \
         VALUES ($1, $2, $3, $4, $5)"
    );
    sqlx::query(&sql)
        .bind(token_hash)
        .bind(kind)
        .bind(owner_id)
        .bind(created_at)
        .bind(expires_at)
        .execute(&mut *tx)
        .await
        .map(drop)
}

/// The owner of the session `token_hash` if it is neither expired nor
/// revoked at `now`, and is not a deleted customer (whose sessions are
/// revoked anyway; this is a second lock on the same door).
pub async fn find_live(
    pool: &AnyPool,
    token_hash: &str,
    now: &str,
) -> Result<Option<Owner>, sqlx::Error> {
    let row = sqlx::query(
        "SELECT s.kind AS kind, c.id AS customer_id, c.email AS email, \
         t.id AS staff_id, t.name AS staff_name, t.role AS role \
         FROM sessions s \
         LEFT JOIN customers c ON c.id = s.customer_id \
         LEFT JOIN staff t ON t.id = s.staff_id \
         WHERE s.token_hash = $1 AND s.revoked = 0 AND s.expires_at > $2 \
         AND (s.kind = 'staff' OR c.deleted_at IS NULL)",
    )
    .bind(token_hash)
    .bind(now)
    .fetch_optional(pool)
    .await?;
    let Some(row) = row else {
        return Ok(None);
    };
    let kind: String = row.try_get("kind")?;
    let owner = if kind == "staff" {
        let role: String = row.try_get("role")?;
        Owner::Staff {
            id: row.try_get("staff_id")?,
            name: row.try_get("staff_name")?,
            role: role
                .parse()
                .map_err(|e: String| sqlx::Error::Decode(e.into()))?,
        }
    } else {
        Owner::Customer {
            id: row.try_get("customer_id")?,
            email: row.try_get("email")?,
        }
    };
    Ok(Some(owner))
}

/// Revokes the session `token_hash`; whether it was live before.
pub async fn revoke(pool: &AnyPool, token_hash: &str) -> Result<bool, sqlx::Error> {
    let done = sqlx::query("UPDATE sessions SET revoked = 1 WHERE token_hash = $1 AND revoked = 0")
        .bind(token_hash)
        .execute(pool)
        .await?;
    Ok(done.rows_affected() == 1)
}
