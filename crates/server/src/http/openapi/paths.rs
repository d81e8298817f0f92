//! The operations of the portal, the knowledge base, signing in and the
//! operations routes, described for [`super::ApiDoc`]. The functions are
//! never called: each only carries its `#[utoipa::path]`. Error answers name
//! their status and meaning; the `ProblemBodies` modifier of [`super`] gives
//! them all the problem+json body.

#![allow(dead_code)]

use super::schemas::{
    Article, ArticlePage, EmailCodeBody, EmbedBody, Health, Portal, SessionBody, SignedIn, Whoami,
};

#[utoipa::path(
    get, path = "/healthz", tag = "operations",
    responses(
        (status = 200, description = "The server and its database answer.", body = Health),
        (status = 503, description = "The database does not answer."),
    )
)]
pub fn healthz() {}

#[utoipa::path(
    get, path = "/api/v1/openapi.json", tag = "operations",
    responses((status = 200, description = "This document.", content_type = "application/json"))
)]
pub fn openapi_json() {}

#[utoipa::path(
    get, path = "/api/v1/portal", tag = "portal",
    responses((status = 200, description = "The portal's configuration and service catalog.", body = Portal))
)]
pub fn portal() {}

#[utoipa::path(
    get, path = "/api/v1/kb/articles", tag = "kb",
    params(
        ("locale" = Option<String>, Query, description = "Only articles in this locale."),
        ("since" = Option<String>, Query, description = "A `next_cursor` (`{updated_at}~{id}`) or an RFC 3339 time."),
        ("limit" = Option<u32>, Query, description = "Rows per page."),
    ),
    responses(
        (status = 200, description = "Articles in `(updated_at, id)` order, with tombstones after `since`.", body = ArticlePage),
        (status = 400, description = "A malformed query."),
    )
)]
pub fn kb_articles() {}

#[utoipa::path(
    get, path = "/api/v1/kb/articles/{id}", tag = "kb",
    params(("id" = String, Path, description = "The article's id.")),
    responses(
        (status = 200, description = "The article.", body = Article),
        (status = 404, description = "No such article."),
    )
)]
pub fn kb_article() {}

#[utoipa::path(
    post, path = "/api/v1/auth/email-code", tag = "auth",
    params(("Idempotency-Key" = Option<String>, Header, description = "Makes a retry replay the first answer.")),
    request_body = EmailCodeBody,
    responses(
        (status = 202, description = "A code was mailed if the address can take one; the answer is the same either way."),
        (status = 400, description = "Not an address, or a malformed body."),
        (status = 429, description = "Too many codes for this address or client.", headers(("Retry-After" = u64, description = "Seconds to wait."))),
    )
)]
pub fn email_code() {}

#[utoipa::path(
    post, path = "/api/v1/auth/session", tag = "auth",
    params(("Idempotency-Key" = Option<String>, Header, description = "Makes a retry replay the first answer.")),
    request_body = SessionBody,
    responses(
        (status = 200, description = "Signed in.", body = SignedIn),
        (status = 401, description = "`sign-in-failed`: wrong, expired or used-up code, all alike."),
        (status = 429, description = "Too many attempts from this client.", headers(("Retry-After" = u64, description = "Seconds to wait."))),
    )
)]
pub fn session_create() {}

#[utoipa::path(
    get, path = "/api/v1/auth/session", tag = "auth",
    security(("bearer" = [])),
    responses(
        (status = 200, description = "Whose the token is.", body = Whoami),
        (status = 401, description = "No token, or one that is unknown, expired or revoked."),
    )
)]
pub fn session_read() {}

#[utoipa::path(
    delete, path = "/api/v1/auth/session", tag = "auth",
    security(("bearer" = [])),
    responses(
        (status = 204, description = "The token is revoked."),
        (status = 401, description = "No token, or one that is unknown, expired or revoked."),
    )
)]
pub fn session_delete() {}

#[utoipa::path(
    post, path = "/api/v1/auth/embed", tag = "auth",
    params(("Idempotency-Key" = Option<String>, Header, description = "Makes a retry replay the first answer.")),
    request_body = EmbedBody,
    responses(
        (status = 200, description = "Signed in as the customer the vendor vouches for.", body = SignedIn),
        (status = 401, description = "`embed-token-rejected`."),
        (status = 429, description = "Too many attempts from this client.", headers(("Retry-After" = u64, description = "Seconds to wait."))),
    )
)]
pub fn embed() {}
