//! Skeletons: grey shapes where content is known to come, instead of a
//! spinner or a blank page.

use leptos::prelude::*;

use crate::i18n::*;

/// Placeholder cards for a list of help topics.
#[component]
pub fn SkeletonCards(
    /// How many cards to draw.
    #[prop(default = 4)]
    count: usize,
) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <div class="skeleton-grid" aria-busy="true">
            <span class="visually-hidden" role="status">{t!(i18n, loading)}</span>
            {(0..count)
                .map(|_| view! {
                    <div class="card skeleton" aria-hidden="true">
                        <div class="skeleton__line skeleton__line--title"></div>
                        <div class="skeleton__line"></div>
                        <div class="skeleton__line skeleton__line--short"></div>
                    </div>
                })
                .collect_view()}
        </div>
    }
}
