//! The life of a service request: the statuses a customer can follow, the
//! actions that move a request between them, and who may take each action.
//!
//! Every allowed move is one row of [`RULES`]; [`apply`] and
//! [`allowed_actions`] read nothing else, so the table is the whole policy.

use std::fmt;

use serde::{Deserialize, Serialize};

// Short names that keep each row of the table on one line.
use Actors as A;
use RequestAction as Do;
use RequestStatus as S;

/// Where a service request stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RequestStatus {
    /// The customer sent it; nobody has looked at it yet.
    Submitted,
    /// The department accepted it (受理).
    Acknowledged,
    /// An engineer owns it (派工).
    Assigned,
    /// A visit is booked (预约上门).
    Scheduled,
    /// Someone is working on it.
    InProgress,
    /// The department needs something from the customer.
    WaitingOnCustomer,
    /// The department considers it solved; the customer may confirm or reopen.
    Resolved,
    /// Done for good.
    Closed,
    /// The customer withdrew it; done for good.
    Cancelled,
}

impl RequestStatus {
    /// Every status, in the order of a request's life.
    pub const ALL: [RequestStatus; 9] = [
        RequestStatus::Submitted,
        RequestStatus::Acknowledged,
        RequestStatus::Assigned,
        RequestStatus::Scheduled,
        RequestStatus::InProgress,
        RequestStatus::WaitingOnCustomer,
        RequestStatus::Resolved,
        RequestStatus::Closed,
        RequestStatus::Cancelled,
    ];

    /// Whether the department still owes work on the request: submitted
    /// through waiting on the customer. A resolved request is neither open
    /// nor final; it waits for the customer to confirm or reopen it.
    pub fn is_open(self) -> bool {
        !self.is_final() && self != RequestStatus::Resolved
    }

    /// Whether nothing can happen to the request any more (closed or
    /// cancelled).
    pub fn is_final(self) -> bool {
        matches!(self, RequestStatus::Closed | RequestStatus::Cancelled)
    }
}

/// Who does something to a request.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Actor {
    /// The person the request belongs to.
    Customer,
    /// A member of the service team.
    Engineer,
    /// A team lead; the only staff who handle complaints.
    Supervisor,
    /// The backend acting on its own, such as closing a resolved request the
    /// customer never confirmed.
    System,
}

impl Actor {
    /// Every actor.
    pub const ALL: [Actor; 4] = [
        Actor::Customer,
        Actor::Engineer,
        Actor::Supervisor,
        Actor::System,
    ];

    /// This actor's bit in an [`Actors`] set.
    const fn bit(self) -> u8 {
        1 << self as u8
    }
}

/// Something done to a request that may change its status.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RequestAction {
    /// Staff accept the request (受理).
    Acknowledge,
    /// Staff give the request to an engineer, or to another one.
    Assign,
    /// Staff book a visit, or move it.
    Schedule,
    /// Staff start (or resume) work.
    Start,
    /// Staff ask the customer for something and wait for the answer.
    WaitOnCustomer,
    /// The customer answers while the department waits on them.
    CustomerReplied,
    /// Staff consider the request solved.
    Resolve,
    /// The customer confirms a resolved request, or staff or the system close it.
    Close,
    /// The customer withdraws the request before it is resolved.
    Cancel,
    /// The customer says a resolved request is not solved after all.
    Reopen,
}

impl RequestAction {
    /// Every action, in the order the portal lists its buttons.
    pub const ALL: [RequestAction; 10] = [
        RequestAction::Acknowledge,
        RequestAction::Assign,
        RequestAction::Schedule,
        RequestAction::Start,
        RequestAction::WaitOnCustomer,
        RequestAction::CustomerReplied,
        RequestAction::Resolve,
        RequestAction::Close,
        RequestAction::Cancel,
        RequestAction::Reopen,
    ];
}

/// Why an action cannot be taken.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TransitionError {
    /// The action does not apply to a request in this status.
    NotAllowedFrom { status: RequestStatus },
    /// The action applies, but not for this kind of actor.
    NotYourRole,
    /// The request is a complaint, which only a supervisor handles.
    NotYourQueue,
}

impl fmt::Display for TransitionError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            TransitionError::NotAllowedFrom { status } => {
                write!(f, "this cannot be done to a request that is {status:?}")
            }
            TransitionError::NotYourRole => f.write_str("this is not done by someone in your role"),
            TransitionError::NotYourQueue => f.write_str("complaints are handled by a supervisor"),
        }
    }
}

impl std::error::Error for TransitionError {}

/// A set of actors, one bit each.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Actors(u8);

impl Actors {
    /// The customer alone.
    pub const CUSTOMER: Actors = Actors(Actor::Customer.bit());
    /// Engineers and supervisors.
    pub const STAFF: Actors = Actors(Actor::Engineer.bit() | Actor::Supervisor.bit());
    /// Everyone: the customer, staff and the backend itself.
    pub const ANYONE: Actors =
        Actors(Actors::STAFF.0 | Actor::Customer.bit() | Actor::System.bit());

    /// Whether `actor` is in the set.
    pub fn contains(self, actor: Actor) -> bool {
        self.0 & actor.bit() != 0
    }
}

/// One allowed move: `action`, taken by one of `by` on a request in `from`,
/// leaves it in `to`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rule {
    /// The status the request must be in.
    pub from: RequestStatus,
    /// What is done.
    pub action: RequestAction,
    /// Who may do it.
    pub by: Actors,
    /// The status the request is in afterwards.
    pub to: RequestStatus,
}

const fn rule(from: RequestStatus, action: RequestAction, by: Actors, to: RequestStatus) -> Rule {
    Rule {
        from,
        action,
        by,
        to,
    }
}

/// Every move a request can make. Staff do the department's work; the
/// customer may cancel before resolution, answer while waited on, and confirm
/// (close) or reopen a resolved request; the system may close a resolved one.
#[rustfmt::skip]
pub const RULES: [Rule; 23] = [
    rule(S::Submitted,         Do::Acknowledge,     A::STAFF,    S::Acknowledged),
    rule(S::Acknowledged,      Do::Assign,          A::STAFF,    S::Assigned),
    rule(S::Assigned,          Do::Assign,          A::STAFF,    S::Assigned),
    rule(S::Assigned,          Do::Schedule,        A::STAFF,    S::Scheduled),
    rule(S::Scheduled,         Do::Schedule,        A::STAFF,    S::Scheduled),
    rule(S::Assigned,          Do::Start,           A::STAFF,    S::InProgress),
    rule(S::Scheduled,         Do::Start,           A::STAFF,    S::InProgress),
    rule(S::WaitingOnCustomer, Do::Start,           A::STAFF,    S::InProgress),
    rule(S::InProgress,        Do::WaitOnCustomer,  A::STAFF,    S::WaitingOnCustomer),
    rule(S::WaitingOnCustomer, Do::CustomerReplied, A::CUSTOMER, S::InProgress),
    rule(S::Acknowledged,      Do::Resolve,         A::STAFF,    S::Resolved),
    rule(S::Assigned,          Do::Resolve,         A::STAFF,    S::Resolved),
    rule(S::Scheduled,         Do::Resolve,         A::STAFF,    S::Resolved),
    rule(S::InProgress,        Do::Resolve,         A::STAFF,    S::Resolved),
    rule(S::WaitingOnCustomer, Do::Resolve,         A::STAFF,    S::Resolved),
    rule(S::Resolved,          Do::Close,           A::ANYONE,   S::Closed),
    rule(S::Resolved,          Do::Reopen,          A::CUSTOMER, S::InProgress),
    rule(S::Submitted,         Do::Cancel,          A::CUSTOMER, S::Cancelled),
    rule(S::Acknowledged,      Do::Cancel,          A::CUSTOMER, S::Cancelled),
    rule(S::Assigned,          Do::Cancel,          A::CUSTOMER, S::Cancelled),
    rule(S::Scheduled,         Do::Cancel,          A::CUSTOMER, S::Cancelled),
    rule(S::InProgress,        Do::Cancel,          A::CUSTOMER, S::Cancelled),
    rule(S::WaitingOnCustomer, Do::Cancel,          A::CUSTOMER, S::Cancelled),
];

/// The status a request in `status` moves to when `actor` takes `action`.
///
/// The checks run in order: does the action apply in this status at all
/// ([`TransitionError::NotAllowedFrom`]), may this kind of actor take it
/// ([`TransitionError::NotYourRole`]), and, for a complaint, is the staff
/// member a supervisor ([`TransitionError::NotYourQueue`]).
pub fn apply(
    status: RequestStatus,
    action: RequestAction,
    actor: Actor,
    is_complaint: bool,
) -> Result<RequestStatus, TransitionError> {
    let rule = RULES
        .iter()
        .find(|rule| rule.from == status && rule.action == action)
        .ok_or(TransitionError::NotAllowedFrom { status })?;
    if !rule.by.contains(actor) {
        return Err(TransitionError::NotYourRole);
    }
    if is_complaint && actor == Actor::Engineer {
        return Err(TransitionError::NotYourQueue);
    }
    Ok(rule.to)
}

/// The actions `actor` may take on a request in `status`, in
/// [`RequestAction::ALL`] order, for showing the right buttons.
pub fn allowed_actions(
    status: RequestStatus,
    actor: Actor,
    is_complaint: bool,
) -> Vec<RequestAction> {
    RequestAction::ALL
        .into_iter()
        .filter(|&action| apply(status, action, actor, is_complaint).is_ok())
        .collect()
}

#[cfg(test)]
mod tests;
