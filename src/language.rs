//! Which language the customer reads the portal in: remembered on this device
//! once chosen, first guessed from the browser's languages.

use aftercare_core::Locale;
use leptos::prelude::*;

const STORAGE_KEY: &str = "aftercare.locale";

/// The customer's language as the app holds it; the write half travels in
/// context so the language switch can change it.
#[derive(Debug, Clone, Copy)]
pub struct LanguageChoice(RwSignal<Locale>);

impl LanguageChoice {
    /// The current language, tracked.
    pub fn get(self) -> Locale {
        self.0.get()
    }

    /// The current language, not tracked.
    pub fn untracked(self) -> Locale {
        self.0.get_untracked()
    }

    /// Switches the portal to `locale` and remembers it on this device.
    pub fn choose(self, locale: Locale) {
        remember(locale);
        self.0.set(locale);
    }
}

/// Provides the customer's language to everything below: the i18n context
/// for translated strings, the [`LanguageChoice`], and `<html lang>`.
///
/// The i18n crate's own provider re-applies the browser's language after the
/// first render, which would undo a remembered choice; a sub-context driven
/// by our own signal keeps the customer's choice in charge.
pub fn provide_language() -> LanguageChoice {
    let choice = RwSignal::new(initial_locale());
    let translated = Signal::derive(move || to_i18n(choice.get()));
    let context = leptos_i18n::context::init_i18n_subcontext(Some(translated));
    provide_context(context);
    Effect::new(move |_| {
        let tag = choice.get().tag();
        if let Some(root) = document().document_element() {
            let _ = root.set_attribute("lang", tag);
        }
    });
    let choice = LanguageChoice(choice);
    provide_context(choice);
    choice
}

/// The locale to start in: the customer's earlier choice on this device, or
/// the best match for the browser's languages.
pub fn initial_locale() -> Locale {
    remembered().unwrap_or_else(|| {
        let languages = browser_languages();
        Locale::negotiate(languages.iter().map(String::as_str))
    })
}

/// Remembers the customer's choice on this device.
fn remember(locale: Locale) {
    if let Some(storage) = local_storage() {
        // A full or blocked storage only costs the memory of the choice.
        let _ = storage.set_item(STORAGE_KEY, locale.tag());
    }
}

fn remembered() -> Option<Locale> {
    let tag = local_storage()?.get_item(STORAGE_KEY).ok()??;
    Locale::from_tag(&tag)
}

fn local_storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok()?
}

fn browser_languages() -> Vec<String> {
    let Some(window) = web_sys::window() else {
        return Vec::new();
    };
    let navigator = window.navigator();
    let mut languages: Vec<String> = navigator
        .languages()
        .iter()
        .filter_map(|value| value.as_string())
        .collect();
    if languages.is_empty() {
        languages.extend(navigator.language());
    }
    languages
}

/// Converts the core's locale into the i18n crate's generated one.
pub fn to_i18n(locale: Locale) -> crate::i18n::Locale {
    match locale {
        Locale::ZhCn => crate::i18n::Locale::zh_CN,
        Locale::ZhTw => crate::i18n::Locale::zh_TW,
        Locale::En => crate::i18n::Locale::en,
    }
}
