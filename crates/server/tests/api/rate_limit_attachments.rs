//! The guest-access limit on the attachment routes: calls with an access
//! key take from the same per-address bucket as on `/requests`, and guesses
//! (a 404) cost ten, so keys cannot be tried faster here than there.

use aftercare_core::problem::kinds;
use aftercare_server::http::problem_kinds;
use axum::body::Body;
use axum::http::{header, Method, Request};
use time::Duration;

use crate::attachments::{app_with_files, png, upload};
use crate::common::{from_ip, TestApp, TestResponse};
use crate::requests_support::{new_key, Who};

/// `GET /attachments/{id}` with the access key `key`, from `ip`.
async fn download_from(app: &TestApp, ip: &str, id: &str, key: &str) -> TestResponse {
    let request = Request::builder()
        .method(Method::GET)
        .uri(format!("/api/v1/attachments/{id}"))
        .header("x-access-key", key)
        .header(header::ACCEPT, "*/*")
        .body(Body::empty())
        .unwrap();
    app.send(from_ip(request, ip)).await
}

#[tokio::test]
async fn guessing_keys_on_attachments_is_throttled_like_on_requests() {
    let app = app_with_files().await;
    let owner = new_key();
    let id = upload(
        &app,
        &Who::Key(owner.clone()),
        "a.png",
        "image/png",
        &png(200),
    )
    .await;
    // Six wrong keys from one address use up its minute...
    for n in 0..6 {
        let wrong = download_from(&app, "192.0.2.40", &id, &new_key()).await;
        wrong.problem(404, kinds::NOT_FOUND);
        assert_eq!(wrong.status, 404, "{n}");
    }
    let limited = download_from(&app, "192.0.2.40", &id, &owner).await;
    limited.problem(429, problem_kinds::RATE_LIMITED);
    assert_eq!(limited.header("retry-after"), "1");
    // ...while another address is not held back.
    let other = download_from(&app, "192.0.2.41", &id, &owner).await;
    assert_eq!(other.status, 200, "{}", other.text());
    // The bucket refills as on /requests.
    app.clock.advance(Duration::seconds(60));
    let again = download_from(&app, "192.0.2.40", &id, &owner).await;
    assert_eq!(again.status, 200, "{}", again.text());
}
