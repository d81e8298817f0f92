//! Idempotency keys: the layer that makes every POST safe to retry.
//!
//! A POST may carry `Idempotency-Key: K` (1 to 255 printable ASCII
//! characters; clients use a UUID made once per intent). Keys belong to the
//! identity that sends them (see [`Identity::scope`]) and are kept forever.
//! The request's fingerprint is the SHA-256 of its method, target, identity
//! and body. Then:
//!
//! - the first request with K runs, and its response (status, content type,
//!   body) is stored with K;
//! - a later request with K and the same fingerprint gets the stored
//!   response again, with `Idempotent-Replayed: true`, and runs nothing;
//! - a request with K and another fingerprint is a 422 problem;
//! - a request with K while the first one still runs is a 409 problem with
//!   `Retry-After: 1`.
//!
//! The key's row is inserted before the request runs, in a statement of its
//! own, and the table's unique `(scope, key)` decides who runs it: of any
//! number of racing requests, on any number of servers, exactly one does.
//! Responses of 5xx and of transient 4xx (408, 425, 429) are not stored; the
//! key is released so a retry runs again. Everything from the claim on runs
//! in a task of its own, so a client that hangs up does not stop it half-way
//! or leave its key unfinished. A claim left unfinished by a server that died is taken over
//! by a retry after [`STALE_AFTER`].
//!
//! This makes the request run once; it does not by itself tie the rows the
//! request creates to the key. Routes that create rows (service requests,
//! messages) also give those rows a unique column, so that a claim taken
//! over after a crash cannot create them twice.
//!
//! Stored bodies are sealed (see [`crate::auth::seal`]) with a key derived
//! from the pepper and the whole request, because some of them carry bearer
//! tokens, which the database must not hold in the clear.

use aftercare_core::Problem;
use axum::body::{Body, Bytes};
use axum::extract::{FromRequestParts, OriginalUri, Request, State};
use axum::http::request::Parts;
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use hmac::Mac;
use http_body_util::{BodyExt, LengthLimitError, Limited};
use sha2::{Digest, Sha256};
use time::Duration;

use super::identity::Identity;
use super::problem::{ApiError, PROBLEM_JSON};
use super::AppState;
use crate::auth::{seal, secret};
use crate::db::idempotency::{self, Claim, StoredResponse};
use crate::timestamp;

/// The request header that carries the key.
pub const KEY_HEADER: &str = "idempotency-key";
/// The response header that marks a replay.
pub const REPLAYED_HEADER: &str = "idempotent-replayed";
/// The longest key accepted.
pub const MAX_KEY_LEN: usize = 255;
/// The largest request body the layer reads; routes set their own, lower
/// limits.
pub const MAX_BODY: usize = 1024 * 1024;
/// The largest response body that is stored.
const MAX_RESPONSE: usize = 4 * 1024 * 1024;
/// How long an unfinished claim is respected before a retry may take it
/// over (its server must have died).
pub const STALE_AFTER: Duration = Duration::minutes(2);

/// Middleware for the API's routes: handles POSTs that carry a key, and
/// passes everything else straight through.
pub async fn layer(State(state): State<AppState>, request: Request, next: Next) -> Response {
    if request.method() != Method::POST || !request.headers().contains_key(KEY_HEADER) {
        return next.run(request).await;
    }
    // The claim is committed by the database even when the future waiting
    // for it is dropped (a client hanging up mid-claim), so everything from
    // the claim to the stored response runs in a task of its own: otherwise
    // the key would stay "in flight" (409) until STALE_AFTER.
    match tokio::spawn(run(state, request, next)).await {
        Ok(Ok(response)) => response,
        Ok(Err(error)) => error.into_response(),
        Err(error) => {
            ApiError::Fault(format!("an idempotent request's task failed: {error}")).into_response()
        }
    }
}

async fn run(state: AppState, request: Request, next: Next) -> Result<Response, ApiError> {
    let key = idempotency_key(request.headers())?;
    let (mut parts, body) = request.into_parts();
    let scope = Identity::from_request_parts(&mut parts, &state)
        .await?
        .scope();
    let body = read_body(body).await?;
    let (fingerprint, seal_key) = fingerprint(&state, &parts, &scope, &key, &body);

    let db = &state.db;
    let now = state.clock.stamp();
    if let Claim::Taken(existing) =
        idempotency::claim(db.pool(), &scope, &key, &fingerprint, &now).await?
    {
        if existing.fingerprint != fingerprint {
            return Err(ApiError::IdempotencyKeyReused);
        }
        if let Some(stored) = existing.response {
            return replay(stored, &seal_key);
        }
        let stale_before = timestamp::format(state.clock.now() - STALE_AFTER);
        let taken =
            idempotency::take_over(db.pool(), &scope, &key, &fingerprint, &now, &stale_before)
                .await?;
        if !taken {
            return Err(ApiError::IdempotencyKeyInFlight);
        }
        tracing::warn!(%scope, "took over an idempotency key its first request left unfinished");
    }

    let request = Request::from_parts(parts, Body::from(body));
    let owner = Owner {
        state,
        scope,
        key,
        seal_key,
    };
    Ok(owner.finish(request, next).await)
}

/// The request that won the key, with what it needs to record its outcome.
struct Owner {
    state: AppState,
    scope: String,
    key: String,
    seal_key: [u8; 32],
}

impl Owner {
    /// Runs the request and stores its response, or releases the key when
    /// the response should not be replayed.
    async fn finish(self, request: Request, next: Next) -> Response {
        let response = match tokio::spawn(next.run(request)).await {
            Ok(response) => response,
            Err(error) => {
                self.release().await;
                return ApiError::Fault(format!("a handler panicked: {error}")).into_response();
            }
        };
        let (parts, body) = response.into_parts();
        let bytes = match Limited::new(body, MAX_RESPONSE).collect().await {
            Ok(collected) => collected.to_bytes(),
            Err(error) => {
                self.release().await;
                return ApiError::Fault(format!("a response could not be read: {error}"))
                    .into_response();
            }
        };
        if is_replayable(parts.status) {
            let stored = StoredResponse {
                status: parts.status.as_u16(),
                content_type: parts
                    .headers
                    .get(header::CONTENT_TYPE)
                    .and_then(|v| v.to_str().ok())
                    .map(str::to_string),
                body: seal::seal(&self.seal_key, &bytes),
            };
            let pool = self.state.db.pool();
            let now = self.state.clock.stamp();
            if let Err(error) =
                idempotency::complete(pool, &self.scope, &self.key, &stored, &now).await
            {
                tracing::error!(%error, "could not store an idempotent response");
            }
        } else {
            self.release().await;
        }
        Response::from_parts(parts, Body::from(bytes))
    }

    async fn release(&self) {
        if let Err(error) = idempotency::release(self.state.db.pool(), &self.scope, &self.key).await
        {
            tracing::error!(%error, "could not release an idempotency key");
        }
    }
}

/// Whether a response is the request's final answer (so a retry must get it
/// again) rather than a passing failure (so a retry must run again).
fn is_replayable(status: StatusCode) -> bool {
    status.as_u16() < 500 && !matches!(status.as_u16(), 408 | 425 | 429)
}

/// The key of `headers`, checked.
fn idempotency_key(headers: &HeaderMap) -> Result<String, ApiError> {
    let mut values = headers.get_all(KEY_HEADER).iter();
    let (Some(value), None) = (values.next(), values.next()) else {
        return Err(bad_key("Send one Idempotency-Key header, not several."));
    };
    let bytes = value.as_bytes();
    if bytes.is_empty()
        || bytes.len() > MAX_KEY_LEN
        || !bytes.iter().all(|b| (0x20..0x7f).contains(b))
    {
        return Err(bad_key(
            "An Idempotency-Key is 1 to 255 printable ASCII characters, such as a UUID.",
        ));
    }
    Ok(String::from_utf8_lossy(bytes).into_owned())
}

fn bad_key(detail: &str) -> ApiError {
    ApiError::invalid(
        "/headers/idempotency-key",
        "invalid_idempotency_key",
        detail,
    )
}

async fn read_body(body: Body) -> Result<Bytes, ApiError> {
    match Limited::new(body, MAX_BODY).collect().await {
        Ok(collected) => Ok(collected.to_bytes()),
        Err(error) if error.is::<LengthLimitError>() => Err(ApiError::TooLarge(format!(
            "The body is larger than {MAX_BODY} bytes."
        ))),
        Err(_) => Err(ApiError::Malformed("The body could not be read.".into())),
    }
}

/// The request's fingerprint (hex SHA-256) and the key its stored response
/// is sealed with (HMAC of the same fields and the idempotency key, keyed
/// with the pepper). Fields are length-prefixed so none can bleed into the
/// next.
fn fingerprint(
    state: &AppState,
    parts: &Parts,
    scope: &str,
    key: &str,
    body: &[u8],
) -> (String, [u8; 32]) {
    let target = parts
        .extensions
        .get::<OriginalUri>()
        .map_or(&parts.uri, |OriginalUri(uri)| uri);
    let target = target.path_and_query().map_or("/", |p| p.as_str());
    let mut sha = Sha256::new();
    let mut mac = state.pepper.mac("idempotent response");
    mac.update(key.as_bytes());
    for field in [
        parts.method.as_str().as_bytes(),
        target.as_bytes(),
        scope.as_bytes(),
        body,
    ] {
        let len = (field.len() as u64).to_be_bytes();
        sha.update(len);
        sha.update(field);
        mac.update(&len);
        mac.update(field);
    }
    (
        secret::hex(&sha.finalize()),
        mac.finalize().into_bytes().into(),
    )
}

/// A stored response, sent again.
fn replay(stored: StoredResponse, seal_key: &[u8; 32]) -> Result<Response, ApiError> {
    let body = seal::open(seal_key, &stored.body).ok_or_else(|| {
        ApiError::Fault("a stored response could not be opened (was the pepper changed?)".into())
    })?;
    let status = StatusCode::from_u16(stored.status)
        .map_err(|_| ApiError::Fault(format!("a stored status {} is invalid", stored.status)))?;
    // A problem goes back through the localizing layer, so it is titled in
    // the language of the retry.
    let problem = stored
        .content_type
        .as_deref()
        .filter(|ct| ct.starts_with(PROBLEM_JSON))
        .and_then(|_| serde_json::from_slice::<Problem>(&body).ok());
    let mut response = (status, body).into_response();
    let headers = response.headers_mut();
    headers.remove(header::CONTENT_TYPE);
    if let Some(content_type) = stored
        .content_type
        .and_then(|ct| HeaderValue::from_str(&ct).ok())
    {
        headers.insert(header::CONTENT_TYPE, content_type);
    }
    headers.insert(REPLAYED_HEADER, HeaderValue::from_static("true"));
    if let Some(problem) = problem {
        response.extensions_mut().insert(problem);
    }
    Ok(response)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(value: &str) -> Result<String, ApiError> {
        let mut headers = HeaderMap::new();
        headers.insert(KEY_HEADER, HeaderValue::from_str(value).unwrap());
        idempotency_key(&headers)
    }

    #[test]
    fn keys_are_short_printable_ascii() {
        assert_eq!(
            key("3f1c2a9e-0b7d-4c55-9e61-7a0f6f3b2d10").unwrap().len(),
            36
        );
        assert!(key("a").is_ok());
        assert!(key("with space ~").is_ok());
        assert!(key(&"k".repeat(MAX_KEY_LEN)).is_ok());
        assert!(key(&"k".repeat(MAX_KEY_LEN + 1)).is_err());
        assert!(key("").is_err());
        assert!(key("tab\there").is_err());
        let mut twice = HeaderMap::new();
        twice.append(KEY_HEADER, HeaderValue::from_static("a"));
        twice.append(KEY_HEADER, HeaderValue::from_static("b"));
        assert!(idempotency_key(&twice).is_err());
    }

    #[test]
    fn only_final_answers_are_replayed() {
        for status in [200, 201, 202, 204, 400, 401, 404, 409, 413, 422] {
            assert!(
                is_replayable(StatusCode::from_u16(status).unwrap()),
                "{status}"
            );
        }
        for status in [408, 425, 429, 500, 503] {
            assert!(
                !is_replayable(StatusCode::from_u16(status).unwrap()),
                "{status}"
            );
        }
    }
}
