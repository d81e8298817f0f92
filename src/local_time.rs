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
