//! The demo vendor's page (`/demo/vendor.html`) and token route
//! (`/demo/token`), on the second listener that `serve --vendor-addr` opens
//! (the main listener then redirects to its page) or, without one, on the
//! main listener: the page loads the widget from the portal's origin and
//! lets exactly that origin in through its own policy, and the tokens it
//! gets sign the demo customer in.

#[allow(dead_code)]
#[path = "api/common.rs"]
mod common;

use aftercare_server::http::demo_vendor::{self, DEMO_EMAIL, DEMO_NAME};
use aftercare_server::http::hardening::csp::inline_hashes;
use aftercare_server::settings;
use axum::body::Body;
use axum::http::{header, Request};
use serde_json::json;

use common::{send_to, TestApp, TestResponse};

const SECRET: &str = "demo-vendor-secret-of-at-least-32-chars";

/// An app whose server settings are the TOML `text`.
async fn app_with(text: &str) -> TestApp {
    let mut app = TestApp::empty().await;
    let file = app.dir.path().join("server.toml");
    std::fs::write(&file, text).unwrap();
    app.configure(&settings::load(Some(&file)).unwrap());
    app
}

/// An app with the demo vendor, embeddable from the second listener.
async fn demo_app() -> TestApp {
    app_with(&format!(
        "[embedding]\norigins = [\"http://127.0.0.1:8081\"]\n\
         [embed.vendors.demo]\nsecret = \"{SECRET}\"\n"
    ))
    .await
}

fn get_from(uri: &str, host: &str) -> Request<Body> {
    Request::get(uri)
        .header(header::HOST, host)
        .body(Body::empty())
        .unwrap()
}

fn post_token() -> Request<Body> {
    Request::post("/demo/token").body(Body::empty()).unwrap()
}

/// The second listener's app, the main one being bound at 127.0.0.1:8080.
fn vendor_router(app: &TestApp) -> axum::Router {
    demo_vendor::vendor_app(app.state.clone(), "127.0.0.1:8080".parse().unwrap())
}

/// The page's policy, split into directives.
fn directives(page: &TestResponse) -> Vec<String> {
    page.header("content-security-policy")
        .split(';')
        .map(|d| d.trim().to_string())
        .collect()
}

#[tokio::test]
async fn the_page_loads_the_widget_from_the_portal_it_is_served_by() {
    let app = demo_app().await;
    let page = app
        .send(get_from("/demo/vendor.html", "127.0.0.1:8080"))
        .await;
    assert_eq!(page.status, 200);
    assert!(page.header("content-type").starts_with("text/html"));
    assert_eq!(page.header("cache-control"), "no-store");
    let html = page.text();
    assert!(html.contains("<html lang=\"en\">"));
    assert!(html.contains("<title>"));
    assert!(html.contains("name=\"viewport\""));
    assert!(html.contains("name=\"description\""));
    assert!(html.contains("Brightwell Equipment"));
    assert!(html.contains("Sign in as demo customer"));
    assert!(html.contains("aria-label=\"Widget events\""));
    assert!(html.contains(
        "<script async src=\"http://127.0.0.1:8080/embed.js\" data-locale=\"en\" data-accent=\"#0a7a5c\">"
    ));
    assert!(
        html.contains("<code>[embedding] origins</code>"),
        "the main listener's page says what embedding needs"
    );
    let stub = html.find("Aftercare.q").expect("the queued-API stub");
    assert!(
        stub < html.find("/embed.js").unwrap(),
        "the stub comes first"
    );

    let policy = directives(&page);
    let script_src = policy
        .iter()
        .find(|d| d.starts_with("script-src "))
        .unwrap();
    for hash in inline_hashes(&html, "script") {
        assert!(
            script_src.contains(&format!("'sha256-{hash}'")),
            "{script_src}"
        );
    }
    assert!(
        script_src.ends_with(" http://127.0.0.1:8080"),
        "{script_src}"
    );
    let style_src = policy.iter().find(|d| d.starts_with("style-src ")).unwrap();
    for hash in inline_hashes(&html, "style") {
        assert!(
            style_src.contains(&format!("'sha256-{hash}'")),
            "{style_src}"
        );
    }
    assert!(policy.contains(&"frame-src http://127.0.0.1:8080".to_string()));
    assert!(policy.contains(&"default-src 'self'".to_string()));
    assert!(policy.contains(&"connect-src 'self'".to_string()));
    assert!(!page.header("content-security-policy").contains("unsafe"));
}

#[tokio::test]
async fn widget_off_leaves_the_widget_out() {
    let app = demo_app().await;
    let page = app
        .send(get_from("/demo/vendor.html?widget=off", "127.0.0.1:8080"))
        .await;
    assert_eq!(page.status, 200);
    let html = page.text();
    assert!(!html.contains("embed.js"));
    assert!(!html.contains("Aftercare.q"));
    assert!(html.contains("Sign in as demo customer"));
    assert!(page
        .header("content-security-policy")
        .contains("script-src 'self' 'sha256-"));
}

#[tokio::test]
async fn the_second_listener_points_at_the_main_one_and_serves_nothing_else() {
    let app = demo_app().await;
    let router = vendor_router(&app);
    let page = send_to(
        router.clone(),
        get_from("/demo/vendor.html", "127.0.0.1:8081"),
    )
    .await;
    assert_eq!(page.status, 200);
    assert!(page
        .text()
        .contains("src=\"http://127.0.0.1:8080/embed.js\""));
    assert!(!page.text().contains("[embedding] origins"));
    assert!(directives(&page).contains(&"frame-src http://127.0.0.1:8080".to_string()));
    assert_eq!(page.header("x-content-type-options"), "nosniff");
    assert_eq!(page.header("referrer-policy"), "no-referrer");
    for path in ["/", "/api/v1/portal", "/widget", "/embed.js"] {
        let other = send_to(router.clone(), get_from(path, "127.0.0.1:8081")).await;
        assert_eq!(other.status, 404, "{path}");
        assert_eq!(other.header("content-type"), "application/problem+json");
    }
}

#[tokio::test]
async fn with_a_second_listener_the_main_one_sends_the_page_there_and_signs_nothing() {
    let mut app = demo_app().await;
    app.state = app
        .state
        .clone()
        .with_vendor_listener("127.0.0.1:8081".parse().unwrap());
    let page = app
        .send(get_from("/demo/vendor.html?widget=off", "127.0.0.1:8080"))
        .await;
    assert_eq!(page.status, 307);
    assert_eq!(
        page.header("location"),
        "http://127.0.0.1:8081/demo/vendor.html?widget=off"
    );
    let token = app.send(post_token()).await;
    assert_eq!(token.status, 404);
    assert_eq!(token.header("content-type"), "application/problem+json");

    // Bound to every address, the redirect keeps the host the page was asked for.
    app.state = app
        .state
        .clone()
        .with_vendor_listener("0.0.0.0:8081".parse().unwrap());
    let page = app
        .send(get_from("/demo/vendor.html", "shop.test:8080"))
        .await;
    assert_eq!(page.status, 307);
    assert_eq!(
        page.header("location"),
        "http://shop.test:8081/demo/vendor.html"
    );
}

#[tokio::test]
async fn a_public_url_names_the_portal_on_both_listeners() {
    let app = app_with("[server]\npublic_url = \"https://service.example.com/help/\"\n").await;
    let main = app
        .send(get_from("/demo/vendor.html", "127.0.0.1:8080"))
        .await;
    let second = send_to(vendor_router(&app), get_from("/demo/vendor.html", "x:1")).await;
    for page in [main, second] {
        assert!(page
            .text()
            .contains("src=\"https://service.example.com/help/embed.js\""));
        assert!(directives(&page).contains(&"frame-src https://service.example.com".to_string()));
    }
}

#[tokio::test]
async fn a_demo_token_signs_the_demo_customer_in() {
    let app = demo_app().await;
    for response in [
        app.send(post_token()).await,
        send_to(vendor_router(&app), post_token()).await,
    ] {
        assert_eq!(response.status, 200, "{}", response.text());
        assert_eq!(response.header("cache-control"), "no-store");
        let token = response.json()["token"].as_str().unwrap().to_string();
        let signed_in = app
            .post("/api/v1/auth/embed", &json!({ "token": token }), &[])
            .await;
        assert_eq!(signed_in.status, 200, "{}", signed_in.text());
        let customer = &signed_in.json()["customer"];
        assert_eq!(customer["email"], DEMO_EMAIL);
        assert_eq!(customer["name"], DEMO_NAME);
    }
}

#[tokio::test]
async fn without_a_demo_vendor_there_are_no_demo_tokens() {
    let app = app_with(&format!("[embed.vendors.acme]\nsecret = \"{SECRET}\"\n")).await;
    let response = app.send(post_token()).await;
    assert_eq!(response.status, 404);
    assert_eq!(response.header("content-type"), "application/problem+json");
    assert!(response.json()["detail"]
        .as_str()
        .unwrap()
        .contains("[embed.vendors.demo]"));
}

#[tokio::test]
async fn the_portal_may_be_framed_by_the_vendor_origin_only() {
    let mut app = demo_app().await;
    let dist = app.dir.path().join("dist");
    std::fs::create_dir_all(&dist).unwrap();
    std::fs::write(dist.join("index.html"), "<!doctype html><title>x</title>").unwrap();
    app.dist = Some(dist);
    let widget = app.get("/widget").await;
    assert!(widget
        .header("content-security-policy")
        .ends_with("; frame-ancestors http://127.0.0.1:8081"));
    // The vendor's own page may not be framed by anyone.
    let page = app.get("/demo/vendor.html").await;
    assert!(page
        .header("content-security-policy")
        .ends_with("; frame-ancestors 'none'"));
}

/// A minimal HTTP/1.1 request over TCP; the whole answer, head and body.
fn http(address: &str, method: &str, path: &str) -> String {
    use std::io::{Read, Write};
    let mut stream = std::net::TcpStream::connect(address).unwrap();
    let request = format!(
        "{method} {path} HTTP/1.1\r\nHost: {address}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
    );
    stream.write_all(request.as_bytes()).unwrap();
    let mut answer = String::new();
    stream.read_to_string(&mut answer).unwrap();
    answer
}

/// Kills the server it holds when the test ends, passed or failed.
struct KillOnDrop(std::process::Child);

impl Drop for KillOnDrop {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

#[test]
fn serve_opens_the_second_listener_and_announces_it() {
    use std::io::{BufRead, BufReader};
    use std::process::{Command, Stdio};

    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("server.toml");
    std::fs::write(
        &config,
        format!("[embed.vendors.demo]\nsecret = \"{SECRET}\"\n"),
    )
    .unwrap();
    let mut child = KillOnDrop(
        Command::new(env!("CARGO_BIN_EXE_aftercare-server"))
            .args([
                "serve",
                "--addr",
                "127.0.0.1:0",
                "--vendor-addr",
                "127.0.0.1:0",
            ])
            .arg("--data-dir")
            .arg(dir.path().join("data"))
            .arg("--dist")
            .arg(dir.path().join("no-dist"))
            .arg("--config")
            .arg(&config)
            .env_remove("DATABASE_URL")
            .env("RUST_LOG", "warn")
            .stdout(Stdio::piped())
            .spawn()
            .unwrap(),
    );
    let mut lines = BufReader::new(child.0.stdout.take().unwrap()).lines();
    let mut next = || lines.next().unwrap().unwrap();
    let main = next();
    let vendor = next();
    let main = main
        .strip_prefix("aftercare-server listening on http://")
        .unwrap_or_else(|| panic!("{main}"))
        .to_string();
    let vendor = vendor
        .strip_prefix("aftercare-server vendor demo on http://")
        .unwrap_or_else(|| panic!("{vendor}"))
        .to_string();
    assert_ne!(main, vendor);
    assert!(!vendor.ends_with(":0"), "{vendor}");

    let page = http(&vendor, "GET", "/demo/vendor.html");
    assert!(page.starts_with("HTTP/1.1 200"), "{page}");
    assert!(page.contains(&format!("src=\"http://{main}/embed.js\"")));
    assert!(page.contains(&format!("frame-src http://{main}")));
    let token = http(&vendor, "POST", "/demo/token");
    assert!(token.starts_with("HTTP/1.1 200"), "{token}");
    assert!(http(&vendor, "GET", "/api/v1/portal").starts_with("HTTP/1.1 404"));
    assert!(http(&main, "GET", "/api/v1/portal").starts_with("HTTP/1.1 200"));
    let moved = http(&main, "GET", "/demo/vendor.html?widget=off");
    assert!(moved.starts_with("HTTP/1.1 307"), "{moved}");
    assert!(
        moved.contains(&format!(
            "location: http://{vendor}/demo/vendor.html?widget=off"
        )),
        "{moved}"
    );
    assert!(http(&main, "POST", "/demo/token").starts_with("HTTP/1.1 404"));
}
