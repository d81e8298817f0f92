//! What the new-request page shows once an article solved the customer's
//! problem: a short "Glad that helped", that the draft is gone from this
//! device, and the ways on: back to the article, or to the help center.

use leptos::prelude::*;
use leptos_router::components::A;
use wasm_bindgen::JsCast;

use crate::i18n::*;

/// The article that solved it.
#[derive(Debug, Clone, PartialEq)]
pub struct Solved {
    pub id: String,
    pub title: String,
    /// The article's locale tag.
    pub locale: String,
}

/// The confirmation that replaces the closed request form.
#[component]
pub fn DeflectedNotice(
    /// The article that solved the problem.
    solved: Solved,
) -> impl IntoView {
    let i18n = use_i18n();
    let href = format!("/articles/{}", solved.id);
    // The form the customer was in is gone; their focus goes here.
    request_animation_frame(|| {
        if let Some(element) = document()
            .get_element_by_id("deflected-title")
            .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
        {
            let _ = element.focus();
        }
    });
    view! {
        <section class="card deflected" aria-labelledby="deflected-title">
            <h2 class="deflected__title" id="deflected-title" tabindex="-1">{t!(i18n, deflect_glad)}</h2>
            <p>{t!(i18n, deflect_closed)}</p>
            <ul class="deflected__next">
                <li>
                    <A href=href>
                        {t!(i18n, deflect_back_to_article)}
                        " "
                        <span lang=solved.locale>{solved.title}</span>
                    </A>
                </li>
                <li>
                    <A href="/">{t!(i18n, go_home)}</A>
                </li>
            </ul>
        </section>
    }
}
