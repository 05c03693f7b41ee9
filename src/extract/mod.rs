//! Extraction: from a cleaned article to its outline (meetings, speakers with their
//! statements, agenda items linked to the paragraphs that discuss them). Rules over
//! the language data in `assets/lexicon/`, no statistical model.

pub mod agenda;
pub mod dates;
pub mod doc;
pub mod lexicon;
pub mod meetings;
pub mod names;
pub mod people;
pub mod speech;
pub mod tokens;

use crate::article::Article;
use crate::outline::{Outline, Speaker};

thread_local! {
    static GUARDED: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// True while [`outline_guarded`] runs on this thread: panic hooks stay quiet
/// (and leave the terminal alone), because the panic is caught and reported as a
/// problem with the article.
pub fn panic_is_guarded() -> bool {
    GUARDED.with(|g| g.get())
}

/// [`outline`], with a bug in a rule contained to the article that triggered it:
/// the article keeps its text and gets an empty outline, and the caller reports
/// the message. One odd article must not take a 35,000-article run down.
pub fn outline_guarded(article: &Article) -> Result<Outline, String> {
    GUARDED.with(|g| g.set(true));
    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| outline(article)));
    GUARDED.with(|g| g.set(false));
    result.map_err(|e| {
        e.downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| e.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "unknown error".into())
    })
}

/// The outline of one article.
pub fn outline(article: &Article) -> Outline {
    let doc = doc::Doc::new(article);
    let people = people::find(&doc);
    let said = speech::statements(&doc, &people);
    let found = meetings::find(&doc, &people);
    let main_kind = found.meetings.first().map(|m| m.kind.as_str());
    let agenda = agenda::find(&doc, main_kind);
    Outline {
        agenda,
        speakers: speakers(&doc, &people, said),
        meetings: found.meetings,
    }
}

/// Speakers in order of their first statement, with every mention for highlighting.
fn speakers(
    doc: &doc::Doc,
    people: &people::People,
    said: Vec<speech::Attributed>,
) -> Vec<Speaker> {
    // Each speaker's statements, moved out of `said` in its order.
    let mut order: Vec<usize> = Vec::new();
    let mut statements: Vec<Vec<crate::outline::Statement>> = Vec::new();
    for a in said {
        let k = order
            .iter()
            .position(|&p| p == a.person)
            .unwrap_or_else(|| {
                order.push(a.person);
                statements.push(Vec::new());
                order.len() - 1
            });
        statements[k].push(a.statement);
    }
    order
        .into_iter()
        .zip(statements)
        .map(|(p, statements)| {
            let person = &people.persons[p];
            Speaker {
                name: person.name.clone(),
                roles: person.roles.clone(),
                statements,
                mentions: people
                    .mentions
                    .iter()
                    .filter(|m| m.person == Some(p))
                    .map(|m| doc.blocks[m.blk].span(m.first, m.last))
                    .collect(),
            }
        })
        .collect()
}

/// `s.to_lowercase()`, built as [`match_key`](crate::text::fold::match_key) is:
/// a copy with its ASCII lower-cased in one pass, then only the other characters
/// looked at, from a table. (The standard library searches its case table for
/// every non-ASCII character; rules lower-case whole sentences.)
pub(crate) fn lowercase(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = bytes.to_vec();
    out.make_ascii_lowercase();
    let mut j = 0;
    while j < bytes.len() {
        if bytes[j] < 0x80 {
            j += 1;
            continue;
        }
        let c = s[j..].chars().next().expect("j is a character boundary");
        let n = c.len_utf8();
        match simple_lower(c) {
            // Most letters are lower case already.
            Some(l) if l == c => {}
            Some(l) => {
                l.encode_utf8(&mut out[j..j + n]);
            }
            // 'Σ' lower-cases by its place in the word, and a few characters
            // change length ('İ' -> "i̇"): the standard library's way.
            None => return s.to_lowercase(),
        }
        j += n;
    }
    String::from_utf8(out).expect("same-length lower case keeps the text UTF-8")
}

/// The lower case of `c` when it is one character of the same UTF-8 length and
/// does not depend on what surrounds `c` (not 'Σ').
#[inline]
fn simple_lower(c: char) -> Option<char> {
    /// The Latin letters (with Vietnamese's) and their extended additions.
    const RANGES: [std::ops::Range<u32>; 2] = [0x80..0x250, 0x1e00..0x1f00];
    static TABLE: std::sync::OnceLock<Vec<Option<char>>> = std::sync::OnceLock::new();
    fn compute(c: char) -> Option<char> {
        let mut lower = c.to_lowercase();
        let l = lower.next()?;
        (lower.next().is_none() && l.len_utf8() == c.len_utf8() && c != 'Σ').then_some(l)
    }
    let u = c as u32;
    if u < 0x80 {
        return Some(c.to_ascii_lowercase());
    }
    let mut base = 0;
    for r in &RANGES {
        if r.contains(&u) {
            let table = TABLE.get_or_init(|| {
                RANGES
                    .iter()
                    .flat_map(|r| r.clone())
                    .map(|u| char::from_u32(u).and_then(compute))
                    .collect()
            });
            return table[base + (u - r.start) as usize];
        }
        base += r.len();
    }
    compute(c)
}

/// `s.chars().flat_map(char::to_lowercase).eq(lower.chars())`, stopping at the
/// first difference: `s.to_lowercase() == lower` without building the lower
/// case, when `lower` has no 'σ' or 'ς' (which only `str` lower-cases by context).
pub(crate) fn lowercase_is(s: &str, lower: &str) -> bool {
    // An ASCII lead lower-cases byte for byte (most words differ in their first
    // letter, and this runs for every word compared with a list).
    let (bytes, lower_bytes) = (s.as_bytes(), lower.as_bytes());
    let mut ascii = 0;
    while ascii < bytes.len() && bytes[ascii].is_ascii() {
        if lower_bytes.get(ascii) != Some(&bytes[ascii].to_ascii_lowercase()) {
            return false;
        }
        ascii += 1;
    }
    // `lower` has the same ASCII bytes there, so `ascii` splits it too.
    let (tail, mut rest) = (&s[ascii..], &lower[ascii..]);
    for (k, c) in tail.char_indices() {
        match simple_lower(c) {
            Some(l) => match rest.strip_prefix(l) {
                Some(r) => rest = r,
                None => return false,
            },
            None => {
                return tail[k..]
                    .chars()
                    .flat_map(char::to_lowercase)
                    .eq(rest.chars());
            }
        }
    }
    rest.is_empty()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lowercase_agrees_with_the_standard_library() {
        for u in 0..=0x10ffff {
            if let Some(c) = char::from_u32(u) {
                let s = c.to_string();
                assert_eq!(lowercase(&s), s.to_lowercase(), "{c:?}");
            }
        }
        let pieces = [
            "A", "a", " ", "Đ", "đ", "Ơ", "Ụ", "ệ", "Σ", "ΣΑ", "İ", "K", "ẞ", "Ⱥ", "ǅ", ".", "1",
            "\u{301}", "Ỷ", "日", "LẦN", "lần", "Thứ", "PHÁT", " BIỂU", "biểu", "phát",
        ];
        for s in crate::test_support::mixes(&pieces, 11, 5000, 10) {
            assert_eq!(lowercase(&s), s.to_lowercase(), "{s:?}");
            for t in ["phát biểu", "lần", "thứ", "đề nghị", "asked", "i̇", "k"] {
                assert_eq!(lowercase_is(&s, t), s.to_lowercase() == t, "{s:?} {t:?}");
                let by_char = s.chars().flat_map(char::to_lowercase).eq(t.chars());
                assert_eq!(lowercase_is(&s, t), by_char, "{s:?} {t:?}");
            }
        }
    }
}

#[cfg(test)]
pub(crate) mod test_support {
    use crate::article::Article;

    /// An article made from a body written for a test.
    pub fn article(body: &str) -> Article {
        crate::cleanup::article_from_text(body, "test")
    }
}
