//! The app: providers (language, knowledge base) around the shell and the
//! router. Every page lives in `pages/`, one per file.

use leptos::prelude::*;
use leptos_router::{
    components::{Route, Router, Routes},
    path,
};

use crate::components::shell::Shell;
use crate::knowledge_base::KnowledgeBase;
use crate::language::provide_language;
use crate::pages::{article::ArticlePage, help::HelpHomePage, not_found::NotFoundPage};

/// The whole portal.
#[component]
pub fn App() -> impl IntoView {
    provide_context(KnowledgeBase::same_origin());
    provide_language();
    leptos_meta::provide_meta_context();
    view! {
        <Router>
            <Shell>
                <Routes fallback=|| view! { <NotFoundPage /> }>
                    <Route path=path!("/") view=HelpHomePage />
                    <Route path=path!("/articles/:id") view=ArticlePage />
                </Routes>
            </Shell>
        </Router>
    }
}
