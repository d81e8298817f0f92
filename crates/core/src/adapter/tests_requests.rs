//! The adapter's service-request, sign-in and upload calls: what goes on the
//! wire, and how recorded answers read.

use crate::adapter::*;
use crate::{HttpResponse, Locale, Method, RequestStatus};

fn guest() -> Credentials {
    Credentials::access_key("k".repeat(22))
}

#[test]
fn creating_a_request_carries_the_key_the_body_and_who_asks() {
    let backend = RestBackend::new("https://help.example.com");
    let new = NewServiceRequest {
        request_type: "consultation".into(),
        severity: "low".into(),
        fields: serde_json::Map::new(),
        locale: Some("en".into()),
    };
    let both = Credentials {
        session: Some("tok".into()),
        access_key: Some("key".into()),
        survey_token: None,
    };
    let call = backend.create_request(&new, "idem-1", &both, Locale::En);
    assert_eq!(call.method, Method::Post);
    assert_eq!(call.url, "https://help.example.com/api/v1/requests");
    assert_eq!(call.header("idempotency-key"), Some("idem-1"));
    assert_eq!(call.header("authorization"), Some("Bearer tok"));
    assert_eq!(call.header("x-access-key"), Some("key"));
    assert_eq!(call.header("content-type"), Some("application/json"));
    let body: serde_json::Value = serde_json::from_slice(call.body.as_ref().unwrap()).unwrap();
    assert_eq!(body["type"], "consultation");
}

#[test]
fn a_guest_call_carries_no_bearer() {
    let call = RestBackend::new("").get_request("AC-1 2", &guest(), Locale::ZhCn);
    assert_eq!(call.url, "/api/v1/requests/AC-1%202");
    assert_eq!(call.header("authorization"), None);
    assert_eq!(call.header("accept-language"), Some("zh-CN"));
}

#[test]
fn lists_ask_only_for_what_is_given() {
    let backend = RestBackend::new("");
    let me = Credentials::session("t");
    let all = backend.list_requests(&RequestQuery::default(), &me, Locale::En);
    assert_eq!(all.url, "/api/v1/requests");
    let query = RequestQuery {
        status: Some(RequestStatus::WaitingOnCustomer),
        cursor: Some("2027-01-01T00:00:00.000Z~7".into()),
        limit: Some(50),
    };
    assert_eq!(
        backend.list_requests(&query, &me, Locale::En).url,
        "/api/v1/requests?status=waiting_on_customer&cursor=2027-01-01T00%3A00%3A00.000Z~7&limit=50"
    );
}

#[test]
fn messages_and_moves_go_to_the_requests_own_routes() {
    let backend = RestBackend::new("");
    let message = backend.post_message(
        "AC-1",
        "你好",
        &["att_1".into()],
        "m-1",
        &guest(),
        Locale::En,
    );
    assert_eq!(message.url, "/api/v1/requests/AC-1/messages");
    let body: serde_json::Value = serde_json::from_slice(message.body.as_ref().unwrap()).unwrap();
    assert_eq!(
        body,
        serde_json::json!({"text": "你好", "attachments": ["att_1"]})
    );
    for (action, path) in [
        (CustomerAction::Reopen, "reopen"),
        (CustomerAction::Cancel, "cancel"),
        (CustomerAction::Close, "close"),
    ] {
        let call = backend.request_action("AC-1", action, "a-1", &guest(), Locale::En);
        assert_eq!(call.url, format!("/api/v1/requests/AC-1/{path}"));
        assert_eq!(call.method, Method::Post);
        assert_eq!(call.header("idempotency-key"), Some("a-1"));
    }
}

#[test]
fn reads_a_recorded_request() {
    let request = RestBackend::new("")
        .read_request(HttpResponse::json(
            201,
            crate::service_request::tests::RECORDED,
        ))
        .unwrap();
    assert_eq!(request.number, "AC-7K3F-92");
}

#[test]
fn sign_in_calls_and_answers() {
    let backend = RestBackend::new("");
    let code = backend.request_sign_in_code("ana@example.com", Locale::ZhTw);
    assert_eq!(code.url, "/api/v1/auth/email-code");
    let body: serde_json::Value = serde_json::from_slice(code.body.as_ref().unwrap()).unwrap();
    assert_eq!(body["locale"], "zh-TW");
    assert_eq!(backend.read_code_sent(HttpResponse::json(202, "")), Ok(()));
    let out = backend.sign_out("tok", Locale::En);
    assert_eq!(out.method, Method::Delete);
    assert_eq!(out.header("authorization"), Some("Bearer tok"));
    let refused = backend
        .read_signed_in(HttpResponse::json(
            401,
            r#"{"type":"https://aftercare.dev/problems/sign-in-failed","title":"No","status":401}"#,
        ))
        .unwrap_err();
    assert!(matches!(refused, PortalError::Problem(p) if p.status == 401));
}

#[test]
fn an_embed_token_is_posted_and_answered_with_a_session() {
    let backend = RestBackend::new("https://help.example.com");
    let call = backend.sign_in_with_embed_token("h.p.s", Locale::ZhCn);
    assert_eq!(call.method, Method::Post);
    assert_eq!(call.url, "https://help.example.com/api/v1/auth/embed");
    assert_eq!(call.header("accept-language"), Some("zh-CN"));
    assert_eq!(call.header("authorization"), None);
    let body: serde_json::Value = serde_json::from_slice(call.body.as_ref().unwrap()).unwrap();
    assert_eq!(body, serde_json::json!({"token": "h.p.s"}));
    let session = backend
        .read_signed_in(HttpResponse::json(
            200,
            r#"{"token":"s1","expires_at":"2027-02-14T08:00:00.000Z",
                "customer":{"id":"c1","email":"demo.customer@example.com","name":"Demo"}}"#,
        ))
        .unwrap();
    assert_eq!(session.token, "s1");
    assert_eq!(session.customer.email, "demo.customer@example.com");
    let refused = backend
        .read_signed_in(HttpResponse::json(
            401,
            r#"{"type":"https://aftercare.dev/problems/embed-token-rejected","title":"No","status":401}"#,
        ))
        .unwrap_err();
    assert!(matches!(refused, PortalError::Problem(p) if p.status == 401));
}

#[test]
fn uploads_send_chunks_at_offsets_and_read_where_they_stand() {
    let backend = RestBackend::new("");
    let start = UploadStart {
        name: "故障.mp4".into(),
        size: 20,
        content_type: "video/mp4".into(),
    };
    let call = backend.start_upload(&start, "u-1", &guest(), Locale::En);
    assert_eq!(call.url, "/api/v1/attachments");
    assert_eq!(call.header("idempotency-key"), Some("u-1"));
    let slot = backend
        .read_upload_slot(HttpResponse::json(
            201,
            r#"{"id":"att_9","name":"故障.mp4","type":"video/mp4","size":20,
                "upload_offset":0,"state":"uploading","created_at":"2027-01-01T00:00:00Z"}"#,
        ))
        .unwrap();
    assert_eq!(slot.id, "att_9");

    let chunk = backend.upload_chunk("att_9", 8, vec![1, 2, 3], &guest(), Locale::En);
    assert_eq!(chunk.method, Method::Patch);
    assert_eq!(chunk.header("upload-offset"), Some("8"));
    assert_eq!(
        chunk.header("content-type"),
        Some("application/offset+octet-stream")
    );
    assert_eq!(chunk.body, Some(vec![1, 2, 3]));

    let stored = HttpResponse {
        status: 204,
        headers: vec![("Upload-Offset".into(), "11".into())],
        body: vec![],
    };
    assert_eq!(
        backend.read_chunk_outcome(stored),
        Ok(ChunkOutcome::Stored(11))
    );
    let mut conflict = HttpResponse::json(409, "{}");
    conflict.headers.push(("upload-offset".into(), "4".into()));
    assert_eq!(
        backend.read_chunk_outcome(conflict),
        Ok(ChunkOutcome::Conflict(4))
    );

    let head = backend.upload_status("att_9", &guest(), Locale::En);
    assert_eq!(head.method, Method::Head);
    let progress = backend
        .read_upload_progress(HttpResponse {
            status: 200,
            headers: vec![
                ("Upload-Offset".into(), "11".into()),
                ("Upload-Length".into(), "20".into()),
            ],
            body: vec![],
        })
        .unwrap();
    assert_eq!((progress.offset, progress.length), (11, 20));
}
