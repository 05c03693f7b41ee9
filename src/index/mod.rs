//! Collection-wide indexes built from articles and their outlines: speakers,
//! meetings and the folded text search works on.

pub mod meetings;
pub mod search;
pub mod speakers;

use crate::article::Article;
use crate::outline::Outline;

pub use meetings::MeetingIndex;
pub use search::SearchIndex;
pub use speakers::SpeakerIndex;

/// One article ready for the library: with its outline and its folded copy for
/// search, made off the reader's thread.
#[derive(Debug)]
pub struct Entry {
    pub article: Article,
    pub outline: Outline,
    pub folded: crate::shared_text::SharedText,
}

impl Entry {
    pub fn new(article: Article, outline: Outline) -> Entry {
        let folded = search::folded_copy(&article);
        Entry {
            article,
            outline,
            folded,
        }
    }
}

impl From<crate::pipeline::StreamedFile> for Vec<Entry> {
    fn from(f: crate::pipeline::StreamedFile) -> Vec<Entry> {
        f.load
            .articles
            .into_iter()
            .zip(f.outlines)
            .zip(f.folded)
            .map(|((article, outline), folded)| Entry {
                article,
                outline,
                folded,
            })
            .collect()
    }
}

/// A collection with outlines and indexes: what the reader shows.
#[derive(Debug, Default)]
pub struct Library {
    pub articles: Vec<Article>,
    pub outlines: Vec<Outline>,
    pub speakers: SpeakerIndex,
    pub meetings: MeetingIndex,
    pub search: SearchIndex,
}

impl Library {
    /// Adds one article and its outline, updating every index.
    pub fn push(&mut self, article: Article, outline: Outline) {
        let a = self.articles.len();
        self.speakers.add(a, &outline);
        self.meetings.add(a, &outline);
        self.search.add(&article);
        self.articles.push(article);
        self.outlines.push(outline);
    }

    /// [`Library::push`], with the article's folded copy for search made already.
    pub fn add(&mut self, e: Entry) {
        let a = self.articles.len();
        self.speakers.add(a, &e.outline);
        self.meetings.add(a, &e.outline);
        self.search.add_folded(e.folded);
        self.articles.push(e.article);
        self.outlines.push(e.outline);
    }

    pub fn len(&self) -> usize {
        self.articles.len()
    }

    pub fn is_empty(&self) -> bool {
        self.articles.is_empty()
    }
}
