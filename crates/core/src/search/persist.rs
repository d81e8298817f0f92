//! Saving an index as bytes and loading it back, so that the portal can keep
//! it (in IndexedDB) and skip the build on the next page load. The format is
//! private to this crate and versioned: bytes from another version simply
//! fail to load, and the caller builds afresh.

use super::index::{Doc, Index};
use super::score::norms;
use super::synonyms::Synonyms;
use super::{SearchIndex, SearchSettings, SynonymSets};
use crate::Locale;

/// The first bytes of a saved index: a name and the format's version.
const MAGIC: &[u8; 8] = b"AKBIDX01";

impl SearchIndex {
    /// The index as bytes, for [`SearchIndex::from_bytes`].
    pub fn to_bytes(&self) -> Vec<u8> {
        let index = &self.index;
        let mut out = Writer(Vec::with_capacity(self.approximate_bytes()));
        out.0.extend_from_slice(MAGIC);
        out.strings(
            self.settings
                .synonyms
                .0
                .iter()
                .map(|set| set.join("\u{1F}")),
        );
        out.u32(index.docs.len() as u32);
        for doc in &index.docs {
            for text in [&doc.id, &doc.title, &doc.category, &doc.locale, &doc.text] {
                out.str(text);
            }
            out.strings(doc.tags.iter().cloned());
            doc.lengths.iter().for_each(|&length| out.u32(length));
        }
        out.strings(index.words.iter().map(|word| word.to_string()));
        out.strings(index.surfaces.iter().map(|(text, _)| text.to_string()));
        out.u32s(index.surfaces.iter().map(|(_, term)| *term));
        out.u32(index.cjk.len() as u32);
        index
            .cjk
            .iter()
            .for_each(|&key| out.0.extend_from_slice(&key.to_le_bytes()));
        out.u32(index.spellings_by_len.len() as u32);
        for bucket in &index.spellings_by_len {
            out.u32s(bucket.iter().flat_map(|&(at, set)| [at, set]));
        }
        out.u32(index.postings.len() as u32);
        out.0.extend_from_slice(&index.postings);
        out.u32s(index.offsets.iter().copied());
        out.u32s(index.df.iter().copied());
        index
            .average
            .iter()
            .for_each(|&average| out.u32(average.to_bits()));
        out.0
    }

    /// An index saved by [`SearchIndex::to_bytes`] of this version, or `None`
    /// when the bytes are from another version or damaged.
    pub fn from_bytes(bytes: &[u8]) -> Option<SearchIndex> {
        let mut input = Reader(bytes.strip_prefix(MAGIC)?);
        let sets: Vec<Vec<String>> = input
            .strings()?
            .into_iter()
            .map(|set| set.split('\u{1F}').map(String::from).collect())
            .collect();
        let settings = SearchSettings {
            synonyms: SynonymSets(sets),
        };
        let count = input.u32()? as usize;
        let mut docs = Vec::with_capacity(count.min(bytes.len()));
        for _ in 0..count {
            let [id, title, category, locale, text] =
                [(); 5].map(|_| input.str().map(String::from));
            let locale = locale?;
            docs.push(Doc {
                id: id?,
                title: title?,
                category: category?,
                language: Locale::from_tag(&locale),
                locale,
                tags: input.strings()?,
                text: text?,
                lengths: [input.u32()?, input.u32()?, input.u32()?],
            });
        }
        let words = input
            .strings()?
            .into_iter()
            .map(String::into_boxed_str)
            .collect();
        let surface_texts = input.strings()?;
        let surface_terms = input.u32s()?;
        if surface_texts.len() != surface_terms.len() {
            return None;
        }
        let surfaces = surface_texts
            .into_iter()
            .map(String::into_boxed_str)
            .zip(surface_terms)
            .collect();
        let cjk_count = input.u32()? as usize;
        let cjk = input
            .take(cjk_count.checked_mul(8)?)?
            .chunks_exact(8)
            .map(|chunk| u64::from_le_bytes(chunk.try_into().unwrap_or_default()))
            .collect();
        let buckets = input.u32()? as usize;
        let mut spellings_by_len = Vec::with_capacity(buckets.min(bytes.len()));
        for _ in 0..buckets {
            let flat = input.u32s()?;
            spellings_by_len.push(
                flat.chunks_exact(2)
                    .map(|pair| (pair[0], pair[1]))
                    .collect(),
            );
        }
        let postings_len = input.u32()? as usize;
        let postings = input.take(postings_len)?.to_vec();
        let offsets = input.u32s()?;
        let df = input.u32s()?;
        let average = [input.u32()?, input.u32()?, input.u32()?].map(f32::from_bits);
        let terms = df.len();
        let consistent = input.0.is_empty()
            && offsets.len() == terms + 1
            && offsets
                .last()
                .is_some_and(|&end| end as usize == postings.len())
            && offsets.windows(2).all(|pair| pair[0] <= pair[1]);
        let index = Index {
            norms: norms(&docs, average),
            languages: docs.iter().map(|doc| doc.language).collect(),
            docs,
            words,
            surfaces,
            cjk,
            spellings_by_len,
            postings,
            offsets,
            df,
            average,
        };
        let in_range = index.words.len() + index.cjk.len() == terms
            && index
                .surfaces
                .iter()
                .all(|(_, term)| (*term as usize) < terms)
            && index
                .spellings_by_len
                .iter()
                .flatten()
                .all(|(at, _)| (*at as usize) < index.words.len() + index.surfaces.len());
        let docs = index.docs.len() as u32;
        let postings_valid = consistent
            && in_range
            && (0..terms as u32).all(|term| index.postings(term).all(|posting| posting.doc < docs));
        postings_valid.then(|| SearchIndex {
            synonyms: Synonyms::compile(&settings.synonyms),
            settings,
            index,
        })
    }
}

/// Appends little-endian numbers and length-prefixed strings.
struct Writer(Vec<u8>);

impl Writer {
    fn u32(&mut self, value: u32) {
        self.0.extend_from_slice(&value.to_le_bytes());
    }

    fn u32s(&mut self, values: impl Iterator<Item = u32>) {
        let values: Vec<u32> = values.collect();
        self.u32(values.len() as u32);
        values.into_iter().for_each(|value| self.u32(value));
    }

    fn str(&mut self, text: &str) {
        self.u32(text.len() as u32);
        self.0.extend_from_slice(text.as_bytes());
    }

    fn strings(&mut self, texts: impl Iterator<Item = String>) {
        let texts: Vec<String> = texts.collect();
        self.u32(texts.len() as u32);
        texts.iter().for_each(|text| self.str(text));
    }
}

/// Reads what [`Writer`] wrote; `None` when the bytes run out or are not
/// UTF-8 where text is expected.
struct Reader<'a>(&'a [u8]);

impl<'a> Reader<'a> {
    fn take(&mut self, len: usize) -> Option<&'a [u8]> {
        if self.0.len() < len {
            return None;
        }
        let (head, rest) = self.0.split_at(len);
        self.0 = rest;
        Some(head)
    }

    fn u32(&mut self) -> Option<u32> {
        Some(u32::from_le_bytes(self.take(4)?.try_into().ok()?))
    }

    fn u32s(&mut self) -> Option<Vec<u32>> {
        let count = self.u32()? as usize;
        let bytes = self.take(count.checked_mul(4)?)?;
        Some(
            bytes
                .chunks_exact(4)
                .map(|chunk| u32::from_le_bytes([chunk[0], chunk[1], chunk[2], chunk[3]]))
                .collect(),
        )
    }

    fn str(&mut self) -> Option<&'a str> {
        let len = self.u32()? as usize;
        std::str::from_utf8(self.take(len)?).ok()
    }

    fn strings(&mut self) -> Option<Vec<String>> {
        let count = self.u32()? as usize;
        let mut texts = Vec::with_capacity(count.min(self.0.len() / 4));
        for _ in 0..count {
            texts.push(self.str()?.to_string());
        }
        Some(texts)
    }
}
