//! The shapes of the registered-product and own-data bodies, mirroring
//! `aftercare_core`'s `NewProduct`, `RegisteredProduct` and `ProductList`
//! and the server's data export (see [`crate::account::MyData`]).

#![allow(dead_code)]

use serde::Serialize;
use serde_json::{Map, Value};
use utoipa::ToSchema;

use super::request_schemas::{RequestStatus, RequestView};

/// `POST /products`: a product to register.
#[derive(Serialize, ToSchema)]
pub struct NewProduct {
    /// A model from the catalog (`service.products`), in any case.
    #[schema(example = "BW-500")]
    model: String,
    /// 1 to 64 letters, digits, `-`, `/`, `.` and spaces; stored trimmed
    /// and upper-cased.
    serial_number: String,
    /// The day it was bought; not after today.
    #[schema(format = Date)]
    purchase_date: String,
    /// The id of a finished upload of the customer's that no request or
    /// other product uses.
    proof_of_purchase: Option<String>,
}

/// A registered product, with its warranty and service history.
#[derive(Serialize, ToSchema)]
pub struct RegisteredProduct {
    #[schema(example = "prd_...")]
    id: String,
    /// As the catalog spells it.
    model: String,
    /// Upper-cased.
    serial_number: String,
    #[schema(format = Date)]
    purchase_date: String,
    /// The proof of purchase's upload id.
    proof_of_purchase: Option<String>,
    #[schema(format = DateTime)]
    registered_at: String,
    /// On the server's today; `null` when the catalog no longer lists the
    /// model.
    warranty: Option<WarrantyStatus>,
    /// The customer's requests whose `serial_number` is this one (trimmed,
    /// in any case), newest first.
    history: Vec<ServiceVisit>,
}

/// Whether a product is covered, tagged by `status`: `in_warranty` up to
/// and including `until`, `expired` with the day `on`, or `not_yet_valid`
/// (bought after the day asked about).
#[derive(Serialize, ToSchema)]
pub struct WarrantyStatus {
    #[schema(example = "in_warranty")]
    status: WarrantyState,
    /// With `in_warranty`.
    #[schema(format = Date)]
    until: Option<String>,
    /// With `expired`.
    #[schema(format = Date)]
    on: Option<String>,
}

/// The warranty's states.
#[derive(Serialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum WarrantyState {
    InWarranty,
    Expired,
    NotYetValid,
}

/// A service request about a product.
#[derive(Serialize, ToSchema)]
pub struct ServiceVisit {
    number: String,
    #[serde(rename = "type")]
    request_type: String,
    status: RequestStatus,
    created_at: String,
    updated_at: String,
}

/// `GET /products`: the customer's products, newest first.
#[derive(Serialize, ToSchema)]
pub struct ProductList {
    items: Vec<RegisteredProduct>,
}

/// `GET /me/export`: everything the backend holds about the customer.
#[derive(Serialize, ToSchema)]
pub struct MyData {
    #[schema(format = DateTime)]
    exported_at: String,
    customer: MyCustomer,
    /// Every request of theirs, whole, newest first.
    requests: Vec<RequestView>,
    /// The files they uploaded or that are attached to their requests.
    attachments: Vec<MyFile>,
    products: Vec<RegisteredProduct>,
    surveys: Vec<MySurvey>,
    /// Their "Was this helpful?" answers in the knowledge base.
    feedback: Vec<MyFeedback>,
}

/// The customer's own record.
#[derive(Serialize, ToSchema)]
pub struct MyCustomer {
    id: String,
    email: String,
    name: String,
    locale: String,
    #[schema(format = DateTime)]
    created_at: String,
}

/// A file in the export.
#[derive(Serialize, ToSchema)]
pub struct MyFile {
    id: String,
    name: String,
    content_type: String,
    bytes: i64,
    /// The request it is attached to, by number; `null` for a file no
    /// request uses (a proof of purchase).
    request: Option<String>,
}

/// A survey answer set in the export.
#[derive(Serialize, ToSchema)]
pub struct MySurvey {
    number: String,
    /// By question key.
    #[schema(value_type = Object)]
    answers: Map<String, Value>,
    #[schema(format = DateTime)]
    submitted_at: String,
    #[schema(format = DateTime)]
    updated_at: String,
}

/// A knowledge-base answer in the export.
#[derive(Serialize, ToSchema)]
pub struct MyFeedback {
    article_id: String,
    helpful: bool,
    comment: Option<String>,
    locale: String,
    #[schema(format = DateTime)]
    created_at: String,
}
