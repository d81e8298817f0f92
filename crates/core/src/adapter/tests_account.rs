//! Tests of the REST adapter's survey, product and account calls.

use super::*;
use crate::{Date, Method};

fn backend() -> RestBackend {
    RestBackend::new("https://help.example.com/")
}

fn response(status: u16, body: &str) -> HttpResponse {
    HttpResponse {
        status,
        headers: vec![("content-type".into(), "application/json".into())],
        body: body.as_bytes().to_vec(),
    }
}

#[test]
fn a_survey_link_token_goes_in_its_own_header() {
    let call = backend().get_survey(
        "AC-1234-AB",
        &Credentials::survey_token("AC-1234-AB.1.sig"),
        Locale::En,
    );
    assert_eq!(call.method, Method::Get);
    assert_eq!(
        call.url,
        "https://help.example.com/api/v1/requests/AC-1234-AB/survey"
    );
    assert_eq!(call.header("x-survey-token"), Some("AC-1234-AB.1.sig"));
    assert_eq!(call.header("authorization"), None);
}

#[test]
fn answers_are_put_whole() {
    let answers: SurveyAnswers =
        serde_json::from_str(r#"{"overall":5,"solved":false,"comment":"ok"}"#).unwrap();
    let call = backend().put_survey("AC-1", &answers, &Credentials::session("tok"), Locale::ZhCn);
    assert_eq!(call.method, Method::Put);
    assert_eq!(call.header("authorization"), Some("Bearer tok"));
    let body: serde_json::Value = serde_json::from_slice(call.body.as_deref().unwrap()).unwrap();
    assert_eq!(
        body,
        serde_json::json!({"answers": {"overall": 5, "solved": false, "comment": "ok"}})
    );
    let record = backend()
        .read_survey(response(
            200,
            r#"{"number":"AC-1","answers":{"overall":5},"submitted_at":"2026-11-24T08:00:00.000Z",
                "updated_at":"2026-11-24T08:00:00.000Z","editable_until":"2026-12-01T08:00:00.000Z","editable":true}"#,
        ))
        .unwrap();
    assert!(record.answered());
    assert!(matches!(
        backend().read_survey(response(409, r#"{"type":"https://aftercare.dev/problems/survey-closed","title":"closed","status":409}"#)),
        Err(PortalError::Problem(p)) if p.status == 409
    ));
}

#[test]
fn products_are_registered_once_per_key() {
    let product = NewProduct {
        model: "BW-500".into(),
        serial_number: "SN1".into(),
        purchase_date: Date::parse("2025-01-02").unwrap(),
        proof_of_purchase: None,
    };
    let call = backend().register_product(&product, "k1", &Credentials::session("t"), Locale::En);
    assert_eq!(call.method, Method::Post);
    assert_eq!(call.url, "https://help.example.com/api/v1/products");
    assert_eq!(call.header("idempotency-key"), Some("k1"));
    let listed = backend()
        .read_products(response(200, r#"{"items":[]}"#))
        .unwrap();
    assert!(listed.items.is_empty());
}

#[test]
fn the_customers_own_data_is_exported_and_deleted() {
    let creds = Credentials::session("t");
    let export = backend().export_my_data(&creds, Locale::En);
    assert_eq!(export.url, "https://help.example.com/api/v1/me/export");
    assert_eq!(
        backend()
            .read_my_data(response(200, "{\"customer\":{}}"))
            .unwrap(),
        b"{\"customer\":{}}".to_vec()
    );
    let delete = backend().delete_account(&creds, Locale::En);
    assert_eq!(delete.method, Method::Delete);
    assert_eq!(delete.url, "https://help.example.com/api/v1/me");
    assert_eq!(backend().read_account_deleted(response(204, "")), Ok(()));
    assert_eq!(
        backend().read_account_deleted(response(401, "")),
        Err(PortalError::Status(401))
    );
}

#[test]
fn the_portal_answer_carries_the_service_catalog() {
    let body = serde_json::json!({
        "locales": ["en"], "default_locale": "en", "categories": [],
        "branding": {"portal_name": {"en": "P"}, "vendor_name": {"en": "V"}, "accent_color": "#000000"},
        "service": {
            "request_types": [], "severities": [],
            "uploads": {"max_bytes": 1, "allowed_types": [], "image_max_edge_px": 1},
            "privacy_notice": {"en": "x"}
        }
    });
    let answer = response(200, &body.to_string());
    assert!(backend().read_portal_config(answer.clone()).is_ok());
    let catalog = backend().read_service_catalog(answer).unwrap();
    assert_eq!(catalog.privacy_notice.get(Locale::En), "x");
    assert_eq!(
        backend().read_service_catalog(response(503, "")),
        Err(PortalError::Status(503))
    );
}
