//! Moving the keyboard focus to a control the view is about to draw, so
//! that a problem or a new step is where the customer's attention goes.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// Moves focus to the element `id` once the view has caught up.
pub fn focus_later(id: impl Into<String>) {
    let id = id.into();
    request_animation_frame(move || {
        if let Some(element) = document()
            .get_element_by_id(&id)
            .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
        {
            let _ = element.focus();
        }
    });
}
