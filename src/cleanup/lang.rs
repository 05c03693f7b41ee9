//! Telling Vietnamese, English and other text apart, from letters and stopwords.

use std::sync::OnceLock;

use rustc_hash::FxHashSet;

use crate::article::Lang;
use crate::lexicon;

fn en_stopwords() -> &'static FxHashSet<&'static str> {
    static S: OnceLock<FxHashSet<&'static str>> = OnceLock::new();
    S.get_or_init(|| lexicon::entries(lexicon::EN_STOPWORDS).collect())
}

/// Vietnamese letters outside ASCII: the vowels with their marks and đ.
fn is_vietnamese_letter(c: char) -> bool {
    matches!(c,
        'à'..='ã' | 'è'..='ê' | 'ì' | 'í' | 'ò'..='õ' | 'ù' | 'ú' | 'ý' | 'ă' | 'đ' | 'ĩ' | 'ũ' | 'ơ' | 'ư'
        | 'À'..='Ã' | 'È'..='Ê' | 'Ì' | 'Í' | 'Ò'..='Õ' | 'Ù' | 'Ú' | 'Ý' | 'Ă' | 'Đ' | 'Ĩ' | 'Ũ' | 'Ơ' | 'Ư'
        | '\u{1ea0}'..='\u{1ef9}')
}

/// Detects the language from (at most) the first 1.5 KiB of `text`.
pub fn detect(text: &str) -> Lang {
    let mut end = text.len().min(1536);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let sample = &text[..end];
    let mut letters = 0usize;
    let mut viet = 0usize;
    let mut non_latin = 0usize;
    for (n, c) in sample.chars().enumerate() {
        // Clearly Vietnamese well before the end of the sample (a tenth of the
        // letters carry its diacritics, where 4% decides): stop reading.
        if n % 64 == 63 && letters >= 150 && viet * 10 >= letters {
            return Lang::Vi;
        }
        if c.is_ascii() {
            letters += usize::from(c.is_ascii_alphabetic());
        } else if is_vietnamese_letter(c) {
            letters += 1;
            viet += 1;
        } else if (c as u32) > 0x24f && c.is_alphabetic() {
            letters += 1;
            non_latin += 1;
        } else if c.is_alphabetic() {
            letters += 1;
        }
    }
    if letters == 0 {
        return Lang::Other;
    }
    if viet * 100 >= letters * 4 {
        return Lang::Vi;
    }
    if non_latin * 10 > letters {
        return Lang::Other;
    }
    let stop = en_stopwords();
    let mut words = 0usize;
    let mut hits = 0usize;
    for w in sample
        .split(|c: char| !c.is_alphabetic())
        .filter(|w| !w.is_empty())
    {
        words += 1;
        if stop.contains(w.to_ascii_lowercase().as_str()) {
            hits += 1;
        }
    }
    if words >= 3 && hits * 100 >= words * 8 {
        Lang::En
    } else {
        Lang::Other
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn languages() {
        assert_eq!(
            detect("Sáng 29/4, Ban Chấp hành Đảng bộ tổ chức hội nghị."),
            Lang::Vi
        );
        assert_eq!(
            detect("The minister said on Monday that the talks would go on."),
            Lang::En
        );
        assert_eq!(
            detect("Der Minister sagte am Montag, dass die Gespräche weitergehen."),
            Lang::Other
        );
        assert_eq!(detect("1234 5678"), Lang::Other);
    }
}
