//! The article as extraction sees it: per block (paragraphs and captions) the tokens,
//! the lexicon hits mapped onto tokens, and sentences as token ranges.

use std::ops::Range;

use super::lexicon::{Cat, Lexicon};
use super::tokens::{Tok, tokenize_keyed_puncts};
use crate::article::{Article, BlockKind, Lang};

/// A lexicon hit on tokens `first..=last` of a block.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct THit {
    pub first: usize,
    pub last: usize,
    pub cat: Cat,
    pub phrase: u32,
}

/// One block (paragraph or caption).
#[derive(Debug)]
pub struct Blk {
    /// Index into the article's blocks.
    pub index: usize,
    pub caption: bool,
    pub toks: Vec<Tok>,
    pub hits: Vec<THit>,
    /// Sentences as token ranges.
    pub sents: Vec<Range<usize>>,
    /// Per token: covered by a title, rank or organisation phrase.
    pub in_role_phrase: Vec<bool>,
    /// The block's [`match_key`](crate::text::fold::match_key): the same length as
    /// its text, so the key of tokens `first..=last` is one slice of it,
    /// [`Blk::key_bytes`]`(first, last)`.
    pub key: Vec<u8>,
    /// Byte offset of the block in the article text.
    pub start: usize,
    /// Per token `i` (and one past the last), how many hits start before it: the
    /// hits starting at `i` are `hits[hit_index[i]..hit_index[i + 1]]`.
    hit_index: Vec<u32>,
    /// The most tokens a hit spans after its first: no hit ending at token `i`
    /// starts before `i - max_hit_span`.
    pub max_hit_span: usize,
}

impl Blk {
    /// Hits starting at token `i`.
    pub fn hits_at(&self, i: usize) -> impl Iterator<Item = &THit> + '_ {
        self.hits_in(i, i + 1).iter()
    }

    /// Hits starting at tokens `lo..hi` (hits are ordered by their first token).
    pub fn hits_in(&self, lo: usize, hi: usize) -> &[THit] {
        let n = self.toks.len();
        let from = self.hit_index[lo.min(n)] as usize;
        let to = (self.hit_index[hi.min(n)] as usize).max(from);
        &self.hits[from..to]
    }

    /// The longest hit of `cat` starting at token `i`.
    pub fn hit(&self, i: usize, cat: Cat) -> Option<&THit> {
        self.hits_at(i)
            .filter(|h| h.cat == cat)
            .max_by_key(|h| h.last)
    }

    /// The longest hit of `cat` ending at token `i`.
    pub fn hit_ending(&self, i: usize, cat: Cat) -> Option<&THit> {
        self.hits_in(i.saturating_sub(self.max_hit_span), i + 1)
            .iter()
            .filter(|h| h.cat == cat && h.last == i)
            .min_by_key(|h| h.first)
    }

    /// The sentence (token range) holding token `i`.
    pub fn sentence_of(&self, i: usize) -> Range<usize> {
        // Sentences are ordered and disjoint: the last one starting at or before i.
        let k = self.sents.partition_point(|s| s.start <= i);
        match k.checked_sub(1).map(|k| &self.sents[k]) {
            Some(s) if s.contains(&i) => s.clone(),
            _ => 0..self.toks.len(),
        }
    }

    /// A block of `text` alone with its tokens and keys but no lexicon hits, for
    /// tests of rules that read only those.
    #[cfg(test)]
    pub(crate) fn bare(text: &str) -> Blk {
        let mut key = Vec::new();
        let toks = super::tokens::tokenize_keyed(text, 0..text.len(), &mut key);
        Blk {
            index: 0,
            caption: false,
            in_role_phrase: vec![false; toks.len()],
            hit_index: vec![0; toks.len() + 1],
            toks,
            hits: Vec::new(),
            sents: Vec::new(),
            key,
            start: 0,
            max_hit_span: 0,
        }
    }

    /// The match key (lower case, one tone placement) of tokens `first..=last`,
    /// as bytes: what the lexicon's sets are looked up by (making it a `&str`
    /// first, a UTF-8 check per look-up, showed in profiles).
    pub fn key_bytes(&self, first: usize, last: usize) -> &[u8] {
        &self.key[self.toks[first].start - self.start..self.toks[last].end - self.start]
    }

    /// The match key of token `i`, as text.
    pub fn key_of(&self, i: usize) -> &str {
        std::str::from_utf8(self.key_bytes(i, i)).expect("a match key splits where its text does")
    }

    /// Byte span of tokens `first..=last`.
    pub fn span(&self, first: usize, last: usize) -> Range<usize> {
        self.toks[first].start..self.toks[last].end
    }
}

pub struct Doc<'a> {
    pub article: &'a Article,
    pub text: &'a str,
    pub english: bool,
    pub blocks: Vec<Blk>,
}

impl<'a> Doc<'a> {
    pub fn new(article: &'a Article) -> Doc<'a> {
        let text = article.text.as_str();
        let lx = Lexicon::get();
        let english = article.lang == Lang::En;
        let mut blocks = Vec::new();
        let mut found = Vec::new();
        let mut puncts = Vec::new();
        for (index, b) in article.blocks.iter().enumerate() {
            let caption = match b.kind {
                BlockKind::Paragraph => false,
                BlockKind::Caption { .. } => true,
                BlockKind::Related => continue,
            };
            let mut key = Vec::with_capacity(b.span.len());
            puncts.clear();
            let toks = tokenize_keyed_puncts(text, b.span.clone(), &mut key, &mut puncts);
            if toks.is_empty() {
                continue;
            }
            found.clear();
            // Every category is language specific (a Vietnamese article is matched
            // against the Vietnamese lists only), so English words quoted in
            // Vietnamese text do not count.
            lx.token_hits_in(&toks, b.span.start, &key, english, &mut found);
            let mut hits: Vec<THit> = Vec::with_capacity(found.len());
            for &(first, last, phrase) in &found {
                let entry = &lx.phrases[phrase as usize];
                let found_text = &text[toks[first].start..toks[last].end];
                for &cat in &entry.cats {
                    if entry.variants.iter().any(|v| case_fits(v, found_text, cat)) {
                        hits.push(THit {
                            first,
                            last,
                            cat,
                            phrase,
                        });
                    }
                }
            }
            let sents = sentences(text, &toks, &puncts);
            let mut in_role_phrase = vec![false; toks.len()];
            for h in &hits {
                let h: &THit = h;
                if matches!(h.cat, Cat::Title | Cat::Rank | Cat::Org) {
                    for slot in &mut in_role_phrase[h.first..=h.last] {
                        *slot = true;
                    }
                }
            }
            // Filled a run of tokens at a time, from hit to hit: a loop over every
            // token showed in profiles.
            let mut hit_index = Vec::with_capacity(toks.len() + 1);
            for (before, h) in hits.iter().enumerate() {
                if hit_index.len() <= h.first {
                    hit_index.resize(h.first + 1, before as u32);
                }
            }
            hit_index.resize(toks.len() + 1, hits.len() as u32);
            let max_hit_span = hits.iter().map(|h| h.last - h.first).max().unwrap_or(0);
            blocks.push(Blk {
                index,
                caption,
                toks,
                hits,
                sents,
                in_role_phrase,
                key,
                start: b.span.start,
                hit_index,
                max_hit_span,
            });
        }
        Doc {
            article,
            text,
            english,
            blocks,
        }
    }

    pub fn word(&self, b: &Blk, i: usize) -> &'a str {
        b.toks[i].text(self.text)
    }

    pub fn slice(&self, b: &Blk, first: usize, last: usize) -> &'a str {
        &self.text[b.toks[first].start..b.toks[last].end]
    }
}

/// Titles and forms of address are matched ignoring case, but a word the list
/// writes in lower case must not be capitalised in the text: "Tiến Sỹ" in a name
/// is not "Tiến sỹ" (a doctorate), "Trường Giang" is not "trường".
fn case_fits(entry: &str, found: &str, cat: Cat) -> bool {
    // Organisation names are written with a capital ("Báo Nhân Dân", not "báo cáo").
    if cat == Cat::Org {
        return found.chars().next().is_some_and(char::is_uppercase);
    }
    if !matches!(cat, Cat::Title | Cat::Academic | Cat::Honorific | Cat::Rank)
        || !entry.contains(' ')
    {
        return true;
    }
    entry
        .split_whitespace()
        .zip(found.split_whitespace())
        .skip(1)
        .all(|(e, f)| {
            let e_lower = e.chars().next().is_some_and(char::is_lowercase);
            let f_upper = f.chars().next().is_some_and(char::is_uppercase);
            !(e_lower && f_upper)
        })
}

/// True for `.`, `!`, `?`, `…` and `;`. Without branches: a `matches!` on the
/// character mispredicted.
#[inline]
fn ends_sentence(t: &Tok) -> bool {
    const ASCII_STOPS: u64 = 1 << b'.' | 1 << b'!' | 1 << b'?' | 1 << b';';
    let c = t.punct().map_or(u32::MAX, u32::from);
    (c < 64) & (ASCII_STOPS >> (c & 63) & 1 != 0) | (c == u32::from('…'))
}

crate::lexicon::word_list! {
    /// Abbreviations written before a name, a place or a number, whose period
    /// never ends a sentence.
    ///
    /// The entries are in `assets/lexicon/rules/prefix_abbreviations.txt`.
    fn prefix_abbreviations = "lexicon/rules/prefix_abbreviations.txt";
}

/// Whether token `i` is the period of an abbreviation or an initial written right
/// before it ("UBND TP. Hồ Chí Minh", "Mr. Blair", "Nguyễn Văn H."): no sentence
/// ends there.
pub(crate) fn abbreviation_period(text: &str, toks: &[Tok], i: usize) -> bool {
    i > 0 && toks[i].is_punct('.') && toks[i - 1].is_word() && toks[i - 1].end == toks[i].start && {
        let word = toks[i - 1].text(text);
        // One initial (the tokeniser's test, for a word of one letter): "anh
        // Trần Văn H. (35 tuổi) cho biết", "Nguyễn Anh D. - thành viên ...".
        // Every entry of the list is a few ASCII letters,
        // compared as one number: this is asked at nearly every sentence's end.
        !word.contains('.') && super::tokens::is_initials(word)
            || packed_lower(word.as_bytes())
                .is_some_and(|w| packed_prefix_abbreviations().contains(&w))
    }
}

/// Up to [`LONGEST_PREFIX_ABBREVIATION`] ASCII letters, lower-cased and packed into
/// one number; `None` for anything else.
fn packed_lower(word: &[u8]) -> Option<u32> {
    if word.len() > LONGEST_PREFIX_ABBREVIATION || !word.iter().all(u8::is_ascii_alphabetic) {
        return None;
    }
    Some(word.iter().fold(0, |packed, &c| {
        (packed << 8) | u32::from(c.to_ascii_lowercase())
    }))
}

/// [`prefix_abbreviations`], each [`packed_lower`].
fn packed_prefix_abbreviations() -> &'static [u32] {
    static PACKED: std::sync::OnceLock<Vec<u32>> = std::sync::OnceLock::new();
    PACKED.get_or_init(|| {
        prefix_abbreviations()
            .iter()
            .filter_map(|a| packed_lower(a.as_bytes()))
            .collect()
    })
}

/// The length of the longest of [`prefix_abbreviations`] (a test holds the list
/// to it): four letters fit one `u32`.
const LONGEST_PREFIX_ABBREVIATION: usize = 4;

/// Sentences of a block as token ranges: split after `.`, `!`, `?`, `…` followed by a
/// capitalised word, a digit or an opening quote, but not after an abbreviation's
/// period. `puncts` are the indices of the punctuation tokens, in order: only they
/// can end a sentence, so only they are looked at.
fn sentences(text: &str, toks: &[Tok], puncts: &[usize]) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = 0;
    let n = toks.len();
    for &i in puncts {
        // Tokens before `start` were swallowed into the last sentence.
        if i < start || !ends_sentence(&toks[i]) {
            continue;
        }
        // Swallow closing quotes and brackets.
        let mut j = i + 1;
        while j < n && matches!(toks[j].punct(), Some('"' | '”' | '’' | '\'' | ')' | '.')) {
            j += 1;
        }
        let starts_new = j < n && {
            let t = &toks[j];
            t.cap || t.digit || matches!(t.punct(), Some('"' | '“' | '‘' | '(' | '[' | '-' | '–'))
        };
        let semicolon = toks[i].is_punct(';');
        // An abbreviation's period is looked for last: most periods end their
        // sentence, and every one would have been compared with the list.
        if (j >= n || starts_new && !semicolon) && !abbreviation_period(text, toks, i) {
            out.push(start..j.min(n));
            start = j;
        }
    }
    if start < n {
        out.push(start..n);
    }
    out
}

/// [`sentences`] as it was written first, looking at every token: what the
/// version over the punctuation tokens must agree with.
#[cfg(test)]
fn sentences_over_every_token(text: &str, toks: &[Tok]) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = 0;
    let n = toks.len();
    let mut i = 0;
    while i < n {
        if ends_sentence(&toks[i]) && !abbreviation_period(text, toks, i) {
            let mut j = i + 1;
            while j < n && matches!(toks[j].punct(), Some('"' | '”' | '’' | '\'' | ')' | '.')) {
                j += 1;
            }
            let starts_new = j < n && {
                let t = &toks[j];
                t.cap
                    || t.digit
                    || matches!(t.punct(), Some('"' | '“' | '‘' | '(' | '[' | '-' | '–'))
            };
            let semicolon = toks[i].is_punct(';');
            if j >= n || starts_new && !semicolon {
                out.push(start..j.min(n));
                start = j;
                i = j;
                continue;
            }
        }
        i += 1;
    }
    if start < n {
        out.push(start..n);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::tokens::tokenize_keyed;

    #[test]
    fn ends_sentence_agrees_with_matching_the_character() {
        let text = "Ông nói: \"Xong.\" Rồi… đi! Sao? Được; 12,5 (a) – b’s T.Ư & c- d. ;;";
        let mut key = Vec::new();
        let toks = tokenize_keyed(text, 0..text.len(), &mut key);
        let mut stops = 0;
        for t in &toks {
            let simple = matches!(t.punct(), Some('.' | '!' | '?' | '…' | ';'));
            assert_eq!(ends_sentence(t), simple, "{:?}", t.text(text));
            stops += usize::from(simple);
        }
        assert!(stops >= 7, "{stops}");
    }

    #[test]
    fn prefix_abbreviations_are_short_ascii_words() {
        // Each is packed into a number to be compared: none may be left out.
        for a in prefix_abbreviations() {
            assert!(packed_lower(a.as_bytes()).is_some(), "{a}");
        }
    }

    #[test]
    fn a_period_after_a_name_or_place_abbreviation_ends_no_sentence() {
        fn sentences_of(text: &str) -> Vec<&str> {
            let mut key = Vec::new();
            let mut puncts = Vec::new();
            let toks = tokenize_keyed_puncts(text, 0..text.len(), &mut key, &mut puncts);
            sentences(text, &toks, &puncts)
                .into_iter()
                .map(|r| &text[toks[r.start].start..toks[r.end - 1].end])
                .collect()
        }
        assert_eq!(
            sentences_of("Ông A, Phó Chủ tịch UBND TP. Hồ Chí Minh cho biết. PGS. Lê B nói."),
            [
                "Ông A, Phó Chủ tịch UBND TP. Hồ Chí Minh cho biết.",
                "PGS. Lê B nói."
            ]
        );
        assert_eq!(
            sentences_of("Mr. Blair said so. Then he left."),
            ["Mr. Blair said so.", "Then he left."]
        );
        // Nor does an initial's.
        assert_eq!(
            sentences_of("Anh Trần Văn H. (35 tuổi) cho biết. Sau đó anh về."),
            ["Anh Trần Văn H. (35 tuổi) cho biết.", "Sau đó anh về."]
        );
        // Abbreviations that often end a sentence still do.
        assert_eq!(
            sentences_of("Gary Leo Jr. Theo ông C, tàu bị đâm."),
            ["Gary Leo Jr.", "Theo ông C, tàu bị đâm."]
        );
    }

    #[test]
    fn sentences_over_punctuation_agree_with_looking_at_every_token() {
        let pieces = [
            "Ông", "nói", "hội", "2017", ".", "!", "?", "…", ";", ",", ":", "\"", "”", "“", "’",
            "‘", "'", "(", ")", "[", "-", "–", "A.", "T.Ư", "TP", "Mr", " ", " ", " ", "\n",
        ];
        for s in crate::test_support::mixes(&pieces, 0x9e37_79b9_u32, 3000, 16) {
            let mut key = Vec::new();
            let mut puncts = Vec::new();
            let toks = tokenize_keyed_puncts(&s, 0..s.len(), &mut key, &mut puncts);
            let every: Vec<usize> = (0..toks.len()).filter(|&i| !toks[i].is_word()).collect();
            assert_eq!(puncts, every, "{s:?}");
            assert_eq!(
                sentences(&s, &toks, &puncts),
                sentences_over_every_token(&s, &toks),
                "{s:?}"
            );
        }
    }

    #[test]
    fn token_keys_are_lower_case_with_one_tone_placement() {
        let a =
            crate::extract::test_support::article("Ông Nguyễn Văn Hoà, Uỷ viên T.Ư, phát biểu.");
        let doc = Doc::new(&a);
        let b = &doc.blocks[0];
        let keys: Vec<&str> = (0..b.toks.len()).map(|i| b.key_of(i)).collect();
        assert_eq!(
            keys,
            [
                "ông", "nguyễn", "văn", "hòa", ",", "ủy", "viên", "t.ư", ",", "phát", "biểu", "."
            ]
        );
    }
}
