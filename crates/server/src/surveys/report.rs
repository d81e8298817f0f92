//! `aftercare-server report satisfaction`: how satisfied customers were with
//! the requests whose surveys were first answered in a time range.
//!
//! - CSAT: the share of 4 and 5 among the answers to the overall
//!   satisfaction question, against the survey's `csat_target_percent`
//!   (met when the exact share is at least the target);
//! - NPS: the percentage of promoters (9–10) minus that of detractors
//!   (0–6), over the answers that have an NPS score;
//! - the average of every satisfaction, rating and effort question;
//! - the share of "solved";
//! - per engineer and per request type: CSAT and the average of every
//!   satisfaction, rating and effort question (timeliness, attitude,
//!   professionalism…).
//!
//! The arithmetic ([`SatisfactionReport::compute`]) is pure: whole numbers
//! throughout, percentages rounded to a tenth and averages to a hundredth,
//! halves away from zero. Range parsing is the knowledge-base report's.

use std::collections::BTreeMap;
use std::fmt::Write;

use aftercare_core::{QuestionKind, SurveyAnswers, SurveyDefinition};

use crate::db::kb_report::Range;
use crate::db::surveys;
use crate::db::Db;
use crate::kb::report::section;

/// One answered survey, as the report counts it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Answered {
    pub answers: SurveyAnswers,
    pub request_type: String,
    pub engineer: Option<String>,
}

/// `part` of `whole`: a share.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Share {
    pub part: i64,
    pub whole: i64,
}

impl Share {
    /// The share in tenths of a percent, rounded; `None` of nothing.
    pub fn tenths(self) -> Option<i64> {
        (self.whole > 0).then(|| rounded_ratio(self.part * 1000, self.whole))
    }

    /// `86.7 %`, or `no answers`.
    pub fn percent(self) -> String {
        match self.tenths() {
            Some(tenths) => format!("{} %", decimal(tenths, 1)),
            None => "no answers".to_string(),
        }
    }
}

/// The NPS answers: promoters (9–10), detractors (0–6), and all of them.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct NpsCount {
    pub promoters: i64,
    pub detractors: i64,
    pub answers: i64,
}

impl NpsCount {
    /// The score in tenths (−1000 to +1000), rounded; `None` without answers.
    pub fn tenths(self) -> Option<i64> {
        (self.answers > 0)
            .then(|| rounded_ratio((self.promoters - self.detractors) * 1000, self.answers))
    }
}

/// The scores given to one question.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QuestionAverage {
    pub key: String,
    pub kind: QuestionKind,
    pub answers: i64,
    pub sum: i64,
}

impl QuestionAverage {
    /// The average in hundredths, rounded; `None` without answers.
    pub fn hundredths(&self) -> Option<i64> {
        (self.answers > 0).then(|| rounded_ratio(self.sum * 100, self.answers))
    }
}

/// The satisfaction of one group of surveys (an engineer's, a type's).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Group {
    pub name: String,
    /// How many of its surveys gave any score.
    pub answers: i64,
    /// How many of them answered the satisfaction question, and how many
    /// of those with 4 or 5.
    pub csat: Share,
    /// Every scored question's answers in the group, in the order of the
    /// report's [`SatisfactionReport::averages`].
    pub averages: Vec<QuestionAverage>,
}

/// Everything the report shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SatisfactionReport {
    pub range: Range,
    /// Surveys answered in the range.
    pub answers: i64,
    pub target_percent: u8,
    pub csat: Share,
    pub nps: NpsCount,
    pub averages: Vec<QuestionAverage>,
    pub solved: Share,
    pub by_engineer: Vec<Group>,
    pub by_type: Vec<Group>,
}

/// `numerator / denominator` rounded to the nearest whole number, halves
/// away from zero (`denominator` > 0).
fn rounded_ratio(numerator: i64, denominator: i64) -> i64 {
    let magnitude = (2 * numerator.abs() + denominator) / (2 * denominator);
    magnitude * numerator.signum()
}

/// `value` hundredths or tenths as a decimal: `decimal(867, 1)` is `86.7`.
fn decimal(value: i64, places: u32) -> String {
    let scale = 10_i64.pow(places);
    let sign = if value < 0 { "-" } else { "" };
    let value = value.abs();
    format!(
        "{sign}{}.{:0width$}",
        value / scale,
        value % scale,
        width = places as usize
    )
}

impl SatisfactionReport {
    /// The report of `surveys` under `definition`.
    pub fn compute(definition: &SurveyDefinition, range: Range, surveys: &[Answered]) -> Self {
        let key_of = |kind| definition.question_of(kind).map(|q| q.key.as_str());
        let (satisfaction, nps, solved) = (
            key_of(QuestionKind::Satisfaction),
            key_of(QuestionKind::Nps),
            key_of(QuestionKind::Solved),
        );
        let averages: Vec<QuestionAverage> = definition
            .questions
            .iter()
            .filter(|q| {
                matches!(
                    q.kind,
                    QuestionKind::Satisfaction | QuestionKind::Rating | QuestionKind::Effort
                )
            })
            .map(|q| QuestionAverage {
                key: q.key.clone(),
                kind: q.kind,
                answers: 0,
                sum: 0,
            })
            .collect();
        let mut report = SatisfactionReport {
            range,
            answers: surveys.len() as i64,
            target_percent: definition.csat_target_percent,
            csat: Share { part: 0, whole: 0 },
            nps: NpsCount::default(),
            averages: averages.clone(),
            solved: Share { part: 0, whole: 0 },
            by_engineer: Vec::new(),
            by_type: Vec::new(),
        };
        let mut engineers: BTreeMap<String, Group> = BTreeMap::new();
        let mut types: BTreeMap<String, Group> = BTreeMap::new();
        for survey in surveys {
            let answers = &survey.answers;
            let csat = satisfaction
                .and_then(|key| answers.score(key))
                .map(|score| i64::from(score >= 4));
            if let Some(satisfied) = csat {
                report.csat.part += satisfied;
                report.csat.whole += 1;
            }
            let scored = averages.iter().any(|a| answers.score(&a.key).is_some());
            let engineer = survey.engineer.as_deref().unwrap_or("(none)");
            for (groups, name) in [
                (&mut engineers, engineer),
                (&mut types, survey.request_type.as_str()),
            ] {
                if !scored {
                    continue;
                }
                let group = groups.entry(name.to_string()).or_insert_with(|| Group {
                    name: name.to_string(),
                    answers: 0,
                    csat: Share { part: 0, whole: 0 },
                    averages: averages.clone(),
                });
                group.answers += 1;
                if let Some(satisfied) = csat {
                    group.csat.part += satisfied;
                    group.csat.whole += 1;
                }
                add_scores(&mut group.averages, answers);
            }
            if let Some(score) = nps.and_then(|key| answers.score(key)) {
                report.nps.answers += 1;
                report.nps.promoters += i64::from(score >= 9);
                report.nps.detractors += i64::from(score <= 6);
            }
            if let Some(yes) = solved.and_then(|key| answers.yes_no(key)) {
                report.solved.part += i64::from(yes);
                report.solved.whole += 1;
            }
            add_scores(&mut report.averages, answers);
        }
        report.by_engineer = engineers.into_values().collect();
        report.by_type = types.into_values().collect();
        report
    }

    /// Whether the CSAT meets the target; `None` without answers.
    pub fn target_met(&self) -> Option<bool> {
        (self.csat.whole > 0)
            .then(|| self.csat.part * 100 >= i64::from(self.target_percent) * self.csat.whole)
    }

    /// The CSAT line: `CSAT 86.7 % (target 85 %) ✓`.
    pub fn csat_line(&self) -> String {
        let target = self.target_percent;
        match self.target_met() {
            None => format!("CSAT: no answers (target {target} %)"),
            Some(met) => format!(
                "CSAT {} (target {target} %) {}   [{} of {} satisfied]",
                self.csat.percent(),
                if met { "✓" } else { "✗" },
                self.csat.part,
                self.csat.whole
            ),
        }
    }

    /// The NPS line: `NPS +16.7 (promoters 50.0 %, detractors 33.3 %, 6 answers)`.
    pub fn nps_line(&self) -> String {
        let Some(tenths) = self.nps.tenths() else {
            return "NPS: no answers".to_string();
        };
        let share = |part| Share {
            part,
            whole: self.nps.answers,
        };
        format!(
            "NPS {}{} (promoters {}, detractors {}, {} answer{})",
            if tenths > 0 { "+" } else { "" },
            decimal(tenths, 1),
            share(self.nps.promoters).percent(),
            share(self.nps.detractors).percent(),
            self.nps.answers,
            if self.nps.answers == 1 { "" } else { "s" }
        )
    }

    /// The report as text: the headline numbers, then one table per section.
    pub fn render(&self) -> String {
        let mut out = String::new();
        let from = self.range.from.as_deref().unwrap_or("the beginning");
        let until = self.range.until.as_deref().unwrap_or("now");
        let _ = writeln!(out, "Satisfaction report, {from} to {until} (exclusive)");
        if self.answers == 0 {
            let _ = writeln!(out, "Answers: 0 (no answers)");
            return out;
        }
        let _ = writeln!(out, "Answers: {}", self.answers);
        let _ = writeln!(out, "{}", self.csat_line());
        let _ = writeln!(out, "{}", self.nps_line());
        let _ = match self.solved.tenths() {
            Some(_) => writeln!(
                out,
                "Solved: {} ({} of {})",
                self.solved.percent(),
                self.solved.part,
                self.solved.whole
            ),
            None => writeln!(out, "Solved: no answers"),
        };
        let averages = self
            .averages
            .iter()
            .map(|a| {
                let kind = serde_json::to_value(a.kind)
                    .ok()
                    .and_then(|v| v.as_str().map(str::to_string))
                    .unwrap_or_default();
                vec![a.key.clone(), kind, a.answers.to_string(), average_cell(a)]
            })
            .collect();
        section(
            &mut out,
            "Averages",
            &["question", "kind", "answers", "average"],
            averages,
        );
        for (title, first, groups) in [
            ("By engineer", "engineer", &self.by_engineer),
            ("By request type", "type", &self.by_type),
        ] {
            let mut headers = vec![first, "answers", "CSAT"];
            headers.extend(self.averages.iter().map(|a| a.key.as_str()));
            section(&mut out, title, &headers, group_rows(groups));
        }
        out
    }
}

/// Counts the scores `answers` give to the questions of `averages`.
fn add_scores(averages: &mut [QuestionAverage], answers: &SurveyAnswers) {
    for average in averages {
        if let Some(score) = answers.score(&average.key) {
            average.answers += 1;
            average.sum += i64::from(score);
        }
    }
}

/// An average's cell: `3.67`, or `-` without answers.
fn average_cell(average: &QuestionAverage) -> String {
    average
        .hundredths()
        .map_or_else(|| "-".to_string(), |h| decimal(h, 2))
}

/// One row per group: its name, surveys, CSAT and every average.
fn group_rows(groups: &[Group]) -> Vec<Vec<String>> {
    groups
        .iter()
        .map(|g| {
            let mut row = vec![g.name.clone(), g.answers.to_string(), g.csat.percent()];
            row.extend(g.averages.iter().map(average_cell));
            row
        })
        .collect()
}

/// Reads the surveys first answered in `range` and computes the report.
pub async fn gather(
    db: &Db,
    definition: &SurveyDefinition,
    range: &Range,
) -> Result<SatisfactionReport, String> {
    let rows = surveys::answered(db, range)
        .await
        .map_err(|e| format!("cannot read the surveys: {e}"))?;
    let mut answered = Vec::with_capacity(rows.len());
    for row in rows {
        let answers = serde_json::from_str(&row.answers)
            .map_err(|e| format!("a stored survey is unreadable: {e}"))?;
        answered.push(Answered {
            answers,
            request_type: row.request_type,
            engineer: row.engineer,
        });
    }
    Ok(SatisfactionReport::compute(
        definition,
        range.clone(),
        &answered,
    ))
}

#[cfg(test)]
mod tests;
