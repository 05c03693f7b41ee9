//! The outline of one article: the meetings it reports, the people it quotes and the
//! agenda items it lists, each tied to spans of the article's text. Every view and
//! export reads this; nothing downstream re-parses the text.

use std::ops::Range;

use serde::{Deserialize, Serialize};

use crate::article::{Article, BlockKind, Date};

/// Part of the day a meeting took place ("sáng", "chiều", "tối").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum PartOfDay {
    Morning,
    Noon,
    Afternoon,
    Evening,
}

/// A meeting date: the first day, and the last day of a range.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MeetingDate {
    pub first: Date,
    pub last: Option<Date>,
    pub part_of_day: Option<PartOfDay>,
    /// The words as written ("sáng 29/4", "22-23/4", "March 4").
    pub text: String,
}

impl MeetingDate {
    /// `d/m`, `d/m/yyyy`, or a range `22-23/4` (`30/4-2/5` across months).
    pub fn normalized(&self) -> String {
        match self.last {
            None => self.first.dmy(),
            Some(last) if last.month == self.first.month && last.year == self.first.year => {
                let tail = last.dmy();
                format!("{}-{}", self.first.day, tail)
            }
            Some(last) => format!("{}-{}", self.first.dmy(), last.dmy()),
        }
    }
}

/// A meeting the article reports.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Meeting {
    /// Head noun in lower case: "hội nghị", "kỳ họp", "meeting".
    pub kind: String,
    /// The fullest naming phrase in the text.
    pub name: String,
    /// "lần thứ 4", "thứ 10".
    pub ordinal: Option<String>,
    /// The organising or meeting body ("Ban Chấp hành Đảng bộ thành phố Hà Nội").
    pub body: Option<String>,
    /// "khóa XVII".
    pub term: Option<String>,
    pub date: Option<MeetingDate>,
    pub place: Option<String>,
    pub chairs: Vec<String>,
    pub online: bool,
    pub connection_points: Option<u32>,
    /// The meeting the article is about.
    pub main: bool,
    /// Span of the naming phrase in the article text.
    pub span: Range<usize>,
}

/// Reported or quoted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum StatementKind {
    /// Indirect: "X cho biết ...".
    Reported,
    /// A quotation in quote marks.
    Quoted,
    /// A caption saying the person spoke.
    Caption,
}

/// One thing a speaker said, where the article says it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Statement {
    /// Index into the article's blocks.
    pub block: usize,
    /// Span in the article text (the sentence or the quotation).
    pub span: Range<usize>,
    pub kind: StatementKind,
    /// The speech verb ("cho biết", "said"), when there is one.
    pub verb: Option<String>,
}

/// A person to whom the article attributes words.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Speaker {
    /// The personal name alone, as fully as the text gives it.
    pub name: String,
    /// Positions as written, one per item.
    pub roles: Vec<String>,
    pub statements: Vec<Statement>,
    /// Spans of every mention (name, alias, title-only), for highlighting.
    pub mentions: Vec<Range<usize>>,
}

/// An agenda item and the paragraphs that discuss it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AgendaItem {
    pub text: String,
    /// Span of the item in the article text (where it is listed).
    pub span: Range<usize>,
    /// Blocks (indexes into the article's blocks) that discuss it, in order.
    pub blocks: Vec<usize>,
}

/// The outline of one article.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Outline {
    pub meetings: Vec<Meeting>,
    pub speakers: Vec<Speaker>,
    pub agenda: Vec<AgendaItem>,
}

impl Outline {
    pub fn main_meeting(&self) -> Option<&Meeting> {
        self.meetings
            .iter()
            .find(|m| m.main)
            .or(self.meetings.first())
    }

    pub fn is_empty(&self) -> bool {
        self.meetings.is_empty() && self.speakers.is_empty() && self.agenda.is_empty()
    }
}

/// Maps block indexes to paragraph numbers (the 0-based numbering of body
/// paragraphs the outline contract uses); captions and related links have none.
pub fn paragraph_numbers(article: &Article) -> Vec<Option<usize>> {
    let mut n = 0;
    article
        .blocks
        .iter()
        .map(|b| {
            if b.kind == BlockKind::Paragraph {
                n += 1;
                Some(n - 1)
            } else {
                None
            }
        })
        .collect()
}

/// The block containing byte offset `at`, if any.
pub fn block_at(article: &Article, at: usize) -> Option<usize> {
    article
        .blocks
        .iter()
        .position(|b| b.span.start <= at && at < b.span.end.max(b.span.start + 1))
}
