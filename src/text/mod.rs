//! Text primitives shared by every stage: sanitising, folding, entities, scripts.

pub mod entities;
pub mod fold;
pub mod sanitize;

pub use fold::{fold, fold_char, key};
pub use sanitize::{clean, clean_owned, collapse_spaces};

/// True when the first letter of `word` is upper case. (Vietnamese precomposed
/// letters interleave cases in U+1EA0..U+1EF9, so a range test would be wrong.)
pub fn starts_upper(word: &str) -> bool {
    word.chars()
        .find(|c| c.is_alphanumeric())
        .is_some_and(char::is_uppercase)
}

/// True when every letter of `word` is upper case and it has at least one letter.
pub fn is_all_caps(word: &str) -> bool {
    let mut any = false;
    for c in word.chars().filter(|c| c.is_alphabetic()) {
        if !c.is_uppercase() {
            return false;
        }
        any = true;
    }
    any
}
