//! The app's take-over of the static first-paint copy, in two browser
//! tasks: the app's frame (header, navigation, footer) is drawn first and
//! kept hidden while the copy is still on screen (index.html's style hides
//! what follows `#static-shell`, except the update prompt and the "out of
//! date" dialog, which must be able to show and take the focus at once);
//! the page itself is drawn in the next task, and only then is the copy
//! removed, so the customer never sees a half-drawn app and neither task
//! holds the page up for long.

use leptos::prelude::*;
use leptos_router::hooks::use_navigate;
use leptos_router::NavigateOptions;

use crate::pwa::{next_task, remove_static_shell};

/// Draws `children` one browser task after the rest of the app, then
/// removes the static first-paint copy, carrying what the customer typed
/// into its search box over to the app (into the address, `/?q=…`, which
/// the home page searches). Place it inside the router, around the routes.
#[component]
pub fn TakeOverFirstPaint(
    /// The page to draw in the second task.
    children: Children,
) -> impl IntoView {
    let ready = RwSignal::new(false);
    let pending = StoredValue::new_local(Some(children));
    let navigate = use_navigate();
    let take_over = move || {
        if let Some(words) = remove_static_shell() {
            let address = format!("/?q={}", js_sys::encode_uri_component(&words));
            let options = NavigateOptions {
                replace: true,
                scroll: false,
                ..Default::default()
            };
            navigate(&address, options);
        }
    };
    leptos::task::spawn_local(async move {
        next_task().await;
        ready.set(true);
    });
    move || {
        if !ready.get() {
            return None;
        }
        let children = pending.try_update_value(Option::take).flatten()?;
        // Runs once the page below has been drawn into the document.
        queue_microtask(take_over.clone());
        // Only `ready` may ever draw this again: what the page reads while
        // it is made is the page's own business.
        Some(untrack(children))
    }
}
