//! The wire details the REST adapter shares between its calls: JSON
//! bodies, idempotency keys, query strings and the offset headers of
//! resumable uploads.

use serde::Serialize;

use crate::http::encode_component;
use crate::{HttpRequest, HttpResponse, PortalError};

/// `request` with a JSON body.
pub(super) fn with_json(mut request: HttpRequest, body: &impl Serialize) -> HttpRequest {
    request
        .headers
        .push(("Content-Type".into(), "application/json".into()));
    request.body = Some(serde_json::to_vec(body).expect("contract bodies serialise"));
    request
}

/// `request` with an idempotency key.
pub(super) fn keyed(mut request: HttpRequest, idempotency_key: &str) -> HttpRequest {
    request
        .headers
        .push(("Idempotency-Key".into(), idempotency_key.into()));
    request
}

/// The query string of the `params` that have a value (`?a=1&b=2`), or
/// "" when none has.
pub(super) fn query_string(params: &[(&str, Option<String>)]) -> String {
    let present: Vec<String> = params
        .iter()
        .filter_map(|(name, value)| {
            value
                .as_ref()
                .map(|v| format!("{name}={}", encode_component(v)))
        })
        .collect();
    if present.is_empty() {
        String::new()
    } else {
        format!("?{}", present.join("&"))
    }
}

/// The byte offset in the header `name` of an upload's answer.
pub(super) fn offset_header(response: &HttpResponse, name: &str) -> Result<u64, PortalError> {
    response
        .header(name)
        .and_then(|v| v.trim().parse().ok())
        .ok_or_else(|| PortalError::Decode(format!("the answer has no {name} header")))
}
