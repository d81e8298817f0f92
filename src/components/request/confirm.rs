//! A button that asks first: the first press shows the question with a
//! "yes" and a "no" button in place, so nothing is lost by a slip of the
//! finger. Used for discarding, cancelling and signing out.

use leptos::prelude::*;

use crate::i18n::*;

/// A button whose action runs only after the customer confirms.
#[component]
pub fn ConfirmButton(
    /// The button's words.
    #[prop(into)]
    label: Signal<String>,
    /// The question asked before acting.
    #[prop(into)]
    question: Signal<String>,
    /// The words of the button that goes ahead.
    #[prop(into)]
    yes: Signal<String>,
    /// The words of the button that keeps things as they are.
    #[prop(into)]
    no: Signal<String>,
    /// What to do once confirmed.
    on_confirm: Callback<()>,
    /// A CSS modifier for the first button (`button--secondary`, ...).
    #[prop(optional, into)]
    class: String,
) -> impl IntoView {
    let asking = RwSignal::new(false);
    let first_class = format!("button {class}");
    view! {
        <Show
            when=move || asking.get()
            fallback=move || {
                view! {
                    <button type="button" class=first_class.clone() on:click=move |_| asking.set(true)>
                        {move || label.get()}
                    </button>
                }
            }
        >
            <div class="confirm" role="group" aria-label=move || question.get()>
                <p class="confirm__question" role="alert">{move || question.get()}</p>
                <ChoiceButtons
                    yes
                    no
                    class="confirm__buttons"
                    yes_class="button--danger"
                    on_yes=Callback::new(move |_| {
                        asking.set(false);
                        on_confirm.run(());
                    })
                    on_no=Callback::new(move |_| asking.set(false))
                />
            </div>
        </Show>
    }
}

/// Two buttons side by side: one that goes ahead, and one (secondary)
/// that keeps things as they are.
#[component]
pub fn ChoiceButtons(
    /// The words of the button that goes ahead.
    #[prop(into)]
    yes: Signal<String>,
    /// The words of the button that keeps things as they are.
    #[prop(into)]
    no: Signal<String>,
    /// What going ahead does.
    on_yes: Callback<()>,
    /// What keeping things as they are does.
    on_no: Callback<()>,
    /// The class of the row of buttons.
    #[prop(into)]
    class: String,
    /// A CSS modifier for the button that goes ahead (`button--danger`, ...).
    #[prop(optional, into)]
    yes_class: String,
) -> impl IntoView {
    let yes_class = format!("button {yes_class}").trim_end().to_string();
    view! {
        <div class=class>
            <button type="button" class=yes_class on:click=move |_| on_yes.run(())>
                {move || yes.get()}
            </button>
            <button type="button" class="button button--secondary" on:click=move |_| on_no.run(())>
                {move || no.get()}
            </button>
        </div>
    }
}

/// "Discard" for an outbox entry, asking first, in the same words
/// wherever an entry can be discarded.
#[component]
pub fn DiscardButton(
    /// What to do once the customer confirmed.
    on_discard: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <ConfirmButton
            label=move || t_string!(i18n, track_discard).to_string()
            question=move || t_string!(i18n, track_discard_confirm).to_string()
            yes=move || t_string!(i18n, track_yes_discard).to_string()
            no=move || t_string!(i18n, track_keep_it).to_string()
            class="button--secondary"
            on_confirm=on_discard
        />
    }
}
