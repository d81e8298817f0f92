//! The operations on service requests (customers, guests, staff) and
//! attachments, described for [`super::ApiDoc`] (see [`super::paths`]).

#![allow(dead_code)]

use super::request_schemas::{
    MessageBody, NewRequestBody, NewUploadBody, RequestPage, RequestView, StaffActionBody,
    UploadView,
};

#[utoipa::path(
    post, path = "/api/v1/requests", tag = "requests",
    security(("bearer" = []), ("access_key" = [])),
    params(("Idempotency-Key" = String, Header, description = "Required here: one per request, kept on the row forever.")),
    request_body = NewRequestBody,
    responses(
        (status = 201, description = "Opened.", body = RequestView),
        (status = 200, description = "This key opened it before.", body = RequestView),
        (status = 400, description = "No Idempotency-Key, a malformed access key or body."),
        (status = 401, description = "Neither a token nor an access key."),
        (status = 404, description = "Staff cannot open requests."),
        (status = 409, description = "`idempotency-key-in-flight`.", headers(("Retry-After" = u64))),
        (status = 422, description = "`validation` (the form's answers, type, severity, locale, a taken access key) or `idempotency-key-reused`."),
        (status = 429, description = "Too many requests opened from this client or account.", headers(("Retry-After" = u64))),
    )
)]
pub fn requests_create() {}

#[utoipa::path(
    get, path = "/api/v1/requests", tag = "requests",
    security(("bearer" = [])),
    params(
        ("status" = Option<String>, Query, description = "One status name."),
        ("cursor" = Option<String>, Query, description = "The `next_cursor` of the page before."),
        ("limit" = Option<i64>, Query, description = "1 to 100, default 20."),
    ),
    responses(
        (status = 200, description = "Mine (staff: everyone's), newest activity first.", body = RequestPage),
        (status = 400, description = "A malformed query."),
        (status = 401, description = "Not signed in (guests have no list)."),
    )
)]
pub fn requests_list() {}

#[utoipa::path(
    get, path = "/api/v1/requests/{number}", tag = "requests",
    security(("bearer" = []), ("access_key" = [])),
    params(("number" = String, Path, description = "Such as `AC-7K3F-92`, any case.")),
    responses(
        (status = 200, description = "The request, its timeline, messages and SLA.", body = RequestView),
        (status = 401, description = "Neither a token nor an access key."),
        (status = 404, description = "No such request, or not the asker's (never 403)."),
        (status = 429, description = "Too many calls with access keys from this client.", headers(("Retry-After" = u64))),
    )
)]
pub fn requests_read() {}

#[utoipa::path(
    post, path = "/api/v1/requests/{number}/messages", tag = "requests",
    security(("bearer" = []), ("access_key" = [])),
    params(
        ("number" = String, Path),
        ("Idempotency-Key" = Option<String>, Header, description = "Posts the message once per key."),
    ),
    request_body = MessageBody,
    responses(
        (status = 201, description = "Posted; the request as it now stands.", body = RequestView),
        (status = 401, description = "Neither a token nor an access key."),
        (status = 404, description = "No such request, or not the asker's."),
        (status = 409, description = "`invalid-transition`: closed and cancelled requests take no messages."),
        (status = 422, description = "Neither text nor files, too long, or a file that is not the author's complete, unlinked upload (`/attachments/N`)."),
        (status = 429, description = "Too many calls with access keys from this client.", headers(("Retry-After" = u64))),
    )
)]
pub fn requests_message() {}

#[utoipa::path(
    post, path = "/api/v1/requests/{number}/reopen", tag = "requests",
    security(("bearer" = []), ("access_key" = [])),
    params(("number" = String, Path), ("Idempotency-Key" = Option<String>, Header)),
    responses(
        (status = 200, description = "Reopened (from resolved).", body = RequestView),
        (status = 401, description = "Neither a token nor an access key."),
        (status = 404, description = "No such request, or not the asker's."),
        (status = 409, description = "`invalid-transition`."),
    )
)]
pub fn requests_reopen() {}

#[utoipa::path(
    post, path = "/api/v1/requests/{number}/cancel", tag = "requests",
    security(("bearer" = []), ("access_key" = [])),
    params(("number" = String, Path), ("Idempotency-Key" = Option<String>, Header)),
    responses(
        (status = 200, description = "Cancelled (before it was resolved).", body = RequestView),
        (status = 401, description = "Neither a token nor an access key."),
        (status = 404, description = "No such request, or not the asker's."),
        (status = 409, description = "`invalid-transition`."),
    )
)]
pub fn requests_cancel() {}

#[utoipa::path(
    post, path = "/api/v1/requests/{number}/close", tag = "requests",
    security(("bearer" = []), ("access_key" = [])),
    params(("number" = String, Path), ("Idempotency-Key" = Option<String>, Header)),
    responses(
        (status = 200, description = "Closed: the customer confirms a resolved request.", body = RequestView),
        (status = 401, description = "Neither a token nor an access key."),
        (status = 404, description = "No such request, or not the asker's."),
        (status = 409, description = "`invalid-transition`."),
    )
)]
pub fn requests_close() {}

#[utoipa::path(
    post, path = "/api/v1/staff/requests/{number}/actions", tag = "staff",
    security(("bearer" = [])),
    params(("number" = String, Path), ("Idempotency-Key" = Option<String>, Header)),
    request_body = StaffActionBody,
    responses(
        (status = 200, description = "Moved; the customer is mailed the news.", body = RequestView),
        (status = 401, description = "No staff token."),
        (status = 404, description = "No such request, a complaint asked for by an engineer, or not staff."),
        (status = 409, description = "`invalid-transition`."),
        (status = 422, description = "Missing or unexpected `engineer`, `appointment`; a note too long."),
    )
)]
pub fn staff_action() {}

#[utoipa::path(
    post, path = "/api/v1/staff/requests/{number}/messages", tag = "staff",
    security(("bearer" = [])),
    params(("number" = String, Path), ("Idempotency-Key" = Option<String>, Header)),
    request_body = MessageBody,
    responses(
        (status = 201, description = "Posted; the customer is mailed the news.", body = RequestView),
        (status = 401, description = "No staff token."),
        (status = 404, description = "No such request, or not staff."),
        (status = 409, description = "`invalid-transition`."),
        (status = 422, description = "Neither text nor files, too long, or a file that is not the author's complete, unlinked upload (`/attachments/N`)."),
    )
)]
pub fn staff_message() {}

#[utoipa::path(
    post, path = "/api/v1/attachments", tag = "attachments",
    security(("bearer" = []), ("access_key" = [])),
    params(("Idempotency-Key" = Option<String>, Header)),
    request_body = NewUploadBody,
    responses(
        (status = 201, description = "An upload begins.", body = UploadView,
            headers(("Location" = String), ("Upload-Offset" = i64))),
        (status = 401, description = "Neither a token nor an access key."),
        (status = 422, description = "Too large, or a type not allowed."),
        (status = 429, description = "Too many calls with access keys from this client.", headers(("Retry-After" = u64))),
    )
)]
pub fn attachments_create() {}

#[utoipa::path(
    patch, path = "/api/v1/attachments/{id}", tag = "attachments",
    security(("bearer" = []), ("access_key" = [])),
    params(
        ("id" = String, Path),
        ("Upload-Offset" = u64, Header, description = "Bytes already uploaded."),
    ),
    request_body(content = String, content_type = "application/offset+octet-stream", description = "The next chunk's bytes (binary)."),
    responses(
        (status = 204, description = "Appended.", headers(("Upload-Offset" = i64))),
        (status = 404, description = "No such upload, or not the asker's."),
        (status = 409, description = "Another offset than the stored one.", headers(("Upload-Offset" = i64))),
        (status = 413, description = "A chunk or a file too large."),
        (status = 415, description = "Not `application/offset+octet-stream`."),
        (status = 429, description = "Too many calls with access keys from this client.", headers(("Retry-After" = u64))),
    )
)]
pub fn attachments_append() {}

#[utoipa::path(
    head, path = "/api/v1/attachments/{id}", tag = "attachments",
    security(("bearer" = []), ("access_key" = [])),
    params(("id" = String, Path)),
    responses(
        (status = 200, description = "Where the upload stands.", headers(("Upload-Offset" = i64), ("Upload-Length" = i64))),
        (status = 404, description = "No such upload, or not the asker's."),
        (status = 429, description = "Too many calls with access keys from this client.", headers(("Retry-After" = u64))),
    )
)]
pub fn attachments_progress() {}

#[utoipa::path(
    get, path = "/api/v1/attachments/{id}", tag = "attachments",
    security(("bearer" = []), ("access_key" = [])),
    params(("id" = String, Path)),
    responses(
        (status = 200, description = "The file, as an attachment (`Content-Disposition: attachment`).",
            content_type = "application/octet-stream"),
        (status = 404, description = "No such file, or not the asker's."),
        (status = 409, description = "Not completely uploaded yet."),
        (status = 422, description = "`rejected`: the content is not what the type said, or not allowed."),
        (status = 429, description = "Too many calls with access keys from this client.", headers(("Retry-After" = u64))),
    )
)]
pub fn attachments_download() {}
