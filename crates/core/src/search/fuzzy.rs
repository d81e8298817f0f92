//! Typo tolerance: a bounded edit distance where swapping two neighbouring
//! letters counts as one edit (optimal string alignment), and how many edits
//! a word of a given length may have.

use super::index::Index;

/// How many typos a word of `len` characters may have: none up to three
/// characters, one up to seven, two from eight.
pub fn allowed_edits(len: usize) -> usize {
    match len {
        0..=3 => 0,
        4..=7 => 1,
        _ => 2,
    }
}

/// The terms whose spelling is at most `max` edits from `typed`, with the
/// edits; with `prefix`, the terms whose spelling starts with something at
/// most `max` edits from `typed` (for the word being typed).
pub fn near_spellings(index: &Index, typed: &str, max: usize, prefix: bool) -> Vec<(u32, usize)> {
    let mut found: Vec<(u32, usize)> = Vec::new();
    if max == 0 {
        return found;
    }
    let typed_chars: Vec<char> = typed.chars().collect();
    let len = typed_chars.len();
    let letters = letter_set(typed);
    let mut chars: Vec<char> = Vec::new();
    let longest = if prefix {
        index.spellings_by_len.len()
    } else {
        len + max + 1
    };
    for bucket in index
        .spellings_by_len
        .iter()
        .take(longest)
        .skip(len.saturating_sub(max))
    {
        for &(at, set) in bucket {
            if !prefix && !may_be_within(letters, set, max) {
                continue;
            }
            let (text, term) = index.spelling(at);
            chars.clear();
            chars.extend(text.chars());
            let edits = if prefix {
                // Every typed letter missing from the start of the word
                // costs an edit.
                let start = &chars[..chars.len().min(len + max)];
                let missing = (letters & !letter_set_of(start)).count_ones() as usize;
                if missing > max {
                    continue;
                }
                prefix_distance(&typed_chars, start, max)
            } else {
                distance(&typed_chars, &chars, max)
            };
            if let Some(edits) = edits {
                match found.iter_mut().find(|(known, _)| *known == term) {
                    Some(known) => known.1 = known.1.min(edits),
                    None => found.push((term, edits)),
                }
            }
        }
    }
    found
}

/// The edit distance between `a` and the closest start of `b` (the
/// shortest over `b`'s prefixes), if it is at most `max`.
pub fn prefix_distance<T: PartialEq>(a: &[T], b: &[T], max: usize) -> Option<usize> {
    let b = &b[..b.len().min(a.len() + max)];
    let rows = distance_rows(a, b, max)?;
    let from = a.len().saturating_sub(max);
    rows.get(from..=b.len())?
        .iter()
        .copied()
        .min()
        .filter(|&edits| edits <= max)
}

fn letter_set_of(chars: &[char]) -> u32 {
    chars.iter().fold(0, |set, &c| set | letter_bit(c))
}

fn letter_bit(c: char) -> u32 {
    let bit = if c.is_ascii_lowercase() {
        c as u32 - 'a' as u32
    } else {
        26
    };
    1 << bit
}

/// The longest word typos are looked for in, in characters.
pub const MAX_FUZZY_LEN: usize = 30;

/// The set of letters a word has, as bits (`a` to `z`, everything else on
/// one bit). Words one edit apart differ in at most two of these bits, so
/// comparing sets rules most candidates out before the real distance.
pub fn letter_set(word: &str) -> u32 {
    word.chars().fold(0, |set, c| set | letter_bit(c))
}

/// Whether words with letter sets `a` and `b` might be `max` edits apart.
pub fn may_be_within(a: u32, b: u32, max: usize) -> bool {
    (a ^ b).count_ones() as usize <= 2 * max
}

/// The edit distance between `a` and `b` if it is at most `max`, otherwise
/// `None`. Insertions, deletions, substitutions and transpositions of
/// neighbours each cost one. Words longer than [`MAX_FUZZY_LEN`] never match.
pub fn distance<T: PartialEq>(a: &[T], b: &[T], max: usize) -> Option<usize> {
    if a.len().abs_diff(b.len()) > max {
        return None;
    }
    let rows = distance_rows(a, b, max)?;
    Some(rows[b.len()]).filter(|&edits| edits <= max)
}

/// The last row of the edit-distance table of `a` against `b`: entry `j`
/// is the distance between `a` and `b[..j]`. `None` as soon as every entry
/// of a row exceeds `max`, or when a word is longer than [`MAX_FUZZY_LEN`].
fn distance_rows<T: PartialEq>(a: &[T], b: &[T], max: usize) -> Option<[usize; MAX_FUZZY_LEN + 1]> {
    if a.len() > MAX_FUZZY_LEN || b.len() > MAX_FUZZY_LEN {
        return None;
    }
    let width = b.len() + 1;
    // Three rows: two back (for transpositions), one back, and this one.
    let mut before = [0usize; MAX_FUZZY_LEN + 1];
    let mut previous = [0usize; MAX_FUZZY_LEN + 1];
    let mut current = [0usize; MAX_FUZZY_LEN + 1];
    for (j, cell) in previous.iter_mut().enumerate().take(width) {
        *cell = j;
    }
    for i in 1..=a.len() {
        current[0] = i;
        let mut row_min = current[0];
        for j in 1..width {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut value = (previous[j] + 1)
                .min(current[j - 1] + 1)
                .min(previous[j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                value = value.min(before[j - 2] + 1);
            }
            current[j] = value;
            row_min = row_min.min(value);
        }
        if row_min > max {
            return None;
        }
        std::mem::swap(&mut before, &mut previous);
        std::mem::swap(&mut previous, &mut current);
    }
    Some(previous)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(a: &str, b: &str, max: usize) -> Option<usize> {
        let a: Vec<char> = a.chars().collect();
        let b: Vec<char> = b.chars().collect();
        distance(&a, &b, max)
    }

    #[test]
    fn counts_edits_with_transposition_as_one() {
        assert_eq!(d("warranty", "warranty", 2), Some(0));
        assert_eq!(d("warrnaty", "warranty", 2), Some(1));
        assert_eq!(d("waranty", "warranty", 2), Some(1));
        assert_eq!(d("warrenty", "warranty", 2), Some(1));
        assert_eq!(d("wrranyt", "warranty", 2), Some(2));
        assert_eq!(d("printer", "pointer", 1), Some(1));
        assert_eq!(d("abc", "xyz", 2), None);
        assert_eq!(d("calibration", "cal", 2), None);
        assert!(may_be_within(
            letter_set("warrnaty"),
            letter_set("warranty"),
            1
        ));
        assert!(may_be_within(letter_set("cable"), letter_set("table"), 1));
        assert!(!may_be_within(letter_set("cable"), letter_set("tower"), 1));
    }

    #[test]
    fn prefix_distance_finds_the_closest_start() {
        let p = |a: &str, b: &str, max: usize| {
            let a: Vec<char> = a.chars().collect();
            let b: Vec<char> = b.chars().collect();
            prefix_distance(&a, &b, max)
        };
        assert_eq!(p("warrn", "warranty", 1), Some(1));
        assert_eq!(p("wrran", "warranty", 2), Some(1));
        assert_eq!(p("warr", "warranty", 1), Some(0));
        assert_eq!(p("calibraton", "calibration", 2), Some(1));
        assert_eq!(p("xyz", "warranty", 1), None);
    }

    #[test]
    fn allowed_edits_grow_with_length() {
        assert_eq!(allowed_edits(3), 0);
        assert_eq!(allowed_edits(4), 1);
        assert_eq!(allowed_edits(7), 1);
        assert_eq!(allowed_edits(8), 2);
    }
}
