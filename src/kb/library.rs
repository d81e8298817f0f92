//! The knowledge base as the pages read it: the saved copy first, so a reload
//! never waits for the network, then the backend's changes by delta sync, then
//! a fresh shelf. Provided in context by the app; pages read
//! [`Library::shelf`] and redraw when a newer shelf arrives.

use std::sync::Arc;

use aftercare_core::{Backend, Locale, PortalError};
use leptos::prelude::*;
use leptos::task::spawn_local;

use super::shelf::Shelf;
use super::sync;
use crate::knowledge_base::Freshness;
use crate::language::LanguageChoice;

/// Where loading the knowledge base stands.
#[derive(Debug, Clone, PartialEq)]
pub enum LibraryStatus {
    /// Nothing to show yet.
    Loading,
    /// A shelf is showing; a sync may still be under way.
    Ready,
    /// Nothing is saved on this device and the backend could not be read.
    Unavailable(PortalError),
}

/// The knowledge base in context.
#[derive(Clone, Copy)]
pub struct Library {
    shelf: RwSignal<Option<Arc<Shelf>>>,
    status: RwSignal<LibraryStatus>,
    /// Bumped to ask for another load (retry).
    generation: RwSignal<u32>,
    /// Whether the last sync could not reach the backend.
    sync_failed: RwSignal<bool>,
    choice: LanguageChoice,
}

impl Library {
    /// The current shelf, tracked; `None` until the first one is ready.
    pub fn shelf(&self) -> Option<Arc<Shelf>> {
        self.shelf.get()
    }

    /// Where loading stands, tracked.
    pub fn status(&self) -> LibraryStatus {
        self.status.get()
    }

    /// Whether the last sync could not reach the backend, tracked: a shelf
    /// from the device is then all there is, and pages say so.
    pub fn sync_failed(&self) -> bool {
        self.sync_failed.get()
    }

    /// Loads again (after an error, or to pick up changes now).
    pub fn reload(&self) {
        self.generation.update(|g| *g += 1);
    }
}

/// Provides the [`Library`] of `backend`, loading in the customer's language
/// and again whenever it changes.
pub fn provide_library(backend: Arc<dyn Backend + Send + Sync>) -> Library {
    let library = Library {
        shelf: RwSignal::new(None),
        status: RwSignal::new(LibraryStatus::Loading),
        generation: RwSignal::new(0),
        sync_failed: RwSignal::new(false),
        choice: expect_context::<LanguageChoice>(),
    };
    provide_context(library);
    // Back online: pick up what changed while the device was away.
    let listener = window_event_listener(leptos::ev::online, move |_| library.reload());
    std::mem::forget(listener);
    Effect::new(move |_| {
        let locale = library.choice.get();
        library.generation.track();
        let backend = backend.clone();
        spawn_local(load(library, backend, locale));
    });
    library
}

/// The library the app provided.
pub fn use_library() -> Library {
    expect_context::<Library>()
}

async fn load(library: Library, backend: Arc<dyn Backend + Send + Sync>, locale: Locale) {
    let current = move || library.shelf.get_untracked();
    let wrong_locale = current().is_some_and(|shelf| shelf.locale != locale);
    if current().is_none() || wrong_locale {
        if let Some(saved) = sync::saved_shelf(locale).await {
            show(library, saved).await;
        } else if wrong_locale {
            library.shelf.set(None);
            library.status.set(LibraryStatus::Loading);
        }
    }
    let shown = library.shelf.get_untracked();
    match sync::synced_shelf(backend.as_ref(), locale, shown.as_deref()).await {
        Ok(shelf) => {
            library.sync_failed.set(false);
            show(library, shelf).await;
        }
        Err(error) => {
            library.sync_failed.set(true);
            if library.shelf.get_untracked().is_none() && library.choice.untracked() == locale {
                library.status.set(LibraryStatus::Unavailable(error));
            }
        }
    }
}

/// Shows `shelf`, unless the customer has switched language since it was
/// asked for (a later load brings the right one). Drawing the articles is a
/// browser task of its own, apart from reading and indexing them, so neither
/// holds the page up for long.
async fn show(library: Library, shelf: Shelf) {
    crate::pwa::next_task().await;
    if shelf.locale != library.choice.untracked() {
        return;
    }
    library.shelf.set(Some(Arc::new(shelf)));
    library.status.set(LibraryStatus::Ready);
}

/// Whether `shelf` came from the device rather than the backend just now.
pub fn is_saved_copy(shelf: &Shelf) -> bool {
    shelf.freshness == Freshness::SavedCopy
}
