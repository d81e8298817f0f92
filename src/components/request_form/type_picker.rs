//! The first question: what kind of request this is, as radio cards with
//! each type's name and what it is for.

use leptos::prelude::*;

use super::form_state::{use_form, TYPE_SLOT};
use super::radio_card::{CardGroup, Choice, RadioCards};
use crate::i18n::*;

/// How the type picker's cards are named.
const TYPE_CARDS: CardGroup = CardGroup {
    at: TYPE_SLOT,
    name: "request-type",
    id_prefix: "form-type",
    about_suffix: "description",
};

/// The request-type picker.
#[component]
pub fn TypePicker() -> impl IntoView {
    let i18n = use_i18n();
    let form = use_form();
    let types = form.catalog.with_value(|c| c.request_types.clone());
    let on_pick = Callback::new(move |()| {
        // A new type asks other questions: their problems go with the type's
        // own, and the other pickers' problems stay.
        form.errors
            .update(|errors| errors.retain(|slot, _| slot.starts_with('$') && slot != TYPE_SLOT));
    });
    let choices = types
        .into_iter()
        .map(|kind| {
            let description = kind.description;
            Choice {
                key: kind.key,
                title: kind.label,
                about: view! { {move || description.get(form.locale.get()).to_string()} }
                    .into_any(),
            }
        })
        .collect();
    view! {
        <RadioCards
            group=TYPE_CARDS
            legend=t!(i18n, form_type_legend).into_any()
            choices
            chosen=form.request_type
            on_pick
        />
    }
}
