//! Words and punctuation of one block, with byte spans into the article text.

use std::ops::Range;

use crate::text::{is_upper, is_word_char};

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
fn is_joiner(c: char) -> bool {
    matches!(c, '.' | '&' | '\'' | '’')
}

/// The character at byte `i` of `s` and its length, with an ASCII fast path: most
/// bytes of even Vietnamese text are ASCII, and tokenising runs over every block.
#[inline(always)]
fn char_at(s: &str, i: usize) -> (char, usize) {
    let b = s.as_bytes()[i];
    if b < 0x80 {
        return (char::from(b), 1);
    }
    let c = s[i..].chars().next().unwrap_or(' ');
    (c, c.len_utf8())
}

/// Tokenises `text[span]`.
pub fn tokenize(text: &str, span: Range<usize>) -> Vec<Tok> {
    let s = &text[span.clone()];
    let len = s.len();
    let base = span.start;
    let mut out = Vec::with_capacity(len / 5);
    let mut prev_space = true;
    let mut i = 0;
    while i < len {
        let (c, n) = char_at(s, i);
        if c.is_whitespace() {
            prev_space = true;
            i += n;
            continue;
        }
        if is_word_char(c) {
            // A word: letters and digits, joined across '.', '&', apostrophes when a
            // letter follows ("T.Ư", "NN&PTNT").
            let at = i;
            let mut end = i + n;
            let mut letters = usize::from(!c.is_ascii_digit());
            let mut all_upper = is_upper(c) || c.is_ascii_digit();
            let mut digit = c.is_ascii_digit();
            while end < len {
                let (d, dn) = char_at(s, end);
                if is_word_char(d) || is_mark(d) {
                    if d.is_ascii_digit() {
                        digit = true;
                    } else if !is_mark(d) {
                        letters += 1;
                        all_upper &= is_upper(d);
                    }
                    end += dn;
                } else if is_joiner(d) && s[end + dn..].chars().next().is_some_and(is_word_char) {
                    end += dn;
                } else {
                    break;
                }
            }
            // Initials keep their final period: "M.A." / "A." before a capital.
            if s[end..].starts_with('.') && is_initials(&s[at..end]) {
                let next_cap = s[end + 1..]
                    .chars()
                    .find(|ch| !ch.is_whitespace())
                    .is_some_and(is_upper);
                if next_cap {
                    end += 1;
                }
            }
            let w = &s[at..end];
            let caps = letters >= 1 && all_upper && (letters >= 2 || w.ends_with('.'));
            out.push(Tok {
                start: base + at,
                end: base + end,
                kind: Kind::Word,
                cap: is_upper(c),
                caps: caps && !w.bytes().all(|b| b.is_ascii_digit()),
                digit,
            });
            prev_space = false;
            i = end;
            continue;
        }
        let spaced_after = s[i + n..].chars().next().is_none_or(char::is_whitespace);
        out.push(Tok {
            start: base + i,
            end: base + i + n,
            kind: Kind::Punct {
                ch: c,
                spaced: prev_space || spaced_after,
            },
            cap: false,
            caps: false,
            digit: false,
        });
        prev_space = false;
        i += n;
    }
    out
}

fn is_mark(c: char) -> bool {
    matches!(c as u32, 0x300..=0x36f)
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
