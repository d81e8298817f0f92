//! The embeddable widget, the portal's side: a vendor's page loads
//! `embed.js`, which opens the portal in a frame on
//! `/widget?host=…&locale=…&accent=…`. This module decides once, as the app
//! starts, whether it runs that way (in a frame, entered on `/widget`, or
//! reloaded in the same frame later: the decision is kept in the frame's
//! session storage), which host page it trusts (see
//! [`messages::trusted_host`]), and applies the compact layout's class and
//! the host's accent colour. The shell then draws the compact header, and
//! [`bridge`] carries the messages between the portal and the host page.

mod accent;
pub mod bridge;
pub mod messages;

use std::sync::OnceLock;

use aftercare_core::Locale;
use serde::{Deserialize, Serialize};
use wasm_bindgen::JsCast;

use messages::{accent_colour, query_param, trusted_host};

/// The session-storage key the frame keeps its embedding under.
const STORAGE_KEY: &str = "aftercare.widget";
/// The class on `<html>` that turns the compact layout on.
const COMPACT_CLASS: &str = "ac-widget";
/// The class on `<html>` that says the host chose the accent.
const ACCENT_CLASS: &str = "ac-widget--accent";

/// How the portal runs inside a vendor's page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Embedding {
    /// The host page's origin, the only one messages go to and come from;
    /// none when it could not be trusted (then the widget sends nothing).
    pub host: Option<String>,
    /// The host's accent colour, `#rrggbb`.
    pub accent: Option<String>,
}

static EMBEDDING: OnceLock<Option<Embedding>> = OnceLock::new();

/// Decides whether the app runs as the widget and, if so, turns the
/// compact layout and the accent on. Returns the language the host asked
/// for on entry, for the caller to switch to.
pub fn start() -> Option<Locale> {
    let (embedding, locale) = match detect() {
        Some((embedding, locale)) => (Some(embedding), locale),
        None => (None, None),
    };
    if let Some(embedding) = &embedding {
        apply(embedding);
    }
    let _ = EMBEDDING.set(embedding);
    locale
}

/// How the portal is embedded, when it runs as the widget.
pub fn embedding() -> Option<&'static Embedding> {
    EMBEDDING.get()?.as_ref()
}

/// Whether the portal runs as the widget (in the compact layout).
pub fn is_compact() -> bool {
    embedding().is_some()
}

/// Reads the embedding from the address on `/widget`, or from the frame's
/// session storage after a reload elsewhere; never outside a frame.
fn detect() -> Option<(Embedding, Option<Locale>)> {
    let window = web_sys::window()?;
    let parent = window.parent().ok().flatten()?;
    if js_sys::Object::is(&parent, &window) {
        return None;
    }
    let location = window.location();
    let ancestor = ancestor_origin(&location);
    let storage = window.session_storage().ok().flatten();
    if location.pathname().ok()? == "/widget" {
        let search = location.search().unwrap_or_default();
        let host = query_param(&search, "host");
        let embedding = Embedding {
            host: trusted_host(host.as_deref(), ancestor.as_deref()),
            accent: query_param(&search, "accent").and_then(|a| accent_colour(&a)),
        };
        let locale = query_param(&search, "locale").and_then(|tag| Locale::from_tag(&tag));
        if let (Some(storage), Ok(json)) = (storage, serde_json::to_string(&embedding)) {
            // Without it a reload of the frame shows the full layout.
            let _ = storage.set_item(STORAGE_KEY, &json);
        }
        return Some((embedding, locale));
    }
    let saved = storage?.get_item(STORAGE_KEY).ok()??;
    let saved: Embedding = serde_json::from_str(&saved).ok()?;
    let embedding = Embedding {
        host: trusted_host(saved.host.as_deref(), ancestor.as_deref()),
        accent: saved.accent.and_then(|a| accent_colour(&a)),
    };
    Some((embedding, None))
}

/// The browser's record of the parent's origin (`ancestorOrigins[0]`);
/// `None` where the browser keeps none (Firefox).
fn ancestor_origin(location: &web_sys::Location) -> Option<String> {
    let list = js_sys::Reflect::get(location, &"ancestorOrigins".into()).ok()?;
    if list.is_undefined() || list.is_null() {
        return None;
    }
    let first = js_sys::Reflect::get(&list, &0.into()).ok()?;
    Some(first.as_string().unwrap_or_default())
}

/// Turns the compact layout on and sets the accent's custom properties on
/// `<html>` (through the CSSOM, which the portal's CSP allows).
fn apply(embedding: &Embedding) {
    let Some(root) = document_element() else {
        return;
    };
    let _ = root.class_list().add_1(COMPACT_CLASS);
    let Some(palette) = embedding.accent.as_deref().and_then(accent::Palette::of) else {
        return;
    };
    let style = root.style();
    let _ = style.set_property("--ac-accent", &palette.accent);
    let _ = style.set_property("--ac-on-accent", &palette.on_accent);
    let _ = style.set_property("--ac-host-strong-light", &palette.strong_light);
    let _ = style.set_property("--ac-host-strong-dark", &palette.strong_dark);
    let _ = root.class_list().add_1(ACCENT_CLASS);
}

fn document_element() -> Option<web_sys::HtmlElement> {
    web_sys::window()?
        .document()?
        .document_element()?
        .dyn_into()
        .ok()
}
