//! Service requests as the contract shows them to a customer: the whole
//! request with its timeline, messages, files and service-level promises
//! ([`ServiceRequest`]), the summaries of a list ([`RequestPage`]) and what a
//! customer sends to open one ([`NewServiceRequest`]).

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::lifecycle::{RequestAction, RequestStatus};

/// What a customer sends to open a request: its type, severity and the
/// answers to the type's form.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NewServiceRequest {
    /// A request type's key from the catalog.
    #[serde(rename = "type")]
    pub request_type: String,
    /// A severity's key from the catalog.
    pub severity: String,
    /// The form's answers by field key.
    pub fields: Map<String, Value>,
    /// The language status mail is written in.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub locale: Option<String>,
}

/// A whole request, as its customer (or its access key) sees it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ServiceRequest {
    /// The number a customer quotes, such as `AC-7K3F-92`.
    pub number: String,
    #[serde(rename = "type")]
    pub request_type: String,
    pub severity: String,
    pub status: RequestStatus,
    pub locale: String,
    /// The form's answers, as sent.
    pub fields: Map<String, Value>,
    pub created_at: String,
    /// The last activity on the request.
    pub updated_at: String,
    pub engineer: Option<Named>,
    pub appointment: Option<Appointment>,
    /// `None` when the request's severity is no longer in the catalog.
    pub sla: Option<SlaView>,
    /// The timeline, oldest first.
    pub events: Vec<TimelineEvent>,
    pub messages: Vec<Message>,
    /// Every attached file, the form's and the messages', in the order they
    /// were added.
    pub attachments: Vec<AttachmentRef>,
    /// What the customer may do next.
    pub allowed_actions: Vec<RequestAction>,
    /// The product's warranty on the day the request was opened, when the
    /// form named a model the catalog knows and a purchase date.
    #[serde(default)]
    pub warranty: Option<crate::WarrantyStatus>,
    /// Whether the customer has answered the satisfaction survey.
    #[serde(default)]
    pub survey_answered: bool,
}

/// Someone shown by name, such as the engineer in charge.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Named {
    pub name: String,
}

/// A booked visit, in RFC 3339 times.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Appointment {
    pub start: String,
    pub end: String,
}

/// Who did something: `customer`, `engineer`, `supervisor` or `system`, and
/// a staff member's name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EventActor {
    pub kind: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
}

/// One step of the timeline: a status change, or a message.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TimelineEvent {
    pub at: String,
    pub actor: EventActor,
    /// What was done (`submit`, `acknowledge`, `wait`, `reopen` ...), as
    /// the backend names it; absent for messages.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub action: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<RequestStatus>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub message: Option<Message>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub engineer: Option<Named>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub appointment: Option<Appointment>,
    /// What staff told the customer with the step.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// A message in the thread: plain text, never markup, and its files.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Message {
    pub id: String,
    pub at: String,
    pub author: EventActor,
    pub text: String,
    pub attachments: Vec<AttachmentRef>,
}

/// An attached file's metadata, and where to download it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AttachmentRef {
    pub id: String,
    pub name: String,
    /// The type the server's content check found.
    #[serde(rename = "type")]
    pub content_type: String,
    /// In bytes.
    pub size: u64,
    pub url: String,
}

/// The service-level promises of a request: each deadline (`None` while
/// paused, or when no visit is promised) and where each stands.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SlaView {
    pub respond_by: Option<String>,
    pub on_site_by: Option<String>,
    pub resolve_by: Option<String>,
    pub first_response: PromiseState,
    pub on_site: Option<PromiseState>,
    pub resolution: PromiseState,
    /// Whether the minutes are business minutes.
    pub business_hours_only: bool,
}

/// Where one promise stands.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "state", rename_all = "snake_case")]
pub enum PromiseState {
    /// The clock runs: due at `due`, `remaining_minutes` left.
    Running { due: String, remaining_minutes: i64 },
    /// The clock waits on the customer with `remaining_minutes` left.
    Paused { remaining_minutes: i64 },
    /// `due` has passed by `by_minutes`.
    Overdue { due: String, by_minutes: i64 },
    /// Kept, at `at`.
    Met { at: String },
    /// The request ended (closed or cancelled) before the promise mattered.
    Stopped { at: String },
}

/// A request in a list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RequestSummary {
    pub number: String,
    #[serde(rename = "type")]
    pub request_type: String,
    pub severity: String,
    pub status: RequestStatus,
    pub created_at: String,
    pub updated_at: String,
    /// Whether the customer has answered the satisfaction survey.
    #[serde(default)]
    pub survey_answered: bool,
}

/// A page of the customer's requests, newest activity first; `next_cursor`
/// asks for the next one and is `None` on the last.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RequestPage {
    pub items: Vec<RequestSummary>,
    pub next_cursor: Option<String>,
}

/// Which of the customer's requests to list.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RequestQuery {
    pub status: Option<RequestStatus>,
    pub cursor: Option<String>,
    pub limit: Option<u32>,
}

#[cfg(test)]
pub(crate) mod tests;
