//! Tests of the catalog rules, and of the default catalog the server ships.

use serde_json::json;

use super::*;
use crate::forms::{validate_fields, Condition, FieldOption};
use crate::time::{Date, Timestamp};
use crate::warranty::WarrantyStatus;
use crate::Locale;

const DEFAULT_CATALOG: &str = include_str!("../../../server/defaults/service_catalog.json");

fn default_catalog() -> ServiceCatalog {
    serde_json::from_str(DEFAULT_CATALOG).expect("the default catalog has the catalog's shape")
}

fn all_locales() -> Vec<&'static str> {
    Locale::ALL.iter().map(|l| l.tag()).collect()
}

#[test]
fn the_default_catalog_passes_every_rule() {
    let catalog = default_catalog();
    assert_eq!(catalog.check(&all_locales()), Ok(()));
    // The same rules, field by field, so a failure names the form.
    for kind in &catalog.request_types {
        assert_eq!(
            check_fields(&kind.fields, &all_locales()),
            Ok(()),
            "{}",
            kind.key
        );
        for (index, field) in kind.fields.iter().enumerate() {
            assert!(!kind.fields[..index].iter().any(|f| f.key == field.key));
            assert_eq!(
                field.options.is_some(),
                field.kind.has_options(),
                "{}",
                field.key
            );
            for tag in all_locales() {
                assert!(
                    field.label.0.contains_key(tag),
                    "{}.{} {tag}",
                    kind.key,
                    field.key
                );
            }
            if let Some(condition) = &field.when {
                assert!(kind.fields[..index]
                    .iter()
                    .any(|f| f.key == condition.field()));
            }
        }
    }
}

#[test]
fn the_default_catalog_has_the_seven_request_types_with_their_fields() {
    let catalog = default_catalog();
    let keys: Vec<&str> = catalog
        .request_types
        .iter()
        .map(|t| t.key.as_str())
        .collect();
    assert_eq!(
        keys,
        [
            "consultation",
            "fault_report",
            "on_site",
            "installation",
            "return_exchange",
            "complaint",
            "suggestion"
        ]
    );
    let supervised: Vec<&str> = catalog
        .request_types
        .iter()
        .filter(|t| t.supervisor_queue)
        .map(|t| t.key.as_str())
        .collect();
    assert_eq!(supervised, ["complaint"]);
    for kind in &catalog.request_types {
        let has = |key: &str| kind.fields.iter().any(|f| f.key == key);
        for common in [
            "contact_name",
            "phone",
            "email",
            "product_model",
            "serial_number",
            "purchase_date",
            "description",
            "attachments",
        ] {
            assert!(has(common), "{} lacks {common}", kind.key);
        }
    }
    let field = |kind: &str, key: &str| {
        let kind = catalog.request_type(kind).unwrap();
        kind.fields.iter().find(|f| f.key == key).unwrap().clone()
    };
    assert_eq!(
        field("on_site", "preferred_windows").kind,
        FieldKind::Multiselect
    );
    assert_eq!(
        field("return_exchange", "refund_or_exchange").kind,
        FieldKind::Select
    );
    assert_eq!(
        field("return_exchange", "exchange_for").when,
        Some(Condition::Equals {
            field: "refund_or_exchange".into(),
            value: json!("exchange")
        })
    );
    let related = field("complaint", "related_request");
    assert!(!related.required);
    assert_eq!(
        field("fault_report", "serial_number").kind,
        FieldKind::Serial
    );
    assert!(field("fault_report", "serial_number").required);
}

#[test]
fn the_default_severities_and_limits() {
    let catalog = default_catalog();
    let targets = |key: &str| catalog.severity(key).unwrap().targets;
    assert_eq!(
        targets("critical"),
        ServiceTargets {
            first_response_minutes: 30,
            on_site_minutes: Some(240),
            resolve_minutes: 480,
            business_hours_only: false
        }
    );
    assert_eq!(targets("high").on_site_minutes, Some(480));
    assert_eq!(targets("normal").resolve_minutes, 2880);
    assert_eq!(
        targets("low"),
        ServiceTargets {
            first_response_minutes: 480,
            on_site_minutes: None,
            resolve_minutes: 2400,
            business_hours_only: true
        }
    );
    let levels: Vec<u8> = catalog.severities.iter().map(|s| s.level).collect();
    assert_eq!(levels, [1, 2, 3, 4]);
    assert!(catalog.calendar_for(&targets("critical")).is_none());
    let hours = catalog.calendar_for(&targets("low")).unwrap();
    assert_eq!(hours.utc_offset_minutes, 480);
    assert!(hours.is_open_at(Timestamp::parse("2026-11-21T16:59:00+08:00").unwrap()));
    assert!(!hours.is_open_at(Timestamp::parse("2026-11-22T10:00:00+08:00").unwrap()));
    assert!(catalog.pause_while_waiting);
    let uploads = &catalog.uploads;
    assert_eq!(uploads.max_bytes, 25 * 1024 * 1024);
    assert!(uploads.accepts("image/HEIC", 1_000));
    assert!(uploads.accepts("application/pdf; charset=binary", uploads.max_bytes));
    assert!(!uploads.accepts("application/pdf", uploads.max_bytes + 1));
    assert!(!uploads.accepts("application/zip", 10));
}

#[test]
fn a_return_in_chinese_passes_its_form() {
    let catalog = default_catalog();
    let form = &catalog.request_type("return_exchange").unwrap().fields;
    let answers = json!({
        "contact_name": "张伟", "phone": "138 0013 8000", "product_model": "AC-200 空气净化器",
        "purchase_date": "2026-11-02", "order_number": "JD-20261102-8841", "reason": "defective",
        "item_condition": "opened_unused", "refund_or_exchange": "exchange", "exchange_for": "AC-300",
        "description": "开机十分钟后自动关机，已尝试重置无效。", "attachments": ["upload-1", "upload-2"]
    });
    assert_eq!(validate_fields(form, answers.as_object().unwrap()), vec![]);
    let mut refund = answers.as_object().unwrap().clone();
    refund.insert("refund_or_exchange".into(), json!("refund"));
    let errors = validate_fields(form, &refund);
    assert_eq!(errors.len(), 1);
    assert_eq!(
        (errors[0].pointer.as_str(), errors[0].code.as_str()),
        ("/fields/exchange_for", "not_applicable")
    );
}

/// A small valid catalog to break one rule at a time.
fn small_catalog() -> ServiceCatalog {
    let mut catalog = default_catalog();
    catalog.request_types.truncate(1);
    catalog
}

#[test]
fn check_names_the_broken_rule() {
    let locales = all_locales();
    let broken = |change: fn(&mut ServiceCatalog)| {
        let mut catalog = small_catalog();
        change(&mut catalog);
        catalog.check(&locales).unwrap_err()
    };
    assert!(
        broken(|c| c.request_types[0].fields[1].key = "contact_name".into())
            .contains("appears twice")
    );
    assert!(broken(|c| c.request_types[0].fields[6].options = None).contains("needs options"));
    assert!(broken(|c| {
        c.request_types[0].fields[0].options = Some(vec![FieldOption {
            value: "x".into(),
            label: [("en", "x")].into(),
        }])
    })
    .contains("takes none"));
    assert!(broken(|c| {
        c.request_types[0].fields[0].when = Some(Condition::Equals {
            field: "topic".into(),
            value: json!("usage"),
        })
    })
    .contains("not an earlier field"));
    assert!(broken(|c| {
        c.request_types[0].fields[7].when = Some(Condition::In {
            field: "topic".into(),
            values: vec![json!("nonsense")],
        })
    })
    .contains("cannot have"));
    assert!(broken(|c| {
        c.request_types[0].fields[2].label.0.remove("zh-TW");
    })
    .contains("no zh-TW text"));
    assert!(broken(|c| c.request_types[0].key = "Fault-Report".into()).contains("lowercase"));
    assert!(broken(|c| c.severities[1].level = 1).contains("1 to n"));
    assert!(broken(|c| c.severities[0].targets.first_response_minutes = 0).contains("targets"));
    assert!(broken(|c| c.business_hours = None).contains("business hours"));
    assert!(broken(|c| c.uploads.allowed_types.push("pdf".into())).contains("media types"));
    assert!(
        broken(|c| c.business_hours.as_mut().unwrap().utc_offset_minutes = 1000)
            .contains("business_hours")
    );
    assert!(broken(|c| c.products[1].model = "bw-200".into()).contains("appears twice"));
    assert!(broken(|c| c.products[0].model = " BW-200".into()).contains("surrounding spaces"));
    assert!(broken(|c| c.products[0].model = String::new()).contains("1 to 40"));
    assert!(broken(|c| {
        c.products[2].name.0.insert("zh-CN".into(), " ".into());
    })
    .contains("product \"CS-40\" name has no zh-CN text"));
}

fn date(text: &str) -> Date {
    Date::parse(text).unwrap()
}

#[test]
fn the_default_products_are_the_knowledge_base_models() {
    let catalog = default_catalog();
    let months: Vec<(&str, u32)> = catalog
        .products
        .iter()
        .map(|p| (p.model.as_str(), p.warranty_months))
        .collect();
    // As the demo knowledge base's warranty terms say.
    assert_eq!(
        months,
        [("BW-200", 24), ("BW-500", 24), ("CS-40", 12), ("FH-1", 36)]
    );
    assert_eq!(
        catalog.product("FH-1").unwrap().name.get(Locale::ZhTw),
        "FieldHub FH-1 物聯網閘道器"
    );
}

#[test]
fn products_are_found_in_any_case_and_spacing() {
    let catalog = default_catalog();
    assert_eq!(catalog.product(" bw-500 ").unwrap().model, "BW-500");
    assert_eq!(catalog.product("cs-40").unwrap().warranty_months, 12);
    assert!(catalog.product("BW-5000").is_none());
    assert!(catalog.product("").is_none());
}

#[test]
fn warranty_uses_the_models_months() {
    let catalog = default_catalog();
    let bought = date("2025-01-31");
    assert_eq!(
        catalog.warranty("fh-1", bought, date("2026-11-24")),
        Some(WarrantyStatus::InWarranty {
            until: date("2028-01-31")
        })
    );
    assert_eq!(
        catalog.warranty("CS-40", bought, date("2026-11-24")),
        Some(WarrantyStatus::Expired {
            on: date("2026-01-31")
        })
    );
    assert_eq!(
        catalog.warranty("BW-200", bought, date("2027-01-31")),
        Some(WarrantyStatus::InWarranty {
            until: date("2027-01-31")
        })
    );
    assert_eq!(
        catalog.warranty("BW-200", bought, date("2025-01-30")),
        Some(WarrantyStatus::NotYetValid)
    );
    assert_eq!(catalog.warranty("XY-9", bought, date("2026-11-24")), None);
}

#[test]
fn a_catalog_without_products_still_reads_and_passes() {
    let mut json = serde_json::to_value(default_catalog()).unwrap();
    json.as_object_mut().unwrap().remove("products");
    let catalog: ServiceCatalog = serde_json::from_value(json).unwrap();
    assert!(catalog.products.is_empty());
    assert_eq!(catalog.check(&all_locales()), Ok(()));
    assert_eq!(
        catalog.warranty("BW-200", date("2026-01-01"), date("2026-02-01")),
        None
    );
}
