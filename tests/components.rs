//! Component tests in the browser (wasm-bindgen-test, headless Chromium):
//! components rendered into a real document, read and clicked as a customer
//! would.

#![cfg(target_arch = "wasm32")]

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

use aftercare::components::load_error::LoadError;
use aftercare::language::provide_language;
use aftercare_core::{problem::kinds, PortalError, Problem};
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

/// Renders the load-error panel for `error` in English into a fresh element
/// and returns the element and how often "Try again" was pressed.
fn render_load_error(error: PortalError) -> (web_sys::HtmlElement, Arc<AtomicUsize>) {
    let window = web_sys::window().unwrap();
    window
        .local_storage()
        .unwrap()
        .unwrap()
        .set_item("aftercare.locale", "en")
        .unwrap();
    let document = window.document().unwrap();
    let host: web_sys::HtmlElement = document.create_element("div").unwrap().unchecked_into();
    document.body().unwrap().append_child(&host).unwrap();
    let retries = Arc::new(AtomicUsize::new(0));
    let counted = retries.clone();
    let handle = leptos::mount::mount_to(host.clone(), move || {
        provide_language();
        let mut errors = Errors::default();
        errors.insert_with_default_key(error);
        let on_retry = Callback::new(move |_| {
            counted.fetch_add(1, Ordering::SeqCst);
        });
        view! { <LoadError errors=ArcRwSignal::new(errors) on_retry /> }
    });
    handle.forget();
    (host, retries)
}

#[wasm_bindgen_test]
fn an_unreachable_backend_is_explained_with_a_retry() {
    let (host, retries) = render_load_error(PortalError::Unreachable("offline".into()));
    let alert = host
        .query_selector("[role=alert]")
        .unwrap()
        .expect("an alert");
    let text = alert.text_content().unwrap();
    assert!(
        text.contains("We can't reach the help center right now"),
        "{text}"
    );
    assert!(
        text.contains("Nothing you did here has been lost"),
        "{text}"
    );

    let button: web_sys::HtmlElement = alert
        .query_selector("button")
        .unwrap()
        .expect("a retry button")
        .unchecked_into();
    assert_eq!(button.text_content().unwrap(), "Try again");
    button.click();
    button.click();
    assert_eq!(retries.load(Ordering::SeqCst), 2);
}

#[wasm_bindgen_test]
fn a_server_fault_says_it_is_on_our_side() {
    let problem = Problem::new(kinds::INTERNAL, 500, "Internal error");
    let (host, _) = render_load_error(PortalError::Problem(problem));
    let text = host.text_content().unwrap();
    assert!(text.contains("Something went wrong on our side"), "{text}");
    assert!(!text.contains("can't reach"), "{text}");
}
