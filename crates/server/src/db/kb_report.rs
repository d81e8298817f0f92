//! The knowledge-base report's counts, read from `kb_events` and
//! `kb_feedback` with one grouped query per table of the report. Time
//! ranges compare the stored fixed-width timestamps as text.

use sqlx::Row;

use super::Db;

/// A half-open time range `[from, until)` in the stored layout; either end
/// may be open.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Range {
    pub from: Option<String>,
    pub until: Option<String>,
}

/// A query and how many times it was asked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QueryCount {
    pub query: String,
    pub count: i64,
}

/// An article, its title (if it still exists) and a count.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ArticleCount {
    pub article_id: String,
    pub title: Option<String>,
    pub count: i64,
}

/// The votes on one article.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ArticleVotes {
    pub article_id: String,
    pub title: Option<String>,
    pub helpful: i64,
    pub total: i64,
    /// How many of the votes came with a comment.
    pub comments: i64,
}

/// The conditions of `range` on `column`, numbered from `$first`, and their
/// values.
pub(crate) fn range_conditions(range: &Range, column: &str, first: usize) -> (String, Vec<String>) {
    let mut sql = String::new();
    let mut binds = Vec::new();
    if let Some(from) = &range.from {
        binds.push(from.clone());
        sql.push_str(&format!(" AND {column} >= ${}", first + binds.len() - 1));
    }
    if let Some(until) = &range.until {
        binds.push(until.clone());
        sql.push_str(&format!(" AND {column} < ${}", first + binds.len() - 1));
    }
    (sql, binds)
}

/// The rows of `sql` with its text parameters `binds`, in order.
pub(crate) async fn fetch(
    db: &Db,
    sql: &str,
    binds: impl IntoIterator<Item = String>,
) -> Result<Vec<sqlx::any::AnyRow>, sqlx::Error> {
    let mut query = sqlx::query(sql);
    for bind in binds {
        query = query.bind(bind);
    }
    query.fetch_all(db.pool()).await
}

/// How many events of each of `kinds` there were in `range`, together.
pub async fn count_events(db: &Db, kinds: &[&str], range: &Range) -> Result<i64, sqlx::Error> {
    let (kind_sql, kind_binds) = kind_condition(kinds);
    let (time_sql, time_binds) = range_conditions(range, "at", kinds.len() + 1);
    let sql = format!("SELECT COUNT(*) FROM kb_events WHERE {kind_sql}{time_sql}");
    let mut query = sqlx::query(&sql);
    for bind in kind_binds.into_iter().chain(time_binds) {
        query = query.bind(bind);
    }
    query.fetch_one(db.pool()).await?.try_get(0)
}

/// The `top` most asked normalised queries among events of `kinds` in
/// `range`, most asked first (ties by query).
pub async fn top_queries(
    db: &Db,
    kinds: &[&str],
    range: &Range,
    top: u32,
) -> Result<Vec<QueryCount>, sqlx::Error> {
    let (kind_sql, kind_binds) = kind_condition(kinds);
    let (time_sql, time_binds) = range_conditions(range, "at", kinds.len() + 1);
    let sql = format!(
        "SELECT query_key, COUNT(*) AS n FROM kb_events \
         WHERE {kind_sql} AND query_key IS NOT NULL{time_sql} \
         GROUP BY query_key ORDER BY n DESC, query_key LIMIT {top}"
    );
    let rows = fetch(db, &sql, kind_binds.into_iter().chain(time_binds)).await?;
    rows.iter()
        .map(|row| {
            Ok(QueryCount {
                query: row.try_get("query_key")?,
                count: row.try_get("n")?,
            })
        })
        .collect()
}

/// The `top` articles with the most deflections in `range`.
pub async fn deflections(
    db: &Db,
    range: &Range,
    top: u32,
) -> Result<Vec<ArticleCount>, sqlx::Error> {
    let (time_sql, binds) = range_conditions(range, "e.at", 1);
    let sql = format!(
        "SELECT e.article_id, MAX(a.title) AS title, COUNT(*) AS n \
         FROM kb_events e LEFT JOIN kb_articles a ON a.id = e.article_id \
         WHERE e.kind = 'deflection' AND e.article_id IS NOT NULL{time_sql} \
         GROUP BY e.article_id ORDER BY n DESC, e.article_id LIMIT {top}"
    );
    let rows = fetch(db, &sql, binds).await?;
    rows.iter()
        .map(|row| {
            Ok(ArticleCount {
                article_id: row.try_get("article_id")?,
                title: row.try_get("title")?,
                count: row.try_get("n")?,
            })
        })
        .collect()
}

/// The votes of the `top` most voted articles in `range`.
pub async fn votes(db: &Db, range: &Range, top: u32) -> Result<Vec<ArticleVotes>, sqlx::Error> {
    let (time_sql, binds) = range_conditions(range, "f.created_at", 1);
    let sql = format!(
        "SELECT f.article_id, MAX(a.title) AS title, \
         SUM(CASE WHEN f.helpful = 1 THEN 1 ELSE 0 END) AS helpful, COUNT(*) AS total, \
         SUM(CASE WHEN f.comment IS NOT NULL THEN 1 ELSE 0 END) AS comments \
         FROM kb_feedback f LEFT JOIN kb_articles a ON a.id = f.article_id \
         WHERE 1 = 1{time_sql} \
         GROUP BY f.article_id ORDER BY total DESC, f.article_id LIMIT {top}"
    );
    let rows = fetch(db, &sql, binds).await?;
    rows.iter()
        .map(|row| {
            Ok(ArticleVotes {
                article_id: row.try_get("article_id")?,
                title: row.try_get("title")?,
                helpful: row.try_get("helpful")?,
                total: row.try_get("total")?,
                comments: row.try_get("comments")?,
            })
        })
        .collect()
}

/// `kind IN ($1, ..., $n)` and its values.
fn kind_condition(kinds: &[&str]) -> (String, Vec<String>) {
    let placeholders: Vec<String> = (1..=kinds.len()).map(|n| format!("${n}")).collect();
    (
        format!("kind IN ({})", placeholders.join(", ")),
        kinds.iter().map(|kind| kind.to_string()).collect(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ranges_number_their_placeholders_after_the_others() {
        let both = Range {
            from: Some("a".into()),
            until: Some("b".into()),
        };
        assert_eq!(
            range_conditions(&both, "at", 3),
            (
                " AND at >= $3 AND at < $4".to_string(),
                vec!["a".into(), "b".into()]
            )
        );
        let until = Range {
            from: None,
            until: Some("b".into()),
        };
        assert_eq!(range_conditions(&until, "x", 1).0, " AND x < $1");
        assert_eq!(range_conditions(&Range::default(), "x", 1).0, "");
        assert_eq!(kind_condition(&["a", "b"]).0, "kind IN ($1, $2)");
    }
}
