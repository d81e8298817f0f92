//! Moving a service request: what staff may do to it (acknowledge,
//! assign, schedule, start, wait, resolve, close ...), with what details,
//! and the one place every move — staff's or the customer's — is applied.

use super::*;

/// A staff member's action, as `POST /staff/requests/{number}/actions` and
/// the `staff` commands name it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, clap::ValueEnum)]
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

impl StaffAction {
    /// The lifecycle's action.
    pub fn action(self) -> RequestAction {
        match self {
            StaffAction::Acknowledge => RequestAction::Acknowledge,
            StaffAction::Assign => RequestAction::Assign,
            StaffAction::Schedule => RequestAction::Schedule,
            StaffAction::Start => RequestAction::Start,
            StaffAction::Wait => RequestAction::WaitOnCustomer,
            StaffAction::Resolve => RequestAction::Resolve,
            StaffAction::Close => RequestAction::Close,
        }
    }
}

/// An appointment as the API takes it.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AppointmentBody {
    pub start: String,
    pub end: String,
}

/// `POST /staff/requests/{number}/actions`'s body.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StaffActionBody {
    pub action: StaffAction,
    #[serde(default)]
    pub engineer: Option<String>,
    #[serde(default)]
    pub appointment: Option<AppointmentBody>,
    #[serde(default)]
    pub note: Option<String>,
}

/// What a move carries besides the action, checked.
#[derive(Debug, Clone, Default)]
pub struct MoveDetail {
    /// The engineer's name (assign).
    pub engineer: Option<String>,
    /// Start and end, normalized (schedule).
    pub appointment: Option<(String, String)>,
    /// Shown to the customer on the event.
    pub note: Option<String>,
}

impl MoveDetail {
    /// Checks a staff action's extras: `assign` needs an engineer, `schedule`
    /// an appointment that ends after it starts; nothing else takes them.
    pub fn check(body: &StaffActionBody) -> Result<MoveDetail, ApiError> {
        let mut errors = Vec::new();
        let engineer = body
            .engineer
            .as_deref()
            .map(str::trim)
            .filter(|e| !e.is_empty());
        match (body.action, engineer) {
            (StaffAction::Assign, None) => errors.push(field_error(
                "/engineer",
                codes::REQUIRED,
                "assign names the engineer",
            )),
            (StaffAction::Assign, Some(_)) | (_, None) => {}
            (_, Some(_)) => errors.push(field_error(
                "/engineer",
                codes::NOT_APPLICABLE,
                "only assign names an engineer",
            )),
        }
        let mut appointment = None;
        match (body.action, &body.appointment) {
            (StaffAction::Schedule, None) => errors.push(field_error(
                "/appointment",
                codes::REQUIRED,
                "schedule needs {start, end}",
            )),
            (StaffAction::Schedule, Some(slot)) => {
                let start = timestamp::normalize_rfc3339(&slot.start);
                let end = timestamp::normalize_rfc3339(&slot.end);
                match (start, end) {
                    (Some(start), Some(end)) if start < end => appointment = Some((start, end)),
                    (None, _) => errors.push(field_error(
                        "/appointment/start",
                        codes::INVALID_DATETIME,
                        "an RFC 3339 timestamp",
                    )),
                    (_, None) => errors.push(field_error(
                        "/appointment/end",
                        codes::INVALID_DATETIME,
                        "an RFC 3339 timestamp",
                    )),
                    _ => errors.push(field_error(
                        "/appointment/end",
                        "before_start",
                        "the appointment must end after it starts",
                    )),
                }
            }
            (_, Some(_)) => errors.push(field_error(
                "/appointment",
                codes::NOT_APPLICABLE,
                "only schedule takes an appointment",
            )),
            (_, None) => {}
        }
        let note = body.note.clone().filter(|n| !n.trim().is_empty());
        if note
            .as_ref()
            .is_some_and(|n| n.chars().count() > NOTE_MAX_CHARS)
        {
            errors.push(field_error(
                "/note",
                codes::TOO_LONG,
                format!("at most {NOTE_MAX_CHARS} characters"),
            ));
        }
        if !errors.is_empty() {
            return Err(ApiError::Unprocessable(errors));
        }
        Ok(MoveDetail {
            engineer: engineer.map(str::to_string),
            appointment,
            note,
        })
    }
}

fn transition_error(error: TransitionError, action: RequestAction) -> ApiError {
    let action = action_name(action);
    match error {
        TransitionError::NotAllowedFrom { status } => ApiError::InvalidTransition(format!(
            "`{action}` cannot be done to a request that is `{}`.",
            status_name(status)
        )),
        TransitionError::NotYourRole => {
            ApiError::InvalidTransition(format!("`{action}` is not done by someone in your role."))
        }
        // Complaints are hidden from engineers altogether.
        TransitionError::NotYourQueue => not_found(),
    }
}

/// Moves the request `number` by `action`, taken by `asker`, and returns
/// it as they now see it.
pub async fn act(
    desk: Desk<'_>,
    asker: &Asker,
    number: &str,
    action: RequestAction,
    detail: &MoveDetail,
) -> Result<RequestView, ApiError> {
    asker.require_someone()?;
    let actor = asker.actor().ok_or_else(not_found)?;
    let number = number::normalize(number).ok_or_else(not_found)?;
    let actor_ref = asker.actor_ref();
    for _ in 0..MOVE_ATTEMPTS {
        let (mut tx, row) = open_visible(&desk, asker, &number).await?;
        let status = stored_status(&row)?;
        let to = lifecycle::apply(status, action, actor, row.queue == SUPERVISOR_QUEUE)
            .map_err(|e| transition_error(e, action))?;
        let engineer = match &detail.engineer {
            None => None,
            Some(name) => Some(rows::staff_by_name(&mut tx, name).await?.ok_or_else(|| {
                ApiError::Unprocessable(vec![field_error(
                    "/engineer",
                    "unknown_staff",
                    format!("there is no staff member called {name:?}"),
                )])
            })?),
        };
        let now = desk.clock.stamp();
        let to_name = status_name(to);
        let update = Update {
            status: &to_name,
            engineer_id: engineer.as_ref().map(|(id, _, _)| id.as_str()),
            appointment: detail
                .appointment
                .as_ref()
                .map(|(start, end)| (start.as_str(), end.as_str())),
            now: &now,
        };
        if !rows::update(&mut tx, &row, &update).await? {
            tx.rollback().await?;
            continue;
        }
        let mut extra = Map::new();
        if let Some((_, name, _)) = &engineer {
            extra.insert("engineer".into(), json!({ "name": name }));
        }
        if let Some((start, end)) = &detail.appointment {
            extra.insert("appointment".into(), json!({ "start": start, "end": end }));
        }
        if let Some(note) = &detail.note {
            extra.insert("note".into(), json!(note));
        }
        let extra = (!extra.is_empty()).then(|| Value::Object(extra).to_string());
        let action_text = action_name(action);
        let event = NewEvent {
            request_id: &row.id,
            at: &now,
            actor: &actor_ref,
            action: Some(&action_text),
            status: Some(&to_name),
            message_id: None,
            detail: extra.as_deref(),
        };
        rows::insert_event(&mut tx, &event).await?;
        tx.commit().await?;
        return read(desk, asker, &number).await;
    }
    Err(ApiError::Fault(format!(
        "request {number} kept changing under a move"
    )))
}
