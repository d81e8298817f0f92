//! The harness: a fresh database per test, the app over it, requests sent
//! with `oneshot`, and the responses read whole. The app's clock stands
//! still until a test moves it, and its mail stays in memory.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{SystemTime, UNIX_EPOCH};

use aftercare_core::PortalConfig;
use aftercare_server::clock::ManualClock;
use aftercare_server::config;
use aftercare_server::db::{Db, SQLITE_FILE};
use aftercare_server::demo::DEMO_KB;
use aftercare_server::kb::import::{self, ImportError, ImportOptions, ImportReport};
use aftercare_server::mail::{Mailer, Outbox, SentMail};
use aftercare_server::settings::Settings;
use aftercare_server::{app, AppState};
use axum::body::Body;
use axum::extract::ConnectInfo;
use axum::http::{header, HeaderMap, Request, StatusCode};
use axum::Router;
use http_body_util::BodyExt;
use serde_json::{json, Value};
use tempfile::TempDir;
use time::OffsetDateTime;
use tower::ServiceExt;

/// A database of its own for one test, and the app over it.
pub struct TestApp {
    pub db: Db,
    /// A scratch directory that lives as long as the test (it holds the
    /// SQLite file, when there is one).
    pub dir: TempDir,
    pub portal: PortalConfig,
    pub dist: Option<PathBuf>,
    /// The app's clock; tests move it with `advance`.
    pub clock: ManualClock,
    /// Every mail the app sent.
    pub outbox: Outbox,
    /// The rest of the state (rate limits, pepper, vendors), shared by every
    /// request of the test.
    pub state: AppState,
}

/// The instant every test's clock starts at.
pub fn start_of_tests() -> OffsetDateTime {
    OffsetDateTime::from_unix_timestamp(1_800_000_000).unwrap()
}

impl TestApp {
    /// An app over a fresh, migrated, empty database.
    pub async fn empty() -> TestApp {
        let dir = tempfile::tempdir().expect("a temporary directory");
        let url = fresh_database_url(&dir).await;
        TestApp::over(&url, dir).await
    }

    /// An app over the database at `url`, migrated.
    pub async fn over(url: &str, dir: TempDir) -> TestApp {
        let db = Db::connect(url).await.expect("the test database opens");
        db.migrate().await.expect("the migrations run");
        let portal = config::defaults();
        let clock = ManualClock::starting_at(start_of_tests());
        let outbox = Outbox::default();
        let state = AppState::new(db.clone(), portal.clone(), None)
            .with_clock(clock.clock())
            .with_mailer(Mailer::Memory(outbox.clone()));
        TestApp {
            db,
            dir,
            portal,
            dist: None,
            clock,
            outbox,
            state,
        }
    }

    /// Applies server settings (limits, vendors, mail); without `[mail]`,
    /// mail stays in the in-memory outbox.
    pub fn configure(&mut self, settings: &Settings) {
        let state = self
            .state
            .clone()
            .with_settings(settings)
            .expect("valid settings");
        self.state = match settings.mail {
            Some(_) => state,
            None => state.with_mailer(Mailer::Memory(self.outbox.clone())),
        };
    }

    /// The router over this test's state, as it stands.
    pub fn router(&self) -> Router {
        let mut state = self.state.clone();
        state.portal = Arc::new(self.portal.clone());
        state.dist = self.dist.clone().filter(|dir| dir.is_dir());
        app(state)
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

    /// Sends any request through the app.
    pub async fn send(&self, request: Request<Body>) -> TestResponse {
        send_to(self.router(), request).await
    }

    /// Sends `POST uri` with a JSON body and extra headers.
    pub async fn post(&self, uri: &str, body: &Value, headers: &[(&str, &str)]) -> TestResponse {
        self.send(post_request(uri, body, headers)).await
    }

    /// Asks for a sign-in code for `email`, optionally in `locale`.
    pub async fn request_code(&self, email: &str, locale: Option<&str>) -> TestResponse {
        let mut body = json!({ "email": email });
        if let Some(locale) = locale {
            body["locale"] = json!(locale);
        }
        self.post("/api/v1/auth/email-code", &body, &[]).await
    }

    /// Tries to sign in with `code`.
    pub async fn redeem(&self, email: &str, code: &str) -> TestResponse {
        let body = json!({ "email": email, "code": code });
        self.post("/api/v1/auth/session", &body, &[]).await
    }

    /// The mail sent so far to `email`, oldest first.
    pub fn mail_to(&self, email: &str) -> Vec<SentMail> {
        let sent = self.outbox.sent();
        sent.into_iter().filter(|m| m.to == email).collect()
    }

    /// The code in the newest mail to `email`.
    pub fn last_code(&self, email: &str) -> String {
        let mail = self.mail_to(email);
        let last = mail.last().unwrap_or_else(|| panic!("no mail to {email}"));
        code_in(&last.body)
    }

    /// Signs `email` in with a mailed code and returns the answer's JSON.
    pub async fn sign_in(&self, email: &str) -> Value {
        assert_eq!(self.request_code(email, None).await.status, 202);
        let code = self.last_code(&email.trim().to_lowercase());
        let response = self.redeem(email, &code).await;
        assert_eq!(response.status, 200, "{}", response.text());
        response.json()
    }

    /// Sends `GET uri` with a bearer token.
    pub async fn get_as(&self, uri: &str, token: &str) -> TestResponse {
        let request = Request::get(uri)
            .header(header::AUTHORIZATION, format!("Bearer {token}"))
            .body(Body::empty())
            .unwrap();
        self.send(request).await
    }

    /// Counts the rows of `table`.
    pub async fn count(&self, table: &str) -> i64 {
        let row: (i64,) = sqlx::query_as(&format!("SELECT COUNT(*) FROM {table}"))
            .fetch_one(self.db.pool())
            .await
            .unwrap();
        row.0
    }
}

/// A `POST` with a JSON body and extra headers.
pub fn post_request(uri: &str, body: &Value, headers: &[(&str, &str)]) -> Request<Body> {
    let mut request = Request::post(uri).header(header::CONTENT_TYPE, "application/json");
    for (name, value) in headers {
        request = request.header(*name, *value);
    }
    request.body(Body::from(body.to_string())).unwrap()
}

/// The same request as if it came over TCP from `ip`.
pub fn from_ip(mut request: Request<Body>, ip: &str) -> Request<Body> {
    let peer = SocketAddr::new(ip.parse().unwrap(), 40000);
    request.extensions_mut().insert(ConnectInfo(peer));
    request
}

/// Sends a request through `router`, reading the response whole.
pub async fn send_to(router: Router, request: Request<Body>) -> TestResponse {
    let response = router.oneshot(request).await.expect("infallible");
    let (parts, body) = response.into_parts();
    let body = body.collect().await.expect("a readable body").to_bytes();
    TestResponse {
        status: parts.status,
        headers: parts.headers,
        body: body.to_vec(),
    }
}

/// The six-digit code in a mail's text.
/// The pointers and codes of a validation problem's `errors`, in order.
pub fn problem_errors(problem: &Value) -> Vec<(String, String)> {
    problem["errors"]
        .as_array()
        .expect("a validation problem lists its errors")
        .iter()
        .map(|e| {
            let text = |k: &str| e[k].as_str().unwrap_or_default().to_string();
            (text("pointer"), text("code"))
        })
        .collect()
}

pub fn code_in(text: &str) -> String {
    let at = text
        .as_bytes()
        .windows(6)
        .position(|window| window.iter().all(u8::is_ascii_digit))
        .unwrap_or_else(|| panic!("no six-digit code in {text:?}"));
    text[at..at + 6].to_string()
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
