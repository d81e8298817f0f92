//! Resumable uploads over the router: start, append in chunks, ask where an
//! upload stands, download; offsets that do not match, chunks past the
//! declared size, limits from the catalog, and the content check.

use aftercare_core::problem::kinds;
use aftercare_server::http::problem_kinds;
use axum::body::Body;
use axum::http::{Method, Request};
use rand::RngCore;
use serde_json::json;
use sha2::{Digest, Sha256};

use crate::common::{problem_errors, TestApp, TestResponse};
use crate::requests_support::{as_who, customer, new_key, Who};

/// An app whose files live in its scratch directory.
pub async fn app_with_files() -> TestApp {
    let mut app = TestApp::empty().await;
    app.state = app.state.clone().with_data_dir(app.dir.path().join("data"));
    app
}

/// `len` bytes that sniff as a PNG image.
pub fn png(len: usize) -> Vec<u8> {
    let mut bytes = vec![0u8; len];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    bytes[..8].copy_from_slice(b"\x89PNG\r\n\x1a\n");
    bytes
}

/// Sends `method uri` as `who`, with extra headers and a raw body.
pub async fn send(
    app: &TestApp,
    method: Method,
    uri: &str,
    who: &Who,
    headers: &[(&str, &str)],
    body: Vec<u8>,
) -> TestResponse {
    let request = as_who(Request::builder().method(method).uri(uri), who, headers);
    app.send(request.body(Body::from(body)).unwrap()).await
}

/// Starts an upload as `who`.
pub async fn start(app: &TestApp, who: &Who, name: &str, size: usize, ty: &str) -> TestResponse {
    let body = json!({"name": name, "size": size, "type": ty}).to_string();
    let headers = [("content-type", "application/json")];
    send(
        app,
        Method::POST,
        "/api/v1/attachments",
        who,
        &headers,
        body.into(),
    )
    .await
}

/// Appends `chunk` at `offset` as `who`.
pub async fn chunk(
    app: &TestApp,
    who: &Who,
    id: &str,
    offset: usize,
    chunk: &[u8],
) -> TestResponse {
    let offset = offset.to_string();
    let headers = [
        ("content-type", "application/offset+octet-stream"),
        ("upload-offset", offset.as_str()),
    ];
    let uri = format!("/api/v1/attachments/{id}");
    send(app, Method::PATCH, &uri, who, &headers, chunk.to_vec()).await
}

/// `GET` or `HEAD` of an attachment as `who`.
pub async fn fetch(app: &TestApp, method: Method, who: &Who, id: &str) -> TestResponse {
    let uri = format!("/api/v1/attachments/{id}");
    send(app, method, &uri, who, &[], Vec::new()).await
}

/// Uploads `bytes` whole as `who` and returns the id.
pub async fn upload(app: &TestApp, who: &Who, name: &str, ty: &str, bytes: &[u8]) -> String {
    let started = start(app, who, name, bytes.len(), ty).await;
    assert_eq!(started.status, 201, "{}", started.text());
    let id = started.json()["id"].as_str().unwrap().to_string();
    let done = chunk(app, who, &id, 0, bytes).await;
    assert_eq!(done.status, 204, "{}", done.text());
    id
}

fn sha256(bytes: &[u8]) -> Vec<u8> {
    Sha256::digest(bytes).to_vec()
}

#[tokio::test]
async fn an_upload_in_chunks_comes_back_byte_for_byte() {
    let app = app_with_files().await;
    let who = Who::Bearer(customer(&app, "ana@example.com").await);
    let file = png(300_000);
    let started = start(&app, &who, "photo.png", file.len(), "image/png").await;
    assert_eq!(started.status, 201, "{}", started.text());
    let view = started.json();
    let id = view["id"].as_str().unwrap();
    assert!(id.starts_with("att_") && id.len() >= 4 + 32, "{id}");
    assert_eq!(view["upload_offset"], 0);
    assert_eq!(view["state"], "uploading");
    assert_eq!(started.header("upload-offset"), "0");
    assert_eq!(
        started.header("location"),
        format!("/api/v1/attachments/{id}")
    );
    // Not downloadable yet.
    fetch(&app, Method::GET, &who, id)
        .await
        .problem(409, problem_kinds::UPLOAD_CONFLICT);
    let mut offset = 0;
    for piece in file.chunks(128 * 1024) {
        let answer = chunk(&app, &who, id, offset, piece).await;
        assert_eq!(answer.status, 204, "{}", answer.text());
        offset += piece.len();
        assert_eq!(answer.header("upload-offset"), offset.to_string());
        let head = fetch(&app, Method::HEAD, &who, id).await;
        assert_eq!(head.status, 200);
        assert_eq!(head.header("upload-offset"), offset.to_string());
        assert_eq!(head.header("upload-length"), file.len().to_string());
    }
    let got = fetch(&app, Method::GET, &who, id).await;
    assert_eq!(got.status, 200, "{}", got.text());
    assert_eq!(sha256(&got.body), sha256(&file));
    assert_eq!(got.header("content-type"), "image/png");
    assert_eq!(got.header("x-content-type-options"), "nosniff");
    assert_eq!(
        got.header("content-disposition"),
        "attachment; filename=\"photo.png\"; filename*=UTF-8''photo.png"
    );
    // The file sits under a name the server made.
    let stored: Vec<_> = std::fs::read_dir(app.dir.path().join("data/attachments"))
        .unwrap()
        .map(|entry| entry.unwrap().file_name().into_string().unwrap())
        .collect();
    assert_eq!(stored.len(), 1);
    assert!(
        stored[0].len() == 32 && !stored[0].contains("photo"),
        "{stored:?}"
    );
}

#[tokio::test]
async fn chunks_must_start_at_the_stored_offset_and_fit() {
    let app = app_with_files().await;
    let who = Who::Key(new_key());
    let file = png(1000);
    let id = start(&app, &who, "a.png", file.len(), "image/png")
        .await
        .json()["id"]
        .as_str()
        .unwrap()
        .to_string();
    assert_eq!(chunk(&app, &who, &id, 0, &file[..400]).await.status, 204);
    for wrong in [0, 300, 401, 5000] {
        let answer = chunk(&app, &who, &id, wrong, &file[400..500]).await;
        answer.problem(409, problem_kinds::UPLOAD_CONFLICT);
        assert_eq!(answer.header("upload-offset"), "400");
    }
    let past = chunk(&app, &who, &id, 400, &png(601)).await;
    assert_eq!(past.status, 413, "{}", past.text());
    let uri = format!("/api/v1/attachments/{id}");
    let json = [
        ("content-type", "application/json"),
        ("upload-offset", "400"),
    ];
    let answer = send(&app, Method::PATCH, &uri, &who, &json, b"{}".to_vec()).await;
    assert_eq!(answer.status, 415, "{}", answer.text());
    let no_offset = [("content-type", "application/offset+octet-stream")];
    let answer = send(&app, Method::PATCH, &uri, &who, &no_offset, vec![1]).await;
    answer.problem(400, kinds::VALIDATION);
    // Nothing of that moved the upload.
    assert_eq!(
        fetch(&app, Method::HEAD, &who, &id)
            .await
            .header("upload-offset"),
        "400"
    );
    assert_eq!(chunk(&app, &who, &id, 400, &file[400..]).await.status, 204);
    let got = fetch(&app, Method::GET, &who, &id).await;
    assert_eq!(got.body, file);
    // A finished upload takes nothing more.
    chunk(&app, &who, &id, 1000, b"x")
        .await
        .problem(409, problem_kinds::UPLOAD_CONFLICT);
}

#[tokio::test]
async fn chunks_larger_than_a_json_body_are_taken() {
    let app = app_with_files().await;
    let who = Who::Key(new_key());
    let file = png(3 * 1024 * 1024 + 17);
    let id = upload(&app, &who, "big.png", "image/png", &file).await;
    let got = fetch(&app, Method::GET, &who, &id).await;
    assert_eq!(sha256(&got.body), sha256(&file));
}

#[tokio::test]
async fn size_and_type_come_from_the_catalog() {
    let app = app_with_files().await;
    let who = Who::Key(new_key());
    let over = start(&app, &who, "a.mp4", 25 * 1024 * 1024 + 1, "video/mp4").await;
    let problem = over.problem(422, kinds::VALIDATION);
    assert_eq!(
        problem_errors(&problem),
        [("/size".into(), "too_large".into())]
    );
    let html = start(&app, &who, "a.html", 10, "text/html").await;
    let problem = html.problem(422, kinds::VALIDATION);
    assert_eq!(
        problem_errors(&problem),
        [("/type".into(), "not_an_option".into())]
    );
    let at_limit = start(&app, &who, "a.mp4", 25 * 1024 * 1024, "video/mp4").await;
    assert_eq!(at_limit.status, 201, "{}", at_limit.text());
    start(&app, &Who::Nobody, "a.png", 10, "image/png")
        .await
        .problem(401, problem_kinds::UNAUTHENTICATED);
}

#[tokio::test]
async fn content_that_is_not_what_it_claims_is_rejected() {
    let app = app_with_files().await;
    let who = Who::Key(new_key());
    for (ty, bytes) in [
        ("image/jpeg", png(100)),
        (
            "application/pdf",
            b"<html><script>alert(1)</script>".to_vec(),
        ),
    ] {
        let id = upload(&app, &who, "x", ty, &bytes).await;
        let head = fetch(&app, Method::HEAD, &who, &id).await;
        assert_eq!(head.header("upload-offset"), bytes.len().to_string());
        let problem = fetch(&app, Method::GET, &who, &id)
            .await
            .problem(422, kinds::VALIDATION);
        assert_eq!(problem["errors"][0]["code"], "rejected", "{problem}");
        let detail = problem["errors"][0]["detail"].as_str().unwrap();
        assert!(detail.contains(ty), "{detail}");
    }
    let id = upload(&app, &who, "scan.pdf", "application/pdf", b"%PDF-1.7\n%...").await;
    let got = fetch(&app, Method::GET, &who, &id).await;
    assert_eq!(got.header("content-type"), "application/pdf");
}

#[tokio::test]
async fn chinese_names_arrive_whole_in_content_disposition() {
    let app = app_with_files().await;
    let who = Who::Key(new_key());
    let id = upload(&app, &who, "故障照片 (1).png", "image/png", &png(64)).await;
    let got = fetch(&app, Method::GET, &who, &id).await;
    assert_eq!(
        got.header("content-disposition"),
        "attachment; filename=\"____ (1).png\"; \
         filename*=UTF-8''%E6%95%85%E9%9A%9C%E7%85%A7%E7%89%87%20%281%29.png"
    );
}
