//! One question's answer as its control sees it: a small copyable handle on
//! the form and the field's key, so that every attribute and event of the
//! control can read, write and check the answer without its own copy of the
//! key.

use aftercare_core::{FieldDef, Locale};
use leptos::attr::any_attribute::{AnyAttribute, IntoAnyAttribute};
use leptos::prelude::*;
use serde_json::Value;
use wasm_bindgen::JsCast;

use super::form_state::{control_id, use_form, FormState};
use super::problem_text::{described_by, invalid};

/// The answer to one field of the form.
#[derive(Clone, Copy)]
pub struct FieldSlot {
    form: FormState,
    key: StoredValue<String>,
}

impl FieldSlot {
    /// The answer to `def` in the form the page provided.
    pub fn of(def: &FieldDef) -> Self {
        FieldSlot {
            form: use_form(),
            key: StoredValue::new(def.key.clone()),
        }
    }

    /// The field's key.
    pub fn key(self) -> String {
        self.key.get_value()
    }

    /// The customer's language (tracked).
    pub fn locale(self) -> Locale {
        self.form.locale.get()
    }

    /// The id of the field's control.
    pub fn id(self) -> String {
        self.key.with_value(|key| control_id(key))
    }

    /// The answer (tracked).
    pub fn value(self) -> Option<Value> {
        self.key.with_value(|key| self.form.value(key))
    }

    /// The answer as text, "" when there is none (tracked).
    pub fn text(self) -> String {
        self.key.with_value(|key| self.form.text(key))
    }

    /// Replaces the answer.
    pub fn set(self, value: Value) {
        self.key.with_value(|key| self.form.set(key, value));
    }

    /// Replaces the answer with the text of an input's event.
    pub fn set_typed(self, event: &impl JsCast) {
        self.set(Value::String(event_target_value(event)));
    }

    /// Checks the answer against the field's rules and shows what is wrong.
    pub fn check(self) {
        self.key.with_value(|key| self.form.check_field(key));
    }

    /// The control's `aria-invalid` (tracked).
    pub fn invalid(self) -> Option<&'static str> {
        self.key.with_value(|key| invalid(self.form, key))
    }

    /// The control's `aria-describedby`: the hint with id `hint`, if any, and
    /// the problem's message while there is one (tracked).
    pub fn described_by(self, hint: Option<&str>) -> Option<String> {
        self.key
            .with_value(|key| described_by(self.form, key, hint))
    }

    /// What ties a control to the answer's rules: `aria-required` for a
    /// required field, `aria-invalid`, and `aria-describedby` pointing at the
    /// problem's message.
    pub fn aria(self, required: bool) -> AnyAttribute {
        view! {
            <{..}
                aria-required=required.then_some("true")
                aria-invalid=move || self.invalid()
                aria-describedby=move || self.described_by(None)
            />
        }
        .into_any_attr()
    }

    /// What makes a control hold the answer as typed text: its value, each
    /// keystroke written back, and the check when the customer leaves it.
    pub fn typed(self) -> AnyAttribute {
        view! {
            <{..}
                prop:value=move || self.text()
                on:input=move |event| self.set_typed(&event)
                on:blur=move |_| self.check()
            />
        }
        .into_any_attr()
    }
}
