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
    let boundary = move |at: usize, before: bool| -> bool {
        let s = match std::str::from_utf8(if before { &hay[..at] } else { &hay[at..] }) {
            Ok(s) => s,
            Err(_) => return true,
        };
        let c = if before {
            s.chars().next_back()
        } else {
            s.chars().next()
        };
        c.is_none_or(|c| !crate::text::is_word_char(c))
    };
    let n = needle.len();
    let iter: Box<dyn Iterator<Item = usize> + 'h> = match finder {
        Some(f) => Box::new(f.find_iter(hay)),
        None => Box::new(memmem::find_iter(hay, needle)),
    };
    iter.filter(move |&m| boundary(m, true) && boundary(m + n, false))
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
    thread_local! {
        static BUF: std::cell::RefCell<String> = const { std::cell::RefCell::new(String::new()) };
    }
    BUF.with(|buf| {
        let mut f = buf.borrow_mut();
        f.clear();
        crate::text::fold::fold_into(a.display_title(), &mut f);
        for b in &a.blocks {
            f.push('\n');
            crate::text::fold::fold_into(a.slice(&b.span), &mut f);
        }
        let exact = SharedText::from(f.as_str());
        // A huge article does not pin its buffer for the session.
        if f.capacity() > 1 << 20 {
            *f = String::new();
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
        let finders: Vec<Option<memmem::Finder<'_>>> = q
            .terms
            .iter()
            .map(|t| match &t.matcher {
                Matcher::Folded(n) if t.field.is_none() => Some(memmem::Finder::new(n.as_bytes())),
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
                (Matcher::Exact(n), _) => {
                    let probe = fold(n);
                    if memmem::find(self.folded[a].as_bytes(), probe.as_bytes()).is_none() {
                        return 0;
                    }
                    let key = match_key(&article.text);
                    let title = match_key(article.display_title());
                    let in_blocks = word_matches(key.as_bytes(), n.as_bytes(), None)
                        .filter(|&m| {
                            article
                                .blocks
                                .iter()
                                .any(|b| b.span.start <= m && m + n.len() <= b.span.end)
                        })
                        .count();
                    in_blocks + word_matches(title.as_bytes(), n.as_bytes(), None).count()
                }
                (Matcher::Regex { re, folded: true }, _) => re.find_iter(&self.folded[a]).count(),
                (Matcher::Regex { re, folded: false }, _) => re.find_iter(&article.text).count(),
                _ => 0,
            },
            Some(field) => usize::from(field_matches(field, &t.matcher, article, outline)),
        }
    }
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
    for t in q.text_terms() {
        match &t.matcher {
            Matcher::Folded(n) if !n.is_empty() => {
                let (f, offs) = folded.get_or_insert_with(|| fold_with_offsets(text));
                for m in word_matches(f.as_bytes(), n.as_bytes(), None) {
                    out.push(offs[m]..offs[m + n.len()]);
                }
            }
            Matcher::Exact(n) if !n.is_empty() => {
                let key = match_key(text);
                for m in word_matches(key.as_bytes(), n.as_bytes(), None) {
                    out.push(m..m + n.len());
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

    #[test]
    fn collection_search_with_fields() {
        let a1 = article(
            "Sáng 29/4, Bí thư Tỉnh ủy Sông Lam Trần Văn Khải chủ trì hội nghị. Ông Trần Văn Khải cho biết tình hình tốt.",
        );
        let a2 = article("Đội bóng thắng trận. HLV Lê Minh Tuấn cho biết cả đội đã cố gắng.");
        let arts = vec![a1, a2];
        let outs: Vec<Outline> = arts.iter().map(crate::extract::outline).collect();
        let mut idx = SearchIndex::default();
        for a in &arts {
            idx.add(a);
        }
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
