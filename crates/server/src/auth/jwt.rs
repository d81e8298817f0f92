//! Embed tokens: the HS256 JSON Web Tokens (RFC 7519) a vendor's web server
//! signs to sign its own customer in to the embedded portal.
//!
//! A token's `iss` names the vendor, and so the secret it must be signed
//! with (`[embed.vendors.NAME]`); nothing else in it is believed before the
//! signature checks out. Only `alg: HS256` is accepted (never `none`, never
//! another algorithm). The claims must include `aud` naming `aftercare`,
//! `email`, `name`, `iat` and `exp`, with `exp` at most ten minutes after
//! `iat` and not yet past; clocks may disagree by up to a minute. An
//! optional `locale` claim picks the language of a new customer.

use std::fmt;

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine as _;
use hmac::Mac;
use serde::Deserialize;
use time::OffsetDateTime;

use super::secret::HmacSha256;

/// The audience every embed token must name.
pub const AUDIENCE: &str = "aftercare";
/// The longest a token may live, from `iat` to `exp`, in seconds.
pub const MAX_LIFETIME_SECONDS: i64 = 600;
/// How far the vendor's clock may be from ours, in seconds.
pub const LEEWAY_SECONDS: i64 = 60;
/// The longest token read at all, in bytes.
const MAX_TOKEN_LEN: usize = 8 * 1024;

/// What a valid embed token says about the customer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EmbedClaims {
    /// The vendor that signed it.
    pub issuer: String,
    pub email: String,
    pub name: String,
    pub locale: Option<String>,
}

/// Why an embed token was refused. The messages are meant for the vendor's
/// developers and disclose nothing secret.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum JwtError {
    Malformed,
    Algorithm,
    UnknownIssuer,
    Signature,
    Audience,
    MissingClaim(&'static str),
    Expired,
    NotYetValid,
    LifetimeTooLong,
}

impl fmt::Display for JwtError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            JwtError::Malformed => f.write_str("the token is not a compact JWS (header.payload.signature, base64url JSON)"),
            JwtError::Algorithm => f.write_str("the token must be signed with HS256"),
            JwtError::UnknownIssuer => f.write_str("the token's issuer (iss) is not a configured vendor"),
            JwtError::Signature => f.write_str("the token's signature does not match its issuer's secret"),
            JwtError::Audience => write!(f, "the token's audience (aud) must be {AUDIENCE:?}"),
            JwtError::MissingClaim(claim) => write!(f, "the token has no valid {claim:?} claim"),
            JwtError::Expired => f.write_str("the token has expired (exp)"),
            JwtError::NotYetValid => f.write_str("the token is not valid yet (iat or nbf is in the future)"),
            JwtError::LifetimeTooLong => write!(
                f,
                "the token must expire (exp) within {MAX_LIFETIME_SECONDS} seconds of being issued (iat)"
            ),
        }
    }
}

impl std::error::Error for JwtError {}

#[derive(Deserialize)]
struct Header {
    alg: String,
    #[serde(default)]
    crit: Option<serde_json::Value>,
}

#[derive(Deserialize)]
#[serde(untagged)]
enum Audience {
    One(String),
    Many(Vec<String>),
}

#[derive(Deserialize)]
struct Claims {
    iss: Option<String>,
    aud: Option<Audience>,
    email: Option<String>,
    name: Option<String>,
    locale: Option<String>,
    exp: Option<f64>,
    iat: Option<f64>,
    nbf: Option<f64>,
}

/// Checks `token` against the secret of the vendor it names (`secret_for`
/// maps an issuer to its secret) at the instant `now`.
pub fn verify<'a>(
    token: &str,
    secret_for: impl Fn(&str) -> Option<&'a [u8]>,
    now: OffsetDateTime,
) -> Result<EmbedClaims, JwtError> {
    if token.len() > MAX_TOKEN_LEN {
        return Err(JwtError::Malformed);
    }
    let mut parts = token.split('.');
    let (Some(header), Some(payload), Some(signature), None) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return Err(JwtError::Malformed);
    };
    let signing_input = &token[..header.len() + 1 + payload.len()];
    let header: Header = decode_json(header)?;
    if header.alg != "HS256" || header.crit.is_some() {
        return Err(JwtError::Algorithm);
    }
    let claims: Claims = decode_json(payload)?;
    let issuer = claims.iss.ok_or(JwtError::MissingClaim("iss"))?;
    let secret = secret_for(&issuer).ok_or(JwtError::UnknownIssuer)?;
    let signature = URL_SAFE_NO_PAD
        .decode(signature)
        .map_err(|_| JwtError::Malformed)?;
    let mut mac = HmacSha256::new_from_slice(secret).expect("HMAC takes any key length");
    mac.update(signing_input.as_bytes());
    mac.verify_slice(&signature)
        .map_err(|_| JwtError::Signature)?;

    let audience_ok = match &claims.aud {
        Some(Audience::One(aud)) => aud == AUDIENCE,
        Some(Audience::Many(list)) => list.iter().any(|aud| aud == AUDIENCE),
        None => false,
    };
    if !audience_ok {
        return Err(JwtError::Audience);
    }
    let now = now.unix_timestamp();
    let exp = seconds(claims.exp).ok_or(JwtError::MissingClaim("exp"))?;
    let iat = seconds(claims.iat).ok_or(JwtError::MissingClaim("iat"))?;
    if exp - iat > MAX_LIFETIME_SECONDS || exp < iat {
        return Err(JwtError::LifetimeTooLong);
    }
    if now > exp + LEEWAY_SECONDS {
        return Err(JwtError::Expired);
    }
    let nbf = seconds(claims.nbf).unwrap_or(iat);
    if iat > now + LEEWAY_SECONDS || nbf > now + LEEWAY_SECONDS {
        return Err(JwtError::NotYetValid);
    }
    let email = claims.email.ok_or(JwtError::MissingClaim("email"))?;
    let name = claims.name.ok_or(JwtError::MissingClaim("name"))?;
    Ok(EmbedClaims {
        issuer,
        email,
        name,
        locale: claims.locale,
    })
}

/// Signs `claims` with `secret` as a compact HS256 token, as a vendor's web
/// server does; the demo vendor page ([`crate::http::demo_vendor`]) uses it
/// to sign its demo customer in.
pub fn sign(claims: &serde_json::Value, secret: &[u8]) -> String {
    let header = serde_json::json!({"alg": "HS256", "typ": "JWT"});
    let signing_input = format!(
        "{}.{}",
        URL_SAFE_NO_PAD.encode(header.to_string()),
        URL_SAFE_NO_PAD.encode(claims.to_string())
    );
    let mut mac = HmacSha256::new_from_slice(secret).expect("HMAC takes any key length");
    mac.update(signing_input.as_bytes());
    let signature = URL_SAFE_NO_PAD.encode(mac.finalize().into_bytes());
    format!("{signing_input}.{signature}")
}

fn decode_json<T: for<'de> Deserialize<'de>>(part: &str) -> Result<T, JwtError> {
    let bytes = URL_SAFE_NO_PAD
        .decode(part)
        .map_err(|_| JwtError::Malformed)?;
    serde_json::from_slice(&bytes).map_err(|_| JwtError::Malformed)
}

/// A NumericDate as whole seconds; fractions are dropped.
fn seconds(value: Option<f64>) -> Option<i64> {
    value
        .filter(|v| v.is_finite() && v.abs() < 1e15)
        .map(|v| v.floor() as i64)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::{json, Value};

    const SECRET: &[u8] = b"0123456789abcdef0123456789abcdef";
    const NOW: i64 = 1_800_000_000;

    fn sign(header: &Value, claims: &Value, secret: &[u8]) -> String {
        let signing_input = format!(
            "{}.{}",
            URL_SAFE_NO_PAD.encode(header.to_string()),
            URL_SAFE_NO_PAD.encode(claims.to_string())
        );
        let mut mac = HmacSha256::new_from_slice(secret).unwrap();
        mac.update(signing_input.as_bytes());
        let signature = URL_SAFE_NO_PAD.encode(mac.finalize().into_bytes());
        format!("{signing_input}.{signature}")
    }

    fn claims() -> Value {
        json!({
            "iss": "acme", "aud": "aftercare", "email": "Ana@Example.com",
            "name": "Ana", "iat": NOW - 10, "exp": NOW + 290
        })
    }

    fn check(token: &str) -> Result<EmbedClaims, JwtError> {
        let now = OffsetDateTime::from_unix_timestamp(NOW).unwrap();
        verify(token, |iss| (iss == "acme").then_some(SECRET), now)
    }

    fn with(change: impl FnOnce(&mut Value)) -> String {
        let mut claims = claims();
        change(&mut claims);
        sign(&json!({"alg": "HS256", "typ": "JWT"}), &claims, SECRET)
    }

    #[test]
    fn a_good_token_gives_its_claims() {
        let claims = check(&with(|_| {})).unwrap();
        assert_eq!(claims.issuer, "acme");
        assert_eq!(claims.email, "Ana@Example.com");
        assert_eq!(claims.name, "Ana");
        assert!(check(&with(|c| c["aud"] = json!(["x", "aftercare"]))).is_ok());
    }

    #[test]
    fn each_broken_rule_has_its_own_reason() {
        let wrong_key = sign(
            &json!({"alg": "HS256"}),
            &claims(),
            b"another secret of at least thirty-two bytes",
        );
        assert_eq!(check(&wrong_key), Err(JwtError::Signature));
        assert_eq!(
            check(&with(|c| c["aud"] = json!("other"))),
            Err(JwtError::Audience)
        );
        assert_eq!(
            check(&with(|c| c["iss"] = json!("nobody"))),
            Err(JwtError::UnknownIssuer)
        );
        assert_eq!(
            check(&with(|c| c["exp"] = json!(NOW - 10 + 601))),
            Err(JwtError::LifetimeTooLong)
        );
        assert_eq!(
            check(&with(|c| {
                c["iat"] = json!(NOW - 500);
                c["exp"] = json!(NOW - 61);
            })),
            Err(JwtError::Expired)
        );
        assert!(check(&with(|c| {
            c["iat"] = json!(NOW - 500);
            c["exp"] = json!(NOW - 59);
        }))
        .is_ok());
        assert_eq!(
            check(&with(|c| {
                c["iat"] = json!(NOW + 100);
                c["exp"] = json!(NOW + 200);
            })),
            Err(JwtError::NotYetValid)
        );
        assert_eq!(
            check(&with(|c| {
                c.as_object_mut().unwrap().remove("email");
            })),
            Err(JwtError::MissingClaim("email"))
        );
    }

    #[test]
    fn only_hs256_is_accepted() {
        let token = with(|_| {});
        let payload = token.split('.').nth(1).unwrap();
        let none = format!("{}.{payload}.", URL_SAFE_NO_PAD.encode(r#"{"alg":"none"}"#));
        assert_eq!(check(&none), Err(JwtError::Algorithm));
        let hs512 = sign(&json!({"alg": "HS512"}), &claims(), SECRET);
        assert_eq!(check(&hs512), Err(JwtError::Algorithm));
        let crit = sign(&json!({"alg": "HS256", "crit": ["x"]}), &claims(), SECRET);
        assert_eq!(check(&crit), Err(JwtError::Algorithm));
    }

    #[test]
    fn garbage_is_malformed() {
        for bad in ["", "a", "a.b", "a.b.c.d", "!!.??.**", &"x".repeat(9000)] {
            assert_eq!(check(bad), Err(JwtError::Malformed), "{bad}");
        }
        let token = with(|_| {});
        assert_eq!(
            check(&format!("{token}=")),
            Err(JwtError::Malformed),
            "padding"
        );
    }
}
