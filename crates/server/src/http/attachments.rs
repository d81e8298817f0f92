//! Attachments, relative to `/api/v1`: resumable uploads in the manner of
//! tus, and their download.
//!
//! - `POST /attachments {name, size, type}` starts one (201, with `id` and
//!   `upload_offset: 0`);
//! - `PATCH /attachments/{id}` with `Upload-Offset: N` and
//!   `Content-Type: application/offset+octet-stream` appends the body (at
//!   most [`CHUNK_LIMIT`] bytes) and answers 204 with the new
//!   `Upload-Offset`; another offset than the stored one is a 409 with the
//!   stored one in `Upload-Offset`;
//! - `HEAD /attachments/{id}` gives `Upload-Offset` and `Upload-Length`, to
//!   resume after a reload or a lost connection;
//! - `GET /attachments/{id}` downloads a complete file, as an attachment,
//!   with its checked type.
//!
//! The rules (who may see and write what, the content check) are in
//! [`crate::attachments`]. Calls with an access key are throttled by
//! [`super::rate_limit::guest_access`] (layered in [`super::app`]), as on
//! `/requests`, so guessing keys here is no cheaper.

use axum::body::Body;
use axum::extract::State;
use axum::http::header::{
    CACHE_CONTROL, CONTENT_DISPOSITION, CONTENT_LENGTH, CONTENT_TYPE, LOCATION,
    X_CONTENT_TYPE_OPTIONS,
};
use axum::http::{HeaderMap, HeaderName, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{patch, post};
use axum::Router;
use http_body_util::{BodyExt, LengthLimitError, Limited};
use tokio_util::io::ReaderStream;

use super::extract::{Json, Path};
use super::problem::ApiError;
use super::AppState;
use crate::attachments::{self, ChunkError, NewUploadBody, Shelf, Store, UploadView};
use crate::requests::Asker;

/// The largest chunk one `PATCH` may carry.
pub const CHUNK_LIMIT: usize = 8 * 1024 * 1024;
/// The media type of chunks.
pub const CHUNK_TYPE: &str = "application/offset+octet-stream";
/// The header with an upload's offset.
pub const UPLOAD_OFFSET: HeaderName = HeaderName::from_static("upload-offset");
/// The header with an upload's declared size.
pub const UPLOAD_LENGTH: HeaderName = HeaderName::from_static("upload-length");

/// The attachment routes, relative to `/api/v1`.
pub fn router() -> Router<AppState> {
    Router::new().route("/attachments", post(create)).route(
        "/attachments/{id}",
        patch(append).head(progress).get(download),
    )
}

/// The upload rules' view of the state: a 500 (logged) when the server was
/// started without a data directory.
fn shelf(state: &AppState) -> Result<Shelf<'_>, ApiError> {
    let dir = state
        .data_dir
        .as_deref()
        .ok_or_else(|| ApiError::Fault("attachments need a data directory".into()))?;
    Ok(Shelf {
        db: &state.db,
        clock: &state.clock,
        limits: &state.catalog.uploads,
        store: Store::in_data_dir(dir),
    })
}

fn offset_headers(offset: i64) -> [(HeaderName, HeaderValue); 2] {
    [
        (UPLOAD_OFFSET, HeaderValue::from(offset)),
        (CACHE_CONTROL, HeaderValue::from_static("no-store")),
    ]
}

async fn create(
    State(state): State<AppState>,
    asker: Asker,
    Json(body): Json<NewUploadBody>,
) -> Result<Response, ApiError> {
    let shelf = shelf(&state)?;
    let view: UploadView = attachments::create(&shelf, &asker, &body).await?;
    let location = HeaderValue::from_str(&format!("/api/v1/attachments/{}", view.id))
        .map_err(|e| ApiError::Fault(e.to_string()))?;
    Ok((
        StatusCode::CREATED,
        [(LOCATION, location)],
        offset_headers(view.upload_offset),
        axum::Json(view),
    )
        .into_response())
}

async fn progress(
    State(state): State<AppState>,
    asker: Asker,
    Path(id): Path<String>,
) -> Result<Response, ApiError> {
    let shelf = shelf(&state)?;
    let row = attachments::find(&shelf, &asker, &id).await?;
    Ok((
        StatusCode::OK,
        offset_headers(row.upload_offset),
        [(UPLOAD_LENGTH, HeaderValue::from(row.size))],
    )
        .into_response())
}

/// The `Upload-Offset` of a chunk: a 400 problem when it is missing or not
/// a number.
fn chunk_offset(headers: &HeaderMap) -> Result<u64, ApiError> {
    headers
        .get(UPLOAD_OFFSET)
        .and_then(|value| value.to_str().ok())
        .filter(|text| !text.is_empty() && text.bytes().all(|b| b.is_ascii_digit()))
        .and_then(|text| text.parse().ok())
        .ok_or_else(|| {
            ApiError::invalid(
                "/headers/upload-offset",
                "required",
                "A chunk needs Upload-Offset: the number of bytes already uploaded.",
            )
        })
}

async fn append(
    State(state): State<AppState>,
    asker: Asker,
    Path(id): Path<String>,
    headers: HeaderMap,
    body: Body,
) -> Result<Response, ApiError> {
    let shelf = shelf(&state)?;
    let is_chunk = headers
        .get(CONTENT_TYPE)
        .and_then(|value| value.to_str().ok())
        .is_some_and(|value| attachments::sniff::essence(value) == CHUNK_TYPE);
    if !is_chunk {
        return Err(ApiError::UnsupportedMediaType(format!(
            "A chunk is sent as {CHUNK_TYPE}."
        )));
    }
    let offset = chunk_offset(&headers)?;
    let too_large = || ApiError::TooLarge(format!("A chunk is at most {CHUNK_LIMIT} bytes."));
    let declared = headers
        .get(CONTENT_LENGTH)
        .and_then(|value| value.to_str().ok()?.parse::<u64>().ok());
    if declared.is_some_and(|length| length > CHUNK_LIMIT as u64) {
        return Err(too_large());
    }
    // The whole chunk is read before anything is written: a connection
    // lost half-way leaves the upload as it was.
    let chunk = match Limited::new(body, CHUNK_LIMIT).collect().await {
        Ok(collected) => collected.to_bytes().to_vec(),
        Err(error) if error.is::<LengthLimitError>() => return Err(too_large()),
        Err(_) => return Err(ApiError::Malformed("The chunk could not be read.".into())),
    };
    match attachments::append(&shelf, &asker, &id, offset, chunk).await {
        Ok(row) => Ok((StatusCode::NO_CONTENT, offset_headers(row.upload_offset)).into_response()),
        Err(ChunkError::Offset(stored)) => {
            let problem = ApiError::UploadConflict(format!(
                "The upload is at offset {stored}; send the chunk that starts there."
            ));
            Ok((offset_headers(stored), problem).into_response())
        }
        Err(ChunkError::Api(error)) => Err(error),
    }
}

async fn download(
    State(state): State<AppState>,
    asker: Asker,
    Path(id): Path<String>,
) -> Result<Response, ApiError> {
    let shelf = shelf(&state)?;
    let row = attachments::find(&shelf, &asker, &id).await?;
    match row.state.as_str() {
        attachments::COMPLETE => {}
        attachments::REJECTED => return Err(attachments::rejected(&row)),
        _ => {
            return Err(ApiError::UploadConflict(format!(
                "The upload is not complete: {} of {} bytes.",
                row.upload_offset, row.size
            )))
        }
    }
    let file = shelf
        .store
        .open(&row.storage_name)
        .await
        .map_err(|e| ApiError::Fault(format!("cannot open attachment {id}: {e}")))?;
    let content_type = row
        .content_type
        .as_deref()
        .and_then(|t| HeaderValue::from_str(t).ok())
        .unwrap_or(HeaderValue::from_static("application/octet-stream"));
    let disposition = HeaderValue::from_str(&content_disposition(&row.name))
        .map_err(|e| ApiError::Fault(e.to_string()))?;
    Ok((
        [
            (CONTENT_TYPE, content_type),
            (CONTENT_LENGTH, HeaderValue::from(row.size)),
            (CONTENT_DISPOSITION, disposition),
            (X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff")),
            (CACHE_CONTROL, HeaderValue::from_static("private, no-store")),
        ],
        Body::from_stream(ReaderStream::new(file)),
    )
        .into_response())
}

/// `attachment` with the file's name twice: an ASCII stand-in for old
/// clients (`filename`) and the exact name, percent-encoded UTF-8
/// (`filename*`, RFC 6266 and RFC 8187), so names such as `故障照片.jpg`
/// arrive whole and no name can break out of the header.
pub fn content_disposition(name: &str) -> String {
    let fallback: String = name
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || " .-_()".contains(c) {
                c
            } else {
                '_'
            }
        })
        .collect();
    let mut encoded = String::new();
    for byte in name.bytes() {
        if byte.is_ascii_alphanumeric() || b"!#$&+-.^_`|~".contains(&byte) {
            encoded.push(byte as char);
        } else {
            encoded.push_str(&format!("%{byte:02X}"));
        }
    }
    format!("attachment; filename=\"{fallback}\"; filename*=UTF-8''{encoded}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_encoded_safely() {
        assert_eq!(
            content_disposition("故障.jpg"),
            "attachment; filename=\"__.jpg\"; filename*=UTF-8''%E6%95%85%E9%9A%9C.jpg"
        );
        assert_eq!(
            content_disposition("a\"b\r\n.pdf"),
            "attachment; filename=\"a_b__.pdf\"; filename*=UTF-8''a%22b%0D%0A.pdf"
        );
    }
}
