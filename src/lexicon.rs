//! Language data shipped in `assets/`, compiled into the binary. Every list is a
//! plain text file, one entry per line, `#` starting a comment line.

pub const CAPTION_MARKERS: &str = include_str!("../assets/cleanup/caption_markers.txt");
pub const BOILERPLATE: &str = include_str!("../assets/cleanup/boilerplate.txt");
pub const RELATED_MARKERS: &str = include_str!("../assets/cleanup/related_markers.txt");
pub const BYLINE_PREFIXES: &str = include_str!("../assets/cleanup/byline_prefixes.txt");
pub const EN_STOPWORDS: &str = include_str!("../assets/lexicon/en/stopwords.txt");

/// The entries of a list: trimmed, non-empty lines that are not comments.
pub fn entries(data: &'static str) -> impl Iterator<Item = &'static str> {
    data.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with("# ") && *l != "#")
}

/// `s` with its first letter in upper case.
pub fn upper_first(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}
