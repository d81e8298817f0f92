//! The `products` table: the products customers registered, one row each,
//! unique per customer by model and serial number and stored once per
//! `Idempotency-Key`. The rules are in [`crate::http::products`]; this
//! module only reads and writes rows.

use sqlx::any::AnyRow;
use sqlx::{AnyConnection, Row};

/// A registered product, as it is stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProductRow {
    pub id: String,
    pub customer_id: String,
    /// As the catalog spells it.
    pub model: String,
    /// Trimmed and upper-cased.
    pub serial_number: String,
    /// `YYYY-MM-DD`.
    pub purchase_date: String,
    pub proof_attachment_id: Option<String>,
    pub created_at: String,
}

const COLUMNS: &str =
    "id, customer_id, model, serial_number, purchase_date, proof_attachment_id, created_at";

fn product(row: &AnyRow) -> Result<ProductRow, sqlx::Error> {
    Ok(ProductRow {
        id: row.try_get("id")?,
        customer_id: row.try_get("customer_id")?,
        model: row.try_get("model")?,
        serial_number: row.try_get("serial_number")?,
        purchase_date: row.try_get("purchase_date")?,
        proof_attachment_id: row.try_get("proof_attachment_id")?,
        created_at: row.try_get("created_at")?,
    })
}

/// What [`insert`] did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Inserted {
    /// The row was stored now.
    Created(ProductRow),
    /// The same identity's idempotency key had stored this one before.
    Existing(ProductRow),
    /// The customer had registered this model and serial number already.
    AlreadyRegistered,
}

/// Stores `row` inside the caller's transaction, unless the same
/// identity's `idempotency` key (scope, key) stored one already or the
/// customer registered the same model and serial number before.
pub async fn insert(
    tx: &mut AnyConnection,
    row: &ProductRow,
    idempotency: Option<(&str, &str)>,
) -> Result<Inserted, sqlx::Error> {
    let (scope, key) = idempotency.unzip();
    let inserted = sqlx::query(
        "INSERT INTO products (id, customer_id, model, serial_number, purchase_date, \
         proof_attachment_id, created_at, idempotency_scope, idempotency_key) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT DO NOTHING",
    )
    .bind(&row.id)
    .bind(&row.customer_id)
    .bind(&row.model)
    .bind(&row.serial_number)
    .bind(&row.purchase_date)
    .bind(row.proof_attachment_id.as_deref())
    .bind(&row.created_at)
    .bind(scope)
    .bind(key)
    .execute(&mut *tx)
    .await?
    .rows_affected();
    if inserted == 1 {
        return Ok(Inserted::Created(row.clone()));
    }
    if let (Some(scope), Some(key)) = (scope, key) {
        if let Some(found) = by_key(tx, scope, key).await? {
            return Ok(Inserted::Existing(found));
        }
    }
    Ok(Inserted::AlreadyRegistered)
}

/// The product stored with the idempotency `key` in `scope`, if any.
pub async fn by_key(
    connection: &mut AnyConnection,
    scope: &str,
    key: &str,
) -> Result<Option<ProductRow>, sqlx::Error> {
    let sql = format!(
        "SELECT {COLUMNS} FROM products WHERE idempotency_scope = $1 AND idempotency_key = $2"
    );
    let found = sqlx::query(&sql)
        .bind(scope)
        .bind(key)
        .fetch_optional(&mut *connection)
        .await?;
    found.as_ref().map(product).transpose()
}

/// The customer's products, newest first.
pub async fn of_customer(
    connection: &mut AnyConnection,
    customer_id: &str,
) -> Result<Vec<ProductRow>, sqlx::Error> {
    let sql = format!(
        "SELECT {COLUMNS} FROM products WHERE customer_id = $1 \
         ORDER BY created_at DESC, id DESC"
    );
    let rows = sqlx::query(&sql)
        .bind(customer_id)
        .fetch_all(&mut *connection)
        .await?;
    rows.iter().map(product).collect()
}

/// Whether a product names the upload `attachment_id` as its proof.
pub async fn proof_in_use(
    connection: &mut AnyConnection,
    attachment_id: &str,
) -> Result<bool, sqlx::Error> {
    let found: Option<(String,)> =
        sqlx::query_as("SELECT id FROM products WHERE proof_attachment_id = $1")
            .bind(attachment_id)
            .fetch_optional(&mut *connection)
            .await?;
    Ok(found.is_some())
}

/// A service request of a customer, as much as a product's history needs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VisitRow {
    pub number: String,
    pub request_type: String,
    pub status: String,
    /// The form's answers, as JSON text.
    pub fields: String,
    pub created_at: String,
    pub updated_at: String,
}

/// Every service request of the customer, newest first. The caller picks
/// those naming a serial number: the fields are JSON text, which the two
/// engines read differently.
pub async fn visits_of_customer(
    connection: &mut AnyConnection,
    customer_id: &str,
) -> Result<Vec<VisitRow>, sqlx::Error> {
    let rows = sqlx::query(
        "SELECT number, request_type, status, fields, created_at, updated_at \
         FROM service_requests WHERE customer_id = $1 ORDER BY created_at DESC, id DESC",
    )
    .bind(customer_id)
    .fetch_all(&mut *connection)
    .await?;
    rows.iter()
        .map(|row| {
            Ok(VisitRow {
                number: row.try_get("number")?,
                request_type: row.try_get("request_type")?,
                status: row.try_get("status")?,
                fields: row.try_get("fields")?,
                created_at: row.try_get("created_at")?,
                updated_at: row.try_get("updated_at")?,
            })
        })
        .collect()
}
