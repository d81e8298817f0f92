//! "My data" at `/my-data`: a signed-in customer downloads everything the
//! backend holds about them, or deletes their account after reading what
//! that means and confirming it. Both need the network.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::A;

use crate::components::my_data::{delete_account::DeleteAccount, export_data::ExportData};
use crate::components::skeleton::SkeletonCards;
use crate::i18n::*;
use crate::session::use_account;

/// The page.
#[component]
pub fn MyDataPage() -> impl IntoView {
    let i18n = use_i18n();
    let account = use_account();
    let signed_in = move || account.signed_in.with(Option::is_some);
    let email = move || {
        account
            .signed_in
            .with(|s| s.as_ref().map(|s| s.customer.email.clone()))
            .unwrap_or_default()
    };
    view! {
        <Title text=move || t_string!(i18n, my_data_title).to_string() />
        <header class="page-head">
            <h1>{t!(i18n, my_data_title)}</h1>
        </header>
        <Show when=move || account.loaded.get() fallback=|| view! { <SkeletonCards count=2 /> }>
            <Show
                when=signed_in
                fallback=move || view! {
                    <section class="card sign-in-prompt">
                        <p>{t!(i18n, my_data_sign_in_prompt)}</p>
                        <div class="actions__buttons">
                            <A href="/sign-in?next=/my-data" attr:class="button">{t!(i18n, nav_sign_in)}</A>
                        </div>
                    </section>
                }
            >
                <p class="page-lead">{t!(i18n, account_signed_in_as, email = email)}</p>
                <div class="my-data">
                    <ExportData />
                    <DeleteAccount />
                </div>
            </Show>
        </Show>
    }
}
