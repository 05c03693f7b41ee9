//! Words and punctuation of one block, with byte spans into the article text.

use multiversion::multiversion;
use std::ops::Range;

use crate::text::fold::write_key_fix as fix_key;
use crate::text::{class, is_upper};

/// What a token is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Word,
    /// A punctuation character; `spaced` when whitespace touches it on either side.
    Punct {
        ch: char,
        spaced: bool,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Tok {
    pub start: usize,
    pub end: usize,
    pub kind: Kind,
    /// First letter upper case.
    pub cap: bool,
    /// Every letter upper case (and at least two letters, or initials).
    pub caps: bool,
    /// Has a digit.
    pub digit: bool,
    /// A word with a joiner inside ("T.Ư", "NN&PTNT", "O'Brien").
    pub joined: bool,
}

impl Tok {
    /// A punctuation token: one character, with no word flags.
    fn punctuation(span: Range<usize>, ch: char, spaced: bool) -> Tok {
        Tok {
            start: span.start,
            end: span.end,
            kind: Kind::Punct { ch, spaced },
            cap: false,
            caps: false,
            digit: false,
            joined: false,
        }
    }

    pub fn is_word(&self) -> bool {
        self.kind == Kind::Word
    }

    pub fn punct(&self) -> Option<char> {
        match self.kind {
            Kind::Punct { ch, .. } => Some(ch),
            Kind::Word => None,
        }
    }

    pub fn is_punct(&self, c: char) -> bool {
        self.punct() == Some(c)
    }

    pub fn span(&self) -> Range<usize> {
        self.start..self.end
    }

    /// The token's text in `text` (the article text its offsets point into).
    pub fn text<'a>(&self, text: &'a str) -> &'a str {
        &text[self.start..self.end]
    }
}

/// Characters that join two word parts into one token when letters sit on both
/// sides: "T.Ư", "TP.HCM", "NN&PTNT", "O'Brien". (The scanner has them in
/// [`byte_class`] and, for '’', in [`classify`]; this is what the tests hold
/// those to.)
#[cfg(test)]
fn is_joiner(c: u32) -> bool {
    // '.', '&', '\'', '’'
    matches!(c, 0x2e | 0x26 | 0x27 | 0x2019)
}

/// Tokenises `text[span]`.
pub fn tokenize(text: &str, span: Range<usize>) -> Vec<Tok> {
    scan::<false>(text, span, &mut Vec::new(), None)
}

/// Tokenises `text[span]` and appends its [`match_key`] to `key` (the same length
/// as the span, so a token's key is `key[tok.start - span.start..tok.end -
/// span.start]`): the characters are classified once for both.
///
/// [`match_key`]: crate::text::fold::match_key
pub fn tokenize_keyed(text: &str, span: Range<usize>, key: &mut Vec<u8>) -> Vec<Tok> {
    scan::<true>(text, span, key, None)
}

/// [`tokenize_keyed`], also appending to `puncts` the index of every punctuation
/// token: about one token in nine, and what splitting sentences needs to look at
/// (asking it of every token showed in profiles).
pub fn tokenize_keyed_puncts(
    text: &str,
    span: Range<usize>,
    key: &mut Vec<u8>,
    puncts: &mut Vec<usize>,
) -> Vec<Tok> {
    scan::<true>(text, span, key, Some(puncts))
}

/// True when the match key may differ from the text at the non-ASCII character
/// of classes `k` at byte `j`: an upper-case letter, or a vowel after "o"/"u"
/// that may take its tone. Most characters need no look-up, so the test is
/// written without branches (it runs for every non-ASCII character).
#[inline(always)]
fn needs_fix(k: u8, src: &[u8], j: usize) -> bool {
    let before = src.get(j.wrapping_sub(1)).map_or(0, |&c| c | 0x20);
    (k & class::RECASED != 0) | (before == b'o') | (before == b'u')
}

/// In the per-byte class array of [`scan`], a joiner ('.', '&', apostrophes): the
/// array has no use for [`class::RECASED`] once the key is fixed, so its bit is
/// taken.
const JOINER: u8 = class::RECASED;

/// Eight bytes, one bit of each: for the class array read eight bytes at a time.
const EACH_BYTE: u64 = 0x0101_0101_0101_0101;

/// The class of the byte `c` in the class array of [`scan`]: ASCII characters
/// have their classes (and [`JOINER`]), a continuation byte is taken as part of a
/// word until its character says otherwise, a lead byte is set per character.
///
/// Computed with comparisons rather than read from a table so that the loop over
/// a block's bytes is vectorised: it runs over every byte of every block, and the
/// table look-up cost about four instructions a byte.
#[inline(always)]
fn byte_class(c: u8) -> u8 {
    let pick = |yes: bool, classes: u8| if yes { classes } else { 0 };
    let lower = c.wrapping_sub(b'a') < 26;
    let upper = c.wrapping_sub(b'A') < 26;
    let digit = c.wrapping_sub(b'0') < 10;
    // '\t', '\n', vertical tab, form feed, '\r' and ' ': `char::is_whitespace`
    // in ASCII.
    let space = c.wrapping_sub(b'\t') < 5 || c == b' ';
    let joiner = c == b'.' || c == b'&' || c == b'\'';
    let continuation = c & 0xc0 == 0x80;
    pick(lower, class::WORD | class::LETTER | class::LOWER)
        | pick(upper, class::WORD | class::LETTER | class::UPPER)
        | pick(digit, class::WORD | class::DIGIT)
        | pick(space, class::SPACE)
        | pick(joiner, JOINER)
        | pick(continuation, class::WORD)
}

/// The code point and length of the multi-byte character whose lead byte is at `i`
/// of `b`, without branching on the length of two- and three-byte characters:
/// Vietnamese mixes the two (Latin-1 and Latin Extended letters, Latin Extended
/// Additional ones), so that branch mispredicts. In about half the instructions of
/// decoding any length without branches (this runs for every non-ASCII
/// character); four-byte characters (emoji) take a branch.
#[inline(always)]
fn decode_multibyte(b: &[u8], i: usize) -> (u32, usize) {
    let Some(&[b0, b1, b2]) = b.get(i..i + 3) else {
        return class::decode(b, i);
    };
    if b0 >= 0xf0 {
        return class::decode(b, i);
    }
    // Decoded as three bytes: a three-byte lead's bit 4 is zero, so that is the
    // code point; a two-byte one's is the code point and the six bits of the next
    // character's byte, shifted out. A shift rather than a choice between the
    // two, which the compiler made a branch.
    let three = u32::from(b0 >= 0xe0);
    let all = (u32::from(b0 & 0x1f) << 12) | (u32::from(b1 & 0x3f) << 6) | u32::from(b2 & 0x3f);
    (all >> (6 - 6 * three), 2 + three as usize)
}

/// Bit i: byte i of `chunk` is the lead byte of a multi-byte character
/// (0b11xxxxxx).
#[inline(always)]
fn lead_bytes_of(chunk: &[u8; 64]) -> u64 {
    let mut leads = 0;
    for (n_word, word) in chunk.chunks_exact(8).enumerate() {
        let w = u64::from_le_bytes(word.try_into().expect("8 bytes"));
        let lead_bytes = ((w & (w << 1)) >> 7) & EACH_BYTE;
        // Byte i's bit 0 to bit i.
        let lead_bits = lead_bytes.wrapping_mul(0x0102_0408_1020_4080) >> 56;
        leads |= lead_bits << (8 * n_word);
    }
    leads
}

/// The classes of every byte of `b` (eight zero bytes after): a character's
/// classes on its first byte, and on the others [`class::WORD`] for a word
/// character, [`class::SPACE`] for a space, nothing else. Fixes the match key in
/// `key` (a lower-cased copy of `b`) at the non-ASCII characters that need it.
#[inline(always)]
fn classify<const KEY: bool>(b: &[u8], key: &mut [u8]) -> Vec<u8> {
    let classes = class::tables();
    let mut cls = Vec::with_capacity(b.len() + 8);
    cls.extend(b.iter().map(|&c| byte_class(c)));
    cls.extend_from_slice(&[0; 8]);
    // Lead bytes of multi-byte characters (0b11xxxxxx), 64 bytes at a time: the
    // loop over a chunk's leads mispredicts at its end, once per chunk.
    let mut whole = b.chunks_exact(64);
    let mut tail = [0; 64];
    tail[..whole.remainder().len()].copy_from_slice(whole.remainder());
    let chunks = whole
        .by_ref()
        .map(|c| <&[u8; 64]>::try_from(c).expect("64 bytes"));
    for (n_chunk, chunk) in chunks.chain([&tail]).enumerate() {
        let mut leads = lead_bytes_of(chunk);
        while leads != 0 {
            let j = n_chunk * 64 + leads.trailing_zeros() as usize;
            leads &= leads - 1;
            let (u, n) = decode_multibyte(b, j);
            let k = classes.of(u);
            // The right single quote is the only joiner that is not ASCII.
            cls[j] = (k & !class::RECASED) | if u == 0x2019 { JOINER } else { 0 };
            if k & (class::WORD | class::MARK) == 0 {
                for c in &mut cls[j + 1..j + n] {
                    *c = k & class::SPACE;
                }
            }
            if KEY && needs_fix(k, b, j) {
                fix_key(key, b, j, u, n);
            }
        }
    }
    cls
}

/// The tokeniser, optionally building the match key as it goes.
///
/// Two passes: [`classify`] gives every byte its character's classes, then the
/// tokens are read from that array eight bytes at a time, a word's flags folded
/// from its bytes' classes with bit arithmetic. This runs over every block of
/// every article; a loop per character mispredicted at every change between
/// ASCII and other letters and at every word's end, which showed in profiles.
#[multiversion(targets("x86_64+avx2"))]
fn scan<const KEY: bool>(
    text: &str,
    span: Range<usize>,
    key_out: &mut Vec<u8>,
    puncts: Option<&mut Vec<usize>>,
) -> Vec<Tok> {
    // The per-byte passes (the key's lower-casing, the class array, the lead
    // bytes) are vectorised by the compiler, for 16-byte SSE2 vectors by
    // default; the machines this runs on have AVX2, which tests 32 bytes per
    // operation.
    scan_portable::<KEY>(text, span, key_out, puncts)
}

/// [`scan`] for any CPU, inlined into each build that `multiversion` makes of it.
#[inline(always)]
fn scan_portable<const KEY: bool>(
    text: &str,
    span: Range<usize>,
    key_out: &mut Vec<u8>,
    mut puncts: Option<&mut Vec<usize>>,
) -> Vec<Tok> {
    let s = &text[span.clone()];
    let b = s.as_bytes();
    let len = b.len();
    let base = span.start;
    let key_start = key_out.len();
    if KEY {
        key_out.extend_from_slice(b);
        key_out[key_start..].make_ascii_lowercase();
    }
    let cls = classify::<KEY>(b, &mut key_out[key_start..]);
    let eight = |i: usize| {
        u64::from_le_bytes(
            cls[i..i + 8]
                .try_into()
                .expect("the array has 8 bytes to spare"),
        )
    };
    // About one token per five bytes of news text: a quarter leaves room for
    // denser blocks without growing the vector.
    let mut out = Vec::with_capacity(len / 4);
    let mut prev_space = true;
    let mut i = 0;
    while i < len {
        let k = cls[i];
        if k & class::SPACE != 0 {
            prev_space = true;
            i += 1;
            continue;
        }
        if k & class::WORD != 0 {
            // A word: letters, digits and marks, joined across '.', '&',
            // apostrophes when a word character follows ("T.Ư", "NN&PTNT").
            let at = i;
            let mut end = i;
            let mut letters = 0;
            let mut lower = false;
            let mut digit = false;
            let mut joined = false;
            loop {
                let x = eight(end);
                // Per byte, bit 0: a word character's byte (WORD or MARK).
                let in_word = ((x >> 1) | (x >> 3)) & EACH_BYTE;
                let out_of_word = in_word ^ EACH_BYTE;
                let run = (out_of_word.trailing_zeros() / 8) as usize;
                // Every bit below the first byte not in the word.
                let x = x & (out_of_word & out_of_word.wrapping_neg()).wrapping_sub(1);
                lower |= x & (EACH_BYTE * u64::from(class::LOWER)) != 0;
                digit |= x & (EACH_BYTE * u64::from(class::DIGIT)) != 0;
                // The sum of the bytes' LETTER bits, gathered in the top byte.
                letters += ((((x >> 6) & EACH_BYTE).wrapping_mul(EACH_BYTE)) >> 56) as usize;
                end += run;
                if run == 8 {
                    continue;
                }
                if end < len && cls[end] & JOINER != 0 {
                    let joiner_len = class::decode(b, end).1;
                    if end + joiner_len < len && cls[end + joiner_len] & class::WORD != 0 {
                        joined = true;
                        end += joiner_len;
                        continue;
                    }
                }
                break;
            }
            // Initials keep their final period: "M.A." / "A." before a capital.
            // Only an all-capital word without digits can be initials.
            if b.get(end) == Some(&b'.') && !lower && !digit && is_initials(&s[at..end]) {
                let next_cap = s[end + 1..]
                    .chars()
                    .find(|ch| !ch.is_whitespace())
                    .is_some_and(is_upper);
                if next_cap {
                    end += 1;
                }
            }
            let caps = letters >= 1 && !lower && (letters >= 2 || b[end - 1] == b'.');
            out.push(Tok {
                start: base + at,
                end: base + end,
                kind: Kind::Word,
                cap: k & class::UPPER != 0,
                caps,
                digit,
                joined,
            });
            // The space that mostly follows a token is stepped over here rather
            // than by another turn of the loop (the class array has zeros after
            // the end, and a wider space's other bytes are spaces too).
            let space_after = cls[end] & class::SPACE != 0;
            prev_space = space_after;
            i = end + usize::from(space_after);
            continue;
        }
        let (u, n) = class::decode(b, i);
        let space_after = cls[i + n] & class::SPACE != 0;
        let spaced_after = i + n >= len || space_after;
        if let Some(puncts) = puncts.as_deref_mut() {
            puncts.push(out.len());
        }
        out.push(Tok::punctuation(
            base + i..base + i + n,
            char::from_u32(u).unwrap_or(' '),
            prev_space || spaced_after,
        ));
        prev_space = space_after;
        i += n + usize::from(space_after);
    }
    out
}

/// "M", "M.A", "A.B.M": upper-case letters separated by periods.
pub(crate) fn is_initials(w: &str) -> bool {
    w.split('.')
        .all(|p| p.chars().count() == 1 && p.chars().all(char::is_uppercase))
}

/// True for a word that can be part of a personal name: capitalised with the rest
/// in lower case ("Dũng", "Velletri", "McDonald"), or initials ("M.A.").
pub fn is_name_word(w: &str) -> bool {
    let mut chars = w.chars();
    let Some(first) = chars.next() else {
        return false;
    };
    if !first.is_uppercase() {
        return false;
    }
    if w.ends_with('.') || w.contains('.') {
        return w
            .trim_end_matches('.')
            .split('.')
            .all(|p| p.chars().count() <= 2 && p.chars().next().is_some_and(char::is_uppercase));
    }
    let rest: Vec<char> = chars.collect();
    if rest.iter().any(|c| c.is_ascii_digit()) {
        return false;
    }
    // Mostly lower case after the first letter (allow one inner capital: McAllister,
    // DeLuca, O'Brien).
    let inner_caps = rest.iter().filter(|&&c| is_upper(c)).count();
    rest.is_empty() || inner_caps <= 1 && rest.iter().any(|&c| crate::text::is_lower(c))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(s: &str) -> Vec<&str> {
        tokenize(s, 0..s.len())
            .iter()
            .map(|t| &s[t.start..t.end])
            .collect()
    }

    #[test]
    fn byte_classes_are_the_characters_classes() {
        let classes = class::tables();
        for c in 0..=255u8 {
            let expected = match c {
                0..0x80 => classes.ascii(c) | if is_joiner(u32::from(c)) { JOINER } else { 0 },
                0x80..0xc0 => class::WORD,
                _ => 0,
            };
            assert_eq!(byte_class(c), expected, "{c:#x}");
        }
    }

    #[test]
    fn multibyte_decoding_agrees_with_the_plain_decoder() {
        let chars = (0x80..0x3000)
            .chain(0x1e00..0x1f00)
            .chain([0xfeff, 0x20ac, 0x1f600, 0x10ffff])
            .filter_map(char::from_u32);
        for c in chars {
            for after in ["", "a", "ab", "abc", "ư"] {
                let s = format!("{c}{after}");
                assert_eq!(
                    decode_multibyte(s.as_bytes(), 0),
                    class::decode(s.as_bytes(), 0)
                );
                let s = format!("x{c}{after}");
                assert_eq!(
                    decode_multibyte(s.as_bytes(), 1),
                    class::decode(s.as_bytes(), 1)
                );
            }
        }
    }

    #[test]
    fn joiners_and_initials() {
        assert_eq!(
            words("Ủy viên T.Ư Đảng, TP.HCM"),
            ["Ủy", "viên", "T.Ư", "Đảng", ",", "TP.HCM"]
        );
        assert_eq!(
            words("Minister M.A. Rahimov told"),
            ["Minister", "M.A.", "Rahimov", "told"]
        );
        assert_eq!(
            words("Bộ NN&PTNT (khóa XVII)."),
            ["Bộ", "NN&PTNT", "(", "khóa", "XVII", ")", "."]
        );
        assert_eq!(words("nói.Ông"), ["nói.Ông"]);
    }

    #[test]
    fn keyed_tokenising_builds_the_match_key() {
        for s in [
            "Bí thư Thành ủy Hà Nội Đinh Tiến Quang",
            "Hoà Bình, Uỷ ban, THUỶ, khoẻ, quý, QUỶ, hoàng, OÀ",
            "Ủy viên T.Ư Đảng, TP.HCM – “Hội nghị” … nói.Ông",
            "ǅ Σ İstanbul \u{301}a o\u{300} x",
            "",
        ] {
            let mut key = b"prefix".to_vec();
            let toks = tokenize_keyed(s, 0..s.len(), &mut key);
            assert_eq!(toks, tokenize(s, 0..s.len()), "{s}");
            assert_eq!(
                std::str::from_utf8(&key[6..]).unwrap(),
                crate::text::fold::match_key(s),
                "{s}"
            );
        }
    }

    /// The tokeniser's rules written plainly over `char`s: what the byte scanner
    /// must agree with.
    fn reference_tokens(s: &str) -> Vec<Tok> {
        use crate::text::is_word_char;
        let chars: Vec<(usize, char)> = s.char_indices().collect();
        let at = |k: usize| chars.get(k).map(|&(i, _)| i).unwrap_or(s.len());
        let is_mark = |c: char| ('\u{300}'..='\u{36f}').contains(&c);
        let mut out = Vec::new();
        let mut prev_space = true;
        let mut k = 0;
        while k < chars.len() {
            let c = chars[k].1;
            if c.is_whitespace() {
                prev_space = true;
                k += 1;
                continue;
            }
            if !is_word_char(c) {
                let spaced_after = chars.get(k + 1).is_none_or(|&(_, d)| d.is_whitespace());
                out.push(Tok::punctuation(
                    at(k)..at(k + 1),
                    c,
                    prev_space || spaced_after,
                ));
                prev_space = false;
                k += 1;
                continue;
            }
            let first = k;
            let mut joined = false;
            k += 1;
            while k < chars.len() {
                let d = chars[k].1;
                if is_word_char(d) || is_mark(d) {
                    k += 1;
                } else if matches!(d, '.' | '&' | '\'' | '’')
                    && chars.get(k + 1).is_some_and(|&(_, e)| is_word_char(e))
                {
                    joined = true;
                    k += 1;
                } else {
                    break;
                }
            }
            let mut end = at(k);
            let word = &s[at(first)..end];
            if s[end..].starts_with('.') && is_initials(word) {
                let next_cap = s[end + 1..]
                    .chars()
                    .find(|ch| !ch.is_whitespace())
                    .is_some_and(is_upper);
                if next_cap {
                    end += 1;
                    k += 1;
                }
            }
            // Letters are word characters other than ASCII digits and marks; the
            // first character counts unless it is a digit.
            let letters: Vec<char> = word
                .chars()
                .enumerate()
                .filter(|&(n, ch)| {
                    !ch.is_ascii_digit() && (n == 0 || is_word_char(ch) && !is_mark(ch))
                })
                .map(|(_, ch)| ch)
                .collect();
            let all_upper = letters.iter().all(|&ch| is_upper(ch));
            out.push(Tok {
                start: at(first),
                end,
                kind: Kind::Word,
                cap: is_upper(c),
                caps: !letters.is_empty()
                    && all_upper
                    && (letters.len() >= 2 || s[..end].ends_with('.')),
                digit: word.chars().any(|ch| ch.is_ascii_digit()),
                joined,
            });
            prev_space = false;
        }
        out
    }

    #[test]
    fn the_scanner_follows_the_plain_rules() {
        let pieces = [
            "Bí thư",
            "Thành ủy",
            "Hà Nội",
            "ĐINH",
            "T.Ư",
            "TP.HCM",
            "NN&PTNT",
            "O'Brien",
            "M.A.",
            "A.",
            "29/4",
            "2017",
            "khoẻ",
            "Hoà",
            "QUỶ",
            "“",
            "”",
            "…",
            "–",
            ",",
            ".",
            "(",
            ")",
            " ",
            "  ",
            "\u{a0}",
            "\n",
            "o\u{300}",
            "x\u{301}",
            "Σ",
            "ǅ",
            "İ",
            "😀",
            "ß",
            "Ủy",
            "x2",
            "3a",
            "A1",
            "’s",
            "e.g",
            "U.S.",
            "Ông",
        ];
        for s in crate::test_support::mixes(&pieces, 0x2545_f491_u32, 3000, 14) {
            let mut key = Vec::new();
            let toks = tokenize_keyed(&s, 0..s.len(), &mut key);
            assert_eq!(toks, reference_tokens(&s), "{s:?}");
            assert_eq!(
                std::str::from_utf8(&key).unwrap(),
                crate::text::fold::match_key(&s)
            );
        }
    }

    /// The build for any CPU agrees with the one [`scan`] chose (the AVX2 one on
    /// machines that have it), on texts long enough for the vector loops.
    #[test]
    fn the_scanner_builds_agree() {
        let pieces = [
            "Bí thư Thành ủy",
            "HÀ NỘI",
            "T.Ư",
            "NN&PTNT",
            "M.A. Rahimov",
            "O’Brien",
            "29/4/2017",
            "khoẻ",
            "QUỶ",
            "“",
            "”",
            "…",
            "–",
            ", ",
            ". ",
            " ",
            "\u{a0}",
            "\n",
            "o\u{300}",
            "Σ",
            "😀",
            "Ông",
            "the council",
        ];
        for s in crate::test_support::mixes(&pieces, 0x6c07_8965_u32, 1000, 60) {
            for lo in [0, 1] {
                let lo = if s.is_char_boundary(lo) { lo } else { 0 };
                let (mut key, mut puncts) = (b"x".to_vec(), Vec::new());
                let toks = scan::<true>(&s, lo..s.len(), &mut key, Some(&mut puncts));
                let (mut key_p, mut puncts_p) = (b"x".to_vec(), Vec::new());
                let toks_p =
                    scan_portable::<true>(&s, lo..s.len(), &mut key_p, Some(&mut puncts_p));
                assert_eq!(toks, toks_p, "{s:?}");
                assert_eq!(key, key_p, "{s:?}");
                assert_eq!(puncts, puncts_p, "{s:?}");
                assert_eq!(
                    scan::<false>(&s, lo..s.len(), &mut Vec::new(), None),
                    scan_portable::<false>(&s, lo..s.len(), &mut Vec::new(), None)
                );
            }
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig {
            cases: 2000,
            ..Default::default()
        })]

        /// Whatever the mix of the characters tokenising and keys treat
        /// specially, the one-pass key is the match key, the tokens are those of
        /// the plain tokeniser, and extraction runs through.
        #[test]
        fn keyed_tokens_on_any_mix(s in "[oOuUqQaAyY uàáảãạÀẢỶỷýÝưƯơđĐ.&'’\u{300}\u{301}\u{309}\u{a0}“”…–0-9ǅΣİß😀-]{0,40}") {
            let mut key = Vec::new();
            let toks = tokenize_keyed(&s, 0..s.len(), &mut key);
            proptest::prop_assert_eq!(&toks, &tokenize(&s, 0..s.len()));
            proptest::prop_assert_eq!(&toks, &reference_tokens(&s));
            proptest::prop_assert_eq!(std::str::from_utf8(&key).unwrap(), crate::text::fold::match_key(&s));
            let a = crate::extract::test_support::article(&s);
            let _ = crate::extract::outline(&a);
        }
    }

    #[test]
    fn flags() {
        let s = "Đinh UBND hội 29/4";
        let t = tokenize(s, 0..s.len());
        assert!(t[0].cap && !t[0].caps);
        assert!(t[1].cap && t[1].caps);
        assert!(!t[2].cap);
        assert!(t[3].digit);
    }

    #[test]
    fn name_words() {
        for w in ["Dũng", "Velletri", "M.A.", "A.", "McAllister", "O'Brien"] {
            assert!(is_name_word(w), "{w}");
        }
        for w in ["UBND", "hội", "XVII", "TP.HCM", "2017"] {
            assert!(!is_name_word(w), "{w}");
        }
    }
}
