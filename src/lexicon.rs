//! Language data shipped in `assets/`, compiled into the binary. Every list is a
//! plain text file, one entry per line, `#` starting a comment line.

use std::sync::OnceLock;

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

/// The entries of a word list read by [`word_list!`]: as [`entries`], except that a
/// line in double quotes stands for what is between them, so that an entry can
/// keep a space at its end (`"ve "`) or be empty (`""`).
pub fn list_entries(data: &'static str) -> impl Iterator<Item = &'static str> {
    entries(data).map(|l| {
        l.strip_prefix('"')
            .and_then(|l| l.strip_suffix('"'))
            .unwrap_or(l)
    })
}

/// The entries of `files` in order, parsed into `cell` at the first call: later
/// calls cost one load. For [`word_list!`].
pub fn load_list(
    cell: &'static OnceLock<Vec<&'static str>>,
    files: &[&'static str],
) -> &'static [&'static str] {
    cell.get_or_init(|| files.iter().flat_map(|f| list_entries(f)).collect())
}

/// `fn name() -> &'static [&'static str]`: a word list kept in data files under
/// `assets/`, compiled in with `include_str!` and read with [`list_entries`] on
/// first use (the entries of every file, in order). The language data stays out
/// of the code; the lists are read in hot loops, so the accessor costs a load.
///
/// ```ignore
/// word_list! {
///     /// What the list is for.
///     fn negations = "lexicon/vi/meeting_negations.txt", "lexicon/en/meeting_negations.txt";
/// }
/// ```
macro_rules! word_list {
    ($(#[$attr:meta])* $vis:vis fn $name:ident = $($path:literal),+ $(,)?;) => {
        $(#[$attr])*
        #[inline]
        $vis fn $name() -> &'static [&'static str] {
            static LIST: std::sync::OnceLock<Vec<&'static str>> = std::sync::OnceLock::new();
            $crate::lexicon::load_list(
                &LIST,
                &[$(include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/assets/", $path))),+],
            )
        }
    };
}
pub(crate) use word_list;

/// `s` with its first letter in upper case.
pub fn upper_first(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every list file under `assets/lexicon/` and `assets/cleanup/`: no line with
    /// spaces at its ends (the reader would trim them away silently: a space that
    /// matters is written in quotes), and at least one entry.
    #[test]
    fn list_files_are_clean() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("assets");
        let mut dirs = vec![root.join("lexicon"), root.join("cleanup")];
        let mut files = 0;
        while let Some(dir) = dirs.pop() {
            for e in std::fs::read_dir(&dir).unwrap() {
                let path = e.unwrap().path();
                if path.is_dir() {
                    dirs.push(path);
                    continue;
                }
                if path.extension().is_none_or(|x| x != "txt") {
                    continue;
                }
                let data: &'static str = String::leak(std::fs::read_to_string(&path).unwrap());
                for (i, line) in data.lines().enumerate() {
                    assert_eq!(line, line.trim(), "{}:{}", path.display(), i + 1);
                }
                assert!(list_entries(data).next().is_some(), "{}", path.display());
                files += 1;
            }
        }
        assert!(files > 30, "{files}");
    }

    #[test]
    fn quoted_entries_keep_their_spaces() {
        let data = "# a list\n\"ve \"\nmột\n\"\"\n\"\n#\n";
        assert_eq!(
            list_entries(data).collect::<Vec<_>>(),
            ["ve ", "một", "", "\""]
        );
        static CELL: OnceLock<Vec<&'static str>> = OnceLock::new();
        let list = load_list(&CELL, &["a\nb\n", "# c\n\"\"\n"]);
        assert_eq!(list, ["a", "b", ""]);
        assert!(std::ptr::eq(list, load_list(&CELL, &[])));
    }
}
