//! Satisfaction surveys (满意度调查) on the server: who may read and answer
//! a request's survey, when, and the record the API answers
//! ([`SurveyRecord`]). The questions and the rules an answer set must keep
//! are the core's ([`SurveyDefinition::check`], [`survey_offered`]); the
//! survey itself is the catalog's `survey`, and without one there is no
//! survey at all (404).
//!
//! Who may: whoever may see the request ([`Asker::may_see`]: its customer,
//! the holder of its access key, staff), or whoever holds a valid survey
//! token for that number (see [`crate::auth::survey_token`]), which opens
//! the survey and nothing else. Staff may read a survey but never answer
//! one (403). A token that is forged or expired is a 401; a good token for
//! another request, or for a request whose customer deleted their account,
//! like any request one may not see, is a 404.
//!
//! Reading never writes (mail scanners follow links). Answers are one row
//! per request: the first `PUT` makes it, later ones change it in place
//! while the edit window (`edit_window_hours` from the first answer) is
//! open; a `PUT` of the answers already stored changes nothing.

pub mod answers;
pub mod invite;
pub mod report;

use aftercare_core::survey::survey_offered;
use aftercare_core::{SurveyAnswers, SurveyDefinition, SurveyRecord, Timestamp};
use serde_json::{Map, Value};
use sqlx::AnyConnection;

use crate::auth::survey_token::Refusal;
use crate::clock::to_timestamp;
use crate::db::dialect::Engine;
use crate::db::my_data;
use crate::db::requests::{self as rows, RequestRow};
use crate::db::surveys::{self, SurveyRow};
use crate::http::identity::Identity;
use crate::http::problem::ApiError;
use crate::requests::{number, parse_status, Asker, Desk};

/// Who asks for a survey: the asker as the request routes know them, and
/// the survey token they sent, already checked.
#[derive(Debug, Clone)]
pub struct SurveyAsker {
    pub asker: Asker,
    /// `None` without an `X-Survey-Token`; else the number it opens, or why
    /// it opens nothing.
    pub token: Option<Result<String, Refusal>>,
}

impl SurveyAsker {
    /// Whether this asker may open the survey of `row`. A survey token
    /// opens it only while the request's customer, if it has one, still
    /// has an account: a deleted customer's link dies with the account.
    async fn may_open(
        &self,
        connection: &mut AnyConnection,
        row: &RequestRow,
    ) -> Result<bool, sqlx::Error> {
        if self.asker.may_see(row) {
            return Ok(true);
        }
        if !matches!(&self.token, Some(Ok(number)) if *number == row.number) {
            return Ok(false);
        }
        match &row.customer_id {
            None => Ok(true),
            Some(id) => Ok(my_data::customer(connection, id).await?.is_some()),
        }
    }

    /// The request `number`, if this asker may open its survey, locked
    /// until `connection`'s transaction ends when `engine` is given; else
    /// the refusal. To write, the request's customer is locked first, in
    /// the order deleting their account locks (so that the two never wait
    /// for each other), and a customer deleted meanwhile makes the request
    /// not found: no answer is stored after the deletion masked theirs.
    async fn open(
        &self,
        connection: &mut AnyConnection,
        engine: Option<Engine>,
        number: &str,
    ) -> Result<RequestRow, ApiError> {
        let row = match engine {
            Some(engine) => {
                let owner = rows::find_by_number(connection, number)
                    .await?
                    .and_then(|row| row.customer_id);
                if let Some(id) = owner {
                    if my_data::lock_customer(connection, engine, &id)
                        .await?
                        .is_none()
                    {
                        return Err(not_found());
                    }
                }
                rows::find_for_update(connection, engine, number).await?
            }
            None => rows::find_by_number(connection, number).await?,
        };
        match row {
            Some(row) if self.may_open(connection, &row).await? => Ok(row),
            _ => Err(self.refusal()),
        }
    }

    /// The answer to someone who may not open a survey: a 401 for a bad
    /// token or no credentials at all, else "no such request".
    fn refusal(&self) -> ApiError {
        match (&self.token, &self.asker.identity) {
            (Some(Err(Refusal::Expired)), _) => ApiError::Unauthenticated(
                "This survey link has expired; sign in, or open the request with its access key."
                    .into(),
            ),
            (Some(Err(Refusal::Invalid)), _) => {
                ApiError::Unauthenticated("This survey link is not valid.".into())
            }
            (None, Identity::Nobody) => ApiError::Unauthenticated(
                "Sign in, send the request's access key in X-Access-Key, or the survey link's \
                 token in X-Survey-Token."
                    .into(),
            ),
            _ => not_found(),
        }
    }
}

fn not_found() -> ApiError {
    ApiError::NotFound("There is no such service request.".into())
}

fn no_survey() -> ApiError {
    ApiError::NotFound("This service department has no satisfaction survey.".into())
}

fn not_open() -> ApiError {
    ApiError::SurveyNotOpen(
        "The survey opens once the request is resolved; it is not resolved now.".into(),
    )
}

fn stored_time(stamp: &str) -> Result<Timestamp, ApiError> {
    Timestamp::parse(stamp)
        .map_err(|_| ApiError::Fault(format!("a stored survey time {stamp:?} is invalid")))
}

/// The record of `row`'s survey `stored` (if answered) at `now`.
fn record(
    definition: &SurveyDefinition,
    row: &RequestRow,
    stored: Option<&SurveyRow>,
    now: Timestamp,
) -> Result<SurveyRecord, ApiError> {
    let offered = parse_status(&row.status).is_some_and(survey_offered);
    let Some(stored) = stored else {
        return Ok(SurveyRecord {
            number: row.number.clone(),
            answers: SurveyAnswers::default(),
            submitted_at: None,
            updated_at: None,
            editable_until: None,
            editable: offered,
        });
    };
    let answers: SurveyAnswers = serde_json::from_str(&stored.answers)
        .map_err(|e| ApiError::Fault(format!("the survey of {} is unreadable: {e}", row.number)))?;
    let submitted_at = stored_time(&stored.submitted_at)?;
    let until = editable_until(definition, submitted_at);
    Ok(SurveyRecord {
        number: row.number.clone(),
        answers,
        submitted_at: Some(submitted_at),
        updated_at: Some(stored_time(&stored.updated_at)?),
        editable_until: Some(until),
        editable: offered && now < until,
    })
}

/// The end of the edit window of a survey first answered at `submitted_at`.
fn editable_until(definition: &SurveyDefinition, submitted_at: Timestamp) -> Timestamp {
    submitted_at + aftercare_core::time::Duration::hours(i64::from(definition.edit_window_hours))
}

/// The survey of request `number` as `who` may read it. Writes nothing. A
/// request that is not resolved or closed has no survey to read (409)
/// unless it was answered before (it was reopened since): then the answers
/// are shown, not editable.
pub async fn read(
    desk: Desk<'_>,
    who: &SurveyAsker,
    number: &str,
) -> Result<SurveyRecord, ApiError> {
    let definition = desk.catalog.survey.as_ref().ok_or_else(no_survey)?;
    let number = number::normalize(number).ok_or_else(not_found)?;
    let mut connection = desk.db.pool().acquire().await?;
    let row = who.open(&mut connection, None, &number).await?;
    let stored = surveys::find(&mut connection, &row.id).await?;
    let offered = parse_status(&row.status).is_some_and(survey_offered);
    if !offered && stored.is_none() {
        return Err(not_open());
    }
    record(definition, &row, stored.as_ref(), desk.clock.timestamp())
}

/// Stores `raw` answers (the `PUT` body's `answers`) to the survey of
/// request `number` for `who`, in `locale` (else the request's):
/// `(true, record)` for the first answer, `(false, record)` for a change
/// (or a repeat of the same answers, which changes nothing).
pub async fn answer(
    desk: Desk<'_>,
    who: &SurveyAsker,
    number: &str,
    raw: &Map<String, Value>,
    locale: Option<&str>,
) -> Result<(bool, SurveyRecord), ApiError> {
    let definition = desk.catalog.survey.as_ref().ok_or_else(no_survey)?;
    let number = number::normalize(number).ok_or_else(not_found)?;
    let mut tx = desk.db.begin_immediate().await?;
    let row = who.open(&mut tx, Some(desk.db.engine()), &number).await?;
    let by_staff = matches!(who.asker.identity, Identity::Staff { .. })
        && !matches!(&who.token, Some(Ok(n)) if *n == row.number);
    if by_staff {
        return Err(ApiError::Forbidden(
            "Staff read a customer's survey; only the customer answers it.".into(),
        ));
    }
    if !parse_status(&row.status).is_some_and(survey_offered) {
        return Err(not_open());
    }
    let stored = surveys::find(&mut tx, &row.id).await?;
    let now = desk.clock.now();
    if let Some(stored) = &stored {
        let until = editable_until(definition, stored_time(&stored.submitted_at)?);
        if to_timestamp(now) >= until {
            return Err(ApiError::SurveyClosed(format!(
                "The answers could be changed until {until}; they are final now."
            )));
        }
    }
    let answers = answers::read(definition, raw).map_err(ApiError::Unprocessable)?;
    let text = serde_json::to_string(&answers).expect("answers serialize");
    let stamp = crate::timestamp::format(now);
    let locale = locale.unwrap_or(&row.locale);
    match &stored {
        None => surveys::insert(&mut tx, &row.id, &text, locale, &stamp).await?,
        Some(stored) if stored.answers == text => {}
        Some(_) => surveys::update(&mut tx, &row.id, &text, locale, &stamp).await?,
    }
    let saved = surveys::find(&mut tx, &row.id).await?;
    tx.commit().await?;
    let record = record(definition, &row, saved.as_ref(), to_timestamp(now))?;
    Ok((stored.is_none(), record))
}
