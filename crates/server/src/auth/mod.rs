//! Who is asking, decided without HTTP: the secrets the server hands out and
//! how they are stored (only hashes), the rules for email addresses, the
//! embed tokens vendors sign, and the rules of sign-in itself. The routes
//! are in `http::auth`; the tables in `db`.

pub mod email;
pub mod jwt;
pub mod seal;
pub mod secret;
pub mod sign_in;
pub mod survey_token;

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};
use time::Duration;

/// How long a sign-in code can be used after it was sent.
pub const CODE_LIFETIME: Duration = Duration::minutes(10);
/// How many times a sign-in code can be tried; the last try may succeed.
pub const MAX_CODE_ATTEMPTS: i64 = 5;
/// How long a session token stays good unless it is revoked.
pub const SESSION_LIFETIME: Duration = Duration::days(30);

/// What a staff member may do.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, clap::ValueEnum)]
#[serde(rename_all = "lowercase")]
pub enum StaffRole {
    /// Works on service requests.
    Engineer,
    /// Also handles complaints and oversees engineers.
    Supervisor,
}

impl StaffRole {
    /// The role as it is stored and shown.
    pub fn as_str(self) -> &'static str {
        match self {
            StaffRole::Engineer => "engineer",
            StaffRole::Supervisor => "supervisor",
        }
    }
}

impl fmt::Display for StaffRole {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for StaffRole {
    type Err = String;

    fn from_str(value: &str) -> Result<Self, Self::Err> {
        match value {
            "engineer" => Ok(StaffRole::Engineer),
            "supervisor" => Ok(StaffRole::Supervisor),
            other => Err(format!("{other:?} is not a staff role")),
        }
    }
}
