//! The knowledge base: rendering articles' Markdown, validating import files,
//! writing imports to the database, the feed's cursors, the search index and
//! its synonyms, and the report of what customers searched and said.

pub mod cache;
pub mod cursor;
pub mod import;
pub mod markdown;
pub mod report;
pub mod search_cache;
pub mod synonyms;
pub mod validate;

/// Whether `value` is a slug: a lowercase letter or digit, then up to
/// `max_len - 1` lowercase letters, digits or dashes. Article ids and
/// category keys are slugs.
pub fn is_slug(value: &str, max_len: usize) -> bool {
    let mut bytes = value.bytes();
    let Some(first) = bytes.next() else {
        return false;
    };
    value.len() <= max_len
        && (first.is_ascii_lowercase() || first.is_ascii_digit())
        && bytes.all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

#[cfg(test)]
mod tests {
    use super::is_slug;

    #[test]
    fn slugs_are_lowercase_ascii_with_dashes() {
        assert!(is_slug("kb-reset-2", 100));
        assert!(is_slug("0", 100));
        assert!(!is_slug("", 100));
        assert!(!is_slug("-lead", 100));
        assert!(!is_slug("Upper", 100));
        assert!(!is_slug("with space", 100));
        assert!(!is_slug("重置", 100));
        assert!(is_slug(&"a".repeat(100), 100));
        assert!(!is_slug(&"a".repeat(101), 100));
    }
}
