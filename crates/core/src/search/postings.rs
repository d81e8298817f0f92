//! Postings: for one term, the documents it occurs in and how often in each
//! field, stored as delta-encoded variable-length integers (a document gap,
//! then the text count with two flags for title and tags, then those
//! counts), usually two or three bytes per document.

use super::index::{TAGS, TEXT, TITLE};

/// How often a term occurs in one document, per field.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Posting {
    pub doc: u32,
    pub tf: [u32; 3],
}

/// Reads a term's postings one by one.
pub struct Postings<'a> {
    bytes: &'a [u8],
    doc: Option<u32>,
}

impl<'a> Postings<'a> {
    /// Reads the encoded postings `bytes` of one term.
    pub fn new(bytes: &'a [u8]) -> Postings<'a> {
        Postings { bytes, doc: None }
    }
}

impl Iterator for Postings<'_> {
    type Item = Posting;

    fn next(&mut self) -> Option<Posting> {
        if self.bytes.is_empty() {
            return None;
        }
        let gap = read(&mut self.bytes);
        let doc = match self.doc {
            None => gap,
            Some(previous) => previous.saturating_add(gap),
        };
        self.doc = Some(doc);
        let packed = read(&mut self.bytes);
        let mut tf = [0, 0, packed >> 2];
        if packed & 2 != 0 {
            tf[TITLE] = read(&mut self.bytes);
        }
        if packed & 1 != 0 {
            tf[TAGS] = read(&mut self.bytes);
        }
        Some(Posting { doc, tf })
    }
}

/// Appends one posting (with `doc` holding the gap to the previous one).
pub fn encode(out: &mut Vec<u8>, posting: Posting) {
    write(out, posting.doc);
    let title = posting.tf[TITLE] > 0;
    let tags = posting.tf[TAGS] > 0;
    write(
        out,
        (posting.tf[TEXT] << 2) | (u32::from(title) << 1) | u32::from(tags),
    );
    if title {
        write(out, posting.tf[TITLE]);
    }
    if tags {
        write(out, posting.tf[TAGS]);
    }
}

fn write(out: &mut Vec<u8>, mut value: u32) {
    while value >= 0x80 {
        out.push((value as u8) | 0x80);
        value >>= 7;
    }
    out.push(value as u8);
}

fn read(bytes: &mut &[u8]) -> u32 {
    let mut value = 0u32;
    let mut shift = 0;
    while let Some((&byte, rest)) = bytes.split_first() {
        *bytes = rest;
        value |= u32::from(byte & 0x7F).checked_shl(shift).unwrap_or(0);
        if byte < 0x80 {
            break;
        }
        shift += 7;
    }
    value
}
