//! The shapes of service requests and attachments, as OpenAPI schemas
//! (mirrors of [`crate::requests`] and [`crate::attachments`], see
//! [`super::schemas`]).

#![allow(dead_code)]

use serde::Serialize;
use serde_json::{Map, Value};
use utoipa::ToSchema;

/// `POST /requests`.
#[derive(Serialize, ToSchema)]
pub struct NewRequestBody {
    /// A request type's `key` from `GET /portal`.
    #[serde(rename = "type")]
    request_type: String,
    /// A severity's `key`.
    severity: String,
    /// The form's answers, by field key, checked against the type's form.
    #[schema(value_type = Object)]
    fields: Map<String, Value>,
    /// `zh-CN`, `zh-TW` or `en`; the request's language (and its mail's).
    locale: Option<String>,
}

/// Where a request stands.
#[derive(Serialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum RequestStatus {
    Submitted,
    Acknowledged,
    Assigned,
    Scheduled,
    InProgress,
    WaitingOnCustomer,
    Resolved,
    Closed,
    Cancelled,
}

/// A move of the lifecycle.
#[derive(Serialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum RequestAction {
    Submit,
    Acknowledge,
    Assign,
    Schedule,
    Start,
    WaitOnCustomer,
    CustomerReplied,
    Resolve,
    Close,
    Cancel,
    Reopen,
}

/// A service request, as the asker may see it.
#[derive(Serialize, ToSchema)]
pub struct RequestView {
    #[schema(example = "AC-7K3F-92")]
    number: String,
    #[serde(rename = "type")]
    request_type: String,
    severity: String,
    status: RequestStatus,
    locale: String,
    /// The form's answers, as sent.
    #[schema(value_type = Object)]
    fields: Map<String, Value>,
    created_at: String,
    /// The last activity.
    updated_at: String,
    engineer: Option<Named>,
    appointment: Option<Appointment>,
    /// Absent when the severity is no longer in the catalog.
    sla: Option<Sla>,
    /// The timeline, oldest first.
    events: Vec<Event>,
    messages: Vec<Message>,
    /// Every attached file, the form's and the messages', in the order
    /// they were added.
    attachments: Vec<Attachment>,
    /// What the asker may do next.
    allowed_actions: Vec<RequestAction>,
    /// The product's warranty on the day the request was opened; `null`
    /// when the form names no model the catalog knows, or no purchase date.
    warranty: Option<super::product_schemas::WarrantyStatus>,
    /// Whether the customer has answered the satisfaction survey.
    survey_answered: bool,
}

/// Someone shown by name.
#[derive(Serialize, ToSchema)]
pub struct Named {
    name: String,
}

/// A booked visit (RFC 3339).
#[derive(Serialize, ToSchema)]
pub struct Appointment {
    start: String,
    end: String,
}

/// Who did something: `customer`, `engineer`, `supervisor` or `system`;
/// staff are named, customers are not.
#[derive(Serialize, ToSchema)]
pub struct Actor {
    kind: String,
    name: Option<String>,
}

/// One entry of the timeline.
#[derive(Serialize, ToSchema)]
pub struct Event {
    at: String,
    actor: Actor,
    action: Option<RequestAction>,
    status: Option<RequestStatus>,
    message: Option<Message>,
    engineer: Option<Named>,
    appointment: Option<Appointment>,
    /// Shown to the customer on a staff step.
    note: Option<String>,
}

/// A message, verbatim plain text (render it as text), with the files
/// posted with it.
#[derive(Serialize, ToSchema)]
pub struct Message {
    id: String,
    at: String,
    author: Actor,
    /// Empty when the message only carries files.
    text: String,
    attachments: Vec<Attachment>,
}

/// An attached file: its metadata and where to download it.
#[derive(Serialize, ToSchema)]
pub struct Attachment {
    id: String,
    name: String,
    /// The media type the content check found.
    #[serde(rename = "type")]
    media_type: String,
    /// In bytes.
    size: i64,
    /// `/api/v1/attachments/{id}`, for `GET` with the asker's credentials.
    #[schema(example = "/api/v1/attachments/att_0123456789abcdef0123456789abcdef")]
    url: String,
}

/// The service-level times of a request.
#[derive(Serialize, ToSchema)]
pub struct Sla {
    /// `null` while paused.
    respond_by: Option<String>,
    /// `null` while paused or when the severity promises no visit.
    on_site_by: Option<String>,
    resolve_by: Option<String>,
    first_response: SlaState,
    on_site: Option<SlaState>,
    resolution: SlaState,
    business_hours_only: bool,
}

/// Where one service-level target stands.
#[derive(Serialize, ToSchema)]
#[serde(tag = "state", rename_all = "snake_case")]
pub enum SlaState {
    Running { due: String, remaining_minutes: i64 },
    Paused { remaining_minutes: i64 },
    Overdue { due: String, by_minutes: i64 },
    Met { at: String },
    Stopped { at: String },
}

/// A page of `GET /requests`.
#[derive(Serialize, ToSchema)]
pub struct RequestPage {
    items: Vec<RequestSummary>,
    /// `null` on the last page.
    next_cursor: Option<String>,
}

/// A request in a list.
#[derive(Serialize, ToSchema)]
pub struct RequestSummary {
    number: String,
    #[serde(rename = "type")]
    request_type: String,
    severity: String,
    status: RequestStatus,
    created_at: String,
    updated_at: String,
    /// Whether the customer has answered the satisfaction survey.
    survey_answered: bool,
}

/// `POST .../messages`: text, files, or both (not neither).
#[derive(Serialize, ToSchema)]
pub struct MessageBody {
    /// At most 10 000 characters, stored verbatim; may be empty when files
    /// are posted.
    #[serde(default)]
    text: String,
    /// At most 20 ids of the author's own complete uploads, linked nowhere
    /// yet; they are linked to the request with the message. An error
    /// points at `/attachments/N`.
    #[serde(default)]
    attachments: Vec<String>,
}

/// A staff member's action.
#[derive(Serialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum StaffAction {
    Acknowledge,
    Assign,
    Schedule,
    Start,
    Wait,
    Resolve,
    Close,
}

/// `POST /staff/requests/{number}/actions`.
#[derive(Serialize, ToSchema)]
pub struct StaffActionBody {
    action: StaffAction,
    /// `assign` only: a staff member's name.
    engineer: Option<String>,
    /// `schedule` only.
    appointment: Option<Appointment>,
    /// At most 2000 characters, shown to the customer.
    note: Option<String>,
}

/// `POST /attachments`.
#[derive(Serialize, ToSchema)]
pub struct NewUploadBody {
    name: String,
    /// The whole file's size in bytes.
    size: u64,
    /// The media type the client claims; checked by content on completion.
    #[serde(rename = "type")]
    media_type: String,
}

/// An upload.
#[derive(Serialize, ToSchema)]
pub struct UploadView {
    id: String,
    name: String,
    #[serde(rename = "type")]
    media_type: String,
    size: i64,
    upload_offset: i64,
    /// `uploading`, `complete` or `rejected`.
    state: String,
    /// Why the content check refused the file.
    rejection: Option<String>,
    created_at: String,
}
