//! Agenda items: the contents a text presents as a meeting's agenda or topics,
//! after a cue ("bàn các nội dung:", "thảo luận, cho ý kiến về", "nhằm", "the agenda
//! included", "discuss issues relating to"), one item each, and for each item the
//! later paragraphs that discuss it.

use std::collections::HashSet;
use std::ops::Range;
use std::sync::OnceLock;

use rustc_hash::{FxHashMap, FxHashSet};

use super::doc::{Blk, Doc, THit};
use super::lexicon::Cat;
use crate::outline::AgendaItem;
use crate::text::{fold, is_word_char};

/// Paragraphs from the start in which agenda lists are looked for.
const AGENDA_BLOCKS: usize = 6;

crate::lexicon::word_list! {
    /// Leading words of a list that announce it rather than belong to an item.
    ///
    /// The entries are in `assets/lexicon/rules/agenda_list_openers.txt`.
    fn list_openers = "lexicon/rules/agenda_list_openers.txt";
}

crate::lexicon::word_list! {
    /// Words that end a list: a new clause starts.
    ///
    /// The entries are in `assets/lexicon/vi/agenda_list_ends.txt`, then
    /// `assets/lexicon/en/agenda_list_ends.txt`.
    fn list_ends = "lexicon/vi/agenda_list_ends.txt", "lexicon/en/agenda_list_ends.txt";
}

/// A list found after a cue, with how much it looks like the meeting's agenda.
struct Candidate {
    blk: usize,
    /// The items' tokens, and their text as [`clean_item`] makes it.
    items: Vec<(Range<usize>, String)>,
    score: i32,
    /// The cue's sentence says "cũng"/"also": a further list of the same meeting.
    also: bool,
    /// The cue, folded.
    cue: String,
    /// The sentence opens with a sitting ("Buổi chiều, ...", "Tại phiên trù bị, ...").
    sitting_led: bool,
    /// "X and Y top the agenda": a summary of the topics, beside any fuller list.
    subject_list: bool,
}

crate::lexicon::word_list! {
    /// Openings of a sentence that tell which sitting of a session it reports.
    ///
    /// The entries are in `assets/lexicon/vi/sitting_openers.txt`.
    fn sitting_openers = "lexicon/vi/sitting_openers.txt";
}

fn sitting_led(doc: &Doc, b: &Blk, sent: &Range<usize>) -> bool {
    let end = (sent.start + 2).min(sent.end.max(sent.start + 1) - 1);
    let opening = fold(doc.slice(b, sent.start, end));
    sitting_openers().iter().any(|o| {
        opening
            .strip_prefix(o)
            .is_some_and(|rest| rest.is_empty() || rest.starts_with([' ', ',']))
    })
}

pub fn find(doc: &Doc, main_kind: Option<&str>) -> Vec<AgendaItem> {
    let Some(kind) = main_kind else {
        return Vec::new();
    };
    // A ceremony (lễ kỷ niệm, đại lễ, lễ ký kết) follows a programme of rites and
    // speeches; it has no agenda of topics.
    if super::meetings::family(kind) == 3 {
        return Vec::new();
    }
    let limit = doc
        .blocks
        .iter()
        .position(|b| b.index >= AGENDA_BLOCKS)
        .unwrap_or(doc.blocks.len());
    let mut cands: Vec<Candidate> = Vec::new();
    for (bi, b) in doc.blocks.iter().enumerate() {
        // Past the first paragraphs, only a list that says it adds to the agenda
        // ("Tại kỳ họp, HĐND cũng thông qua ...", "Ngoài ra, ...") counts.
        let late = bi >= limit.max(1);
        let at_meeting = opens_at_the_meeting(doc, b);
        if late && !adds_to_agenda(doc, b) && !at_meeting {
            continue;
        }
        if b.caption {
            continue;
        }
        let mut cues: Vec<&THit> = b.hits.iter().filter(|h| h.cat == Cat::Agenda).collect();
        // Longest cue at each position.
        cues.sort_by_key(|h| (h.first, std::cmp::Reverse(h.last)));
        cues.dedup_by(|a, b| a.first >= b.first && a.first <= b.last);
        let mut used_until = 0;
        for cue in cues {
            if cue.first < used_until || !cue_applies(doc, b, cue) {
                continue;
            }
            let sent = b.sentence_of(cue.first);
            let subject_list =
                doc.english && is_subject_cue(&fold(doc.slice(b, cue.first, cue.last)));
            let list = if subject_list {
                subject_span(doc, b, cue, &sent)
            } else {
                list_span(doc, b, cue, &sent)
            };
            if list.is_empty() {
                continue;
            }
            used_until = used_until.max(list.end);
            let pieces = if subject_list {
                split_on_and(doc, b, list.clone())
            } else if fold(doc.slice(b, cue.first, cue.last)).ends_with("from")
                || list.start > 0 && doc.word(b, list.start - 1) == "from"
            {
                from_to(doc, b, list.clone())
            } else {
                split_items(doc, b, list.clone())
            };
            if trace_enabled() {
                eprintln!(
                    "agenda pieces {:?}",
                    pieces
                        .iter()
                        .map(|r| {
                            let o = object_of_presentation(doc, b, r.clone());
                            format!(
                                "{} => {} w={} person={} clause={}",
                                doc.slice(b, r.start, r.end.max(r.start + 1) - 1),
                                doc.slice(b, o.start, o.end.max(o.start + 1) - 1),
                                words(b, &o),
                                led_by_person(doc, b, &o),
                                is_clause(doc, b, &o)
                            )
                        })
                        .collect::<Vec<_>>()
                );
            }
            let items: Vec<(Range<usize>, String)> = pieces
                .into_iter()
                .map(|r| object_of_presentation(doc, b, r))
                .filter(|r| (1..=80).contains(&words(b, r)))
                .filter(|r| !led_by_person(doc, b, r) && !is_clause(doc, b, r))
                .filter(|r| !opens_non_item(doc, b, r))
                // "với nội dung đã được phê duyệt ...": a predicate, not a topic.
                .filter(|r| {
                    let t = &b.toks[r.start];
                    t.cap
                        || !matches!(
                            fold(doc.word(b, r.start)).as_str(),
                            "da" | "dang" | "se" | "duoc" | "bi" | "la"
                        )
                })
                // As the item will read ("và một số vấn đề khác" -> "một số ...").
                .map(|r| {
                    let text = clean_item(doc.slice(b, r.start, r.end - 1));
                    (r, text)
                })
                .filter(|(_, text)| {
                    const VAGUE: [&str; 4] = [
                        "mot so van de",
                        "cac van de",
                        "nhieu van de",
                        "nhung van de",
                    ];
                    let longest = VAGUE.iter().map(|v| v.len()).max().unwrap_or(0);
                    let t = fold_opening(text, longest);
                    !VAGUE.iter().any(|v| t.starts_with(v))
                })
                .collect();
            // "nhiều tờ trình quan trọng", "một số nội dung": a teaser, not the list.
            // A teaser is short; "một số nội dung còn ý kiến khác nhau của dự án
            // Luật X" names its document. ("các vấn đề ..." is gone already, above.)
            let vague = items.len() == 1 && words(b, &items[0].0) < 8 && {
                let t = fold(doc.slice(b, items[0].0.start, items[0].0.end - 1));
                ["nhieu ", "mot so "].iter().any(|v| t.starts_with(v))
            };
            if items.is_empty() || vague {
                continue;
            }
            let score = score(
                doc,
                b,
                ListAt {
                    bi,
                    cue,
                    sent: &sent,
                    list: &list,
                    items: items.len(),
                    main_kind: main_kind.unwrap_or(""),
                },
            ) + i32::from(at_meeting && sent.start == 0);
            // ("Tại kỳ họp, ..." opening the paragraph says whose business it is.)
            // A late list names documents ("cũng thông qua Nghị quyết ..."), not
            // whatever a later speaker heard.
            // A paragraph opening "Tại hội nghị, ..." tells what the meeting did,
            // so a discussion cue there names its topics.
            // ... or passed ("Tại kỳ họp, HĐND đã thông qua đề nghị ...").
            let discussed_there = at_meeting && {
                let c = fold(doc.slice(b, cue.first, cue.last));
                discussion_cue(&c) || c.ends_with("thong qua")
            };
            if late && !starts_item_head(doc, b, list.start) && !discussed_there {
                continue;
            }
            let also =
                late || (sent.start..=cue.last).any(|k| matches!(doc.word(b, k), "cũng" | "also"));
            if trace_enabled() {
                eprintln!(
                    "agenda cand blk={bi} cue={:?} score={score} also={also} items={:?}",
                    doc.slice(b, cue.first, cue.last),
                    items
                        .iter()
                        .map(|(r, _)| doc.slice(b, r.start, r.end - 1))
                        .collect::<Vec<_>>()
                );
            }
            cands.push(Candidate {
                blk: bi,
                items,
                score,
                also,
                cue: fold(doc.slice(b, cue.first, cue.last)),
                sitting_led: sitting_led(doc, b, &sent),
                subject_list,
            });
        }
    }
    let headings = session_headings(doc);
    let best = cands.iter().map(|c| c.score).max().unwrap_or(i32::MIN);
    if best < MIN_SCORE {
        return link(doc, headings);
    }
    // The best list (the first of equals), and lists that continue it ("Hội nghị
    // cũng nghe ...").
    // Of equals, a list the meeting discussed beats the purpose it was called for
    // ("nhằm đánh giá ...").
    let best_at = cands
        .iter()
        .position(|c| c.score == best && !matches!(c.cue.as_str(), "nham" | "de"))
        .or_else(|| cands.iter().position(|c| c.score == best))
        .unwrap_or(0);
    // A legislature's session runs over days of sittings, each with its business.
    let multi_sitting = {
        let k = fold(kind);
        k.contains("ky hop") || k.contains("session")
    };
    let mut items: Vec<(String, usize, Range<usize>)> = Vec::new();
    for (_, c) in cands.iter().enumerate().filter(|(k, c)| {
        *k == best_at
                // "Buổi sáng, Quốc hội đã nghe: ... Buổi chiều, Quốc hội đã nghe: ...":
                // the same cue, as strong, for each sitting.
                || c.score == best && c.cue == cands[best_at].cue
                || c.also && *k > best_at && c.score >= MIN_SCORE
                || c.subject_list && c.score >= MIN_SCORE
                // A session reported sitting by sitting: each sitting's business.
                || multi_sitting
                    && c.sitting_led
                    && c.score >= MIN_SCORE - 1
                    && discussion_cue(&c.cue)
                // "The meeting would also discuss ...": the list it adds to came
                // first.
                || cands[best_at].also && *k < best_at && c.score >= MIN_SCORE
    }) {
        let b = &doc.blocks[c.blk];
        for (r, text) in &c.items {
            if text.split_whitespace().count() >= 2 || text.chars().count() >= 6 {
                items.push((text.clone(), c.blk, b.span(r.start, r.end - 1)));
            }
        }
    }
    items.extend(headings);
    // The same item listed twice (lead and body): keep the first.
    let mut seen: HashSet<String> = HashSet::new();
    items.retain(|(t, _, _)| seen.insert(fold(t)));
    link(doc, items)
}

/// An item that opens, in lower case, with a word of
/// `assets/lexicon/{vi,en}/agenda_non_items.txt` (of the article's language: "tại
/// Phiên họp trù bị", "của phiên họp", "cho rằng ...", "at the summit") is an
/// adverbial or a complement the list ran into, not a topic.
fn opens_non_item(doc: &Doc, b: &Blk, r: &Range<usize>) -> bool {
    // Compared on the block's match key (no folding, no allocation: this runs
    // for every piece of every list).
    type KeySet = FxHashSet<Box<[u8]>>;
    fn keys(list: &'static str) -> KeySet {
        crate::lexicon::entries(list)
            .map(|w| {
                crate::text::fold::match_key(w)
                    .into_bytes()
                    .into_boxed_slice()
            })
            .collect()
    }
    static VI: OnceLock<KeySet> = OnceLock::new();
    static EN: OnceLock<KeySet> = OnceLock::new();
    let non_items = if doc.english {
        EN.get_or_init(|| keys(include_str!("../../assets/lexicon/en/agenda_non_items.txt")))
    } else {
        VI.get_or_init(|| keys(include_str!("../../assets/lexicon/vi/agenda_non_items.txt")))
    };
    let first = &b.toks[r.start];
    if !first.is_word() || first.cap {
        return false;
    }
    non_items.contains(b.key_bytes(r.start, r.start))
        || r.start + 1 < r.end
            && b.toks[r.start + 1].is_word()
            && non_items.contains(b.key_bytes(r.start, r.start + 1))
}

/// `s` starts with the word `w` followed by a space. (Without building `"{w} "`:
/// this runs for every purpose cue, "để" among them.)
fn starts_with_word(s: &str, w: &str) -> bool {
    s.strip_prefix(w).is_some_and(|rest| rest.starts_with(' '))
}

/// English cues whose list is their subject: "X and Y top the agenda".
fn is_subject_cue(phrase: &str) -> bool {
    phrase.starts_with("leading the list")
        || phrase.ends_with(" the agenda")
            && [
                "top",
                "tops",
                "topping",
                "dominate",
                "dominates",
                "dominating",
            ]
            .iter()
            .any(|v| starts_with_word(phrase, v))
}

/// The subject before a subject cue, without its auxiliary ("are", "will").
fn subject_span(doc: &Doc, b: &Blk, cue: &THit, sent: &Range<usize>) -> Range<usize> {
    let mut e = cue.first;
    while e > sent.start
        && matches!(
            doc.word(b, e - 1),
            "are" | "is" | "were" | "was" | "will" | "would" | "now" | "again" | "set" | "to"
        )
    {
        e -= 1;
    }
    // The subject must be short: a noun phrase list, not a clause.
    if e - sent.start > 25 || e == sent.start {
        return 0..0;
    }
    sent.start..e
}

/// A subject list cut at its commas and its "and"s.
fn split_on_and(doc: &Doc, b: &Blk, r: Range<usize>) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut s = r.start;
    for k in r.clone() {
        if b.toks[k].is_punct(',') || doc.word(b, k) == "and" {
            if s < k {
                out.push(s..k);
            }
            s = k + 1;
        }
    }
    if s < r.end {
        out.push(s..r.end);
    }
    out
}

crate::lexicon::word_list! {
    /// Words that head a part of a programme: "Phiên 1: ...", "Session 2: ...".
    ///
    /// The entries are in `assets/lexicon/vi/agenda_part_heads.txt`, then
    /// `assets/lexicon/en/agenda_part_heads.txt`.
    fn part_heads = "lexicon/vi/agenda_part_heads.txt", "lexicon/en/agenda_part_heads.txt";
}

/// Headings of the parts of the meeting, each a paragraph of its own: "Phiên 1: Bảo
/// vệ lợi ích chủ quyền", "Session 2: Trade and climate". Their topics are the agenda.
fn session_headings(doc: &Doc) -> Vec<(String, usize, Range<usize>)> {
    let mut out = Vec::new();
    for (bi, b) in doc.blocks.iter().enumerate() {
        if b.caption || b.toks.len() > 40 || b.toks.len() < 4 {
            continue;
        }
        let Some(colon) = (1..b.toks.len().min(5)).find(|&k| b.toks[k].is_punct(':')) else {
            continue;
        };
        let head = fold(doc.slice(b, 0, colon - 1));
        let numbered = part_heads().iter().any(|h| {
            head.strip_prefix(h).is_some_and(|rest| {
                let rest = rest.trim();
                !rest.is_empty()
                    && (rest.chars().all(|c| c.is_ascii_digit())
                        || rest.chars().all(|c| matches!(c, 'i' | 'v' | 'x')))
            })
        });
        if !numbered || !b.toks[0].cap || colon + 1 >= b.toks.len() {
            continue;
        }
        let r = trim(b, colon + 1..b.toks.len());
        if r.is_empty() {
            continue;
        }
        let text = clean_item(doc.slice(b, r.start, r.end - 1));
        out.push((text, bi, b.span(r.start, r.end - 1)));
    }
    out
}

/// A paragraph that adds to what the meeting did: "cũng", "ngoài ra", "also".
fn adds_to_agenda(doc: &Doc, b: &Blk) -> bool {
    (0..b.toks.len().min(40)).any(|k| {
        matches!(doc.word(b, k), "cũng" | "Cũng" | "also" | "Ngoài" | "Also")
            && (doc.word(b, k) != "Ngoài" || doc.word(b, k + 1) == "ra")
    })
}

/// A paragraph that opens at the meeting: "Tại hội nghị, ...", "Tại buổi tọa đàm,
/// ...", "At the meeting, ...".
fn opens_at_the_meeting(doc: &Doc, b: &Blk) -> bool {
    !b.toks.is_empty()
        && matches!(doc.word(b, 0), "Tại" | "At")
        && b.hits.iter().any(|h| h.cat == Cat::Kind && h.first <= 3)
}

/// Cues that say the meeting talked a topic over (not "về", "để", "gồm").
fn discussion_cue(phrase: &str) -> bool {
    [
        "thao luan",
        "trao doi",
        "chia se",
        "cho y kien",
        "gop y",
        "ban ",
        "xem xet",
        "discuss",
    ]
    .iter()
    .any(|k| phrase.contains(k))
        || phrase == "ban"
}

/// Prints every candidate list with its score (a development aid for rule work:
/// `DOCKET_TRACE_AGENDA=1 docket outline FILE`).
fn trace_enabled() -> bool {
    static ON: std::sync::OnceLock<bool> = std::sync::OnceLock::new();
    *ON.get_or_init(|| std::env::var_os("DOCKET_TRACE_AGENDA").is_some())
}

/// Below this, no list is the meeting's agenda.
const MIN_SCORE: i32 = 5;

/// How much a list after a cue looks like the meeting's agenda: an explicit cue,
/// a colon, the meeting as the sentence's subject, an early position, several items.
/// Where a list was found: for scoring it.
struct ListAt<'a> {
    bi: usize,
    cue: &'a THit,
    sent: &'a Range<usize>,
    list: &'a Range<usize>,
    items: usize,
    main_kind: &'a str,
}

fn score(doc: &Doc, b: &Blk, at: ListAt) -> i32 {
    let ListAt {
        bi,
        cue,
        sent,
        list,
        items,
        main_kind,
    } = at;
    let phrase = fold(doc.slice(b, cue.first, cue.last));
    let explicit = [
        "noi dung",
        "van de",
        "thao luan",
        "cho y kien",
        "xem xet",
        "ban ",
        "ban cac",
        "agenda",
        "discuss",
        "nghe",
        "gop y",
    ]
    .iter()
    .any(|k| phrase.contains(k) || phrase == "ban");
    let mut score = if explicit { 3 } else { 1 };
    // "tập trung thảo luận", "bàn các nội dung:": the focus of the meeting.
    if phrase.contains("tap trung") {
        score += 1;
    }
    // "thông qua Nghị quyết ...", "cho ý kiến dự án Luật ...": a document acted on.
    if matches!(
        phrase.as_str(),
        "thong qua" | "cho y kien" | "bieu quyet thong qua"
    ) && starts_item_head(doc, b, list.start)
    {
        score += 2;
    }
    // "Các ý kiến thảo luận tập trung vào ...": points raised in a debate, not
    // what the meeting had on its agenda.
    if cue.first > sent.start
        && fold(doc.slice(
            b,
            cue.first.saturating_sub(4).max(sent.start),
            cue.first - 1,
        ))
        .contains("y kien")
    {
        score -= 4;
    }
    if cue.last + 1 < b.toks.len() && b.toks[cue.last + 1].is_punct(':')
        || list.start > 0 && b.toks[list.start - 1].is_punct(':')
    {
        score += 2;
    }
    let subject_kind = b
        .hits
        .iter()
        .rfind(|h| matches!(h.cat, Cat::Kind) && h.first >= sent.start && h.last < cue.first)
        // As written: `family` compares on the diacritic-keeping match key.
        .map(|h| doc.slice(b, h.first, h.last));
    match subject_kind {
        // Another meeting's agenda ("Đại hội đã thông qua ..." in an article about
        // a conference that studies it).
        Some(k)
            if !main_kind.is_empty()
                && super::meetings::family(k) != super::meetings::family(main_kind) =>
        {
            score -= 5
        }
        Some(_) => score += 2,
        None if b.hits.iter().any(|h| h.cat == Cat::Kind) => score += 1,
        None => {}
    }
    if list.clone().any(|k| b.toks[k].is_punct(';')) {
        score += 1;
    }
    if bi < 3 {
        score += 1;
    }
    if b.toks[cue.first].start - b.toks[0].start < 600 {
        score += 1;
    }
    if items >= 2 {
        score += 1;
    }
    score
}

/// "Bộ trưởng X trình bày Tờ trình Y" listed as an item: the item is what was
/// presented ("Tờ trình Y").
fn object_of_presentation(doc: &Doc, b: &Blk, r: Range<usize>) -> Range<usize> {
    let verb = r.clone().find(|&k| {
        b.hits_at(k).any(|h| {
            h.cat == Cat::Speech
                && matches!(
                    fold(doc.slice(b, h.first, h.last)).as_str(),
                    "trinh bay" | "bao cao tom tat"
                )
        })
    });
    match verb {
        Some(k) => {
            let end = b.hits_at(k).map(|h| h.last).max().unwrap_or(k) + 1;
            if end < r.end { end..r.end } else { r }
        }
        None => r,
    }
}

crate::lexicon::word_list! {
    /// Verbs after "nhằm"/"để" that make a purpose an agenda ("nhằm đánh giá ...",
    /// "để kiểm điểm ..."), as opposed to a goal ("nhằm nâng cao nhận thức").
    ///
    /// The entries are in `assets/lexicon/vi/agenda_actions.txt`, then
    /// `assets/lexicon/en/agenda_actions.txt`.
    fn agenda_actions = "lexicon/vi/agenda_actions.txt", "lexicon/en/agenda_actions.txt";
}

crate::lexicon::word_list! {
    /// Verbs of meeting talk that open an item without being part of it ("thảo luận
    /// ảnh hưởng của ..." lists "ảnh hưởng của ...").
    ///
    /// The entries are in `assets/lexicon/rules/agenda_item_openers.txt`.
    fn item_openers = "lexicon/rules/agenda_item_openers.txt";
}

/// The byte length of the longest of [`item_openers`].
fn longest_item_opener() -> usize {
    static LONGEST: OnceLock<usize> = OnceLock::new();
    *LONGEST.get_or_init(|| item_openers().iter().map(|o| o.len()).max().unwrap_or(0))
}

/// The folded form of the opening of `s`: at least its first `len` bytes, or
/// all of `s` if it folds shorter. A prefix of [`fold`]`(s)`, since folding goes
/// character by character; for tests on how a long text begins without folding
/// all of it.
fn fold_opening(s: &str, len: usize) -> String {
    let mut out = String::with_capacity(len + 4);
    for c in s.chars() {
        if out.len() >= len {
            break;
        }
        let f = crate::text::fold::fold_char(c);
        if f != '\u{0}' {
            out.push(f);
        }
    }
    out
}

/// The words from token `k` refer back to what was said before ("các nội dung
/// trên", "vấn đề này", "these issues"): after a cue, no list follows.
fn points_back(b: &Blk, k: usize) -> bool {
    // On the block's match key: this runs for every cue.
    let word = |i: usize| {
        b.toks
            .get(i)
            .filter(|t| t.is_word())
            .map(|_| b.key_bytes(i, i))
    };
    let is =
        |i: usize, words: &[&str]| word(i).is_some_and(|w| words.iter().any(|x| x.as_bytes() == w));
    if is(k, &["these", "those"]) {
        return true;
    }
    let mut at = k;
    if is(at, &["các", "những", "the"]) {
        at += 1;
    }
    // The noun first: a bare "trên" after a cue is "more than" ("về trên 20 nội
    // dung").
    let after_noun = if is(at, &["nội"]) && is(at + 1, &["dung"])
        || is(at, &["vấn"]) && is(at + 1, &["đề"])
    {
        at + 2
    } else if is(at, &["issues", "matters", "topics"]) {
        at + 1
    } else {
        return false;
    };
    is(after_noun, &["trên", "này", "đó", "above"])
}

/// Cues that need the meeting nearby to mean an agenda: "nhằm", "để", "về", "với".
fn cue_applies(doc: &Doc, b: &Blk, cue: &THit) -> bool {
    if points_back(b, cue.last + 1) {
        return false;
    }
    let phrase = fold(doc.slice(b, cue.first, cue.last));
    // "Với nội dung thiết thực, hội nghị đã ...": an opening adverbial that praises
    // the content instead of naming it.
    if matches!(phrase.as_str(), "voi noi dung" | "voi cac noi dung")
        && cue.first == b.sentence_of(cue.first).start
        && b.toks
            .get(cue.last + 1)
            .is_some_and(|t| t.is_word() && !t.cap)
        && !starts_item_head(doc, b, cue.last + 1)
    {
        return false;
    }
    // Bare "thảo luận" only before an announcement of the list ("thảo luận nhiều
    // nội dung quan trọng, trong đó ..."); elsewhere it is what delegates did.
    if phrase == "thao luan" {
        let rest = match b.toks.get(cue.last + 1) {
            Some(t) => fold(&doc.text[t.start..b.toks[(cue.last + 4).min(b.toks.len() - 1)].end]),
            None => return false,
        };
        return [
            "nhieu noi dung",
            "cac noi dung",
            "nhung noi dung",
            "cac van de",
            "nhieu van de",
            "nhung van de",
        ]
        .iter()
        .any(|o| rest.starts_with(o));
    }
    // "Ủy ban cho ý kiến dự án Luật X": a document right after the verb; without
    // one it is someone's opinion ("cho ý kiến tại hội nghị").
    if phrase == "cho y kien" {
        return starts_item_head(doc, b, cue.last + 1);
    }
    let purpose = matches!(phrase.as_str(), "nham" | "de");
    if purpose {
        // The rest of the block after the cue (nothing when the cue ends it).
        let after = match b.toks.get(cue.last + 1) {
            // A few words are enough to compare with the actions; folding the
            // rest of a long block for every cue was quadratic.
            Some(t) => fold(&doc.text[t.start..b.toks[(cue.last + 6).min(b.toks.len() - 1)].end]),
            None => String::new(),
        };
        if !agenda_actions().iter().any(|a| starts_with_word(&after, a)) {
            return false;
        }
    }
    let weak = purpose
        || matches!(
            phrase.as_str(),
            "gom"
                | "bao gom"
                | "thong qua"
                | "lam viec voi"
                | "cac van de"
                | "include"
                | "included"
                | "to discuss"
                | "discussed"
                | "tap trung vao"
                | "ve"
        );
    if !weak {
        return true;
    }
    // A weak cue counts right after a meeting noun phrase or its verb: "tổ chức Hội
    // nghị X nhằm ...", "Hội nghị nhằm ...", "HĐND thông qua ...".
    let sent = b.sentence_of(cue.first);
    let kind_before = b.hits.iter().any(|h| {
        matches!(h.cat, Cat::Kind | Cat::Trigger)
            && h.first >= sent.start
            && h.last < cue.first
            && cue.first - h.last <= 25
    });
    let near_start = cue.first - sent.start <= 12;
    if phrase == "ve" {
        // "buổi làm việc với tỉnh Bình Phước về ...": the meeting right before, and
        // not inside a name ("Ủy ban hỗn hợp về ...").
        let org_between = b
            .hits
            .iter()
            .any(|h| h.cat == Cat::Org && h.last < cue.first && cue.first - h.last <= 4);
        return !org_between
            && b.hits.iter().any(|h| {
                matches!(h.cat, Cat::Kind | Cat::Trigger)
                    && h.first >= sent.start
                    && h.last < cue.first
                    && cue.first - h.last <= 8
            });
    }
    // "khi nghe báo cáo ...", "sau khi thông qua ...": a time clause, not the agenda.
    if cue.first > 0
        && matches!(
            fold(doc.word(b, cue.first - 1)).as_str(),
            "khi" | "after" | "when"
        )
    {
        return false;
    }
    // "HĐND thành phố (đã) thông qua Nghị quyết ...": a body passing a document.
    let body_passes = phrase == "thong qua"
        && b.hits.iter().any(|h| {
            h.cat == Cat::Org
                && h.first >= sent.start
                && h.last < cue.first
                && cue.first - h.last <= 4
        })
        && starts_item_head(doc, b, cue.last + 1);
    body_passes || kind_before && (near_start || purpose || phrase == "thong qua")
}

/// The tokens of the list after a cue: to the end of the sentence, or of the
/// paragraph when items are separated by ";".
fn list_span(doc: &Doc, b: &Blk, cue: &THit, sent: &Range<usize>) -> Range<usize> {
    let mut s = cue.last + 1;
    let n = b.toks.len();
    // ":" and bullets after the cue.
    let mut bulleted = false;
    while s < n && matches!(b.toks[s].punct(), Some(':' | '-' | '–' | ',')) {
        bulleted |= s > cue.last + 1 && b.toks[s - 1].is_punct(':') && is_bullet(b, s);
        s += 1;
    }
    // "Quốc hội đã nghe: - A trình bày X. - B trình bày Y.": one item per bullet,
    // over as many sentences as the bullets run.
    if bulleted {
        let mut e = s;
        while e < n {
            if b.toks[e].is_punct('.') && !is_bullet(b, e + 1) {
                break;
            }
            e += 1;
        }
        return s..e;
    }
    // "các nội dung:", "nhiều nội dung quan trọng liên quan đến", ", thông qua ...".
    for _ in 0..3 {
        static OPENERS: OnceLock<Vec<String>> = OnceLock::new();
        let openers = folded(list_openers(), &OPENERS);
        let rest_key = match b.toks.get(s) {
            // Openers are short: a window of words, and of it as much as the
            // longest opener and the character after it.
            Some(_) => fold_opening(
                &doc.text[b.toks[s].start..b.toks[(s + 12).min(n - 1)].end],
                openers.iter().map(String::len).max().unwrap_or(0) + 1,
            ),
            None => String::new(),
        };
        let before = s;
        for (opener, o) in list_openers().iter().zip(openers) {
            // Followed by a space, a colon or a comma.
            if rest_key
                .strip_prefix(o.as_str())
                .is_some_and(|rest| rest.starts_with([' ', ':', ',']))
            {
                let words = opener.split_whitespace().count();
                let mut k = s;
                let mut seen = 0;
                while k < n && seen < words {
                    if b.toks[k].is_word() {
                        seen += 1;
                    }
                    k += 1;
                }
                s = k;
                while s < n && matches!(b.toks[s].punct(), Some(':' | '-' | '–' | ',')) {
                    s += 1;
                }
                break;
            }
        }
        if s == before {
            break;
        }
    }
    // "nhiều nội dung quan trọng, trong đó có ...": the teaser names none; what
    // follows "trong đó (có)" are the items.
    if s > cue.last + 1
        && s + 1 < n
        && folds_to(doc.word(b, s), "trong")
        && folds_to(doc.word(b, s + 1), "do")
    {
        s += 2;
        if s < n && folds_to(doc.word(b, s), "co") {
            s += 1;
        }
    }
    // "ba nhóm vấn đề: A; B; C": a short announcement before a colon.
    if let Some(colon) = (s..n.min(s + 8)).find(|&k| b.toks[k].is_punct(':')) {
        s = colon + 1;
    }
    let mut e = sent.end.max(s);
    // A list with ";" may run over several "sentences" ("...; Tăng cường ...").
    let has_semicolons = (s..n)
        .take_while(|&k| !is_full_stop(b, k) || k < e)
        .any(|k| b.toks[k].is_punct(';'));
    if has_semicolons {
        let mut k = s;
        let mut last_semi = s;
        while k < n {
            if b.toks[k].is_punct(';') {
                last_semi = k;
            }
            if is_full_stop(b, k) && k > last_semi && !next_is_continuation(doc, b, k) {
                break;
            }
            k += 1;
        }
        e = e.max(k);
    }
    // Stop at a new clause inside the sentence.
    static ENDS: OnceLock<Vec<String>> = OnceLock::new();
    let ends = folded(list_ends(), &ENDS);
    for k in s..e {
        let w = doc.word(b, k);
        if folds_to_any(w, ends) || is_full_stop(b, k) && k < e && !has_semicolons {
            e = k;
            break;
        }
    }
    while e > s && b.toks[e - 1].punct().is_some() {
        e -= 1;
    }
    s..e
}

/// `fold(w) == folded`, without building the folded word: most words differ
/// from `folded` in their first letter. (For tests of every token of a list.)
fn folds_to(w: &str, folded: &str) -> bool {
    let mut rest = folded;
    for c in w.chars() {
        let f = crate::text::fold::fold_char(c);
        if f == '\u{0}' {
            continue;
        }
        match rest.strip_prefix(f) {
            Some(r) => rest = r,
            None => return false,
        }
    }
    rest.is_empty()
}

/// `fold(w)` is one of `folded` (a test of every token of a list; [`folds_to`]
/// turns most entries away at their first letter).
fn folds_to_any(w: &str, folded: &[String]) -> bool {
    folded.iter().any(|t| folds_to(w, t))
}

/// The folded forms of a word list, made once (in `cell`) rather than at every
/// comparison.
fn folded(list: &[&str], cell: &'static OnceLock<Vec<String>>) -> &'static [String] {
    cell.get_or_init(|| list.iter().map(|w| fold(w)).collect())
}

/// A sentence-ending mark: ".", "…" (a list trailing off), "!" or "?".
fn is_full_stop(b: &Blk, k: usize) -> bool {
    matches!(b.toks[k].punct(), Some('.' | '…' | '!' | '?'))
}

/// A dash opening a list entry.
fn is_bullet(b: &Blk, k: usize) -> bool {
    b.toks
        .get(k)
        .is_some_and(|t| t.is_punct('-') || t.is_punct('–'))
}

fn next_is_continuation(_doc: &Doc, b: &Blk, k: usize) -> bool {
    // "... khóa XI; Tăng cường ..." keeps going when the period is inside an
    // abbreviation; a real sentence end stops.
    b.toks.get(k + 1).is_some_and(|t| !t.cap && t.is_word())
}

/// Items of a list: split at ";" (and "; -" bullets); a list without ";" splits at
/// commas when the pieces are parallel, and its last piece at "và"/"and" when
/// what follows starts like an item (a capital, or the same first word).
fn split_items(doc: &Doc, b: &Blk, list: Range<usize>) -> Vec<Range<usize>> {
    // Bullets ("... . - B trình bày Y") separate items; without them, ";" does.
    let bullets: Vec<usize> = list
        .clone()
        .filter(|&k| b.toks[k].is_punct('.') && is_bullet(b, k + 1))
        .collect();
    let mut depth = 0i32;
    let semis: Vec<usize> = if !bullets.is_empty() {
        bullets
    } else {
        list.clone()
            .filter(|&k| {
                match b.toks[k].punct() {
                    Some('“' | '(') => depth += 1,
                    Some('”' | ')') => depth -= 1,
                    _ => {}
                }
                depth <= 0 && b.toks[k].is_punct(';')
            })
            .collect()
    };
    let mut pieces: Vec<Range<usize>> = Vec::new();
    let by_semicolon = !semis.is_empty();
    if by_semicolon {
        let mut s = list.start;
        for k in semis {
            pieces.push(s..k);
            s = k + 1;
        }
        pieces.push(s..list.end);
        // "tình hình X, kế hoạch Y; đánh giá Z": a headed item after a comma
        // inside a semicolon piece.
        pieces = pieces
            .iter()
            .flat_map(|p| {
                split_at_heads(doc, b, &join_addresses(doc, b, comma_pieces(b, p.clone())))
            })
            .collect();
    } else {
        pieces = join_addresses(doc, b, comma_pieces(b, list.clone()));
        // "A, B, C and D, and formulate ...": after a list that has had its "and",
        // a piece starting with "and" is a new clause.
        if doc.english
            && let Some(end) = (1..pieces.len()).find(|&i| {
                doc.word(b, trim(b, pieces[i].clone()).start) == "and"
                    && pieces[..i]
                        .iter()
                        .any(|p| p.clone().any(|k| doc.word(b, k) == "and"))
            })
        {
            pieces.truncate(end);
        }
        // "X, along the lines of Y": a modifier, not an item.
        if doc.english
            && let Some(end) = (1..pieces.len()).find(|&i| {
                matches!(
                    doc.word(b, trim(b, pieces[i].clone()).start),
                    "along" | "with" | "which" | "that" | "who" | "while" | "as" | "in" | "at"
                )
            })
        {
            pieces.truncate(end);
        }
        // Commas inside one long noun phrase ("lãnh đạo, chỉ đạo, thực hiện"): keep
        // whole unless every piece is at least three words.
        let va_inside = pieces.len() > 1
            && pieces[..pieces.len() - 1]
                .iter()
                .any(|p| p.clone().any(|k| matches!(doc.word(b, k), "và" | "and")));
        let min_words = if doc.english { 1 } else { 3 };
        // "nhiệm vụ bảo vệ an ninh quốc gia, bảo đảm trật tự, an toàn xã hội": a
        // long item ending in a short enumeration of its own.
        let longest_rest = pieces
            .iter()
            .skip(1)
            .map(|p| words(b, p))
            .max()
            .unwrap_or(0);
        let tail_enumeration = !doc.english
            && pieces.len() > 1
            && words(b, &pieces[0]) >= 10
            && words(b, &pieces[0]) > 2 * longest_rest;
        if pieces.len() > 1
            && (pieces.iter().any(|p| words(b, p) < min_words) || va_inside || tail_enumeration)
        {
            pieces = split_at_heads(doc, b, &pieces);
        }
    }
    // The last piece (or the only one) may join two items with "và"/"and".
    let mut out = Vec::new();
    let count = pieces.len();
    for (i, p) in pieces.into_iter().enumerate() {
        let p = trim(b, p);
        if p.is_empty() {
            continue;
        }
        if i + 1 == count || count == 1 {
            out.extend(split_and(doc, b, p, count > 1 && !by_semicolon));
        } else {
            out.push(p);
        }
    }
    out
}

crate::lexicon::word_list! {
    /// Words that name a level of administration ("xã Thạnh An, huyện Cần Giờ").
    ///
    /// The entries are in `assets/lexicon/vi/admin_units.txt`.
    fn admin_units = "lexicon/vi/admin_units.txt";
}

/// A piece that continues an address: "huyện Cần Giờ" after "... xã Thạnh An".
fn continues_address(doc: &Doc, b: &Blk, prev: &Range<usize>, p: &Range<usize>) -> bool {
    let p = trim(b, p.clone());
    if prev.is_empty() || p.is_empty() || !b.toks[prev.end - 1].cap {
        return false;
    }
    let one = doc.word(b, p.start);
    let two = if p.start + 1 < p.end {
        format!("{one} {}", doc.word(b, p.start + 1))
    } else {
        String::new()
    };
    let (unit, len) = if admin_units().contains(&two.as_str()) {
        (true, 2)
    } else {
        (admin_units().contains(&one), 1)
    };
    unit && b.toks.get(p.start + len).is_some_and(|t| t.cap)
}

/// Comma pieces with the parts of an address joined back.
fn join_addresses(doc: &Doc, b: &Blk, pieces: Vec<Range<usize>>) -> Vec<Range<usize>> {
    let mut out: Vec<Range<usize>> = Vec::with_capacity(pieces.len());
    for p in pieces {
        match out.last_mut() {
            Some(last) if continues_address(doc, b, last, &p) => last.end = p.end,
            _ => out.push(p),
        }
    }
    out
}

/// `r` cut at its commas outside brackets and quotes.
fn comma_pieces(b: &Blk, r: Range<usize>) -> Vec<Range<usize>> {
    let mut pieces = Vec::new();
    let mut depth = 0i32;
    let mut straight = false;
    let mut s = r.start;
    for k in r.clone() {
        match b.toks[k].punct() {
            Some('(' | '“') => depth += 1,
            Some(')' | '”') => depth -= 1,
            Some('"') => straight = !straight,
            Some(',') if depth == 0 && !straight && !inside_amending(b, k) => {
                pieces.push(s..k);
                s = k + 1;
            }
            // 'a "South Bank," along ...': the comma inside the closing quote.
            Some(',') if depth == 0 && b.toks.get(k + 1).is_some_and(|t| t.is_punct('"')) => {
                pieces.push(s..k);
                s = k + 2;
                straight = false;
            }
            _ => {}
        }
    }
    if s < r.end || pieces.is_empty() {
        pieces.push(s..r.end.max(s));
    }
    pieces
}

/// The comma at token `k` sits inside the legal formula "sửa đổi, bổ sung"
/// ("Luật sửa đổi, bổ sung một số điều của ..."): the document's name goes on.
fn inside_amending(b: &Blk, k: usize) -> bool {
    let two_words_are = |first: usize, words: &str| {
        b.toks[first].is_word()
            && b.toks[first + 1].is_word()
            && b.key_bytes(first, first + 1) == words.as_bytes()
    };
    k >= 2
        && k + 2 < b.toks.len()
        && two_words_are(k - 2, "sửa đổi")
        && two_words_are(k + 1, "bổ sung")
}

/// Comma pieces that are not parallel items: joins them back, except where a
/// piece starts with an agenda head ("tình hình X, kế hoạch Y") and both sides are
/// long enough to be items.
fn split_at_heads(doc: &Doc, b: &Blk, pieces: &[Range<usize>]) -> Vec<Range<usize>> {
    let mut out: Vec<Range<usize>> = Vec::new();
    for p in pieces {
        let p = p.clone();
        // "dự án Luật X, có 125 lượt ý kiến ...": a clause starts, the list ends.
        if !out.is_empty() && starts_clause(doc, b, trim(b, p.clone()).start) {
            break;
        }
        match out.last_mut() {
            Some(last)
                if !(starts_item_head(doc, b, trim(b, p.clone()).start)
                    && words(b, &p) >= 3
                    && words(b, last) >= 3
                    && !ends_with_head(doc, b, last)) =>
            {
                last.end = p.end;
            }
            _ => out.push(p),
        }
    }
    out
}

/// "... và nhiệm vụ, giải pháp ...": two heads joined by a comma name one item.
fn ends_with_head(doc: &Doc, b: &Blk, r: &Range<usize>) -> bool {
    let r = trim(b, r.clone());
    (r.end > r.start + 1 && starts_item_head(doc, b, r.end - 1))
        || (r.end >= r.start + 3 && {
            let k = r.end - 2;
            let one = fold(doc.word(b, k));
            let two = fold(doc.word(b, k + 1));
            super::lexicon::Lexicon::get().is_agenda_head(&format!("{one} {two}"), "")
        })
}

crate::lexicon::word_list! {
    /// Words that open a clause after a comma, ending a list of noun phrases.
    ///
    /// The entries are in `assets/lexicon/vi/agenda_clause_starts.txt`.
    fn clause_starts = "lexicon/vi/agenda_clause_starts.txt";
}

fn starts_clause(doc: &Doc, b: &Blk, k: usize) -> bool {
    if k >= b.toks.len() {
        return false;
    }
    let one = fold(doc.word(b, k));
    let two = if k + 1 < b.toks.len() {
        format!("{one} {}", fold(doc.word(b, k + 1)))
    } else {
        String::new()
    };
    clause_starts().iter().any(|c| *c == one || *c == two)
}

/// True when the words at `k` head an agenda item ("kế hoạch", "Báo cáo", "việc").
fn starts_item_head(doc: &Doc, b: &Blk, k: usize) -> bool {
    if doc.english || k >= b.toks.len() || !b.toks[k].is_word() {
        return false;
    }
    let one = fold(doc.word(b, k));
    let two = if k + 1 < b.toks.len() {
        fold(doc.word(b, k + 1))
    } else {
        String::new()
    };
    super::lexicon::Lexicon::get().is_agenda_head(&one, &two)
}

/// "ranging from X to Y": two items.
fn from_to(doc: &Doc, b: &Blk, r: Range<usize>) -> Vec<Range<usize>> {
    match r.clone().find(|&k| doc.word(b, k) == "to") {
        Some(k) if k > r.start && k + 1 < r.end => vec![r.start..k, k + 1..r.end],
        _ => vec![r],
    }
}

fn words(b: &Blk, r: &Range<usize>) -> usize {
    r.clone().filter(|&k| b.toks[k].is_word()).count()
}

fn trim(b: &Blk, r: Range<usize>) -> Range<usize> {
    let (mut s, mut e) = (r.start, r.end);
    while s < e
        && matches!(
            b.toks[s].punct(),
            Some('-' | '–' | ',' | ':' | '+' | '*' | '•')
        )
    {
        s += 1;
    }
    while e > s
        && matches!(
            b.toks[e - 1].punct(),
            Some(',' | ';' | ':' | '.' | '-' | '–')
        )
    {
        e -= 1;
    }
    s..e
}

/// Splits "A và B" when B starts like an item: capitalised ("Luật tiếp công dân
/// và Luật Bảo vệ ..."), or with A's first word ("dự án X và dự án Y"), or always
/// at the end of a comma list ("A, B và C") — but never inside an organisation's
/// name ("Bộ Khoa học và Công nghệ").
fn split_and(doc: &Doc, b: &Blk, r: Range<usize>, in_list: bool) -> Vec<Range<usize>> {
    let first_word = fold(doc.word(b, r.start));
    let mut depth = 0i32;
    for k in r.clone() {
        match b.toks[k].punct() {
            Some('(' | '“') => depth += 1,
            Some(')' | '”') => depth -= 1,
            _ => {}
        }
        if depth != 0 || k == r.start || k + 1 >= r.end {
            continue;
        }
        let w = doc.word(b, k);
        if !folds_to(w, "va") && !folds_to(w, "and") {
            continue;
        }
        let inside_org = b
            .hits
            .iter()
            .any(|h| h.cat == Cat::Org && h.first < k && k - h.first <= 4);
        if inside_org {
            continue;
        }
        let next = k + 1;
        let next_word = fold(doc.word(b, next));
        // "dự án X và dự án Y": the words after "và" head an earlier item too.
        let repeats_head = next + 1 < r.end && starts_item_head(doc, b, next) && {
            let head = format!("{} {}", next_word, fold(doc.word(b, next + 1)));
            (r.start..k.saturating_sub(1))
                .any(|j| format!("{} {}", fold(doc.word(b, j)), fold(doc.word(b, j + 1))) == head)
        };
        // In a comma list the piece after "và" starts like the items do (a capital
        // or not): "Luật A, Luật Bảo vệ và kiểm dịch thực vật" is two items.
        let same_case = b.toks[next].cap == b.toks[r.start].cap;
        let action_pair = agenda_actions().iter().any(|a| {
            fold(&doc.text[b.toks[r.start].start..b.toks[(r.start + 2).min(r.end - 1)].end])
                .starts_with(a)
        }) && agenda_actions().iter().any(|a| {
            fold(&doc.text[b.toks[next].start..b.toks[(next + 1).min(r.end - 1)].end])
                .starts_with(a)
        });
        // "tình hình X và kế hoạch Y": both sides headed like items.
        let heads_pair = starts_item_head(doc, b, r.start) && starts_item_head(doc, b, next);
        // "kế hoạch X và thảo luận, trao đổi về Y": the meeting's next business.
        let next_business = {
            let ahead = fold(&doc.text[b.toks[next].start..b.toks[(next + 3).min(r.end - 1)].end]);
            item_openers().iter().any(|o| {
                ahead
                    .strip_prefix(o)
                    .is_some_and(|a| a.starts_with([' ', ',']))
            })
        };
        let starts_item = in_list && same_case
            || next_business
            || heads_pair
            || repeats_head
            || action_pair
            || b.toks[next].cap && b.toks[r.start].cap
            || next_word == first_word && k - r.start >= 2;
        if starts_item && next - r.start >= 2 && r.end - next >= 1 {
            let mut out: Vec<Range<usize>> = Vec::with_capacity(2);
            out.push(r.start..k);
            out.extend(split_and(doc, b, next..r.end, false));
            return out;
        }
    }
    vec![r]
}

/// An item as written, without leading conjunctions or trailing punctuation.
fn clean_item(s: &str) -> String {
    let mut t = s.trim();
    // "về việc phát hành cổ phiếu" lists "việc phát hành cổ phiếu".
    for lead in ["và ", "cùng ", "đồng thời ", "về ", "and ", "- ", "– "] {
        if let Some(r) = t.strip_prefix(lead) {
            t = r.trim_start();
        }
    }
    // "thảo luận ảnh hưởng của ..." -> "ảnh hưởng của ..."; "thảo luận, trao đổi
    // về X" -> "X".
    let mut item = t.to_owned();
    'openers: loop {
        // Only the opening is compared: an opener and the character after it.
        let folded = fold_opening(&item, longest_item_opener() + 1);
        for opener in item_openers() {
            let Some(after) = folded.strip_prefix(opener) else {
                continue;
            };
            if !after.starts_with([' ', ',']) {
                continue;
            }
            let words = opener.split(' ').count();
            let rest: Vec<&str> = item.split_whitespace().skip(words).collect();
            let rest = rest.join(" ");
            let rest = rest.trim_start_matches([',', ' ']);
            if rest.split_whitespace().count() < 2 {
                break 'openers;
            }
            item = rest.to_owned();
            continue 'openers;
        }
        break;
    }
    let t = item.as_str();
    close_quotes(crate::text::collapse_spaces(
        t.trim_end_matches(['.', ',', ';', ':', ' ']),
    ))
}

/// An item cut inside a quotation gets its closing quote back: 'thực hiện Nghị
/// quyết “Một số vấn đề ...”', 'a "South Bank"'.
fn close_quotes(mut t: String) -> String {
    if t.matches('“').count() > t.matches('”').count() {
        t.push('”');
    } else if t.matches('"').count() % 2 == 1 && !t.ends_with('"') {
        t.push('"');
    }
    t
}

/// A clause rather than a noun phrase: a capitalised subject followed by a verb
/// ("BĐBP các tỉnh thảo luận và báo cáo về ...").
fn is_clause(doc: &Doc, b: &Blk, r: &Range<usize>) -> bool {
    // "Tờ trình đề nghị Quốc hội phê chuẩn ...": a document's name, whatever
    // verbs it holds.
    if starts_item_head(doc, b, r.start) {
        return false;
    }
    // "..., hội nghị đã nhận được ...": a subject and a tense marker after a comma.
    let tensed_after_comma = r.clone().any(|k| {
        b.toks[k].is_punct(',')
            && (k + 2..(k + 5).min(r.end)).any(|j| {
                matches!(
                    doc.word(b, j),
                    "đã" | "sẽ" | "đang" | "will" | "has" | "have"
                )
            })
    });
    if tensed_after_comma {
        return true;
    }
    let verb_at = b
        .hits
        .iter()
        .filter(|h| {
            matches!(h.cat, Cat::Speech | Cat::Trigger | Cat::Chair)
                && h.first > r.start + 1
                && h.last < r.end
        })
        .map(|h| h.first)
        .min();
    let Some(v) = verb_at else { return false };
    // A capitalised subject, or a title (someone) before the verb.
    b.toks[r.start].cap
        || b.hits.iter().any(|h| {
            matches!(h.cat, Cat::Title | Cat::Honorific) && h.first >= r.start && h.last < v
        })
}

/// An item that starts with a person and has no report after it ("Cục trưởng X
/// phân tích ..."): who spoke, not what was discussed.
fn led_by_person(doc: &Doc, b: &Blk, r: &Range<usize>) -> bool {
    let first = doc.word(b, r.start);
    b.hits_at(r.start)
        .any(|h| matches!(h.cat, Cat::Title | Cat::Honorific | Cat::Rank))
        && b.toks[r.start].cap
        && !first.is_empty()
}

/// Words of a text that carry content: folded, without the commonest words of
/// the article (which say nothing about which item a paragraph discusses).
fn content_words(s: &str) -> Vec<String> {
    s.split(|c: char| !is_word_char(c))
        .filter(|w| !w.is_empty())
        .map(fold)
        .collect()
}

crate::lexicon::word_list! {
    /// Openings of a paragraph that takes up a topic.
    ///
    /// The entries are in `assets/lexicon/vi/topic_openers.txt`, then
    /// `assets/lexicon/en/topic_openers.txt`.
    fn topic_openers = "lexicon/vi/topic_openers.txt", "lexicon/en/topic_openers.txt";
}

/// A paragraph as [`link`] compares items with it.
struct Para {
    bi: usize,
    /// The items' words it has: bit `id % 64` of `words[id / 64]` for the word
    /// numbered `id` by an [`ItemWords`]. (Each item's words are looked up in
    /// every later paragraph.)
    words: Vec<u64>,
    /// Its folded text, and whether it opens a topic ("Đối với ...", "Về ...",
    /// "Regarding ..."): only wanted for paragraphs an item shares enough words
    /// with, so made when first asked for.
    folded: std::cell::OnceCell<(String, bool)>,
}

impl Para {
    fn has(&self, id: u32) -> bool {
        self.words[id as usize / 64] & 1 << (id % 64) != 0
    }

    fn folded(&self, doc: &Doc) -> &(String, bool) {
        self.folded.get_or_init(|| {
            let b = &doc.blocks[self.bi];
            let folded = fold(doc.slice(b, 0, b.toks.len() - 1));
            let opener = opens_topic(&folded);
            (folded, opener)
        })
    }
}

/// A folded paragraph opens a topic: it starts with one of [`topic_openers`], or
/// has one after a comma (", về ...").
fn opens_topic(folded: &str) -> bool {
    let opener_at = |at: &str| topic_openers().iter().any(|o| at.starts_with(o));
    opener_at(folded)
        || folded
            .match_indices(", ")
            .any(|(i, _)| opener_at(&folded[i + 2..]))
}

/// An item's words as [`link`] weighs them.
struct ItemTerms {
    /// Its distinct [`content_words`], as numbers of an [`ItemWords`], in their
    /// order.
    ids: Vec<u32>,
    /// Its head: its first three content words, as a phrase.
    head: String,
}

/// Numbers for the content words of an article's agenda items. Only whether a
/// paragraph has an item's words, and how many paragraphs have each, matter to
/// [`link`]: paragraphs are read for these words only, and a word token already
/// seen is not folded again.
struct ItemWords<'t> {
    /// Folded item word to its number.
    ids: FxHashMap<String, u32>,
    /// Plain word tokens as written, to the number of their folded form
    /// ([`ItemWords::NONE`] for a word of no item).
    seen: FxHashMap<&'t str, u32>,
    /// The (first, last) character pairs of the item words, as bits of
    /// [`ends_bit`]: a word token whose folded ends are not among them is no
    /// item word. Looking every word token up in `seen` showed in profiles; most
    /// tokens fail this test for a few instructions.
    ends: [u64; 64],
    buf: String,
}

/// The bit of [`ItemWords::ends`] for a word whose folded form starts with `first`
/// and ends with `last`. The low six bits of a lower-case ASCII letter tell the
/// letters apart; other characters share bits, which only lets more words
/// through to the look-up.
fn ends_bit(first: char, last: char) -> (usize, u64) {
    let i = (first as usize & 63) << 6 | (last as usize & 63);
    (i / 64, 1 << (i % 64))
}

/// `w` has a character of U+0300..=U+037F (UTF-8 lead byte 0xCC or 0xCD), where
/// the combining diacritics are. Every byte is tested, without stopping at the
/// first hit: words are short and nearly all have none, and a loop without a
/// branch per byte cost [`ItemWords::in_block`] less (it runs for every word
/// token).
fn has_two_byte_mark(w: &str) -> bool {
    w.bytes().fold(false, |found, x| found | (x & 0xfe == 0xcc))
}

/// The folded first and last characters of a word, or `None` if either folds to
/// nothing (a stray combining mark), when the folded word's ends are other
/// characters.
fn folded_ends(w: &str) -> Option<(char, char)> {
    let first = crate::text::fold::fold_char(w.chars().next()?);
    let last = crate::text::fold::fold_char(w.chars().next_back()?);
    (first != '\u{0}' && last != '\u{0}').then_some((first, last))
}

impl<'t> ItemWords<'t> {
    const NONE: u32 = u32::MAX;

    /// The numbers for the words of `items`, and each item's words as numbers.
    fn new<'i>(items: impl IntoIterator<Item = &'i str> + Clone) -> (Self, Vec<ItemTerms>) {
        // Room for the words from the start (about one in six bytes starts a
        // word), rather than growing the table step by step.
        let bytes: usize = items.clone().into_iter().map(str::len).sum();
        let mut ids: FxHashMap<String, u32> =
            FxHashMap::with_capacity_and_hasher(bytes / 6, Default::default());
        let mut terms = Vec::new();
        let mut buf = String::new();
        for text in items {
            let mut item = ItemTerms {
                ids: Vec::new(),
                head: String::new(),
            };
            // As `content_words`, folding into one buffer.
            let split = text.split(|c: char| !is_word_char(c));
            for (k, w) in split.filter(|w| !w.is_empty()).enumerate() {
                buf.clear();
                crate::text::fold::fold_into(w, &mut buf);
                if k < 3 {
                    if k > 0 {
                        item.head.push(' ');
                    }
                    item.head.push_str(&buf);
                }
                let id = match ids.get(buf.as_str()) {
                    Some(&id) => id,
                    None => {
                        let id = ids.len() as u32;
                        ids.insert(buf.clone(), id);
                        id
                    }
                };
                if !item.ids.contains(&id) {
                    item.ids.push(id);
                }
            }
            terms.push(item);
        }
        let mut ends = [0u64; 64];
        for w in ids.keys() {
            if let (Some(first), Some(last)) = (w.chars().next(), w.chars().next_back()) {
                let (i, bit) = ends_bit(first, last);
                ends[i] |= bit;
            }
        }
        let words = ItemWords {
            ids,
            seen: FxHashMap::default(),
            ends,
            buf,
        };
        (words, terms)
    }

    /// How many `u64`s a paragraph's set of item words takes.
    fn set_len(&self) -> usize {
        self.ids.len().div_ceil(64)
    }

    /// The number of a content word (folded), if an item has it.
    fn get(&self, word: &str) -> Option<u32> {
        self.ids.get(word).copied()
    }

    /// Adds to the set `out` (see [`Para::words`]) the item words among the
    /// [`content_words`] of block `b`, word token by word token: a plain word is
    /// one content word, folded as it is; a word with a joiner ("T.Ư"), an
    /// initial's period or a combining mark is split as the text is.
    fn in_block(&mut self, doc: &'t Doc, b: &Blk, out: &mut [u64]) {
        let mut add = |id: u32| out[id as usize / 64] |= 1 << (id % 64);
        for t in b.toks.iter().filter(|t| t.is_word()) {
            let w = t.text(doc.text);
            if t.joined || w.ends_with('.') || has_two_byte_mark(w) {
                content_words(w)
                    .iter()
                    .filter_map(|w| self.get(w))
                    .for_each(&mut add);
                continue;
            }
            if let Some((first, last)) = folded_ends(w) {
                let (i, bit) = ends_bit(first, last);
                if self.ends[i] & bit == 0 {
                    continue;
                }
            }
            let id = match self.seen.get(w) {
                Some(&id) => id,
                None => {
                    self.buf.clear();
                    crate::text::fold::fold_into(w, &mut self.buf);
                    let id = self.get(&self.buf).unwrap_or(Self::NONE);
                    self.seen.insert(w, id);
                    id
                }
            };
            if id != Self::NONE {
                add(id);
            }
        }
    }
}

/// Links each item to the paragraphs that discuss it: paragraphs after the list
/// sharing most of the item's distinctive words (weighted by how rare each word is
/// in the article).
fn link(doc: &Doc, items: Vec<(String, usize, Range<usize>)>) -> Vec<AgendaItem> {
    // Most articles have no agenda: then there is nothing to link, and the word
    // statistics of every paragraph below would be built for nothing.
    if items.is_empty() {
        return Vec::new();
    }
    let (mut words, terms) = ItemWords::new(items.iter().map(|(text, _, _)| text.as_str()));
    // Most word tokens of a long article are looked up once: room for them
    // from the start, not grown step by step.
    let word_tokens: usize = doc.blocks.iter().map(|b| b.toks.len()).sum();
    words.seen.reserve(word_tokens / 4);
    let paras: Vec<Para> = doc
        .blocks
        .iter()
        .enumerate()
        .filter(|(_, b)| !b.caption)
        .map(|(bi, b)| {
            let mut ws = vec![0; words.set_len()];
            words.in_block(doc, b, &mut ws);
            Para {
                bi,
                words: ws,
                folded: std::cell::OnceCell::new(),
            }
        })
        .collect();
    // In how many paragraphs each word is.
    let mut df = vec![0usize; words.ids.len()];
    for p in &paras {
        for (k, &set) in p.words.iter().enumerate() {
            let mut set = set;
            while set != 0 {
                df[k * 64 + set.trailing_zeros() as usize] += 1;
                set &= set - 1;
            }
        }
    }
    let n = paras.len().max(1) as f64;
    let idf = |df: usize| (n / (1.0 + df as f64)).ln().max(0.05);
    let mut out = Vec::new();
    for ((text, list_blk, span), ItemTerms { ids, head }) in items.iter().zip(&terms) {
        let total: f64 = ids.iter().map(|&id| idf(df[id as usize])).sum();
        let mut blocks = Vec::new();
        for p in &paras {
            if p.bi <= *list_blk {
                continue;
            }
            let shared: f64 = ids
                .iter()
                .filter(|&&id| p.has(id))
                .map(|&id| idf(df[id as usize]))
                .sum();
            if discusses(shared, total, head, || {
                let (text, opener) = p.folded(doc);
                (text.as_str(), *opener)
            }) {
                blocks.push(doc.blocks[p.bi].index);
            }
        }
        if blocks.is_empty() {
            blocks.push(doc.blocks[*list_blk].index);
        }
        out.push(AgendaItem {
            text: text.clone(),
            span: span.clone(),
            blocks,
        });
    }
    out
}

/// Whether a paragraph discusses an agenda item, from the weight of the item's
/// words it shares (`shared` of `total`) and, asked only when the weight is enough,
/// its folded text and whether it opens with a topic phrase: a paragraph that
/// takes a topic up needs half the item's weight; any other needs most of it and
/// the item's head phrase.
fn discusses<'a>(
    shared: f64,
    total: f64,
    head: &str,
    folded: impl Fn() -> (&'a str, bool),
) -> bool {
    let score = if total > 0.0 { shared / total } else { 0.0 };
    score >= 0.5 && folded().1
        || score >= 0.6 && head.split(' ').count() >= 2 && folded().0.contains(head)
}

#[cfg(test)]
mod tests {
    use std::collections::HashMap;

    use super::*;
    use crate::extract::test_support::article;

    /// Lists read from `assets/`: the quoted topic openers keep their trailing
    /// space, and the ordered openers keep their order.
    #[test]
    fn agenda_lists() {
        assert_eq!(
            topic_openers(),
            [
                "doi voi",
                "ve ",
                "lien quan den",
                "ban ve",
                "regarding",
                "on the ",
                "as for"
            ]
        );
        assert_eq!(item_openers()[..2], ["thao luan ve", "thao luan"]);
        assert_eq!(item_openers().len(), 19);
        assert_eq!(longest_item_opener(), "cho y kien vao".len());
        assert_eq!(list_openers().len(), 30);
        assert_eq!(list_openers()[0], "các nội dung");
        assert_eq!(list_openers()[29], "several issues");
    }

    /// The first version of [`link`]: string sets per paragraph.
    fn link_simple(doc: &Doc, items: Vec<(String, usize, Range<usize>)>) -> Vec<AgendaItem> {
        let paras: Vec<(usize, HashSet<String>, String, bool)> = doc
            .blocks
            .iter()
            .enumerate()
            .filter(|(_, b)| !b.caption)
            .map(|(bi, b)| {
                let s = &doc.text[b.toks[0].start..b.toks[b.toks.len() - 1].end];
                let folded = fold(s);
                let opener = topic_openers()
                    .iter()
                    .any(|o| folded.starts_with(o) || folded.contains(&format!(", {o}")));
                (bi, content_words(s).into_iter().collect(), folded, opener)
            })
            .collect();
        let mut df: HashMap<&str, usize> = HashMap::new();
        for (_, ws, _, _) in &paras {
            for w in ws {
                *df.entry(w.as_str()).or_default() += 1;
            }
        }
        let n = paras.len().max(1) as f64;
        let idf = |w: &str| (n / (1.0 + *df.get(w).unwrap_or(&0) as f64)).ln().max(0.05);
        let mut out = Vec::new();
        for (text, list_blk, span) in &items {
            let iw: HashSet<String> = content_words(text).into_iter().collect();
            let total: f64 = iw.iter().map(|w| idf(w)).sum();
            let head: String = content_words(text)
                .into_iter()
                .take(3)
                .collect::<Vec<_>>()
                .join(" ");
            let mut blocks = Vec::new();
            for (bi, ws, folded, opener) in &paras {
                if *bi <= *list_blk {
                    continue;
                }
                let shared: f64 = iw.iter().filter(|w| ws.contains(*w)).map(|w| idf(w)).sum();
                // The rule, stated on its own: a paragraph that takes a topic up
                // needs half the item's weight; any other needs most of it and
                // the item's head phrase.
                let score = if total > 0.0 { shared / total } else { 0.0 };
                let discusses = *opener && score >= 0.5
                    || score >= 0.6 && head.split(' ').count() >= 2 && folded.contains(&head);
                if discusses {
                    blocks.push(doc.blocks[*bi].index);
                }
            }
            if blocks.is_empty() {
                blocks.push(doc.blocks[*list_blk].index);
            }
            out.push(AgendaItem {
                text: text.clone(),
                span: span.clone(),
                blocks,
            });
        }
        out
    }

    /// [`fold_opening`] is a long enough prefix of [`fold`], and [`folds_to`]
    /// answers as comparing with [`fold`] does.
    #[test]
    fn partial_folds_agree_with_fold() {
        let pieces = [
            "a", "Đ", "đ", "ư", "Ơ", "ng", "h", "ệ", "ỳ", "T", "\u{301}", "\u{1dc0}", "ß", "İ",
            "Ⱥ", "x", "ễ", "Ă", "ò", "Σ", "ς", "K", "é", "7", " ", ",", "\0", "va", "Và", "do",
        ];
        let targets = ["va", "and", "do", "trong", "", "a", "dd", "ⱥ", "i\u{307}"];
        let mut equal = 0;
        for s in crate::test_support::mixes(&pieces, 0x5eed_f01d, 4000, 8) {
            let whole = fold(&s);
            for len in [0, 1, 3, 8, 40] {
                let opening = fold_opening(&s, len);
                assert!(whole.starts_with(&opening), "{s:?}");
                assert!(opening.len() >= len || opening == whole, "{s:?} {len}");
            }
            for t in targets {
                assert_eq!(folds_to(&s, t), whole == t, "{s:?} {t:?}");
                equal += usize::from(whole == t);
            }
            let list: Vec<String> = targets.iter().map(|t| t.to_string()).collect();
            for n in 0..list.len() {
                assert_eq!(
                    folds_to_any(&s, &list[n..]),
                    list[n..].contains(&whole),
                    "{s:?} {n}"
                );
            }
        }
        assert!(equal > 20, "{equal}");
    }

    /// The ends test never turns away a word whose folded form is an item word.
    #[test]
    fn the_ends_test_keeps_every_item_word() {
        let pieces = [
            "a", "Đ", "đ", "ư", "Ơ", "ng", "h", "ệ", "ỳ", "T", "\u{301}", "\u{1dc0}", "ß", "İ",
            "Ø", "x", "ễ", "Ă", "ò", "Σ", "ς", "K", "é", "7",
        ];
        let words: Vec<String> = crate::test_support::mixes(&pieces, 0x0e4d_5eed, 3000, 6)
            .filter(|w| !w.is_empty())
            .collect();
        // Items of the folded forms of every third word, so that both kept and
        // turned-away words occur.
        let items: Vec<String> = words.iter().step_by(3).map(|w| fold(w)).collect();
        let (iw, _) = ItemWords::new(items.iter().map(String::as_str));
        let mut checked = 0;
        for w in &words {
            if iw.get(&fold(w)).is_none() {
                continue;
            }
            if let Some((first, last)) = folded_ends(w) {
                let (i, bit) = ends_bit(first, last);
                assert!(iw.ends[i] & bit != 0, "{w:?}");
                checked += 1;
            }
        }
        assert!(checked > 500, "{checked}");
    }

    /// [`discusses`] answers as the rule stated plainly, at and around its
    /// thresholds, with and without a topic opener or the head phrase.
    #[test]
    fn discusses_follows_the_plain_rule() {
        let totals = [0.0, 1.0, 2.5, 10.0];
        let fractions = [0.0, 0.3, 0.49, 0.5, 0.55, 0.59, 0.6, 0.61, 0.9, 1.0];
        let heads = ["", "kinh", "kinh te", "kinh te xa"];
        let texts = ["", "ve kinh te xa hoi", "kinh te", "ngan sach"];
        let mut yes = 0;
        for &total in &totals {
            for &f in &fractions {
                let shared = f * total;
                for head in heads {
                    for text in texts {
                        for opener in [false, true] {
                            let score = if total > 0.0 { shared / total } else { 0.0 };
                            let plain = opener && score >= 0.5
                                || score >= 0.6
                                    && head.split(' ').count() >= 2
                                    && text.contains(head);
                            let got = discusses(shared, total, head, || (text, opener));
                            assert_eq!(got, plain, "{shared} {total} {head:?} {text:?} {opener}");
                            yes += got as usize;
                        }
                    }
                }
            }
        }
        assert!(yes > 0);
    }

    #[test]
    fn points_back_needs_the_noun_before_the_pointer() {
        let back = |text: &str| points_back(&Blk::bare(text), 0);
        assert!(back("các nội dung trên để thông báo"));
        assert!(back("vấn đề này"));
        assert!(back("these issues"));
        assert!(back("the matters above"));
        // "trên" alone is "more than"; another noun is another thing.
        assert!(!back("trên 20 nội dung quan trọng"));
        assert!(!back("các nội quy trên địa bàn"));
        assert!(!back("các nội dung: kế hoạch năm 2026"));
    }

    #[test]
    fn linking_agrees_with_the_simple_version() {
        let a = article(
            "Hội nghị bàn các nội dung: tình hình kinh tế - xã hội năm 2024; kế hoạch \
             đầu tư công trung hạn; công tác phòng, chống tham nhũng.\n\n\
             Về tình hình kinh tế - xã hội, các đại biểu đánh giá tăng trưởng khá.\n\n\
             Đối với kế hoạch đầu tư công trung hạn, Bộ Tài chính báo cáo vốn giải ngân.\n\n\
             Tình hình kinh tế xã hội năm 2024 còn nhiều khó khăn, đầu tư công chậm.\n\n\
             Công tác phòng, chống tham nhũng được đẩy mạnh; Ủy ban kiểm tra vào cuộc.\n\n\
             Regarding the budget, Mr Smith said the plan was sound.",
        );
        let doc = Doc::new(&a);
        let items: Vec<(String, usize, Range<usize>)> = [
            "tình hình kinh tế - xã hội năm 2024",
            "kế hoạch đầu tư công trung hạn",
            "công tác phòng, chống tham nhũng",
            "Tình hình Kinh Tế",
            "ngân sách budget plan",
            "từ không có ở đâu",
            "",
        ]
        .iter()
        .map(|t| (t.to_string(), 0, 0..0))
        .collect();
        let fast = link(&doc, items.clone());
        assert_eq!(fast, link_simple(&doc, items));
        assert!(fast.iter().any(|i| i.blocks.len() > 1));
    }
}
