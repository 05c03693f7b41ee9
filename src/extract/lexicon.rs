//! The language data extraction runs on, compiled from `assets/lexicon/`: every
//! phrase list (titles, verbs, meeting nouns, cues, ...) in one table matched on
//! [`match_key`] at token starts, plus word sets (surnames, places, given names).

use std::collections::HashMap;
use std::sync::OnceLock;

use rustc_hash::FxHashSet;

use super::tokens::Tok;
use crate::lexicon::entries;
use crate::text::fold::match_key;

macro_rules! asset {
    ($path:literal) => {
        include_str!(concat!("../../assets/lexicon/", $path))
    };
}

/// What a phrase of the lists is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Cat {
    /// Head of a position ("Bí thư", "Minister").
    Title,
    /// Military or police rank ("Thượng tướng").
    Rank,
    /// Form of address ("ông", "Mr").
    Honorific,
    /// Academic title or honour ("GS.TS"): licenses a name, is not a role.
    Academic,
    /// Organisation head ("Bộ", "Thành ủy").
    Org,
    /// Speech verb ("cho biết", "said").
    Speech,
    /// Sentence opening announcing the speaker after a comma ("Phát biểu", "Theo").
    Lead,
    /// Chair verb ("chủ trì", "chaired by").
    Chair,
    /// Meeting noun ("hội nghị", "summit").
    Kind,
    /// Verb saying a meeting took place ("tổ chức", "khai mạc").
    Trigger,
    /// Phrase introducing an agenda ("bàn các nội dung").
    Agenda,
}

/// One phrase of the lists.
#[derive(Debug, Clone)]
pub struct Phrase {
    /// The entry as written in the list (the first of its spellings).
    pub text: &'static str,
    /// Every way the lists write it ("Trưởng ban", "Trưởng Ban").
    pub variants: Vec<&'static str>,
    pub cats: Vec<Cat>,
    /// The entry is English.
    pub en: bool,
}

/// A phrase as the look-up compares it: its first eight key bytes in one word, so
/// that most candidates are settled without reading the rest of the key (the
/// look-up runs for every token). 16 bytes, four to a cache line.
struct Candidate {
    /// The first eight bytes of the key (little-endian, zero after a shorter key).
    prefix: u64,
    /// Where the key is in [`Lexicon::key_bytes`].
    at: u32,
    len: u16,
    phrase: u16,
}

const _: () = assert!(
    std::mem::size_of::<Candidate>() == 16,
    "four candidates to a cache line"
);

/// The bits of a [`first_eight`] word that hold the first `len` bytes. (By table:
/// this runs twice per token and per candidate, and a `match` on `len` showed
/// as the function's costliest line.)
#[inline(always)]
fn prefix_mask(len: usize) -> u64 {
    const MASKS: [u64; 9] = {
        let mut m = [0; 9];
        let mut i = 1;
        while i < 9 {
            m[i] = u64::MAX >> (8 * (8 - i));
            i += 1;
        }
        m
    };
    MASKS[len.min(8)]
}

/// A first word of phrases.
struct Head {
    /// The word's first eight bytes, as [`Candidate::prefix`].
    prefix: u64,
    len: u16,
    /// Its phrases, [`HeadTable::candidates`]`[from..to]`, longest first.
    from: u16,
    to: u16,
}

/// The phrases of one language by their first word ([`head_len`]): an open
/// addressed table of 2-byte indices into the first words (each with its first
/// eight bytes and length), mostly empty, so that a token that starts no phrase
/// is mostly settled by one load of an empty slot. (A bit filter in front of a hash map let a third of the tokens through
/// to the map: two hard-to-predict branches and a cache miss per token.)
struct HeadTable {
    /// `1 +` index into `heads`, or 0 for an empty slot; a power of two long and
    /// at most one in eight full, so a word that is no head mostly meets an empty
    /// slot.
    slots: Box<[u16]>,
    heads: Vec<Head>,
    candidates: Vec<Candidate>,
}

impl HeadTable {
    /// The table of the phrases `of` (indexes into `keys`).
    fn new(keys: &[Vec<u8>], at: &[u32], of: impl Iterator<Item = usize>) -> HeadTable {
        let mut by_head: Vec<(&[u8], Vec<usize>)> = Vec::new();
        let mut index: HashMap<&[u8], usize> = HashMap::new();
        for p in of {
            let k = &keys[p][..];
            let h = &k[..head_len(k)];
            let i = *index.entry(h).or_insert_with(|| {
                by_head.push((h, Vec::new()));
                by_head.len() - 1
            });
            by_head[i].1.push(p);
        }
        let size = (by_head.len() * 8).next_power_of_two().max(64);
        let mut slots = vec![0u16; size].into_boxed_slice();
        let mut heads = Vec::with_capacity(by_head.len());
        let mut candidates = Vec::new();
        for (h, mut group) in by_head {
            // Longest first: a token's hits then come out longest first.
            group.sort_by_key(|&p| std::cmp::Reverse(keys[p].len()));
            let from = candidates.len();
            candidates.extend(group.into_iter().map(|p| Candidate {
                prefix: first_eight(&keys[p]),
                at: at[p],
                len: u16::try_from(keys[p].len()).expect("a phrase is short"),
                phrase: u16::try_from(p).expect("fewer than 65536 phrases"),
            }));
            let prefix = first_eight(h);
            let mut s = head_slot(prefix, h.len(), size);
            while slots[s] != 0 {
                s = (s + 1) & (size - 1);
            }
            heads.push(Head {
                prefix,
                len: h.len() as u16,
                from: from as u16,
                to: u16::try_from(candidates.len()).expect("fewer than 65536 phrases"),
            });
            slots[s] = heads.len() as u16;
        }
        HeadTable {
            slots,
            heads,
            candidates,
        }
    }

    /// The slot the first word `prefix` (its [`first_eight`]), `len` bytes long,
    /// is looked for from: when it is empty, no phrase starts with the word.
    #[inline(always)]
    fn first_slot(&self, prefix: u64, len: usize) -> usize {
        head_slot(prefix, len, self.slots.len())
    }

    /// The phrases whose first word is `head`, whose [`first_eight`] is `prefix`,
    /// looked for from slot `s` (its [`first_slot`](Self::first_slot)).
    #[inline(always)]
    fn get_from(
        &self,
        mut s: usize,
        prefix: u64,
        head: &[u8],
        key_bytes: &[u8],
    ) -> Option<&[Candidate]> {
        let mask = self.slots.len() - 1;
        loop {
            let h = match self.slots[s] {
                0 => return None,
                h => &self.heads[usize::from(h) - 1],
            };
            let (from, to) = (usize::from(h.from), usize::from(h.to));
            if h.prefix == prefix
                && usize::from(h.len) == head.len()
                && (head.len() <= 8 || {
                    let at = self.candidates[from].at as usize + 8;
                    head[8..] == key_bytes[at..at + head.len() - 8]
                })
            {
                return Some(&self.candidates[from..to]);
            }
            s = (s + 1) & mask;
        }
    }
}

/// The slot a first word is looked for from in a [`HeadTable`] of `size` slots.
#[inline(always)]
fn head_slot(prefix: u64, len: usize, size: usize) -> usize {
    let mixed = (prefix ^ (len as u64).rotate_right(8)).wrapping_mul(0x9e37_79b9_7f4a_7c15);
    (mixed >> (64 - size.trailing_zeros())) as usize
}

/// The first eight bytes of `b` as [`Candidate::prefix`] has them (zero after a
/// shorter `b`).
#[inline(always)]
fn first_eight(b: &[u8]) -> u64 {
    match b.first_chunk::<8>() {
        Some(eight) => u64::from_le_bytes(*eight),
        None => {
            let mut eight = [0; 8];
            eight[..b.len()].copy_from_slice(b);
            u64::from_le_bytes(eight)
        }
    }
}

pub struct Lexicon {
    /// The Vietnamese phrases by first word.
    heads_vi: HeadTable,
    /// The English phrases by first word.
    heads_en: HeadTable,
    /// The [`match_key`] of every phrase, one after the other
    /// ([`Candidate::at`], [`Candidate::len`]).
    key_bytes: Box<[u8]>,
    /// Some phrase starts with punctuation: without one, punctuation tokens are
    /// not looked up (one in eight tokens).
    punct_heads: bool,
    pub phrases: Vec<Phrase>,
    /// Word keys, as bytes: name finding looks them up by slices of a block's match
    /// key, and making those `&str` first (a UTF-8 check each) showed in profiles.
    surnames: FxHashSet<Box<[u8]>>,
    surnames_folded: FxHashSet<String>,
    places: FxHashSet<Box<[u8]>>,
    /// First words of places: a run can only hold a place starting with one.
    place_starts: FxHashSet<Box<[u8]>>,
    /// Longest place, in words.
    pub place_max_words: usize,
    given_en: FxHashSet<String>,
    en_stop: FxHashSet<&'static str>,
    en_org: FxHashSet<String>,
    /// Words that head an agenda item, folded: single words and two-word phrases.
    agenda_heads: FxHashSet<String>,
    /// "lời kể", "trình báo": nouns of "Theo <noun> của <người>".
    speech_sources: FxHashSet<String>,
    /// Bodies that sit ("Quốc hội", "Ủy ban Thường vụ Quốc hội"), as word keys.
    session_bodies: Vec<String>,
    /// What they do only when sitting ("cho ý kiến", "chất vấn"), as word keys.
    session_verbs: Vec<String>,
    /// The first words of [`Self::session_verbs`], as match keys.
    session_verb_heads: FxHashSet<Box<[u8]>>,
}

/// Key for word sets: lower case, one tone placement, words joined by one space,
/// hyphens and dots dropped.
pub fn word_key(s: &str) -> String {
    let k = match_key(s);
    if !k.contains(|c: char| c.is_whitespace() || c == '-' || c == '–' || c == '.' || c == ',') {
        return k;
    }
    let mut out = String::with_capacity(k.len());
    for w in k.split(|c: char| c.is_whitespace() || c == '-' || c == '–' || c == '.' || c == ',')
    {
        if w.is_empty() {
            continue;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(w);
    }
    out
}

/// Length in bytes of the first word of a match key (letters, digits and
/// combining marks, as a word token runs), or of its first character when it does
/// not start with a letter or digit. Phrases are filed under it, and a token looks
/// its own up.
pub fn head_len(key: &[u8]) -> usize {
    use crate::text::class;
    let (u, n) = class::decode(key, 0);
    if class::of(u) & class::WORD == 0 {
        return n;
    }
    let mut i = n;
    while i < key.len() {
        let (u, n) = class::decode(key, i);
        if class::of(u) & (class::WORD | class::MARK) == 0 {
            break;
        }
        i += n;
    }
    i
}

/// [`head_len`] of a word token's key: up to its first joiner ('.', '&', '\'',
/// '’'), the only characters of a word token that are not letters, digits or marks.
#[inline]
fn word_head_len(word: &[u8]) -> usize {
    let mut i = 0;
    while i < word.len() {
        match word[i] {
            b'.' | b'&' | b'\'' => return i,
            0xe2 if word[i + 1..].starts_with(&[0x80, 0x99]) => return i,
            _ => i += 1,
        }
    }
    i
}

/// Runs `f` on the [`word_key`] of `s`, built in a reused buffer: word-set lookups
/// happen for nearly every capitalised word, and allocating a key each time showed
/// in profiles.
fn with_key<R>(s: &str, f: impl FnOnce(&str) -> R) -> R {
    use std::cell::RefCell;
    thread_local! {
        static BUF: RefCell<String> = const { RefCell::new(String::new()) };
    }
    let simple = !s.contains(|c: char| c.is_whitespace() || matches!(c, '-' | '–' | '.' | ','));
    if !simple {
        return f(&word_key(s));
    }
    BUF.with(|buf| {
        let mut buf = buf.borrow_mut();
        buf.clear();
        crate::text::fold::match_key_into(s, &mut buf);
        f(&buf)
    })
}

/// The [`word_key`] of words whose [`match_key`] is `key` (a span of
/// [`Blk::key`](super::doc::Blk::key)), without making the match key again.
pub fn word_key_of_match_key(key: &str) -> String {
    if is_own_word_key(key.as_bytes()) {
        return key.to_owned();
    }
    with_match_key(key, str::to_owned)
}

/// What [`is_own_word_key`] makes of each byte.
const PLAIN: u8 = 0;
const SPACE: u8 = 1;
/// A separator, or the lead byte of a character that may be one: the key is not
/// looked at bytewise.
const UNSURE: u8 = 2;

/// [`is_own_word_key`]'s class of every byte.
static KEY_BYTE: [u8; 256] = {
    let mut t = [PLAIN; 256];
    let mut b = 0;
    while b < 256 {
        t[b] = match b as u8 {
            b' ' => SPACE,
            b'\t' | b'\n' | 0x0b | 0x0c | b'\r' | b'-' | b'.' | b',' => UNSURE,
            // Lead bytes of U+0085 and U+00A0; U+1680; U+2000-U+205F with '–';
            // U+3000: the other whitespace (0xe1 also leads Vietnamese letters,
            // and is looked at closer).
            0xc2 | 0xe1 | 0xe2 | 0xe3 => UNSURE,
            _ => PLAIN,
        };
        b += 1;
    }
    t
};

/// True when a match key is surely its own [`word_key`]: words of characters
/// that are no separator, one space between them. Bytewise, for the set lookups
/// of name finding (nearly every capitalised word); false on keys it is unsure
/// of, which [`with_match_key`] settles.
#[inline]
fn is_own_word_key(key: &[u8]) -> bool {
    let mut after_space = true;
    let mut i = 0;
    while i < key.len() {
        match KEY_BYTE[usize::from(key[i])] {
            PLAIN => after_space = false,
            SPACE if !after_space => after_space = true,
            // (Vietnamese letters U+1E00-U+1EFF are 0xe1 0xb8-0xbb.)
            UNSURE if key[i] == 0xe1 && key.get(i + 1).is_some_and(|&n| n >= 0xb8) => {
                after_space = false;
            }
            _ => return false,
        }
        i += 1;
    }
    !after_space
}

/// [`with_match_key`] of a key given as bytes (a span of a block's match key).
#[inline]
fn with_match_key_bytes<R>(key: &[u8], f: impl FnOnce(&[u8]) -> R) -> R {
    if is_own_word_key(key) {
        return f(key);
    }
    let key = std::str::from_utf8(key).expect("a match key splits where its text does");
    with_match_key(key, |k| f(k.as_bytes()))
}

/// Runs `f` on the [`word_key`] of words whose [`match_key`] is `key`: the key
/// itself when it has no separator (a single word usually has none), else the key
/// with its separators made single spaces, as [`word_key`] does.
fn with_match_key<R>(key: &str, f: impl FnOnce(&str) -> R) -> R {
    let is_sep = |c: char| c.is_whitespace() || matches!(c, '-' | '–' | '.' | ',');
    // Words with single spaces between them (most spans of several words) are
    // their own word key.
    let mut after_space = true;
    let already = key.chars().all(|c| {
        let ok = if c == ' ' { !after_space } else { !is_sep(c) };
        after_space = c == ' ';
        ok
    }) && !key.ends_with(' ');
    if already {
        return f(key);
    }
    let mut out = String::with_capacity(key.len());
    for w in key.split(is_sep).filter(|w| !w.is_empty()) {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(w);
    }
    f(&out)
}

impl Lexicon {
    pub fn get() -> &'static Lexicon {
        static L: OnceLock<Lexicon> = OnceLock::new();
        L.get_or_init(Lexicon::build)
    }

    fn build() -> Lexicon {
        let lists: &[(&'static str, Cat, bool)] = &[
            (asset!("vi/titles.txt"), Cat::Title, false),
            (asset!("vi/ranks.txt"), Cat::Rank, false),
            (asset!("vi/honorifics.txt"), Cat::Honorific, false),
            (asset!("vi/academic.txt"), Cat::Academic, false),
            (asset!("vi/org_heads.txt"), Cat::Org, false),
            (asset!("vi/speech_verbs.txt"), Cat::Speech, false),
            (asset!("vi/speech_leads.txt"), Cat::Lead, false),
            (asset!("vi/chair_verbs.txt"), Cat::Chair, false),
            (asset!("vi/meeting_kinds.txt"), Cat::Kind, false),
            (asset!("vi/meeting_triggers.txt"), Cat::Trigger, false),
            (asset!("vi/agenda_cues.txt"), Cat::Agenda, false),
            (asset!("en/titles.txt"), Cat::Title, true),
            (asset!("en/honorifics.txt"), Cat::Honorific, true),
            (asset!("en/speech_verbs.txt"), Cat::Speech, true),
            (asset!("en/chair_verbs.txt"), Cat::Chair, true),
            (asset!("en/meeting_kinds.txt"), Cat::Kind, true),
            (asset!("en/agenda_cues.txt"), Cat::Agenda, true),
        ];
        let mut index: HashMap<String, usize> = HashMap::new();
        let mut phrases: Vec<Phrase> = Vec::new();
        let mut keys: Vec<String> = Vec::new();
        for &(data, cat, en) in lists {
            for e in entries(data) {
                let k = match_key(e);
                match index.get(&k) {
                    Some(&i) => {
                        if !phrases[i].cats.contains(&cat) {
                            phrases[i].cats.push(cat);
                        }
                        if !phrases[i].variants.contains(&e) {
                            phrases[i].variants.push(e);
                        }
                        phrases[i].en &= en;
                    }
                    None => {
                        index.insert(k.clone(), phrases.len());
                        phrases.push(Phrase {
                            text: e,
                            variants: vec![e],
                            cats: vec![cat],
                            en,
                        });
                        keys.push(k);
                    }
                }
            }
        }
        let punct_heads = keys.iter().any(|k| {
            let (u, _) = crate::text::class::decode(k.as_bytes(), 0);
            crate::text::class::of(u) & crate::text::class::WORD == 0
        });
        let keys: Vec<Vec<u8>> = keys.into_iter().map(String::into_bytes).collect();
        let mut key_bytes = Vec::new();
        let mut at = Vec::with_capacity(keys.len());
        for k in &keys {
            at.push(u32::try_from(key_bytes.len()).expect("phrase keys are short"));
            key_bytes.extend_from_slice(k);
        }
        let heads_vi = HeadTable::new(&keys, &at, (0..keys.len()).filter(|&p| !phrases[p].en));
        let heads_en = HeadTable::new(&keys, &at, (0..keys.len()).filter(|&p| phrases[p].en));
        let key_bytes = key_bytes.into_boxed_slice();
        let surnames: FxHashSet<String> =
            entries(asset!("vi/surnames.txt")).map(word_key).collect();
        let surnames_folded = surnames.iter().map(|s| crate::text::fold(s)).collect();
        let surnames = surnames
            .into_iter()
            .map(|s| s.into_bytes().into())
            .collect();
        let mut places = FxHashSet::default();
        let mut place_starts = FxHashSet::default();
        let mut place_max_words = 1;
        for data in [asset!("vi/places.txt"), asset!("en/places.txt")] {
            for p in entries(data) {
                let k = word_key(p);
                place_max_words = place_max_words.max(k.split(' ').count());
                let start = k.split(' ').next().unwrap_or_default();
                place_starts.insert(start.as_bytes().into());
                places.insert(k.into_bytes().into_boxed_slice());
            }
        }
        let given_en = entries(asset!("en/given_names.txt"))
            .map(word_key)
            .collect();
        let en_stop = entries(crate::lexicon::EN_STOPWORDS)
            .chain(en_function_words().iter().copied())
            .chain(crate::dates::MONTHS_EN_FULL)
            .collect();
        let en_org = entries(asset!("en/org_words.txt")).map(word_key).collect();
        let agenda_heads = entries(asset!("vi/agenda_heads.txt"))
            .map(crate::text::fold)
            .collect();
        let speech_sources = entries(asset!("vi/speech_sources.txt"))
            .map(word_key)
            .collect();
        let session_bodies = entries(asset!("vi/session_bodies.txt"))
            .map(word_key)
            .collect();
        let session_verbs: Vec<String> = entries(asset!("vi/session_verbs.txt"))
            .map(word_key)
            .collect();
        let session_verb_heads = session_verbs
            .iter()
            .filter_map(|v| v.split(' ').next())
            .map(|w| Box::from(w.as_bytes()))
            .collect();
        Lexicon {
            agenda_heads,
            speech_sources,
            session_bodies,
            session_verbs,
            session_verb_heads,
            heads_vi,
            heads_en,
            key_bytes,
            punct_heads,
            phrases,
            surnames,
            surnames_folded,
            places,
            place_starts,
            place_max_words,
            given_en,
            en_stop,
            en_org,
        }
    }

    /// Every phrase of one language's lists ([`Phrase::en`] is `english`) in
    /// `text[span]` that starts and ends at token boundaries, given the span's
    /// tokens and its [`match_key`] (`key`, as [`tokenize_keyed`] makes them):
    /// `(first token, last token, phrase)`, by first token, longest first.
    ///
    /// A phrase can only start where a token starts, so each token's first word is
    /// looked up once (not every byte scanned); the other language's phrases are
    /// not compared at all.
    ///
    /// [`tokenize_keyed`]: super::tokens::tokenize_keyed
    pub fn token_hits_in(
        &self,
        toks: &[Tok],
        span_start: usize,
        key: &[u8],
        english: bool,
        out: &mut Vec<(usize, usize, u32)>,
    ) {
        let table = if english {
            &self.heads_en
        } else {
            &self.heads_vi
        };
        for (i, t) in toks.iter().enumerate() {
            if !t.is_word() && !self.punct_heads {
                continue;
            }
            let at = t.start - span_start;
            let rest = &key[at..];
            let rest_prefix = first_eight(rest);
            let word_len = t.end - t.start;
            let h = if t.joined {
                word_head_len(&rest[..word_len])
            } else {
                word_len
            };
            let prefix = rest_prefix & prefix_mask(h);
            // Most words start no phrase, and one load of an empty slot says so:
            // that test comes before anything else is made of the token.
            let s = table.first_slot(prefix, h);
            if table.slots[s] == 0 {
                continue;
            }
            let Some(candidates) = table.get_from(s, prefix, &rest[..h], &self.key_bytes) else {
                continue;
            };
            // Candidates are longest first and no two keys are equal, so the hits
            // come out longest first.
            for c in candidates {
                let len = usize::from(c.len);
                let key_at = c.at as usize;
                if len > rest.len()
                    || rest_prefix & prefix_mask(len) != c.prefix
                    || len > 8 && rest[8..len] != self.key_bytes[key_at + 8..key_at + len]
                {
                    continue;
                }
                let end = t.start + len;
                let mut j = i;
                while j < toks.len() && toks[j].end < end {
                    j += 1;
                }
                if j < toks.len() && toks[j].end == end {
                    out.push((i, j, u32::from(c.phrase)));
                }
            }
        }
    }

    /// [`is_surname`](Self::is_surname) of a word given its [`match_key`] (as
    /// [`Blk::key_bytes`](super::doc::Blk::key_bytes) has it), without folding it
    /// again.
    pub fn is_surname_key(&self, key: &[u8]) -> bool {
        with_match_key_bytes(key, |k| self.surnames.contains(k))
    }

    /// [`is_place`](Self::is_place) of words given their [`match_key`].
    pub fn is_place_key(&self, key: &[u8]) -> bool {
        with_match_key_bytes(key, |k| self.places.contains(k))
    }

    /// [`starts_place`](Self::starts_place) of a word given its [`match_key`].
    pub fn starts_place_key(&self, key: &[u8]) -> bool {
        with_match_key_bytes(key, |k| self.place_starts.contains(k))
    }

    pub fn is_surname(&self, word: &str) -> bool {
        with_key(word, |k| self.surnames.contains(k.as_bytes()))
    }

    /// Surname test without diacritics ("Tran" in an English text).
    pub fn is_surname_folded(&self, word: &str) -> bool {
        self.surnames_folded.contains(&crate::text::fold(word))
    }

    pub fn is_place(&self, words: &str) -> bool {
        with_key(words, |k| self.places.contains(k.as_bytes()))
    }

    /// True when some place's name starts with this word.
    pub fn starts_place(&self, word: &str) -> bool {
        with_key(word, |k| self.place_starts.contains(k.as_bytes()))
    }

    pub fn is_given_en(&self, word: &str) -> bool {
        with_key(word, |k| self.given_en.contains(k))
    }

    /// Words that make a capitalised English run an organisation ("Organisation",
    /// "Party", "Bank").
    pub fn is_en_org_word(&self, word: &str) -> bool {
        with_key(word, |k| self.en_org.contains(k))
    }

    /// True when `words` report what someone said ("lời kể", "trình báo").
    pub fn is_speech_source(&self, words: &str) -> bool {
        with_key(words, |k| self.speech_sources.contains(k))
    }

    /// The session body that `text` starts with, and its length in words.
    pub fn session_body_at(&self, words: &[&str]) -> Option<usize> {
        longest_prefix(&self.session_bodies, words)
    }

    /// Whether a word, given its match key (as
    /// [`Blk::key_bytes`](super::doc::Blk::key_bytes) has it), can start a
    /// sitting's verb: a look-up with no key made, before [`Self::session_verb_at`].
    pub fn starts_session_verb_key(&self, key: &[u8]) -> bool {
        self.session_verb_heads.contains(key)
    }

    /// The sitting's verb that `words` start with, and its length in words.
    pub fn session_verb_at(&self, words: &[&str]) -> Option<usize> {
        longest_prefix(&self.session_verbs, words)
    }

    /// True when `one` (a folded word) or `one two` heads an agenda item.
    pub fn is_agenda_head(&self, one: &str, two: &str) -> bool {
        self.agenda_heads.contains(one) || {
            let mut k = String::with_capacity(one.len() + two.len() + 1);
            k.push_str(one);
            k.push(' ');
            k.push_str(two);
            self.agenda_heads.contains(&k)
        }
    }

    /// English function words that start sentences ("The", "But", "He").
    pub fn is_en_stopword(&self, word: &str) -> bool {
        self.en_stop.contains(word.to_ascii_lowercase().as_str())
    }
}

crate::lexicon::word_list! {
    /// English function words, added to the stop words for [`Lexicon::is_en_stopword`].
    ///
    /// The entries are in `assets/lexicon/en/function_words.txt`.
    fn en_function_words = "lexicon/en/function_words.txt";
}

/// The number of words of the longest phrase of `keys` that `words` start with.
fn longest_prefix(keys: &[String], words: &[&str]) -> Option<usize> {
    let mut best = None;
    let mut key = String::new();
    for (n, w) in words.iter().enumerate().take(8) {
        let k = word_key(w);
        if k.is_empty() {
            continue;
        }
        if !key.is_empty() {
            key.push(' ');
        }
        key.push_str(&k);
        if keys.contains(&key) {
            best = Some(n + 1);
        }
    }
    best
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hits_respect_word_boundaries_and_categories() {
        let lx = Lexicon::get();
        let text = "Bí thư Thành ủy Hà Nội Đinh Tiến Quang chủ trì hội nghị và cho biết";
        let mut key = Vec::new();
        let toks = crate::extract::tokens::tokenize_keyed(text, 0..text.len(), &mut key);
        let mut hits = Vec::new();
        lx.token_hits_in(&toks, 0, &key, false, &mut hits);
        let found: Vec<(&str, Cat)> = hits
            .iter()
            .flat_map(|&(first, last, p)| {
                let span = &text[toks[first].start..toks[last].end];
                lx.phrases[p as usize].cats.iter().map(move |&c| (span, c))
            })
            .collect();
        assert!(found.contains(&("Bí thư", Cat::Title)));
        assert!(found.contains(&("Thành ủy", Cat::Org)));
        assert!(found.contains(&("chủ trì", Cat::Chair)));
        assert!(found.contains(&("chủ trì", Cat::Trigger)));
        assert!(found.contains(&("hội nghị", Cat::Kind)));
        assert!(found.contains(&("cho biết", Cat::Speech)));
        // "nói" must not match inside "Nội".
        assert!(
            !found
                .iter()
                .any(|(s, c)| *c == Cat::Speech && s.starts_with('N'))
        );
    }

    #[test]
    fn token_hits_agree_with_trying_every_phrase_at_every_token() {
        let lx = Lexicon::get();
        // Phrase words, their neighbours in the lists and in text, joiners and
        // punctuation, in both languages and cases.
        let mut pieces: Vec<&str> = vec![
            " ",
            " ",
            " ",
            "  ",
            ", ",
            ". ",
            "-",
            " - ",
            "T.Ư",
            "TP.HCM",
            "O'Brien",
            "Nội",
            "nói",
            "ông",
            "Ông ",
            "Mr ",
            "said",
            "chaired by",
            "PHÓ ",
            "Bộ",
            "trưởng",
            "12",
        ];
        pieces.extend(lx.phrases.iter().step_by(3).map(|p| p.text));
        pieces.extend(
            lx.phrases
                .iter()
                .skip(1)
                .step_by(7)
                .flat_map(|p| p.text.split(' ')),
        );
        let keys: Vec<String> = lx.phrases.iter().map(|p| match_key(p.text)).collect();
        for text in crate::test_support::mixes(&pieces, 7, 3000, 12) {
            let mut key = Vec::new();
            let toks = crate::extract::tokens::tokenize_keyed(&text, 0..text.len(), &mut key);
            let mut simple = Vec::new();
            for (i, t) in toks.iter().enumerate() {
                let word = &key[t.start..t.end];
                let head = &word[..if t.joined {
                    word_head_len(word)
                } else {
                    word.len()
                }];
                for (p, k) in keys.iter().enumerate() {
                    let k = k.as_bytes();
                    if !key[t.start..].starts_with(k) || &k[..head_len(k)] != head {
                        continue;
                    }
                    if let Some(j) = (i..toks.len()).find(|&j| toks[j].end == t.start + k.len()) {
                        simple.push((i, j, p as u32));
                    }
                }
            }
            simple.sort_by_key(|&(first, last, _)| (first, std::cmp::Reverse(last)));
            for english in [false, true] {
                let mut one = Vec::new();
                lx.token_hits_in(&toks, 0, &key, english, &mut one);
                let filtered: Vec<_> = simple
                    .iter()
                    .copied()
                    .filter(|&(_, _, p)| lx.phrases[p as usize].en == english)
                    .collect();
                assert_eq!(one, filtered, "{text:?}");
            }
        }
    }

    #[test]
    fn word_sets() {
        let lx = Lexicon::get();
        assert!(lx.is_surname("Đinh") && lx.is_surname("NGUYỄN"));
        assert!(!lx.is_surname("Tiến"));
        assert!(lx.is_place("Hà Nội") && lx.is_place("Hoà Bình") && lx.is_place("Bà Rịa-Vũng Tàu"));
        assert!(lx.is_surname_folded("Tran"));
    }

    #[test]
    fn lookups_by_match_key_agree_with_lookups_by_word() {
        let lx = Lexicon::get();
        for w in [
            "Đinh",
            "NGUYỄN",
            "Tiến",
            "Hà Nội",
            "Hoà Bình",
            "Bà Rịa-Vũng Tàu",
            "Bà Rịa - Vũng Tàu",
            "TP.HCM",
            "T.Ư",
            "Thừa Thiên, Huế",
            "Thừa Thiên  Huế",
            " Hà Nội",
            "Hà Nội ",
            "Hà\u{a0}Nội",
            "Hà",
            "Uỷ",
            "",
        ] {
            let k = match_key(w);
            assert_eq!(word_key_of_match_key(&k), word_key(w), "{w}");
            let k = k.as_bytes();
            assert_eq!(lx.is_surname_key(k), lx.is_surname(w), "{w}");
            assert_eq!(lx.is_place_key(k), lx.is_place(w), "{w}");
            assert_eq!(lx.starts_place_key(k), lx.starts_place(w), "{w}");
        }
    }

    /// The bytewise test agrees with the char-wise one wherever it is sure, on
    /// keys mixed from separators, whitespace of every width and Vietnamese letters
    /// (whose lead bytes are shared with some whitespace).
    #[test]
    fn own_word_keys_bytewise_agree_with_the_char_wise_rule() {
        let pieces = [
            "a", "đ", "ễ", "Ư", " ", "  ", "-", "–", ".", ",", "\t", "\u{a0}", "\u{85}",
            "\u{1680}", "\u{2009}", "\u{3000}", "\u{1e00}", "\u{1aff}", "ờ", "x", "’", "&",
        ];
        let mut sure = 0;
        for key in crate::test_support::mixes(&pieces, 0x9e37_79b9, 20_000, 6) {
            let by_chars = with_match_key(&key, |k| k == key);
            if is_own_word_key(key.as_bytes()) {
                sure += 1;
                assert!(by_chars, "{key:?}");
            }
            assert_eq!(
                word_key_of_match_key(&key),
                with_match_key(&key, str::to_owned)
            );
            let lx = Lexicon::get();
            assert_eq!(
                lx.is_place_key(key.as_bytes()),
                with_match_key(&key, |k| lx.places.contains(k.as_bytes())),
                "{key:?}"
            );
        }
        assert!(sure > 1000, "{sure}");
    }
}
