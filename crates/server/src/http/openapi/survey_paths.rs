//! The satisfaction survey's operations, described for [`super::ApiDoc`]
//! (see [`super::paths`]).

#![allow(dead_code)]

use super::survey_schemas::{SurveyRecord, SurveySubmission};

#[utoipa::path(
    get, path = "/api/v1/requests/{number}/survey", tag = "requests",
    security(("bearer" = []), ("access_key" = []), ("survey_token" = [])),
    params(("number" = String, Path, description = "Such as `AC-7K3F-92`, any case.")),
    responses(
        (status = 200, description = "The survey's record: empty answers before the first. Never writes anything (mail scanners follow survey links).", body = SurveyRecord),
        (status = 401, description = "No token, key or survey token; or a survey token that is forged or expired (`unauthenticated`)."),
        (status = 404, description = "No such request, not the asker's (a survey token opens only its own number), or the catalog has no survey."),
        (status = 409, description = "`survey-not-open`: the request is not resolved or closed (and was never answered)."),
        (status = 429, description = "Too many calls with access keys or survey tokens from this client.", headers(("Retry-After" = u64))),
    )
)]
pub fn survey_read() {}

#[utoipa::path(
    put, path = "/api/v1/requests/{number}/survey", tag = "requests",
    security(("bearer" = []), ("access_key" = []), ("survey_token" = [])),
    params(("number" = String, Path, description = "Such as `AC-7K3F-92`, any case.")),
    request_body = SurveySubmission,
    responses(
        (status = 200, description = "The answers changed (the same row, one more revision), or were already these.", body = SurveyRecord),
        (status = 201, description = "The first answers.", body = SurveyRecord),
        (status = 400, description = "A malformed body."),
        (status = 401, description = "No token, key or survey token; or a survey token that is forged or expired."),
        (status = 403, description = "`forbidden`: a staff token; staff read surveys, never answer them."),
        (status = 404, description = "No such request, not the asker's, or no survey in the catalog."),
        (status = 409, description = "`survey-not-open`: the request is not resolved or closed; `survey-closed`: the edit window is over."),
        (status = 422, description = "`validation`: answers that break the survey's rules, each at `/answers/{key}` with a code: `required`, `too_long`, `unknown_field`, `wrong_type`, `out_of_range`."),
        (status = 429, description = "Too many calls with access keys or survey tokens from this client.", headers(("Retry-After" = u64))),
    )
)]
pub fn survey_answer() {}
