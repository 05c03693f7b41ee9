//! Removing what must never reach a terminal, and normalising what text comparison
//! depends on (NFC, one kind of space, one kind of line break).
//!
//! Every string that comes out of a file passes through [`clean`] as the last decode
//! step (after JSON unescaping and entity decoding), so no later stage can print a
//! control sequence that came from content.

use multiversion::multiversion;
use std::borrow::Cow;

use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfc_quick};

/// Sanitises and NFC-normalises one decoded string.
pub fn clean(s: &str) -> String {
    match scan(s) {
        Scan {
            dirty_at: None,
            simple: true,
        } => s.to_owned(),
        Scan { dirty_at: None, .. } => nfc(Cow::Borrowed(s)),
        Scan {
            dirty_at: Some(at),
            simple,
        } => {
            let (out, simple) = rewrite(s, at, simple);
            if simple { out } else { nfc(Cow::Owned(out)) }
        }
    }
}

/// Same as [`clean`] for an owned string, without copying when nothing changes.
pub fn clean_owned(s: String) -> String {
    match scan(&s) {
        Scan {
            dirty_at: None,
            simple: true,
        } => s,
        Scan { dirty_at: None, .. } => nfc(Cow::Owned(s)),
        Scan {
            dirty_at: Some(_), ..
        } => clean(&s),
    }
}

/// Whether [`clean`] returns `s` as it is without looking at NFC tables: no
/// suspect, and only characters NFC on their own. Then every slice of `s` (on
/// character boundaries) is clean too, since both tests are per character.
pub fn is_clean(s: &str) -> bool {
    matches!(
        scan(s),
        Scan {
            dirty_at: None,
            simple: true
        }
    )
}

/// NFC of a string that is not made only of characters NFC on their own.
fn nfc(s: Cow<'_, str>) -> String {
    if matches!(is_nfc_quick(s.chars()), IsNormalized::Yes) {
        s.into_owned()
    } else {
        s.nfc().collect()
    }
}

/// What one pass over the bytes of a string found.
struct Scan {
    /// Where the first thing [`sanitize`] would change starts (the scan stops
    /// there).
    dirty_at: Option<usize>,
    /// Every character before that (or in the whole string) is in a range that
    /// is NFC on its own: ASCII, Latin-1, Latin Extended-A/B and the precomposed
    /// Latin Extended Additional letters (U+1E00..U+1EFF, the precomposed
    /// Vietnamese letters among them). Text made only of them (most
    /// articles) needs no normalisation tables.
    simple: bool,
}

/// How the byte at `i` starts a character, for the scan and the rewrite.
enum Lead {
    /// ASCII that stays.
    Plain,
    /// A character that stays, of `len` bytes, NFC on its own or not.
    Keep { len: usize, simple: bool },
    /// A character [`fate`] must judge.
    Suspect,
}

#[inline(always)]
fn lead(b: &[u8], i: usize) -> Lead {
    let x = b[i];
    if x < 0x80 {
        return if x < 0x20 && x != b'\n' || x == 0x7f {
            Lead::Suspect
        } else {
            Lead::Plain
        };
    }
    // `b` is valid UTF-8: the continuation bytes of a lead byte are there.
    let c1 = b.get(i + 1).copied().unwrap_or(0);
    let c2 = b.get(i + 2).copied().unwrap_or(0);
    match x {
        // U+0080..U+00BF: C1 controls, NBSP, soft hyphen.
        0xc2 => Lead::Suspect,
        // U+00C0..U+02FF: Latin-1 letters, Latin Extended-A/B, IPA, modifiers.
        0xc3..=0xcb => Lead::Keep {
            len: 2,
            simple: true,
        },
        // U+061C (arabic letter mark).
        0xd8 if c1 == 0x9c => Lead::Suspect,
        0xcc..=0xdf => Lead::Keep {
            len: 2,
            simple: false,
        },
        // U+1E00..U+1EFF (e1 b8..bb): the precomposed Latin letters, the
        // Vietnamese ones among them. All are NFC on their own; the whole block
        // is tested rather than the Vietnamese letters alone since that takes
        // fewer byte tests (see [`starts_suspect_or_complex`]).
        0xe1 => Lead::Keep {
            len: 3,
            simple: c1 & 0xfc == 0xb8,
        },
        // U+2000..U+206F: the spaces, zero-width and bidi characters are suspects;
        // the punctuation between them (dashes, quotes, ellipsis: U+2010..U+2027,
        // U+2030..U+205E) is kept here, since nearly every article has some and a
        // suspect sends the rest of the text through the slower rewrite.
        0xe2 if c1 == 0x80 && (c2 <= 0x8f || (0xa8..=0xaf).contains(&c2)) => Lead::Suspect,
        0xe2 if c1 == 0x81 && (0x9f..=0xaf).contains(&c2) => Lead::Suspect,
        0xe2 if c1 == 0x80 || c1 == 0x81 => Lead::Keep {
            len: 3,
            simple: true,
        },
        // U+3000 ideographic space.
        0xe3 if c1 == 0x80 && c2 == 0x80 => Lead::Suspect,
        // U+FEFF.
        0xef if c1 == 0xbb && c2 == 0xbf => Lead::Suspect,
        0xe0..=0xef => Lead::Keep {
            len: 3,
            simple: false,
        },
        _ => Lead::Keep {
            len: 4,
            simple: false,
        },
    }
}

/// The sanitising test and the NFC fast path in one pass over the bytes: every
/// article body goes through here, and separate passes by characters were a
/// quarter of `docket check`'s profile.
fn scan(s: &str) -> Scan {
    let (dirty_at, simple) = next_suspect(s.as_bytes(), 0);
    Scan { dirty_at, simple }
}

/// The first suspect at or after byte `from` (a character boundary), and whether
/// every character before it is NFC on its own.
///
/// Most articles have no suspect at all and only simple characters, so whole
/// blocks of bytes are first tested at once (see [`block_holds`]); only a block
/// that holds something to look at goes through [`lead`] character by character.
#[multiversion(targets("x86_64+avx2"))]
fn next_suspect(b: &[u8], from: usize) -> (Option<usize>, bool) {
    // The block tests read every byte of every article with some thirty vector
    // operations per 16 bytes: with AVX2 the compiler tests 32 bytes per
    // operation.
    next_suspect_portable(b, from)
}

/// [`next_suspect`] for any CPU, inlined into each build that `multiversion` makes of it.
#[inline(always)]
fn next_suspect_portable(b: &[u8], from: usize) -> (Option<usize>, bool) {
    let mut simple = true;
    let mut i = from;
    while i < b.len() {
        // What in this block would stop the fast path: a suspect, or (while the
        // text is simple so far) a character that is not NFC on its own.
        let stop = if simple {
            block_holds(b, i, starts_suspect_or_complex)
        } else {
            block_holds(b, i, starts_suspect)
        };
        let block_end = (i + BLOCK).min(b.len());
        if !stop {
            i = block_end;
            // The block may end inside a character: continue at the next one.
            while i < b.len() && is_continuation(b[i]) {
                i += 1;
            }
            continue;
        }
        while i < block_end {
            match lead(b, i) {
                Lead::Plain => i += 1,
                Lead::Keep { len, simple: ok } => {
                    simple &= ok;
                    i += len;
                }
                Lead::Suspect => return (Some(i), simple),
            }
        }
    }
    (None, simple)
}

/// Bytes tested at once by [`block_holds`].
const BLOCK: usize = 64;

#[inline(always)]
fn is_continuation(x: u8) -> bool {
    (x as i8) < -0x40
}

/// Whether `test` (a byte, the two after it) holds at any of the `BLOCK` bytes
/// from `at` (fewer at the end).
#[inline(always)]
fn block_holds(b: &[u8], at: usize, test: impl Fn(u8, u8, u8) -> bool) -> bool {
    // A fixed-size window (the block and the two bytes after it) lets the compiler
    // drop the bounds checks and test 16 bytes per instruction. At the end of the
    // text (and for short strings: titles, dates, urls) the window is a copy
    // padded with spaces, which start nothing and, after the last character,
    // change no test of it.
    let padded;
    let w: &[u8; BLOCK + 2] = match b.get(at..at + BLOCK + 2) {
        Some(w) => w.try_into().expect("window length"),
        None => {
            let mut w = [b' '; BLOCK + 2];
            w[..b.len() - at].copy_from_slice(&b[at..]);
            padded = w;
            &padded
        }
    };
    let mut any = false;
    for k in 0..BLOCK {
        any |= test(w[k], w[k + 1], w[k + 2]);
    }
    any
}

/// Whether byte `x` (followed by `c1` and `c2`) starts a suspect: [`lead`]'s
/// `Suspect`, without branches so a block is tested at once. False on
/// continuation bytes (0x80..0xBF).
#[inline(always)]
fn starts_suspect(x: u8, c1: u8, c2: u8) -> bool {
    let control = ((x < 0x20) & (x != b'\n')) | (x == 0x7f);
    let c1_or_nbsp = x == 0xc2;
    let arabic_mark = (x == 0xd8) & (c1 == 0x9c);
    let general_punctuation = x == 0xe2;
    let invisible_2000 =
        general_punctuation & (c1 == 0x80) & ((c2 <= 0x8f) | ((0xa8..=0xaf).contains(&c2)));
    let invisible_2040 = general_punctuation & (c1 == 0x81) & (0x9f..=0xaf).contains(&c2);
    let ideographic_space = (x == 0xe3) & (c1 == 0x80) & (c2 == 0x80);
    let bom = (x == 0xef) & (c1 == 0xbb) & (c2 == 0xbf);
    control | c1_or_nbsp | arabic_mark | invisible_2000 | invisible_2040 | ideographic_space | bom
}

/// Whether byte `x` (followed by `c1` and `c2`) starts a suspect or a kept
/// character that is not NFC on its own: [`lead`]'s `Suspect` or `Keep` with
/// `simple: false`. One test rather than [`starts_suspect`] and another, since
/// this one runs over nearly every byte: every lead byte from 0xcc on (U+0300
/// and above, where every suspect but the controls and U+0080..U+00BF lies) but
/// the precomposed letters of U+1E00..U+1EFF and the punctuation of
/// U+2000..U+207F that is kept.
#[inline(always)]
fn starts_suspect_or_complex(x: u8, c1: u8, c2: u8) -> bool {
    let control = ((x < 0x20) & (x != b'\n')) | (x == 0x7f);
    let c1_or_nbsp = x == 0xc2;
    // U+1E00..U+1EFF: e1 b8..bb.
    let latin_extended_additional = (x == 0xe1) & (c1 & 0xfc == 0xb8);
    // U+2010..U+2027, U+2030..U+205E, U+2070..U+207F. `c2` is tested only
    // after e2 80 or e2 81, where it is a continuation byte (0x80..0xBF), whose
    // order as signed bytes is its order as bytes: a signed comparison is one
    // instruction where an unsigned one is two.
    let c2_below = |bound: u8| (c2 as i8) < (bound as i8);
    let kept_punctuation = (x == 0xe2)
        & (((c1 == 0x80) & ((!c2_below(0x90) & c2_below(0xa8)) | !c2_below(0xb0)))
            | ((c1 == 0x81) & (c2_below(0x9f) | !c2_below(0xb0))));
    control | c1_or_nbsp | ((x >= 0xcc) & !latin_extended_additional & !kept_punctuation)
}

/// `s` sanitised from byte `at` on (everything before is known to stay), and
/// whether the result is made only of characters NFC on their own (`simple`:
/// what the scan found before `at`).
fn rewrite(s: &str, at: usize, mut simple: bool) -> (String, bool) {
    let b = s.as_bytes();
    let mut out = String::with_capacity(s.len());
    // Untouched runs are copied as bytes; only suspects are decoded and judged.
    let mut run = 0;
    let mut i = at;
    loop {
        let (next, ok) = next_suspect(b, i);
        simple &= ok;
        let Some(at) = next else { break };
        let c = s[at..].chars().next().unwrap_or(' ');
        let len = c.len_utf8();
        let f = if c == '\r' && b.get(at + 1) == Some(&b'\n') {
            Fate::Drop
        } else {
            fate(c)
        };
        match f {
            // Suspects kept as they are (joiners, other format characters).
            Fate::Keep => simple &= (c as u32) < 0x300 || ('\u{2000}'..='\u{206f}').contains(&c),
            Fate::Drop => {
                out.push_str(&s[run..at]);
                run = at + len;
            }
            Fate::Replace(r) => {
                out.push_str(&s[run..at]);
                out.push(r);
                simple &= (r as u32) < 0x300;
                run = at + len;
            }
        }
        i = at + len;
    }
    out.push_str(&s[run..]);
    (out, simple)
}

/// What a character becomes after sanitising.
enum Fate {
    Keep,
    Drop,
    Replace(char),
}

fn fate(c: char) -> Fate {
    match c {
        '\n' => Fate::Keep,
        // A tab means nothing in an article and its width depends on the terminal.
        '\t' => Fate::Replace(' '),
        // Carriage returns: CRLF is folded by the caller; a lone CR would move the cursor.
        '\r' => Fate::Replace('\n'),
        // Other C0 controls and DEL become their visible Control Pictures (U+2400 block),
        // so a reader sees that something odd was in the file.
        '\u{0}'..='\u{1f}' => Fate::Replace(char::from_u32(0x2400 + c as u32).unwrap_or('?')),
        '\u{7f}' => Fate::Replace('\u{2421}'),
        // C1 controls (U+009B is CSI, U+009D is OSC on some terminals): dropped.
        '\u{80}'..='\u{9f}' => Fate::Drop,
        // Bidi embeddings, overrides, isolates and marks: they reorder what is shown.
        '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{200e}' | '\u{200f}' | '\u{61c}' => {
            Fate::Drop
        }
        // Invisible characters that break matching and width accounting.
        '\u{200b}' | '\u{2060}' | '\u{feff}' | '\u{ad}' => Fate::Drop,
        // Line and paragraph separators are line breaks.
        '\u{2028}' | '\u{2029}' => Fate::Replace('\n'),
        // Unicode spaces (no-break, en/em, thin, ideographic): one plain space.
        '\u{a0}' | '\u{2000}'..='\u{200a}' | '\u{202f}' | '\u{205f}' | '\u{3000}' => {
            Fate::Replace(' ')
        }
        _ => Fate::Keep,
    }
}

/// Removes or makes visible every control character, bidi control and odd space.
/// CRLF becomes LF. Returns the input unchanged (borrowed) when nothing applies.
pub fn sanitize(s: &str) -> Cow<'_, str> {
    match scan(s).dirty_at {
        None => Cow::Borrowed(s),
        Some(at) => Cow::Owned(rewrite(s, at, false).0),
    }
}

/// True when `c` could change what a terminal does or shows beyond one glyph.
/// Used by tests and by the renderer's last line of defence.
pub fn is_unsafe_for_terminal(c: char) -> bool {
    c != '\n' && (c.is_control() || !matches!(fate(c), Fate::Keep))
}

/// Cuts `s` to at most `max_chars` characters, on a character boundary, adding `…`.
pub fn truncate_chars(s: &str, max_chars: usize) -> Cow<'_, str> {
    match s.char_indices().nth(max_chars) {
        None => Cow::Borrowed(s),
        Some((i, _)) => Cow::Owned(format!("{}…", &s[..i])),
    }
}

/// Collapses runs of whitespace (including newlines) into one space and trims.
pub fn collapse_spaces(s: &str) -> String {
    // Titles, bylines and names are nearly always collapsed already: one byte
    // scan, then a copy, instead of splitting and rejoining every word.
    if is_collapsed(s) {
        return s.to_owned();
    }
    let mut out = String::with_capacity(s.len());
    for word in s.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// Whether [`collapse_spaces`] leaves `s` as it is: no whitespace but single
/// ASCII spaces between other characters. Tests the bytes of every character
/// [`char::is_whitespace`] holds: U+0009..U+000D, U+0020, U+0085 and U+00A0
/// (C2 85, C2 A0), U+1680 (E1 9A 80), U+2000..U+200A, U+2028, U+2029, U+202F
/// (E2 80 80..8A, A8, A9, AF), U+205F (E2 81 9F) and U+3000 (E3 80 80).
fn is_collapsed(s: &str) -> bool {
    let b = s.as_bytes();
    if b.first() == Some(&b' ') || b.last() == Some(&b' ') {
        return false;
    }
    // Every byte is tested with the two after it, without branches, so that the
    // loop is vectorised: this runs for every title and byline, and a per-byte
    // `match` (Vietnamese is full of E1 lead bytes) was 3% of a load. Bytes past
    // the end read as 0; a valid UTF-8 lead byte is followed by its continuation
    // bytes, which never start a gap themselves.
    let body = b.len().saturating_sub(2);
    let after = |k: usize| b.get(k..).unwrap_or_default();
    let in_body = b[..body]
        .iter()
        .zip(after(1))
        .zip(after(2))
        .fold(false, |found, ((&x, &y), &z)| found | starts_gap(x, y, z));
    let at = |k: usize| b.get(k).copied().unwrap_or(0);
    let in_tail = (body..b.len()).any(|i| starts_gap(b[i], at(i + 1), at(i + 2)));
    !(in_body || in_tail)
}

/// Whether the bytes `x y z` start something [`collapse_spaces`] changes: a
/// whitespace character other than a single space, or a space after a space.
#[inline(always)]
fn starts_gap(x: u8, y: u8, z: u8) -> bool {
    let control = x.wrapping_sub(b'\t') <= b'\r' - b'\t';
    let double_space = (x == b' ') & (y == b' ');
    let c2 = (x == 0xc2) & ((y == 0x85) | (y == 0xa0));
    let e1 = (x == 0xe1) & (y == 0x9a) & (z == 0x80);
    let e2_80 =
        (y == 0x80) & ((z.wrapping_sub(0x80) <= 0x0a) | (z == 0xa8) | (z == 0xa9) | (z == 0xaf));
    let e2 = (x == 0xe2) & (e2_80 | ((y == 0x81) & (z == 0x9f)));
    let e3 = (x == 0xe3) & (y == 0x80) & (z == 0x80);
    control | double_space | c2 | e1 | e2 | e3
}

#[cfg(test)]
mod tests {

    /// The definition [`clean`] implements in one pass: every character judged by
    /// [`fate`] (CRLF folded), then NFC.
    fn clean_by_definition(s: &str) -> String {
        let mut out = String::new();
        let mut chars = s.chars().peekable();
        while let Some(c) = chars.next() {
            if c == '\r' && chars.peek() == Some(&'\n') {
                continue;
            }
            match fate(c) {
                Fate::Keep => out.push(c),
                Fate::Drop => {}
                Fate::Replace(r) => out.push(r),
            }
        }
        out.nfc().collect()
    }

    #[test]
    fn one_pass_clean_matches_the_definition() {
        let pieces = [
            "Hội nghị",
            "Ha\u{300} No\u{323}i",
            "\r\n",
            "\r",
            "\t",
            "\u{a0}",
            "\u{1b}[31m",
            "\u{9b}",
            "\u{202e}",
            "\u{200b}",
            "\u{feff}",
            "\u{2028}",
            "ĐẠI HỘI",
            "e\u{301}",
            "日本",
            "😀",
            "\u{7f}",
            "x",
            " ",
            "\n",
        ];
        // Every ordered pair and triple of pieces: dirty bytes before and after
        // text that needs normalising, at the start, the end and in between.
        for a in pieces {
            for b in pieces {
                for c in ["", "y", "\u{a0}", "o\u{302}"] {
                    let s = format!("{a}{b}{c}");
                    assert_eq!(clean(&s), clean_by_definition(&s), "{s:?}");
                    assert_eq!(clean_owned(s.clone()), clean_by_definition(&s), "{s:?}");
                }
            }
        }
    }

    #[test]
    fn byte_scan_agrees_with_the_character_rules() {
        let chars = (0u32..0x3100)
            .chain(0x1e00..0x1f00)
            .chain(0xfe00..0x10000)
            .chain([0x1f600, 0x10ffff])
            .filter_map(char::from_u32);
        for c in chars {
            let s = format!("a{c}b");
            let scanned = scan(&s);
            if scanned.dirty_at.is_none() {
                assert!(
                    matches!(fate(c), Fate::Keep),
                    "{:04x} slips through",
                    c as u32
                );
                let u = c as u32;
                let simple =
                    u < 0x300 || (0x1e00..=0x1eff).contains(&u) || (0x2010..=0x207f).contains(&u);
                assert_eq!(scanned.simple, simple, "{:04x}", c as u32);
                // What the scan calls simple needs no normalisation, alone or
                // after a simple letter.
                if simple {
                    assert_eq!(s.nfc().collect::<String>(), s, "{u:04x}");
                    let after_letter = format!("\u{1ea0}{c}");
                    assert_eq!(after_letter.nfc().collect::<String>(), after_letter);
                }
            }
            // What the scan calls clean, sanitising leaves as it is.
            if scanned.dirty_at.is_none() {
                assert_eq!(sanitize(&s), s.as_str());
            }
        }
    }

    use super::*;

    /// [`next_suspect`] as it was, one character at a time: the definition the
    /// block-at-a-time scan must agree with.
    fn next_suspect_by_chars(b: &[u8], from: usize) -> (Option<usize>, bool) {
        let mut simple = true;
        let mut i = from;
        while i < b.len() {
            match lead(b, i) {
                Lead::Plain => i += 1,
                Lead::Keep { len, simple: ok } => {
                    simple &= ok;
                    i += len;
                }
                Lead::Suspect => return (Some(i), simple),
            }
        }
        (None, simple)
    }

    #[test]
    fn byte_tests_agree_with_lead() {
        let chars = (0u32..0x3100)
            .chain(0x1e00..0x1f00)
            .chain(0xfe00..0x10000)
            .chain([0x1f600, 0x10ffff])
            .filter_map(char::from_u32);
        for c in chars {
            let s = format!("{c}b");
            let b = s.as_bytes();
            let byte = |k: usize| b.get(k).copied().unwrap_or(0);
            let (suspect, complex) = match lead(b, 0) {
                Lead::Suspect => (true, false),
                Lead::Keep { simple: false, .. } => (false, true),
                _ => (false, false),
            };
            let u = c as u32;
            assert_eq!(starts_suspect(b[0], byte(1), byte(2)), suspect, "{u:04x}");
            assert_eq!(
                starts_suspect_or_complex(b[0], byte(1), byte(2)),
                suspect || complex,
                "{u:04x}"
            );
            for k in 1..c.len_utf8() {
                assert!(!starts_suspect(byte(k), byte(k + 1), byte(k + 2)));
                assert!(!starts_suspect_or_complex(
                    byte(k),
                    byte(k + 1),
                    byte(k + 2)
                ));
            }
        }
    }

    /// [`collapse_spaces`] by its definition: the words, rejoined.
    fn collapse_by_words(s: &str) -> String {
        s.split_whitespace().collect::<Vec<_>>().join(" ")
    }

    #[test]
    fn collapsed_test_agrees_with_split_whitespace() {
        // Every character next to letters and spaces: all whitespace is below
        // U+3100, and the lead bytes it shares (C2, E1, E2, E3) with others.
        let chars = (0u32..0x3100)
            .chain(0xfe00..0x10000)
            .chain([0x1f600, 0x10ffff])
            .filter_map(char::from_u32);
        for c in chars {
            for s in [
                format!("a{c}b"),
                format!("{c}"),
                format!("a {c}b"),
                format!("a{c} b"),
                format!("{c}a"),
            ] {
                assert_eq!(is_collapsed(&s), collapse_by_words(&s) == s, "{s:?}");
                assert_eq!(collapse_spaces(&s), collapse_by_words(&s), "{s:?}");
            }
        }
        let pieces = crate::test_support::SPACE_PIECES;
        for s in crate::test_support::mixes(pieces, 0x2545_f491, 5000, 10) {
            assert_eq!(is_collapsed(&s), collapse_by_words(&s) == s, "{s:?}");
            assert_eq!(collapse_spaces(&s), collapse_by_words(&s), "{s:?}");
        }
    }

    #[test]
    fn block_scan_agrees_with_the_character_scan() {
        let pieces = [
            "Hội nghị lần thứ tư của Ban Chấp hành ",
            "plain ascii words and more plain words ",
            "“trích dẫn” – ",
            "\u{a0}",
            "\r\n",
            "\t",
            "\u{1b}",
            "\u{200b}",
            "\u{feff}",
            "e\u{301}",
            "日本語",
            "😀",
            "Đ",
            "\u{2028}",
        ];
        // Pseudo-random sequences of pieces, so suspects and complex characters
        // fall at every offset of a block and across block ends.
        let mut rng = crate::test_support::Xorshift(0x2545_f491);
        let mut next = || rng.next();
        for _ in 0..3000 {
            let mut s = String::new();
            for _ in 0..next() % 12 {
                let p = pieces[next() % pieces.len()];
                // Mostly clean text, now and then something to find.
                let p = if next() % 3 == 0 {
                    p
                } else {
                    pieces[next() % 2]
                };
                s.push_str(p);
            }
            let b = s.as_bytes();
            let starts: Vec<usize> = (0..=b.len()).filter(|&i| s.is_char_boundary(i)).collect();
            for &from in &starts {
                let found = next_suspect(b, from);
                assert_eq!(found, next_suspect_by_chars(b, from), "{s:?} from {from}");
                // The build for any CPU agrees with the one `next_suspect` chose.
                assert_eq!(found, next_suspect_portable(b, from), "{s:?} from {from}");
            }
        }
    }

    #[test]
    fn clean_text_is_borrowed_untouched() {
        let s = "Hội nghị lần thứ 4\nTiếp theo";
        assert!(matches!(sanitize(s), Cow::Borrowed(_)));
        assert_eq!(clean(s), s);
    }

    #[test]
    fn escape_sequences_become_visible_and_inert() {
        let s = "Clear \u{1b}[2J screen \u{1b}]52;c;SGVsbG8=\u{7} done";
        let out = sanitize(s);
        assert!(!out.contains('\u{1b}'));
        assert!(!out.contains('\u{7}'));
        assert!(out.contains("␛[2J"));
        assert!(out.contains('␇'));
    }

    #[test]
    fn c1_and_bidi_controls_are_dropped() {
        let s = "a\u{9b}31m b\u{9d}52 c\u{202e}evil\u{2066}x\u{200b}y";
        assert_eq!(sanitize(s), "a31m b52 cevilxy");
    }

    #[test]
    fn line_endings_and_spaces_are_normalised() {
        assert_eq!(sanitize("a\r\nb\rc\td\u{a0}e\u{2028}f"), "a\nb\nc d e\nf");
    }

    #[test]
    fn nfd_vietnamese_becomes_nfc() {
        let nfd = "Ha\u{300} No\u{302}\u{323}i";
        assert_eq!(clean(nfd), "Hà Nội");
        assert_eq!(clean_owned(nfd.to_string()), "Hà Nội");
    }

    #[test]
    fn nothing_unsafe_survives() {
        let all: String = (0u32..0x3000).filter_map(char::from_u32).collect();
        let out = clean(&all);
        assert!(out.chars().all(|c| !is_unsafe_for_terminal(c)), "{out:?}");
    }

    #[test]
    fn truncation_respects_characters() {
        assert_eq!(truncate_chars("Đinh Tiến Quang", 4), "Đinh…");
        assert_eq!(truncate_chars("abc", 4), "abc");
    }
}
