//! Small helpers to wait in async code: for one event on a browser object
//! or for a time limit, whichever comes first; or for the browser's next
//! task, so start-up work is cut into pieces the browser can interleave
//! with input and paint instead of one long task.

use js_sys::{Function, Promise};
use wasm_bindgen::{closure::Closure, JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::EventTarget;

/// Resolves when `target` fires `event` or after `limit_ms`, whichever is
/// first; it says nothing about which, since callers go on either way.
pub async fn event_or_timeout(target: &EventTarget, event: &str, limit_ms: i32) {
    let promise = Promise::new(&mut |resolve, _reject| {
        let on_event = resolve.clone();
        let listener = Closure::once_into_js(move || {
            let _ = on_event.call0(&JsValue::NULL);
        });
        let options = web_sys::AddEventListenerOptions::new();
        options.set_once(true);
        let _ = target.add_event_listener_with_callback_and_add_event_listener_options(
            event,
            listener.unchecked_ref(),
            &options,
        );
        resolve_after(resolve, limit_ms);
    });
    let _ = JsFuture::from(promise).await;
}

/// Resolves in a later task of the event loop (a zero-delay timer), after
/// the current task and its microtasks have finished: what follows runs as
/// its own task.
pub async fn next_task() {
    let promise = Promise::new(&mut |resolve, _reject| resolve_after(resolve, 0));
    let _ = JsFuture::from(promise).await;
}

/// Calls a promise's `resolve` with no value after `limit_ms`: the time
/// limit of a wait, whatever else may resolve it first.
pub fn resolve_after(resolve: Function, limit_ms: i32) {
    let Some(window) = web_sys::window() else {
        return;
    };
    let timer = Closure::once_into_js(move || {
        let _ = resolve.call0(&JsValue::NULL);
    });
    let _ = window
        .set_timeout_with_callback_and_timeout_and_arguments_0(timer.unchecked_ref(), limit_ms);
}
