//! A button that asks first: the first press shows the question with a
//! "yes" and a "no" button in place, so nothing is lost by a slip of the
//! finger. Used for discarding, cancelling and signing out.

use leptos::prelude::*;

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
                <div class="confirm__buttons">
                    <button
                        type="button"
                        class="button button--danger"
                        on:click=move |_| {
                            asking.set(false);
                            on_confirm.run(());
                        }
                    >
                        {move || yes.get()}
                    </button>
                    <button type="button" class="button button--secondary" on:click=move |_| asking.set(false)>
                        {move || no.get()}
                    </button>
                </div>
            </div>
        </Show>
    }
}
