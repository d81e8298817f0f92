//! How a customer proves who they are to the backend: a signed-in session's
//! token, or a guest's private access key made on the device, or both; and
//! what signing in gives back.

use serde::{Deserialize, Serialize};

/// What a call carries to show whose it is.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Credentials {
    /// A signed-in customer's bearer token.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub session: Option<String>,
    /// A guest request's access key (`X-Access-Key`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub access_key: Option<String>,
    /// The signed single-purpose token of a survey link (`X-Survey-Token`):
    /// it opens only that request's survey.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub survey_token: Option<String>,
}

impl Credentials {
    /// A signed-in customer's credentials.
    pub fn session(token: impl Into<String>) -> Self {
        Credentials {
            session: Some(token.into()),
            ..Credentials::default()
        }
    }

    /// The credentials of a survey link's `token`.
    pub fn survey_token(token: impl Into<String>) -> Self {
        Credentials {
            survey_token: Some(token.into()),
            ..Credentials::default()
        }
    }

    /// A guest's credentials for the one request `key` opens.
    pub fn access_key(key: impl Into<String>) -> Self {
        Credentials {
            access_key: Some(key.into()),
            ..Credentials::default()
        }
    }
}

/// A signed-in customer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Customer {
    pub id: String,
    pub email: String,
    #[serde(default)]
    pub name: Option<String>,
}

/// What signing in gives: a token for later calls, until when, and who.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SignedIn {
    pub token: String,
    pub expires_at: String,
    pub customer: Customer,
}

/// The smallest key the contract accepts is 128 random bits.
pub const ACCESS_KEY_MIN_BYTES: usize = 16;

/// Writes random `bytes` (at least [`ACCESS_KEY_MIN_BYTES`]; the caller
/// draws them from a secure source) as an access key: base64url without
/// padding, the alphabet the contract accepts.
pub fn access_key_from_bytes(bytes: &[u8]) -> Option<String> {
    if bytes.len() < ACCESS_KEY_MIN_BYTES {
        return None;
    }
    Some(base64url(bytes))
}

/// Base64url without padding (RFC 4648 §5).
pub fn base64url(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let n = chunk
            .iter()
            .enumerate()
            .fold(0u32, |n, (i, b)| n | (u32::from(*b) << (16 - 8 * i)));
        for i in 0..=chunk.len() {
            out.push(ALPHABET[(n >> (18 - 6 * i) & 63) as usize] as char);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64url_matches_rfc_4648_vectors() {
        assert_eq!(base64url(b""), "");
        assert_eq!(base64url(b"f"), "Zg");
        assert_eq!(base64url(b"fo"), "Zm8");
        assert_eq!(base64url(b"foo"), "Zm9v");
        assert_eq!(base64url(b"foob"), "Zm9vYg");
        assert_eq!(base64url(b"fooba"), "Zm9vYmE");
        assert_eq!(base64url(&[0xfb, 0xff]), "-_8");
    }

    #[test]
    fn keys_need_128_bits_and_use_the_contracts_alphabet() {
        assert_eq!(access_key_from_bytes(&[7; 15]), None);
        let key = access_key_from_bytes(&[0xff; 16]).unwrap();
        assert_eq!(key.len(), 22);
        assert!(key
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_'));
    }

    #[test]
    fn signed_in_reads_the_contracts_answer() {
        let signed: SignedIn = serde_json::from_str(
            r#"{"token":"t","expires_at":"2027-02-14T08:00:00.000Z",
                "customer":{"id":"c1","email":"ana@example.com","name":null}}"#,
        )
        .unwrap();
        assert_eq!(signed.customer.email, "ana@example.com");
    }
}
