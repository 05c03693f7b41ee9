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

/// What [`detect`] counts a character below U+0250 as.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Latin {
    NotALetter,
    Letter,
    Vietnamese,
}

/// [`Latin`] for every code point below U+0250, from the definitions
/// (`is_vietnamese_letter`, `char::is_alphabetic`): one lookup per character
/// instead of a chain of range tests and the standard library's tables.
fn latin_table() -> &'static [Latin; 0x250] {
    static T: OnceLock<[Latin; 0x250]> = OnceLock::new();
    T.get_or_init(|| {
        let mut t = [Latin::NotALetter; 0x250];
        for (u, class) in (0u32..).zip(t.iter_mut()) {
            let c = char::from_u32(u).unwrap_or('\0');
            *class = if c.is_ascii() {
                if c.is_ascii_alphabetic() {
                    Latin::Letter
                } else {
                    Latin::NotALetter
                }
            } else if is_vietnamese_letter(c) {
                Latin::Vietnamese
            } else if c.is_alphabetic() {
                Latin::Letter
            } else {
                Latin::NotALetter
            };
        }
        t
    })
}

/// Detects the language from (at most) the first 1.5 KiB of `text`.
pub fn detect(text: &str) -> Lang {
    let mut end = text.len().min(1536);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let sample = &text[..end];
    let latin = latin_table();
    let b = sample.as_bytes();
    let mut letters = 0usize;
    let mut viet = 0usize;
    let mut non_latin = 0usize;
    let mut at = 0;
    // Characters to read before the next look at the counts: the 64th, then
    // every 64 more.
    let mut before_check = 63;
    while at < b.len() {
        if before_check == 0 {
            // Clearly Vietnamese well before the end of the sample (a tenth of
            // the letters carry its diacritics, where 4% decides): stop reading.
            if letters >= 150 && viet * 10 >= letters {
                return Lang::Vi;
            }
            before_check = 64;
        }
        before_check -= 1;
        // Two characters in three: ASCII, counted without decoding.
        let x = b[at];
        if x.is_ascii() {
            letters += usize::from((x | 0x20).wrapping_sub(b'a') < 26);
            at += 1;
            continue;
        }
        let (u, len) = crate::text::class::decode(b, at);
        at += len;
        match u {
            0..0x250 => match latin[u as usize] {
                Latin::NotALetter => {}
                Latin::Letter => letters += 1,
                Latin::Vietnamese => {
                    letters += 1;
                    viet += 1;
                }
            },
            0x1ea0..=0x1ef9 => {
                letters += 1;
                viet += 1;
            }
            // General punctuation (quotes, dashes): no letters, and common.
            0x2000..0x2070 => {}
            _ => {
                if char::from_u32(u).is_some_and(char::is_alphabetic) {
                    letters += 1;
                    non_latin += 1;
                }
            }
        }
    }
    verdict(sample, letters, viet, non_latin)
}

/// The language of `sample` from its letter census: Vietnamese when enough letters
/// carry its diacritics, English when enough words are English stopwords.
fn verdict(sample: &str, letters: usize, viet: usize, non_latin: usize) -> Lang {
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

    /// The letter census of [`detect`] as it was, one `char` at a time.
    fn detect_by_chars(text: &str) -> Lang {
        let mut end = text.len().min(1536);
        while !text.is_char_boundary(end) {
            end -= 1;
        }
        let sample = &text[..end];
        let (mut letters, mut viet, mut non_latin) = (0usize, 0usize, 0usize);
        for (n, c) in sample.chars().enumerate() {
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
        verdict(sample, letters, viet, non_latin)
    }

    #[test]
    fn letter_classes_agree_with_the_definitions() {
        let t = latin_table();
        for u in 0x80u32..0x250 {
            let c = char::from_u32(u).unwrap();
            let want = if is_vietnamese_letter(c) {
                Latin::Vietnamese
            } else if c.is_alphabetic() {
                Latin::Letter
            } else {
                Latin::NotALetter
            };
            assert!(t[u as usize] == want, "{u:04x}");
        }
        for u in 0x2000u32..0x2070 {
            assert!(!char::from_u32(u).unwrap().is_alphabetic(), "{u:04x}");
        }
        let samples = [
            "Sáng 29/4, Ban Chấp hành Đảng bộ tổ chức hội nghị. ",
            "The minister said on Monday that the talks would go on. ",
            "Der Minister sagte am Montag, dass die Gespräche weitergehen. ",
            "东京 “quote” — 1234 ",
            "Москва ",
            "e\u{301}ä ",
            "@[`{ 0189 _^~ AZaz ",
        ];
        for s in crate::test_support::mixes(&samples, 0x0bad_cafe, 3000, 80) {
            assert_eq!(detect(&s), detect_by_chars(&s), "{s:?}");
        }
    }

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
