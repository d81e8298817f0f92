//! `GET /api/v1/me/export` and `DELETE /api/v1/me`: the export holds the
//! customer's data and nobody else's; after deletion the token is dead,
//! the requests stay for staff without a name, email or phone (not even
//! inside their texts), and the address signs in to a new, empty account.
//! What happens to calls and links under way is in `my_data_after`.

use aftercare_server::auth::StaffRole;
use aftercare_server::http::problem_kinds;
use axum::http::Method;
use serde_json::{json, Value};

use crate::attachments::{app_with_files, png, upload};
use crate::common::TestApp;
use crate::products::{list, register, TODAY};
use crate::requests_support::{call, customer, new_idempotency_key, open, staff, Who};

/// What one customer has: a token, a request (with a file and a message),
/// a product with a receipt, and a survey answer.
struct Someone {
    who: Who,
    number: String,
    serial: String,
}

async fn someone(app: &TestApp, email: &str, name: &str, phone: &str, serial: &str) -> Someone {
    let who = Who::Bearer(customer(app, email).await);
    let photo = upload(app, &who, "photo.png", "image/png", &png(500)).await;
    let body = json!({
        "type": "on_site",
        "severity": "normal",
        "locale": "en",
        "fields": {
            "contact_name": name,
            "phone": phone,
            "email": email,
            "product_model": "BW-500",
            "serial_number": serial,
            "site_address": format!("{name}'s house, 1 Main Street"),
            "preferred_windows": ["weekday_morning"],
            "description": "It stopped heating.",
            "attachments": [photo]
        }
    });
    let opened = open(app, &who, &body).await;
    assert_eq!(opened.status, 201, "{}", opened.text());
    let number = opened.json()["number"].as_str().unwrap().to_string();
    let message = call(
        app,
        Method::POST,
        &format!("/api/v1/requests/{number}/messages"),
        &who,
        Some(&json!({"text": format!("Thanks, {name} here.")})),
        &[("idempotency-key", &new_idempotency_key())],
    )
    .await;
    assert_eq!(message.status, 201, "{}", message.text());
    let receipt = upload(app, &who, "receipt.png", "image/png", &png(700)).await;
    let product = json!({
        "model": "BW-500", "serial_number": serial,
        "purchase_date": "2026-06-01", "proof_of_purchase": receipt
    });
    assert_eq!(register(app, &who, &product).await.status, 201);
    sqlx::query(
        "INSERT INTO surveys (request_id, answers, locale, submitted_at, updated_at, revisions) \
         SELECT id, $1, 'en', $2, $2, 1 FROM service_requests WHERE number = $3",
    )
    .bind(json!({"overall": 5, "comment": format!("{name} is happy")}).to_string())
    .bind("2027-01-15T08:00:00.000Z")
    .bind(&number)
    .execute(app.db.pool())
    .await
    .unwrap();
    sqlx::query(
        "INSERT INTO kb_feedback (id, article_id, helpful, comment, locale, customer_id, \
         created_at) SELECT $1, 'warranty-terms-en', 1, $2, 'en', id, $3 FROM customers \
         WHERE email = $4",
    )
    .bind(format!("fb_{serial}"))
    .bind(format!("{name} found it"))
    .bind("2027-01-15T08:00:00.000Z")
    .bind(email)
    .execute(app.db.pool())
    .await
    .unwrap();
    Someone {
        who,
        number,
        serial: serial.to_string(),
    }
}

async fn export(app: &TestApp, who: &Who) -> crate::common::TestResponse {
    call(app, Method::GET, "/api/v1/me/export", who, None, &[]).await
}

async fn delete_me(app: &TestApp, who: &Who) -> crate::common::TestResponse {
    call(app, Method::DELETE, "/api/v1/me", who, None, &[]).await
}

#[tokio::test]
async fn the_export_holds_the_customers_data_and_nobody_elses() {
    let app = app_with_files().await;
    let ana = someone(&app, "ana@example.com", "Ana Lima", "+1 555 0100", "SN-ANA").await;
    let bo = someone(&app, "bo@example.com", "Bo Chen", "+1 555 0199", "SN-BO").await;

    let response = export(&app, &ana.who).await;
    assert_eq!(response.status, 200, "{}", response.text());
    assert_eq!(response.header("content-type"), "application/json");
    assert_eq!(
        response.header("content-disposition"),
        format!("attachment; filename=\"aftercare-my-data-{TODAY}.json\"")
    );
    let text = response.text();
    for theirs in [
        "bo@example.com",
        "Bo Chen",
        "0199",
        "SN-BO",
        bo.number.as_str(),
    ] {
        assert!(!text.contains(theirs), "{theirs} leaked into {text}");
    }
    let data = response.json();
    let keys: Vec<&str> = data
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    assert_eq!(
        keys,
        [
            "attachments",
            "customer",
            "exported_at",
            "feedback",
            "products",
            "requests",
            "surveys"
        ]
    );
    assert_eq!(data["customer"]["email"], "ana@example.com");
    assert!(data["customer"]["created_at"].is_string());
    let requests = data["requests"].as_array().unwrap();
    assert_eq!(requests.len(), 1);
    assert_eq!(requests[0]["number"], ana.number.as_str());
    assert_eq!(requests[0]["fields"]["contact_name"], "Ana Lima");
    assert_eq!(requests[0]["messages"][0]["text"], "Thanks, Ana Lima here.");
    let mut files: Vec<(Value, Value)> = data["attachments"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| (f["name"].clone(), f["request"].clone()))
        .collect();
    files.sort_by_key(|(name, _)| name.to_string());
    assert_eq!(
        files,
        [
            (json!("photo.png"), json!(ana.number)),
            (json!("receipt.png"), Value::Null)
        ]
    );
    let photo = data["attachments"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["name"] == "photo.png")
        .unwrap();
    assert_eq!(photo["bytes"], 500);
    assert_eq!(photo["content_type"], "image/png");
    let products = data["products"].as_array().unwrap();
    assert_eq!(products.len(), 1);
    assert_eq!(products[0]["serial_number"], ana.serial.as_str());
    assert_eq!(products[0]["history"][0]["number"], ana.number.as_str());
    assert_eq!(
        data["surveys"],
        json!([{
            "number": ana.number,
            "answers": {"overall": 5, "comment": "Ana Lima is happy"},
            "submitted_at": "2027-01-15T08:00:00.000Z",
            "updated_at": "2027-01-15T08:00:00.000Z"
        }])
    );
    assert_eq!(
        data["feedback"],
        json!([{
            "article_id": "warranty-terms-en",
            "helpful": true,
            "comment": "Ana Lima found it",
            "locale": "en",
            "created_at": "2027-01-15T08:00:00.000Z"
        }])
    );
}

#[tokio::test]
async fn guests_have_no_data_to_export_or_delete() {
    let app = TestApp::empty().await;
    for who in [Who::Nobody, Who::Key(crate::requests_support::new_key())] {
        export(&app, &who)
            .await
            .problem(401, problem_kinds::UNAUTHENTICATED);
        delete_me(&app, &who)
            .await
            .problem(401, problem_kinds::UNAUTHENTICATED);
    }
}

/// Every string in a JSON value.
fn strings(value: &Value, out: &mut Vec<String>) {
    match value {
        Value::String(text) => out.push(text.clone()),
        Value::Array(items) => items.iter().for_each(|v| strings(v, out)),
        Value::Object(map) => map.values().for_each(|v| strings(v, out)),
        _ => {}
    }
}

#[tokio::test]
async fn a_deleted_account_cannot_sign_in_and_its_requests_are_anonymised() {
    let app = app_with_files().await;
    let ana = someone(&app, "ana@example.com", "Ana Lima", "+1 555 0100", "SN-ANA").await;
    let bo = someone(&app, "bo@example.com", "Bo Chen", "+1 555 0199", "SN-BO").await;
    let li = staff(&app, "Li Wei", StaffRole::Engineer).await;
    let Who::Bearer(ana_token) = &ana.who else {
        unreachable!()
    };
    let old_id: (String,) = sqlx::query_as("SELECT id FROM customers WHERE email = $1")
        .bind("ana@example.com")
        .fetch_one(app.db.pool())
        .await
        .unwrap();

    let deleted = delete_me(&app, &ana.who).await;
    assert_eq!(deleted.status, 204, "{}", deleted.text());
    assert!(deleted.body.is_empty());

    // The old token is dead everywhere.
    for uri in [
        "/api/v1/products",
        "/api/v1/me/export",
        "/api/v1/auth/session",
    ] {
        app.get_as(uri, ana_token)
            .await
            .problem(401, problem_kinds::UNAUTHENTICATED);
    }
    delete_me(&app, &ana.who)
        .await
        .problem(401, problem_kinds::UNAUTHENTICATED);

    // Staff still see the request, with no name, email, phone or address.
    let seen = app
        .get_as(&format!("/api/v1/requests/{}", ana.number), &li)
        .await;
    assert_eq!(seen.status, 200, "{}", seen.text());
    let request = seen.json();
    let mut texts = Vec::new();
    strings(&request, &mut texts);
    for personal in ["Ana Lima", "ana@example.com", "+1 555 0100", "Main Street"] {
        assert!(
            texts.iter().all(|t| !t.contains(personal)),
            "{personal} kept in {request}"
        );
    }
    assert_eq!(request["messages"][0]["text"], "Thanks, [removed] here.");
    let fields = request["fields"].as_object().unwrap();
    for gone in ["contact_name", "phone", "email", "site_address"] {
        assert!(!fields.contains_key(gone), "{gone} kept: {request}");
    }
    assert_eq!(fields["serial_number"], "SN-ANA");
    assert_eq!(fields["description"], "It stopped heating.");
    assert!(request["events"]
        .as_array()
        .unwrap()
        .iter()
        .all(|e| e["actor"].get("name").is_none()));
    assert!(request["messages"]
        .as_array()
        .unwrap()
        .iter()
        .all(|m| m["author"].get("name").is_none()));

    // The database keeps a tombstone, and nothing of theirs beyond it.
    let (email, name, deleted_at): (String, String, Option<String>) =
        sqlx::query_as("SELECT email, name, deleted_at FROM customers WHERE id = $1")
            .bind(&old_id.0)
            .fetch_one(app.db.pool())
            .await
            .unwrap();
    assert_eq!(
        (email.as_str(), name.as_str()),
        (format!("deleted:{}", old_id.0).as_str(), "")
    );
    assert!(deleted_at.is_some());
    let products: (i64,) = sqlx::query_as("SELECT COUNT(*) FROM products WHERE customer_id = $1")
        .bind(&old_id.0)
        .fetch_one(app.db.pool())
        .await
        .unwrap();
    assert_eq!(products.0, 0);
    let sessions: (i64,) =
        sqlx::query_as("SELECT COUNT(*) FROM sessions WHERE customer_id = $1 AND revoked = 0")
            .bind(&old_id.0)
            .fetch_one(app.db.pool())
            .await
            .unwrap();
    assert_eq!(sessions.0, 0);
    let votes: (i64,) = sqlx::query_as("SELECT COUNT(*) FROM kb_feedback WHERE customer_id = $1")
        .bind(&old_id.0)
        .fetch_one(app.db.pool())
        .await
        .unwrap();
    assert_eq!(votes.0, 0, "the votes stay, without the customer");
    let kept: Vec<(String,)> = sqlx::query_as(
        "SELECT s.answers FROM surveys s JOIN service_requests r ON r.id = s.request_id \
         WHERE r.number = $1 UNION ALL SELECT comment FROM kb_feedback WHERE id = 'fb_SN-ANA'",
    )
    .bind(&ana.number)
    .fetch_all(app.db.pool())
    .await
    .unwrap();
    assert_eq!(kept.len(), 2);
    for (text,) in &kept {
        assert!(!text.contains("Ana Lima"), "{text}");
        assert!(text.contains("[removed]"), "{text}");
    }
    let codes: (i64,) = sqlx::query_as("SELECT COUNT(*) FROM sign_in_codes WHERE email = $1")
        .bind("ana@example.com")
        .fetch_one(app.db.pool())
        .await
        .unwrap();
    assert_eq!(codes.0, 0, "the sign-in codes go with the account");
    assert_eq!(app.count("kb_feedback").await, 2);
    // The tombstone is no address: no code can be sent to it.
    let tombstone = app
        .request_code(&format!("deleted:{}", old_id.0), None)
        .await;
    assert_eq!(tombstone.status, 400, "{}", tombstone.text());

    // Staff moving the anonymised request write to nobody.
    let mails_before = app.outbox.sent().len();
    crate::surveys::resolve(&app, &ana.number).await;
    assert_eq!(
        app.outbox.sent().len(),
        mails_before,
        "no mail to a deleted account"
    );

    // Bo is untouched.
    let bos = list(&app, &bo.who).await;
    assert_eq!(bos.json()["items"].as_array().unwrap().len(), 1);
    let bo_export = export(&app, &bo.who).await.json();
    assert_eq!(
        bo_export["requests"][0]["fields"]["contact_name"],
        "Bo Chen"
    );

    // The same address signs in to a new, empty account.
    let again = Who::Bearer(customer(&app, "ana@example.com").await);
    assert_eq!(list(&app, &again).await.json(), json!({"items": []}));
    let mine = call(&app, Method::GET, "/api/v1/requests", &again, None, &[]).await;
    assert_eq!(mine.json()["items"], json!([]));
    let fresh = export(&app, &again).await.json();
    assert_ne!(fresh["customer"]["id"], old_id.0.as_str());
    assert_eq!(fresh["requests"], json!([]));
    assert_eq!(fresh["attachments"], json!([]));
    assert_eq!(fresh["surveys"], json!([]));
    app.get_as(
        &format!("/api/v1/requests/{}", ana.number),
        match &again {
            Who::Bearer(token) => token,
            _ => unreachable!(),
        },
    )
    .await
    .problem(404, aftercare_core::problem::kinds::NOT_FOUND);
}
