//! Which build of the portal a service worker carries, compared with the
//! build this page runs. A page loaded online after a deploy already runs the
//! new build (navigations go to the network first) while the old worker still
//! controls it; the new worker then waits, and offering "a new version" there
//! would be wrong. The build hook writes the build's version into
//! `index.html` (`<meta name="aftercare-build">`) and into `sw.js`
//! (`VERSION`), which answers `{type: "version?"}` with it.

use js_sys::{Promise, Reflect};
use wasm_bindgen::{closure::Closure, JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{ServiceWorker, ServiceWorkerContainer};

/// How long a worker may take to say which build it carries; a worker that
/// says nothing is treated as another build.
const ANSWER_WAIT_MS: i32 = 2_000;

/// Whether `worker` carries the very build this page runs.
pub async fn carries_page_build(
    container: &ServiceWorkerContainer,
    worker: &ServiceWorker,
) -> bool {
    let Some(page) = page_build() else {
        return false;
    };
    worker_build(container, worker).await.as_deref() == Some(page.as_str())
}

/// The build this page runs, from the meta element the build hook fills.
fn page_build() -> Option<String> {
    let document = web_sys::window()?.document()?;
    let meta = document
        .query_selector("meta[name=aftercare-build]")
        .ok()??;
    meta.get_attribute("content")
}

/// Asks `worker` for its build's version; it answers through the page's
/// service worker container (`client.postMessage`).
async fn worker_build(
    container: &ServiceWorkerContainer,
    worker: &ServiceWorker,
) -> Option<String> {
    let mut listener = None;
    let promise = Promise::new(&mut |resolve, _reject| {
        let answered = resolve.clone();
        let on_message = Closure::<dyn FnMut(JsValue)>::new(move |event: JsValue| {
            let data = Reflect::get(&event, &"data".into()).unwrap_or(JsValue::UNDEFINED);
            let kind = Reflect::get(&data, &"type".into())
                .ok()
                .and_then(|k| k.as_string());
            if kind.as_deref() == Some("version") {
                let version = Reflect::get(&data, &"version".into()).unwrap_or(JsValue::UNDEFINED);
                let _ = answered.call1(&JsValue::NULL, &version);
            }
        });
        let _ = container
            .add_event_listener_with_callback("message", on_message.as_ref().unchecked_ref());
        listener = Some(on_message);
        super::wait::resolve_after(resolve, ANSWER_WAIT_MS);
    });
    // Messages from workers reach the page only once it has started them.
    if let Ok(start) = Reflect::get(container, &"startMessages".into()) {
        if let Some(start) = start.dyn_ref::<js_sys::Function>() {
            let _ = start.call0(container);
        }
    }
    let question = js_sys::Object::new();
    let _ = Reflect::set(&question, &"type".into(), &"version?".into());
    let _ = worker.post_message(&question);
    let answer = JsFuture::from(promise)
        .await
        .ok()
        .and_then(|v| v.as_string());
    if let Some(listener) = listener {
        let _ = container
            .remove_event_listener_with_callback("message", listener.as_ref().unchecked_ref());
    }
    answer
}
