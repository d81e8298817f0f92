//! Attachments: a file the customer picks is checked against the catalog's
//! upload limits, photos are scaled down on the device, the bytes are kept in
//! the device store, and the upload goes to the server in chunks that resume
//! from wherever the server got to, after a reload or a lost connection.

mod error;
mod plan;
mod prepare;
mod progress;
mod resize;
mod send;

pub use error::UploadError;
pub use plan::{fit_within, CHUNK_BYTES};
pub use prepare::{prepare, prepare_into};
pub use progress::UploadProgress;
pub use send::{upload, upload_via, Call};
