//! The chosen type's own questions in catalog order, each drawn by the input
//! of its kind; a question with a condition appears and disappears as the
//! answers above it change. The warranty line follows the purchase date.

use aftercare_core::{FieldDef, FieldKind};
use leptos::prelude::*;

use super::attachment_picker::AttachmentPicker;
use super::choice_inputs::{CheckboxInput, MultiSelectInput, SelectInput};
use super::date_inputs::DateInput;
use super::form_state::use_form;
use super::product_input::ProductInput;
use super::text_inputs::{TextArea, TextInput};
use super::warranty_badge::WarrantyBadge;

/// The key of the purchase date field, which drives the warranty line.
const PURCHASE_DATE: &str = "purchase_date";

/// Every question of the chosen request type.
#[component]
pub fn TypeFields() -> impl IntoView {
    let form = use_form();
    let fields = Memo::new(move |_| form.fields());
    move || {
        let defs = fields.get();
        let product = defs
            .iter()
            .find(|d| d.kind == FieldKind::Product)
            .map(|d| d.key.clone());
        defs.into_iter()
            .map(|def| view! { <FormField def product=product.clone() /> })
            .collect_view()
    }
}

/// One question, shown while it applies.
#[component]
fn FormField(
    /// The question.
    def: FieldDef,
    /// The key of the form's product model field, if it has one.
    product: Option<String>,
) -> impl IntoView {
    let form = use_form();
    let key = def.key.clone();
    let applies = Memo::new(move |_| form.applies(&key));
    move || {
        applies.get().then(|| {
            let def = def.clone();
            let badge = (def.kind == FieldKind::Date && def.key == PURCHASE_DATE)
                .then(|| product.clone())
                .flatten()
                .map(|product| view! { <WarrantyBadge product_key=product date_key=def.key.clone() /> });
            let input = match def.kind {
                FieldKind::Text
                | FieldKind::Email
                | FieldKind::Phone
                | FieldKind::Number
                | FieldKind::Serial => view! { <TextInput def /> }.into_any(),
                FieldKind::Textarea | FieldKind::Address => view! { <TextArea def /> }.into_any(),
                FieldKind::Date | FieldKind::Datetime => view! { <DateInput def /> }.into_any(),
                FieldKind::Select => view! { <SelectInput def /> }.into_any(),
                FieldKind::Multiselect => view! { <MultiSelectInput def /> }.into_any(),
                FieldKind::Checkbox => view! { <CheckboxInput def /> }.into_any(),
                FieldKind::Product => view! { <ProductInput def /> }.into_any(),
                FieldKind::Attachments => view! { <AttachmentPicker def /> }.into_any(),
            };
            view! { {input} {badge} }
        })
    }
}
