//! The help center's search box: a labelled search field in a search
//! landmark. Every keystroke reports the text; Enter stays on the page.

use leptos::prelude::*;

use crate::i18n::*;

/// The search form.
#[component]
pub fn SearchBox(
    /// The text to put in the box when it changes from outside (the address,
    /// back and forward); typing does not write it back, so the box is never
    /// rewritten under the customer's fingers (or their input method).
    #[prop(into)]
    shown: Signal<String>,
    /// Called with the box's text on every change.
    on_input: Callback<String>,
) -> impl IntoView {
    let i18n = use_i18n();
    let on_submit = move |event: leptos::ev::SubmitEvent| {
        // Results are already on screen; Enter must not reload the page.
        event.prevent_default();
    };
    view! {
        <form class="search" role="search" on:submit=on_submit>
            <label class="search__label" for="kb-search">{t!(i18n, search_label)}</label>
            <input
                id="kb-search"
                class="field__input search__input"
                type="search"
                name="q"
                autocomplete="off"
                spellcheck="false"
                enterkeyhint="search"
                placeholder=move || t_string!(i18n, search_placeholder)
                prop:value=move || shown.get()
                on:input=move |event| on_input.run(event_target_value(&event))
            />
        </form>
    }
}
