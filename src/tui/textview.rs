//! The article laid out for a width: title and metadata on top, then every block
//! wrapped (textwrap, unicode-width), each display line keeping the byte range of
//! the article text it shows, so spans (statements, mentions, search hits) can be
//! highlighted and the reading position mapped back to a block.

use std::ops::Range;

use crate::article::{Article, BlockKind, TitleSource};
use unicode_width::UnicodeWidthStr;

/// What a display line is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LineKind {
    Title,
    Meta,
    Blank,
    Paragraph,
    Caption,
    Related,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DisplayLine {
    pub kind: LineKind,
    /// Block index for lines of the article's blocks.
    pub block: Option<usize>,
    /// Byte range of `article.text` shown on this line (empty for header lines).
    pub range: Range<usize>,
    /// Text of header lines (title, metadata), which are not in `article.text`.
    pub header: Option<String>,
    /// Characters drawn before the text ("│ " for captions).
    pub prefix: &'static str,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TextLayout {
    pub article: usize,
    pub width: u16,
    pub lines: Vec<DisplayLine>,
}

const CAPTION_PREFIX: &str = "│ ";
const RELATED_PREFIX: &str = "→ ";

impl TextLayout {
    pub fn build(article_idx: usize, a: &Article, width: u16) -> TextLayout {
        let w = usize::from(width.max(4));
        let mut lines = Vec::new();
        let header = |lines: &mut Vec<DisplayLine>, kind, text: &str| {
            for l in textwrap::wrap(text, w) {
                lines.push(DisplayLine {
                    kind,
                    block: None,
                    range: 0..0,
                    header: Some(l.into_owned()),
                    prefix: "",
                });
            }
        };
        let title = match a.title_source {
            TitleSource::Derived => format!("{} (no headline)", a.display_title()),
            _ => a.display_title().to_owned(),
        };
        header(&mut lines, LineKind::Title, &title);
        let mut meta = Vec::new();
        if let Some(d) = a.published {
            meta.push(d.iso());
        }
        if let Some(b) = &a.byline {
            meta.push(b.clone());
        }
        if let Some(s) = &a.meta.source {
            meta.push(s.clone());
        }
        meta.push(crate::text::sanitize::sanitize(&a.origin.display()).into_owned());
        header(&mut lines, LineKind::Meta, &meta.join(" · "));
        for (bi, b) in a.blocks.iter().enumerate() {
            lines.push(DisplayLine {
                kind: LineKind::Blank,
                block: Some(bi),
                range: b.span.start..b.span.start,
                header: None,
                prefix: "",
            });
            let (kind, prefix) = match b.kind {
                BlockKind::Paragraph => (LineKind::Paragraph, ""),
                BlockKind::Caption { .. } => (LineKind::Caption, CAPTION_PREFIX),
                BlockKind::Related => (LineKind::Related, RELATED_PREFIX),
            };
            let avail = w.saturating_sub(prefix.width()).max(1);
            let text = &a.text[b.span.clone()];
            if text.is_empty() {
                if let BlockKind::Caption { credit: Some(c) } = &b.kind {
                    lines.push(DisplayLine {
                        kind,
                        block: Some(bi),
                        range: b.span.clone(),
                        header: Some(format!("(Ảnh: {c})")),
                        prefix,
                    });
                }
                continue;
            }
            for r in wrap_ranges(text, avail) {
                lines.push(DisplayLine {
                    kind,
                    block: Some(bi),
                    range: b.span.start + r.start..b.span.start + r.end,
                    header: None,
                    prefix,
                });
            }
            if let BlockKind::Caption { credit: Some(c) } = &b.kind {
                lines.push(DisplayLine {
                    kind,
                    block: Some(bi),
                    range: b.span.end..b.span.end,
                    header: Some(format!("(Ảnh: {c})")),
                    prefix,
                });
            }
        }
        TextLayout {
            article: article_idx,
            width,
            lines,
        }
    }

    /// First line of block `b`.
    pub fn line_of_block(&self, b: usize) -> Option<usize> {
        self.lines
            .iter()
            .position(|l| l.block == Some(b) && l.kind != LineKind::Blank)
    }

    /// First line showing byte offset `at` of the text.
    pub fn line_of_offset(&self, at: usize) -> Option<usize> {
        self.lines
            .iter()
            .position(|l| {
                l.header.is_none()
                    && l.kind != LineKind::Blank
                    && l.range.start <= at
                    && at < l.range.end.max(l.range.start + 1)
            })
            .or_else(|| {
                self.lines
                    .iter()
                    .position(|l| l.range.start >= at && l.kind != LineKind::Blank)
            })
    }

    /// The block shown at line `line` (or the next one below it).
    pub fn block_at_line(&self, line: usize) -> Option<usize> {
        self.lines.iter().skip(line).find_map(|l| l.block)
    }
}

/// Byte ranges of `text` wrapped to `width` columns. Newlines inside a paragraph
/// (hard-wrapped sources) are spaces here.
pub fn wrap_ranges(text: &str, width: usize) -> Vec<Range<usize>> {
    let opts = textwrap::Options::new(width.max(1)).break_words(true);
    let mut out = Vec::new();
    let base = text.as_ptr() as usize;
    let mut cursor = 0;
    for line in textwrap::wrap(text, opts) {
        let start = match &line {
            std::borrow::Cow::Borrowed(s) => (s.as_ptr() as usize).saturating_sub(base),
            std::borrow::Cow::Owned(s) => text[cursor..]
                .find(s.trim_start())
                .map_or(cursor, |i| cursor + i),
        };
        let start = start.min(text.len());
        let end = (start + line.len()).min(text.len());
        // Keep char boundaries whatever textwrap did.
        let (mut s, mut e) = (start, end);
        while !text.is_char_boundary(s) {
            s -= 1;
        }
        while !text.is_char_boundary(e) {
            e += 1;
        }
        out.push(s..e);
        cursor = e;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrapped_ranges_cover_the_words() {
        let t = "Hội nghị lần thứ 4 Ban Chấp hành Đảng bộ thành phố đã diễn ra.";
        let r = wrap_ranges(t, 20);
        let lines: Vec<&str> = r.iter().map(|x| &t[x.clone()]).collect();
        assert!(lines.iter().all(|l| l.width() <= 20), "{lines:?}");
        assert_eq!(lines.join(" "), t);
    }

    #[test]
    fn long_words_break() {
        let t = "abcdefghijklmnopqrstuvwxyz";
        let r = wrap_ranges(t, 10);
        assert_eq!(r.len(), 3);
        assert_eq!(r.iter().map(|x| &t[x.clone()]).collect::<String>(), t);
    }
}
