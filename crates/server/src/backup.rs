//! The `backup FILE` command: an online, consistent copy of the SQLite
//! database, taken while servers keep reading and writing it.
//!
//! SQLite's `VACUUM INTO` writes a compacted copy as of one read transaction,
//! so the copy is consistent however busy the database is. It is written
//! next to FILE under a temporary name, checked, flushed to disk (SQLite
//! does not sync it), and only then given FILE's name, which must not exist:
//! a backup never replaces anything, and an interrupted one leaves no
//! half-written FILE behind. PostgreSQL has its own tool for this, pg_dump,
//! and the command says so instead of imitating it.

use std::path::{Path, PathBuf};

use clap::Args;
use sqlx::{AnyConnection, Connection};

use crate::cli::{Error, StorageArgs};
use crate::db::{Db, Engine, SQLITE_FILE};

#[derive(Debug, Clone, Args)]
pub struct BackupArgs {
    /// The file to write the copy to; it must not exist yet.
    pub file: PathBuf,
    #[command(flatten)]
    pub storage: StorageArgs,
}

/// Runs `backup`: prints `backed up to FILE (N bytes)` when done.
pub async fn run(args: BackupArgs) -> Result<(), Error> {
    let target = std::path::absolute(&args.file)
        .map_err(|e| format!("cannot use {}: {e}", args.file.display()))?;
    let url = match args
        .storage
        .database_url
        .as_deref()
        .filter(|u| !u.is_empty())
    {
        Some(url) if Engine::from_url(url) == Some(Engine::Postgres) => {
            return Err(
                "`backup` copies SQLite databases only; back up PostgreSQL with \
                 pg_dump, e.g. `pg_dump --format=custom --file FILE \"$DATABASE_URL\"`"
                    .into(),
            );
        }
        Some(url) => url.to_string(),
        None => {
            let source = args.storage.data_dir.join(SQLITE_FILE);
            if !source.is_file() {
                return Err(format!("there is no database at {}", source.display()).into());
            }
            Db::sqlite_url(&source)?
        }
    };
    let db = Db::connect(&url)
        .await
        .map_err(|e| format!("cannot open the database: {e}"))?;
    let result = sqlite(&db, &target).await;
    db.close().await;
    let bytes = result?;
    println!("backed up to {} ({bytes} bytes)", target.display());
    Ok(())
}

/// Copies the SQLite database behind `db` to `target`, which must not
/// exist, and returns the copy's size in bytes.
pub async fn sqlite(db: &Db, target: &Path) -> Result<u64, Error> {
    if db.engine() != Engine::Sqlite {
        return Err("only SQLite databases can be copied this way; use pg_dump".into());
    }
    let shown = target.display();
    if target.exists() {
        return Err(format!("{shown} already exists; a backup never replaces a file").into());
    }
    let dir = match target.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir,
        _ => Path::new("."),
    };
    if !dir.is_dir() {
        return Err(format!("the directory {} does not exist", dir.display()).into());
    }
    let name = target
        .file_name()
        .ok_or_else(|| format!("{shown} is not a file name"))?;
    let partial = dir.join(format!(
        ".{}.partial-{}",
        name.to_string_lossy(),
        std::process::id()
    ));
    let _ = std::fs::remove_file(&partial);
    let outcome = copy_to(db, &partial, target).await;
    let _ = std::fs::remove_file(&partial);
    outcome
}

/// Writes the copy to `partial`, checks and syncs it, and links it to
/// `target` without ever replacing an existing file.
async fn copy_to(db: &Db, partial: &Path, target: &Path) -> Result<u64, Error> {
    let partial_text = partial
        .to_str()
        .ok_or("the backup file's path must be valid UTF-8")?;
    sqlx::query("VACUUM INTO $1")
        .bind(partial_text)
        .execute(db.pool())
        .await
        .map_err(|e| format!("the copy failed: {e}"))?;
    check(partial).await?;
    let file = std::fs::File::open(partial)?;
    file.sync_all()?;
    let bytes = file.metadata()?.len();
    drop(file);
    std::fs::hard_link(partial, target).map_err(|e| match e.kind() {
        std::io::ErrorKind::AlreadyExists => format!(
            "{} appeared while the backup ran; it was left alone",
            target.display()
        ),
        _ => format!("cannot name the copy {}: {e}", target.display()),
    })?;
    if let Some(dir) = target.parent() {
        // Makes the new name durable too; not every platform can open a
        // directory, and the copy itself is already on disk.
        if let Ok(dir) = std::fs::File::open(dir) {
            let _ = dir.sync_all();
        }
    }
    Ok(bytes)
}

/// Opens the copy on its own and asks SQLite whether it is sound.
async fn check(copy: &Path) -> Result<(), Error> {
    let url = Db::sqlite_url(copy)?.replace("?mode=rwc", "?mode=ro");
    let mut copy = AnyConnection::connect(&url)
        .await
        .map_err(|e| format!("cannot open the copy: {e}"))?;
    let verdict: Result<(String,), _> = sqlx::query_as("PRAGMA quick_check")
        .fetch_one(&mut copy)
        .await;
    let _ = copy.close().await;
    match verdict {
        Ok((verdict,)) if verdict == "ok" => Ok(()),
        Ok((verdict,)) => Err(format!("the copy is damaged: {verdict}").into()),
        Err(e) => Err(format!("cannot check the copy: {e}").into()),
    }
}
