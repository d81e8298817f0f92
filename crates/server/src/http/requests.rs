//! Service requests, relative to `/api/v1`, for customers and guests:
//!
//! - `POST /requests {type, severity, fields, locale?}` opens one (201; 200
//!   with the same request when its `Idempotency-Key`, which is required
//!   here, made it before);
//! - `GET /requests?status=&cursor=&limit=` lists a customer's own (staff:
//!   everyone's), newest activity first;
//! - `GET /requests/{number}` shows one, with its service-level times,
//!   timeline, messages and attachments (`{id, name, type, size, url}`);
//! - `POST /requests/{number}/messages {text, attachments?}` adds a message:
//!   text, upload ids of the asker's to link to the request, or both;
//! - `POST /requests/{number}/reopen`, `/cancel` and `/close` move it.
//!
//! A request's `locale` is the one it names, else the signed-in customer's,
//! else the `Accept-Language` one, else the portal's default.
//!
//! A guest is whoever sends the request's access key in `X-Access-Key`.
//! The rules are in [`crate::requests`].
//!
//! Opening is rate-limited per client address for guests and per customer
//! for the signed-in; every call with an access key also goes through
//! [`super::rate_limit::guest_access`] (layered in [`super::app`]).

use aftercare_core::lifecycle::RequestAction;
use aftercare_core::Locale;
use axum::extract::{DefaultBodyLimit, FromRequestParts, State};
use axum::http::header::ACCEPT_LANGUAGE;
use axum::http::request::Parts;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::Router;

use super::extract::{Json, Path, Query};
use super::idempotency::KEY_HEADER;
use super::identity::{access_key, Identity};
use super::language;
use super::problem::ApiError;
use super::rate_limit::{ClientIp, Limit};
use super::AppState;
use crate::db::customers;
use crate::requests::{
    self, Asker, Desk, ListQuery, MessageBody, MoveDetail, NewRequestBody, RequestPage, RequestView,
};

/// The largest body these routes read.
pub const BODY_LIMIT: usize = 256 * 1024;

/// The request routes, relative to `/api/v1`.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/requests", post(create).get(list))
        .route("/requests/{number}", get(read))
        .route("/requests/{number}/messages", post(message))
        .route("/requests/{number}/reopen", post(reopen))
        .route("/requests/{number}/cancel", post(cancel))
        .route("/requests/{number}/close", post(close))
        .layer(DefaultBodyLimit::max(BODY_LIMIT))
}

impl FromRequestParts<AppState> for Asker {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, ApiError> {
        let identity = Identity::from_request_parts(parts, state).await?;
        let key_hash = match &identity {
            Identity::Guest { key_hash } => Some(key_hash.clone()),
            _ => access_key(&parts.headers)?,
        };
        Ok(Asker { identity, key_hash })
    }
}

/// The rules' view of the state.
pub fn desk(state: &AppState) -> Desk<'_> {
    Desk {
        db: &state.db,
        clock: &state.clock,
        catalog: &state.catalog,
    }
}

/// Posts a message as `asker`, keyed by the request's `Idempotency-Key` if
/// it has one; the customer's and the staff's message routes share it.
pub(crate) async fn post_message(
    state: &AppState,
    asker: &Asker,
    number: &str,
    headers: &HeaderMap,
    body: &MessageBody,
) -> Result<RequestView, ApiError> {
    let scope = asker.identity.scope();
    let key = idempotency_key(headers);
    let idempotency = key.as_deref().map(|key| (scope.as_str(), key));
    requests::post_message(desk(state), asker, number, body, idempotency).await
}

/// The `Idempotency-Key` of `headers` (the layer checked its form).
fn idempotency_key(headers: &HeaderMap) -> Option<String> {
    headers
        .get(KEY_HEADER)
        .and_then(|value| value.to_str().ok())
        .map(str::to_string)
}

async fn create(
    State(state): State<AppState>,
    ClientIp(ip): ClientIp,
    asker: Asker,
    headers: HeaderMap,
    Json(body): Json<NewRequestBody>,
) -> Result<Response, ApiError> {
    let Some(key) = idempotency_key(&headers) else {
        return Err(ApiError::invalid(
            "/headers/idempotency-key",
            "required",
            "Opening a request needs an Idempotency-Key, made once per request (a UUID).",
        ));
    };
    // Guests by their client address, customers by who they are.
    let now = state.clock.now();
    match &asker.identity {
        Identity::Guest { .. } => state.limits.check(Limit::RequestsPerIp, &ip, now)?,
        Identity::Customer { id, .. } => state.limits.check(Limit::RequestsPerCustomer, id, now)?,
        Identity::Staff { .. } | Identity::Nobody => {}
    }
    let known = match &asker.identity {
        Identity::Customer { email, .. } => {
            let mut connection = state.db.pool().acquire().await?;
            customers::find_by_email(&mut connection, email)
                .await?
                .map(|customer| customer.locale)
                .filter(|tag| state.portal.locales.contains(tag))
        }
        _ => None,
    };
    let locale = match body.locale.as_deref() {
        Some(tag) if state.portal.locales.iter().any(|l| l == tag) => tag.to_string(),
        Some(tag) => {
            return Err(ApiError::Unprocessable(vec![super::problem::field_error(
                "/locale",
                "not_an_option",
                format!("{tag:?} is not one of {}", state.portal.locales.join(", ")),
            )]))
        }
        None if known.is_some() => known.unwrap_or_default(),
        None if headers.contains_key(ACCEPT_LANGUAGE) => {
            language::negotiate(&headers).tag().to_string()
        }
        None => Locale::from_tag(&state.portal.default_locale)
            .unwrap_or(Locale::En)
            .tag()
            .to_string(),
    };
    let (created, view) = requests::create(desk(&state), &asker, &body, &locale, &key).await?;
    let status = if created {
        StatusCode::CREATED
    } else {
        StatusCode::OK
    };
    Ok((status, axum::Json(view)).into_response())
}

async fn list(
    State(state): State<AppState>,
    asker: Asker,
    Query(query): Query<ListQuery>,
) -> Result<axum::Json<RequestPage>, ApiError> {
    requests::list(desk(&state), &asker, &query)
        .await
        .map(axum::Json)
}

async fn read(
    State(state): State<AppState>,
    asker: Asker,
    Path(number): Path<String>,
) -> Result<axum::Json<RequestView>, ApiError> {
    requests::read(desk(&state), &asker, &number)
        .await
        .map(axum::Json)
}

async fn message(
    State(state): State<AppState>,
    asker: Asker,
    Path(number): Path<String>,
    headers: HeaderMap,
    Json(body): Json<MessageBody>,
) -> Result<Response, ApiError> {
    let view = post_message(&state, &asker, &number, &headers, &body).await?;
    Ok((StatusCode::CREATED, axum::Json(view)).into_response())
}

async fn customer_move(
    state: &AppState,
    asker: &Asker,
    number: &str,
    action: RequestAction,
) -> Result<axum::Json<RequestView>, ApiError> {
    requests::act(desk(state), asker, number, action, &MoveDetail::default())
        .await
        .map(axum::Json)
}

async fn reopen(
    State(state): State<AppState>,
    asker: Asker,
    Path(number): Path<String>,
) -> Result<axum::Json<RequestView>, ApiError> {
    customer_move(&state, &asker, &number, RequestAction::Reopen).await
}

async fn cancel(
    State(state): State<AppState>,
    asker: Asker,
    Path(number): Path<String>,
) -> Result<axum::Json<RequestView>, ApiError> {
    customer_move(&state, &asker, &number, RequestAction::Cancel).await
}

async fn close(
    State(state): State<AppState>,
    asker: Asker,
    Path(number): Path<String>,
) -> Result<axum::Json<RequestView>, ApiError> {
    customer_move(&state, &asker, &number, RequestAction::Close).await
}
