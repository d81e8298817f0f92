//! A request's warranty: the core's [`ServiceCatalog::warranty`] of the
//! product its form names, on the day the request was opened, as request
//! views show it.

use aftercare_core::{Date, ServiceCatalog, Timestamp, WarrantyStatus};
use serde_json::Value;

/// The warranty of the product the form `fields` names, on the day (see
/// [`department_day`]) of `created_at`: `None` when the form has no model
/// the catalog knows or no valid purchase date.
pub fn on_opening(
    catalog: &ServiceCatalog,
    fields: &Value,
    created_at: &str,
) -> Option<WarrantyStatus> {
    let model = fields.get("product_model")?.as_str()?.trim();
    let purchase = Date::parse(fields.get("purchase_date")?.as_str()?.trim()).ok()?;
    let day = department_day(catalog, Timestamp::parse(created_at).ok()?)?;
    catalog.warranty(model, purchase, day)
}

/// The day `instant` falls on in the zone `utc_offset_minutes` ahead of
/// UTC.
pub fn day_at(instant: Timestamp, utc_offset_minutes: i32) -> Option<Date> {
    let (days, _) = instant.local_day_and_millis(utc_offset_minutes);
    Date::from_days_since_epoch(days)
}

/// The day `instant` falls on in the service department's time zone (its
/// business calendar's), or in UTC without one: the day warranties are
/// computed on.
pub fn department_day(catalog: &ServiceCatalog, instant: Timestamp) -> Option<Date> {
    let offset = catalog
        .business_hours
        .as_ref()
        .map_or(0, |calendar| calendar.utc_offset_minutes);
    day_at(instant, offset)
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn the_warranty_is_the_one_on_the_day_the_request_was_opened() {
        let catalog = crate::catalog::defaults();
        let model = catalog.products[0].model.clone();
        let months = catalog.products[0].warranty_months;
        let fields = json!({"product_model": model, "purchase_date": "2026-01-31"});
        let status = on_opening(&catalog, &fields, "2026-02-01T10:00:00.000Z");
        let expected = aftercare_core::warranty::warranty_status(
            Date::parse("2026-01-31").unwrap(),
            months,
            Date::parse("2026-02-01").unwrap(),
        );
        assert_eq!(status, Some(expected));
        assert!(matches!(status, Some(WarrantyStatus::InWarranty { .. })));
        let unknown = json!({"product_model": "NOPE-1", "purchase_date": "2026-01-31"});
        assert_eq!(
            on_opening(&catalog, &unknown, "2026-02-01T10:00:00.000Z"),
            None
        );
        let undated = json!({"product_model": model});
        assert_eq!(
            on_opening(&catalog, &undated, "2026-02-01T10:00:00.000Z"),
            None
        );
        let bad_date = json!({"product_model": model, "purchase_date": "31/01/2026"});
        assert_eq!(
            on_opening(&catalog, &bad_date, "2026-02-01T10:00:00.000Z"),
            None
        );
        let future = json!({"product_model": model, "purchase_date": "2026-03-01"});
        assert_eq!(
            on_opening(&catalog, &future, "2026-02-01T10:00:00.000Z"),
            Some(WarrantyStatus::NotYetValid)
        );
    }
}
