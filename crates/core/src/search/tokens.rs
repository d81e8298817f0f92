//! The tokenizer: folded text in, index terms out, each with the character
//! span it came from. Latin words are stemmed; Chinese, Japanese and Korean
//! text becomes single characters and overlapping pairs (no dictionary);
//! numbers, error codes and model numbers are kept whole and, in documents,
//! also as their parts, so `BW-200` is found by `bw200`, `BW 200` and `200`.

use super::fold::{fold_char, is_cjk};
use super::stem::stem;

/// What kind of text a term stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A word of letters only, stemmed; the only kind typos are forgiven in.
    Word,
    /// Letters and digits together, like `e17`, `nvr8` or `bw200`.
    Code,
    /// Digits only.
    Number,
    /// One CJK character.
    Char,
    /// Two neighbouring CJK characters.
    Pair,
}

/// A term as the index stores it: text for words, codes and numbers, and the
/// characters themselves for CJK.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Key {
    Text(String),
    Cjk(u64),
}

impl Key {
    /// The key of one CJK character.
    pub fn single(c: char) -> Key {
        Key::Cjk(c as u64)
    }

    /// The key of a pair of CJK characters.
    pub fn pair(a: char, b: char) -> Key {
        Key::Cjk(((a as u64) << 32) | b as u64)
    }
}

/// One term found in a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    pub key: Key,
    pub kind: Kind,
    /// The folded word before stemming (words only; otherwise empty).
    pub surface: String,
    /// Where the term came from, as `[start, end)` character offsets.
    pub start: usize,
    pub end: usize,
}

/// Whether a text is a document (every form of every code) or a query (only
/// the forms a customer means).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    Document,
    Query,
}

/// Splits `text` into terms, calling `emit` for each in text order.
pub fn tokenize(text: &str, mode: Mode, emit: &mut impl FnMut(Token)) {
    tokenize_some(text, mode, &Wanted::All, emit);
}

/// Which terms a caller wants: all, or (to skip the work of making the
/// others) only CJK terms whose key `cjk` accepts and only text terms whose
/// first character `first` accepts.
pub enum Wanted<'a> {
    All,
    Some {
        cjk: &'a dyn Fn(u64) -> bool,
        first: &'a dyn Fn(char) -> bool,
    },
}

impl Wanted<'_> {
    fn cjk(&self, key: u64) -> bool {
        match self {
            Wanted::All => true,
            Wanted::Some { cjk, .. } => cjk(key),
        }
    }

    /// Whether the text term made of `chars` (marks are left out of terms,
    /// and stemming keeps a word's first letter) may be wanted.
    fn text<'c>(&self, mut chars: impl Iterator<Item = &'c char>) -> bool {
        match self {
            Wanted::All => true,
            Wanted::Some { first, .. } => chars.find(|c| !is_mark(**c)).is_none_or(|&c| first(c)),
        }
    }
}

/// Like [`tokenize`], but emits only the terms `wanted` may want (and
/// perhaps a few others); those come with the same keys and spans.
pub fn tokenize_some(text: &str, mode: Mode, wanted: &Wanted<'_>, emit: &mut impl FnMut(Token)) {
    let chars: Vec<char> = text.chars().map(fold_char).collect();
    let n = chars.len();
    let mut segments = Vec::new();
    let mut i = 0;
    while i < n {
        let c = chars[i];
        if is_cjk(c) {
            let start = i;
            while i < n && is_cjk(chars[i]) {
                i += 1;
            }
            cjk_run(&chars[start..i], start, mode, wanted, emit);
        } else if is_word_char(c) {
            segments.clear();
            let mut segment_start = i;
            loop {
                while i < n && is_word_char(chars[i]) {
                    i += 1;
                }
                segments.push((segment_start, i));
                if i + 1 < n && chars[i] == '-' && is_word_char(chars[i + 1]) {
                    i += 1;
                    segment_start = i;
                } else {
                    break;
                }
            }
            word_run(&chars, &segments, mode, wanted, emit);
        } else {
            i += 1;
        }
    }
}

/// Collects the terms of `text` into a list.
pub fn tokens(text: &str, mode: Mode) -> Vec<Token> {
    let mut out = Vec::new();
    tokenize(text, mode, &mut |token| out.push(token));
    out
}

#[inline(always)]
fn is_word_char(c: char) -> bool {
    (c.is_alphanumeric() && !is_cjk(c)) || is_mark(c)
}

/// Combining accents (from decomposed text) belong to their letter and are
/// left out of the term.
#[inline(always)]
fn is_mark(c: char) -> bool {
    ('\u{300}'..='\u{36F}').contains(&c)
}

fn cjk_run(
    run: &[char],
    offset: usize,
    mode: Mode,
    wanted: &Wanted<'_>,
    emit: &mut impl FnMut(Token),
) {
    let single = |at: usize| Token {
        key: Key::single(run[at]),
        kind: Kind::Char,
        surface: String::new(),
        start: offset + at,
        end: offset + at + 1,
    };
    let pair = |at: usize| Token {
        key: Key::pair(run[at], run[at + 1]),
        kind: Kind::Pair,
        surface: String::new(),
        start: offset + at,
        end: offset + at + 2,
    };
    match mode {
        Mode::Document => {
            for at in 0..run.len() {
                if wanted.cjk(run[at] as u64) {
                    emit(single(at));
                }
                if at + 1 < run.len() && wanted.cjk(((run[at] as u64) << 32) | run[at + 1] as u64) {
                    emit(pair(at));
                }
            }
        }
        Mode::Query if run.len() == 1 => emit(single(0)),
        Mode::Query => (0..run.len() - 1).for_each(|at| emit(pair(at))),
    }
}

/// Emits the terms of a run of letters and digits, whose segments were
/// joined by single hyphens.
fn word_run(
    chars: &[char],
    segments: &[(usize, usize)],
    mode: Mode,
    wanted: &Wanted<'_>,
    emit: &mut impl FnMut(Token),
) {
    let text = |(from, to): (usize, usize)| -> String {
        chars[from..to].iter().filter(|c| !is_mark(**c)).collect()
    };
    let run_start = segments[0].0;
    let run_end = segments[segments.len() - 1].1;
    if segments.len() > 1 {
        if wanted.text(segments.iter().flat_map(|&(from, to)| &chars[from..to])) {
            let whole: String = segments.iter().map(|&s| text(s)).collect();
            emit(term(whole, run_start, run_end));
        }
        if mode == Mode::Query {
            return;
        }
    }
    for &(from, to) in segments {
        // Whether the segment has digits and other characters, ignoring
        // marks, in one pass.
        let (mut digits, mut others) = (false, false);
        for &c in &chars[from..to] {
            if c.is_numeric() {
                digits = true;
            } else if !is_mark(c) {
                others = true;
            }
        }
        if !digits && !others {
            continue;
        }
        let mixed = digits && others;
        if wanted.text(chars[from..to].iter()) {
            emit(term(text((from, to)), from, to));
        }
        if mixed && mode == Mode::Document {
            // The letter and digit parts of a code: `nvr8` → `nvr`, `8`.
            let mut at = from;
            while at < to {
                let numeric = chars[at].is_numeric();
                let part_start = at;
                while at < to && (chars[at].is_numeric() == numeric || is_mark(chars[at])) {
                    at += 1;
                }
                if wanted.text(chars[part_start..at].iter()) {
                    emit(term(text((part_start, at)), part_start, at));
                }
            }
        }
    }
}

/// Makes the token for a piece of a word run: a stemmed word, a number or a
/// code.
fn term(text: String, start: usize, end: usize) -> Token {
    let digits = text.chars().any(|c| c.is_numeric());
    let letters = text.chars().any(|c| !c.is_numeric());
    let (key, kind, surface) = match (letters, digits) {
        (true, false) => {
            let stemmed = stem(&text);
            (Key::Text(stemmed), Kind::Word, text)
        }
        (false, true) => (Key::Text(text), Kind::Number, String::new()),
        _ => (Key::Text(text), Kind::Code, String::new()),
    };
    Token {
        key,
        kind,
        surface,
        start,
        end,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys(text: &str, mode: Mode) -> Vec<String> {
        tokens(text, mode)
            .into_iter()
            .map(|token| match token.key {
                Key::Text(text) => text,
                Key::Cjk(key) => [(key >> 32) as u32, key as u32]
                    .into_iter()
                    .filter(|&c| c != 0)
                    .filter_map(char::from_u32)
                    .collect(),
            })
            .collect()
    }

    #[test]
    fn chinese_becomes_characters_and_pairs() {
        assert_eq!(
            keys("不制冷", Mode::Document),
            ["不", "不制", "制", "制冷", "冷"]
        );
        assert_eq!(keys("不制冷", Mode::Query), ["不制", "制冷"]);
        assert_eq!(keys("冷", Mode::Query), ["冷"]);
        assert_eq!(keys("錯誤", Mode::Query), ["错误"]);
    }

    #[test]
    fn model_numbers_are_kept_whole_and_as_parts() {
        assert_eq!(keys("BW-200", Mode::Document), ["bw200", "bw", "200"]);
        assert_eq!(keys("BW-200", Mode::Query), ["bw200"]);
        assert_eq!(keys("NVR8", Mode::Document), ["nvr8", "nvr", "8"]);
        assert_eq!(
            keys("LW-NVR8", Mode::Document),
            ["lwnvr8", "lw", "nvr8", "nvr", "8"]
        );
        assert_eq!(keys("E17", Mode::Query), ["e17"]);
        assert_eq!(keys("ＣＳ－４０", Mode::Query), ["cs40"]);
    }

    #[test]
    fn mixed_scripts_split_at_the_boundary() {
        assert_eq!(keys("BW-200打印机", Mode::Query), ["bw200", "打印", "印机"]);
        let spans: Vec<(usize, usize)> = tokens("BW-200打印机", Mode::Query)
            .iter()
            .map(|t| (t.start, t.end))
            .collect();
        assert_eq!(spans, [(0, 6), (6, 8), (7, 9)]);
    }

    #[test]
    fn words_are_folded_and_stemmed() {
        assert_eq!(
            keys("Printing CAFÉ résumés", Mode::Query),
            ["print", "caf", "resum"]
        );
        let token = &tokens("Printing", Mode::Query)[0];
        assert_eq!(
            (token.kind, token.surface.as_str()),
            (Kind::Word, "printing")
        );
        assert_eq!(keys("call-out fees", Mode::Query), ["callout", "fee"]);
        assert_eq!(keys("don't", Mode::Query), ["don", "t"]);
    }
}
