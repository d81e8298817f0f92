//! "Related articles" under an article: what the search engine finds about
//! the same things, read from the shelf (so it works offline). Hidden when
//! there is nothing related.

use std::sync::Arc;

use leptos::prelude::*;

use super::hit_list::HitList;
use crate::i18n::*;
use crate::kb::Shelf;

/// How many related articles are listed.
const RELATED: usize = 5;

/// The articles related to article `id`.
#[component]
pub fn RelatedArticles(
    /// The knowledge base.
    shelf: Arc<Shelf>,
    /// The article being read.
    #[prop(into)]
    id: String,
) -> impl IntoView {
    let i18n = use_i18n();
    let hits = shelf.related(&id, RELATED);
    (!hits.is_empty()).then(move || {
        let label = Signal::derive(move || t_string!(i18n, related_heading).to_string());
        view! {
            <section class="related" aria-labelledby="related-title">
                <h2 class="related__title" id="related-title">{t!(i18n, related_heading)}</h2>
                <HitList hits shelf label />
            </section>
        }
    })
}
