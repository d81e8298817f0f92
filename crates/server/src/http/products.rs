//! A signed-in customer's registered products (客户档案), relative to
//! `/api/v1`:
//!
//! - `GET /products` lists them, newest first, as the core's
//!   [`ProductList`]: each with its warranty status on the server's today
//!   (computed by the core from the catalog's warranty months) and its
//!   service history — the customer's requests whose form's
//!   `serial_number` is the product's (trimmed, in any case), newest first;
//! - `POST /products` registers one (the core's [`NewProduct`]) and answers
//!   201 with the [`RegisteredProduct`]. The rules are the core's
//!   [`NewProduct::check`] (a 422 problem pointing at `/model`,
//!   `/serial_number` or `/purchase_date`; a purchase date is in the future
//!   only after the latest day it is anywhere, see [`latest_today`]); the
//!   proof of purchase must be a finished upload of the customer's that no
//!   request or other product uses (else 422 at `/proof_of_purchase`, as
//!   for a request's files); the
//!   same model and serial number twice is a 409 `already-registered`
//!   problem pointing at `/serial_number`. The product is stored
//!   normalised (the model as the catalog spells it, the serial number
//!   upper-cased). Like every POST it goes through the idempotency layer,
//!   and its key is also stored on the row.
//!
//! Anyone but a signed-in customer gets a 401 problem.

use aftercare_core::product::product_codes;
use aftercare_core::{
    Date, NewProduct, ProductList, RegisteredProduct, ServiceCatalog, ServiceVisit, Timestamp,
};
use axum::extract::{DefaultBodyLimit, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use serde_json::Value;
use sqlx::AnyConnection;

use super::extract::Json;
use super::idempotency::KEY_HEADER;
use super::identity::Identity;
use super::problem::{field_error, ApiError};
use super::AppState;
use crate::auth::secret::new_id;
use crate::clock::Clock;
use crate::db::products::{self, Inserted, ProductRow, VisitRow};
use crate::requests::{parse_status, warranty};

/// The largest body these routes read.
pub const BODY_LIMIT: usize = 16 * 1024;

/// The product routes, relative to `/api/v1`.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/products", get(list).post(register))
        .layer(DefaultBodyLimit::max(BODY_LIMIT))
}

/// The signed-in customer's id; a 401 problem for anyone else.
pub fn customer_id(identity: &Identity) -> Result<&str, ApiError> {
    match identity {
        Identity::Customer { id, .. } => Ok(id),
        _ => Err(ApiError::Unauthenticated(
            "Sign in as a customer to see your products and your data.".into(),
        )),
    }
}

/// The UTC offset of the easternmost time zone: no one anywhere is in a
/// later day than the one at this offset.
const EARLIEST_ZONE_MINUTES: i32 = 14 * 60;

/// The day on the clock in the zone `utc_offset_minutes` ahead of UTC.
fn day_at(clock: &Clock, utc_offset_minutes: i32) -> Date {
    warranty::day_at(clock.timestamp(), utc_offset_minutes).expect("the clock's day is a real date")
}

/// The server's today: the day in the service department's time zone (see
/// [`warranty::department_day`]). Warranties are computed on it, and the
/// export is named after it.
pub fn today(clock: &Clock, catalog: &ServiceCatalog) -> Date {
    warranty::department_day(catalog, clock.timestamp()).expect("the clock's day is a real date")
}

/// The latest day it is anywhere now: a purchase date is "in the future"
/// only after it, so that a customer east of the department who bought
/// something today can register it at once.
pub fn latest_today(clock: &Clock) -> Date {
    day_at(clock, EARLIEST_ZONE_MINUTES)
}

/// Whether the form answers `fields` (JSON text) name `serial`: their
/// `serial_number` is the same once both are trimmed, in any case.
pub fn names_serial(fields: &str, serial: &str) -> bool {
    let Ok(Value::Object(fields)) = serde_json::from_str::<Value>(fields) else {
        return false;
    };
    match fields.get("serial_number") {
        Some(Value::String(named)) => {
            let named = named.trim();
            !named.is_empty() && named.to_uppercase() == serial.trim().to_uppercase()
        }
        _ => false,
    }
}

/// The service history of `serial` among `visits` (newest first, and kept
/// in that order): the requests that name it.
pub fn history(serial: &str, visits: &[VisitRow]) -> Vec<ServiceVisit> {
    visits
        .iter()
        .filter(|visit| names_serial(&visit.fields, serial))
        .filter_map(|visit| {
            Some(ServiceVisit {
                number: visit.number.clone(),
                request_type: visit.request_type.clone(),
                status: parse_status(&visit.status)?,
                created_at: visit.created_at.clone(),
                updated_at: visit.updated_at.clone(),
            })
        })
        .collect()
}

/// `row` as the API shows it, with its warranty on `today` and its history
/// among `visits`.
pub fn registered(
    row: &ProductRow,
    catalog: &ServiceCatalog,
    today: Date,
    visits: &[VisitRow],
) -> Result<RegisteredProduct, ApiError> {
    let purchase_date = Date::parse(&row.purchase_date).map_err(|_| {
        ApiError::Fault(format!(
            "product {} has an invalid purchase date {:?}",
            row.id, row.purchase_date
        ))
    })?;
    let registered_at = Timestamp::parse(&row.created_at).map_err(|_| {
        ApiError::Fault(format!(
            "product {} has an invalid time {:?}",
            row.id, row.created_at
        ))
    })?;
    Ok(RegisteredProduct {
        id: row.id.clone(),
        model: row.model.clone(),
        serial_number: row.serial_number.clone(),
        purchase_date,
        proof_of_purchase: row.proof_attachment_id.clone(),
        registered_at,
        warranty: catalog.warranty(&row.model, purchase_date, today),
        history: history(&row.serial_number, visits),
    })
}

/// The customer's products as `GET /products` lists them; the data export
/// lists the same.
pub async fn product_list(
    connection: &mut AnyConnection,
    catalog: &ServiceCatalog,
    today: Date,
    customer_id: &str,
) -> Result<ProductList, ApiError> {
    let rows = products::of_customer(connection, customer_id).await?;
    let visits = if rows.is_empty() {
        Vec::new()
    } else {
        products::visits_of_customer(connection, customer_id).await?
    };
    let items = rows
        .iter()
        .map(|row| registered(row, catalog, today, &visits))
        .collect::<Result<_, _>>()?;
    Ok(ProductList { items })
}

async fn list(
    State(state): State<AppState>,
    identity: Identity,
) -> Result<axum::Json<ProductList>, ApiError> {
    let customer = customer_id(&identity)?;
    let mut connection = state.db.pool().acquire().await?;
    let list = product_list(
        &mut connection,
        &state.catalog,
        today(&state.clock, &state.catalog),
        customer,
    )
    .await?;
    Ok(axum::Json(list))
}

async fn register(
    State(state): State<AppState>,
    identity: Identity,
    headers: HeaderMap,
    Json(body): Json<NewProduct>,
) -> Result<Response, ApiError> {
    let customer = customer_id(&identity)?.to_string();
    let today = today(&state.clock, &state.catalog);
    let mut errors = body.check(&state.catalog, latest_today(&state.clock));
    let product = body.normalized(&state.catalog);
    let scope = identity.scope();
    let key = headers
        .get(KEY_HEADER)
        .and_then(|value| value.to_str().ok());
    let idempotency = key.map(|key| (scope.as_str(), key));
    let mut tx = state.db.begin_immediate().await?;
    // A key that stored its product before answers with it, even if its
    // first request's claim was taken over (its proof is in use by now).
    if let Some((scope, key)) = idempotency {
        if let Some(found) = products::by_key(&mut tx, scope, key).await? {
            tx.commit().await?;
            return answer(&state, &found, today).await;
        }
    }
    if let Some(proof) = &product.proof_of_purchase {
        let pointer = "/proof_of_purchase";
        if let Some(error) =
            crate::attachments::check_proof(&mut tx, &scope, proof, pointer).await?
        {
            errors.push(error);
        }
    }
    if !errors.is_empty() {
        return Err(ApiError::Unprocessable(errors));
    }
    let mut row = ProductRow {
        id: new_id("prd"),
        customer_id: customer,
        model: product.model,
        serial_number: product.serial_number,
        purchase_date: product.purchase_date.to_string(),
        proof_attachment_id: product.proof_of_purchase,
        created_at: state.clock.stamp(),
    };
    match products::insert(&mut tx, &row, idempotency).await? {
        Inserted::Created(stored) | Inserted::Existing(stored) => row = stored,
        Inserted::AlreadyRegistered => {
            return Err(ApiError::AlreadyRegistered(field_error(
                "/serial_number",
                product_codes::ALREADY_REGISTERED,
                format!(
                    "You registered the {} with serial number {} already.",
                    row.model, row.serial_number
                ),
            )))
        }
    }
    tx.commit().await?;
    answer(&state, &row, today).await
}

/// The 201 answer for the stored `row`.
async fn answer(state: &AppState, row: &ProductRow, today: Date) -> Result<Response, ApiError> {
    let mut connection = state.db.pool().acquire().await?;
    let visits = products::visits_of_customer(&mut connection, &row.customer_id).await?;
    let product = registered(row, &state.catalog, today, &visits)?;
    Ok((StatusCode::CREATED, axum::Json(product)).into_response())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn visit(number: &str, fields: &str) -> VisitRow {
        VisitRow {
            number: number.into(),
            request_type: "fault_report".into(),
            status: "submitted".into(),
            fields: fields.into(),
            created_at: "2027-01-01T00:00:00.000Z".into(),
            updated_at: "2027-01-01T00:00:00.000Z".into(),
        }
    }

    #[test]
    fn a_serial_is_named_trimmed_and_in_any_case() {
        assert!(names_serial(r#"{"serial_number":" sn-1 "}"#, "SN-1"));
        assert!(!names_serial(r#"{"serial_number":"SN-10"}"#, "SN-1"));
        assert!(!names_serial(r#"{"serial_number":""}"#, ""));
        assert!(!names_serial(r#"{"serial":"SN-1"}"#, "SN-1"));
        assert!(!names_serial("not json", "SN-1"));
    }

    #[test]
    fn history_keeps_the_order_and_only_the_serials_requests() {
        let visits = [
            visit("B", r#"{"serial_number":"sn-1"}"#),
            visit("X", r#"{"serial_number":"SN-2"}"#),
            visit("A", r#"{"serial_number":"SN-1"}"#),
        ];
        let numbers: Vec<_> = history("SN-1", &visits)
            .into_iter()
            .map(|v| v.number)
            .collect();
        assert_eq!(numbers, ["B", "A"]);
    }
}
