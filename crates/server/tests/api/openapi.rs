//! `GET /api/v1/openapi.json`: the document parses, lists exactly the routes
//! below, each of which the router really serves (and no other method on
//! their paths), every `$ref` in it
//! resolves, and its bytes are stable: the same on every call and the same
//! as `tests/api/openapi.json`, the contract as last reviewed. After a
//! deliberate change, `AFTERCARE_UPDATE_OPENAPI=1 cargo test -p
//! aftercare-server openapi` rewrites that file; review its diff.

use std::collections::BTreeSet;
use std::path::Path;

use axum::body::Body;
use axum::http::{Method, Request};
use serde_json::Value;

use crate::common::TestApp;

/// Every route the server serves under `/api/v1` and `/healthz`.
const ROUTES: &[(&str, &str)] = &[
    ("get", "/healthz"),
    ("get", "/api/v1/openapi.json"),
    ("get", "/api/v1/portal"),
    ("get", "/api/v1/kb/articles"),
    ("get", "/api/v1/kb/articles/{id}"),
    ("post", "/api/v1/kb/articles/{id}/feedback"),
    ("get", "/api/v1/kb/search"),
    ("post", "/api/v1/kb/events"),
    ("post", "/api/v1/auth/email-code"),
    ("post", "/api/v1/auth/session"),
    ("get", "/api/v1/auth/session"),
    ("delete", "/api/v1/auth/session"),
    ("post", "/api/v1/auth/embed"),
    ("post", "/api/v1/requests"),
    ("get", "/api/v1/requests"),
    ("get", "/api/v1/requests/{number}"),
    ("get", "/api/v1/requests/{number}/survey"),
    ("put", "/api/v1/requests/{number}/survey"),
    ("post", "/api/v1/requests/{number}/messages"),
    ("post", "/api/v1/requests/{number}/reopen"),
    ("post", "/api/v1/requests/{number}/cancel"),
    ("post", "/api/v1/requests/{number}/close"),
    ("post", "/api/v1/staff/requests/{number}/actions"),
    ("post", "/api/v1/staff/requests/{number}/messages"),
    ("post", "/api/v1/attachments"),
    ("patch", "/api/v1/attachments/{id}"),
    ("head", "/api/v1/attachments/{id}"),
    ("get", "/api/v1/attachments/{id}"),
    ("get", "/api/v1/products"),
    ("post", "/api/v1/products"),
    ("get", "/api/v1/me/export"),
    ("delete", "/api/v1/me"),
];

const METHODS: [&str; 7] = ["get", "put", "post", "delete", "patch", "head", "options"];

async fn fetch(app: &TestApp) -> (Value, Vec<u8>) {
    let response = app.get("/api/v1/openapi.json").await;
    assert_eq!(response.status, 200, "{}", response.text());
    assert_eq!(response.header("content-type"), "application/json");
    (response.json(), response.body)
}

#[tokio::test]
async fn the_document_lists_exactly_the_routes_the_router_serves() {
    let app = TestApp::empty().await;
    let (document, _) = fetch(&app).await;
    assert!(document["openapi"].as_str().unwrap().starts_with("3.1"));
    let listed: BTreeSet<(String, String)> = document["paths"]
        .as_object()
        .unwrap()
        .iter()
        .flat_map(|(path, item)| {
            METHODS
                .into_iter()
                .filter(|method| item.get(*method).is_some())
                .map(move |method| (method.to_string(), path.clone()))
        })
        .collect();
    let expected: BTreeSet<(String, String)> = ROUTES
        .iter()
        .map(|(method, path)| (method.to_string(), path.to_string()))
        .collect();
    assert_eq!(listed, expected);

    // Each route is one the router has: never the "no such API route" 404
    // nor a 405.
    for (method, path) in ROUTES {
        let uri = path.replace("{number}", "AC-2222-22").replace("{id}", "x");
        let request = Request::builder()
            .method(Method::from_bytes(method.to_uppercase().as_bytes()).unwrap())
            .uri(&uri)
            .body(Body::empty())
            .unwrap();
        let response = app.send(request).await;
        assert_ne!(response.status, 405, "{method} {uri}");
        if response.status == 404 && *method != "head" {
            let detail = response.json()["detail"].as_str().unwrap_or("").to_string();
            assert!(!detail.contains("no such API route"), "{method} {uri}");
        }
    }
    // And no listed path answers a method the document leaves out (HEAD
    // comes with every GET, and is listed only where it means more).
    for path in expected
        .iter()
        .map(|(_, path)| path)
        .collect::<BTreeSet<_>>()
    {
        let uri = path.replace("{number}", "AC-2222-22").replace("{id}", "x");
        for method in ["get", "put", "post", "delete", "patch"] {
            if expected.contains(&(method.to_string(), path.clone())) {
                continue;
            }
            let request = Request::builder()
                .method(Method::from_bytes(method.to_uppercase().as_bytes()).unwrap())
                .uri(&uri)
                .body(Body::empty())
                .unwrap();
            let response = app.send(request).await;
            assert_eq!(
                response.status, 405,
                "{method} {uri} is served but not listed"
            );
        }
    }
}

#[tokio::test]
async fn the_document_is_complete_and_its_references_resolve() {
    let app = TestApp::empty().await;
    let (document, body) = fetch(&app).await;
    // It reads as an OpenAPI document, not just as JSON.
    let parsed: utoipa::openapi::OpenApi = serde_json::from_slice(&body).unwrap();
    assert_eq!(parsed.info.version, "1");
    let schemes = &document["components"]["securitySchemes"];
    assert_eq!(schemes["bearer"]["scheme"], "bearer");
    assert_eq!(schemes["access_key"]["in"], "header");
    assert_eq!(schemes["access_key"]["name"], "X-Access-Key");

    let schemas = document["components"]["schemas"].as_object().unwrap();
    for name in [
        "Problem",
        "Portal",
        "RequestView",
        "NewRequestBody",
        "SignedIn",
        "SearchResults",
        "ArticleFeedback",
        "KbEventBatch",
    ] {
        assert!(schemas.contains_key(name), "no {name} schema");
    }
    let mut references = Vec::new();
    collect_refs(&document, &mut references);
    for reference in &references {
        let name = reference
            .strip_prefix("#/components/schemas/")
            .unwrap_or_else(|| panic!("unexpected reference {reference}"));
        assert!(schemas.contains_key(name), "{reference} does not resolve");
    }
    // Every error answer is a problem document; every success names a body
    // or says it has none.
    for (path, item) in document["paths"].as_object().unwrap() {
        for (method, operation) in item.as_object().unwrap() {
            for (status, response) in operation["responses"].as_object().unwrap() {
                if status.starts_with('4') || status.starts_with('5') {
                    assert_eq!(
                        response["content"]["application/problem+json"]["schema"]["$ref"],
                        "#/components/schemas/Problem",
                        "{method} {path} {status}"
                    );
                }
                assert!(
                    response["description"]
                        .as_str()
                        .is_some_and(|d| !d.is_empty()),
                    "{method} {path} {status}"
                );
            }
        }
    }
}

fn collect_refs(value: &Value, into: &mut Vec<String>) {
    match value {
        Value::Object(map) => {
            if let Some(Value::String(reference)) = map.get("$ref") {
                into.push(reference.clone());
            }
            map.values().for_each(|v| collect_refs(v, into));
        }
        Value::Array(items) => items.iter().for_each(|v| collect_refs(v, into)),
        _ => {}
    }
}

#[tokio::test]
async fn the_document_is_stable() {
    let app = TestApp::empty().await;
    let (_, first) = fetch(&app).await;
    let (_, second) = fetch(&TestApp::empty().await).await;
    assert_eq!(first, second);
    let snapshot = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/api/openapi.json");
    let text = String::from_utf8(first).unwrap();
    if std::env::var_os("AFTERCARE_UPDATE_OPENAPI").is_some() {
        std::fs::write(&snapshot, format!("{text}\n")).unwrap();
    }
    let reviewed = std::fs::read_to_string(&snapshot).unwrap_or_default();
    assert!(
        reviewed.trim_end() == text,
        "the OpenAPI document changed; if that is meant, run \
         AFTERCARE_UPDATE_OPENAPI=1 cargo test -p aftercare-server openapi and review the diff"
    );
}
