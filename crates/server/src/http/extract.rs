//! axum's `Query`, `Path` and `Json` extractors, with their rejections
//! turned into problems that say what was wrong, instead of axum's
//! plain-text answers.

use axum::body::Bytes;
use axum::extract::{FromRequest, FromRequestParts, Request};
use axum::http::request::Parts;
use axum::http::{header, StatusCode};
use serde::de::DeserializeOwned;

use super::problem::ApiError;

/// Like [`axum::extract::Query`]; a query string that does not fit `T` is a
/// validation problem pointing at `/query`.
#[derive(Debug, Clone)]
pub struct Query<T>(pub T);

impl<T, S> FromRequestParts<S> for Query<T>
where
    T: DeserializeOwned,
    S: Send + Sync,
{
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        axum::extract::Query::<T>::from_request_parts(parts, state)
            .await
            .map(|axum::extract::Query(value)| Query(value))
            .map_err(|rejection| ApiError::invalid("/query", "malformed", rejection.body_text()))
    }
}

/// Like [`axum::extract::Path`]; a path that does not fit `T` (for example
/// one whose percent-encoding is not UTF-8) is a malformed-request problem.
#[derive(Debug, Clone)]
pub struct Path<T>(pub T);

impl<T, S> FromRequestParts<S> for Path<T>
where
    T: DeserializeOwned + Send,
    S: Send + Sync,
{
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        axum::extract::Path::<T>::from_request_parts(parts, state)
            .await
            .map(|axum::extract::Path(value)| Path(value))
            .map_err(|rejection| ApiError::Malformed(rejection.body_text()))
    }
}

/// Like [`axum::Json`] as an extractor. A body that is not declared JSON is
/// a 415 problem, one over the route's `DefaultBodyLimit` a 413, one that is
/// not JSON at all a malformed-request problem, and JSON of the wrong shape
/// (a wrong type, a missing or unknown field) a validation problem whose
/// pointer names the field, such as `/email`.
#[derive(Debug, Clone)]
pub struct Json<T>(pub T);

impl<T, S> FromRequest<S> for Json<T>
where
    T: DeserializeOwned,
    S: Send + Sync,
{
    type Rejection = ApiError;

    async fn from_request(request: Request, state: &S) -> Result<Self, Self::Rejection> {
        if !is_json(request.headers().get(header::CONTENT_TYPE)) {
            return Err(ApiError::UnsupportedMediaType(
                "The body must be JSON (Content-Type: application/json).".into(),
            ));
        }
        let bytes =
            Bytes::from_request(request, state)
                .await
                .map_err(|rejection| match rejection.status() {
                    StatusCode::PAYLOAD_TOO_LARGE => {
                        ApiError::TooLarge("The body is larger than this route accepts.".into())
                    }
                    _ => ApiError::Malformed(rejection.body_text()),
                })?;
        parse(&bytes).map(Json)
    }
}

/// Whether a `Content-Type` is JSON: `application/json` or any `+json`
/// type, with or without parameters.
fn is_json(value: Option<&axum::http::HeaderValue>) -> bool {
    let Some(value) = value.and_then(|v| v.to_str().ok()) else {
        return false;
    };
    let essence = value.split(';').next().unwrap_or_default().trim();
    essence.eq_ignore_ascii_case("application/json")
        || essence.to_ascii_lowercase().ends_with("+json")
}

/// Reads `bytes` as a `T`, telling syntax errors from shape errors.
fn parse<T: DeserializeOwned>(bytes: &[u8]) -> Result<T, ApiError> {
    let malformed = |error: serde_json::Error| {
        ApiError::Malformed(format!("The body is not valid JSON: {error}."))
    };
    let mut deserializer = serde_json::Deserializer::from_slice(bytes);
    let value = serde_path_to_error::deserialize(&mut deserializer).map_err(|error| {
        let pointer = pointer(error.path());
        let inner = error.into_inner();
        match inner.classify() {
            serde_json::error::Category::Data => {
                ApiError::invalid(&pointer, "invalid", inner.to_string())
            }
            _ => malformed(inner),
        }
    })?;
    deserializer.end().map_err(malformed)?;
    Ok(value)
}

/// A serde path (`customer.email`, `items[2]`) as a JSON pointer.
fn pointer(path: &serde_path_to_error::Path) -> String {
    use serde_path_to_error::Segment;
    let mut pointer = String::new();
    for segment in path.iter() {
        pointer.push('/');
        match segment {
            Segment::Seq { index } => pointer.push_str(&index.to_string()),
            Segment::Map { key } | Segment::Enum { variant: key } => {
                pointer.push_str(&key.replace('~', "~0").replace('/', "~1"))
            }
            Segment::Unknown => pointer.push('-'),
        }
    }
    pointer
}

/// Reads a `limit` query value as every list route does: absent or empty
/// means `default`; a whole number from 1 up is lowered to `max`; anything
/// else is an error at `/query/limit` (and `default` stands in for it).
pub fn limit_param(
    value: Option<&str>,
    default: u32,
    max: u32,
    errors: &mut Vec<aftercare_core::ProblemFieldError>,
) -> u32 {
    match value.filter(|v| !v.is_empty()).map(str::parse::<u32>) {
        None => default,
        Some(Ok(limit)) if limit >= 1 => limit.min(max),
        Some(_) => {
            errors.push(super::problem::field_error(
                "/query/limit",
                "out_of_range",
                format!("limit must be a whole number from 1 to {max}"),
            ));
            default
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Sample {
        email: String,
        items: Vec<u8>,
    }

    fn problem(body: &str) -> aftercare_core::Problem {
        let response = axum::response::IntoResponse::into_response(
            parse::<Sample>(body.as_bytes()).unwrap_err(),
        );
        response
            .extensions()
            .get::<aftercare_core::Problem>()
            .unwrap()
            .clone()
    }

    #[test]
    fn shape_errors_point_at_the_field() {
        let wrong_type = problem(r#"{"email": 5, "items": []}"#);
        assert_eq!(wrong_type.status, 400);
        assert_eq!(wrong_type.errors[0].pointer, "/email");
        assert_eq!(
            problem(r#"{"email": "a", "items": [1, 300]}"#).errors[0].pointer,
            "/items/1"
        );
        assert!(problem(r#"{"email": "a", "items": [], "x": 1}"#).errors[0]
            .detail
            .contains("unknown field"));
        assert!(problem(r#"{"items": []}"#).errors[0]
            .detail
            .contains("missing field"));
    }

    #[test]
    fn syntax_errors_are_malformed() {
        for bad in [
            "",
            "{",
            "{\"email\": \"a\", \"items\": []} x",
            "{\"email\": \"a\", ",
        ] {
            let problem = problem(bad);
            assert_eq!(
                problem.kind,
                aftercare_core::problem::kinds::MALFORMED,
                "{bad}"
            );
            assert!(problem.errors.is_empty());
        }
    }

    #[test]
    fn json_content_types_are_recognised() {
        let check = |v: &str| is_json(Some(&axum::http::HeaderValue::from_str(v).unwrap()));
        assert!(check("application/json"));
        assert!(check("Application/JSON; charset=utf-8"));
        assert!(check("application/merge-patch+json"));
        assert!(!check("text/plain"));
        assert!(!check("application/jsonx"));
        assert!(!is_json(None));
    }
}
