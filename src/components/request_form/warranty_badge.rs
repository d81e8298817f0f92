//! Whether the product in the form is still under warranty, from its model
//! and purchase date, computed by `aftercare-core` with the catalog's
//! warranty months and today's date in the customer's time zone.

use aftercare_core::{Date, Locale, WarrantyStatus};
use leptos::prelude::*;

use super::form_state::use_form;
use crate::i18n::*;

/// Today in the browser's time zone.
fn today() -> Option<Date> {
    let now = js_sys::Date::new_0();
    Date::new(
        i64::from(now.get_full_year()),
        now.get_month() + 1,
        now.get_date(),
    )
}

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
    let i18n = use_i18n();
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
    let day = move |date: Date| format_day(date, form.locale.get());
    view! {
        <p class="warranty" role="status">
            {move || match status.get() {
                None => ().into_any(),
                Some(None) => view! {
                    <span class="warranty__chip warranty__chip--unknown">{t!(i18n, form_warranty_unknown)}</span>
                }.into_any(),
                Some(Some(WarrantyStatus::InWarranty { until })) => view! {
                    <span class="warranty__chip warranty__chip--in">
                        {t!(i18n, form_warranty_in, date = move || day(until))}
                    </span>
                }.into_any(),
                Some(Some(WarrantyStatus::Expired { on })) => view! {
                    <span class="warranty__chip warranty__chip--out">
                        {t!(i18n, form_warranty_out, date = move || day(on))}
                    </span>
                }.into_any(),
                Some(Some(WarrantyStatus::NotYetValid)) => view! {
                    <span class="warranty__chip warranty__chip--check">{t!(i18n, form_warranty_future)}</span>
                }.into_any(),
            }}
        </p>
    }
}

/// A calendar day as the customer's language writes it ("15 Mar 2027").
fn format_day(date: Date, locale: Locale) -> String {
    let local = js_sys::Date::new_with_year_month_day(
        date.year() as u32,
        date.month() as i32 - 1,
        date.day() as i32,
    );
    let options = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&options, &"dateStyle".into(), &"medium".into());
    local.to_locale_date_string(locale.tag(), &options).into()
}
