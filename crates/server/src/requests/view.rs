//! Requests as the API shows them: the whole request with its service-level
//! times, timeline, messages and attachments ([`RequestView`]), and pages of
//! summaries ([`RequestPage`]).

use aftercare_core::lifecycle::{self, RequestAction, RequestStatus};
use aftercare_core::{SlaClock, SlaState, SlaStates, Timestamp, WarrantyStatus};
use serde::Serialize;
use serde_json::{Map, Value};
use sqlx::AnyConnection;

use super::{parse_status, stored_status, Asker, Desk, SUPERVISOR_QUEUE};
use crate::db::requests::{self as rows, ActorRef, LinkedAttachment, MessageRow, RequestRow};
use crate::http::problem::ApiError;

/// A whole request.
#[derive(Debug, Clone, Serialize)]
pub struct RequestView {
    pub number: String,
    #[serde(rename = "type")]
    pub request_type: String,
    pub severity: String,
    pub status: String,
    pub locale: String,
    /// The form's answers, as sent.
    pub fields: Value,
    pub created_at: String,
    /// The last activity.
    pub updated_at: String,
    pub engineer: Option<Named>,
    pub appointment: Option<Appointment>,
    /// `None` when the request's severity is no longer in the catalog.
    pub sla: Option<SlaView>,
    pub events: Vec<EventView>,
    pub messages: Vec<MessageView>,
    /// Every attached file, the form's and the messages', in the order
    /// they were added.
    pub attachments: Vec<AttachmentView>,
    /// What the asker may do next, in the lifecycle's order.
    pub allowed_actions: Vec<RequestAction>,
    /// The product's warranty on the day the request was opened; `None`
    /// when the form has no model the catalog knows, or no purchase date.
    pub warranty: Option<WarrantyStatus>,
    /// Whether the customer has answered the satisfaction survey.
    pub survey_answered: bool,
}

/// Someone shown by name.
#[derive(Debug, Clone, Serialize)]
pub struct Named {
    pub name: String,
}

/// A booked visit.
#[derive(Debug, Clone, Serialize)]
pub struct Appointment {
    pub start: String,
    pub end: String,
}

/// Who did something: `customer`, `engineer`, `supervisor` or `system`, and
/// a staff member's name.
#[derive(Debug, Clone, Serialize)]
pub struct ActorView {
    pub kind: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
}

impl From<&ActorRef> for ActorView {
    fn from(actor: &ActorRef) -> Self {
        ActorView {
            kind: actor.kind.clone(),
            name: actor.name.clone(),
        }
    }
}

/// One step of the timeline: a status change (`action`, `status`, and for
/// some actions `engineer`, `appointment`, `note`) or a `message`.
#[derive(Debug, Clone, Serialize)]
pub struct EventView {
    pub at: String,
    pub actor: ActorView,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub action: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub message: Option<MessageView>,
    #[serde(flatten)]
    pub detail: Map<String, Value>,
}

/// A message, its text exactly as it was sent (empty when it only carries
/// files), with the files posted with it.
#[derive(Debug, Clone, Serialize)]
pub struct MessageView {
    pub id: String,
    pub at: String,
    pub author: ActorView,
    pub text: String,
    pub attachments: Vec<AttachmentView>,
}

impl MessageView {
    /// `message` with those of `files` that were posted with it.
    fn of(message: &MessageRow, files: &[AttachmentView], linked: &[LinkedAttachment]) -> Self {
        MessageView {
            id: message.id.clone(),
            at: message.created_at.clone(),
            author: ActorView::from(&message.author),
            text: message.body.clone(),
            attachments: linked
                .iter()
                .zip(files)
                .filter(|(link, _)| link.message_id.as_deref() == Some(message.id.as_str()))
                .map(|(_, file)| file.clone())
                .collect(),
        }
    }
}

/// An attached file's metadata, and where to download it.
#[derive(Debug, Clone, Serialize)]
pub struct AttachmentView {
    pub id: String,
    pub name: String,
    /// The type the content check found.
    #[serde(rename = "type")]
    pub content_type: String,
    /// In bytes.
    pub size: i64,
    /// `/api/v1/attachments/{id}`.
    pub url: String,
}

impl From<&LinkedAttachment> for AttachmentView {
    fn from(file: &LinkedAttachment) -> Self {
        AttachmentView {
            id: file.id.clone(),
            name: file.name.clone(),
            content_type: file.content_type.clone(),
            size: file.size,
            url: format!("/api/v1/attachments/{}", file.id),
        }
    }
}

/// The service-level promises: each deadline (`null` while paused or when
/// there is no such promise) and where each stands now.
#[derive(Debug, Clone, Serialize)]
pub struct SlaView {
    pub respond_by: Option<String>,
    pub on_site_by: Option<String>,
    pub resolve_by: Option<String>,
    pub first_response: StateView,
    pub on_site: Option<StateView>,
    pub resolution: StateView,
    /// Whether the minutes are business minutes.
    pub business_hours_only: bool,
}

/// Where one promise stands, tagged by `state`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "state", rename_all = "snake_case")]
pub enum StateView {
    Running { due: String, remaining_minutes: i64 },
    Paused { remaining_minutes: i64 },
    Overdue { due: String, by_minutes: i64 },
    Met { at: String },
    Stopped { at: String },
}

impl From<SlaState> for StateView {
    fn from(state: SlaState) -> Self {
        match state {
            SlaState::Running {
                due,
                remaining_minutes,
            } => StateView::Running {
                due: due.to_rfc3339(),
                remaining_minutes,
            },
            SlaState::Paused { remaining_minutes } => StateView::Paused { remaining_minutes },
            SlaState::Overdue { due, by_minutes } => StateView::Overdue {
                due: due.to_rfc3339(),
                by_minutes,
            },
            SlaState::Met { at } => StateView::Met {
                at: at.to_rfc3339(),
            },
            SlaState::Stopped { at } => StateView::Stopped {
                at: at.to_rfc3339(),
            },
        }
    }
}

/// A request in a list.
#[derive(Debug, Clone, Serialize)]
pub struct RequestSummary {
    pub number: String,
    #[serde(rename = "type")]
    pub request_type: String,
    pub severity: String,
    pub status: String,
    pub created_at: String,
    pub updated_at: String,
    /// Whether the customer has answered the satisfaction survey.
    pub survey_answered: bool,
}

/// A page of requests; `next_cursor` asks for the next one, and is `null`
/// on the last.
#[derive(Debug, Clone, Serialize)]
pub struct RequestPage {
    pub items: Vec<RequestSummary>,
    pub next_cursor: Option<String>,
}

pub(super) fn page(found: Vec<RequestRow>, more: bool) -> RequestPage {
    let next_cursor = found
        .last()
        .filter(|_| more)
        .map(|row| format!("{}~{}", row.updated_at, row.id));
    RequestPage {
        items: found
            .into_iter()
            .map(|row| RequestSummary {
                number: row.number,
                request_type: row.request_type,
                severity: row.severity,
                status: row.status,
                created_at: row.created_at,
                updated_at: row.updated_at,
                survey_answered: row.survey_answered,
            })
            .collect(),
        next_cursor,
    }
}

fn instant(stamp: &str) -> Result<Timestamp, ApiError> {
    Timestamp::parse(stamp)
        .map_err(|_| ApiError::Fault(format!("a stored time {stamp:?} is invalid")))
}

/// The whole of `row` as `asker` sees it now.
pub(super) async fn build(
    desk: Desk<'_>,
    asker: &Asker,
    connection: &mut AnyConnection,
    row: RequestRow,
) -> Result<RequestView, ApiError> {
    let status = stored_status(&row)?;
    let events = rows::events(connection, &row.id).await?;
    let messages = rows::messages(connection, &row.id).await?;
    let attachments = rows::attachments(connection, &row.id).await?;

    let mut history: Vec<(Timestamp, RequestStatus)> = Vec::new();
    for event in &events {
        if let Some(status) = event.status.as_deref().and_then(parse_status) {
            history.push((instant(&event.at)?, status));
        }
    }
    let now = desk.clock.timestamp();
    let sla = match desk.catalog.severity(&row.severity) {
        None => None,
        Some(severity) => {
            let targets = severity.targets;
            let clock = SlaClock::new(
                instant(&row.created_at)?,
                targets,
                desk.catalog.calendar_for(&targets),
                &history,
                desk.catalog.pause_while_waiting,
            );
            let SlaStates {
                first_response,
                on_site,
                resolution,
            } = clock.state_at(now);
            Some(SlaView {
                respond_by: clock.respond_by().map(Timestamp::to_rfc3339),
                on_site_by: clock.on_site_by().map(Timestamp::to_rfc3339),
                resolve_by: clock.resolve_by().map(Timestamp::to_rfc3339),
                first_response: first_response.into(),
                on_site: on_site.map(StateView::from),
                resolution: resolution.into(),
                business_hours_only: targets.business_hours_only,
            })
        }
    };

    let files: Vec<AttachmentView> = attachments.iter().map(AttachmentView::from).collect();
    let message_views: Vec<MessageView> = messages
        .iter()
        .map(|message| MessageView::of(message, &files, &attachments))
        .collect();
    let event_views = events
        .iter()
        .map(|event| EventView {
            at: event.at.clone(),
            actor: ActorView::from(&event.actor),
            action: event.action.clone(),
            status: event.status.clone(),
            message: event
                .message_id
                .as_ref()
                .and_then(|id| message_views.iter().find(|m| &m.id == id).cloned()),
            detail: event
                .detail
                .as_deref()
                .and_then(|text| serde_json::from_str(text).ok())
                .unwrap_or_default(),
        })
        .collect();
    let allowed_actions = match asker.actor() {
        Some(actor) => lifecycle::allowed_actions(status, actor, row.queue == SUPERVISOR_QUEUE),
        None => Vec::new(),
    };
    let fields: Value = serde_json::from_str(&row.fields).map_err(|e| {
        ApiError::Fault(format!("request {} has unreadable fields: {e}", row.number))
    })?;
    let warranty = super::warranty::on_opening(desk.catalog, &fields, &row.created_at);
    Ok(RequestView {
        number: row.number,
        request_type: row.request_type,
        severity: row.severity,
        status: row.status,
        locale: row.locale,
        fields,
        created_at: row.created_at,
        updated_at: row.updated_at,
        engineer: row.engineer_name.map(|name| Named { name }),
        appointment: match (row.appointment_start, row.appointment_end) {
            (Some(start), Some(end)) => Some(Appointment { start, end }),
            _ => None,
        },
        sla,
        events: event_views,
        messages: message_views,
        attachments: files,
        allowed_actions,
        warranty,
        survey_answered: row.survey_answered,
    })
}
