//! Service requests (服务请求): the rules of opening, reading, listing and
//! moving them, shared by the HTTP routes and the `staff` commands.
//!
//! Who may see a request: its customer; whoever holds its access key; staff,
//! except that complaints (the supervisors' queue) are hidden from
//! engineers. Anyone else is told the request does not exist (404), never
//! that it is forbidden. Every move goes through
//! [`aftercare_core::lifecycle::apply`]; every change is a dated event with
//! its actor. Service-level times come from [`SlaClock`].

pub mod cli;
pub mod message;
mod moves;
pub mod notify;
pub mod number;
pub mod view;
pub mod warranty;

use aftercare_core::forms::{self, codes, FieldKind};
use aftercare_core::lifecycle::{self, Actor, RequestAction, RequestStatus, TransitionError};
use aftercare_core::ServiceCatalog;
use serde::Deserialize;
use serde_json::{json, Map, Value};
use sqlx::{Any, AnyConnection, Transaction};

use crate::auth::secret::new_id;
use crate::auth::StaffRole;
use crate::clock::Clock;
use crate::db::requests::{self as rows, ActorRef, Inserted, NewEvent, RequestRow, Update};
use crate::db::Db;
use crate::http::identity::Identity;
use crate::http::problem::{field_error, ApiError};
use crate::timestamp;
pub use message::{post_message, MessageBody};
pub use view::{RequestPage, RequestView};

/// The longest note on a staff action, in characters.
pub const NOTE_MAX_CHARS: usize = 2000;
/// How often a move is tried again when another one changed the request
/// between its read and its write. Moves read the request locked, so this
/// is a safety net, not the mechanism.
const MOVE_ATTEMPTS: usize = 5;

/// What the rules need: the database, the time and the catalog.
#[derive(Debug, Clone, Copy)]
pub struct Desk<'a> {
    pub db: &'a Db,
    pub clock: &'a Clock,
    pub catalog: &'a ServiceCatalog,
}

/// Who asks, with the access key they carry (a signed-in customer may carry
/// one too, for a request they made as a guest).
#[derive(Debug, Clone)]
pub struct Asker {
    pub identity: Identity,
    /// The SHA-256 of the `X-Access-Key` sent, if any.
    pub key_hash: Option<String>,
}

impl Asker {
    /// The lifecycle's actor for this asker; `None` for nobody.
    pub fn actor(&self) -> Option<Actor> {
        match &self.identity {
            Identity::Nobody => None,
            Identity::Customer { .. } | Identity::Guest { .. } => Some(Actor::Customer),
            Identity::Staff { role, .. } => Some(match role {
                StaffRole::Engineer => Actor::Engineer,
                StaffRole::Supervisor => Actor::Supervisor,
            }),
        }
    }

    /// This asker as a timeline's actor.
    pub fn actor_ref(&self) -> ActorRef {
        let (kind, id, name) = match &self.identity {
            Identity::Customer { id, .. } => ("customer", Some(id.clone()), None),
            Identity::Staff { id, name, role } => {
                (role.as_str(), Some(id.clone()), Some(name.clone()))
            }
            Identity::Guest { .. } => ("customer", None, None),
            Identity::Nobody => ("system", None, None),
        };
        ActorRef {
            kind: kind.to_string(),
            id,
            name,
        }
    }

    /// Whether the asker may see (and so act on) `row`.
    pub fn may_see(&self, row: &RequestRow) -> bool {
        let holds_key = self.key_hash.is_some() && self.key_hash == row.access_key_hash;
        match &self.identity {
            Identity::Nobody => false,
            Identity::Customer { id, .. } => row.customer_id.as_ref() == Some(id) || holds_key,
            Identity::Guest { .. } => holds_key,
            Identity::Staff { role, .. } => {
                *role == StaffRole::Supervisor || row.queue != SUPERVISOR_QUEUE
            }
        }
    }

    fn require_someone(&self) -> Result<(), ApiError> {
        match self.identity {
            Identity::Nobody => Err(ApiError::Unauthenticated(
                "Sign in, or send the request's access key in X-Access-Key.".into(),
            )),
            _ => Ok(()),
        }
    }
}

/// The queue of complaints.
pub const SUPERVISOR_QUEUE: &str = "supervisor";
/// The queue of everything else.
pub const SERVICE_QUEUE: &str = "service";

fn not_found() -> ApiError {
    ApiError::NotFound("There is no such service request.".into())
}

/// A status as it is stored and shown (`waiting_on_customer`).
pub fn status_name(status: RequestStatus) -> String {
    name_of(&status)
}

/// An action as it is stored and shown (`wait_on_customer`).
pub fn action_name(action: RequestAction) -> String {
    name_of(&action)
}

fn name_of<T: serde::Serialize>(value: &T) -> String {
    match serde_json::to_value(value) {
        Ok(Value::String(name)) => name,
        _ => unreachable!("statuses and actions serialize as strings"),
    }
}

/// The status stored as `name`.
pub fn parse_status(name: &str) -> Option<RequestStatus> {
    serde_json::from_value(Value::String(name.to_string())).ok()
}

/// Opens a write transaction and reads the request `number` locked in it,
/// if `asker` may see it; any other request is not found. A customer's own
/// row is locked first, in the order deleting the account locks (so the
/// two never wait for each other), and an account deleted meanwhile is a
/// 401: nothing of theirs is written after its deletion masked it.
async fn open_visible(
    desk: &Desk<'_>,
    asker: &Asker,
    number: &str,
) -> Result<(Transaction<'static, Any>, RequestRow), ApiError> {
    let mut tx = desk.db.begin_immediate().await?;
    if let Identity::Customer { id, .. } = &asker.identity {
        live_customer(&mut tx, desk, id).await?;
    }
    let row = rows::find_for_update(&mut tx, desk.db.engine(), number)
        .await?
        .filter(|row| asker.may_see(row))
        .ok_or_else(not_found)?;
    Ok((tx, row))
}

/// Locks the customer `id`'s row in `tx` (see
/// [`crate::db::my_data::lock_customer`]); a 401 when the account was
/// deleted.
async fn live_customer(tx: &mut AnyConnection, desk: &Desk<'_>, id: &str) -> Result<(), ApiError> {
    crate::db::my_data::lock_customer(tx, desk.db.engine(), id)
        .await?
        .map(drop)
        .ok_or_else(|| ApiError::Unauthenticated("The account was deleted.".into()))
}

fn stored_status(row: &RequestRow) -> Result<RequestStatus, ApiError> {
    parse_status(&row.status).ok_or_else(|| {
        ApiError::Fault(format!(
            "request {} has an unknown status {:?}",
            row.number, row.status
        ))
    })
}

/// `POST /requests`'s body.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NewRequestBody {
    #[serde(rename = "type")]
    pub request_type: String,
    pub severity: String,
    pub fields: Map<String, Value>,
    #[serde(default)]
    pub locale: Option<String>,
}

/// Opens a request for `asker` (a customer or a guest with a key), made once
/// per idempotency key: `(true, view)` when it was made now, `(false, view)`
/// when the key had made it before.
pub async fn create(
    desk: Desk<'_>,
    asker: &Asker,
    body: &NewRequestBody,
    locale: &str,
    idempotency_key: &str,
) -> Result<(bool, RequestView), ApiError> {
    asker.require_someone()?;
    let customer_id = match &asker.identity {
        Identity::Customer { id, .. } => Some(id.as_str()),
        Identity::Guest { .. } => None,
        _ => {
            return Err(ApiError::NotFound(
                "Staff cannot open service requests on a customer's behalf.".into(),
            ))
        }
    };
    let catalog = desk.catalog;
    let mut errors = Vec::new();
    let kind = catalog.request_type(&body.request_type);
    if kind.is_none() {
        errors.push(field_error(
            "/type",
            codes::NOT_AN_OPTION,
            format!("{:?} is not a request type", body.request_type),
        ));
    }
    if catalog.severity(&body.severity).is_none() {
        errors.push(field_error(
            "/severity",
            codes::NOT_AN_OPTION,
            format!("{:?} is not a severity", body.severity),
        ));
    }
    if let Some(kind) = kind {
        errors.extend(forms::validate_fields(&kind.fields, &body.fields));
    }
    let Some(kind) = kind.filter(|_| errors.is_empty()) else {
        return Err(ApiError::Unprocessable(errors));
    };
    let named: Vec<(String, String)> = kind
        .fields
        .iter()
        .filter(|def| def.kind == FieldKind::Attachments)
        .filter_map(|def| Some((&def.key, body.fields.get(&def.key)?.as_array()?)))
        .flat_map(|(key, ids)| {
            ids.iter().enumerate().filter_map(move |(n, id)| {
                Some((format!("/fields/{key}/{n}"), id.as_str()?.to_string()))
            })
        })
        .collect();
    let attachments: Vec<String> = named.iter().map(|(_, id)| id.clone()).collect();
    let fields = Value::Object(body.fields.clone()).to_string();
    let status = status_name(RequestStatus::Submitted);
    let scope = asker.identity.scope();
    let now = desk.clock.stamp();
    let id = new_id("req");
    let actor = asker.actor_ref();
    let new = rows::NewRequest {
        id: &id,
        customer_id,
        access_key_hash: asker.key_hash.as_deref(),
        idempotency_scope: &scope,
        idempotency_key,
        request_type: &kind.key,
        severity: &body.severity,
        queue: if kind.supervisor_queue {
            SUPERVISOR_QUEUE
        } else {
            SERVICE_QUEUE
        },
        status: &status,
        locale,
        fields: &fields,
        attachments: &attachments,
        actor: &actor,
        now: &now,
    };
    let mut tx = desk.db.begin_immediate().await?;
    // The customer row is locked first, as deleting the account locks it:
    // a request is either stored before a deletion (which then anonymises
    // it) or refused after one.
    if let Some(customer_id) = customer_id {
        live_customer(&mut tx, &desk, customer_id).await?;
    }
    let inserted = rows::insert(&mut tx, &new).await?;
    if matches!(inserted, Inserted::Created(_)) {
        let errors = crate::attachments::link_all(&mut tx, &scope, &id, &named, &now).await?;
        if !errors.is_empty() {
            return Err(ApiError::Unprocessable(errors));
        }
    }
    tx.commit().await?;
    let (created, number) = match inserted {
        Inserted::Created(number) => (true, number),
        Inserted::Existing(number) => (false, number),
        Inserted::AccessKeyTaken => {
            return Err(ApiError::Unprocessable(vec![field_error(
                "/headers/x-access-key",
                "taken",
                "This access key belongs to another request; make a new key for each request.",
            )]))
        }
    };
    let view = read(desk, asker, &number).await?;
    Ok((created, view))
}

/// The request `number` as `asker` sees it.
pub async fn read(desk: Desk<'_>, asker: &Asker, number: &str) -> Result<RequestView, ApiError> {
    asker.require_someone()?;
    let number = number::normalize(number).ok_or_else(not_found)?;
    let mut connection = desk.db.pool().acquire().await?;
    let row = rows::find_by_number(&mut connection, &number)
        .await?
        .filter(|row| asker.may_see(row))
        .ok_or_else(not_found)?;
    view::build(desk, asker, &mut connection, row).await
}

/// `GET /requests`'s query.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ListQuery {
    #[serde(default)]
    pub status: Option<String>,
    #[serde(default)]
    pub cursor: Option<String>,
    #[serde(default)]
    pub limit: Option<i64>,
}

/// The most requests a page holds, and how many it holds unless asked.
pub const MAX_PAGE: i64 = 100;
pub const DEFAULT_PAGE: i64 = 20;

/// A page of the requests `asker` may list, newest activity first: a
/// customer's own, or, for staff, everyone's (without complaints for
/// engineers). Guests have no list.
pub async fn list(
    desk: Desk<'_>,
    asker: &Asker,
    query: &ListQuery,
) -> Result<RequestPage, ApiError> {
    let (customer_id, service_queue_only) =
        match &asker.identity {
            Identity::Customer { id, .. } => (Some(id.as_str()), false),
            Identity::Staff { role, .. } => (None, *role == StaffRole::Engineer),
            Identity::Guest { .. } | Identity::Nobody => return Err(ApiError::Unauthenticated(
                "Listing requests needs a signed-in customer; a guest opens one request by its \
                 number and access key."
                    .into(),
            )),
        };
    let limit = query.limit.unwrap_or(DEFAULT_PAGE);
    if !(1..=MAX_PAGE).contains(&limit) {
        return Err(ApiError::invalid(
            "/query/limit",
            "out_of_range",
            format!("limit is 1 to {MAX_PAGE}"),
        ));
    }
    let status = match query.status.as_deref().filter(|s| !s.is_empty()) {
        None => None,
        Some(name) => {
            parse_status(name).ok_or_else(|| {
                ApiError::invalid(
                    "/query/status",
                    codes::NOT_AN_OPTION,
                    format!("{name:?} is not a status"),
                )
            })?;
            Some(name)
        }
    };
    let before = match query.cursor.as_deref().filter(|c| !c.is_empty()) {
        None => None,
        Some(cursor) => Some(
            cursor
                .split_once('~')
                .filter(|(at, id)| timestamp::parse_stored(at).is_some() && !id.is_empty())
                .ok_or_else(|| {
                    ApiError::invalid(
                        "/query/cursor",
                        "malformed",
                        "a cursor is the next_cursor of an earlier page",
                    )
                })?,
        ),
    };
    let filter = rows::ListFilter {
        customer_id,
        service_queue_only,
        status,
        before,
        limit: limit + 1,
    };
    let mut connection = desk.db.pool().acquire().await?;
    let mut found = rows::list(&mut connection, &filter).await?;
    let more = found.len() as i64 > limit;
    found.truncate(limit as usize);
    Ok(view::page(found, more))
}

pub use moves::*;
