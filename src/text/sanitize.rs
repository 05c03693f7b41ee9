//! Removing what must never reach a terminal, and normalising what text comparison
//! depends on (NFC, one kind of space, one kind of line break).
//!
//! Every string that comes out of a file passes through [`clean`] as the last decode
//! step (after JSON unescaping and entity decoding), so no later stage can print a
//! control sequence that came from content.

use std::borrow::Cow;

use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfc_quick};

/// Sanitises and NFC-normalises one decoded string.
pub fn clean(s: &str) -> String {
    let sanitized = sanitize(s);
    if is_nfc_fast(&sanitized) {
        return sanitized.into_owned();
    }
    sanitized.nfc().collect()
}

/// Same as [`clean`] for an owned string, without copying when nothing changes.
pub fn clean_owned(s: String) -> String {
    let scanned = scan(&s);
    if scanned.needs_sanitizing {
        return clean(&s);
    }
    if scanned.simple || matches!(is_nfc_quick(s.chars()), IsNormalized::Yes) {
        return s;
    }
    s.nfc().collect()
}

/// NFC check with a fast path: ASCII, Latin-1, Latin Extended-A/B and the
/// precomposed Vietnamese letters (U+1EA0..U+1EF9) are all in NFC on their own,
/// so text made only of them (most articles) needs no table lookups.
fn is_nfc_fast(s: &str) -> bool {
    let scanned = scan(s);
    let simple = if scanned.needs_sanitizing {
        // The byte scan stopped early; decide on characters.
        s.chars().all(|c| {
            let u = c as u32;
            u < 0x300 || (0x1ea0..=0x1ef9).contains(&u) || (0x2000..=0x206f).contains(&u)
        })
    } else {
        scanned.simple
    };
    simple || matches!(is_nfc_quick(s.chars()), IsNormalized::Yes)
}

/// What one pass over the bytes of a string found.
struct Scan {
    /// Something [`sanitize`] would change (the scan stops there).
    needs_sanitizing: bool,
    /// Every character seen is in a range that is NFC on its own (see
    /// [`is_nfc_fast`]); only meaningful when `needs_sanitizing` is false.
    simple: bool,
}

/// The sanitising test and the NFC fast path in one pass over the bytes, instead
/// of two or three passes over the characters: every article body goes through
/// here, and the separate passes were a quarter of `docket check`'s profile.
fn scan(s: &str) -> Scan {
    let b = s.as_bytes();
    let n = b.len();
    let mut simple = true;
    let mut i = 0;
    let dirty = Scan {
        needs_sanitizing: true,
        simple: false,
    };
    while i < n {
        let x = b[i];
        if x < 0x80 {
            if x < 0x20 && x != b'\n' || x == 0x7f {
                return dirty;
            }
            i += 1;
            continue;
        }
        // `s` is valid UTF-8: the continuation bytes of a lead byte are there.
        let c1 = b.get(i + 1).copied().unwrap_or(0);
        let c2 = b.get(i + 2).copied().unwrap_or(0);
        match x {
            // U+0080..U+00BF: C1 controls, NBSP, soft hyphen.
            0xc2 => return dirty,
            // U+00C0..U+02FF: Latin-1 letters, Latin Extended-A/B, IPA, modifiers.
            0xc3..=0xcb => i += 2,
            // U+061C (arabic letter mark).
            0xd8 if c1 == 0x9c => return dirty,
            0xcc..=0xdf => {
                simple = false;
                i += 2;
            }
            // U+1EA0..U+1EF9: the precomposed Vietnamese letters.
            0xe1 => {
                simple &= c1 == 0xba && c2 >= 0xa0 || c1 == 0xbb && c2 <= 0xb9;
                i += 3;
            }
            // U+2000..U+207F: spaces, bidi, zero-width, separators.
            0xe2 if c1 == 0x80 || c1 == 0x81 => return dirty,
            // U+3000 ideographic space.
            0xe3 if c1 == 0x80 && c2 == 0x80 => return dirty,
            // U+FEFF.
            0xef if c1 == 0xbb && c2 == 0xbf => return dirty,
            0xe0..=0xef => {
                simple = false;
                i += 3;
            }
            _ => {
                simple = false;
                i += 4;
            }
        }
    }
    Scan {
        needs_sanitizing: false,
        simple,
    }
}

/// What a character becomes after sanitising.
enum Fate {
    Keep,
    Drop,
    Replace(char),
}

fn fate(c: char) -> Fate {
    match c {
        '\n' => Fate::Keep,
        // A tab means nothing in an article and its width depends on the terminal.
        '\t' => Fate::Replace(' '),
        // Carriage returns: CRLF is folded by the caller; a lone CR would move the cursor.
        '\r' => Fate::Replace('\n'),
        // Other C0 controls and DEL become their visible Control Pictures (U+2400 block),
        // so a reader sees that something odd was in the file.
        '\u{0}'..='\u{1f}' => Fate::Replace(char::from_u32(0x2400 + c as u32).unwrap_or('?')),
        '\u{7f}' => Fate::Replace('\u{2421}'),
        // C1 controls (U+009B is CSI, U+009D is OSC on some terminals): dropped.
        '\u{80}'..='\u{9f}' => Fate::Drop,
        // Bidi embeddings, overrides, isolates and marks: they reorder what is shown.
        '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{200e}' | '\u{200f}' | '\u{61c}' => {
            Fate::Drop
        }
        // Invisible characters that break matching and width accounting.
        '\u{200b}' | '\u{2060}' | '\u{feff}' | '\u{ad}' => Fate::Drop,
        // Line and paragraph separators are line breaks.
        '\u{2028}' | '\u{2029}' => Fate::Replace('\n'),
        // Unicode spaces (no-break, en/em, thin, ideographic): one plain space.
        '\u{a0}' | '\u{2000}'..='\u{200a}' | '\u{202f}' | '\u{205f}' | '\u{3000}' => {
            Fate::Replace(' ')
        }
        _ => Fate::Keep,
    }
}

/// Fast byte-level test: can `s` contain anything [`fate`] would change?
fn needs_sanitizing(s: &str) -> bool {
    scan(s).needs_sanitizing
}

/// Removes or makes visible every control character, bidi control and odd space.
/// CRLF becomes LF. Returns the input unchanged (borrowed) when nothing applies.
pub fn sanitize(s: &str) -> Cow<'_, str> {
    if !needs_sanitizing(s) {
        return Cow::Borrowed(s);
    }
    // Copy untouched runs as bytes; only characters whose first byte could start
    // something to change are decoded and judged.
    let mut out = String::with_capacity(s.len());
    let b = s.as_bytes();
    let mut run = 0;
    let mut i = 0;
    while i < b.len() {
        let x = b[i];
        let suspicious = x < 0x20 || x == 0x7f || matches!(x, 0xc2 | 0xd8 | 0xe2 | 0xe3 | 0xef);
        if !suspicious {
            i += 1;
            continue;
        }
        let c = s[i..].chars().next().unwrap_or(' ');
        let len = c.len_utf8();
        let f = if c == '\r' && b.get(i + 1) == Some(&b'\n') {
            Fate::Drop
        } else {
            fate(c)
        };
        if !matches!(f, Fate::Keep) {
            out.push_str(&s[run..i]);
            if let Fate::Replace(r) = f {
                out.push(r);
            }
            run = i + len;
        }
        i += len;
    }
    out.push_str(&s[run..]);
    Cow::Owned(out)
}

/// True when `c` could change what a terminal does or shows beyond one glyph.
/// Used by tests and by the renderer's last line of defence.
pub fn is_unsafe_for_terminal(c: char) -> bool {
    c != '\n' && (c.is_control() || !matches!(fate(c), Fate::Keep))
}

/// Cuts `s` to at most `max_chars` characters, on a character boundary, adding `…`.
pub fn truncate_chars(s: &str, max_chars: usize) -> Cow<'_, str> {
    match s.char_indices().nth(max_chars) {
        None => Cow::Borrowed(s),
        Some((i, _)) => Cow::Owned(format!("{}…", &s[..i])),
    }
}

/// Collapses runs of whitespace (including newlines) into one space and trims.
pub fn collapse_spaces(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for word in s.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

#[cfg(test)]
mod tests {

    #[test]
    fn byte_scan_agrees_with_the_character_rules() {
        let chars = (0u32..0x3100)
            .chain(0x1e00..0x1f00)
            .chain(0xfe00..0x10000)
            .chain([0x1f600, 0x10ffff])
            .filter_map(char::from_u32);
        for c in chars {
            let s = format!("a{c}b");
            let scanned = scan(&s);
            if !scanned.needs_sanitizing {
                assert!(
                    matches!(fate(c), Fate::Keep),
                    "{:04x} slips through",
                    c as u32
                );
                let u = c as u32;
                let simple = u < 0x300 || (0x1ea0..=0x1ef9).contains(&u);
                assert_eq!(scanned.simple, simple, "{:04x}", c as u32);
            }
            // What the scan calls clean, sanitising leaves as it is.
            if !scanned.needs_sanitizing {
                assert_eq!(sanitize(&s), s.as_str());
            }
        }
    }

    use super::*;

    #[test]
    fn clean_text_is_borrowed_untouched() {
        let s = "Hội nghị lần thứ 4\nTiếp theo";
        assert!(matches!(sanitize(s), Cow::Borrowed(_)));
        assert_eq!(clean(s), s);
    }

    #[test]
    fn escape_sequences_become_visible_and_inert() {
        let s = "Clear \u{1b}[2J screen \u{1b}]52;c;SGVsbG8=\u{7} done";
        let out = sanitize(s);
        assert!(!out.contains('\u{1b}'));
        assert!(!out.contains('\u{7}'));
        assert!(out.contains("␛[2J"));
        assert!(out.contains('␇'));
    }

    #[test]
    fn c1_and_bidi_controls_are_dropped() {
        let s = "a\u{9b}31m b\u{9d}52 c\u{202e}evil\u{2066}x\u{200b}y";
        assert_eq!(sanitize(s), "a31m b52 cevilxy");
    }

    #[test]
    fn line_endings_and_spaces_are_normalised() {
        assert_eq!(sanitize("a\r\nb\rc\td\u{a0}e\u{2028}f"), "a\nb\nc d e\nf");
    }

    #[test]
    fn nfd_vietnamese_becomes_nfc() {
        let nfd = "Ha\u{300} No\u{302}\u{323}i";
        assert_eq!(clean(nfd), "Hà Nội");
        assert_eq!(clean_owned(nfd.to_string()), "Hà Nội");
    }

    #[test]
    fn nothing_unsafe_survives() {
        let all: String = (0u32..0x3000).filter_map(char::from_u32).collect();
        let out = clean(&all);
        assert!(out.chars().all(|c| !is_unsafe_for_terminal(c)), "{out:?}");
    }

    #[test]
    fn truncation_respects_characters() {
        assert_eq!(truncate_chars("Đinh Tiến Dũng", 4), "Đinh…");
        assert_eq!(truncate_chars("abc", 4), "abc");
    }
}
