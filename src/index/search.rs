//! Accent-insensitive search over a collection, and the query language of the
//! reader's `/`: words (consecutive words are one phrase, "hoi nghi" finds "hội
//! nghị"; a comma separates terms that must all occur), "quoted phrases", `-word`
//! to exclude,
//! `field:value` (`speaker:`, `role:`, `agenda:`, `meeting:`, `date:`, `title:`),
//! and `/regex/`. A term written with diacritics matches them exactly (case and
//! tone placement aside); one without matches any accents.
//!
//! The index keeps one folded copy of every article (title and text), built while
//! loading, so a query is a linear scan with memchr's substring search.

use std::ops::Range;

use memchr::memmem;
use regex::{Regex, RegexBuilder};

use crate::article::Article;
use crate::outline::Outline;
use crate::shared_text::SharedText;
use crate::text::fold::{fold, fold_with_offsets, has_diacritics, match_key};

/// Limits that keep any user-typed regex linear and small.
const REGEX_SIZE_LIMIT: usize = 1 << 20;
const REGEX_DFA_LIMIT: usize = 2 << 20;

/// What a field term looks in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    Speaker,
    Role,
    Agenda,
    Meeting,
    Date,
    Title,
}

#[derive(Debug, Clone)]
pub enum Matcher {
    /// Folded (accent-insensitive) needle.
    Folded(String),
    /// Exact-accent needle as a match key (lower case, one tone placement).
    Exact(String),
    Regex {
        re: Regex,
        folded: bool,
    },
}

#[derive(Debug, Clone)]
pub struct Term {
    pub field: Option<Field>,
    pub matcher: Matcher,
    pub negate: bool,
}

/// A parsed query.
#[derive(Debug, Clone, Default)]
pub struct Query {
    pub terms: Vec<Term>,
}

impl Query {
    pub fn is_empty(&self) -> bool {
        self.terms.is_empty()
    }

    /// Terms that highlight text in the article (not fields, not exclusions).
    fn text_terms(&self) -> impl Iterator<Item = &Term> {
        self.terms
            .iter()
            .filter(|t| !t.negate && (t.field.is_none() || t.field == Some(Field::Title)))
    }
}

fn matcher_for(value: &str) -> Matcher {
    if has_diacritics(value) {
        Matcher::Exact(match_key(value))
    } else {
        Matcher::Folded(fold(value))
    }
}

/// Parses a query. Errors name what is wrong (an unclosed quote or regex, a bad
/// regex, an unknown field).
pub fn parse(q: &str) -> Result<Query, String> {
    let mut terms = Vec::new();
    let chars: Vec<char> = q.chars().collect();
    let mut i = 0;
    // Plain words waiting to become one phrase term.
    let mut phrase = String::new();
    let flush = |phrase: &mut String, terms: &mut Vec<Term>| {
        if !phrase.trim().is_empty() {
            terms.push(Term {
                field: None,
                matcher: matcher_for(phrase.trim()),
                negate: false,
            });
        }
        phrase.clear();
    };
    while i < chars.len() {
        if chars[i].is_whitespace() {
            i += 1;
            continue;
        }
        if chars[i] == ',' {
            flush(&mut phrase, &mut terms);
            i += 1;
            continue;
        }
        // A plain word (no field, quote, regex or minus): part of the phrase.
        let word_end = (i..chars.len())
            .find(|&k| chars[k].is_whitespace() || chars[k] == ',')
            .unwrap_or(chars.len());
        let word: String = chars[i..word_end].iter().collect();
        let special = word.starts_with(['-', '"', '/']) && word.len() > 1 || word.contains(':');
        if !special {
            // A lone mark ("/" while a regex is being typed) is not a word.
            if !word.chars().any(crate::text::is_word_char) {
                i = word_end;
                continue;
            }
            if !phrase.is_empty() {
                phrase.push(' ');
            }
            phrase.push_str(&word);
            i = word_end;
            continue;
        }
        flush(&mut phrase, &mut terms);
        let mut negate = false;
        if chars[i] == '-' && i + 1 < chars.len() && !chars[i + 1].is_whitespace() {
            negate = true;
            i += 1;
        }
        // field:
        let mut field = None;
        let word_end = (i..chars.len())
            .find(|&k| {
                chars[k].is_whitespace() || chars[k] == ':' || chars[k] == '"' || chars[k] == '/'
            })
            .unwrap_or(chars.len());
        if word_end < chars.len() && chars[word_end] == ':' && word_end > i {
            let name: String = chars[i..word_end].iter().collect::<String>().to_lowercase();
            field = Some(match name.as_str() {
                "speaker" | "s" => Field::Speaker,
                "role" | "r" => Field::Role,
                "agenda" | "a" => Field::Agenda,
                "meeting" | "m" => Field::Meeting,
                "date" | "d" => Field::Date,
                "title" | "t" => Field::Title,
                other => {
                    return Err(format!(
                        "unknown field \"{other}:\" (speaker, role, agenda, meeting, date, title)"
                    ));
                }
            });
            i = word_end + 1;
        }
        if i >= chars.len() {
            return Err("a field needs a value".to_owned());
        }
        let (value, next, regex) = match chars[i] {
            '"' => {
                let end = (i + 1..chars.len())
                    .find(|&k| chars[k] == '"')
                    .ok_or("unclosed quote")?;
                (chars[i + 1..end].iter().collect::<String>(), end + 1, false)
            }
            '/' if field.is_none() || field == Some(Field::Title) => {
                let end = (i + 1..chars.len())
                    .find(|&k| chars[k] == '/' && chars[k - 1] != '\\')
                    .ok_or("unclosed /regex/")?;
                (chars[i + 1..end].iter().collect::<String>(), end + 1, true)
            }
            _ => {
                let end = (i..chars.len())
                    .find(|&k| chars[k].is_whitespace() || chars[k] == ',')
                    .unwrap_or(chars.len());
                (chars[i..end].iter().collect::<String>(), end, false)
            }
        };
        i = next;
        if value.is_empty() {
            continue;
        }
        let matcher = if regex {
            let folded = !has_diacritics(&value);
            let pattern = if folded { fold(&value) } else { value.clone() };
            let re = RegexBuilder::new(&pattern)
                .case_insensitive(true)
                .size_limit(REGEX_SIZE_LIMIT)
                .dfa_size_limit(REGEX_DFA_LIMIT)
                .build()
                .map_err(|e| format!("bad regex: {}", first_line(&e.to_string())))?;
            Matcher::Regex { re, folded }
        } else {
            matcher_for(&value)
        };
        terms.push(Term {
            field,
            matcher,
            negate,
        });
    }
    flush(&mut phrase, &mut terms);
    Ok(Query { terms })
}

/// Occurrences of `needle` in `hay` that start and end at word boundaries (so
/// "hoi" does not match inside "thoi").
fn word_matches<'h>(
    hay: &'h [u8],
    needle: &'h [u8],
    finder: Option<&'h memmem::Finder<'_>>,
) -> impl Iterator<Item = usize> + 'h {
    let n = needle.len();
    let iter: Box<dyn Iterator<Item = usize> + 'h> = match finder {
        Some(f) => Box::new(f.find_iter(hay)),
        None => Box::new(memmem::find_iter(hay, needle)),
    };
    iter.filter(move |&m| !word_char_before(hay, m) && !word_char_at(hay, m + n))
}

/// True when a word character ends at byte `at` of `hay`. Most are ASCII: a
/// short query ("h") is found thousands of times per article, nearly all inside
/// words.
fn word_char_before(hay: &[u8], at: usize) -> bool {
    match at.checked_sub(1).map(|i| hay[i]) {
        None => false,
        Some(b) if b < 0x80 => b.is_ascii_alphanumeric(),
        Some(_) => char_before(hay, at).is_some_and(crate::text::is_word_char),
    }
}

/// True when a word character starts at byte `at` of `hay`.
fn word_char_at(hay: &[u8], at: usize) -> bool {
    match hay.get(at) {
        None => false,
        Some(&b) if b < 0x80 => b.is_ascii_alphanumeric(),
        Some(_) => char_at(hay, at).is_some_and(crate::text::is_word_char),
    }
}

/// The character that ends at byte `at` of `hay`, if any. Only its own bytes are
/// decoded: checking everything before it (as a `str`) made a one-letter query,
/// which matches thousands of times per article, take half a second.
fn char_before(hay: &[u8], at: usize) -> Option<char> {
    let mut start = at.checked_sub(1)?;
    while start > 0 && at - start < 4 && hay[start] & 0xc0 == 0x80 {
        start -= 1;
    }
    std::str::from_utf8(&hay[start..at])
        .ok()?
        .chars()
        .next_back()
}

/// The character that starts at byte `at` of `hay`, if any.
fn char_at(hay: &[u8], at: usize) -> Option<char> {
    let len = match *hay.get(at)? {
        b if b < 0x80 => 1,
        b if b >= 0xf0 => 4,
        b if b >= 0xe0 => 3,
        _ => 2,
    };
    std::str::from_utf8(hay.get(at..at + len)?)
        .ok()?
        .chars()
        .next()
}

fn first_line(s: &str) -> String {
    s.lines().last().unwrap_or(s).trim().to_owned()
}

/// What search looks in for an article: its title and the blocks the reader shows
/// (not the headline line or image alt text that cleanup set aside), folded, one
/// per line.
pub fn folded_copy(a: &Article) -> SharedText {
    // Folded into a reused buffer, then copied out at its exact size: shrinking a
    // buffer sized for the original text (folding drops a third of Vietnamese
    // bytes) may keep the whole block under some allocators.
    // Folded as bytes and checked as UTF-8 once, at the end.
    thread_local! {
        static BUF: std::cell::RefCell<Vec<u8>> = const { std::cell::RefCell::new(Vec::new()) };
    }
    BUF.with(|buf| {
        let mut f = buf.borrow_mut();
        f.clear();
        crate::text::fold::fold_bytes_into(a.display_title(), &mut f);
        for b in &a.blocks {
            f.push(b'\n');
            crate::text::fold::fold_bytes_into(a.slice(&b.span), &mut f);
        }
        let exact = SharedText::from(
            simdutf8::basic::from_utf8(&f).expect("folding appends whole characters"),
        );
        // A huge article does not pin its buffer for the session.
        if f.capacity() > 1 << 20 {
            *f = Vec::new();
        }
        exact
    })
}

/// The folded copy of every article.
#[derive(Debug, Default)]
pub struct SearchIndex {
    folded: Vec<SharedText>,
}

/// An article that matches, with how many times its text matches.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Found {
    pub article: usize,
    pub hits: usize,
}

impl SearchIndex {
    /// Indexes an article ([`folded_copy`]).
    pub fn add(&mut self, a: &Article) {
        self.folded.push(folded_copy(a));
    }

    /// Indexes an article by its [`folded_copy`], made elsewhere (on a loader
    /// thread, or read from the cache).
    pub fn add_folded(&mut self, folded: SharedText) {
        self.folded.push(folded);
    }

    pub fn len(&self) -> usize {
        self.folded.len()
    }

    pub fn is_empty(&self) -> bool {
        self.folded.is_empty()
    }

    /// Bytes held by the index.
    pub fn bytes(&self) -> usize {
        self.folded.iter().map(|f| f.len()).sum()
    }

    /// Articles matching `q`, among `candidates` (all when `None`), in order.
    pub fn search(
        &self,
        q: &Query,
        articles: &[Article],
        outlines: &[Outline],
        candidates: Option<&[usize]>,
    ) -> Vec<Found> {
        use rayon::prelude::*;
        // Per text term, what is looked for in the folded copies: the needle
        // itself, or for an exact term its folded form (the lines it occurs in
        // are the only ones worth making a match key of).
        let finders: Vec<Option<memmem::Finder<'static>>> = q
            .terms
            .iter()
            .map(|t| match &t.matcher {
                Matcher::Folded(n) if t.field.is_none() => {
                    Some(memmem::Finder::new(n.as_bytes()).into_owned())
                }
                Matcher::Exact(n) if t.field.is_none() => {
                    Some(memmem::Finder::new(fold(n).as_bytes()).into_owned())
                }
                _ => None,
            })
            .collect();
        let test = |a: usize| -> Option<Found> {
            let mut hits = 0;
            for (t, f) in q.terms.iter().zip(&finders) {
                let n = self.term_count(t, f.as_ref(), a, &articles[a], &outlines[a]);
                if t.negate == (n > 0) {
                    return None;
                }
                if !t.negate && t.field.is_none() {
                    hits += n;
                }
            }
            Some(Found { article: a, hits })
        };
        match candidates {
            Some(c) => c.par_iter().filter_map(|&a| test(a)).collect(),
            None => (0..self.folded.len().min(articles.len()))
                .into_par_iter()
                .filter_map(test)
                .collect(),
        }
    }

    /// How many times a term matches article `a` (fields count 1 when they match).
    fn term_count(
        &self,
        t: &Term,
        finder: Option<&memmem::Finder<'_>>,
        a: usize,
        article: &Article,
        outline: &Outline,
    ) -> usize {
        match t.field {
            None => match (&t.matcher, finder) {
                (Matcher::Folded(n), Some(f)) => {
                    word_matches(self.folded[a].as_bytes(), n.as_bytes(), Some(f)).count()
                }
                (Matcher::Exact(n), Some(probe)) => {
                    exact_count(n, probe, self.folded[a].as_bytes(), article)
                }
                (Matcher::Regex { re, folded: true }, _) => re.find_iter(&self.folded[a]).count(),
                (Matcher::Regex { re, folded: false }, _) => re.find_iter(&article.text).count(),
                _ => 0,
            },
            Some(field) => usize::from(field_matches(field, &t.matcher, article, outline)),
        }
    }
}

/// How many times the match key `n` occurs at word boundaries in the article's
/// title and blocks.
///
/// Folding maps each character to one (or drops a stray combining mark), so an
/// exact match is a match of the folded `probe` in the folded copy (the title,
/// then each block, one after the other with a line break between them) at the
/// same character of the same piece. Only there is a match key made, of a few
/// characters around it: making one of every article that held the probe made a
/// query with diacritics take half a second while it was being typed ("hộ").
fn exact_count(n: &str, probe: &memmem::Finder<'_>, folded: &[u8], article: &Article) -> usize {
    if probe.find(folded).is_none() {
        return 0;
    }
    let piece_text = |p: usize| match p.checked_sub(1) {
        None => Some(article.display_title()),
        Some(b) => article.blocks.get(b).map(|b| article.slice(&b.span)),
    };
    let same_length = char_count(n.as_bytes()) == char_count(probe.needle());
    let mut count = 0;
    let mut piece_start = 0;
    for piece in 0.. {
        let Some(text) = piece_text(piece) else {
            break;
        };
        if piece_start > folded.len() {
            break;
        }
        // Folding keeps line breaks and makes none: the piece spans as many
        // lines in the folded copy as in the text.
        let lines = memchr::memchr_iter(b'\n', text.as_bytes()).count();
        let piece_end = memchr::memchr_iter(b'\n', &folded[piece_start..])
            .nth(lines)
            .map_or(folded.len(), |e| piece_start + e);
        let line = &folded[piece_start..piece_end];
        piece_start = piece_end + 1;
        if probe.find(line).is_none() {
            continue;
        }
        let src = text.as_bytes();
        if !same_length || char_count(line) != char_count(src) {
            // A dropped character: positions (and word boundaries) do not carry
            // over.
            count += exact_count_in(text, n);
            continue;
        }
        let matches = word_matches(line, probe.needle(), Some(probe));
        // The folded match at character k is at `at` in the text; both walked
        // forward from the last match.
        let (mut folded_at, mut at) = (0, 0);
        for m in matches {
            let k = char_count(&line[folded_at..m]);
            folded_at = m;
            at = skip_chars(src, at, k);
            count += usize::from(exact_match_at(text, at, n));
        }
    }
    count
}

/// [`exact_count`] in one piece, by its whole match key.
fn exact_count_in(text: &str, n: &str) -> usize {
    let mut key = Vec::new();
    crate::text::fold::match_key_bytes_into(text, &mut key);
    word_matches(&key, n.as_bytes(), None).count()
}

/// True when the match key `n` is at byte `at` of `text`'s match key, at word
/// boundaries. The key is made of a window around it: a character's key depends
/// on at most the two before it and the one after, so with four characters
/// before and two after, the characters looked at have their keys as in the
/// whole text.
fn exact_match_at(text: &str, at: usize, n: &str) -> bool {
    let src = text.as_bytes();
    let end = at + n.len();
    if end > src.len() || !text.is_char_boundary(at) || !text.is_char_boundary(end) {
        return false;
    }
    let mut from = at;
    for _ in 0..4 {
        if from == 0 {
            break;
        }
        from -= 1;
        while !text.is_char_boundary(from) {
            from -= 1;
        }
    }
    let mut to = end;
    for _ in 0..2 {
        if to == src.len() {
            break;
        }
        to += 1;
        while !text.is_char_boundary(to) {
            to += 1;
        }
    }
    thread_local! {
        static KEY: std::cell::RefCell<Vec<u8>> = const { std::cell::RefCell::new(Vec::new()) };
    }
    KEY.with(|key| {
        let mut key = key.borrow_mut();
        crate::text::fold::match_key_bytes_into(&text[from..to], &mut key);
        let (at, end) = (at - from, end - from);
        &key[at..end] == n.as_bytes() && !word_char_before(&key, at) && !word_char_at(&key, end)
    })
}

/// Eight bytes, one bit of each.
const EACH_BYTE: u64 = 0x0101_0101_0101_0101;

/// How many of the eight bytes of `w` are continuation bytes (0b10xxxxxx): one
/// bit per such byte, summed into the top byte by a multiplication (`count_ones`
/// is a dozen instructions on CPUs without `popcnt`, the baseline x86-64).
fn continuation_bytes(w: u64) -> usize {
    (((w >> 7) & !(w >> 6) & EACH_BYTE).wrapping_mul(EACH_BYTE) >> 56) as usize
}

/// Characters in UTF-8 `b` (its bytes that are not continuation bytes), eight
/// bytes at a time.
fn char_count(b: &[u8]) -> usize {
    let words = b.chunks_exact(8);
    let tail = words
        .remainder()
        .iter()
        .filter(|&&c| c & 0xc0 == 0x80)
        .count();
    let continuations: usize = words
        .map(|w| continuation_bytes(u64::from_le_bytes(w.try_into().expect("8 bytes"))))
        .sum();
    b.len() - continuations - tail
}

/// The byte offset of the character `k` characters after the one at `at` in
/// UTF-8 `b` (or its end), eight bytes at a time where it can.
fn skip_chars(b: &[u8], mut at: usize, mut k: usize) -> usize {
    while let Some(eight) = b.get(at..at + 8) {
        let starts = 8 - continuation_bytes(u64::from_le_bytes(eight.try_into().expect("8 bytes")));
        if starts > k {
            break;
        }
        k -= starts;
        at += 8;
    }
    // Here `at` may be inside a character: its continuation bytes start nothing.
    while at < b.len() {
        if b[at] & 0xc0 != 0x80 {
            if k == 0 {
                return at;
            }
            k -= 1;
        }
        at += 1;
    }
    at
}

fn value_matches(m: &Matcher, hay: &str) -> bool {
    match m {
        Matcher::Folded(n) => fold(hay).contains(n.as_str()),
        Matcher::Exact(n) => match_key(hay).contains(n.as_str()),
        Matcher::Regex { re, folded } => {
            if *folded {
                re.is_match(&fold(hay))
            } else {
                re.is_match(hay)
            }
        }
    }
}

fn field_matches(field: Field, m: &Matcher, a: &Article, o: &Outline) -> bool {
    match field {
        Field::Speaker => o.speakers.iter().any(|s| value_matches(m, &s.name)),
        Field::Role => o
            .speakers
            .iter()
            .flat_map(|s| &s.roles)
            .any(|r| value_matches(m, r)),
        Field::Agenda => o.agenda.iter().any(|i| value_matches(m, &i.text)),
        Field::Meeting => o
            .meetings
            .iter()
            .any(|x| value_matches(m, &x.name) || value_matches(m, &x.kind)),
        Field::Title => value_matches(m, a.display_title()),
        Field::Date => {
            let want = match m {
                Matcher::Folded(n) | Matcher::Exact(n) => n.clone(),
                Matcher::Regex { .. } => return false,
            };
            let dates = a.published.iter().map(|d| d.iso()).chain(
                o.meetings.iter().filter_map(|x| x.date.as_ref()).map(|d| {
                    match (d.first.year, a.published.and_then(|p| p.year)) {
                        (None, Some(y)) => crate::article::Date {
                            year: Some(y),
                            ..d.first
                        }
                        .iso(),
                        _ => d.first.iso(),
                    }
                }),
            );
            dates.into_iter().any(|d| {
                d.starts_with(&want)
                    || crate::dates::parse_meta_date(&want).is_some_and(|w| w.iso() == d)
            })
        }
    }
}

/// Byte ranges of `article.text` that the query's text terms match, in order, for
/// highlighting and `n`/`N`.
pub fn hits_in(q: &Query, article: &Article) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let text = &article.text;
    let mut folded: Option<(String, Vec<usize>)> = None;
    // Words are matched block by block, as the search counts them: a word at
    // the end of a block is whole even when the next block's text follows it
    // without a space (a caption glued to a paragraph).
    let mut key = Vec::new();
    for t in q.text_terms() {
        match &t.matcher {
            Matcher::Folded(n) if !n.is_empty() => {
                for b in &article.blocks {
                    let (f, offs) = fold_with_offsets(article.slice(&b.span));
                    for m in word_matches(f.as_bytes(), n.as_bytes(), None) {
                        out.push(b.span.start + offs[m]..b.span.start + offs[m + n.len()]);
                    }
                }
            }
            Matcher::Exact(n) if !n.is_empty() => {
                for b in &article.blocks {
                    crate::text::fold::match_key_bytes_into(article.slice(&b.span), &mut key);
                    for m in word_matches(&key, n.as_bytes(), None) {
                        out.push(b.span.start + m..b.span.start + m + n.len());
                    }
                }
            }
            Matcher::Regex { re, folded: true } => {
                let (f, offs) = folded.get_or_insert_with(|| fold_with_offsets(text));
                for m in re.find_iter(f) {
                    if m.start() < m.end() {
                        out.push(offs[m.start()]..offs[m.end()]);
                    }
                }
            }
            Matcher::Regex { re, folded: false } => {
                out.extend(
                    re.find_iter(text)
                        .filter(|m| m.start() < m.end())
                        .map(|m| m.range()),
                );
            }
            _ => {}
        }
    }
    // Only what the reader shows: hits inside blocks.
    out.retain(|r| {
        text.is_char_boundary(r.start)
            && text.is_char_boundary(r.end)
            && article
                .blocks
                .iter()
                .any(|b| b.span.start <= r.start && r.end <= b.span.end)
    });
    out.sort_by_key(|r| (r.start, r.end));
    out.dedup();
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::test_support::article;

    #[test]
    fn parses_fields_phrases_regexes_and_exclusions() {
        let q = parse(
            r#"hoi nghi speaker:dung role:"bí thư" -thể /k[yỳ] h.p/ date:2021-04, ban chap hanh"#,
        )
        .unwrap();
        assert_eq!(q.terms.len(), 7);
        assert!(matches!(q.terms[0].matcher, Matcher::Folded(ref n) if n == "hoi nghi"));
        assert_eq!(q.terms[1].field, Some(Field::Speaker));
        assert!(matches!(q.terms[2].matcher, Matcher::Exact(ref n) if n == "bí thư"));
        assert!(q.terms[3].negate);
        assert!(matches!(
            q.terms[4].matcher,
            Matcher::Regex { folded: false, .. }
        ));
        assert_eq!(q.terms[5].field, Some(Field::Date));
        assert!(matches!(q.terms[6].matcher, Matcher::Folded(ref n) if n == "ban chap hanh"));
        assert!(parse("\"unclosed").is_err());
        assert!(parse("/a(/").unwrap_err().starts_with("bad regex"));
        assert!(parse("who:x").unwrap_err().contains("unknown field"));
    }

    #[test]
    fn folded_and_exact_matching_with_highlights() {
        let a = article(
            "Tiêu đề\nHội nghị lần thứ 4 khai mạc. Các đại biểu dự hội nghị, thời gian ngắn.",
        );
        let q = parse("hoi nghi").unwrap();
        let hits = hits_in(&q, &a);
        let got: Vec<&str> = hits.iter().map(|r| &a.text[r.clone()]).collect();
        assert_eq!(got, ["Hội nghị", "hội nghị"]);
        // Whole words only: "hoi" is not inside "thời".
        let got: Vec<&str> = hits_in(&parse("hoi, thoi").unwrap(), &a)
            .iter()
            .map(|r| &a.text[r.clone()])
            .collect();
        assert_eq!(got, ["Hội", "hội", "thời"]);
        let q = parse("\"hội nghị\"").unwrap();
        let got: Vec<&str> = hits_in(&q, &a).iter().map(|r| &a.text[r.clone()]).collect();
        assert_eq!(got, ["Hội nghị", "hội nghị"]);
        // Diacritics in the query: "hôi" is not "hội".
        assert!(hits_in(&parse("\"hôi nghi\"").unwrap(), &a).is_empty());
    }

    /// The outlines of `arts` and their search index.
    fn outlined_and_indexed(arts: &[Article]) -> (Vec<Outline>, SearchIndex) {
        let mut idx = SearchIndex::default();
        for a in arts {
            idx.add(a);
        }
        (arts.iter().map(crate::extract::outline).collect(), idx)
    }

    /// Word boundaries as first written: the text before and after a match
    /// decoded whole.
    fn word_matches_reference(hay: &str, needle: &str) -> Vec<usize> {
        let word = |c: Option<char>| c.is_some_and(crate::text::is_word_char);
        hay.match_indices(needle)
            .map(|(m, _)| m)
            .filter(|&m| {
                !word(hay[..m].chars().next_back()) && !word(hay[m + needle.len()..].chars().next())
            })
            .collect()
    }

    /// An exact term's count as first written: every piece (the title, each
    /// block) made a match key whole and looked in.
    fn exact_count_reference(a: &Article, n: &str) -> usize {
        std::iter::once(a.display_title())
            .chain(a.blocks.iter().map(|b| a.slice(&b.span)))
            .map(|t| word_matches_reference(&match_key(t), n).len())
            .sum()
    }

    fn exact_count_of(a: &Article, n: &str) -> usize {
        let folded = folded_copy(a);
        let probe = memmem::Finder::new(fold(n).as_bytes()).into_owned();
        exact_count(n, &probe, folded.as_bytes(), a)
    }

    #[test]
    fn exact_terms_count_whole_words_in_every_piece() {
        let a = article(
            "Hội nghị Bộ trưởng\nBỘ TRƯỞNG Trần Văn Khải phát biểu. Bộ trưởng nói:\n\
             Bộ Tài chính và bộ trưởng; Bộtrưởng không tính.\n\
             Hoà bình, hòa giải, HOÀ hợp.",
        );
        assert_eq!(exact_count_of(&a, &match_key("Bộ trưởng")), 4);
        assert_eq!(exact_count_of(&a, "bộ"), 5);
        // Tone placement and case aside: "hoà", "hòa" and "HOÀ" are one key.
        assert_eq!(exact_count_of(&a, &match_key("hoà")), 3);
        assert_eq!(exact_count_of(&a, "bố"), 0);
        for n in ["bộ trưởng", "bộ", "hòa", "bố", "phát biểu"] {
            assert_eq!(exact_count_of(&a, n), exact_count_reference(&a, n), "{n}");
        }
        // A block over two lines (a soft-wrapped paragraph) is two lines of the
        // folded copy: the pieces after it still line up.
        let mut wrapped = article("Tiêu đề\nHòa một\nhoà hai\nxxx hòa");
        let last = wrapped.blocks.remove(2);
        wrapped.blocks[1].span.end = last.span.start - 1;
        wrapped.blocks[0].span.end = wrapped.blocks[1].span.end;
        wrapped.blocks.remove(1);
        wrapped.blocks.push(last);
        assert!(wrapped.slice(&wrapped.blocks[0].span).contains('\n'));
        assert_eq!(exact_count_of(&wrapped, "hòa"), 3);
        assert_eq!(exact_count_reference(&wrapped, "hòa"), 3);
    }

    #[test]
    fn highlights_are_the_hits_the_list_counts() {
        let mut glued = article("Tiêu đề\nMưa ở Đông Bắc BộMây thay đổi, hội nghị Bộ trưởng.");
        // The cleanup splits text glued at a caption's end into two blocks; one
        // block ending in "Bộ" right before the next block's "Mây" is that case.
        let at = glued.text.find("Mây").unwrap();
        let mut second = glued.blocks[0].clone();
        second.span.start = at;
        glued.blocks[0].span.end = at;
        glued.blocks.push(second);
        let plain = article("Tiêu đề\nBộ trưởng dự hội nghị. Hội nghị của Bộ; bộ.");
        let arts = vec![glued, plain];
        let (outs, idx) = outlined_and_indexed(&arts);
        for q in [
            "bo",
            "\"bộ\"",
            "bộ",
            "hoi nghi",
            "\"hội nghị\"",
            "bo truong",
            "may",
        ] {
            let parsed = parse(q).unwrap();
            let counted = idx.search(&parsed, &arts, &outs, None);
            for (a, article) in arts.iter().enumerate() {
                let listed = counted
                    .iter()
                    .find(|f| f.article == a)
                    .map_or(0, |f| f.hits);
                // The title is counted too, but it is not in the text shown.
                let in_title = word_matches_reference(
                    &fold(article.display_title()),
                    &fold(q.trim_matches('"')),
                )
                .len();
                assert_eq!(
                    hits_in(&parsed, article).len() + in_title,
                    listed,
                    "{q} in {a}"
                );
            }
        }
        let bo = hits_in(&parse("bộ").unwrap(), &arts[0]);
        assert_eq!(bo.len(), 2, "{bo:?}");
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig {
            cases: 1500,
            ..Default::default()
        })]

        /// Whatever the text (line breaks inside blocks, stray combining marks,
        /// capitals, tones placed either way, words glued together), an exact
        /// term counts what the whole-piece match key holds, and boundaries are
        /// those of the text decoded whole.
        #[test]
        fn exact_count_and_boundaries_match_the_reference(
            body in "[hoôộHỘaàÀyýủuUqbBộ .,\n\u{301}\u{323}đĐ]{0,80}",
            needle in proptest::sample::select(vec!["hộ", "hoà", "hòa", "bộ", "ộ", "h", "u", "ủy", "quý", "đ", "hộ hộ"]),
        ) {
            let a = article(&format!("Tiêu đề\n{body}"));
            let n = match_key(needle);
            proptest::prop_assert_eq!(exact_count_of(&a, &n), exact_count_reference(&a, &n));
            let f = folded_copy(&a);
            let probe = fold(needle);
            proptest::prop_assert_eq!(
                word_matches(f.as_bytes(), probe.as_bytes(), None).collect::<Vec<_>>(),
                word_matches_reference(&f, &probe)
            );
        }
    }

    #[test]
    fn collection_search_with_fields() {
        let a1 = article(
            "Sáng 29/4, Bí thư Tỉnh ủy Sông Lam Trần Văn Khải chủ trì hội nghị. Ông Trần Văn Khải cho biết tình hình tốt.",
        );
        let a2 = article("Đội bóng thắng trận. HLV Lê Minh Tuấn cho biết cả đội đã cố gắng.");
        let arts = vec![a1, a2];
        let (outs, idx) = outlined_and_indexed(&arts);
        let found = |q: &str| -> Vec<usize> {
            idx.search(&parse(q).unwrap(), &arts, &outs, None)
                .iter()
                .map(|f| f.article)
                .collect()
        };
        assert_eq!(found("cho biet"), [0, 1]);
        assert_eq!(found("speaker:khai"), [0]);
        assert_eq!(found("role:\"bí thư\""), [0]);
        assert_eq!(found("cho biet -bong"), [0]);
        assert_eq!(found("cho biet, tinh hinh"), [0]);
        assert_eq!(found("speaker:khai, tinh hinh"), [0]);
        assert_eq!(found("/tr.n van/"), [0]);
        assert_eq!(found("/l[eê] minh/"), [1]);
        assert_eq!(found("meeting:\"hội nghị\""), [0]);
    }
}
