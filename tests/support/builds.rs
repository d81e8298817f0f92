//! What the browser tests use to play other builds of the portal against one
//! device store: the next build's schema, and a clean database to start from.

use aftercare::store::schema::{Migration, MIGRATIONS};
use wasm_bindgen::JsValue;
use web_sys::IdbDatabase;

/// A later build's migration, known only to these tests.
fn test_only_extra(db: &IdbDatabase) -> Result<(), JsValue> {
    db.create_object_store("test_only_extra")?;
    Ok(())
}

/// The portal's migrations plus [`test_only_extra`]: the next version.
pub fn next_build() -> Vec<Migration> {
    let mut next = MIGRATIONS.to_vec();
    next.push(test_only_extra);
    next
}

/// Deletes the database `name`, so a test starts without one.
pub fn forget_database(name: &str) {
    let factory = web_sys::window().unwrap().indexed_db().unwrap().unwrap();
    let _ = factory.delete_database(name);
}
