//! Dates and dates with a time. A date is sent as the `YYYY-MM-DD` the
//! browser's picker gives; a date and time is picked in the customer's own
//! time zone and sent as an RFC 3339 instant in UTC.

use aftercare_core::{FieldDef, FieldKind};
use leptos::prelude::*;
use serde_json::Value;
use wasm_bindgen::JsValue;

use super::field_shell::FieldShell;
use super::field_slot::FieldSlot;

/// A date or a date-and-time answer.
#[component]
pub fn DateInput(
    /// The field.
    def: FieldDef,
) -> impl IntoView {
    let slot = FieldSlot::of(&def);
    let with_time = def.kind == FieldKind::Datetime;
    let shown = move || {
        let value = slot.text();
        if with_time {
            to_local_input(&value)
        } else {
            value
        }
    };
    let on_input = move |event| {
        let typed = event_target_value(&event);
        let value = if with_time {
            from_local_input(&typed).unwrap_or_default()
        } else {
            typed
        };
        slot.set(Value::String(value));
    };
    view! {
        <FieldShell def=def.clone()>
            <input
                class="field__input field__input--medium"
                type=if with_time { "datetime-local" } else { "date" }
                id=slot.id()
                {..slot.aria(def.required)}
                prop:value=shown
                on:input=on_input
                on:blur=move |_| slot.check()
            />
        </FieldShell>
    }
}

/// An RFC 3339 instant as a `datetime-local` input shows it, in the
/// browser's time zone; "" when it is not one.
pub fn to_local_input(rfc3339: &str) -> String {
    if rfc3339.is_empty() {
        return String::new();
    }
    let date = js_sys::Date::new(&JsValue::from_str(rfc3339));
    if date.get_time().is_nan() {
        return String::new();
    }
    format!(
        "{:04}-{:02}-{:02}T{:02}:{:02}",
        date.get_full_year(),
        date.get_month() + 1,
        date.get_date(),
        date.get_hours(),
        date.get_minutes()
    )
}

/// A `datetime-local` value (local wall time) as an RFC 3339 instant in UTC.
pub fn from_local_input(local: &str) -> Option<String> {
    if local.trim().is_empty() {
        return None;
    }
    let date = js_sys::Date::new(&JsValue::from_str(local));
    if date.get_time().is_nan() {
        return Some(local.to_string());
    }
    Some(String::from(date.to_iso_string()))
}
