//! The first-paint shell: `index.html` carries a static copy of the header
//! and the home page's top (`#static-shell`) so something shows before the
//! app loads. The app starts only once that copy has been painted, then
//! removes it, so the copy is what the customer sees first (and what the
//! browser counts as the largest paint), and it never shows twice.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;

/// How long to wait for the first paint before starting anyway: a tab
/// opened in the background gets no frames until it is shown, a browser
/// without paint timing never reports one, and the app (its outbox among
/// others) must still start there.
const NO_PAINT_MS: i32 = 1000;

/// The start-up work, held until it runs.
type PendingStart = Rc<Cell<Option<Box<dyn FnOnce()>>>>;

/// The frame callback that looks again at the next frame.
type FrameLoop = Rc<RefCell<Option<Closure<dyn FnMut()>>>>;

/// Runs `start` once the page's first contentful paint (the static copy)
/// has happened, or after [`NO_PAINT_MS`] without one, exactly once. A
/// frame callback alone is not enough: when the wasm arrives quickly the
/// first frame can still be ahead, and the app would replace the copy
/// before anyone (or the browser's paint timing) saw it.
pub fn after_first_paint(start: impl FnOnce() + 'static) {
    let Some(window) = web_sys::window() else {
        start();
        return;
    };
    let start: PendingStart = Rc::new(Cell::new(Some(Box::new(start))));
    let run = {
        let start = start.clone();
        move || {
            if let Some(start) = start.take() {
                start();
            }
        }
    };
    let fallback = Closure::once_into_js(run.clone());
    let _ = window.set_timeout_with_callback_and_timeout_and_arguments_0(
        fallback.unchecked_ref(),
        NO_PAINT_MS,
    );
    let frame: FrameLoop = Rc::new(RefCell::new(None));
    let again = frame.clone();
    let looking = window.clone();
    *frame.borrow_mut() = Some(Closure::new(move || {
        if has_painted(&looking) {
            // A task queued now runs after this frame's work, once the
            // copy is on screen.
            let task = Closure::once_into_js(run.clone());
            let _ = looking.set_timeout_with_callback(task.unchecked_ref());
        } else if let Some(next) = again.borrow().as_ref() {
            let _ = looking.request_animation_frame(next.as_ref().unchecked_ref());
        }
    }));
    // The callback stays alive with the page (it holds itself, to ask for
    // the next frame): one small closure, once per page load.
    let first: Option<js_sys::Function> = frame.borrow().as_ref().map(|callback| {
        callback
            .as_ref()
            .unchecked_ref::<js_sys::Function>()
            .clone()
    });
    if let Some(first) = first {
        let _ = window.request_animation_frame(&first);
    }
}

/// Whether the browser has recorded the page's first contentful paint.
fn has_painted(window: &web_sys::Window) -> bool {
    window.performance().is_some_and(|performance| {
        performance
            .get_entries_by_name("first-contentful-paint")
            .length()
            > 0
    })
}

/// The search box's id, in the static copy and in the app alike.
const SEARCH_ID: &str = "kb-search";

/// Removes `#static-shell` from the page, if it is there, keeping what the
/// customer already typed into its search box: on the home page the words
/// move into the address (`/?q=…`, which the home page reads; the router
/// hears of it as of a history move), and the app's search box gets the
/// focus if the static one had it.
pub fn remove_static_shell() {
    let Some(window) = web_sys::window() else {
        return;
    };
    let Some(document) = window.document() else {
        return;
    };
    let Some(shell) = document.get_element_by_id("static-shell") else {
        return;
    };
    let search = shell
        .query_selector(&format!("#{SEARCH_ID}"))
        .ok()
        .flatten()
        .and_then(|e| e.dyn_into::<web_sys::HtmlInputElement>().ok());
    if let Some(search) = search {
        let words = search.value();
        let on_home = window.location().pathname().is_ok_and(|path| path == "/");
        if !words.trim().is_empty() && on_home {
            let query = js_sys::encode_uri_component(&words);
            if let Ok(history) = window.history() {
                let _ = history.replace_state_with_url(
                    &wasm_bindgen::JsValue::NULL,
                    "",
                    Some(&format!("/?q={query}")),
                );
                if let Ok(moved) = web_sys::Event::new("popstate") {
                    let _ = window.dispatch_event(&moved);
                }
            }
        }
        let focused = document.active_element().is_some_and(|e| e == **search);
        if focused {
            crate::components::focus::focus_later(SEARCH_ID);
        }
    }
    shell.remove();
}
