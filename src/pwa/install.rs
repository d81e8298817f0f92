//! The browser's offer to install the portal as an app: keeps the
//! `beforeinstallprompt` event instead of the browser's own banner, says
//! whether the portal can be installed, and shows the browser's dialog when
//! the customer presses "Install app".

use std::cell::RefCell;

use leptos::prelude::*;
use wasm_bindgen::{JsCast, JsValue};

thread_local! {
    /// The deferred `beforeinstallprompt` event; a JS value, so it stays on
    /// this thread rather than in a Send + Sync context.
    static DEFERRED: RefCell<Option<JsValue>> = const { RefCell::new(None) };
}

/// Whether the portal can be installed now, and the way to install it.
#[derive(Debug, Clone, Copy)]
pub struct InstallPrompt {
    installable: RwSignal<bool>,
}

impl InstallPrompt {
    /// Whether the browser offered to install the portal and it is not
    /// installed yet, tracked.
    pub fn is_installable(self) -> bool {
        self.installable.get()
    }

    /// Shows the browser's install dialog. The kept event can be used once,
    /// so the button hides whatever the customer answers; the browser offers
    /// again later if they declined.
    pub fn install(self) {
        let Some(event) = DEFERRED.with(|kept| kept.borrow_mut().take()) else {
            self.installable.set(false);
            return;
        };
        self.installable.set(false);
        let prompt = js_sys::Reflect::get(&event, &JsValue::from_str("prompt"))
            .ok()
            .and_then(|f| f.dyn_into::<js_sys::Function>().ok());
        let Some(prompt) = prompt else {
            return;
        };
        if let Ok(answer) = prompt.call0(&event) {
            // The promise only reports the customer's answer, which needs
            // no reply; awaiting it keeps a refusal from being "uncaught".
            let answer = js_sys::Promise::resolve(&answer);
            leptos::task::spawn_local(async move {
                let _ = wasm_bindgen_futures::JsFuture::from(answer).await;
            });
        }
    }
}

/// Where the page's loader (Trunk.toml's `pattern_script`) keeps an install
/// offer that arrived before the app started listening.
const EARLY_OFFER: &str = "__aftercareInstallOffer";

/// The install offer the loader kept before the app started, if any; taken,
/// so it is never used twice.
fn take_early_offer() -> Option<JsValue> {
    let window = web_sys::window()?;
    let key = JsValue::from_str(EARLY_OFFER);
    let offer = js_sys::Reflect::get(&window, &key).ok()?;
    let _ = js_sys::Reflect::set(&window, &key, &JsValue::UNDEFINED);
    (!offer.is_undefined() && !offer.is_null()).then_some(offer)
}

/// Listens for the browser's install offer and for the app being installed;
/// an offer the loader kept before the app started counts too.
pub fn use_install_prompt() -> InstallPrompt {
    let early = take_early_offer();
    let installable = RwSignal::new(early.is_some());
    if let Some(offer) = early {
        DEFERRED.with(|kept| *kept.borrow_mut() = Some(offer));
    }
    let offered = window_event_listener_untyped("beforeinstallprompt", move |event| {
        event.prevent_default();
        DEFERRED.with(|kept| *kept.borrow_mut() = Some(event.into()));
        installable.set(true);
    });
    std::mem::forget(offered);
    let installed = window_event_listener_untyped("appinstalled", move |_| {
        DEFERRED.with(|kept| *kept.borrow_mut() = None);
        installable.set(false);
    });
    std::mem::forget(installed);
    InstallPrompt { installable }
}
