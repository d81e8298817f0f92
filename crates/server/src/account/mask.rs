//! Masking a deleted customer's traces in the free text that stays: a
//! request's remaining answers, the messages on their requests, their
//! survey comments and knowledge-base comments.
//!
//! The traces are the customer's stored name and email and the values of
//! the personal answers their forms lost (names, phones, emails,
//! addresses). Every exact occurrence of one becomes [`REMOVED`]; a trace
//! that looks like an email address (it holds an `@`) is matched without
//! regard to ASCII case, since `Ana@Example.com` reaches the same person.
//! An occurrence counts only as a whole word where the trace starts or ends
//! with a Latin letter or digit — "Bo" is masked in "Bo's", not in
//! "Boiler", nor inside an attachment id — while Chinese, written without
//! spaces, is matched anywhere. Anything else — a nickname, a misspelling, a phone written another
//! way — is not guessed at.

use serde_json::Value;

/// What a trace becomes.
pub const REMOVED: &str = "[removed]";

/// The shortest trace masked, in characters: a single character would
/// mask half of every text.
const SHORTEST: usize = 2;

/// The texts that identify one customer.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Traces {
    texts: Vec<String>,
}

impl Traces {
    /// No traces yet.
    pub fn new() -> Traces {
        Traces::default()
    }

    /// Adds `text` (trimmed); a blank or one-character text is ignored.
    pub fn add(&mut self, text: &str) {
        let text = text.trim();
        if text.chars().count() >= SHORTEST && !self.texts.iter().any(|t| t == text) {
            self.texts.push(text.to_string());
        }
    }

    /// Adds every string inside `value`.
    pub fn add_all(&mut self, value: &Value) {
        match value {
            Value::String(text) => self.add(text),
            Value::Array(items) => items.iter().for_each(|item| self.add_all(item)),
            Value::Object(map) => map.values().for_each(|item| self.add_all(item)),
            _ => {}
        }
    }

    /// Whether there is nothing to mask.
    pub fn is_empty(&self) -> bool {
        self.texts.is_empty()
    }
}

/// `text` with every occurrence of a trace replaced by [`REMOVED`];
/// overlapping occurrences become one.
pub fn mask(text: &str, traces: &Traces) -> String {
    let lowered = text.to_ascii_lowercase();
    let mut spans: Vec<(usize, usize)> = Vec::new();
    for trace in &traces.texts {
        // ASCII lowering keeps every byte offset, so a match in the
        // lowered text is a match at the same offsets in `text`.
        let found: Vec<usize> = if trace.contains('@') {
            let needle = trace.to_ascii_lowercase();
            lowered.match_indices(&needle).map(|(at, _)| at).collect()
        } else {
            text.match_indices(trace.as_str())
                .map(|(at, _)| at)
                .collect()
        };
        spans.extend(
            found
                .into_iter()
                .map(|at| (at, at + trace.len()))
                .filter(|&(start, end)| whole(text, start, end)),
        );
    }
    if spans.is_empty() {
        return text.to_string();
    }
    spans.sort_by_key(|&(start, end)| (start, std::cmp::Reverse(end)));
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    for (start, end) in spans {
        if start < at {
            at = at.max(end);
            continue;
        }
        out.push_str(&text[at..start]);
        out.push_str(REMOVED);
        at = end;
    }
    out.push_str(&text[at..]);
    out
}

/// Whether `text[start..end]` is not part of a longer Latin word or
/// number: no ASCII letter or digit joins it on a side where it has one.
fn whole(text: &str, start: usize, end: usize) -> bool {
    let found = &text[start..end];
    let joins = |edge: Option<char>, neighbour: Option<char>| {
        matches!((edge, neighbour), (Some(e), Some(n))
            if e.is_ascii_alphanumeric() && n.is_ascii_alphanumeric())
    };
    !joins(found.chars().next(), text[..start].chars().next_back())
        && !joins(found.chars().next_back(), text[end..].chars().next())
}

/// [`mask`] applied to every string inside `value` (not to object keys).
pub fn mask_value(value: &mut Value, traces: &Traces) {
    match value {
        Value::String(text) => *text = mask(text, traces),
        Value::Array(items) => items.iter_mut().for_each(|item| mask_value(item, traces)),
        Value::Object(map) => map.values_mut().for_each(|item| mask_value(item, traces)),
        _ => {}
    }
}

/// [`mask_value`] on JSON text; text that is not JSON is masked as text.
pub fn mask_json(text: &str, traces: &Traces) -> String {
    match serde_json::from_str::<Value>(text) {
        Ok(mut value) => {
            mask_value(&mut value, traces);
            value.to_string()
        }
        Err(_) => mask(text, traces),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn traces(texts: &[&str]) -> Traces {
        let mut traces = Traces::new();
        texts.iter().for_each(|text| traces.add(text));
        traces
    }

    #[test]
    fn names_phones_and_emails_inside_longer_text_are_masked() {
        let t = traces(&["Ana Lima", "+1 555 0100", "ana@example.com"]);
        assert_eq!(
            mask("Thanks, Ana Lima here.", &t),
            "Thanks, [removed] here."
        );
        assert_eq!(
            mask("Call +1 555 0100 or write to ANA@Example.COM.", &t),
            "Call [removed] or write to [removed]."
        );
        assert_eq!(mask("It stopped heating.", &t), "It stopped heating.");
    }

    #[test]
    fn latin_traces_match_whole_words_only() {
        let t = traces(&["Bo", "+1 555 0100", "bo@example.com"]);
        assert_eq!(
            mask("Bo's boiler: Boiler by Bo. att_Bo1", &t),
            "[removed]'s boiler: Boiler by [removed]. att_Bo1"
        );
        assert_eq!(
            mask("+1 555 01001 is not +1 555 0100", &t),
            "+1 555 01001 is not [removed]"
        );
        assert_eq!(
            mask("xbo@example.com, bo@example.com.", &t),
            "xbo@example.com, [removed]."
        );
    }

    #[test]
    fn names_match_exactly_and_only_emails_ignore_case() {
        let t = traces(&["Ana Lima", "ana@example.com"]);
        assert_eq!(mask("ana lima and ANA LIMA", &t), "ana lima and ANA LIMA");
        assert_eq!(mask("Ana Lima, Ana Lima", &t), "[removed], [removed]");
    }

    #[test]
    fn overlapping_and_nested_traces_become_one_mark() {
        let t = traces(&["Ana Lima", "Ana Lima's house, 1 Main Street", "Lima's"]);
        assert_eq!(
            mask("Come to Ana Lima's house, 1 Main Street, please.", &t),
            "Come to [removed], please."
        );
        assert_eq!(mask("Ana Lima's car", &t), "[removed] car");
    }

    #[test]
    fn blank_and_one_character_traces_are_ignored_and_text_outside_ascii_is_kept_whole() {
        let t = traces(&["", "  ", "A", "王小明"]);
        assert_eq!(t, traces(&["王小明"]));
        assert_eq!(mask("A 王小明说：谢谢", &t), "A [removed]说：谢谢");
        assert!(traces(&[]).is_empty());
    }

    #[test]
    fn json_strings_are_masked_at_any_depth_and_keys_stay() {
        let mut t = Traces::new();
        t.add_all(&json!({"contact_name": "Ana Lima", "phones": ["+1 555 0100"]}));
        let out = mask_json(
            &json!({"comment": "Ana Lima is happy", "notes": ["call +1 555 0100"], "Ana Lima": 5})
                .to_string(),
            &t,
        );
        assert_eq!(
            serde_json::from_str::<Value>(&out).unwrap(),
            json!({"comment": "[removed] is happy", "notes": ["call [removed]"], "Ana Lima": 5})
        );
        assert_eq!(mask_json("not json, Ana Lima", &t), "not json, [removed]");
    }
}
