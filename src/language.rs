//! Which language the customer reads the portal in: remembered on this device
//! once chosen, first guessed from the browser's languages.

use aftercare_core::Locale;

const STORAGE_KEY: &str = "aftercare.locale";

/// The locale to start in: the customer's earlier choice on this device, or
/// the best match for the browser's languages.
pub fn initial_locale() -> Locale {
    remembered().unwrap_or_else(|| {
        let languages = browser_languages();
        Locale::negotiate(languages.iter().map(String::as_str))
    })
}

/// Remembers the customer's choice on this device.
pub fn remember(locale: Locale) {
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

/// Converts the i18n crate's generated locale into the core's.
pub fn from_i18n(locale: crate::i18n::Locale) -> Locale {
    match locale {
        crate::i18n::Locale::zh_CN => Locale::ZhCn,
        crate::i18n::Locale::zh_TW => Locale::ZhTw,
        crate::i18n::Locale::en => Locale::En,
    }
}
