//! The report's arithmetic on a fixed data set, worked out by hand.

use aftercare_core::Answer;
use serde_json::json;

use super::*;

fn definition() -> SurveyDefinition {
    crate::catalog::defaults()
        .survey
        .expect("the default catalog has a survey")
}

fn survey(engineer: Option<&str>, request_type: &str, answers: serde_json::Value) -> Answered {
    Answered {
        answers: serde_json::from_value(answers).unwrap(),
        request_type: request_type.to_string(),
        engineer: engineer.map(str::to_string),
    }
}

/// Six surveys: satisfaction 5 4 2 5 3 4 (four of six satisfied), NPS from
/// five of them (10 9 3 10 6: three promoters, two detractors), effort from
/// three, four of six solved.
fn data_set() -> Vec<Answered> {
    vec![
        survey(
            Some("Li Wei"),
            "fault_report",
            json!({"overall": 5, "timeliness": 5, "attitude": 5, "professionalism": 4,
                   "solved": true, "effort": 5, "nps": 10}),
        ),
        survey(
            Some("Li Wei"),
            "fault_report",
            json!({"overall": 4, "timeliness": 3, "attitude": 4, "professionalism": 4,
                   "solved": true, "nps": 9, "comment": "Fine."}),
        ),
        survey(
            Some("Li Wei"),
            "on_site",
            json!({"overall": 2, "timeliness": 1, "attitude": 3, "professionalism": 2,
                   "solved": false, "effort": 2, "nps": 3}),
        ),
        survey(
            Some("Zhang Min"),
            "on_site",
            json!({"overall": 5, "timeliness": 4, "attitude": 5, "professionalism": 5,
                   "solved": true, "nps": 10}),
        ),
        survey(
            Some("Zhang Min"),
            "consultation",
            json!({"overall": 3, "timeliness": 3, "attitude": 3, "professionalism": 3,
                   "solved": true, "effort": 4, "nps": 6}),
        ),
        survey(
            None,
            "consultation",
            json!({"overall": 4, "timeliness": 5, "attitude": 4, "professionalism": 4,
                   "solved": false}),
        ),
    ]
}

/// A group as `(name, surveys, CSAT share, average of every question in
/// hundredths)`.
fn row(group: &Group) -> (&str, i64, Share, Vec<Option<i64>>) {
    let averages = group.averages.iter().map(|a| a.hundredths()).collect();
    (group.name.as_str(), group.answers, group.csat, averages)
}

fn share(part: i64, whole: i64) -> Share {
    Share { part, whole }
}

#[test]
fn the_fixed_data_set_gives_the_numbers_worked_out_by_hand() {
    let report = SatisfactionReport::compute(&definition(), Range::default(), &data_set());
    assert_eq!(report.answers, 6);
    assert_eq!(report.csat, Share { part: 4, whole: 6 });
    assert_eq!(report.csat.tenths(), Some(667));
    assert_eq!(report.target_met(), Some(false));
    assert_eq!(
        report.csat_line(),
        "CSAT 66.7 % (target 85 %) ✗   [4 of 6 satisfied]"
    );
    assert_eq!(
        report.nps,
        NpsCount {
            promoters: 3,
            detractors: 2,
            answers: 5
        }
    );
    assert_eq!(
        report.nps_line(),
        "NPS +20.0 (promoters 60.0 %, detractors 40.0 %, 5 answers)"
    );
    assert_eq!(report.solved, Share { part: 4, whole: 6 });
    let averages: Vec<(&str, i64, Option<i64>)> = report
        .averages
        .iter()
        .map(|a| (a.key.as_str(), a.answers, a.hundredths()))
        .collect();
    assert_eq!(
        averages,
        vec![
            ("overall", 6, Some(383)),
            ("timeliness", 6, Some(350)),
            ("attitude", 6, Some(400)),
            ("professionalism", 6, Some(367)),
            ("effort", 3, Some(367)),
        ]
    );
    // Averages in the order overall, timeliness, attitude,
    // professionalism, effort.
    let engineers: Vec<_> = report.by_engineer.iter().map(row).collect();
    assert_eq!(
        engineers,
        vec![
            // Overall 4; timeliness 5; attitude 4; professionalism 4.
            (
                "(none)",
                1,
                share(1, 1),
                vec![Some(400), Some(500), Some(400), Some(400), None]
            ),
            // Overall 5 4 2; timeliness 5 3 1; attitude 5 4 3;
            // professionalism 4 4 2; effort 5 2.
            (
                "Li Wei",
                3,
                share(2, 3),
                vec![Some(367), Some(300), Some(400), Some(333), Some(350)]
            ),
            // Overall 5 3; timeliness 4 3; attitude 5 3;
            // professionalism 5 3; effort 4.
            (
                "Zhang Min",
                2,
                share(1, 2),
                vec![Some(400), Some(350), Some(400), Some(400), Some(400)]
            ),
        ]
    );
    let types: Vec<_> = report.by_type.iter().map(row).collect();
    assert_eq!(
        types,
        vec![
            // Overall 3 4; timeliness 3 5; attitude 3 4;
            // professionalism 3 4; effort 4.
            (
                "consultation",
                2,
                share(1, 2),
                vec![Some(350), Some(400), Some(350), Some(350), Some(400)]
            ),
            // Overall 5 4; timeliness 5 3; attitude 5 4;
            // professionalism 4 4; effort 5.
            (
                "fault_report",
                2,
                share(2, 2),
                vec![Some(450), Some(400), Some(450), Some(400), Some(500)]
            ),
            // Overall 2 5; timeliness 1 4; attitude 3 5;
            // professionalism 2 5; effort 2.
            (
                "on_site",
                2,
                share(1, 2),
                vec![Some(350), Some(250), Some(400), Some(350), Some(200)]
            ),
        ]
    );
}

#[test]
fn the_report_prints_the_headline_and_the_tables() {
    let report = SatisfactionReport::compute(&definition(), Range::default(), &data_set());
    let expected = "\
Satisfaction report, the beginning to now (exclusive)
Answers: 6
CSAT 66.7 % (target 85 %) ✗   [4 of 6 satisfied]
NPS +20.0 (promoters 60.0 %, detractors 40.0 %, 5 answers)
Solved: 66.7 % (4 of 6)

Averages
  question         kind          answers  average
  overall          satisfaction        6     3.83
  timeliness       rating              6     3.50
  attitude         rating              6     4.00
  professionalism  rating              6     3.67
  effort           effort              3     3.67

By engineer
  engineer   answers     CSAT  overall  timeliness  attitude  professionalism  effort
  (none)     1        100.0 %     4.00        5.00      4.00             4.00       -
  Li Wei     3         66.7 %     3.67        3.00      4.00             3.33    3.50
  Zhang Min  2         50.0 %     4.00        3.50      4.00             4.00    4.00

By request type
  type          answers     CSAT  overall  timeliness  attitude  professionalism  effort
  consultation  2         50.0 %     3.50        4.00      3.50             3.50    4.00
  fault_report  2        100.0 %     4.50        4.00      4.50             4.00    5.00
  on_site       2         50.0 %     3.50        2.50      4.00             3.50    2.00
";
    assert_eq!(report.render(), expected, "\n{}", report.render());
}

#[test]
fn no_answers_say_so_everywhere() {
    let report = SatisfactionReport::compute(&definition(), Range::default(), &[]);
    assert_eq!(report.answers, 0);
    assert_eq!(report.target_met(), None);
    assert_eq!(report.csat_line(), "CSAT: no answers (target 85 %)");
    assert_eq!(report.nps_line(), "NPS: no answers");
    assert_eq!(report.solved.percent(), "no answers");
    assert!(report.averages.iter().all(|a| a.hundredths().is_none()));
    assert!(report.by_engineer.is_empty() && report.by_type.is_empty());
    assert_eq!(
        report.render(),
        "Satisfaction report, the beginning to now (exclusive)\nAnswers: 0 (no answers)\n"
    );
    // Surveys without an NPS or effort answer leave those empty alone.
    let only = vec![survey(
        None,
        "consultation",
        json!({"overall": 5, "timeliness": 5, "attitude": 5, "professionalism": 5, "solved": true}),
    )];
    let report = SatisfactionReport::compute(&definition(), Range::default(), &only);
    assert_eq!(report.nps_line(), "NPS: no answers");
    assert_eq!(report.averages.last().unwrap().hundredths(), None);
    assert_eq!(
        report.csat_line(),
        "CSAT 100.0 % (target 85 %) ✓   [1 of 1 satisfied]"
    );
}

#[test]
fn shares_round_half_away_from_zero_and_the_target_compares_exactly() {
    let share = |part, whole| Share { part, whole };
    assert_eq!(share(1, 8).percent(), "12.5 %");
    assert_eq!(share(1, 16).percent(), "6.3 %");
    assert_eq!(share(2, 3).percent(), "66.7 %");
    assert_eq!(share(0, 3).percent(), "0.0 %");
    let nps = |promoters, detractors, answers| NpsCount {
        promoters,
        detractors,
        answers,
    };
    assert_eq!(nps(0, 1, 16).tenths(), Some(-63));
    assert_eq!(nps(1, 0, 16).tenths(), Some(63));
    assert_eq!(nps(0, 3, 3).tenths(), Some(-1000));
    let at_target = |part, whole| {
        let mut report = SatisfactionReport::compute(&definition(), Range::default(), &[]);
        report.csat = share(part, whole);
        report.target_met()
    };
    assert_eq!(at_target(17, 20), Some(true));
    assert_eq!(at_target(16, 19), Some(false));
    // 84.99 % shows as 85.0 % but misses the target.
    assert_eq!(share(1699, 1999).percent(), "85.0 %");
    assert_eq!(at_target(1699, 1999), Some(false));
    let mut report = SatisfactionReport::compute(&definition(), Range::default(), &[]);
    report.nps = nps(1, 0, 1);
    assert_eq!(
        report.nps_line(),
        "NPS +100.0 (promoters 100.0 %, detractors 0.0 %, 1 answer)"
    );
    report.nps = nps(1, 2, 4);
    assert_eq!(
        report.nps_line(),
        "NPS -25.0 (promoters 25.0 %, detractors 50.0 %, 4 answers)"
    );
}

#[test]
fn answers_of_the_wrong_kind_are_not_counted() {
    let odd = vec![survey(
        Some("Li Wei"),
        "consultation",
        json!({"overall": "five", "nps": true, "solved": 1}),
    )];
    let report = SatisfactionReport::compute(&definition(), Range::default(), &odd);
    assert_eq!(report.answers, 1);
    assert_eq!(report.csat.whole, 0);
    assert_eq!(report.nps.answers, 0);
    assert_eq!(report.solved.whole, 0);
    assert!(report.by_engineer.is_empty());
    assert_eq!(odd[0].answers.0.get("solved"), Some(&Answer::Score(1)));
}
