//! Synonym sets from the backend's configuration, compiled to query terms,
//! and finding which of them a query mentions. A set member may be a phrase
//! (`factory restore`); it matches where its terms appear one after another
//! in the query.

use super::tokens::{tokens, Key, Mode};
use super::SynonymSets;

/// The synonym sets, each member as the terms a query for it would have.
#[derive(Debug, Clone, Default)]
pub struct Synonyms {
    sets: Vec<Vec<Vec<Key>>>,
}

/// A place where the query says a set member: the query terms
/// `[start, end)`, and the set's other members.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SynonymMatch<'a> {
    pub start: usize,
    pub end: usize,
    pub others: Vec<&'a [Key]>,
}

impl Synonyms {
    /// Tokenizes every member of every set; members without terms are left
    /// out, and so are sets with fewer than two members left.
    pub fn compile(sets: &SynonymSets) -> Synonyms {
        let sets = sets
            .0
            .iter()
            .map(|set| {
                set.iter()
                    .map(|member| {
                        tokens(member, Mode::Query)
                            .into_iter()
                            .map(|t| t.key)
                            .collect()
                    })
                    .filter(|keys: &Vec<Key>| !keys.is_empty())
                    .collect::<Vec<Vec<Key>>>()
            })
            .filter(|set| set.len() >= 2)
            .collect();
        Synonyms { sets }
    }

    /// An estimate of the heap memory the sets hold, in bytes.
    pub fn approximate_bytes(&self) -> usize {
        let key = std::mem::size_of::<Key>();
        let members = self.sets.iter().flatten();
        members
            .map(|keys| {
                std::mem::size_of::<Vec<Key>>()
                    + keys.capacity() * key
                    + keys
                        .iter()
                        .map(|k| match k {
                            Key::Text(text) => text.capacity(),
                            Key::Cjk(_) => 0,
                        })
                        .sum::<usize>()
            })
            .sum::<usize>()
            + self.sets.capacity() * std::mem::size_of::<Vec<Vec<Key>>>()
    }

    /// Where `query` (a query's terms in order) says a member of a set, with
    /// the members the customer might have meant instead.
    pub fn find(&self, query: &[Key]) -> Vec<SynonymMatch<'_>> {
        let mut found = Vec::new();
        for set in &self.sets {
            for (index, member) in set.iter().enumerate() {
                let width = member.len();
                if width > query.len() {
                    continue;
                }
                for start in 0..=query.len() - width {
                    if query[start..start + width] == member[..] {
                        let others = set
                            .iter()
                            .enumerate()
                            .filter(|&(other, _)| other != index)
                            .map(|(_, keys)| keys.as_slice())
                            .collect();
                        found.push(SynonymMatch {
                            start,
                            end: start + width,
                            others,
                        });
                    }
                }
            }
        }
        found
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys(text: &str) -> Vec<Key> {
        tokens(text, Mode::Query)
            .into_iter()
            .map(|t| t.key)
            .collect()
    }

    #[test]
    fn finds_words_and_phrases_of_a_set() {
        let synonyms = Synonyms::compile(&SynonymSets(vec![
            vec!["报修".into(), "维修".into(), "修理".into()],
            vec!["reset".into(), "factory restore".into()],
        ]));
        let query = keys("如何报修");
        let found = synonyms.find(&query);
        assert_eq!(found.len(), 1);
        assert_eq!((found[0].start, found[0].end), (2, 3));
        assert_eq!(found[0].others, vec![&keys("维修")[..], &keys("修理")[..]]);

        let found = synonyms.find(&keys("how to factory restore it"));
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].others, vec![&keys("reset")[..]]);
        assert!(synonyms.find(&keys("restore")).is_empty());
    }
}
