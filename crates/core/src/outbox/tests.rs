//! The outbox's rules: which answers are retried, how long it waits, and
//! what becomes of an entry.

use super::*;
use crate::problem::kinds;

fn answer(status: u16, headers: &[(&str, &str)]) -> Result<HttpResponse, PortalError> {
    let mut response = HttpResponse::json(status, "{}");
    for (name, value) in headers {
        response.headers.push((name.to_string(), value.to_string()));
    }
    Ok(response)
}

fn problem_answer(status: u16) -> Result<HttpResponse, PortalError> {
    let problem = Problem::new(kinds::VALIDATION, status, "Check the form");
    Ok(HttpResponse::json(
        status,
        serde_json::to_vec(&problem).unwrap(),
    ))
}

#[test]
fn success_and_replays_are_delivered() {
    assert_eq!(judge(answer(201, &[])), Verdict::Delivered);
    assert_eq!(
        judge(answer(200, &[("Idempotent-Replayed", "true")])),
        Verdict::Delivered
    );
}

#[test]
fn network_errors_timeouts_throttling_and_server_faults_are_retried() {
    let offline = Err(PortalError::Unreachable("offline".into()));
    assert_eq!(judge(offline), Verdict::Retry { after_ms: None });
    for status in [408, 429, 500, 502, 503, 504] {
        assert_eq!(
            judge(answer(status, &[])),
            Verdict::Retry { after_ms: None },
            "{status}"
        );
    }
    assert_eq!(
        judge(answer(503, &[("Retry-After", "2")])),
        Verdict::Retry {
            after_ms: Some(2_000)
        }
    );
}

#[test]
fn a_conflict_is_retried_only_when_it_says_when() {
    assert_eq!(
        judge(answer(409, &[("retry-after", "1")])),
        Verdict::Retry {
            after_ms: Some(1_000)
        }
    );
    assert!(matches!(
        judge(answer(409, &[])),
        Verdict::NeedsAttention(_)
    ));
}

#[test]
fn an_ended_session_keeps_the_entry_for_signing_in_again() {
    assert_eq!(judge(answer(401, &[])), Verdict::SignInAgain);
}

#[test]
fn other_refusals_need_the_customers_attention_with_the_problem() {
    match judge(problem_answer(422)) {
        Verdict::NeedsAttention(PortalError::Problem(problem)) => {
            assert_eq!(problem.kind, kinds::VALIDATION)
        }
        other => panic!("expected attention, got {other:?}"),
    }
    assert_eq!(
        judge(answer(404, &[])),
        Verdict::NeedsAttention(PortalError::NotFound)
    );
}

#[test]
fn backoff_doubles_within_its_upper_half_and_is_capped() {
    assert_eq!(backoff_ms(1, None, 0.0), 500);
    assert_eq!(backoff_ms(1, None, 0.999_999), 999);
    assert_eq!(backoff_ms(2, None, 0.0), 1_000);
    assert_eq!(backoff_ms(4, None, 0.0), 4_000);
    for attempt in [9, 10, 30, u32::MAX] {
        let wait = backoff_ms(attempt, None, 0.999);
        assert!(wait <= LONGEST_WAIT_MS, "{attempt}: {wait}");
        assert!(wait >= LONGEST_WAIT_MS / 2, "{attempt}: {wait}");
    }
}

#[test]
fn retry_after_is_waited_in_full_but_never_beyond_the_cap() {
    assert_eq!(backoff_ms(1, Some(2_000), 0.0), 2_000);
    let jittered = backoff_ms(7, Some(2_000), 0.5);
    assert!((2_000..2_250).contains(&jittered), "{jittered}");
    assert_eq!(backoff_ms(1, Some(86_400_000), 0.0), LONGEST_WAIT_MS);
}

#[test]
fn an_entry_moves_through_retries_to_removal() {
    let entry = OutboxEntry::new("key-1", 3, 1_000, "payload");
    assert!(entry.is_due(1_000));
    let Step::Keep(retried) = entry.after(
        Verdict::Retry {
            after_ms: Some(2_000),
        },
        5_000,
        0.0,
    ) else {
        panic!("a retried entry is kept")
    };
    assert_eq!(retried.attempts, 1);
    assert_eq!(retried.next_attempt_at_ms, 7_000);
    assert!(!retried.is_due(6_999));
    assert!(retried.is_due(7_000));
    assert_eq!(retried.key, "key-1", "the key never changes");
    assert_eq!(retried.after(Verdict::Delivered, 7_000, 0.0), Step::Remove);
}

#[test]
fn refused_and_signed_out_entries_wait_for_the_customer() {
    let entry = OutboxEntry::new("k", 1, 0, ());
    let Step::Keep(signed_out) = entry.clone().after(Verdict::SignInAgain, 10, 0.0) else {
        panic!("kept")
    };
    assert_eq!(signed_out.state, EntryState::SignInNeeded);
    assert!(!signed_out.is_due(i64::MAX));
    assert!(signed_out.retry_now(20).is_due(20));

    let refused = Problem::new(kinds::VALIDATION, 422, "Check the form");
    let Step::Keep(attention) = entry.after(
        Verdict::NeedsAttention(PortalError::Problem(refused.clone())),
        10,
        0.0,
    ) else {
        panic!("kept")
    };
    match &attention.state {
        EntryState::NeedsAttention { problem, .. } => assert_eq!(problem, &Some(refused)),
        other => panic!("expected attention, got {other:?}"),
    }
    let saved = serde_json::to_string(&attention).unwrap();
    let read: OutboxEntry<()> = serde_json::from_str(&saved).unwrap();
    assert_eq!(read, attention);
}
