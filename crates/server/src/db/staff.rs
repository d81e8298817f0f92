//! The `staff` table: the department's engineers and supervisors, known by
//! a unique name and made from the command line.

use sqlx::{AnyConnection, Row};

use crate::auth::secret::new_id;
use crate::auth::StaffRole;

/// A staff member.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Staff {
    pub id: String,
    pub name: String,
    pub role: StaffRole,
}

/// What [`ensure`] had to do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Change {
    Created,
    RoleChanged,
    Unchanged,
}

/// The staff member called `name`: made with `role` (an engineer when no
/// role is given) if there is none, and given `role` if it is given and
/// differs.
pub async fn ensure(
    tx: &mut AnyConnection,
    name: &str,
    role: Option<StaffRole>,
    now: &str,
) -> Result<(Staff, Change), sqlx::Error> {
    let inserted = sqlx::query(
        "INSERT INTO staff (id, name, role, created_at) VALUES ($1, $2, $3, $4) \
         ON CONFLICT (name) DO NOTHING",
    )
    .bind(new_id("stf"))
    .bind(name)
    .bind(role.unwrap_or(StaffRole::Engineer).as_str())
    .bind(now)
    .execute(&mut *tx)
    .await?
    .rows_affected();
    let mut change = if inserted == 1 {
        Change::Created
    } else {
        Change::Unchanged
    };
    if let (Some(role), Change::Unchanged) = (role, change) {
        let updated = sqlx::query("UPDATE staff SET role = $1 WHERE name = $2 AND role <> $1")
            .bind(role.as_str())
            .bind(name)
            .execute(&mut *tx)
            .await?
            .rows_affected();
        if updated == 1 {
            change = Change::RoleChanged;
        }
    }
    let row = sqlx::query("SELECT id, name, role FROM staff WHERE name = $1")
        .bind(name)
        .fetch_one(&mut *tx)
        .await?;
    let role: String = row.try_get("role")?;
    let staff = Staff {
        id: row.try_get("id")?,
        name: row.try_get("name")?,
        role: role
            .parse()
            .map_err(|e: String| sqlx::Error::Decode(e.into()))?,
    };
    Ok((staff, change))
}
