//! The demo knowledge base compiled into the binary, so a fresh server has
//! something to show. It is the same file format `import-kb` reads.

use aftercare_core::PortalConfig;

use crate::config::category_keys;
use crate::db::{articles, Db};
use crate::kb::import::{self, ImportError, ImportOptions, ImportReport};
use crate::kb::validate::validate;

/// The demo articles, as an import file.
pub const DEMO_KB: &str = include_str!("../demo/kb.json");

/// Loads the demo articles if the article table has no rows at all (not
/// even tombstones). Returns what was loaded, or `None` when the table was
/// not empty or the demo does not fit the configured categories (a vendor's
/// own configuration may leave some of them out; that is logged, not fatal).
pub async fn seed_if_empty(
    db: &Db,
    portal: &PortalConfig,
) -> Result<Option<ImportReport>, ImportError> {
    if articles::count(db).await.map_err(ImportError::Database)? > 0 {
        return Ok(None);
    }
    let categories = category_keys(portal);
    let entries = match validate(DEMO_KB, &categories) {
        Ok(entries) => entries,
        Err(error) => {
            tracing::warn!(%error, "the demo articles do not fit this configuration; not loading them");
            return Ok(None);
        }
    };
    let report = import::apply(db, &entries, ImportOptions::default())
        .await
        .map_err(ImportError::Database)?;
    Ok(Some(report))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config;

    #[test]
    fn the_demo_fits_the_default_configuration() {
        let entries = validate(DEMO_KB, &category_keys(&config::defaults())).unwrap();
        for locale in config::supported_locales() {
            assert!(
                entries.iter().any(|e| e.locale == locale),
                "no demo article in {locale}"
            );
        }
    }
}
