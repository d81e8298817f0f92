//! The service worker's registration and updates: registers `/sw.js`, knows
//! when a newer build's worker is installed and waiting, looks for one when
//! the tab comes back into view and every half hour, and applies it on the
//! customer's word (the worker takes over, then that page reloads; other
//! open tabs only say that a new version is active and reload on their own
//! customer's word). A waiting worker that carries the build this page
//! already runs takes over silently.

use std::cell::{Cell, RefCell};
use std::time::Duration;

use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen::{closure::Closure, JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{
    ServiceWorker, ServiceWorkerContainer, ServiceWorkerRegistration, ServiceWorkerState,
};

use super::build::carries_page_build;
use super::wait::event_or_timeout;

/// How often an open tab asks whether a new build was deployed.
const CHECK_EVERY: Duration = Duration::from_secs(30 * 60);

thread_local! {
    /// This tab's service worker registration, once the browser made it.
    static REGISTRATION: RefCell<Option<ServiceWorkerRegistration>> = const { RefCell::new(None) };
    /// Whether this tab's customer asked for the new version, so this page
    /// reloads when the worker has taken over (other tabs do not).
    static ASKED: Cell<bool> = const { Cell::new(false) };
    /// Whether this page is already reloading, so it reloads once.
    static RELOADING: Cell<bool> = const { Cell::new(false) };
}

/// Whether a new version of the portal is ready, and the way to switch to it.
#[derive(Debug, Clone, Copy)]
pub struct AppUpdate {
    waiting: RwSignal<bool>,
    active: RwSignal<bool>,
    applying: RwSignal<bool>,
}

impl AppUpdate {
    /// Whether a newer build is installed and waiting for this page to
    /// reload, tracked.
    pub fn is_waiting(self) -> bool {
        self.waiting.get()
    }

    /// Whether a newer build took over this page's worker at another tab's
    /// word, so this page runs an old build until it reloads, tracked.
    pub fn is_active_elsewhere(self) -> bool {
        self.active.get()
    }

    /// Whether the customer asked to update and the page is about to reload, tracked.
    pub fn is_applying(self) -> bool {
        self.applying.get()
    }

    /// Lets the waiting worker take over; the page reloads when it has.
    /// Queued items stay in the device store, so nothing is lost.
    pub fn apply(self) {
        self.applying.set(true);
        ASKED.with(|asked| asked.set(true));
        spawn_local(switch_and_reload(false));
    }
}

/// Registers the service worker and watches for updates. Browsers without
/// service workers (or pages on insecure origins) get a state that never
/// shows an update.
pub fn use_app_update() -> AppUpdate {
    let update = AppUpdate {
        waiting: RwSignal::new(false),
        active: RwSignal::new(false),
        applying: RwSignal::new(false),
    };
    let Some(container) = container() else {
        return update;
    };
    // A page without a controller is on its first visit: the worker that
    // takes over then is not an update, and reloading would loop.
    if container.controller().is_some() {
        let (waiting, active) = (update.waiting, update.active);
        let watched = container.clone();
        let on_controller_change = Closure::<dyn FnMut()>::new(move || {
            if ASKED.with(Cell::get) {
                reload_once();
                return;
            }
            // Another tab's customer chose the new version (or this page
            // let its own build's worker in): unless it is the build this
            // page runs, this page says so and reloads on its own
            // customer's word.
            let container = watched.clone();
            spawn_local(async move {
                let Some(controller) = container.controller() else {
                    return;
                };
                if !carries_page_build(&container, &controller).await {
                    waiting.set(false);
                    active.set(true);
                }
            });
        });
        container.set_oncontrollerchange(Some(on_controller_change.as_ref().unchecked_ref()));
        on_controller_change.forget();
    }
    let waiting = update.waiting;
    spawn_local(async move {
        let Ok(registration) = JsFuture::from(container.register("/sw.js")).await else {
            return;
        };
        let registration: ServiceWorkerRegistration = registration.unchecked_into();
        REGISTRATION.with(|kept| *kept.borrow_mut() = Some(registration.clone()));
        watch_for_installs(&registration, waiting);
        if let (Some(worker), true) = (registration.waiting(), is_controlled()) {
            offer(worker, waiting).await;
        }
    });
    check_when_visible();
    set_interval(|| spawn_local(check_for_update()), CHECK_EVERY);
    update
}

/// Asks the server whether the service worker changed (a new build), then
/// lets a waiting worker take over and reloads; with no network, or no new
/// build, it just reloads. The out-of-date notice uses it.
pub async fn update_and_reload() {
    ASKED.with(|asked| asked.set(true));
    check_for_update().await;
    if let Some(installing) = registration().and_then(|r| r.installing()) {
        // Give the new build's worker a moment to finish installing.
        event_or_timeout(&installing, "statechange", 10_000).await;
    }
    switch_and_reload(true).await;
}

/// Posts `skip-waiting` to the waiting worker, if any, and reloads once it
/// has taken over (or after a few seconds, in case this page had no
/// controller to change); reloads at once when nothing is waiting.
async fn switch_and_reload(wait_briefly: bool) {
    let waiting = registration().and_then(|r| r.waiting());
    let Some(worker) = waiting else {
        reload_once();
        return;
    };
    skip_waiting(&worker);
    if let Some(container) = container() {
        let limit = if wait_briefly { 5_000 } else { 10_000 };
        event_or_timeout(&container, "controllerchange", limit).await;
    }
    reload_once();
}

/// Asks `worker` to take over at once.
fn skip_waiting(worker: &ServiceWorker) {
    let message = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&message, &"type".into(), &"skip-waiting".into());
    let _ = worker.post_message(&message);
}

/// Offers the waiting `worker`'s build to the customer, unless it is the
/// build this page already runs (loaded from the network after a deploy):
/// then it takes over silently, and nothing needs a reload.
async fn offer(worker: ServiceWorker, waiting: RwSignal<bool>) {
    let Some(container) = container() else {
        return;
    };
    if carries_page_build(&container, &worker).await {
        skip_waiting(&worker);
    } else {
        waiting.set(true);
    }
}

/// Marks the waiting state when a newly found worker finishes installing
/// while this page is already controlled (an update, not a first install).
fn watch_for_installs(registration: &ServiceWorkerRegistration, waiting: RwSignal<bool>) {
    let found = registration.clone();
    let on_update_found = Closure::<dyn FnMut()>::new(move || {
        let Some(worker) = found.installing() else {
            return;
        };
        let watched: ServiceWorker = worker.clone();
        let on_state_change = Closure::<dyn FnMut()>::new(move || {
            if watched.state() == ServiceWorkerState::Installed && is_controlled() {
                spawn_local(offer(watched.clone(), waiting));
            }
        });
        worker.set_onstatechange(Some(on_state_change.as_ref().unchecked_ref()));
        on_state_change.forget();
    });
    registration.set_onupdatefound(Some(on_update_found.as_ref().unchecked_ref()));
    on_update_found.forget();
}

/// Checks for a new build whenever the customer comes back to the tab.
fn check_when_visible() {
    let on_visible = Closure::<dyn FnMut()>::new(move || {
        if document().visibility_state() == web_sys::VisibilityState::Visible {
            spawn_local(check_for_update());
        }
    });
    let _ = document()
        .add_event_listener_with_callback("visibilitychange", on_visible.as_ref().unchecked_ref());
    on_visible.forget();
}

/// Asks the browser to fetch `sw.js` again; a failure (no network) only
/// means the next check will try again.
async fn check_for_update() {
    let Some(registration) = registration() else {
        return;
    };
    if let Ok(promise) = registration.update() {
        let _ = JsFuture::from(promise).await;
    }
}

fn registration() -> Option<ServiceWorkerRegistration> {
    REGISTRATION.with(|kept| kept.borrow().clone())
}

/// The page's service worker container, when the browser offers one here.
fn container() -> Option<ServiceWorkerContainer> {
    let navigator = web_sys::window()?.navigator();
    let present = js_sys::Reflect::get(&navigator, &JsValue::from_str("serviceWorker")).ok()?;
    if present.is_undefined() {
        return None;
    }
    Some(navigator.service_worker())
}

fn is_controlled() -> bool {
    container().is_some_and(|c| c.controller().is_some())
}

fn reload_once() {
    if !RELOADING.with(|reloading| reloading.replace(true)) {
        reload();
    }
}

fn reload() {
    if let Some(window) = web_sys::window() {
        let _ = window.location().reload();
    }
}
