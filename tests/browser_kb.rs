//! Browser tests of the knowledge base on the device, run by wasm-bindgen-test
//! in headless Chromium: delta sync against a stand-in article feed (paging,
//! cursors, tombstones), the saved shelf offline, and reading order.

#![cfg(target_arch = "wasm32")]

use std::cell::RefCell;

use aftercare::kb::sync::{cursor_key, saved_shelf_in, synced_shelf_via};
use aftercare::knowledge_base::Freshness;
use aftercare::store::DeviceStore;
use aftercare_core::{
    Article, ArticlePage, Branding, HttpRequest, HttpResponse, Locale, PortalConfig, PortalError,
    RestBackend,
};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn article(id: &str, locale: &str, title: &str, updated: u32) -> Article {
    Article {
        id: id.into(),
        locale: locale.into(),
        category: "troubleshooting".into(),
        title: title.into(),
        tags: vec![],
        html: format!("<p>{title}</p>"),
        text: format!("{title}. Follow the steps below."),
        updated_at: format!("2026-11-01T08:{:02}:{:02}.000Z", updated / 60, updated % 60),
    }
}

fn config() -> PortalConfig {
    PortalConfig {
        locales: vec!["en".into(), "zh-CN".into(), "zh-TW".into()],
        default_locale: "zh-CN".into(),
        categories: vec![],
        branding: Branding {
            portal_name: [("en", "Help")].into(),
            vendor_name: [("en", "Brightwell")].into(),
            accent_color: "#0f766e".into(),
        },
        search: Default::default(),
    }
}

/// A stand-in for `GET /portal` and the article feed: rows in feed order,
/// each either an article or a tombstone, with the row number as cursor.
#[derive(Default)]
struct FakeFeed {
    rows: Vec<Row>,
    /// Every `since` the feed was asked with, per locale, in order.
    asked: Vec<(String, Option<String>)>,
    offline: bool,
}

enum Row {
    Live(Article),
    Deleted { id: String, locale: String },
}

impl Row {
    fn locale(&self) -> &str {
        match self {
            Row::Live(article) => &article.locale,
            Row::Deleted { locale, .. } => locale,
        }
    }
}

fn ok(body: String) -> HttpResponse {
    HttpResponse {
        status: 200,
        headers: vec![("Content-Type".into(), "application/json".into())],
        body: body.into_bytes(),
    }
}

impl FakeFeed {
    fn handle(&mut self, request: HttpRequest) -> Result<HttpResponse, PortalError> {
        if self.offline {
            return Err(PortalError::Unreachable("offline".into()));
        }
        let path = request
            .url
            .split("/api/v1")
            .nth(1)
            .unwrap_or("")
            .to_string();
        if path.starts_with("/portal") {
            return Ok(ok(serde_json::to_string(&config()).unwrap()));
        }
        assert!(path.starts_with("/kb/articles?"), "unexpected call {path}");
        let param = |name: &str| {
            path.split(['?', '&'])
                .find_map(|pair| pair.strip_prefix(&format!("{name}=")))
                .map(str::to_string)
        };
        let locale = param("locale").expect("the portal asks per locale");
        let since = param("since");
        let limit: usize = param("limit").unwrap().parse().unwrap();
        self.asked.push((locale.clone(), since.clone()));
        let start = since
            .as_deref()
            .map_or(0, |s| s.parse::<usize>().unwrap() + 1);
        let mut page = ArticlePage::default();
        let mut last = None;
        for (n, row) in self.rows.iter().enumerate().skip(start) {
            if row.locale() != locale {
                continue;
            }
            if page.articles.len() + page.tombstones.len() == limit {
                break;
            }
            match row {
                Row::Live(article) => page.articles.push(article.clone()),
                // A first read has nothing to forget.
                Row::Deleted { id, .. } if since.is_some() => page.tombstones.push(id.clone()),
                Row::Deleted { .. } => {}
            }
            last = Some(n);
        }
        page.next_cursor = last.map(|n| n.to_string()).or(since);
        Ok(ok(serde_json::to_string(&page).unwrap()))
    }
}

async fn fresh_store(name: &str) -> DeviceStore {
    let factory = web_sys::window().unwrap().indexed_db().unwrap().unwrap();
    let _ = factory.delete_database(name);
    DeviceStore::open_named(name)
        .await
        .expect("the store opens")
}

async fn sync(
    store: &DeviceStore,
    feed: &RefCell<FakeFeed>,
    locale: Locale,
) -> Result<aftercare::kb::Shelf, PortalError> {
    let backend = RestBackend::new("http://feed.test");
    synced_shelf_via(&backend, Some(store), locale, None, |request| {
        let answer = feed.borrow_mut().handle(request);
        async move { answer }
    })
    .await
}

#[wasm_bindgen_test]
async fn the_feed_is_read_by_pages_then_only_the_changes_since_the_cursor() {
    let store = fresh_store("test-kb-delta").await;
    let feed = RefCell::new(FakeFeed::default());
    for n in 0..250 {
        let title = format!("Printer fault E{n}");
        feed.borrow_mut()
            .rows
            .push(Row::Live(article(&format!("en-{n}"), "en", &title, n)));
    }
    let shelf = sync(&store, &feed, Locale::En).await.unwrap();
    assert_eq!(shelf.articles.len(), 250);
    assert_eq!(shelf.freshness, Freshness::Live);
    // Two pages: from the start, then from the first page's last row.
    assert_eq!(
        feed.borrow().asked,
        vec![
            ("en".to_string(), None),
            ("en".to_string(), Some("199".to_string()))
        ]
    );
    let cursor: Option<String> = store.setting(&cursor_key(Locale::En)).await.unwrap();
    assert_eq!(cursor.as_deref(), Some("249"));

    // One article changes, one is removed; the next sync asks only for that.
    feed.borrow_mut().asked.clear();
    feed.borrow_mut().rows.push(Row::Live(article(
        "en-7",
        "en",
        "Printer fault E7, revised",
        300,
    )));
    feed.borrow_mut().rows.push(Row::Deleted {
        id: "en-8".into(),
        locale: "en".into(),
    });
    let shelf = sync(&store, &feed, Locale::En).await.unwrap();
    assert_eq!(
        feed.borrow().asked,
        vec![("en".to_string(), Some("249".to_string()))]
    );
    assert_eq!(shelf.articles.len(), 249);
    assert!(shelf.article("en-8").is_none());
    assert_eq!(
        shelf.article("en-7").unwrap().title,
        "Printer fault E7, revised"
    );
    assert!(store.article("en-8").await.unwrap().is_none());

    // Nothing new: the shown shelf is confirmed, its index not built again.
    let backend = RestBackend::new("http://feed.test");
    let again = synced_shelf_via(
        &backend,
        Some(&store),
        Locale::En,
        Some(&shelf),
        |request| {
            let answer = feed.borrow_mut().handle(request);
            async move { answer }
        },
    )
    .await
    .unwrap();
    assert!(std::sync::Arc::ptr_eq(&again.index, &shelf.index));
    assert_eq!(again.freshness, Freshness::Live);
    store.close();
}

#[wasm_bindgen_test]
async fn offline_the_saved_shelf_is_read_and_searched() {
    let store = fresh_store("test-kb-offline").await;
    let feed = RefCell::new(FakeFeed::default());
    feed.borrow_mut()
        .rows
        .push(Row::Live(article("a", "zh-CN", "打印机不出纸怎么办", 1)));
    feed.borrow_mut()
        .rows
        .push(Row::Live(article("b", "zh-CN", "冷柜不制冷", 2)));
    sync(&store, &feed, Locale::ZhCn).await.unwrap();

    feed.borrow_mut().offline = true;
    let error = sync(&store, &feed, Locale::ZhCn).await.unwrap_err();
    assert!(error.is_transient());
    let shelf = saved_shelf_in(&store, Locale::ZhCn)
        .await
        .expect("a saved shelf");
    assert_eq!(shelf.freshness, Freshness::SavedCopy);
    let hits = shelf.search("制冷", None, 10);
    assert_eq!(hits.first().map(|hit| hit.id.as_str()), Some("b"));
    store.close();
}

#[wasm_bindgen_test]
async fn a_traditional_chinese_reader_gets_their_articles_first_then_simplified_ones() {
    let store = fresh_store("test-kb-order").await;
    let feed = RefCell::new(FakeFeed::default());
    feed.borrow_mut()
        .rows
        .push(Row::Live(article("cn", "zh-CN", "保修条款", 1)));
    feed.borrow_mut()
        .rows
        .push(Row::Live(article("en", "en", "Warranty terms", 2)));
    feed.borrow_mut()
        .rows
        .push(Row::Live(article("tw", "zh-TW", "保固條款", 3)));
    let shelf = sync(&store, &feed, Locale::ZhTw).await.unwrap();
    let ids: Vec<&str> = shelf.articles.iter().map(|a| a.id.as_str()).collect();
    assert_eq!(ids, ["tw", "cn"]);
    // Each locale has its own cursor.
    let tw: Option<String> = store.setting(&cursor_key(Locale::ZhTw)).await.unwrap();
    let cn: Option<String> = store.setting(&cursor_key(Locale::ZhCn)).await.unwrap();
    assert_eq!((tw.as_deref(), cn.as_deref()), (Some("2"), Some("0")));
    store.close();
}

#[wasm_bindgen_test]
async fn a_read_from_the_start_forgets_saved_articles_the_feed_no_longer_lists() {
    let store = fresh_store("test-kb-forget").await;
    // Kept by an older portal, with no cursor; removed on the server since.
    store
        .put_articles(&[article("gone", "en", "Retired model", 1)])
        .await
        .unwrap();
    let feed = RefCell::new(FakeFeed::default());
    feed.borrow_mut()
        .rows
        .push(Row::Live(article("kept", "en", "Current model", 2)));
    let shelf = sync(&store, &feed, Locale::En).await.unwrap();
    let ids: Vec<&str> = shelf.articles.iter().map(|a| a.id.as_str()).collect();
    assert_eq!(ids, ["kept"]);
    assert!(store.article("gone").await.unwrap().is_none());
    store.close();
}
