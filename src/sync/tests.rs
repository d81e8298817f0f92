//! The outbox's own tests: entries of other versions, intents' wire form,
//! and how survey answers sent with a link's token are judged.

use super::*;

#[test]
fn an_entry_of_a_newer_version_is_read_and_kept_aside() {
    let known = OutboxEntry::new(
        "ac-1".to_string(),
        3,
        1,
        Intent::KbEvents {
            batch: KbEventBatch { events: Vec::new() },
        },
    );
    let mut json = serde_json::to_value(&known).unwrap();
    json["payload"] = serde_json::json!({"kind": "warranty_claim", "claim": {"x": 1}});
    let entry: Entry = serde_json::from_value(json).unwrap();
    assert_eq!(entry.payload, Intent::Unknown);
    assert_eq!(entry.key, "ac-1");
    assert!(entry.payload.would_be_missed());
    assert!(!entry.payload.is_about_a_request());
}

#[test]
fn survey_answers_round_trip() {
    let intent = Intent::Survey {
        number: "AC-1".into(),
        answers: serde_json::from_str(r#"{"overall":4,"solved":true}"#).unwrap(),
        token: None,
    };
    let json = serde_json::to_string(&intent).unwrap();
    assert_eq!(serde_json::from_str::<Intent>(&json).unwrap(), intent);
}

fn response(status: u16, body: &str) -> aftercare_core::HttpResponse {
    aftercare_core::HttpResponse::json(status, body.as_bytes().to_vec())
}

#[test]
fn an_expired_survey_link_needs_attention_not_a_sign_in() {
    let refused = super::deliver::judge_by_link(Ok(response(401, "")));
    let aftercare_core::Verdict::NeedsAttention(aftercare_core::PortalError::Problem(problem)) =
        refused
    else {
        panic!("expected the customer's attention, got {refused:?}");
    };
    assert_eq!(problem.status, 401);

    let body = r#"{"type":"https://aftercare.example/problems/survey-token","title":"Expired","status":401}"#;
    let refused = super::deliver::judge_by_link(Ok(response(401, body)));
    assert!(matches!(
        refused,
        aftercare_core::Verdict::NeedsAttention(aftercare_core::PortalError::Problem(ref p))
            if p.kind.ends_with("survey-token") && p.status == 401
    ));
}

#[test]
fn a_survey_link_is_otherwise_judged_like_any_entry() {
    use aftercare_core::outbox::judge;
    for status in [200, 409, 422, 503] {
        assert_eq!(
            super::deliver::judge_by_link(Ok(response(status, "{}"))),
            judge(Ok(response(status, "{}")))
        );
    }
    assert_eq!(
        super::deliver::judge_by_link(Err(aftercare_core::PortalError::Unreachable("x".into()))),
        aftercare_core::Verdict::Retry { after_ms: None }
    );
}
