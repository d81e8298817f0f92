//! The portal's adapter (`aftercare_core::RestBackend`) against the real
//! router for a customer's own things: products, the data export, account
//! deletion and satisfaction surveys. The requests, uploads and knowledge
//! base are in `core_adapter`.

use aftercare_core::{Backend, Credentials, Locale, RestBackend};
use aftercare_server::auth::StaffRole;
use serde_json::json;

use crate::common::TestApp;
use crate::core_adapter::{consultation, exchange};
use crate::requests_support::{new_idempotency_key, new_key, staff, staff_action};

#[tokio::test]
async fn products_export_and_account_deletion_go_through_the_adapter() {
    use aftercare_core::{Date, NewProduct, PortalError, WarrantyStatus};

    let app = TestApp::empty().await;
    let backend = RestBackend::new("");
    let email = "mei@example.com";
    let signed = app.sign_in(email).await;
    let me = Credentials::session(signed["token"].as_str().unwrap());

    let mut report = consultation();
    report
        .fields
        .insert("serial_number".into(), json!("nvr-0042"));
    let call = backend.create_request(&report, &new_idempotency_key(), &me, Locale::ZhCn);
    let opened = backend.read_request(exchange(&app, call).await).unwrap();

    let product = NewProduct {
        model: "bw-500".into(),
        serial_number: " NVR-0042 ".into(),
        purchase_date: Date::parse("2026-12-01").unwrap(),
        proof_of_purchase: None,
    };
    let key = new_idempotency_key();
    let call = backend.register_product(&product, &key, &me, Locale::ZhCn);
    let registered = backend
        .read_product(exchange(&app, call.clone()).await)
        .unwrap();
    assert_eq!(registered.model, "BW-500");
    assert_eq!(registered.serial_number, "NVR-0042");
    assert!(matches!(
        registered.warranty,
        Some(WarrantyStatus::InWarranty { .. })
    ));
    let replayed = backend.read_product(exchange(&app, call).await).unwrap();
    assert_eq!(replayed.id, registered.id, "a retry registers nothing new");
    let twice = backend.register_product(&product, &new_idempotency_key(), &me, Locale::En);
    match backend.read_product(exchange(&app, twice).await) {
        Err(PortalError::Problem(problem)) => {
            assert_eq!(problem.status, 409);
            assert_eq!(problem.errors[0].code, "already_registered");
        }
        other => panic!("expected a conflict, got {other:?}"),
    }

    let call = backend.list_products(&me, Locale::En);
    let list = backend.read_products(exchange(&app, call).await).unwrap();
    assert_eq!(list.items.len(), 1);
    assert_eq!(list.items[0].history.len(), 1);
    assert_eq!(list.items[0].history[0].number, opened.number);

    let call = backend.export_my_data(&me, Locale::En);
    let bytes = backend.read_my_data(exchange(&app, call).await).unwrap();
    let data: serde_json::Value = serde_json::from_slice(&bytes).unwrap();
    assert_eq!(data["customer"]["email"], email);
    assert_eq!(data["requests"][0]["number"], opened.number.as_str());
    assert_eq!(data["products"][0]["id"], registered.id.as_str());

    let call = backend.delete_account(&me, Locale::En);
    backend
        .read_account_deleted(exchange(&app, call).await)
        .unwrap();
    let call = backend.list_products(&me, Locale::En);
    match backend.read_products(exchange(&app, call).await) {
        Err(PortalError::Problem(problem)) => assert_eq!(problem.status, 401),
        other => panic!("expected 401, got {other:?}"),
    }
}

#[tokio::test]
async fn surveys_are_read_and_answered_through_the_adapter() {
    use aftercare_core::{Answer, PortalError, SurveyAnswers};
    use aftercare_server::auth::survey_token;

    let app = TestApp::empty().await;
    let backend = RestBackend::new("");
    let guest = Credentials::access_key(new_key());
    let call = backend.create_request(&consultation(), &new_idempotency_key(), &guest, Locale::En);
    let opened = backend.read_request(exchange(&app, call).await).unwrap();
    assert!(!opened.survey_answered);
    let number = opened.number.clone();

    // Before the request is resolved the survey is not open.
    let early =
        backend.read_survey(exchange(&app, backend.get_survey(&number, &guest, Locale::En)).await);
    match early {
        Err(PortalError::Problem(problem)) => {
            assert_eq!(problem.status, 409);
            assert_eq!(
                problem.kind,
                aftercare_server::http::problem_kinds::SURVEY_NOT_OPEN
            );
        }
        other => panic!("expected a 409 problem, got {other:?}"),
    }

    let li = staff(&app, "Li Wei", StaffRole::Engineer).await;
    for body in [
        json!({"action": "acknowledge"}),
        json!({"action": "resolve"}),
    ] {
        let moved = staff_action(&app, &li, &number, body).await;
        assert_eq!(moved.status, 200, "{}", moved.text());
    }
    let link = Credentials::survey_token(survey_token::issue(
        &app.state.pepper,
        &number,
        app.state.clock.now(),
    ));
    let empty = backend
        .read_survey(exchange(&app, backend.get_survey(&number, &link, Locale::En)).await)
        .unwrap();
    assert!(!empty.answered() && empty.editable);

    let mut answers = SurveyAnswers::default();
    for (key, score) in [
        ("overall", 4),
        ("timeliness", 5),
        ("attitude", 5),
        ("professionalism", 4),
    ] {
        answers.0.insert(key.into(), Answer::Score(score));
    }
    answers.0.insert("solved".into(), Answer::YesNo(true));
    answers
        .0
        .insert("comment".into(), Answer::Text("很好".into()));
    let put = backend.put_survey(&number, &answers, &link, Locale::ZhCn);
    let first = backend
        .read_survey(exchange(&app, put.clone()).await)
        .unwrap();
    assert_eq!(first.answers, answers);
    assert!(first.answered() && first.editable);
    assert!(first.editable_until > first.submitted_at);
    let again = backend.read_survey(exchange(&app, put).await).unwrap();
    assert_eq!(again, first, "the same answers twice leave one answer");
    assert_eq!(app.count("surveys").await, 1);

    let seen = backend
        .read_request(exchange(&app, backend.get_request(&number, &guest, Locale::En)).await)
        .unwrap();
    assert!(seen.survey_answered);

    let mut bad = answers.clone();
    bad.0.insert("nps".into(), Answer::Score(11));
    let refused = backend
        .read_survey(exchange(&app, backend.put_survey(&number, &bad, &guest, Locale::En)).await);
    match refused {
        Err(PortalError::Problem(problem)) => {
            assert_eq!(problem.status, 422);
            assert_eq!(problem.errors[0].pointer, "/answers/nps");
        }
        other => panic!("expected a 422 problem, got {other:?}"),
    }
}
