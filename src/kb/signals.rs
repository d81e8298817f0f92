//! What customers tell the knowledge base, on its way to the backend through
//! the outbox: "Was this helpful?" votes (remembered on this device, so an
//! article does not ask twice) and search analytics. A search counts once the
//! customer stops typing; events are gathered and sent in batches.

use std::collections::BTreeMap;
use std::time::Duration;

use aftercare_core::{ArticleFeedback, KbEvent, KbEventBatch, KbEventKind, Timestamp};
use leptos::leptos_dom::helpers::{set_timeout_with_handle, TimeoutHandle};
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::language::LanguageChoice;
use crate::random::now_ms;
use crate::store::{DeviceStore, StoreError};
use crate::sync::Outbox;

/// The settings key of this device's votes (article id → helpful).
const VOTES_KEY: &str = "kb-votes";
/// How long typing must pause before a search counts.
const SETTLE_AFTER: Duration = Duration::from_millis(1500);
/// How long gathered events wait before they are sent.
const BATCH_AFTER: Duration = Duration::from_secs(10);
/// A batch this large goes at once.
const BATCH_SIZE: usize = 20;

#[derive(Default)]
struct Gathered {
    events: Vec<KbEvent>,
    /// The search being typed: its query and result count.
    typing: Option<(String, usize)>,
    settle_timer: Option<TimeoutHandle>,
    batch_timer: Option<TimeoutHandle>,
}

/// Votes and analytics, in context.
#[derive(Clone, Copy)]
pub struct KbSignals {
    outbox: Outbox,
    choice: LanguageChoice,
    votes: RwSignal<BTreeMap<String, bool>>,
    gathered: StoredValue<Gathered, LocalStorage>,
}

/// Provides [`KbSignals`] sending through `outbox`, and sends what was
/// gathered when the page is hidden.
pub fn provide_kb_signals(outbox: Outbox) -> KbSignals {
    let signals = KbSignals {
        outbox,
        choice: expect_context::<LanguageChoice>(),
        votes: RwSignal::new(BTreeMap::new()),
        gathered: StoredValue::new_local(Gathered::default()),
    };
    provide_context(signals);
    spawn_local(async move {
        if let Ok(store) = DeviceStore::shared().await {
            if let Ok(Some(saved)) = store.setting::<BTreeMap<String, bool>>(VOTES_KEY).await {
                // A vote cast while these were read stays as cast.
                signals.votes.update(|votes| {
                    for (article, helpful) in saved {
                        votes.entry(article).or_insert(helpful);
                    }
                });
            }
        }
    });
    // Signing out wipes the saved votes; the next customer is asked anew.
    let account = expect_context::<crate::session::Account>();
    Effect::new(move |first: Option<()>| {
        account.wipes.track();
        if first.is_some() {
            signals.votes.set(BTreeMap::new());
        }
    });
    let _ = send_when_hidden(signals);
    signals
}

/// The [`KbSignals`] the app provided.
pub fn use_kb_signals() -> KbSignals {
    expect_context::<KbSignals>()
}

impl KbSignals {
    /// The customer's search `query` now finds `results` articles. Called on
    /// every keystroke; the search counts once typing pauses, as a zero
    /// result when nothing was found.
    pub fn searched(&self, query: &str, results: usize) {
        let query = query.trim();
        let this = *self;
        self.gathered.update_value(|g| {
            if let Some(old) = g.settle_timer.take() {
                old.clear();
            }
            g.typing = (!query.is_empty()).then(|| (query.to_string(), results));
            g.settle_timer = set_timeout_with_handle(move || this.settle(), SETTLE_AFTER).ok();
        });
    }

    /// The customer opened article `article_id` from the results of `query`
    /// (empty when the query is the customer's own words, such as a
    /// request's description, which stays on the device).
    pub fn clicked(&self, query: &str, article_id: &str) {
        self.settle();
        self.record(
            KbEventKind::ResultClick,
            Some(query),
            Some(article_id),
            None,
        );
    }

    /// Article `article_id` solved the customer's problem (found with the
    /// search `query`, or empty), so no request was opened.
    pub fn deflected(&self, query: &str, article_id: &str) {
        self.settle();
        self.record(KbEventKind::Deflection, Some(query), Some(article_id), None);
        self.flush();
    }

    /// This device's vote on article `article_id`, tracked.
    pub fn vote_of(&self, article_id: &str) -> Option<bool> {
        self.votes.with(|votes| votes.get(article_id).copied())
    }

    /// Queues the customer's vote (and optional comment) on `article_id`
    /// and remembers it on this device.
    pub async fn vote(
        &self,
        article_id: &str,
        helpful: bool,
        comment: Option<String>,
    ) -> Result<(), StoreError> {
        let feedback = ArticleFeedback {
            helpful,
            comment: comment.filter(|c| !c.trim().is_empty()),
            locale: self.choice.untracked().tag().to_string(),
        };
        self.outbox.send_feedback(article_id, feedback).await?;
        self.votes.update(|votes| {
            votes.insert(article_id.to_string(), helpful);
        });
        if let Ok(store) = DeviceStore::shared().await {
            let _ = store
                .put_setting(VOTES_KEY, &self.votes.get_untracked())
                .await;
        }
        Ok(())
    }

    /// Sends every gathered event now, as one batch.
    pub fn flush(&self) {
        let events = self.gathered.try_update_value(|g| {
            if let Some(timer) = g.batch_timer.take() {
                timer.clear();
            }
            std::mem::take(&mut g.events)
        });
        let Some(events) = events.filter(|events| !events.is_empty()) else {
            return;
        };
        let outbox = self.outbox;
        spawn_local(async move {
            // Analytics are not worth a message when the store refuses them.
            let _ = outbox.send_kb_events(KbEventBatch { events }).await;
        });
    }

    /// Counts the search being typed, if any.
    fn settle(&self) {
        let typing = self.gathered.try_update_value(|g| {
            if let Some(timer) = g.settle_timer.take() {
                timer.clear();
            }
            g.typing.take()
        });
        if let Some(Some((query, results))) = typing {
            let kind = if results == 0 {
                KbEventKind::ZeroResult
            } else {
                KbEventKind::Search
            };
            self.record(kind, Some(&query), None, Some(results));
        }
    }

    fn record(
        &self,
        kind: KbEventKind,
        query: Option<&str>,
        article_id: Option<&str>,
        results: Option<usize>,
    ) {
        let event = KbEvent {
            kind,
            query: query.map(str::trim).filter(|q| !q.is_empty()).map(|q| {
                q.chars()
                    .take(aftercare_core::kb_signals::MAX_EVENT_QUERY_CHARS)
                    .collect()
            }),
            article_id: article_id.map(str::to_string),
            results: results.map(|n| n.min(u32::MAX as usize) as u32),
            locale: self.choice.untracked().tag().to_string(),
            at: Timestamp::from_millis(now_ms() as i64).to_rfc3339(),
        };
        let this = *self;
        let full = self
            .gathered
            .try_update_value(|g| {
                g.events.push(event);
                if g.batch_timer.is_none() {
                    g.batch_timer = set_timeout_with_handle(move || this.flush(), BATCH_AFTER).ok();
                }
                g.events.len() >= BATCH_SIZE
            })
            .unwrap_or(false);
        if full {
            self.flush();
        }
    }
}

/// Sends what was gathered when the page is hidden (the customer switches
/// away or closes the tab).
fn send_when_hidden(signals: KbSignals) -> Option<()> {
    use wasm_bindgen::closure::Closure;
    use wasm_bindgen::JsCast;
    let document = web_sys::window()?.document()?;
    let listener = Closure::<dyn Fn()>::new(move || {
        let hidden = web_sys::window()
            .and_then(|w| w.document())
            .is_some_and(|d| d.visibility_state() == web_sys::VisibilityState::Hidden);
        if hidden {
            signals.settle();
            signals.flush();
        }
    });
    document
        .add_event_listener_with_callback("visibilitychange", listener.as_ref().unchecked_ref())
        .ok()?;
    listener.forget();
    Some(())
}
