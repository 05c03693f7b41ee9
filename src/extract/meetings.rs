//! Meetings an article reports: a meeting noun in the headline or the lead with
//! something saying it took place (a trigger verb, a date, a chair), not negated
//! ("không tổ chức", "hoãn"). The first such is the main meeting; its name, body,
//! ordinal, term, date, place, online format and chairs are read around it.

use std::ops::Range;

use super::dates::{self, DateExpr};
use super::doc::{Blk, Doc};
use super::lexicon::{Cat, Lexicon};
use super::people::{Mention, People};
use super::{lowercase, lowercase_is};
use crate::outline::{Meeting, MeetingDate};
use crate::text::fold::match_key;

/// Blocks (paragraphs and captions) at the start of an article read as its lead.
const LEAD_BLOCKS: usize = 3;
/// And how far into the text the lead may reach.
const LEAD_BYTES: usize = 1500;

/// A meeting noun in a block with what was found around it.
#[derive(Debug, Clone)]
struct Occurrence {
    blk: usize,
    kind: Range<usize>,
    sent: Range<usize>,
    negated: bool,
    name_end: usize,
}

crate::lexicon::word_list! {
    /// Words that cancel a meeting ("không tổ chức", "hoãn đại hội").
    ///
    /// The entries are in `assets/lexicon/vi/meeting_negations.txt`, then
    /// `assets/lexicon/en/meeting_negations.txt`.
    fn negations = "lexicon/vi/meeting_negations.txt", "lexicon/en/meeting_negations.txt";
}

crate::lexicon::word_list! {
    /// Words that end a meeting's name: the clause goes on.
    ///
    /// The entries are in `assets/lexicon/vi/meeting_name_stops.txt`, then
    /// `assets/lexicon/en/meeting_name_stops.txt`.
    fn name_stops = "lexicon/vi/meeting_name_stops.txt", "lexicon/en/meeting_name_stops.txt";
}

/// `w` is one of [`name_stops`]: a set, as every word after a meeting noun is
/// looked up.
fn is_name_stop(w: &str) -> bool {
    static SET: std::sync::OnceLock<rustc_hash::FxHashSet<&str>> = std::sync::OnceLock::new();
    SET.get_or_init(|| name_stops().iter().copied().collect())
        .contains(w)
}

crate::lexicon::word_list! {
    /// English verbs saying a meeting happened.
    ///
    /// The entries are in `assets/lexicon/en/meeting_trigger_words.txt`.
    fn triggers_en = "lexicon/en/meeting_trigger_words.txt";
}

/// The dates of the blocks that can hold a meeting's date (the first blocks and
/// those with a meeting noun), each found when and as far as first asked for: most
/// are never needed (the meeting's sentence has a trigger verb, the date was found
/// already), and most questions are about one sentence.
struct BlockDates<'d, 'a> {
    doc: &'d Doc<'a>,
    scans: Vec<dates::Scan>,
}

impl<'d, 'a> BlockDates<'d, 'a> {
    fn new(doc: &'d Doc<'a>) -> Self {
        BlockDates {
            doc,
            scans: vec![dates::Scan::default(); doc.blocks.len()],
        }
    }

    fn holds_dates(&self, bi: usize) -> bool {
        bi < 2 * LEAD_BLOCKS || self.doc.blocks[bi].hits.iter().any(|h| h.cat == Cat::Kind)
    }

    /// The first date of block `bi` starting in tokens `range`.
    fn first_in(&mut self, bi: usize, range: Range<usize>) -> Option<&DateExpr> {
        if !self.holds_dates(bi) {
            return None;
        }
        self.scans[bi].first_in(self.doc, &self.doc.blocks[bi], range)
    }

    /// The dates of block `bi` starting before token `upto` (and maybe some after),
    /// in token order.
    fn before(&mut self, bi: usize, upto: usize) -> &[DateExpr] {
        if !self.holds_dates(bi) {
            return &[];
        }
        self.scans[bi].before(self.doc, &self.doc.blocks[bi], upto)
    }
}

pub struct Found {
    pub meetings: Vec<Meeting>,
}

pub fn find(doc: &Doc, people: &People) -> Found {
    let lx = Lexicon::get();
    let mut dates = BlockDates::new(doc);
    let mut occ: Vec<Occurrence> = Vec::new();
    for (bi, b) in doc.blocks.iter().enumerate() {
        for h in b.hits.iter().filter(|h| h.cat == Cat::Kind) {
            // Only hits starting a few words before can contain this one or end
            // right before it: looking there keeps a block with thousands of
            // meeting nouns linear.
            let near = b.hits_in(h.first.saturating_sub(MAX_PHRASE_TOKENS), h.first + 1);
            // Longest meeting noun at each position only.
            if near.iter().any(|o| {
                o.cat == Cat::Kind
                    && o.first <= h.first
                    && o.last >= h.last
                    && (o.first, o.last) != (h.first, h.last)
            }) {
                continue;
            }
            // Its first syllable ends a body's name or a title ("Quốc hội thảo
            // luận": the Assembly discusses, no seminar).
            if near.iter().any(|o| {
                matches!(o.cat, Cat::Org | Cat::Title)
                    && crosses_into(o.first, o.last, h.first, h.last)
            }) {
                continue;
            }
            // Inside an organisation's name ("Trung tâm Hội nghị quốc gia").
            if b.toks[h.first].cap
                && near
                    .iter()
                    .any(|o| o.cat == Cat::Org && o.first < h.first && o.last + 1 == h.first)
            {
                continue;
            }
            let sent = b.sentence_of(h.first);
            let negated = negated(doc, b, &sent, h.first);
            let name_end = name_end(doc, b, h.last + 1);
            occ.push(Occurrence {
                blk: bi,
                kind: h.first..h.last + 1,
                sent,
                negated,
                name_end,
            });
        }
    }
    let title_kind = title_meeting(doc, lx);
    let lead_limit = doc
        .blocks
        .iter()
        .position(|b| b.index >= LEAD_BLOCKS)
        .unwrap_or(doc.blocks.len())
        .max(1);
    // The lead is also bounded in bytes: one-line scrapes hold a whole article in
    // their first block.
    let in_lead = |o: &Occurrence| {
        let b = &doc.blocks[o.blk];
        o.blk < lead_limit && b.toks[o.kind.start].start - b.toks[0].start < LEAD_BYTES
    };
    // The main meeting: the first reported one in the lead; the headline's meeting
    // noun counts when the lead confirms it or nothing contradicts it.
    let is_main_candidate = |o: &Occurrence| in_lead(o) && !o.negated && !doc.blocks[o.blk].caption;
    let main_occ = occ
        .iter()
        .position(|o| is_main_candidate(o) && reported(doc, &mut dates, o));
    let title_negated = title_kind.as_ref().is_some_and(|t| t.negated);
    if title_negated {
        return Found {
            meetings: Vec::new(),
        };
    }
    if main_occ.is_none() && title_kind.is_none() {
        let meetings = implicit_sitting(doc, lx, &mut dates).into_iter().collect();
        return Found { meetings };
    }
    let mut meetings = Vec::new();
    let mut main = match main_occ {
        Some(k) => {
            let o = &occ[k];
            meeting_from(doc, o, true, dates.before(o.blk, o.sent.end))
        }
        None => {
            // Only the headline names it: take its words and the lead's first date.
            let t = title_kind.clone().unwrap_or_default();
            Meeting {
                kind: t.kind.clone(),
                name: t.name.clone(),
                ordinal: ordinal(&t.name),
                body: None,
                term: term(&t.name),
                date: None,
                place: None,
                chairs: Vec::new(),
                online: t.name.to_lowercase().contains("trực tuyến")
                    || t.name.to_lowercase().contains("online"),
                connection_points: None,
                main: true,
                span: 0..0,
            }
        }
    };
    // A headline that names the same kind of meeting more fully.
    if let Some(t) = &title_kind
        && t.kind == main.kind
        && t.name.split_whitespace().count() > main.name.split_whitespace().count()
    {
        main.name = t.name.clone();
        main.ordinal = main.ordinal.clone().or_else(|| ordinal(&t.name));
        main.term = main.term.clone().or_else(|| term(&t.name));
    }
    if main.date.is_none() {
        main.date = lead_date(doc, &mut dates);
    }
    if let Some(d) = &mut main.date {
        fill_year(d, doc.article.published.and_then(|p| p.year));
    }
    main.chairs = chairs(doc, people, &main.kind.clone());
    meetings.push(main);
    // Other meetings: named more fully than a back-reference, with a date or a verb
    // saying they happened, different from the main one.
    // The name words of `meetings`, in step with it once the first comparison
    // needs them (most articles have no second meeting to compare).
    let mut words_of_meetings: Vec<Vec<String>> = Vec::new();
    for (k, o) in occ.iter().enumerate() {
        if Some(k) == main_occ || o.negated || doc.blocks[o.blk].caption {
            continue;
        }
        let named_words = o.name_end - o.kind.end;
        // A main-meeting candidate before the main one was found not reported.
        let known_unreported = is_main_candidate(o) && main_occ.is_none_or(|m| k < m);
        if named_words < 2 || known_unreported || !reported(doc, &mut dates, o) {
            continue;
        }
        let mut m = meeting_from(doc, o, false, dates.before(o.blk, o.sent.end));
        if m.date.is_none() {
            continue;
        }
        if words_of_meetings.is_empty() {
            words_of_meetings.push(name_words(&meetings[0].name));
        }
        let words = name_words(&m.name);
        let same = meetings
            .iter()
            .zip(&words_of_meetings)
            .any(|(x, xw)| x.date == m.date && x.kind == m.kind || similar(xw, &words));
        if same {
            continue;
        }
        if let Some(d) = &mut m.date {
            fill_year(d, doc.article.published.and_then(|p| p.year));
        }
        words_of_meetings.push(words);
        meetings.push(m);
    }
    Found { meetings }
}

/// The folded words of a meeting's name, sorted and each once: what [`similar`]
/// compares, made once per meeting rather than per comparison (folding them into
/// hash sets for every pair showed in profiles of articles with many meetings).
fn name_words(name: &str) -> Vec<String> {
    let mut words: Vec<String> = name.split_whitespace().map(crate::text::fold).collect();
    words.sort_unstable();
    words.dedup();
    words
}

/// Two meetings' names (as [`name_words`]) share most of their words.
fn similar(wa: &[String], wb: &[String]) -> bool {
    // Both sorted: the words in common in one merge.
    let (mut i, mut j, mut inter) = (0, 0, 0);
    while i < wa.len() && j < wb.len() {
        match wa[i].cmp(&wb[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                inter += 1;
                i += 1;
                j += 1;
            }
        }
    }
    inter * 2 > wa.len().min(wb.len()).max(1) && inter * 3 >= wa.len().max(wb.len())
}

fn fill_year(d: &mut MeetingDate, year: Option<u16>) {
    if d.first.year.is_none() {
        d.first.year = year;
        if let Some(l) = &mut d.last {
            l.year = l.year.or(year);
        }
    }
}

/// A trigger verb, a date, a chair verb or a speech lead in the sentence of a
/// meeting noun.
/// "Sáng 20/9, Ủy ban Thường vụ Quốc hội cho ý kiến dự án Luật ...": a dated lead
/// sentence where a body that deliberates in sittings does what it does only when
/// sitting reports a sitting, though no meeting noun is written.
fn implicit_sitting(doc: &Doc, lx: &Lexicon, dates: &mut BlockDates) -> Option<Meeting> {
    if doc.english {
        return None;
    }
    // The first sentences of the lead (one-line scrapes put a summary first).
    let lead = || {
        doc.blocks
            .iter()
            .enumerate()
            .take(LEAD_BLOCKS)
            .filter(|(_, b)| !b.caption)
            .flat_map(|(bi, b)| b.sents.iter().take(6).map(move |s| (bi, b, s.clone())))
    };
    for (bi, b, sent) in lead() {
        // The body starts the clause after the date ("Sáng 20/9, <body> <verb>"):
        // only the words before the first comma are looked through for the date.
        let Some(comma) = (sent.start..sent.end).find(|&k| b.toks[k].is_punct(',')) else {
            continue;
        };
        let Some(date) = dates.first_in(bi, sent.start..comma).cloned() else {
            continue;
        };
        if let Some(body_len) = body_and_verb_at(doc, lx, b, comma + 1, sent.end) {
            return Some(sitting(doc, b, &sent, comma + 1, body_len, &date));
        }
    }
    // Then the body and its verb anywhere in a lead sentence with a date ("…,
    // khi Quốc hội thảo luận tại tổ về dự án Luật …, chiều 30/5"). The bodies
    // are organisations of the lexicon: only those hits are looked at, the verb
    // after them first (most organisations are followed by none).
    for (bi, b, sent) in lead() {
        for h in b.hits_in(sent.start, sent.end) {
            if h.cat != Cat::Org || !sitting_verb_at(doc, lx, b, h.last + 1, sent.end) {
                continue;
            }
            let body: Vec<&str> = (h.first..=h.last).map(|k| doc.word(b, k)).collect();
            if lx.session_body_at(&body) != Some(body.len()) {
                continue;
            }
            let Some(date) = dates.first_in(bi, sent.clone()).cloned() else {
                break;
            };
            return Some(sitting(doc, b, &sent, h.first, body.len(), &date));
        }
    }
    None
}

/// The length in tokens of a deliberating body's name at token `at` of `b`, when
/// the body's sitting verb follows it, looked for before token `end`.
fn body_and_verb_at(doc: &Doc, lx: &Lexicon, b: &Blk, at: usize, end: usize) -> Option<usize> {
    // The longest body is a few words.
    let words: Vec<&str> = (at..end.min(at + 8)).map(|k| doc.word(b, k)).collect();
    let body_len = lx.session_body_at(&words)?;
    sitting_verb_at(doc, lx, b, at + body_len, end).then_some(body_len)
}

/// Whether a sitting's verb starts at token `at` of `b`, looked for before token
/// `end`: "(đã) cho ý kiến", "(đã) tiến hành thảo luận".
fn sitting_verb_at(doc: &Doc, lx: &Lexicon, b: &Blk, at: usize, end: usize) -> bool {
    let word = |k: usize| (k < end).then(|| doc.word(b, k));
    let mut head = at;
    if word(head) == Some("đã") {
        head += 1;
    }
    if word(head) == Some("tiến") && word(head + 1) == Some("hành") {
        head += 2;
    }
    // Most words start no sitting's verb, and their key says so without a
    // word key made of the next few.
    if head >= end || b.toks[head].is_word() && !lx.starts_session_verb_key(b.key_bytes(head, head))
    {
        return false;
    }
    let words: Vec<&str> = (head..end.min(head + 8)).map(|k| doc.word(b, k)).collect();
    lx.session_verb_at(&words).is_some()
}

/// The sitting of the body on tokens `body_at..body_at + body_len` of `b`, reported
/// by sentence `sent` on `date`.
fn sitting(
    doc: &Doc,
    b: &Blk,
    sent: &Range<usize>,
    body_at: usize,
    body_len: usize,
    date: &DateExpr,
) -> Meeting {
    let body = doc.slice(b, body_at, body_at + body_len - 1);
    let mut date = to_meeting_date(doc, b, date);
    fill_year(&mut date, doc.article.published.and_then(|p| p.year));
    Meeting {
        kind: "phiên họp".to_owned(),
        name: format!("phiên họp {body}"),
        ordinal: None,
        body: Some(body.to_owned()),
        term: None,
        date: Some(date),
        place: None,
        chairs: Vec::new(),
        online: false,
        connection_points: None,
        main: true,
        span: b.span(sent.start, sent.end - 1),
    }
}

/// Whether the phrase on tokens `first..=last` starts before the phrase on
/// `h_first..=h_last` and ends inside it: Vietnamese writes words as syllables,
/// and a syllable can end one word and start another ("Quốc hội | thảo luận"
/// against "hội thảo").
fn crosses_into(first: usize, last: usize, h_first: usize, h_last: usize) -> bool {
    first < h_first && last >= h_first && last < h_last
}

/// Whether the sentence of a meeting noun says the meeting took place: asked only
/// of the occurrences that could become a meeting, as the dates it may read are
/// found on demand.
fn reported(doc: &Doc, dates: &mut BlockDates, o: &Occurrence) -> bool {
    let b = &doc.blocks[o.blk];
    sentence_evidence(doc, b, &o.sent, o.kind.start, o.kind.end - 1, |window| {
        dates.first_in(o.blk, window).is_some()
    })
}

fn sentence_evidence(
    doc: &Doc,
    b: &Blk,
    sent: &Range<usize>,
    at: usize,
    last: usize,
    has_date_in: impl FnOnce(Range<usize>) -> bool,
) -> bool {
    // Evidence is looked for near the noun: a run-on "sentence" of a whole scraped
    // page must not make every noun scan all of it.
    let sent = &(sent.start.max(at.saturating_sub(EVIDENCE_WINDOW))
        ..sent.end.min(last + 1 + EVIDENCE_WINDOW));
    // Outside the noun itself ("buổi làm việc" holds the verb "làm việc").
    if b.hits_in(sent.start, sent.end)
        .iter()
        .filter(|h| h.last < at || h.first > last)
        .any(|h| matches!(h.cat, Cat::Trigger | Cat::Chair))
    {
        return true;
    }
    // "Phát biểu tại hội nghị", "Tại hội thảo, ...".
    if at > 0 && matches!(&*crate::text::lower(doc.word(b, at - 1)), "tại" | "at") {
        return true;
    }
    if doc.english
        && (sent.start..sent.end)
            .any(|i| triggers_en().contains(&&*crate::text::lower(doc.word(b, i))))
    {
        return true;
    }
    has_date_in(sent.clone())
}

/// Tokens on each side of a meeting noun in which its sentence's evidence (a
/// trigger verb, a chair, a date) is looked for.
const EVIDENCE_WINDOW: usize = 80;

/// Longest lexicon phrase, in tokens, for looking back from a hit.
const MAX_PHRASE_TOKENS: usize = 12;

fn negated(doc: &Doc, b: &Blk, sent: &Range<usize>, at: usize) -> bool {
    (sent.start.max(at.saturating_sub(5))..at)
        .any(|i| negations().contains(&&*crate::text::lower(doc.word(b, i))))
}

/// Where the naming phrase that starts after a meeting noun ends (exclusive).
fn name_end(doc: &Doc, b: &Blk, from: usize) -> usize {
    let n = b.toks.len();
    let mut e = from;
    let mut depth = 0;
    while e < n && e < from + 30 {
        let t = &b.toks[e];
        match t.punct() {
            Some('(') => depth += 1,
            Some(')') if depth > 0 => depth -= 1,
            Some('"' | '“' | '”' | '-' | '–' | '&' | '/' | '\'') => {}
            Some(',') if depth > 0 => {}
            Some(_) if depth > 0 => {}
            Some(_) => break,
            None => {
                let w = doc.word(b, e);
                if depth == 0
                    && !t.cap
                    && (is_name_stop(&crate::text::lower(w))
                        || b.hits_at(e).any(|h| {
                            matches!(
                                h.cat,
                                Cat::Speech | Cat::Chair | Cat::Trigger | Cat::Agenda | Cat::Lead
                            )
                        }))
                {
                    break;
                }
            }
        }
        e += 1;
    }
    while e > from
        && matches!(
            b.toks[e - 1].punct(),
            Some('-' | '–' | '"' | '“' | ',' | '(')
        )
    {
        e -= 1;
    }
    e
}

fn meeting_from(doc: &Doc, o: &Occurrence, main: bool, dates: &[DateExpr]) -> Meeting {
    let b = &doc.blocks[o.blk];
    let kind_text = lowercase(doc.slice(b, o.kind.start, o.kind.end - 1));
    let mut start = o.kind.start;
    // English: the capitalised words before the noun name it ("World Harbour Forum").
    if doc.english {
        while start > o.sent.start
            && b.toks[start - 1].cap
            && !Lexicon::get().is_en_stopword(doc.word(b, start - 1))
        {
            start -= 1;
        }
    }
    let mut name = doc
        .slice(b, start, o.name_end.max(o.kind.end) - 1)
        .to_owned();
    // The body that holds it: "<Body> (đã) tổ chức <noun>".
    let body = organiser(doc, b, o);
    if let Some(body) = &body
        && !name.contains(body.as_str())
        && !doc.english
    {
        name = format!("{name} {body}");
    }
    let date = dates
        .iter()
        .filter(|d| d.first_tok >= o.sent.start && d.first_tok < o.sent.end)
        .min_by_key(|d| d.first_tok.abs_diff(o.kind.start))
        .map(|d| to_meeting_date(doc, b, d));
    let (online, connection_points) = online_format(
        doc.slice(b, o.sent.start, o.sent.end - 1),
        b.key_bytes(o.sent.start, o.sent.end - 1),
    );
    Meeting {
        kind: kind_text,
        ordinal: ordinal(&name),
        term: term(&name),
        body,
        date,
        place: place(doc, b, o),
        chairs: Vec::new(),
        online,
        connection_points,
        main,
        span: b.span(start, o.name_end.max(o.kind.end) - 1),
        name: crate::text::collapse_spaces(&name),
    }
}

/// "<Body> (đã) tổ chức|khai mạc <noun>": the capitalised phrase before the trigger,
/// after the sentence's leading date or place.
fn organiser(doc: &Doc, b: &Blk, o: &Occurrence) -> Option<String> {
    if doc.english {
        return None;
    }
    let trig = b
        .hits
        .iter()
        .filter(|h| h.cat == Cat::Trigger && h.last < o.kind.start && h.first >= o.sent.start)
        .max_by_key(|h| h.last)?;
    if o.kind.start - trig.last > 2 {
        return None;
    }
    let mut end = trig.first;
    while end > o.sent.start && matches!(doc.word(b, end - 1), "đã" | "vừa" | "sẽ" | "cũng")
    {
        end -= 1;
    }
    let start = (o.sent.start..end)
        .rev()
        .find(|&i| b.toks[i].is_punct(','))
        .map_or(o.sent.start, |c| c + 1);
    if start >= end || !b.toks[start].cap {
        return None;
    }
    // Not a person (people chair, they do not organise).
    let body = doc.slice(b, start, end - 1);
    if body.split_whitespace().count() > 20 {
        return None;
    }
    Some(body.to_owned())
}

/// "tại <Nơi>" in the sentence, up to the next comma.
fn place(doc: &Doc, b: &Blk, o: &Occurrence) -> Option<String> {
    let at = (o.sent.start..o.sent.end).find(|&i| {
        matches!(doc.word(b, i), "tại" | "Tại" | "in") && b.toks.get(i + 1).is_some_and(|t| t.cap)
    })?;
    let mut e = at + 1;
    while e < o.sent.end
        && !b.toks[e]
            .punct()
            .is_some_and(|c| c != '(' && c != ')' && c != '-')
    {
        let w = doc.word(b, e);
        if e > at + 1 && !b.toks[e].cap && is_name_stop(w) {
            break;
        }
        e += 1;
    }
    let p = doc.slice(b, at + 1, e - 1);
    (p.split_whitespace().count() <= 12).then(|| p.to_owned())
}

/// Whether a meeting's sentence says it is held online, and how many sites it
/// connects: from the sentence in lower case.
fn online_format_of(lower: &str) -> (bool, Option<u32>) {
    let online = lower.contains("trực tuyến")
        || lower.contains("online")
        || lower.contains("video link")
        || lower.contains("điểm cầu");
    (online, connection_points(lower))
}

/// [`online_format_of`] the lower case of `sentence`, lower-casing it only when
/// its match key `key` (same length, lower case, one tone placement) holds a
/// piece each of the words must leave there: most sentences hold none, and
/// lower-casing every meeting's sentence showed in profiles.
///
/// Each piece is a word as the lower case has it, cut before any letter that a
/// tone moved by the key could change ("cầu" + "ý" keys as "cầúy") or that
/// lower-cases from another letter too (the Kelvin sign to "k"); the key of the
/// letters that lower-case to a piece's is the piece (`online_format_skips_only_sentences_without_it`).
fn online_format(sentence: &str, key: &[u8]) -> (bool, Option<u32>) {
    static PIECES: std::sync::OnceLock<[memchr::memmem::Finder<'static>; 4]> =
        std::sync::OnceLock::new();
    let pieces = PIECES.get_or_init(|| {
        ["trực tuyến", "online", "video lin", "điểm cầ"].map(memchr::memmem::Finder::new)
    });
    if pieces.iter().any(|p| p.find(key).is_some()) {
        online_format_of(&lowercase(sentence))
    } else {
        (false, None)
    }
}

/// "... 63 điểm cầu": the number of connected sites, from the sentence in lower
/// case.
fn connection_points(lower: &str) -> Option<u32> {
    let at = lower.find("điểm cầu")?;
    let before = lower[..at].trim_end();
    let digits: String = before
        .chars()
        .rev()
        .take_while(|c| c.is_ascii_digit() || *c == '.')
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .filter(char::is_ascii_digit)
        .collect();
    digits.parse().ok()
}

/// "lần thứ 4", "thứ 10", "thứ năm" (a bare "lần 2" is not taken).
pub fn ordinal(name: &str) -> Option<String> {
    // Every form holds "thứ", and only 'ứ' and 'Ứ' lower-case to 'ứ': most names
    // hold neither, and splitting every name into words showed in profiles.
    if !name.contains('ứ') && !name.contains('Ứ') {
        return None;
    }
    // The letters of "lần" and "thứ" lower-case only from letters of their length:
    // words of another length are not compared.
    let is = |w: &str, lower: &str| w.len() == lower.len() && lowercase_is(w, lower);
    let words: Vec<&str> = name.split_whitespace().collect();
    for (i, w) in words.iter().enumerate() {
        if is(w, "lần") && words.get(i + 1).is_some_and(|n| is(n, "thứ")) {
            return words
                .get(i + 2)
                .map(|n| format!("lần thứ {}", n.trim_matches(|c: char| !c.is_alphanumeric())));
        }
        if is(w, "thứ") && i > 0 {
            return words
                .get(i + 1)
                .map(|n| format!("thứ {}", n.trim_matches(|c: char| !c.is_alphanumeric())));
        }
    }
    None
}

/// "khóa XVII", "khoá X", "nhiệm kỳ 2020-2025".
pub fn term(name: &str) -> Option<String> {
    // Both forms hold a word keyed with a first 'k', and a match key starts with
    // the lower case of an ASCII first letter (and with no ASCII letter
    // otherwise): most names hold no 'k'.
    memchr::memchr2(b'k', b'K', name.as_bytes())?;
    let words: Vec<&str> = name
        .split(|c: char| c.is_whitespace() || c == '(' || c == ')')
        .filter(|w| !w.is_empty())
        .collect();
    // A match key is as long as its text, and starts as said above: only words of
    // the length and first letter are keyed.
    let key_is = |w: &str, key: &str| {
        w.len() == key.len() && w.as_bytes()[0] | 0x20 == key.as_bytes()[0] && match_key(w) == key
    };
    for (i, w) in words.iter().enumerate() {
        let khoa = key_is(w, "khóa");
        if khoa || key_is(w, "nhiệm") && words.get(i + 1).is_some_and(|n| key_is(n, "kỳ")) {
            let skip = if khoa { 1 } else { 2 };
            let n = words.get(i + skip)?;
            let prefix = words[i..i + skip].join(" ");
            return Some(format!("{prefix} {}", n.trim_end_matches([',', '.', ';'])));
        }
    }
    None
}

fn to_meeting_date(doc: &Doc, b: &Blk, d: &DateExpr) -> MeetingDate {
    let mut start = d.first_tok;
    if d.part.is_some() {
        while start > 0
            && start + 3 > d.first_tok
            && (dates_word(doc.word(b, start - 1)) || b.toks[start - 1].is_punct('('))
        {
            start -= 1;
        }
    }
    let mut text = doc.slice(b, start, d.last_tok).to_owned();
    if text.starts_with('(') {
        text.remove(0);
    }
    MeetingDate {
        first: d.first,
        last: d.last,
        part_of_day: d.part,
        text,
    }
}

fn dates_word(w: &str) -> bool {
    matches!(
        &*crate::text::lower(w),
        "sáng"
            | "chiều"
            | "tối"
            | "trưa"
            | "đêm"
            | "nay"
            | "ngày"
            | "hôm"
            | "morning"
            | "afternoon"
            | "evening"
    )
}

/// The first date in the lead blocks.
fn lead_date(doc: &Doc, dates: &mut BlockDates) -> Option<MeetingDate> {
    doc.blocks
        .iter()
        .enumerate()
        .filter(|(_, b)| !b.caption)
        .take(LEAD_BLOCKS)
        .find_map(|(i, b)| {
            dates
                .first_in(i, 0..b.toks.len())
                .map(|d| to_meeting_date(doc, b, d))
        })
}

#[derive(Debug, Clone, Default)]
struct TitleMeeting {
    kind: String,
    name: String,
    negated: bool,
}

/// A meeting noun in the headline ("Khai mạc Hội nghị Ban Chấp hành Trung ương Đoàn
/// lần thứ 11"): its kind and naming phrase.
fn title_meeting(doc: &Doc, lx: &Lexicon) -> Option<TitleMeeting> {
    let title = doc.article.title.as_deref()?;
    if doc.article.title_source == crate::article::TitleSource::Derived {
        return None;
    }
    // Tokens and lexicon hits by token, from one pass over the title.
    let mut key = Vec::with_capacity(title.len());
    let toks = super::tokens::tokenize_keyed(title, 0..title.len(), &mut key);
    let mut hits = Vec::new();
    lx.token_hits_in(&toks, 0, &key, doc.english, &mut hits);
    // The first meeting noun, the longest there, unless its first syllable ends
    // a body's name or a title (as in the article's text).
    let body_or_title = |p: u32| {
        lx.phrases[p as usize]
            .cats
            .iter()
            .any(|c| matches!(c, Cat::Org | Cat::Title))
    };
    let &(first, last, _) = hits
        .iter()
        .filter(|&&(first, last, p)| {
            lx.phrases[p as usize].cats.contains(&Cat::Kind)
                && !hits
                    .iter()
                    .any(|&(of, ol, op)| body_or_title(op) && crosses_into(of, ol, first, last))
        })
        .max_by_key(|&&(first, last, _)| (std::cmp::Reverse(first), last))?;
    let h = toks[first].start..toks[last].end;
    let mut e = last + 1;
    while e < toks.len() {
        let w = toks[e].text(title);
        if toks[e]
            .punct()
            .is_some_and(|c| !matches!(c, '(' | ')' | '-' | '–' | '"' | '“' | '”'))
            || !toks[e].cap && is_name_stop(&crate::text::lower(w))
        {
            break;
        }
        e += 1;
    }
    let name = title[toks[first].start..toks[e - 1].end].to_owned();
    let negated = toks[..first]
        .iter()
        .any(|t| negations().contains(&&*crate::text::lower(t.text(title))));
    Some(TitleMeeting {
        kind: lowercase(&title[h]),
        name,
        negated,
    })
}

/// Kinds of meeting that are one another's back-references ("chủ trì phiên họp" in
/// an article about a "phiên toàn thể"), as opposed to a separate talk or visit.
pub fn family(kind: &str) -> u8 {
    let k = match_key(kind);
    if k.contains("đại hội") || k.contains("congress") || k.contains("đhđcđ") {
        4
    } else if k.contains("hội đàm")
        || k.contains("hội kiến")
        || k.contains("tiếp xúc")
        || k.contains("làm việc")
        || k.contains("talks")
    {
        1
    } else if k.contains("họp báo") || k.contains("press") {
        2
    } else if k.starts_with("lễ") || k.contains("đại lễ") || k.contains("ceremony") {
        3
    } else {
        0
    }
}

/// Who chaired: "<người> chủ trì", "<A> và <B> đồng chủ trì", "dưới sự chủ trì của
/// <người>", "Chủ trì ..., <người> ...", "chaired by <person>", "<person> chaired".
fn chairs(doc: &Doc, people: &People, main_kind: &str) -> Vec<String> {
    let mut out: Vec<usize> = Vec::new();
    // Asked only when a chair verb comes before a meeting noun.
    let main_family = std::cell::OnceCell::new();
    for (bi, b) in doc.blocks.iter().enumerate() {
        if b.caption {
            continue;
        }
        let mentions = people.in_block(bi);
        let mut chair_hits: Vec<&super::doc::THit> = b
            .hits
            .iter()
            .filter(|h| h.cat == Cat::Chair)
            // "Giám đốc điều hành" is a title, not a chair.
            // Only hits starting within the longest span before its end can cover
            // it: looking there keeps a block with many hits linear.
            .filter(|h| {
                !b.hits_in(h.last.saturating_sub(b.max_hit_span), h.first + 1)
                    .iter()
                    .any(|o| {
                        matches!(o.cat, Cat::Title | Cat::Org)
                            && o.first <= h.first
                            && o.last >= h.last
                            && o.last > h.last
                            || matches!(o.cat, Cat::Title) && o.first < h.first && o.last >= h.last
                    })
            })
            // Chairing another kind of meeting than the main one.
            .filter(|h| {
                let next_kind = b
                    .hits_in(h.last + 1, h.last + 3)
                    .iter()
                    .find(|k| k.cat == Cat::Kind);
                next_kind.is_none_or(|k| {
                    family(&lowercase(doc.slice(b, k.first, k.last)))
                        == *main_family.get_or_init(|| family(main_kind))
                })
            })
            .collect();
        chair_hits.sort_by_key(|h| (h.first, std::cmp::Reverse(h.last)));
        chair_hits.dedup_by(|a, b| a.first >= b.first && a.first <= b.last);
        for h in chair_hits {
            let phrase = lowercase(doc.slice(b, h.first, h.last));
            let sent = b.sentence_of(h.first);
            let object_follows = phrase.starts_with("dưới sự")
                || phrase.ends_with(" by")
                || phrase.ends_with(" của");
            if !object_follows && !chairs_a_meeting(doc, b, &sent, h, mentions) {
                continue;
            }
            let found: Vec<&Mention> = if object_follows {
                objects_after(doc, b, mentions, h.last + 1)
            } else if h.first == sent.start && b.toks.get(h.last + 1).is_some_and(|t| t.is_word()) {
                // "Chủ trì phiên họp ..., Thủ tướng Phạm Minh Tâm nhấn mạnh".
                let comma = (h.last + 1..sent.end).find(|&k| b.toks[k].is_punct(','));
                comma
                    .and_then(|c| {
                        mentions
                            .iter()
                            .find(|m| m.chain.unwrap_or(m.first) == c + 1 || m.first == c + 1)
                    })
                    .into_iter()
                    .collect()
            } else {
                subject_before(doc, b, &sent, mentions, h.first)
            };
            for m in found {
                let Some(p) = m.person else { continue };
                if !out.contains(&p) {
                    out.push(p);
                }
            }
        }
    }
    out.into_iter()
        .map(|p| people.persons[p].name.clone())
        .collect()
}

/// The people named right after "dưới sự chủ trì của": the first, and those listed
/// with it ("của A và B").
fn objects_after<'m>(doc: &Doc, b: &Blk, mentions: &'m [Mention], at: usize) -> Vec<&'m Mention> {
    let mut out: Vec<&Mention> = Vec::new();
    let mut next = at;
    while let Some(m) = mentions
        .iter()
        .find(|m| m.chain.unwrap_or(m.first) == next || m.first == next)
    {
        out.push(m);
        let mut k = m.after;
        let mut joined = false;
        while k < b.toks.len() && matches!(doc.word(b, k), "," | ";" | "và" | "and") {
            k += 1;
            joined = true;
        }
        if !joined || out.len() > 4 {
            break;
        }
        next = k;
    }
    out
}

/// True when a chair verb governs a meeting: "chủ trì hội nghị", "chủ trì." or
/// "Hội nghị do X chủ trì", not "chủ trì tổ chức chiêu đãi" or "Tiệc chiêu đãi do X
/// chủ trì".
fn chairs_a_meeting(
    doc: &Doc,
    b: &Blk,
    sent: &Range<usize>,
    h: &super::doc::THit,
    mentions: &[Mention],
) -> bool {
    let next = h.last + 1;
    let Some(t) = b.toks.get(next) else {
        return true;
    };
    if t.is_word() {
        let w = lowercase(doc.word(b, next));
        return b.hits_at(next).any(|k| k.cat == Cat::Kind)
            || matches!(
                w.as_str(),
                // "điều hành phần tham luận": a part of the meeting.
                "và" | "tại" | "cùng" | "phần" | "the" | "a" | "and" | "at"
            );
    }
    // At the end of a clause: "... do <người> chủ trì".
    let subject_start = mentions
        .iter()
        .filter(|m| m.last < h.first && m.first >= sent.start)
        .map(|m| m.chain.unwrap_or(m.first))
        .max();
    let Some(start) = subject_start else {
        return true;
    };
    let do_before = start > 0 && matches!(doc.word(b, start - 1), "do" | "by");
    if !do_before {
        return true;
    }
    b.hits
        .iter()
        .any(|k| k.cat == Cat::Kind && k.first >= sent.start && k.last < start)
}

/// The subject of a chair verb: the closest mention before it in the sentence,
/// with the names listed with it ("A và B đồng chủ trì").
fn subject_before<'m>(
    doc: &Doc,
    b: &Blk,
    sent: &Range<usize>,
    mentions: &'m [Mention],
    at: usize,
) -> Vec<&'m Mention> {
    let before: Vec<&Mention> = mentions
        .iter()
        .filter(|m| m.first >= sent.start && m.last < at)
        .collect();
    let Some(&m) = before.iter().max_by_key(|m| m.last) else {
        return Vec::new();
    };
    let gap: Vec<&str> = (m.after.min(at)..at).map(|i| doc.word(b, i)).collect();
    let gap_ok = gap.len() <= 3
        && gap.iter().all(|w| {
            matches!(
                *w,
                "," | "cùng"
                    | "đã"
                    | "sẽ"
                    | "đồng"
                    | "thời"
                    | "also"
                    | "has"
                    | "had"
                    | "trực"
                    | "tiếp"
            )
        });
    if !gap_ok {
        return Vec::new();
    }
    let mut out = vec![m];
    let mut cur = m;
    for &p in before.iter().rev() {
        if p.last >= cur.first {
            continue;
        }
        let cur_start = cur.chain.unwrap_or(cur.first);
        let between: Vec<&str> = (p.after.min(cur_start)..cur_start)
            .map(|i| doc.word(b, i))
            .collect();
        if between.is_empty()
            || between.len() > 2
            || !between
                .iter()
                .all(|w| matches!(*w, "," | ";" | "và" | "and"))
        {
            break;
        }
        out.push(p);
        cur = p;
    }
    out.reverse();
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::{Xorshift, mixes};

    /// [`online_format`] answers as lower-casing every sentence did, for sentences
    /// cut anywhere from a text keyed as a whole (a tone the key moves may cross
    /// the cut).
    #[test]
    fn online_format_skips_only_sentences_without_it() {
        let pieces = [
            "trực tuyến",
            "TRỰC TUYẾN",
            "Trực Tuyến",
            "trực",
            " tuyến",
            "online",
            "ONLINE",
            "Online",
            "onl",
            "ine",
            "video link",
            "VIDEO LINK",
            "Video lin",
            "\u{212a}",
            "k",
            "điểm cầu",
            "ĐIỂM CẦU",
            "Điểm Cầu",
            "điểm",
            " cầu",
            "ý",
            "ỷ",
            "à",
            "ế",
            "o",
            "u",
            "q",
            "63 ",
            "1.200 ",
            " ",
            "İ",
            "Σ",
            "hội nghị",
        ];
        let mut rng = Xorshift(0x0a11_ce55);
        let mut online = 0;
        let mut sites = 0;
        for text in mixes(&pieces, 0x5173_0f0d, 20000, 8) {
            let key = match_key(&text);
            let bounds: Vec<usize> = (0..=text.len())
                .filter(|&i| text.is_char_boundary(i))
                .collect();
            let a = bounds[rng.next() % bounds.len()];
            let b = bounds[rng.next() % bounds.len()];
            let (a, b) = (a.min(b), a.max(b));
            for (from, to) in [(0, text.len()), (a, b)] {
                let want = online_format_of(&lowercase(&text[from..to]));
                let got = online_format(&text[from..to], &key.as_bytes()[from..to]);
                assert_eq!(got, want, "{:?}", &text[from..to]);
                online += usize::from(want.0);
                sites += usize::from(want.1.is_some());
            }
        }
        assert!(online > 2000 && sites > 200, "{online} {sites}");
    }

    /// [`similar`] as it was, on hash sets of the folded words.
    fn similar_simple(a: &str, b: &str) -> bool {
        let wa: std::collections::HashSet<String> =
            a.split_whitespace().map(crate::text::fold).collect();
        let wb: std::collections::HashSet<String> =
            b.split_whitespace().map(crate::text::fold).collect();
        let inter = wa.intersection(&wb).count();
        inter * 2 > wa.len().min(wb.len()).max(1) && inter * 3 >= wa.len().max(wb.len())
    }

    #[test]
    fn similar_counts_the_words_hash_sets_did() {
        let pieces = [
            "Hội nghị ",
            "hội nghị ",
            "HỘI NGHỊ ",
            "Hoà ",
            "Hòa ",
            "khóa ",
            "XIII ",
            "Trung ương ",
            "lần ",
            "thứ ",
            "4 ",
            " ",
            "Đại hội ",
        ];
        let names: Vec<String> = mixes(&pieces, 0x51a1_1a12, 400, 7).collect();
        let mut alike = 0;
        for a in &names {
            for b in names.iter().take(60) {
                let want = similar_simple(a, b);
                assert_eq!(similar(&name_words(a), &name_words(b)), want, "{a:?} {b:?}");
                alike += usize::from(want);
            }
        }
        assert!(alike > 1000, "{alike}");
    }

    /// [`ordinal`] and [`term`] as they were before they skipped names without
    /// the letters their words need.
    fn ordinal_simple(name: &str) -> Option<String> {
        let words: Vec<&str> = name.split_whitespace().collect();
        for (i, w) in words.iter().enumerate() {
            if lowercase_is(w, "lần") && words.get(i + 1).is_some_and(|n| lowercase_is(n, "thứ"))
            {
                return words.get(i + 2).map(|n| {
                    format!("lần thứ {}", n.trim_matches(|c: char| !c.is_alphanumeric()))
                });
            }
            if lowercase_is(w, "thứ") && i > 0 {
                return words
                    .get(i + 1)
                    .map(|n| format!("thứ {}", n.trim_matches(|c: char| !c.is_alphanumeric())));
            }
        }
        None
    }

    fn term_simple(name: &str) -> Option<String> {
        let words: Vec<&str> = name
            .split(|c: char| c.is_whitespace() || c == '(' || c == ')')
            .filter(|w| !w.is_empty())
            .collect();
        let key_is = |w: &str, key: &str| match_key(w) == key;
        for (i, w) in words.iter().enumerate() {
            let khoa = key_is(w, "khóa");
            if khoa || key_is(w, "nhiệm") && words.get(i + 1).is_some_and(|n| key_is(n, "kỳ")) {
                let skip = if khoa { 1 } else { 2 };
                let n = words.get(i + skip)?;
                let prefix = words[i..i + skip].join(" ");
                return Some(format!("{prefix} {}", n.trim_end_matches([',', '.', ';'])));
            }
        }
        None
    }

    #[test]
    fn ordinal_and_term_skip_only_names_without_them() {
        let pieces = [
            " ",
            "(",
            ")",
            "Hội nghị ",
            "lần ",
            "Lần ",
            "LẦN ",
            "thứ ",
            "Thứ ",
            "THỨ ",
            "thư ",
            "ứ",
            "Ứ",
            "t",
            "h",
            "khóa ",
            "khoá ",
            "Khoá ",
            "KHÓA ",
            "\u{212a}hóa ",
            "khoa ",
            "nhiệm ",
            "Nhiệm ",
            "NHIỆM ",
            "kỳ ",
            "Kỳ ",
            "KỲ ",
            "kì ",
            "XIII ",
            "4, ",
            "2020-2025. ",
            "k",
            "o",
            "á",
        ];
        let (mut ordinals, mut terms) = (0, 0);
        for name in mixes(&pieces, 0x0dd1_7e57, 30000, 12) {
            let want = ordinal_simple(&name);
            assert_eq!(ordinal(&name), want, "{name:?}");
            ordinals += usize::from(want.is_some());
            let want = term_simple(&name);
            assert_eq!(term(&name), want, "{name:?}");
            terms += usize::from(want.is_some());
        }
        assert!(ordinals > 1000 && terms > 1000, "{ordinals} {terms}");
    }
}
