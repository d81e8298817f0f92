//! Keeps `<link rel="manifest">` pointing at the web app manifest in the
//! customer's language, so an installed portal carries the name they read.

use leptos::prelude::*;

use crate::language::LanguageChoice;

/// Points the page's manifest link at `/manifest.{locale}.webmanifest`
/// whenever the language changes. Does nothing without a language in
/// context or a manifest link in the page.
pub fn use_manifest_link() {
    let Some(choice) = use_context::<LanguageChoice>() else {
        return;
    };
    Effect::new(move |_| {
        let href = manifest_href(choice.get().tag());
        if let Ok(Some(link)) = document().query_selector("link[rel='manifest']") {
            if link.get_attribute("href").as_deref() != Some(href.as_str()) {
                let _ = link.set_attribute("href", &href);
            }
        }
    });
}

/// The manifest file for a locale tag such as `zh-CN`.
pub fn manifest_href(tag: &str) -> String {
    format!("/manifest.{tag}.webmanifest")
}
