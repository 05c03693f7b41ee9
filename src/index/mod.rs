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

    pub fn len(&self) -> usize {
        self.articles.len()
    }

    pub fn is_empty(&self) -> bool {
        self.articles.is_empty()
    }
}
