//! Writing an import file's articles to the database: render each one, then
//! in a single write transaction insert the new ones, update the changed ones
//! and leave the rest alone, so a re-import of the same file changes nothing
//! (not even a timestamp). Optionally, articles missing from the file become
//! tombstones.

use std::collections::{HashMap, HashSet};
use std::fmt;

use crate::db::articles::{self, ArticleRecord};
use crate::db::Db;
use crate::kb::markdown;
use crate::kb::validate::{self, ImportEntry, ValidationError};
use crate::timestamp;

/// How to treat the database's articles.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ImportOptions {
    /// Delete (turn into tombstones) the live articles the file does not
    /// contain, making the file the whole knowledge base.
    pub prune: bool,
}

/// What an import did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ImportReport {
    pub added: usize,
    pub updated: usize,
    pub unchanged: usize,
    pub deleted: usize,
}

impl fmt::Display for ImportReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} added, {} updated, {} unchanged",
            self.added, self.updated, self.unchanged
        )?;
        if self.deleted > 0 {
            write!(f, ", {} deleted", self.deleted)?;
        }
        Ok(())
    }
}

/// Why an import did not happen. In either case nothing was written.
#[derive(Debug)]
pub enum ImportError {
    Invalid(ValidationError),
    Database(sqlx::Error),
}

impl fmt::Display for ImportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ImportError::Invalid(error) => error.fmt(f),
            ImportError::Database(error) => write!(f, "the database refused the import: {error}"),
        }
    }
}

impl std::error::Error for ImportError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            ImportError::Invalid(error) => Some(error),
            ImportError::Database(error) => Some(error),
        }
    }
}

/// Checks the import file `json` against `categories` and, only if every
/// entry passes, writes it.
pub async fn import_json(
    db: &Db,
    json: &str,
    categories: &[&str],
    options: ImportOptions,
) -> Result<ImportReport, ImportError> {
    let entries = validate::validate(json, categories).map_err(ImportError::Invalid)?;
    apply(db, &entries, options)
        .await
        .map_err(ImportError::Database)
}

/// Writes checked entries in one transaction: all of them or none.
pub async fn apply(
    db: &Db,
    entries: &[ImportEntry],
    options: ImportOptions,
) -> Result<ImportReport, sqlx::Error> {
    // Rendering is the slow part, so it happens before the lock is taken.
    let records: Vec<ArticleRecord> = entries.iter().map(record).collect();

    let mut tx = db.begin_write().await?;
    let stored: HashMap<String, ArticleRecord> = articles::load_all(&mut tx)
        .await?
        .into_iter()
        .map(|record| (record.id.clone(), record))
        .collect();
    let stamp = timestamp::next_after(articles::latest_update(&mut tx).await?.as_deref());

    let mut report = ImportReport::default();
    for record in &records {
        match stored.get(&record.id) {
            Some(old) if old == record => report.unchanged += 1,
            Some(_) => {
                articles::upsert(&mut tx, record, &stamp).await?;
                report.updated += 1;
            }
            None => {
                articles::upsert(&mut tx, record, &stamp).await?;
                report.added += 1;
            }
        }
    }
    if options.prune {
        let in_file: HashSet<&str> = records.iter().map(|r| r.id.as_str()).collect();
        for old in stored.values() {
            if !old.deleted && !in_file.contains(old.id.as_str()) {
                articles::mark_deleted(&mut tx, &old.id, &stamp).await?;
                report.deleted += 1;
            }
        }
    }
    tx.commit().await?;
    Ok(report)
}

/// The row an entry becomes, with its body rendered.
fn record(entry: &ImportEntry) -> ArticleRecord {
    let rendered = markdown::render(&entry.body_markdown);
    ArticleRecord {
        id: entry.id.clone(),
        locale: entry.locale.clone(),
        category: entry.category.clone(),
        title: entry.title.clone(),
        tags: entry.tags.clone(),
        body_markdown: entry.body_markdown.clone(),
        html: rendered.html,
        text: rendered.text,
        deleted: false,
    }
}
