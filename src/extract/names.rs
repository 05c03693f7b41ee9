//! Finding the personal name inside a run of capitalised words.
//!
//! A Vietnamese name is the 2-4 syllable suffix of the run that starts with a family
//! name, once a place sitting in front of it is ruled out ("Bí thư Thành ủy Hà Nội
//! Đinh Tiến Quang": "Hà Nội" is a place, the name is "Đinh Tiến Quang"; "Lâm Đồng
//! Đoàn Văn Việt": "Đồng" belongs to the place). A foreign name is the suffix of
//! words that cannot be Vietnamese syllables ("Liên Hợp Quốc Marco Velletri").

use std::ops::Range;

use rustc_hash::{FxHashMap, FxHashSet};

use super::doc::Blk;
use super::lexicon::Lexicon;
use super::tokens::is_name_word;
use crate::text::{is_lower, is_upper};

/// A name found in a run: token indexes `first..=last`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NameSpan {
    pub first: usize,
    pub last: usize,
    /// Not a Vietnamese name (no family name first; words that are not Vietnamese
    /// syllables).
    pub foreign: bool,
}

crate::lexicon::word_list! {
    /// Onsets (initial consonants) of a Vietnamese syllable, folded; the empty
    /// onset is added where the list is used.
    ///
    /// The entries are in `assets/lexicon/vi/syllable_onsets.txt`.
    fn onsets = "lexicon/vi/syllable_onsets.txt";
}
crate::lexicon::word_list! {
    /// Vowel nuclei of a Vietnamese syllable, folded.
    ///
    /// The entries are in `assets/lexicon/vi/syllable_nuclei.txt`.
    fn nuclei = "lexicon/vi/syllable_nuclei.txt";
}
crate::lexicon::word_list! {
    /// Codas (final consonants) of a Vietnamese syllable, folded, with the empty
    /// coda `""` (a syllable ending in its vowel).
    ///
    /// The entries are in `assets/lexicon/vi/syllable_codas.txt`.
    fn codas = "lexicon/vi/syllable_codas.txt";
}

/// True when `word` (any case, with or without diacritics) can be one Vietnamese
/// syllable.
pub fn is_vietnamese_syllable(word: &str) -> bool {
    let mut letters = SyllableLetters::new(true);
    for c in word.chars() {
        letters.push(crate::text::fold_char(c));
    }
    letters.is_syllable()
}

/// The folded letters of a word, gathered a character at a time, for
/// [`is_vietnamese_syllable`].
struct SyllableLetters {
    /// Folded into a small buffer: a syllable has at most seven letters. (Letters
    /// past the eighth overwrite earlier ones: the word is too long by then.)
    buf: [u8; 8],
    len: usize,
    /// False once a character that is no letter a-z rules a syllable out.
    possible: bool,
}

impl SyllableLetters {
    /// `wanted`: false to skip the test (every word then is no syllable).
    fn new(wanted: bool) -> Self {
        SyllableLetters {
            buf: [0; 8],
            len: 0,
            possible: wanted,
        }
    }

    /// Adds the next character, [folded](crate::text::fold_char).
    #[inline]
    fn push(&mut self, folded: char) {
        if folded.is_ascii_lowercase() {
            self.push_letter(folded as u8);
        } else if folded != '\u{0}' {
            // (Stray combining marks fold to nothing.)
            self.possible = false;
        }
    }

    /// Adds a folded letter a-z.
    #[inline]
    fn push_letter(&mut self, letter: u8) {
        self.buf[self.len % 8] = letter;
        self.len += 1;
    }

    fn is_syllable(&self) -> bool {
        self.possible
            && (1..=7).contains(&self.len)
            && syllables().contains(&u64::from_le_bytes(self.buf))
    }
}

/// Every folded syllable onset + nucleus + coda can spell, each packed into a
/// u64 (at most seven ASCII letters): one hash lookup per word instead of trying
/// the combinations, which showed in profiles (this runs for most capitalised
/// words). Fx-hashed: SipHash cost more than the rest of the test.
fn syllables() -> &'static FxHashSet<u64> {
    static SET: std::sync::OnceLock<FxHashSet<u64>> = std::sync::OnceLock::new();
    SET.get_or_init(|| {
        let mut set = FxHashSet::default();
        for onset in onsets().iter().chain(std::iter::once(&"")) {
            for nucleus in nuclei() {
                for coda in codas() {
                    let len = onset.len() + nucleus.len() + coda.len();
                    if len == 0 || len > 7 {
                        continue;
                    }
                    let mut buf = [0u8; 8];
                    buf[..onset.len()].copy_from_slice(onset.as_bytes());
                    buf[onset.len()..onset.len() + nucleus.len()]
                        .copy_from_slice(nucleus.as_bytes());
                    buf[onset.len() + nucleus.len()..len].copy_from_slice(coda.as_bytes());
                    set.insert(u64::from_le_bytes(buf));
                }
            }
        }
        set
    })
}

/// [`is_name_word`] without collecting the word's letters (it runs for words after
/// every honorific).
pub fn is_name_word_fast(w: &str) -> bool {
    name_word_facts(w, false).is_some()
}

/// What name finding reads of a name word.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
struct WordFacts {
    /// [`is_vietnamese_syllable`] (false when not asked for).
    syllable: bool,
    /// [`is_initial`].
    initial: bool,
}

/// The facts of `w` when it is a name word ([`is_name_word`]), from one pass over
/// its characters: this runs on every word of every capitalised run, and decoding
/// each word once per test showed in profiles. `with_syllable`: also test whether
/// it can be a Vietnamese syllable.
// (Out of line: inlined into name_in_run it took 1% more instructions.)
#[inline(never)]
fn name_word_facts(w: &str, with_syllable: bool) -> Option<WordFacts> {
    let mut chars = w.chars();
    let first = chars.next()?;
    if !is_upper(first) {
        return None;
    }
    let mut letters = SyllableLetters::new(with_syllable);
    letters.push(crate::text::fold_char(first));
    let (mut inner_caps, mut any_lower, mut digit, mut rest) = (0usize, false, false, 0usize);
    for c in chars {
        rest += 1;
        if c.is_ascii_lowercase() {
            any_lower = true;
            letters.push_letter(c as u8);
        } else if c.is_ascii_uppercase() {
            inner_caps += 1;
            letters.push_letter(c.to_ascii_lowercase() as u8);
        } else if c == '.' {
            // Initials: rare, and the rules are the shared ones.
            return is_name_word(w).then(|| WordFacts {
                syllable: with_syllable && is_vietnamese_syllable(w),
                initial: is_initial(w),
            });
        } else {
            digit |= c.is_ascii_digit();
            inner_caps += usize::from(is_upper(c));
            any_lower |= is_lower(c);
            letters.push(crate::text::fold_char(c));
        }
    }
    // Mostly lower case after the first letter (allow one inner capital: McAllister,
    // DeLuca, O'Brien).
    let name_word = !digit && (rest == 0 || inner_caps <= 1 && any_lower);
    name_word.then(|| WordFacts {
        syllable: letters.is_syllable(),
        // Without a period only a single capital is an initial.
        initial: rest == 0,
    })
}

/// Finds the personal name at the end of the run `b.toks[run]` (all capitalised
/// words) of a block of `text`. `english`: the article is English, where any 1-4
/// name words can be a name.
pub fn name_in_run(text: &str, b: &Blk, run: Range<usize>, english: bool) -> Option<NameSpan> {
    let lx = Lexicon::get();
    if run.is_empty() {
        return None;
    }
    let toks = &b.toks;
    let word = |i: usize| toks[i].text(text);
    // The trailing words that can be part of a name. Only the last four can be in
    // one: what the rules ask of those is found once here, last word first, not
    // once per candidate length (and words further back are not looked at: the
    // rules below never reach past the fourth).
    let mut facts = [WordFacts::default(); 4];
    let mut first_name_word = run.end;
    while first_name_word > run.start && run.end - first_name_word < 4 {
        let Some(f) = name_word_facts(word(first_name_word - 1), true) else {
            break;
        };
        facts[run.end - first_name_word] = f;
        first_name_word -= 1;
    }
    if first_name_word == run.end {
        return None;
    }
    let last = run.end - 1;
    let region = first_name_word..run.end;
    let is_syllable = |i: usize| facts[run.end - 1 - i].syllable;
    let is_initial = |i: usize| facts[run.end - 1 - i].initial;

    // Vietnamese: prefer three syllables, then four, then two.
    let vietnamese_ok = |len: usize| -> bool {
        if len > region.len() {
            return false;
        }
        let first = run.end - len;
        let all_syllables = (first..run.end).all(|i| is_syllable(i) || i == last && is_initial(i));
        if !all_syllables {
            return false;
        }
        let surname = if english {
            lx.is_surname_folded(word(first))
        } else {
            lx.is_surname_key(b.key_bytes(first, first))
        };
        surname && !place_overlaps(b, run.start, first, run.end)
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
        let foreignish = !is_syllable(first - 1) || is_initial(first - 1) || english;
        // "Apple Tim Cook": a given name that is also a Vietnamese syllable starts
        // the foreign name after it, unless it is a Vietnamese word of the clause
        // ("Theo Reuters": "according to").
        if !foreignish
            && first < run.end
            && lx.is_given_en(w)
            && !super::people::is_breaker_vi(&crate::text::lower(w))
        {
            first -= 1;
            break;
        }
        if !foreignish
            || lx.is_place_key(b.key_bytes(first - 1, first - 1))
            || english && lx.is_en_stopword(w)
        {
            break;
        }
        first -= 1;
    }
    if first == run.end {
        return None;
    }
    // In English a name of several words must not start with a place ("British
    // Tony Ashcombe") or a title word.
    while first < last && lx.is_place_key(b.key_bytes(first, first)) {
        first += 1;
    }
    let len = run.end - first;
    if len == 1 && is_initial(first) {
        return None;
    }
    Some(NameSpan {
        first,
        last,
        foreign: true,
    })
}

/// [`name_in_run`] for the runs of one article, remembered by the run's text.
///
/// An article repeats its names and places ("Trần Văn Khải", "Hà Nội" in
/// every other paragraph), and finding the name in a run (a word test per word,
/// surname and place look-ups) cost about a thousand instructions a run. What it
/// finds depends only on the run's words (their text and match keys, which the
/// text settles) and the article's language, which is fixed per memo.
pub struct RunNames<'a> {
    english: bool,
    /// By the run's text: its token count and the name, with token indexes
    /// relative to the run's first token.
    found: FxHashMap<&'a str, (usize, Option<NameSpan>)>,
}

impl<'a> RunNames<'a> {
    pub fn new(english: bool) -> Self {
        RunNames {
            english,
            // Most articles have a few dozen runs: room for them from the start
            // (growing the table from empty showed as a fifth of the memo's cost).
            found: FxHashMap::with_capacity_and_hasher(32, Default::default()),
        }
    }

    /// [`name_in_run`]`(text, b, run, english)`.
    pub fn name_in_run(&mut self, text: &'a str, b: &Blk, run: Range<usize>) -> Option<NameSpan> {
        if run.is_empty() {
            return None;
        }
        let words = &text[b.toks[run.start].start..b.toks[run.end - 1].end];
        let shift = |span: NameSpan, by: isize| NameSpan {
            first: span.first.wrapping_add_signed(by),
            last: span.last.wrapping_add_signed(by),
            ..span
        };
        if let Some(&(len, found)) = self.found.get(words)
            && len == run.len()
        {
            return found.map(|span| shift(span, run.start as isize));
        }
        let found = name_in_run(text, b, run.clone(), self.english);
        let relative = found.map(|span| shift(span, -(run.start as isize)));
        self.found.insert(words, (run.len(), relative));
        found
    }
}

fn is_initial(w: &str) -> bool {
    // Most words have no period: then only a single capital is an initial.
    if !w.contains('.') {
        let mut chars = w.chars();
        return matches!((chars.next(), chars.next()), (Some(c), None) if c.is_uppercase());
    }
    let t = w.trim_end_matches('.');
    !t.is_empty()
        && t.split('.')
            .all(|p| p.chars().count() == 1 && p.chars().all(char::is_uppercase))
}

/// True when a place name starting before `name_first` (within the run) reaches
/// into the name, or the name itself begins with a place.
fn place_overlaps(b: &Blk, run_start: usize, name_first: usize, run_end: usize) -> bool {
    let lx = Lexicon::get();
    let max = lx.place_max_words;
    for s in run_start..=name_first {
        if !lx.starts_place_key(b.key_bytes(s, s)) {
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
            if lx.is_place_key(b.key_bytes(s, e - 1)) {
                return true;
            }
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The syllable parts read from `assets/lexicon/vi/syllable_*.txt`: the empty
    /// coda (a syllable ending in its vowel) is there, written `""`; the empty
    /// onset is added by the code, not the file.
    #[test]
    fn syllable_parts() {
        assert_eq!(onsets().len(), 26);
        assert_eq!(nuclei().len(), 39);
        assert_eq!(codas(), ["ng", "nh", "ch", "c", "m", "n", "p", "t", ""]);
        assert!(!onsets().contains(&"") && !nuclei().contains(&""));
        assert!(
            ["ba", "Hòa", "Nguyễn"]
                .iter()
                .all(|w| is_vietnamese_syllable(w))
        );
    }

    /// A block of the run alone (name finding reads its tokens and keys only).
    fn block(run: &str) -> Blk {
        Blk::bare(run)
    }

    fn name(run: &str) -> Option<String> {
        let b = block(run);
        name_in_run(run, &b, 0..b.toks.len(), false)
            .map(|n| run[b.toks[n.first].start..b.toks[n.last].end].to_owned())
    }

    #[test]
    fn fast_word_tests_agree_with_the_simple_ones() {
        let simple_initial = |w: &str| {
            let t = w.trim_end_matches('.');
            !t.is_empty()
                && t.split('.')
                    .all(|p| p.chars().count() == 1 && p.chars().all(char::is_uppercase))
        };
        for w in [
            "Dũng",
            "Velletri",
            "M.A.",
            "A.",
            "A",
            "a",
            "McAllister",
            "O'Brien",
            "UBND",
            "hội",
            "XVII",
            "TP.HCM",
            "2017",
            "Đ",
            "ĐB",
            "Đinh",
            "X2",
            "Ab1",
            "ÁBc",
            "É",
            "",
            ".",
            "Q.",
            "A.B",
            "Ǆa",
            "ǅa",
            "Σς",
            "İstanbul",
            "A1.B",
            "Ab1.",
            "Ab.1",
            "X.",
            "Đ.Tiến",
        ] {
            assert_eq!(is_name_word_fast(w), is_name_word(w), "{w:?}");
            assert_eq!(is_initial(w), simple_initial(w), "{w:?}");
        }
    }

    /// The one-pass word facts agree with the rules they stand for, on words mixed
    /// from pieces that each take a different path (ASCII and Vietnamese letters of
    /// both cases, digits, periods, apostrophes, combining marks, long words).
    #[test]
    fn word_facts_agree_with_the_simple_rules() {
        let simple_syllable = |w: &str| {
            let folded: String = w
                .chars()
                .map(crate::text::fold_char)
                .filter(|&c| c != '\u{0}')
                .collect();
            let ok =
                (1..=7).contains(&folded.len()) && folded.bytes().all(|b| b.is_ascii_lowercase());
            ok && onsets().iter().chain(std::iter::once(&"")).any(|o| {
                folded.strip_prefix(o).is_some_and(|rest| {
                    nuclei().iter().any(|n| {
                        rest.strip_prefix(n)
                            .is_some_and(|coda| codas().contains(&coda))
                    })
                })
            })
        };
        let pieces = [
            "A", "Đ", "Ng", "ng", "uy", "ễ", "Ễ", "n", "h", "Q", "u", "ô", "c", "x", "Z", "'", "’",
            ".", "1", "\u{301}", "ǅ", "İ", "ß", "é", "ĸ", "-", "ươ", "i", "ê", "M",
        ];
        let (mut named, mut syllables) = (0, 0);
        for w in crate::test_support::mixes(&pieces, 0x2545_f491, 20_000, 9) {
            let facts = name_word_facts(&w, true);
            assert_eq!(facts.is_some(), is_name_word(&w), "{w:?}");
            if let Some(f) = facts {
                named += 1;
                syllables += usize::from(f.syllable);
                assert_eq!(f.syllable, is_vietnamese_syllable(&w), "{w:?}");
                assert_eq!(f.syllable, simple_syllable(&w), "{w:?}");
                assert_eq!(f.initial, is_initial(&w), "{w:?}");
                assert_eq!(
                    name_word_facts(&w, false),
                    Some(WordFacts {
                        syllable: false,
                        ..f
                    })
                );
            }
        }
        // The mix reaches every path.
        assert!(
            named > 1000 && syllables > 100,
            "{named} name words, {syllables} syllables"
        );
    }

    /// The memo finds what `name_in_run` finds, for every range of words of texts
    /// that repeat names, places and other words at different offsets (each text
    /// looked at twice: the second time every run is remembered).
    #[test]
    fn remembered_names_agree_with_name_in_run() {
        let pieces = [
            "Nguyễn ",
            "Văn ",
            "An ",
            "Hà ",
            "Nội ",
            "Lê ",
            "Thị ",
            "Marco ",
            "Velletri ",
            "A.V. ",
            "Dorenko ",
            "Việt ",
            "Nam ",
            "và ",
            "ông ",
            "Đinh ",
            "Tiến ",
            "Lâm ",
            "Jean-Claude ",
            "UBND ",
            ", ",
            "Thành ",
        ];
        for english in [false, true] {
            for text in crate::test_support::mixes(&pieces, 0x5eed_0017, 300, 24) {
                let b = block(&text);
                let mut memo = RunNames::new(english);
                let n = b.toks.len();
                for _ in 0..2 {
                    for start in 0..n {
                        for end in start..n.min(start + 6) + 1 {
                            assert_eq!(
                                memo.name_in_run(&text, &b, start..end),
                                name_in_run(&text, &b, start..end, english),
                                "{text:?} {start}..{end}"
                            );
                        }
                    }
                }
            }
        }
    }

    #[test]
    fn syllables() {
        for s in ["Nguyễn", "Dũng", "nghiêng", "Thuỷ", "khuya", "Quốc", "ạ"] {
            assert!(is_vietnamese_syllable(s), "{s}");
        }
        for s in [
            "Velletri",
            "Antonio",
            "Ashcombe",
            "Tony",
            "Bob",
            "Marchetti",
            "Oyarzun",
            "Prowse",
        ] {
            assert!(!is_vietnamese_syllable(s), "{s}");
        }
    }

    #[test]
    fn vietnamese_names_after_places_and_organisations() {
        assert_eq!(
            name("Hà Nội Đinh Tiến Quang").as_deref(),
            Some("Đinh Tiến Quang")
        );
        assert_eq!(
            name("Lâm Đồng Đoàn Văn Việt").as_deref(),
            Some("Đoàn Văn Việt")
        );
        assert_eq!(
            name("Nguyễn Thị Kim Loan").as_deref(),
            Some("Nguyễn Thị Kim Loan")
        );
        assert_eq!(
            name("UBND TP HCM Phan Văn Lộc").as_deref(),
            Some("Phan Văn Lộc")
        );
        assert_eq!(
            name("Việt Nam Lê Minh Khôi").as_deref(),
            Some("Lê Minh Khôi")
        );
        assert_eq!(name("Lê Khang").as_deref(), Some("Lê Khang"));
        assert_eq!(name("Hà Nội"), None);
        assert_eq!(name("Thái Bình"), None);
    }

    #[test]
    fn foreign_names() {
        assert_eq!(
            name("Liên Hợp Quốc Marco Velletri").as_deref(),
            Some("Marco Velletri")
        );
        assert_eq!(
            name("Nga Vladimir Putin").as_deref(),
            Some("Vladimir Putin")
        );
        assert_eq!(name("A.V. Dorenko").as_deref(), Some("A.V. Dorenko"));
    }
}
