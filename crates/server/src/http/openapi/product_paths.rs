//! The operations on a customer's registered products and own data,
//! described for [`super::ApiDoc`] (see [`super::paths`]).

#![allow(dead_code)]

use super::product_schemas::{MyData, NewProduct, ProductList, RegisteredProduct};

#[utoipa::path(
    get, path = "/api/v1/products", tag = "products",
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The customer's products, newest first, each with its warranty on the server's today and its service history.", body = ProductList),
        (status = 401, description = "Not a signed-in customer."),
    )
)]
pub fn products_list() {}

#[utoipa::path(
    post, path = "/api/v1/products", tag = "products",
    security(("bearer" = [])),
    params(("Idempotency-Key" = Option<String>, Header, description = "Makes a retry replay the first answer; stored with the product, so one key registers one product.")),
    request_body = NewProduct,
    responses(
        (status = 201, description = "Registered (stored normalised), or registered before with this key.", body = RegisteredProduct),
        (status = 400, description = "A malformed body (such as a purchase date that is no day)."),
        (status = 401, description = "Not a signed-in customer."),
        (status = 409, description = "`already-registered` (this model and serial number, `errors` at `/serial_number`, code `already_registered`), or `idempotency-key-in-flight` with Retry-After."),
        (status = 422, description = "`validation`: `/model` (`required`, `unknown_model`), `/serial_number` (`required`, `too_long`, `invalid_serial`), `/purchase_date` (`in_the_future`), `/proof_of_purchase` (`unknown_attachment`, `rejected`, `incomplete`, `already_linked`); or `idempotency-key-reused`."),
    )
)]
pub fn products_register() {}

#[utoipa::path(
    get, path = "/api/v1/me/export", tag = "account",
    security(("bearer" = [])),
    responses(
        (status = 200, description = "Everything the backend holds about the customer, to download (`Content-Disposition: attachment; filename=\"aftercare-my-data-YYYY-MM-DD.json\"`).", body = MyData,
            headers(("Content-Disposition" = String))),
        (status = 401, description = "Not a signed-in customer."),
    )
)]
pub fn me_export() {}

#[utoipa::path(
    delete, path = "/api/v1/me", tag = "account",
    security(("bearer" = [])),
    responses(
        (status = 204, description = "The account is deleted: every session ends, products go, requests stay anonymised (no name, email, phone or address in their forms). Signing in again with the address makes a new, empty account."),
        (status = 401, description = "Not a signed-in customer."),
    )
)]
pub fn me_delete() {}
