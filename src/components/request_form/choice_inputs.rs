//! Answers picked from the field's options: one from a list (a select), some
//! from a list (a group of checkboxes), or a single yes (one checkbox).

use aftercare_core::FieldDef;
use leptos::prelude::*;
use serde_json::Value;

use super::field_shell::FieldShell;
use super::field_slot::FieldSlot;
use super::label::LabelText;
use super::problem_text::ProblemText;
use crate::i18n::*;

/// One of the field's options.
#[component]
pub fn SelectInput(
    /// The field.
    def: FieldDef,
) -> impl IntoView {
    let i18n = use_i18n();
    let slot = FieldSlot::of(&def);
    let options = def
        .options
        .clone()
        .unwrap_or_default()
        .into_iter()
        .map(|option| {
            let value = option.value.clone();
            let label = option.label.clone();
            view! {
                <option value=option.value.clone() selected=move || slot.text() == value>
                    {move || label.get(slot.locale()).to_string()}
                </option>
            }
        })
        .collect_view();
    view! {
        <FieldShell def=def.clone()>
            <select
                class="field__input field__select"
                id=slot.id()
                {..slot.aria(def.required)}
                prop:value=move || slot.text()
                on:change=move |event| {
                    slot.set_typed(&event);
                    slot.check();
                }
            >
                <option value="">{t!(i18n, form_choose)}</option>
                {options}
            </select>
        </FieldShell>
    }
}

/// Some of the field's options, each a checkbox in one group.
#[component]
pub fn MultiSelectInput(
    /// The field.
    def: FieldDef,
) -> impl IntoView {
    let slot = FieldSlot::of(&def);
    let first_id = slot.id();
    let ticked_now = move || -> Vec<Value> {
        slot.value()
            .and_then(|v| v.as_array().cloned())
            .unwrap_or_default()
    };
    let options = def
        .options
        .clone()
        .unwrap_or_default()
        .into_iter()
        .enumerate()
        .map(|(index, option)| {
            let id = if index == 0 {
                first_id.clone()
            } else {
                format!("{first_id}-{index}")
            };
            let (value, toggled) = (option.value.clone(), option.value.clone());
            let label = option.label.clone();
            let checked = move || {
                ticked_now()
                    .iter()
                    .any(|item| item.as_str() == Some(&value))
            };
            let on_change = move |event| {
                let ticked = event_target_checked(&event);
                let mut items = ticked_now();
                items.retain(|item| item.as_str() != Some(&toggled));
                if ticked {
                    items.push(Value::String(toggled.clone()));
                }
                slot.set(Value::Array(items));
                slot.check();
            };
            view! {
                <div class="choice">
                    <input class="choice__input" type="checkbox" id=id.clone()
                        prop:checked=checked on:change=on_change />
                    <label class="choice__label" for=id>
                        {move || label.get(slot.locale()).to_string()}
                    </label>
                </div>
            }
        })
        .collect_view();
    view! {
        <fieldset
            class="field field--group"
            aria-invalid=move || slot.invalid()
            aria-describedby=move || slot.described_by(None)
        >
            <legend class="field__label">
                <LabelText def=def.clone() />
            </legend>
            <ProblemText at=slot.key() kind=def.kind />
            <div class="choices">{options}</div>
        </fieldset>
    }
}

/// A single checkbox: ticked is `true`.
#[component]
pub fn CheckboxInput(
    /// The field.
    def: FieldDef,
) -> impl IntoView {
    let slot = FieldSlot::of(&def);
    let id = slot.id();
    view! {
        <div class="field">
            <ProblemText at=slot.key() kind=def.kind />
            <div class="choice">
                <input
                    class="choice__input"
                    type="checkbox"
                    id=id.clone()
                    {..slot.aria(def.required)}
                    prop:checked=move || slot.value() == Some(Value::Bool(true))
                    on:change=move |event| {
                        slot.set(Value::Bool(event_target_checked(&event)));
                        slot.check();
                    }
                />
                <label class="choice__label" for=id>
                    <LabelText def=def.clone() />
                </label>
            </div>
        </div>
    }
}
