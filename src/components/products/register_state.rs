//! What the "Register a product" form holds: the model, serial number,
//! purchase date and proof of purchase as typed, the problem shown at each
//! field, and the draft of it kept in a private setting so a reload loses
//! nothing. The rules are the core's `NewProduct::check`, the same the
//! server runs.

use std::collections::BTreeMap;

use aftercare_core::forms::codes;
use aftercare_core::{Date, NewProduct, ServiceCatalog};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::store::DeviceStore;

/// The settings key of the form's draft (private: signing out wipes it).
const DRAFT_SETTING: &str = "products:draft";

/// The form's fields, in the order the page shows them.
pub const FIELDS: [&str; 4] = [
    "model",
    "serial_number",
    "purchase_date",
    "proof_of_purchase",
];

/// The id of the control of `field`.
pub fn control_id(field: &str) -> String {
    format!("product-{}", field.replace('_', "-"))
}

/// The id of the problem message of `field`.
pub fn error_id(field: &str) -> String {
    format!("{}-error", control_id(field))
}

/// The unsent answers, as the draft keeps them.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct ProductDraft {
    /// The model as the select holds it.
    #[serde(default)]
    pub model: String,
    /// The serial number as typed.
    #[serde(default)]
    pub serial_number: String,
    /// The purchase date as `YYYY-MM-DD`, or "".
    #[serde(default)]
    pub purchase_date: String,
    /// This device's file id of the proof of purchase.
    #[serde(default)]
    pub proof_of_purchase: Option<String>,
}

impl ProductDraft {
    /// Whether nothing worth keeping was entered.
    pub fn is_empty(&self) -> bool {
        *self == ProductDraft::default()
    }

    /// The answers as a registration; `None` without a purchase date.
    fn product(&self) -> Option<NewProduct> {
        Some(NewProduct {
            model: self.model.clone(),
            serial_number: self.serial_number.clone(),
            purchase_date: Date::parse(self.purchase_date.trim()).ok()?,
            proof_of_purchase: self.proof_of_purchase.clone(),
        })
    }

    /// Every problem as (field, code), in the order of the form, or the
    /// registration ready to send (as the backend will store it).
    pub fn check(
        &self,
        catalog: &ServiceCatalog,
        today: Date,
    ) -> Result<NewProduct, Vec<(String, String)>> {
        let date_problem = match self.purchase_date.trim() {
            "" => Some(codes::REQUIRED),
            text if Date::parse(text).is_err() => Some(codes::INVALID_DATE),
            _ => None,
        };
        // Without a date the other rules are checked against today's.
        let probe = self.product().unwrap_or_else(|| NewProduct {
            model: self.model.clone(),
            serial_number: self.serial_number.clone(),
            purchase_date: today,
            proof_of_purchase: None,
        });
        let mut found: BTreeMap<String, String> = probe
            .check(catalog, today)
            .into_iter()
            .map(|e| (e.pointer.trim_start_matches('/').to_string(), e.code))
            .collect();
        if let Some(code) = date_problem {
            found.insert("purchase_date".into(), code.into());
        }
        if found.is_empty() {
            return Ok(probe.normalized(catalog));
        }
        Err(FIELDS
            .iter()
            .filter_map(|f| found.get(*f).map(|code| (f.to_string(), code.clone())))
            .collect())
    }
}

/// The form's state, shared by its parts.
#[derive(Clone, Copy)]
pub struct RegisterState {
    /// The answers.
    pub draft: RwSignal<ProductDraft>,
    /// The problem code shown at each field.
    pub errors: RwSignal<BTreeMap<String, String>>,
    /// Set once the saved draft is back in the form; nothing is written
    /// before, so an empty form never overwrites a draft.
    pub ready: RwSignal<bool>,
}

impl RegisterState {
    /// An empty form whose draft is read back from the device and then
    /// kept there as it changes.
    pub fn new() -> Self {
        let state = RegisterState {
            draft: RwSignal::new(ProductDraft::default()),
            errors: RwSignal::new(BTreeMap::new()),
            ready: RwSignal::new(false),
        };
        leptos::task::spawn_local(async move {
            if let Some(saved) = load_draft().await {
                let empty = state.draft.with_untracked(ProductDraft::is_empty);
                if empty {
                    state.draft.try_set(saved);
                }
            }
            state.ready.try_set(true);
        });
        Effect::new(move |_| {
            let draft = state.draft.get();
            if state.ready.get() {
                leptos::task::spawn_local(async move { save_draft(&draft).await });
            }
        });
        state
    }

    /// Changes one answer with `change`; a problem shown at `field` goes
    /// away as soon as the answer changes.
    pub fn edit(&self, field: &str, change: impl FnOnce(&mut ProductDraft)) {
        self.draft.update(change);
        self.errors.update(|errors| {
            errors.remove(field);
        });
    }

    /// The problem code at `field` (tracked).
    pub fn error(&self, field: &str) -> Option<String> {
        self.errors.with(|errors| errors.get(field).cloned())
    }

    /// The `aria-describedby` of `field`'s control: `hint` and the problem.
    pub fn described_by(&self, field: &str, hint: Option<&str>) -> Option<String> {
        let mut ids: Vec<String> = hint.map(str::to_string).into_iter().collect();
        if self.error(field).is_some() {
            ids.push(error_id(field));
        }
        (!ids.is_empty()).then(|| ids.join(" "))
    }

    /// Empties the form (its draft goes with the next write).
    pub fn clear(&self) {
        self.draft.set(ProductDraft::default());
        self.errors.set(BTreeMap::new());
    }
}

impl Default for RegisterState {
    fn default() -> Self {
        Self::new()
    }
}

async fn load_draft() -> Option<ProductDraft> {
    let store = DeviceStore::shared().await.ok()?;
    store.setting(DRAFT_SETTING).await.ok().flatten()
}

async fn save_draft(draft: &ProductDraft) {
    let Ok(store) = DeviceStore::shared().await else {
        return;
    };
    // A draft that cannot be written only lasts until the page closes.
    let _ = if draft.is_empty() {
        store.delete_setting(DRAFT_SETTING).await
    } else {
        store.put_setting(DRAFT_SETTING, draft).await
    };
}

#[cfg(test)]
mod tests {
    use super::*;

    fn catalog() -> ServiceCatalog {
        serde_json::from_str(include_str!(
            "../../../crates/server/defaults/service_catalog.json"
        ))
        .unwrap()
    }

    fn draft(model: &str, serial: &str, date: &str) -> ProductDraft {
        ProductDraft {
            model: model.into(),
            serial_number: serial.into(),
            purchase_date: date.into(),
            proof_of_purchase: None,
        }
    }

    fn problems(d: &ProductDraft) -> Vec<(String, String)> {
        let today = Date::parse("2026-11-24").unwrap();
        d.check(&catalog(), today).unwrap_err()
    }

    #[test]
    fn a_good_registration_is_sent_as_the_backend_stores_it() {
        let today = Date::parse("2026-11-24").unwrap();
        let sent = draft("bw-500", " sn-1 ", "2026-11-24")
            .check(&catalog(), today)
            .unwrap();
        assert_eq!(sent.model, "BW-500");
        assert_eq!(sent.serial_number, "SN-1");
    }

    #[test]
    fn problems_come_in_the_order_of_the_form() {
        let found = problems(&draft("", "", ""));
        let fields: Vec<&str> = found.iter().map(|(f, _)| f.as_str()).collect();
        assert_eq!(fields, ["model", "serial_number", "purchase_date"]);
        assert!(found.iter().all(|(_, code)| code == codes::REQUIRED));
    }

    #[test]
    fn a_purchase_after_today_or_not_a_day_is_refused() {
        assert_eq!(
            problems(&draft("BW-500", "SN1", "2026-11-25")),
            [("purchase_date".to_string(), "in_the_future".to_string())]
        );
        assert_eq!(
            problems(&draft("BW-500", "SN1", "2026-02-30")),
            [("purchase_date".to_string(), codes::INVALID_DATE.to_string())]
        );
        assert_eq!(
            problems(&draft("XX-1", "SN#1", "2026-01-01")),
            [
                ("model".to_string(), "unknown_model".to_string()),
                (
                    "serial_number".to_string(),
                    codes::INVALID_SERIAL.to_string()
                ),
            ]
        );
    }
}
