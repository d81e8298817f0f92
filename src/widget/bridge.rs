//! The message bridge between the widget and its host page (contract 5).
//! The widget reads only messages whose origin is the trusted host's and
//! whose source is its parent window, and of those only the shapes
//! [`HostMessage::read`] accepts: `identify` signs the customer in with
//! the vendor's embed token, `prefill` opens the new-request form with the
//! answers given, `setLocale` switches the language. It posts, to the
//! host's origin only: `ready` once it listens, `identified` or `error`
//! after an `identify`, `requestCreated` with the number when a request
//! made here reaches the backend, and `close` when the customer closes
//! the widget (its Close button, or Escape outside an open dialog). An
//! `identify` of another customer while the earlier one's work waits to be
//! sent is refused with an `error`: the earlier session stays.

use aftercare_core::PortalError;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::use_navigate;
use serde_json::{json, Value};
use wasm_bindgen::JsCast;

use super::embedding;
use super::messages::{prefill_address, HostMessage};
use crate::language::LanguageChoice;
use crate::session::{use_account, SignInError};
use crate::sync::use_outbox;

/// Tells the host page a request made in the widget now has its `number`.
pub fn request_created(number: &str) {
    post(json!({"type": "requestCreated", "number": number}));
}

/// Asks the host page to close the widget.
pub fn close() {
    post(json!({"type": "close"}));
}

/// Posts `message` (with `aftercare: 1`) to the host page's origin, when
/// the portal runs as the widget of a trusted host; otherwise nothing.
fn post(mut message: Value) {
    let Some(host) = embedding().and_then(|e| e.host.as_deref()) else {
        return;
    };
    let Some(parent) = web_sys::window().and_then(|w| w.parent().ok().flatten()) else {
        return;
    };
    message["aftercare"] = json!(1);
    if let Ok(value) = js_sys::JSON::parse(&message.to_string()) {
        // A host that went away meanwhile misses the message, harmlessly.
        let _ = parent.post_message(&value, host);
    }
}

/// Whether `event` comes from the frame's parent window.
fn from_parent(event: &web_sys::MessageEvent) -> bool {
    let parent = web_sys::window().and_then(|w| w.parent().ok().flatten());
    match (event.source(), parent) {
        (Some(source), Some(parent)) => js_sys::Object::is(&source, &parent),
        _ => false,
    }
}

/// The message `event` carries, if it is one of the host's.
fn read(event: &web_sys::MessageEvent, host: &str) -> Option<HostMessage> {
    if event.origin() != host || !from_parent(event) {
        return None;
    }
    let json = js_sys::JSON::stringify(&event.data()).ok()?.as_string()?;
    HostMessage::read(&json)
}

/// What the host's developers are told when an `identify` is refused.
fn explain(error: SignInError) -> String {
    match error {
        SignInError::Backend(PortalError::Problem(problem)) => {
            problem.detail.unwrap_or(problem.title)
        }
        SignInError::Backend(other) => other.to_string(),
        SignInError::OtherCustomersWork { unsent } => format!(
            "another customer is signed in in this browser and {unsent} of their item(s) \
             wait to be sent; identify refused so they are not lost (that customer stays signed in)"
        ),
        SignInError::Store(error) => {
            format!("identify refused: this browser's storage failed ({error})")
        }
    }
}

/// Whether a `<dialog>` is open in the frame (Escape is then its own).
fn dialog_open(event: &web_sys::KeyboardEvent) -> bool {
    let in_dialog = event
        .target()
        .and_then(|target| target.dyn_into::<web_sys::Element>().ok())
        .and_then(|element| element.closest("dialog[open]").ok().flatten())
        .is_some();
    let any_open = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.query_selector("dialog[open]").ok().flatten())
        .is_some();
    in_dialog || any_open
}

/// Listens to the host page for the app's lifetime and says `ready`; draws
/// nothing. Mounted once, by the compact shell, inside the router.
#[component]
pub fn WidgetBridge() -> impl IntoView {
    let account = use_account();
    let outbox = use_outbox();
    let language = expect_context::<LanguageChoice>();
    let navigate = use_navigate();
    let Some(host) = embedding().and_then(|e| e.host.clone()) else {
        return;
    };
    let on_message = window_event_listener(leptos::ev::message, move |event| {
        match read(&event, &host) {
            Some(HostMessage::Identify { token }) => spawn_local(async move {
                match account.sign_in_with_embed_token(&token).await {
                    Ok(()) => {
                        post(json!({"type": "identified"}));
                        // What waited for a sign-in goes now.
                        outbox.retry_signed_out().await;
                    }
                    Err(error) => post(json!({"type": "error", "message": explain(error)})),
                }
            }),
            Some(HostMessage::Prefill { fields }) => {
                navigate(&prefill_address(&fields), Default::default())
            }
            Some(HostMessage::SetLocale(locale)) => language.choose(locale),
            None => {}
        }
    });
    std::mem::forget(on_message);
    let on_key = window_event_listener(leptos::ev::keydown, |event| {
        if event.key() == "Escape" && !event.default_prevented() && !dialog_open(&event) {
            close();
        }
    });
    std::mem::forget(on_key);
    post(json!({"type": "ready"}));
}
