//! Character classes for the loops that look at every character of every article
//! (tokenising, match keys): one table lookup for ASCII and the Latin letters
//! Vietnamese is written in, the standard library's tables elsewhere. The answers
//! are those of [`super::is_word_char`], [`super::is_upper`] and
//! `char::is_whitespace`, which stay the definitions.

use std::sync::OnceLock;

/// `char::is_whitespace`.
pub const SPACE: u8 = 1;
/// [`super::is_word_char`] (letters and digits of any script).
pub const WORD: u8 = 2;
/// [`super::is_upper`].
pub const UPPER: u8 = 4;
/// A combining diacritic of U+0300..U+036F (text that was not NFC).
pub const MARK: u8 = 8;
/// An ASCII digit.
pub const DIGIT: u8 = 16;
/// Not ASCII, and its match key differs (an upper-case letter): see
/// [`super::fold::match_key`].
pub const RECASED: u8 = 32;
/// A letter: [`WORD`] and neither a [`DIGIT`] nor a [`MARK`] (the tokeniser counts
/// them).
pub const LETTER: u8 = 64;
/// A [`LETTER`] that is not [`UPPER`]: one of them makes a word not all capitals.
pub const LOWER: u8 = 128;

/// Code points below this have a table entry: ASCII, the Latin letters and
/// combining marks, Latin Extended Additional (most precomposed Vietnamese letters)
/// and General Punctuation (the typographic quotes, dashes and ellipsis of news
/// text). One flat table of 8 KiB, so that the lookup does not branch on the
/// range: Vietnamese mixes letters of the first and the third, and that branch
/// mispredicted.
const TABLE_END: u32 = 0x2070;

/// The class table; [`tables`] once, then [`Tables::of`] in a loop.
pub struct Tables {
    table: [u8; TABLE_END as usize],
}

impl Tables {
    /// The classes of the ASCII byte `b` (below 0x80).
    #[inline(always)]
    pub fn ascii(&self, b: u8) -> u8 {
        debug_assert!(b < 0x80, "not ASCII: {b:#x}");
        self.table[usize::from(b & 0x7f)]
    }

    /// The classes of code point `u` (a bit set of the constants above).
    #[inline(always)]
    pub fn of(&self, u: u32) -> u8 {
        match self.table.get(u as usize) {
            Some(&k) => k,
            None => compute(u),
        }
    }
}

fn compute(u: u32) -> u8 {
    let Some(c) = char::from_u32(u) else {
        return 0;
    };
    let mut k = 0;
    if c.is_whitespace() {
        k |= SPACE;
    }
    if super::is_word_char(c) {
        k |= WORD;
    }
    if super::is_upper(c) {
        k |= UPPER;
    }
    if (0x300..=0x36f).contains(&u) {
        k |= MARK;
    }
    if c.is_ascii_digit() {
        k |= DIGIT;
    }
    if !c.is_ascii() && super::fold::lower_same_len(c) != c {
        k |= RECASED;
    }
    if k & (WORD | DIGIT | MARK) == WORD {
        k |= LETTER;
        if k & UPPER == 0 {
            k |= LOWER;
        }
    }
    k
}

pub fn tables() -> &'static Tables {
    static T: OnceLock<Tables> = OnceLock::new();
    T.get_or_init(|| {
        let mut t = Tables {
            table: [0; TABLE_END as usize],
        };
        for u in 0..TABLE_END {
            t.table[u as usize] = compute(u);
        }
        t
    })
}

/// The classes of code point `u` (a bit set of the constants above).
#[inline(always)]
pub fn of(u: u32) -> u8 {
    tables().of(u)
}

/// The code point starting at byte `i` of `b` (the bytes of a `str`, `i` on a
/// character boundary) and its length in bytes.
#[inline(always)]
pub fn decode(b: &[u8], i: usize) -> (u32, usize) {
    // Slice patterns: one length check per character instead of one per byte.
    match b[i..] {
        [b0, ..] if b0 < 0x80 => (u32::from(b0), 1),
        [b0, b1, ..] if b0 < 0xe0 => ((u32::from(b0 & 0x1f) << 6) | u32::from(b1 & 0x3f), 2),
        [b0, b1, b2, ..] if b0 < 0xf0 => (
            (u32::from(b0 & 0x0f) << 12) | (u32::from(b1 & 0x3f) << 6) | u32::from(b2 & 0x3f),
            3,
        ),
        [b0, b1, b2, b3, ..] => (
            (u32::from(b0 & 0x07) << 18)
                | (u32::from(b1 & 0x3f) << 12)
                | (u32::from(b2 & 0x3f) << 6)
                | u32::from(b3 & 0x3f),
            4,
        ),
        _ => panic!("decode: byte {i} of {} does not start a character", b.len()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tables_agree_with_the_definitions() {
        for u in (0..0x3000)
            .chain(0x1e00..0x1f00)
            .chain([0x1f600, 0xfeff, 0x20ac])
        {
            let Some(c) = char::from_u32(u) else { continue };
            let k = of(u);
            assert_eq!(k & SPACE != 0, c.is_whitespace(), "{c:?}");
            assert_eq!(k & WORD != 0, crate::text::is_word_char(c), "{c:?}");
            assert_eq!(k & UPPER != 0, crate::text::is_upper(c), "{c:?}");
            assert_eq!(k & DIGIT != 0, c.is_ascii_digit(), "{c:?}");
            assert_eq!(k & MARK != 0, (0x300..=0x36f).contains(&u), "{c:?}");
            let letter = crate::text::is_word_char(c)
                && !c.is_ascii_digit()
                && !(0x300..=0x36f).contains(&u);
            assert_eq!(k & LETTER != 0, letter, "{c:?}");
            assert_eq!(k & LOWER != 0, letter && !crate::text::is_upper(c), "{c:?}");
            // Against the key's own rule for the character, not `match_key`
            // (which uses this bit to skip characters).
            let bytes = c.to_string().into_bytes();
            let recased = !c.is_ascii()
                && matches!(
                    crate::text::fold::key_fix(&bytes, 0, u, bytes.len()),
                    crate::text::fold::KeyFix::Lower(l) if l != c
                );
            assert_eq!(k & RECASED != 0, recased, "{c:?}");
        }
    }

    #[test]
    fn decoding_matches_chars() {
        let s = "aĐ hội Ủy ban 😀 €";
        let mut i = 0;
        for c in s.chars() {
            let (u, n) = decode(s.as_bytes(), i);
            assert_eq!((u, n), (c as u32, c.len_utf8()));
            i += n;
        }
    }
}
