//! Keeping the form as a draft: every change is written to the device store
//! about 300 ms after the customer stops typing, and a saved draft is put
//! back into the form when the page opens again.

use std::time::Duration;

use leptos::prelude::*;
use leptos::task::spawn_local;

use super::form_state::FormState;
use crate::drafts::{self, Draft};
use crate::store::StoreError;

/// How long the form must be still before the draft is written.
const QUIET_MS: u64 = 300;

/// The draft's bookkeeping, shared by the page's parts.
#[derive(Clone, Copy)]
pub struct DraftKeeper {
    /// The draft's id.
    pub id: StoredValue<String>,
    /// Set once the saved draft (if any) is back in the form; nothing is
    /// written before, so an empty form never overwrites a draft.
    pub ready: RwSignal<bool>,
    /// Set when the request was sent: the draft is no longer kept.
    pub stopped: RwSignal<bool>,
    /// Why the last write failed, if it did.
    pub problem: RwSignal<Option<StoreError>>,
    generation: StoredValue<u64>,
}

/// The draft as the form holds it now (tracked).
pub fn snapshot(form: FormState, id: &str) -> Draft {
    let values = form.values.get();
    Draft {
        id: id.to_string(),
        request_type: form.request_type.get(),
        severity: form.severity.get(),
        files: form.file_ids(),
        fields: values,
        saved_at_ms: js_sys::Date::now(),
    }
}

/// Puts a saved draft back into the form.
pub fn restore(form: FormState, draft: Draft) {
    form.request_type.set(draft.request_type);
    form.severity.set(draft.severity);
    form.values.set(draft.fields);
}

/// Starts keeping the form's draft under `id`.
pub fn keep_drafts(form: FormState, id: String) -> DraftKeeper {
    let keeper = DraftKeeper {
        id: StoredValue::new(id.clone()),
        ready: RwSignal::new(false),
        stopped: RwSignal::new(false),
        problem: RwSignal::new(None),
        generation: StoredValue::new(0),
    };
    Effect::new(move |_| {
        let draft = snapshot(form, &id);
        if !keeper.ready.get() || keeper.stopped.get_untracked() {
            return;
        }
        let generation = keeper.generation.get_value() + 1;
        keeper.generation.set_value(generation);
        set_timeout(
            move || {
                // The form may be gone (the customer left the page).
                let current = keeper.generation.try_get_value();
                let stopped = keeper.stopped.try_get_untracked().unwrap_or(true);
                if current != Some(generation) || stopped {
                    return;
                }
                spawn_local(async move { write(keeper, draft).await });
            },
            Duration::from_millis(QUIET_MS),
        );
    });
    // Leaving the page within the quiet time must not lose the last change.
    on_cleanup(move || {
        let stopped = keeper.stopped.try_get_untracked().unwrap_or(true);
        let ready = keeper.ready.try_get_untracked().unwrap_or(false);
        if ready && !stopped {
            let draft = untrack(|| snapshot(form, &keeper.id.get_value()));
            spawn_local(async move {
                let _ = if draft.is_empty() {
                    drafts::forget(&draft.id).await
                } else {
                    drafts::save(&draft).await
                };
            });
        }
    });
    keeper
}

async fn write(keeper: DraftKeeper, draft: Draft) {
    let result = if draft.is_empty() {
        drafts::forget(&draft.id).await
    } else {
        drafts::save(&draft).await
    };
    if keeper.stopped.try_get_untracked().unwrap_or(true) {
        // The request was sent (or the page left) while this write ran: a
        // sent request's draft must not come back.
        if keeper.stopped.try_get_untracked() == Some(true) {
            let _ = drafts::forget(&draft.id).await;
        }
        return;
    }
    keeper.problem.try_set(result.err());
}

impl DraftKeeper {
    /// Stops keeping the draft (the request was sent) and forgets it.
    pub async fn finish(self) {
        self.stopped.set(true);
        let _ = drafts::forget(&self.id.get_value()).await;
    }

    /// Throws the draft away with its files, and keeps the next changes as
    /// a new draft.
    pub async fn discard(self, files: Vec<String>) -> Result<(), StoreError> {
        self.generation.update_value(|g| *g += 1);
        drafts::discard(&self.id.get_value(), &files).await
    }
}
