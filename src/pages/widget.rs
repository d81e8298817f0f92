//! The widget's entry at `/widget`: `embed.js` opens the portal here, in a
//! frame on the vendor's page, with `?host=&locale=&accent=`. The app read
//! those as it started (see `crate::widget`), so this page only sends the
//! customer on to the home — search first — replacing the entry in the
//! frame's history, so that the search box's own address (`/?q=`) and Back
//! work as in the full portal.

use leptos::prelude::*;
use leptos_router::hooks::use_navigate;
use leptos_router::NavigateOptions;

use crate::components::skeleton::SkeletonCards;

/// The page.
#[component]
pub fn WidgetPage() -> impl IntoView {
    let navigate = use_navigate();
    Effect::new(move |_| {
        navigate(
            "/",
            NavigateOptions {
                replace: true,
                ..Default::default()
            },
        );
    });
    view! { <SkeletonCards count=2 /> }
}
