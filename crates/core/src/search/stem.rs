//! Light English stemming: plurals, `-ing`, `-ed`, `-ly` and a final `e`,
//! so that "printing", "printed" and "prints" meet at "print". It is
//! deliberately conservative: short words and words without a vowel left
//! over stay as they are, and nothing but those endings is touched.

/// The stem of a folded, lower-case word made of letters.
pub fn stem(word: &str) -> String {
    if word.len() <= 3 || !word.is_ascii() {
        return word.to_string();
    }
    let mut w = word.to_string();
    plural(&mut w);
    if !strip_suffix(&mut w, "ing", 3) && !w.ends_with("eed") && !strip_suffix(&mut w, "ed", 3) {
        if w.len() >= 6 && w.ends_with("ly") {
            w.truncate(w.len() - 2);
        }
    } else if undoubles(&w) {
        w.pop();
    }
    if w.len() >= 4 && w.ends_with('e') && !w.ends_with("ee") {
        w.pop();
    }
    w
}

/// Turns a plural into its singular, as far as the spelling tells.
fn plural(w: &mut String) {
    if w.ends_with("ies") && w.len() >= 5 {
        w.truncate(w.len() - 3);
        w.push('y');
    } else if ["sses", "shes", "ches", "xes", "zes"]
        .iter()
        .any(|end| w.ends_with(end))
    {
        w.truncate(w.len() - 2);
    } else if w.ends_with('s')
        && !["ss", "us", "is"].iter().any(|end| w.ends_with(end))
        && w.len() >= 4
    {
        w.pop();
    }
}

/// Removes `suffix` when at least `keep` characters with a vowel stay.
fn strip_suffix(w: &mut String, suffix: &str, keep: usize) -> bool {
    let Some(rest) = w.strip_suffix(suffix) else {
        return false;
    };
    if rest.len() < keep || !rest.bytes().any(is_vowel) {
        return false;
    }
    w.truncate(rest.len());
    true
}

/// Whether the stem ends in a doubled consonant that `-ing` or `-ed` doubled
/// ("stopp" from "stopping"); l, s and z are doubled in the word itself.
fn undoubles(w: &str) -> bool {
    let bytes = w.as_bytes();
    let n = bytes.len();
    n >= 3
        && bytes[n - 1] == bytes[n - 2]
        && !is_vowel(bytes[n - 1])
        && !b"lsz".contains(&bytes[n - 1])
}

fn is_vowel(b: u8) -> bool {
    matches!(b, b'a' | b'e' | b'i' | b'o' | b'u' | b'y')
}

#[cfg(test)]
mod tests {
    use super::stem;

    #[test]
    fn inflections_meet_at_one_stem() {
        for family in [
            &["print", "prints", "printing", "printed"][..],
            &["cool", "cooling", "cooled", "cools"],
            &["calibrate", "calibrating", "calibrated", "calibrates"],
            &["warranty", "warranties"],
            &["reset", "resetting", "resets"],
            &["jam", "jammed", "jamming", "jams"],
            &["switch", "switches", "switching"],
            &["install", "installing", "installed", "installs"],
            &["code", "codes"],
            &["label", "labels"],
        ] {
            let stems: Vec<String> = family.iter().map(|w| stem(w)).collect();
            assert!(
                stems.windows(2).all(|w| w[0] == w[1]),
                "{family:?} → {stems:?}"
            );
        }
    }

    #[test]
    fn short_and_special_words_stay() {
        assert_eq!(stem("is"), "is");
        assert_eq!(stem("gas"), "gas");
        assert_eq!(stem("status"), "status");
        assert_eq!(stem("glass"), "glass");
        assert_eq!(stem("string"), "string");
        assert_eq!(stem("feed"), "feed");
        assert_eq!(stem("free"), "free");
        assert_eq!(stem("weekly"), "week");
    }
}
