//! The language data extraction runs on, compiled from `assets/lexicon/`: one
//! Aho-Corasick automaton over every phrase list (titles, verbs, meeting nouns,
//! cues, ...) matched on [`match_key`], plus word sets (surnames, places, given
//! names).

use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;

use aho_corasick::{AhoCorasick, MatchKind};

use crate::lexicon::entries;
use crate::text::fold::match_key;
use crate::text::is_word_char;

macro_rules! asset {
    ($path:literal) => {
        include_str!(concat!("../../assets/lexicon/", $path))
    };
}

/// What a phrase in the automaton is.
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

/// A phrase found in a text: byte span, category and which entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hit {
    pub start: usize,
    pub end: usize,
    pub cat: Cat,
    /// Index of the phrase in [`Lexicon::phrases`].
    pub phrase: u32,
}

/// One phrase of the automaton.
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

pub struct Lexicon {
    automaton: AhoCorasick,
    pub phrases: Vec<Phrase>,
    surnames: HashSet<String>,
    surnames_folded: HashSet<String>,
    places: HashSet<String>,
    /// First words of places: a run can only hold a place starting with one.
    place_starts: HashSet<String>,
    /// Longest place, in words.
    pub place_max_words: usize,
    given_en: HashSet<String>,
    en_stop: HashSet<&'static str>,
    en_org: HashSet<String>,
    /// Words that head an agenda item, folded: single words and two-word phrases.
    agenda_heads: HashSet<String>,
    /// "lời kể", "trình báo": nouns of "Theo <noun> của <người>".
    speech_sources: HashSet<String>,
    /// Bodies that sit ("Quốc hội", "Ủy ban Thường vụ Quốc hội"), as word keys.
    session_bodies: Vec<String>,
    /// What they do only when sitting ("cho ý kiến", "chất vấn"), as word keys.
    session_verbs: Vec<String>,
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
        let automaton = AhoCorasick::builder()
            .match_kind(MatchKind::Standard)
            // A DFA: a few hundred kilobytes for the fastest scan.
            .kind(Some(aho_corasick::AhoCorasickKind::DFA))
            .build(&keys)
            .expect("lexicon phrases build an automaton");
        let surnames: HashSet<String> = entries(asset!("vi/surnames.txt")).map(word_key).collect();
        let surnames_folded = surnames.iter().map(|s| crate::text::fold(s)).collect();
        let mut places = HashSet::new();
        let mut place_starts = HashSet::new();
        let mut place_max_words = 1;
        for data in [asset!("vi/places.txt"), asset!("en/places.txt")] {
            for p in entries(data) {
                let k = word_key(p);
                place_max_words = place_max_words.max(k.split(' ').count());
                place_starts.insert(k.split(' ').next().unwrap_or_default().to_owned());
                places.insert(k);
            }
        }
        let given_en = entries(asset!("en/given_names.txt"))
            .map(word_key)
            .collect();
        let en_stop = entries(crate::lexicon::EN_STOPWORDS)
            .chain(EN_FUNCTION_WORDS.iter().copied())
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
        let session_verbs = entries(asset!("vi/session_verbs.txt"))
            .map(word_key)
            .collect();
        Lexicon {
            agenda_heads,
            speech_sources,
            session_bodies,
            session_verbs,
            automaton,
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

    /// Every phrase occurrence in `key` (a [`match_key`] string) that starts and
    /// ends at word boundaries, one hit per category, ordered by start.
    pub fn hits(&self, key: &str) -> Vec<Hit> {
        let bytes = key.as_bytes();
        let boundary_before =
            |i: usize| i == 0 || !key[..i].chars().next_back().is_some_and(is_word_char);
        let boundary_after =
            |i: usize| i >= bytes.len() || !key[i..].chars().next().is_some_and(is_word_char);
        let mut out = Vec::new();
        for m in self.automaton.find_overlapping_iter(key) {
            let (s, e) = (m.start(), m.end());
            // Phrases ending in a letter need a boundary; "(Ảnh:" style ones not.
            let last_alnum = key[..e].chars().next_back().is_some_and(is_word_char);
            let first_alnum = key[s..].chars().next().is_some_and(is_word_char);
            if first_alnum && !boundary_before(s) || last_alnum && !boundary_after(e) {
                continue;
            }
            let p = m.pattern().as_u32();
            for &cat in &self.phrases[p as usize].cats {
                out.push(Hit {
                    start: s,
                    end: e,
                    cat,
                    phrase: p,
                });
            }
        }
        out.sort_by_key(|h| (h.start, std::cmp::Reverse(h.end)));
        out
    }

    pub fn is_surname(&self, word: &str) -> bool {
        with_key(word, |k| self.surnames.contains(k))
    }

    /// Surname test without diacritics ("Tran" in an English text).
    pub fn is_surname_folded(&self, word: &str) -> bool {
        self.surnames_folded.contains(&crate::text::fold(word))
    }

    pub fn is_place(&self, words: &str) -> bool {
        with_key(words, |k| self.places.contains(k))
    }

    /// True when some place's name starts with this word.
    pub fn starts_place(&self, word: &str) -> bool {
        with_key(word, |k| self.place_starts.contains(k))
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

const EN_FUNCTION_WORDS: &[&str] = &[
    "a",
    "an",
    "the",
    "but",
    "and",
    "or",
    "if",
    "so",
    "yet",
    "as",
    "at",
    "by",
    "in",
    "on",
    "of",
    "to",
    "for",
    "from",
    "with",
    "after",
    "before",
    "since",
    "while",
    "when",
    "where",
    "who",
    "what",
    "which",
    "why",
    "how",
    "he",
    "she",
    "it",
    "they",
    "we",
    "i",
    "you",
    "his",
    "her",
    "its",
    "their",
    "our",
    "my",
    "your",
    "this",
    "that",
    "these",
    "those",
    "there",
    "here",
    "some",
    "many",
    "most",
    "all",
    "both",
    "each",
    "every",
    "no",
    "not",
    "only",
    "also",
    "even",
    "still",
    "then",
    "now",
    "however",
    "meanwhile",
    "although",
    "though",
    "because",
    "during",
    "under",
    "over",
    "about",
    "earlier",
    "later",
    "last",
    "next",
    "on",
    "one",
    "two",
    "three",
    "mr",
    "mrs",
    "ms",
    "dr",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "unlike",
    "among",
    "aside",
    "according",
    "asked",
    "speaking",
];

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
        let text = "Bí thư Thành ủy Hà Nội Đinh Tiến Dũng chủ trì hội nghị và cho biết";
        let key = match_key(text);
        let hits = lx.hits(&key);
        let found: Vec<(&str, Cat)> = hits
            .iter()
            .map(|h| (&text[h.start..h.end], h.cat))
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
    fn word_sets() {
        let lx = Lexicon::get();
        assert!(lx.is_surname("Đinh") && lx.is_surname("NGUYỄN"));
        assert!(!lx.is_surname("Tiến"));
        assert!(lx.is_place("Hà Nội") && lx.is_place("Hoà Bình") && lx.is_place("Bà Rịa-Vũng Tàu"));
        assert!(lx.is_surname_folded("Tran"));
    }
}
