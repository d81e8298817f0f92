//! Snippets: about 160 characters of an article's plain text around its
//! densest cluster of matches, with the matched words as character ranges
//! for the portal to mark. The text stays plain; nothing here is HTML.

use super::index::Index;
use super::tokens::{tokenize_some, Key, Mode, Wanted};

/// About how wide a snippet is, in columns (a CJK character takes two),
/// not counting the ellipses.
pub const SNIPPET_WIDTH: usize = 160;
/// How much text to keep before the first match in the window.
const LEAD: usize = 24;
/// How far to look back for the start of a sentence.
const SENTENCE_LOOKBACK: usize = 40;

/// The keys of the index `terms` a query matches, sorted, for [`snippet`].
pub fn match_keys(index: &Index, terms: &[u32]) -> Vec<(Key, u32)> {
    let mut keys: Vec<(Key, u32)> = terms.iter().map(|&term| (index.key(term), term)).collect();
    keys.sort_unstable();
    keys
}

/// The snippet of `text` for the matched `keys` (from [`match_keys`]), with
/// the `[start, end)` character ranges of the matches in it.
pub fn snippet(text: &str, keys: &[(Key, u32)]) -> (String, Vec<[usize; 2]>) {
    let chars: Vec<char> = text.chars().collect();
    let mut matches: Vec<(usize, usize, u32)> = Vec::new();
    if !keys.is_empty() {
        // Only terms that may be among the keys are worth making: CJK ones
        // that are keys, and text ones starting as a text key does.
        let mut firsts: Vec<char> = keys
            .iter()
            .filter_map(|(key, _)| match key {
                Key::Text(text) => text.chars().next(),
                Key::Cjk(_) => None,
            })
            .collect();
        firsts.sort_unstable();
        firsts.dedup();
        let first = |c: char| firsts.binary_search(&c).is_ok();
        // The CJK keys sort after the text ones, in order.
        let cjk_keys: Vec<u64> = keys
            .iter()
            .filter_map(|(key, _)| match key {
                Key::Cjk(key) => Some(*key),
                Key::Text(_) => None,
            })
            .collect();
        let cjk = |key: u64| cjk_keys.binary_search(&key).is_ok();
        let wanted = Wanted::Some {
            cjk: &cjk,
            first: &first,
        };
        tokenize_some(text, Mode::Document, &wanted, &mut |token| {
            if let Ok(at) = keys.binary_search_by(|(key, _)| key.cmp(&token.key)) {
                matches.push((token.start, token.end, keys[at].1));
            }
        });
    }
    matches.sort_unstable();
    let (start, end) = window(&chars, &matches);
    render(&chars, start, end, &matches)
}

/// Picks `[start, end)` of the text to show.
fn window(chars: &[char], matches: &[(usize, usize, u32)]) -> (usize, usize) {
    let len = chars.len();
    // `width[k]` is the display width of `chars[..k]`.
    let mut width = Vec::with_capacity(len + 1);
    width.push(0usize);
    for &c in chars {
        width.push(width[width.len() - 1] + column_width(c));
    }
    // The last end that keeps `[start, end)` within the snippet's width.
    let end_from = |start: usize| width.partition_point(|&w| w <= width[start] + SNIPPET_WIDTH) - 1;
    if width[len] <= SNIPPET_WIDTH || matches.is_empty() {
        return (0, cut_end(chars, end_from(0)));
    }
    // The match that starts the window holding the most different terms
    // (then the most matches); the earliest of equals. Two pointers walk
    // the matches once, counting each term's matches inside the window.
    let mut best = (0usize, 0usize, 0usize);
    let mut counts: Vec<(u32, usize)> = Vec::new();
    let mut distinct = 0usize;
    let mut last = 0usize;
    for (first, &(from, _, _)) in matches.iter().enumerate() {
        let reach = width[from] + SNIPPET_WIDTH - LEAD;
        while last < matches.len() && width[matches[last].1] <= reach {
            let term = matches[last].2;
            match counts.iter_mut().find(|(t, _)| *t == term) {
                Some((_, count)) => {
                    distinct += usize::from(*count == 0);
                    *count += 1;
                }
                None => {
                    counts.push((term, 1));
                    distinct += 1;
                }
            }
            last += 1;
        }
        let value = (distinct, last - first);
        if value > (best.1, best.2) {
            best = (first, value.0, value.1);
        }
        if last > first {
            if let Some((_, count)) = counts.iter_mut().find(|(t, _)| *t == matches[first].2) {
                *count -= 1;
                distinct -= usize::from(*count == 0);
            }
        }
    }
    let anchor = matches[best.0].0;
    let mut start = width.partition_point(|&w| w + LEAD < width[anchor]);
    // Start at a sentence or line when one begins shortly before.
    let lookback = width.partition_point(|&w| w + LEAD + SENTENCE_LOOKBACK < width[anchor]);
    if let Some(at) = (lookback..anchor)
        .rev()
        .find(|&at| at > 0 && ends_sentence(chars[at - 1]))
    {
        start = at;
    } else {
        start = word_start(chars, start, anchor);
    }
    if width[len] - width[start] < SNIPPET_WIDTH {
        start = width.partition_point(|&w| w + SNIPPET_WIDTH < width[len]);
        start = word_start(chars, start, anchor);
    }
    (start, cut_end(chars, end_from(start)))
}

/// Moves `start` forward, but not past `limit`, out of the middle of a word.
fn word_start(chars: &[char], mut start: usize, limit: usize) -> usize {
    while start > 0 && start < limit && is_letter(chars[start - 1]) && is_letter(chars[start]) {
        start += 1;
    }
    start
}

/// How many columns a character takes: two for CJK and full-width forms,
/// one for the rest, so a Chinese snippet says about as much as an English
/// one.
fn column_width(c: char) -> usize {
    if super::fold::is_cjk(c)
        || ('\u{3000}'..='\u{303F}').contains(&c)
        || ('\u{FF00}'..='\u{FFEF}').contains(&c)
    {
        2
    } else {
        1
    }
}

/// Moves `end` back to a word break when it falls inside a Latin word.
fn cut_end(chars: &[char], end: usize) -> usize {
    if end >= chars.len() {
        return chars.len();
    }
    let mut at = end;
    while at > end.saturating_sub(16) && is_letter(chars[at - 1]) && is_letter(chars[at]) {
        at -= 1;
    }
    if at == end.saturating_sub(16) {
        end
    } else {
        at
    }
}

fn is_letter(c: char) -> bool {
    c.is_alphanumeric() && !super::fold::is_cjk(c)
}

fn ends_sentence(c: char) -> bool {
    matches!(
        c,
        '\n' | '.' | '!' | '?' | ';' | '。' | '！' | '？' | '；' | '：'
    )
}

/// Copies `chars[start..end)` with runs of white space as one space, and
/// maps the matches into it.
fn render(
    chars: &[char],
    start: usize,
    end: usize,
    matches: &[(usize, usize, u32)],
) -> (String, Vec<[usize; 2]>) {
    let mut out: Vec<char> = Vec::with_capacity(end - start + 2);
    // Where each character of the window landed in `out`.
    let mut landed: Vec<usize> = Vec::with_capacity(end - start);
    if start > 0 {
        out.push('…');
    }
    let mut pending_space = false;
    for &c in &chars[start..end] {
        if c.is_whitespace() {
            pending_space = out.len() > usize::from(start > 0);
            landed.push(out.len());
            continue;
        }
        if pending_space {
            out.push(' ');
            pending_space = false;
        }
        landed.push(out.len());
        out.push(c);
    }
    if end < chars.len() {
        out.push('…');
    }
    let mut highlights: Vec<[usize; 2]> = Vec::new();
    for &(from, to, _) in matches {
        if from < start || to > end {
            continue;
        }
        let range = [landed[from - start], landed[to - 1 - start] + 1];
        match highlights.last_mut() {
            Some(last) if range[0] <= last[1] => last[1] = last[1].max(range[1]),
            _ => highlights.push(range),
        }
    }
    (out.into_iter().collect(), highlights)
}
