//! The notice every page that reads the customer's own data shows once the
//! backend refused their session (it expired or was revoked): what waits
//! stays on the device, and one button signs them in again and brings them
//! back to `next`.

use leptos::prelude::*;
use leptos_router::components::A;

use crate::i18n::*;
use crate::session::use_account;

/// "Your session has ended", while it has (tracked).
#[component]
pub fn SignInAgainNotice(
    /// The page to come back to after signing in (a path).
    #[prop(into)]
    next: String,
) -> impl IntoView {
    let i18n = use_i18n();
    let account = use_account();
    let href = format!("/sign-in?next={next}");
    move || {
        let href = href.clone();
        account.needs_sign_in.get().then(|| {
            view! {
                <section class="notice notice--error" role="alert">
                    <p>{t!(i18n, account_needs_sign_in)}</p>
                    <A href=href attr:class="button">{t!(i18n, account_sign_in_again)}</A>
                </section>
            }
        })
    }
}
