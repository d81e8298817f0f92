//! Everything that differs between SQLite and PostgreSQL, in one place: how a
//! URL names the engine, the per-connection settings, the migrations, and how
//! a write transaction starts. All other SQL is written once, with `$N`
//! placeholders, and runs unchanged on both.

use sqlx::{Any, AnyConnection, AnyPool, Executor, Transaction};

use super::migrate::{self, Embedded};

/// The database engines the server runs on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Engine {
    Sqlite,
    Postgres,
}

/// Settings every SQLite connection gets: wait up to five seconds for a lock
/// instead of failing at once, write-ahead logging so readers never block the
/// writer, `NORMAL` syncing (durable at checkpoints, safe with WAL), and
/// enforced foreign keys. The busy timeout comes first so that switching to
/// WAL waits for other connections too.
const SQLITE_SETUP: &str = "PRAGMA busy_timeout = 5000;
PRAGMA journal_mode = WAL;
PRAGMA synchronous = NORMAL;
PRAGMA foreign_keys = ON;";

impl Engine {
    /// The engine a database URL names, from its scheme.
    pub fn from_url(url: &str) -> Option<Engine> {
        let scheme = url.split_once(':')?.0.to_ascii_lowercase();
        match scheme.as_str() {
            "sqlite" => Some(Engine::Sqlite),
            "postgres" | "postgresql" => Some(Engine::Postgres),
            _ => None,
        }
    }

    /// Applies the engine's per-connection settings to a new connection.
    pub async fn set_up(self, connection: &mut AnyConnection) -> Result<(), sqlx::Error> {
        if self == Engine::Sqlite {
            connection.execute(sqlx::raw_sql(SQLITE_SETUP)).await?;
        }
        Ok(())
    }

    /// The engine's schema migrations, oldest first.
    pub fn migrations(self) -> &'static [Embedded] {
        match self {
            Engine::Sqlite => migrate::SQLITE,
            Engine::Postgres => migrate::POSTGRES,
        }
    }

    /// Starts a transaction that will write the knowledge base, holding the
    /// write lock from the start. Writers therefore run one after another,
    /// and each one sees the last one's timestamps, which keeps feed order
    /// equal to commit order. SQLite takes its single write lock with
    /// `BEGIN IMMEDIATE` (a plain `BEGIN` could fail half-way when it tries
    /// to upgrade); PostgreSQL locks the article table against other writers
    /// while still letting readers through.
    pub async fn begin_write(
        self,
        pool: &AnyPool,
    ) -> Result<Transaction<'static, Any>, sqlx::Error> {
        match self {
            Engine::Sqlite => pool.begin_with("BEGIN IMMEDIATE").await,
            Engine::Postgres => {
                let mut transaction = pool.begin().await?;
                transaction
                    .execute("LOCK TABLE kb_articles IN EXCLUSIVE MODE")
                    .await?;
                Ok(transaction)
            }
        }
    }

    /// What a `SELECT` inside a write transaction ends with to lock the rows
    /// it reads of `table_alias` until the commit: `FOR UPDATE OF alias` on
    /// PostgreSQL; nothing on SQLite, whose `BEGIN IMMEDIATE` already holds
    /// the one write lock.
    pub fn lock_rows(self, table_alias: &str) -> String {
        match self {
            Engine::Sqlite => String::new(),
            Engine::Postgres => format!(" FOR UPDATE OF {table_alias}"),
        }
    }

    /// Starts a transaction that will write rows other than articles
    /// (customers, codes, sessions, idempotency keys). SQLite takes its write
    /// lock at once, for the same reason as in [`Engine::begin_write`];
    /// PostgreSQL needs no table lock, because these writes are made safe by
    /// row locks and unique constraints.
    pub async fn begin_immediate(
        self,
        pool: &AnyPool,
    ) -> Result<Transaction<'static, Any>, sqlx::Error> {
        match self {
            Engine::Sqlite => pool.begin_with("BEGIN IMMEDIATE").await,
            Engine::Postgres => pool.begin().await,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn engines_come_from_the_url_scheme() {
        assert_eq!(Engine::from_url("sqlite:data/a.db"), Some(Engine::Sqlite));
        assert_eq!(Engine::from_url("sqlite:///tmp/a.db"), Some(Engine::Sqlite));
        assert_eq!(
            Engine::from_url("postgres://u:p@localhost/db"),
            Some(Engine::Postgres)
        );
        assert_eq!(
            Engine::from_url("PostgreSQL://localhost/db"),
            Some(Engine::Postgres)
        );
        assert_eq!(Engine::from_url("mysql://localhost/db"), None);
        assert_eq!(Engine::from_url("data/aftercare.sqlite3"), None);
    }
}
