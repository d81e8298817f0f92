//! The data layer: one [`sqlx::AnyPool`] that talks to SQLite (the default, a
//! file under the data directory) or PostgreSQL (for several servers behind
//! a load balancer), chosen by the database URL.

pub mod articles;
pub mod attachments;
pub mod customers;
pub mod dialect;
pub mod idempotency;
pub mod kb_events;
pub mod kb_feedback;
pub mod kb_report;
pub mod migrate;
pub mod my_data;
pub mod products;
pub mod requests;
pub mod sessions;
pub mod sign_in_codes;
pub mod staff;
pub mod surveys;

use std::path::Path;
use std::time::Duration;

use sqlx::any::AnyPoolOptions;
use sqlx::migrate::{MigrateError, Migrator};
use sqlx::{Any, AnyConnection, AnyPool, Connection, Transaction};

pub use dialect::Engine;

/// The name of the SQLite file inside the data directory.
pub const SQLITE_FILE: &str = "aftercare.sqlite3";

/// A handle on the database; cheap to clone, shared by every request.
#[derive(Debug, Clone)]
pub struct Db {
    pool: AnyPool,
    engine: Engine,
}

impl Db {
    /// Connects to the database at `url` (`sqlite:...` or `postgres://...`).
    /// Nothing is created or migrated; see [`Db::migrate`]. One connection
    /// is opened and closed first, so that a wrong URL or an unreachable
    /// server fails at once with its real reason rather than as a pool
    /// timeout.
    pub async fn connect(url: &str) -> Result<Db, sqlx::Error> {
        sqlx::any::install_default_drivers();
        let engine = Engine::from_url(url).ok_or_else(|| {
            sqlx::Error::Configuration(
                "the database URL must start with sqlite: or postgres://".into(),
            )
        })?;
        AnyConnection::connect(url).await?.close().await?;
        let pool = AnyPoolOptions::new()
            .max_connections(8)
            .acquire_timeout(Duration::from_secs(5))
            .after_connect(move |connection, _| {
                Box::pin(async move { engine.set_up(connection).await })
            })
            .connect(url)
            .await?;
        Ok(Db { pool, engine })
    }

    /// The URL of the SQLite file `path`, created on first use. The path is
    /// percent-encoded, so names with spaces, `?` or `#` work.
    pub fn sqlite_url(path: &Path) -> Result<String, sqlx::Error> {
        let path = path.to_str().ok_or_else(|| {
            sqlx::Error::Configuration("the SQLite file's path must be valid UTF-8".into())
        })?;
        let mut url = String::from("sqlite://");
        for byte in path.bytes() {
            if byte.is_ascii_alphanumeric() || b"/-_.~".contains(&byte) {
                url.push(byte as char);
            } else {
                url.push_str(&format!("%{byte:02X}"));
            }
        }
        url.push_str("?mode=rwc");
        Ok(url)
    }

    /// Brings the schema up to date.
    pub async fn migrate(&self) -> Result<(), MigrateError> {
        let source = migrate::EmbeddedSource(self.engine.migrations());
        Migrator::new(source).await?.run(&self.pool).await
    }

    /// The engine behind the pool.
    pub fn engine(&self) -> Engine {
        self.engine
    }

    /// The pool, for queries.
    pub fn pool(&self) -> &AnyPool {
        &self.pool
    }

    /// A transaction for writing the knowledge base (see
    /// [`Engine::begin_write`]).
    pub async fn begin_write(&self) -> Result<Transaction<'static, Any>, sqlx::Error> {
        self.engine.begin_write(&self.pool).await
    }

    /// A transaction for writing anything but the knowledge base (see
    /// [`Engine::begin_immediate`]).
    pub async fn begin_immediate(&self) -> Result<Transaction<'static, Any>, sqlx::Error> {
        self.engine.begin_immediate(&self.pool).await
    }

    /// Checks that the database answers a trivial query.
    pub async fn ping(&self) -> Result<(), sqlx::Error> {
        sqlx::query("SELECT 1").execute(&self.pool).await.map(drop)
    }

    /// Waits for every connection to be returned, then closes them.
    pub async fn close(&self) {
        self.pool.close().await;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sqlite_urls_escape_awkward_paths() {
        let url = Db::sqlite_url(Path::new("/tmp/my data/a?b#c%.sqlite3")).unwrap();
        assert_eq!(url, "sqlite:///tmp/my%20data/a%3Fb%23c%25.sqlite3?mode=rwc");
    }
}
