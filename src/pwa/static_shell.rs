//! The first-paint shell: `index.html` carries a static copy of the header
//! and the home page's top (`#static-shell`) so something shows before the
//! app loads, and Trunk's loader (`Trunk.toml`) fetches the wasm only once
//! that copy has been painted. The app starts after a frame, and its
//! take-over (`components/pwa/take_over.rs`) removes the copy once the app's
//! page is drawn, so the copy is what the customer sees first (and what the
//! browser counts as the largest paint), and it never shows twice.

use std::cell::Cell;
use std::rc::Rc;

use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;

/// How long to wait for a frame before starting anyway: a tab opened in the
/// background gets no frames until it is shown, and the app (its outbox
/// among others) must still start there.
const NO_FRAME_MS: i32 = 250;

/// The start-up work, held until it runs.
type PendingStart = Rc<Cell<Option<Box<dyn FnOnce()>>>>;

/// Runs `start` after the next frame has been painted (or after
/// [`NO_FRAME_MS`] without one), exactly once.
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
    // A task queued from inside the frame callback runs after that frame's
    // paint.
    let after_paint = {
        let run = run.clone();
        let window = window.clone();
        Closure::once_into_js(move || {
            let task = Closure::once_into_js(run);
            let _ = window.set_timeout_with_callback(task.unchecked_ref());
        })
    };
    let fallback = Closure::once_into_js(run);
    if window
        .request_animation_frame(after_paint.unchecked_ref())
        .is_err()
    {
        let _ = window.set_timeout_with_callback(fallback.unchecked_ref());
        return;
    }
    let _ = window.set_timeout_with_callback_and_timeout_and_arguments_0(
        fallback.unchecked_ref(),
        NO_FRAME_MS,
    );
}

/// The search box's id, in the static copy and in the app alike.
const SEARCH_ID: &str = "kb-search";

/// Removes `#static-shell` from the page, if it is there, keeping what the
/// customer already typed into its search box: the app's search box gets
/// the focus at once if the static one had it, and on the home page the
/// words are returned, for the caller to put into the address (`/?q=…`,
/// which the home page reads).
pub fn remove_static_shell() -> Option<String> {
    let window = web_sys::window()?;
    let document = window.document()?;
    let shell = document.get_element_by_id("static-shell")?;
    let search = shell
        .query_selector(&format!("#{SEARCH_ID}"))
        .ok()
        .flatten()
        .and_then(|e| e.dyn_into::<web_sys::HtmlInputElement>().ok());
    let focused = search
        .as_ref()
        .is_some_and(|search| document.active_element().is_some_and(|e| e == ***search));
    let on_home = window.location().pathname().is_ok_and(|path| path == "/");
    let words = search
        .map(|search| search.value())
        .filter(|words| on_home && !words.trim().is_empty());
    shell.remove();
    if focused {
        // The app's box is drawn by now, so the focus moves at once and no
        // keystroke falls between the two boxes.
        let app_box = document
            .get_element_by_id(SEARCH_ID)
            .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok());
        match app_box {
            Some(app_box) => {
                let _ = app_box.focus();
            }
            None => crate::components::focus::focus_later(SEARCH_ID),
        }
    }
    words
}
