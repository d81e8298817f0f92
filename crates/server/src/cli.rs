//! The command line. The binary is both the server (`serve`) and its admin
//! tool (`import-kb`); both find the database the same way: `DATABASE_URL`
//! if it is set, else the SQLite file in the data directory.

use std::io::IsTerminal;
use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};
use tracing_subscriber::EnvFilter;

use crate::config::{self, category_keys};
use crate::db::{Db, SQLITE_FILE};
use crate::kb::import::{self, ImportOptions};
use crate::kb::validate::validate;
use crate::serve;

/// Any error a command ends with; its message goes to stderr.
pub type Error = Box<dyn std::error::Error + Send + Sync>;

/// Aftercare's reference server and admin tool.
#[derive(Debug, Parser)]
#[command(name = "aftercare-server", version, about)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Serve the REST API and the portal's files.
    Serve(ServeArgs),
    /// Import knowledge-base articles from a JSON file (all or nothing).
    ImportKb(ImportArgs),
}

/// Where the database is.
#[derive(Debug, Clone, Args)]
pub struct StorageArgs {
    /// The directory for the SQLite database, created if missing.
    #[arg(long, env = "AFTERCARE_DATA_DIR", default_value = "data")]
    pub data_dir: PathBuf,
    /// A database URL (`postgres://...` or `sqlite:...`) that replaces the
    /// SQLite file in the data directory.
    #[arg(long, env = "DATABASE_URL", hide_env_values = true)]
    pub database_url: Option<String>,
}

#[derive(Debug, Clone, Args)]
pub struct ServeArgs {
    /// The address to listen on; port 0 picks a free port.
    #[arg(long, env = "AFTERCARE_ADDR", default_value = "127.0.0.1:8080")]
    pub addr: String,
    #[command(flatten)]
    pub storage: StorageArgs,
    /// The portal's built files (Trunk's output).
    #[arg(long, env = "AFTERCARE_DIST", default_value = "dist")]
    pub dist: PathBuf,
    /// A TOML file overriding the portal configuration's defaults.
    #[arg(long, env = "AFTERCARE_CONFIG")]
    pub config: Option<PathBuf>,
}

#[derive(Debug, Clone, Args)]
pub struct ImportArgs {
    /// The JSON file: an array of {id, locale, category, title,
    /// body_markdown, tags} objects.
    pub file: PathBuf,
    #[command(flatten)]
    pub storage: StorageArgs,
    /// A TOML file overriding the portal configuration (its categories are
    /// the ones articles may use).
    #[arg(long, env = "AFTERCARE_CONFIG")]
    pub config: Option<PathBuf>,
    /// Also delete the articles that are not in the file, so the file becomes
    /// the whole knowledge base (deleted articles stay as tombstones for the
    /// delta feed).
    #[arg(long)]
    pub prune: bool,
}

impl StorageArgs {
    /// Connects to the database and brings its schema up to date.
    pub async fn open(&self) -> Result<Db, Error> {
        let url = match self.database_url.as_deref().filter(|url| !url.is_empty()) {
            Some(url) => url.to_string(),
            None => {
                std::fs::create_dir_all(&self.data_dir).map_err(|e| {
                    format!(
                        "cannot create the data directory {}: {e}",
                        self.data_dir.display()
                    )
                })?;
                Db::sqlite_url(&self.data_dir.join(SQLITE_FILE))?
            }
        };
        let db = Db::connect(&url)
            .await
            .map_err(|e| format!("cannot open the database: {e}"))?;
        db.migrate()
            .await
            .map_err(|e| format!("cannot migrate the database: {e}"))?;
        Ok(db)
    }
}

/// Runs a command to completion.
pub async fn run(cli: Cli) -> Result<(), Error> {
    match cli.command {
        Command::Serve(args) => serve::serve(args).await,
        Command::ImportKb(args) => import_kb(args).await,
    }
}

/// Checks the whole file first and touches the database only if every entry
/// passes; then writes it in one transaction.
async fn import_kb(args: ImportArgs) -> Result<(), Error> {
    let portal = config::load(args.config.as_deref())?;
    let file = args.file.display();
    let json =
        std::fs::read_to_string(&args.file).map_err(|e| format!("cannot read {file}: {e}"))?;
    let entries = validate(&json, &category_keys(&portal)).map_err(|e| format!("{file}: {e}"))?;
    let db = args.storage.open().await?;
    let options = ImportOptions { prune: args.prune };
    let result = import::apply(&db, &entries, options).await;
    db.close().await;
    let report = result.map_err(|e| format!("{file}: nothing was imported: {e}"))?;
    println!("imported {file}: {report}");
    Ok(())
}

/// Logs to stderr (stdout is for results), filtered by `RUST_LOG`; by
/// default `info`, without PostgreSQL's notices (such as "relation already
/// exists, skipping" on every migration check).
pub fn init_tracing() {
    let filter = EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| EnvFilter::new("info,sqlx::postgres::notice=warn"));
    tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .with_ansi(std::io::stderr().is_terminal())
        .init();
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn the_command_line_is_well_formed() {
        Cli::command().debug_assert();
    }

    #[test]
    fn serve_has_the_documented_defaults() {
        let cli = Cli::try_parse_from(["aftercare-server", "serve"]).unwrap();
        let Command::Serve(args) = cli.command else {
            panic!("expected serve");
        };
        assert_eq!(args.addr, "127.0.0.1:8080");
        assert_eq!(args.storage.data_dir, PathBuf::from("data"));
        assert_eq!(args.dist, PathBuf::from("dist"));
    }
}
