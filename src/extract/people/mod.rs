//! People in an article: names licensed by their context (a title chain, an
//! honorific, an appositive role, a speech verb), their roles split into items, and
//! the later short mentions that refer to them ("ông Dũng", "Bí thư Thành ủy Hà
//! Nội", "Thủ tướng", "Mr Blair").

use std::ops::Range;

use rustc_hash::FxHashSet;

use super::doc::{Blk, Doc, THit};
use super::lexicon::{Cat, Lexicon, word_key_of_match_key};
use super::names::{NameSpan, RunNames, is_name_word_fast};
use super::tokens::Tok;

/// A person of the article.
#[derive(Debug, Clone)]
pub struct Person {
    pub name: String,
    pub key: String,
    pub roles: Vec<String>,
    pub foreign: bool,
}

/// A role found for a candidate: tokens `first..=last` of the candidate's block.
///
/// (Its text and [`word_key`](super::lexicon::word_key) are made only when it is
/// given to a person: most roles found are dropped or a person has them already,
/// and the two strings per role made when found showed in profiles.)
#[derive(Debug, Clone, Copy)]
struct Role {
    first: usize,
    last: usize,
}

impl Role {
    /// The role written as tokens `first..=last` of `b`.
    fn of_span(first: usize, last: usize) -> Role {
        Role { first, last }
    }

    fn text<'a>(self, doc: &Doc<'a>, b: &Blk) -> &'a str {
        doc.slice(b, self.first, self.last)
    }
}

/// How a span refers to a person.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MKind {
    /// The name (in full or a longer form).
    Name,
    /// A short form: "ông Dũng", "Mr Blair", a surname alone.
    Alias,
    /// A title without a name: "Bí thư Thành ủy Hà Nội", "Thủ tướng", "the minister".
    Title,
    /// "ông", "bà", "he", "she": resolved by recency.
    Pronoun,
}

/// A span of a block that refers to someone.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mention {
    /// Index into `Doc::blocks`.
    pub blk: usize,
    pub first: usize,
    pub last: usize,
    pub kind: MKind,
    pub person: Option<usize>,
    /// First token after the mention's appositive or parenthesis (`last + 1` when
    /// it has none): where its verb may start.
    pub after: usize,
    /// Where the title chain in front of the name starts, if it has one.
    pub chain: Option<usize>,
}

#[derive(Debug, Default)]
pub struct People {
    pub persons: Vec<Person>,
    /// Sorted by (block, first token).
    pub mentions: Vec<Mention>,
}

impl People {
    /// Mentions of block `blk`.
    pub fn in_block(&self, blk: usize) -> &[Mention] {
        let from = self.mentions.partition_point(|m| m.blk < blk);
        let to = self.mentions.partition_point(|m| m.blk <= blk);
        &self.mentions[from..to]
    }
}

crate::lexicon::word_list! {
    /// Lower-case words that end a title chain or an appositive: they belong to the
    /// clause, not to a position ("đã", "có", "nghe", "tại", ...).
    ///
    /// The entries are in `assets/lexicon/vi/title_breakers.txt`.
    fn breakers_vi = "lexicon/vi/title_breakers.txt";
}

pub(crate) fn is_breaker_vi(w: &str) -> bool {
    use std::sync::OnceLock;
    static SET: OnceLock<FxHashSet<&'static str>> = OnceLock::new();
    SET.get_or_init(|| breakers_vi().iter().copied().collect())
        .contains(w)
}

crate::lexicon::word_list! {
    /// Words for a street, a lane, a ward or a bridge: a name after one is the
    /// place's, not a person.
    ///
    /// The entries are in `assets/lexicon/vi/street_nouns.txt`.
    fn street_nouns = "lexicon/vi/street_nouns.txt";
}

/// Whether the capitalised run starting at token `first` of a Vietnamese block
/// names a place, not a person: it follows "tại" ("Giám đốc nghiên cứu tại
/// GoldCore Ltd", "chuyên gia tại New York cho hay"), or a street noun, with a
/// house or lane number between or not ("ngõ 6 Bế Văn Đàn", "phường Trương
/// Định"; "thành phố" is a city, and the name after it a person's).
fn names_a_place(doc: &Doc, b: &Blk, first: usize) -> bool {
    if first > 0 && doc.word(b, first - 1) == "tại" {
        return true;
    }
    let mut k = first;
    while k > 0 && (b.toks[k - 1].digit || b.toks[k - 1].is_punct('/')) {
        k -= 1;
    }
    k > 0
        && b.toks[k - 1].is_word()
        && street_nouns()
            .iter()
            .any(|s| super::lowercase_is(doc.word(b, k - 1), s))
        && !(doc.word(b, k - 1) == "phố"
            && k > 1
            && super::lowercase_is(doc.word(b, k - 2), "thành"))
}

crate::lexicon::word_list! {
    /// The English words that end a title chain or an appositive when not
    /// capitalised ("said", "the", "who").
    ///
    /// The entries are in `assets/lexicon/en/title_breakers.txt`.
    fn breakers_en = "lexicon/en/title_breakers.txt";
}

crate::lexicon::word_list! {
    /// Words before a title that belong to the role ("nguyên Bộ trưởng", "Quyền Cục trưởng").
    ///
    /// The entries are in `assets/lexicon/vi/role_modifiers.txt`, then
    /// `assets/lexicon/en/role_modifiers.txt`.
    fn role_modifiers = "lexicon/vi/role_modifiers.txt", "lexicon/en/role_modifiers.txt";
}

/// `role_modifiers().contains(&crate::text::lower(w))`, settled by the first letter
/// for most words without making the lower-case word (this runs for a word after
/// every separator of a title chain).
fn is_role_modifier(w: &str) -> bool {
    // An ASCII first letter stays the first letter (in lower case) of the lower-case
    // word, and every modifier starts with an ASCII letter.
    if let Some(&first) = w.as_bytes().first()
        && first.is_ascii()
        && !role_modifiers()
            .iter()
            .any(|m| m.as_bytes()[0] == first.to_ascii_lowercase())
    {
        return false;
    }
    role_modifiers().contains(&&*crate::text::lower(w))
}

/// Parts of a chain that are not positions.
fn is_role_separator(doc: &Doc, b: &Blk, i: usize) -> bool {
    match b.toks[i].punct() {
        Some(',') => true,
        Some('-' | '–') => true,
        None => doc.word(b, i) == "kiêm",
        _ => false,
    }
}

struct Ctx<'d, 'a> {
    doc: &'d Doc<'a>,
    lx: &'static Lexicon,
    /// Tokens inside candidate names, per block: a chain never crosses a name.
    name_tokens: Vec<TokenSet>,
}

/// A set of a block's token indexes (a bit per token; empty until one is added).
#[derive(Debug, Clone, Default)]
struct TokenSet(Vec<bool>);

impl TokenSet {
    fn contains(&self, i: usize) -> bool {
        self.0.get(i).copied().unwrap_or(false)
    }

    fn insert_range(&mut self, r: Range<usize>) {
        if r.is_empty() {
            return;
        }
        if self.0.len() < r.end {
            self.0.resize(r.end, false);
        }
        self.0[r].fill(true);
    }
}

/// The [`word_key`] of tokens `first..=last` of `b`, from the block's match key.
fn span_key(b: &Blk, first: usize, last: usize) -> String {
    let key = b.key_bytes(first, last);
    word_key_of_match_key(std::str::from_utf8(key).expect("tokens split the key where the text"))
}

/// Hits of `b` ending at token `e`, in the block's order; `span` is
/// [`Blk::max_hit_span`] of the block, so no hit ending there starts earlier than the
/// ones looked at (a scan of every hit per name was quadratic in long blocks).
fn hits_ending(b: &Blk, span: usize, e: usize) -> impl Iterator<Item = &THit> + '_ {
    b.hits_in(e.saturating_sub(span), e + 1)
        .iter()
        .filter(move |h| h.last == e)
}

/// The most tokens a Vietnamese title chain spans before its name.
const CHAIN_REACH: usize = 30;

/// The first token of `k..j` where a title or rank starts whose longest hit ends
/// before `j`: `(k..j).find(|&i| is_title_start(i).is_some_and(|e| e < j))`, with
/// one search for the hits in the range instead of one per token.
fn first_title_start(b: &Blk, k: usize, j: usize) -> Option<usize> {
    let hits = b.hits_in(k, j);
    let mut at = 0;
    while at < hits.len() {
        let first = hits[at].first;
        let here = hits[at..].iter().take_while(|h| h.first == first).count();
        let longest = hits[at..at + here]
            .iter()
            .filter(|h| matches!(h.cat, Cat::Title | Cat::Rank))
            .map(|h| h.last)
            .max();
        if longest.is_some_and(|e| e < j) {
            return Some(first);
        }
        at += here;
    }
    None
}

/// Hits of `b` that cover token `i`, in the block's order (see [`hits_ending`]).
fn hits_covering(b: &Blk, span: usize, i: usize) -> impl Iterator<Item = &THit> + '_ {
    b.hits_in(i.saturating_sub(span), i + 1)
        .iter()
        .filter(move |h| h.last >= i)
}

impl Ctx<'_, '_> {
    fn word(&self, b: &Blk, i: usize) -> &str {
        self.doc.word(b, i)
    }

    fn is_breaker(&self, bi: usize, b: &Blk, i: usize) -> bool {
        let t = &b.toks[i];
        if !t.is_word() {
            return false;
        }
        if self.name_tokens[bi].contains(i) {
            return true;
        }
        // Inside a title or an organisation name nothing breaks.
        if b.in_role_phrase[i] {
            return false;
        }
        let verb = || {
            b.hits_at(i)
                .any(|h| matches!(h.cat, Cat::Speech | Cat::Chair | Cat::Lead))
        };
        let w = self.word(b, i);
        if self.doc.english {
            return !t.cap && (breakers_en().iter().any(|x| w.eq_ignore_ascii_case(x)) || verb());
        }
        !t.cap && (is_breaker_vi(w) || verb())
    }

    fn is_title_start(&self, b: &Blk, i: usize) -> Option<usize> {
        b.hits_at(i)
            .filter(|h| matches!(h.cat, Cat::Title | Cat::Rank))
            .map(|h| h.last)
            .max()
    }

    /// The title chain just before token `name_first`: roles split into items, and
    /// the token where the chain starts.
    fn roles_before(&self, bi: usize, b: &Blk, name_first: usize) -> (Vec<Role>, Option<usize>) {
        let mut j = name_first;
        // An honorific or academic title between the chain and the name.
        while j > 0 {
            match hits_ending(b, b.max_hit_span, j - 1)
                .find(|h| matches!(h.cat, Cat::Honorific | Cat::Academic))
            {
                Some(h) => j = h.first,
                None => break,
            }
        }
        if self.doc.english {
            return self.roles_before_en(bi, b, j);
        }
        // "Bí thư ... Hồ Chí Minh - Nguyễn Đắc Khoa", "Các đại biểu: Huỳnh Khiêm".
        if j > 0 && matches!(b.toks[j - 1].punct(), Some('-' | '–' | ':')) {
            j -= 1;
        }
        // The chain reaches at most this far back; without a title or rank in that
        // reach there is no chain, and the scan for where it stops (a breaker test
        // per word) is skipped.
        let reach = j.saturating_sub(CHAIN_REACH);
        if first_title_start(b, reach, j).is_none() {
            return (Vec::new(), None);
        }
        let mut k = j;
        while k > 0 && j - k < CHAIN_REACH {
            let t = &b.toks[k - 1];
            let ok = match t.punct() {
                Some(',' | '-' | '–' | '&') => true,
                // "Phó Chủ tịch LĐLĐ TP. Hà Nội Phạm Bá Vĩnh".
                Some('.') => super::doc::abbreviation_period(self.doc.text, &b.toks, k - 1),
                Some(_) => false,
                None => !self.is_breaker(bi, b, k - 1),
            };
            if !ok {
                break;
            }
            k -= 1;
        }
        // The chain ran back to another person's name: what follows that name is
        // the other person's appositive up to the "và" that starts this chain
        // ("A, Ủy viên Bộ Chính trị, Bộ trưởng Bộ X và Chủ nhiệm Ủy ban Y B").
        if k > 0
            && self.name_tokens[bi].contains(k - 1)
            && let Some(v) = (k..j).rev().find(|&v| {
                matches!(self.word(b, v), "và" | "and") && self.is_title_start(b, v + 1).is_some()
            })
        {
            k = v + 1;
        }
        let Some(mut start) = first_title_start(b, k, j) else {
            return (Vec::new(), None);
        };
        if start > 0 && is_role_modifier(self.word(b, start - 1)) {
            start -= 1;
        }
        (self.split_roles(b, start, j), Some(start))
    }

    fn roles_before_en(&self, bi: usize, b: &Blk, j: usize) -> (Vec<Role>, Option<usize>) {
        // "French President", "UK Independence Party leader", "Commerce Minister".
        if j == 0 {
            return (Vec::new(), None);
        }
        let span = b.max_hit_span;
        let ends_with_title = hits_ending(b, span, j - 1).any(|h| h.cat == Cat::Title);
        if !ends_with_title {
            return (Vec::new(), None);
        }
        let mut k = j;
        let mut lower = 0;
        while k > 0 && j - k < 8 {
            let t = &b.toks[k - 1];
            let joining_hyphen = t.is_punct('-')
                && matches!(t.kind, super::tokens::Kind::Punct { spaced: false, .. });
            if joining_hyphen {
                k -= 1;
                continue;
            }
            // Capitalised words right before a title qualify it even when they look
            // like a name ("Liberal Democrat leader", "Labour MP").
            if !t.is_word() || !t.cap && self.is_breaker(bi, b, k - 1) {
                break;
            }
            let w = self.word(b, k - 1);
            // "Meridia's Trade Minister": the owner is not part of the title.
            if w.ends_with("'s") || w.ends_with("’s") {
                break;
            }
            let in_title = hits_covering(b, span, k - 1).any(|h| h.cat == Cat::Title);
            if !t.cap && !in_title {
                if self.lx.is_en_stopword(w) || lower >= 3 {
                    break;
                }
                lower += 1;
            }
            k -= 1;
        }
        // Drop a sentence-initial function word ("The", "But").
        while k < j && self.lx.is_en_stopword(self.word(b, k)) {
            k += 1;
        }
        if k >= j {
            return (Vec::new(), None);
        }
        (vec![Role::of_span(k, j - 1)], Some(k))
    }

    /// Splits tokens `start..end` of a chain into roles at commas, spaced dashes and
    /// "kiêm"; a piece that does not start with a title belongs to the one before
    /// ("Bộ Văn hóa, Thể thao và Du lịch"); a rank stands alone.
    fn split_roles(&self, b: &Blk, start: usize, end: usize) -> Vec<Role> {
        let mut pieces: Vec<(usize, usize)> = Vec::new();
        let mut s = start;
        let mut i = start;
        while i < end {
            if is_role_separator(self.doc, b, i) {
                let next = i + 1;
                let starts_title = next < end
                    && (self.is_title_start(b, next).is_some()
                        || is_role_modifier(self.word(b, next)));
                if starts_title || pieces.is_empty() && s == i {
                    if s < i {
                        pieces.push((s, i));
                    }
                    s = next;
                }
            } else if i > s {
                // A rank followed directly by a position: two roles.
                let prev_rank = b.hits_at(s).any(|h| h.cat == Cat::Rank && h.last + 1 == i);
                if prev_rank && self.is_title_start(b, i).is_some() {
                    pieces.push((s, i));
                    s = i;
                }
            }
            i += 1;
        }
        if s < end {
            pieces.push((s, end));
        }
        pieces
            .into_iter()
            .filter_map(|(s, e)| {
                let mut e = e;
                while e > s
                    && (b.toks[e - 1].punct().is_some()
                        || matches!(self.word(b, e - 1), "và" | "của" | "and" | "of"))
                {
                    // A parenthesis the role opened is closed with it ("Cục
                    // trưởng Cục Khảo thí (Bộ GD-ĐT)"), not left open.
                    if b.toks[e - 1].is_punct(')') && opens_parenthesis(b, s, e - 1) {
                        break;
                    }
                    e -= 1;
                }
                (e > s).then_some((s, e - 1))
            })
            .filter(|&(s, e)| self.doc.slice(b, s, e).chars().any(char::is_alphabetic))
            .map(|(s, e)| Role::of_span(s, e))
            .collect()
    }

    /// Roles in appositives after the name: "Lê Văn Thạc, Phó Bí thư Thường trực Đảng
    /// ủy Bộ Lao động - Thương binh và Xã hội, khẳng định". Returns the roles and the
    /// token after the last one used.
    fn roles_after(&self, bi: usize, b: &Blk, name_last: usize) -> (Vec<Role>, usize) {
        let n = b.toks.len();
        let mut k = name_last + 1;
        // The period of a name that ends with an initial ("Nguyễn Văn H.").
        if k < n && super::doc::abbreviation_period(self.doc.text, &b.toks, k) {
            k += 1;
        }
        let mut roles = Vec::new();
        // A parenthesis: a role ("(Phó Giám đốc Học viện ...)") or a constituency.
        if k < n
            && b.toks[k].is_punct('(')
            && let Some(close) = (k + 1..n.min(k + 24)).find(|&i| b.toks[i].is_punct(')'))
        {
            if close > k + 1 && self.is_title_start(b, k + 1).is_some() {
                roles.extend(self.split_roles(b, k + 1, close));
            }
            k = close + 1;
        }
        let mut end = k;
        while k < n
            && (b.toks[k].is_punct(',')
                || is_role_separator(self.doc, b, k) && b.toks[k].punct().is_some())
        {
            let seg_start = k + 1;
            let mut s = seg_start;
            if self.doc.english {
                while s < n
                    && matches!(
                        self.word(b, s).to_ascii_lowercase().as_str(),
                        "the" | "a" | "an"
                    )
                {
                    s += 1;
                }
            }
            let starts_title = s < n
                && (self.is_title_start(b, s).is_some()
                    || is_role_modifier(self.word(b, s))
                        && s + 1 < n
                        && self.is_title_start(b, s + 1).is_some());
            if !starts_title {
                break;
            }
            let e = self.segment_end(bi, b, s);
            // A title chain that runs into another name is that person's, not an
            // appositive ("Tổng Bí thư A, Chủ tịch nước B yêu cầu").
            if e == s || e < n && self.name_tokens[bi].contains(e) {
                break;
            }
            let mut pieces = self.split_roles(b, s, e);
            if self.doc.english
                && pieces.iter().any(|p| {
                    let text = p.text(self.doc, b);
                    text.starts_with("who ") || text.starts_with("which ")
                })
            {
                break;
            }
            roles.append(&mut pieces);
            end = e;
            k = e;
        }
        // "do đồng chí X, Thứ trưởng Bộ Y làm trưởng đoàn": the part the person
        // plays in this meeting is a role too.
        if !self.doc.english
            && end + 1 < n
            && self.word(b, end) == "làm"
            && self.is_title_start(b, end + 1).is_some()
        {
            let e = self.segment_end(bi, b, end + 1);
            if e > end + 1 && !(e < n && self.name_tokens[bi].contains(e)) {
                roles.extend(self.split_roles(b, end + 1, e));
                end = e;
            }
        }
        (roles, end)
    }

    /// End (exclusive) of an appositive segment starting at `s`: the next comma that
    /// starts something else, a verb, a new person ("và" + title), or punctuation;
    /// parentheses inside are kept ("Hiệp hội ... (IARTEM)").
    fn segment_end(&self, bi: usize, b: &Blk, s: usize) -> usize {
        let n = b.toks.len();
        let mut e = s;
        while e < n {
            let t = &b.toks[e];
            match t.punct() {
                Some(',') => {
                    // A comma inside an organisation name: the next piece starts
                    // with a capital and is not a new title or a person.
                    let next = e + 1;
                    let org_continues = next < n
                        && b.toks[next].cap
                        && self.is_title_start(b, next).is_none()
                        && !self.name_tokens[bi].contains(next)
                        && !b.hits_at(next).any(|h| {
                            matches!(
                                h.cat,
                                Cat::Honorific | Cat::Lead | Cat::Speech | Cat::Academic
                            )
                        });
                    if !org_continues {
                        break;
                    }
                }
                Some('(') => match (e + 1..n.min(e + 16)).find(|&i| b.toks[i].is_punct(')')) {
                    Some(close) => {
                        e = close + 1;
                        continue;
                    }
                    None => break,
                },
                Some('-' | '–' | '&') => {
                    if e + 1 < n && self.is_title_start(b, e + 1).is_some() {
                        // "Tổng Thư ký Quốc hội - Chủ nhiệm ...": split later.
                    }
                }
                // "Phó Chủ tịch UBND TP. Hồ Chí Minh": an abbreviation's period.
                Some('.') if super::doc::abbreviation_period(self.doc.text, &b.toks, e) => {}
                Some(_) => break,
                None => {
                    // "Hội đồng Trị sự", "Cảnh sát hình sự": after a word of the
                    // segment "sự" ends a compound; it opens a clause only after a
                    // word that breaks the segment first ("dưới sự chủ trì").
                    let compound = self.word(b, e) == "sự" && e > s && b.toks[e - 1].is_word();
                    if e > s && !compound && self.is_breaker(bi, b, e) {
                        break;
                    }
                    let w = self.word(b, e);
                    // "... Quốc hội tại buổi họp báo": where they spoke, not part of
                    // the office ("Hiệp hội Doanh nghiệp châu Âu tại Việt Nam" is).
                    if e > s
                        && w == "tại"
                        && b.toks.get(e + 1).is_some_and(|t| t.is_word() && !t.cap)
                    {
                        break;
                    }
                    if e > s
                        && matches!(w, "và" | "and")
                        && e + 1 < n
                        && self.is_title_start(b, e + 1).is_some()
                    {
                        break;
                    }
                    if self.doc.english && e - s >= 8 {
                        break;
                    }
                }
            }
            e += 1;
        }
        e
    }
}

/// Buffers [`cap_runs`] reuses from block to block.
#[derive(Default)]
struct RunScratch {
    caps: CapWords,
    cuts: Vec<usize>,
}

/// Runs of capitalised words in a block, split where a title, organisation,
/// honorific or other lexicon phrase starts or ends inside them, into `out`.
fn cap_runs(doc: &Doc, b: &Blk, out: &mut Vec<Range<usize>>, scratch: &mut RunScratch) {
    out.clear();
    let n = b.toks.len();
    let RunScratch { caps, cuts } = scratch;
    caps.fill(&b.toks);
    let mut i = 0;
    while let Some(start) = caps.next_at_or_after(i) {
        i = start;
        let mut j = i + 1;
        loop {
            j = caps.next_other_at_or_after(j, n);
            let t = match b.toks.get(j) {
                Some(t) => t,
                None => break,
            };
            if t.is_punct('-')
                && matches!(t.kind, super::tokens::Kind::Punct { spaced: false, .. })
                && j + 1 < n
                && b.toks[j + 1].cap
                && is_name_word_fast(doc.word(b, j + 1))
            {
                // "Jean-Claude": a hyphen without spaces joins two name words.
                j += 1;
            } else {
                break;
            }
        }
        // Runs made only of a lexicon phrase ("Bí", "Hội nghị") carry no name.
        let whole_phrase = |s: usize, e: usize| b.hits_at(s).any(|h| h.last + 1 == e);
        if j == i + 1 {
            // One word, most runs (a sentence's first word): nothing to split.
            if !whole_phrase(i, j) {
                out.push(i..j);
            }
            i = j;
            continue;
        }
        // Hits span at most a few tokens: only those starting from eight tokens
        // before the run to its end can cut it.
        let near = b.hits_in(i.saturating_sub(8), j);
        // Split at phrase boundaries: titles and academic titles anywhere, an
        // honorific only where the run starts ("Ông Lê Văn Thạc"; "Trần Minh Anh"
        // keeps its "Anh"), organisation and meeting nouns only when they are longer
        // than a word ("Lê Bộ Khải", "Đoàn Quang Vũ" keep "Bộ", "Đoàn").
        cuts.clear();
        cuts.extend([i, j]);
        for h in near {
            let splits = match h.cat {
                Cat::Title | Cat::Rank | Cat::Academic => {
                    h.last > h.first || doc.english || b.toks[h.first].caps
                }
                Cat::Honorific => h.first == i || doc.english,
                Cat::Org | Cat::Kind => h.last > h.first,
                // Captions capitalise their verb: "Thứ trưởng X Kết luận Hội nghị".
                Cat::Speech | Cat::Lead | Cat::Chair => h.last > h.first && !doc.english,
                _ => false,
            };
            if !splits {
                continue;
            }
            if h.first > i && h.first < j {
                cuts.push(h.first);
            }
            if h.last + 1 > i && h.last + 1 < j {
                cuts.push(h.last + 1);
            }
        }
        // "Birmingham's Sion Prowse": a possessive ends a phrase before the name.
        for k in i..j.saturating_sub(1) {
            let w = &doc.text.as_bytes()[b.toks[k].start..b.toks[k].end];
            if w.ends_with(b"'s") || w.ends_with("’s".as_bytes()) {
                cuts.push(k + 1);
            }
        }
        cuts.sort_unstable();
        cuts.dedup();
        for w in cuts.windows(2) {
            let (s, e) = (w[0], w[1]);
            if !whole_phrase(s, e) {
                out.push(s..e);
            }
        }
        i = j;
    }
}

/// The capitalised words of a block, a bit per token (token `i` is bit `i % 64`
/// of `bits[i / 64]`).
///
/// Finding runs looks at every token of every block. Testing the tokens one by
/// one (or four at a time) took a branch per token that capitals, common in
/// Vietnamese text, made unpredictable, and showed in wall-time profiles; the bits
/// are gathered without a branch, and runs are found with bit scans.
#[derive(Debug, Default)]
struct CapWords {
    bits: Vec<u64>,
}

impl CapWords {
    fn fill(&mut self, toks: &[Tok]) {
        self.bits.clear();
        // (Only words have `cap` set: a punctuation token has no word flags.)
        self.bits.extend(toks.chunks(64).map(|chunk| {
            chunk
                .iter()
                .rev()
                .fold(0u64, |bits, t| bits << 1 | u64::from(t.cap))
        }));
    }

    /// The first capitalised word at or after token `from`.
    fn next_at_or_after(&self, from: usize) -> Option<usize> {
        first_set_bit(&self.bits, from, |w| w)
    }

    /// The first token at or after `from` that is no capitalised word; `n` (the
    /// block's token count) when there is none.
    fn next_other_at_or_after(&self, from: usize, n: usize) -> usize {
        first_set_bit(&self.bits, from, |w| !w).map_or(n, |i| i.min(n))
    }
}

/// The index of the first set bit of `view(bits[k])` at or after bit `from`.
fn first_set_bit(bits: &[u64], from: usize, view: impl Fn(u64) -> u64) -> Option<usize> {
    let mut k = from / 64;
    let mut word = view(*bits.get(k)?) & (!0u64 << (from % 64));
    loop {
        if word != 0 {
            return Some(k * 64 + word.trailing_zeros() as usize);
        }
        k += 1;
        word = view(*bits.get(k)?);
    }
}

/// Why a name is taken as a person.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum License {
    None,
    Given,
    List,
    Verb,
    Appositive,
    Honorific,
    Title,
}

#[derive(Debug, Clone)]
struct Candidate {
    blk: usize,
    span: NameSpan,
    /// Set with `after`, `chain` and `chain_roles` by [`Ctx::find_roles`].
    roles: Vec<Role>,
    /// False until [`Ctx::find_roles`] has run for it.
    roles_found: bool,
    license: License,
    after: usize,
    chain: Option<usize>,
    /// Roles from the title chain in front (shared by a list: "các đại biểu A, B").
    chain_roles: usize,
}

/// A one-word run of a Vietnamese article with no honorific before it, not yet
/// looked at: its word can only be a short form of someone's name, or break a list
/// (see pass 1 of [`find`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
struct PendingWord {
    blk: usize,
    tok: usize,
}

impl PendingWord {
    /// The candidate it makes when its word is a name.
    fn candidate<'a>(self, doc: &Doc<'a>, names: &mut RunNames<'a>) -> Option<Candidate> {
        let b = &doc.blocks[self.blk];
        let span = names.name_in_run(doc.text, b, self.tok..self.tok + 1)?;
        Some(Candidate::new(self.blk, span))
    }
}

impl Candidate {
    fn new(blk: usize, span: NameSpan) -> Candidate {
        Candidate {
            blk,
            span,
            roles: Vec::new(),
            roles_found: false,
            license: License::None,
            after: span.last + 1,
            chain: None,
            chain_roles: 0,
        }
    }
}

/// Honorifics and academic titles right before token `first` of `b`.
///
/// (The hits ending at `first - 1`, as [`hits_ending`] finds them, filtered once:
/// this runs for every one-word run, and an iterator flattened from an `Option`
/// showed in profiles.)
fn honorifics_before(b: &Blk, first: usize) -> impl Iterator<Item = &THit> + '_ {
    // Hits starting in `first - 1 - max_hit_span ..= first - 1` (none before token 0).
    b.hits_in(first.saturating_sub(b.max_hit_span + 1), first)
        .iter()
        .filter(move |h| h.last + 1 == first && matches!(h.cat, Cat::Honorific | Cat::Academic))
}

impl Ctx<'_, '_> {
    /// Finds the roles of `c` (its title chain in front, then its appositives) and
    /// where its mention starts and ends. Returns where its title chain starts.
    fn find_roles(&self, c: &mut Candidate) -> Option<usize> {
        let b = &self.doc.blocks[c.blk];
        let (mut before, chain_start) = self.roles_before(c.blk, b, c.span.first);
        let (mut after, after_end) = self.roles_after(c.blk, b, c.span.last);
        // Where the mention starts in front of the name: its title chain, or its
        // honorific ("đồng chí Lưu Kỳ Phong").
        c.chain = chain_start.or_else(|| honorifics_before(b, c.span.first).map(|h| h.first).min());
        c.after = after_end;
        c.chain_roles = before.len();
        c.roles.append(&mut before);
        c.roles.append(&mut after);
        c.roles_found = true;
        chain_start
    }
}

/// Finds the people of an article.
pub fn find(doc: &Doc) -> People {
    let lx = Lexicon::get();
    let mut names = RunNames::new(doc.english);
    let mut ctx = Ctx {
        doc,
        lx,
        name_tokens: vec![TokenSet::default(); doc.blocks.len()],
    };
    // Pass 1: names in capitalised runs.
    let mut cands: Vec<Candidate> = Vec::new();
    let mut pending: Vec<PendingWord> = Vec::new();
    let (mut runs, mut scratch) = (Vec::new(), RunScratch::default());
    for (bi, b) in doc.blocks.iter().enumerate() {
        cap_runs(doc, b, &mut runs, &mut scratch);
        for run in runs.drain(..) {
            // A one-word name in Vietnamese needs an honorific (pass 1b). Without one
            // the word counts only as a short form of someone's name (pass 2) or as
            // something between two names of a list (below): whether it is a name is
            // looked for there, if ever. (Most of these are words that start a
            // sentence, and looking was a good part of the work here.)
            if !doc.english && run.len() == 1 && honorifics_before(b, run.start).next().is_none() {
                pending.push(PendingWord {
                    blk: bi,
                    tok: run.start,
                });
                continue;
            }
            let Some(mut span) = names.name_in_run(doc.text, b, run) else {
                continue;
            };
            // A place is no name: an appositive runs on through it ("Trưởng Công
            // an phường Trương Định, quận ...").
            if !doc.english
                && honorifics_before(b, span.first).next().is_none()
                && names_a_place(doc, b, span.first)
            {
                continue;
            }
            if doc.english {
                // "Derby North's Bob Hartwell", "Conservative Graham Oakes": the name
                // starts at its given name.
                if !lx.is_given_en(doc.word(b, span.first))
                    && let Some(g) =
                        (span.first + 1..span.last).find(|&i| lx.is_given_en(doc.word(b, i)))
                {
                    span.first = g;
                }
                if (span.first..=span.last).any(|i| lx.is_en_org_word(doc.word(b, i))) {
                    continue;
                }
            }
            if span.last > span.first {
                ctx.name_tokens[bi].insert_range(span.first..span.last + 1);
            }
            cands.push(Candidate::new(bi, span));
        }
    }
    // Pass 1b: roles and licenses, knowing where every name is.
    for c in &mut cands {
        let b = &doc.blocks[c.blk];
        let honorific = honorifics_before(b, c.span.first).next().is_some();
        let words = c.span.last - c.span.first + 1;
        // One-word names need an honorific ("ông Putin", "Mr Blair"); in English a
        // title will do ("President Bush"). In Vietnamese a title before one foreign
        // word is as often a company ("Chủ tịch Eximbank").
        if words == 1 && !doc.english && !honorific {
            // Nobody, whatever its roles: they matter only if it turns out to be a
            // short form of someone's name, and are found then (most of these
            // words are not, and their roles were a good part of the work here).
            continue;
        }
        let chain_start = ctx.find_roles(c);
        let after_end = c.after;
        let verb_follows = (after_end..b.toks.len().min(after_end + 4)).any(|i| {
            b.hits_at(i)
                .any(|h| matches!(h.cat, Cat::Speech | Cat::Chair))
        }) && (after_end..b.toks.len().min(after_end + 4))
            .take_while(|&i| {
                !b.hits_at(i)
                    .any(|h| matches!(h.cat, Cat::Speech | Cat::Chair))
            })
            .all(|i| b.toks[i].is_word() && !b.toks[i].cap || b.toks[i].is_punct(','));
        let given = doc.english && words >= 2 && lx.is_given_en(doc.word(b, c.span.first));
        let appositive = c.roles.len() > c.chain_roles;
        // "Trưởng Khoa Tiết Niệu Bệnh viện Chợ Rẫy": capitalised words between a
        // title and an organisation's name are the unit the title heads, not a
        // person (a name is not followed by an organisation without a comma).
        let heads_unit = chain_start.is_some()
            && !honorific
            && b.hits_at(c.span.last + 1).any(|h| h.cat == Cat::Org);
        c.license = if heads_unit {
            License::None
        } else if chain_start.is_some() {
            License::Title
        } else if honorific {
            License::Honorific
        } else if appositive {
            License::Appositive
        } else if verb_follows && (words >= 2 || c.span.foreign) {
            License::Verb
        } else if given {
            License::Given
        } else {
            License::None
        };
        if words == 1 {
            let enough = if doc.english {
                c.license >= License::Honorific
            } else {
                c.license == License::Honorific
            };
            if !enough {
                c.license = License::None;
            }
        }
    }
    // Lists: "các đại biểu A (Đà Nẵng), B (Đồng Nai) và C": a name right after a
    // separator that follows a licensed name is licensed too, and shares a title
    // chain that stood in front of the whole list.
    for k in 1..cands.len() {
        // Licensed names go on: a title at the head of the list is theirs too.
        if cands[k].license == License::None && cands[k].span.last == cands[k].span.first {
            continue;
        }
        let (prev, cur) = (&cands[k - 1], &cands[k]);
        if prev.blk != cur.blk || prev.license == License::None {
            continue;
        }
        let b = &doc.blocks[cur.blk];
        // One to three joining words between the two. (The gap's length is tested
        // first: most gaps are long, and collecting their words showed in profiles.)
        let between = prev.after..cur.span.first;
        let joined = (1..=3).contains(&between.len())
            && matches!(
                doc.word(b, between.start),
                "," | ";" | "và" | "and" | "cùng"
            )
            && between.into_iter().all(|i| {
                matches!(
                    doc.word(b, i),
                    "," | ";" | "và" | "and" | "cùng" | "…" | "." | "ĐB" | "đại" | "biểu"
                )
            });
        // A name in a pending word in between comes right before this one instead:
        // the list breaks there. (A name ends its run, and a pending word is a run.)
        let joined = joined && {
            let (from, to) = ((cur.blk, prev.span.last), (cur.blk, cur.span.first));
            let after_prev = pending.partition_point(|p| (p.blk, p.tok) <= from);
            let before_cur = pending.partition_point(|p| (p.blk, p.tok) < to);
            pending[after_prev..before_cur]
                .iter()
                .all(|p| p.candidate(doc, &mut names).is_none())
        };
        if joined {
            // A title written once for a list ("Đại biểu A (Hòa Bình), B (Quảng
            // Trị), C ...") carries down the list while nobody has roles of their own.
            let shared: Vec<Role> = if prev.chain_roles > 0 && prev.roles.len() == prev.chain_roles
            {
                prev.roles[..prev.chain_roles].to_vec()
            } else {
                Vec::new()
            };
            let cur = &mut cands[k];
            if cur.license == License::None {
                cur.license = License::List;
            }
            if cur.roles.is_empty() {
                cur.chain_roles = shared.len();
                cur.roles = shared;
            }
        }
    }
    // Pass 2: register licensed names as people; merge short forms into long ones.
    let mut persons: Vec<Person> = Vec::new();
    let mut mentions: Vec<Mention> = Vec::new();
    let mut order: Vec<usize> = (0..cands.len())
        .filter(|&k| cands[k].license != License::None)
        .collect();
    // Longer names first, so "Tony Ashcombe" exists before "Blair".
    order.sort_by_key(|&k| std::cmp::Reverse(cands[k].span.last - cands[k].span.first));
    let mut person_of: Vec<Option<usize>> = vec![None; cands.len()];
    // Each licensed name's key, made once: it is compared in both loops below.
    // (Other names get theirs below if they may refer to someone.)
    let mut keys: Vec<String> = vec![String::new(); cands.len()];
    for &k in &order {
        let c = &cands[k];
        keys[k] = span_key(&doc.blocks[c.blk], c.span.first, c.span.last);
    }
    for &k in &order {
        let c = &cands[k];
        let key = &keys[k];
        let p = match find_person(&persons, key) {
            Some(p) => p,
            None => {
                persons.push(Person {
                    name: doc
                        .slice(&doc.blocks[c.blk], c.span.first, c.span.last)
                        .to_owned(),
                    key: key.clone(),
                    roles: Vec::new(),
                    foreign: c.span.foreign,
                });
                persons.len() - 1
            }
        };
        person_of[k] = Some(p);
    }
    // A foreign person known by one word ("ông LeBretton") takes the longer name
    // the article writes without a license ("CEO Matt LeBretton"), from its given
    // name on, when every longer form it writes ends with that name.
    for p in persons
        .iter_mut()
        .filter(|p| p.foreign && !p.key.contains(' '))
    {
        let mut longer = cands.iter().enumerate().filter(|(k, c)| {
            c.license == License::None
                && c.span.foreign
                && c.span.last > c.span.first
                && ends_with_words(
                    &span_key(&doc.blocks[c.blk], c.span.first, c.span.last),
                    &p.key,
                )
                && person_of[*k].is_none()
        });
        let Some((_, first)) = longer.next() else {
            continue;
        };
        let b = &doc.blocks[first.blk];
        // "Qantas Airways Alan Joyce": the name starts at its given name.
        let start = (first.span.first..first.span.last)
            .find(|&i| lx.is_given_en(doc.word(b, i)))
            .unwrap_or(first.span.first);
        let key = span_key(b, start, first.span.last);
        if longer
            .all(|(_, c)| span_key(&doc.blocks[c.blk], c.span.first, c.span.last).ends_with(&key))
        {
            p.name = doc.slice(b, start, first.span.last).to_owned();
            p.key = key;
        }
    }
    // The word keys of each person's roles, beside the roles.
    let mut role_keys: Vec<Vec<String>> = vec![Vec::new(); persons.len()];
    // Candidates refer to persons in the order of the text: a pending word before a
    // candidate comes before it. Without persons nobody is referred to.
    let (mut next_cand, mut next_pending) = (0, 0);
    // The last word of each person's key. A key's words are pieces of its match
    // key, and `find_person` wants a name with the key's last word: unless some
    // person's last word is in a name's match key, it refers to nobody (most
    // names that are no person's do not, and making their keys showed in
    // profiles).
    let last_words: Vec<String> = persons
        .iter()
        .map(|p| p.key[p.key.rfind(' ').map_or(0, |i| i + 1)..].to_owned())
        .collect();
    let may_refer = |b: &Blk, first: usize, last: usize| {
        let match_key = b.key_bytes(first, last);
        last_words
            .iter()
            .any(|w| contains_bytes(match_key, w.as_bytes()))
    };
    while !persons.is_empty() {
        let pending_first = match (cands.get(next_cand), pending.get(next_pending)) {
            (Some(c), Some(p)) => (p.blk, p.tok) < (c.blk, c.span.first),
            (None, Some(_)) => true,
            (_, None) => false,
        };
        let (mut pending_cand, made_key);
        let (c, key, known) = if pending_first {
            let word = pending[next_pending];
            next_pending += 1;
            if !may_refer(&doc.blocks[word.blk], word.tok, word.tok) {
                continue;
            }
            let Some(c) = word.candidate(doc, &mut names) else {
                continue;
            };
            made_key = span_key(&doc.blocks[c.blk], c.span.first, c.span.last);
            pending_cand = c;
            (&mut pending_cand, &made_key, None)
        } else if next_cand < cands.len() {
            next_cand += 1;
            let k = next_cand - 1;
            let c = &mut cands[k];
            if person_of[k].is_some() {
                (c, &keys[k], person_of[k])
            } else {
                let b = &doc.blocks[c.blk];
                if !may_refer(b, c.span.first, c.span.last) {
                    continue;
                }
                made_key = span_key(b, c.span.first, c.span.last);
                (c, &made_key, None)
            }
        } else {
            break;
        };
        let Some(p) = known.or_else(|| find_person(&persons, key)) else {
            continue;
        };
        if !c.roles_found {
            ctx.find_roles(c);
        }
        let b = &doc.blocks[c.blk];
        for r in &c.roles {
            add_role(&mut persons[p].roles, &mut role_keys[p], doc, b, *r);
        }
        let kind = if *key == persons[p].key {
            MKind::Name
        } else {
            MKind::Alias
        };
        mentions.push(Mention {
            blk: c.blk,
            first: c.span.first,
            last: c.span.last,
            kind,
            person: Some(p),
            after: c.after,
            chain: c.chain,
        });
    }
    // Pass 3: short forms after honorifics ("ông Dũng", "Mr Blair"), titles without a
    // name, and pronouns.
    // Tokens of names with their title chains and appositives, per block: a title
    // there belongs to that name. (Grouped once: filtering every mention for every
    // block made a 100,000-paragraph article quadratic.)
    let mut taken_in: Vec<TokenSet> = vec![TokenSet::default(); doc.blocks.len()];
    for m in &mentions {
        if let Some(t) = taken_in.get_mut(m.blk) {
            t.insert_range(m.chain.unwrap_or(m.first)..m.after.max(m.last + 1));
        }
    }
    // Name mentions are in block order: those of a block are one range of them.
    let named = mentions.len();
    let anyone_has_roles = role_keys.iter().any(|keys| !keys.is_empty());
    for (bi, b) in doc.blocks.iter().enumerate() {
        let taken = std::mem::take(&mut taken_in[bi]);
        let named_here = mentions[..named].partition_point(|m| m.blk < bi)
            ..mentions[..named].partition_point(|m| m.blk <= bi);
        // Mentions this loop adds for this block.
        let added_here = mentions.len();
        for h in &b.hits {
            let next = h.last + 1;
            match h.cat {
                Cat::Honorific if !taken.contains(next) => {
                    // Up to two name words after the honorific.
                    let mut e = next;
                    while e < b.toks.len()
                        && e < next + 2
                        && b.toks[e].cap
                        && is_name_word_fast(doc.word(b, e))
                    {
                        e += 1;
                    }
                    if e > next {
                        // (`find_person` wants the words' last word to be someone's:
                        // most are nobody's, and are settled without a key.)
                        let short = may_refer(b, next, e - 1).then(|| span_key(b, next, e - 1));
                        if let Some(p) = short.and_then(|short| find_person(&persons, &short)) {
                            let (_, after) = ctx.roles_after(bi, b, e - 1);
                            mentions.push(Mention {
                                blk: bi,
                                first: h.first,
                                last: e - 1,
                                kind: MKind::Alias,
                                person: Some(p),
                                after,
                                chain: None,
                            });
                        }
                    } else if is_pronoun_honorific(doc.word(b, h.first)) {
                        mentions.push(Mention {
                            blk: bi,
                            first: h.first,
                            last: h.last,
                            kind: MKind::Pronoun,
                            person: None,
                            after: h.last + 1,
                            chain: None,
                        });
                    }
                }
                // (A title resolves to someone's role: without roles there is
                // nobody to find.)
                Cat::Title
                    if anyone_has_roles && !taken.contains(h.first) && !taken.contains(next) =>
                {
                    // A title chain not attached to a name.
                    let end = title_chain_end(&ctx, bi, b, h.first);
                    if taken.contains(end) {
                        continue;
                    }
                    // "một số đại biểu", "các đại biểu", "nhiều bộ trưởng": a group,
                    // not the one person who holds the title.
                    if h.first > 0 && is_plural_quantifier(doc.word(b, h.first - 1)) {
                        continue;
                    }
                    // Covered by an earlier mention of this block.
                    if covers(&mentions[named_here.clone()], h.first)
                        || covers(&mentions[added_here..], h.first)
                    {
                        continue;
                    }
                    let chain = span_key(b, h.first, end - 1);
                    // (The same key when the chain is the title alone.)
                    let head = (end - 1 != h.last).then(|| span_key(b, h.first, h.last));
                    let head = head.as_deref().unwrap_or(&chain);
                    if let Some(p) = resolve_title(&role_keys, &chain, head) {
                        mentions.push(Mention {
                            blk: bi,
                            first: h.first,
                            last: end - 1,
                            kind: MKind::Title,
                            person: Some(p),
                            after: end,
                            chain: None,
                        });
                    }
                }
                _ => {}
            }
        }
        if doc.english {
            for (i, t) in b.toks.iter().enumerate() {
                if t.is_word() && matches!(doc.word(b, i), "he" | "He" | "she" | "She") {
                    mentions.push(Mention {
                        blk: bi,
                        first: i,
                        last: i,
                        kind: MKind::Pronoun,
                        person: None,
                        after: i + 1,
                        chain: None,
                    });
                }
            }
        }
    }
    mentions.sort_by_key(|m| (m.blk, m.first, std::cmp::Reverse(m.last)));
    mentions.dedup_by(|a, b| a.blk == b.blk && a.first >= b.first && a.last <= b.last);
    // Pronouns ("ông", "he") refer to the person mentioned last.
    let mut last: Option<usize> = None;
    for m in &mut mentions {
        if m.kind == MKind::Pronoun {
            m.person = last;
        } else if m.person.is_some() {
            last = m.person;
        }
    }
    People { persons, mentions }
}

fn is_plural_quantifier(w: &str) -> bool {
    matches!(
        w,
        "số" | "các" | "Các" | "những" | "Những" | "nhiều" | "Nhiều" | "mấy" | "quý"
    )
}

fn is_pronoun_honorific(w: &str) -> bool {
    matches!(w, "ông" | "Ông" | "bà" | "Bà")
}

/// True when one of `mentions` (of the block in question) covers token `i`.
fn covers(mentions: &[Mention], i: usize) -> bool {
    mentions.iter().any(|m| m.first <= i && i <= m.last)
}

/// Where a title chain that starts at `first` ends (exclusive): over organisation
/// words, up to a breaker, punctuation or a name.
/// Whether tokens `from..to` of `b` leave a parenthesis open.
fn opens_parenthesis(b: &Blk, from: usize, to: usize) -> bool {
    let mut depth = 0usize;
    for t in &b.toks[from..to] {
        match t.punct() {
            Some('(') => depth += 1,
            Some(')') => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    depth > 0
}

fn title_chain_end(ctx: &Ctx, bi: usize, b: &Blk, first: usize) -> usize {
    let n = b.toks.len();
    let mut e = first;
    while e < n && e < first + 14 {
        let t = &b.toks[e];
        if !t.is_word() {
            if t.is_punct('-')
                || t.is_punct('&')
                || super::doc::abbreviation_period(ctx.doc.text, &b.toks, e)
            {
                e += 1;
                continue;
            }
            break;
        }
        if e > first
            && ctx.is_breaker(bi, b, e)
            && !hits_covering(b, b.max_hit_span, e)
                .any(|h| h.first < e && matches!(h.cat, Cat::Title | Cat::Rank | Cat::Org))
        {
            break;
        }
        e += 1;
    }
    // A trailing lower-case word outside any phrase is part of the clause.
    e.max(first + 1)
}

/// A title mention refers to the person holding that role (the whole chain, or a
/// role that starts with it), or to the only person whose role starts with the
/// title head ("Thủ tướng" -> the prime minister).
///
/// `role_keys` holds the word keys of each person's roles.
fn resolve_title(role_keys: &[Vec<String>], chain: &str, head: &str) -> Option<usize> {
    // The only person with a role the predicate accepts.
    let matching = |pred: &dyn Fn(&str) -> bool| -> Option<usize> {
        let mut holders = role_keys
            .iter()
            .enumerate()
            .filter(|(_, keys)| keys.iter().any(|r| pred(r)))
            .map(|(i, _)| i);
        let first = holders.next()?;
        holders.next().is_none().then_some(first)
    };
    if chain != head {
        // A title with its organisation must match a role ("Bí thư Tỉnh ủy Hưng
        // Yên" is not "Bí thư Trung ương Đảng").
        return matching(&|r: &str| r == chain)
            .or_else(|| matching(&|r: &str| starts_with_words(r, chain)));
    }
    matching(&|r: &str| r == head || starts_with_words(r, head))
}

/// `key` starts with the words `prefix` and goes on: `key.starts_with("{prefix} ")`.
fn starts_with_words(key: &str, prefix: &str) -> bool {
    key.len() > prefix.len() && key.starts_with(prefix) && key.as_bytes()[prefix.len()] == b' '
}

/// `key` ends with the words `suffix` after others: `key.ends_with(" {suffix}")`.
fn ends_with_words(key: &str, suffix: &str) -> bool {
    key.len() > suffix.len()
        && key.ends_with(suffix)
        && key.as_bytes()[key.len() - suffix.len() - 1] == b' '
}

/// The words `part` occur in `key`: `" {key} "` contains `" {part} "`.
fn contains_words(key: &str, part: &str) -> bool {
    key.match_indices(part).any(|(at, _)| {
        let end = at + part.len();
        (at == 0 || key.as_bytes()[at - 1] == b' ')
            && (end == key.len() || key.as_bytes()[end] == b' ')
    })
}

/// `needle` occurs in `haystack` (both short: a word and a person's last word).
fn contains_bytes(haystack: &[u8], needle: &[u8]) -> bool {
    match needle.first() {
        None => true,
        // Most windows differ in their first byte: no call to compare the rest.
        Some(&first) => haystack
            .windows(needle.len())
            .any(|w| w[0] == first && w == needle),
    }
}

/// The person with this key, or whose name ends with it (a short form), or whose
/// name it abbreviates with initials ("v nikishina" for "veronika nikishina").
fn find_person(persons: &[Person], key: &str) -> Option<usize> {
    if let Some(i) = persons.iter().position(|p| p.key == key) {
        return Some(i);
    }
    // The only person the predicate accepts; `Err` when none is.
    let unique = |pred: &dyn Fn(&str) -> bool| -> Result<Option<usize>, ()> {
        let mut found = persons
            .iter()
            .enumerate()
            .filter(|(_, p)| pred(&p.key))
            .map(|(i, _)| i);
        let first = found.next().ok_or(())?;
        Ok(found.next().is_none().then_some(first))
    };
    if let Ok(p) = unique(&|k: &str| ends_with_words(k, key)) {
        return p;
    }
    unique(&|k: &str| abbreviates(key, k)).ok().flatten()
}

/// "v nikishina" abbreviates "veronika nikishina": same last word, the words before
/// are initials of the other's.
fn abbreviates(short: &str, long: &str) -> bool {
    // Most pairs differ in their last word: settled before splitting.
    let last_word = |s: &'_ str| -> usize { s.rfind(' ').map_or(0, |i| i + 1) };
    if short == long || short[last_word(short)..] != long[last_word(long)..] {
        return false;
    }
    let s: Vec<&str> = short.split(' ').collect();
    let l: Vec<&str> = long.split(' ').collect();
    if s.len() != l.len() || s.len() < 2 || s.last() != l.last() || s == l {
        return false;
    }
    s[..s.len() - 1]
        .iter()
        .zip(&l[..l.len() - 1])
        .all(|(a, b)| a == b || a.chars().count() == 1 && b.starts_with(a))
}

/// Adds a role unless the person already has it (or a longer form of it).
/// `keys` holds the word key of each of `roles`, and is kept so.
/// (`role` is a role of block `b`.)
fn add_role(roles: &mut Vec<String>, keys: &mut Vec<String>, doc: &Doc, b: &Blk, role: Role) {
    let k = span_key(b, role.first, role.last);
    if k.is_empty() {
        return;
    }
    // The same role, or one a part of the other ("Minister" in "Trade Minister").
    if let Some(pos) = keys
        .iter()
        .position(|rk| *rk == k || contains_words(rk, &k) || contains_words(&k, rk))
    {
        // Keep the longer, more specific form.
        if keys[pos].len() < k.len() {
            roles[pos] = role.text(doc, b).to_owned();
            keys[pos] = k;
        }
        return;
    }
    roles.push(role.text(doc, b).to_owned());
    keys.push(k);
}

#[cfg(test)]
mod tests;
