//! Browser tests, run by wasm-bindgen-test in headless Chromium: the device
//! store's IndexedDB round-trips and the portal's components as they render.

#![cfg(target_arch = "wasm32")]

use aftercare::store::schema::{self, MIGRATIONS};
use aftercare::store::{DeviceStore, FileRecord};
use aftercare_core::{Article, Branding, Category, PortalConfig};
use serde::{Deserialize, Serialize};
use wasm_bindgen::JsValue;
use wasm_bindgen_futures::JsFuture;
use wasm_bindgen_test::*;

#[path = "support/builds.rs"]
mod builds;

use builds::{forget_database, next_build};

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

/// An outbox item as the tests queue it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
struct Queued {
    key: String,
    seq: u64,
    text: String,
}

fn queued(key: &str, seq: u64) -> Queued {
    Queued {
        key: key.into(),
        seq,
        text: format!("message {seq}"),
    }
}

#[wasm_bindgen_test]
async fn data_and_queued_items_survive_each_upgrade() {
    let name = "test-upgrades";
    forget_database(name);
    let first = DeviceStore::open_with(name, &MIGRATIONS[..1])
        .await
        .unwrap();
    assert_eq!(first.version(), 1);
    first
        .put_articles(&[article("old-en", "en", "Written under version 1")])
        .await
        .unwrap();
    first.close();

    let second = DeviceStore::open_with(name, MIGRATIONS).await.unwrap();
    assert_eq!(second.version(), schema::version());
    assert!(second.article("old-en").await.unwrap().is_some());
    second.put(schema::OUTBOX, &queued("q-1", 1)).await.unwrap();
    second.close();

    let third = DeviceStore::open_with(name, &next_build()).await.unwrap();
    assert_eq!(third.version(), schema::version() + 1);
    assert_eq!(
        third.article("old-en").await.unwrap().map(|a| a.title),
        Some("Written under version 1".to_string())
    );
    assert_eq!(
        third.all::<Queued>(schema::OUTBOX).await.unwrap(),
        vec![queued("q-1", 1)]
    );
    third.close();
}

#[wasm_bindgen_test]
async fn an_open_tab_does_not_block_an_upgrade() {
    let name = "test-other-tab";
    forget_database(name);
    let other_tab = DeviceStore::open_with(name, MIGRATIONS).await.unwrap();
    other_tab
        .put(schema::OUTBOX, &queued("q-1", 1))
        .await
        .unwrap();
    assert!(!other_tab.is_closed());

    let upgraded = DeviceStore::open_with(name, &next_build()).await.unwrap();
    assert_eq!(upgraded.version(), schema::version() + 1);
    assert!(
        other_tab.is_closed(),
        "the other tab let go of the database"
    );
    assert_eq!(upgraded.count(schema::OUTBOX).await.unwrap(), 1);
    assert!(other_tab.count(schema::OUTBOX).await.is_err());
    upgraded.close();
}

#[wasm_bindgen_test]
async fn a_file_keeps_its_bytes_as_a_blob() {
    let store = fresh_store("test-files").await;
    let bytes: Vec<u8> = (0..=255u8).cycle().take(70_000).collect();
    let parts = js_sys::Array::of1(&js_sys::Uint8Array::from(bytes.as_slice()));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type("application/pdf");
    let blob = web_sys::Blob::new_with_u8_array_sequence_and_options(&parts, &options).unwrap();
    let record = FileRecord {
        id: "file-1".into(),
        name: "receipt.pdf".into(),
        content_type: "application/pdf".into(),
        size: bytes.len() as u64,
        blob,
        server_id: None,
        sent: 0,
    };
    store.put_file(&record).await.unwrap();

    let back = store
        .file("file-1")
        .await
        .unwrap()
        .expect("the file is saved");
    assert_eq!(back.name, "receipt.pdf");
    assert_eq!(back.size, 70_000);
    assert_eq!(back.server_id, None);
    assert_eq!(back.blob.type_(), "application/pdf");
    let buffer = JsFuture::from(back.blob.array_buffer()).await.unwrap();
    assert_eq!(js_sys::Uint8Array::new(&buffer).to_vec(), bytes);

    let uploaded = FileRecord {
        server_id: Some("att-9".into()),
        sent: 70_000,
        ..back
    };
    store.put_file(&uploaded).await.unwrap();
    let again = store.file("file-1").await.unwrap().unwrap();
    assert!(again.is_uploaded());
    assert_eq!(store.files().await.unwrap().len(), 1);

    store.delete_file("file-1").await.unwrap();
    assert!(store.file("file-1").await.unwrap().is_none());
    store.close();
}

#[wasm_bindgen_test]
async fn the_outbox_lists_items_in_the_order_they_were_queued() {
    let store = fresh_store("test-outbox-order").await;
    // Keys sort differently from the order of queueing.
    for item in [
        queued("c", 1),
        queued("a", 3),
        queued("b", 2),
        queued("d", 10),
    ] {
        store.put(schema::OUTBOX, &item).await.unwrap();
    }
    let order: Vec<u64> = store
        .all::<Queued>(schema::OUTBOX)
        .await
        .unwrap()
        .into_iter()
        .map(|item| item.seq)
        .collect();
    assert_eq!(order, vec![1, 2, 3, 10]);
    assert_eq!(store.count(schema::OUTBOX).await.unwrap(), 4);

    store.delete(schema::OUTBOX, "a").await.unwrap();
    assert_eq!(
        store.get::<Queued>(schema::OUTBOX, "a").await.unwrap(),
        None
    );
    assert_eq!(
        store.get::<Queued>(schema::OUTBOX, "b").await.unwrap(),
        Some(queued("b", 2))
    );
    store.close();
}

#[wasm_bindgen_test]
async fn signing_out_wipes_private_data_and_keeps_articles() {
    let store = fresh_store("test-wipe").await;
    store
        .put_articles(&[article("public-en", "en", "Public")])
        .await
        .unwrap();
    store.put_portal_config(&portal_config()).await.unwrap();
    store.put(schema::OUTBOX, &queued("q-1", 1)).await.unwrap();
    store
        .put(schema::REQUESTS, &queued("SR-1", 1))
        .await
        .unwrap();
    store
        .put(schema::DRAFTS, &serde_json::json!({"id": "draft-1"}))
        .await
        .unwrap();
    let blob = web_sys::Blob::new().unwrap();
    store
        .put_file(&FileRecord {
            id: "file-1".into(),
            name: "empty.txt".into(),
            content_type: "text/plain".into(),
            size: 0,
            blob,
            server_id: None,
            sent: 0,
        })
        .await
        .unwrap();
    for key in ["session", "access-keys", "zzz-last"] {
        store.put_setting(key, &key).await.unwrap();
    }
    store.put_setting("0-first", &1).await.unwrap();
    store
        .put_setting("service-catalog", &"public catalog")
        .await
        .unwrap();

    store.wipe_private().await.unwrap();

    for name in [
        schema::OUTBOX,
        schema::REQUESTS,
        schema::DRAFTS,
        schema::FILES,
    ] {
        assert_eq!(store.count(name).await.unwrap(), 0, "{name} is empty");
    }
    for key in ["session", "access-keys", "zzz-last", "0-first"] {
        assert_eq!(store.setting::<serde_json::Value>(key).await.unwrap(), None);
    }
    assert!(store.article("public-en").await.unwrap().is_some());
    assert_eq!(store.portal_config().await.unwrap(), Some(portal_config()));
    assert_eq!(
        store.setting::<String>("service-catalog").await.unwrap(),
        Some("public catalog".to_string())
    );
    let mut sorted = aftercare::store::PUBLIC_SETTINGS.to_vec();
    sorted.sort();
    assert_eq!(
        sorted,
        aftercare::store::PUBLIC_SETTINGS,
        "kept in key order"
    );
    store.close();
}

fn portal_config() -> PortalConfig {
    PortalConfig {
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
        search: Default::default(),
    }
}

#[wasm_bindgen_test]
async fn portal_config_round_trips() {
    let store = fresh_store("test-config").await;
    assert_eq!(store.portal_config().await.unwrap(), None);
    let config = portal_config();
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

#[wasm_bindgen_test]
fn a_full_disk_is_a_typed_error() {
    use aftercare::store::StoreError;
    let quota =
        web_sys::DomException::new_with_message_and_name("full", "QuotaExceededError").unwrap();
    assert_eq!(StoreError::from_js(quota.into()), StoreError::QuotaExceeded);
    let other = web_sys::DomException::new_with_message_and_name("no", "ConstraintError").unwrap();
    assert!(matches!(
        StoreError::from_js(other.into()),
        StoreError::Other(_)
    ));
    assert!(matches!(
        StoreError::from_js(JsValue::NULL),
        StoreError::Other(_)
    ));
}

/// A `width` by `height` PNG picture as a picked file called `name`.
async fn picture(width: u32, height: u32, name: &str) -> web_sys::File {
    use wasm_bindgen::JsCast;
    let document = web_sys::window().unwrap().document().unwrap();
    let canvas: web_sys::HtmlCanvasElement =
        document.create_element("canvas").unwrap().unchecked_into();
    canvas.set_width(width);
    canvas.set_height(height);
    let context: web_sys::CanvasRenderingContext2d =
        canvas.get_context("2d").unwrap().unwrap().unchecked_into();
    context.fill_rect(0.0, 0.0, f64::from(width) / 2.0, f64::from(height) / 3.0);
    let promise = js_sys::Promise::new(&mut |resolve, _reject| {
        let done = wasm_bindgen::closure::Closure::once_into_js(move |blob: JsValue| {
            let _ = resolve.call1(&JsValue::NULL, &blob);
        });
        canvas
            .to_blob_with_type(done.unchecked_ref(), "image/png")
            .unwrap();
    });
    let blob = JsFuture::from(promise).await.unwrap();
    let options = web_sys::FilePropertyBag::new();
    options.set_type("image/png");
    web_sys::File::new_with_blob_sequence_and_options(&js_sys::Array::of1(&blob), name, &options)
        .unwrap()
}

/// The width and height of a picture.
async fn dimensions(blob: &web_sys::Blob) -> (u32, u32) {
    use wasm_bindgen::JsCast;
    let window = web_sys::window().unwrap();
    let bitmap: web_sys::ImageBitmap =
        JsFuture::from(window.create_image_bitmap_with_blob(blob).unwrap())
            .await
            .unwrap()
            .unchecked_into();
    (bitmap.width(), bitmap.height())
}

fn upload_limits(types: &[&str]) -> aftercare_core::UploadLimits {
    aftercare_core::UploadLimits {
        max_bytes: 25 * 1024 * 1024,
        allowed_types: types.iter().map(|t| t.to_string()).collect(),
        image_max_edge_px: 1000,
    }
}

#[wasm_bindgen_test]
async fn a_big_photo_is_scaled_down_before_it_is_kept() {
    use aftercare::uploads::prepare_into;
    let store = fresh_store("test-prepare-scale").await;
    let limits = upload_limits(&["image/png", "image/jpeg", "image/webp"]);
    let record = prepare_into(&store, picture(3000, 2000, "故障.png").await, &limits)
        .await
        .unwrap();
    assert_eq!(dimensions(&record.blob).await, (1000, 667));
    assert_eq!(record.content_type, "image/webp");
    assert_eq!(record.name, "故障.webp");
    assert_eq!(record.size, record.blob.size() as u64);

    let kept = store
        .file(&record.id)
        .await
        .unwrap()
        .expect("kept on the device");
    assert_eq!(dimensions(&kept.blob).await, (1000, 667));
    assert_eq!(kept.size, record.size);
    store.close();
}

#[wasm_bindgen_test]
async fn a_photo_stays_a_png_when_webp_is_not_accepted_and_small_ones_stay_as_they_are() {
    use aftercare::uploads::prepare_into;
    let store = fresh_store("test-prepare-types").await;
    let limits = upload_limits(&["image/png"]);
    let scaled = prepare_into(&store, picture(1200, 2400, "tall.png").await, &limits)
        .await
        .unwrap();
    assert_eq!(scaled.content_type, "image/png");
    assert_eq!(dimensions(&scaled.blob).await, (500, 1000));

    let small = picture(640, 480, "small.png").await;
    let original_size = small.size() as u64;
    let kept = prepare_into(&store, small, &limits).await.unwrap();
    assert_eq!(kept.name, "small.png");
    assert_eq!(kept.size, original_size);
    assert_eq!(dimensions(&kept.blob).await, (640, 480));
    assert_eq!(store.count(schema::FILES).await.unwrap(), 2);
    store.close();
}

#[wasm_bindgen_test]
async fn files_the_limits_refuse_are_typed_errors_and_not_kept() {
    use aftercare::uploads::{prepare_into, UploadError};
    let store = fresh_store("test-prepare-refuse").await;
    let refused = prepare_into(
        &store,
        picture(10, 10, "x.png").await,
        &upload_limits(&["image/jpeg"]),
    )
    .await
    .unwrap_err();
    assert_eq!(
        refused,
        UploadError::NotAllowed {
            content_type: "image/png".into()
        }
    );
    let mut tiny = upload_limits(&["image/png"]);
    tiny.max_bytes = 10;
    let too_large = prepare_into(&store, picture(10, 10, "x.png").await, &tiny)
        .await
        .unwrap_err();
    assert_eq!(too_large, UploadError::TooLarge { max: 10 });
    assert_eq!(store.count(schema::FILES).await.unwrap(), 0);
    store.close();
}

#[wasm_bindgen_test]
async fn an_upload_with_no_network_is_kept_to_try_again() {
    use aftercare::uploads::{prepare_into, upload};
    let store = fresh_store("test-upload-offline").await;
    let limits = upload_limits(&["image/png"]);
    let record = prepare_into(&store, picture(20, 20, "x.png").await, &limits)
        .await
        .unwrap();
    // Nothing listens on the discard port.
    let backend = aftercare_core::RestBackend::new("http://127.0.0.1:9");
    let error = upload(
        &store,
        &record.id,
        &backend,
        &aftercare_core::Credentials::access_key("k"),
        aftercare_core::Locale::En,
        |_, _| {},
    )
    .await
    .unwrap_err();
    assert!(error.is_transient(), "{error:?}");
    let kept = store.file(&record.id).await.unwrap().unwrap();
    assert_eq!(kept.server_id, None);
    store.close();
}

/// A stand-in for the server's resumable upload routes, with faults to
/// inject.
#[derive(Default)]
struct FakeUploads {
    /// Idempotency key to upload id.
    started: std::collections::HashMap<String, String>,
    /// Upload id to (declared size, bytes stored).
    files: std::collections::HashMap<String, (u64, Vec<u8>)>,
    announcements: u32,
    patches: u32,
    /// The PATCH (counted from 1) whose chunk is stored but whose answer
    /// is lost, as when the connection drops after the commit.
    lose_answer_to_patch: Option<u32>,
    /// The PATCH that never reaches the server.
    drop_patch: Option<u32>,
    /// HEAD reports nothing stored, so the next chunk meets a conflict.
    head_says_zero: bool,
}

fn answer(status: u16, headers: &[(&str, String)], body: &str) -> aftercare_core::HttpResponse {
    aftercare_core::HttpResponse {
        status,
        headers: headers
            .iter()
            .map(|(name, value)| (name.to_string(), value.clone()))
            .collect(),
        body: body.as_bytes().to_vec(),
    }
}

impl FakeUploads {
    fn handle(
        &mut self,
        request: aftercare_core::HttpRequest,
    ) -> Result<aftercare_core::HttpResponse, aftercare_core::PortalError> {
        use aftercare_core::{Method, PortalError};
        let header = |name: &str| {
            request
                .headers
                .iter()
                .find(|(k, _)| k.eq_ignore_ascii_case(name))
                .map(|(_, v)| v.clone())
        };
        let path = request
            .url
            .split("/api/v1")
            .nth(1)
            .unwrap_or("")
            .to_string();
        match (request.method, path.as_str()) {
            (Method::Post, "/attachments") => {
                self.announcements += 1;
                let key = header("Idempotency-Key").expect("starting takes a key");
                let body: serde_json::Value =
                    serde_json::from_slice(request.body.as_deref().unwrap()).unwrap();
                let size = body["size"].as_u64().unwrap();
                let next = format!("att_{}", self.files.len() + 1);
                let id = self.started.entry(key).or_insert(next).clone();
                self.files.entry(id.clone()).or_insert((size, Vec::new()));
                let slot = serde_json::json!({
                    "id": id, "name": body["name"], "type": body["type"], "size": size,
                    "upload_offset": 0, "state": "uploading", "created_at": "2026-11-24T00:00:00Z"
                });
                Ok(answer(
                    201,
                    &[("Upload-Offset", "0".into())],
                    &slot.to_string(),
                ))
            }
            (Method::Head, id) => {
                let (size, stored) = &self.files[id.trim_start_matches("/attachments/")];
                let offset = if self.head_says_zero { 0 } else { stored.len() };
                self.head_says_zero = false;
                Ok(answer(
                    200,
                    &[
                        ("Upload-Offset", offset.to_string()),
                        ("Upload-Length", size.to_string()),
                    ],
                    "",
                ))
            }
            (Method::Patch, id) => {
                self.patches += 1;
                if self.drop_patch == Some(self.patches) {
                    return Err(PortalError::Unreachable("connection reset".into()));
                }
                let (_, stored) = self
                    .files
                    .get_mut(id.trim_start_matches("/attachments/"))
                    .unwrap();
                let offset: usize = header("Upload-Offset").unwrap().parse().unwrap();
                if offset != stored.len() {
                    return Ok(answer(
                        409,
                        &[
                            ("Upload-Offset", stored.len().to_string()),
                            ("Content-Type", "application/problem+json".into()),
                        ],
                        r#"{"type":"https://aftercare.dev/problems/upload-conflict","title":"Conflict","status":409}"#,
                    ));
                }
                let chunk = request.body.unwrap();
                assert!(chunk.len() as u64 <= aftercare::uploads::CHUNK_BYTES);
                stored.extend_from_slice(&chunk);
                if self.lose_answer_to_patch == Some(self.patches) {
                    return Err(PortalError::Unreachable("connection reset".into()));
                }
                Ok(answer(
                    204,
                    &[("Upload-Offset", stored.len().to_string())],
                    "",
                ))
            }
            other => panic!("unexpected call {other:?}"),
        }
    }
}

#[wasm_bindgen_test]
async fn a_broken_upload_resumes_from_the_servers_offset_and_arrives_whole() {
    use aftercare::uploads::{upload_via, Call, UploadError};
    use std::cell::RefCell;
    use std::rc::Rc;

    let store = fresh_store("test-upload-resume").await;
    // Three and a half chunks.
    let bytes: Vec<u8> = (0..(3 * 1024 * 1024 + 512 * 1024))
        .map(|i: u32| (i % 251) as u8)
        .collect();
    let parts = js_sys::Array::of1(&js_sys::Uint8Array::from(bytes.as_slice()));
    let record = FileRecord {
        id: "video-1".into(),
        name: "视频.mp4".into(),
        content_type: "video/mp4".into(),
        size: bytes.len() as u64,
        blob: web_sys::Blob::new_with_u8_array_sequence(&parts).unwrap(),
        server_id: None,
        sent: 0,
    };
    store.put_file(&record).await.unwrap();

    let server = Rc::new(RefCell::new(FakeUploads {
        lose_answer_to_patch: Some(2),
        drop_patch: Some(4),
        ..Default::default()
    }));
    let backend = aftercare_core::RestBackend::new("");
    let credentials = aftercare_core::Credentials::access_key("key");
    let call = Call {
        backend: &backend,
        credentials: &credentials,
        locale: aftercare_core::Locale::En,
    };
    let send = |request| {
        let answer = server.borrow_mut().handle(request);
        std::future::ready(answer)
    };
    let seen = Rc::new(RefCell::new(Vec::new()));
    let progress = |sent, total| seen.borrow_mut().push((sent, total));

    // The second chunk is stored but its answer is lost.
    let first = upload_via(&store, "video-1", call, send, progress).await;
    assert_eq!(first, Err(UploadError::Transient { after_ms: None }));
    let kept = store.file("video-1").await.unwrap().unwrap();
    assert_eq!(
        kept.server_id.as_deref(),
        Some("att_1"),
        "the id is kept at once"
    );

    // After a "reload" the upload asks where it stands and goes on; the
    // fourth chunk's request never arrives.
    let second = upload_via(&store, "video-1", call, send, progress).await;
    assert_eq!(second, Err(UploadError::Transient { after_ms: None }));
    assert_eq!(server.borrow().files["att_1"].1.len(), 3 * 1024 * 1024);

    // The server's HEAD is stale this time: the conflict puts it right.
    server.borrow_mut().head_says_zero = true;
    let third = upload_via(&store, "video-1", call, send, progress).await;
    assert_eq!(third, Ok("att_1".to_string()));

    assert_eq!(server.borrow().announcements, 1, "announced once");
    assert_eq!(server.borrow().files["att_1"].1, bytes, "byte-identical");
    let total = bytes.len() as u64;
    assert_eq!(seen.borrow().last(), Some(&(total, total)));
    assert!(seen
        .borrow()
        .windows(2)
        .all(|w| w[0].0 <= w[1].0 || w[1].0 == 0));
    let done = store.file("video-1").await.unwrap().unwrap();
    assert!(done.is_uploaded());

    // Asked again, it is already there: no call at all.
    let again = upload_via(
        &store,
        "video-1",
        call,
        |_| std::future::ready(Err(aftercare_core::PortalError::Unreachable("no".into()))),
        |_, _| {},
    )
    .await;
    assert_eq!(again, Ok("att_1".to_string()));
    store.close();
}
