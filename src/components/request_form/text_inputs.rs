//! One-line and multi-line text answers: text, email, phone, serial number
//! and number (typed as text, sent as a number) on one line; free text and
//! addresses on several.

use aftercare_core::{FieldDef, FieldKind};
use leptos::prelude::*;

use super::field_shell::FieldShell;
use super::field_slot::FieldSlot;

/// The input type, input mode and autofill hint of a one-line field.
fn input_traits(def: &FieldDef) -> (&'static str, Option<&'static str>, Option<&'static str>) {
    match def.kind {
        FieldKind::Email => ("email", Some("email"), Some("email")),
        FieldKind::Phone => ("tel", Some("tel"), Some("tel")),
        FieldKind::Number => ("text", Some("decimal"), Some("off")),
        FieldKind::Serial => ("text", None, Some("off")),
        _ if def.key == "contact_name" => ("text", None, Some("name")),
        _ => ("text", None, None),
    }
}

/// A one-line answer.
#[component]
pub fn TextInput(
    /// The field.
    def: FieldDef,
) -> impl IntoView {
    let slot = FieldSlot::of(&def);
    let (input_type, input_mode, autocomplete) = input_traits(&def);
    let width = match def.kind {
        FieldKind::Number => "field__input field__input--short",
        FieldKind::Phone | FieldKind::Serial => "field__input field__input--medium",
        _ => "field__input",
    };
    view! {
        <FieldShell def=def.clone()>
            <input
                class=width
                id=slot.id()
                type=input_type
                inputmode=input_mode
                autocomplete=autocomplete
                spellcheck=(def.kind == FieldKind::Serial).then_some("false")
                {..slot.aria(def.required)}
                {..slot.typed()}
            />
        </FieldShell>
    }
}

/// A multi-line answer: free text or an address.
#[component]
pub fn TextArea(
    /// The field.
    def: FieldDef,
) -> impl IntoView {
    let slot = FieldSlot::of(&def);
    let (rows, autocomplete) = match def.kind {
        FieldKind::Address => (3, Some("street-address")),
        _ => (6, None),
    };
    view! {
        <FieldShell def=def.clone()>
            <textarea
                class="field__input field__textarea"
                rows=rows
                autocomplete=autocomplete
                id=slot.id()
                {..slot.aria(def.required)}
                {..slot.typed()}
            ></textarea>
        </FieldShell>
    }
}
