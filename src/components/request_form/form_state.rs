//! What the new-request form holds while the customer fills it in: the
//! chosen type and severity, every answer, and the problems found. Answers
//! are checked with `aftercare_core::forms::validate_fields`, the same rules
//! the server runs, so nothing leaves the form that the server would refuse
//! for a rule the portal knows.

use std::collections::{BTreeMap, BTreeSet};

use aftercare_core::forms::{codes, validate_fields};
use aftercare_core::{FieldDef, FieldKind, Locale, ProblemFieldError, ServiceCatalog};
use leptos::prelude::*;
use serde_json::{Map, Value};

/// The problem slot of the request-type picker.
pub const TYPE_SLOT: &str = "$type";
/// The problem slot of the severity picker.
pub const SEVERITY_SLOT: &str = "$severity";
/// The problem slot of the consent checkbox.
pub const CONSENT_SLOT: &str = "$consent";

/// The form's state, shared with every part of the form through context.
#[derive(Clone, Copy)]
pub struct FormState {
    /// The catalog the form is drawn from.
    pub catalog: StoredValue<ServiceCatalog>,
    /// The request type's key, once chosen.
    pub request_type: RwSignal<Option<String>>,
    /// The severity's key, once chosen.
    pub severity: RwSignal<Option<String>>,
    /// Every answer by field key, as typed (numbers stay text until sent).
    pub values: RwSignal<Map<String, Value>>,
    /// The problem code shown at each slot (a field key or a `$` slot).
    pub errors: RwSignal<BTreeMap<String, String>>,
    /// Whether the customer agreed to the privacy notice.
    pub consent: RwSignal<bool>,
    /// The customer's language.
    pub locale: Signal<Locale>,
    /// The fields the customer has typed into.
    touched: RwSignal<BTreeSet<String>>,
}

impl FormState {
    /// An empty form over `catalog`.
    pub fn new(catalog: ServiceCatalog, locale: Signal<Locale>) -> Self {
        FormState {
            catalog: StoredValue::new(catalog),
            request_type: RwSignal::new(None),
            severity: RwSignal::new(None),
            values: RwSignal::new(Map::new()),
            errors: RwSignal::new(BTreeMap::new()),
            consent: RwSignal::new(false),
            locale,
            touched: RwSignal::new(BTreeSet::new()),
        }
    }

    /// The chosen type's fields in catalog order (tracked).
    pub fn fields(&self) -> Vec<FieldDef> {
        let chosen = self.request_type.get();
        self.catalog.with_value(|catalog| {
            chosen
                .and_then(|key| catalog.request_type(&key).map(|t| t.fields.clone()))
                .unwrap_or_default()
        })
    }

    /// The answer to `key`, if given (tracked).
    pub fn value(&self, key: &str) -> Option<Value> {
        self.values.with(|values| values.get(key).cloned())
    }

    /// The answer to `key` as text, or "" (tracked).
    pub fn text(&self, key: &str) -> String {
        match self.value(key) {
            Some(Value::String(text)) => text,
            Some(Value::Number(number)) => number.to_string(),
            _ => String::new(),
        }
    }

    /// Records the customer's answer to `key`; an empty answer is removed.
    /// A problem already shown there is checked again, so it goes away as
    /// soon as the answer is right.
    pub fn set(&self, key: &str, value: Value) {
        let blank = match &value {
            Value::Null | Value::Bool(false) => true,
            Value::String(text) => text.is_empty(),
            Value::Array(items) => items.is_empty(),
            _ => false,
        };
        self.values.update(|values| {
            if blank {
                values.remove(key);
            } else {
                values.insert(key.to_string(), value);
            }
        });
        self.touched.update(|touched| {
            touched.insert(key.to_string());
        });
        if self
            .errors
            .with_untracked(|errors| errors.contains_key(key))
        {
            self.check_field(key);
        }
    }

    /// Sets `key` only while the customer has not answered it (for answers
    /// the portal knows, such as a signed-in customer's email).
    pub fn prefill(&self, key: &str, value: &str) {
        let empty = self.values.with_untracked(|v| !v.contains_key(key));
        let typed = self.touched.with_untracked(|t| t.contains(key));
        if empty && !typed && !value.trim().is_empty() {
            self.values.update(|values| {
                values.insert(key.to_string(), Value::String(value.to_string()));
            });
        }
    }

    /// Whether the field `key` applies to the answers given above it
    /// (tracked): fields with no condition always do.
    pub fn applies(&self, key: &str) -> bool {
        let fields = self.fields();
        self.values
            .with(|values| applicable(&fields, values).contains(key))
    }

    /// The answers as they are sent: only fields of the chosen type that
    /// apply, blanks left out, numbers as JSON numbers (tracked).
    pub fn answers(&self) -> Map<String, Value> {
        let fields = self.fields();
        self.values.with(|values| {
            let applies = applicable(&fields, values);
            fields
                .iter()
                .filter(|def| applies.contains(&def.key))
                .filter_map(|def| {
                    let value = values.get(&def.key)?;
                    Some((def.key.clone(), as_sent(def.kind, value)))
                })
                .collect()
        })
    }

    /// Every rule the answers break, as the server would report them.
    pub fn problems(&self) -> Vec<ProblemFieldError> {
        let fields = untrack(|| self.fields());
        let answers = untrack(|| self.answers());
        validate_fields(&fields, &answers)
    }

    /// Checks the one field `key` (when the customer leaves it) and shows or
    /// clears its problem. An empty required field the customer never typed
    /// into is left alone until they send the form.
    pub fn check_field(&self, key: &str) {
        let found = self
            .problems()
            .into_iter()
            .find(|problem| slot_of(&problem.pointer) == key);
        let touched = self.touched.with_untracked(|t| t.contains(key));
        self.errors.update(|errors| match found {
            Some(problem) if problem.code != codes::REQUIRED || touched => {
                errors.insert(key.to_string(), problem.code);
            }
            _ => {
                errors.remove(key);
            }
        });
    }

    /// Checks everything before sending: shows every problem and returns the
    /// slot of the first one on the page, or `None` when all is well.
    /// `needs_consent` says whether the consent box must be ticked.
    pub fn check_all(&self, needs_consent: bool) -> Option<String> {
        let mut found: Vec<(String, String)> = Vec::new();
        if self.request_type.get_untracked().is_none() {
            found.push((TYPE_SLOT.into(), codes::REQUIRED.into()));
        }
        for problem in self.problems() {
            found.push((slot_of(&problem.pointer), problem.code));
        }
        let severity_known = self
            .severity
            .get_untracked()
            .is_some_and(|key| self.catalog.with_value(|c| c.severity(&key).is_some()));
        if !severity_known {
            found.push((SEVERITY_SLOT.into(), codes::REQUIRED.into()));
        }
        if needs_consent && !self.consent.get_untracked() {
            found.push((CONSENT_SLOT.into(), codes::REQUIRED.into()));
        }
        let first = found.first().map(|(slot, _)| slot.clone());
        self.errors.set(found.into_iter().collect());
        first
    }

    /// Shows the problems the server reported (`/fields/<key>`, `/type`,
    /// `/severity`) at their fields; returns the first slot.
    pub fn show_server_problems(&self, problems: &[ProblemFieldError]) -> Option<String> {
        let shown: Vec<(String, String)> = problems
            .iter()
            .map(|p| (slot_of(&p.pointer), p.code.clone()))
            .collect();
        let first = shown.first().map(|(slot, _)| slot.clone());
        self.errors.set(shown.into_iter().collect());
        first
    }

    /// The problem code shown at `slot`, if any (tracked).
    pub fn error(&self, slot: &str) -> Option<String> {
        self.errors.with(|errors| errors.get(slot).cloned())
    }

    /// Empties the form.
    pub fn clear(&self) {
        self.request_type.set(None);
        self.severity.set(None);
        self.values.set(Map::new());
        self.errors.set(BTreeMap::new());
        self.touched.set(BTreeSet::new());
    }

    /// Every local file id the answers hold (untracked).
    pub fn file_ids(&self) -> Vec<String> {
        let kinds: BTreeMap<String, FieldKind> = self.catalog.with_value(|catalog| {
            catalog
                .request_types
                .iter()
                .flat_map(|t| t.fields.iter().map(|f| (f.key.clone(), f.kind)))
                .collect()
        });
        self.values.with_untracked(|values| {
            values
                .iter()
                .filter(|(key, _)| kinds.get(*key) == Some(&FieldKind::Attachments))
                .filter_map(|(_, value)| value.as_array().cloned())
                .flatten()
                .filter_map(|id| id.as_str().map(str::to_string))
                .collect()
        })
    }
}

/// The form state the page provided.
pub fn use_form() -> FormState {
    expect_context::<FormState>()
}

/// The keys of the fields that apply to `values`: a field with a condition
/// applies when the field it looks at applies and holds a wanted answer.
pub fn applicable(fields: &[FieldDef], values: &Map<String, Value>) -> BTreeSet<String> {
    let mut applies = BTreeSet::new();
    for def in fields {
        let ok = def.when.as_ref().is_none_or(|condition| {
            applies.contains(condition.field()) && condition.holds(values.get(condition.field()))
        });
        if ok {
            applies.insert(def.key.clone());
        }
    }
    applies
}

/// An answer as it is sent: a number typed as text becomes a JSON number
/// when it reads as one (otherwise the rules say it is not a number).
fn as_sent(kind: FieldKind, value: &Value) -> Value {
    match (kind, value) {
        (FieldKind::Number, Value::String(text)) => text
            .trim()
            .parse::<f64>()
            .ok()
            .filter(|n| n.is_finite())
            .and_then(serde_json::Number::from_f64)
            .map(|n| {
                // Whole numbers go as integers, as a person would write them.
                match n.as_f64() {
                    Some(f) if f.fract() == 0.0 && f.abs() < 9.0e15 => Value::from(f as i64),
                    _ => Value::Number(n),
                }
            })
            .unwrap_or_else(|| value.clone()),
        _ => value.clone(),
    }
}

/// The slot a problem's JSON pointer names: `/fields/<key>` is the field,
/// `/type` and `/severity` the pickers.
pub fn slot_of(pointer: &str) -> String {
    if let Some(key) = pointer.strip_prefix("/fields/") {
        let key = key.split('/').next().unwrap_or(key);
        return key.replace("~1", "/").replace("~0", "~");
    }
    match pointer {
        "/type" => TYPE_SLOT.into(),
        "/severity" => SEVERITY_SLOT.into(),
        other => other.trim_start_matches('/').to_string(),
    }
}

/// The id of the control that a slot's problem is about, which gets focus.
pub fn control_id(slot: &str) -> String {
    match slot.strip_prefix('$') {
        Some(name) => format!("form-{name}"),
        None => format!("field-{slot}"),
    }
}

/// The id of the message shown at a slot.
pub fn error_id(slot: &str) -> String {
    format!("{}-error", control_id(slot))
}

#[cfg(test)]
mod tests;
