//! Exhaustive tests of the request lifecycle: every status, action, actor and
//! complaint flag is checked against an expectation written out from the
//! rules in prose, independently of the [`RULES`] table.

use super::{allowed_actions, apply, Actor, RequestAction, RequestStatus, TransitionError};

/// What should happen, restated from the rules without looking at the table:
/// first which statuses an action starts from and where it leads, then who
/// may take it, then whether a complaint shuts engineers out.
fn expected(
    status: RequestStatus,
    action: RequestAction,
    actor: Actor,
    complaint: bool,
) -> Result<RequestStatus, TransitionError> {
    use RequestStatus::*;
    let staff = matches!(actor, Actor::Engineer | Actor::Supervisor);
    let customer = actor == Actor::Customer;
    let (to, may) = match (action, status) {
        (RequestAction::Acknowledge, Submitted) => (Acknowledged, staff),
        (RequestAction::Assign, Acknowledged | Assigned) => (Assigned, staff),
        (RequestAction::Schedule, Assigned | Scheduled) => (Scheduled, staff),
        (RequestAction::Start, Assigned | Scheduled | WaitingOnCustomer) => (InProgress, staff),
        (RequestAction::WaitOnCustomer, InProgress) => (WaitingOnCustomer, staff),
        (RequestAction::CustomerReplied, WaitingOnCustomer) => (InProgress, customer),
        (
            RequestAction::Resolve,
            Acknowledged | Assigned | Scheduled | InProgress | WaitingOnCustomer,
        ) => (Resolved, staff),
        (RequestAction::Close, Resolved) => (Closed, true),
        (RequestAction::Reopen, Resolved) => (InProgress, customer),
        (
            RequestAction::Cancel,
            Submitted | Acknowledged | Assigned | Scheduled | InProgress | WaitingOnCustomer,
        ) => (Cancelled, customer),
        _ => return Err(TransitionError::NotAllowedFrom { status }),
    };
    if !may {
        Err(TransitionError::NotYourRole)
    } else if complaint && actor == Actor::Engineer {
        Err(TransitionError::NotYourQueue)
    } else {
        Ok(to)
    }
}

#[test]
fn every_combination_matches_the_written_rules() {
    let mut checked = 0;
    let mut allowed = [0, 0];
    for status in RequestStatus::ALL {
        for action in RequestAction::ALL {
            for actor in Actor::ALL {
                for complaint in [false, true] {
                    let got = apply(status, action, actor, complaint);
                    assert_eq!(
                        got,
                        expected(status, action, actor, complaint),
                        "{action:?} by {actor:?} on {status:?} (complaint: {complaint})"
                    );
                    allowed[usize::from(complaint)] += usize::from(got.is_ok());
                    checked += 1;
                }
            }
        }
    }
    assert_eq!(checked, 9 * 10 * 4 * 2);
    // 14 staff moves for two kinds of staff, close for all four actors, six
    // cancels, one reopen and one reply; complaints drop the engineer's 15.
    assert_eq!(allowed, [40, 25]);
}

#[test]
fn allowed_actions_lists_exactly_what_apply_accepts() {
    for status in RequestStatus::ALL {
        for actor in Actor::ALL {
            for complaint in [false, true] {
                let listed = allowed_actions(status, actor, complaint);
                let accepted: Vec<RequestAction> = RequestAction::ALL
                    .into_iter()
                    .filter(|&a| expected(status, a, actor, complaint).is_ok())
                    .collect();
                assert_eq!(listed, accepted, "{actor:?} on {status:?}");
            }
        }
    }
}

#[test]
fn the_buttons_a_customer_and_an_engineer_see() {
    use RequestAction::*;
    assert_eq!(
        allowed_actions(RequestStatus::Resolved, Actor::Customer, false),
        vec![Close, Reopen]
    );
    assert_eq!(
        allowed_actions(RequestStatus::WaitingOnCustomer, Actor::Customer, false),
        vec![CustomerReplied, Cancel]
    );
    assert_eq!(
        allowed_actions(RequestStatus::Assigned, Actor::Engineer, false),
        vec![Assign, Schedule, Start, Resolve]
    );
    assert_eq!(
        allowed_actions(RequestStatus::Assigned, Actor::Engineer, true),
        vec![]
    );
    assert_eq!(
        allowed_actions(RequestStatus::Assigned, Actor::Supervisor, true),
        vec![Assign, Schedule, Start, Resolve]
    );
    assert_eq!(
        allowed_actions(RequestStatus::Resolved, Actor::System, true),
        vec![Close]
    );
    for actor in Actor::ALL {
        assert!(allowed_actions(RequestStatus::Closed, actor, false).is_empty());
        assert!(allowed_actions(RequestStatus::Cancelled, actor, false).is_empty());
    }
}

#[test]
fn errors_say_which_rule_was_broken() {
    assert_eq!(
        apply(
            RequestStatus::Closed,
            RequestAction::Reopen,
            Actor::Customer,
            false
        ),
        Err(TransitionError::NotAllowedFrom {
            status: RequestStatus::Closed
        })
    );
    assert_eq!(
        apply(
            RequestStatus::Submitted,
            RequestAction::Acknowledge,
            Actor::Customer,
            false
        ),
        Err(TransitionError::NotYourRole)
    );
    assert_eq!(
        apply(
            RequestStatus::Submitted,
            RequestAction::Acknowledge,
            Actor::Engineer,
            true
        ),
        Err(TransitionError::NotYourQueue)
    );
    // An engineer cancelling a complaint is refused for the role first.
    assert_eq!(
        apply(
            RequestStatus::Submitted,
            RequestAction::Cancel,
            Actor::Engineer,
            true
        ),
        Err(TransitionError::NotYourRole)
    );
}

#[test]
fn open_and_final_statuses() {
    let open: Vec<RequestStatus> = RequestStatus::ALL
        .into_iter()
        .filter(|s| s.is_open())
        .collect();
    assert_eq!(
        open,
        vec![
            RequestStatus::Submitted,
            RequestStatus::Acknowledged,
            RequestStatus::Assigned,
            RequestStatus::Scheduled,
            RequestStatus::InProgress,
            RequestStatus::WaitingOnCustomer,
        ]
    );
    let finals: Vec<RequestStatus> = RequestStatus::ALL
        .into_iter()
        .filter(|s| s.is_final())
        .collect();
    assert_eq!(
        finals,
        vec![RequestStatus::Closed, RequestStatus::Cancelled]
    );
    assert!(!RequestStatus::Resolved.is_open() && !RequestStatus::Resolved.is_final());
}

#[test]
fn serde_names_are_snake_case() {
    assert_eq!(
        serde_json::to_string(&RequestStatus::WaitingOnCustomer).unwrap(),
        "\"waiting_on_customer\""
    );
    assert_eq!(
        serde_json::to_string(&RequestAction::CustomerReplied).unwrap(),
        "\"customer_replied\""
    );
    assert_eq!(
        serde_json::to_string(&Actor::Supervisor).unwrap(),
        "\"supervisor\""
    );
    assert_eq!(
        serde_json::from_str::<RequestStatus>("\"in_progress\"").unwrap(),
        RequestStatus::InProgress
    );
}
