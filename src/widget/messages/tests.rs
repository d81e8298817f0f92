//! Tests of reading the host's messages and the widget's start-up values.

use super::*;

#[test]
fn the_three_host_messages_are_read() {
    assert_eq!(
        HostMessage::read(r#"{"aftercare":1,"type":"identify","token":"a.b.c"}"#),
        Some(HostMessage::Identify {
            token: "a.b.c".into()
        })
    );
    assert_eq!(
        HostMessage::read(r#"{"aftercare":1,"type":"setLocale","locale":"zh-CN"}"#),
        Some(HostMessage::SetLocale(Locale::ZhCn))
    );
    assert_eq!(
        HostMessage::read(
            r#"{"aftercare":1,"type":"prefill","fields":{"subject":" Leaks ","product_model":"AP-500","colour":"red","type":7}}"#
        ),
        Some(HostMessage::Prefill {
            fields: vec![
                ("subject".into(), "Leaks".into()),
                ("product_model".into(), "AP-500".into())
            ]
        })
    );
}

#[test]
fn anything_else_is_no_message() {
    for json in [
        r#""identify""#,
        r#"{"type":"identify","token":"a.b.c"}"#,
        r#"{"aftercare":"1","type":"identify","token":"a.b.c"}"#,
        r#"{"aftercare":2,"type":"identify","token":"a.b.c"}"#,
        r#"{"aftercare":1,"type":"identify","token":""}"#,
        r#"{"aftercare":1,"type":"identify","token":"has space"}"#,
        r#"{"aftercare":1,"type":"identify","token":{"t":1}}"#,
        r#"{"aftercare":1,"type":"setLocale","locale":"fr"}"#,
        r#"{"aftercare":1,"type":"prefill","fields":"subject"}"#,
        r#"{"aftercare":1,"type":"prefill","fields":{"colour":"red"}}"#,
        r#"{"aftercare":1,"type":"open"}"#,
        r#"{"aftercare":1}"#,
        "not json",
    ] {
        assert_eq!(HostMessage::read(json), None, "{json}");
    }
    let long = format!(
        r#"{{"aftercare":1,"type":"identify","token":"{}"}}"#,
        "a".repeat(MAX_TOKEN_LEN + 1)
    );
    assert_eq!(HostMessage::read(&long), None);
}

#[test]
fn a_prefill_becomes_the_forms_address() {
    let fields = vec![
        ("type".to_string(), "fault_report".to_string()),
        ("subject".to_string(), "Tap drips & hums".to_string()),
    ];
    assert_eq!(
        prefill_address(&fields),
        "/requests/new?type=fault_report&subject=Tap%20drips%20%26%20hums"
    );
}

#[test]
fn query_parameters_are_decoded() {
    let search = "?host=http%3A%2F%2F127.0.0.1%3A8081&locale=zh-CN&accent=%230a7&empty";
    assert_eq!(
        query_param(search, "host").as_deref(),
        Some("http://127.0.0.1:8081")
    );
    assert_eq!(query_param(search, "accent").as_deref(), Some("#0a7"));
    assert_eq!(query_param(search, "empty").as_deref(), Some(""));
    assert_eq!(query_param(search, "missing"), None);
    assert_eq!(query_param("?host=%zz", "host"), None);
}

#[test]
fn the_host_is_an_origin_the_browser_agrees_with() {
    let host = Some("https://shop.example");
    assert_eq!(
        trusted_host(host, None).as_deref(),
        Some("https://shop.example")
    );
    assert_eq!(
        trusted_host(host, Some("https://shop.example")).as_deref(),
        Some("https://shop.example")
    );
    assert_eq!(
        trusted_host(host, Some("null")).as_deref(),
        Some("https://shop.example")
    );
    assert_eq!(trusted_host(host, Some("https://evil.example")), None);
    assert_eq!(trusted_host(Some("https://shop.example/path"), None), None);
    assert_eq!(trusted_host(Some("javascript:alert(1)"), None), None);
    assert_eq!(trusted_host(Some("*"), None), None);
    assert_eq!(trusted_host(None, Some("https://shop.example")), None);
    assert!(is_origin("http://127.0.0.1:8081"));
    assert!(is_origin("http://[::1]:8081"));
    assert!(!is_origin("http://user@host"));
}

#[test]
fn accents_are_three_or_six_hex_digits() {
    assert_eq!(accent_colour("#0a7").as_deref(), Some("#00aa77"));
    assert_eq!(accent_colour("#0A7A5C").as_deref(), Some("#0a7a5c"));
    for bad in ["0a7", "#0a", "#0a7a", "#ggg", "red", "#0a7;x:y", "", "#"] {
        assert_eq!(accent_colour(bad), None, "{bad}");
    }
}
