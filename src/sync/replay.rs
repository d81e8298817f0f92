//! Replaying the outbox: one pass sends every entry that is due, in the
//! order they were made, and writes back what became of each; passes run
//! under a lock shared by every tab, start when asked (coalescing requests
//! that arrive during a pass), when the device comes back online, when the
//! window gets focus, and when the next retry is due.

use std::collections::HashSet;
use std::time::Duration;

use aftercare_core::{EntryState, Step, Verdict};
use leptos::prelude::*;

use super::{deliver, tab_lock, Entry, Outbox};
use crate::random::{jitter, now_ms};
use crate::store::{schema, DeviceStore};

/// The Web Lock every tab takes to replay.
const LOCK_NAME: &str = "aftercare-outbox";

/// This tab's replay bookkeeping.
#[derive(Default)]
pub struct ReplayState {
    running: bool,
    again: bool,
    timer: Option<TimeoutHandle>,
    /// The entries the last pass could not try (written by a newer
    /// version, or waiting on a request not sent yet): no timer is set for
    /// them, or the next one would be due at once, forever. Any later pass
    /// (another entry's timer, a delivery, going online) tries them again.
    untried: HashSet<String>,
}

/// Starts a replay, or asks the running one to go round once more.
pub fn request_replay(outbox: Outbox) {
    let busy = outbox
        .state
        .try_update_value(|state| {
            if state.running {
                state.again = true;
                true
            } else {
                state.running = true;
                false
            }
        })
        .unwrap_or(true);
    if busy {
        return;
    }
    leptos::task::spawn_local(async move {
        loop {
            tab_lock::run_exclusively(LOCK_NAME, replay_pass(outbox)).await;
            let again = outbox
                .state
                .try_update_value(|state| {
                    let again = state.again;
                    state.again = false;
                    state.running = again;
                    again
                })
                .unwrap_or(false);
            if !again {
                break;
            }
        }
        schedule_next(outbox);
    });
}

/// Replays on `online` and on focus (for as long as the app runs).
pub fn start_triggers(outbox: Outbox) {
    let online = window_event_listener(leptos::ev::online, move |_| request_replay(outbox));
    let focus = window_event_listener(leptos::ev::focus, move |_| request_replay(outbox));
    // The app lives as long as the page; so do its listeners.
    std::mem::forget(online);
    std::mem::forget(focus);
}

/// Whether the browser believes it has a network; without one nothing is
/// tried (so no attempt is spent), and the `online` event starts a replay.
fn online() -> bool {
    web_sys::window().is_none_or(|w| w.navigator().on_line())
}

/// Sends every due entry once, oldest first.
async fn replay_pass(outbox: Outbox) {
    let Ok(store) = DeviceStore::shared().await else {
        return;
    };
    // Until the saved session is read, a signed-in customer's entries
    // would go out without it (and come back 401); the outbox starts a
    // replay once it is read.
    if !outbox.account.loaded.get_untracked() {
        return;
    }
    if !online() {
        if let Ok(entries) = store.all::<Entry>(schema::OUTBOX).await {
            outbox.entries.set(entries);
        }
        return;
    }
    let mut tried = HashSet::new();
    let mut untried = HashSet::new();
    loop {
        let Ok(entries) = store.all::<Entry>(schema::OUTBOX).await else {
            return;
        };
        outbox.entries.set(entries.clone());
        let now = now_ms() as i64;
        let Some(entry) = entries
            .into_iter()
            .find(|entry| entry.is_due(now) && !tried.contains(&entry.key))
        else {
            break;
        };
        let key = entry.key.clone();
        tried.insert(key.clone());
        let Some(verdict) = deliver::deliver(outbox, &entry).await else {
            // It waits for another entry (its request is not sent yet).
            untried.insert(key);
            continue;
        };
        untried.remove(&key);
        let delivered = verdict == Verdict::Delivered;
        if verdict == Verdict::SignInAgain {
            outbox.account.needs_sign_in.set(true);
        }
        let written = match entry.after(verdict, now_ms() as i64, jitter()) {
            Step::Remove => store.delete(schema::OUTBOX, &key).await,
            Step::Keep(changed) => store.put(schema::OUTBOX, &changed).await,
        };
        if written.is_err() {
            // The store failed under us; the next pass tries again.
            break;
        }
        if delivered {
            outbox.deliveries.update(|n| *n += 1);
            // What waited on it may go now, in this pass.
            tried.retain(|key| !untried.contains(key));
            untried.clear();
        }
    }
    outbox.state.update_value(|state| state.untried = untried);
    if let Ok(entries) = store.all::<Entry>(schema::OUTBOX).await {
        outbox.entries.set(entries);
    }
}

/// Sets a timer for the soonest retry, replacing any earlier one.
fn schedule_next(outbox: Outbox) {
    if !online() {
        return;
    }
    let untried = outbox.state.with_value(|state| state.untried.clone());
    let soonest = outbox
        .entries
        .get_untracked()
        .iter()
        .filter(|entry| entry.state == EntryState::Waiting && !untried.contains(&entry.key))
        .map(|entry| entry.next_attempt_at_ms)
        .min();
    let handle = soonest.and_then(|at| {
        let wait = (at - now_ms() as i64).max(0) as u64;
        set_timeout_with_handle(move || request_replay(outbox), Duration::from_millis(wait)).ok()
    });
    outbox.state.update_value(|state| {
        if let Some(old) = state.timer.take() {
            old.clear();
        }
        state.timer = handle;
    });
}
