//! Cutting a body into paragraph spans.
//!
//! Scrapes come in three shapes: one paragraph per line (with or without blank lines
//! between), hard-wrapped wire copy (lines of ~70 columns, paragraphs indented or
//! separated by blank lines), and one-line bodies where paragraphs, captions and
//! bylines are glued together without a space ("...95%.Chủ trì phiên họp...",
//! "kinh tếTại hội trường"). All three end up as a list of spans; nothing is copied.

use multiversion::multiversion;
use std::ops::Range;
use std::sync::OnceLock;

use memchr::memmem;

use crate::text::{is_lower, is_upper, is_word_char};

/// A candidate paragraph: a span of the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Seg {
    pub span: Range<usize>,
}

/// Lines of `text` as trimmed spans, `None` for blank lines.
fn lines(text: &str) -> Vec<Option<(Range<usize>, usize)>> {
    let mut out = Vec::new();
    let mut start = 0;
    // The lines of `text.split('\n')`, their ends found with memchr's SIMD search.
    let ends = memchr::memchr_iter(b'\n', text.as_bytes()).chain([text.len()]);
    for end in ends {
        let line = &text[start..end];
        let trimmed_start = line.len() - line.trim_start().len();
        let trimmed_end = line.trim_end().len();
        if trimmed_end == 0 || is_rule(line.trim()) {
            out.push(None);
        } else {
            out.push(Some((
                start + trimmed_start..start + trimmed_end,
                trimmed_start,
            )));
        }
        start = end + 1;
    }
    out
}

/// A horizontal rule or setext underline: `-----`, `=====`, `*****`, `_____`.
fn is_rule(line: &str) -> bool {
    line.len() >= 3
        && line
            .chars()
            .all(|c| matches!(c, '-' | '=' | '*' | '_' | '~' | ' '))
}

/// True when the body is hard-wrapped: most lines are of a similar medium length and
/// most of them end mid-sentence.
fn is_hard_wrapped(text: &str, lines: &[Option<(Range<usize>, usize)>]) -> bool {
    let spans: Vec<&str> = lines
        .iter()
        .flatten()
        .map(|(r, _)| &text[r.clone()])
        .collect();
    if spans.len() < 5 {
        return false;
    }
    let mut lens: Vec<usize> = spans.iter().map(|s| s.chars().count()).collect();
    let ended = spans.iter().filter(|s| ends_sentence(s)).count();
    lens.sort_unstable();
    let median = lens[lens.len() / 2];
    let max = lens[lens.len() - 1];
    let near = lens
        .iter()
        .filter(|&&l| l + 15 >= median && l <= median + 10)
        .count();
    max <= 100 && median >= 45 && near * 10 >= lens.len() * 6 && ended * 2 <= spans.len()
}

fn ends_sentence(s: &str) -> bool {
    s.trim_end()
        .trim_end_matches(['"', '”', '’', '\'', ')', '*'])
        .ends_with(['.', '!', '?', '…', ':'])
}

fn starts_lower(s: &str) -> bool {
    s.chars().next().is_some_and(char::is_lowercase)
}

/// Splits `text` into paragraph spans (before captions and bylines are recognised).
pub fn paragraphs(text: &str) -> Vec<Seg> {
    let lines = lines(text);
    let wrapped = is_hard_wrapped(text, &lines);
    let mut out: Vec<Seg> = Vec::new();
    // Whether the previous line may continue into the next one.
    let mut open: Option<usize> = None;
    for line in &lines {
        let Some((span, indent)) = line else {
            if wrapped {
                open = None;
            }
            continue;
        };
        let s = &text[span.clone()];
        let joins = match open {
            Some(i) => {
                let prev = &text[out[i].span.clone()];
                if wrapped {
                    *indent == 0 || !ends_sentence(prev)
                } else {
                    // A paragraph broken mid-sentence ("range from China's" / blank /
                    // "economic power to ..."): the next line starts in lower case.
                    !ends_sentence(prev)
                        && !prev.ends_with(',')
                        && starts_lower(s)
                        && prev.chars().count() > 60
                }
            }
            None => false,
        };
        match (joins, open) {
            (true, Some(i)) => out[i].span.end = span.end,
            _ => {
                out.push(Seg { span: span.clone() });
                open = Some(out.len() - 1);
            }
        }
    }
    // Most texts have no run of three spaces: one search of the whole text
    // says so, instead of one per paragraph (whose set-up cost more than the
    // search itself in short paragraphs).
    let any_wide_gap = three_spaces().find(text.as_bytes()).is_some();
    let mut split = Vec::with_capacity(out.len());
    for seg in out {
        split_glued(text, seg.span, any_wide_gap, &mut split);
    }
    split
}

/// Splits a span where a paragraph, caption or byline was glued on without a
/// space (or, when `any_wide_gap`, flattened into a run of spaces).
fn split_glued(text: &str, span: Range<usize>, any_wide_gap: bool, out: &mut Vec<Seg>) {
    let s = &text[span.clone()];
    let mut start = 0;
    let mut cuts = glue_points(s);
    if any_wide_gap {
        cuts.extend(wide_gaps(s));
        cuts.sort_unstable();
    }
    for cut in cuts {
        push_trimmed(text, span.start + start..span.start + cut, out);
        start = cut;
    }
    push_trimmed(text, span.start + start..span.end, out);
}

fn push_trimmed(text: &str, r: Range<usize>, out: &mut Vec<Seg>) {
    let s = &text[r.clone()];
    let lead = s.len() - s.trim_start().len();
    let tail = s.trim_end().len();
    if tail > lead {
        out.push(Seg {
            span: r.start + lead..r.start + tail,
        });
    }
}

/// A searcher for three spaces, built once: `memmem::find` builds one per
/// call, which costs more than the search in a short paragraph.
fn three_spaces() -> &'static memmem::Finder<'static> {
    static THREE_SPACES: OnceLock<memmem::Finder<'static>> = OnceLock::new();
    THREE_SPACES.get_or_init(|| memmem::Finder::new(b"   "))
}

/// Paragraph breaks flattened into runs of three or more spaces ("...của Hiệp hội.
/// Trong năm qua"), a common shape of scraped JSON records: where the next word
/// starts with a capital or a digit.
fn wide_gaps(s: &str) -> Vec<usize> {
    let mut cuts = Vec::new();
    let b = s.as_bytes();
    let mut i = 0;
    let three_spaces = three_spaces();
    while let Some(off) = three_spaces.find(&b[i..]) {
        let start = i + off;
        let mut end = start;
        while end < b.len() && b[end] == b' ' {
            end += 1;
        }
        if start > 0
            && end < b.len()
            && s[end..]
                .starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit() || "\"“".contains(c))
        {
            cuts.push(end);
        }
        i = end;
    }
    cuts
}

/// Byte offsets in `s` where a new paragraph starts glued to the previous one:
/// - after sentence punctuation with no space: "95%.Chủ trì", "…xây cao tốc...Thủ tướng";
/// - a lower-case letter followed by a capitalised word, when either side is
///   Vietnamese (has diacritics): "kinh tếTại", "VnExpressBạn" but not "iPhone";
/// - an all-caps word followed by a capitalised Vietnamese word: "ĐẠTGiải".
#[multiversion(targets("x86_64+avx2"))]
pub fn glue_points(s: &str) -> Vec<usize> {
    // The block test below is most of the cost of segmenting (it reads every
    // byte of every paragraph with some forty vector operations per 16 bytes):
    // with AVX2 the compiler tests 32 bytes per operation.
    glue_points_portable(s)
}

/// [`glue_points`] for any CPU, inlined into each build that `multiversion` makes of it.
#[inline(always)]
fn glue_points_portable(s: &str) -> Vec<usize> {
    let mut cuts = Vec::new();
    let b = s.as_bytes();
    // Nearly every block of 64 bytes holds no capital glued to what is before it:
    // each block is tested at once with byte tests the compiler vectorises (a
    // loop over the characters, or one over candidate bytes with a branch per
    // byte, was a fifth of `docket check`), and only the few bytes the test
    // flags get the exact test.
    let mut base = 0;
    while base < b.len() {
        let Some(flags) = block_glue_flags(b, base) else {
            base += GLUE_BLOCK;
            continue;
        };
        for (word_at, word) in flags.chunks_exact(8).enumerate() {
            // Eight flags (each 0 or 1) as one word: skipped at once when clear.
            let mut bits = u64::from_le_bytes(word.try_into().expect("eight flags"));
            while bits != 0 {
                let at = base + word_at * 8 + bits.trailing_zeros() as usize / 8;
                bits &= bits - 1;
                if let Some(cut) = candidate(s, b, at) {
                    cuts.push(cut);
                }
            }
        }
        base += GLUE_BLOCK;
    }
    cuts
}

/// Bytes tested at once by [`block_glue_flags`].
const GLUE_BLOCK: usize = 64;

/// [`may_glue`] (1 or 0) for each byte of the block of `GLUE_BLOCK` bytes from
/// `at` (0 past the end of the text), or `None` when it holds nowhere (nearly
/// every block).
#[inline(always)]
fn block_glue_flags(b: &[u8], at: usize) -> Option<[u8; GLUE_BLOCK]> {
    // A fixed-size window (the byte before the block, the block and two bytes
    // after it) lets the compiler drop the bounds checks and test 16 bytes per
    // instruction. At the ends of the text (most paragraphs are a few blocks
    // long) the window is a padded copy, so the ends are tested the same way.
    let interior = at
        .checked_sub(1)
        .and_then(|before| b.get(before..at + GLUE_BLOCK + 2));
    let padded;
    let w: &[u8; GLUE_BLOCK + 3] = match interior {
        Some(w) => w.try_into().expect("window length"),
        None => {
            padded = padded_window(b, at);
            &padded
        }
    };
    let mut flags = [0; GLUE_BLOCK];
    let mut any = 0;
    for (k, flag) in flags.iter_mut().enumerate() {
        *flag = u8::from(may_glue(w[k], w[k + 1], w[k + 2], w[k + 3]));
        any |= *flag;
    }
    (any != 0).then_some(flags)
}

/// The window of [`block_glue_flags`] at an end of the text: a space before the
/// text (nothing is glued to its start) and zeros after it (no letter).
fn padded_window(b: &[u8], at: usize) -> [u8; GLUE_BLOCK + 3] {
    let mut w = [0; GLUE_BLOCK + 3];
    let start = at.saturating_sub(1);
    let end = b.len().min(at + GLUE_BLOCK + 2);
    let offset = if at == 0 {
        w[0] = b' ';
        1
    } else {
        0
    };
    w[offset..offset + end - start].copy_from_slice(&b[start..end]);
    w
}

/// A cheap test, on the bytes alone, that the character starting with byte `x`
/// (followed by `c1` and `c2`, after `prev`) may be a capital glued to the text
/// before it and followed by a lower-case letter: true wherever [`candidate`]
/// can find a cut (it makes the exact tests), false on continuation bytes, and
/// false on nearly every other byte of an article, lower-case Vietnamese letters
/// included. Written without branches so a block of bytes is tested at once.
#[inline(always)]
fn may_glue(prev: u8, x: u8, c1: u8, c2: u8) -> bool {
    // After a space, a line break or any other byte up to 0x20 there is no cut:
    // [`candidate`] stops at the first three, and none of the others is a
    // letter or a closing mark.
    let after_space = prev <= b' ';
    let even = |c: u8| c & 1 == 0;
    // An ASCII capital before what may be a lower-case letter (ASCII or not).
    let ascii = (x.wrapping_sub(b'A') < 26) & (c1 >= b'a');
    // After a lead byte `c1` is a continuation byte (0x80..0xBF), whose order
    // as signed bytes is its order as bytes: a signed comparison is one
    // instruction where an unsigned one is two.
    let c1_below = |bound: u8| (c1 as i8) < (bound as i8);
    // U+00C0..U+00DE (c3 80..9e): the Latin-1 capitals.
    let latin1 = (x == 0xc3) & c1_below(0x9f);
    // U+0100..U+0137 (c4 80..b7): capitals are even; the rest of c4, U+0138..,
    // mixes. This leaves out đ (c4 91), ă, ĩ.
    let latin_a1 = (x == 0xc4) & (even(c1) | !c1_below(0xb8));
    // U+0140..U+017F mixes cases: all but ũ (c5 a9), the only one of them
    // Vietnamese uses (a finer test costs more than the rare false flags).
    let latin_a2 = (x == 0xc5) & (c1 != 0xa9);
    // U+0180..U+01BF mixes cases: all but ơ (c6 a1) and ư (c6 b0).
    let latin_b = (x == 0xc6) & (c1 != 0xa1) & (c1 != 0xb0);
    // U+1E00..U+1EFF (e1 b8..bb): capitals are even, lower-case letters odd.
    let latin_extended_additional = (x == 0xe1) & (c1 & 0xfc == 0xb8);
    // U+2000..U+203F: punctuation, no letters.
    let general_punctuation = (x == 0xe2) & (c1 == 0x80);
    let other = (x >= 0xc7) & !(latin_extended_additional & !even(c2)) & !general_punctuation;
    !after_space & (ascii | latin1 | latin_a1 | latin_a2 | latin_b | other)
}

/// Whether the capital candidate at byte `at` starts a glued paragraph.
#[inline]
fn candidate(s: &str, b: &[u8], at: usize) -> Option<usize> {
    if at == 0 {
        return None;
    }
    let p = b[at - 1];
    if p == b' ' || p == b'\n' || p == b'\t' {
        return None;
    }
    // The capital first (cheap), then the letter after it.
    let (c, len) = decode_at(b, at);
    if !is_upper(c) || at + len >= b.len() || !is_lower(decode_at(b, at + len).0) {
        return None;
    }
    let prev = s[..at].chars().next_back()?;
    if prev.is_whitespace() {
        return None;
    }
    glue_at(s, at, prev)
}

/// The character starting at byte `i` of valid UTF-8 and its length, decoded by
/// hand: this runs for every non-ASCII letter of every article.
#[inline(always)]
fn decode_at(b: &[u8], i: usize) -> (char, usize) {
    let x = b[i];
    let cont = |k: usize| u32::from(b.get(i + k).copied().unwrap_or(0x80) & 0x3f);
    let (u, len) = match x {
        0..=0x7f => (u32::from(x), 1),
        0xc0..=0xdf => ((u32::from(x & 0x1f) << 6) | cont(1), 2),
        0xe0..=0xef => ((u32::from(x & 0x0f) << 12) | (cont(1) << 6) | cont(2), 3),
        _ => (
            (u32::from(x & 0x07) << 18) | (cont(1) << 12) | (cont(2) << 6) | cont(3),
            4,
        ),
    };
    (char::from_u32(u).unwrap_or('\u{fffd}'), len)
}

const CLOSERS: [char; 8] = ['.', '!', '?', '…', '"', '”', '’', ')'];

/// Decides whether the capital at byte `at` (preceded by `prev`) starts a glued
/// paragraph; returns where to cut.
fn glue_at(s: &str, at: usize, prev: char) -> Option<usize> {
    let head = &s[..at];
    if CLOSERS.contains(&prev) {
        // Look back over the punctuation run to what the sentence ended with.
        let run_len: usize = head
            .chars()
            .rev()
            .take_while(|c| CLOSERS.contains(c))
            .map(char::len_utf8)
            .sum();
        let run = &head[head.len() - run_len..];
        let before_run = &head[..head.len() - run_len];
        let before = before_run.chars().next_back()?;
        let has_stop = run.contains(['.', '!', '?', '…']);
        let abbreviation = is_upper(before) || word_is_short(word_ending(before_run));
        if !(has_stop
            && !abbreviation
            && (is_lower(before) || before.is_ascii_digit() || before == '%'))
        {
            return None;
        }
        // A straight quote right before the capital opens the next paragraph when
        // the quotes before it are balanced: cut before the quote.
        if prev == '"' && head[..at - 1].matches('"').count().is_multiple_of(2) {
            return Some(at - 1);
        }
        return Some(at);
    }
    let word_after = word_starting(&s[at..]);
    let viet_after = !word_after.is_ascii();
    if is_lower(prev) {
        let word_before = word_ending(head);
        let viet_before = !word_before.is_ascii();
        return ((viet_before || viet_after) && word_before.chars().count() >= 2).then_some(at);
    }
    if is_upper(prev) {
        let word_before = word_ending(head);
        let viet_before = !word_before.is_ascii();
        let caps_run = word_before.chars().count() >= 2 && crate::text::is_all_caps(word_before);
        return ((viet_before || viet_after) && caps_run).then_some(at);
    }
    None
}

/// The run of letters and digits at the start of `s`.
fn word_starting(s: &str) -> &str {
    let end = s
        .char_indices()
        .find(|&(_, c)| !is_word_char(c))
        .map_or(s.len(), |(i, _)| i);
    &s[..end]
}

/// The run of letters and digits at the end of `s`.
fn word_ending(s: &str) -> &str {
    let start = s
        .char_indices()
        .rev()
        .find(|&(_, c)| !is_word_char(c))
        .map_or(0, |(i, c)| i + c.len_utf8());
    &s[start..]
}

/// "v.v", "TS", "ông A" style one- or two-letter words before a period: not a
/// sentence end.
fn word_is_short(w: &str) -> bool {
    let n = w.chars().count();
    w.chars().all(char::is_alphabetic)
        && (n == 1 || (n == 2 && w.chars().next().is_some_and(char::is_uppercase)))
}

crate::lexicon::word_list! {
    /// Words that end with a period without ending the sentence.
    ///
    /// The entries are in `assets/cleanup/abbreviations.txt`.
    fn abbreviations = "cleanup/abbreviations.txt";
}

/// Byte offsets in `s` where sentences start (0 is always included).
pub fn sentence_starts(s: &str) -> Vec<usize> {
    let mut starts = vec![0];
    let mut marks = SentenceMarks::new(s.as_bytes());
    let mut from = 0;
    while let Some(i) = marks.next_from(from) {
        let c = s[i..].chars().next().unwrap_or('.');
        // Swallow a run of punctuation and closing quotes.
        let mut end = i + c.len_utf8();
        while let Some(d) = s[end..].chars().next()
            && matches!(
                d,
                '.' | '!' | '?' | '…' | '"' | '”' | '’' | '\'' | ')' | ']'
            )
        {
            end += d.len_utf8();
        }
        from = end;
        // Must be followed by whitespace and then a sentence start.
        let rest = &s[end..];
        let ws = rest.len() - rest.trim_start().len();
        if ws == 0 || end + ws >= s.len() {
            continue;
        }
        let next = rest[ws..].chars().next().unwrap_or(' ');
        if !(is_upper(next)
            || next.is_ascii_digit()
            || matches!(next, '"' | '“' | '‘' | '(' | '-' | '–'))
        {
            continue;
        }
        if c == '.' && is_abbreviation_or_initial(&s[..i]) {
            continue;
        }
        starts.push(end + ws);
    }
    starts
}

/// Whether the word that ends `head` (letters, digits and periods) before a
/// period is a single capital ("A.") or an abbreviation ("TP.", "Mr.").
fn is_abbreviation_or_initial(head: &str) -> bool {
    let start = head
        .char_indices()
        .rev()
        .take_while(|&(_, ch)| is_word_char(ch) || ch == '.')
        .last()
        .map_or(head.len(), |(k, _)| k);
    let word = &head[start..];
    let mut chars = word.chars();
    if let (Some(first), None) = (chars.next(), chars.next())
        && is_upper(first)
    {
        return true;
    }
    if word.is_ascii() {
        // Without allocating: the list is ASCII lower case.
        abbreviations().iter().any(|a| a.eq_ignore_ascii_case(word))
    } else if word
        .chars()
        .all(|c| c.is_ascii() || c.to_lowercase().all(|l| l.is_ascii()))
    {
        // Some non-ASCII letters lower-case to ASCII ones (the Kelvin sign).
        abbreviations().contains(&word.to_lowercase().as_str())
    } else {
        // A letter that lowers to one outside ASCII keeps the word out of the
        // list: no lower case String is made for it (most words before a
        // period in Vietnamese text).
        false
    }
}

/// The sentence-ending marks of a text ('.', '!', '?' and '…') in order, found
/// with memchr's SIMD searches instead of decoding every character: captions
/// look for the sentence before a credit in long paragraphs.
struct SentenceMarks<'a> {
    b: &'a [u8],
    /// The next '.', '!' or '?' at or after the last position asked for.
    ascii: Option<usize>,
    /// The next '…' at or after the last position asked for.
    ellipsis: Option<usize>,
}

/// A searcher for '…', built once (`memmem::find` builds one per call).
fn ellipsis_finder() -> &'static memmem::Finder<'static> {
    static F: OnceLock<memmem::Finder<'static>> = OnceLock::new();
    F.get_or_init(|| memmem::Finder::new("…"))
}

impl<'a> SentenceMarks<'a> {
    fn new(b: &'a [u8]) -> Self {
        SentenceMarks {
            b,
            ascii: memchr::memchr3(b'.', b'!', b'?', b),
            ellipsis: ellipsis_finder().find(b),
        }
    }

    /// The first mark at or after byte `from` (`from` never goes back).
    fn next_from(&mut self, from: usize) -> Option<usize> {
        let rest = self.b.get(from..).unwrap_or_default();
        if self.ascii.is_some_and(|at| at < from) {
            self.ascii = memchr::memchr3(b'.', b'!', b'?', rest).map(|k| from + k);
        }
        if self.ellipsis.is_some_and(|at| at < from) {
            self.ellipsis = ellipsis_finder().find(rest).map(|k| from + k);
        }
        match (self.ascii, self.ellipsis) {
            (Some(a), Some(e)) => Some(a.min(e)),
            (a, e) => a.or(e),
        }
    }
}

/// Sentence spans of `s` (relative to `s`), trimmed.
pub fn sentences(s: &str) -> Vec<Range<usize>> {
    let starts = sentence_starts(s);
    let mut out = Vec::with_capacity(starts.len());
    for (k, &st) in starts.iter().enumerate() {
        let end = starts.get(k + 1).copied().unwrap_or(s.len());
        let piece = &s[st..end];
        let t = piece.trim_end().len();
        if t > 0 {
            out.push(st..st + t);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(text: &str) -> Vec<&str> {
        paragraphs(text)
            .iter()
            .map(|s| &text[s.span.clone()])
            .collect()
    }

    /// [`may_glue`] at byte `at` of `b`.
    fn may_glue_at(b: &[u8], at: usize) -> bool {
        let byte = |k: usize| b.get(k).copied().unwrap_or(0);
        // Before the text there is nothing to glue to: as if a space.
        let prev = at.checked_sub(1).map_or(b' ', byte);
        may_glue(prev, b[at], byte(at + 1), byte(at + 2))
    }

    /// [`glue_points`] as it was: [`candidate`] at every ASCII capital and every
    /// non-ASCII lead byte from 0xc3 on.
    fn glue_points_at_every_candidate(s: &str) -> Vec<usize> {
        let b = s.as_bytes();
        (0..b.len())
            .filter(|&at| b[at].wrapping_sub(b'A') < 26 || b[at] >= 0xc3)
            .filter_map(|at| candidate(s, b, at))
            .collect()
    }

    #[test]
    fn byte_test_keeps_every_glued_capital() {
        let chars = (0u32..0x3100)
            .chain(0x1e00..0x1f00)
            .chain(0xff00..0xff60)
            .chain([0x1d400, 0x10400])
            .filter_map(char::from_u32);
        for c in chars {
            for prev in ['x', 'ư', '.', 'Đ'] {
                for next in ['a', 'z', 'ạ', 'ư', 'đ', 'ª', 'ß', 'я', 'ω', 'ﬀ'] {
                    let s = format!("{prev}{c}{next}");
                    let b = s.as_bytes();
                    let at = prev.len_utf8();
                    if is_upper(c) && is_lower(next) {
                        assert!(may_glue_at(b, at), "{s:?}");
                    }
                    for k in 1..c.len_utf8() {
                        assert!(!may_glue_at(b, at + k), "{s:?} at {k}");
                    }
                }
            }
        }
    }

    #[test]
    fn glue_points_agree_with_the_candidate_scan() {
        let pieces = [
            "tăng trưởng kinh tế",
            "Tại hội trường",
            "95%.",
            "Chủ trì phiên họp, Thủ tướng nói.",
            "\"Chỉ bàn làm\"",
            "ĐẠT",
            "Giải pháp",
            " ",
            "iPhone",
            "BaDen",
            "TP.Hồ Chí Minh",
            "Ảnh: Nhật Bắc",
            "…",
            "Ông",
            "ÉTÉ été",
            "ŁódźĽubľana",
            "ΑθήναΜόσχα",
            "\t",
            "\r",
            "\u{1}",
            "\u{b}",
            "\n",
        ];
        for s in crate::test_support::mixes(&pieces, 0x9e37_79b9_u32, 5000, 24) {
            let cuts = glue_points(&s);
            assert_eq!(cuts, glue_points_at_every_candidate(&s), "{s:?}");
            // The build for any CPU agrees with the one `glue_points` chose.
            assert_eq!(cuts, glue_points_portable(&s), "{s:?}");
        }
    }

    #[test]
    fn one_paragraph_per_line_with_or_without_blank_lines() {
        assert_eq!(
            texts("A một.\nB hai.\n\n\nC ba."),
            ["A một.", "B hai.", "C ba."]
        );
    }

    #[test]
    fn hard_wrapped_wire_copy_is_joined() {
        let t = "Most commodity agreements are close to collapse and the debt\nproblem continues to weigh heavily on developing countries,\nthe commerce minister told officials from thirty countries.\n    The officials are meeting to finalise the agenda for the\nregional conference of ministers, to be held here on Saturday.\n";
        let p = texts(t);
        assert_eq!(p.len(), 2, "{p:?}");
        assert!(p[1].starts_with("The officials"));
    }

    #[test]
    fn broken_paragraph_is_rejoined() {
        let t = "Other issues to be discussed at the five-day conference range from China's\n\neconomic power to Iraq's future.\nNext one.";
        assert_eq!(texts(t).len(), 2);
    }

    #[test]
    fn glued_sentences_split() {
        let s = "giải ngân ít nhất 95%.Chủ trì phiên họp, Thủ tướng nói.Ông yêu cầu";
        assert_eq!(
            texts(s),
            [
                "giải ngân ít nhất 95%.",
                "Chủ trì phiên họp, Thủ tướng nói.",
                "Ông yêu cầu"
            ]
        );
        assert_eq!(
            texts("xây cao tốc...Thủ tướng chủ trì"),
            ["xây cao tốc...", "Thủ tướng chủ trì"]
        );
        assert_eq!(
            texts("các cam kết đã có.\"Chỉ bàn làm\", Thủ tướng nói."),
            ["các cam kết đã có.", "\"Chỉ bàn làm\", Thủ tướng nói."]
        );
        assert_eq!(
            texts("\"Phải làm ngay.\"Ông nói thêm."),
            ["\"Phải làm ngay.\"", "Ông nói thêm."]
        );
    }

    #[test]
    fn glued_case_change_splits_only_vietnamese() {
        assert_eq!(
            texts("tăng trưởng kinh tếTại hội trường"),
            ["tăng trưởng kinh tế", "Tại hội trường"]
        );
        assert_eq!(
            texts("Ảnh: Nhật BắcTại phiên họp"),
            ["Ảnh: Nhật Bắc", "Tại phiên họp"]
        );
        assert_eq!(
            texts("Ảnh: AN THÀNH ĐẠTGiải pháp"),
            ["Ảnh: AN THÀNH ĐẠT", "Giải pháp"]
        );
        assert_eq!(
            texts("mua iPhone ở BaDen Mountain"),
            ["mua iPhone ở BaDen Mountain"]
        );
    }

    #[test]
    fn runs_of_spaces_break_paragraphs() {
        assert_eq!(
            texts("Đoạn một.   Đoạn hai có   chữ thường.    3 đoạn ba."),
            ["Đoạn một.", "Đoạn hai có   chữ thường.", "3 đoạn ba."]
        );
    }

    #[test]
    fn abbreviations_do_not_split() {
        assert_eq!(
            texts("tại TP.Hồ Chí Minh và (Ảnh: M.Quân)."),
            ["tại TP.Hồ Chí Minh và (Ảnh: M.Quân)."]
        );
    }

    /// [`sentence_starts`] as it was, character by character.
    fn sentence_starts_by_chars(s: &str) -> Vec<usize> {
        let mut starts = vec![0];
        let mut iter = s.char_indices().peekable();
        while let Some((i, c)) = iter.next() {
            if !matches!(c, '.' | '!' | '?' | '…') {
                continue;
            }
            let mut end = i + c.len_utf8();
            while let Some(&(j, d)) = iter.peek() {
                if matches!(
                    d,
                    '.' | '!' | '?' | '…' | '"' | '”' | '’' | '\'' | ')' | ']'
                ) {
                    end = j + d.len_utf8();
                    iter.next();
                } else {
                    break;
                }
            }
            let rest = &s[end..];
            let ws = rest.len() - rest.trim_start().len();
            if ws == 0 || end + ws >= s.len() {
                continue;
            }
            let next = rest[ws..].chars().next().unwrap_or(' ');
            if !(next.is_uppercase()
                || next.is_ascii_digit()
                || matches!(next, '"' | '“' | '‘' | '(' | '-' | '–'))
            {
                continue;
            }
            if c == '.' {
                let word: String = s[..i]
                    .chars()
                    .rev()
                    .take_while(|ch| ch.is_alphanumeric() || *ch == '.')
                    .collect::<Vec<_>>()
                    .into_iter()
                    .rev()
                    .collect();
                let lower = word.to_lowercase();
                let single_initial =
                    word.chars().count() == 1 && word.chars().all(char::is_uppercase);
                if single_initial || abbreviations().contains(&lower.as_str()) {
                    continue;
                }
            }
            starts.push(end + ws);
        }
        starts
    }

    #[test]
    fn sentence_starts_agree_with_the_character_scan() {
        let pieces = [
            "Ông A nói",
            ". ",
            "! ",
            "? ",
            "… ",
            "...",
            "”",
            "\"",
            ") ",
            "Mr. ",
            "TP. ",
            "\u{212a}s. ",
            "U.S. ",
            "v.v. ",
            "A. ",
            "Đ. ",
            "9 giờ",
            "“Tốt,”",
            "  ",
            "\n",
            "hội nghị",
            "(Ảnh",
            "– ",
            "x",
        ];
        for s in crate::test_support::mixes(&pieces, 0x51ed_270b_u32, 5000, 16) {
            assert_eq!(sentence_starts(&s), sentence_starts_by_chars(&s), "{s:?}");
        }
    }

    #[test]
    fn sentences_respect_abbreviations() {
        let s = "Ông A nói. Mr. Blair đến TP. HCM lúc 9 giờ. “Tốt,” ông nói! Hết";
        let got: Vec<&str> = sentences(s).into_iter().map(|r| &s[r]).collect();
        assert_eq!(
            got,
            [
                "Ông A nói.",
                "Mr. Blair đến TP. HCM lúc 9 giờ.",
                "“Tốt,” ông nói!",
                "Hết"
            ]
        );
    }
}
