//! The schema migrations, embedded in the binary: one ordered list per
//! engine, kept in `migrations/sqlite/` and `migrations/postgres/`. They run
//! through sqlx's migrator, which records them in `_sqlx_migrations`, checks
//! that applied ones were not edited, and on PostgreSQL holds an advisory
//! lock so that several servers starting at once apply each migration once.

use std::borrow::Cow;
use std::future::Future;
use std::pin::Pin;

use sqlx::error::BoxDynError;
use sqlx::migrate::{Migration, MigrationSource, MigrationType};

/// One migration as it is embedded: its version, a short description and
/// its SQL.
pub type Embedded = (i64, &'static str, &'static str);

/// The SQLite schema, oldest first.
pub const SQLITE: &[Embedded] = &[
    (
        1,
        "kb articles",
        include_str!("../../migrations/sqlite/0001_kb_articles.sql"),
    ),
    (
        2,
        "identity",
        include_str!("../../migrations/sqlite/0002_identity.sql"),
    ),
    (
        3,
        "service requests",
        include_str!("../../migrations/sqlite/0003_service_requests.sql"),
    ),
    (
        4,
        "attachments",
        include_str!("../../migrations/sqlite/0004_attachments.sql"),
    ),
    (
        5,
        "message attachments",
        include_str!("../../migrations/sqlite/0005_message_attachments.sql"),
    ),
    (
        6,
        "kb signals",
        include_str!("../../migrations/sqlite/0006_kb_signals.sql"),
    ),
    (
        7,
        "surveys",
        include_str!("../../migrations/sqlite/0007_surveys.sql"),
    ),
    (
        8,
        "products and accounts",
        include_str!("../../migrations/sqlite/0008_products_and_accounts.sql"),
    ),
];

/// The PostgreSQL schema, oldest first, version for version the same
/// changes as [`SQLITE`].
pub const POSTGRES: &[Embedded] = &[
    (
        1,
        "kb articles",
        include_str!("../../migrations/postgres/0001_kb_articles.sql"),
    ),
    (
        2,
        "identity",
        include_str!("../../migrations/postgres/0002_identity.sql"),
    ),
    (
        3,
        "service requests",
        include_str!("../../migrations/postgres/0003_service_requests.sql"),
    ),
    (
        4,
        "attachments",
        include_str!("../../migrations/postgres/0004_attachments.sql"),
    ),
    (
        5,
        "message attachments",
        include_str!("../../migrations/postgres/0005_message_attachments.sql"),
    ),
    (
        6,
        "kb signals",
        include_str!("../../migrations/postgres/0006_kb_signals.sql"),
    ),
    (
        7,
        "surveys",
        include_str!("../../migrations/postgres/0007_surveys.sql"),
    ),
    (
        8,
        "products and accounts",
        include_str!("../../migrations/postgres/0008_products_and_accounts.sql"),
    ),
];

/// A list of embedded migrations as a source for sqlx's migrator.
#[derive(Debug, Clone, Copy)]
pub struct EmbeddedSource(pub &'static [Embedded]);

impl MigrationSource<'static> for EmbeddedSource {
    fn resolve(
        self,
    ) -> Pin<Box<dyn Future<Output = Result<Vec<Migration>, BoxDynError>> + Send + 'static>> {
        let migrations = self
            .0
            .iter()
            .map(|&(version, description, sql)| {
                Migration::new(
                    version,
                    Cow::Borrowed(description),
                    MigrationType::Simple,
                    Cow::Borrowed(sql),
                    false,
                )
            })
            .collect();
        Box::pin(std::future::ready(Ok(migrations)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_engines_have_the_same_versions_in_order() {
        let versions = |list: &[Embedded]| list.iter().map(|m| m.0).collect::<Vec<_>>();
        assert_eq!(versions(SQLITE), versions(POSTGRES));
        assert!(versions(SQLITE).windows(2).all(|w| w[0] < w[1]));
    }
}
