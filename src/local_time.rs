//! Dates shown in the customer's own time zone and language; the backend
//! sends UTC.

use aftercare_core::Locale;
use wasm_bindgen::JsValue;

/// Formats `utc` as a medium date in the browser's time zone.
pub fn format_date(utc: &str, locale: Locale) -> String {
    let date = js_sys::Date::new(&JsValue::from_str(utc));
    if date.get_time().is_nan() {
        return utc.to_string();
    }
    let options = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&options, &"dateStyle".into(), &"medium".into());
    date.to_locale_date_string(locale.tag(), &options).into()
}

/// Formats `utc` as a short date and time in the browser's time zone, such
/// as "24 Nov 2026, 14:30".
pub fn format_date_time(utc: &str, locale: Locale) -> String {
    format_with(
        utc,
        locale,
        &[("dateStyle", "medium"), ("timeStyle", "short")],
    )
}

/// Formats `utc` as a time of day ("14:30") when it falls today in the
/// browser's time zone, and as a date and time otherwise.
pub fn format_due(utc: &str, locale: Locale) -> String {
    let date = js_sys::Date::new(&JsValue::from_str(utc));
    let today = js_sys::Date::new_0();
    let same_day = date.get_full_year() == today.get_full_year()
        && date.get_month() == today.get_month()
        && date.get_date() == today.get_date();
    if same_day {
        format_with(utc, locale, &[("timeStyle", "short")])
    } else {
        format_date_time(utc, locale)
    }
}

/// Minutes from now until `utc` (negative once it has passed), or `None`
/// when `utc` is not a time.
pub fn minutes_until(utc: &str) -> Option<i64> {
    let at = js_sys::Date::new(&JsValue::from_str(utc)).get_time();
    if at.is_nan() {
        return None;
    }
    Some(((at - js_sys::Date::now()) / 60_000.0).floor() as i64)
}

/// Formats `utc` with `Intl.DateTimeFormat` options given as name/value pairs.
fn format_with(utc: &str, locale: Locale, options: &[(&str, &str)]) -> String {
    let date = js_sys::Date::new(&JsValue::from_str(utc));
    if date.get_time().is_nan() {
        return utc.to_string();
    }
    let object = js_sys::Object::new();
    for (name, value) in options {
        let _ = js_sys::Reflect::set(&object, &(*name).into(), &(*value).into());
    }
    date.to_locale_string(locale.tag(), &object).into()
}

/// Formats a time window such as a booked visit: "24 Nov 2026, 14:00 –
/// 16:00" when it starts and ends on the same day, both dates otherwise.
pub fn format_window(start: &str, end: &str, locale: Locale) -> String {
    let from = js_sys::Date::new(&JsValue::from_str(start));
    let to = js_sys::Date::new(&JsValue::from_str(end));
    let same_day = from.get_full_year() == to.get_full_year()
        && from.get_month() == to.get_month()
        && from.get_date() == to.get_date();
    let until = if same_day {
        format_with(end, locale, &[("timeStyle", "short")])
    } else {
        format_date_time(end, locale)
    };
    format!("{} – {until}", format_date_time(start, locale))
}
