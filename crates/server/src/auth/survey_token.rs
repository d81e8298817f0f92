//! Survey tokens: the signed, single-purpose credential the resolution mail
//! carries in its survey link (in the URL's fragment, so it never reaches a
//! server log). A token is `{number}.{expires_unix_seconds}.{signature}`,
//! where the signature is the base64url (no padding) HMAC-SHA-256 of
//! `survey:{number}:{expires}` under a key derived from the server's pepper
//! for this purpose alone ([`Pepper::mac`]). It opens the survey of that
//! one request, and nothing else, for [`LIFETIME`].
//!
//! The database keeps nothing of a token: any server with the same pepper
//! can check it, and changing the pepper voids every link sent.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine as _;
use hmac::Mac;
use time::{Duration, OffsetDateTime};

use super::secret::{HmacSha256, Pepper};
use crate::requests::number;

/// How long a survey link works after the request was resolved.
pub const LIFETIME: Duration = Duration::days(60);
/// The request header that carries a survey token.
pub const HEADER: &str = "x-survey-token";
/// The longest token looked at.
const MAX_LEN: usize = 128;
/// The pepper's purpose for survey tokens.
const PURPOSE: &str = "survey token";

/// Why a token was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    /// Not the shape of a token, or a signature this server did not make.
    Invalid,
    /// A genuine token whose time is up.
    Expired,
}

/// A token for the survey of request `number`, good until `now` +
/// [`LIFETIME`].
pub fn issue(pepper: &Pepper, number: &str, now: OffsetDateTime) -> String {
    let expires = (now + LIFETIME).unix_timestamp();
    let signature = URL_SAFE_NO_PAD.encode(mac(pepper, number, expires).finalize().into_bytes());
    format!("{number}.{expires}.{signature}")
}

/// The request number `token` opens at `now`, if this server signed it and
/// it has not expired. The signature is compared in constant time.
pub fn verify(pepper: &Pepper, token: &str, now: OffsetDateTime) -> Result<String, Refusal> {
    if token.len() > MAX_LEN {
        return Err(Refusal::Invalid);
    }
    let named = aftercare_core::survey::survey_token_number(token).ok_or(Refusal::Invalid)?;
    let number = number::normalize(named)
        .filter(|n| n == named)
        .ok_or(Refusal::Invalid)?;
    let mut parts = token.splitn(3, '.').skip(1);
    let (expires, signature) = (parts.next(), parts.next());
    let expires: i64 = expires
        .and_then(|e| e.parse().ok())
        .ok_or(Refusal::Invalid)?;
    let signature = signature
        .and_then(|s| URL_SAFE_NO_PAD.decode(s).ok())
        .ok_or(Refusal::Invalid)?;
    mac(pepper, &number, expires)
        .verify_slice(&signature)
        .map_err(|_| Refusal::Invalid)?;
    if now.unix_timestamp() >= expires {
        return Err(Refusal::Expired);
    }
    Ok(number)
}

/// The MAC of a token's signed text.
fn mac(pepper: &Pepper, number: &str, expires: i64) -> HmacSha256 {
    let mut mac = pepper.mac(PURPOSE);
    mac.update(format!("survey:{number}:{expires}").as_bytes());
    mac
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(seconds: i64) -> OffsetDateTime {
        OffsetDateTime::from_unix_timestamp(seconds).unwrap()
    }

    const NOW: i64 = 1_800_000_000;

    #[test]
    fn a_token_opens_its_own_request_until_it_expires() {
        let pepper = Pepper::random();
        let token = issue(&pepper, "AC-7K3F-92", at(NOW));
        let expires = NOW + LIFETIME.whole_seconds();
        assert!(
            token.starts_with(&format!("AC-7K3F-92.{expires}.")),
            "{token}"
        );
        assert_eq!(
            aftercare_core::survey::survey_token_number(&token),
            Some("AC-7K3F-92")
        );
        assert_eq!(verify(&pepper, &token, at(NOW)).unwrap(), "AC-7K3F-92");
        assert_eq!(
            verify(&pepper, &token, at(expires - 1)).unwrap(),
            "AC-7K3F-92"
        );
        assert_eq!(verify(&pepper, &token, at(expires)), Err(Refusal::Expired));
    }

    #[test]
    fn the_signature_matches_the_documented_formula() {
        let pepper = Pepper::random();
        let token = issue(&pepper, "AC-7K3F-92", at(NOW));
        let expires = NOW + LIFETIME.whole_seconds();
        let mut expected = pepper.mac(PURPOSE);
        expected.update(format!("survey:AC-7K3F-92:{expires}").as_bytes());
        let signature = URL_SAFE_NO_PAD.encode(expected.finalize().into_bytes());
        assert_eq!(token, format!("AC-7K3F-92.{expires}.{signature}"));
    }

    #[test]
    fn another_number_or_expiry_breaks_the_signature() {
        let pepper = Pepper::random();
        let token = issue(&pepper, "AC-7K3F-92", at(NOW));
        let (_, rest) = token.split_once('.').unwrap();
        let other_number = format!("AC-7K3F-93.{rest}");
        assert_eq!(
            verify(&pepper, &other_number, at(NOW)),
            Err(Refusal::Invalid)
        );
        let (expires, signature) = rest.split_once('.').unwrap();
        let later: i64 = expires.parse::<i64>().unwrap() + 86_400;
        let extended = format!("AC-7K3F-92.{later}.{signature}");
        assert_eq!(verify(&pepper, &extended, at(NOW)), Err(Refusal::Invalid));
    }

    #[test]
    fn tampered_and_foreign_tokens_are_refused() {
        let pepper = Pepper::random();
        let token = issue(&pepper, "AC-7K3F-92", at(NOW));
        let mut tampered = token.clone().into_bytes();
        let last = tampered.last_mut().unwrap();
        *last = if *last == b'A' { b'B' } else { b'A' };
        let tampered = String::from_utf8(tampered).unwrap();
        assert_eq!(verify(&pepper, &tampered, at(NOW)), Err(Refusal::Invalid));
        assert_eq!(
            verify(&Pepper::random(), &token, at(NOW)),
            Err(Refusal::Invalid)
        );
        for bad in [
            "",
            "AC-7K3F-92",
            "AC-7K3F-92.123",
            "ac-7k3f-92.1.abc",
            "AC-7K3F-92.x.abc",
            "AC-7K3F-92.1.a+b",
            "AC-7K3F-92.1.abc.def",
        ] {
            assert_eq!(
                verify(&pepper, bad, at(NOW)),
                Err(Refusal::Invalid),
                "{bad}"
            );
        }
        let long = format!("{token}{}", "A".repeat(MAX_LEN));
        assert_eq!(verify(&pepper, &long, at(NOW)), Err(Refusal::Invalid));
    }
}
