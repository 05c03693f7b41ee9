//! Dates as articles write them: "sáng 29/4", "Ngày 12-6-2017", "chiều 1-11",
//! "(24-25/6)", "trong hai ngày 22-23/4", "từ ngày 15 đến 17/5", "ngày 2 tháng 12
//! năm 2022", "từ 25/1 đến 1/2/2021", "March 9", "9 March 1987", "March 4-5".
//!
//! A bare "d/m" is only a date with something that makes it one (a part of the day,
//! "ngày", "hôm", a bracket, a year, "từ ... đến"), so "Nghị định 59/2018" or "quý
//! I/2017" or "1/500" are not dates.

use std::ops::Range;

use super::doc::{Blk, Doc};
use super::lowercase_is;
use crate::article::Date;
use crate::outline::PartOfDay;

/// A date found in a block.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DateExpr {
    pub first_tok: usize,
    pub last_tok: usize,
    pub first: Date,
    pub last: Option<Date>,
    pub part: Option<PartOfDay>,
}

/// The parts of the day, by their names in lower case.
const PARTS: [(&str, PartOfDay); 10] = [
    ("sáng", PartOfDay::Morning),
    ("morning", PartOfDay::Morning),
    ("trưa", PartOfDay::Noon),
    ("noon", PartOfDay::Noon),
    ("chiều", PartOfDay::Afternoon),
    ("afternoon", PartOfDay::Afternoon),
    ("tối", PartOfDay::Evening),
    ("đêm", PartOfDay::Evening),
    ("evening", PartOfDay::Evening),
    ("night", PartOfDay::Evening),
];

/// The part of the day `w` names: `crate::text::lower(w)` compared with each name,
/// without building it. (`lower` keeps a word with no letter
/// [`crate::text::is_upper`] calls upper case as it is, but no character that
/// lower-casing changes, other than such a letter of the same length, lower-cases
/// to letters of the names only; so comparing every word's lower case, length
/// first, answers the same: see `part_of_day_compares_as_lower`.)
fn part_of_day(w: &str) -> Option<PartOfDay> {
    PARTS
        .iter()
        .find(|(name, _)| eq_lower(w, name))
        .map(|&(_, part)| part)
}

crate::lexicon::word_list! {
    /// Words that make a following number pattern a date.
    ///
    /// The entries are in `assets/lexicon/vi/date_cues.txt`, then
    /// `assets/lexicon/en/date_cues.txt`.
    fn date_cues = "lexicon/vi/date_cues.txt", "lexicon/en/date_cues.txt";
}

fn num(doc: &Doc, b: &Blk, i: usize) -> Option<u32> {
    let t = b.toks.get(i)?;
    if !t.is_word() {
        return None;
    }
    let w = doc.word(b, i);
    if w.len() > 4 || !w.bytes().all(|c| c.is_ascii_digit()) {
        return None;
    }
    w.parse().ok()
}

fn sep(b: &Blk, i: usize) -> Option<char> {
    let t = b.toks.get(i)?;
    match t.kind {
        super::tokens::Kind::Punct {
            ch: ch @ ('/' | '-' | '.' | '–'),
            spaced: false,
        } => Some(ch),
        _ => None,
    }
}

fn year(n: u32, digits: usize) -> Option<u16> {
    match digits {
        4 if (1900..=2100).contains(&n) => Some(n as u16),
        2 => Some(2000 + n as u16),
        _ => None,
    }
}

fn date(day: u32, month: u32, y: Option<u16>) -> Option<Date> {
    ((1..=31).contains(&day) && (1..=12).contains(&month)).then_some(Date {
        year: y,
        month: month as u8,
        day: day as u8,
    })
}

/// Every date expression of a block, in order.
pub fn find(doc: &Doc, b: &Blk) -> Vec<DateExpr> {
    let mut scan = Scan::default();
    scan.before(doc, b, b.toks.len());
    scan.found
}

/// The dates of a block, found left to right only as far as a caller asks: a rule
/// that wants the date of one sentence or the first date of a block does not walk
/// the rest of a long block (walking every token of every block showed in
/// profiles). Paused and resumed, it finds what [`find`] finds.
#[derive(Debug, Default, Clone)]
pub struct Scan {
    /// The dates found so far, in token order.
    found: Vec<DateExpr>,
    /// The next token to read a date at: every date read before it is in `found`.
    at: usize,
    /// No token in `at - 1..number` holds a digit.
    number: usize,
}

impl Scan {
    /// Every date starting before token `upto` (and maybe some after it), in token
    /// order.
    pub fn before(&mut self, doc: &Doc, b: &Blk, upto: usize) -> &[DateExpr] {
        while self.next_before(doc, b, upto) {}
        &self.found
    }

    /// The first date starting in tokens `range`.
    pub fn first_in(&mut self, doc: &Doc, b: &Blk, range: Range<usize>) -> Option<&DateExpr> {
        let first = loop {
            let from = self.found.partition_point(|d| d.first_tok < range.start);
            if from < self.found.len() || !self.next_before(doc, b, range.end) {
                break from;
            }
        };
        self.found.get(first).filter(|d| d.first_tok < range.end)
    }

    /// Scans on until it finds a date (true), or knows every date starting before
    /// token `upto` (false).
    fn next_before(&mut self, doc: &Doc, b: &Blk, upto: usize) -> bool {
        let n = b.toks.len();
        // "9 March" is read at "March": a date starts at most one token before the
        // token it is read at.
        let upto = (upto + 1).min(n);
        // Every date has a number at most one token before where it starts or two
        // after ("29/4", "ngày 2 tháng 12", "March 9", "Jan. 5", "9 March"): tokens
        // far from any number are skipped without a look.
        let limit = (upto + 2).min(n);
        while self.at < upto {
            self.number = self.number.max(self.at.saturating_sub(1));
            while self.number < limit && !b.toks[self.number].digit {
                self.number += 1;
            }
            if self.number >= limit {
                // No digit in `at - 1..limit`: no date starts before `limit - 2`,
                // none at all when that is the end of the block.
                self.at = if limit == n { n } else { limit - 2 };
                return false;
            }
            if self.number > self.at + 2 {
                self.at = self.number - 2;
            }
            let i = self.at;
            let t = &b.toks[i];
            let len = t.end - t.start;
            if !may_start_date(doc, b, i) {
                self.at += 1;
                continue;
            }
            // Each reader wants its own first token: numeric_at all digits, words_at
            // "ngày" (that length), english_at a capitalised month name. Asking only
            // the ones that can match keeps capitalised words cheap.
            let found = if t.digit { numeric_at(doc, b, i) } else { None }
                .or_else(|| (len == "ngày".len()).then(|| words_at(doc, b, i))?)
                .or_else(|| t.cap.then(|| english_at(doc, b, i))?);
            if let Some(d) = found {
                self.at = d.last_tok + 1;
                self.found.push(d);
                return true;
            }
            self.at += 1;
        }
        false
    }
}

/// `w` in lower case equals `lower`, without allocating (this runs for most
/// capitalised words).
fn eq_lower(w: &str, lower: &str) -> bool {
    w.len() == lower.len() && lowercase_is(w, lower)
}

/// What stands before token `i`: a part of the day, a date cue, an opening bracket.
fn cued(doc: &Doc, b: &Blk, i: usize) -> (bool, Option<PartOfDay>) {
    let mut part = None;
    let mut cue = false;
    for k in (i.saturating_sub(3)..i).rev() {
        let w = doc.word(b, k);
        if let Some(p) = part_of_day(w) {
            part = part.or(Some(p));
            cue = true;
        }
        if date_cues().iter().any(|c| eq_lower(w, c)) || w == "(" {
            cue = true;
        }
        if k + 1 == i && w == "(" {
            cue = true;
        }
    }
    // A sentence that opens with the date: "30/5, kỳ họp ...".
    if i == 0 || b.toks[i - 1].is_punct('.') {
        let next_comma = b.toks.get(i + 3).is_some_and(|t| t.is_punct(','))
            || b.toks.get(i + 5).is_some_and(|t| t.is_punct(','));
        cue |= next_comma;
    }
    (cue, part)
}

/// "29/4", "12-6-2017", "22-23/4", "30/4-2/5", "25/1 đến 1/2/2021".
fn numeric_at(doc: &Doc, b: &Blk, i: usize) -> Option<DateExpr> {
    let a = num(doc, b, i)?;
    if i > 0 && (sep(b, i - 1).is_some() || num(doc, b, i - 1).is_some()) {
        return None;
    }
    let s1 = sep(b, i + 1)?;
    let m_or_d2 = num(doc, b, i + 2)?;
    // What stands before (`cued`) is read only when needed: for a year-less
    // "d/m", and for the part of the day of a date found. Most numbers are not
    // dates.
    let mut cue_part = None;
    let mut last_tok = i + 2;
    let (first, mut last) = match (sep(b, i + 3), num(doc, b, i + 4)) {
        // a/b/c or a-b-c or a.b.c
        (Some(s2), Some(c)) if s2 == s1 || s1 == '-' && s2 == '/' => {
            let digits = doc.word(b, i + 4).len();
            if s1 == '-' && s2 == '/' && a < m_or_d2 {
                // "22-23/4": a range of days.
                last_tok = i + 4;
                // "22-23/4/2017"
                let y = (sep(b, i + 5) == Some('/'))
                    .then(|| num(doc, b, i + 6))
                    .flatten();
                let yy = y.and_then(|y| year(y, doc.word(b, i + 6).len()));
                if yy.is_some() {
                    last_tok = i + 6;
                }
                (date(a, c, yy)?, Some(date(m_or_d2, c, yy)?))
            } else {
                let y = year(c, digits)?;
                last_tok = i + 4;
                (date(a, m_or_d2, Some(y))?, None)
            }
        }
        _ => {
            // a/b (or a-b after a cue): day and month, no year.
            // "Nghị định 59/2018": the second number is a year, not a month.
            if s1 == '.' || doc.word(b, i + 2).len() > 2 {
                return None;
            }
            let first = date(a, m_or_d2, None)?;
            let (cue, part) = cued(doc, b, i);
            if !cue {
                return None;
            }
            cue_part = Some(part);
            (first, None)
        }
    };
    // "30/4-2/5": a range across months.
    if last.is_none()
        && sep(b, last_tok + 1) == Some('-')
        && let Some(e) = numeric_tail(doc, b, last_tok + 2)
    {
        last = Some(e.0);
        last_tok = e.1;
    }
    // "25/1 đến (ngày) 1/2/2021".
    if last.is_none() {
        let mut k = last_tok + 1;
        if matches!(
            b.toks.get(k).map(|_| doc.word(b, k)),
            Some("đến" | "tới" | "to")
        ) {
            k += 1;
            if k < b.toks.len() && doc.word(b, k) == "ngày" {
                k += 1;
            }
            if let Some(e) = numeric_tail(doc, b, k) {
                last = Some(e.0);
                last_tok = e.1;
            }
        }
    }
    // A year found at the end of the range applies to its start too.
    let first = match (first.year, last.and_then(|l| l.year)) {
        (None, Some(y)) => Date {
            year: Some(y),
            ..first
        },
        _ => first,
    };
    Some(DateExpr {
        first_tok: i,
        last_tok,
        first,
        last,
        part: cue_part.unwrap_or_else(|| cued(doc, b, i).1),
    })
}

/// "d/m" or "d/m/yyyy" at token `k`: the date and its last token.
fn numeric_tail(doc: &Doc, b: &Blk, k: usize) -> Option<(Date, usize)> {
    let d = num(doc, b, k)?;
    sep(b, k + 1)?;
    let m = num(doc, b, k + 2)?;
    if let (Some(_), Some(y)) = (sep(b, k + 3), num(doc, b, k + 4)) {
        let yy = year(y, doc.word(b, k + 4).len())?;
        return Some((date(d, m, Some(yy))?, k + 4));
    }
    Some((date(d, m, None)?, k + 2))
}

/// "ngày 2 tháng 12 (năm 2022)", "từ ngày 15 đến (ngày) 17/5".
fn words_at(doc: &Doc, b: &Blk, i: usize) -> Option<DateExpr> {
    if !eq_lower(doc.word(b, i), "ngày") {
        return None;
    }
    let part = || cued(doc, b, i).1;
    let d = num(doc, b, i + 1)?;
    if sep(b, i + 2).is_some() {
        return None; // "ngày 29/4" is numeric_at's.
    }
    let next = doc.word(b, *[i + 2].iter().find(|&&k| k < b.toks.len())?);
    if eq_lower(next, "tháng") {
        let m = num(doc, b, i + 3)?;
        let mut last_tok = i + 3;
        let mut y = None;
        if b.toks.get(i + 4).is_some()
            && eq_lower(doc.word(b, i + 4), "năm")
            && let Some(n) = num(doc, b, i + 5)
        {
            y = year(n, doc.word(b, i + 5).len());
            last_tok = i + 5;
        }
        return Some(DateExpr {
            first_tok: i,
            last_tok,
            first: date(d, m, y)?,
            last: None,
            part: part(),
        });
    }
    if eq_lower(next, "đến") || eq_lower(next, "tới") {
        let mut k = i + 3;
        if k < b.toks.len() && doc.word(b, k) == "ngày" {
            k += 1;
        }
        let (end, last_tok) = numeric_tail(doc, b, k)?;
        let first = Date {
            day: u8::try_from(d).ok()?,
            ..end
        };
        date(d, u32::from(end.month), end.year)?;
        return Some(DateExpr {
            first_tok: i,
            last_tok,
            first,
            last: Some(end),
            part: part(),
        });
    }
    None
}

/// "March 9", "9 March 1987", "March 4-5", "Jan. 5, 2024".
fn english_at(doc: &Doc, b: &Blk, i: usize) -> Option<DateExpr> {
    let w = doc.word(b, i);
    if !b.toks[i].cap {
        return None;
    }
    let month = crate::dates::month_from_name(w)?;
    if w.len() < 3 || w == "May" && num(doc, b, i + 1).is_none() {
        return None;
    }
    let mut k = i + 1;
    if b.toks.get(k).is_some_and(|t| t.is_punct('.')) {
        k += 1;
    }
    let (day, first_tok, mut last_tok) =
        if let Some(d) = num(doc, b, k).filter(|d| (1..=31).contains(d)) {
            (d, i, k)
        } else if let Some(d) = i
            .checked_sub(1)
            .and_then(|p| num(doc, b, p))
            .filter(|d| (1..=31).contains(d))
        {
            (d, i - 1, i)
        } else {
            return None;
        };
    let mut last = None;
    if last_tok == k
        && sep(b, k + 1) == Some('-')
        && let Some(d2) = num(doc, b, k + 2)
    {
        last = date(d2, u32::from(month), None);
        last_tok = k + 2;
    }
    let mut y = None;
    let mut yk = last_tok + 1;
    if b.toks.get(yk).is_some_and(|t| t.is_punct(',')) {
        yk += 1;
    }
    if let Some(n) = num(doc, b, yk)
        && let Some(yy) = year(n, doc.word(b, yk).len()).filter(|_| doc.word(b, yk).len() == 4)
    {
        y = Some(yy);
        last_tok = yk;
    }
    let first = date(day, u32::from(month), y)?;
    let last = last.map(|l| Date { year: y, ..l });
    let part = i.checked_sub(1).and_then(|p| part_of_day(doc.word(b, p)));
    Some(DateExpr {
        first_tok,
        last_tok,
        first,
        last,
        part,
    })
}

/// Only numbers, "ngày" and (in English) capitalised words can start a date.
/// (Lengths first: most words are neither.)
fn may_start_date(doc: &Doc, b: &Blk, i: usize) -> bool {
    let t = &b.toks[i];
    let len = t.end - t.start;
    t.digit
        || t.cap && len >= 3
        || t.is_word() && len == "ngày".len() && matches!(doc.word(b, i), "ngày" | "Ngày")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::doc::Doc;
    use crate::extract::test_support::article;

    /// [`find`] as one pass over the block, as it was before [`Scan`] paused it:
    /// the reference for `find` and for scans paused and resumed.
    fn find_one_pass(doc: &Doc, b: &Blk) -> Vec<DateExpr> {
        let mut out = Vec::new();
        let n = b.toks.len();
        // Every date has a number at most one token before where it starts or two
        // after: tokens far from any number are skipped without a look. `number`
        // is the first token holding a digit at or after `i - 1`.
        let mut number = 0;
        let mut i = 0;
        while i < n {
            number = number.max(i.saturating_sub(1));
            while number < n && !b.toks[number].digit {
                number += 1;
            }
            if number == n {
                break;
            }
            if number > i + 2 {
                i = number - 2;
            }
            let t = &b.toks[i];
            let len = t.end - t.start;
            if !may_start_date(doc, b, i) {
                i += 1;
                continue;
            }
            let found = if t.digit { numeric_at(doc, b, i) } else { None }
                .or_else(|| (len == "ngày".len()).then(|| words_at(doc, b, i))?)
                .or_else(|| t.cap.then(|| english_at(doc, b, i))?);
            if let Some(d) = found {
                i = d.last_tok + 1;
                out.push(d);
                continue;
            }
            i += 1;
        }
        out
    }

    fn dates(s: &str) -> Vec<String> {
        let a = article(s);
        let doc = Doc::new(&a);
        doc.blocks
            .iter()
            .flat_map(|b| find(&doc, b))
            .map(|d| {
                let mut s = d.first.dmy();
                if let Some(l) = d.last {
                    s.push('~');
                    s.push_str(&l.dmy());
                }
                if let Some(p) = d.part {
                    s.push_str(&format!(" {p:?}"));
                }
                s
            })
            .collect()
    }

    #[test]
    fn vietnamese_dates() {
        assert_eq!(dates("Sáng 29/4, Ban Chấp hành họp."), ["29/4 Morning"]);
        assert_eq!(dates("Ngày 12-6-2017, Quốc hội họp."), ["12/6/2017"]);
        assert_eq!(
            dates("Trong hai ngày 22-23/4, hội nghị diễn ra."),
            ["22/4~23/4"]
        );
        assert_eq!(
            dates("Diễn ra trong hai ngày (24-25/6), hội nghị bàn nhiều việc."),
            ["24/6~25/6"]
        );
        assert_eq!(
            dates("Sáng nay (27/4), tại Phú Thọ, hội nghị khai mạc."),
            ["27/4 Morning"]
        );
        assert_eq!(dates("Chiều 1-11, trường tổ chức họp."), ["1/11 Afternoon"]);
        assert_eq!(
            dates("Đại hội diễn ra từ ngày 25/1 đến ngày 1/2/2021 tại Hà Nội."),
            ["25/1/2021~1/2/2021"]
        );
        assert_eq!(
            dates("Hội thảo diễn ra từ ngày 15 đến 17/5."),
            ["15/5~17/5"]
        );
        assert_eq!(
            dates("Ngày 2 tháng 12 năm 2022, tại Đà Nẵng, hiệp hội họp."),
            ["2/12/2022"]
        );
    }

    #[test]
    fn numbers_that_are_not_dates() {
        assert!(
            dates("Theo Nghị định 59/2018/NĐ-CP và quý I/2017, tỷ lệ 1/500 đạt 2.477/10.825 tỷ.")
                .is_empty()
        );
        assert!(dates("Đạt 9/11 dự án thành phần.").is_empty());
    }

    #[test]
    fn no_date_starts_far_from_a_number() {
        let text = "Sáng nay (27/4), Ngày 2 tháng 12 năm 2022, ngày 15 đến 17/5, từ 25/1 đến \
                    ngày 1/2/2021. DHAKA, March 9 - on 4 March 1987, Jan. 5, 2024, March 4-5, \
                    Sept 3, ngày hôm nay, Tháng Mười Hai, May be 22 - 23 / 4 Ngày 7";
        let a = article(text);
        let doc = Doc::new(&a);
        for b in &doc.blocks {
            for i in 0..b.toks.len() {
                let near =
                    (i.saturating_sub(1)..(i + 3).min(b.toks.len())).any(|k| b.toks[k].digit);
                let starts = numeric_at(&doc, b, i)
                    .or_else(|| words_at(&doc, b, i))
                    .or_else(|| english_at(&doc, b, i));
                assert!(near || starts.is_none(), "{}", doc.word(b, i));
            }
        }
    }

    /// [`find`], and a scan asked about random ranges in random order, answer as
    /// the one-pass reference does, and the scan ends with its dates.
    #[test]
    fn paused_scan_finds_what_find_finds() {
        let pieces = [
            " ",
            ", ",
            ". ",
            "Sáng ",
            "ngày ",
            "Ngày ",
            "tháng ",
            "năm ",
            "đến ",
            "từ ",
            "(",
            ")",
            "29",
            "/",
            "4",
            "-",
            "12",
            "2017",
            "5",
            " họp",
            " Hội nghị",
            "March ",
            "9",
            "Jan. ",
            "2024",
            "hôm ",
            "nay ",
            "Ông Nam ",
            "22-23/4",
            " 1/500 ",
        ];
        let mut rng = crate::test_support::Xorshift(0x1f2e_3d4c);
        let mut found = 0;
        for text in crate::test_support::mixes(&pieces, 0x5eed_d473, 1500, 60) {
            let a = article(&text);
            let doc = Doc::new(&a);
            for b in &doc.blocks {
                let all = find_one_pass(&doc, b);
                assert_eq!(find(&doc, b), all, "{text:?}");
                found += all.len();
                let n = b.toks.len();
                let mut scan = Scan::default();
                for _ in 0..6 {
                    let lo = rng.next() % (n + 1);
                    let hi = lo + rng.next() % (n + 3 - lo);
                    if rng.next() & 1 == 0 {
                        let want = all.iter().find(|d| (lo..hi).contains(&d.first_tok));
                        assert_eq!(scan.first_in(&doc, b, lo..hi), want, "{text:?} {lo}..{hi}");
                    } else {
                        let got = scan.before(&doc, b, hi);
                        let want: Vec<&DateExpr> =
                            all.iter().filter(|d| d.first_tok < hi).collect();
                        assert!(got.iter().take(want.len()).eq(want), "{text:?} ..{hi}");
                        assert_eq!(got, &all[..got.len()], "{text:?} ..{hi}");
                    }
                }
                assert_eq!(scan.before(&doc, b, n), all, "{text:?}");
            }
        }
        assert!(found > 300, "{found}");
    }

    /// [`part_of_day`] compares each word's lower case, as `crate::text::lower`
    /// makes it, with the names: a word `lower` keeps as it is (no letter
    /// [`crate::text::is_upper`] calls upper case) lower-cases to a name only when
    /// it is that name, and a word whose lower case is a name has that name's
    /// length. Both hold because no character that lower-cases to another, unless
    /// it is upper case to `is_upper` and keeps its length, lower-cases to letters
    /// of the names only.
    #[test]
    fn part_of_day_compares_as_lower() {
        let letters: Vec<char> = PARTS.iter().flat_map(|(name, _)| name.chars()).collect();
        for (name, _) in PARTS {
            assert_eq!(name.to_lowercase(), name);
            assert!(!name.contains(['σ', 'ς']), "{name}");
        }
        for u in 0..=0x10ffff {
            let Some(c) = char::from_u32(u) else { continue };
            let lower: String = c.to_lowercase().collect();
            if lower == c.to_string() {
                continue;
            }
            if !crate::text::is_upper(c) || lower.len() != c.len_utf8() {
                assert!(!lower.chars().all(|l| letters.contains(&l)), "{c:?}");
            }
        }
        let pieces = [
            "sáng",
            "Sáng",
            "SÁNG",
            "s",
            "S",
            "á",
            "Á",
            "ng",
            "NG",
            "Morning",
            "NIGHT",
            "noon",
            "Trưa",
            "TRƯA",
            "chiều",
            "CHIỀU",
            "tối",
            "TỐI",
            "Đêm",
            "ĐÊM",
            "đ",
            "Evening",
            "afternoon",
            "\u{212a}",
            "İ",
            "ǅ",
            "\u{301}",
            "a\u{301}",
            "Σ",
            "x",
            " ",
        ];
        let mut named = 0;
        for w in crate::test_support::mixes(&pieces, 0xda7e_0f0d, 20000, 3) {
            let lower = crate::text::lower(&w);
            let want = PARTS
                .iter()
                .find(|(name, _)| lower == *name)
                .map(|&(_, p)| p);
            assert_eq!(part_of_day(&w), want, "{w:?}");
            named += want.is_some() as usize;
        }
        assert!(named > 100, "{named}");
    }

    #[test]
    fn english_dates() {
        assert_eq!(dates("DHAKA, March 9 - Officials met."), ["9/3"]);
        assert_eq!(
            dates("The council met on 4 March 1987 in the capital."),
            ["4/3/1987"]
        );
        assert_eq!(dates("The talks on March 4-5 ended."), ["4/3~5/3"]);
        assert!(dates("He may come.").is_empty());
    }
}
