//! The service-request tables: `service_requests`, `request_events` (the
//! timeline), `request_messages` and `request_attachments`. The rules (who
//! may see what, which moves are allowed) live in [`crate::requests`]; this
//! module only reads and writes rows.

use sqlx::any::AnyRow;
use sqlx::{AnyConnection, Row};

use super::Engine;
use crate::requests::number::new_number;

/// How many numbers are drawn before giving up on finding a free one.
const NUMBER_ATTEMPTS: usize = 10;

/// A request as stored, with its engineer's name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RequestRow {
    pub id: String,
    pub number: String,
    pub customer_id: Option<String>,
    pub access_key_hash: Option<String>,
    pub request_type: String,
    pub severity: String,
    /// `service` or `supervisor`.
    pub queue: String,
    pub status: String,
    pub locale: String,
    /// The form's answers, as JSON text.
    pub fields: String,
    pub engineer_id: Option<String>,
    pub engineer_name: Option<String>,
    pub appointment_start: Option<String>,
    pub appointment_end: Option<String>,
    pub created_at: String,
    pub updated_at: String,
    pub version: i64,
    /// Whether the customer has answered the satisfaction survey.
    pub survey_answered: bool,
}

/// The columns of [`RequestRow`]; whether a survey exists is one lookup of
/// its primary key per row, within the same query.
const COLUMNS: &str = "r.id, r.number, r.customer_id, r.access_key_hash, r.request_type, \
    r.severity, r.queue, r.status, r.locale, r.fields, r.engineer_id, s.name AS engineer_name, \
    r.appointment_start, r.appointment_end, r.created_at, r.updated_at, r.version, \
    (SELECT COUNT(*) FROM surveys sv WHERE sv.request_id = r.id) AS survey_count";
const FROM: &str = "service_requests r LEFT JOIN staff s ON s.id = r.engineer_id";

fn request(row: &AnyRow) -> Result<RequestRow, sqlx::Error> {
    Ok(RequestRow {
        id: row.try_get("id")?,
        number: row.try_get("number")?,
        customer_id: row.try_get("customer_id")?,
        access_key_hash: row.try_get("access_key_hash")?,
        request_type: row.try_get("request_type")?,
        severity: row.try_get("severity")?,
        queue: row.try_get("queue")?,
        status: row.try_get("status")?,
        locale: row.try_get("locale")?,
        fields: row.try_get("fields")?,
        engineer_id: row.try_get("engineer_id")?,
        engineer_name: row.try_get("engineer_name")?,
        appointment_start: row.try_get("appointment_start")?,
        appointment_end: row.try_get("appointment_end")?,
        created_at: row.try_get("created_at")?,
        updated_at: row.try_get("updated_at")?,
        version: row.try_get("version")?,
        survey_answered: row.try_get::<i64, _>("survey_count")? > 0,
    })
}

/// Who did something: `kind` is `customer`, `engineer`, `supervisor` or
/// `system`; guests have no id.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ActorRef {
    pub kind: String,
    pub id: Option<String>,
    pub name: Option<String>,
}

/// A request to store.
#[derive(Debug, Clone)]
pub struct NewRequest<'a> {
    pub id: &'a str,
    pub customer_id: Option<&'a str>,
    pub access_key_hash: Option<&'a str>,
    pub idempotency_scope: &'a str,
    pub idempotency_key: &'a str,
    pub request_type: &'a str,
    pub severity: &'a str,
    pub queue: &'a str,
    pub status: &'a str,
    pub locale: &'a str,
    pub fields: &'a str,
    pub attachments: &'a [String],
    pub actor: &'a ActorRef,
    pub now: &'a str,
}

/// What [`insert`] did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Inserted {
    /// A new request, with this number.
    Created(String),
    /// The idempotency key had made a request already; this is its number.
    Existing(String),
    /// Another request holds the access key.
    AccessKeyTaken,
}

/// Stores a new request and its first event, unless its idempotency key or
/// access key is taken; draws numbers until one is free. Runs inside the
/// caller's write transaction.
pub async fn insert(tx: &mut AnyConnection, new: &NewRequest<'_>) -> Result<Inserted, sqlx::Error> {
    insert_numbered(tx, new, &mut new_number).await
}

/// [`insert`], drawing numbers from `numbers` (tests force collisions).
pub async fn insert_numbered(
    tx: &mut AnyConnection,
    new: &NewRequest<'_>,
    numbers: &mut (dyn FnMut() -> String + Send),
) -> Result<Inserted, sqlx::Error> {
    for _ in 0..NUMBER_ATTEMPTS {
        let number = numbers();
        let inserted = sqlx::query(
            "INSERT INTO service_requests (id, number, customer_id, access_key_hash, \
             idempotency_scope, idempotency_key, request_type, severity, queue, status, locale, \
             fields, created_at, updated_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $13) \
             ON CONFLICT DO NOTHING",
        )
        .bind(new.id)
        .bind(&number)
        .bind(new.customer_id)
        .bind(new.access_key_hash)
        .bind(new.idempotency_scope)
        .bind(new.idempotency_key)
        .bind(new.request_type)
        .bind(new.severity)
        .bind(new.queue)
        .bind(new.status)
        .bind(new.locale)
        .bind(new.fields)
        .bind(new.now)
        .execute(&mut *tx)
        .await?
        .rows_affected();
        if inserted == 1 {
            let event = NewEvent {
                request_id: new.id,
                at: new.now,
                actor: new.actor,
                action: Some("submit"),
                status: Some(new.status),
                message_id: None,
                detail: None,
            };
            insert_event(tx, &event).await?;
            link_attachments(tx, new.id, new.attachments, None, new.now).await?;
            return Ok(Inserted::Created(number));
        }
        let existing: Option<(String,)> = sqlx::query_as(
            "SELECT number FROM service_requests \
             WHERE idempotency_scope = $1 AND idempotency_key = $2",
        )
        .bind(new.idempotency_scope)
        .bind(new.idempotency_key)
        .fetch_optional(&mut *tx)
        .await?;
        if let Some((number,)) = existing {
            return Ok(Inserted::Existing(number));
        }
        if let Some(hash) = new.access_key_hash {
            let holder: Option<(String,)> =
                sqlx::query_as("SELECT id FROM service_requests WHERE access_key_hash = $1")
                    .bind(hash)
                    .fetch_optional(&mut *tx)
                    .await?;
            if holder.is_some() {
                return Ok(Inserted::AccessKeyTaken);
            }
        }
        // Otherwise the number was taken: draw another.
    }
    Err(sqlx::Error::Protocol(
        "no free service request number after several draws".into(),
    ))
}

/// The request with `number`.
pub async fn find_by_number(
    connection: &mut AnyConnection,
    number: &str,
) -> Result<Option<RequestRow>, sqlx::Error> {
    let sql = format!("SELECT {COLUMNS} FROM {FROM} WHERE r.number = $1");
    let row = sqlx::query(&sql)
        .bind(number)
        .fetch_optional(&mut *connection)
        .await?;
    row.as_ref().map(request).transpose()
}

/// The request with the internal `id`.
pub async fn find_by_id(
    connection: &mut AnyConnection,
    id: &str,
) -> Result<Option<RequestRow>, sqlx::Error> {
    let sql = format!("SELECT {COLUMNS} FROM {FROM} WHERE r.id = $1");
    let row = sqlx::query(&sql)
        .bind(id)
        .fetch_optional(&mut *connection)
        .await?;
    row.as_ref().map(request).transpose()
}

/// Which requests a list shows.
#[derive(Debug, Clone, Default)]
pub struct ListFilter<'a> {
    /// Only this customer's (or every customer's, for staff).
    pub customer_id: Option<&'a str>,
    /// Leave out the supervisors' queue (for engineers).
    pub service_queue_only: bool,
    pub status: Option<&'a str>,
    /// Only requests after this `(updated_at, id)` in newest-first order.
    pub before: Option<(&'a str, &'a str)>,
    pub limit: i64,
}

/// Adds `value` to the parameters and returns its placeholder.
fn next<'a>(binds: &mut Vec<&'a str>, value: &'a str) -> String {
    binds.push(value);
    format!("${}", binds.len())
}

/// The request with `number`, locked against other writers until the
/// caller's write transaction ends (see [`Engine::lock_rows`]).
pub async fn find_for_update(
    tx: &mut AnyConnection,
    engine: Engine,
    number: &str,
) -> Result<Option<RequestRow>, sqlx::Error> {
    let lock = engine.lock_rows("r");
    let sql = format!("SELECT {COLUMNS} FROM {FROM} WHERE r.number = $1{lock}");
    let row = sqlx::query(&sql)
        .bind(number)
        .fetch_optional(&mut *tx)
        .await?;
    row.as_ref().map(request).transpose()
}

/// Requests, newest activity first.
pub async fn list(
    connection: &mut AnyConnection,
    filter: &ListFilter<'_>,
) -> Result<Vec<RequestRow>, sqlx::Error> {
    let mut conditions = Vec::new();
    let mut binds: Vec<&str> = Vec::new();
    if let Some(customer) = filter.customer_id {
        conditions.push(format!("r.customer_id = {}", next(&mut binds, customer)));
    }
    if filter.service_queue_only {
        conditions.push("r.queue = 'service'".to_string());
    }
    if let Some(status) = filter.status {
        conditions.push(format!("r.status = {}", next(&mut binds, status)));
    }
    if let Some((updated_at, id)) = filter.before {
        let a = next(&mut binds, updated_at);
        let b = next(&mut binds, id);
        conditions.push(format!(
            "(r.updated_at < {a} OR (r.updated_at = {a} AND r.id < {b}))"
        ));
    }
    let filter_sql = if conditions.is_empty() {
        String::new()
    } else {
        format!("WHERE {}", conditions.join(" AND "))
    };
    let sql = format!(
        "SELECT {COLUMNS} FROM {FROM} {filter_sql} \
         ORDER BY r.updated_at DESC, r.id DESC LIMIT {}",
        filter.limit
    );
    let mut query = sqlx::query(&sql);
    for value in binds {
        query = query.bind(value);
    }
    let rows = query.fetch_all(&mut *connection).await?;
    rows.iter().map(request).collect()
}

/// What a move changes besides the status.
#[derive(Debug, Clone, Default)]
pub struct Update<'a> {
    pub status: &'a str,
    /// A new engineer's id.
    pub engineer_id: Option<&'a str>,
    /// A new appointment, `(start, end)`.
    pub appointment: Option<(&'a str, &'a str)>,
    pub now: &'a str,
}

/// Applies `update` to the request if it is still at `version`; `false`
/// when someone else changed it first (the caller starts again).
pub async fn update(
    tx: &mut AnyConnection,
    row: &RequestRow,
    update: &Update<'_>,
) -> Result<bool, sqlx::Error> {
    let engineer = update.engineer_id.or(row.engineer_id.as_deref());
    let (start, end) = match update.appointment {
        Some((start, end)) => (Some(start), Some(end)),
        None => (
            row.appointment_start.as_deref(),
            row.appointment_end.as_deref(),
        ),
    };
    let changed = sqlx::query(
        "UPDATE service_requests SET status = $1, engineer_id = $2, appointment_start = $3, \
         appointment_end = $4, updated_at = $5, version = version + 1 \
         WHERE id = $6 AND version = $7",
    )
    .bind(update.status)
    .bind(engineer)
    .bind(start)
    .bind(end)
    .bind(update.now)
    .bind(&row.id)
    .bind(row.version)
    .execute(&mut *tx)
    .await?
    .rows_affected();
    Ok(changed == 1)
}

/// One step on a timeline, to store.
#[derive(Debug, Clone)]
pub struct NewEvent<'a> {
    pub request_id: &'a str,
    pub at: &'a str,
    pub actor: &'a ActorRef,
    pub action: Option<&'a str>,
    pub status: Option<&'a str>,
    pub message_id: Option<&'a str>,
    /// JSON text.
    pub detail: Option<&'a str>,
}

/// Appends a step to a request's timeline.
pub async fn insert_event(tx: &mut AnyConnection, event: &NewEvent<'_>) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO request_events (request_id, at, actor_kind, actor_id, actor_name, action, \
         status, message_id, detail) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
    )
    .bind(event.request_id)
    .bind(event.at)
    .bind(&event.actor.kind)
    .bind(event.actor.id.as_deref())
    .bind(event.actor.name.as_deref())
    .bind(event.action)
    .bind(event.status)
    .bind(event.message_id)
    .bind(event.detail)
    .execute(&mut *tx)
    .await
    .map(drop)
}

/// A stored step of a timeline.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EventRow {
    pub at: String,
    pub actor: ActorRef,
    pub action: Option<String>,
    pub status: Option<String>,
    pub message_id: Option<String>,
    pub detail: Option<String>,
}

/// A request's timeline, oldest first.
pub async fn events(
    connection: &mut AnyConnection,
    request_id: &str,
) -> Result<Vec<EventRow>, sqlx::Error> {
    let rows = sqlx::query(
        "SELECT at, actor_kind, actor_id, actor_name, action, status, message_id, detail \
         FROM request_events WHERE request_id = $1 ORDER BY id",
    )
    .bind(request_id)
    .fetch_all(&mut *connection)
    .await?;
    rows.iter()
        .map(|row| {
            Ok(EventRow {
                at: row.try_get("at")?,
                actor: ActorRef {
                    kind: row.try_get("actor_kind")?,
                    id: row.try_get("actor_id")?,
                    name: row.try_get("actor_name")?,
                },
                action: row.try_get("action")?,
                status: row.try_get("status")?,
                message_id: row.try_get("message_id")?,
                detail: row.try_get("detail")?,
            })
        })
        .collect()
}

/// A message to store.
#[derive(Debug, Clone)]
pub struct NewMessage<'a> {
    pub id: &'a str,
    pub request_id: &'a str,
    pub author: &'a ActorRef,
    pub body: &'a str,
    pub now: &'a str,
    /// The `(scope, key)` of the Idempotency-Key it was posted with.
    pub idempotency: Option<(&'a str, &'a str)>,
}

/// Stores a message; `false` when its idempotency key had stored one
/// already (nothing is written then).
pub async fn insert_message(
    tx: &mut AnyConnection,
    message: &NewMessage<'_>,
) -> Result<bool, sqlx::Error> {
    let inserted = sqlx::query(
        "INSERT INTO request_messages (id, request_id, author_kind, author_id, author_name, \
         body, created_at, idempotency_scope, idempotency_key) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT DO NOTHING",
    )
    .bind(message.id)
    .bind(message.request_id)
    .bind(&message.author.kind)
    .bind(message.author.id.as_deref())
    .bind(message.author.name.as_deref())
    .bind(message.body)
    .bind(message.now)
    .bind(message.idempotency.map(|(scope, _)| scope))
    .bind(message.idempotency.map(|(_, key)| key))
    .execute(&mut *tx)
    .await?
    .rows_affected();
    Ok(inserted == 1)
}

/// A stored message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MessageRow {
    pub id: String,
    pub author: ActorRef,
    pub body: String,
    pub created_at: String,
}

/// A request's messages, in the order they were posted (their timeline
/// steps' order: two messages may share a millisecond).
pub async fn messages(
    connection: &mut AnyConnection,
    request_id: &str,
) -> Result<Vec<MessageRow>, sqlx::Error> {
    let rows = sqlx::query(
        "SELECT m.id, m.author_kind, m.author_id, m.author_name, m.body, m.created_at \
         FROM request_messages m JOIN request_events e ON e.message_id = m.id \
         WHERE m.request_id = $1 ORDER BY e.id",
    )
    .bind(request_id)
    .fetch_all(&mut *connection)
    .await?;
    rows.iter()
        .map(|row| {
            Ok(MessageRow {
                id: row.try_get("id")?,
                author: ActorRef {
                    kind: row.try_get("author_kind")?,
                    id: row.try_get("author_id")?,
                    name: row.try_get("author_name")?,
                },
                body: row.try_get("body")?,
                created_at: row.try_get("created_at")?,
            })
        })
        .collect()
}

/// Records that the files `attachment_ids` belong to the request (each
/// once), in that order, and the message that brought them, if a message
/// did.
pub async fn link_attachments(
    tx: &mut AnyConnection,
    request_id: &str,
    attachment_ids: &[String],
    message_id: Option<&str>,
    now: &str,
) -> Result<(), sqlx::Error> {
    for (position, attachment_id) in attachment_ids.iter().enumerate() {
        sqlx::query(
            "INSERT INTO request_attachments (request_id, attachment_id, message_id, added_at, \
             position) VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING",
        )
        .bind(request_id)
        .bind(attachment_id)
        .bind(message_id)
        .bind(now)
        .bind(position as i64)
        .execute(&mut *tx)
        .await?;
    }
    Ok(())
}

/// A file attached to a request, as its view lists it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LinkedAttachment {
    pub id: String,
    /// The message it was posted with; `None` when the request's form
    /// named it.
    pub message_id: Option<String>,
    pub name: String,
    /// The checked type (the declared one for rows from before the check).
    pub content_type: String,
    pub size: i64,
}

/// A request's attachments, in the order they were added (files added at
/// once in the order they were named). Only uploads
/// that are linked to the request are listed.
pub async fn attachments(
    connection: &mut AnyConnection,
    request_id: &str,
) -> Result<Vec<LinkedAttachment>, sqlx::Error> {
    let rows = sqlx::query(
        "SELECT ra.attachment_id, ra.message_id, a.name, \
         COALESCE(a.content_type, a.declared_type) AS content_type, a.size \
         FROM request_attachments ra \
         JOIN attachments a ON a.id = ra.attachment_id AND a.request_id = ra.request_id \
         WHERE ra.request_id = $1 ORDER BY ra.added_at, ra.position, ra.attachment_id",
    )
    .bind(request_id)
    .fetch_all(&mut *connection)
    .await?;
    rows.iter()
        .map(|row| {
            Ok(LinkedAttachment {
                id: row.try_get("attachment_id")?,
                message_id: row.try_get("message_id")?,
                name: row.try_get("name")?,
                content_type: row.try_get("content_type")?,
                size: row.try_get("size")?,
            })
        })
        .collect()
}

/// A staff member found by name: `(id, name, role)`.
pub async fn staff_by_name(
    connection: &mut AnyConnection,
    name: &str,
) -> Result<Option<(String, String, String)>, sqlx::Error> {
    sqlx::query_as("SELECT id, name, role FROM staff WHERE name = $1")
        .bind(name)
        .fetch_optional(&mut *connection)
        .await
}
