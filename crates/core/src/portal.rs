//! The portal's configuration as the backend publishes it: the locales it
//! serves, the knowledge-base categories, and the vendor's branding.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::Locale;

/// Text in several languages, keyed by locale tag (`"zh-CN"`, `"en"`, ...).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(transparent)]
pub struct LocalizedText(pub BTreeMap<String, String>);

impl LocalizedText {
    /// The text for `locale`; else the simplified/traditional sibling; else
    /// English; else whatever there is; else an empty string.
    pub fn get(&self, locale: Locale) -> &str {
        let sibling = match locale {
            Locale::ZhCn => Locale::ZhTw,
            Locale::ZhTw => Locale::ZhCn,
            Locale::En => Locale::En,
        };
        [locale, sibling, Locale::En]
            .iter()
            .find_map(|l| self.0.get(l.tag()))
            .or_else(|| self.0.values().next())
            .map(String::as_str)
            .unwrap_or("")
    }
}

impl<const N: usize> From<[(&str, &str); N]> for LocalizedText {
    fn from(pairs: [(&str, &str); N]) -> Self {
        LocalizedText(
            pairs
                .into_iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect(),
        )
    }
}

/// A knowledge-base category, such as "Faults & troubleshooting".
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Category {
    pub key: String,
    pub label: LocalizedText,
    #[serde(default)]
    pub description: LocalizedText,
}

/// The vendor's name and colours, as the portal's header shows them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Branding {
    /// The portal's name in the header, per locale.
    pub portal_name: LocalizedText,
    /// The vendor whose customers this portal serves.
    pub vendor_name: LocalizedText,
    /// The accent colour as a CSS hex colour, e.g. `#0b6e4f`.
    pub accent_color: String,
}

/// Everything the portal needs to know about its backend before it draws.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PortalConfig {
    /// The locale tags the backend serves content in.
    pub locales: Vec<String>,
    pub default_locale: String,
    pub categories: Vec<Category>,
    pub branding: Branding,
    /// How the knowledge-base search reads queries (synonyms); the same on
    /// the server and on the device.
    #[serde(default)]
    pub search: crate::SearchSettings,
}

impl PortalConfig {
    /// The category with `key`, if the configuration has one.
    pub fn category(&self, key: &str) -> Option<&Category> {
        self.categories.iter().find(|c| c.key == key)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn localized_text_falls_back_through_sibling_script_then_english() {
        let both = LocalizedText::from([("zh-CN", "保修"), ("en", "Warranty")]);
        assert_eq!(both.get(Locale::ZhCn), "保修");
        assert_eq!(both.get(Locale::ZhTw), "保修");
        assert_eq!(both.get(Locale::En), "Warranty");
        let english = LocalizedText::from([("en", "Billing")]);
        assert_eq!(english.get(Locale::ZhTw), "Billing");
        assert_eq!(LocalizedText::default().get(Locale::En), "");
    }
}
