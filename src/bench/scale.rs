//! Scale sets: the demo collection's own articles varied (people's names, places,
//! dates, ordinals and numbers) into as many articles as a benchmark needs, one
//! article per file, in shard folders of [`FILES_PER_SHARD`] files.
//!
//! Everything is derived from a seed and the article's index, so a set is the same
//! on every machine and any article can be made on its own (in parallel, or in
//! memory for a benchmark). No generated file belongs in the repository.

use std::collections::HashMap;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use aho_corasick::{AhoCorasick, MatchKind};
use rayon::prelude::*;
use regex::{Captures, Regex};

use crate::collection::{self, FileKind, LoadOptions};

/// The seed used when none is given.
pub const DEFAULT_SEED: u64 = 0x00d0_c4e7_5ca1_e5e7;
/// Articles in a scale set when none is given.
pub const DEFAULT_ARTICLES: usize = 500_000;
/// Files per shard folder.
pub const FILES_PER_SHARD: usize = 1000;

const VI_SURNAMES: &str = include_str!("../../assets/lexicon/vi/surnames.txt");
const VI_PLACES: &str = include_str!("../../assets/lexicon/vi/places.txt");
const EN_GIVEN: &str = include_str!("../../assets/lexicon/en/given_names.txt");

/// Middle names (tên đệm) besides those of the demo's people.
const VI_MIDDLE: &[&str] = &[
    "Văn", "Hữu", "Đức", "Minh", "Quốc", "Thành", "Công", "Xuân", "Trung", "Ngọc", "Thanh", "Đình",
    "Quang", "Tiến", "Mạnh", "Việt", "Hoài", "Gia", "Bá", "Duy",
];
/// Given names (tên) besides those of the demo's people.
const VI_GIVEN: &[&str] = &[
    "Hùng", "Dũng", "Tuấn", "Hải", "Long", "Sơn", "Thắng", "Phúc", "Khánh", "Tâm", "Lan", "Hương",
    "Mai", "Thảo", "Hằng", "Nga", "Trang", "Quân", "Bình", "Cường", "Đạt", "Hiếu", "Trí", "Yến",
    "Linh", "Toàn", "Hậu", "Quỳnh", "Hoa", "Thuận", "Tùng", "Kiên", "Nhung", "Vân", "Thịnh", "Lộc",
    "Hưng", "Tú", "Phong", "Chiến",
];
/// English family names for the English templates (neutral, common in news).
const EN_SURNAMES: &[&str] = &[
    "Ellison",
    "Okafor",
    "Brandt",
    "Varma",
    "Sorell",
    "Hughes",
    "Patel",
    "Novak",
    "Lindqvist",
    "Moreau",
    "Tanaka",
    "Osei",
    "Fischer",
    "Costa",
    "Reyes",
    "Kowalski",
    "Murphy",
    "Haddad",
    "Ivanova",
    "Bennett",
    "Chandra",
    "Dufour",
    "Larsen",
    "Mbeki",
    "Nakamura",
    "O'Brien",
    "Petrov",
    "Quinn",
    "Rossi",
    "Schmidt",
    "Turner",
    "Walsh",
    "Adeyemi",
    "Barros",
    "Castillo",
    "Dalton",
    "Engel",
    "Farrow",
    "Gallagher",
    "Hartley",
];
/// The demo's invented places, replaced by real provinces.
const DEMO_PLACES: &[&str] = &["Sông Lam", "Hải Vân"];

/// A small deterministic generator (xorshift64*), seeded through splitmix64.
#[derive(Debug, Clone)]
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        let mut z = seed.wrapping_add(0x9e37_79b9_7f4a_7c15);
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^= z >> 31;
        Rng(if z == 0 { 0x2545_f491_4f6c_dd1d } else { z })
    }

    pub fn next_u64(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    /// A number in `0..n` (`n` > 0).
    pub fn below(&mut self, n: usize) -> usize {
        ((self.next_u64() >> 11) % n as u64) as usize
    }

    /// A number in `lo..=hi`.
    pub fn range(&mut self, lo: i64, hi: i64) -> i64 {
        lo + self.below((hi - lo + 1) as usize) as i64
    }

    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }

    /// An index into a list ordered most frequent first, skewed towards the front.
    fn pick_frequent(&mut self, n: usize) -> usize {
        self.below(n).min(self.below(n))
    }
}

/// One demo article to vary.
struct Template {
    /// File stem (a record of a multi-record file gets `-k`).
    stem: String,
    ext: &'static str,
    text: String,
    /// Full names of the people it quotes, longest first.
    people: Vec<String>,
}

struct Lexicon {
    vi_surnames: Vec<&'static str>,
    vi_middle: Vec<String>,
    vi_given: Vec<String>,
    en_given: Vec<&'static str>,
    provinces: Vec<&'static str>,
}

struct Data {
    templates: Vec<Template>,
    lex: Lexicon,
    numbers: Regex,
}

fn entries(list: &'static str) -> impl Iterator<Item = &'static str> {
    list.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
}

fn ext_of(name: &str) -> &'static str {
    match name.rsplit_once('.').map(|(_, e)| e) {
        Some("md") => "md",
        Some("sgm") => "sgm",
        Some("json") => "json",
        Some("jsonl") => "jsonl",
        _ => "txt",
    }
}

/// The demo files, multi-record ones split so that every template is one article.
fn split_demo() -> Vec<(String, &'static str, String)> {
    let mut out = Vec::new();
    for (name, bytes) in crate::demo::FILES {
        let text = String::from_utf8_lossy(bytes).into_owned();
        let ext = ext_of(name);
        let stem = name.rsplit_once('.').map_or(*name, |(s, _)| s).to_owned();
        let parts: Vec<String> = match ext {
            "jsonl" => text
                .lines()
                .filter(|l| !l.trim().is_empty())
                .map(|l| format!("{l}\n"))
                .collect(),
            "sgm" => {
                let starts: Vec<usize> = text.match_indices("<REUTERS").map(|(i, _)| i).collect();
                starts
                    .iter()
                    .enumerate()
                    .map(|(k, &s)| {
                        text[s..starts.get(k + 1).copied().unwrap_or(text.len())].to_owned()
                    })
                    .collect()
            }
            _ => vec![text],
        };
        let many = parts.len() > 1;
        for (k, p) in parts.into_iter().enumerate() {
            let stem = if many {
                format!("{stem}-{}", k + 1)
            } else {
                stem.clone()
            };
            out.push((stem, ext, p));
        }
    }
    out
}

fn data() -> &'static Data {
    static DATA: OnceLock<Data> = OnceLock::new();
    DATA.get_or_init(|| {
        let vi_surnames: Vec<&str> = entries(VI_SURNAMES).collect();
        let mut vi_middle: Vec<String> = VI_MIDDLE.iter().map(|s| (*s).to_owned()).collect();
        let mut vi_given: Vec<String> = VI_GIVEN.iter().map(|s| (*s).to_owned()).collect();
        let opts = LoadOptions::default();
        let mut templates = Vec::new();
        for (stem, ext, text) in split_demo() {
            let path = PathBuf::from(format!("{stem}.{ext}"));
            let kind = FileKind::from_path(&path).unwrap_or(FileKind::Unknown);
            let load = collection::load_bytes(&path, kind, text.clone().into_bytes(), &opts);
            let mut people: Vec<String> = Vec::new();
            for a in &load.articles {
                for s in crate::extract::outline(a).speakers {
                    let words: Vec<&str> = s.name.split_whitespace().collect();
                    if words.len() < 2 || people.contains(&s.name) {
                        continue;
                    }
                    if vi_surnames.contains(&words[0]) {
                        // The demo's own syllables join the pools.
                        for m in &words[1..words.len() - 1] {
                            if *m != "Thị" && !vi_middle.iter().any(|x| x == m) {
                                vi_middle.push((*m).to_owned());
                            }
                        }
                        let g = words[words.len() - 1];
                        if !vi_given.iter().any(|x| x == g) {
                            vi_given.push(g.to_owned());
                        }
                    }
                    people.push(s.name);
                }
            }
            people.sort_by_key(|p| std::cmp::Reverse(p.len()));
            templates.push(Template {
                stem,
                ext,
                text,
                people,
            });
        }
        // The 63 provinces: the first section of the place list.
        let provinces = VI_PLACES
            .lines()
            .skip_while(|l| !l.starts_with("# -- provinces"))
            .skip(1)
            .take_while(|l| !l.starts_with("# --"))
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with('#') && !l.starts_with("TP"))
            .collect();
        let numbers = Regex::new(
            r"(?x)
              (?P<time>[0-9]{1,2}:[0-9]{2}(?::[0-9]{2})?(?:\.[0-9]+)?)
            | (?P<iso>\b(?:19|20)[0-9]{2}[-/][0-9]{1,2}[-/][0-9]{1,2}\b)
            | (?P<dmy>\b[0-9]{1,2}/[0-9]{1,2}/(?:19|20)[0-9]{2}\b)
            | (?P<dm>\b[0-9]{1,2}/[0-9]{1,2}\b)
            | (?P<year>\b(?:19|20)[0-9]{2}\b)
            | (?P<roman>\b(?:khóa|Khóa|thứ|Thứ)\x20[IVXL]+\b)
            | (?P<num>[0-9]+)",
        )
        .expect("scale-set number pattern");
        Data {
            templates,
            lex: Lexicon {
                vi_surnames,
                vi_middle,
                vi_given,
                en_given: entries(EN_GIVEN).take(300).collect(),
                provinces,
            },
            numbers,
        }
    })
}

/// How many different demo articles a scale set varies.
pub fn template_count() -> usize {
    data().templates.len()
}

/// `s` without diacritics, case kept ("Sông Lam" -> "Song Lam"), as scrapers write
/// image alt text.
fn strip_marks(s: &str) -> String {
    s.chars()
        .filter_map(|c| {
            let f = crate::text::fold::fold_char(c);
            if f == '\u{0}' {
                None
            } else if c.is_uppercase() {
                f.to_uppercase().next()
            } else {
                Some(f)
            }
        })
        .collect()
}

fn roman(n: usize) -> String {
    const R: [(usize, &str); 5] = [(40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV")];
    let mut n = n;
    let mut out = String::new();
    for (v, s) in R {
        while n >= v {
            out.push_str(s);
            n -= v;
        }
    }
    out.push_str(&"I".repeat(n));
    out
}

/// A new name for `old` with as many words, Vietnamese or English like it.
fn new_name(old: &str, lex: &Lexicon, rng: &mut Rng) -> String {
    let words: Vec<&str> = old.split_whitespace().collect();
    if lex.vi_surnames.contains(&words[0]) {
        let mut out = vec![lex.vi_surnames[rng.pick_frequent(lex.vi_surnames.len())].to_owned()];
        for m in &words[1..words.len() - 1] {
            // "Thị" says the person is a woman: the text's "bà" must still fit.
            out.push(if *m == "Thị" {
                "Thị".to_owned()
            } else {
                rng.pick(&lex.vi_middle).clone()
            });
        }
        out.push(rng.pick(&lex.vi_given).clone());
        out.join(" ")
    } else {
        let mut out: Vec<String> = words[..words.len() - 1]
            .iter()
            .map(|_| (*rng.pick(&lex.en_given)).to_owned())
            .collect();
        out.push((*rng.pick(EN_SURNAMES)).to_owned());
        out.join(" ")
    }
}

/// The replacements of names and places for one article: (from, to).
fn substitutions(t: &Template, lex: &Lexicon, rng: &mut Rng) -> Vec<(String, String)> {
    let mut subs: Vec<(String, String)> = Vec::new();
    let mut used: Vec<String> = Vec::new();
    let mut short: HashMap<String, String> = HashMap::new();
    for old in &t.people {
        let mut name = new_name(old, lex, rng);
        for _ in 0..8 {
            if !used.contains(&name) && name != *old {
                break;
            }
            name = new_name(old, lex, rng);
        }
        used.push(name.clone());
        let old_last = old.rsplit(' ').next().unwrap_or(old);
        let new_last = name.rsplit(' ').next().unwrap_or(&name).to_owned();
        subs.push((strip_marks(old), strip_marks(&name)));
        if lex
            .vi_surnames
            .contains(&old.split(' ').next().unwrap_or_default())
        {
            // Later mentions: "ông Nghĩa", "Bà Hân".
            for h in ["ông", "bà", "Ông", "Bà"] {
                short
                    .entry(format!("{h} {old_last}"))
                    .or_insert_with(|| format!("{h} {new_last}"));
            }
        } else {
            // "Okafor said".
            short.entry(old_last.to_owned()).or_insert(new_last);
        }
        subs.push((old.clone(), name));
    }
    subs.extend(short);
    let mut places: Vec<&str> = Vec::new();
    for p in DEMO_PLACES {
        if !t.text.contains(p) {
            continue;
        }
        let mut new = *rng.pick(&lex.provinces);
        while places.contains(&new) {
            new = *rng.pick(&lex.provinces);
        }
        places.push(new);
        subs.push(((*p).to_owned(), new.to_owned()));
        subs.push((strip_marks(p), strip_marks(new)));
    }
    subs.retain(|(a, b)| !a.is_empty() && a != b);
    subs.sort();
    subs.dedup_by(|a, b| a.0 == b.0);
    subs
}

/// Whether the digits at `at` are part of an escape (`&#12;`, `\u00e9`).
fn in_escape(text: &str, at: usize) -> bool {
    let before = &text.as_bytes()[..at];
    if before.ends_with(b"&#") {
        return true;
    }
    let hex = before
        .iter()
        .rev()
        .take_while(|b| b.is_ascii_hexdigit())
        .count();
    hex <= 3 && before[..before.len() - hex].ends_with(b"\\u")
}

/// Digits, dates, years and ordinals of `text` varied; shapes (digit counts,
/// separators, times) kept, and the same token varied the same way throughout (a
/// summary repeated in the body still matches it).
fn vary_numbers(text: &str, re: &Regex, rng: &mut Rng) -> String {
    let year_shift = rng.range(-12, 0);
    let year = |y: &str| (y.parse::<i64>().unwrap_or(2025) + year_shift).to_string();
    let mut seen: HashMap<String, String> = HashMap::new();
    re.replace_all(text, |c: &Captures<'_>| -> String {
        let all = c.get(0).expect("match").as_str();
        if let Some(v) = seen.get(all) {
            return v.clone();
        }
        let v = vary_token(text, c, rng, &year);
        seen.insert(all.to_owned(), v.clone());
        v
    })
    .into_owned()
}

fn vary_token(
    text: &str,
    c: &Captures<'_>,
    rng: &mut Rng,
    year: &dyn Fn(&str) -> String,
) -> String {
    let all = c.get(0).expect("match").as_str();
    if c.name("time").is_some() {
        all.to_owned()
    } else if c.name("iso").is_some() {
        let sep = if all.contains('/') { "/" } else { "-" };
        format!(
            "{}{sep}{:02}{sep}{:02}",
            year(&all[..4]),
            rng.range(1, 12),
            rng.range(1, 28)
        )
    } else if c.name("dmy").is_some() {
        let y = &all[all.len() - 4..];
        format!("{}/{}/{}", rng.range(1, 28), rng.range(1, 12), year(y))
    } else if c.name("dm").is_some() {
        format!("{}/{}", rng.range(1, 28), rng.range(1, 12))
    } else if c.name("year").is_some() {
        year(all)
    } else if c.name("roman").is_some() {
        let (word, _) = all.split_once(' ').unwrap_or((all, ""));
        format!("{word} {}", roman(rng.range(1, 20) as usize))
    } else {
        let start = c.get(0).expect("match").start();
        if in_escape(text, start) {
            return all.to_owned();
        }
        // Same number of digits; leading zeros kept.
        let zeros = all.len() - all.trim_start_matches('0').len();
        if zeros == all.len() {
            return all.to_owned();
        }
        let mut s = "0".repeat(zeros);
        for k in zeros..all.len() {
            let lo = if k == zeros { 1 } else { 0 };
            s.push(char::from(b'0' + rng.range(lo, 9) as u8));
        }
        s
    }
}

/// One generated article: where it goes in the set and its bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScaleArticle {
    /// Path relative to the set's folder: `SHARD/INDEX-STEM.EXT`.
    pub path: PathBuf,
    pub bytes: Vec<u8>,
}

/// Article `index` of the set made from `seed`.
pub fn scale_article(index: usize, seed: u64) -> ScaleArticle {
    let d = data();
    let mut rng = Rng::new(seed ^ (index as u64).wrapping_mul(0x9e37_79b9_7f4a_7c15));
    let t = &d.templates[rng.below(d.templates.len())];
    let subs = substitutions(t, &d.lex, &mut rng);
    let text = if subs.is_empty() {
        t.text.clone()
    } else {
        let ac = AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostLongest)
            .build(subs.iter().map(|(a, _)| a.as_str()))
            .expect("scale-set names");
        let to: Vec<&str> = subs.iter().map(|(_, b)| b.as_str()).collect();
        ac.replace_all(&t.text, &to)
    };
    let text = vary_numbers(&text, &d.numbers, &mut rng);
    let shard = index / FILES_PER_SHARD;
    ScaleArticle {
        path: PathBuf::from(format!("{shard:04}")).join(format!("{index:07}-{}.{}", t.stem, t.ext)),
        bytes: text.into_bytes(),
    }
}

/// The first `n` articles of the set made from `seed`, in memory.
pub fn scale_articles(n: usize, seed: u64) -> Vec<ScaleArticle> {
    (0..n)
        .into_par_iter()
        .map(|i| scale_article(i, seed))
        .collect()
}

/// What [`generate_scale_set`] wrote.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ScaleSet {
    pub files: usize,
    pub bytes: u64,
    pub shards: usize,
}

/// Writes `n` articles made from `seed` under `out` (created if missing), in shard
/// folders `0000`, `0001`, ... of [`FILES_PER_SHARD`] files each. Existing files of
/// the same names are overwritten; nothing else in `out` is touched.
pub fn generate_scale_set(out: &Path, n: usize, seed: u64) -> io::Result<ScaleSet> {
    let shards = n.div_ceil(FILES_PER_SHARD);
    let bytes: io::Result<Vec<u64>> = (0..shards)
        .into_par_iter()
        .map(|s| -> io::Result<u64> {
            let dir = out.join(format!("{s:04}"));
            std::fs::create_dir_all(&dir)?;
            let mut total = 0;
            for i in s * FILES_PER_SHARD..((s + 1) * FILES_PER_SHARD).min(n) {
                let a = scale_article(i, seed);
                std::fs::write(out.join(&a.path), &a.bytes)?;
                total += a.bytes.len() as u64;
            }
            Ok(total)
        })
        .collect();
    Ok(ScaleSet {
        files: n,
        bytes: bytes?.iter().sum(),
        shards,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_demo_article_is_a_template_with_its_people() {
        let d = data();
        assert_eq!(d.templates.len(), 13);
        assert!(d.templates.iter().filter(|t| !t.people.is_empty()).count() >= 10);
        assert!(d.lex.provinces.len() >= 60, "{}", d.lex.provinces.len());
        assert!(d.lex.provinces.contains(&"Nghệ An"));
    }

    #[test]
    fn numbers_vary_but_keep_their_shape() {
        let re = &data().numbers;
        let mut rng = Rng::new(7);
        let s = "Sáng 14/3/2025, lúc 08:41:27.05 ngày 2025-04-02T09:00:00+07:00, khóa XV, 212 điểm &#5; \\u00e9 0298";
        let v = vary_numbers(s, re, &mut rng);
        assert!(
            v.contains("08:41:27.05") && v.contains("T09:00:00+07:00"),
            "{v}"
        );
        assert!(v.contains("&#5;") && v.contains("\\u00e9"), "{v}");
        assert!(v.contains("khóa ") && !v.contains("212 "), "{v}");
        assert!(v.contains(" 0"), "{v}");
        assert_ne!(s, v);
    }

    fn files_under(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
        let mut out: Vec<(PathBuf, Vec<u8>)> = walkdir::WalkDir::new(dir)
            .into_iter()
            .filter_map(Result::ok)
            .filter(|e| e.file_type().is_file())
            .map(|e| {
                let rel = e.path().strip_prefix(dir).unwrap().to_path_buf();
                (rel, std::fs::read(e.path()).unwrap())
            })
            .collect();
        out.sort();
        out
    }

    #[test]
    fn a_set_is_n_files_in_shards_the_same_every_time_with_varied_people() {
        let (a, b) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
        let n = 1_500;
        let set = generate_scale_set(a.path(), n, 42).unwrap();
        assert_eq!((set.files, set.shards), (n, 2));
        generate_scale_set(b.path(), n, 42).unwrap();
        let (fa, fb) = (files_under(a.path()), files_under(b.path()));
        assert_eq!(fa.len(), n);
        assert_eq!(
            set.bytes,
            fa.iter().map(|(_, b)| b.len() as u64).sum::<u64>()
        );
        assert!(fa == fb, "the same seed gives the same files");
        let in_first = fa.iter().filter(|(p, _)| p.starts_with("0000")).count();
        assert_eq!(in_first, FILES_PER_SHARD);
        // No two articles alike, and many different people.
        let mut bodies: Vec<&[u8]> = fa.iter().map(|(_, b)| b.as_slice()).collect();
        bodies.sort();
        bodies.dedup();
        assert_eq!(bodies.len(), n);
        let c = collection::load(&[a.path().to_path_buf()], &LoadOptions::default());
        assert_eq!(c.articles.len(), n);
        assert!(c.report.problems.is_empty(), "{:?}", c.report.problems);
        let mut names: Vec<String> = c
            .articles
            .iter()
            .take(300)
            .flat_map(|a| crate::extract::outline(a).speakers)
            .map(|s| s.name)
            .collect();
        let quoted = names.len();
        names.sort();
        names.dedup();
        assert!(quoted > 300, "{quoted}");
        assert!(
            names.len() * 10 > quoted * 8,
            "{} names for {quoted}",
            names.len()
        );
    }

    #[test]
    fn articles_are_deterministic_and_load() {
        let a = scale_article(12_345, DEFAULT_SEED);
        assert_eq!(a, scale_article(12_345, DEFAULT_SEED));
        assert_ne!(a.bytes, scale_article(12_345, DEFAULT_SEED + 1).bytes);
        assert!(a.path.starts_with("0012"), "{:?}", a.path);
        for i in 0..60 {
            let a = scale_article(i, 1);
            let kind = FileKind::from_path(&a.path).unwrap();
            let load = collection::load_bytes(&a.path, kind, a.bytes, &LoadOptions::default());
            assert!(load.problems.is_empty(), "{:?}", load.problems);
            assert_eq!(load.articles.len(), 1, "{:?}", a.path);
        }
    }
}
