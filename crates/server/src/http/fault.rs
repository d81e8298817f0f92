//! The test-only fault layer: rules that make matching requests slow, make
//! them fail with a 503, or let them run and then drop the connection before
//! the answer is sent, so that clients' retry and outbox logic can be tested
//! against a real server.
//!
//! It is off unless the environment variable `AFTERCARE_FAULTS` is `1` when
//! `serve` starts; then the rules are managed, without any sign-in, at
//! `/__faults`. Anyone who can reach the server can then break it, so it is
//! never for production. While it is off, `/__faults` is a 404 problem.
//!
//! - `POST /__faults {"path_prefix", "method"?, "mode", "delay_ms"?,
//!   "retry_after"?, "times"?}` adds a rule and answers it with its `id`
//!   (201). `mode` is `delay` (wait `delay_ms`, then answer as usual),
//!   `unavailable` (a 503 problem with `Retry-After: retry_after`, default 1,
//!   without running the route) or `drop_after_commit` (run the route to the
//!   end, so whatever it writes is committed, then close the connection
//!   without an answer). A rule fires `times` times (every time without it).
//! - `GET /__faults` lists the rules with `hits`, how often each fired.
//! - `DELETE /__faults` removes every rule; `DELETE /__faults/{id}` one.
//!
//! Of the rules whose `path_prefix` starts the request's path and whose
//! `method` (any if absent) is the request's, the oldest with firings left
//! fires. `/__faults` itself is never faulted.

use std::io;
use std::pin::Pin;
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll};
use std::time::Duration;

use axum::body::{Body, Bytes, HttpBody};
use axum::extract::{DefaultBodyLimit, Request, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{any, delete, get};
use axum::Router;
use http_body::Frame;
use serde::{Deserialize, Serialize};
use tower::ServiceExt;

use super::extract::{Json, Path};
use super::problem::{self, ApiError};

/// The environment variable that turns the layer on (with the value `1`).
pub const ENV_VAR: &str = "AFTERCARE_FAULTS";
/// Where the rules are managed.
pub const CONTROL_PATH: &str = "/__faults";
/// The largest rule the control API reads.
const BODY_LIMIT: usize = 16 * 1024;
/// The longest delay a rule may ask for, in milliseconds.
const MAX_DELAY_MS: u64 = 60_000;

/// What a rule does to the requests it matches.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Mode {
    Delay,
    Unavailable,
    DropAfterCommit,
}

/// A rule as the control API receives it.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NewRule {
    pub path_prefix: String,
    #[serde(default)]
    pub method: Option<String>,
    pub mode: Mode,
    #[serde(default)]
    pub delay_ms: Option<u64>,
    #[serde(default)]
    pub retry_after: Option<u64>,
    #[serde(default)]
    pub times: Option<u64>,
}

/// A rule in force, with how often it fired.
#[derive(Debug, Clone, Serialize)]
pub struct Rule {
    pub id: u64,
    pub path_prefix: String,
    pub method: Option<String>,
    pub mode: Mode,
    pub delay_ms: Option<u64>,
    pub retry_after: Option<u64>,
    pub times: Option<u64>,
    pub hits: u64,
}

#[derive(Debug, Default)]
struct Rules {
    next_id: u64,
    list: Vec<Rule>,
}

/// The rules in force; cheap to clone, shared by every request.
#[derive(Debug, Clone, Default)]
pub struct Faults {
    rules: Arc<Mutex<Rules>>,
}

impl Faults {
    /// An empty rule set when `AFTERCARE_FAULTS=1`, else `None` (no layer).
    pub fn from_env() -> Option<Faults> {
        let on = std::env::var(ENV_VAR).is_ok_and(|value| value == "1");
        on.then(Faults::default)
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Rules> {
        self.rules
            .lock()
            .expect("the fault rules' lock is never poisoned")
    }

    /// Adds a rule, checked first, and returns it as stored.
    pub fn add(&self, new: NewRule) -> Result<Rule, ApiError> {
        if !new.path_prefix.starts_with('/') {
            return Err(ApiError::invalid(
                "/path_prefix",
                "invalid",
                "A path prefix starts with /.",
            ));
        }
        if new.delay_ms.is_some_and(|ms| ms > MAX_DELAY_MS) {
            return Err(ApiError::invalid(
                "/delay_ms",
                "too_large",
                format!("A delay is at most {MAX_DELAY_MS} ms."),
            ));
        }
        let mut rules = self.lock();
        rules.next_id += 1;
        let rule = Rule {
            id: rules.next_id,
            path_prefix: new.path_prefix,
            method: new.method.map(|m| m.to_ascii_uppercase()),
            mode: new.mode,
            delay_ms: new.delay_ms,
            retry_after: new.retry_after,
            times: new.times,
            hits: 0,
        };
        rules.list.push(rule.clone());
        Ok(rule)
    }

    /// Every rule, oldest first.
    pub fn list(&self) -> Vec<Rule> {
        self.lock().list.clone()
    }

    /// Removes every rule.
    pub fn clear(&self) {
        self.lock().list.clear();
    }

    /// The rule that fires for a request, counted as a hit.
    fn fire(&self, method: &str, path: &str) -> Option<Rule> {
        let mut rules = self.lock();
        let rule = rules.list.iter_mut().find(|rule| {
            path.starts_with(&rule.path_prefix)
                && rule.method.as_deref().is_none_or(|m| m == method)
                && rule.times.is_none_or(|times| rule.hits < times)
        })?;
        rule.hits += 1;
        Some(rule.clone())
    }
}

/// The control API when the layer is on.
pub fn router<S: Clone + Send + Sync + 'static>(faults: Faults) -> Router<S> {
    Router::new()
        .route(CONTROL_PATH, get(list).post(add).delete(clear))
        .route(&format!("{CONTROL_PATH}/{{id}}"), delete(remove))
        .layer(DefaultBodyLimit::max(BODY_LIMIT))
        .with_state(faults)
}

/// `/__faults` when the layer is off: a 404 problem, like any missing API.
pub fn disabled_router<S: Clone + Send + Sync + 'static>() -> Router<S> {
    Router::new()
        .route(CONTROL_PATH, any(off))
        .route(&format!("{CONTROL_PATH}/{{*rest}}"), any(off))
}

async fn off() -> ApiError {
    ApiError::NotFound("There is no such route.".into())
}

#[derive(Serialize)]
struct RuleList {
    rules: Vec<Rule>,
}

async fn list(State(faults): State<Faults>) -> axum::Json<RuleList> {
    axum::Json(RuleList {
        rules: faults.list(),
    })
}

async fn add(
    State(faults): State<Faults>,
    Json(new): Json<NewRule>,
) -> Result<(StatusCode, axum::Json<Rule>), ApiError> {
    let rule = faults.add(new)?;
    tracing::warn!(?rule, "fault rule added");
    Ok((StatusCode::CREATED, axum::Json(rule)))
}

async fn clear(State(faults): State<Faults>) -> StatusCode {
    faults.clear();
    StatusCode::NO_CONTENT
}

async fn remove(State(faults): State<Faults>, Path(id): Path<u64>) -> Result<StatusCode, ApiError> {
    let mut rules = faults.lock();
    let before = rules.list.len();
    rules.list.retain(|rule| rule.id != id);
    if rules.list.len() == before {
        return Err(ApiError::NotFound(format!("There is no fault rule {id}.")));
    }
    Ok(StatusCode::NO_CONTENT)
}

/// Middleware: applies the rule that fires for the request, if any.
pub async fn layer(State(faults): State<Faults>, request: Request, next: Next) -> Response {
    let path = request.uri().path();
    if path == CONTROL_PATH || path.starts_with(&format!("{CONTROL_PATH}/")) {
        return next.run(request).await;
    }
    let Some(rule) = faults.fire(request.method().as_str(), path) else {
        return next.run(request).await;
    };
    match rule.mode {
        Mode::Delay => {
            tokio::time::sleep(Duration::from_millis(rule.delay_ms.unwrap_or(0))).await;
            next.run(request).await
        }
        Mode::Unavailable => unavailable(request, rule.retry_after.unwrap_or(1)).await,
        Mode::DropAfterCommit => {
            let response = next.run(request).await;
            tracing::warn!(
                status = %response.status(),
                rule = rule.id,
                "dropping the connection instead of answering"
            );
            drop(response);
            Response::new(Body::new(Dropped))
        }
    }
}

/// A 503 problem in the request's language, with `Retry-After`.
async fn unavailable(request: Request, retry_after: u64) -> Response {
    let answer = Router::new()
        .fallback(|| async { StatusCode::SERVICE_UNAVAILABLE })
        .layer(middleware::from_fn(problem::localize));
    let mut response = match answer.oneshot(request).await {
        Ok(response) => response,
        Err(never) => match never {},
    };
    response
        .headers_mut()
        .insert(header::RETRY_AFTER, HeaderValue::from(retry_after));
    response.into_response()
}

/// A body that fails at once, so the server closes the connection without
/// sending the status line or anything after it.
struct Dropped;

impl HttpBody for Dropped {
    type Data = Bytes;
    type Error = io::Error;

    fn poll_frame(
        self: Pin<&mut Self>,
        _cx: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<Bytes>, io::Error>>> {
        Poll::Ready(Some(Err(io::Error::new(
            io::ErrorKind::ConnectionAborted,
            "the fault layer drops this answer",
        ))))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rule(prefix: &str, method: Option<&str>, times: Option<u64>) -> NewRule {
        NewRule {
            path_prefix: prefix.into(),
            method: method.map(Into::into),
            mode: Mode::Delay,
            delay_ms: None,
            retry_after: None,
            times,
        }
    }

    #[test]
    fn the_oldest_matching_rule_with_firings_left_fires() {
        let faults = Faults::default();
        faults
            .add(rule("/api/v1/requests", Some("post"), Some(1)))
            .unwrap();
        faults.add(rule("/api", None, None)).unwrap();
        assert_eq!(faults.fire("POST", "/api/v1/requests").unwrap().id, 1);
        assert_eq!(faults.fire("POST", "/api/v1/requests").unwrap().id, 2);
        assert_eq!(faults.fire("GET", "/api/v1/requests").unwrap().id, 2);
        assert!(faults.fire("GET", "/healthz").is_none());
        let hits: Vec<u64> = faults.list().iter().map(|r| r.hits).collect();
        assert_eq!(hits, [1, 2]);
        assert!(faults.add(rule("api", None, None)).is_err());
    }
}
