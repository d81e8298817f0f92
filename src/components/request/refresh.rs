//! Keeping a page fresh: run a reload when the window gets focus or the
//! device comes back online, for as long as the page is shown.

use leptos::prelude::*;

/// Calls `reload` on every `focus` and `online` event until the calling
/// component goes away.
pub fn reload_on_focus_and_online(reload: impl Fn() + Clone + 'static) {
    let on_focus = reload.clone();
    let focus = window_event_listener(leptos::ev::focus, move |_| on_focus());
    let online = window_event_listener(leptos::ev::online, move |_| reload());
    on_cleanup(move || {
        focus.remove();
        online.remove();
    });
}
