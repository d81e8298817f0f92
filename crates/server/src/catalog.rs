//! The service catalog the server publishes with the portal configuration:
//! request types and their forms, severities and their service-level
//! targets, upload limits, the privacy notice and business hours (see
//! [`ServiceCatalog`]).
//!
//! The default is `defaults/service_catalog.json`, embedded in the binary.
//! The configuration file overrides it in its `[service]` table, by the same
//! rule as the rest of the portal configuration: tables merge key by key,
//! arrays (`request_types`, `severities`, a form's `fields`) replace the
//! default whole. For example:
//!
//! ```toml
//! [service]
//! pause_while_waiting = false
//!
//! [service.uploads]
//! max_bytes = 10485760
//! ```
//!
//! The result must pass [`ServiceCatalog::check`] for every locale the portal
//! serves, or the server does not start.

use std::path::Path;

use aftercare_core::{PortalConfig, ServiceCatalog};

use crate::config::{self, ConfigError};

/// The default catalog's JSON: the seven request types and four severities
/// of the domain brief.
pub const DEFAULT_CATALOG: &str = include_str!("../defaults/service_catalog.json");

/// The table of the configuration file that overrides the catalog.
pub const TABLE: &str = "service";

/// The default catalog.
pub fn defaults() -> ServiceCatalog {
    serde_json::from_str(DEFAULT_CATALOG).expect("the default service catalog is valid JSON")
}

/// The catalog to serve: the defaults, overridden by the `[service]` table
/// of the file at `path` if given, checked against `portal`'s locales.
pub fn load(path: Option<&Path>, portal: &PortalConfig) -> Result<ServiceCatalog, ConfigError> {
    let Some(path) = path else {
        let catalog = defaults();
        check(&catalog, portal).map_err(|message| ConfigError::Invalid {
            path: "defaults/service_catalog.json".into(),
            message,
        })?;
        return Ok(catalog);
    };
    let text = std::fs::read_to_string(path).map_err(|source| ConfigError::Read {
        path: path.to_path_buf(),
        source,
    })?;
    from_toml(&text, portal).map_err(|(invalid, message)| {
        let path = path.to_path_buf();
        if invalid {
            ConfigError::Invalid { path, message }
        } else {
            ConfigError::Parse { path, message }
        }
    })
}

/// The catalog from a whole configuration file's text. The error says
/// whether the file was unreadable (`false`) or broke a rule (`true`).
fn from_toml(text: &str, portal: &PortalConfig) -> Result<ServiceCatalog, (bool, String)> {
    let mut file: toml::Table = toml::from_str(text).map_err(|e| (false, e.to_string()))?;
    let mut merged =
        toml::Value::try_from(defaults()).expect("the default catalog is representable in TOML");
    if let Some(overrides) = file.remove(TABLE) {
        if !overrides.is_table() {
            return Err((false, format!("`{TABLE}` must be a table")));
        }
        config::merge(&mut merged, overrides);
    }
    let catalog: ServiceCatalog = merged
        .try_into()
        .map_err(|e: toml::de::Error| (false, format!("[{TABLE}]: {e}")))?;
    check(&catalog, portal).map_err(|message| (true, message))?;
    Ok(catalog)
}

/// [`ServiceCatalog::check`] for the portal's locales.
pub fn check(catalog: &ServiceCatalog, portal: &PortalConfig) -> Result<(), String> {
    let locales: Vec<&str> = portal.locales.iter().map(String::as_str).collect();
    catalog
        .check(&locales)
        .map_err(|e| format!("[{TABLE}]: {e}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_default_catalog_passes_its_checks() {
        let catalog = defaults();
        check(&catalog, &config::defaults()).unwrap();
        assert_eq!(catalog.request_types.len(), 7);
        assert_eq!(catalog.severities.len(), 4);
        assert!(catalog.request_type("complaint").unwrap().supervisor_queue);
    }

    #[test]
    fn a_file_overrides_only_what_it_names() {
        let portal = config::defaults();
        let catalog = from_toml(
            "[branding]\naccent_color = \"#123456\"\n\
             [service]\npause_while_waiting = false\n\
             [service.uploads]\nmax_bytes = 1000\n",
            &portal,
        )
        .unwrap();
        assert!(!catalog.pause_while_waiting);
        assert_eq!(catalog.uploads.max_bytes, 1000);
        assert_eq!(
            catalog.uploads.allowed_types,
            defaults().uploads.allowed_types
        );
        assert_eq!(catalog.request_types, defaults().request_types);
        // The defaults survive the trip through TOML unchanged.
        assert_eq!(from_toml("", &portal).unwrap(), defaults());
    }

    #[test]
    fn rule_breaking_catalogs_are_refused() {
        let portal = config::defaults();
        for (bad, invalid) in [
            ("[service.uploads]\nmax_bytes = 0\n", true),
            ("service = 3\n", false),
            ("[service]\nseverities = []\n", true),
            ("[service]\npause_while_waiting = \"yes\"\n", false),
        ] {
            let error = from_toml(bad, &portal).expect_err(bad);
            assert_eq!(error.0, invalid, "{bad}: {}", error.1);
        }
    }
}
