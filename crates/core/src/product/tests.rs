//! Tests of product registration rules and of the warranty at its edges as
//! a registered product meets them.

use super::*;
use crate::test_support::codes_of;
use crate::warranty::warranty_status;

fn date(text: &str) -> Date {
    Date::parse(text).unwrap()
}

fn catalog() -> ServiceCatalog {
    serde_json::from_value(serde_json::json!({
        "request_types": [],
        "severities": [],
        "uploads": {"max_bytes": 1, "allowed_types": [], "image_max_edge_px": 1},
        "privacy_notice": {"en": "x"},
        "products": [
            {"model": "BW-500", "name": {"en": "Washer"}, "warranty_months": 24},
            {"model": "CS-40", "name": {"en": "Scale"}, "warranty_months": 12}
        ]
    }))
    .unwrap()
}

fn product(model: &str, serial: &str, bought: &str) -> NewProduct {
    NewProduct {
        model: model.into(),
        serial_number: serial.into(),
        purchase_date: date(bought),
        proof_of_purchase: None,
    }
}

#[test]
fn a_good_registration_passes_and_is_normalised() {
    let today = date("2026-11-24");
    let new = product("bw-500", " sn-123/a ", "2026-11-24");
    assert_eq!(new.check(&catalog(), today), vec![]);
    let stored = new.normalized(&catalog());
    assert_eq!(stored.model, "BW-500");
    assert_eq!(stored.serial_number, "SN-123/A");
}

#[test]
fn a_purchase_in_the_future_is_rejected() {
    let today = date("2026-11-24");
    assert_eq!(
        codes_of(&product("CS-40", "A1", "2026-11-25").check(&catalog(), today)),
        vec![("/purchase_date".into(), "in_the_future".into())]
    );
}

#[test]
fn unknown_models_and_bad_serials_are_named() {
    let today = date("2026-11-24");
    assert_eq!(
        codes_of(&product("XX-1", "", "2026-01-01").check(&catalog(), today)),
        vec![
            ("/model".into(), "unknown_model".into()),
            ("/serial_number".into(), "required".into()),
        ]
    );
    assert_eq!(
        codes_of(&product("CS-40", "A<1>", "2026-01-01").check(&catalog(), today)),
        vec![("/serial_number".into(), "invalid_serial".into())]
    );
    let long = "A".repeat(SERIAL_MAX_CHARS + 1);
    assert_eq!(
        codes_of(&product("CS-40", &long, "2026-01-01").check(&catalog(), today)),
        vec![("/serial_number".into(), "too_long".into())]
    );
}

#[test]
fn bought_on_29_february_the_cover_ends_on_28_february() {
    // 12 months after 29 February 2024 there is no 29th: the last day is
    // the 28th, covered; the 1st of March is not.
    let bought = date("2024-02-29");
    assert_eq!(
        catalog().warranty("CS-40", bought, date("2025-02-28")),
        Some(WarrantyStatus::InWarranty {
            until: date("2025-02-28")
        })
    );
    assert_eq!(
        catalog().warranty("CS-40", bought, date("2025-03-01")),
        Some(WarrantyStatus::Expired {
            on: date("2025-02-28")
        })
    );
    // 48 months later is a leap year again: the 29th itself.
    assert_eq!(
        warranty_status(bought, 48, date("2028-02-29")),
        WarrantyStatus::InWarranty {
            until: date("2028-02-29")
        }
    );
}

#[test]
fn the_last_day_of_warranty_is_covered_and_the_next_is_not() {
    let bought = date("2024-11-24");
    assert_eq!(
        catalog().warranty("BW-500", bought, date("2026-11-24")),
        Some(WarrantyStatus::InWarranty {
            until: date("2026-11-24")
        })
    );
    assert_eq!(
        catalog().warranty("BW-500", bought, date("2026-11-25")),
        Some(WarrantyStatus::Expired {
            on: date("2026-11-24")
        })
    );
}

#[test]
fn products_read_from_the_contract() {
    let listed: ProductList = serde_json::from_value(serde_json::json!({"items": [{
        "id": "p1", "model": "BW-500", "serial_number": "SN1", "purchase_date": "2025-01-02",
        "proof_of_purchase": null, "registered_at": "2026-11-24T08:00:00.000Z",
        "warranty": {"status": "in_warranty", "until": "2027-01-02"},
        "history": [{"number": "AC-1", "type": "fault_report", "status": "resolved",
                     "created_at": "2026-01-01T00:00:00.000Z", "updated_at": "2026-01-02T00:00:00.000Z"}]
    }]}))
    .unwrap();
    assert_eq!(listed.items[0].history[0].status, RequestStatus::Resolved);
}
