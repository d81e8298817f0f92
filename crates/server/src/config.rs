//! The portal configuration the server publishes at `/api/v1/portal`: the
//! built-in defaults (locales, knowledge-base categories, branding) and the
//! optional TOML file that overrides them.
//!
//! The file has the shape of [`PortalConfig`], and it only needs to say what
//! it changes: tables are merged into the defaults key by key, while arrays
//! (`locales`, `categories`) replace the defaults as a whole. For example:
//!
//! ```toml
//! [branding]
//! accent_color = "#1d4ed8"
//! vendor_name = { en = "Acme", zh-CN = "艾克米", zh-TW = "艾克米" }
//!
//! [search]
//! synonyms = [["报修", "维修", "修理"], ["reset", "factory restore"]]
//! ```
//!
//! The search's synonym sets replace the defaults whole and are checked by
//! [`crate::kb::synonyms::validate`].

use std::fmt;
use std::path::{Path, PathBuf};

use aftercare_core::portal::LocalizedText;
use aftercare_core::{Branding, Category, Locale, PortalConfig};

use crate::kb::is_slug;

/// Why the configuration file could not be used.
#[derive(Debug)]
pub enum ConfigError {
    /// The file named on the command line could not be read.
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    /// The file is not TOML of the expected shape.
    Parse { path: PathBuf, message: String },
    /// The file is well-formed but breaks a rule.
    Invalid { path: PathBuf, message: String },
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ConfigError::Read { path, source } => {
                write!(f, "cannot read config file {}: {source}", path.display())
            }
            ConfigError::Parse { path, message } => {
                write!(f, "config file {} is not valid: {message}", path.display())
            }
            ConfigError::Invalid { path, message } => {
                write!(f, "config file {}: {message}", path.display())
            }
        }
    }
}

impl std::error::Error for ConfigError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            ConfigError::Read { source, .. } => Some(source),
            _ => None,
        }
    }
}

/// The configuration to serve: the defaults, overridden by `path` if given.
/// A path that was given but cannot be read is an error, never a silent
/// fallback to the defaults.
pub fn load(path: Option<&Path>) -> Result<PortalConfig, ConfigError> {
    let Some(path) = path else {
        return Ok(defaults());
    };
    let text = std::fs::read_to_string(path).map_err(|source| ConfigError::Read {
        path: path.to_path_buf(),
        source,
    })?;
    from_toml(&text).map_err(|error| match error {
        LoadError::Parse(message) => ConfigError::Parse {
            path: path.to_path_buf(),
            message,
        },
        LoadError::Invalid(message) => ConfigError::Invalid {
            path: path.to_path_buf(),
            message,
        },
    })
}

#[derive(Debug)]
enum LoadError {
    Parse(String),
    Invalid(String),
}

fn from_toml(text: &str) -> Result<PortalConfig, LoadError> {
    let overrides: toml::Table =
        toml::from_str(text).map_err(|e| LoadError::Parse(e.to_string()))?;
    let mut merged = toml::Value::try_from(defaults())
        .expect("the default configuration is representable in TOML");
    merge(&mut merged, toml::Value::Table(overrides));
    let config: PortalConfig = merged
        .try_into()
        .map_err(|e: toml::de::Error| LoadError::Parse(e.to_string()))?;
    validate(&config).map_err(LoadError::Invalid)?;
    Ok(config)
}

/// Merges `overrides` into `base`: tables key by key, everything else
/// (arrays included) replaced whole.
pub(crate) fn merge(base: &mut toml::Value, overrides: toml::Value) {
    match (base, overrides) {
        (toml::Value::Table(base), toml::Value::Table(overrides)) => {
            for (key, value) in overrides {
                match base.get_mut(&key) {
                    Some(slot) => merge(slot, value),
                    None => {
                        base.insert(key, value);
                    }
                }
            }
        }
        (slot, value) => *slot = value,
    }
}

/// Checks the rules the portal relies on, naming the first one broken.
pub fn validate(config: &PortalConfig) -> Result<(), String> {
    if config.locales.is_empty() {
        return Err("`locales` must list at least one locale".into());
    }
    for tag in &config.locales {
        if !Locale::ALL.iter().any(|locale| locale.tag() == tag) {
            return Err(format!(
                "locale {tag:?} is not one of {}",
                supported_locales().join(", ")
            ));
        }
    }
    if !config.locales.contains(&config.default_locale) {
        return Err(format!(
            "`default_locale` {:?} is not in `locales`",
            config.default_locale
        ));
    }
    if config.categories.is_empty() {
        return Err("`categories` must list at least one category".into());
    }
    for (index, category) in config.categories.iter().enumerate() {
        if !is_slug(&category.key, 40) {
            return Err(format!(
                "category key {:?} must be lowercase letters, digits and dashes",
                category.key
            ));
        }
        if config.categories[..index]
            .iter()
            .any(|other| other.key == category.key)
        {
            return Err(format!("category key {:?} appears twice", category.key));
        }
    }
    crate::kb::synonyms::validate(&config.search)?;
    if !is_hex_color(&config.branding.accent_color) {
        return Err(format!(
            "`branding.accent_color` {:?} must be a hex colour such as \"#0f766e\"",
            config.branding.accent_color
        ));
    }
    Ok(())
}

fn is_hex_color(value: &str) -> bool {
    value
        .strip_prefix('#')
        .is_some_and(|hex| matches!(hex.len(), 3 | 6) && hex.bytes().all(|b| b.is_ascii_hexdigit()))
}

/// The category keys a configuration allows, in its order.
pub fn category_keys(portal: &PortalConfig) -> Vec<&str> {
    portal.categories.iter().map(|c| c.key.as_str()).collect()
}

/// The supported locale tags, in the order the language switch lists them.
pub fn supported_locales() -> Vec<&'static str> {
    Locale::ALL.iter().map(|locale| locale.tag()).collect()
}

/// The built-in configuration: all three locales, simplified Chinese first,
/// the six standard categories, and the demo vendor's branding.
pub fn defaults() -> PortalConfig {
    PortalConfig {
        locales: supported_locales().into_iter().map(String::from).collect(),
        default_locale: Locale::ZhCn.tag().to_string(),
        categories: DEFAULT_CATEGORIES
            .iter()
            .map(|(key, label, description)| Category {
                key: key.to_string(),
                label: text(label),
                description: text(description),
            })
            .collect(),
        branding: Branding {
            portal_name: text(&["Aftercare Help Center", "售后服务中心", "售後服務中心"]),
            vendor_name: text(&["Brightwell Equipment", "明川设备", "明川設備"]),
            accent_color: "#0f766e".to_string(),
        },
        search: crate::kb::synonyms::defaults(),
    }
}

/// Text in English, simplified Chinese and traditional Chinese, in that order.
type Trio = [&'static str; 3];

fn text([en, zh_cn, zh_tw]: &Trio) -> LocalizedText {
    LocalizedText::from([("en", *en), ("zh-CN", *zh_cn), ("zh-TW", *zh_tw)])
}

const DEFAULT_CATEGORIES: [(&str, Trio, Trio); 6] = [
    (
        "installation",
        ["Installation & setup", "安装与设置", "安裝與設定"],
        [
            "Unpacking, installing, connecting and setting up for the first time.",
            "开箱、安装、接线与首次设置。",
            "開箱、安裝、接線與首次設定。",
        ],
    ),
    (
        "usage",
        ["Using your product", "使用指南", "使用指南"],
        [
            "Everyday operation, settings and care.",
            "日常操作、设置与保养。",
            "日常操作、設定與保養。",
        ],
    ),
    (
        "troubleshooting",
        ["Faults & troubleshooting", "故障排除", "故障排除"],
        [
            "Error codes, common faults and what to try before you call us.",
            "错误代码、常见故障以及报修前可以先尝试的方法。",
            "錯誤代碼、常見故障以及報修前可以先嘗試的方法。",
        ],
    ),
    (
        "warranty",
        ["Warranty & returns", "保修与退换货", "保固與退換貨"],
        [
            "What the warranty covers and how returns and exchanges work.",
            "保修范围以及退货、换货的办理方式。",
            "保固範圍以及退貨、換貨的辦理方式。",
        ],
    ),
    (
        "billing",
        ["Billing & fees", "费用与账单", "費用與帳單"],
        [
            "The published fee standard, invoices and payment.",
            "统一收费标准、发票与付款。",
            "統一收費標準、發票與付款。",
        ],
    ),
    (
        "service-policy",
        ["Service policy", "服务政策", "服務政策"],
        [
            "Response-time promises, on-site visits and how complaints are handled.",
            "响应时限承诺、上门服务以及投诉的处理方式。",
            "回應時限承諾、到府服務以及客訴的處理方式。",
        ],
    ),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_are_valid_and_complete() {
        let config = defaults();
        validate(&config).unwrap();
        assert_eq!(config.locales, ["zh-CN", "zh-TW", "en"]);
        for category in &config.categories {
            for tag in supported_locales() {
                assert!(category.label.0.contains_key(tag), "{} {tag}", category.key);
                assert!(category.description.0.contains_key(tag));
            }
        }
    }

    #[test]
    fn a_partial_file_overrides_only_what_it_names() {
        let config =
            from_toml("[branding]\naccent_color = \"#1d4ed8\"\nvendor_name = { en = \"Acme\" }\n")
                .unwrap();
        assert_eq!(config.branding.accent_color, "#1d4ed8");
        assert_eq!(config.branding.vendor_name.0["en"], "Acme");
        assert_eq!(config.branding.vendor_name.0["zh-CN"], "明川设备");
        assert_eq!(config.categories.len(), 6);
    }

    #[test]
    fn arrays_replace_the_defaults() {
        let config = from_toml(
            "locales = [\"en\"]\ndefault_locale = \"en\"\n\
             [[categories]]\nkey = \"faq\"\nlabel = { en = \"FAQ\" }\n",
        )
        .unwrap();
        assert_eq!(config.locales, ["en"]);
        assert_eq!(config.categories.len(), 1);
        assert_eq!(config.categories[0].key, "faq");
    }

    #[test]
    fn rule_breaking_files_are_rejected() {
        for bad in [
            "default_locale = \"fr\"",
            "locales = [\"zh-CN\", \"fr\"]",
            "[branding]\naccent_color = \"red; background: url(x)\"",
            "[[categories]]\nkey = \"Bad Key\"\nlabel = {}",
            "locales = 3",
            "not toml at all",
        ] {
            assert!(from_toml(bad).is_err(), "accepted {bad:?}");
        }
    }

    #[test]
    fn search_synonyms_replace_the_defaults_and_are_checked() {
        assert_eq!(defaults().search, crate::kb::synonyms::defaults());
        let config = from_toml(
            "[search]\nsynonyms = [[\"报修\", \"维修\", \"修理\"], [\"reset\", \"factory restore\"]]\n",
        )
        .unwrap();
        assert_eq!(
            config.search.synonyms.0,
            [
                vec!["报修", "维修", "修理"],
                vec!["reset", "factory restore"]
            ]
        );
        let none = from_toml("[search]\nsynonyms = []\n").unwrap();
        assert!(none.search.synonyms.0.is_empty());
        for bad in [
            "[search]\nsynonyms = [[\"报修\"]]",
            "[search]\nsynonyms = [[\"报修\", \" \"]]",
            "[search]\nsynonyms = [[\"Reset\", \"reset\"]]",
            "[search]\nsynonyms = \"报修\"",
        ] {
            assert!(from_toml(bad).is_err(), "accepted {bad:?}");
        }
        let long = format!("[search]\nsynonyms = [[\"a\", \"{}\"]]", "b".repeat(61));
        let error = from_toml(&long).unwrap_err();
        assert!(
            matches!(&error, LoadError::Invalid(m) if m.contains("60")),
            "{error:?}"
        );
    }

    #[test]
    fn an_explicit_missing_file_is_an_error() {
        let error = load(Some(Path::new("/nonexistent/aftercare.toml"))).unwrap_err();
        assert!(error.to_string().contains("/nonexistent/aftercare.toml"));
    }
}
