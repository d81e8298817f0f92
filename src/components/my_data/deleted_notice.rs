//! The notice on the home page after the customer deleted their account
//! (`/?account=deleted`): it says what happened, so the signed-out home
//! page does not look like an accident.

use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use crate::i18n::*;

/// The query parameter and value that ask for the notice.
pub const DELETED_QUERY: (&str, &str) = ("account", "deleted");

/// Home's address with the notice.
pub fn deleted_href() -> String {
    format!("/?{}={}", DELETED_QUERY.0, DELETED_QUERY.1)
}

/// The notice, shown only when the address asks for it.
#[component]
pub fn AccountDeletedNotice() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let wanted = move || query.with(|q| q.get(DELETED_QUERY.0).as_deref() == Some(DELETED_QUERY.1));
    move || {
        wanted().then(|| {
            view! {
                <section class="notice" role="status" aria-labelledby="account-deleted-title">
                    <h2 class="notice__title" id="account-deleted-title">{t!(i18n, my_data_deleted_title)}</h2>
                    <p>{t!(i18n, my_data_deleted_body)}</p>
                </section>
            }
        })
    }
}
