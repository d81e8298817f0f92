//! One tab at a time: runs a task under a Web Lock (`navigator.locks`), so
//! that when a customer has the portal open in several tabs only one of them
//! replays the outbox; the others wait their turn and then find nothing due.
//! Browsers without Web Locks run the task at once.

use std::future::Future;

use js_sys::{Function, Object, Promise, Reflect};
use wasm_bindgen::{closure::Closure, JsCast, JsValue};
use wasm_bindgen_futures::{future_to_promise, JsFuture};

/// Runs `task` while holding the lock `name`, shared by every tab of this
/// origin, and waits until it is done.
pub async fn run_exclusively<F>(name: &str, task: F)
where
    F: Future<Output = ()> + 'static,
{
    let Some((locks, request)) = lock_manager() else {
        task.await;
        return;
    };
    let mut task = Some(task);
    let callback = Closure::once(move |_lock: JsValue| -> Promise {
        match task.take() {
            Some(task) => future_to_promise(async move {
                task.await;
                Ok(JsValue::UNDEFINED)
            }),
            None => Promise::resolve(&JsValue::UNDEFINED),
        }
    });
    let options = Object::new();
    let _ = Reflect::set(&options, &"mode".into(), &"exclusive".into());
    let held = request.call3(
        &locks,
        &JsValue::from_str(name),
        &options,
        callback.as_ref().unchecked_ref(),
    );
    if let Ok(promise) = held.and_then(|p| p.dyn_into::<Promise>()) {
        let _ = JsFuture::from(promise).await;
    }
    drop(callback);
}

/// `navigator.locks` and its `request` method, when the browser has them.
fn lock_manager() -> Option<(JsValue, Function)> {
    let navigator = web_sys::window()?.navigator();
    let locks = Reflect::get(&navigator, &"locks".into()).ok()?;
    if locks.is_undefined() || locks.is_null() {
        return None;
    }
    let request = Reflect::get(&locks, &"request".into()).ok()?;
    Some((locks, request.dyn_into().ok()?))
}
