//! The cleaned article: one sanitised text, and the blocks a reader sees in it
//! (paragraphs, captions, related links), each a byte span of that text.

use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use serde::{Deserialize, Serialize};

use crate::shared_text::SharedText;

/// Where an article came from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Origin {
    pub path: Arc<Path>,
    pub format: Format,
    /// 1-based JSONL line or 0-based record index within the file.
    pub record: Option<usize>,
}

impl Origin {
    /// `path`, or `path:line` for a record of a multi-record file.
    pub fn display(&self) -> String {
        match self.record {
            Some(r) => format!("{}:{}", self.path.display(), r),
            None => self.path.display().to_string(),
        }
    }

    pub fn path_buf(&self) -> PathBuf {
        self.path.to_path_buf()
    }
}

/// The format a file was read as.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    Text,
    Markdown,
    Json,
    Jsonl,
    Sgml,
}

impl Format {
    pub fn name(self) -> &'static str {
        match self {
            Format::Text => "text",
            Format::Markdown => "markdown",
            Format::Json => "json",
            Format::Jsonl => "jsonl",
            Format::Sgml => "sgml",
        }
    }
}

/// Language of an article.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Default, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    Vi,
    En,
    #[default]
    Other,
}

impl Lang {
    pub fn code(self) -> &'static str {
        match self {
            Lang::Vi => "vi",
            Lang::En => "en",
            Lang::Other => "other",
        }
    }
}

/// How the title was obtained.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Default, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum TitleSource {
    /// A title field or header of the file.
    Metadata,
    /// The headline line at the top of the text.
    Headline,
    /// Rebuilt with diacritics from image alt text that repeats the headline.
    Recovered,
    /// Made from the lead because the text has no headline.
    #[default]
    Derived,
}

/// What a block of the text is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum BlockKind {
    /// A paragraph of the article's body.
    Paragraph,
    /// An image caption; `credit` is the photo credit ("TTXVN").
    Caption { credit: Option<String> },
    /// A related-article line ("[Hà Nội tập trung ...]").
    Related,
}

/// One block of the article, in reading order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Block {
    pub kind: BlockKind,
    /// Byte span in [`Article::text`].
    pub span: Range<usize>,
}

/// Publication metadata as the file gives it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Meta {
    pub url: Option<String>,
    /// Publication date as written.
    pub date: Option<String>,
    pub source: Option<String>,
    pub tags: Vec<String>,
    /// The record's own id (doc_id, id field), when it has one.
    pub doc_id: Option<String>,
}

/// A calendar date (year may be unknown).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Date {
    pub year: Option<u16>,
    pub month: u8,
    pub day: u8,
}

impl Date {
    /// `d/m/yyyy`, or `d/m` without a year.
    pub fn dmy(&self) -> String {
        match self.year {
            Some(y) => format!("{}/{}/{}", self.day, self.month, y),
            None => format!("{}/{}", self.day, self.month),
        }
    }

    /// `yyyy-mm-dd` (or `????-mm-dd`), which sorts.
    pub fn iso(&self) -> String {
        match self.year {
            Some(y) => format!("{y:04}-{:02}-{:02}", self.month, self.day),
            None => format!("????-{:02}-{:02}", self.month, self.day),
        }
    }
}

/// A cleaned article.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Article {
    /// Stable id: file stem, record id, or `stem#line`.
    pub id: String,
    pub origin: Origin,
    pub title: Option<String>,
    pub title_source: TitleSource,
    pub byline: Option<String>,
    pub lang: Lang,
    pub meta: Meta,
    /// Publication date parsed from the metadata, when it parses.
    pub published: Option<Date>,
    /// The sanitised NFC text every span points into.
    pub text: SharedText,
    /// Paragraphs, captions and related lines in reading order: their spans are
    /// disjoint and in text order, except a lead a scrape left at the end ("more(X)
    /// – Sáng nay, ..."), which cleanup moves first.
    pub blocks: Vec<Block>,
    /// Bytes of the file (or record) this article came from.
    pub source_bytes: usize,
}

impl Article {
    /// The text of a span.
    pub fn slice(&self, span: &Range<usize>) -> &str {
        self.text.get(span.clone()).unwrap_or("")
    }

    /// Body paragraphs in order (captions and related links excluded): the paragraph
    /// numbers of the outline index into this sequence.
    pub fn paragraphs(&self) -> impl Iterator<Item = &Block> + '_ {
        self.blocks
            .iter()
            .filter(|b| b.kind == BlockKind::Paragraph)
    }

    /// Text of the n-th body paragraph.
    pub fn paragraph(&self, n: usize) -> Option<&str> {
        self.paragraphs().nth(n).map(|b| self.slice(&b.span))
    }

    pub fn paragraph_count(&self) -> usize {
        self.paragraphs().count()
    }

    pub fn captions(&self) -> impl Iterator<Item = (&Block, Option<&str>)> + '_ {
        self.blocks.iter().filter_map(|b| match &b.kind {
            BlockKind::Caption { credit } => Some((b, credit.as_deref())),
            _ => None,
        })
    }

    pub fn related(&self) -> impl Iterator<Item = &Block> + '_ {
        self.blocks.iter().filter(|b| b.kind == BlockKind::Related)
    }

    /// The title to show: the article's title, or its id.
    pub fn display_title(&self) -> &str {
        self.title.as_deref().unwrap_or(&self.id)
    }

    /// A content hash (FNV-1a 64 of the text), stable across moves and renames: keys
    /// per-article reading state.
    pub fn content_hash(&self) -> u64 {
        let mut h: u64 = 0xcbf2_9ce4_8422_2325;
        for b in self.text.as_bytes() {
            h ^= u64::from(*b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
        h
    }
}
