//! The frame a question with one control shares with every other: the
//! field's label pointing at the control, an optional hint, the problem
//! message, and then the control itself.

use aftercare_core::FieldDef;
use leptos::prelude::*;

use super::form_state::control_id;
use super::label::LabelText;
use super::problem_text::ProblemText;

/// A question's label, hint and problem message around its control.
#[component]
pub fn FieldShell(
    /// The field.
    def: FieldDef,
    /// The wrapper's classes.
    #[prop(default = "field")]
    class: &'static str,
    /// What the customer should know before answering, shown under the label.
    #[prop(optional)]
    hint: Option<AnyView>,
    /// The control, and anything that follows it.
    children: Children,
) -> impl IntoView {
    let id = control_id(&def.key);
    view! {
        <div class=class>
            <label class="field__label" for=id>
                <LabelText def=def.clone() />
            </label>
            {hint}
            <ProblemText at=def.key.clone() kind=def.kind />
            {children()}
        </div>
    }
}
