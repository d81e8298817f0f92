//! Status mail: when staff move a service request or write on it, its
//! customer (the signed-in one, or a guest's `email` field) is told, in the
//! request's language, with its number and new status; in memory, and
//! through the real SMTP relay of `mail_smtp`.

use aftercare_server::auth::StaffRole;
use aftercare_server::cli::{self, Cli};
use aftercare_server::settings::{LimitSettings, Settings};
use axum::http::Method;
use clap::Parser;
use serde_json::{json, Value};

use crate::common::{fresh_database_url, TestApp};
use crate::mail_smtp::SmtpSink;
use crate::requests_support::{
    call, consultation, customer, new_key, open_number, staff, staff_action, Who,
};

/// A consultation in `locale`, with `email` as its contact address if given.
fn consultation_in(locale: &str, email: Option<&str>) -> Value {
    let mut body = consultation();
    body["locale"] = json!(locale);
    if let Some(email) = email {
        body["fields"]["email"] = json!(email);
    }
    body
}

async fn staff_message(app: &TestApp, token: &str, number: &str, text: &str) -> u16 {
    let response = call(
        app,
        Method::POST,
        &format!("/api/v1/staff/requests/{number}/messages"),
        &Who::Bearer(token.to_string()),
        Some(&json!({ "text": text })),
        &[],
    )
    .await;
    response.status.as_u16()
}

#[tokio::test]
async fn staff_moves_and_messages_mail_the_customer_in_the_requests_language() {
    let app = TestApp::empty().await;
    let ana = Who::Bearer(customer(&app, "ana@example.com").await);
    // The form's address does not matter when the customer is signed in.
    let number = open_number(
        &app,
        &ana,
        &consultation_in("zh-TW", Some("other@example.com")),
    )
    .await;
    assert_eq!(app.mail_to("ana@example.com").len(), 1, "the sign-in code");
    let eng = staff(&app, "Eng", StaffRole::Engineer).await;

    let acked = staff_action(&app, &eng, &number, json!({"action": "acknowledge"})).await;
    assert_eq!(acked.status, 200, "{}", acked.text());
    assert_eq!(staff_message(&app, &eng, &number, "幾點方便？").await, 201);
    let resolved = staff_action(&app, &eng, &number, json!({"action": "resolve"})).await;
    assert_eq!(resolved.status, 200, "{}", resolved.text());
    // A refused move is no news.
    let again = staff_action(&app, &eng, &number, json!({"action": "resolve"})).await;
    assert_eq!(again.status, 409, "{}", again.text());

    let mail = app.mail_to("ana@example.com");
    assert_eq!(mail.len(), 4, "{mail:?}");
    assert_eq!(mail[1].subject, format!("服務請求 {number}：已受理"));
    assert!(mail[1].body.contains(&number) && mail[1].body.contains("已受理"));
    assert_eq!(mail[2].subject, format!("服務請求 {number}：有新訊息"));
    // The message itself stays in the portal.
    assert!(!mail[2].body.contains("幾點方便"));
    assert_eq!(mail[3].subject, format!("服務請求 {number}：已解決"));
    assert!(app.mail_to("other@example.com").is_empty());

    // The customer's own moves are not mailed back to them.
    let close = call(
        &app,
        Method::POST,
        &format!("/api/v1/requests/{number}/close"),
        &ana,
        None,
        &[],
    )
    .await;
    assert_eq!(close.status, 200, "{}", close.text());
    assert_eq!(app.mail_to("ana@example.com").len(), 4);
}

#[tokio::test]
async fn a_guest_is_mailed_at_the_forms_address_if_there_is_one() {
    let app = TestApp::empty().await;
    let sup = staff(&app, "Sup", StaffRole::Supervisor).await;
    let with = open_number(
        &app,
        &Who::Key(new_key()),
        &consultation_in("en", Some("guest@example.com")),
    )
    .await;
    let without = open_number(&app, &Who::Key(new_key()), &consultation_in("en", None)).await;
    for number in [&with, &without] {
        let response = staff_action(&app, &sup, number, json!({"action": "acknowledge"})).await;
        assert_eq!(response.status, 200, "{}", response.text());
    }
    let assigned = staff_action(
        &app,
        &sup,
        &with,
        json!({"action": "assign", "engineer": "Sup"}),
    )
    .await;
    assert_eq!(assigned.status, 200, "{}", assigned.text());
    let sent = app.outbox.sent();
    assert_eq!(sent.len(), 2, "{sent:?}");
    assert!(sent.iter().all(|m| m.to == "guest@example.com"));
    assert_eq!(sent[0].subject, format!("{with}: acknowledged"));
    assert_eq!(sent[1].subject, format!("{with}: assigned to an engineer"));
    assert!(sent[1].body.contains("is now assigned to an engineer"));
}

#[tokio::test]
async fn status_mail_goes_out_through_the_smtp_relay() {
    let sink = SmtpSink::start();
    let mut app = TestApp::empty().await;
    app.configure(&sink.settings());
    // The code arrives by SMTP too: that is the first message.
    assert_eq!(app.request_code("li@example.com", None).await.status, 202);
    let messages = sink.wait_for(1);
    let code = crate::common::code_in(messages[0]["subject"].as_str().unwrap());
    let token = app.redeem("li@example.com", &code).await.json()["token"]
        .as_str()
        .unwrap()
        .to_string();
    let number = open_number(&app, &Who::Bearer(token), &consultation_in("zh-CN", None)).await;
    let eng = staff(&app, "Eng", StaffRole::Engineer).await;
    let acked = staff_action(&app, &eng, &number, json!({"action": "acknowledge"})).await;
    assert_eq!(acked.status, 200, "{}", acked.text());
    let messages = sink.wait_for(2);
    let mail = messages
        .iter()
        .find(|m| m["subject"].as_str().unwrap().contains(&number))
        .unwrap_or_else(|| panic!("no status mail in {messages:?}"));
    assert_eq!(mail["to"][0], "li@example.com");
    assert_eq!(mail["from"], "service@brightwell.example");
    assert_eq!(mail["subject"], format!("服务请求 {number}：已受理"));
    assert!(mail["body"]
        .as_str()
        .unwrap()
        .contains("状态已更新为：已受理"));

    // A guest in English, at the form's address.
    let guest = open_number(
        &app,
        &Who::Key(new_key()),
        &consultation_in("en", Some("guest@example.com")),
    )
    .await;
    assert_eq!(
        staff_message(&app, &eng, &guest, "When suits you?").await,
        201
    );
    let messages = sink.wait_for(3);
    let mail = messages
        .iter()
        .find(|m| m["to"][0] == "guest@example.com")
        .unwrap_or_else(|| panic!("no mail to the guest in {messages:?}"));
    assert_eq!(mail["subject"], format!("{guest}: a new message"));
    assert!(app.outbox.sent().is_empty(), "the memory outbox was used");
}

#[tokio::test]
async fn a_relay_that_is_down_does_not_fail_the_move() {
    let mut app = TestApp::empty().await;
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let settings = Settings {
        mail: Some(aftercare_server::settings::MailSettings {
            smtp_host: "127.0.0.1".into(),
            smtp_port: port,
            from: "Service <service@example.com>".into(),
            starttls: false,
            username: None,
            password: None,
        }),
        limits: LimitSettings::default(),
        ..Settings::default()
    };
    app.configure(&settings);
    let number = open_number(
        &app,
        &Who::Key(new_key()),
        &consultation_in("en", Some("guest@example.com")),
    )
    .await;
    let eng = staff(&app, "Eng", StaffRole::Engineer).await;
    let acked = staff_action(&app, &eng, &number, json!({"action": "acknowledge"})).await;
    assert_eq!(acked.status, 200, "{}", acked.text());
    assert_eq!(acked.json()["status"], "acknowledged");
}

#[tokio::test]
async fn the_staff_commands_mail_through_the_configured_relay() {
    let sink = SmtpSink::start();
    let dir = tempfile::tempdir().unwrap();
    let url = fresh_database_url(&dir).await;
    let config = dir.path().join("aftercare.toml");
    std::fs::write(
        &config,
        format!(
            "[mail]\nsmtp_host = \"127.0.0.1\"\nsmtp_port = {}\n\
             from = \"Brightwell Service <service@brightwell.example>\"\nstarttls = false\n",
            sink.port
        ),
    )
    .unwrap();
    let app = TestApp::over(&url, dir).await;
    let ana = Who::Bearer(customer(&app, "ana@example.com").await);
    let number = open_number(&app, &ana, &consultation_in("zh-CN", None)).await;
    let config = config.to_str().unwrap();
    let run = |args: &[&str]| {
        let mut argv = vec!["aftercare-server", "staff"];
        argv.extend_from_slice(args);
        argv.extend_from_slice(&["--database-url", &url]);
        cli::run(Cli::try_parse_from(argv).expect("a valid command line"))
    };
    run(&["token", "Li Wei"]).await.unwrap();
    run(&["ack", &number, "--as", "Li Wei", "--config", config])
        .await
        .unwrap();
    let messages = sink.wait_for(1);
    assert_eq!(messages[0]["to"][0], "ana@example.com");
    assert_eq!(messages[0]["subject"], format!("服务请求 {number}：已受理"));
    // Without --config there is no relay, and nothing is mailed or printed.
    run(&["resolve", &number, "--as", "Li Wei"]).await.unwrap();
    std::thread::sleep(std::time::Duration::from_millis(200));
    assert_eq!(sink.wait_for(1).len(), 1);
}
