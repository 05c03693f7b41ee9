//! Accent-insensitive keys: "Đinh Tiến Quang" and "dinh tien quang" fold to the same key.
//!
//! Folding is per character (every Latin letter with diacritics folds to one base
//! letter), so a folded string can be mapped back to the original by walking both
//! side by side ([`fold_with_offsets`]). Old and new tone placement (hòa/hoà, ủy/uỷ)
//! fold to the same key because the tone is removed.

use std::sync::OnceLock;

use unicode_normalization::char::decompose_canonical;

/// Table for U+00C0..=U+024F and U+1E00..=U+1EFF: the folded base letter.
struct FoldTable {
    latin: Vec<char>,
    extended: Vec<char>,
}

const LATIN_START: u32 = 0xc0;
const LATIN_END: u32 = 0x24f;
const EXT_START: u32 = 0x1e00;
const EXT_END: u32 = 0x1eff;

fn table() -> &'static FoldTable {
    static TABLE: OnceLock<FoldTable> = OnceLock::new();
    TABLE.get_or_init(|| {
        let build = |from: u32, to: u32| -> Vec<char> {
            (from..=to)
                .map(|u| char::from_u32(u).map_or('\u{fffd}', fold_slow))
                .collect()
        };
        FoldTable {
            latin: build(LATIN_START, LATIN_END),
            extended: build(EXT_START, EXT_END),
        }
    })
}

fn fold_slow(c: char) -> char {
    match c {
        'đ' | 'Đ' | 'ð' | 'Ð' => return 'd',
        'ø' | 'Ø' => return 'o',
        'ł' | 'Ł' => return 'l',
        'ß' => return 's',
        'æ' | 'Æ' => return 'a',
        _ => {}
    }
    let mut base = None;
    decompose_canonical(c, |d| {
        if base.is_none() {
            base = Some(d);
        }
    });
    let b = base.unwrap_or(c);
    b.to_lowercase().next().unwrap_or(b)
}

/// The folded form of one character: lower case, diacritics removed, đ -> d.
#[inline(always)]
pub fn fold_char(c: char) -> char {
    let u = c as u32;
    if u < 0x80 {
        return c.to_ascii_lowercase();
    }
    if (LATIN_START..=LATIN_END).contains(&u) {
        return table().latin[(u - LATIN_START) as usize];
    }
    if (EXT_START..=EXT_END).contains(&u) {
        return table().extended[(u - EXT_START) as usize];
    }
    if is_combining_mark(c) {
        // Stray combining marks (text that was not NFC) carry no letter.
        return '\u{0}';
    }
    c.to_lowercase().next().unwrap_or(c)
}

fn is_combining_mark(c: char) -> bool {
    matches!(c as u32, 0x300..=0x36f | 0x1ab0..=0x1aff | 0x1dc0..=0x1dff | 0x20d0..=0x20ff)
}

/// Folds a whole string (see [`fold_char`]).
pub fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    fold_into(s, &mut out);
    out
}

/// Appends the folded form of `s` to `out`.
pub fn fold_into(s: &str, out: &mut String) {
    // A word: character by character costs less than setting up the scratch.
    if s.len() < 24 {
        for c in s.chars() {
            let f = fold_char(c);
            if f != '\u{0}' {
                out.push(f);
            }
        }
        return;
    }
    thread_local! {
        static SCRATCH: std::cell::RefCell<Vec<u8>> = const { std::cell::RefCell::new(Vec::new()) };
    }
    SCRATCH.with(|scratch| {
        let mut folded = scratch.borrow_mut();
        folded.clear();
        fold_bytes_into(s, &mut folded);
        out.push_str(
            simdutf8::basic::from_utf8(&folded).expect("folding appends whole characters"),
        );
    });
}

/// Appends the folded form of `s` to `out` as UTF-8 bytes (whole characters, so
/// `out` stays UTF-8 when it was).
///
/// The reader folds every article it loads, and Vietnamese text changes between
/// ASCII and other letters every few bytes: one loop takes each ASCII byte and
/// each two- or three-byte letter that folds to an ASCII letter (the Latin
/// letters and Vietnamese's) by table, and only the other characters go
/// through [`fold_char`]. Copying each ASCII run with its own calls cost more
/// than the folding itself.
pub fn fold_bytes_into(s: &str, out: &mut Vec<u8>) {
    let b = s.as_bytes();
    // NUL folds to nothing: a text with one (hardly ever) goes by character.
    if memchr::memchr(0, b).is_some() {
        for c in s.chars() {
            let f = fold_char(c);
            if f != '\u{0}' {
                out.extend_from_slice(f.encode_utf8(&mut [0; 4]).as_bytes());
            }
        }
        return;
    }
    let t = ascii_folds();
    out.reserve(b.len());
    let mut i = 0;
    while i < b.len() {
        // The ASCII bytes before the next other character, up to eight, are
        // lower-cased and copied at once (all eight are, and the copy cut back),
        // then that character is read: one turn of the loop for a run and a
        // letter, instead of one per byte.
        if let Some(eight) = b[i..].first_chunk::<8>() {
            let w = u64::from_le_bytes(*eight);
            let high = w & (EACH_BYTE << 7);
            let ascii = (high.trailing_zeros() / 8) as usize;
            let at = out.len();
            out.extend_from_slice(&ascii_lowercase_eight(w & !high).to_le_bytes());
            out.truncate(at + ascii);
            i += ascii;
            if ascii == 8 {
                continue;
            }
        } else if b[i] < 0x80 {
            out.push(b[i].to_ascii_lowercase());
            i += 1;
            continue;
        }
        let by_table = match b[i..] {
            [b0 @ 0xc0..=0xdf, b1, ..] => Some((
                t.two_bytes[(usize::from(b0 & 0x1f) << 6) | usize::from(b1 & 0x3f)],
                2,
            )),
            [0xe1, b1 @ 0xb8..=0xbb, b2, ..] => Some((
                t.latin_extended[(usize::from(b1 & 0x03) << 6) | usize::from(b2 & 0x3f)],
                3,
            )),
            _ => None,
        };
        if let Some((f, n)) = by_table
            && f != NOT_ASCII
        {
            out.push(f);
            i += n;
            continue;
        }
        let (u, n) = super::class::decode(b, i);
        let f = fold_char(char::from_u32(u).unwrap_or(' '));
        if f != '\u{0}' {
            out.extend_from_slice(f.encode_utf8(&mut [0; 4]).as_bytes());
        }
        i += n;
    }
}

const EACH_BYTE: u64 = 0x0101_0101_0101_0101;

/// Eight ASCII bytes (no high bit set) with 'A'..='Z' lower-cased.
#[inline(always)]
fn ascii_lowercase_eight(w: u64) -> u64 {
    // Per byte, the high bit: byte >= 'A', and byte > 'Z'. No byte carries into
    // the next, as none has its high bit set.
    let from_a = w + EACH_BYTE * u64::from(0x80 - b'A');
    let past_z = w + EACH_BYTE * u64::from(0x80 - b'Z' - 1);
    let upper = from_a & !past_z & (EACH_BYTE << 7);
    // 0x80 >> 2 is 0x20, the case bit.
    w | (upper >> 2)
}

/// In [`AsciiFolds`]: the character does not fold to one ASCII character.
const NOT_ASCII: u8 = 0xff;

/// [`fold_char`] by table, for the characters that fold to an ASCII character
/// other than NUL: all of U+0080..U+07FF (two UTF-8 bytes) and U+1E00..U+1EFF
/// (Latin Extended Additional, most Vietnamese letters with two marks).
struct AsciiFolds {
    two_bytes: [u8; 0x800],
    latin_extended: [u8; 0x100],
}

fn ascii_folds() -> &'static AsciiFolds {
    static TABLE: OnceLock<AsciiFolds> = OnceLock::new();
    TABLE.get_or_init(|| {
        let fold_to_ascii = |u: u32| match char::from_u32(u).map(fold_char) {
            Some(f) if f.is_ascii() && f != '\u{0}' => f as u8,
            _ => NOT_ASCII,
        };
        let mut t = AsciiFolds {
            two_bytes: [NOT_ASCII; 0x800],
            latin_extended: [NOT_ASCII; 0x100],
        };
        for (u, slot) in (0x80..).zip(&mut t.two_bytes[0x80..]) {
            *slot = fold_to_ascii(u);
        }
        for (u, slot) in (EXT_START..).zip(&mut t.latin_extended) {
            *slot = fold_to_ascii(u);
        }
        t
    })
}

/// The folded string and, for every byte of it, the byte offset in `s` of the
/// character it came from (plus one final entry for the end), so a match found in
/// the folded string can be highlighted in the original.
pub fn fold_with_offsets(s: &str) -> (String, Vec<usize>) {
    let mut out = String::with_capacity(s.len());
    let mut offsets = Vec::with_capacity(s.len() + 1);
    for (i, c) in s.char_indices() {
        let f = fold_char(c);
        if f == '\u{0}' {
            continue;
        }
        let before = out.len();
        out.push(f);
        offsets.extend(std::iter::repeat_n(i, out.len() - before));
    }
    offsets.push(s.len());
    (out, offsets)
}

/// True when the string has any letter with a diacritic (or đ): a query written with
/// diacritics asks for an exact-accent match.
pub fn has_diacritics(s: &str) -> bool {
    s.chars()
        .any(|c| !c.is_ascii() && c.is_alphabetic() && fold_char(c) != c)
}

/// A key for comparing names and phrases: folded, runs of non-alphanumerics collapsed
/// to one space.
pub fn key(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut space = false;
    for c in s.chars() {
        let f = fold_char(c);
        if f.is_alphanumeric() {
            if space && !out.is_empty() {
                out.push(' ');
            }
            space = false;
            out.push(f);
        } else {
            space = true;
        }
    }
    out
}

/// Lower-cases and unifies the two Vietnamese tone placements (hoà -> hòa, uỷ -> ủy),
/// keeping diacritics: for comparing names where accents matter.
pub fn tone_key(s: &str) -> String {
    let lower = s.to_lowercase();
    let mut out = String::with_capacity(lower.len());
    let chars: Vec<char> = lower.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        // "oà" / "oá" / ... and "uỷ" (new style) -> "òa" / "óa" / "ủy" (old style).
        if i + 1 < chars.len() {
            let (a, b) = (chars[i], chars[i + 1]);
            let next_is_letter = chars.get(i + 2).is_some_and(|c| c.is_alphabetic());
            if (a == 'o' || a == 'u')
                && !next_is_letter
                && let Some((tone, base)) = split_tone(b)
                && matches!(base, 'a' | 'e' | 'y')
            {
                out.push(with_tone(a, tone));
                out.push(base);
                i += 2;
                continue;
            }
        }
        out.push(chars[i]);
        i += 1;
    }
    out
}

/// Tone marks of Vietnamese, as combining characters.
const TONES: [char; 5] = ['\u{300}', '\u{301}', '\u{303}', '\u{309}', '\u{323}'];

fn split_tone(c: char) -> Option<(char, char)> {
    let decomposed: String = std::iter::once(c).nfd().collect();
    let mut base = None;
    let mut tone = None;
    for d in decomposed.chars() {
        if TONES.contains(&d) {
            tone = Some(d);
        } else if base.is_none() {
            base = Some(d);
        }
    }
    Some((tone?, base?))
}

fn with_tone(base: char, tone: char) -> char {
    let s: String = [base, tone].iter().collect::<String>().nfc().collect();
    s.chars().next().unwrap_or(base)
}

use unicode_normalization::UnicodeNormalization;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn vietnamese_folds_to_ascii() {
        assert_eq!(fold("Đinh Tiến Quang"), "dinh tien quang");
        assert_eq!(fold("HỘI NGHỊ lần thứ"), "hoi nghi lan thu");
        assert_eq!(fold("Ủy ban"), fold("Uỷ ban"));
    }

    #[test]
    fn folding_a_string_folds_each_character() {
        for s in [
            "Đinh Tiến Quang, HỘI NGHỊ lần thứ 4 (2021) – “Uỷ ban”",
            "ǅ Σ İstanbul a\u{301} Straße ŁÓDŹ 😀 日本",
            "a\0b NUL\0",
            "",
        ] {
            let by_char: String = s.chars().map(fold_char).filter(|&c| c != '\u{0}').collect();
            assert_eq!(fold(s), by_char, "{s}");
        }
    }

    #[test]
    fn folding_by_table_and_eight_bytes_agrees_with_folding_each_character() {
        // Pieces that put every path of fold_bytes_into at every offset of its
        // eight-byte steps: ASCII of both cases and '@', '[', '`', '{' around
        // the letters, two-byte letters (Latin, Greek, Cyrillic) and marks,
        // three-byte Vietnamese letters and others (U+1F00, quotes), a letter
        // whose lower case is longer ('Ⱥ'), four-byte characters and NUL.
        let pieces = [
            "Hội Nghị",
            "ABCXYZ",
            "azAZ@[`{",
            " ",
            "Đ",
            "đ",
            "Ủy",
            "uỷ",
            "ẠẶỆỰ",
            "ÀÉÎÕÜ",
            "ĂăƠơƯư",
            "ΣΑΒ",
            "ДЖ",
            "e\u{301}",
            "\u{300}",
            "Ⱥ",
            "ἀ",
            "“”–…",
            "😀",
            "\0",
            "0123456789",
        ];
        for s in crate::test_support::mixes(&pieces, 0xf01d, 3000, 16) {
            let by_char: String = s.chars().map(fold_char).filter(|&c| c != '\u{0}').collect();
            let mut bytes = b"kept".to_vec();
            fold_bytes_into(&s, &mut bytes);
            assert_eq!(&bytes[..4], b"kept");
            assert_eq!(
                std::str::from_utf8(&bytes[4..]),
                Ok(by_char.as_str()),
                "{s:?}"
            );
            assert_eq!(fold(&s), by_char, "{s:?}");
        }
    }

    #[test]
    fn offsets_map_back_to_original() {
        let s = "Bí thư Hà Nội";
        let (f, offs) = fold_with_offsets(s);
        let at = f.find("ha noi").unwrap();
        let end = at + "ha noi".len();
        assert_eq!(&s[offs[at]..offs[end]], "Hà Nội");
    }

    #[test]
    fn diacritics_are_detected() {
        assert!(has_diacritics("hội"));
        assert!(has_diacritics("đi"));
        assert!(!has_diacritics("hoi nghi"));
        assert!(!has_diacritics("Chủ"[..1].as_ref()));
    }

    #[test]
    fn keys_ignore_punctuation_and_case() {
        assert_eq!(key("Bí thư, Thành ủy  Hà Nội."), "bi thu thanh uy ha noi");
    }

    #[test]
    fn tone_key_unifies_placements() {
        assert_eq!(tone_key("Hoà Bình"), tone_key("Hòa Bình"));
        assert_eq!(tone_key("Uỷ ban"), tone_key("Ủy ban"));
        assert_ne!(tone_key("Hòa"), tone_key("Hoa"));
        // A vowel followed by more letters keeps its mark where it is.
        assert_eq!(tone_key("hoàng"), "hoàng");
    }
}

/// A key for matching lexicon phrases against text: lower case and one Vietnamese
/// tone placement (hoà -> hòa, uỷ -> ủy), with **the same byte length and
/// offsets** as the input, so a match in the key is a span of the original.
/// Characters whose lower case has another length are kept as they are.
pub fn match_key(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    match_key_into(s, &mut out);
    out
}

/// [`match_key`] appended to `out`: made as bytes by [`push_match_key_bytes`]
/// and checked as UTF-8 once (rewriting characters in a `String` in place cost
/// more than that check).
pub fn match_key_into(s: &str, out: &mut String) {
    let mut bytes = std::mem::take(out).into_bytes();
    push_match_key_bytes(s, &mut bytes);
    *out = String::from_utf8(bytes)
        .expect("a match key replaces characters by characters of the same length");
}

/// [`match_key`] of `s` as bytes, in place of what `out` held: for looking keys
/// up or searching them as bytes, without a `String`.
pub fn match_key_bytes_into(s: &str, out: &mut Vec<u8>) {
    out.clear();
    push_match_key_bytes(s, out);
}

/// [`match_key`] of `s` as bytes, appended to `out`.
///
/// Copies `s` and lower-cases its ASCII in one pass (which the compiler
/// vectorises); only the non-ASCII characters are looked at one by one, and only
/// the few that change are rewritten. Keys are built for every block of every
/// article, and most of their bytes are ASCII.
fn push_match_key_bytes(s: &str, out: &mut Vec<u8>) {
    let start = out.len();
    out.extend_from_slice(s.as_bytes());
    let key = &mut out[start..];
    key.make_ascii_lowercase();
    let src = s.as_bytes();
    let classes = super::class::tables();
    let mut j = 0;
    while j < src.len() {
        if src[j] < 0x80 {
            j += 1;
            continue;
        }
        let (u, n) = super::class::decode(src, j);
        // Only an upper-case letter, or a vowel after "o"/"u" that may take its
        // tone, can differ in the key.
        let before = if j > 0 { src[j - 1] | 0x20 } else { 0 };
        if classes.of(u) & super::class::RECASED != 0 || before == b'o' || before == b'u' {
            write_key_fix(key, src, j, u, n);
        }
        j += n;
    }
}

/// Writes what the match key has for the non-ASCII character `u` (`n` bytes) at
/// byte `j` of `src` into `key` (a lower-cased copy of `src`).
#[inline(always)]
pub(crate) fn write_key_fix(key: &mut [u8], src: &[u8], j: usize, u: u32, n: usize) {
    match key_fix(src, j, u, n) {
        KeyFix::Keep => {}
        KeyFix::Lower(l) => {
            l.encode_utf8(&mut key[j..j + n]);
        }
        KeyFix::Pair(moved, base) => {
            let m = moved.encode_utf8(&mut key[j - 1..j - 1 + n]).len();
            base.encode_utf8(&mut key[j - 1 + m..j + n]);
        }
    }
}

/// How the match key differs from the text at a non-ASCII character.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeyFix {
    /// The same bytes.
    Keep,
    /// The character's same-length lower case, in its place.
    Lower(char),
    /// The tone moves onto the "o"/"u" in front: these two characters replace the
    /// vowel and that letter (the same length).
    Pair(char, char),
}

/// What [`match_key`] writes for the non-ASCII code point `u` (`n` bytes) at byte
/// `j` of `src` (ASCII is only lower-cased).
#[inline]
pub fn key_fix(src: &[u8], j: usize, u: u32, n: usize) -> KeyFix {
    let c = char::from_u32(u).unwrap_or(' ');
    let (lower, split) = key_table().lookup(c);
    // "o"/"u" before a toned vowel takes the tone ("hoà" -> "hòa", "uỷ" -> "ủy")
    // when the vowel ends the syllable; "qu" is a consonant and never does ("quý"
    // stays).
    if let Some((tone, base)) = split
        && j > 0
        && ((src[j - 1] | 0x20 == b'o' && matches!(base, 'a' | 'e'))
            || (src[j - 1] | 0x20 == b'u' && base == 'y'))
        && !(j > 1 && src[j - 2] | 0x20 == b'q')
        && (j + n >= src.len() || {
            let (a, _) = super::class::decode(src, j + n);
            !char::from_u32(a).is_some_and(char::is_alphabetic)
        })
    {
        let moved = toned(src[j - 1] | 0x20, tone);
        if moved.len_utf8() == n {
            return KeyFix::Pair(moved, base);
        }
    }
    if lower != c {
        KeyFix::Lower(lower)
    } else {
        KeyFix::Keep
    }
}

/// `o` or `u` carrying `tone` (a combining mark of [`TONES`]), precomposed.
fn toned(base: u8, tone: char) -> char {
    let t = TONES.iter().position(|&t| t == tone).unwrap_or(0);
    key_table().toned[usize::from(base == b'u')][t]
}

pub(crate) fn lower_same_len(c: char) -> char {
    let u = c as u32;
    if u < 0x80 {
        return c.to_ascii_lowercase();
    }
    if (LATIN_START..=LATIN_END).contains(&u) {
        return key_table().latin[(u - LATIN_START) as usize].0;
    }
    if (EXT_START..=EXT_END).contains(&u) {
        return key_table().extended[(u - EXT_START) as usize].0;
    }
    lower_same_len_slow(c)
}

fn lower_same_len_slow(c: char) -> char {
    let mut it = c.to_lowercase();
    match (it.next(), it.next()) {
        (Some(l), None) if l.len_utf8() == c.len_utf8() => l,
        _ => c,
    }
}

/// Per code point of the Latin ranges: the same-length lower case and the tone
/// split, computed once, because match keys are built for every block of every
/// article and the general Unicode paths allocate.
struct KeyTable {
    latin: Vec<(char, Option<(char, char)>)>,
    extended: Vec<(char, Option<(char, char)>)>,
    /// `o` and `u` with each of the [`TONES`].
    toned: [[char; 5]; 2],
}

impl KeyTable {
    /// The same-length lower case of `c` and, for the lower case, its tone split.
    #[inline]
    fn lookup(&self, c: char) -> (char, Option<(char, char)>) {
        let u = c as u32;
        if (LATIN_START..=LATIN_END).contains(&u) {
            return self.latin[(u - LATIN_START) as usize];
        }
        if (EXT_START..=EXT_END).contains(&u) {
            return self.extended[(u - EXT_START) as usize];
        }
        // Outside the Latin ranges no vowel has a Latin base to move a tone from.
        (lower_same_len(c), None)
    }
}

fn key_table() -> &'static KeyTable {
    static TABLE: OnceLock<KeyTable> = OnceLock::new();
    TABLE.get_or_init(|| {
        let build = |from: u32, to: u32| {
            (from..=to)
                .map(|u| match char::from_u32(u) {
                    Some(c) => {
                        let l = lower_same_len_slow(c);
                        (l, split_tone(l))
                    }
                    None => ('\u{fffd}', None),
                })
                .collect()
        };
        KeyTable {
            latin: build(LATIN_START, LATIN_END),
            extended: build(EXT_START, EXT_END),
            toned: [
                TONES.map(|t| with_tone('o', t)),
                TONES.map(|t| with_tone('u', t)),
            ],
        }
    })
}

#[cfg(test)]
mod match_key_tests {
    use super::match_key;

    #[test]
    fn same_length_lower_case_one_tone_placement() {
        for s in [
            "Hoà Bình",
            "Uỷ ban",
            "Thuỷ",
            "QUỐC HỘI Đinh",
            "quỷ",
            "khoẻ mạnh",
            "İstanbul",
        ] {
            assert_eq!(match_key(s).len(), s.len(), "{s}");
        }
        assert_eq!(match_key("Hoà Bình"), match_key("Hòa Bình"));
        assert_eq!(match_key("Uỷ ban"), "ủy ban");
        assert_eq!(match_key("Thuỷ"), "thủy");
        assert_eq!(match_key("quý"), "quý");
        assert_eq!(match_key("hoàng"), "hoàng");
        assert_eq!(match_key("ĐẢNG"), "đảng");
    }
}
