//! Every speaker of a collection, merged by name (the same person with different
//! roles over time is one entry), with the articles they speak in.

use std::collections::HashMap;

use crate::extract::lexicon::word_key;
use crate::outline::Outline;
use crate::text::fold;

/// One person across the collection.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SpeakerEntry {
    pub name: String,
    /// Accent-insensitive key for matching ("dinh tien quang").
    pub folded: String,
    /// Roles as written, in the order first seen, without repeats.
    pub roles: Vec<String>,
    /// Indexes of the articles where the person speaks, ascending.
    pub articles: Vec<usize>,
    pub statements: usize,
}

#[derive(Debug, Clone, Default)]
pub struct SpeakerIndex {
    pub entries: Vec<SpeakerEntry>,
    by_key: HashMap<String, usize>,
}

impl SpeakerIndex {
    /// Builds the index from outlines in article order.
    pub fn build<'a>(outlines: impl IntoIterator<Item = &'a Outline>) -> SpeakerIndex {
        let mut idx = SpeakerIndex::default();
        for (a, o) in outlines.into_iter().enumerate() {
            idx.add(a, o);
        }
        idx
    }

    /// Adds the speakers of article `a` (articles must come in ascending order).
    pub fn add(&mut self, a: usize, o: &Outline) {
        for s in &o.speakers {
            let key = word_key(&s.name);
            let e = match self.by_key.get(&key) {
                Some(&e) => e,
                None => {
                    self.entries.push(SpeakerEntry {
                        name: s.name.clone(),
                        folded: fold(&s.name),
                        roles: Vec::new(),
                        articles: Vec::new(),
                        statements: 0,
                    });
                    self.by_key.insert(key, self.entries.len() - 1);
                    self.entries.len() - 1
                }
            };
            let entry = &mut self.entries[e];
            for r in &s.roles {
                let rk = word_key(r);
                if !entry.roles.iter().any(|x| word_key(x) == rk) {
                    entry.roles.push(r.clone());
                }
            }
            if entry.articles.last() != Some(&a) {
                entry.articles.push(a);
            }
            entry.statements += s.statements.len();
        }
    }

    /// The entry for a speaker's name, if any.
    pub fn get(&self, name: &str) -> Option<&SpeakerEntry> {
        self.by_key.get(&word_key(name)).map(|&i| &self.entries[i])
    }

    /// Index of the entry for a name.
    pub fn position(&self, name: &str) -> Option<usize> {
        self.by_key.get(&word_key(name)).copied()
    }

    /// Entries sorted by number of articles, then statements, then name.
    pub fn ranked(&self) -> Vec<usize> {
        let mut v: Vec<usize> = (0..self.entries.len()).collect();
        v.sort_by(|&a, &b| {
            let (x, y) = (&self.entries[a], &self.entries[b]);
            y.articles
                .len()
                .cmp(&x.articles.len())
                .then(y.statements.cmp(&x.statements))
                .then(x.folded.cmp(&y.folded))
        });
        v
    }

    /// Articles where every one of the given speakers speaks (intersection).
    pub fn articles_with_all(&self, entries: &[usize]) -> Vec<usize> {
        let mut it = entries.iter().map(|&e| &self.entries[e].articles);
        let Some(first) = it.next() else {
            return Vec::new();
        };
        let mut acc = first.clone();
        for list in it {
            acc.retain(|a| list.binary_search(a).is_ok());
        }
        acc
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::outline::Speaker;

    fn outline(speakers: &[(&str, &[&str], usize)]) -> Outline {
        Outline {
            speakers: speakers
                .iter()
                .map(|(n, roles, st)| Speaker {
                    name: (*n).to_owned(),
                    roles: roles.iter().map(|r| (*r).to_owned()).collect(),
                    statements: vec![
                        crate::outline::Statement {
                            block: 0,
                            span: 0..1,
                            kind: crate::outline::StatementKind::Reported,
                            verb: None
                        };
                        *st
                    ],
                    mentions: Vec::new(),
                })
                .collect(),
            ..Outline::default()
        }
    }

    #[test]
    fn same_name_different_roles_is_one_person() {
        let o1 = outline(&[("Trần Văn Khải", &["Bí thư Tỉnh ủy"], 2)]);
        let o2 = outline(&[
            ("Trần Văn Khải", &["Chủ tịch UBND tỉnh"], 1),
            ("Lê Thị Hạnh", &[], 1),
        ]);
        let o3 = outline(&[("Lê Thị Hạnh", &["Chủ tịch HĐND"], 3)]);
        let idx = SpeakerIndex::build([&o1, &o2, &o3]);
        let khai = idx.get("trần văn khải").unwrap();
        assert_eq!(khai.roles, ["Bí thư Tỉnh ủy", "Chủ tịch UBND tỉnh"]);
        assert_eq!((khai.articles.clone(), khai.statements), (vec![0, 1], 3));
        assert_eq!(idx.ranked()[0], idx.position("Lê Thị Hạnh").unwrap());
        let both = idx.articles_with_all(&[
            idx.position("Trần Văn Khải").unwrap(),
            idx.position("Lê Thị Hạnh").unwrap(),
        ]);
        assert_eq!(both, [1]);
    }
}
