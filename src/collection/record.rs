//! The fields a format parser finds for one article, before cleanup.

/// Where in a file a record came from, for ids and problem reports.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Position {
    /// The file is one article.
    #[default]
    Whole,
    /// 1-based line of a JSONL record.
    Line(usize),
    /// 0-based index of a record in a JSON array or a multi-record file.
    Index(usize),
}

/// One article's fields as the file gives them (already decoded and sanitised).
#[derive(Debug, Default, Clone)]
pub struct RawRecord {
    pub position: Position,
    /// The record's own id field, if any.
    pub id: Option<String>,
    pub title: Option<String>,
    /// The body text.
    pub body: String,
    /// A lead / sapo / summary given separately from the body.
    pub summary: Option<String>,
    /// Publication date as written.
    pub date: Option<String>,
    pub author: Option<String>,
    pub source: Option<String>,
    pub url: Option<String>,
    pub tags: Vec<String>,
    /// Whether the body is markdown (links and emphasis to strip).
    pub markdown: bool,
}

impl RawRecord {
    /// Runs every field through the sanitiser and NFC: the one place content
    /// enters the program.
    pub fn cleaned(self) -> Self {
        self.cleaned_with(false)
    }

    /// [`RawRecord::cleaned`] for a record whose body is a slice of a text
    /// that [`crate::text::sanitize::is_clean`] passed: the body, most of an
    /// article, is not scanned a second time.
    pub fn cleaned_given_clean_body(self) -> Self {
        self.cleaned_with(true)
    }

    fn cleaned_with(mut self, body_is_clean: bool) -> Self {
        use crate::text::{clean, clean_owned};
        let opt = |o: Option<String>| {
            o.map(|s| clean_owned(s).trim().to_owned())
                .filter(|s| !s.is_empty())
        };
        self.id = opt(self.id);
        self.title = opt(self.title);
        if !body_is_clean {
            self.body = clean_owned(std::mem::take(&mut self.body));
        }
        self.summary = opt(self.summary);
        self.date = opt(self.date);
        self.author = opt(self.author);
        self.source = opt(self.source);
        self.url = opt(self.url);
        self.tags = self
            .tags
            .iter()
            .map(|t| clean(t).trim().to_owned())
            .filter(|t| !t.is_empty())
            .collect();
        self
    }

    /// True when the record has any text to read.
    pub fn has_text(&self) -> bool {
        !self.body.trim().is_empty() || self.summary.as_deref().is_some_and(|s| !s.is_empty())
    }
}
