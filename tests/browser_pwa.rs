//! Browser tests, run by wasm-bindgen-test in headless Chromium: an old
//! build refuses a device store that a newer build upgraded, and says so in
//! a way the portal can tell apart from other storage failures.

#![cfg(target_arch = "wasm32")]

use aftercare::store::schema::{self, MIGRATIONS};
use aftercare::store::DeviceStore;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

#[path = "support/builds.rs"]
mod builds;

use builds::{forget_database, next_build};

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen_test]
async fn an_older_build_gets_a_newer_schema_error() {
    let name = "test-newer-schema";
    forget_database(name);
    let newer = DeviceStore::open_with(name, &next_build()).await.unwrap();
    assert_eq!(newer.version(), schema::version() + 1);
    newer.close();

    let error = match DeviceStore::open_with(name, MIGRATIONS).await {
        Ok(_) => panic!("this build must not open a newer build's store"),
        Err(error) => error,
    };
    assert!(
        schema::is_newer_schema(&error),
        "the error says the schema is newer: {error:?}"
    );
    assert!(
        schema::newer_schema_seen(),
        "the page is told it is out of date"
    );
}

#[wasm_bindgen_test]
async fn other_store_errors_are_not_taken_for_a_newer_schema() {
    let error = aftercare::store::StoreError::Other("AbortError: the upgrade failed".into());
    assert!(!schema::is_newer_schema(&error));
    assert!(!schema::is_newer_schema(
        &aftercare::store::StoreError::QuotaExceeded
    ));
}

#[wasm_bindgen_test]
async fn an_upgrade_in_another_tab_tells_this_page_to_reload() {
    let name = "test-upgrade-announced";
    forget_database(name);
    let announced = std::rc::Rc::new(std::cell::Cell::new(false));
    let heard = announced.clone();
    let listener = wasm_bindgen::closure::Closure::<dyn FnMut()>::new(move || heard.set(true));
    let window = web_sys::window().unwrap();
    window
        .add_event_listener_with_callback(
            schema::NEWER_SCHEMA_EVENT,
            listener.as_ref().unchecked_ref(),
        )
        .unwrap();

    let this_tab = DeviceStore::open_with(name, MIGRATIONS).await.unwrap();
    let newer_tab = DeviceStore::open_with(name, &next_build()).await.unwrap();
    assert!(this_tab.is_closed());
    assert!(announced.get(), "the old page heard that it is out of date");

    window
        .remove_event_listener_with_callback(
            schema::NEWER_SCHEMA_EVENT,
            listener.as_ref().unchecked_ref(),
        )
        .unwrap();
    newer_tab.close();
}
