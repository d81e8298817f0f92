//! Text with the search engine's matches marked: the engine gives plain text
//! and `[start, end)` character ranges, and this draws each range as a
//! `<mark>` element. Nothing is ever parsed as HTML.

use leptos::prelude::*;

/// One piece of the text: its characters and whether they matched.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Piece {
    pub text: String,
    pub marked: bool,
}

/// Cuts `text` into plain and marked pieces by `ranges` (character offsets,
/// `[start, end)`). Ranges out of order, overlapping, empty or beyond the
/// end are tidied up rather than trusted.
pub fn pieces(text: &str, ranges: &[[usize; 2]]) -> Vec<Piece> {
    let chars: Vec<char> = text.chars().collect();
    let mut spans: Vec<(usize, usize)> = ranges
        .iter()
        .map(|&[start, end]| (start.min(chars.len()), end.min(chars.len())))
        .filter(|(start, end)| start < end)
        .collect();
    spans.sort_unstable();
    // Overlapping or touching ranges become one mark.
    let mut merged: Vec<(usize, usize)> = Vec::new();
    for (start, end) in spans {
        match merged.last_mut() {
            Some(last) if start <= last.1 => last.1 = last.1.max(end),
            _ => merged.push((start, end)),
        }
    }
    let mut out = Vec::new();
    let mut at = 0;
    for (start, end) in merged {
        if start > at {
            out.push(Piece {
                text: chars[at..start].iter().collect(),
                marked: false,
            });
        }
        out.push(Piece {
            text: chars[start..end].iter().collect(),
            marked: true,
        });
        at = end;
    }
    if at < chars.len() || out.is_empty() {
        out.push(Piece {
            text: chars[at..].iter().collect(),
            marked: false,
        });
    }
    out
}

/// `text` with the ranges `highlights` drawn as `<mark>` elements.
#[component]
pub fn MarkedText(
    /// The plain text.
    #[prop(into)]
    text: String,
    /// What matched: `[start, end)` character offsets into `text`.
    #[prop(optional)]
    highlights: Vec<[usize; 2]>,
) -> impl IntoView {
    pieces(&text, &highlights)
        .into_iter()
        .map(|piece| {
            if piece.marked {
                view! { <mark>{piece.text}</mark> }.into_any()
            } else {
                piece.text.into_any()
            }
        })
        .collect_view()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shown(pieces: &[Piece]) -> String {
        pieces
            .iter()
            .map(|p| {
                if p.marked {
                    format!("[{}]", p.text)
                } else {
                    p.text.clone()
                }
            })
            .collect()
    }

    #[test]
    fn marks_ranges_counted_in_characters() {
        let text = "打印机无法打印 E17";
        assert_eq!(
            shown(&pieces(text, &[[0, 2], [5, 7]])),
            "[打印]机无法[打印] E17"
        );
        assert_eq!(shown(&pieces(text, &[[8, 11]])), "打印机无法打印 [E17]");
    }

    #[test]
    fn tidies_ranges_it_cannot_trust() {
        let text = "calibration";
        assert_eq!(
            shown(&pieces(text, &[[4, 6], [0, 5], [9, 99], [3, 3]])),
            "[calibr]ati[on]"
        );
        assert_eq!(shown(&pieces(text, &[])), "calibration");
        assert_eq!(shown(&pieces("", &[[0, 1]])), "");
    }
}
