//! What a deleted account's service requests keep of their forms.
//!
//! The rule: every answer that says who the customer is or how to reach
//! them goes — the answer to a field whose catalog kind is `email`,
//! `phone` or `address`, or whose key ends in `_name` (`contact_name`,
//! `site_contact_name`). Everything else stays, so that the department
//! still knows what was asked and done: the product, serial number, dates,
//! choices, descriptions and attachment ids. Free text (a description, a
//! message) is kept as it was written; the customer's own words are not
//! searched for names.
//!
//! The kinds come from the request type's fields in the catalog; a key the
//! type no longer lists takes the kind any other type gives it, and the
//! `_name` rule applies to every key whatever the catalog says.

use aftercare_core::{FieldDef, FieldKind, ServiceCatalog};
use serde_json::{Map, Value};

/// Whether the answer to the field `key` of `kind` (if the catalog knows
/// one) identifies or reaches the customer.
pub fn is_personal(key: &str, kind: Option<FieldKind>) -> bool {
    key.ends_with("_name")
        || matches!(
            kind,
            Some(FieldKind::Email | FieldKind::Phone | FieldKind::Address)
        )
}

/// Removes from `fields` every personal answer (see [`is_personal`]), the
/// kinds read from `defs`; returns the keys removed.
pub fn strip_personal(defs: &[&FieldDef], fields: &mut Map<String, Value>) -> Vec<String> {
    let personal: Vec<String> = fields
        .keys()
        .filter(|key| {
            let kind = defs.iter().find(|def| &def.key == *key).map(|def| def.kind);
            is_personal(key, kind)
        })
        .cloned()
        .collect();
    for key in &personal {
        fields.remove(key);
    }
    personal
}

/// The field definitions that decide for a request of `request_type`: its
/// own, then every other type's (for keys it no longer lists).
pub fn defs_for<'a>(catalog: &'a ServiceCatalog, request_type: &str) -> Vec<&'a FieldDef> {
    let own = catalog
        .request_type(request_type)
        .into_iter()
        .flat_map(|kind| kind.fields.iter());
    let others = catalog
        .request_types
        .iter()
        .filter(|kind| kind.key != request_type)
        .flat_map(|kind| kind.fields.iter());
    own.chain(others).collect()
}

/// The form answers `fields` (JSON text) of a request of `request_type`
/// with the personal ones removed; text that is not a JSON object becomes
/// an empty object.
pub fn anonymised_fields(catalog: &ServiceCatalog, request_type: &str, fields: &str) -> String {
    let mut map = match serde_json::from_str::<Value>(fields) {
        Ok(Value::Object(map)) => map,
        _ => Map::new(),
    };
    strip_personal(&defs_for(catalog, request_type), &mut map);
    Value::Object(map).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn catalog() -> ServiceCatalog {
        crate::catalog::defaults()
    }

    #[test]
    fn contact_details_go_and_the_rest_stays() {
        let fields = json!({
            "contact_name": "王小明",
            "phone": "+86 138 0000 0000",
            "email": "wang@example.com",
            "site_address": "上海市浦东新区 1 号",
            "site_contact_name": "李四",
            "site_contact_phone": "+86 139 0000 0000",
            "product_model": "BW-200",
            "serial_number": "SN-1",
            "description": "It stopped heating.",
            "attachments": ["att_1"]
        });
        let out = anonymised_fields(&catalog(), "on_site", &fields.to_string());
        let out: Value = serde_json::from_str(&out).unwrap();
        assert_eq!(
            out,
            json!({
                "product_model": "BW-200",
                "serial_number": "SN-1",
                "description": "It stopped heating.",
                "attachments": ["att_1"]
            })
        );
    }

    #[test]
    fn the_kind_decides_whatever_the_key() {
        assert!(is_personal("mobile", Some(FieldKind::Phone)));
        assert!(is_personal("billing", Some(FieldKind::Address)));
        assert!(is_personal("reply_to", Some(FieldKind::Email)));
        assert!(is_personal("engineer_name", None));
        assert!(!is_personal("name_of_product", Some(FieldKind::Text)));
        assert!(!is_personal("serial_number", Some(FieldKind::Serial)));
    }

    #[test]
    fn keys_an_unknown_type_names_take_other_types_kinds() {
        let fields = json!({"phone": "+1 555 0100", "email": "a@b.co", "topic": "usage"});
        let out = anonymised_fields(&catalog(), "retired_type", &fields.to_string());
        assert_eq!(
            serde_json::from_str::<Value>(&out).unwrap(),
            json!({"topic": "usage"})
        );
        assert_eq!(anonymised_fields(&catalog(), "consultation", "[1]"), "{}");
    }
}
