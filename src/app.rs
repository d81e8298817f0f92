//! The app: providers (language, knowledge base, account, outbox) around the shell and the
//! router, started in three browser tasks (see [`start`]). Every page lives in `pages/`, one per
//! file. Started inside a vendor's page (the widget, see `crate::widget`), the same app runs in
//! a compact layout.

use std::sync::Arc;

use aftercare_core::{Backend, RestBackend};
use leptos::prelude::*;
use leptos_router::{
    components::{Route, Router, Routes},
    path,
};

use crate::components::pwa::take_over::TakeOverFirstPaint;
use crate::components::shell::Shell;
use crate::kb::{provide_kb_signals, provide_library};
use crate::knowledge_base::KnowledgeBase;
use crate::language::provide_language;
use crate::pages::category::CategoryPage;
use crate::pages::new_request::NewRequestPage;
use crate::pages::survey::SurveyPage;
use crate::pages::widget::WidgetPage;
use crate::pages::{article::ArticlePage, help::HelpHomePage, not_found::NotFoundPage};
use crate::pages::{
    lookup::LookupPage, my_requests::MyRequestsPage, request::RequestPage, sign_in::SignInPage,
};
use crate::pages::{my_data::MyDataPage, products::ProductsPage};
use crate::session::provide_account;
use crate::sync::provide_outbox;

/// Starts the portal in three browser tasks, so none is one long block of
/// work: first the services (language, knowledge base, account, outbox,
/// app updates) are provided under a root owner; then, in the next task,
/// the app's frame is drawn under that owner; and in the one after, the
/// page, when the static first-paint copy gives way to the app (see
/// [`TakeOverFirstPaint`]). The static copy stays on screen until then.
pub fn start() {
    // Leptos installs its executor when it mounts; the services spawn work
    // before that.
    let _ = any_spawner::Executor::init_wasm_bindgen();
    let owner = Owner::new();
    owner.with(provide_services);
    leptos::task::spawn_local(async move {
        crate::pwa::next_task().await;
        owner.with(|| leptos::mount::mount_to_body(App));
        // The services live as long as the page.
        std::mem::forget(owner);
    });
}

/// Provides what every page reads from context.
fn provide_services() {
    let backend: Arc<dyn Backend + Send + Sync> = Arc::new(RestBackend::new(""));
    let asked_locale = crate::widget::start();
    provide_context(KnowledgeBase::new(backend.clone()));
    let language = provide_language();
    if let Some(locale) = asked_locale {
        language.choose(locale);
    }
    provide_library(backend.clone());
    let account = provide_account(backend);
    let outbox = provide_outbox(account);
    provide_kb_signals(outbox);
    leptos_meta::provide_meta_context();
    crate::pwa::provide_pwa();
}

/// The whole portal, drawn under the services [`start`] provided.
#[component]
pub fn App() -> impl IntoView {
    view! {
        <Router>
            <Shell>
                <TakeOverFirstPaint>
                <Routes fallback=|| view! { <NotFoundPage /> }>
                    <Route path=path!("/") view=HelpHomePage />
                    <Route path=path!("/articles/:id") view=ArticlePage />
                    <Route path=path!("/categories/:key") view=CategoryPage />
                    <Route path=path!("/requests/new") view=NewRequestPage />
                    <Route path=path!("/requests") view=MyRequestsPage />
                    <Route path=path!("/requests/lookup") view=LookupPage />
                    <Route path=path!("/requests/:key") view=RequestPage />
                    <Route path=path!("/sign-in") view=SignInPage />
                    <Route path=path!("/survey") view=SurveyPage />
                    <Route path=path!("/products") view=ProductsPage />
                    <Route path=path!("/my-data") view=MyDataPage />
                    <Route path=path!("/widget") view=WidgetPage />
                </Routes>
                </TakeOverFirstPaint>
            </Shell>
        </Router>
    }
}
