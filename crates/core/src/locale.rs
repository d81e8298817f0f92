//! The languages the portal speaks and how a customer's browser languages map
//! onto them.

use serde::{Deserialize, Serialize};

/// A language the portal's interface and content come in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Locale {
    #[serde(rename = "zh-CN")]
    ZhCn,
    #[serde(rename = "zh-TW")]
    ZhTw,
    #[serde(rename = "en")]
    En,
}

impl Locale {
    /// Every supported locale, in the order the language switch lists them.
    pub const ALL: [Locale; 3] = [Locale::ZhCn, Locale::ZhTw, Locale::En];

    /// The BCP 47 tag, as used in URLs, `lang` attributes and the API.
    pub fn tag(self) -> &'static str {
        match self {
            Locale::ZhCn => "zh-CN",
            Locale::ZhTw => "zh-TW",
            Locale::En => "en",
        }
    }

    /// The language's own name for itself, as the language switch shows it.
    pub fn native_name(self) -> &'static str {
        match self {
            Locale::ZhCn => "简体中文",
            Locale::ZhTw => "繁體中文",
            Locale::En => "English",
        }
    }

    /// Parses a supported tag exactly (case-insensitive), or `None`.
    pub fn from_tag(tag: &str) -> Option<Locale> {
        Locale::ALL
            .into_iter()
            .find(|locale| locale.tag().eq_ignore_ascii_case(tag.trim()))
    }

    /// Picks the best supported locale for a browser's ordered language list
    /// (`navigator.languages`). Traditional-script and Taiwan, Hong Kong and
    /// Macau variants of Chinese map to `zh-TW`, other Chinese to `zh-CN`;
    /// with nothing that matches, English.
    pub fn negotiate<'a>(preferred: impl IntoIterator<Item = &'a str>) -> Locale {
        preferred
            .into_iter()
            .find_map(Locale::closest)
            .unwrap_or(Locale::En)
    }

    fn closest(tag: &str) -> Option<Locale> {
        let tag = tag.trim().to_ascii_lowercase();
        let mut parts = tag.split(['-', '_']);
        match parts.next()? {
            "en" => Some(Locale::En),
            "zh" => {
                let rest: Vec<&str> = parts.collect();
                let traditional = rest
                    .iter()
                    .any(|part| matches!(*part, "hant" | "tw" | "hk" | "mo"));
                let simplified = rest.contains(&"hans");
                Some(if traditional && !simplified {
                    Locale::ZhTw
                } else {
                    Locale::ZhCn
                })
            }
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn negotiates_chinese_scripts_and_regions() {
        assert_eq!(Locale::negotiate(["zh-TW"]), Locale::ZhTw);
        assert_eq!(Locale::negotiate(["zh-HK", "en"]), Locale::ZhTw);
        assert_eq!(Locale::negotiate(["zh-Hant-HK"]), Locale::ZhTw);
        assert_eq!(Locale::negotiate(["zh-Hans-HK"]), Locale::ZhCn);
        assert_eq!(Locale::negotiate(["zh"]), Locale::ZhCn);
        assert_eq!(Locale::negotiate(["zh_CN"]), Locale::ZhCn);
    }

    #[test]
    fn skips_unsupported_languages_and_falls_back_to_english() {
        assert_eq!(Locale::negotiate(["fr-FR", "zh-CN"]), Locale::ZhCn);
        assert_eq!(Locale::negotiate(["de", "fr"]), Locale::En);
        assert_eq!(Locale::negotiate([]), Locale::En);
    }

    #[test]
    fn tags_round_trip() {
        for locale in Locale::ALL {
            assert_eq!(Locale::from_tag(locale.tag()), Some(locale));
        }
        assert_eq!(Locale::from_tag("ZH-cn"), Some(Locale::ZhCn));
        assert_eq!(Locale::from_tag("fr"), None);
    }
}
