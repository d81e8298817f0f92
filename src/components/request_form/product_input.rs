//! The product model: a select of the models the catalog knows, by name,
//! with "another model" opening a text box for one it does not list.

use aftercare_core::FieldDef;
use leptos::prelude::*;
use serde_json::Value;

use super::field_shell::FieldShell;
use super::field_slot::FieldSlot;
use super::form_state::use_form;
use crate::i18n::*;

/// The option value that stands for a model the catalog does not list.
const OTHER: &str = "__other";

/// A product model answer.
#[component]
pub fn ProductInput(
    /// The field.
    def: FieldDef,
) -> impl IntoView {
    let i18n = use_i18n();
    let form = use_form();
    let slot = FieldSlot::of(&def);
    let other_id = format!("{}-other", slot.id());
    let picked_other = RwSignal::new(false);
    let known = move || {
        let model = slot.text();
        form.catalog
            .with_value(|c| c.product(&model).map(|p| p.model.clone()))
    };
    let typed_other = move || picked_other.get() || (!slot.text().is_empty() && known().is_none());
    let chosen = move || {
        if typed_other() {
            OTHER.to_string()
        } else {
            known().unwrap_or_default()
        }
    };
    let models = form.catalog.with_value(|c| c.products.clone());
    let options = models
        .into_iter()
        .map(|product| {
            let model = product.model.clone();
            let name = product.name.clone();
            view! {
                <option value=product.model.clone() selected=move || chosen() == model>
                    {move || name.get(form.locale.get()).to_string()}
                </option>
            }
        })
        .collect_view();
    let on_change = move |event| {
        let value = event_target_value(&event);
        if value == OTHER {
            picked_other.set(true);
            slot.set(Value::Null);
        } else {
            picked_other.set(false);
            slot.set(Value::String(value));
            slot.check();
        }
    };
    view! {
        <FieldShell def=def.clone()>
            <select
                class="field__input field__select"
                id=slot.id()
                {..slot.aria(def.required)}
                prop:value=chosen
                on:change=on_change
            >
                <option value="" selected=move || chosen().is_empty()>{t!(i18n, form_choose)}</option>
                {options}
                <option value=OTHER selected=typed_other>{t!(i18n, form_product_other)}</option>
            </select>
            {move || (chosen() == OTHER).then(|| view! {
                <div class="field__more">
                    <label class="field__label" for=other_id.clone()>{t!(i18n, form_product_other_label)}</label>
                    <input
                        class="field__input field__input--medium"
                        id=other_id.clone()
                        type="text"
                        autocomplete="off"
                        {..slot.aria(false)}
                        {..slot.typed()}
                    />
                </div>
            })}
        </FieldShell>
    }
}
