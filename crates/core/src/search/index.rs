//! The inverted index: a sorted dictionary of terms and, for each term, the
//! documents it occurs in with how often in each field (title, tags, text).
//! Postings are stored delta-encoded as variable-length integers in one
//! byte array, and terms are numbered in dictionary order, which keeps the
//! index compact and the build a single pass over the articles.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

use super::fuzzy::letter_set;
use super::postings::{encode, Posting, Postings};
use super::score::norms;
use super::tokens::{tokenize, Key, Kind, Mode, Token};
use crate::{Article, Locale};

/// The fields of an article, in posting order.
pub const TITLE: usize = 0;
pub const TAGS: usize = 1;
pub const TEXT: usize = 2;

/// What the index keeps about each article.
#[derive(Debug, Clone)]
pub struct Doc {
    pub id: String,
    pub title: String,
    pub category: String,
    pub locale: String,
    /// The article's locale, when it is one the portal supports.
    pub language: Option<Locale>,
    pub tags: Vec<String>,
    pub text: String,
    /// How many terms each field has.
    pub lengths: [u32; 3],
}

/// A dictionary entry: term text and the term's number.
pub type Entry = (Box<str>, u32);

/// The index proper.
#[derive(Debug, Clone, Default)]
pub struct Index {
    pub docs: Vec<Doc>,
    /// Word, code and number terms, sorted by text; a word's term number
    /// is its place here.
    pub words: Vec<Box<str>>,
    /// Unstemmed spellings of words whose stem differs, sorted by text; for
    /// prefix and typo matching on what customers actually type.
    pub surfaces: Vec<Entry>,
    /// CJK character and pair terms, sorted by key; their term numbers
    /// follow the words'.
    pub cjk: Vec<u64>,
    /// Indexes into `words` (below its length) or `surfaces` (above) of
    /// letter-only spellings with their letter sets, bucketed by length in
    /// characters.
    pub spellings_by_len: Vec<Vec<(u32, u32)>>,
    /// Encoded postings of term `t` are `postings[offsets[t]..offsets[t + 1]]`.
    pub postings: Vec<u8>,
    pub offsets: Vec<u32>,
    /// In how many documents each term occurs.
    pub df: Vec<u32>,
    /// The average length of each field.
    pub average: [f32; 3],
    /// Per document: BM25's length normalisation of each field ([`norms`])
    /// and `Doc::language`, packed so that queries need not visit `docs`.
    pub norms: Vec<[f32; 3]>,
    pub languages: Vec<Option<Locale>>,
}

/// A fast, deterministic hasher for short keys during the build (FxHash).
#[derive(Default)]
struct FxHasher(u64);

impl Hasher for FxHasher {
    fn finish(&self) -> u64 {
        // Fold the high bits down: the table picks buckets by the low bits,
        // which on their own only see the low bits of the key.
        let x = self.0;
        (x ^ (x >> 29)).wrapping_mul(0xbf58_476d_1ce4_e5b9) ^ (x >> 32)
    }

    fn write(&mut self, bytes: &[u8]) {
        for chunk in bytes.chunks(8) {
            let mut word = [0u8; 8];
            word[..chunk.len()].copy_from_slice(chunk);
            self.write_u64(u64::from_le_bytes(word));
        }
    }

    fn write_u64(&mut self, value: u64) {
        self.0 = (self.0.rotate_left(5) ^ value).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
}

type Fx = BuildHasherDefault<FxHasher>;

/// What the build keeps per term, together so that one cache line holds it.
struct TermState {
    list: Vec<u8>,
    last_doc: u32,
    df: u32,
    /// Occurrences per field in the document being added.
    counts: [u32; 3],
    kind: Kind,
}

/// The state of a build in progress.
#[derive(Default)]
struct Builder {
    words: HashMap<Box<str>, u32, Fx>,
    surfaces: HashMap<Box<str>, u32, Fx>,
    cjk: HashMap<u64, u32, Fx>,
    /// Single characters of the Basic Multilingual Plane, by code point: a
    /// direct table is much faster than hashing the most common terms.
    singles: Vec<u32>,
    terms: Vec<TermState>,
}

impl Builder {
    fn intern(&mut self, token: &Token) -> u32 {
        let next = self.terms.len() as u32;
        let (id, new) = match &token.key {
            Key::Cjk(key) if *key < 0x1_0000 => {
                if self.singles.is_empty() {
                    self.singles = vec![u32::MAX; 0x1_0000];
                }
                let slot = &mut self.singles[*key as usize];
                if *slot == u32::MAX {
                    *slot = next;
                }
                (*slot, *slot == next)
            }
            Key::Cjk(key) => {
                let id = *self.cjk.entry(*key).or_insert(next);
                (id, id == next)
            }
            Key::Text(text) => match self.words.get(text.as_str()) {
                Some(&id) => (id, false),
                None => {
                    self.words.insert(text.as_str().into(), next);
                    (next, true)
                }
            },
        };
        if new {
            self.terms.push(TermState {
                list: Vec::new(),
                last_doc: u32::MAX,
                df: 0,
                counts: [0; 3],
                kind: token.kind,
            });
        }
        if token.kind == Kind::Word
            && matches!(&token.key, Key::Text(stem) if *stem != token.surface)
            && !self.surfaces.contains_key(token.surface.as_str())
        {
            self.surfaces.insert(token.surface.as_str().into(), id);
        }
        id
    }

    fn add(&mut self, doc: u32, article: &Article) -> [u32; 3] {
        let mut touched: Vec<u32> = Vec::new();
        let mut lengths = [0u32; 3];
        let tags = article.tags.join("\n");
        for (field, text) in [
            (TITLE, &article.title),
            (TAGS, &tags),
            (TEXT, &article.text),
        ] {
            tokenize(text, Mode::Document, &mut |token| {
                let id = self.intern(&token);
                let count = &mut self.terms[id as usize].counts;
                if *count == [0; 3] {
                    touched.push(id);
                }
                count[field] += 1;
                lengths[field] += 1;
            });
        }
        for id in touched {
            let term = &mut self.terms[id as usize];
            let tf = std::mem::take(&mut term.counts);
            let gap = match term.last_doc {
                u32::MAX => doc,
                last => doc - last,
            };
            term.last_doc = doc;
            term.df += 1;
            encode(&mut term.list, Posting { doc: gap, tf });
        }
        lengths
    }
}

impl Index {
    /// Indexes `articles` in the given order; document numbers are positions.
    pub fn build(articles: &[Article]) -> Index {
        let mut builder = Builder::default();
        let mut docs = Vec::with_capacity(articles.len());
        let mut totals = [0f64; 3];
        for (at, article) in articles.iter().enumerate() {
            let lengths = builder.add(at as u32, article);
            for field in 0..3 {
                totals[field] += lengths[field] as f64;
            }
            docs.push(Doc {
                id: article.id.clone(),
                title: article.title.clone(),
                category: article.category.clone(),
                locale: article.locale.clone(),
                language: Locale::from_tag(&article.locale),
                tags: article.tags.clone(),
                text: article.text.clone(),
                lengths,
            });
        }
        let n = articles.len().max(1) as f64;
        let average = totals.map(|total| ((total / n) as f32).max(1.0));

        // Renumber the terms in dictionary order: words, then CJK keys, so
        // that a term's number is its place in its dictionary.
        let mut words: Vec<Entry> = builder.words.into_iter().collect();
        words.sort_unstable();
        let mut cjk: Vec<(u64, u32)> = builder.cjk.into_iter().collect();
        let singles = builder.singles.iter().enumerate();
        cjk.extend(
            singles
                .filter(|(_, id)| **id != u32::MAX)
                .map(|(c, id)| (c as u64, *id)),
        );
        cjk.sort_unstable();
        let order: Vec<u32> = words
            .iter()
            .map(|e| e.1)
            .chain(cjk.iter().map(|e| e.1))
            .collect();
        let mut renumbered = vec![0u32; order.len()];
        for (new, &old) in order.iter().enumerate() {
            renumbered[old as usize] = new as u32;
        }

        let total: usize = builder.terms.iter().map(|term| term.list.len()).sum();
        let mut postings = Vec::with_capacity(total);
        let mut offsets = Vec::with_capacity(order.len() + 1);
        let mut df = Vec::with_capacity(order.len());
        for &old in &order {
            offsets.push(postings.len() as u32);
            let term = &mut builder.terms[old as usize];
            postings.extend_from_slice(&std::mem::take(&mut term.list));
            df.push(term.df);
        }
        offsets.push(postings.len() as u32);

        let mut surfaces: Vec<Entry> = builder
            .surfaces
            .into_iter()
            .map(|(text, old)| (text, renumbered[old as usize]))
            .collect();
        surfaces.sort_unstable();

        let mut spellings_by_len: Vec<Vec<(u32, u32)>> = Vec::new();
        let letters_only = |text: &str| text.chars().all(char::is_alphabetic);
        let all = words
            .iter()
            .map(|e| (&e.0, e.1))
            .chain(surfaces.iter().map(|e| (&e.0, e.1)));
        for (at, (text, old_or_new)) in all.enumerate() {
            let old = if at < words.len() {
                old_or_new
            } else {
                order[old_or_new as usize]
            };
            if builder.terms[old as usize].kind != Kind::Word || !letters_only(text) {
                continue;
            }
            let len = text.chars().count();
            if spellings_by_len.len() <= len {
                spellings_by_len.resize(len + 1, Vec::new());
            }
            spellings_by_len[len].push((at as u32, letter_set(text)));
        }

        Index {
            norms: norms(&docs, average),
            languages: docs.iter().map(|doc| doc.language).collect(),
            docs,
            words: shrunk(words.into_iter().map(|(text, _)| text).collect()),
            surfaces,
            cjk: shrunk(cjk.into_iter().map(|(key, _)| key).collect()),
            spellings_by_len,
            postings,
            offsets,
            df,
            average,
        }
    }

    /// The number of the term `key`, if any document has it.
    pub fn lookup(&self, key: &Key) -> Option<u32> {
        match key {
            Key::Cjk(key) => self
                .cjk
                .binary_search(key)
                .ok()
                .map(|at| (self.words.len() + at) as u32),
            Key::Text(text) => self
                .words
                .binary_search_by(|word| (**word).cmp(text.as_str()))
                .ok()
                .map(|at| at as u32),
        }
    }

    /// The key of term `term`.
    pub fn key(&self, term: u32) -> Key {
        let at = term as usize;
        match self.words.get(at) {
            Some(word) => Key::Text(word.to_string()),
            None => Key::Cjk(self.cjk[at - self.words.len()]),
        }
    }

    /// The dictionary entries starting with `prefix` as `(text, term)`:
    /// stems first, then unstemmed spellings.
    pub fn with_prefix<'a>(&'a self, prefix: &'a str) -> impl Iterator<Item = (&'a str, u32)> + 'a {
        let start = self.words.partition_point(|word| **word < *prefix);
        let words = self.words[start..]
            .iter()
            .take_while(move |word| word.starts_with(prefix))
            .enumerate()
            .map(move |(at, word)| (&**word, (start + at) as u32));
        let start = self.surfaces.partition_point(|(text, _)| **text < *prefix);
        let surfaces = self.surfaces[start..]
            .iter()
            .take_while(move |(text, _)| text.starts_with(prefix))
            .map(|(text, term)| (&**text, *term));
        words.chain(surfaces)
    }

    /// The spelling numbered `at` in `spellings_by_len`, as `(text, term)`.
    pub fn spelling(&self, at: u32) -> (&str, u32) {
        let at = at as usize;
        match self.words.get(at) {
            Some(word) => (word, at as u32),
            None => {
                let (text, term) = &self.surfaces[at - self.words.len()];
                (text, *term)
            }
        }
    }

    /// The documents term `term` occurs in, in document order.
    pub fn postings(&self, term: u32) -> Postings<'_> {
        let from = self.offsets[term as usize] as usize;
        let to = self.offsets[term as usize + 1] as usize;
        Postings::new(&self.postings[from..to])
    }

    /// An estimate of the heap memory the index holds, in bytes.
    pub fn approximate_bytes(&self) -> usize {
        let words = self.words.capacity() * std::mem::size_of::<Box<str>>()
            + self.words.iter().map(|word| word.len()).sum::<usize>();
        let surfaces = self.surfaces.capacity() * std::mem::size_of::<Entry>()
            + self
                .surfaces
                .iter()
                .map(|(text, _)| text.len())
                .sum::<usize>();
        let docs: usize = self
            .docs
            .iter()
            .map(|doc| {
                std::mem::size_of::<Doc>()
                    + doc.id.capacity()
                    + doc.title.capacity()
                    + doc.category.capacity()
                    + doc.locale.capacity()
                    + doc.text.capacity()
                    + doc.tags.capacity() * std::mem::size_of::<String>()
                    + doc.tags.iter().map(String::capacity).sum::<usize>()
            })
            .sum();
        let buckets: usize = self
            .spellings_by_len
            .iter()
            .map(|bucket| std::mem::size_of::<Vec<(u32, u32)>>() + bucket.capacity() * 8)
            .sum();
        docs + words
            + surfaces
            + self.cjk.capacity() * 8
            + buckets
            + self.postings.capacity()
            + self.offsets.capacity() * 4
            + self.df.capacity() * 4
            + self.norms.capacity() * 12
            + self.languages.capacity() * std::mem::size_of::<Option<Locale>>()
    }
}

/// A list without spare capacity (collecting in place keeps the old one).
fn shrunk<T>(mut list: Vec<T>) -> Vec<T> {
    list.shrink_to_fit();
    list
}
