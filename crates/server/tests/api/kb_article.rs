//! `GET /api/v1/kb/articles/{id}`: one article, rendered and sanitised, or a
//! localised 404 problem.

use aftercare_core::problem::kinds;
use aftercare_core::Article;

use crate::common::{demo_entries, entry, TestApp};

#[tokio::test]
async fn an_article_comes_back_by_id() {
    let app = TestApp::with_demo().await;
    let demo = &demo_entries()[0];
    let id = demo["id"].as_str().unwrap();
    let response = app.get(&format!("/api/v1/kb/articles/{id}")).await;
    assert_eq!(response.status, 200, "{}", response.text());
    let article: Article = serde_json::from_slice(&response.body).unwrap();
    assert_eq!(article.id, id);
    assert_eq!(article.locale, demo["locale"]);
    assert_eq!(article.title, demo["title"]);
    assert_eq!(article.category, demo["category"]);
    assert_eq!(serde_json::json!(article.tags), demo["tags"]);
    assert!(article.html.starts_with('<'), "{}", article.html);
    assert!(!article.text.contains('<'));
}

#[tokio::test]
async fn an_unknown_id_is_a_not_found_problem_in_the_askers_language() {
    let app = TestApp::with_demo().await;
    let uri = "/api/v1/kb/articles/no-such-article";
    let chinese = app.get_in(uri, "zh-CN,zh;q=0.9,en;q=0.8").await;
    let problem = chinese.problem(404, kinds::NOT_FOUND);
    assert_eq!(problem["title"], "未找到");
    assert_eq!(chinese.header("content-language"), "zh-CN");
    let traditional = app
        .get_in(uri, "zh-TW")
        .await
        .problem(404, kinds::NOT_FOUND);
    assert_eq!(traditional["title"], "找不到");
    let english = app.get(uri).await.problem(404, kinds::NOT_FOUND);
    assert_eq!(english["title"], "Not found");
}

#[tokio::test]
async fn a_deleted_article_is_not_found() {
    let app = TestApp::empty().await;
    app.import(&[entry("gone", "en", "usage", "Gone", "Soon gone.")], false)
        .await
        .unwrap();
    assert_eq!(app.get("/api/v1/kb/articles/gone").await.status, 200);
    app.import(&[entry("kept", "en", "usage", "Kept", "Here.")], true)
        .await
        .unwrap();
    app.get("/api/v1/kb/articles/gone")
        .await
        .problem(404, kinds::NOT_FOUND);
}

#[tokio::test]
async fn markdown_is_rendered_and_sanitised() {
    let app = TestApp::empty().await;
    let body = "# Reset\n\nHold **POWER** <script>alert('x')</script> for 10 s.\n\n\
                <script>document.cookie</script>\n\n\
                <a href=\"javascript:alert(1)\" onclick=\"evil()\">link</a> \
                [manual](https://example.com/manual)\n\n| code | meaning |\n|---|---|\n| E1 | jam |";
    app.import(
        &[entry("unsafe", "en", "troubleshooting", "Reset", body)],
        false,
    )
    .await
    .unwrap();
    let article: Article =
        serde_json::from_slice(&app.get("/api/v1/kb/articles/unsafe").await.body).unwrap();
    for bad in [
        "<script",
        "alert",
        "document.cookie",
        "javascript:",
        "onclick",
        "evil",
    ] {
        assert!(!article.html.contains(bad), "{bad} in {}", article.html);
        assert!(!article.text.contains(bad), "{bad} in {}", article.text);
    }
    assert!(article.html.contains("<strong>POWER</strong>"));
    assert!(article.html.contains("<table>"));
    assert!(article
        .html
        .contains(r#"<a href="https://example.com/manual" rel="noopener noreferrer">"#));
    assert!(!article.text.contains('<') && !article.text.contains('>'));
    assert!(
        article.text.starts_with("Reset\nHold POWER"),
        "{}",
        article.text
    );
    assert!(article.text.contains("E1 jam"), "{}", article.text);
}
