//! The device store's schema as an ordered list of migrations. Each later
//! feature appends one; a database at version n runs migrations n+1.. on open.

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

type Migration = fn(&IdbDatabase) -> Result<(), JsValue>;

/// The migrations in order; the database's version is their count.
const MIGRATIONS: &[Migration] = &[create_articles_and_settings];

fn create_articles_and_settings(db: &IdbDatabase) -> Result<(), JsValue> {
    let params = IdbObjectStoreParameters::new();
    params.set_key_path(&JsValue::from_str("id"));
    let articles = db.create_object_store_with_optional_parameters(ARTICLES, &params)?;
    articles.create_index_with_str(ARTICLES_BY_LOCALE, "locale")?;
    db.create_object_store(SETTINGS)?;
    Ok(())
}

/// The schema version this build of the portal reads and writes.
pub fn version() -> u32 {
    MIGRATIONS.len() as u32
}

/// Opens `name`, running the migrations it has not had yet. The connection
/// closes itself (and sets `closed`) when another tab asks to upgrade, so it
/// never blocks one.
pub async fn open(name: &str, closed: Rc<Cell<bool>>) -> Result<IdbDatabase, StoreError> {
    let factory = web_sys::window()
        .and_then(|w| w.indexed_db().ok().flatten())
        .ok_or(StoreError::Unavailable)?;
    let request: IdbOpenDbRequest = factory
        .open_with_u32(name, version())
        .map_err(StoreError::from_js)?;
    let upgrading = request.clone();
    let on_upgrade =
        Closure::<dyn FnMut(IdbVersionChangeEvent)>::new(move |event: IdbVersionChangeEvent| {
            let Ok(result) = upgrading.result() else {
                return;
            };
            let db: IdbDatabase = result.unchecked_into();
            let from = event.old_version() as usize;
            for migration in MIGRATIONS.iter().skip(from) {
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
    let result = settle(&request).await;
    request.set_onupgradeneeded(None);
    drop(on_upgrade);
    let db: IdbDatabase = result?.unchecked_into();
    let closing = db.clone();
    let on_version_change = Closure::<dyn FnMut()>::new(move || {
        closed.set(true);
        closing.close();
    });
    db.set_onversionchange(Some(on_version_change.as_ref().unchecked_ref()));
    on_version_change.forget();
    Ok(db)
}
