//! The small badge on an article in the sibling Chinese script (a zh-TW
//! customer reading a zh-CN article, or the other way round), naming the
//! language it is written in.

use aftercare_core::Locale;
use leptos::prelude::*;

/// The badge for an article in `article_locale`, shown only when that is not
/// the customer's `locale`.
#[component]
pub fn LocaleBadge(
    /// The article's locale tag (`zh-CN`, `zh-TW`, `en`).
    #[prop(into)]
    article_locale: String,
    /// The customer's locale.
    locale: Locale,
) -> impl IntoView {
    let other = Locale::from_tag(&article_locale).filter(|&l| l != locale);
    other.map(|other| {
        view! { <span class="locale-badge" lang=other.tag()>{other.native_name()}</span> }
    })
}
