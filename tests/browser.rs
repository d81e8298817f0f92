//! Browser tests, run by wasm-bindgen-test in headless Chromium: the device
//! store's IndexedDB round-trips and the portal's components as they render.

#![cfg(target_arch = "wasm32")]

use aftercare::store::DeviceStore;
use aftercare_core::{Article, Branding, Category, PortalConfig};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn article(id: &str, locale: &str, title: &str) -> Article {
    Article {
        id: id.into(),
        locale: locale.into(),
        category: "usage".into(),
        title: title.into(),
        tags: vec!["标签".into()],
        html: "<p>正文</p>".into(),
        text: "正文".into(),
        updated_at: "2026-11-01T08:00:00.000Z".into(),
    }
}

async fn fresh_store(name: &str) -> DeviceStore {
    let factory = web_sys::window().unwrap().indexed_db().unwrap().unwrap();
    let _ = factory.delete_database(name);
    DeviceStore::open_named(name)
        .await
        .expect("the store opens")
}

#[wasm_bindgen_test]
async fn articles_round_trip_through_indexeddb() {
    let store = fresh_store("test-articles").await;
    let saved = vec![
        article("reset-zh-cn", "zh-CN", "如何重置设备"),
        article("reset-en", "en", "How to reset the device"),
        article("warranty-zh-cn", "zh-CN", "保修条款"),
    ];
    store.put_articles(&saved).await.unwrap();

    let mut chinese = store.articles_in("zh-CN").await.unwrap();
    chinese.sort_by(|a, b| a.id.cmp(&b.id));
    assert_eq!(chinese, vec![saved[0].clone(), saved[2].clone()]);
    assert_eq!(
        store.article("reset-en").await.unwrap(),
        Some(saved[1].clone())
    );
    assert_eq!(store.article("missing").await.unwrap(), None);

    store.delete_articles(&["reset-en".into()]).await.unwrap();
    assert_eq!(store.article("reset-en").await.unwrap(), None);
    store.close();
}

#[wasm_bindgen_test]
async fn saved_articles_survive_reopening_the_store() {
    let store = fresh_store("test-reopen").await;
    store
        .put_articles(&[article("fees-en", "en", "Fee standard")])
        .await
        .unwrap();
    store.close();
    let reopened = DeviceStore::open_named("test-reopen").await.unwrap();
    assert_eq!(
        reopened.article("fees-en").await.unwrap().map(|a| a.title),
        Some("Fee standard".to_string())
    );
    reopened.close();
}

#[wasm_bindgen_test]
async fn portal_config_round_trips() {
    let store = fresh_store("test-config").await;
    assert_eq!(store.portal_config().await.unwrap(), None);
    let config = PortalConfig {
        locales: vec!["zh-CN".into(), "en".into()],
        default_locale: "zh-CN".into(),
        categories: vec![Category {
            key: "warranty".into(),
            label: [("zh-CN", "保修与退换"), ("en", "Warranty & returns")].into(),
            description: Default::default(),
        }],
        branding: Branding {
            portal_name: [("en", "Help")].into(),
            vendor_name: [("en", "Brightwell")].into(),
            accent_color: "#0f766e".into(),
        },
    };
    store.put_portal_config(&config).await.unwrap();
    assert_eq!(store.portal_config().await.unwrap(), Some(config));
    store.close();
}

#[wasm_bindgen_test]
async fn the_tabs_shared_store_is_kept_and_reopened_after_a_close() {
    let first = DeviceStore::shared().await.unwrap();
    first
        .put_articles(&[article("shared-en", "en", "Shared")])
        .await
        .unwrap();
    let again = DeviceStore::shared().await.unwrap();
    assert!(again.article("shared-en").await.unwrap().is_some());
    // Another tab's upgrade closes the connection; the next use reopens it.
    again.close();
    let reopened = DeviceStore::shared().await.unwrap();
    assert_eq!(
        reopened
            .article("shared-en")
            .await
            .unwrap()
            .map(|a| a.title),
        Some("Shared".to_string())
    );
}
