//! Why a file could not be attached or uploaded, in terms the UI can explain
//! and the outbox can act on.

use aftercare_core::PortalError;

use crate::store::StoreError;

/// Why attaching or uploading a file failed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum UploadError {
    /// The file is larger than the catalog allows (`max` bytes), even after
    /// scaling it down.
    TooLarge { max: u64 },
    /// The file holds no bytes.
    Empty,
    /// The catalog does not accept files of this type.
    NotAllowed { content_type: String },
    /// The file is no longer kept on this device.
    Missing,
    /// The browser could not read the file's bytes.
    Unreadable(String),
    /// The device store failed, for instance because it is full.
    Store(StoreError),
    /// The network or the server failed for now; try again later, after
    /// `after_ms` when the server said so.
    Transient { after_ms: Option<u64> },
    /// The session ended; the customer must sign in again.
    SignInAgain,
    /// The server refused the upload for a reason trying again will not
    /// change.
    Refused(PortalError),
}

impl UploadError {
    /// Whether trying again later may succeed with nothing changed.
    pub fn is_transient(&self) -> bool {
        matches!(self, UploadError::Transient { .. })
    }
}

impl From<StoreError> for UploadError {
    fn from(error: StoreError) -> Self {
        UploadError::Store(error)
    }
}

impl std::fmt::Display for UploadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            UploadError::TooLarge { max } => write!(f, "the file is larger than {max} bytes"),
            UploadError::NotAllowed { content_type } => {
                write!(f, "files of type {content_type:?} are not accepted")
            }
            UploadError::Empty => write!(f, "the file is empty"),
            UploadError::Missing => write!(f, "the file is no longer on this device"),
            UploadError::Unreadable(why) => write!(f, "the file could not be read: {why}"),
            UploadError::Store(error) => error.fmt(f),
            UploadError::Transient { .. } => write!(f, "the upload will be tried again"),
            UploadError::SignInAgain => write!(f, "sign in again to upload"),
            UploadError::Refused(error) => write!(f, "the upload was refused: {error}"),
        }
    }
}

impl std::error::Error for UploadError {}
