//! From a raw record to a clean [`Article`]: paragraphs with their spans, captions
//! with credits, related links, byline, title and language.

pub mod byline;
pub mod captions;
pub mod lang;
pub mod prepare;
pub mod segment;
pub mod title;

use multiversion::multiversion;
use std::ops::Range;
use std::sync::OnceLock;

use crate::article::{Article, Block, BlockKind, Meta, Origin, TitleSource};
use crate::collection::record::RawRecord;
use crate::lexicon;
use captions::Piece;

/// The article of a bare text body, as a `.txt` file named `name` holding it would
/// give: for tests, fuzz targets and other callers that have text, not a file.
pub fn article_from_text(body: &str, name: &str) -> Article {
    let rec = RawRecord {
        body: body.to_owned(),
        ..RawRecord::default()
    }
    .cleaned();
    let origin = Origin {
        path: std::sync::Arc::from(std::path::Path::new(&format!("{name}.txt"))),
        format: crate::article::Format::Text,
        record: None,
    };
    build_article(rec, name.to_owned(), origin, body.len())
}

/// Builds the article for one (already sanitised) record.
pub fn build_article(
    mut rec: RawRecord,
    id: String,
    origin: Origin,
    source_bytes: usize,
) -> Article {
    let mut meta = Meta {
        url: rec.url.clone(),
        date: rec.date.clone(),
        source: rec.source.clone(),
        tags: rec.tags.clone(),
        doc_id: rec.id.clone(),
    };

    // 1. The text: body repaired, with a separately given lead in front of it.
    // The record's body is taken, not cloned: a copy of every body into fresh
    // memory (page faults included) showed in the profiles, and nothing after
    // this reads `rec.body`.
    let raw_body = std::mem::take(&mut rec.body);
    let mut body = prepare::python_list_body(&raw_body).unwrap_or(raw_body);
    if let Some((end, trailer)) = prepare::split_trailer(&body) {
        body.truncate(end);
        meta.date = meta.date.or(trailer.date);
        meta.source = meta.source.or(trailer.source);
        if meta.tags.is_empty() {
            meta.tags = trailer.tags;
        }
    }
    let bold_byline = prepare::take_bold_byline(&mut body);
    if let Some(b) = prepare::strip_emphasis(&body) {
        body = b;
    }
    let text = match rec.summary.as_deref() {
        Some(s) if !prepare::summary_in_body(s, &body) => format!("{s}\n\n{body}"),
        _ => body,
    };

    // 2. Paragraph spans, then captions and related links inside them.
    let mut pieces: Vec<(Piece, bool)> = Vec::new();
    let mut scratch = Vec::new();
    for seg in segment::paragraphs(&text) {
        let own_line = is_own_line(&text, &seg.span);
        scratch.clear();
        captions::classify(&text, seg.span, &mut scratch);
        let single = scratch.len() == 1;
        pieces.extend(scratch.drain(..).map(|p| (p, own_line && single)));
    }
    cut_boilerplate(&text, &mut pieces);
    lead_from_the_end(&text, &mut pieces);

    // 3. Title.
    let (title, title_source) = find_title(&rec, &meta, &text, &mut pieces);

    // 4. Byline, end marks, duplicates.
    let byline = match bold_byline {
        Some(b) if rec.author.is_none() => Some(b),
        _ => find_byline(&rec, &text, &mut pieces),
    };
    let mut blocks = to_blocks(&text, pieces);
    strip_end_marks(&text, &mut blocks);
    drop_duplicates(&text, &mut blocks);

    let lang = lang::detect(&text);
    let published = meta.date.as_deref().and_then(crate::dates::parse_meta_date);
    let title = match (title, title_source) {
        (Some(t), src) => (Some(t), src),
        (None, _) => {
            let lead = blocks
                .iter()
                .find(|b| b.kind == BlockKind::Paragraph)
                .map(|b| &text[b.span.clone()]);
            (lead.and_then(title::derive), TitleSource::Derived)
        }
    };
    Article {
        id,
        origin,
        title: title.0,
        title_source: title.1,
        byline,
        lang,
        meta,
        published,
        text: text.into(),
        blocks,
        source_bytes,
    }
}

/// True when the span starts at the beginning of a line and ends at its end.
fn is_own_line(text: &str, span: &Range<usize>) -> bool {
    let before = text[..span.start].trim_end_matches([' ', '\t']);
    let after = text[span.end..].trim_start_matches([' ', '\t']);
    (before.is_empty() || before.ends_with('\n')) && (after.is_empty() || after.starts_with('\n'))
}

/// The boilerplate phrases, ASCII letters in lower case, to be looked for in text
/// lowered the same way (see [`find_boilerplate`]).
fn boilerplate() -> &'static aho_corasick::AhoCorasick {
    static AC: OnceLock<aho_corasick::AhoCorasick> = OnceLock::new();
    AC.get_or_init(|| {
        aho_corasick::AhoCorasick::builder()
            // Leftmost-first (the automaton's prefilter needs it) finds the same
            // start as the standard "first match to end" as long as no phrase
            // holds another, which a unit test checks.
            .match_kind(aho_corasick::MatchKind::LeftmostFirst)
            .kind(Some(aho_corasick::AhoCorasickKind::DFA))
            .build(lexicon::entries(lexicon::BOILERPLATE).map(str::to_ascii_lowercase))
            .expect("boilerplate phrases build an automaton")
    })
}

/// Where the first boilerplate phrase in `s` starts, ASCII case ignored.
///
/// An automaton matching ASCII case-insensitively, with standard match
/// semantics, gets no prefilter and stepped through every byte of the
/// paragraphs searched: 18% of a load. Lowering the ASCII letters of the
/// paragraph (into `scratch`, a vectorised copy) and matching the lowered
/// phrases case-sensitively, leftmost-first, finds the same start, and lets the
/// automaton skip ahead with its SIMD prefilter.
fn find_boilerplate(s: &str, scratch: &mut Vec<u8>) -> Option<usize> {
    lower_ascii_into(s.as_bytes(), scratch);
    boilerplate().find(&scratch[..]).map(|m| m.start())
}

/// `s` with its ASCII letters lowered, into `out`.
#[multiversion(targets("x86_64+avx2"))]
fn lower_ascii_into(s: &[u8], out: &mut Vec<u8>) {
    // Every paragraph of the last third of every article is lowered: copied,
    // then lowered in place by a loop that AVX2 builds test 32 bytes at a time
    // (mapping the bytes into `extend` went a byte at a time, 2% of a load).
    out.clear();
    out.extend_from_slice(s);
    for b in out.iter_mut() {
        *b = b.to_ascii_lowercase();
    }
}

/// Drops site furniture (copyright, newsletter invitations) from the last third.
fn cut_boilerplate(text: &str, pieces: &mut Vec<(Piece, bool)>) {
    let from = text.len() * 2 / 3;
    let mut scratch = Vec::new();
    let mut cut_at: Option<usize> = None;
    for (k, (p, _)) in pieces.iter_mut().enumerate() {
        let Piece::Paragraph(r) = p else { continue };
        if r.end < from {
            continue;
        }
        if let Some(at) = find_boilerplate(&text[r.clone()], &mut scratch) {
            let keep = text[r.start..r.start + at].trim_end().len();
            if keep == 0 {
                cut_at = Some(k);
            } else {
                r.end = r.start + keep;
                cut_at = Some(k + 1);
            }
            break;
        }
    }
    if let Some(k) = cut_at {
        pieces.truncate(k);
    }
}

/// Some sites print their lead after the body, behind a "read more" link:
/// "more(HDDTVN)- Sáng nay 9/3, ...". That paragraph is the lead: it moves to the
/// front, without the "more".
fn lead_from_the_end(text: &str, pieces: &mut Vec<(Piece, bool)>) {
    let pos = pieces.iter().rposition(|(p, _)| match p {
        Piece::Paragraph(r) => {
            let s = &text[r.clone()];
            s.starts_with("more(") && s[5..].find(')').is_some_and(|c| c <= 24)
        }
        _ => false,
    });
    if let Some(pos) = pos {
        let (mut p, own) = pieces.remove(pos);
        if let Piece::Paragraph(r) = &mut p {
            r.start += "more".len();
        }
        let first_para = pieces
            .iter()
            .position(|(p, _)| matches!(p, Piece::Paragraph(_)))
            .unwrap_or(0);
        pieces.insert(first_para, (p, own));
    }
}

fn find_title(
    rec: &RawRecord,
    meta: &Meta,
    text: &str,
    pieces: &mut Vec<(Piece, bool)>,
) -> (Option<String>, TitleSource) {
    if let Some(t) = rec.title.as_deref() {
        let t = title::tidy_metadata_title(t, meta.source.as_deref());
        if !t.is_empty() {
            return (Some(t), TitleSource::Metadata);
        }
    }
    // Image alt text repeating the headline without diacritics.
    let alt = pieces.iter().find_map(|(p, _)| match p {
        Piece::Caption { alt: Some(a), .. } => Some(a.clone()),
        _ => None,
    });
    if let Some(a) = alt {
        // The vocabulary is the article's own text, without the alt texts themselves.
        let body: Vec<&str> = pieces
            .iter()
            .map(|(p, _)| match p {
                Piece::Paragraph(r) | Piece::Related(r) => &text[r.clone()],
                Piece::Caption { span, .. } => &text[span.clone()],
            })
            .collect();
        if let Some(t) = title::recover_from_alt(&text[a], &body) {
            return (Some(t), TitleSource::Recovered);
        }
    }
    // The first line, when it reads as a headline and a body follows.
    if let Some((Piece::Paragraph(r), true)) = pieces.first() {
        let has_body = pieces
            .iter()
            .skip(1)
            .any(|(p, _)| matches!(p, Piece::Paragraph(_)));
        let first = &text[r.clone()];
        if has_body && title::is_headline(first) {
            let t = crate::text::collapse_spaces(first.trim_end_matches(',').trim());
            pieces.remove(0);
            return (Some(t), TitleSource::Headline);
        }
    }
    (None, TitleSource::Derived)
}

fn find_byline(rec: &RawRecord, text: &str, pieces: &mut Vec<(Piece, bool)>) -> Option<String> {
    let clean = |s: &str| -> String {
        let s = s.trim().trim_matches('*').trim();
        // "PV." -> "PV": an agency's closing period is not part of its name.
        let s = s
            .strip_suffix('.')
            .filter(|r| r.chars().count() <= 4)
            .unwrap_or(s);
        crate::text::collapse_spaces(s)
    };
    if let Some(author) = rec.author.as_deref() {
        // Remove the same name where the text repeats it at the end.
        if let Some((Piece::Paragraph(r), _)) = pieces.last_mut() {
            let last = &text[r.clone()];
            if last.trim() == author {
                pieces.pop();
            } else if let Some(at) = byline::trailing_byline(last)
                && last[at..].trim() == author
            {
                r.end = r.start + last[..at].trim_end().len();
            }
        }
        return Some(clean(author));
    }
    // Trailing lines of their own that read as bylines: the first is the byline
    // ("Đức Hoàng" before "Theo RT"), the others stay as text.
    let mut k = pieces.len();
    while k > 0 && pieces.len() - k < 3 {
        match &pieces[k - 1] {
            (Piece::Paragraph(r), own) if byline::is_byline(&text[r.clone()], *own) => k -= 1,
            _ => break,
        }
    }
    if k < pieces.len() {
        let (Piece::Paragraph(r), _) = pieces.remove(k) else {
            return None;
        };
        return Some(clean(&text[r]));
    }
    // A byline glued to the end of the last paragraph.
    if let Some((Piece::Paragraph(r), _)) = pieces.last_mut() {
        let last = &text[r.clone()];
        if let Some(at) = byline::trailing_byline(last) {
            let found = clean(&last[at..]);
            let keep = last[..at].trim_end().len();
            if keep == 0 {
                pieces.pop();
            } else {
                r.end = r.start + keep;
            }
            return Some(found);
        }
    }
    None
}

fn to_blocks(text: &str, pieces: Vec<(Piece, bool)>) -> Vec<Block> {
    let mut out = Vec::with_capacity(pieces.len());
    for (p, _) in pieces {
        let (kind, span) = match p {
            Piece::Paragraph(r) => (BlockKind::Paragraph, r),
            Piece::Related(r) => (BlockKind::Related, r),
            Piece::Caption { span, credit, .. } => (BlockKind::Caption { credit }, span),
        };
        if span.start < span.end && text[span.clone()].chars().any(char::is_alphanumeric)
            || matches!(kind, BlockKind::Caption { credit: Some(_) })
        {
            out.push(Block { kind, span });
        }
    }
    out
}

/// Removes the wire end mark "/." that closes Vietnamese agency copy.
fn strip_end_marks(text: &str, blocks: &mut [Block]) {
    for b in blocks.iter_mut().filter(|b| b.kind == BlockKind::Paragraph) {
        let s = &text[b.span.clone()];
        if let Some(stripped) = s.strip_suffix("/.") {
            b.span.end = b.span.start + stripped.trim_end().len();
        }
    }
}

/// Drops exact repeats of an earlier block and truncated teasers ("...6 tháng đầu …")
/// whose text appears in full later.
fn drop_duplicates(text: &str, blocks: &mut Vec<Block>) {
    let mut keep = vec![true; blocks.len()];
    // FxHash: SipHash over every block's text was 4% of a load; the keys are the
    // article's own text, so resistance to chosen collisions buys nothing here.
    let mut seen = rustc_hash::FxHashSet::default();
    for (k, b) in blocks.iter().enumerate() {
        let s = text[b.span.clone()].trim();
        if !seen.insert(BlockText(s)) {
            keep[k] = false;
            continue;
        }
        if b.kind == BlockKind::Paragraph && (s.ends_with('…') || s.ends_with("...")) {
            let stem = s.trim_end_matches('…').trim_end_matches('.').trim_end();
            let probe: String = stem.chars().take(80).collect();
            if probe.chars().count() >= 40
                && blocks[k + 1..]
                    .iter()
                    .any(|later| text[later.span.clone()].contains(probe.as_str()))
            {
                keep[k] = false;
            }
        }
    }
    let mut k = 0;
    blocks.retain(|_| {
        k += 1;
        keep[k - 1]
    });
}

/// A block's text as a set key: equal when the texts are equal, hashed on the
/// length, the ends and the middle only. Nearly every block is unique, and
/// hashing each whole paragraph (most of an article's bytes) showed in profiles
/// of a load; texts that share a hash are still told apart by comparing them
/// whole. The middle keeps rows that differ only inside (numbered lists, tables
/// of equal-length lines) from all sharing one hash.
#[derive(PartialEq, Eq)]
struct BlockText<'a>(&'a str);

impl std::hash::Hash for BlockText<'_> {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        const END: usize = 16;
        let b = self.0.as_bytes();
        state.write_usize(b.len());
        state.write(&b[..b.len().min(END)]);
        state.write(&b[b.len().saturating_sub(END)..]);
        let mid = b.len() / 2;
        state.write(&b[mid.saturating_sub(END / 2)..(mid + END / 2).min(b.len())]);
    }
}

#[cfg(test)]
mod tests;
