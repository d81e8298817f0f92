//! What a deleted account's service requests keep of their forms.
//!
//! The rule: every answer that says who the customer is or how to reach
//! them goes — the answer to a field whose catalog kind is `email`,
//! `phone` or `address`, or whose key ends in `_name` (`contact_name`,
//! `site_contact_name`). Everything else stays, so that the department
//! still knows what was asked and done: the product, serial number, dates,
//! choices, descriptions and attachment ids. In what stays, every exact
//! occurrence of the customer's stored name and email and of the removed
//! answers is masked (see [`super::mask`]), so that "Ana Lima's house" in
//! a description goes with the address field.
//!
//! The kinds come from the request type's fields in the catalog; a key the
//! type no longer lists takes the kind any other type gives it, and the
//! `_name` rule applies to every key whatever the catalog says.

use aftercare_core::{FieldDef, FieldKind, ServiceCatalog};
use serde_json::{Map, Value};

use super::mask::{mask_value, Traces};

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
/// kinds read from `defs`; returns the answers removed.
pub fn strip_personal(defs: &[&FieldDef], fields: &mut Map<String, Value>) -> Vec<Value> {
    let personal: Vec<String> = fields
        .keys()
        .filter(|key| {
            let kind = defs.iter().find(|def| &def.key == *key).map(|def| def.kind);
            is_personal(key, kind)
        })
        .cloned()
        .collect();
    personal
        .iter()
        .filter_map(|key| fields.remove(key))
        .collect()
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
/// split into those that stay and the personal ones removed; text that is
/// not a JSON object keeps nothing.
pub fn split_fields(
    catalog: &ServiceCatalog,
    request_type: &str,
    fields: &str,
) -> (Map<String, Value>, Vec<Value>) {
    let mut map = match serde_json::from_str::<Value>(fields) {
        Ok(Value::Object(map)) => map,
        _ => Map::new(),
    };
    let removed = strip_personal(&defs_for(catalog, request_type), &mut map);
    (map, removed)
}

/// The form answers `fields` (JSON text) of a request of `request_type`
/// with the personal ones removed and no traces in the rest.
pub fn anonymised_fields(catalog: &ServiceCatalog, request_type: &str, fields: &str) -> String {
    anonymised_forms(
        catalog,
        "",
        "",
        &[(String::new(), request_type.into(), fields.into())],
    )
    .0
    .remove(0)
    .1
}

/// Anonymises every form `(id, request type, fields)` of one customer
/// named `name` at `email`: the personal answers go, and their values, the
/// name and the email are masked in all the answers that stay, whichever
/// request they came from. Returns each request's new fields (JSON text)
/// by id, and the traces, for masking the customer's other texts.
pub fn anonymised_forms(
    catalog: &ServiceCatalog,
    name: &str,
    email: &str,
    forms: &[(String, String, String)],
) -> (Vec<(String, String)>, Traces) {
    let mut traces = Traces::new();
    traces.add(name);
    traces.add(email);
    let split: Vec<(&String, Map<String, Value>)> = forms
        .iter()
        .map(|(id, request_type, fields)| {
            let (kept, removed) = split_fields(catalog, request_type, fields);
            removed.iter().for_each(|value| traces.add_all(value));
            (id, kept)
        })
        .collect();
    let fields = split
        .into_iter()
        .map(|(id, kept)| {
            let mut kept = Value::Object(kept);
            mask_value(&mut kept, &traces);
            (id.clone(), kept.to_string())
        })
        .collect();
    (fields, traces)
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

    #[test]
    fn what_stays_loses_every_trace_of_the_customer_from_any_of_their_requests() {
        let first = json!({
            "contact_name": "Ana Lima",
            "phone": "+1 555 0100",
            "email": "ana@example.com",
            "site_address": "Ana Lima's house, 1 Main Street",
            "product_model": "BW-500",
            "description": "Ring +1 555 0100 or ANA@EXAMPLE.COM; ask for Ana Lima."
        });
        let second = json!({
            "product_model": "BW-200",
            "description": "Same as at Ana Lima's house, 1 Main Street. Signed, A. Lima (alima@example.org)"
        });
        let forms = [
            ("r1".to_string(), "on_site".to_string(), first.to_string()),
            (
                "r2".to_string(),
                "consultation".to_string(),
                second.to_string(),
            ),
        ];
        let (fields, traces) = anonymised_forms(&catalog(), "Ana L.", "alima@example.org", &forms);
        let parsed: Vec<(String, Value)> = fields
            .into_iter()
            .map(|(id, text)| (id, serde_json::from_str(&text).unwrap()))
            .collect();
        assert_eq!(
            parsed,
            [
                (
                    "r1".to_string(),
                    json!({
                        "product_model": "BW-500",
                        "description": "Ring [removed] or [removed]; ask for [removed]."
                    })
                ),
                (
                    "r2".to_string(),
                    json!({
                        "product_model": "BW-200",
                        "description": "Same as at [removed]. Signed, A. Lima ([removed])"
                    })
                )
            ]
        );
        assert_eq!(
            crate::account::mask::mask("Ana L. wrote", &traces),
            "[removed] wrote"
        );
    }
}
