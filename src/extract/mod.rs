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

thread_local! {
    static GUARDED: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// True while [`outline_guarded`] runs on this thread: panic hooks stay quiet
/// (and leave the terminal alone), because the panic is caught and reported as a
/// problem with the article.
pub fn panic_is_guarded() -> bool {
    GUARDED.with(|g| g.get())
}

/// [`outline`], with a bug in a rule contained to the article that triggered it:
/// the article keeps its text and gets an empty outline, and the caller reports
/// the message. One odd article must not take a 35,000-article run down.
pub fn outline_guarded(article: &Article) -> Result<Outline, String> {
    GUARDED.with(|g| g.set(true));
    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| outline(article)));
    GUARDED.with(|g| g.set(false));
    result.map_err(|e| {
        e.downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| e.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "unknown error".into())
    })
}

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
    use crate::article::Article;

    /// An article made from a body written for a test.
    pub fn article(body: &str) -> Article {
        crate::cleanup::article_from_text(body, "test")
    }
}
