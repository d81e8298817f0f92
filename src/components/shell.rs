//! The app shell around every page: skip link, header with the portal's name
//! and the language switch, the main landmark, and the footer.

use leptos::prelude::*;
use leptos_router::components::A;

use crate::components::language_switch::LanguageSwitch;
use crate::i18n::*;

/// The frame every page is drawn in.
#[component]
pub fn Shell(
    /// The page.
    children: Children,
) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <a class="skip-link" href="#main">{t!(i18n, skip_to_content)}</a>
        <header class="site-header">
            <div class="site-header__inner">
                <A href="/" attr:class="brand">
                    <span class="brand__mark" aria-hidden="true">"A"</span>
                    <span class="brand__name">{t!(i18n, portal_name)}</span>
                </A>
                <LanguageSwitch />
            </div>
        </header>
        <main id="main" class="page" tabindex="-1">
            {children()}
        </main>
        <footer class="site-footer">
            <p>{t!(i18n, footer_note, vendor = "Brightwell Equipment")}</p>
        </footer>
    }
}
