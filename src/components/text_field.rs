//! A labelled one-line text input with an optional hint and the error text
//! it shows when its value is refused: the input names the hint and the
//! error through `aria-describedby` and says it is invalid, so a screen
//! reader hears why.

use leptos::prelude::*;

/// One labelled text input. The hint's id is `{id}-hint` and the error's
/// id is `{id}-problem`.
#[component]
pub fn TextField(
    /// The input's id, which the label points to.
    id: &'static str,
    /// The label's text.
    #[prop(into)]
    label: ViewFn,
    /// The text typed so far.
    value: RwSignal<String>,
    /// Whether the value is refused (then the error text shows).
    #[prop(into)]
    invalid: Signal<bool>,
    /// The error text, read while the value is refused.
    #[prop(into)]
    error: ViewFn,
    /// A hint shown between the label and the input.
    #[prop(optional, into)]
    hint: Option<ViewFn>,
    /// The input's classes.
    #[prop(default = "field__input")]
    class: &'static str,
    /// The input's `type`.
    #[prop(default = "text")]
    input_type: &'static str,
    /// The input's `autocomplete`.
    #[prop(default = "off")]
    autocomplete: &'static str,
    /// The input's `inputmode`.
    #[prop(optional)]
    inputmode: Option<&'static str>,
    /// The input's `autocapitalize`.
    #[prop(optional)]
    autocapitalize: Option<&'static str>,
    /// The input's `spellcheck`.
    #[prop(optional)]
    spellcheck: Option<&'static str>,
    /// The input's `maxlength`.
    #[prop(optional)]
    maxlength: Option<&'static str>,
) -> impl IntoView {
    let hint_id = hint.is_some().then(|| format!("{id}-hint"));
    let problem_id = format!("{id}-problem");
    let described_by = {
        let (hint_id, problem_id) = (hint_id.clone(), problem_id.clone());
        move || {
            let ids: Vec<&str> = hint_id
                .as_deref()
                .into_iter()
                .chain(invalid.get().then_some(problem_id.as_str()))
                .collect();
            (!ids.is_empty()).then(|| ids.join(" "))
        }
    };
    view! {
        <div class="field">
            <label class="field__label" for=id>{label.run()}</label>
            {hint.map(|hint| view! { <p class="field__hint" id=hint_id>{hint.run()}</p> })}
            <input
                id=id
                class=class
                type=input_type
                autocomplete=autocomplete
                inputmode=inputmode
                autocapitalize=autocapitalize
                spellcheck=spellcheck
                maxlength=maxlength
                aria-invalid=move || invalid.get().then_some("true")
                aria-describedby=described_by
                prop:value=move || value.get()
                on:input=move |ev| value.set(event_target_value(&ev))
            />
            {move || invalid.get().then(|| view! {
                <p class="field__error" id=problem_id.clone()>{error.run()}</p>
            })}
        </div>
    }
}
