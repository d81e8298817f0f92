//! The `kb_articles` table: the delta feed, single articles, and the reads
//! and writes an import needs.

use aftercare_core::Article;
use sqlx::any::AnyRow;
use sqlx::AnyConnection;
use sqlx::Row;

use super::Db;
use crate::kb::cursor::Cursor;

/// The columns an [`Article`] is built from, plus the tombstone flag.
const FEED_COLUMNS: &str = "id, locale, category, title, tags, html, text, updated_at, deleted";

/// Which slice of the feed to read.
#[derive(Debug, Clone, Default)]
pub struct FeedFilter<'a> {
    /// Only rows in this locale.
    pub locale: Option<&'a str>,
    /// Only rows after this position.
    pub after: Option<&'a Cursor>,
    /// Whether deleted rows (tombstones) are included.
    pub include_deleted: bool,
    /// At most this many rows.
    pub limit: u32,
}

/// One row of the feed: a live article or the tombstone of a deleted one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FeedRow {
    Live(Article),
    Deleted { id: String, updated_at: String },
}

impl FeedRow {
    /// The cursor sitting on this row.
    pub fn cursor(&self) -> Cursor {
        match self {
            FeedRow::Live(article) => Cursor::at(&article.updated_at, &article.id),
            FeedRow::Deleted { id, updated_at } => Cursor::at(updated_at, id),
        }
    }
}

/// Reads the feed in `(updated_at, id)` order.
pub async fn feed(db: &Db, filter: &FeedFilter<'_>) -> Result<Vec<FeedRow>, sqlx::Error> {
    let mut conditions = Vec::new();
    let mut binds: Vec<&str> = Vec::new();
    if let Some(locale) = filter.locale {
        binds.push(locale);
        conditions.push(format!("locale = ${}", binds.len()));
    }
    if let Some(after) = filter.after {
        binds.push(&after.updated_at);
        binds.push(&after.id);
        let (stamp, id) = (binds.len() - 1, binds.len());
        conditions.push(format!("(updated_at, id) > (${stamp}, ${id})"));
    }
    if !filter.include_deleted {
        conditions.push("deleted = 0".to_string());
    }
    let mut sql = format!("SELECT {FEED_COLUMNS} FROM kb_articles");
    if !conditions.is_empty() {
        sql.push_str(" WHERE ");
        sql.push_str(&conditions.join(" AND "));
    }
    // The limit is a number the caller checked, so it goes into the text.
    sql.push_str(&format!(" ORDER BY updated_at, id LIMIT {}", filter.limit));

    let mut query = sqlx::query(&sql);
    for bind in binds {
        query = query.bind(bind);
    }
    let rows = query.fetch_all(db.pool()).await?;
    rows.iter().map(feed_row).collect()
}

/// The live article `id`, if there is one.
pub async fn get(db: &Db, id: &str) -> Result<Option<Article>, sqlx::Error> {
    let sql = format!("SELECT {FEED_COLUMNS} FROM kb_articles WHERE id = $1 AND deleted = 0");
    let row = sqlx::query(&sql).bind(id).fetch_optional(db.pool()).await?;
    match row.as_ref().map(feed_row).transpose()? {
        Some(FeedRow::Live(article)) => Ok(Some(article)),
        _ => Ok(None),
    }
}

/// The knowledge base's version: the newest `updated_at`, tombstones
/// included. Every import that changes anything stamps its rows after the
/// newest stamp, so this moves on every change (see
/// [`crate::kb::cache`]); one step down the `(updated_at, id)` index.
pub async fn version(db: &Db) -> Result<Option<String>, sqlx::Error> {
    sqlx::query("SELECT MAX(updated_at) FROM kb_articles")
        .fetch_one(db.pool())
        .await?
        .try_get(0)
}

/// Every live article, in id order, without its HTML (left empty): what
/// the search index is built from, which reads titles, tags and plain text.
pub async fn all_live(db: &Db) -> Result<Vec<Article>, sqlx::Error> {
    let rows = sqlx::query(
        "SELECT id, locale, category, title, tags, text, updated_at \
         FROM kb_articles WHERE deleted = 0 ORDER BY id",
    )
    .fetch_all(db.pool())
    .await?;
    rows.iter()
        .map(|row| {
            Ok(Article {
                id: row.try_get("id")?,
                locale: row.try_get("locale")?,
                category: row.try_get("category")?,
                title: row.try_get("title")?,
                tags: tags_from_json(&row.try_get::<String, _>("tags")?)?,
                html: String::new(),
                text: row.try_get("text")?,
                updated_at: row.try_get("updated_at")?,
            })
        })
        .collect()
}

/// Whether there is a live article `id`.
pub async fn is_live(db: &Db, id: &str) -> Result<bool, sqlx::Error> {
    let row = sqlx::query("SELECT 1 FROM kb_articles WHERE id = $1 AND deleted = 0")
        .bind(id)
        .fetch_optional(db.pool())
        .await?;
    Ok(row.is_some())
}

/// The article set's generation: how many rows the table has (tombstones
/// included) and the newest `updated_at`. Every import that changes
/// anything moves the second; a row removed by hand moves the first. The
/// search index is rebuilt when this changes (see
/// [`crate::kb::search_cache`]).
pub async fn generation(db: &Db) -> Result<(i64, Option<String>), sqlx::Error> {
    let row = sqlx::query("SELECT COUNT(*), MAX(updated_at) FROM kb_articles")
        .fetch_one(db.pool())
        .await?;
    Ok((row.try_get(0)?, row.try_get(1)?))
}

/// How many rows the table has, tombstones included.
pub async fn count(db: &Db) -> Result<i64, sqlx::Error> {
    sqlx::query("SELECT COUNT(*) FROM kb_articles")
        .fetch_one(db.pool())
        .await?
        .try_get(0)
}

fn feed_row(row: &AnyRow) -> Result<FeedRow, sqlx::Error> {
    let id: String = row.try_get("id")?;
    let updated_at: String = row.try_get("updated_at")?;
    if row.try_get::<i64, _>("deleted")? != 0 {
        return Ok(FeedRow::Deleted { id, updated_at });
    }
    Ok(FeedRow::Live(Article {
        id,
        locale: row.try_get("locale")?,
        category: row.try_get("category")?,
        title: row.try_get("title")?,
        tags: tags_from_json(&row.try_get::<String, _>("tags")?)?,
        html: row.try_get("html")?,
        text: row.try_get("text")?,
        updated_at,
    }))
}

fn tags_from_json(json: &str) -> Result<Vec<String>, sqlx::Error> {
    serde_json::from_str(json).map_err(|e| sqlx::Error::Decode(Box::new(e)))
}

/// Everything stored about an article except its timestamp: what an import
/// compares to decide whether a row changed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ArticleRecord {
    pub id: String,
    pub locale: String,
    pub category: String,
    pub title: String,
    pub tags: Vec<String>,
    pub body_markdown: String,
    pub html: String,
    pub text: String,
    pub deleted: bool,
}

/// Every row, tombstones included, inside a write transaction.
pub async fn load_all(tx: &mut AnyConnection) -> Result<Vec<ArticleRecord>, sqlx::Error> {
    let rows = sqlx::query(
        "SELECT id, locale, category, title, tags, body_markdown, html, text, deleted \
         FROM kb_articles",
    )
    .fetch_all(&mut *tx)
    .await?;
    rows.iter()
        .map(|row| {
            Ok(ArticleRecord {
                id: row.try_get("id")?,
                locale: row.try_get("locale")?,
                category: row.try_get("category")?,
                title: row.try_get("title")?,
                tags: tags_from_json(&row.try_get::<String, _>("tags")?)?,
                body_markdown: row.try_get("body_markdown")?,
                html: row.try_get("html")?,
                text: row.try_get("text")?,
                deleted: row.try_get::<i64, _>("deleted")? != 0,
            })
        })
        .collect()
}

/// The newest `updated_at` in the table, tombstones included.
pub async fn latest_update(tx: &mut AnyConnection) -> Result<Option<String>, sqlx::Error> {
    sqlx::query("SELECT MAX(updated_at) FROM kb_articles")
        .fetch_one(&mut *tx)
        .await?
        .try_get(0)
}

/// Inserts `record`, or replaces the row with its id, stamped `updated_at`.
pub async fn upsert(
    tx: &mut AnyConnection,
    record: &ArticleRecord,
    updated_at: &str,
) -> Result<(), sqlx::Error> {
    let tags = serde_json::to_string(&record.tags).expect("a list of strings is JSON");
    sqlx::query(
        "INSERT INTO kb_articles \
         (id, locale, category, title, tags, body_markdown, html, text, updated_at, deleted) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) \
         ON CONFLICT (id) DO UPDATE SET \
         locale = excluded.locale, category = excluded.category, title = excluded.title, \
         tags = excluded.tags, body_markdown = excluded.body_markdown, html = excluded.html, \
         text = excluded.text, updated_at = excluded.updated_at, deleted = excluded.deleted",
    )
    .bind(&record.id)
    .bind(&record.locale)
    .bind(&record.category)
    .bind(&record.title)
    .bind(tags)
    .bind(&record.body_markdown)
    .bind(&record.html)
    .bind(&record.text)
    .bind(updated_at)
    .bind(i16::from(record.deleted))
    .execute(&mut *tx)
    .await
    .map(drop)
}

/// Turns the article `id` into a tombstone stamped `updated_at`.
pub async fn mark_deleted(
    tx: &mut AnyConnection,
    id: &str,
    updated_at: &str,
) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE kb_articles SET deleted = 1, updated_at = $1 WHERE id = $2")
        .bind(updated_at)
        .bind(id)
        .execute(&mut *tx)
        .await
        .map(drop)
}
