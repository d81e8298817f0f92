//! `GET /healthz`: up while the database answers, a 503 problem when it
//! does not.

use aftercare_core::problem::kinds;
use serde_json::json;

use crate::common::TestApp;

#[tokio::test]
async fn healthz_is_ok_while_the_database_answers() {
    let app = TestApp::empty().await;
    let response = app.get("/healthz").await;
    assert_eq!(response.status, 200);
    assert_eq!(response.json(), json!({ "status": "ok" }));
}

#[tokio::test]
async fn healthz_is_unavailable_when_the_database_is_gone() {
    let app = TestApp::empty().await;
    app.db.close().await;
    let problem = app
        .get_in("/healthz", "zh-CN")
        .await
        .problem(503, kinds::UNAVAILABLE);
    assert_eq!(problem["title"], "服务暂时不可用");
}
