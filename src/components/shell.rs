//! The app shell around every page: skip link, header with the portal's name,
//! the main navigation (Help, New request, My requests, and when signed in My
//! products and My data; Sign in or Sign out), the install button and the
//! language switch, the update prompt, the main landmark, and the footer. Signing out
//! asks first when the outbox still holds unsent items, since signing out
//! wipes them from this device. In the embedded widget the frame is compact
//! instead: the portal's name, tabs for Search, New request and My
//! requests, and Close (which asks the host page to close the widget); no
//! footer. Every link there navigates inside the frame only.

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;
use leptos_router::hooks::use_navigate;

use crate::components::language_switch::LanguageSwitch;
use crate::components::pwa::{install_button::InstallButton, update_prompt::UpdatePrompt};
use crate::i18n::*;
use crate::pwa::RELEASE;
use crate::session::use_account;
use crate::sync::use_outbox;
use crate::widget::{self, bridge::WidgetBridge};

/// The frame every page is drawn in.
#[component]
pub fn Shell(
    /// The page.
    children: Children,
) -> impl IntoView {
    let i18n = use_i18n();
    if widget::is_compact() {
        return compact(children);
    }
    view! {
        <a class="skip-link" href="#main">{t!(i18n, skip_to_content)}</a>
        <header class="site-header">
            <div class="site-header__inner">
                <A href="/" attr:class="brand">
                    <span class="brand__mark" aria-hidden="true">"A"</span>
                    <span class="brand__name">{t!(i18n, portal_name)}</span>
                </A>
                <div class="site-header__actions">
                    <InstallButton />
                    <LanguageSwitch />
                </div>
            </div>
            <MainNav />
        </header>
        <UpdatePrompt />
        <main id="main" class="page" tabindex="-1">
            {children()}
        </main>
        <footer class="site-footer">
            <p>{t!(i18n, footer_note, vendor = "Brightwell Equipment")}</p>
            <p class="site-footer__release">{t!(i18n, footer_release, release = RELEASE)}</p>
        </footer>
    }
    .into_any()
}

/// The widget's frame: a compact header and the page; no footer.
fn compact(children: Children) -> AnyView {
    let i18n = use_i18n();
    let trusted_host = widget::embedding().is_some_and(|e| e.host.is_some());
    view! {
        <a class="skip-link" href="#main">{t!(i18n, skip_to_content)}</a>
        <header class="widget-header">
            <div class="widget-header__top">
                <span class="widget-header__brand">
                    <span class="brand__mark" aria-hidden="true">"A"</span>
                    <span>{t!(i18n, portal_name)}</span>
                </span>
                <Show when=move || trusted_host>
                    <button type="button" class="widget-header__close" on:click=|_| widget::bridge::close()>
                        {t!(i18n, widget_close)}
                    </button>
                </Show>
            </div>
            <nav class="widget-nav" aria-label=move || t_string!(i18n, nav_label)>
                <ul class="widget-nav__tabs">
                    <li><A href="/" exact=true>{t!(i18n, widget_nav_search)}</A></li>
                    <li><A href="/requests/new">{t!(i18n, nav_new_request)}</A></li>
                    <li><A href="/requests" exact=true>{t!(i18n, nav_my_requests)}</A></li>
                </ul>
            </nav>
        </header>
        <UpdatePrompt />
        <main id="main" class="page page--widget" tabindex="-1">
            {children()}
        </main>
        <WidgetBridge />
    }
    .into_any()
}

/// The main navigation, with the account's sign-in or sign-out.
#[component]
fn MainNav() -> impl IntoView {
    let i18n = use_i18n();
    let account = use_account();
    let signed_in = move || account.signed_in.with(Option::is_some);
    view! {
        <nav class="main-nav" aria-label=move || t_string!(i18n, nav_label)>
            <ul class="main-nav__links">
                <li><A href="/" exact=true>{t!(i18n, nav_help)}</A></li>
                <li><A href="/requests/new">{t!(i18n, nav_new_request)}</A></li>
                <li><A href="/requests" exact=true>{t!(i18n, nav_my_requests)}</A></li>
                <Show when=signed_in>
                    <li><A href="/products">{t!(i18n, products_nav)}</A></li>
                    <li><A href="/my-data">{t!(i18n, my_data_nav)}</A></li>
                </Show>
                <li class="main-nav__account">
                    <Show
                        when=signed_in
                        fallback=move || view! { <A href="/sign-in">{t!(i18n, nav_sign_in)}</A> }
                    >
                        <SignOut />
                    </Show>
                </li>
            </ul>
        </nav>
    }
}

/// The sign-out button; with unsent items it explains they will be lost
/// and asks first.
#[component]
fn SignOut() -> impl IntoView {
    let i18n = use_i18n();
    let account = use_account();
    let outbox = use_outbox();
    let navigate = use_navigate();
    let asking = RwSignal::new(false);
    let failed = RwSignal::new(false);
    let sign_out = move || {
        let navigate = navigate.clone();
        spawn_local(async move {
            match account.sign_out().await {
                Ok(()) => {
                    asking.set(false);
                    failed.set(false);
                    navigate("/", Default::default());
                }
                Err(_) => failed.set(true),
            }
        });
    };
    let sign_out_now = sign_out.clone();
    let on_click = move |_| {
        if outbox.has_unsent() {
            asking.set(true);
        } else {
            sign_out_now();
        }
    };
    let unsent = move || outbox.unsent_count();
    view! {
        <button type="button" class="link-button" on:click=on_click aria-expanded=move || asking.get().to_string()>
            {t!(i18n, nav_sign_out)}
        </button>
        {move || failed.get().then(|| view! {
            <p class="notice notice--error" role="alert">{t!(i18n, account_sign_out_failed)}</p>
        })}
        <Show when=move || asking.get()>
            <div class="confirm confirm--sign-out" role="alertdialog" aria-labelledby="sign-out-title" aria-describedby="sign-out-body">
                <p class="confirm__title" id="sign-out-title"><strong>{t!(i18n, account_sign_out_unsent_title)}</strong></p>
                <p id="sign-out-body">{t!(i18n, account_sign_out_unsent_body, count = unsent)}</p>
                <div class="confirm__buttons">
                    <button type="button" class="button button--danger" on:click={
                        let sign_out = sign_out.clone();
                        move |_| sign_out()
                    }>
                        {t!(i18n, account_sign_out_confirm)}
                    </button>
                    <button type="button" class="button button--secondary" on:click=move |_| asking.set(false)>
                        {t!(i18n, account_keep_signed_in)}
                    </button>
                </div>
            </div>
        </Show>
    }
}
