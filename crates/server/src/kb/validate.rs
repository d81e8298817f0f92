//! Reading and checking a knowledge-base import file: a JSON array of
//! `{"id", "locale", "category", "title", "body_markdown", "tags"}` objects.
//! Every entry is checked before anything is written, and every fault is
//! reported with the entry's position (counting from 1), its id when it has
//! one, and the field at fault.

use std::collections::HashMap;
use std::fmt;

use aftercare_core::Locale;
use serde_json::{Map, Value};

use crate::config::supported_locales;
use crate::kb::is_slug;

/// The fields an entry must have, and the only ones it may have.
const FIELDS: [&str; 6] = ["id", "locale", "category", "title", "body_markdown", "tags"];
const MAX_ID_LEN: usize = 100;
const MAX_TITLE_CHARS: usize = 200;
const MAX_BODY_CHARS: usize = 100_000;
const MAX_TAGS: usize = 20;
const MAX_TAG_CHARS: usize = 40;
/// How many faults the message lists before it stops counting them out.
const MAX_REPORTED: usize = 50;

/// One article from an import file, checked and tidied (titles and tags
/// trimmed, the locale tag in its canonical spelling).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportEntry {
    pub id: String,
    pub locale: String,
    pub category: String,
    pub title: String,
    pub body_markdown: String,
    pub tags: Vec<String>,
}

/// One rule an entry broke.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EntryFault {
    /// The entry's position in the file, counting from 1.
    pub entry: usize,
    /// The entry's id, when it has a string one.
    pub id: Option<String>,
    /// The field at fault, or `None` when the entry as a whole is wrong.
    pub field: Option<String>,
    pub message: String,
}

impl fmt::Display for EntryFault {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "entry {}", self.entry)?;
        if let Some(id) = &self.id {
            write!(f, " (id {id:?})")?;
        }
        write!(f, ": {}", self.message)
    }
}

/// Why an import file was rejected. Nothing is written when it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ValidationError {
    /// The file is not JSON at all.
    NotJson(String),
    /// The file is JSON but not an array.
    NotAnArray,
    /// Some entries broke the rules; all of them are listed.
    Entries {
        total: usize,
        faults: Vec<EntryFault>,
    },
}

impl fmt::Display for ValidationError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ValidationError::NotJson(why) => write!(f, "the file is not valid JSON: {why}"),
            ValidationError::NotAnArray => {
                write!(f, "the file must hold a JSON array of articles")
            }
            ValidationError::Entries { total, faults } => {
                write!(
                    f,
                    "the file was rejected, nothing was imported ({} problem(s) in {total} entries):",
                    faults.len()
                )?;
                for fault in faults.iter().take(MAX_REPORTED) {
                    write!(f, "\n  {fault}")?;
                }
                if faults.len() > MAX_REPORTED {
                    write!(f, "\n  ... and {} more", faults.len() - MAX_REPORTED)?;
                }
                Ok(())
            }
        }
    }
}

impl std::error::Error for ValidationError {}

/// Reads `json` and checks every entry against the rules, with `categories`
/// as the allowed category keys.
pub fn validate(json: &str, categories: &[&str]) -> Result<Vec<ImportEntry>, ValidationError> {
    let value: Value =
        serde_json::from_str(json).map_err(|e| ValidationError::NotJson(e.to_string()))?;
    let Value::Array(items) = value else {
        return Err(ValidationError::NotAnArray);
    };
    let total = items.len();
    let mut faults = Vec::new();
    let mut entries = Vec::with_capacity(total);
    let mut first_use: HashMap<String, usize> = HashMap::new();
    for (index, item) in items.iter().enumerate() {
        let mut check = EntryCheck::new(index + 1, item);
        if let Some(entry) = check.entry(categories) {
            match first_use.get(&entry.id) {
                Some(earlier) => check.fault(
                    Some("id"),
                    format!("id {:?} is already used by entry {earlier}", entry.id),
                ),
                None => {
                    first_use.insert(entry.id.clone(), index + 1);
                    entries.push(entry);
                }
            }
        }
        faults.extend(check.faults);
    }
    if faults.is_empty() {
        Ok(entries)
    } else {
        Err(ValidationError::Entries { total, faults })
    }
}

/// The checks on one entry, collecting every fault rather than stopping at
/// the first.
struct EntryCheck<'a> {
    entry: usize,
    id: Option<String>,
    item: &'a Value,
    faults: Vec<EntryFault>,
}

impl<'a> EntryCheck<'a> {
    fn new(entry: usize, item: &'a Value) -> Self {
        let id = item.get("id").and_then(Value::as_str).map(String::from);
        EntryCheck {
            entry,
            id,
            item,
            faults: Vec::new(),
        }
    }

    fn fault(&mut self, field: Option<&str>, message: String) {
        self.faults.push(EntryFault {
            entry: self.entry,
            id: self.id.clone(),
            field: field.map(String::from),
            message,
        });
    }

    /// The checked entry, or `None` with the faults recorded.
    fn entry(&mut self, categories: &[&str]) -> Option<ImportEntry> {
        let Some(object) = self.item.as_object() else {
            self.fault(None, "must be an object".into());
            return None;
        };
        self.check_keys(object);
        let id = self.string(object, "id");
        let locale = self.string(object, "locale");
        let category = self.string(object, "category");
        let title = self.string(object, "title");
        let body_markdown = self.string(object, "body_markdown");

        if let Some(id) = &id {
            if !is_slug(id, MAX_ID_LEN) {
                self.fault(
                    Some("id"),
                    format!(
                        "id {id:?} must be 1-{MAX_ID_LEN} lowercase letters, digits and dashes, \
                         starting with a letter or digit"
                    ),
                );
            }
        }
        let locale = locale.and_then(|tag| match Locale::from_tag(&tag) {
            Some(locale) => Some(locale.tag().to_string()),
            None => {
                let allowed = supported_locales().join(", ");
                self.fault(
                    Some("locale"),
                    format!("locale {tag:?} is not one of {allowed}"),
                );
                None
            }
        });
        if let Some(key) = &category {
            if !categories.contains(&key.as_str()) {
                let allowed = categories.join(", ");
                self.fault(
                    Some("category"),
                    format!("category {key:?} is not one of {allowed}"),
                );
            }
        }
        let title = title.map(|title| title.trim().to_string());
        if let Some(title) = &title {
            let chars = title.chars().count();
            if !(1..=MAX_TITLE_CHARS).contains(&chars) {
                self.fault(
                    Some("title"),
                    format!(
                        "title must be 1-{MAX_TITLE_CHARS} characters after trimming, it has {chars}"
                    ),
                );
            }
        }
        if let Some(body) = &body_markdown {
            let chars = body.chars().count();
            if body.trim().is_empty() {
                self.fault(Some("body_markdown"), "body_markdown is empty".into());
            } else if chars > MAX_BODY_CHARS {
                self.fault(
                    Some("body_markdown"),
                    format!("body_markdown has {chars} characters, more than {MAX_BODY_CHARS}"),
                );
            }
        }
        let tags = self.tags(object);
        if !self.faults.is_empty() {
            return None;
        }
        Some(ImportEntry {
            id: id?,
            locale: locale?,
            category: category?,
            title: title?,
            body_markdown: body_markdown?,
            tags: tags?,
        })
    }

    fn check_keys(&mut self, object: &Map<String, Value>) {
        for key in object.keys() {
            if !FIELDS.contains(&key.as_str()) {
                let allowed = FIELDS.join(", ");
                self.fault(
                    Some(key),
                    format!("unknown field {key:?} (the fields are {allowed})"),
                );
            }
        }
        for field in FIELDS {
            if !object.contains_key(field) {
                self.fault(Some(field), format!("missing field {field:?}"));
            }
        }
    }

    /// The string in `field`; a fault if it is there but not a string.
    fn string(&mut self, object: &Map<String, Value>, field: &str) -> Option<String> {
        match object.get(field)? {
            Value::String(value) => Some(value.clone()),
            _ => {
                self.fault(Some(field), format!("field {field:?} must be a string"));
                None
            }
        }
    }

    fn tags(&mut self, object: &Map<String, Value>) -> Option<Vec<String>> {
        let Some(Value::Array(items)) = object.get("tags") else {
            if object.contains_key("tags") {
                self.fault(Some("tags"), "tags must be an array of strings".into());
            }
            return None;
        };
        if items.len() > MAX_TAGS {
            let count = items.len();
            self.fault(
                Some("tags"),
                format!("tags has {count} entries, more than {MAX_TAGS}"),
            );
            return None;
        }
        let mut tags = Vec::with_capacity(items.len());
        for (position, item) in items.iter().enumerate() {
            let tag = item.as_str().map(str::trim).unwrap_or_default();
            if !(1..=MAX_TAG_CHARS).contains(&tag.chars().count()) {
                self.fault(
                    Some("tags"),
                    format!("tags[{position}] must be a string of 1-{MAX_TAG_CHARS} characters"),
                );
                return None;
            }
            tags.push(tag.to_string());
        }
        Some(tags)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const CATEGORIES: [&str; 2] = ["usage", "warranty"];

    fn entry(id: &str) -> Value {
        serde_json::json!({
            "id": id, "locale": "zh-cn", "category": "usage", "title": "  重置  ",
            "body_markdown": "按住电源键。", "tags": [" 重置 "]
        })
    }

    fn check(items: Vec<Value>) -> Result<Vec<ImportEntry>, ValidationError> {
        validate(&Value::Array(items).to_string(), &CATEGORIES)
    }

    fn faults(items: Vec<Value>) -> Vec<EntryFault> {
        match check(items) {
            Err(ValidationError::Entries { faults, .. }) => faults,
            other => panic!("expected entry faults, got {other:?}"),
        }
    }

    #[test]
    fn good_entries_come_back_tidied() {
        let entries = check(vec![entry("kb-reset")]).unwrap();
        assert_eq!(entries[0].locale, "zh-CN");
        assert_eq!(entries[0].title, "重置");
        assert_eq!(entries[0].tags, ["重置"]);
    }

    #[test]
    fn a_fault_names_the_entry_its_id_and_the_field() {
        let mut bad = entry("foo");
        bad["category"] = "x".into();
        let faults = faults(vec![entry("a"), entry("b"), bad]);
        assert_eq!(faults.len(), 1);
        assert_eq!(faults[0].field.as_deref(), Some("category"));
        assert_eq!(
            faults[0].to_string(),
            "entry 3 (id \"foo\"): category \"x\" is not one of usage, warranty"
        );
    }

    #[test]
    fn unknown_missing_and_mistyped_fields_are_faults() {
        let mut bad = entry("a");
        bad["colour"] = "red".into();
        bad.as_object_mut().unwrap().remove("tags");
        bad["title"] = 5.into();
        let fields: Vec<_> = faults(vec![bad])
            .into_iter()
            .map(|f| f.field.unwrap())
            .collect();
        assert_eq!(fields, ["colour", "tags", "title"]);
    }

    #[test]
    fn every_rule_is_enforced() {
        let cases: [(&str, Value); 9] = [
            ("id", "Not A Slug".into()),
            ("locale", "fr".into()),
            ("title", "   ".into()),
            ("title", "t".repeat(201).into()),
            ("body_markdown", " \n ".into()),
            ("body_markdown", "b".repeat(100_001).into()),
            ("tags", serde_json::json!(vec!["t"; 21])),
            ("tags", serde_json::json!(["ok", ""])),
            ("tags", serde_json::json!(["x".repeat(41)])),
        ];
        for (field, value) in cases {
            let mut bad = entry("a");
            bad[field] = value;
            let faults = faults(vec![bad]);
            assert_eq!(faults[0].field.as_deref(), Some(field), "{faults:?}");
        }
        let limits = {
            let mut e = entry(&"a".repeat(100));
            e["title"] = "t".repeat(200).into();
            e["tags"] = serde_json::json!(vec!["x".repeat(40); 20]);
            e
        };
        assert!(check(vec![limits]).is_ok());
    }

    #[test]
    fn duplicate_ids_point_at_the_first_use() {
        let faults = faults(vec![entry("a"), entry("b"), entry("a")]);
        assert_eq!(faults[0].entry, 3);
        assert!(
            faults[0].message.contains("entry 1"),
            "{}",
            faults[0].message
        );
    }

    #[test]
    fn the_file_must_be_a_json_array_of_objects() {
        assert!(matches!(
            validate("{", &CATEGORIES),
            Err(ValidationError::NotJson(_))
        ));
        assert_eq!(
            validate("{}", &CATEGORIES),
            Err(ValidationError::NotAnArray)
        );
        assert_eq!(faults(vec![Value::from(1)])[0].message, "must be an object");
    }
}
