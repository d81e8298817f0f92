//! The wait for the knowledge base: a skeleton while nothing is saved and the
//! first load runs, an error panel (with "Try again") when nothing could be
//! read, and otherwise the page's content drawn from the current shelf. The
//! content is drawn again when delta sync brings a newer shelf.

use std::sync::Arc;

use aftercare_core::PortalError;
use leptos::prelude::*;

use crate::components::{load_error::LoadError, skeleton::SkeletonCards};
use crate::kb::library::is_saved_copy;
use crate::kb::{use_library, LibraryStatus, Shelf};

/// Draws `render` with the current shelf once there is one.
#[component]
pub fn ShelfGate<F, V>(
    /// Draws the content from the shelf.
    render: F,
    /// How many skeleton cards stand in while loading.
    #[prop(default = 2)]
    skeletons: usize,
) -> impl IntoView
where
    F: Fn(Arc<Shelf>) -> V + Send + Sync + 'static,
    V: IntoView + 'static,
{
    let library = use_library();
    let state = move || match library.shelf() {
        Some(shelf) => Ok(Some(shelf)),
        None => match library.status() {
            LibraryStatus::Unavailable(error) => Err::<_, PortalError>(error),
            _ => Ok(None),
        },
    };
    view! {
        <ErrorBoundary fallback=move |errors| {
            view! { <LoadError errors on_retry=Callback::new(move |_| library.reload()) /> }
        }>
            {move || state().map(|shelf| match shelf {
                Some(shelf) => render(shelf).into_any(),
                None => view! { <SkeletonCards count=skeletons /> }.into_any(),
            })}
        </ErrorBoundary>
    }
}

/// Whether a page drawn from `shelf` should say it shows a copy saved on
/// this device ("You are offline…"): the shelf came from the device and the
/// last sync could not reach the backend. While a sync is still under way
/// the notice would flash for nothing, so it waits for the sync's outcome.
pub fn reading_saved_copy(shelf: &Shelf) -> bool {
    is_saved_copy(shelf) && crate::kb::use_library().sync_failed()
}
