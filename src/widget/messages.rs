//! The messages the host page's `embed.js` may send the widget (contract 5:
//! objects `{aftercare: 1, type, ...}`), read strictly: anything of another
//! shape is no message at all and is ignored. Also the few pure helpers the
//! widget's start needs (query parameters, origins, the accent colour), so
//! that all of it is tested natively.

use aftercare_core::http::encode_component;
use aftercare_core::Locale;
use serde_json::{Map, Value};

/// The longest embed token read, in bytes (the server reads no more).
const MAX_TOKEN_LEN: usize = 8 * 1024;
/// The longest prefilled answer kept, in characters.
const MAX_FIELD_CHARS: usize = 2000;
/// The prefill fields the new-request form understands, as `embed.js`
/// names them and as the form's address names them.
const PREFILL_FIELDS: [(&str, &str); 5] = [
    ("type", "type"),
    ("subject", "subject"),
    ("product_model", "product_model"),
    ("serial_number", "serial_number"),
    ("purchase_date", "purchase_date"),
];

/// A message from the host page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum HostMessage {
    /// Sign in the customer the vendor's signed embed token names.
    Identify { token: String },
    /// Start a new request with these answers: `(address key, value)`.
    Prefill { fields: Vec<(String, String)> },
    /// Show the portal in this language.
    SetLocale(Locale),
}

impl HostMessage {
    /// Reads a message from its JSON text; `None` for anything that is not
    /// one of the host's messages, exactly.
    pub fn read(json: &str) -> Option<HostMessage> {
        let value: Value = serde_json::from_str(json).ok()?;
        let message = value.as_object()?;
        if message.get("aftercare")?.as_u64()? != 1 {
            return None;
        }
        match message.get("type")?.as_str()? {
            "identify" => {
                let token = message.get("token")?.as_str()?;
                let fits = !token.is_empty()
                    && token.len() <= MAX_TOKEN_LEN
                    && token.bytes().all(|b| b.is_ascii_graphic());
                fits.then(|| HostMessage::Identify {
                    token: token.to_string(),
                })
            }
            "prefill" => read_fields(message.get("fields")?.as_object()?),
            "setLocale" => {
                Locale::from_tag(message.get("locale")?.as_str()?).map(HostMessage::SetLocale)
            }
            _ => None,
        }
    }
}

/// The fields of a prefill the form understands; others are left out. A
/// prefill with none of them is no message.
fn read_fields(fields: &Map<String, Value>) -> Option<HostMessage> {
    let kept: Vec<(String, String)> = PREFILL_FIELDS
        .iter()
        .filter_map(|(name, key)| {
            let value = fields.get(*name)?.as_str()?.trim();
            let value: String = value
                .chars()
                .filter(|c| !c.is_control() || *c == '\n')
                .take(MAX_FIELD_CHARS)
                .collect();
            (!value.is_empty()).then(|| (key.to_string(), value))
        })
        .collect();
    (!kept.is_empty()).then_some(HostMessage::Prefill { fields: kept })
}

/// The new-request form's address for prefilled `fields`.
pub fn prefill_address(fields: &[(String, String)]) -> String {
    let query: Vec<String> = fields
        .iter()
        .map(|(key, value)| format!("{key}={}", encode_component(value)))
        .collect();
    format!("/requests/new?{}", query.join("&"))
}

/// The value of the query parameter `name` in `search` (`?a=1&b=2`),
/// percent-decoded; `None` when absent or not UTF-8.
pub fn query_param(search: &str, name: &str) -> Option<String> {
    search
        .trim_start_matches('?')
        .split('&')
        .filter_map(|pair| pair.split_once('=').or(Some((pair, ""))))
        .find(|(key, _)| *key == name)
        .and_then(|(_, value)| percent_decode(value))
}

fn percent_decode(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut at = 0;
    while at < bytes.len() {
        match bytes[at] {
            b'+' => out.push(b' '),
            b'%' => {
                let hex = text.get(at + 1..at + 3)?;
                out.push(u8::from_str_radix(hex, 16).ok()?);
                at += 2;
            }
            byte => out.push(byte),
        }
        at += 1;
    }
    String::from_utf8(out).ok()
}

/// Whether `text` is a web origin: `http(s)://host[:port]`, nothing more.
pub fn is_origin(text: &str) -> bool {
    let rest = text
        .strip_prefix("https://")
        .or_else(|| text.strip_prefix("http://"));
    rest.is_some_and(|rest| {
        !rest.is_empty()
            && rest
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b"-.:[]".contains(&b))
    })
}

/// The host page's origin the widget trusts: the `host` parameter
/// `embed.js` passed, when it is an origin and the browser's own record of
/// the frame's parent (`location.ancestorOrigins[0]`, where the browser
/// has one) agrees. A browser without that record, or one that masks it
/// (`"null"`, under a strict referrer policy), leaves the parameter alone:
/// messages are only ever posted to that origin and read from the parent
/// window, so a wrong one cannot reach anybody else.
pub fn trusted_host(param: Option<&str>, ancestor: Option<&str>) -> Option<String> {
    let param = param.filter(|p| is_origin(p))?;
    match ancestor {
        Some(ancestor) if ancestor != "null" && ancestor != param => None,
        _ => Some(param.to_string()),
    }
}

/// The accent colour, when `text` is `#rgb` or `#rrggbb`: as `#rrggbb`.
pub fn accent_colour(text: &str) -> Option<String> {
    let hex = text.strip_prefix('#')?;
    if !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
        return None;
    }
    let hex = hex.to_ascii_lowercase();
    match hex.len() {
        3 => Some(
            hex.chars()
                .flat_map(|c| [c, c])
                .fold("#".into(), |mut s, c| {
                    s.push(c);
                    s
                }),
        ),
        6 => Some(format!("#{hex}")),
        _ => None,
    }
}

#[cfg(test)]
mod tests;
