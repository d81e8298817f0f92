//! The form's rules against the reference server's default catalog: which
//! fields apply, what is sent, and that the problems shown are the core's.

use aftercare_core::forms::codes;
use aftercare_core::{Locale, ServiceCatalog};
use leptos::prelude::*;
use serde_json::{json, Value};

use super::*;

fn catalog() -> ServiceCatalog {
    let text = include_str!("../../../../crates/server/defaults/service_catalog.json");
    serde_json::from_str(text).expect("the default catalog reads")
}

fn form_for(kind: &str) -> FormState {
    let form = FormState::new(catalog(), Signal::stored(Locale::En));
    form.request_type.set(Some(kind.to_string()));
    form
}

#[test]
fn conditions_follow_the_answers_above() {
    let fields = catalog().request_type("on_site").unwrap().fields.clone();
    let mut values = Map::new();
    assert!(!applicable(&fields, &values).contains("site_contact_phone"));
    values.insert("someone_else_on_site".into(), json!(true));
    assert!(applicable(&fields, &values).contains("site_contact_phone"));
    values.insert("someone_else_on_site".into(), json!(false));
    assert!(!applicable(&fields, &values).contains("site_contact_name"));
}

#[test]
fn only_the_chosen_types_applicable_answers_are_sent_with_numbers_as_numbers() {
    let form = form_for("installation");
    form.set("quantity", json!("2"));
    form.set("trainees", json!("4"));
    form.set("topic", json!("usage"));
    form.set("services", json!(["installation"]));
    let answers = form.answers();
    assert_eq!(answers.get("quantity"), Some(&json!(2)));
    assert_eq!(answers.get("services"), Some(&json!(["installation"])));
    // Training was not asked for, and consultations have topics.
    assert!(!answers.contains_key("trainees"));
    assert!(!answers.contains_key("topic"));
    form.set("quantity", json!("2.5"));
    assert_eq!(form.answers().get("quantity"), Some(&json!(2.5)));
    form.set("quantity", json!("lots"));
    assert_eq!(form.answers().get("quantity"), Some(&json!("lots")));
}

#[test]
fn problems_are_the_cores_and_land_on_their_fields() {
    let form = form_for("installation");
    form.set("quantity", json!("lots"));
    form.set("phone", json!("call me"));
    let first = form.check_all(true);
    assert_eq!(first.as_deref(), Some("contact_name"));
    let errors = form.errors.get_untracked();
    assert_eq!(
        errors.get("quantity").map(String::as_str),
        Some(codes::INVALID_NUMBER)
    );
    assert_eq!(
        errors.get("phone").map(String::as_str),
        Some(codes::INVALID_PHONE)
    );
    assert_eq!(
        errors.get("contact_name").map(String::as_str),
        Some(codes::REQUIRED)
    );
    assert_eq!(
        errors.get(SEVERITY_SLOT).map(String::as_str),
        Some(codes::REQUIRED)
    );
    assert_eq!(
        errors.get(CONSENT_SLOT).map(String::as_str),
        Some(codes::REQUIRED)
    );
    // A fixed answer clears its problem at once.
    form.set("phone", json!("+86 21 5555 0101"));
    assert!(!form.errors.get_untracked().contains_key("phone"));
}

#[test]
fn leaving_an_untouched_required_field_shows_nothing_yet() {
    let form = form_for("suggestion");
    form.check_field("description");
    assert!(form.error("description").is_none());
    form.set("description", json!("x"));
    form.set("description", Value::String(String::new()));
    form.check_field("description");
    assert_eq!(form.error("description").as_deref(), Some(codes::REQUIRED));
}

#[test]
fn a_prefill_never_overwrites_what_the_customer_typed() {
    let form = form_for("consultation");
    form.prefill("email", "signed.in@example.com");
    assert_eq!(form.text("email"), "signed.in@example.com");
    form.set("email", json!("typed@example.com"));
    form.prefill("email", "signed.in@example.com");
    assert_eq!(form.text("email"), "typed@example.com");
    form.set("email", json!(""));
    form.prefill("email", "signed.in@example.com");
    assert_eq!(form.text("email"), "");
}

#[test]
fn server_pointers_name_slots() {
    assert_eq!(slot_of("/fields/phone"), "phone");
    assert_eq!(slot_of("/fields/a~1b~0c"), "a/b~c");
    assert_eq!(slot_of("/type"), TYPE_SLOT);
    assert_eq!(slot_of("/severity"), SEVERITY_SLOT);
    assert_eq!(control_id(SEVERITY_SLOT), "form-severity");
    assert_eq!(error_id("phone"), "field-phone-error");
}
