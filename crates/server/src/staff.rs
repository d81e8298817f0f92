//! The `staff` commands: `staff token NAME [--role engineer|supervisor]`
//! makes the staff member if needed and prints a new bearer token for them,
//! alone on stdout, so that scripts can capture it. What changed (a new
//! member, a new role) is said on stderr.

use crate::auth::sign_in;
use crate::cli::{Error, StaffTokenArgs};
use crate::clock::Clock;
use crate::db::staff::Change;

/// The longest staff name, in characters.
pub const MAX_NAME_CHARS: usize = 100;

/// Runs `staff token`.
pub async fn token(args: StaffTokenArgs) -> Result<(), Error> {
    let name = checked_name(&args.name)?;
    let db = args.storage.open().await?;
    let result = sign_in::staff_token(&db, &Clock::system(), name, args.role).await;
    db.close().await;
    let (token, member, change) =
        result.map_err(|e| format!("cannot make a token for {name:?}: {e}"))?;
    match change {
        Change::Created => eprintln!("created staff member {:?} ({})", member.name, member.role),
        Change::RoleChanged => eprintln!("{:?} now has the role {}", member.name, member.role),
        Change::Unchanged => {}
    }
    println!("{token}");
    Ok(())
}

/// The name, trimmed, if it is one: 1 to 100 characters of text.
fn checked_name(raw: &str) -> Result<&str, String> {
    let name = raw.trim();
    if name.is_empty()
        || name.chars().count() > MAX_NAME_CHARS
        || name.chars().any(char::is_control)
    {
        return Err(format!(
            "a staff name is 1 to {MAX_NAME_CHARS} characters of text, not {raw:?}"
        ));
    }
    Ok(name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_trimmed_text() {
        assert_eq!(checked_name("  Li Wei ").unwrap(), "Li Wei");
        assert_eq!(checked_name("王工").unwrap(), "王工");
        assert!(checked_name("   ").is_err());
        assert!(checked_name("a\nb").is_err());
        assert!(checked_name(&"x".repeat(101)).is_err());
    }
}
