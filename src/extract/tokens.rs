//! Words and punctuation of one block, with byte spans into the article text.

use std::ops::Range;

use crate::text::fold::{KeyFix, key_fix};
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

    /// A name-like word: capitalised, the rest of its letters lower case ("Dũng",
    /// "McAllister" counts), or initials ("M.A.", "A.").
    pub fn text<'a>(&self, text: &'a str) -> &'a str {
        &text[self.start..self.end]
    }
}

/// Characters that join two word parts into one token when letters sit on both
/// sides: "T.Ư", "TP.HCM", "NN&PTNT", "O'Brien".
fn is_joiner(c: u32) -> bool {
    // '.', '&', '\'', '’'
    matches!(c, 0x2e | 0x26 | 0x27 | 0x2019)
}

/// Tokenises `text[span]`.
pub fn tokenize(text: &str, span: Range<usize>) -> Vec<Tok> {
    scan::<false>(text, span, &mut Vec::new())
}

/// Tokenises `text[span]` and appends its [`match_key`] to `key` (the same length
/// as the span, so a token's key is `key[tok.start - span.start..tok.end -
/// span.start]`): one pass decodes each character for both.
///
/// [`match_key`]: crate::text::fold::match_key
pub fn tokenize_keyed(text: &str, span: Range<usize>, key: &mut Vec<u8>) -> Vec<Tok> {
    scan::<true>(text, span, key)
}

/// Writes what the match key has for the non-ASCII character `u` (`n` bytes) at
/// byte `j` of `src` into `key` (a lower-cased copy of `src`).
#[inline(always)]
fn fix_key(key: &mut [u8], src: &[u8], j: usize, u: u32, n: usize) {
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

/// True when the match key may differ from the text at the non-ASCII character
/// of classes `k` at byte `j`: an upper-case letter, or a vowel after "o"/"u"
/// that may take its tone. Most characters need no look-up.
#[inline(always)]
fn needs_fix(k: u8, src: &[u8], j: usize) -> bool {
    k & class::RECASED != 0 || (j > 0 && matches!(src[j - 1] | 0x20, b'o' | b'u'))
}

/// The code point, length and classes of the character at byte `i` of `b`, fixing
/// its match key in `key` on the way when it needs it.
#[inline(always)]
fn char_at<const KEY: bool>(
    classes: &class::Tables,
    b: &[u8],
    key: &mut [u8],
    i: usize,
) -> (u32, usize, u8) {
    let c = b[i];
    if c < 0x80 {
        return (u32::from(c), 1, classes.ascii(c));
    }
    let (u, n) = class::decode(b, i);
    let k = classes.of(u);
    if KEY && needs_fix(k, b, i) {
        fix_key(key, b, i, u, n);
    }
    (u, n, k)
}

/// The tokeniser, optionally building the match key as it goes.
///
/// Works on bytes with one table lookup per character ([`class`]) and folds a
/// word's flags from the class bits without branching: this runs over every block
/// of every article, and the per-character predicates of `char` and the branches
/// per letter showed in profiles.
fn scan<const KEY: bool>(text: &str, span: Range<usize>, key_out: &mut Vec<u8>) -> Vec<Tok> {
    let s = &text[span.clone()];
    let b = s.as_bytes();
    let len = b.len();
    let base = span.start;
    let key_start = key_out.len();
    if KEY {
        key_out.extend_from_slice(b);
        key_out[key_start..].make_ascii_lowercase();
    }
    let key = &mut key_out[key_start..];
    let classes = class::tables();
    // About one token per five bytes of news text: a quarter leaves room for
    // denser blocks without growing the vector.
    let mut out = Vec::with_capacity(len / 4);
    let mut prev_space = true;
    let mut i = 0;
    while i < len {
        if b[i] == b' ' {
            prev_space = true;
            i += 1;
            continue;
        }
        let (u, n, k) = char_at::<KEY>(classes, b, key, i);
        if k & class::SPACE != 0 {
            prev_space = true;
            i += n;
            continue;
        }
        if k & class::WORD != 0 {
            // A word: letters and digits, joined across '.', '&', apostrophes when a
            // letter follows ("T.Ư", "NN&PTNT"). The first character counts as a
            // letter unless it is a digit.
            let at = i;
            let mut end = i + n;
            let first_digit = k & class::DIGIT != 0;
            let mut letters = usize::from(!first_digit);
            let mut lower = !first_digit && k & class::UPPER == 0;
            // Class bits of the characters after the first, or-ed.
            let mut seen = k & class::DIGIT;
            let mut joined = false;
            loop {
                // Runs of ASCII letters and digits, most of a word's bytes, without
                // decoding.
                while let Some(&c) = b.get(end)
                    && c < 0x80
                    && classes.ascii(c) & class::WORD != 0
                {
                    let dk = classes.ascii(c);
                    letters += usize::from(dk & class::LETTER != 0);
                    seen |= dk;
                    end += 1;
                }
                if end >= len {
                    break;
                }
                let (d, dn, dk) = char_at::<KEY>(classes, b, key, end);
                if dk & (class::WORD | class::MARK) != 0 {
                    letters += usize::from(dk & class::LETTER != 0);
                    seen |= dk;
                    end += dn;
                } else if is_joiner(d)
                    && end + dn < len
                    && char_at::<KEY>(classes, b, key, end + dn).2 & class::WORD != 0
                {
                    joined = true;
                    end += dn;
                } else {
                    break;
                }
            }
            lower |= seen & class::LOWER != 0;
            let digit = seen & class::DIGIT != 0;
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
            prev_space = false;
            i = end;
            continue;
        }
        let spaced_after =
            i + n >= len || classes.of(class::decode(b, i + n).0) & class::SPACE != 0;
        out.push(Tok {
            start: base + i,
            end: base + i + n,
            kind: Kind::Punct {
                ch: char::from_u32(u).unwrap_or(' '),
                spaced: prev_space || spaced_after,
            },
            cap: false,
            caps: false,
            digit: false,
            joined: false,
        });
        prev_space = false;
        i += n;
    }
    out
}

/// "M", "M.A", "A.B.M": upper-case letters separated by periods.
fn is_initials(w: &str) -> bool {
    w.split('.')
        .all(|p| p.chars().count() == 1 && p.chars().all(char::is_uppercase))
}

/// True for a word that can be part of a personal name: capitalised with the rest
/// in lower case ("Dũng", "Guterres", "McDonald"), or initials ("M.A.").
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
    fn joiners_and_initials() {
        assert_eq!(
            words("Ủy viên T.Ư Đảng, TP.HCM"),
            ["Ủy", "viên", "T.Ư", "Đảng", ",", "TP.HCM"]
        );
        assert_eq!(
            words("Minister M.A. Munim told"),
            ["Minister", "M.A.", "Munim", "told"]
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
            "Bí thư Thành ủy Hà Nội Đinh Tiến Dũng",
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
                out.push(Tok {
                    start: at(k),
                    end: at(k + 1),
                    kind: Kind::Punct {
                        ch: c,
                        spaced: prev_space || spaced_after,
                    },
                    cap: false,
                    caps: false,
                    digit: false,
                    joined: false,
                });
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
        for w in ["Dũng", "Guterres", "M.A.", "A.", "McAllister", "O'Brien"] {
            assert!(is_name_word(w), "{w}");
        }
        for w in ["UBND", "hội", "XVII", "TP.HCM", "2017"] {
            assert!(!is_name_word(w), "{w}");
        }
    }
}
