//! The `sign_in_codes` table: the codes mailed to customers, by the peppered
//! hash of address and code. Only the newest code sent to an address works;
//! each one takes at most five tries and lasts ten minutes.

use sqlx::{AnyConnection, Row};

use crate::auth::secret::new_id;
use crate::auth::MAX_CODE_ATTEMPTS;

/// A code to store.
#[derive(Debug, Clone)]
pub struct NewCode<'a> {
    pub email: &'a str,
    pub code_hash: &'a str,
    pub locale: &'a str,
    pub created_at: &'a str,
    pub expires_at: &'a str,
}

/// Stores a new code for its address and retires the codes sent before it.
pub async fn replace(tx: &mut AnyConnection, code: &NewCode<'_>) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE sign_in_codes SET consumed = 1 WHERE email = $1 AND consumed = 0")
        .bind(code.email)
        .execute(&mut *tx)
        .await?;
    sqlx::query(
        "INSERT INTO sign_in_codes (id, email, code_hash, locale, created_at, expires_at) \
         VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(new_id("sic"))
    .bind(code.email)
    .bind(code.code_hash)
    .bind(code.locale)
    .bind(code.created_at)
    .bind(code.expires_at)
    .execute(&mut *tx)
    .await
    .map(drop)
}

/// Spends one try of the live code for `email` on `code_hash`. Returns the
/// code's language when it matched (the code is then used up), and `None`
/// when it did not or when no live code is left. The count and the check
/// happen in one statement, so concurrent tries can never exceed the limit.
pub async fn try_code(
    tx: &mut AnyConnection,
    email: &str,
    code_hash: &str,
    now: &str,
) -> Result<Option<String>, sqlx::Error> {
    let sql = format!(
        "UPDATE sign_in_codes SET attempts = attempts + 1, \
         consumed = CASE WHEN code_hash = $2 THEN 1 ELSE 0 END \
         WHERE email = $1 AND consumed = 0 AND attempts < {MAX_CODE_ATTEMPTS} AND expires_at > $3 \
         RETURNING consumed, locale"
    );
    let rows = sqlx::query(&sql)
        .bind(email)
        .bind(code_hash)
        .bind(now)
        .fetch_all(&mut *tx)
        .await?;
    for row in rows {
        if row.try_get::<i64, _>("consumed")? == 1 {
            return Ok(Some(row.try_get("locale")?));
        }
    }
    Ok(None)
}
