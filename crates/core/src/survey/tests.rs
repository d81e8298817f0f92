//! Tests of the survey's answer rules and token reading.

use super::*;
use crate::test_support::codes_of;

fn question(key: &str, kind: QuestionKind, required: bool) -> SurveyQuestion {
    SurveyQuestion {
        key: key.into(),
        kind,
        label: LocalizedText::from([("en", key)]),
        required,
    }
}

fn survey() -> SurveyDefinition {
    SurveyDefinition {
        questions: vec![
            question("overall", QuestionKind::Satisfaction, true),
            question("timeliness", QuestionKind::Rating, true),
            question("solved", QuestionKind::Solved, true),
            question("comment", QuestionKind::Comment, false),
            question("nps", QuestionKind::Nps, false),
            question("effort", QuestionKind::Effort, false),
        ],
        edit_window_hours: 168,
        csat_target_percent: 85,
        comment_max_chars: 10,
    }
}

fn answers(json: &str) -> SurveyAnswers {
    serde_json::from_str(json).unwrap()
}

#[test]
fn a_full_answer_set_passes() {
    let full = answers(
        r#"{"overall":5,"timeliness":4,"solved":true,"comment":"great","nps":10,"effort":1}"#,
    );
    assert_eq!(survey().check(&full), vec![]);
    assert_eq!(full.score("overall"), Some(5));
    assert_eq!(full.yes_no("solved"), Some(true));
    assert_eq!(full.text("comment"), Some("great"));
}

#[test]
fn scales_end_where_they_say() {
    let zero_nps = answers(r#"{"overall":1,"timeliness":5,"solved":false,"nps":0}"#);
    assert_eq!(survey().check(&zero_nps), vec![]);
    let off = answers(r#"{"overall":0,"timeliness":6,"solved":false,"nps":11,"effort":0}"#);
    assert_eq!(
        codes_of(&survey().check(&off)),
        vec![
            ("/answers/overall".into(), "out_of_range".into()),
            ("/answers/timeliness".into(), "out_of_range".into()),
            ("/answers/nps".into(), "out_of_range".into()),
            ("/answers/effort".into(), "out_of_range".into()),
        ]
    );
}

#[test]
fn missing_wrong_unknown_and_long_answers_are_named() {
    let bad = answers(r#"{"overall":"five","solved":3,"comment":"far too long","extra":1}"#);
    assert_eq!(
        codes_of(&survey().check(&bad)),
        vec![
            ("/answers/overall".into(), "wrong_type".into()),
            ("/answers/timeliness".into(), "required".into()),
            ("/answers/solved".into(), "wrong_type".into()),
            ("/answers/comment".into(), "too_long".into()),
            ("/answers/extra".into(), "unknown_field".into()),
        ]
    );
}

#[test]
fn the_definition_needs_an_overall_question_and_every_label() {
    assert_eq!(survey().check_definition(&["en"]), Ok(()));
    assert!(survey().check_definition(&["en", "zh-CN"]).is_err());
    let mut without = survey();
    without.questions.remove(0);
    assert!(without.check_definition(&["en"]).is_err());
    let mut twice = survey();
    twice
        .questions
        .push(question("nps", QuestionKind::Nps, false));
    assert!(twice.check_definition(&["en"]).is_err());
}

#[test]
fn offered_once_resolved() {
    assert!(survey_offered(RequestStatus::Resolved));
    assert!(survey_offered(RequestStatus::Closed));
    assert!(!survey_offered(RequestStatus::InProgress));
    assert!(!survey_offered(RequestStatus::Cancelled));
}

#[test]
fn tokens_name_their_request() {
    assert_eq!(
        survey_token_number("AC-7K2M-9Q.1790000000.abc-_DEF"),
        Some("AC-7K2M-9Q")
    );
    for bad in [
        "",
        "AC-1.x.sig",
        "AC 1.1.sig",
        "AC-1.1.",
        "AC-1.1.s.t",
        "AC-1.1.s+g",
    ] {
        assert_eq!(survey_token_number(bad), None, "{bad}");
    }
}

#[test]
fn answer_pointers_escape_tildes_and_slashes() {
    assert_eq!(answer_pointer("overall"), "/answers/overall");
    assert_eq!(answer_pointer("a/b~c"), "/answers/a~1b~0c");
}

#[test]
fn a_saved_record_stops_being_editable_when_its_window_ends() {
    let until = Timestamp::parse("2026-12-01T08:00:00.000Z").unwrap();
    let record = SurveyRecord {
        number: "AC-1".into(),
        answers: SurveyAnswers::default(),
        submitted_at: Some(Timestamp::parse("2026-11-24T08:00:00.000Z").unwrap()),
        updated_at: None,
        editable_until: Some(until),
        editable: true,
    };
    assert!(record.editable_at(until));
    assert!(!record.editable_at(Timestamp::from_millis(until.as_millis() + 1)));
    let refused = SurveyRecord {
        editable: false,
        ..record
    };
    assert!(!refused.editable_at(until));
}
