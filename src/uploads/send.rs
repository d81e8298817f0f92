//! Sending a kept file to the server in chunks, resumably (in the manner of
//! tus): announce it once under a stable idempotency key, ask the server how
//! much it holds, and send the rest 1 MiB at a time. A failure leaves the
//! server's offset where it was, so the next try (after a reload too) goes on
//! from there.

use aftercare_core::outbox::judge;
use std::future::Future;

use aftercare_core::{
    Backend, ChunkOutcome, Credentials, HttpRequest, HttpResponse, Locale, PortalError,
    UploadStart, Verdict,
};
use js_sys::Uint8Array;
use wasm_bindgen_futures::JsFuture;
use web_sys::Blob;

use super::plan::chunk_end;
use super::UploadError;
use crate::net;
use crate::store::DeviceStore;

/// How many conflicts in a row the upload accepts before it gives up for
/// now; each one moves it to the server's offset, so more means a muddle.
const MOST_CONFLICTS: u32 = 3;

/// Uploads the kept file `file_id` and returns the server's id for it.
/// `on_progress(sent, total)` hears of every stored chunk. A transient
/// failure ([`UploadError::is_transient`]) leaves everything ready to resume.
pub async fn upload(
    store: &DeviceStore,
    file_id: &str,
    backend: &dyn Backend,
    credentials: &Credentials,
    locale: Locale,
    on_progress: impl Fn(u64, u64),
) -> Result<String, UploadError> {
    let call = Call {
        backend,
        credentials,
        locale,
    };
    upload_via(store, file_id, call, net::send, on_progress).await
}

/// Who an upload talks to, and as whom.
#[derive(Clone, Copy)]
pub struct Call<'a> {
    pub backend: &'a dyn Backend,
    pub credentials: &'a Credentials,
    pub locale: Locale,
}

/// [`upload`] through the transport `send` (tests pass a stand-in server).
pub async fn upload_via<S, F>(
    store: &DeviceStore,
    file_id: &str,
    call: Call<'_>,
    send: S,
    on_progress: impl Fn(u64, u64),
) -> Result<String, UploadError>
where
    S: Fn(HttpRequest) -> F,
    F: Future<Output = Result<HttpResponse, PortalError>>,
{
    let Call {
        backend,
        credentials,
        locale,
    } = call;
    let mut record = store.file(file_id).await?.ok_or(UploadError::Missing)?;
    let total = record.size;
    if record.is_uploaded() {
        on_progress(total, total);
        return Ok(record.server_id.unwrap_or_default());
    }
    let (server_id, mut offset) = match record.server_id.clone() {
        Some(server_id) => {
            let request = backend.upload_status(&server_id, credentials, locale);
            let response = succeeded(send(request).await)?;
            let progress = backend
                .read_upload_progress(response)
                .map_err(UploadError::Refused)?;
            (server_id, progress.offset)
        }
        None => {
            let announced = UploadStart {
                name: record.name.clone(),
                size: total,
                content_type: record.content_type.clone(),
            };
            let request =
                backend.start_upload(&announced, &record.upload_key(), credentials, locale);
            let response = succeeded(send(request).await)?;
            let slot = backend
                .read_upload_slot(response)
                .map_err(UploadError::Refused)?;
            // Saved at once, so a reload resumes this upload, not a new one.
            record.server_id = Some(slot.id.clone());
            store.put_file(&record).await?;
            (slot.id, slot.upload_offset)
        }
    };
    on_progress(offset.min(total), total);
    let mut conflicts = 0;
    while offset < total {
        let chunk = read_range(&record.blob, offset, chunk_end(offset, total)).await?;
        let request = backend.upload_chunk(&server_id, offset, chunk, credentials, locale);
        let outcome = send(request).await;
        let stored = match outcome {
            Ok(response) if is_chunk_answer(&response) => backend
                .read_chunk_outcome(response)
                .map_err(UploadError::Refused)?,
            other => return Err(failure(other)),
        };
        offset = match stored {
            ChunkOutcome::Stored(now) => {
                conflicts = 0;
                now
            }
            ChunkOutcome::Conflict(now) => {
                conflicts += 1;
                if conflicts > MOST_CONFLICTS {
                    return Err(UploadError::Transient { after_ms: None });
                }
                now
            }
        };
        if offset > total {
            return Err(UploadError::Refused(PortalError::Decode(format!(
                "the server holds {offset} bytes of {total}"
            ))));
        }
        on_progress(offset, total);
    }
    record.server_id = Some(server_id.clone());
    record.sent = total;
    store.put_file(&record).await?;
    Ok(server_id)
}

/// The response when it is a success; otherwise why not, as the outbox
/// judges it.
fn succeeded(outcome: Result<HttpResponse, PortalError>) -> Result<HttpResponse, UploadError> {
    match outcome {
        Ok(response) if response.is_success() => Ok(response),
        other => Err(failure(other)),
    }
}

/// Whether a chunk's answer is one the adapter reads: stored, or a 409 that
/// says where the server stands.
fn is_chunk_answer(response: &HttpResponse) -> bool {
    response.is_success() || (response.status == 409 && response.header("Upload-Offset").is_some())
}

/// A failed exchange as an upload error: try again later, sign in again, or
/// refused.
fn failure(outcome: Result<HttpResponse, PortalError>) -> UploadError {
    match judge(outcome) {
        Verdict::Retry { after_ms } => UploadError::Transient { after_ms },
        Verdict::SignInAgain => UploadError::SignInAgain,
        Verdict::NeedsAttention(error) => UploadError::Refused(error),
        Verdict::Delivered => UploadError::Refused(PortalError::Decode(
            "the server's answer was not the one expected".into(),
        )),
    }
}

/// The bytes of `blob` from `start` up to `end`.
async fn read_range(blob: &Blob, start: u64, end: u64) -> Result<Vec<u8>, UploadError> {
    let unreadable = |error: wasm_bindgen::JsValue| UploadError::Unreadable(format!("{error:?}"));
    let part = blob
        .slice_with_f64_and_f64(start as f64, end as f64)
        .map_err(unreadable)?;
    let buffer = JsFuture::from(part.array_buffer())
        .await
        .map_err(unreadable)?;
    Ok(Uint8Array::new(&buffer).to_vec())
}
