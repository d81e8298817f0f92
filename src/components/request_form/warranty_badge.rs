//! Whether the product in the form is still under warranty, from its model
//! and purchase date, computed by `aftercare-core` with the catalog's
//! warranty months and today's date in the customer's time zone; the chip
//! itself is the shared [`WarrantyChip`].

use aftercare_core::Date;
use leptos::prelude::*;

use super::form_state::use_form;
use crate::components::warranty_chip::{today, WarrantyChip};

/// The warranty line under the purchase date; nothing until both the model
/// and the date are given.
#[component]
pub fn WarrantyBadge(
    /// The key of the product model field.
    #[prop(into)]
    product_key: String,
    /// The key of the purchase date field.
    #[prop(into)]
    date_key: String,
) -> impl IntoView {
    let form = use_form();
    let status = Memo::new(move |_| {
        let model = form.text(&product_key);
        let bought = Date::parse(&form.text(&date_key)).ok()?;
        if model.trim().is_empty() {
            return None;
        }
        let today = today()?;
        Some(
            form.catalog
                .with_value(|c| c.warranty(&model, bought, today)),
        )
    });
    view! {
        <p class="warranty" role="status">
            {move || status.get().map(|status| view! { <WarrantyChip status /> })}
        </p>
    }
}
