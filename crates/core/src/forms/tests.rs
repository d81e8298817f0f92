//! Tests of every field rule, of conditions, and of Chinese answers.

use serde_json::{json, Map, Value};

use super::*;

/// A field of `kind` with an English label, optional unless `required`.
fn field(key: &str, kind: &str, required: bool) -> FieldDef {
    serde_json::from_value(json!({
        "key": key, "kind": kind, "required": required, "label": {"en": key}
    }))
    .unwrap()
}

fn with_options(mut def: FieldDef, values: &[&str]) -> FieldDef {
    def.options = Some(
        values
            .iter()
            .map(|v| FieldOption {
                value: v.to_string(),
                label: LocalizedText::from([("en", *v)]),
            })
            .collect(),
    );
    def
}

fn answers(value: Value) -> Map<String, Value> {
    value.as_object().unwrap().clone()
}

/// The `(pointer, code)` pairs of the errors, for compact assertions.
fn codes_of(defs: &[FieldDef], value: Value) -> Vec<(String, String)> {
    validate_fields(defs, &answers(value))
        .into_iter()
        .map(|e| (e.pointer, e.code))
        .collect()
}

/// The code for one answer to one optional field of `kind`, or `"ok"`.
fn code(def: &FieldDef, answer: Value) -> String {
    let errors = validate_fields(
        std::slice::from_ref(def),
        &answers(json!({ def.key.clone(): answer })),
    );
    assert!(errors.len() <= 1, "{errors:?}");
    errors.into_iter().next().map_or("ok".into(), |e| e.code)
}

fn kind(kind: &str) -> FieldDef {
    field("f", kind, false)
}

#[test]
fn required_fields_treat_empty_answers_as_missing() {
    let defs = [
        field("name", "text", true),
        field("agree", "checkbox", true),
        field("files", "attachments", true),
    ];
    let missing = vec![
        ("/fields/name".to_string(), "required".to_string()),
        ("/fields/agree".into(), "required".into()),
        ("/fields/files".into(), "required".into()),
    ];
    assert_eq!(codes_of(&defs, json!({})), missing);
    assert_eq!(
        codes_of(&defs, json!({"name": "  ", "agree": false, "files": []})),
        missing
    );
    assert_eq!(
        codes_of(&defs, json!({"name": null, "agree": null, "files": null})),
        missing
    );
    assert!(codes_of(
        &defs,
        json!({"name": "王小明", "agree": true, "files": ["f1"]})
    )
    .is_empty());
    // Optional fields may be left empty.
    assert!(codes_of(&[field("note", "text", false)], json!({"note": ""})).is_empty());
}

#[test]
fn lengths_count_characters_not_bytes() {
    let text = kind("text");
    assert_eq!(code(&text, json!("设".repeat(200))), "ok");
    assert_eq!(code(&text, json!("设".repeat(201))), "too_long");
    assert_eq!(code(&text, json!("a".repeat(201))), "too_long");
    let textarea = kind("textarea");
    assert_eq!(
        code(&textarea, json!("故障描述：开机后屏幕不亮。".repeat(769))),
        "ok"
    );
    assert_eq!(code(&textarea, json!("x".repeat(10_001))), "too_long");
    assert_eq!(
        code(
            &kind("address"),
            json!("上海市浦东新区世纪大道100号".repeat(30))
        ),
        "ok"
    );
    assert_eq!(code(&kind("address"), json!("路".repeat(501))), "too_long");
    assert_eq!(code(&kind("product"), json!("型号".repeat(50))), "ok");
    assert_eq!(code(&kind("product"), json!("p".repeat(101))), "too_long");
    assert_eq!(code(&text, json!(12)), "wrong_type");
    assert_eq!(code(&text, json!(false)), "wrong_type");
}

#[test]
fn emails_must_look_real() {
    let email = kind("email");
    for good in [
        "li.wei@example.com",
        "a+b@mail.example.cn",
        "客服@例子.中国",
        "x@a-b.co",
    ] {
        assert_eq!(code(&email, json!(good)), "ok", "{good}");
    }
    for bad in [
        "li.wei",
        "li@wei",
        "@example.com",
        "a@@example.com",
        "a@b@example.com",
        "li wei@example.com",
        "a@example..com",
        "a@-example.com",
        "a@example.com.",
        ".a@example.com",
        "a..b@example.com",
        "a@127.0.0.1",
    ] {
        assert_eq!(code(&email, json!(bad)), "invalid_email", "{bad}");
    }
    let long = format!("{}@{}.com", "a".repeat(60), "b".repeat(200));
    assert_eq!(code(&email, json!(long)), "too_long");
}

#[test]
fn phones_have_five_to_twenty_digits() {
    let phone = kind("phone");
    for good in [
        "+86 138-0013-8000",
        "(021) 6888 8888",
        "12345",
        "+1 (555) 010-0199",
    ] {
        assert_eq!(code(&phone, json!(good)), "ok", "{good}");
    }
    assert_eq!(code(&phone, json!("1234")), "too_short");
    assert_eq!(code(&phone, json!("+123456789012345678901")), "too_long");
    assert_eq!(code(&phone, json!("138 0013 8000 转 12")), "invalid_phone");
    assert_eq!(code(&phone, json!("86+13800138000")), "invalid_phone");
    assert_eq!(
        code(&phone, json!("１３８００１３８０００")),
        "invalid_phone"
    );
    assert_eq!(code(&phone, json!(13800138000u64)), "wrong_type");
}

#[test]
fn dates_datetimes_and_numbers() {
    let date = kind("date");
    assert_eq!(code(&date, json!("2024-02-29")), "ok");
    assert_eq!(code(&date, json!("2026-02-29")), "invalid_date");
    assert_eq!(code(&date, json!("2026/05/01")), "invalid_date");
    assert_eq!(code(&date, json!(20260501)), "wrong_type");
    let datetime = kind("datetime");
    assert_eq!(code(&datetime, json!("2026-05-01T09:30:00+08:00")), "ok");
    assert_eq!(
        code(&datetime, json!("2026-05-01 09:30")),
        "invalid_datetime"
    );
    let number = kind("number");
    assert_eq!(code(&number, json!(3)), "ok");
    assert_eq!(code(&number, json!(-2.5)), "ok");
    assert_eq!(code(&number, json!("3")), "invalid_number");
    assert_eq!(code(&number, json!([3])), "wrong_type");
}

#[test]
fn selects_pick_from_their_options() {
    let select = with_options(kind("select"), &["refund", "exchange"]);
    assert_eq!(code(&select, json!("refund")), "ok");
    assert_eq!(code(&select, json!("Refund")), "not_an_option");
    assert_eq!(code(&select, json!(["refund"])), "wrong_type");
    let multi = with_options(kind("multiselect"), &["am", "pm", "sat"]);
    assert_eq!(code(&multi, json!(["am", "sat"])), "ok");
    assert_eq!(code(&multi, json!(["am", "night"])), "not_an_option");
    assert_eq!(code(&multi, json!(["am", "am"])), "not_an_option");
    assert_eq!(code(&multi, json!("am")), "wrong_type");
    assert_eq!(code(&multi, json!(["am", 1])), "wrong_type");
    assert_eq!(code(&kind("checkbox"), json!("yes")), "wrong_type");
    assert_eq!(code(&kind("checkbox"), json!(true)), "ok");
}

#[test]
fn serials_and_attachments() {
    let serial = kind("serial");
    assert_eq!(code(&serial, json!("SN-2026/04.A_7")), "ok");
    assert_eq!(code(&serial, json!("S".repeat(64))), "ok");
    assert_eq!(code(&serial, json!("S".repeat(65))), "too_long");
    assert_eq!(code(&serial, json!("SN 123")), "invalid_serial");
    assert_eq!(code(&serial, json!("序列号123")), "invalid_serial");
    let files = kind("attachments");
    let twenty: Vec<String> = (0..20).map(|i| format!("up-{i}")).collect();
    assert_eq!(code(&files, json!(twenty)), "ok");
    let twenty_one: Vec<String> = (0..21).map(|i| format!("up-{i}")).collect();
    assert_eq!(code(&files, json!(twenty_one)), "too_many");
    assert_eq!(code(&files, json!(["up-1", ""])), "wrong_type");
    assert_eq!(code(&files, json!(["up-1", 2])), "wrong_type");
    assert_eq!(code(&files, json!("up-1")), "wrong_type");
}

#[test]
fn conditions_with_equals_switch_fields_on_and_off() {
    let mut exchange_for = field("exchange_for", "product", true);
    exchange_for.when = Some(Condition::Equals {
        field: "refund_or_exchange".into(),
        value: json!("exchange"),
    });
    let defs = [
        with_options(
            field("refund_or_exchange", "select", true),
            &["refund", "exchange"],
        ),
        exchange_for,
    ];
    assert_eq!(
        codes_of(&defs, json!({"refund_or_exchange": "exchange"})),
        vec![("/fields/exchange_for".to_string(), "required".to_string())]
    );
    assert!(codes_of(
        &defs,
        json!({"refund_or_exchange": "exchange", "exchange_for": "X200"})
    )
    .is_empty());
    assert!(codes_of(&defs, json!({"refund_or_exchange": "refund"})).is_empty());
    assert!(codes_of(
        &defs,
        json!({"refund_or_exchange": "refund", "exchange_for": ""})
    )
    .is_empty());
    assert_eq!(
        codes_of(
            &defs,
            json!({"refund_or_exchange": "refund", "exchange_for": "X200"})
        ),
        vec![(
            "/fields/exchange_for".to_string(),
            "not_applicable".to_string()
        )]
    );
}

#[test]
fn conditions_with_in_and_multiselect_answers() {
    let mut attendees = field("attendees", "number", true);
    attendees.when =
        serde_json::from_value(json!({"field": "services", "in": ["training", "acceptance"]}))
            .unwrap();
    let mut names = field("trainer_note", "text", false);
    names.when = Some(Condition::Equals {
        field: "attendees".into(),
        value: json!(10),
    });
    let defs = [
        with_options(
            field("services", "multiselect", true),
            &["install", "training", "acceptance"],
        ),
        attendees,
        names,
    ];
    assert!(codes_of(&defs, json!({"services": ["install"]})).is_empty());
    assert_eq!(
        codes_of(&defs, json!({"services": ["install", "training"]})),
        vec![("/fields/attendees".to_string(), "required".to_string())]
    );
    assert!(codes_of(
        &defs,
        json!({"services": ["acceptance"], "attendees": 10, "trainer_note": "带投影仪"})
    )
    .is_empty());
    // A condition on a field that does not apply never holds, even if an
    // answer for that field was (wrongly) sent.
    assert_eq!(
        codes_of(
            &defs,
            json!({"services": ["install"], "attendees": 10, "trainer_note": "x"})
        ),
        vec![
            (
                "/fields/attendees".to_string(),
                "not_applicable".to_string()
            ),
            (
                "/fields/trainer_note".to_string(),
                "not_applicable".to_string()
            ),
        ]
    );
}

#[test]
fn unknown_answers_are_reported_after_the_form_and_pointers_are_escaped() {
    let defs = [field("name", "text", false)];
    assert_eq!(
        codes_of(&defs, json!({"name": "x", "a/b": 1, "zz": 2})),
        vec![
            ("/fields/a~1b".to_string(), "unknown_field".to_string()),
            ("/fields/zz".to_string(), "unknown_field".to_string()),
        ]
    );
}

#[test]
fn conditions_round_trip_through_their_wire_shape() {
    let equals = json!({"field": "kind", "equals": "exchange"});
    let any_of = json!({"field": "kind", "in": ["a", "b"]});
    for wire in [equals, any_of] {
        let condition: Condition = serde_json::from_value(wire.clone()).unwrap();
        assert_eq!(serde_json::to_value(&condition).unwrap(), wire);
    }
    assert!(serde_json::from_value::<Condition>(json!({"field": "k"})).is_err());
    assert!(
        serde_json::from_value::<Condition>(json!({"field": "k", "equals": 1, "in": [1]})).is_err()
    );
    assert!(serde_json::from_value::<Condition>(json!({"field": "k", "eq": 1})).is_err());
}

#[test]
fn a_chinese_fault_report_passes() {
    let defs: Vec<FieldDef> = serde_json::from_value(json!([
        {"key": "contact_name", "kind": "text", "required": true, "label": {"zh-CN": "联系人"}},
        {"key": "phone", "kind": "phone", "required": true, "label": {"zh-CN": "电话"}},
        {"key": "serial_number", "kind": "serial", "label": {"zh-CN": "序列号"}},
        {"key": "description", "kind": "textarea", "required": true, "label": {"zh-CN": "问题描述"}},
    ]))
    .unwrap();
    let good = json!({
        "contact_name": "陳大文", "phone": "+886 2 2345-6789", "serial_number": "AC-88/2026",
        "description": "設備開機後不斷重啟，指示燈閃紅色。"
    });
    assert!(validate_fields(&defs, &answers(good)).is_empty());
    let bad = validate_fields(
        &defs,
        &answers(json!({"contact_name": "陈", "phone": "电话"})),
    );
    assert_eq!(bad.len(), 2);
    assert_eq!(
        (bad[0].pointer.as_str(), bad[0].code.as_str()),
        ("/fields/phone", "invalid_phone")
    );
    assert_eq!(
        (bad[1].pointer.as_str(), bad[1].code.as_str()),
        ("/fields/description", "required")
    );
    assert!(!bad[0].detail.is_empty());
}
