//! Whether this page is too old for the device store: a newer build (in
//! another tab, or since this page loaded) upgraded the database, so this
//! build must not read or write it. The store announces it (see
//! [`crate::store::schema`]); the out-of-date notice shows it.

use leptos::prelude::*;

use crate::store::schema;

/// Whether the device store belongs to a newer build than this page, or
/// this page's upgrade of it waits for other tabs to let go of it.
#[derive(Debug, Clone, Copy)]
pub struct OutdatedStore {
    outdated: RwSignal<bool>,
    blocked: RwSignal<bool>,
}

impl OutdatedStore {
    /// Whether the page must reload before it may use the device store, tracked.
    pub fn is_outdated(self) -> bool {
        self.outdated.get()
    }

    /// Whether this page's upgrade of the device store is held up by other
    /// tabs that still have it open, tracked.
    pub fn is_blocked(self) -> bool {
        self.blocked.get()
    }
}

/// Follows the store's announcements that its schema is newer than this
/// build, including one made before this hook ran.
pub fn use_outdated_store() -> OutdatedStore {
    let outdated = RwSignal::new(schema::newer_schema_seen());
    let handle = window_event_listener_untyped(schema::NEWER_SCHEMA_EVENT, move |_| {
        outdated.set(true);
    });
    std::mem::forget(handle);
    let blocked = RwSignal::new(schema::upgrade_blocked());
    let handle = window_event_listener_untyped(schema::UPGRADE_BLOCKED_EVENT, move |_| {
        blocked.set(schema::upgrade_blocked());
    });
    std::mem::forget(handle);
    OutdatedStore { outdated, blocked }
}
