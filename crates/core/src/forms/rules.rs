//! The rule each kind of field applies to an answer that was given: types,
//! lengths in characters, and the shapes of emails, phone numbers, dates,
//! serial numbers and option lists. [`super::validate_fields`] decides first
//! whether a field applies and was answered at all.

use serde_json::Value;

use super::{codes, FieldDef, FieldKind};
use crate::time::{Date, Timestamp};

/// The most characters (Unicode scalar values) a `text` answer may have.
pub const TEXT_MAX_CHARS: usize = 200;
/// The most characters a `textarea` answer may have.
pub const TEXTAREA_MAX_CHARS: usize = 10_000;
/// The most characters an `email` answer may have.
pub const EMAIL_MAX_CHARS: usize = 254;
/// The most characters an `address` answer may have.
pub const ADDRESS_MAX_CHARS: usize = 500;
/// The most characters a `product` answer may have.
pub const PRODUCT_MAX_CHARS: usize = 100;
/// The most characters a `serial` answer may have.
pub const SERIAL_MAX_CHARS: usize = 64;
/// The fewest and most digits a `phone` answer may have.
pub const PHONE_DIGITS: std::ops::RangeInclusive<usize> = 5..=20;
/// The most files one `attachments` answer may list.
pub const ATTACHMENTS_MAX: usize = 20;

/// A broken rule's code and human detail.
pub(super) type Broken = (&'static str, String);

pub(super) fn broken(code: &'static str, detail: &str) -> Broken {
    (code, detail.to_string())
}

/// Checks an answer that was given to an applicable field.
pub(super) fn check_answer(def: &FieldDef, value: &Value) -> Result<(), Broken> {
    match def.kind {
        FieldKind::Text => text(value, TEXT_MAX_CHARS).map(drop),
        FieldKind::Textarea => text(value, TEXTAREA_MAX_CHARS).map(drop),
        FieldKind::Address => text(value, ADDRESS_MAX_CHARS).map(drop),
        FieldKind::Product => text(value, PRODUCT_MAX_CHARS).map(drop),
        FieldKind::Email => {
            let email = text(value, EMAIL_MAX_CHARS)?;
            ok_or(
                is_email(email),
                codes::INVALID_EMAIL,
                "not an email address",
            )
        }
        FieldKind::Phone => check_phone(string(value)?),
        FieldKind::Date => ok_or(
            Date::parse(string(value)?).is_ok(),
            codes::INVALID_DATE,
            "not a real YYYY-MM-DD date",
        ),
        FieldKind::Datetime => ok_or(
            Timestamp::parse(string(value)?).is_ok(),
            codes::INVALID_DATETIME,
            "not an RFC 3339 date and time",
        ),
        FieldKind::Number => match value {
            Value::Number(n) => ok_or(
                n.as_f64().is_some_and(f64::is_finite),
                codes::INVALID_NUMBER,
                "not a finite number",
            ),
            Value::String(_) => Err(broken(
                codes::INVALID_NUMBER,
                "numbers are sent as JSON numbers",
            )),
            _ => Err(wrong_type("a number")),
        },
        FieldKind::Select => {
            let choice = string(value)?;
            ok_or(
                def.has_option(choice),
                codes::NOT_AN_OPTION,
                "not one of the options",
            )
        }
        FieldKind::Multiselect => check_choices(def, value),
        FieldKind::Checkbox => ok_or(
            value.is_boolean(),
            codes::WRONG_TYPE,
            "expected true or false",
        ),
        FieldKind::Serial => {
            let serial = text(value, SERIAL_MAX_CHARS)?;
            let allowed = |c: char| c.is_ascii_alphanumeric() || matches!(c, '-' | '/' | '.' | '_');
            ok_or(
                serial.chars().all(allowed),
                codes::INVALID_SERIAL,
                "a serial number has only letters, digits and - / . _",
            )
        }
        FieldKind::Attachments => check_attachments(value),
    }
}

fn ok_or(ok: bool, code: &'static str, detail: &str) -> Result<(), Broken> {
    if ok {
        Ok(())
    } else {
        Err(broken(code, detail))
    }
}

fn wrong_type(expected: &str) -> Broken {
    (codes::WRONG_TYPE, format!("expected {expected}"))
}

fn string(value: &Value) -> Result<&str, Broken> {
    value.as_str().ok_or_else(|| wrong_type("text"))
}

/// A string of at most `max` characters, counted as Unicode scalar values.
fn text(value: &Value, max: usize) -> Result<&str, Broken> {
    let text = string(value)?;
    if text.chars().count() > max {
        return Err((codes::TOO_LONG, format!("at most {max} characters")));
    }
    Ok(text)
}

/// One `@`, a plausible local part, and a domain of at least two labels.
fn is_email(email: &str) -> bool {
    let Some((local, domain)) = email.split_once('@') else {
        return false;
    };
    let local_ok = (1..=64).contains(&local.chars().count())
        && !local.starts_with('.')
        && !local.ends_with('.')
        && !local.contains("..")
        && local
            .chars()
            .all(|c| !c.is_whitespace() && !c.is_control() && !"@()<>[]:;,\\\"".contains(c));
    let labels: Vec<&str> = domain.split('.').collect();
    let label_ok = |label: &&str| {
        (1..=63).contains(&label.chars().count())
            && !label.starts_with('-')
            && !label.ends_with('-')
            && label.chars().all(|c| c.is_alphanumeric() || c == '-')
    };
    let top_level_ok = labels
        .last()
        .is_some_and(|top| !top.chars().all(|c| c.is_ascii_digit()));
    local_ok && labels.len() >= 2 && labels.iter().all(label_ok) && top_level_ok
}

fn check_phone(phone: &str) -> Result<(), Broken> {
    let phone = phone.trim();
    let body = phone.strip_prefix('+').unwrap_or(phone);
    let allowed = |c: char| c.is_ascii_digit() || matches!(c, ' ' | '-' | '(' | ')');
    if !body.chars().all(allowed) {
        return Err(broken(
            codes::INVALID_PHONE,
            "a phone number has digits, an optional leading + and spaces, dashes or parentheses",
        ));
    }
    let digits = body.chars().filter(char::is_ascii_digit).count();
    if digits < *PHONE_DIGITS.start() {
        Err((
            codes::TOO_SHORT,
            format!("at least {} digits", PHONE_DIGITS.start()),
        ))
    } else if digits > *PHONE_DIGITS.end() {
        Err((
            codes::TOO_LONG,
            format!("at most {} digits", PHONE_DIGITS.end()),
        ))
    } else {
        Ok(())
    }
}

fn check_choices(def: &FieldDef, value: &Value) -> Result<(), Broken> {
    let chosen = value
        .as_array()
        .ok_or_else(|| wrong_type("a list of options"))?;
    for (index, item) in chosen.iter().enumerate() {
        let choice = item
            .as_str()
            .ok_or_else(|| wrong_type("a list of options"))?;
        if !def.has_option(choice) {
            return Err((
                codes::NOT_AN_OPTION,
                format!("{choice:?} is not one of the options"),
            ));
        }
        if chosen[..index].contains(item) {
            return Err((
                codes::NOT_AN_OPTION,
                format!("{choice:?} is chosen more than once"),
            ));
        }
    }
    Ok(())
}

fn check_attachments(value: &Value) -> Result<(), Broken> {
    let files = value
        .as_array()
        .ok_or_else(|| wrong_type("a list of file ids"))?;
    if files.len() > ATTACHMENTS_MAX {
        return Err((codes::TOO_MANY, format!("at most {ATTACHMENTS_MAX} files")));
    }
    let is_id = |file: &Value| file.as_str().is_some_and(|id| !id.trim().is_empty());
    ok_or(
        files.iter().all(is_id),
        codes::WRONG_TYPE,
        "file ids are non-empty strings",
    )
}
