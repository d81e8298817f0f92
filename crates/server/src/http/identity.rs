//! Who is asking: the [`Identity`] extractor. A request with
//! `Authorization: Bearer TOKEN` is a customer or a staff member, as the
//! live session with that token's hash says; a request without one is
//! nobody in particular. A token that is malformed, unknown, expired or
//! revoked is a 401 problem, never a silent downgrade to nobody, so a client
//! learns at once that it must sign in again.
//!
//! A request without a bearer token but with `X-Access-Key: KEY` is a guest:
//! someone who holds the private key of one service request (made by the
//! portal: at least 128 random bits, base64url). The key is known only by
//! its SHA-256. A bearer token wins over a key; the request routes still
//! read the key of a signed-in asker (see [`access_key`]).

use axum::extract::FromRequestParts;
use axum::http::header::AUTHORIZATION;
use axum::http::request::Parts;
use axum::http::HeaderMap;
use serde::Serialize;

use super::problem::ApiError;
use super::AppState;
use crate::auth::secret::token_hash;
use crate::auth::StaffRole;
use crate::db::sessions::{self, Owner};

/// The longest bearer token looked up at all.
const MAX_TOKEN_LEN: usize = 512;
/// The header that carries a guest's access key.
pub const ACCESS_KEY_HEADER: &str = "x-access-key";
/// The shortest access key: 22 base64url characters carry 128 bits.
pub const MIN_ACCESS_KEY_LEN: usize = 22;
/// The longest access key accepted.
pub const MAX_ACCESS_KEY_LEN: usize = 256;

/// Who a request comes from; as JSON, tagged by `kind`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "lowercase")]
pub enum Identity {
    /// No credentials at all.
    Nobody,
    /// A signed-in customer.
    Customer { id: String, email: String },
    /// A staff member with a token from the command line.
    Staff {
        id: String,
        name: String,
        role: StaffRole,
    },
    /// Someone holding a service request's access key, and no token.
    Guest {
        /// The SHA-256 of the key, in hex; never shown.
        #[serde(skip)]
        key_hash: String,
    },
}

impl Identity {
    /// The space an identity's idempotency keys live in: two identities
    /// never see each other's keys, and all of a customer's sessions share
    /// theirs. Everyone without credentials shares one scope, in which keys
    /// must be random (UUIDs) to stay apart.
    pub fn scope(&self) -> String {
        match self {
            Identity::Nobody => "anonymous".to_string(),
            Identity::Customer { id, .. } => format!("customer:{id}"),
            Identity::Staff { id, .. } => format!("staff:{id}"),
            Identity::Guest { key_hash } => format!("guest:{key_hash}"),
        }
    }
}

/// The bearer token of `headers`: `None` without an `Authorization` header,
/// a 401 problem when the header is there but is not a bearer token.
pub fn bearer_token(headers: &HeaderMap) -> Result<Option<&str>, ApiError> {
    let Some(value) = headers.get(AUTHORIZATION) else {
        return Ok(None);
    };
    let bad =
        || ApiError::Unauthenticated("The Authorization header must be `Bearer TOKEN`.".into());
    let value = value.to_str().map_err(|_| bad())?;
    let (scheme, token) = value.trim().split_once(' ').ok_or_else(bad)?;
    let token = token.trim();
    if !scheme.eq_ignore_ascii_case("bearer") || token.is_empty() || token.len() > MAX_TOKEN_LEN {
        return Err(bad());
    }
    Ok(Some(token))
}

/// The SHA-256 (hex) of the `X-Access-Key` of `headers`: `None` without
/// the header, a 400 validation problem when it cannot be a key (fewer than
/// 22 or more than 256 base64url characters, or several headers).
pub fn access_key(headers: &HeaderMap) -> Result<Option<String>, ApiError> {
    let mut values = headers.get_all(ACCESS_KEY_HEADER).iter();
    let Some(value) = values.next() else {
        return Ok(None);
    };
    let bytes = value.as_bytes();
    let ok = values.next().is_none()
        && (MIN_ACCESS_KEY_LEN..=MAX_ACCESS_KEY_LEN).contains(&bytes.len())
        && bytes
            .iter()
            .all(|b| b.is_ascii_alphanumeric() || *b == b'-' || *b == b'_');
    if !ok {
        return Err(ApiError::invalid(
            "/headers/x-access-key",
            "invalid_access_key",
            "An access key is 22 to 256 base64url characters (at least 128 random bits).",
        ));
    }
    Ok(Some(token_hash(&String::from_utf8_lossy(bytes))))
}

impl FromRequestParts<AppState> for Identity {
    type Rejection = ApiError;

    /// Looks the token up once per request; later extractions (the
    /// idempotency layer's, then the handler's) reuse the answer.
    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, ApiError> {
        if let Some(identity) = parts.extensions.get::<Identity>() {
            return Ok(identity.clone());
        }
        let identity = match bearer_token(&parts.headers)? {
            None => match access_key(&parts.headers)? {
                Some(key_hash) => Identity::Guest { key_hash },
                None => Identity::Nobody,
            },
            Some(token) => {
                let now = state.clock.stamp();
                match sessions::find_live(state.db.pool(), &token_hash(token), &now).await? {
                    Some(Owner::Customer { id, email }) => Identity::Customer { id, email },
                    Some(Owner::Staff { id, name, role }) => Identity::Staff { id, name, role },
                    None => {
                        return Err(ApiError::Unauthenticated(
                            "The token is unknown, expired or signed out; sign in again.".into(),
                        ))
                    }
                }
            }
        };
        parts.extensions.insert(identity.clone());
        Ok(identity)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    fn headers(value: &str) -> HeaderMap {
        let mut headers = HeaderMap::new();
        headers.insert(AUTHORIZATION, HeaderValue::from_str(value).unwrap());
        headers
    }

    #[test]
    fn only_bearer_tokens_are_read() {
        assert_eq!(bearer_token(&HeaderMap::new()).unwrap(), None);
        assert_eq!(bearer_token(&headers("Bearer abc")).unwrap(), Some("abc"));
        assert_eq!(bearer_token(&headers("bearer  abc ")).unwrap(), Some("abc"));
        for bad in ["Basic abc", "Bearer", "Bearer ", "abc"] {
            assert!(bearer_token(&headers(bad)).is_err(), "{bad}");
        }
        let long = format!("Bearer {}", "a".repeat(MAX_TOKEN_LEN + 1));
        assert!(bearer_token(&headers(&long)).is_err());
    }

    #[test]
    fn scopes_keep_identities_apart() {
        let customer = Identity::Customer {
            id: "cus_1".into(),
            email: "a@example.com".into(),
        };
        let staff = Identity::Staff {
            id: "cus_1".into(),
            name: "x".into(),
            role: StaffRole::Engineer,
        };
        assert_ne!(customer.scope(), staff.scope());
        assert_eq!(Identity::Nobody.scope(), "anonymous");
        let guest = Identity::Guest {
            key_hash: "ab".into(),
        };
        assert_eq!(guest.scope(), "guest:ab");
        assert_eq!(
            serde_json::to_value(&guest).unwrap(),
            serde_json::json!({"kind": "guest"})
        );
    }

    #[test]
    fn access_keys_are_long_base64url() {
        let with = |value: &str| {
            let mut headers = HeaderMap::new();
            headers.insert(ACCESS_KEY_HEADER, HeaderValue::from_str(value).unwrap());
            access_key(&headers)
        };
        assert_eq!(access_key(&HeaderMap::new()).unwrap(), None);
        let key = "AAAAAAAAAAAAAAAAAAAAAA";
        assert_eq!(with(key).unwrap(), Some(token_hash(key)));
        assert!(with(&key[1..]).is_err());
        assert!(with("AAAAAAAAAAAAAAAAAAAAA+").is_err());
        assert!(with(&"a".repeat(MAX_ACCESS_KEY_LEN + 1)).is_err());
    }
}
