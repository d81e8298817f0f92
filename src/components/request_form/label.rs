//! A field's name as its label or legend shows it: the catalog's label in the
//! customer's language and, for a required field, the word "required" (not
//! only an asterisk).

use aftercare_core::FieldDef;
use leptos::prelude::*;

use super::form_state::use_form;
use crate::i18n::*;

/// The text inside a field's `<label>` or `<legend>`.
#[component]
pub fn LabelText(
    /// The field.
    def: FieldDef,
) -> impl IntoView {
    let i18n = use_i18n();
    let form = use_form();
    let label = def.label.clone();
    view! {
        <span class="field__name">{move || label.get(form.locale.get()).to_string()}</span>
        {def.required.then(|| view! {
            " "
            <span class="field__required">{t!(i18n, form_required)}</span>
        })}
    }
}
