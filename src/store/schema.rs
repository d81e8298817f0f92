//! The device store's schema as an ordered list of migrations. Each later
//! feature appends one; a database at version n runs migrations n+1.. on open.
//! The list is append-only: a migration that shipped is never edited.
//! A build that finds the database at a higher version than its list (a newer
//! build upgraded it) refuses to use it and announces that the page is out
//! of date, as does a page whose connection a newer build's upgrade closed.

use std::cell::Cell;
use std::rc::Rc;

use wasm_bindgen::{closure::Closure, JsCast, JsValue};
use web_sys::{IdbDatabase, IdbObjectStoreParameters, IdbOpenDbRequest, IdbVersionChangeEvent};

use super::bridge::{settle, StoreError};

/// Saved knowledge-base articles, keyed by id, indexed by locale.
pub const ARTICLES: &str = "articles";
/// The index of [`ARTICLES`] by locale tag.
pub const ARTICLES_BY_LOCALE: &str = "by_locale";
/// Small keyed values such as the last portal configuration.
pub const SETTINGS: &str = "settings";
/// Items waiting to be sent, keyed by `key` (their idempotency key).
pub const OUTBOX: &str = "outbox";
/// The index of [`OUTBOX`] by `seq`, so replay follows the enqueue order.
pub const OUTBOX_BY_SEQ: &str = "by_seq";
/// Saved copies of service requests, keyed by `key`: the request's number,
/// or its local id before it reaches the server.
pub const REQUESTS: &str = "requests";
/// Unfinished forms, keyed by `id`.
pub const DRAFTS: &str = "drafts";
/// Files the customer attached, keyed by `id`; each holds a real `Blob`.
pub const FILES: &str = "files";

/// One step of the schema, run inside the upgrade transaction.
pub type Migration = fn(&IdbDatabase) -> Result<(), JsValue>;

/// The migrations in order; the database's version is their count.
pub const MIGRATIONS: &[Migration] = &[
    create_articles_and_settings,
    create_outbox_requests_drafts_and_files,
];

fn keyed_by(path: &str) -> IdbObjectStoreParameters {
    let params = IdbObjectStoreParameters::new();
    params.set_key_path(&JsValue::from_str(path));
    params
}

fn create_articles_and_settings(db: &IdbDatabase) -> Result<(), JsValue> {
    let articles = db.create_object_store_with_optional_parameters(ARTICLES, &keyed_by("id"))?;
    articles.create_index_with_str(ARTICLES_BY_LOCALE, "locale")?;
    db.create_object_store(SETTINGS)?;
    Ok(())
}

fn create_outbox_requests_drafts_and_files(db: &IdbDatabase) -> Result<(), JsValue> {
    let outbox = db.create_object_store_with_optional_parameters(OUTBOX, &keyed_by("key"))?;
    outbox.create_index_with_str(OUTBOX_BY_SEQ, "seq")?;
    db.create_object_store_with_optional_parameters(REQUESTS, &keyed_by("key"))?;
    db.create_object_store_with_optional_parameters(DRAFTS, &keyed_by("id"))?;
    db.create_object_store_with_optional_parameters(FILES, &keyed_by("id"))?;
    Ok(())
}

/// The window event announcing that the device store belongs to a newer
/// build than this page (see [`newer_schema_seen`]).
pub const NEWER_SCHEMA_EVENT: &str = "aftercare-newer-schema";

/// The window event announcing that this page's upgrade of the device store
/// started or stopped waiting for other tabs (see [`upgrade_blocked`]).
pub const UPGRADE_BLOCKED_EVENT: &str = "aftercare-upgrade-blocked";

thread_local! {
    /// Whether this page met a newer schema than it reads.
    static NEWER_SCHEMA_SEEN: Cell<bool> = const { Cell::new(false) };
    /// Whether this page's upgrade waits for other tabs to close the store.
    static UPGRADE_BLOCKED: Cell<bool> = const { Cell::new(false) };
}

/// Whether this page's upgrade of the device store is waiting for other tabs
/// (an older build that does not let go of its connection) to close it.
pub fn upgrade_blocked() -> bool {
    UPGRADE_BLOCKED.with(Cell::get)
}

/// Remembers and announces (as [`UPGRADE_BLOCKED_EVENT`]) whether the
/// upgrade waits for other tabs.
fn announce_upgrade_blocked(blocked: bool) {
    if UPGRADE_BLOCKED.with(|seen| seen.replace(blocked)) == blocked {
        return;
    }
    if let Some(window) = web_sys::window() {
        if let Ok(event) = web_sys::Event::new(UPGRADE_BLOCKED_EVENT) {
            let _ = window.dispatch_event(&event);
        }
    }
}

/// Whether this page found the device store upgraded by a newer build: an
/// open failed with `VersionError`, or a newer build's upgrade closed the
/// connection. The page must reload before it uses the store again.
pub fn newer_schema_seen() -> bool {
    NEWER_SCHEMA_SEEN.with(Cell::get)
}

/// Whether `error` means the database is at a higher version than this
/// build's migrations: a newer build upgraded it.
pub fn is_newer_schema(error: &StoreError) -> bool {
    matches!(error, StoreError::NewerSchema)
}

/// Remembers and announces (as [`NEWER_SCHEMA_EVENT`] on the window) that
/// the store belongs to a newer build.
fn announce_newer_schema() {
    NEWER_SCHEMA_SEEN.with(|seen| seen.set(true));
    if let Some(window) = web_sys::window() {
        if let Ok(event) = web_sys::Event::new(NEWER_SCHEMA_EVENT) {
            let _ = window.dispatch_event(&event);
        }
    }
}

/// The schema version this build of the portal reads and writes.
pub fn version() -> u32 {
    MIGRATIONS.len() as u32
}

/// Opens `name` at this build's schema version; see [`open_with`].
pub async fn open(name: &str, closed: Rc<Cell<bool>>) -> Result<IdbDatabase, StoreError> {
    open_with(name, MIGRATIONS, closed).await
}

/// Opens `name` at version `migrations.len()`, running the migrations it has
/// not had yet. The connection closes itself (and sets `closed`) when another
/// tab asks to upgrade, so it never blocks one, and announces that this page
/// is out of date. A database already past `migrations.len()` fails with an
/// error [`is_newer_schema`] recognises, also announced. Tests pass a prefix of
/// [`MIGRATIONS`], or the list with an extra step, to play older and newer
/// builds.
pub async fn open_with(
    name: &str,
    migrations: &[Migration],
    closed: Rc<Cell<bool>>,
) -> Result<IdbDatabase, StoreError> {
    let factory = web_sys::window()
        .and_then(|w| w.indexed_db().ok().flatten())
        .ok_or(StoreError::Unavailable)?;
    let request: IdbOpenDbRequest = factory
        .open_with_u32(name, migrations.len() as u32)
        .map_err(StoreError::from_js)?;
    let steps = migrations.to_vec();
    let upgrading = request.clone();
    let on_upgrade =
        Closure::<dyn FnMut(IdbVersionChangeEvent)>::new(move |event: IdbVersionChangeEvent| {
            let Ok(result) = upgrading.result() else {
                return;
            };
            let db: IdbDatabase = result.unchecked_into();
            let from = event.old_version() as usize;
            for migration in steps.iter().skip(from) {
                if let Err(error) = migration(&db) {
                    web_sys::console::error_2(&"device store migration failed".into(), &error);
                    if let Some(tx) = upgrading.transaction() {
                        let _ = tx.abort();
                    }
                    return;
                }
            }
        });
    request.set_onupgradeneeded(Some(on_upgrade.as_ref().unchecked_ref()));
    // Another tab still holding the store open holds the upgrade up: say so,
    // and go on waiting for it to finish.
    let on_blocked = Closure::<dyn FnMut()>::new(|| announce_upgrade_blocked(true));
    request.set_onblocked(Some(on_blocked.as_ref().unchecked_ref()));
    let result = settle(&request).await;
    request.set_onupgradeneeded(None);
    request.set_onblocked(None);
    drop(on_upgrade);
    drop(on_blocked);
    announce_upgrade_blocked(false);
    let result = result.inspect_err(|error| {
        if is_newer_schema(error) {
            announce_newer_schema();
        }
    });
    let db: IdbDatabase = result?.unchecked_into();
    let closing = db.clone();
    let on_version_change =
        Closure::<dyn FnMut(IdbVersionChangeEvent)>::new(move |event: IdbVersionChangeEvent| {
            closed.set(true);
            closing.close();
            // A deleted database (no new version) is simply opened again.
            if event.new_version().is_some() {
                announce_newer_schema();
            }
        });
    db.set_onversionchange(Some(on_version_change.as_ref().unchecked_ref()));
    on_version_change.forget();
    Ok(db)
}
