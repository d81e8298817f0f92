//! The knowledge base's breadcrumb: the help center, then the category the
//! page belongs to.

use aftercare_core::{Category, Locale};
use leptos::prelude::*;
use leptos_router::components::A;

use crate::i18n::*;

/// "Help Center › Category" above a category or an article.
#[component]
pub fn KbBreadcrumb(
    /// The category the page belongs to, when it belongs to one and is not
    /// the category page itself.
    category: Option<Category>,
    /// The customer's language.
    locale: Locale,
) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <nav class="breadcrumb" aria-label=move || t_string!(i18n, breadcrumb_label)>
            <ol class="breadcrumb__steps">
                <li>
                    <A href="/">{t!(i18n, help_home)}</A>
                </li>
                {category.map(|category| {
                    let href = format!("/categories/{}", category.key);
                    view! {
                        <li>
                            <A href=href>{category.label.get(locale).to_string()}</A>
                        </li>
                    }
                })}
            </ol>
        </nav>
    }
}
