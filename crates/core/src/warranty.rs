//! Warranty status of a registered product, from its purchase date and the
//! length of its warranty in months, as the customer's product list shows it.

use serde::{Deserialize, Serialize};

use crate::time::Date;

/// Whether a product is covered on a given day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "status", rename_all = "snake_case")]
pub enum WarrantyStatus {
    /// Covered up to and including `until`.
    InWarranty { until: Date },
    /// The cover ended with the day `on`.
    Expired { on: Date },
    /// The purchase date lies after the day asked about (a typo, or a clock
    /// that is wrong).
    NotYetValid,
}

/// The warranty status on `today` of a product bought on `purchase` with a
/// warranty of `warranty_months` months. The cover runs from the purchase
/// date up to and including the same day `warranty_months` later, or that
/// month's last day when it is shorter (bought 31 January with one month: up
/// to 28 or 29 February). With no months there is no cover at all.
pub fn warranty_status(purchase: Date, warranty_months: u32, today: Date) -> WarrantyStatus {
    if today < purchase {
        return WarrantyStatus::NotYetValid;
    }
    // Beyond the year 9999 the cover outlasts any `today` there can be.
    let Some(last_day) = purchase.add_months(warranty_months) else {
        return WarrantyStatus::InWarranty {
            until: Date::new(9999, 12, 31).expect("a real date"),
        };
    };
    if warranty_months == 0 || today > last_day {
        WarrantyStatus::Expired { on: last_day }
    } else {
        WarrantyStatus::InWarranty { until: last_day }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(text: &str) -> Date {
        Date::parse(text).unwrap()
    }

    #[test]
    fn covered_through_the_same_day_months_later() {
        let bought = date("2025-03-15");
        let until = WarrantyStatus::InWarranty {
            until: date("2026-03-15"),
        };
        assert_eq!(warranty_status(bought, 12, date("2025-03-15")), until);
        assert_eq!(warranty_status(bought, 12, date("2026-03-15")), until);
        assert_eq!(
            warranty_status(bought, 12, date("2026-03-16")),
            WarrantyStatus::Expired {
                on: date("2026-03-15")
            }
        );
    }

    #[test]
    fn month_ends_are_clamped() {
        assert_eq!(
            warranty_status(date("2026-01-31"), 1, date("2026-02-10")),
            WarrantyStatus::InWarranty {
                until: date("2026-02-28")
            }
        );
        assert_eq!(
            warranty_status(date("2028-01-31"), 1, date("2028-02-29")),
            WarrantyStatus::InWarranty {
                until: date("2028-02-29")
            }
        );
        assert_eq!(
            warranty_status(date("2026-01-31"), 1, date("2026-03-01")),
            WarrantyStatus::Expired {
                on: date("2026-02-28")
            }
        );
        assert_eq!(
            warranty_status(date("2024-02-29"), 24, date("2026-03-01")),
            WarrantyStatus::Expired {
                on: date("2026-02-28")
            }
        );
        assert_eq!(
            warranty_status(date("2026-08-31"), 6, date("2027-02-28")),
            WarrantyStatus::InWarranty {
                until: date("2027-02-28")
            }
        );
    }

    #[test]
    fn future_purchases_and_no_cover() {
        assert_eq!(
            warranty_status(date("2026-06-01"), 12, date("2026-05-31")),
            WarrantyStatus::NotYetValid
        );
        assert_eq!(
            warranty_status(date("2026-06-01"), 0, date("2026-06-01")),
            WarrantyStatus::Expired {
                on: date("2026-06-01")
            }
        );
        assert_eq!(
            warranty_status(date("9999-06-01"), 12, date("9999-12-31")),
            WarrantyStatus::InWarranty {
                until: date("9999-12-31")
            }
        );
    }

    #[test]
    fn serialises_with_a_status_tag() {
        let json = serde_json::to_value(WarrantyStatus::Expired {
            on: date("2026-02-28"),
        })
        .unwrap();
        assert_eq!(
            json,
            serde_json::json!({"status": "expired", "on": "2026-02-28"})
        );
    }
}
