//! Signing in and out, relative to `/api/v1`:
//!
//! - `POST /auth/email-code {email, locale?}` mails a six-digit code and
//!   answers 202, the same whether or not the address is known;
//! - `POST /auth/session {email, code}` redeems it for
//!   `{token, expires_at, customer: {id, email, name}}`;
//! - `POST /auth/embed {token}` does the same for a customer a vendor's
//!   website vouches for with a signed token (see [`crate::auth::jwt`]);
//! - `GET /auth/session` with the bearer token says whose it is;
//! - `DELETE /auth/session` with the bearer token revokes it (204).
//!
//! All three POSTs go through the idempotency layer, so a retried request
//! sends no second mail and makes no second session.

use aftercare_core::{Locale, PortalConfig};
use axum::extract::{DefaultBodyLimit, State};
use axum::http::header::ACCEPT_LANGUAGE;
use axum::http::{HeaderMap, StatusCode};
use axum::routing::post;
use axum::Router;
use serde::Deserialize;

use super::extract::Json;
use super::identity::{bearer_token, Identity};
use super::language;
use super::problem::ApiError;
use super::rate_limit::{ClientIp, Limit};
use super::AppState;
use crate::auth::secret::token_hash;
use crate::auth::sign_in::{self, SignedIn};
use crate::auth::{email, jwt};
use crate::config::supported_locales;
use crate::db::sessions;

/// The largest body these routes read.
pub const BODY_LIMIT: usize = 16 * 1024;
/// The longest name an embed token may give a customer, in characters.
const MAX_NAME_CHARS: usize = 200;

/// The sign-in routes, relative to `/api/v1`.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/auth/email-code", post(request_code))
        .route(
            "/auth/session",
            post(redeem_code).get(who_am_i).delete(sign_out),
        )
        .route("/auth/embed", post(embed))
        .layer(DefaultBodyLimit::max(BODY_LIMIT))
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct CodeRequest {
    email: String,
    #[serde(default)]
    locale: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct SessionRequest {
    email: String,
    code: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct EmbedRequest {
    token: String,
}

/// Mails a code to the address, in the language asked for, else the known
/// customer's, else the browser's (`Accept-Language`), else the portal's
/// default. Limited per address and per client.
async fn request_code(
    State(state): State<AppState>,
    ClientIp(ip): ClientIp,
    headers: HeaderMap,
    Json(body): Json<CodeRequest>,
) -> Result<StatusCode, ApiError> {
    let email = checked_email(&body.email)?;
    let requested = match body.locale.as_deref() {
        None => None,
        Some(tag) => Some(Locale::from_tag(tag).ok_or_else(|| {
            let allowed = supported_locales().join(", ");
            ApiError::invalid(
                "/locale",
                "unknown_locale",
                format!("locale must be one of {allowed}"),
            )
        })?),
    };
    let now = state.clock.now();
    state.limits.check(Limit::CodesPerIp, &ip, now)?;
    state.limits.check(Limit::CodesPerEmail, &email, now)?;
    let fallback = fallback_locale(&headers, &state.portal);
    let issued = sign_in::issue_code(
        &state.db,
        &state.pepper,
        &state.clock,
        &email,
        requested,
        fallback,
    )
    .await?;
    let portal_name = state.portal.branding.portal_name.get(issued.locale);
    state
        .mailer
        .send_sign_in_code(&email, &issued.code, issued.locale, portal_name)
        .await;
    Ok(StatusCode::ACCEPTED)
}

/// Signs in with a mailed code. Every failure looks the same: a wrong code,
/// an expired or used-up one, and an address that never got one.
async fn redeem_code(
    State(state): State<AppState>,
    ClientIp(ip): ClientIp,
    Json(body): Json<SessionRequest>,
) -> Result<axum::Json<SignedIn>, ApiError> {
    let email = checked_email(&body.email)?;
    let code = body.code.trim();
    if code.len() != 6 || !code.bytes().all(|b| b.is_ascii_digit()) {
        return Err(ApiError::invalid(
            "/code",
            "malformed_code",
            "A sign-in code is six digits.",
        ));
    }
    state
        .limits
        .check(Limit::SignInsPerIp, &ip, state.clock.now())?;
    match sign_in::redeem_code(&state.db, &state.pepper, &state.clock, &email, code).await? {
        Some(signed_in) => Ok(axum::Json(signed_in)),
        None => Err(ApiError::SignInFailed),
    }
}

/// Signs in the customer a vendor's embed token names.
async fn embed(
    State(state): State<AppState>,
    ClientIp(ip): ClientIp,
    headers: HeaderMap,
    Json(body): Json<EmbedRequest>,
) -> Result<axum::Json<SignedIn>, ApiError> {
    state
        .limits
        .check(Limit::SignInsPerIp, &ip, state.clock.now())?;
    let vendors = &state.embed.vendors;
    let claims = jwt::verify(
        &body.token,
        |issuer| vendors.get(issuer).map(|v| v.secret.expose().as_bytes()),
        state.clock.now(),
    )
    .map_err(|error| ApiError::EmbedTokenRejected(format!("{error}.")))?;
    let email = email::normalize(&claims.email).map_err(|_| {
        ApiError::EmbedTokenRejected("The token's email claim is not a valid address.".into())
    })?;
    if claims.name.chars().count() > MAX_NAME_CHARS || claims.name.chars().any(char::is_control) {
        return Err(ApiError::EmbedTokenRejected(format!(
            "The token's name claim must be at most {MAX_NAME_CHARS} characters of text."
        )));
    }
    let locale = claims
        .locale
        .as_deref()
        .and_then(Locale::from_tag)
        .unwrap_or_else(|| fallback_locale(&headers, &state.portal));
    let signed_in =
        sign_in::sign_in_embedded(&state.db, &state.clock, &claims, &email, locale).await?;
    Ok(axum::Json(signed_in))
}

/// Whose the bearer token is: `{kind: "customer", id, email}` or
/// `{kind: "staff", id, name, role}`.
async fn who_am_i(identity: Identity) -> Result<axum::Json<Identity>, ApiError> {
    match identity {
        Identity::Nobody | Identity::Guest { .. } => Err(ApiError::Unauthenticated(
            "This needs a bearer token from signing in.".into(),
        )),
        known => Ok(axum::Json(known)),
    }
}

/// Revokes the bearer token the request carries.
async fn sign_out(
    State(state): State<AppState>,
    identity: Identity,
    headers: HeaderMap,
) -> Result<StatusCode, ApiError> {
    let token = match (identity, bearer_token(&headers)?) {
        (Identity::Nobody, _) | (_, None) => {
            return Err(ApiError::Unauthenticated(
                "Signing out needs the session's bearer token.".into(),
            ))
        }
        (_, Some(token)) => token,
    };
    sessions::revoke(state.db.pool(), &token_hash(token)).await?;
    Ok(StatusCode::NO_CONTENT)
}

fn checked_email(raw: &str) -> Result<String, ApiError> {
    email::normalize(raw).map_err(|why| ApiError::invalid("/email", "invalid_email", why))
}

/// The language for a customer who named none: the browser's, if it sent
/// `Accept-Language`, else the portal's default.
fn fallback_locale(headers: &HeaderMap, portal: &PortalConfig) -> Locale {
    if headers.contains_key(ACCEPT_LANGUAGE) {
        language::negotiate(headers)
    } else {
        Locale::from_tag(&portal.default_locale).unwrap_or(Locale::En)
    }
}
