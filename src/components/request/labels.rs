//! Names from the service catalog: a request type's or severity's label and
//! a form field's question in the customer's language. The catalog is the
//! one the new-request form keeps on this device (read first, so labels
//! show offline); without it the key itself is shown, made readable.

use aftercare_core::{Locale, ServiceCatalog};
use leptos::prelude::*;

use crate::components::request_form::catalog::load_catalog;
use crate::language::LanguageChoice;

/// The catalog as a page sees it: `None` until it is known.
pub type CatalogSignal = RwSignal<Option<ServiceCatalog>>;

/// Starts loading the catalog (device copy first) into a new signal.
pub fn catalog_signal() -> CatalogSignal {
    let catalog: CatalogSignal = RwSignal::new(None);
    let locale = use_context::<LanguageChoice>()
        .map(|choice| untrack(move || choice.get()))
        .unwrap_or(Locale::En);
    leptos::task::spawn_local(async move {
        if let Ok(loaded) = load_catalog(locale).await {
            catalog.try_set(Some(loaded));
        }
    });
    catalog
}

/// `fault_report` as "Fault report", for keys the catalog does not name.
pub fn readable_key(key: &str) -> String {
    let spaced = key.replace(['_', '-'], " ");
    let mut chars = spaced.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// The label of the request type `key`.
pub fn type_label(catalog: Option<&ServiceCatalog>, key: &str, locale: Locale) -> String {
    catalog
        .and_then(|c| c.request_type(key))
        .map(|t| t.label.get(locale).to_string())
        .unwrap_or_else(|| readable_key(key))
}

/// The label of the severity `key`.
pub fn severity_label(catalog: Option<&ServiceCatalog>, key: &str, locale: Locale) -> String {
    catalog
        .and_then(|c| c.severity(key))
        .map(|s| s.label.get(locale).to_string())
        .unwrap_or_else(|| readable_key(key))
}

/// The question of the field `field` of the request type `type_key`.
pub fn field_label(
    catalog: Option<&ServiceCatalog>,
    type_key: &str,
    field: &str,
    locale: Locale,
) -> String {
    catalog
        .and_then(|c| c.request_type(type_key))
        .and_then(|t| t.fields.iter().find(|f| f.key == field))
        .map(|f| f.label.get(locale).to_string())
        .unwrap_or_else(|| readable_key(field))
}
