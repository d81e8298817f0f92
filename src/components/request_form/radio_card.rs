//! A picker drawn as radio cards: a fieldset with its legend, an optional
//! hint and the picker's problem message, then one card per choice. A card
//! is a radio button whose label shows the choice's name in large type and,
//! under it, what the choice means; the card describes its radio button with
//! that text and with the picker's problem message.

use aftercare_core::LocalizedText;
use leptos::prelude::*;

use super::form_state::{control_id, use_form};
use super::problem_text::{described_by, invalid, ProblemText};

/// What a picker's cards share: its problem slot, its radio group's name and
/// how the ids of its cards are made.
#[derive(Clone, Copy)]
pub struct CardGroup {
    /// The picker's problem slot; the first card's id is its control id.
    pub at: &'static str,
    /// The radio group's name.
    pub name: &'static str,
    /// What the ids of a card's parts begin with.
    pub id_prefix: &'static str,
    /// What the id of a card's description ends with.
    pub about_suffix: &'static str,
}

/// One choice of a picker.
pub struct Choice {
    /// The choice's key, the radio button's value.
    pub key: String,
    /// The choice's name.
    pub title: LocalizedText,
    /// What the choice means, shown under its name.
    pub about: AnyView,
}

/// A picker: its legend, hint and problem message, and a card per choice.
#[component]
pub fn RadioCards(
    /// What the picker's cards share.
    group: CardGroup,
    /// The question the picker asks.
    legend: AnyView,
    /// What the customer should know before choosing.
    #[prop(optional)]
    hint: Option<AnyView>,
    /// The choices, in the order they are shown.
    choices: Vec<Choice>,
    /// The picker's answer: the chosen key.
    chosen: RwSignal<Option<String>>,
    /// What else happens once the customer picks a card.
    on_pick: Callback<()>,
) -> impl IntoView {
    let cards = choices
        .into_iter()
        .enumerate()
        .map(|(index, choice)| view! { <RadioCard group first=index == 0 choice chosen on_pick /> })
        .collect_view();
    view! {
        <fieldset class="form-step">
            <legend class="form-step__title">{legend}</legend>
            {hint.map(|hint| view! { <p class="form-step__hint">{hint}</p> })}
            <ProblemText at=group.at />
            <div class="radio-cards">{cards}</div>
        </fieldset>
    }
}

/// One radio card of a picker.
#[component]
fn RadioCard(
    /// What the picker's cards share.
    group: CardGroup,
    /// Whether this is the picker's first card.
    first: bool,
    /// The card's choice.
    choice: Choice,
    /// The picker's answer: the chosen key.
    chosen: RwSignal<Option<String>>,
    /// What else happens once the customer picks this card.
    on_pick: Callback<()>,
) -> impl IntoView {
    let form = use_form();
    let CardGroup {
        at,
        name,
        id_prefix,
        about_suffix,
    } = group;
    let Choice { key, title, about } = choice;
    let id = if first {
        control_id(at)
    } else {
        format!("{id_prefix}-{key}")
    };
    let about_id = format!("{id_prefix}-{key}-{about_suffix}");
    let described = about_id.clone();
    let (this, picked) = (key.clone(), key.clone());
    view! {
        <div class="radio-card">
            <input
                class="radio-card__input"
                type="radio"
                name=name
                id=id.clone()
                value=key
                aria-invalid=move || invalid(form, at)
                aria-describedby=move || described_by(form, at, Some(&described))
                prop:checked=move || chosen.get().as_deref() == Some(this.as_str())
                on:change=move |_| {
                    chosen.set(Some(picked.clone()));
                    on_pick.run(());
                }
            />
            <label class="radio-card__label" for=id>
                <span class="radio-card__title">{move || title.get(form.locale.get()).to_string()}</span>
                <span class="radio-card__description" id=about_id>{about}</span>
            </label>
        </div>
    }
}
