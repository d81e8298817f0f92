//! The shapes of the contract's bodies, as OpenAPI schemas. They mirror the
//! types that really travel (`aftercare_core`'s, which must not depend on
//! utoipa because they ship in the wasm portal, and the server's views); they
//! are never built, only described. A test compares the document with what
//! the routes answer, so a drift shows.

#![allow(dead_code)]

use std::collections::BTreeMap;

use serde::Serialize;
use serde_json::Value;
use utoipa::ToSchema;

/// Text by locale tag (`en`, `zh-CN`, `zh-TW`).
#[derive(Serialize, ToSchema)]
pub struct LocalizedText(BTreeMap<String, String>);

/// An RFC 9457 problem document (`application/problem+json`).
#[derive(Serialize, ToSchema)]
pub struct Problem {
    /// A stable URI per kind of error, under `https://aftercare.dev/problems/`.
    #[serde(rename = "type")]
    kind: String,
    /// A human title, in the `Accept-Language` language.
    title: String,
    status: u16,
    detail: Option<String>,
    /// For validation problems: one entry per broken rule.
    errors: Option<Vec<FieldError>>,
}

/// One broken rule of a validation problem.
#[derive(Serialize, ToSchema)]
pub struct FieldError {
    /// A JSON pointer into the body (`/fields/serial_number`), or
    /// `/headers/NAME`, `/query/NAME`.
    pointer: String,
    /// A stable code such as `required`, `too_long`, `not_an_option`.
    code: String,
    detail: String,
}

/// `GET /healthz`.
#[derive(Serialize, ToSchema)]
pub struct Health {
    #[schema(example = "ok")]
    status: String,
}

/// `GET /portal`: the portal's configuration and its service catalog.
#[derive(Serialize, ToSchema)]
pub struct Portal {
    locales: Vec<String>,
    default_locale: String,
    categories: Vec<Category>,
    branding: Branding,
    search: super::kb_schemas::SearchSettings,
    service: ServiceCatalog,
}

/// A knowledge-base category.
#[derive(Serialize, ToSchema)]
pub struct Category {
    key: String,
    label: LocalizedText,
    description: LocalizedText,
}

/// The vendor's names and colour.
#[derive(Serialize, ToSchema)]
pub struct Branding {
    portal_name: LocalizedText,
    vendor_name: LocalizedText,
    accent_color: String,
}

/// Request types, severities and their targets, uploads, the privacy
/// notice, business hours and the product models with their warranties.
#[derive(Serialize, ToSchema)]
pub struct ServiceCatalog {
    request_types: Vec<RequestType>,
    severities: Vec<Severity>,
    uploads: UploadLimits,
    privacy_notice: LocalizedText,
    business_hours: Option<BusinessCalendar>,
    /// Whether service-level clocks pause while waiting on the customer.
    pause_while_waiting: bool,
    /// The product models serviced; the portal computes warranty status
    /// from a model's months and the purchase date.
    products: Vec<ProductModel>,
    /// The satisfaction survey offered once a request is resolved; absent
    /// when the department does not survey.
    survey: Option<super::survey_schemas::SurveyDefinition>,
}

/// A product model and its warranty.
#[derive(Serialize, ToSchema)]
pub struct ProductModel {
    /// The model number, matched ignoring case.
    #[schema(example = "BW-500")]
    model: String,
    name: LocalizedText,
    /// How long the warranty runs from the purchase date; 0 is no cover.
    warranty_months: u32,
}

/// A kind of service request and its form.
#[derive(Serialize, ToSchema)]
pub struct RequestType {
    key: String,
    label: LocalizedText,
    description: LocalizedText,
    fields: Vec<FieldDef>,
    /// Whether it goes to the supervisors' queue (complaints).
    supervisor_queue: bool,
}

/// One question of a form.
#[derive(Serialize, ToSchema)]
pub struct FieldDef {
    key: String,
    kind: FieldKind,
    label: LocalizedText,
    required: bool,
    /// For `select` and `multiselect`.
    options: Option<Vec<FieldOption>>,
    /// When the field applies; always when absent.
    when: Option<Condition>,
}

/// What kind of answer a field takes.
#[derive(Serialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum FieldKind {
    Text,
    Textarea,
    Email,
    Phone,
    Date,
    Datetime,
    Number,
    Select,
    Multiselect,
    Checkbox,
    Address,
    Product,
    Serial,
    Attachments,
}

/// One choice of a select field.
#[derive(Serialize, ToSchema)]
pub struct FieldOption {
    value: String,
    label: LocalizedText,
}

/// `{"field": KEY, "equals": VALUE}` or `{"field": KEY, "in": [VALUES]}`.
#[derive(Serialize, ToSchema)]
pub struct Condition {
    field: String,
    /// The answer that makes the field apply: an option's value, or `true`
    /// or `false` for a checkbox.
    #[schema(value_type = Option<String>)]
    equals: Option<Value>,
    /// The answers that make the field apply.
    #[serde(rename = "in")]
    #[schema(value_type = Option<Vec<String>>)]
    one_of: Option<Vec<Value>>,
}

/// A severity and its service-level targets.
#[derive(Serialize, ToSchema)]
pub struct Severity {
    key: String,
    level: u8,
    label: LocalizedText,
    description: LocalizedText,
    targets: ServiceTargets,
}

/// Minutes to the first response, the visit and the resolution.
#[derive(Serialize, ToSchema)]
pub struct ServiceTargets {
    first_response_minutes: u32,
    on_site_minutes: Option<u32>,
    resolve_minutes: u32,
    business_hours_only: bool,
}

/// What uploads may be.
#[derive(Serialize, ToSchema)]
pub struct UploadLimits {
    max_bytes: u64,
    allowed_types: Vec<String>,
    image_max_edge_px: u32,
}

/// Opening hours for business-hours service levels.
#[derive(Serialize, ToSchema)]
pub struct BusinessCalendar {
    utc_offset_minutes: i32,
    weekly: Vec<OpeningHours>,
    #[schema(format = Date)]
    closed_dates: Vec<String>,
}

/// One open stretch of a weekday, in minutes after local midnight.
#[derive(Serialize, ToSchema)]
pub struct OpeningHours {
    #[schema(example = "monday")]
    weekday: String,
    open_minute: u16,
    close_minute: u16,
}

/// A knowledge-base article.
#[derive(Serialize, ToSchema)]
pub struct Article {
    id: String,
    locale: String,
    category: String,
    title: String,
    tags: Vec<String>,
    /// Sanitized HTML rendered from the article's Markdown.
    html: String,
    /// Plain text, for search.
    text: String,
    updated_at: String,
}

/// A page of the article feed.
#[derive(Serialize, ToSchema)]
pub struct ArticlePage {
    articles: Vec<Article>,
    /// Ids of articles removed since `since`.
    tombstones: Vec<String>,
    next_cursor: Option<String>,
}

/// `POST /auth/email-code`.
#[derive(Serialize, ToSchema)]
pub struct EmailCodeBody {
    email: String,
    locale: Option<String>,
}

/// `POST /auth/session`.
#[derive(Serialize, ToSchema)]
pub struct SessionBody {
    email: String,
    #[schema(example = "042517")]
    code: String,
}

/// `POST /auth/embed`: a vendor's HS256 JWT.
#[derive(Serialize, ToSchema)]
pub struct EmbedBody {
    token: String,
}

/// A new session.
#[derive(Serialize, ToSchema)]
pub struct SignedIn {
    /// The bearer token; shown once.
    token: String,
    expires_at: String,
    customer: Customer,
}

/// A customer.
#[derive(Serialize, ToSchema)]
pub struct Customer {
    id: String,
    email: String,
    name: String,
}

/// Whose a bearer token is.
#[derive(Serialize, ToSchema)]
#[serde(tag = "kind", rename_all = "lowercase")]
pub enum Whoami {
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

/// A staff member's role.
#[derive(Serialize, ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum StaffRole {
    Engineer,
    Supervisor,
}
