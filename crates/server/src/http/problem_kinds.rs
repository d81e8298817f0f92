//! The problem kinds the v1 contract adds for identity, idempotency and rate
//! limits. They belong with the others in `aftercare_core::problem::kinds`
//! and are kept here only until they move there.

/// The request's bearer token is unknown, expired or revoked, or the route
/// needs one and there is none. Answered 401 with `WWW-Authenticate: Bearer`.
pub const UNAUTHENTICATED: &str = "https://aftercare.dev/problems/unauthenticated";
/// The asker is known and may see what they asked for, but may not do
/// this to it (staff answering a customer's survey). Answered 403.
pub const FORBIDDEN: &str = "https://aftercare.dev/problems/forbidden";
/// The sign-in code is wrong, expired, used up or was never sent; which one
/// is not said, and neither is how many tries are left. Answered 401.
pub const SIGN_IN_FAILED: &str = "https://aftercare.dev/problems/sign-in-failed";
/// A vendor's embed token was refused; `detail` says why, for the vendor's
/// developers. Answered 401.
pub const EMBED_TOKEN_REJECTED: &str = "https://aftercare.dev/problems/embed-token-rejected";
/// Too many requests from this client or for this address; `Retry-After`
/// says how many seconds to wait. Answered 429.
pub const RATE_LIMITED: &str = "https://aftercare.dev/problems/rate-limited";
/// The `Idempotency-Key` was already used, by the same identity, for a
/// different request (another method, path or body). Answered 422.
pub const IDEMPOTENCY_KEY_REUSED: &str = "https://aftercare.dev/problems/idempotency-key-reused";
/// A request with the same `Idempotency-Key` is still running; retry after
/// `Retry-After` seconds to get its result. Answered 409.
pub const IDEMPOTENCY_KEY_IN_FLIGHT: &str =
    "https://aftercare.dev/problems/idempotency-key-in-flight";
/// The service request cannot make this move: the action does not apply in
/// its current status (`detail` names the status), or not to someone in the
/// asker's role. Answered 409.
pub const INVALID_TRANSITION: &str = "https://aftercare.dev/problems/invalid-transition";
/// An upload is not where the request expects it: a chunk's
/// `Upload-Offset` is not the stored offset (which the answer's
/// `Upload-Offset` header gives), or the file is not complete yet.
/// Answered 409.
pub const UPLOAD_CONFLICT: &str = "https://aftercare.dev/problems/upload-conflict";
/// The customer registered a product with this model and serial number
/// already; `errors` points at `/serial_number` with the code
/// `already_registered`. Answered 409.
pub const ALREADY_REGISTERED: &str = "https://aftercare.dev/problems/already-registered";
/// A request's satisfaction survey cannot be answered yet: the request is
/// not resolved or closed. Answered 409.
pub const SURVEY_NOT_OPEN: &str = "https://aftercare.dev/problems/survey-not-open";
/// A survey's edit window is over; its answers can no longer change.
/// Answered 409.
pub const SURVEY_CLOSED: &str = "https://aftercare.dev/problems/survey-closed";
