//! Who said what: speech verbs attached to their subject ("<người> cho biết",
//! "\"...,\" <người> nói", "said <person>"), "Theo <người>, ...", and captions
//! saying someone spoke. The statement is the sentence, widened to a quotation that
//! runs across sentences.

use std::ops::Range;

use super::doc::{Blk, Doc, THit};
use super::lexicon::Cat;
use super::people::{Mention, People};
use super::{lowercase, lowercase_is};
use crate::outline::{Statement, StatementKind};
use crate::text::fold;

/// A statement and who made it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Attributed {
    pub person: usize,
    pub statement: Statement,
}

crate::lexicon::word_list! {
    /// Verbs whose object is a person asked to act ("đề nghị Bộ trưởng X báo cáo"): a
    /// person after one of these is not the subject of the next speech verb.
    ///
    /// The entries are in `assets/lexicon/vi/directive_verbs.txt`, then
    /// `assets/lexicon/en/directive_verbs.txt`.
    fn directive_verbs = "lexicon/vi/directive_verbs.txt", "lexicon/en/directive_verbs.txt";
}

crate::lexicon::word_list! {
    /// Words that may stand between a subject and its speech verb ("X cũng cho biết").
    ///
    /// The entries are in `assets/lexicon/vi/speech_adverbs.txt`.
    fn adverbs_vi = "lexicon/vi/speech_adverbs.txt";
}
crate::lexicon::word_list! {
    /// The English words that may stand between a subject and its speech verb ("X
    /// also said", "X, who ...").
    ///
    /// The entries are in `assets/lexicon/en/speech_adverbs.txt`.
    fn adverbs_en = "lexicon/en/speech_adverbs.txt";
}

crate::lexicon::word_list! {
    /// Words that make a speech verb future or negative: not a statement.
    ///
    /// The entries are in `assets/lexicon/vi/speech_not_said.txt`, then
    /// `assets/lexicon/en/speech_not_said.txt`.
    fn not_said = "lexicon/vi/speech_not_said.txt", "lexicon/en/speech_not_said.txt";
}

pub fn statements(doc: &Doc, people: &People) -> Vec<Attributed> {
    let mut out = Vec::new();
    for (bi, b) in doc.blocks.iter().enumerate() {
        let mentions = people.in_block(bi);
        // Every statement is made by someone mentioned in its block.
        if mentions.is_empty() {
            continue;
        }
        let span = b.max_hit_span;
        let mut quotes = Quotes::new(b);
        for sent in &b.sents {
            let verbs = speech_verbs(b, span, sent);
            let found_before = out.len();
            for v in &verbs {
                for m in subjects(doc, b, sent, mentions, v, &verbs) {
                    if let Some(p) = m.person {
                        let span = quotes.widened(doc, b, sent);
                        out.push(Attributed {
                            person: p,
                            statement: make_statement(doc, b, span, v, b.caption),
                        });
                    }
                }
            }
            if out.len() == found_before
                && let Some(m) = lead_subject(doc, b, sent, mentions)
                && let Some(p) = m.person
            {
                let lead = doc.word(b, sent.start).to_owned();
                out.push(Attributed {
                    person: p,
                    statement: Statement {
                        block: b.index,
                        span: quotes.widened(doc, b, sent),
                        kind: StatementKind::Reported,
                        verb: Some(lead),
                    },
                });
            }
            if let Some(m) = theo_lead(doc, b, sent, mentions)
                && let Some(p) = m.person
            {
                let span = quotes.widened(doc, b, sent);
                out.push(Attributed {
                    person: p,
                    statement: Statement {
                        block: b.index,
                        span,
                        kind: StatementKind::Reported,
                        verb: Some(doc.word(b, sent.start).to_owned()),
                    },
                });
            }
        }
    }
    // One statement per sentence and person.
    out.sort_by_key(|a| (a.statement.block, a.statement.span.start, a.person));
    out.dedup_by(|a, b| {
        a.person == b.person
            && a.statement.block == b.statement.block
            && a.statement.span == b.statement.span
    });
    out
}

/// Speech verb hits of a sentence, longest at each position, not inside a title or
/// organisation name ("Báo cáo viên"). `span` is [`Blk::max_hit_span`] of the block:
/// hits are ordered by their first token, so only those starting in the sentence,
/// and for each only those starting at most that far before it, are looked at.
fn speech_verbs(b: &Blk, span: usize, sent: &Range<usize>) -> Vec<THit> {
    let mut v: Vec<THit> = b
        .hits_in(sent.start, sent.end)
        .iter()
        .filter(|h| h.cat == Cat::Speech)
        .filter(|h| {
            !b.hits_in(h.first.saturating_sub(span), h.first + 1)
                .iter()
                .any(|o| {
                    matches!(o.cat, Cat::Title | Cat::Org | Cat::Kind)
                        && o.first <= h.first
                        && o.last >= h.last
                        && (o.first, o.last) != (h.first, h.last)
                })
        })
        .copied()
        .collect();
    v.sort_by_key(|h| (h.first, std::cmp::Reverse(h.last)));
    v.dedup_by(|a, b| a.first >= b.first && a.first <= b.last);
    v
}

fn is_directive(doc: &Doc, b: &Blk, v: &THit) -> bool {
    let w = doc.slice(b, v.first, v.last);
    directive_verbs().iter().any(|d| lowercase_is(w, d))
}

/// The subjects of speech verb `v`: the closest mention before it in the sentence
/// (separated only by its appositive, a parenthesis or a few adverbs) and the names
/// listed with it ("các đại biểu A (X), B (Y) và một số đại biểu cho rằng"); in
/// English also "said <person>"; in Vietnamese also "phát biểu của <người>".
fn subjects<'m>(
    doc: &Doc,
    b: &Blk,
    sent: &Range<usize>,
    mentions: &'m [Mention],
    v: &THit,
    verbs: &[THit],
) -> Vec<&'m Mention> {
    let before: Vec<&Mention> = mentions
        .iter()
        .filter(|m| m.last < v.first && m.first >= sent.start)
        // "pre-empted by President X, who announced ...": the relative clause makes
        // the object of a preposition the subject of the verb.
        .filter(|m| !after_preposition(doc, b, m) || relative_subject(doc, b, m, v))
        .collect();
    if let Some(&m) = before.iter().max_by_key(|m| m.last) {
        // A semicolon ends the directive's clause: "... đề nghị ban soạn thảo làm
        // rõ X; trong đó, đại biểu Y đề nghị ..." has Y as a subject again.
        let object_of_directive = verbs.iter().any(|o| {
            o.last < m.first
                && is_directive(doc, b, o)
                && o.first >= sent.start
                && !(o.last + 1..m.first).any(|k| b.toks[k].is_punct(';'))
        });
        // The gap is measured from the end of the appositive, or else from the
        // name: an appositive cut short by a word of an organisation's name
        // ("Trưởng Phòng Marketing Công ty Ánh sáng X, chia sẻ") leaves a gap
        // that the comma after the name accounts for, unless the rest holds a
        // verb of its own ("X, Trưởng ban, chủ trì hội nghị tổng kết").
        let gap = gap_ok(doc, b, m.after.min(v.first), v.first)
            || m.after > m.last + 1
                && !b
                    .hits_in(m.after, v.first)
                    .iter()
                    .any(|h| matches!(h.cat, Cat::Speech | Cat::Chair | Cat::Lead))
                && gap_ok(doc, b, m.last + 1, v.first);
        if !object_of_directive && gap {
            let mut out = vec![m];
            // Walk back over a list of names.
            let mut cur = m;
            for &p in before.iter().rev() {
                if p.last >= cur.first {
                    continue;
                }
                let cur_start = cur.chain.unwrap_or(cur.first);
                let between: Vec<&str> = (p.after.min(cur_start)..cur_start)
                    .map(|i| doc.word(b, i))
                    .collect();
                let listed = !between.is_empty()
                    && between.len() <= 3
                    && between
                        .iter()
                        .all(|w| matches!(*w, "," | ";" | "và" | "and" | "cùng" | "…"));
                if !listed {
                    break;
                }
                out.push(p);
                cur = p;
            }
            return out;
        }
    }
    // "said Mr Blair", "believes Mr Blair", "according to the minister".
    let mut i = v.last + 1;
    if doc.english {
        while i < b.toks.len() && i <= v.last + 2 && matches!(doc.word(b, i), "the" | "The") {
            i += 1;
        }
        return mentions
            .iter()
            .filter(|m| (m.first == i || m.chain == Some(i)) && m.first < sent.end)
            .take(1)
            .collect();
    }
    // "Phát biểu đề dẫn của đồng chí X", "ý kiến phát biểu của X". ("của" is
    // looked for first: most verbs are not followed by it.)
    let of = (v.last + 1..sent.end.min(v.last + 4)).find(|&k| doc.word(b, k) == "của");
    if let Some(k) = of
        && ["phát biểu", "trả lời", "báo cáo", "tham luận"]
            .iter()
            .any(|t| lowercase_is(doc.slice(b, v.first, v.last), t))
    {
        return mentions
            .iter()
            .filter(|m| m.first == k + 1 || m.chain == Some(k + 1))
            .filter(|m| m.first < sent.end)
            .take(1)
            .collect();
    }
    Vec::new()
}

/// "<person>, who <verb>" (English): the mention is the verb's subject.
fn relative_subject(doc: &Doc, b: &Blk, m: &Mention, v: &THit) -> bool {
    doc.english
        && m.after + 2 == v.first
        && doc.word(b, m.after) == ","
        && doc.word(b, m.after + 1) == "who"
}

crate::lexicon::word_list! {
    /// Words before a mention that make it an object, not a subject ("của Thủ tướng",
    /// "với Bộ trưởng").
    ///
    /// The entries are in `assets/lexicon/vi/speech_prepositions.txt`, then
    /// `assets/lexicon/en/speech_prepositions.txt`.
    fn prepositions = "lexicon/vi/speech_prepositions.txt", "lexicon/en/speech_prepositions.txt";
}

crate::lexicon::word_list! {
    /// Two-word compounds ending with one of [`prepositions`] that are no
    /// preposition ("trực tiếp").
    ///
    /// The entries are in `assets/lexicon/vi/speech_preposition_compounds.txt`.
    fn preposition_compounds = "lexicon/vi/speech_preposition_compounds.txt";
}

fn after_preposition(doc: &Doc, b: &Blk, m: &Mention) -> bool {
    let start = m.chain.unwrap_or(m.first);
    start > 0
        && prepositions().contains(&doc.word(b, start - 1))
        && !(start > 1
            && preposition_compounds()
                .iter()
                .any(|c| lowercase_is(doc.slice(b, start - 2, start - 1), c)))
}

/// True when tokens `from..to` between a subject (after its appositive) and its verb
/// are only a closing quote, a few adverbs, a short aside between commas ("X,
/// thừa ủy quyền của Thủ tướng, trình bày"), or "và một số đại biểu" (others who
/// said the same).
fn gap_ok(doc: &Doc, b: &Blk, from: usize, to: usize) -> bool {
    // A parenthesis is an aside whatever its length ("TS X, (Ban chỉ đạo đề án
    // ...) cho rằng"): only what stands outside it counts.
    let mut depth = 0usize;
    let mut rest: Vec<&str> = Vec::with_capacity(to.saturating_sub(from));
    for k in from..to {
        let w = doc.word(b, k);
        match w {
            "(" => depth += 1,
            ")" if depth > 0 => depth -= 1,
            _ if depth == 0 => rest.push(w),
            _ => {}
        }
    }
    if depth > 0 {
        return false;
    }
    if rest.first() == Some(&",")
        && rest.len() <= 14
        && !rest
            .iter()
            .any(|w| matches!(*w, "." | ";" | ":" | "?" | "!"))
    {
        return !rest.iter().any(|w| not_said().contains(w));
    }
    // "... và một số đại biểu (khác)", "... và nhiều ý kiến".
    if let Some(pos) = rest.iter().position(|w| *w == "và") {
        let tail = &rest[pos + 1..];
        if tail.len() <= 5 && tail.iter().any(|w| matches!(*w, "một" | "các" | "nhiều")) {
            rest.truncate(pos);
        }
    }
    if rest.len() > 4 {
        return false;
    }
    let adverbs = if doc.english {
        adverbs_en()
    } else {
        adverbs_vi()
    };
    rest.iter()
        .all(|w| adverbs.contains(w) || matches!(*w, "," | "”" | "\"" | "’" | "…"))
        && !rest.iter().any(|w| not_said().contains(w))
}

/// "Phát biểu khai mạc hội thảo, giáo sư X, ..., đã điểm lại ...": a sentence led
/// by a speech lead and a comma is the words of the subject right after the comma,
/// whatever its main verb. Chairing leads ("Chủ trì hội nghị, ...") are not speech.
fn lead_subject<'m>(
    doc: &Doc,
    b: &Blk,
    sent: &Range<usize>,
    mentions: &'m [Mention],
) -> Option<&'m Mention> {
    if doc.english || sent.is_empty() {
        return None;
    }
    let lead = b
        .hits_at(sent.start)
        .filter(|h| h.cat == Cat::Lead)
        .max_by_key(|h| h.last)?;
    let head = fold(doc.slice(b, lead.first, lead.last));
    if matches!(
        head.as_str(),
        "theo" | "chu tri" | "dieu hanh" | "khai mac" | "be mac"
    ) {
        return None;
    }
    let comma = (lead.last + 1..sent.end.min(lead.last + 20)).find(|&k| b.toks[k].is_punct(','))?;
    // Right after the comma, or after academic titles written apart ("giáo sư,
    // tiến sỹ X").
    let titled = |k: usize| {
        b.toks[k].is_punct(',')
            || b.hits.iter().any(|h| {
                matches!(h.cat, Cat::Academic | Cat::Honorific) && (h.first..=h.last).contains(&k)
            })
    };
    mentions.iter().find(|m| {
        let start = m.chain.unwrap_or(m.first);
        start > comma && start <= comma + 6 && m.first < sent.end && (comma + 1..start).all(titled)
    })
}

/// "Theo <người>, ..." (Vietnamese) or "According to <person>, ..." at a sentence
/// start.
fn theo_lead<'m>(
    doc: &Doc,
    b: &Blk,
    sent: &Range<usize>,
    mentions: &'m [Mention],
) -> Option<&'m Mention> {
    if sent.is_empty() {
        return None;
    }
    let first = doc.word(b, sent.start);
    if first != "Theo" {
        return None;
    }
    // "Theo X, ..." or "Theo <lời kể / trình báo / đánh giá> của X, ...".
    let of = (sent.start + 2..sent.end.min(sent.start + 5))
        .find(|&k| doc.word(b, k) == "của")
        .filter(|&k| {
            super::lexicon::Lexicon::get().is_speech_source(doc.slice(b, sent.start + 1, k - 1))
        });
    let at = of.map_or(sent.start + 1, |k| k + 1);
    let m = mentions
        .iter()
        .find(|m| m.first == at || m.chain == Some(at))?;
    // The mention is followed by its appositive, then the comma of the lead.
    let next = m.last + 1;
    let comma = (next..sent.end.min(next + 20)).find(|&k| b.toks[k].is_punct(','));
    comma.map(|_| m)
}

fn make_statement(doc: &Doc, b: &Blk, span: Range<usize>, v: &THit, caption: bool) -> Statement {
    let quoted = has_quote_mark(&doc.text[span.clone()]);
    Statement {
        block: b.index,
        span,
        kind: if caption {
            StatementKind::Caption
        } else if quoted {
            StatementKind::Quoted
        } else {
            StatementKind::Reported
        },
        verb: Some(lowercase(doc.slice(b, v.first, v.last))),
    }
}

/// `s` holds '"', '“' or '”'. Looked for in the bytes: a statement may be a
/// whole run-on paragraph, and decoding it character by character showed in
/// profiles.
fn has_quote_mark(s: &str) -> bool {
    let bytes = s.as_bytes();
    // '"' is one byte; '“' and '”' are E2 80 9C and E2 80 9D.
    memchr::memchr2_iter(b'"', 0xe2, bytes)
        .any(|i| bytes[i] == b'"' || matches!(bytes.get(i + 1..i + 3), Some([0x80, 0x9c | 0x9d])))
}

/// Quotation marks of a block before a point, counted as the point moves forward:
/// a block's statements come in sentence order, and counting from the block's
/// start for each was quadratic in long blocks.
struct Quotes {
    /// Where counting has reached (a byte offset of the text).
    at: usize,
    straight: usize,
    open: usize,
    close: usize,
    /// Offsets of the last '"' and '“' before `at`.
    last_straight: Option<usize>,
    last_open: Option<usize>,
}

impl Quotes {
    fn new(b: &Blk) -> Quotes {
        Quotes {
            at: b.toks[0].start,
            straight: 0,
            open: 0,
            close: 0,
            last_straight: None,
            last_open: None,
        }
    }

    /// [`quote_widened`], counting on from where the last call stopped.
    fn widened(&mut self, doc: &Doc, b: &Blk, sent: &Range<usize>) -> Range<usize> {
        let last = sent.end.saturating_sub(1).max(sent.start);
        let mut span = b.toks[sent.start].start..b.toks[last].end;
        if span.start < self.at {
            return quote_widened(doc, b, sent);
        }
        let bytes = doc.text.as_bytes();
        // '"' is one byte; '“' and '”' are E2 80 9C and E2 80 9D.
        for i in memchr::memchr2_iter(b'"', 0xe2, &bytes[self.at..span.start]) {
            let i = self.at + i;
            match &bytes[i..] {
                [b'"', ..] => {
                    self.straight += 1;
                    self.last_straight = Some(i);
                }
                [0xe2, 0x80, 0x9c, ..] => {
                    self.open += 1;
                    self.last_open = Some(i);
                }
                [0xe2, 0x80, 0x9d, ..] => self.close += 1,
                _ => {}
            }
        }
        self.at = span.start;
        if self.straight % 2 == 1 {
            if let Some(q) = self.last_straight {
                span.start = q;
            }
        } else if self.open > self.close
            && let Some(q) = self.last_open
        {
            span.start = q;
        }
        span
    }
}

/// The sentence's byte span, widened back to the opening quote when the sentence
/// closes a quotation that began in an earlier sentence of the block.
fn quote_widened(doc: &Doc, b: &Blk, sent: &Range<usize>) -> Range<usize> {
    let last = sent.end.saturating_sub(1).max(sent.start);
    let mut span = b.toks[sent.start].start..b.toks[last].end;
    let block_start = b.toks[0].start;
    let before = &doc.text[block_start..span.start];
    let straight = before.matches('"').count();
    let open = before.matches('“').count();
    let close = before.matches('”').count();
    if straight % 2 == 1 {
        if let Some(q) = before.rfind('"') {
            span.start = block_start + q;
        }
    } else if open > close
        && let Some(q) = before.rfind('“')
    {
        span.start = block_start + q;
    }
    span
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::test_support::article;

    #[test]
    fn quote_marks_are_found_like_contains() {
        let pieces = [
            "a", " ", "\"", "“", "”", "‘", "’", "–", "—", "…", "ế", "\u{2018}", "\u{201e}", "x",
        ];
        for s in crate::test_support::mixes(&pieces, 7, 4000, 12) {
            assert_eq!(has_quote_mark(&s), s.contains(['"', '“', '”']), "{s:?}");
        }
    }

    #[test]
    fn counted_quotes_widen_like_the_simple_version() {
        let a = article(
            "Ông A nói: “Chúng tôi sẽ làm. Việc này khó. Nhưng phải làm”. Bà B nói \
             \"Đúng vậy. Tôi đồng ý\". Ông C cho biết “một. Hai” và “ba. Bốn. Năm. \
             Sáu\" rồi \"bảy. Tám”. Hết.",
        );
        let doc = Doc::new(&a);
        for b in &doc.blocks {
            assert!(b.sents.len() > 5);
            let mut quotes = Quotes::new(b);
            for sent in &b.sents {
                let simple = quote_widened(&doc, b, sent);
                assert_eq!(quotes.widened(&doc, b, sent), simple);
                assert_eq!(quotes.widened(&doc, b, sent), simple);
            }
        }
    }
}
