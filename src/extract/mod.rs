//! Extraction: from a cleaned article to its outline (meetings, speakers with their
//! statements, agenda items linked to the paragraphs that discuss them). Rules over
//! the language data in `assets/lexicon/`, no statistical model.

pub mod agenda;
pub mod dates;
pub mod doc;
pub mod lexicon;
pub mod meetings;
pub mod names;
pub mod people;
pub mod speech;
pub mod tokens;

use crate::article::Article;
use crate::outline::{Outline, Speaker};

/// The outline of one article.
pub fn outline(article: &Article) -> Outline {
    let doc = doc::Doc::new(article);
    let people = people::find(&doc);
    let said = speech::statements(&doc, &people);
    let found = meetings::find(&doc, &people);
    let main_kind = found.meetings.first().map(|m| m.kind.as_str());
    let agenda = agenda::find(&doc, main_kind);
    Outline {
        agenda,
        speakers: speakers(&doc, &people, said),
        meetings: found.meetings,
    }
}

/// Speakers in order of their first statement, with every mention for highlighting.
fn speakers(
    doc: &doc::Doc,
    people: &people::People,
    said: Vec<speech::Attributed>,
) -> Vec<Speaker> {
    let mut order: Vec<usize> = Vec::new();
    for a in &said {
        if !order.contains(&a.person) {
            order.push(a.person);
        }
    }
    order
        .into_iter()
        .map(|p| {
            let person = &people.persons[p];
            Speaker {
                name: person.name.clone(),
                roles: person.roles.clone(),
                statements: said
                    .iter()
                    .filter(|a| a.person == p)
                    .map(|a| a.statement.clone())
                    .collect(),
                mentions: people
                    .mentions
                    .iter()
                    .filter(|m| m.person == Some(p))
                    .map(|m| doc.blocks[m.blk].span(m.first, m.last))
                    .collect(),
            }
        })
        .collect()
}

#[cfg(test)]
pub(crate) mod test_support {
    use std::path::Path;
    use std::sync::Arc;

    use crate::article::{Article, Format, Origin};
    use crate::collection::record::RawRecord;

    /// An article made from a body written for a test.
    pub fn article(body: &str) -> Article {
        let rec = RawRecord {
            body: body.to_owned(),
            ..RawRecord::default()
        }
        .cleaned();
        let origin = Origin {
            path: Arc::from(Path::new("test.txt")),
            format: Format::Text,
            record: None,
        };
        crate::cleanup::build_article(rec, "test".to_owned(), origin, body.len())
    }
}
