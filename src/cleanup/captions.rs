//! Telling captions and related-article links apart from body paragraphs.
//!
//! A caption is recognised by its photo credit ("(Ảnh: TTXVN)", "Ảnh: Nhật Bắc",
//! "Photo: Reuters") or by the image alt text glued in front of it ("... Ha Noi hinh
//! anh 1Quang cảnh hội nghị."). The caption text is the sentence before the credit;
//! whatever follows the credit is body text again.

use std::ops::Range;
use std::sync::OnceLock;

use super::segment::sentence_starts;
use crate::lexicon;

/// What a piece of a segment turned out to be.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Piece {
    Paragraph(Range<usize>),
    Caption {
        span: Range<usize>,
        credit: Option<String>,
        /// ASCII alt text glued in front (often the headline without diacritics).
        alt: Option<Range<usize>>,
    },
    Related(Range<usize>),
}

struct Markers {
    /// Every credit marker in its written, lower-case and upper-first forms.
    credit: aho_corasick::AhoCorasick,
    /// For each pattern of `credit`: closes at ')'.
    credit_paren: Vec<bool>,
    /// The length of the longest pattern of `credit`, in bytes.
    credit_longest: usize,
    related: Vec<&'static str>,
}

/// What every credit marker holds: a colon or a closing parenthesis ("Ảnh:",
/// "(Ảnh tư liệu)"), or, for the English "Photo by" and its kin, [`PHOTO`].
const ANCHOR_BYTES: [u8; 2] = [b':', b')'];
const PHOTO: &str = "hoto";

/// Which bytes of [`PHOTO`] memchr's search should look for first: its default
/// ranks (from English text) take 'h' for rare, which Vietnamese has in every
/// other word ("nh", "th", "ch"); 'o' followed by 't' is rare in it.
struct PhotoRanks;

impl memchr::arch::all::packedpair::HeuristicFrequencyRank for PhotoRanks {
    fn rank(&self, byte: u8) -> u8 {
        match byte {
            b'o' => 0,
            b't' => 1,
            _ => u8::MAX,
        }
    }
}

/// Whether a credit marker holds an anchor (checked of the built-in list by a test).
#[cfg(test)]
fn is_anchored(marker: &str) -> bool {
    marker.contains([':', ')']) || marker.contains(PHOTO)
}

/// Every credit marker in its written, lower-case and upper-first forms, each
/// once, in the order of the list. (Each holds an anchor, see [`ANCHOR_BYTES`]:
/// the list is built in, and a test checks it.)
fn credit_patterns() -> Vec<String> {
    let mut patterns = Vec::new();
    for m in lexicon::entries(lexicon::CAPTION_MARKERS) {
        let lower = m.to_lowercase();
        let upper_first = crate::lexicon::upper_first(&lower);
        for v in [m.to_owned(), lower, upper_first] {
            if !patterns.contains(&v) {
                patterns.push(v);
            }
        }
    }
    patterns
}

fn markers() -> &'static Markers {
    static M: OnceLock<Markers> = OnceLock::new();
    M.get_or_init(|| {
        let patterns = credit_patterns();
        let paren = patterns.iter().map(|v| v.starts_with('(')).collect();
        Markers {
            credit_longest: patterns.iter().map(String::len).max().unwrap_or(0),
            credit: aho_corasick::AhoCorasick::builder()
                .match_kind(aho_corasick::MatchKind::LeftmostLongest)
                .kind(Some(aho_corasick::AhoCorasickKind::DFA))
                .build(&patterns)
                .expect("caption markers build an automaton"),
            credit_paren: paren,
            related: lexicon::entries(lexicon::RELATED_MARKERS).collect(),
        }
    })
}

/// Classifies the segment `span` of `text` into pieces, in order.
pub fn classify(text: &str, span: Range<usize>, out: &mut Vec<Piece>) {
    let mut span = span;
    // Guard against pathological inputs: each round consumes text.
    for _ in 0..10_000 {
        let s = &text[span.clone()];
        if s.is_empty() {
            return;
        }
        if let Some(rest) = related(text, &span, out) {
            span = rest;
            continue;
        }
        match caption(text, &span) {
            Some(found) => {
                if found.before.start < found.before.end {
                    out.push(Piece::Paragraph(found.before.clone()));
                }
                out.push(Piece::Caption {
                    span: found.caption,
                    credit: found.credit,
                    alt: found.alt,
                });
                match found.after {
                    Some(rest) => span = rest,
                    None => return,
                }
            }
            None => {
                out.push(Piece::Paragraph(span));
                return;
            }
        }
    }
}

/// A related-article line: `[Title]`, a markdown link `[label](url)` at the start,
/// or a line opening with "Xem thêm:". Returns the rest of the segment, if any.
fn related(text: &str, span: &Range<usize>, out: &mut Vec<Piece>) -> Option<Range<usize>> {
    let s = &text[span.clone()];
    if s.starts_with('[') {
        // `[label](url)`: a link; `[label]` alone on the line: a related article.
        let close = s.find(']')?;
        let label = trim_span(text, span.start + 1..span.start + close);
        let after = &s[close + 1..];
        if after.starts_with("(http") || after.starts_with("(/") {
            let end = after.find(')').map_or(s.len(), |e| close + 1 + e + 1);
            let label_text = &text[label.clone()];
            // Emoji shortcodes (":gift:") carry nothing.
            if label_text.chars().any(char::is_alphanumeric) {
                let cleaned = strip_shortcodes(text, label);
                out.push(Piece::Related(cleaned));
            }
            let rest = trim_span(text, span.start + end..span.end);
            return Some(rest);
        }
        if close + 1 == s.len() && close < 400 {
            out.push(Piece::Related(label));
            return Some(span.end..span.end);
        }
        return None;
    }
    let m = markers();
    if m.related.iter().any(|r| s.starts_with(r)) && s.chars().count() < 300 {
        out.push(Piece::Related(span.clone()));
        return Some(span.end..span.end);
    }
    None
}

fn strip_shortcodes(text: &str, span: Range<usize>) -> Range<usize> {
    let s = &text[span.clone()];
    let mut start = 0;
    let mut end = s.len();
    if s.starts_with(':')
        && let Some(e) = s[1..].find(':')
    {
        start = e + 2;
    }
    if s.ends_with(':')
        && end > start + 1
        && let Some(b) = s[start..end - 1].rfind(':')
    {
        end = start + b;
    }
    trim_span(text, span.start + start..span.start + end.max(start))
}

fn trim_span(text: &str, r: Range<usize>) -> Range<usize> {
    let s = &text[r.clone()];
    let lead = s.len() - s.trim_start().len();
    let end = s.trim_end().len();
    if end <= lead {
        return r.start + lead..r.start + lead;
    }
    r.start + lead..r.start + end
}

struct Found {
    before: Range<usize>,
    caption: Range<usize>,
    credit: Option<String>,
    alt: Option<Range<usize>>,
    after: Option<Range<usize>>,
}

fn caption(text: &str, span: &Range<usize>) -> Option<Found> {
    let s = &text[span.clone()];
    let base = span.start;
    // Alt text glued in front: "<ascii words> hinh anh <n><caption>".
    let alt = alt_text(s);
    let search_from = alt.as_ref().map_or(0, |a| a.caption_start);
    let credit =
        find_credit(&s[search_from..]).map(|(at, len, paren)| (at + search_from, len, paren));

    let (caption_start, alt_span) = match &alt {
        Some(a) => (a.caption_start, Some(base + a.alt.start..base + a.alt.end)),
        None => {
            let (at, _, _) = credit?;
            (caption_start_before(s, at), None)
        }
    };
    let (caption_end, credit_text, after_start) = match credit {
        Some((at, len, paren)) => {
            let (credit, consumed) = parse_credit(&s[at + len..], paren);
            (at, credit, at + len + consumed)
        }
        None => (s.len(), None, s.len()),
    };
    let caption = trim_span(
        text,
        base + caption_start..base + caption_end.max(caption_start),
    );
    let caption = strip_trailing(text, caption, &[' ', '-', '–']);
    let after = trim_span(text, base + after_start..span.end);
    let after = strip_leading(text, after, &['.', ')', ',', ' ', '-', '–']);
    Some(Found {
        before: trim_span(
            text,
            base..base + alt.as_ref().map_or(caption_start, |a| a.alt.start),
        ),
        caption,
        credit: credit_text,
        alt: alt_span,
        after: (after.start < after.end).then_some(after),
    })
}

fn strip_trailing(text: &str, r: Range<usize>, chars: &[char]) -> Range<usize> {
    let s = &text[r.clone()];
    let t = s.trim_end_matches(chars).len();
    r.start..r.start + t
}

fn strip_leading(text: &str, r: Range<usize>, chars: &[char]) -> Range<usize> {
    let s = &text[r.clone()];
    let t = s.len() - s.trim_start_matches(chars).len();
    r.start + t..r.end
}

struct Alt {
    alt: Range<usize>,
    caption_start: usize,
}

/// "Hoi nghi ... Ha Noi hinh anh 1Quang cảnh": ASCII words, "hinh anh", a number.
fn alt_text(s: &str) -> Option<Alt> {
    // The marker and all before it are ASCII, so it can only be in the ASCII
    // start of the paragraph: a few bytes of a Vietnamese one, where searching
    // all of every paragraph was 2% of a load. The first marker there is the
    // first in the paragraph, or the first is not preceded by ASCII alone.
    let ascii_start = s.bytes().position(|b| !b.is_ascii()).unwrap_or(s.len());
    // memchr's SIMD search, its searcher built once (`memmem::find` builds one
    // per call).
    static HINH_ANH: OnceLock<memchr::memmem::Finder<'static>> = OnceLock::new();
    let at = HINH_ANH
        .get_or_init(|| memchr::memmem::Finder::new(b" hinh anh "))
        .find(&s.as_bytes()[..ascii_start])?;
    let prefix = &s[..at];
    if prefix.split_whitespace().count() < 2 {
        return None;
    }
    let after = at + " hinh anh ".len();
    let digits = s[after..].chars().take_while(char::is_ascii_digit).count();
    if digits == 0 {
        return None;
    }
    Some(Alt {
        alt: 0..at,
        caption_start: after + digits,
    })
}

/// A credit marker found in `s`, when it starts a word: its start, length and
/// whether it closes at ')'.
fn credit_at_word_start(
    s: &str,
    m: &Markers,
    hit: &aho_corasick::Match,
) -> Option<(usize, usize, bool)> {
    let at = hit.start();
    let word_start = s[..at]
        .chars()
        .next_back()
        .is_none_or(|c| !c.is_alphanumeric());
    word_start.then(|| (at, hit.len(), m.credit_paren[hit.pattern().as_usize()]))
}

/// The first credit marker at a word start: (byte offset, marker length, in parens).
fn find_credit(s: &str) -> Option<(usize, usize, bool)> {
    let m = markers();
    // The markers are searched only around their anchors (see
    // [`anchor_regions`]): the automaton's own prefilter, over every byte of
    // every paragraph, was a tenth of a load, since Vietnamese is full of the
    // first bytes of "ảnh".
    anchor_regions(s, m.credit_longest).find_map(|region| {
        let input = aho_corasick::Input::new(s).span(region);
        m.credit
            .find_iter(input)
            .find_map(|hit| credit_at_word_start(s, m, &hit))
    })
}

/// The spans of `s`, in order and apart, that hold every match of a marker of
/// at most `longest` bytes: a marker holds an anchor, so it lies within
/// `longest` bytes of one. Searched span by span, the markers are found as in
/// the whole of `s`, one after another: the first match from any point starts
/// in the span holding it, where nothing longer starts with it either.
fn anchor_regions(s: &str, longest: usize) -> impl Iterator<Item = Range<usize>> + '_ {
    static PHOTO_FINDER: OnceLock<memchr::memmem::Finder<'static>> = OnceLock::new();
    let photo = PHOTO_FINDER.get_or_init(|| {
        memchr::memmem::FinderBuilder::new().build_forward_with_ranker(PhotoRanks, PHOTO)
    });
    let b = s.as_bytes();
    let [a1, a2] = ANCHOR_BYTES;
    let mut bytes = memchr::memchr2_iter(a1, a2, b)
        .map(|at| at..at + 1)
        .peekable();
    let mut photos = photo.find_iter(b).map(|at| at..at + PHOTO.len()).peekable();
    // The anchors in order, each as the span of text a match holding it lies in.
    let mut around_anchors = std::iter::from_fn(move || {
        let anchor = match (bytes.peek(), photos.peek()) {
            (Some(x), Some(y)) if y.start < x.start => photos.next(),
            (Some(_), _) => bytes.next(),
            (None, _) => photos.next(),
        }?;
        Some(anchor.end.saturating_sub(longest)..(anchor.start + longest).min(b.len()))
    })
    .peekable();
    std::iter::from_fn(move || {
        let mut region = around_anchors.next()?;
        while let Some(next) = around_anchors.next_if(|next| next.start <= region.end) {
            region.end = region.end.max(next.end);
        }
        Some(region)
    })
}

/// Where the caption sentence before a credit marker at `at` starts.
///
/// The sentences are looked for in the last [`CAPTION_REACH`] bytes first: a
/// credit often ends a long paragraph, and finding every sentence start of it was
/// a fifth of the caption search. Only when none of them will do is the whole
/// text before the marker looked at.
fn caption_start_before(s: &str, at: usize) -> usize {
    let before = &s[..at];
    let text = before.trim_end();
    // Sentence starts at or after a word that follows a space are those of the
    // text from that word on: a mark's punctuation, its look-back at the word
    // before it and the space after it stop at a space. Only the word itself
    // may or may not be a start (there `sentence_starts` always puts one).
    let word_after_space = text
        .len()
        .checked_sub(CAPTION_REACH)
        .and_then(|from| {
            text.as_bytes()[from..]
                .windows(2)
                .position(|w| w[0] == b' ' && w[1] != b' ')
                .map(|k| from + k + 1)
        })
        .filter(|&w| text.is_char_boundary(w) && !text[w..].starts_with(char::is_whitespace));
    if let Some(w) = word_after_space
        && let Some(st) = last_caption_start(before, w, &sentence_starts(&text[w..]))
        && st > w
    {
        return st;
    }
    last_caption_start(before, 0, &sentence_starts(text)).unwrap_or(0)
}

/// How far before a credit marker [`caption_start_before`] looks first.
const CAPTION_REACH: usize = 300;

/// The last of `starts` (offsets from `base` in `before`) that leaves text before
/// the marker.
fn last_caption_start(before: &str, base: usize, starts: &[usize]) -> Option<usize> {
    starts
        .iter()
        .rev()
        .map(|&st| base + st)
        .find(|&st| before[st..].trim().chars().any(char::is_alphanumeric))
}

crate::lexicon::word_list! {
    /// Words that open a new thing after a credit, never part of it.
    ///
    /// The entries are in `assets/cleanup/credit_stops.txt`.
    fn credit_stop = "cleanup/credit_stops.txt";
}

/// Parses the credit after a marker. Returns the credit and the bytes consumed.
fn parse_credit(s: &str, paren: bool) -> (Option<String>, usize) {
    if paren {
        // Up to the closing parenthesis, if it is near.
        return match s.find(')') {
            Some(e) if e <= 120 => {
                let c = s[..e].trim().trim_end_matches('.').trim();
                ((!c.is_empty()).then(|| c.to_owned()), e + 1)
            }
            _ => (None, 0),
        };
    }
    // A bare credit: capitalised tokens ("Nhật Bắc", "Q. Hùng", "TTXVN", "AN THÀNH ĐẠT").
    let mut taken: Vec<(usize, usize)> = Vec::new(); // (start, end) in s
    let mut stopped_by_lower = false;
    let mut pos = 0;
    for tok in s.split(' ') {
        let start = pos;
        pos += tok.len() + 1;
        if tok.is_empty() {
            continue;
        }
        let first = taken.is_empty();
        if !first && (credit_stop().contains(&tok) || taken.len() >= 5) {
            break;
        }
        let upper = crate::text::starts_upper(tok) || tok.contains('/');
        if !first && !upper {
            stopped_by_lower = tok.chars().next().is_some_and(char::is_lowercase);
            break;
        }
        let end = start + tok.len();
        taken.push((start, end));
        // "TTXVN." or "Q.Hùng." closes the credit.
        if tok.ends_with('.') && tok.trim_end_matches('.').chars().count() > 1 {
            break;
        }
    }
    if stopped_by_lower && taken.len() >= 2 {
        // "Q. Hùng Sau khi ...": the last capitalised word starts the next sentence.
        let (ls, le) = taken[taken.len() - 1];
        let last = &s[ls..le];
        let is_initial = last.ends_with('.');
        if !is_initial && !crate::text::is_all_caps(last) {
            taken.pop();
        }
    }
    let Some(&(_, end)) = taken.last() else {
        return (None, 0);
    };
    let credit = s[..end].trim().trim_end_matches('.').trim();
    ((!credit.is_empty()).then(|| credit.to_owned()), end)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(s: &str) -> Vec<(String, String)> {
        let mut out = Vec::new();
        classify(s, 0..s.len(), &mut out);
        out.into_iter()
            .map(|p| match p {
                Piece::Paragraph(r) => ("P".to_owned(), s[r].to_owned()),
                Piece::Caption { span, credit, alt } => (
                    format!(
                        "C[{}]{}",
                        credit.unwrap_or_default(),
                        alt.map(|a| format!("<{}>", &s[a])).unwrap_or_default()
                    ),
                    s[span].to_owned(),
                ),
                Piece::Related(r) => ("R".to_owned(), s[r].to_owned()),
            })
            .collect()
    }

    fn pair(a: &str, b: &str) -> (String, String) {
        (a.to_owned(), b.to_owned())
    }

    /// Where [`alt_text`] finds the alt text, as it was: the marker searched in
    /// the whole paragraph, then the text before it checked to be ASCII.
    fn alt_text_by_full_search(s: &str) -> Option<(usize, usize)> {
        let at = memchr::memmem::find(s.as_bytes(), b" hinh anh ")?;
        let prefix = &s[..at];
        if !prefix.is_ascii() || prefix.split_whitespace().count() < 2 {
            return None;
        }
        let after = at + " hinh anh ".len();
        let digits = s[after..].chars().take_while(char::is_ascii_digit).count();
        (digits > 0).then_some((at, after + digits))
    }

    #[test]
    fn alt_text_found_in_the_ascii_start_only_as_in_the_whole() {
        for s in [
            "Hoi nghi lan thu 4 hinh anh 1Quang cảnh",
            "Hội nghị hinh anh 1Quang cảnh",
            "Hoi nghi hinh anh Quang hinh anh 2x",
            "Hoi nghi hinh anh 1",
            "Hoi nghi hinh anh 12",
            "Hoi hinh anh 1 ả hinh anh 2",
            "Hoi nghi ả hinh anh 1",
            "Hoi nghi lan thu hinh anh ",
            "x hinh anh 1",
            "",
            "hinh anh 1",
        ] {
            assert_eq!(
                alt_text(s).map(|a| (a.alt.end, a.caption_start)),
                alt_text_by_full_search(s),
                "{s:?}"
            );
        }
    }

    /// [`find_credit`] as it was: the automaton over the whole of `s`.
    fn find_credit_in_the_whole(s: &str) -> Option<(usize, usize, bool)> {
        let m = markers();
        m.credit
            .find_iter(s)
            .find_map(|hit| credit_at_word_start(s, m, &hit))
    }

    /// [`caption_start_before`] as it was: the sentences of all the text before
    /// the marker.
    fn caption_start_before_by_all_sentences(s: &str, at: usize) -> usize {
        let before = &s[..at];
        sentence_starts(before.trim_end())
            .iter()
            .rev()
            .copied()
            .find(|&st| before[st..].trim().chars().any(char::is_alphanumeric))
            .unwrap_or(0)
    }

    #[test]
    fn caption_starts_found_near_the_marker_as_in_all_the_text() {
        let pieces = [
            "Quang cảnh hội nghị",
            ". ",
            ".  ",
            " ",
            "  ",
            "TP. ",
            "A. ",
            "ông Dũng",
            "! ",
            "… ",
            "\"",
            ")",
            " - ",
            "\n",
            "Đại biểu",
            "2021",
            "x",
            "?",
            "(",
            "  Ảnh",
        ];
        let mut far = 0;
        for s in crate::test_support::mixes(&pieces, 0xca97_10a5, 4_000, 240) {
            let mut at = s.len();
            while at > 0 {
                assert_eq!(
                    caption_start_before(&s, at),
                    caption_start_before_by_all_sentences(&s, at),
                    "{s:?} {at}"
                );
                far += usize::from(at > CAPTION_REACH);
                at = s.floor_char_boundary(at * 2 / 3);
            }
        }
        assert!(far > 1000, "{far}");
    }

    #[test]
    fn credits_found_around_anchors_as_in_the_whole() {
        let mut pieces: Vec<String> = lexicon::entries(lexicon::CAPTION_MARKERS)
            .flat_map(|m| [m.to_owned(), m.to_lowercase(), m[..m.len() - 1].to_owned()])
            .collect();
        pieces.extend(
            [
                "x",
                " ",
                "Ảnh",
                "ảnh hưởng",
                "(",
                ")",
                ":",
                " : ",
                "Photo",
                "photo",
                "hoto ",
                "Nhật Bắc",
                "TTXVN",
                "Quang cảnh hội nghị.",
                "\n",
                "9:30",
                "aẢnh: ",
                "(Ảnh",
            ]
            .map(str::to_owned),
        );
        let pieces: Vec<&str> = pieces.iter().map(String::as_str).collect();
        for s in crate::test_support::mixes(&pieces, 0x5eed_0fc7, 20_000, 12) {
            assert_eq!(find_credit(&s), find_credit_in_the_whole(&s), "{s:?}");
        }
        // Every credit pattern (each marker of the list among them) holds an
        // anchor, so that a search around the anchors finds them all.
        let patterns = credit_patterns();
        for m in lexicon::entries(lexicon::CAPTION_MARKERS) {
            assert!(patterns.iter().any(|p| p == m), "{m:?}");
        }
        for p in &patterns {
            assert!(is_anchored(p), "{p:?}");
        }
    }

    #[test]
    fn alt_text_caption_with_credit() {
        let s = "Hoi nghi lan thu 4 Ban Chap hanh hinh anh 1Quang cảnh hội nghị. (Ảnh: TTXVN)";
        assert_eq!(
            run(s),
            [pair(
                "C[TTXVN]<Hoi nghi lan thu 4 Ban Chap hanh>",
                "Quang cảnh hội nghị."
            )]
        );
    }

    #[test]
    fn caption_glued_mid_paragraph() {
        let s = "Hội nghị kết thúc. Đại biểu phát biểu tại hội nghị (Ảnh: Doãn Tấn/TTXVN) Từ ngày mai, cơ quan làm việc.";
        assert_eq!(
            run(s),
            [
                pair("P", "Hội nghị kết thúc."),
                pair("C[Doãn Tấn/TTXVN]", "Đại biểu phát biểu tại hội nghị"),
                pair("P", "Từ ngày mai, cơ quan làm việc."),
            ]
        );
    }

    #[test]
    fn bare_credit_then_body() {
        let s = "Quang cảnh hội nghị. Ảnh: Q. Hùng Sau khi xem phóng sự, hội nghị nghe báo cáo.";
        assert_eq!(
            run(s),
            [
                pair("C[Q. Hùng]", "Quang cảnh hội nghị."),
                pair("P", "Sau khi xem phóng sự, hội nghị nghe báo cáo.")
            ]
        );
        assert_eq!(
            run("Thủ tướng chủ trì phiên họp. Ảnh: Nhật Bắc"),
            [pair("C[Nhật Bắc]", "Thủ tướng chủ trì phiên họp.")]
        );
    }

    #[test]
    fn english_photo_credit() {
        let s =
            "Singer Lan on stage. Photo from Lan's Facebook Organizers said the line-up was final.";
        assert_eq!(
            run(s),
            [
                pair("C[Lan's Facebook]", "Singer Lan on stage."),
                pair("P", "Organizers said the line-up was final.")
            ]
        );
    }

    #[test]
    fn related_lines_and_links() {
        assert_eq!(
            run("[Hà Nội tập trung thực hiện các chương trình]"),
            [pair("R", "Hà Nội tập trung thực hiện các chương trình")]
        );
        assert_eq!(
            run("[:gift:Xem chi tiết ở đây:gift:](https://x.vn/a)Nội dung tiếp."),
            [pair("R", "Xem chi tiết ở đây"), pair("P", "Nội dung tiếp.")]
        );
        assert_eq!(run("Xem thêm: Bài khác"), [pair("R", "Xem thêm: Bài khác")]);
        assert_eq!(
            run("[1] chú thích trong câu."),
            [pair("P", "[1] chú thích trong câu.")]
        );
    }

    #[test]
    fn words_like_anh_are_not_credits() {
        assert_eq!(
            run("Anh ấy nói: ảnh hưởng lớn."),
            [pair("P", "Anh ấy nói: ảnh hưởng lớn.")]
        );
    }
}
