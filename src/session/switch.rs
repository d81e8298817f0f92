//! What signing in does to the session already on this device: the pure
//! decision, kept apart from the browser so it can be tested natively.
//! A host page may identify a different customer than the last one, and
//! an emailed code may sign in someone else; the earlier customer's unsent
//! work must never be deleted without them being asked.

/// What the outbox on this device holds when someone signs in.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct OutboxState {
    /// Every entry, analytics included (any may be on its way right now).
    pub entries: usize,
    /// The entries a customer would miss if they were lost.
    pub unsent: usize,
}

/// What to do with the session already on this device.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Switch {
    /// Nobody was signed in: keep the new session.
    Fresh,
    /// The same customer signed in again: keep the new session, and end
    /// the earlier one on the backend (`revoke_earlier`) when nothing in
    /// the outbox may be using its token.
    Renew {
        /// Whether the earlier token may be ended on the backend.
        revoke_earlier: bool,
    },
    /// Another customer, and nothing of the earlier one's waits to be
    /// sent: wipe this device's private data, end the earlier session and
    /// keep the new one.
    Replace,
    /// Another customer, but the earlier one's work waits to be sent:
    /// keep the earlier session and refuse the new one.
    Refuse {
        /// How many items would have been lost.
        unsent: usize,
    },
}

/// Decides what signing in `new` (a customer id) does when `earlier` (a
/// customer id, if anyone) is signed in and the outbox holds `outbox`.
pub fn decide(earlier: Option<&str>, new: &str, outbox: OutboxState) -> Switch {
    match earlier {
        None => Switch::Fresh,
        Some(earlier) if earlier == new => Switch::Renew {
            revoke_earlier: outbox.entries == 0,
        },
        Some(_) if outbox.unsent > 0 => Switch::Refuse {
            unsent: outbox.unsent,
        },
        Some(_) => Switch::Replace,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const EMPTY: OutboxState = OutboxState {
        entries: 0,
        unsent: 0,
    };
    const ANALYTICS_ONLY: OutboxState = OutboxState {
        entries: 2,
        unsent: 0,
    };
    const WORK: OutboxState = OutboxState {
        entries: 3,
        unsent: 2,
    };

    #[test]
    fn nobody_signed_in_keeps_the_new_session() {
        for outbox in [EMPTY, ANALYTICS_ONLY, WORK] {
            assert_eq!(decide(None, "c-1", outbox), Switch::Fresh);
        }
    }

    #[test]
    fn the_same_customer_renews_and_revokes_only_when_nothing_is_in_flight() {
        assert_eq!(
            decide(Some("c-1"), "c-1", EMPTY),
            Switch::Renew {
                revoke_earlier: true
            }
        );
        for outbox in [ANALYTICS_ONLY, WORK] {
            assert_eq!(
                decide(Some("c-1"), "c-1", outbox),
                Switch::Renew {
                    revoke_earlier: false
                }
            );
        }
    }

    #[test]
    fn another_customer_replaces_only_when_nothing_would_be_lost() {
        assert_eq!(decide(Some("c-1"), "c-2", EMPTY), Switch::Replace);
        assert_eq!(decide(Some("c-1"), "c-2", ANALYTICS_ONLY), Switch::Replace);
    }

    #[test]
    fn another_customer_is_refused_while_work_waits() {
        assert_eq!(
            decide(Some("c-1"), "c-2", WORK),
            Switch::Refuse { unsent: 2 }
        );
    }
}
