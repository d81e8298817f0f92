//! Request forms: the fields a request type asks for, as the backend defines
//! them in the service catalog, and the rules a customer's answers must pass.
//! The portal runs [`validate_fields`] as the customer types and the server
//! runs the same function on submission, so both refuse the same answers with
//! the same stable error codes.

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::portal::LocalizedText;
use crate::ProblemFieldError;

mod rules;

use rules::{broken, check_answer};
pub use rules::{
    ADDRESS_MAX_CHARS, ATTACHMENTS_MAX, EMAIL_MAX_CHARS, PHONE_DIGITS, PRODUCT_MAX_CHARS,
    SERIAL_MAX_CHARS, TEXTAREA_MAX_CHARS, TEXT_MAX_CHARS,
};

/// One broken rule, located by a JSON pointer such as `/fields/phone`.
pub type FieldError = ProblemFieldError;

/// The stable `code`s of [`FieldError`]s, which the portal translates.
pub mod codes {
    /// A required field that applies was left empty.
    pub const REQUIRED: &str = "required";
    /// Too many characters (or, for a phone number, digits).
    pub const TOO_LONG: &str = "too_long";
    /// Too few digits in a phone number.
    pub const TOO_SHORT: &str = "too_short";
    /// Not an email address.
    pub const INVALID_EMAIL: &str = "invalid_email";
    /// A phone number with characters a phone number does not have.
    pub const INVALID_PHONE: &str = "invalid_phone";
    /// Not a real `YYYY-MM-DD` date.
    pub const INVALID_DATE: &str = "invalid_date";
    /// Not an RFC 3339 date and time.
    pub const INVALID_DATETIME: &str = "invalid_datetime";
    /// Text where a number belongs.
    pub const INVALID_NUMBER: &str = "invalid_number";
    /// A choice the field does not offer, or one chosen twice.
    pub const NOT_AN_OPTION: &str = "not_an_option";
    /// A JSON value of the wrong type for the field.
    pub const WRONG_TYPE: &str = "wrong_type";
    /// An answer for a field the form does not have.
    pub const UNKNOWN_FIELD: &str = "unknown_field";
    /// An answer for a field whose condition does not hold.
    pub const NOT_APPLICABLE: &str = "not_applicable";
    /// Too many attachments.
    pub const TOO_MANY: &str = "too_many";
    /// A serial number with characters serial numbers do not have.
    pub const INVALID_SERIAL: &str = "invalid_serial";
}

/// What kind of answer a field takes, which decides its input and its rules.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FieldKind {
    /// One line of text, at most 200 characters.
    Text,
    /// Free text, at most 10 000 characters.
    Textarea,
    /// An email address, at most 254 characters.
    Email,
    /// 5 to 20 digits, with an optional leading `+` and spaces, dashes or
    /// parentheses between them.
    Phone,
    /// A `YYYY-MM-DD` day.
    Date,
    /// An RFC 3339 timestamp.
    Datetime,
    /// A JSON number.
    Number,
    /// One of the field's options.
    Select,
    /// Some of the field's options, each at most once.
    Multiselect,
    /// `true` or `false`; a required checkbox must be ticked.
    Checkbox,
    /// A postal or site address, at most 500 characters.
    Address,
    /// A product model, at most 100 characters.
    Product,
    /// A serial number: 1 to 64 of `A-Z a-z 0-9 - / . _`.
    Serial,
    /// Up to 20 ids of files uploaded beforehand.
    Attachments,
}

impl FieldKind {
    /// Whether the field picks from a list of options.
    pub fn has_options(self) -> bool {
        matches!(self, FieldKind::Select | FieldKind::Multiselect)
    }
}

/// One choice of a `select` or `multiselect` field.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldOption {
    /// What the answer carries.
    pub value: String,
    /// What the customer reads.
    pub label: LocalizedText,
}

/// When a field applies: only while an earlier field's answer is `value`
/// (`{"field": KEY, "equals": VALUE}`) or one of `values`
/// (`{"field": KEY, "in": [VALUES]}`). For a multiselect answer it is enough
/// that one of the chosen options matches.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "ConditionJson", into = "ConditionJson")]
pub enum Condition {
    /// The field `field` was answered `value`.
    Equals { field: String, value: Value },
    /// The field `field` was answered one of `values`.
    In { field: String, values: Vec<Value> },
}

impl Condition {
    /// The key of the field the condition looks at.
    pub fn field(&self) -> &str {
        match self {
            Condition::Equals { field, .. } | Condition::In { field, .. } => field,
        }
    }

    /// The answers that make the condition hold.
    pub fn values(&self) -> &[Value] {
        match self {
            Condition::Equals { value, .. } => std::slice::from_ref(value),
            Condition::In { values, .. } => values,
        }
    }

    /// Whether the condition holds for the looked-at field's answer (`None`
    /// when it was not given).
    pub fn holds(&self, answer: Option<&Value>) -> bool {
        let wanted = self.values();
        match answer {
            None => false,
            Some(Value::Array(chosen)) => chosen.iter().any(|item| wanted.contains(item)),
            Some(single) => wanted.contains(single),
        }
    }
}

/// The wire shape of a [`Condition`].
#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct ConditionJson {
    field: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    equals: Option<Value>,
    #[serde(default, rename = "in", skip_serializing_if = "Option::is_none")]
    any_of: Option<Vec<Value>>,
}

impl TryFrom<ConditionJson> for Condition {
    type Error = &'static str;

    fn try_from(json: ConditionJson) -> Result<Condition, &'static str> {
        match (json.equals, json.any_of) {
            (Some(value), None) => Ok(Condition::Equals {
                field: json.field,
                value,
            }),
            (None, Some(values)) => Ok(Condition::In {
                field: json.field,
                values,
            }),
            _ => Err("a condition needs exactly one of `equals` and `in`"),
        }
    }
}

impl From<Condition> for ConditionJson {
    fn from(condition: Condition) -> ConditionJson {
        match condition {
            Condition::Equals { field, value } => ConditionJson {
                field,
                equals: Some(value),
                any_of: None,
            },
            Condition::In { field, values } => ConditionJson {
                field,
                equals: None,
                any_of: Some(values),
            },
        }
    }
}

/// One question on a request form.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldDef {
    /// The answer's key in the request's `fields` object.
    pub key: String,
    /// What kind of answer it takes.
    pub kind: FieldKind,
    /// The question, as the customer reads it.
    pub label: LocalizedText,
    /// Whether an applicable field must be answered (an empty string or list
    /// counts as no answer, as does an unticked checkbox).
    #[serde(default)]
    pub required: bool,
    /// The choices, for `select` and `multiselect` fields only.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub options: Option<Vec<FieldOption>>,
    /// When the field applies; always when `None`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub when: Option<Condition>,
}

impl FieldDef {
    /// Whether `value` is one of the field's options.
    pub fn has_option(&self, value: &str) -> bool {
        self.options
            .as_deref()
            .is_some_and(|options| options.iter().any(|option| option.value == value))
    }
}

/// Checks a form's answers against its field definitions and returns every
/// broken rule, one per field at most, in the order of `defs` and then any
/// answers no field asks for. A field whose condition does not hold must be
/// left empty; a condition on a field that itself does not apply never holds.
pub fn validate_fields(defs: &[FieldDef], values: &Map<String, Value>) -> Vec<FieldError> {
    let mut errors = Vec::new();
    let mut applies = Vec::with_capacity(defs.len());
    for def in defs {
        let applicable = def.when.as_ref().is_none_or(|condition| {
            let earlier = defs[..applies.len()]
                .iter()
                .position(|other| other.key == condition.field());
            earlier.is_some_and(|index| applies[index])
                && condition.holds(values.get(condition.field()))
        });
        applies.push(applicable);
        let answer = values.get(&def.key).filter(|v| !is_blank(def.kind, v));
        let checked = match (answer, applicable) {
            (None, false) => Ok(()),
            (Some(_), false) => Err(broken(
                codes::NOT_APPLICABLE,
                "this field does not apply to the answers given above",
            )),
            (None, true) if def.required => Err(broken(codes::REQUIRED, "this field is required")),
            (None, true) => Ok(()),
            (Some(value), true) => check_answer(def, value),
        };
        if let Err((code, detail)) = checked {
            errors.push(field_error(&def.key, code, detail));
        }
    }
    for key in values.keys() {
        if !defs.iter().any(|def| def.key == *key) {
            errors.push(field_error(
                key,
                codes::UNKNOWN_FIELD,
                "this form has no such field".into(),
            ));
        }
    }
    errors
}

fn field_error(key: &str, code: &str, detail: String) -> FieldError {
    FieldError {
        pointer: format!("/fields/{}", key.replace('~', "~0").replace('/', "~1")),
        code: code.to_string(),
        detail,
    }
}

/// Whether an answer counts as not given.
fn is_blank(kind: FieldKind, value: &Value) -> bool {
    match value {
        Value::Null => true,
        Value::String(text) => text.trim().is_empty(),
        Value::Array(items) => items.is_empty(),
        Value::Bool(ticked) => kind == FieldKind::Checkbox && !ticked,
        _ => false,
    }
}

#[cfg(test)]
mod tests;
