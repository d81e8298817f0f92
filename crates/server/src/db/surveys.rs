//! The `surveys` table: one row of answers per service request, changed in
//! place while its edit window is open. The rules (who may answer, when)
//! live in [`crate::surveys`]; this module only reads and writes rows.

use sqlx::{AnyConnection, Row};

use super::kb_report::{fetch, range_conditions, Range};
use super::Db;

/// A stored survey.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SurveyRow {
    /// The answers, as JSON text (an object by question key).
    pub answers: String,
    pub locale: String,
    pub submitted_at: String,
    pub updated_at: String,
    /// How many times the answers were stored: 1 for the first answer.
    pub revisions: i64,
}

/// The survey of the request with the internal id `request_id`.
pub async fn find(
    connection: &mut AnyConnection,
    request_id: &str,
) -> Result<Option<SurveyRow>, sqlx::Error> {
    let row = sqlx::query(
        "SELECT answers, locale, submitted_at, updated_at, revisions FROM surveys \
         WHERE request_id = $1",
    )
    .bind(request_id)
    .fetch_optional(&mut *connection)
    .await?;
    row.map(|row| {
        Ok(SurveyRow {
            answers: row.try_get("answers")?,
            locale: row.try_get("locale")?,
            submitted_at: row.try_get("submitted_at")?,
            updated_at: row.try_get("updated_at")?,
            revisions: row.try_get("revisions")?,
        })
    })
    .transpose()
}

/// Stores the first answers to a request's survey, at `now`.
pub async fn insert(
    tx: &mut AnyConnection,
    request_id: &str,
    answers: &str,
    locale: &str,
    now: &str,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO surveys (request_id, answers, locale, submitted_at, updated_at, revisions) \
         VALUES ($1, $2, $3, $4, $4, 1)",
    )
    .bind(request_id)
    .bind(answers)
    .bind(locale)
    .bind(now)
    .execute(&mut *tx)
    .await
    .map(drop)
}

/// Replaces the answers of a request's survey, counting a revision.
pub async fn update(
    tx: &mut AnyConnection,
    request_id: &str,
    answers: &str,
    locale: &str,
    now: &str,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "UPDATE surveys SET answers = $1, locale = $2, updated_at = $3, \
         revisions = revisions + 1 WHERE request_id = $4",
    )
    .bind(answers)
    .bind(locale)
    .bind(now)
    .bind(request_id)
    .execute(&mut *tx)
    .await
    .map(drop)
}

/// One answered survey as the satisfaction report reads it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AnsweredSurvey {
    /// The answers, as JSON text.
    pub answers: String,
    pub request_type: String,
    /// The engineer the request is with, if any.
    pub engineer: Option<String>,
}

/// Every survey first answered in `range`, oldest first.
pub async fn answered(db: &Db, range: &Range) -> Result<Vec<AnsweredSurvey>, sqlx::Error> {
    let (time_sql, binds) = range_conditions(range, "sv.submitted_at", 1);
    let sql = format!(
        "SELECT sv.answers, r.request_type, st.name AS engineer FROM surveys sv \
         JOIN service_requests r ON r.id = sv.request_id \
         LEFT JOIN staff st ON st.id = r.engineer_id \
         WHERE 1 = 1{time_sql} ORDER BY sv.submitted_at, sv.request_id"
    );
    let rows = fetch(db, &sql, binds).await?;
    rows.iter()
        .map(|row| {
            Ok(AnsweredSurvey {
                answers: row.try_get("answers")?,
                request_type: row.try_get("request_type")?,
                engineer: row.try_get("engineer")?,
            })
        })
        .collect()
}
