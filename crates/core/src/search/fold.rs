//! Character folding, so that the index and the query compare like with
//! like: case, Latin accents, full-width forms and common traditional Chinese
//! characters all fold to one plain form. Every character folds to exactly
//! one character, so positions in folded text are positions in the original,
//! which keeps snippet highlights exact.

use super::fold_tables::{ACCENTS, TRADITIONAL};

/// Folds one character: lower case, Latin accents removed, full-width ASCII
/// made half-width, and common traditional Chinese characters made
/// simplified.
pub fn fold_char(c: char) -> char {
    if c.is_ascii() {
        return c.to_ascii_lowercase();
    }
    let code = c as u32;
    if (0xFF01..=0xFF5E).contains(&code) {
        // Full-width ASCII sits at a fixed distance from the real thing.
        let half = char::from_u32(code - 0xFEE0).unwrap_or(c);
        return half.to_ascii_lowercase();
    }
    if c == '\u{3000}' {
        return ' ';
    }
    if matches!(c, '\u{2010}' | '\u{2011}' | '\u{2212}') {
        return '-';
    }
    if c < '\u{3000}' {
        let lower = if c.is_uppercase() {
            c.to_lowercase().next().unwrap_or(c)
        } else {
            c
        };
        return lookup(&ACCENTS, lower).unwrap_or(lower);
    }
    if !may_be_traditional(c) {
        return c;
    }
    lookup(&TRADITIONAL, c).unwrap_or(c)
}

/// The range of characters [`TRADITIONAL_BITS`] covers.
const HAN_START: u32 = 0x4E00;
const HAN_END: u32 = 0xA000;

/// One bit per character in the main Han block, set for the characters in
/// [`TRADITIONAL`]: most characters need no table search at all.
const TRADITIONAL_BITS: [u64; ((HAN_END - HAN_START) / 64) as usize] = {
    let mut bits = [0u64; ((HAN_END - HAN_START) / 64) as usize];
    let mut at = 0;
    while at < TRADITIONAL.len() {
        let code = TRADITIONAL[at].0 as u32;
        if code >= HAN_START && code < HAN_END {
            let offset = code - HAN_START;
            bits[(offset / 64) as usize] |= 1 << (offset % 64);
        }
        at += 1;
    }
    bits
};

/// Whether `c` might be in [`TRADITIONAL`].
fn may_be_traditional(c: char) -> bool {
    let code = c as u32;
    if !(HAN_START..HAN_END).contains(&code) {
        return true;
    }
    let offset = code - HAN_START;
    TRADITIONAL_BITS[(offset / 64) as usize] & (1 << (offset % 64)) != 0
}

/// Folds a whole string, character by character.
#[cfg(test)]
pub fn fold_str(text: &str) -> String {
    text.chars().map(fold_char).collect()
}

fn lookup(table: &[(char, char)], c: char) -> Option<char> {
    table
        .binary_search_by_key(&c, |&(from, _)| from)
        .ok()
        .map(|at| table[at].1)
}

/// Whether `c` is written in a script without spaces between words (Han,
/// kana, Hangul), which the tokenizer splits into characters and pairs.
#[inline(always)]
pub fn is_cjk(c: char) -> bool {
    // Most text is below every range, Latin text all of it.
    if (c as u32) < 0x1100 {
        return false;
    }
    matches!(c as u32,
        0x3040..=0x30FF      // Hiragana and Katakana.
        | 0x3400..=0x4DBF    // Han extension A.
        | 0x4E00..=0x9FFF    // Han unified ideographs.
        | 0xF900..=0xFAFF    // Han compatibility ideographs.
        | 0x1100..=0x11FF    // Hangul jamo.
        | 0x3130..=0x318F    // Hangul compatibility jamo.
        | 0xAC00..=0xD7AF    // Hangul syllables.
        | 0x20000..=0x2FA1F  // Han extensions B and later.
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_tables_are_sorted_for_binary_search() {
        assert!(ACCENTS.windows(2).all(|w| w[0].0 < w[1].0));
        assert!(TRADITIONAL.windows(2).all(|w| w[0].0 < w[1].0));
    }

    #[test]
    fn folds_case_accents_width_and_script() {
        assert_eq!(fold_str("Café ÉCRAN"), "cafe ecran");
        assert_eq!(fold_str("ＢＷ－２００"), "bw-200");
        assert_eq!(fold_str("不製冷 錯誤代碼"), "不制冷 错误代码");
        assert_eq!(fold_str("Straße").chars().count(), 6);
    }
}
