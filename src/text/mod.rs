//! Text primitives shared by every stage: sanitising, folding, entities, scripts.

pub mod class;
pub mod entities;
pub mod fold;
pub mod sanitize;

pub use fold::{fold, fold_char, key};
pub use sanitize::{clean, clean_owned, collapse_spaces};

/// `char::is_alphanumeric` with a fast path for ASCII and the Latin letters
/// Vietnamese uses (the standard library's table lookup dominated profiles).
#[inline]
pub fn is_word_char(c: char) -> bool {
    let u = c as u32;
    if u < 0x80 {
        return c.is_ascii_alphanumeric();
    }
    if (0xc0..=0x24f).contains(&u) {
        return u != 0xd7 && u != 0xf7;
    }
    if (0x1e00..=0x1eff).contains(&u) {
        return true;
    }
    c.is_alphanumeric()
}

/// `char::is_uppercase` with a fast path for the Latin letters Vietnamese uses.
#[inline]
pub fn is_upper(c: char) -> bool {
    let u = c as u32;
    match u {
        0..=0x7f => c.is_ascii_uppercase(),
        0xc0..=0xde => u != 0xd7,
        0xdf..=0xff => false,
        0x100..=0x137 | 0x14a..=0x177 => u.is_multiple_of(2),
        0x139..=0x148 => u % 2 == 1,
        0x1a0 | 0x1af => true,
        0x1a1 | 0x1b0 => false,
        0x1ea0..=0x1ef9 => u.is_multiple_of(2),
        _ => c.is_uppercase(),
    }
}

/// `char::is_lowercase` with the same fast path as [`is_upper`].
#[inline]
pub fn is_lower(c: char) -> bool {
    let u = c as u32;
    match u {
        0..=0x7f => c.is_ascii_lowercase(),
        0xc0..=0xde => false,
        0xdf..=0xff => u != 0xf7,
        0x100..=0x137 | 0x14a..=0x177 => u % 2 == 1,
        0x139..=0x148 => u.is_multiple_of(2),
        0x1a0 | 0x1af => false,
        0x1a1 | 0x1b0 => true,
        0x1ea0..=0x1ef9 => u % 2 == 1,
        _ => c.is_lowercase(),
    }
}

/// Lower case of a word, borrowed when it has no capital (most words do not).
pub fn lower(word: &str) -> std::borrow::Cow<'_, str> {
    if word.chars().any(is_upper) {
        std::borrow::Cow::Owned(word.to_lowercase())
    } else {
        std::borrow::Cow::Borrowed(word)
    }
}

/// True when the first letter of `word` is upper case. (Vietnamese precomposed
/// letters interleave cases in U+1EA0..U+1EF9, so a range test would be wrong.)
pub fn starts_upper(word: &str) -> bool {
    word.chars()
        .find(|&c| is_word_char(c))
        .is_some_and(is_upper)
}

/// True when every letter of `word` is upper case and it has at least one letter.
pub fn is_all_caps(word: &str) -> bool {
    let mut any = false;
    for c in word
        .chars()
        .filter(|&c| is_word_char(c) && !c.is_ascii_digit())
    {
        if !is_upper(c) {
            return false;
        }
        any = true;
    }
    any
}

#[cfg(test)]
mod case_tests {
    use super::*;

    #[test]
    fn fast_case_predicates_agree_with_std() {
        for u in 0u32..0x2000 {
            let Some(c) = char::from_u32(u) else { continue };
            assert_eq!(is_upper(c), c.is_uppercase(), "{c:?}");
            assert_eq!(is_lower(c), c.is_lowercase(), "{c:?}");
            assert_eq!(is_word_char(c), c.is_alphanumeric(), "{c:?}");
        }
        for u in 0x1e00u32..0x1f00 {
            let c = char::from_u32(u).unwrap();
            assert_eq!(is_upper(c), c.is_uppercase(), "{c:?}");
            assert_eq!(is_lower(c), c.is_lowercase(), "{c:?}");
            assert_eq!(is_word_char(c), c.is_alphanumeric(), "{c:?}");
        }
    }
}
