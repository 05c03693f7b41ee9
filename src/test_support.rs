//! Helpers for the unit tests that check a fast routine against its simple
//! version on many generated inputs.

/// A xorshift generator: deterministic for a seed, so a failing input is the
/// same on every run.
pub struct Xorshift(pub u32);

impl Xorshift {
    pub fn next(&mut self) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 17;
        self.0 ^= self.0 << 5;
        self.0 as usize
    }
}

/// `count` strings, each of up to `max_pieces - 1` of `pieces` picked at random:
/// the characters a fast path treats specially fall at every offset.
pub fn mixes<'a>(
    pieces: &'a [&'a str],
    seed: u32,
    count: usize,
    max_pieces: usize,
) -> impl Iterator<Item = String> + 'a {
    let mut rng = Xorshift(seed);
    (0..count).map(move |_| {
        let n = rng.next() % max_pieces;
        (0..n).map(|_| pieces[rng.next() % pieces.len()]).collect()
    })
}

/// Pieces for [`mixes`] around whitespace: ASCII and Unicode spaces, line and
/// paragraph separators, look-alikes that are not spaces (U+200B, U+3001, U+1C),
/// Vietnamese letters and typographic punctuation.
pub const SPACE_PIECES: &[&str] = &[
    "Hội nghị",
    "ASCII",
    " ",
    "  ",
    "\n",
    "\t",
    "\r\n",
    "\u{a0}",
    "\u{85}",
    "\u{1680}",
    "\u{2000}",
    "\u{2005}",
    "\u{200a}",
    "\u{200b}",
    "\u{2028}",
    "\u{2029}",
    "\u{202f}",
    "\u{205f}",
    "\u{3000}",
    "\u{3001}",
    "“trích dẫn” – …",
    "Ạ",
    "\u{1c}",
    "ễ",
];
