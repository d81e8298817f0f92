//! The knowledge-base search's synonym sets: the defaults the server ships
//! (`defaults/search_synonyms.json`, embedded; a copy of the sets the search
//! engine's relevance suite is tuned with, `crates/core/tests/data/
//! demo_synonyms.json`, which a test keeps equal) and the rules a configured
//! `[search] synonyms = [["报修", "维修", "修理"], ...]` must keep. The sets
//! are published with the portal configuration, so the portal's offline
//! search reads queries the way the server's does.

use aftercare_core::{SearchSettings, SynonymSets};

/// The default sets' JSON: an array of arrays of words or phrases.
pub const DEFAULT_SYNONYMS: &str = include_str!("../../defaults/search_synonyms.json");
/// The most sets a configuration may have.
pub const MAX_SETS: usize = 200;
/// The longest entry, in characters.
pub const MAX_ENTRY_CHARS: usize = 60;

/// The default search settings: the default synonym sets.
pub fn defaults() -> SearchSettings {
    SearchSettings {
        synonyms: serde_json::from_str::<SynonymSets>(DEFAULT_SYNONYMS)
            .expect("the default synonyms are a JSON array of arrays of strings"),
    }
}

/// Checks the synonym sets, naming the first rule broken: at most
/// [`MAX_SETS`] sets; in each, at least two entries, none blank, none
/// longer than [`MAX_ENTRY_CHARS`], and no entry twice (ignoring case and
/// surrounding space).
pub fn validate(settings: &SearchSettings) -> Result<(), String> {
    let sets = &settings.synonyms.0;
    if sets.len() > MAX_SETS {
        return Err(format!(
            "`search.synonyms` has {} sets; at most {MAX_SETS} are allowed",
            sets.len()
        ));
    }
    for (number, set) in sets.iter().enumerate().map(|(i, set)| (i + 1, set)) {
        let mut seen: Vec<String> = Vec::new();
        for entry in set {
            let key = entry.trim().to_lowercase();
            if key.is_empty() {
                return Err(format!("`search.synonyms` set {number} has a blank entry"));
            }
            if entry.chars().count() > MAX_ENTRY_CHARS {
                return Err(format!(
                    "`search.synonyms` set {number}: {entry:?} is longer than \
                     {MAX_ENTRY_CHARS} characters"
                ));
            }
            if seen.contains(&key) {
                return Err(format!(
                    "`search.synonyms` set {number}: {entry:?} appears twice"
                ));
            }
            seen.push(key);
        }
        if seen.len() < 2 {
            return Err(format!(
                "`search.synonyms` set {number} needs at least two different entries"
            ));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sets(sets: &[&[&str]]) -> SearchSettings {
        SearchSettings {
            synonyms: SynonymSets(
                sets.iter()
                    .map(|set| set.iter().map(|s| s.to_string()).collect())
                    .collect(),
            ),
        }
    }

    #[test]
    fn the_defaults_are_valid_and_not_empty() {
        let defaults = defaults();
        validate(&defaults).unwrap();
        assert!(defaults.synonyms.0.len() >= 3);
    }

    #[test]
    fn the_defaults_are_the_sets_the_engine_is_tuned_with() {
        let engine: SynonymSets =
            serde_json::from_str(include_str!("../../../core/tests/data/demo_synonyms.json"))
                .unwrap();
        assert!(
            defaults().synonyms == engine,
            "the server's default synonyms differ from the search engine's; copy \
             crates/core/tests/data/demo_synonyms.json to \
             crates/server/defaults/search_synonyms.json"
        );
    }

    #[test]
    fn each_rule_is_enforced() {
        assert!(validate(&sets(&[])).is_ok());
        assert!(validate(&sets(&[&["报修", "维修"], &["reset", "Factory Reset"]])).is_ok());
        let long = "长".repeat(MAX_ENTRY_CHARS);
        assert!(validate(&sets(&[&[&long, "b"]])).is_ok());
        let too_long = "长".repeat(MAX_ENTRY_CHARS + 1);
        for (bad, says) in [
            (sets(&[&["only"]]), "at least two"),
            (sets(&[&["a", "A "]]), "twice"),
            (sets(&[&["a", "  "]]), "blank"),
            (sets(&[&["a", ""]]), "blank"),
            (sets(&[&["a", "b"], &[&too_long, "b"]]), "set 2"),
        ] {
            let error = validate(&bad).unwrap_err();
            assert!(error.contains(says), "{error}");
        }
        let many: Vec<Vec<String>> = (0..=MAX_SETS)
            .map(|i| vec![format!("a{i}"), format!("b{i}")])
            .collect();
        let error = validate(&SearchSettings {
            synonyms: SynonymSets(many.clone()),
        })
        .unwrap_err();
        assert!(error.contains("at most 200"), "{error}");
        assert!(validate(&SearchSettings {
            synonyms: SynonymSets(many[..MAX_SETS].to_vec()),
        })
        .is_ok());
    }
}
