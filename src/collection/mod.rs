//! Loading collections: walking paths, reading and decoding files, parsing formats,
//! and building cleaned articles, in parallel. Bad input never stops a load: every
//! problem becomes a [`Problem`] naming the file (and line) and the reason.

pub mod decode;
pub mod json_format;
pub mod record;
pub mod text_format;
pub mod walk;

use std::collections::BTreeMap;
use std::fmt;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

use rayon::prelude::*;

use crate::article::{Article, Format, Origin};
use crate::cleanup;
use record::{Position, RawRecord};
pub use walk::{Discovery, FileEntry, discover};

/// How a file is read, from its extension.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileKind {
    Plain {
        format: Format,
        gzip: bool,
    },
    /// Named explicitly with an unknown extension: the content decides.
    Unknown,
}

impl FileKind {
    /// The kind for a path, or `None` for extensions docket does not read.
    pub fn from_path(path: &Path) -> Option<FileKind> {
        let name = path.file_name()?.to_str()?.to_ascii_lowercase();
        let (name, gzip) = match name.strip_suffix(".gz") {
            Some(n) => (n.to_owned(), true),
            None => (name, false),
        };
        let ext = name.rsplit_once('.').map(|(_, e)| e)?;
        let format = match ext {
            "txt" | "text" => Format::Text,
            "md" | "markdown" => Format::Markdown,
            "json" => Format::Json,
            "jsonl" | "ndjson" => Format::Jsonl,
            "sgm" | "sgml" => Format::Sgml,
            _ => return None,
        };
        Some(FileKind::Plain { format, gzip })
    }
}

/// Limits and switches for a load.
#[derive(Debug, Clone)]
pub struct LoadOptions {
    /// Files larger than this (and decompressed data beyond it) are skipped.
    pub max_file_bytes: u64,
}

impl Default for LoadOptions {
    fn default() -> Self {
        LoadOptions {
            max_file_bytes: 64 << 20,
        }
    }
}

/// How bad a problem is.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
pub enum Severity {
    /// Loaded, with a caveat (bytes replaced, a record dropped).
    Warning,
    /// Nothing was loaded from this file or line.
    Skipped,
}

/// One problem met while loading.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Problem {
    pub path: PathBuf,
    pub line: Option<usize>,
    pub reason: String,
    pub severity: Severity,
}

impl Problem {
    pub fn skipped(path: &Path, line: Option<usize>, reason: impl Into<String>) -> Problem {
        Problem {
            path: path.to_path_buf(),
            line,
            reason: reason.into(),
            severity: Severity::Skipped,
        }
    }

    pub fn warning(path: &Path, line: Option<usize>, reason: impl Into<String>) -> Problem {
        Problem {
            path: path.to_path_buf(),
            line,
            reason: reason.into(),
            severity: Severity::Warning,
        }
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Paths are shown through the sanitiser: a file name can hold an escape too.
        let path = crate::text::sanitize::sanitize(&self.path.to_string_lossy()).into_owned();
        match self.line {
            Some(l) => write!(f, "{path}:{l}: {}", self.reason),
            None => write!(f, "{path}: {}", self.reason),
        }
    }
}

/// What loading one file produced.
#[derive(Debug, Default)]
pub struct FileLoad {
    pub articles: Vec<Article>,
    pub problems: Vec<Problem>,
    pub format: Option<Format>,
    pub bytes: u64,
}

/// Summary of a load.
#[derive(Debug, Default, Clone)]
pub struct LoadReport {
    pub files: usize,
    pub articles_per_format: BTreeMap<Format, usize>,
    pub bytes: u64,
    pub problems: Vec<Problem>,
    pub unsupported: usize,
    pub elapsed: Duration,
}

impl LoadReport {
    pub fn articles(&self) -> usize {
        self.articles_per_format.values().sum()
    }

    /// Adds one file's counts and problems.
    pub fn add(&mut self, load: &mut FileLoad) {
        self.files += 1;
        self.bytes += load.bytes;
        if let Some(f) = load.format
            && !load.articles.is_empty()
        {
            *self.articles_per_format.entry(f).or_default() += load.articles.len();
        }
        self.problems.append(&mut load.problems);
    }
}

/// A loaded collection.
#[derive(Debug, Default)]
pub struct Collection {
    pub articles: Vec<Article>,
    pub report: LoadReport,
}

/// Loads every article under `paths`, in parallel, in a stable order.
pub fn load(paths: &[PathBuf], opts: &LoadOptions) -> Collection {
    let started = Instant::now();
    let discovery = discover(paths);
    let loads: Vec<FileLoad> = discovery
        .files
        .par_iter()
        .map(|entry| load_file(entry, opts))
        .collect();
    let mut report = LoadReport {
        problems: discovery.problems,
        unsupported: discovery.unsupported,
        ..LoadReport::default()
    };
    let mut articles = Vec::with_capacity(loads.len());
    for mut l in loads {
        report.add(&mut l);
        articles.append(&mut l.articles);
    }
    report.elapsed = started.elapsed();
    Collection { articles, report }
}

/// What [`load`] would report, without keeping the articles: each file is loaded,
/// counted and dropped on its worker, so memory stays at what the workers hold
/// (for `docket check` over collections of any size). Problems keep file order.
pub fn check(paths: &[PathBuf], opts: &LoadOptions) -> LoadReport {
    let started = Instant::now();
    let discovery = discover(paths);
    let counted: Vec<(usize, FileLoad)> = discovery
        .files
        .par_iter()
        .map(|entry| {
            let mut load = load_file(entry, opts);
            let n = std::mem::take(&mut load.articles).len();
            (n, load)
        })
        .collect();
    let mut report = LoadReport {
        problems: discovery.problems,
        unsupported: discovery.unsupported,
        ..LoadReport::default()
    };
    for (n, mut load) in counted {
        report.add(&mut load);
        if let Some(f) = load.format
            && n > 0
        {
            *report.articles_per_format.entry(f).or_default() += n;
        }
    }
    report.elapsed = started.elapsed();
    report
}

/// Loads files in batches, handing each batch to `sink` as soon as it is ready, so a
/// reader can show the first articles while the rest load.
pub fn load_batched(
    files: &[FileEntry],
    opts: &LoadOptions,
    batch: usize,
    mut sink: impl FnMut(Vec<FileLoad>) -> bool,
) {
    for chunk in files.chunks(batch.max(1)) {
        let loads: Vec<FileLoad> = chunk.par_iter().map(|e| load_file(e, opts)).collect();
        if !sink(loads) {
            return;
        }
    }
}

/// Adds a finished batch to a collection (the counterpart of [`load_batched`]).
pub fn absorb(collection: &mut Collection, loads: Vec<FileLoad>) {
    for mut l in loads {
        collection.report.add(&mut l);
        collection.articles.append(&mut l.articles);
    }
}

/// Reads and parses one file.
pub fn load_file(entry: &FileEntry, opts: &LoadOptions) -> FileLoad {
    let path = entry.path.as_path();
    if entry.size > opts.max_file_bytes {
        return FileLoad {
            problems: vec![Problem::skipped(
                path,
                None,
                format!(
                    "file is {}, over the {} limit (--max-file-size)",
                    human_bytes(entry.size),
                    human_bytes(opts.max_file_bytes)
                ),
            )],
            ..FileLoad::default()
        };
    }
    let bytes = match read_limited(path, opts.max_file_bytes) {
        Ok(b) => b,
        Err(reason) => {
            return FileLoad {
                problems: vec![Problem::skipped(path, None, reason)],
                ..FileLoad::default()
            };
        }
    };
    load_bytes(path, entry.kind, bytes, opts)
}

fn read_limited(path: &Path, limit: u64) -> Result<Vec<u8>, String> {
    let file = std::fs::File::open(path).map_err(|e| walk::io_reason(&e))?;
    // Sized from the file up front: `take` hides the size from `read_to_end`, whose
    // doubling left buffers up to twice the file, and memory fragmented, in a
    // collection-wide load.
    let size_hint = file.metadata().map_or(0, |m| m.len()).min(limit) as usize;
    let mut bytes = Vec::with_capacity(size_hint + 1);
    file.take(limit + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| walk::io_reason(&e))?;
    if bytes.len() as u64 > limit {
        return Err(format!(
            "file is over the {} limit (--max-file-size)",
            human_bytes(limit)
        ));
    }
    Ok(bytes)
}

/// Parses the bytes of one file (already read) into articles.
pub fn load_bytes(path: &Path, kind: FileKind, bytes: Vec<u8>, opts: &LoadOptions) -> FileLoad {
    let raw_len = bytes.len() as u64;
    let mut out = FileLoad {
        bytes: raw_len,
        ..FileLoad::default()
    };
    let (format, gzip) = match kind {
        FileKind::Plain { format, gzip } => (Some(format), gzip),
        FileKind::Unknown => (None, bytes.starts_with(&[0x1f, 0x8b])),
    };
    let bytes = if gzip {
        match gunzip(&bytes, opts.max_file_bytes) {
            Ok(b) => b,
            Err(reason) => {
                out.problems.push(Problem::skipped(path, None, reason));
                return out;
            }
        }
    } else {
        bytes
    };
    let decoded = match decode::decode(&bytes) {
        Ok(d) => d,
        Err(decode::NotText::Empty) => {
            out.problems
                .push(Problem::skipped(path, None, "empty file"));
            return out;
        }
        Err(decode::NotText::Binary) => {
            out.problems
                .push(Problem::skipped(path, None, "binary data, not text"));
            return out;
        }
    };
    if decoded.replaced > 0 {
        out.problems.push(Problem::warning(
            path,
            None,
            format!(
                "{} invalid {} byte sequence{} replaced with �",
                decoded.replaced,
                decoded.encoding,
                if decoded.replaced == 1 { "" } else { "s" }
            ),
        ));
    }
    let text = decoded.text;
    let format = format.unwrap_or_else(|| sniff_format(&text));
    out.format = Some(format);
    // The sanitiser's scan of the body is skipped where decoding made it on the
    // whole text already (JSON bodies are unescaped, so they are not slices).
    let body_is_clean = decoded.clean
        && matches!(format, Format::Text | Format::Markdown | Format::Sgml)
        && text_format::body_is_slice(&text);
    let (records, problems) = match format {
        Format::Text | Format::Markdown | Format::Sgml => (
            text_format::parse(&text, format == Format::Markdown),
            Vec::new(),
        ),
        Format::Json => json_format::parse_json(&text),
        Format::Jsonl => json_format::parse_jsonl(&text),
    };
    drop(text);
    for p in problems {
        out.problems.push(Problem::skipped(path, p.line, p.reason));
    }
    let path_arc: Arc<Path> = Arc::from(path);
    let stem = file_stem(path);
    let single = records.len() == 1;
    let per_record_bytes = if single { raw_len as usize } else { 0 };
    // The records of one file are cleaned on every core: a dataset is often one
    // large JSON or JSONL file, which cleaned record by record kept the other
    // cores idle. A file of one record (most of them) is not split: the
    // parallel iterator's set-up cost showed against its one article.
    let build = |rec: RawRecord| {
        let rec = if body_is_clean {
            rec.cleaned_given_clean_body()
        } else {
            rec.cleaned()
        };
        if !rec.has_text() {
            let line = match rec.position {
                Position::Line(l) => Some(l),
                _ => None,
            };
            let reason = if rec.title.is_some() {
                "a title but no text"
            } else {
                "no text"
            };
            return Err(Problem::skipped(path, line, reason));
        }
        let (id, record) = article_id(&stem, &rec, single, format);
        let origin = Origin {
            path: Arc::clone(&path_arc),
            format,
            record,
        };
        let size = if single {
            per_record_bytes
        } else {
            rec.body.len()
        };
        Ok(cleanup::build_article(rec, id, origin, size))
    };
    let built: Vec<Result<Article, Problem>> = if single {
        records.into_iter().map(build).collect()
    } else {
        records.into_par_iter().map(build).collect()
    };
    for b in built {
        match b {
            Ok(article) => out.articles.push(article),
            Err(problem) => out.problems.push(problem),
        }
    }
    out
}

/// The id of an article: for a file its stem; for a record of a collection its own
/// id, else `stem#line` / `stem#index`.
fn article_id(
    stem: &str,
    rec: &RawRecord,
    single: bool,
    format: Format,
) -> (String, Option<usize>) {
    let one_article_file =
        single && matches!(format, Format::Text | Format::Markdown | Format::Sgml);
    match rec.position {
        Position::Whole => (stem.to_owned(), None),
        _ if one_article_file => (stem.to_owned(), None),
        Position::Index(_) if single && rec.id.is_none() => (stem.to_owned(), None),
        Position::Line(n) | Position::Index(n) => (
            rec.id.clone().unwrap_or_else(|| format!("{stem}#{n}")),
            Some(n),
        ),
    }
}

fn file_stem(path: &Path) -> String {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let name = name.strip_suffix(".gz").unwrap_or(&name);
    match name.rsplit_once('.') {
        Some((stem, _)) if !stem.is_empty() => crate::text::clean(stem),
        _ => crate::text::clean(name),
    }
}

/// Format of a file with an unknown extension, from its first characters.
fn sniff_format(text: &str) -> Format {
    let t = text.trim_start();
    if t.starts_with('[') || t.starts_with('{') {
        let first_line = t.lines().next().unwrap_or("");
        if first_line.trim_end().ends_with('}')
            && t.lines().filter(|l| !l.trim().is_empty()).count() > 1
        {
            return Format::Jsonl;
        }
        return Format::Json;
    }
    if t.starts_with("<REUTERS") {
        return Format::Sgml;
    }
    Format::Text
}

fn gunzip(bytes: &[u8], limit: u64) -> Result<Vec<u8>, String> {
    // Decompressed in chunks, stopping before the limit is passed. (`read_to_end`
    // on the decoder doubled its buffer past the limit and zero-filled it: a gzip
    // bomb held about 3.5x the limit, 224 MB at the default 64 MiB, per loader
    // thread.)
    let mut dec = flate2::read::MultiGzDecoder::new(bytes);
    // The trailer's ISIZE (last member's size mod 2^32), capped at the limit, as
    // a capacity hint: one allocation instead of a doubling series.
    let hint = bytes
        .len()
        .checked_sub(4)
        .and_then(|i| bytes[i..].try_into().ok())
        .map_or(0, |b| u64::from(u32::from_le_bytes(b)))
        .min(limit);
    let mut out = Vec::with_capacity(usize::try_from(hint).unwrap_or(0));
    let mut chunk = vec![0u8; 64 << 10];
    loop {
        match dec.read(&mut chunk) {
            Ok(0) => return Ok(out),
            Ok(n) if (out.len() + n) as u64 > limit => {
                return Err(format!(
                    "decompresses to more than the {} limit (--max-file-size); skipped",
                    human_bytes(limit)
                ));
            }
            Ok(n) => out.extend_from_slice(&chunk[..n]),
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(e) => return Err(format!("not a readable gzip file: {e}")),
        }
    }
}

/// "1.5 MiB", "812 KiB", "96 B".
pub fn human_bytes(n: u64) -> String {
    const UNITS: [&str; 4] = ["B", "KiB", "MiB", "GiB"];
    let mut v = n as f64;
    let mut u = 0;
    while v >= 1024.0 && u + 1 < UNITS.len() {
        v /= 1024.0;
        u += 1;
    }
    if u == 0 {
        format!("{n} B")
    } else if v >= 100.0 {
        format!("{v:.0} {}", UNITS[u])
    } else {
        format!("{v:.1} {}", UNITS[u])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_from_extensions() {
        let k = |p: &str| FileKind::from_path(Path::new(p));
        assert_eq!(
            k("a.txt"),
            Some(FileKind::Plain {
                format: Format::Text,
                gzip: false
            })
        );
        assert_eq!(
            k("a.JSONL.gz"),
            Some(FileKind::Plain {
                format: Format::Jsonl,
                gzip: true
            })
        );
        assert_eq!(
            k("a.ndjson"),
            Some(FileKind::Plain {
                format: Format::Jsonl,
                gzip: false
            })
        );
        assert_eq!(k("a.png"), None);
        assert_eq!(k("README"), None);
    }

    #[test]
    fn human_sizes() {
        assert_eq!(human_bytes(96), "96 B");
        assert_eq!(human_bytes(64 << 20), "64.0 MiB");
    }
}
