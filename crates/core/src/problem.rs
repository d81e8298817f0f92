//! Errors as the customer meets them, and the RFC 9457 problem document that
//! carries them over HTTP. The server builds [`Problem`]s; the adapters turn
//! every failed exchange into a [`PortalError`] the UI can explain.

use serde::{Deserialize, Serialize};

/// The stable `type` URIs of the problems the contract documents.
pub mod kinds {
    /// The thing asked for does not exist, or is not the asker's to see.
    pub const NOT_FOUND: &str = "https://aftercare.dev/problems/not-found";
    /// The input broke one or more rules; `errors` says where.
    pub const VALIDATION: &str = "https://aftercare.dev/problems/validation";
    /// The body could not be read as the JSON the route expects.
    pub const MALFORMED: &str = "https://aftercare.dev/problems/malformed-request";
    /// Something failed on the server; nothing about it is disclosed.
    pub const INTERNAL: &str = "https://aftercare.dev/problems/internal";
    /// The database or another dependency is not answering.
    pub const UNAVAILABLE: &str = "https://aftercare.dev/problems/unavailable";
}

/// One rule an input broke, located by a JSON pointer into the request body.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProblemFieldError {
    pub pointer: String,
    pub code: String,
    pub detail: String,
}

/// An RFC 9457 problem document (`application/problem+json`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Problem {
    #[serde(rename = "type")]
    pub kind: String,
    pub title: String,
    pub status: u16,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub detail: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub errors: Vec<ProblemFieldError>,
}

impl Problem {
    /// A problem of `kind` with its status and human title.
    pub fn new(kind: &str, status: u16, title: impl Into<String>) -> Self {
        Problem {
            kind: kind.to_string(),
            title: title.into(),
            status,
            detail: None,
            errors: Vec::new(),
        }
    }

    /// The same problem with a human explanation of this occurrence.
    pub fn with_detail(mut self, detail: impl Into<String>) -> Self {
        self.detail = Some(detail.into());
        self
    }
}

/// Why the portal could not do what the customer asked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PortalError {
    /// The backend says the thing does not exist (or is not theirs).
    NotFound,
    /// No answer at all: offline, DNS, refused connection, CORS.
    Unreachable(String),
    /// The backend answered with a problem document.
    Problem(Problem),
    /// The backend answered with an error status and no problem document.
    Status(u16),
    /// The backend answered 2xx with a body the contract does not allow.
    Decode(String),
}

impl PortalError {
    /// Whether trying the same thing again later may succeed.
    pub fn is_transient(&self) -> bool {
        match self {
            PortalError::Unreachable(_) => true,
            PortalError::Problem(p) => is_transient_status(p.status),
            PortalError::Status(status) => is_transient_status(*status),
            PortalError::NotFound | PortalError::Decode(_) => false,
        }
    }
}

fn is_transient_status(status: u16) -> bool {
    matches!(status, 408 | 409 | 429) || status >= 500
}

impl std::fmt::Display for PortalError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            PortalError::NotFound => write!(f, "not found"),
            PortalError::Unreachable(why) => write!(f, "the service could not be reached: {why}"),
            PortalError::Problem(p) => write!(f, "{} ({})", p.title, p.status),
            PortalError::Status(status) => write!(f, "the service answered {status}"),
            PortalError::Decode(why) => write!(f, "the service's answer could not be read: {why}"),
        }
    }
}

impl std::error::Error for PortalError {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn problem_serialises_with_rfc_9457_names() {
        let problem = Problem::new(kinds::NOT_FOUND, 404, "Not found").with_detail("No article x.");
        let json = serde_json::to_value(&problem).unwrap();
        assert_eq!(json["type"], kinds::NOT_FOUND);
        assert_eq!(json["status"], 404);
        assert_eq!(json["detail"], "No article x.");
        assert!(json.get("errors").is_none());
    }

    #[test]
    fn only_network_throttling_and_server_faults_are_transient() {
        assert!(PortalError::Unreachable("offline".into()).is_transient());
        assert!(PortalError::Status(503).is_transient());
        assert!(PortalError::Status(429).is_transient());
        assert!(!PortalError::Status(400).is_transient());
        assert!(!PortalError::NotFound.is_transient());
    }
}
