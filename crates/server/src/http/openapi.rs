//! The contract, published: `GET /api/v1/openapi.json` answers an OpenAPI
//! 3.1 document (built with utoipa) of every route the server serves, the
//! shapes of their bodies, the problem+json answers and the two ways of
//! asking: a bearer token (`bearer`) or a guest's `X-Access-Key`
//! (`access_key`), and, for a request's survey only, a survey link's
//! `X-Survey-Token` (`survey_token`).
//!
//! The document is built once and served as the same bytes every time, so
//! clients may cache and compare it. The operations are described in
//! [`paths`], [`kb_paths`], [`request_paths`], [`survey_paths`] and
//! [`product_paths`], the bodies in [`schemas`], [`kb_schemas`],
//! [`request_schemas`], [`survey_schemas`] and [`product_schemas`]; a test
//! checks that the document
//! and the router agree.

pub mod kb_paths;
pub mod kb_schemas;
pub mod paths;
pub mod product_paths;
pub mod product_schemas;
pub mod request_paths;
pub mod request_schemas;
pub mod schemas;
pub mod survey_paths;
pub mod survey_schemas;

use std::sync::OnceLock;

use axum::http::header::{CACHE_CONTROL, CONTENT_TYPE};
use axum::response::IntoResponse;
use axum::routing::get;
use axum::Router;
use utoipa::openapi::security::{ApiKey, ApiKeyValue, HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::openapi::{Content, OpenApi as Document, Ref, RefOr};
use utoipa::{Modify, OpenApi};

use super::AppState;

/// The media type of every error answer.
pub const PROBLEM_JSON: &str = "application/problem+json";

/// The document's root.
#[derive(OpenApi)]
#[openapi(
    info(
        title = "Aftercare portal API",
        version = "1",
        description = "The REST contract (v1) of the Aftercare customer self-service portal. \
            Errors are RFC 9457 problems (`application/problem+json`) whose `type` is a stable URI \
            under https://aftercare.dev/problems/ and whose `title` is in the `Accept-Language` \
            language. No token or a bad one is a 401; a valid identity asking for what is not \
            theirs is a 404, never a 403. Every POST accepts `Idempotency-Key`."
    ),
    paths(
        paths::healthz,
        paths::openapi_json,
        paths::portal,
        paths::kb_articles,
        paths::kb_article,
        kb_paths::kb_search,
        kb_paths::kb_feedback,
        kb_paths::kb_events,
        paths::email_code,
        paths::session_create,
        paths::session_read,
        paths::session_delete,
        paths::embed,
        request_paths::requests_create,
        request_paths::requests_list,
        request_paths::requests_read,
        request_paths::requests_message,
        request_paths::requests_reopen,
        request_paths::requests_cancel,
        request_paths::requests_close,
        request_paths::staff_action,
        request_paths::staff_message,
        request_paths::attachments_create,
        request_paths::attachments_append,
        request_paths::attachments_progress,
        request_paths::attachments_download,
        survey_paths::survey_read,
        survey_paths::survey_answer,
        product_paths::products_list,
        product_paths::products_register,
        product_paths::me_export,
        product_paths::me_delete,
    ),
    components(schemas(schemas::Problem)),
    modifiers(&Security, &ProblemBodies),
    tags(
        (name = "portal", description = "What the portal needs before it draws."),
        (name = "kb", description = "The knowledge base."),
        (name = "auth", description = "Signing in: mailed codes, vendors' embed tokens, sessions."),
        (name = "requests", description = "Service requests, for customers and guests."),
        (name = "staff", description = "The department's moves, for staff tokens."),
        (name = "attachments", description = "Resumable uploads (tus-like) and downloads."),
        (name = "products", description = "A customer's registered products, their warranty and service history."),
        (name = "account", description = "A customer's own data: its export, and deleting the account."),
        (name = "operations", description = "Health and this document."),
    )
)]
pub struct ApiDoc;

/// The two security schemes.
struct Security;

impl Modify for Security {
    fn modify(&self, openapi: &mut Document) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(
                HttpBuilder::new()
                    .scheme(HttpAuthScheme::Bearer)
                    .description(Some(
                        "A customer's session (from /auth/session or /auth/embed) or a staff \
                         token (`aftercare-server staff token NAME`).",
                    ))
                    .build(),
            ),
        );
        components.add_security_scheme(
            "access_key",
            SecurityScheme::ApiKey(ApiKey::Header(ApiKeyValue::with_description(
                "X-Access-Key",
                "A guest's key to one request: at least 128 random bits, base64url, made by \
                 the portal. Never in a URL.",
            ))),
        );
        components.add_security_scheme(
            "survey_token",
            SecurityScheme::ApiKey(ApiKey::Header(ApiKeyValue::with_description(
                "X-Survey-Token".to_string(),
                format!(
                    "The signed token of a resolution mail's survey link \
                     (`{{number}}.{{expires}}.{{signature}}`, from the link's fragment): it opens \
                     that request's survey routes and nothing else, for {} days.",
                    crate::auth::survey_token::LIFETIME.whole_days()
                ),
            ))),
        );
    }
}

/// Gives every 4xx and 5xx answer that names no body the problem document.
struct ProblemBodies;

impl Modify for ProblemBodies {
    fn modify(&self, openapi: &mut Document) {
        for item in openapi.paths.paths.values_mut() {
            let operations = [
                &mut item.get,
                &mut item.put,
                &mut item.post,
                &mut item.delete,
                &mut item.patch,
                &mut item.head,
            ];
            for operation in operations.into_iter().flatten() {
                for (status, response) in operation.responses.responses.iter_mut() {
                    let RefOr::T(response) = response else {
                        continue;
                    };
                    let is_error = status.starts_with('4') || status.starts_with('5');
                    if is_error && response.content.is_empty() {
                        let problem = RefOr::Ref(Ref::from_schema_name("Problem"));
                        response
                            .content
                            .insert(PROBLEM_JSON.to_string(), Content::new(Some(problem)));
                    }
                }
            }
        }
    }
}

/// The document as JSON, built on first use.
pub fn document() -> &'static str {
    static DOCUMENT: OnceLock<String> = OnceLock::new();
    DOCUMENT.get_or_init(|| {
        ApiDoc::openapi()
            .to_pretty_json()
            .expect("the OpenAPI document serializes")
    })
}

/// `GET /openapi.json`, relative to `/api/v1`.
pub fn router() -> Router<AppState> {
    Router::new().route("/openapi.json", get(serve))
}

async fn serve() -> impl IntoResponse {
    (
        [
            (CONTENT_TYPE, "application/json"),
            (CACHE_CONTROL, "public, max-age=300"),
        ],
        document(),
    )
}
