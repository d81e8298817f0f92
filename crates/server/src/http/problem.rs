//! Errors as the API answers them: RFC 9457 `application/problem+json`
//! documents (the core's [`Problem`]) titled in the asker's language.
//!
//! Handlers return [`ApiError`]. The [`localize`] middleware then titles every
//! problem in the language `Accept-Language` asks for, and turns any other
//! error response on an API path (axum's own 404s, 405s and extractor
//! rejections) into a problem too, so a client never has to read text/plain.
//! Database errors are logged here and answered with a generic problem; their
//! text never reaches the client. The kinds this server adds to the core's
//! are in [`super::problem_kinds`], the titles in
//! [`super::problem_titles`].

use std::collections::HashSet;

use aftercare_core::problem::kinds;
use aftercare_core::{Locale, Problem, ProblemFieldError};
use axum::extract::Request;
use axum::http::{header, HeaderName, HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use super::language;
use super::problem_kinds;
use super::problem_titles::title;

/// The media type of problem documents.
pub const PROBLEM_JSON: &str = "application/problem+json";
/// RFC 9457's type for problems that mean no more than their status code.
pub(super) const STATUS_ONLY: &str = "about:blank";
/// How long a client should wait before retrying after a 503, in seconds.
const RETRY_AFTER_SECONDS: &str = "5";

/// Why a request failed, as a handler reports it.
#[derive(Debug)]
pub enum ApiError {
    /// The thing asked for does not exist; the detail says which.
    NotFound(String),
    /// Some inputs broke a rule; each error points at one.
    Validation(Vec<ProblemFieldError>),
    /// The request was read, but what it asks for breaks the domain's rules
    /// (a form's answers, an unknown request type): 422, kind validation.
    Unprocessable(Vec<ProblemFieldError>),
    /// A service request cannot make this move; the detail says why.
    InvalidTransition(String),
    /// An upload is not at the offset or in the state the request needs.
    UploadConflict(String),
    /// A survey asked for before its request is resolved or closed.
    SurveyNotOpen(String),
    /// A survey changed after its edit window.
    SurveyClosed(String),
    /// The customer registered this product already; the error points at
    /// the serial number.
    AlreadyRegistered(ProblemFieldError),
    /// The request could not be read at all.
    Malformed(String),
    /// The body is larger than the route accepts.
    TooLarge(String),
    /// The body is not in a media type the route reads.
    UnsupportedMediaType(String),
    /// The bearer token is missing, unknown, expired or revoked.
    Unauthenticated(String),
    /// The asker is known and may see the thing, but not do this to it.
    Forbidden(String),
    /// A sign-in code did not work (for any reason, which is not told).
    SignInFailed,
    /// A vendor's embed token was refused, for the reason given.
    EmbedTokenRejected(String),
    /// The client must wait this many seconds before asking again.
    RateLimited { retry_after: u64 },
    /// The idempotency key was used before for a different request.
    IdempotencyKeyReused,
    /// The idempotency key's first request is still running.
    IdempotencyKeyInFlight,
    /// The database did not answer (closed, timed out, unreachable).
    Unavailable(sqlx::Error),
    /// Anything else that went wrong on the server.
    Internal(sqlx::Error),
    /// A fault on the server that is not the database's; logged, never told.
    Fault(String),
}

impl ApiError {
    /// A validation error with a single field error.
    pub fn invalid(pointer: &str, code: &str, detail: impl Into<String>) -> Self {
        ApiError::Validation(vec![field_error(pointer, code, detail)])
    }

    /// The headers that go with the problem: how long to wait, or how to
    /// authenticate.
    fn headers(&self) -> Vec<(HeaderName, HeaderValue)> {
        match self {
            ApiError::RateLimited { retry_after } => {
                vec![(header::RETRY_AFTER, HeaderValue::from(*retry_after))]
            }
            ApiError::IdempotencyKeyInFlight => {
                vec![(header::RETRY_AFTER, HeaderValue::from_static("1"))]
            }
            ApiError::Unauthenticated(_)
            | ApiError::SignInFailed
            | ApiError::EmbedTokenRejected(_) => {
                vec![(
                    header::WWW_AUTHENTICATE,
                    HeaderValue::from_static("Bearer realm=\"aftercare\""),
                )]
            }
            _ => Vec::new(),
        }
    }

    fn into_problem(self) -> Problem {
        match self {
            ApiError::NotFound(detail) => {
                Problem::new(kinds::NOT_FOUND, 404, "").with_detail(detail)
            }
            ApiError::Validation(errors) => Problem {
                errors,
                ..Problem::new(kinds::VALIDATION, 400, "")
            },
            ApiError::Unprocessable(errors) => Problem {
                errors,
                ..Problem::new(kinds::VALIDATION, 422, "")
            },
            ApiError::InvalidTransition(detail) => {
                Problem::new(problem_kinds::INVALID_TRANSITION, 409, "").with_detail(detail)
            }
            ApiError::UploadConflict(detail) => {
                Problem::new(problem_kinds::UPLOAD_CONFLICT, 409, "").with_detail(detail)
            }
            ApiError::SurveyNotOpen(detail) => {
                Problem::new(problem_kinds::SURVEY_NOT_OPEN, 409, "").with_detail(detail)
            }
            ApiError::SurveyClosed(detail) => {
                Problem::new(problem_kinds::SURVEY_CLOSED, 409, "").with_detail(detail)
            }
            ApiError::AlreadyRegistered(error) => Problem {
                errors: vec![error],
                ..Problem::new(problem_kinds::ALREADY_REGISTERED, 409, "")
                    .with_detail("You registered this product already.")
            },
            ApiError::Malformed(detail) => {
                Problem::new(kinds::MALFORMED, 400, "").with_detail(detail)
            }
            ApiError::TooLarge(detail) => {
                Problem::new(kinds::MALFORMED, 413, "").with_detail(detail)
            }
            ApiError::UnsupportedMediaType(detail) => {
                Problem::new(kinds::MALFORMED, 415, "").with_detail(detail)
            }
            ApiError::Unauthenticated(detail) => {
                Problem::new(problem_kinds::UNAUTHENTICATED, 401, "").with_detail(detail)
            }
            ApiError::Forbidden(detail) => {
                Problem::new(problem_kinds::FORBIDDEN, 403, "").with_detail(detail)
            }
            ApiError::SignInFailed => Problem::new(problem_kinds::SIGN_IN_FAILED, 401, "")
                .with_detail("Check the code, or ask for a new one."),
            ApiError::EmbedTokenRejected(detail) => {
                Problem::new(problem_kinds::EMBED_TOKEN_REJECTED, 401, "").with_detail(detail)
            }
            ApiError::RateLimited { retry_after } => {
                Problem::new(problem_kinds::RATE_LIMITED, 429, "")
                    .with_detail(format!("Try again in {retry_after} seconds."))
            }
            ApiError::IdempotencyKeyReused => {
                Problem::new(problem_kinds::IDEMPOTENCY_KEY_REUSED, 422, "").with_detail(
                    "This Idempotency-Key was used before for a different request; \
                     use a new key for a new request.",
                )
            }
            ApiError::IdempotencyKeyInFlight => {
                Problem::new(problem_kinds::IDEMPOTENCY_KEY_IN_FLIGHT, 409, "")
                    .with_detail("Retry after Retry-After seconds to get its result.")
            }
            ApiError::Unavailable(error) => {
                tracing::warn!(%error, "the database is unavailable");
                Problem::new(kinds::UNAVAILABLE, 503, "")
            }
            ApiError::Internal(error) => {
                tracing::error!(%error, "a request failed on a database error");
                Problem::new(kinds::INTERNAL, 500, "")
            }
            ApiError::Fault(error) => {
                tracing::error!(%error, "a request failed");
                Problem::new(kinds::INTERNAL, 500, "")
            }
        }
    }
}

/// One rule an input broke, located by a JSON pointer such as
/// `/query/limit`.
pub fn field_error(pointer: &str, code: &str, detail: impl Into<String>) -> ProblemFieldError {
    ProblemFieldError {
        pointer: pointer.to_string(),
        code: code.to_string(),
        detail: detail.into(),
    }
}

impl From<sqlx::Error> for ApiError {
    fn from(error: sqlx::Error) -> Self {
        match error {
            sqlx::Error::PoolTimedOut
            | sqlx::Error::PoolClosed
            | sqlx::Error::Io(_)
            | sqlx::Error::WorkerCrashed => ApiError::Unavailable(error),
            _ => ApiError::Internal(error),
        }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let headers = self.headers();
        let mut response = render(self.into_problem(), Locale::En);
        response.headers_mut().extend(headers);
        response
    }
}

/// Middleware: titles problems in the request's language, and makes every
/// error on an API path a problem.
pub async fn localize(request: Request, next: Next) -> Response {
    let locale = language::negotiate(request.headers());
    let on_api = is_api_path(request.uri().path());
    let mut response = next.run(request).await;
    let problem = match response.extensions_mut().remove::<Problem>() {
        Some(problem) => problem,
        None if on_api && is_error(response.status()) && !is_problem(&response) => {
            status_problem(response.status())
        }
        None => return response,
    };
    let (old, _body) = response.into_parts();
    let mut fresh = render(problem, locale);
    // Headers such as `Allow` on a 405 stay; the old body's headers go.
    let own: HashSet<HeaderName> = fresh.headers().keys().cloned().collect();
    for (name, value) in &old.headers {
        if name != header::CONTENT_LENGTH && !own.contains(name) {
            fresh.headers_mut().append(name.clone(), value.clone());
        }
    }
    fresh
}

/// Whether `path` belongs to the API rather than to the portal's files.
pub fn is_api_path(path: &str) -> bool {
    path == "/api" || path.starts_with("/api/") || path == "/healthz"
}

fn is_error(status: StatusCode) -> bool {
    status.is_client_error() || status.is_server_error()
}

fn is_problem(response: &Response) -> bool {
    response
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|value| value.to_str().ok())
        .is_some_and(|value| value.starts_with(PROBLEM_JSON))
}

/// The problem an error status stands for when nothing more is known.
fn status_problem(status: StatusCode) -> Problem {
    let kind = match status.as_u16() {
        404 => kinds::NOT_FOUND,
        400 | 413 | 415 | 422 => kinds::MALFORMED,
        503 => kinds::UNAVAILABLE,
        code if code >= 500 => kinds::INTERNAL,
        _ => STATUS_ONLY,
    };
    Problem::new(kind, status.as_u16(), "")
}

/// The problem as a response, titled in `locale`. The problem also rides
/// along as an extension so that [`localize`] can title it again.
fn render(mut problem: Problem, locale: Locale) -> Response {
    if let Some(title) = title(&problem.kind, problem.status, locale) {
        problem.title = title.to_string();
    }
    let status = StatusCode::from_u16(problem.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    let body = serde_json::to_vec(&problem).expect("a problem is always JSON");
    let mut response = (
        status,
        [
            (header::CONTENT_TYPE, PROBLEM_JSON),
            (header::CONTENT_LANGUAGE, locale.tag()),
            (header::VARY, "accept-language"),
        ],
        body,
    )
        .into_response();
    if status == StatusCode::SERVICE_UNAVAILABLE {
        response.headers_mut().insert(
            header::RETRY_AFTER,
            HeaderValue::from_static(RETRY_AFTER_SECONDS),
        );
    }
    response.extensions_mut().insert(problem);
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn database_errors_are_never_disclosed() {
        let error = sqlx::Error::Protocol("secret table kb_articles broke".into());
        let problem = ApiError::from(error).into_problem();
        assert_eq!(problem.kind, kinds::INTERNAL);
        assert_eq!(problem.status, 500);
        assert!(problem.detail.is_none());
        let closed = ApiError::from(sqlx::Error::PoolClosed).into_problem();
        assert_eq!(
            (closed.kind.as_str(), closed.status),
            (kinds::UNAVAILABLE, 503)
        );
    }

    #[test]
    fn api_paths_are_recognised() {
        assert!(is_api_path("/api"));
        assert!(is_api_path("/api/v1/portal"));
        assert!(is_api_path("/healthz"));
        assert!(!is_api_path("/apiary"));
        assert!(!is_api_path("/articles/x"));
    }
}
