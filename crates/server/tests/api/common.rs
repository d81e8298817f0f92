//! The harness: a fresh database per test, the app over it, requests sent
//! with `oneshot`, and the responses read whole.

use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{SystemTime, UNIX_EPOCH};

use aftercare_core::PortalConfig;
use aftercare_server::config;
use aftercare_server::db::{Db, SQLITE_FILE};
use aftercare_server::demo::DEMO_KB;
use aftercare_server::kb::import::{self, ImportError, ImportOptions, ImportReport};
use aftercare_server::{app, AppState};
use axum::body::Body;
use axum::http::{header, HeaderMap, Request, StatusCode};
use http_body_util::BodyExt;
use serde_json::{json, Value};
use tempfile::TempDir;
use tower::ServiceExt;

/// A database of its own for one test, and the app over it.
pub struct TestApp {
    pub db: Db,
    /// A scratch directory that lives as long as the test (it holds the
    /// SQLite file, when there is one).
    pub dir: TempDir,
    pub portal: PortalConfig,
    pub dist: Option<PathBuf>,
}

impl TestApp {
    /// An app over a fresh, migrated, empty database.
    pub async fn empty() -> TestApp {
        let dir = tempfile::tempdir().expect("a temporary directory");
        let url = fresh_database_url(&dir).await;
        let db = Db::connect(&url).await.expect("the test database opens");
        db.migrate().await.expect("the migrations run");
        TestApp {
            db,
            dir,
            portal: config::defaults(),
            dist: None,
        }
    }

    /// An app over a fresh database holding the demo knowledge base.
    pub async fn with_demo() -> TestApp {
        let app = TestApp::empty().await;
        app.import_json(DEMO_KB, false)
            .await
            .expect("the demo imports");
        app
    }

    /// Imports the given entries as an import file would hold them.
    pub async fn import(
        &self,
        entries: &[Value],
        prune: bool,
    ) -> Result<ImportReport, ImportError> {
        self.import_json(&Value::from(entries.to_vec()).to_string(), prune)
            .await
    }

    /// Imports an import file's text.
    pub async fn import_json(&self, json: &str, prune: bool) -> Result<ImportReport, ImportError> {
        let categories = config::category_keys(&self.portal);
        import::import_json(&self.db, json, &categories, ImportOptions { prune }).await
    }

    /// Sends `GET uri`.
    pub async fn get(&self, uri: &str) -> TestResponse {
        self.send(Request::get(uri).body(Body::empty()).unwrap())
            .await
    }

    /// Sends `GET uri` with an `Accept-Language` header.
    pub async fn get_in(&self, uri: &str, language: &str) -> TestResponse {
        let request = Request::get(uri)
            .header(header::ACCEPT_LANGUAGE, language)
            .body(Body::empty())
            .unwrap();
        self.send(request).await
    }

    /// Sends any request through a freshly built app.
    pub async fn send(&self, request: Request<Body>) -> TestResponse {
        let state = AppState::new(self.db.clone(), self.portal.clone(), self.dist.clone());
        let response = app(state).oneshot(request).await.expect("infallible");
        let (parts, body) = response.into_parts();
        let body = body.collect().await.expect("a readable body").to_bytes();
        TestResponse {
            status: parts.status,
            headers: parts.headers,
            body: body.to_vec(),
        }
    }
}

/// A response, read whole.
#[derive(Debug)]
pub struct TestResponse {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub body: Vec<u8>,
}

impl TestResponse {
    /// The body as JSON; panics with the body's text if it is not.
    pub fn json(&self) -> Value {
        serde_json::from_slice(&self.body)
            .unwrap_or_else(|e| panic!("not JSON ({e}): {}", self.text()))
    }

    /// The body as text.
    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }

    /// A header's value, or "" when it is missing.
    pub fn header(&self, name: &str) -> &str {
        self.headers
            .get(name)
            .map(|v| v.to_str().expect("a text header"))
            .unwrap_or("")
    }

    /// Asserts this is a problem document with `status` and `kind`, and
    /// returns it as JSON.
    pub fn problem(&self, status: u16, kind: &str) -> Value {
        assert_eq!(self.status.as_u16(), status, "{}", self.text());
        assert_eq!(self.header("content-type"), "application/problem+json");
        let problem = self.json();
        assert_eq!(problem["type"], kind, "{problem}");
        assert_eq!(problem["status"], status);
        assert!(
            problem["title"].as_str().is_some_and(|t| !t.is_empty()),
            "{problem}"
        );
        problem
    }
}

/// One import-file entry.
pub fn entry(id: &str, locale: &str, category: &str, title: &str, body: &str) -> Value {
    json!({
        "id": id, "locale": locale, "category": category, "title": title,
        "body_markdown": body, "tags": ["test"]
    })
}

/// The demo file's entries.
pub fn demo_entries() -> Vec<Value> {
    serde_json::from_str(DEMO_KB).expect("the demo is JSON")
}

/// A URL for a database no other test uses: a SQLite file in `dir`, or a
/// new schema on the PostgreSQL server `TEST_DATABASE_URL` names.
pub async fn fresh_database_url(dir: &TempDir) -> String {
    match std::env::var("TEST_DATABASE_URL") {
        Ok(base) if !base.is_empty() => fresh_postgres_schema(&base).await,
        _ => Db::sqlite_url(&dir.path().join(SQLITE_FILE)).expect("a UTF-8 temp path"),
    }
}

async fn fresh_postgres_schema(base: &str) -> String {
    static COUNTER: AtomicUsize = AtomicUsize::new(0);
    let nanos = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .subsec_nanos();
    let schema = format!(
        "test_{}_{}_{nanos}",
        std::process::id(),
        COUNTER.fetch_add(1, Ordering::Relaxed)
    );
    let admin = Db::connect(base).await.expect("TEST_DATABASE_URL connects");
    sqlx::query(&format!("CREATE SCHEMA {schema}"))
        .execute(admin.pool())
        .await
        .expect("a fresh schema");
    admin.close().await;
    let separator = if base.contains('?') { '&' } else { '?' };
    format!("{base}{separator}options=-c%20search_path%3D{schema}")
}
