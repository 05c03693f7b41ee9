//! Finding the personal name inside a run of capitalised words.
//!
//! A Vietnamese name is the 2-4 syllable suffix of the run that starts with a family
//! name, once a place sitting in front of it is ruled out ("Bí thư Thành ủy Hà Nội
//! Đinh Tiến Dũng": "Hà Nội" is a place, the name is "Đinh Tiến Dũng"; "Lâm Đồng
//! Đoàn Văn Việt": "Đồng" belongs to the place). A foreign name is the suffix of
//! words that cannot be Vietnamese syllables ("Liên Hợp Quốc Antonio Guterres").

use super::lexicon::Lexicon;
use super::tokens::{Tok, is_name_word};

/// A name found in a run: token indexes `first..=last`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NameSpan {
    pub first: usize,
    pub last: usize,
    /// Not a Vietnamese name (no family name first; words that are not Vietnamese
    /// syllables).
    pub foreign: bool,
}

const ONSETS: &[&str] = &[
    "ngh", "ng", "nh", "ch", "gh", "gi", "kh", "ph", "qu", "th", "tr", "b", "c", "d", "g", "h",
    "k", "l", "m", "n", "p", "r", "s", "t", "v", "x",
];
const NUCLEI: &[&str] = &[
    "oai", "oay", "oao", "oeo", "uai", "uay", "uoi", "uou", "uya", "uye", "uyu", "ieu", "yeu",
    "ai", "ao", "au", "ay", "eo", "eu", "ia", "ie", "iu", "oa", "oe", "oi", "oo", "ua", "ue", "ui",
    "uo", "uu", "uy", "ye", "a", "e", "i", "o", "u", "y",
];
const CODAS: &[&str] = &["ng", "nh", "ch", "c", "m", "n", "p", "t", ""];

/// True when `word` (any case, with or without diacritics) can be one Vietnamese
/// syllable.
pub fn is_vietnamese_syllable(word: &str) -> bool {
    // Folded into a small buffer: a syllable has at most seven letters.
    let mut buf = [0u8; 8];
    let mut len = 0;
    for c in word.chars() {
        let f = crate::text::fold_char(c);
        if f == '\u{0}' {
            continue;
        }
        if len == 8 || !f.is_ascii_lowercase() {
            return false;
        }
        buf[len] = f as u8;
        len += 1;
    }
    if len == 0 || len > 7 {
        return false;
    }
    syllables().contains(&u64::from_le_bytes(buf))
}

/// Every folded syllable onset + nucleus + coda can spell, each packed into a
/// u64 (at most seven ASCII letters): one hash lookup per word instead of trying
/// the combinations, which showed in profiles (this runs for most capitalised
/// words).
fn syllables() -> &'static std::collections::HashSet<u64> {
    static SET: std::sync::OnceLock<std::collections::HashSet<u64>> = std::sync::OnceLock::new();
    SET.get_or_init(|| {
        let mut set = std::collections::HashSet::new();
        for onset in ONSETS.iter().chain(std::iter::once(&"")) {
            for nucleus in NUCLEI {
                for coda in CODAS {
                    let s = format!("{onset}{nucleus}{coda}");
                    if !s.is_empty() && s.len() <= 7 {
                        let mut buf = [0u8; 8];
                        buf[..s.len()].copy_from_slice(s.as_bytes());
                        set.insert(u64::from_le_bytes(buf));
                    }
                }
            }
        }
        set
    })
}

/// Finds the personal name at the end of the run `toks[run]` (all capitalised words).
/// `english`: the article is English, where any 1-4 name words can be a name.
pub fn name_in_run(
    text: &str,
    toks: &[Tok],
    run: std::ops::Range<usize>,
    english: bool,
) -> Option<NameSpan> {
    let lx = Lexicon::get();
    if run.is_empty() {
        return None;
    }
    let word = |i: usize| toks[i].text(text);
    // The trailing words that can be part of a name.
    let mut first_name_word = run.end;
    while first_name_word > run.start && is_name_word(word(first_name_word - 1)) {
        first_name_word -= 1;
    }
    if first_name_word == run.end {
        return None;
    }
    let last = run.end - 1;
    let region = first_name_word..run.end;

    // Vietnamese: prefer three syllables, then four, then two.
    let vietnamese_ok = |len: usize| -> bool {
        if len > region.len() {
            return false;
        }
        let first = run.end - len;
        let all_syllables = (first..run.end).all(|i| {
            let w = word(i);
            is_vietnamese_syllable(w) || is_initial(w) && i == last
        });
        let surname = if english {
            lx.is_surname_folded(word(first))
        } else {
            lx.is_surname(word(first))
        };
        all_syllables && surname && !place_overlaps(text, toks, run.start, first, run.end)
    };
    for len in [3, 4, 2] {
        if vietnamese_ok(len) {
            return Some(NameSpan {
                first: run.end - len,
                last,
                foreign: false,
            });
        }
    }

    // Foreign: the longest suffix (up to four words) of words that are not
    // Vietnamese syllables, initials, or particles; no places.
    let mut first = run.end;
    while first > region.start && run.end - first < 4 {
        let w = word(first - 1);
        let foreignish = !is_vietnamese_syllable(w) || is_initial(w) || english;
        if !foreignish || lx.is_place(w) || english && lx.is_en_stopword(w) {
            break;
        }
        first -= 1;
    }
    if first == run.end {
        return None;
    }
    // In English a name of several words must not start with a place ("British
    // Tony Blair") or a title word.
    while first < last && lx.is_place(word(first)) {
        first += 1;
    }
    let len = run.end - first;
    if len == 1 && is_initial(word(first)) {
        return None;
    }
    Some(NameSpan {
        first,
        last,
        foreign: true,
    })
}

fn is_initial(w: &str) -> bool {
    let t = w.trim_end_matches('.');
    !t.is_empty()
        && t.split('.')
            .all(|p| p.chars().count() == 1 && p.chars().all(char::is_uppercase))
}

/// True when a place name starting before `name_first` (within the run) reaches
/// into the name, or the name itself begins with a place.
fn place_overlaps(
    text: &str,
    toks: &[Tok],
    run_start: usize,
    name_first: usize,
    run_end: usize,
) -> bool {
    let lx = Lexicon::get();
    let max = lx.place_max_words;
    for s in run_start..=name_first {
        if !lx.starts_place(toks[s].text(text)) {
            continue;
        }
        for w in 1..=max {
            let e = s + w;
            if e > run_end {
                break;
            }
            // A place that covers the name's first word, starting at or before it.
            if e <= name_first {
                continue;
            }
            if s == name_first && e == name_first + 1 {
                // A single family name that is also a one-word place ("Giang") is
                // still a name.
                continue;
            }
            let phrase = &text[toks[s].start..toks[e - 1].end];
            if lx.is_place(phrase) {
                return true;
            }
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::tokens::tokenize;

    fn name(run: &str) -> Option<String> {
        let t = tokenize(run, 0..run.len());
        name_in_run(run, &t, 0..t.len(), false)
            .map(|n| run[t[n.first].start..t[n.last].end].to_owned())
    }

    #[test]
    fn syllables() {
        for s in ["Nguyễn", "Dũng", "nghiêng", "Thuỷ", "khuya", "Quốc", "ạ"] {
            assert!(is_vietnamese_syllable(s), "{s}");
        }
        for s in [
            "Guterres", "Antonio", "Blair", "Tony", "Bob", "Chirac", "Lazo", "Simon",
        ] {
            assert!(!is_vietnamese_syllable(s), "{s}");
        }
    }

    #[test]
    fn vietnamese_names_after_places_and_organisations() {
        assert_eq!(
            name("Hà Nội Đinh Tiến Dũng").as_deref(),
            Some("Đinh Tiến Dũng")
        );
        assert_eq!(
            name("Lâm Đồng Đoàn Văn Việt").as_deref(),
            Some("Đoàn Văn Việt")
        );
        assert_eq!(
            name("Nguyễn Thị Kim Ngân").as_deref(),
            Some("Nguyễn Thị Kim Ngân")
        );
        assert_eq!(
            name("UBND TP HCM Phan Văn Mãi").as_deref(),
            Some("Phan Văn Mãi")
        );
        assert_eq!(
            name("Việt Nam Lê Minh Hưng").as_deref(),
            Some("Lê Minh Hưng")
        );
        assert_eq!(name("Lê Nam").as_deref(), Some("Lê Nam"));
        assert_eq!(name("Hà Nội"), None);
        assert_eq!(name("Thái Bình"), None);
    }

    #[test]
    fn foreign_names() {
        assert_eq!(
            name("Liên Hợp Quốc Antonio Guterres").as_deref(),
            Some("Antonio Guterres")
        );
        assert_eq!(
            name("Nga Vladimir Putin").as_deref(),
            Some("Vladimir Putin")
        );
        assert_eq!(name("A.V. Kutepov").as_deref(), Some("A.V. Kutepov"));
    }
}
