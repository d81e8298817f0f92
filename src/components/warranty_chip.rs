//! The warranty chip: a product's warranty status in words ("In warranty
//! until 15 Mar 2027", "Out of warranty: the cover ended on …"), the same
//! in the request form and on "My products". The status itself comes from
//! `aftercare-core` (`ServiceCatalog::warranty`) with today's date on this
//! device, so the chip is right offline too.

use aftercare_core::{Date, Locale, WarrantyStatus};
use leptos::prelude::*;

use crate::i18n::*;
use crate::language::LanguageChoice;

/// Today in the browser's time zone.
pub fn today() -> Option<Date> {
    let now = js_sys::Date::new_0();
    Date::new(
        i64::from(now.get_full_year()),
        now.get_month() + 1,
        now.get_date(),
    )
}

/// A calendar day as the customer's language writes it ("15 Mar 2027").
pub fn format_day(date: Date, locale: Locale) -> String {
    let local = js_sys::Date::new_with_year_month_day(
        date.year() as u32,
        date.month() as i32 - 1,
        date.day() as i32,
    );
    let options = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&options, &"dateStyle".into(), &"medium".into());
    local.to_locale_date_string(locale.tag(), &options).into()
}

/// One warranty status as a chip with words; `None` is a model the catalog
/// does not know (the department checks it).
#[component]
pub fn WarrantyChip(
    /// The status computed for today, or `None` when it cannot be.
    status: Option<WarrantyStatus>,
) -> impl IntoView {
    let i18n = use_i18n();
    let choice = expect_context::<LanguageChoice>();
    let day = move |date: Date| format_day(date, choice.get());
    match status {
        None => view! {
            <span class="warranty__chip warranty__chip--unknown">{t!(i18n, form_warranty_unknown)}</span>
        }
        .into_any(),
        Some(WarrantyStatus::InWarranty { until }) => view! {
            <span class="warranty__chip warranty__chip--in">
                {t!(i18n, form_warranty_in, date = move || day(until))}
            </span>
        }
        .into_any(),
        Some(WarrantyStatus::Expired { on }) => view! {
            <span class="warranty__chip warranty__chip--out">
                {t!(i18n, form_warranty_out, date = move || day(on))}
            </span>
        }
        .into_any(),
        Some(WarrantyStatus::NotYetValid) => view! {
            <span class="warranty__chip warranty__chip--check">{t!(i18n, form_warranty_future)}</span>
        }
        .into_any(),
    }
}
