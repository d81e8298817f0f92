//! The portal's adapter (`aftercare_core::RestBackend`) against the real
//! router: the calls it builds are the ones the server serves, and every
//! answer reads into the core's types. A change to either side that breaks
//! the contract fails here.

use aftercare_core::{
    Backend, ChunkOutcome, Credentials, CustomerAction, HttpRequest, HttpResponse, Locale,
    NewServiceRequest, RequestQuery, RequestStatus, RestBackend, UploadStart,
};
use aftercare_server::auth::StaffRole;
use axum::body::Body;
use axum::http::Request;
use serde_json::json;

use crate::attachments::app_with_files;
use crate::common::TestApp;
use crate::requests_support::{new_idempotency_key, new_key, staff, staff_action};

/// Sends an adapter's request through the router.
pub async fn exchange(app: &TestApp, call: HttpRequest) -> HttpResponse {
    let mut request = Request::builder()
        .method(call.method.as_str())
        .uri(&call.url);
    for (name, value) in &call.headers {
        request = request.header(name, value);
    }
    let body = call.body.map(Body::from).unwrap_or_else(Body::empty);
    let response = app.send(request.body(body).unwrap()).await;
    HttpResponse {
        status: response.status.as_u16(),
        headers: response
            .headers
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_str().unwrap().to_string()))
            .collect(),
        body: response.body,
    }
}

pub fn consultation() -> NewServiceRequest {
    let fields = json!({
        "contact_name": "王芳", "phone": "+86 138 0013 8000",
        "product_model": "LW-NVR8", "topic": "usage", "description": "怎么导出录像？"
    });
    NewServiceRequest {
        request_type: "consultation".into(),
        severity: "normal".into(),
        fields: fields.as_object().unwrap().clone(),
        locale: Some("zh-CN".into()),
    }
}

#[tokio::test]
async fn a_signed_in_customer_opens_follows_and_closes_a_request_through_the_adapter() {
    let app = TestApp::empty().await;
    let backend = RestBackend::new("");
    let email = "ana@example.com";
    let sent = exchange(&app, backend.request_sign_in_code(email, Locale::En)).await;
    backend.read_code_sent(sent).unwrap();
    let code = app.last_code(email);
    let signed = backend
        .read_signed_in(exchange(&app, backend.sign_in(email, &code, Locale::En)).await)
        .unwrap();
    assert_eq!(signed.customer.email, email);
    let me = Credentials::session(&signed.token);

    let key = new_idempotency_key();
    let call = backend.create_request(&consultation(), &key, &me, Locale::En);
    let created = backend
        .read_request(exchange(&app, call.clone()).await)
        .unwrap();
    assert_eq!(created.status, RequestStatus::Submitted);
    let replayed = backend.read_request(exchange(&app, call).await).unwrap();
    assert_eq!(replayed.number, created.number, "a retry makes nothing new");

    let li = staff(&app, "Li Wei", StaffRole::Engineer).await;
    for body in [
        json!({"action": "acknowledge"}),
        json!({"action": "assign", "engineer": "Li Wei"}),
        json!({"action": "start"}),
        json!({"action": "resolve", "note": "Exported via the USB menu."}),
    ] {
        let moved = staff_action(&app, &li, &created.number, body).await;
        assert_eq!(moved.status, 200, "{}", moved.text());
    }
    let message = backend.post_message(
        &created.number,
        "<b>谢谢</b>",
        &[],
        &new_idempotency_key(),
        &me,
        Locale::ZhCn,
    );
    let with_message = backend.read_request(exchange(&app, message).await).unwrap();
    assert_eq!(with_message.messages[0].text, "<b>谢谢</b>");
    assert_eq!(with_message.status, RequestStatus::Resolved);
    assert!(with_message
        .allowed_actions
        .contains(&aftercare_core::RequestAction::Close));
    assert!(with_message.sla.is_some());

    let close = backend.request_action(
        &created.number,
        CustomerAction::Close,
        &new_idempotency_key(),
        &me,
        Locale::En,
    );
    let closed = backend.read_request(exchange(&app, close).await).unwrap();
    assert_eq!(closed.status, RequestStatus::Closed);
    let actors: Vec<_> = closed
        .events
        .iter()
        .map(|e| e.actor.kind.as_str())
        .collect();
    assert!(
        actors.contains(&"engineer") && actors.contains(&"customer"),
        "{actors:?}"
    );

    let page = backend
        .read_request_page(
            exchange(
                &app,
                backend.list_requests(&RequestQuery::default(), &me, Locale::En),
            )
            .await,
        )
        .unwrap();
    assert_eq!(page.items.len(), 1);
    assert_eq!(page.items[0].status, RequestStatus::Closed);
}

#[tokio::test]
async fn a_guest_uploads_in_chunks_resumes_and_links_the_file() {
    let app = app_with_files().await;
    let backend = RestBackend::new("");
    let guest = Credentials::access_key(new_key());
    let bytes: Vec<u8> = b"%PDF-1.7\n"
        .iter()
        .copied()
        .chain(vec![b'x'; 91])
        .collect();
    let start = UploadStart {
        name: "发票.pdf".into(),
        size: bytes.len() as u64,
        content_type: "application/pdf".into(),
    };
    let slot = backend
        .read_upload_slot(
            exchange(
                &app,
                backend.start_upload(&start, &new_idempotency_key(), &guest, Locale::En),
            )
            .await,
        )
        .unwrap();
    let first = backend.upload_chunk(&slot.id, 0, bytes[..40].to_vec(), &guest, Locale::En);
    assert_eq!(
        backend.read_chunk_outcome(exchange(&app, first).await),
        Ok(ChunkOutcome::Stored(40))
    );
    let stale = backend.upload_chunk(&slot.id, 0, bytes[..40].to_vec(), &guest, Locale::En);
    assert_eq!(
        backend.read_chunk_outcome(exchange(&app, stale).await),
        Ok(ChunkOutcome::Conflict(40))
    );
    let status = backend.upload_status(&slot.id, &guest, Locale::En);
    let progress = backend
        .read_upload_progress(exchange(&app, status).await)
        .unwrap();
    assert_eq!((progress.offset, progress.length), (40, 100));
    let rest = backend.upload_chunk(&slot.id, 40, bytes[40..].to_vec(), &guest, Locale::En);
    assert_eq!(
        backend.read_chunk_outcome(exchange(&app, rest).await),
        Ok(ChunkOutcome::Stored(100))
    );

    let mut new = consultation();
    new.fields.insert("attachments".into(), json!([slot.id]));
    let created = backend
        .read_request(
            exchange(
                &app,
                backend.create_request(&new, &new_idempotency_key(), &guest, Locale::En),
            )
            .await,
        )
        .unwrap();
    assert_eq!(created.attachments[0].name, "发票.pdf");
    let again = backend.get_request(&created.number, &guest, Locale::En);
    assert_eq!(
        backend
            .read_request(exchange(&app, again).await)
            .unwrap()
            .number,
        created.number
    );
    let stranger = Credentials::access_key(new_key());
    let hidden = backend.get_request(&created.number, &stranger, Locale::En);
    assert_eq!(
        backend.read_request(exchange(&app, hidden).await),
        Err(aftercare_core::PortalError::NotFound)
    );
}

#[tokio::test]
async fn the_knowledge_base_search_feedback_and_events_go_through_the_adapter() {
    use aftercare_core::{ArticleFeedback, KbEvent, KbEventBatch, KbEventKind, PortalError};

    let app = TestApp::with_demo().await;
    let backend = RestBackend::new("");
    let call = backend.search_articles("报修", 5, Locale::ZhCn);
    let found = backend
        .read_search_results(exchange(&app, call).await)
        .unwrap();
    assert!(found
        .results
        .iter()
        .any(|hit| hit.id == "how-to-request-service-zh-cn"));
    assert!(found.results.len() <= 5);
    let call = backend.search_articles("", 5, Locale::En);
    let blank = backend
        .read_search_results(exchange(&app, call).await)
        .unwrap();
    assert!(blank.results.is_empty());

    let feedback = ArticleFeedback {
        helpful: true,
        comment: Some("清楚".into()),
        locale: "zh-CN".into(),
    };
    let key = new_idempotency_key();
    let call = backend.send_article_feedback(
        "how-to-request-service-zh-cn",
        &feedback,
        &key,
        Locale::ZhCn,
    );
    backend
        .read_accepted(exchange(&app, call.clone()).await)
        .unwrap();
    backend.read_accepted(exchange(&app, call).await).unwrap();
    assert_eq!(
        app.count("kb_feedback").await,
        1,
        "a retry stores nothing new"
    );
    let call =
        backend.send_article_feedback("no-such", &feedback, &new_idempotency_key(), Locale::En);
    assert_eq!(
        backend.read_accepted(exchange(&app, call).await),
        Err(PortalError::NotFound)
    );

    let event = |kind, query: Option<&str>, article: Option<&str>| KbEvent {
        kind,
        query: query.map(str::to_string),
        article_id: article.map(str::to_string),
        results: None,
        locale: "zh-CN".into(),
        at: "2026-11-24T08:00:00Z".into(),
    };
    let batch = KbEventBatch {
        events: vec![
            event(KbEventKind::Search, Some("报修"), None),
            event(
                KbEventKind::Deflection,
                Some("报修"),
                Some("how-to-request-service-zh-cn"),
            ),
        ],
    };
    let call = backend.send_kb_events(&batch, &new_idempotency_key(), Locale::ZhCn);
    backend.read_accepted(exchange(&app, call).await).unwrap();
    assert_eq!(app.count("kb_events").await, 2);
    let bad = KbEventBatch {
        events: vec![event(KbEventKind::ResultClick, Some("x"), None)],
    };
    let call = backend.send_kb_events(&bad, &new_idempotency_key(), Locale::En);
    match backend.read_accepted(exchange(&app, call).await) {
        Err(PortalError::Problem(problem)) => {
            assert_eq!(problem.status, 422);
            assert_eq!(problem.errors[0].pointer, "/events/0/article_id");
        }
        other => panic!("expected a problem, got {other:?}"),
    }
}
