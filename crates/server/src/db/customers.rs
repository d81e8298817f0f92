//! The `customers` table: a customer is made the first time an address signs
//! in, and is known by that address (lower-cased) from then on.

use serde::Serialize;
use sqlx::any::AnyRow;
use sqlx::{AnyConnection, Row};

use crate::auth::secret::new_id;

/// A customer as the API shows them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Customer {
    pub id: String,
    pub email: String,
    pub name: String,
    /// The language their mail is written in.
    #[serde(skip)]
    pub locale: String,
}

const COLUMNS: &str = "id, email, name, locale";

fn customer(row: &AnyRow) -> Result<Customer, sqlx::Error> {
    Ok(Customer {
        id: row.try_get("id")?,
        email: row.try_get("email")?,
        name: row.try_get("name")?,
        locale: row.try_get("locale")?,
    })
}

/// The customer with the (normalized) address `email`, if there is one.
pub async fn find_by_email(
    connection: &mut AnyConnection,
    email: &str,
) -> Result<Option<Customer>, sqlx::Error> {
    let sql = format!("SELECT {COLUMNS} FROM customers WHERE email = $1");
    let row = sqlx::query(&sql)
        .bind(email)
        .fetch_optional(&mut *connection)
        .await?;
    row.as_ref().map(customer).transpose()
}

/// The customer with the address `email`, made with `name` and `locale` if
/// there is none yet. A customer who has no name yet gets `name`. Safe when
/// two sign-ins of a new address race: the unique address decides.
pub async fn find_or_create(
    tx: &mut AnyConnection,
    email: &str,
    name: &str,
    locale: &str,
    now: &str,
) -> Result<Customer, sqlx::Error> {
    sqlx::query(
        "INSERT INTO customers (id, email, name, locale, created_at) \
         VALUES ($1, $2, $3, $4, $5) ON CONFLICT (email) DO NOTHING",
    )
    .bind(new_id("cus"))
    .bind(email)
    .bind(name)
    .bind(locale)
    .bind(now)
    .execute(&mut *tx)
    .await?;
    if !name.is_empty() {
        sqlx::query("UPDATE customers SET name = $1 WHERE email = $2 AND name = ''")
            .bind(name)
            .bind(email)
            .execute(&mut *tx)
            .await?;
    }
    find_by_email(tx, email)
        .await?
        .ok_or(sqlx::Error::RowNotFound)
}
