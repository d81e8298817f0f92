//! "My products" at `/products`: the signed-in customer's registered
//! products, each with its warranty status (computed on this device for
//! today), its service history and "Request service"; registrations still
//! in the outbox (waiting, or refused with the values kept); and the
//! "Register a product" form. The copy saved on this device shows first,
//! offline too; the backend's list follows and is saved for next time.

use aftercare_core::{PortalError, RegisteredProduct};
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_meta::Title;
use leptos_router::components::A;

use crate::components::products::pending_products::PendingProducts;
use crate::components::products::product_card::ProductCard;
use crate::components::products::register_form::RegisterForm;
use crate::components::products::register_state::RegisterState;
use crate::components::request::labels::CatalogSignal;
use crate::components::request::refresh::reload_on_focus_and_online;
use crate::components::request_form::catalog::load_catalog;
use crate::components::saved_copy_notice::SavedCopyNotice;
use crate::components::sign_in_again::SignInAgainNotice;
use crate::components::skeleton::SkeletonCards;
use crate::i18n::*;
use crate::net;
use crate::product_book;
use crate::session::{use_account, Account};

/// The page.
#[component]
pub fn ProductsPage() -> impl IntoView {
    let i18n = use_i18n();
    let account = use_account();
    let signed_in = move || account.signed_in.with(Option::is_some);
    view! {
        <Title text=move || t_string!(i18n, products_title).to_string() />
        <header class="page-head">
            <h1>{t!(i18n, products_title)}</h1>
        </header>
        <Show
            when=move || account.loaded.get()
            fallback=|| view! { <SkeletonCards count=2 /> }
        >
            <Show when=signed_in fallback=move || view! { <SignInPrompt /> }>
                <Products account />
            </Show>
        </Show>
    }
}

/// What a customer who is not signed in sees.
#[component]
fn SignInPrompt() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <section class="card sign-in-prompt">
            <p>{t!(i18n, products_sign_in_prompt)}</p>
            <div class="actions__buttons">
                <A href="/sign-in?next=/products" attr:class="button">{t!(i18n, nav_sign_in)}</A>
            </div>
        </section>
    }
}

/// The signed-in customer's products and the register form.
#[component]
fn Products(account: Account) -> impl IntoView {
    let i18n = use_i18n();
    let outbox = crate::sync::use_outbox();
    let catalog: CatalogSignal = RwSignal::new(None);
    let catalog_failed = RwSignal::new(false);
    let load_models = move || {
        catalog_failed.set(false);
        let locale = account.locale();
        spawn_local(async move {
            match load_catalog(locale).await {
                Ok(loaded) => {
                    catalog.try_set(Some(loaded));
                }
                Err(_) => {
                    catalog_failed.try_set(true);
                }
            }
        });
    };
    load_models();
    let products = RwSignal::new(None::<Vec<RegisteredProduct>>);
    let stale = RwSignal::new(false);
    let state = RegisterState::new();
    let open = RwSignal::new(false);

    let load = move || {
        spawn_local(async move {
            if let Ok(saved) = product_book::saved_products().await {
                // An empty copy may just be none yet: the skeleton stays
                // until the backend answers.
                let shown = products.try_with_untracked(Option::is_some) == Some(true);
                if shown || !saved.items.is_empty() {
                    products.try_set(Some(saved.items));
                }
            }
            match refresh(account).await {
                Ok(list) => {
                    products.try_set(Some(list));
                    stale.try_set(false);
                }
                Err(error) => {
                    stale.try_set(error.is_transient());
                    if products.try_with_untracked(Option::is_none) == Some(true) {
                        products.try_set(Some(Vec::new()));
                    }
                }
            }
        });
    };
    Effect::new(move |_| {
        account.wipes.track();
        outbox.deliveries.track();
        load();
    });
    reload_on_focus_and_online(load);
    // With nothing registered yet, the form is what the page is for.
    Effect::new(move |_| {
        let empty = products.with(|p| p.as_ref().is_some_and(Vec::is_empty));
        let drafted = state.ready.get() && state.draft.with_untracked(|d| !d.is_empty());
        if empty || drafted {
            open.set(true);
        }
    });

    view! {
        <SignInAgainNotice next="/products" />
        {move || stale.get().then(|| view! { <SavedCopyNotice /> })}
        <PendingProducts catalog state on_edit=Callback::new(move |_| open.set(true)) />
        {move || match products.get() {
            None => view! { <SkeletonCards count=2 /> }.into_any(),
            Some(list) if list.is_empty() => view! {
                <p class="empty-state">{t!(i18n, products_empty)}</p>
            }.into_any(),
            Some(list) => view! {
                <ul class="request-list product-list">
                    {list.into_iter().map(|product| view! { <ProductCard product catalog /> }).collect_view()}
                </ul>
            }.into_any(),
        }}
        <details
            class="card register"
            prop:open=move || open.get()
            on:toggle=move |ev| {
                let element: web_sys::Element = event_target(&ev);
                open.set(element.has_attribute("open"));
            }
        >
            <summary class="register__summary">{t!(i18n, products_register_title)}</summary>
            <p class="muted">{t!(i18n, products_register_lead)}</p>
            {move || match catalog.get() {
                Some(catalog) => view! { <RegisterForm catalog state /> }.into_any(),
                None if catalog_failed.get() => view! {
                    <div class="notice notice--error" role="alert">
                        <p>{t!(i18n, products_models_unavailable)}</p>
                        <button type="button" class="button button--secondary" on:click=move |_| load_models()>
                            {t!(i18n, track_retry)}
                        </button>
                    </div>
                }.into_any(),
                None => view! { <SkeletonCards count=1 /> }.into_any(),
            }}
        </details>
    }
}

/// Asks the backend for the customer's products and keeps the list on
/// this device.
async fn refresh(account: Account) -> Result<Vec<RegisteredProduct>, PortalError> {
    let backend = account.backend();
    let response =
        net::send(backend.list_products(&account.credentials(), account.locale())).await?;
    if response.status == 401 {
        account.needs_sign_in.set(true);
    }
    let list = backend.read_products(response)?;
    // Without the saved copy the list only needs the network next time.
    let _ = product_book::save_products(&list).await;
    Ok(list.items)
}
