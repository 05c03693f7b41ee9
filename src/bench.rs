//! How fast docket is on a collection (`docket bench`), and the scale sets the
//! benchmarks run on ([`scale`]).
//!
//! [`run`] times, in one process and on the same files: reading every file
//! (`cat`), the work of `docket outline --json` (load, cleanup, extraction, JSON to
//! nowhere), the reader (first frame, loading, key to frame), search and the speaker
//! filter. The reader lives in the binary, so it is driven through
//! [`ReaderDriver`]; the library never draws.

pub mod scale;

use std::io::{self, BufWriter, Write};
use std::path::PathBuf;
use std::time::{Duration, Instant};

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use serde::Serialize;

use crate::collection::{self, LoadOptions, human_bytes};
use crate::index::search::{self, Query};
use crate::index::{Entry, Library};

pub use scale::{ScaleSet, generate_scale_set, scale_article, scale_articles};

/// Realistic queries, accent-insensitive as users type them: phrases, terms, an
/// exclusion, fields and regexes.
pub const QUERIES: &[&str] = &[
    "hoi nghi",
    "quoc hoi",
    "bo truong",
    "kinh te",
    "thu tuong",
    "ky hop",
    "chu tich ubnd",
    "ban chap hanh",
    "nghi quyet",
    "chuyen doi so",
    "phat bieu, cho biet",
    "hoi nghi, bi thu",
    "kinh te -bong da",
    "speaker:nguyen",
    "speaker:\"tran van\"",
    "role:bi thu",
    "meeting:ky hop",
    "agenda:ngan sach",
    "title:hoi nghi",
    "date:2017",
    "/hoi (nghi|thao)/",
    "/ky hop thu [0-9]+/",
];

/// Queries typed into the reader's `/` a character at a time, with their
/// diacritics, as Vietnamese users type them: every prefix is searched.
pub const TYPED_QUERIES: &[&str] = &[
    "hội nghị",
    "Bộ trưởng",
    "phát biểu, cho biết",
    "kỳ họp thứ",
    "Chủ tịch UBND",
];

use crate::pipeline::{OUTLINE_BATCH, READER_BATCH};

/// The reader, as `docket PATH...` runs it, without a terminal.
pub trait ReaderDriver {
    /// Builds the reader as it is at start: empty, loading, `width` x `height`.
    fn start(&mut self, width: u16, height: u16);
    /// Hands over a batch from the background loader.
    fn loaded(&mut self, items: Vec<Entry>, warnings: Vec<String>, done: usize, total: usize);
    /// Draws one frame.
    fn draw(&mut self);
    /// Handles one key (the caller draws).
    fn key(&mut self, key: KeyEvent);
    /// Whether a search typed into `/` runs in steps, as in the terminal.
    fn set_stepped_search(&mut self, stepped: bool);
    /// Runs the search in progress for about `budget`; true when none is left.
    fn search_step(&mut self, budget: Duration) -> bool;
    /// Applies a search (`None`: none) and a speaker filter (entries of
    /// `library().speakers`) as `/` and `s` do; returns how many articles are listed.
    fn filter(&mut self, query: Option<(&str, Query)>, speakers: &[usize]) -> usize;
    /// The reader's library.
    fn library(&self) -> &Library;
}

/// What to run.
#[derive(Debug, Clone)]
pub struct Options {
    pub load: LoadOptions,
    /// Keys pressed for key-to-frame (half down, a quarter page down, a quarter `]`).
    pub keys: usize,
    pub width: u16,
    pub height: u16,
    /// Runs of each query against the library.
    pub search_runs: usize,
    /// Speakers (the most frequent) whose filter is timed.
    pub speakers: usize,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            load: LoadOptions::default(),
            keys: 200,
            width: 140,
            height: 40,
            search_runs: 3,
            speakers: 20,
        }
    }
}

/// Latency distribution, in milliseconds.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Latency {
    pub n: usize,
    pub p50_ms: f64,
    pub p90_ms: f64,
    pub p99_ms: f64,
    pub max_ms: f64,
}

impl Latency {
    /// Nearest-rank percentiles of `samples`.
    pub fn of(samples: &[Duration]) -> Latency {
        if samples.is_empty() {
            return Latency::default();
        }
        let mut ms: Vec<f64> = samples.iter().map(|d| d.as_secs_f64() * 1e3).collect();
        ms.sort_by(f64::total_cmp);
        let at = |p: f64| ms[((p * ms.len() as f64).ceil() as usize).clamp(1, ms.len()) - 1];
        Latency {
            n: ms.len(),
            p50_ms: at(0.50),
            p90_ms: at(0.90),
            p99_ms: at(0.99),
            max_ms: ms[ms.len() - 1],
        }
    }
}

/// A timed pass over every byte of the collection.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Pass {
    pub seconds: f64,
    pub mb_per_s: f64,
}

impl Pass {
    fn new(d: Duration, bytes: u64) -> Pass {
        let seconds = d.as_secs_f64();
        Pass {
            seconds,
            mb_per_s: if seconds > 0.0 {
                bytes as f64 / 1e6 / seconds
            } else {
                0.0
            },
        }
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct KeyLatency {
    pub key: String,
    #[serde(flatten)]
    pub latency: Latency,
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct ReaderReport {
    pub width: u16,
    pub height: u16,
    /// Building the reader as at start and drawing its first (empty, loading) frame.
    pub first_frame_ms: f64,
    /// From the start to the first frame that lists articles (discovery and the
    /// first batch of files loaded, cleaned and outlined).
    pub first_articles_ms: f64,
    /// From the start until everything is loaded (a frame drawn per batch).
    pub loaded_s: f64,
    /// A frame of the loaded reader, nothing changed.
    pub frame: Latency,
    /// Key to frame, per key.
    pub keys: Vec<KeyLatency>,
    /// Key to frame, every key.
    pub keys_all: Latency,
    /// Bytes of the folded search index.
    pub search_index_bytes: usize,
    /// The second and third opens, each in a new process as a user's next
    /// `docket PATH...` is, everything from the cache the first one wrote. (On a
    /// virtual machine that hands freed memory back to its host, the first of them
    /// also pays for getting it back.)
    pub reopen: Vec<Reopen>,
    /// Size of the cache file.
    pub cache_bytes: u64,
}

/// A reader opened from its cache ([`reopen`]).
#[derive(Debug, Clone, Default, Serialize, serde::Deserialize)]
pub struct Reopen {
    /// From the start to the first frame listing articles.
    pub first_articles_ms: f64,
    /// From the start until everything is loaded and indexed.
    pub loaded_s: f64,
    /// Files taken from the cache (all of them, unless files changed in between or
    /// the cache could not be written).
    pub from_cache: usize,
    /// Peak RSS of that process (VmHWM), bytes.
    pub peak_rss: Option<u64>,
    /// Measured in the benchmarking process itself, because no `docket`
    /// executable could be started for it (the figures then include memory the
    /// first open left behind).
    pub in_process: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct QueryReport {
    pub query: String,
    pub matches: usize,
    /// Median over the runs: parse and search the library (what `docket search` does
    /// before printing).
    pub library_ms: f64,
    /// Search applied in the reader: re-list, open the first match, draw.
    pub reader_ms: f64,
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct SearchReport {
    pub queries: Vec<QueryReport>,
    pub library: Latency,
    pub reader: Latency,
    /// Each key of [`TYPED_QUERIES`] typed into `/` with the search run at
    /// once: search, re-list, open, draw.
    pub typed: Latency,
    /// The same keys as the terminal reader takes them, the search run in steps
    /// of 8 ms between looks for keys: key to its frame...
    pub typed_frame: Latency,
    /// ...and key to the frame that lists its result.
    pub typed_result: Latency,
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct SpeakerReport {
    /// Filters timed: each of the most frequent speakers, then pairs of them.
    pub filters: usize,
    /// Articles of the speakers, intersected and applied to the collection.
    pub library: Latency,
    /// Filter applied in the reader: re-list, open, draw.
    pub reader: Latency,
}

/// Everything `docket bench` measures.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Report {
    pub paths: Vec<String>,
    pub threads: usize,
    pub files: usize,
    pub bytes: u64,
    pub articles: usize,
    pub problems: usize,
    /// Reading every file's bytes, one thread, as `cat` does; the first pass may
    /// read from disk, the second from the page cache.
    pub cat_first: Pass,
    pub cat: Pass,
    /// `docket outline --json`'s work: load, cleanup, extraction, JSON (discarded).
    pub outline: Pass,
    pub outline_articles_per_s: f64,
    /// outline time / cat time.
    pub outline_vs_cat: f64,
    /// VmHWM after the outline pass (bounded by its batches), bytes.
    pub peak_rss_outline: Option<u64>,
    pub reader: ReaderReport,
    pub search: SearchReport,
    pub speaker_filter: SpeakerReport,
    /// VmHWM at the end (the reader holds the whole collection), bytes.
    pub peak_rss: Option<u64>,
}

/// The process's peak resident set (VmHWM), where /proc says it.
pub fn peak_rss() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: u64 = line
        .trim_start_matches("VmHWM:")
        .trim()
        .trim_end_matches("kB")
        .trim()
        .parse()
        .ok()?;
    Some(kb * 1024)
}

/// Reads every file, in order, on one thread; returns the bytes read.
pub fn cat(files: &[PathBuf]) -> u64 {
    let mut total = 0;
    for f in files {
        if let Ok(b) = std::fs::read(f) {
            total += b.len() as u64;
            std::hint::black_box(&b);
        }
    }
    total
}

/// Does `docket outline --json`'s work on `paths`, writing the JSON nowhere;
/// returns (articles, problems).
pub fn outline_json(paths: &[PathBuf], opts: &LoadOptions) -> (usize, usize) {
    let mut out = BufWriter::with_capacity(1 << 16, io::sink());
    let mut stream = crate::export::JsonStream::begin(&mut out).ok();
    let mut count = 0;
    let report = crate::pipeline::outline_batched(paths, opts, OUTLINE_BATCH, |batch| {
        for (load, outlines) in &batch {
            for (a, o) in load.articles.iter().zip(outlines) {
                count += 1;
                if let Some(s) = &mut stream {
                    let _ = s.article(&mut out, a, o, Default::default());
                }
            }
        }
        true
    });
    if let Some(s) = stream {
        let _ = s.end(&mut out);
    }
    (count, report.problems.len())
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1e3
}

fn timed<T>(f: impl FnOnce() -> T) -> (T, Duration) {
    let t = Instant::now();
    let r = f();
    (r, t.elapsed())
}

/// What the bench's loader thread hands to the reader: the number of files,
/// then batches (articles, warnings, files done).
enum BenchLoad {
    Total(usize),
    Batch(Vec<Entry>, Vec<String>, usize),
}

/// Opens `paths` in the reader as `docket PATH...` does (its background loader's
/// stream, batch after batch, with the cache at `cache`), drawing a frame after
/// each batch: (first frame ms, first articles listed ms, everything loaded s,
/// files from the cache).
fn open_reader(
    paths: &[PathBuf],
    opts: &Options,
    cache: Option<&std::path::Path>,
    reader: &mut dyn ReaderDriver,
) -> (f64, f64, f64, usize) {
    let start = Instant::now();
    reader.start(opts.width, opts.height);
    reader.draw();
    let first_frame = ms(start.elapsed());
    let mut first_articles = 0.0;
    let mut total = 0;
    // The loader runs on its own thread and hands batches over a channel, as in
    // the reader (`tui::run`): taking each batch into the reader and drawing
    // overlaps with loading the next.
    let (tx, rx) = std::sync::mpsc::channel();
    let report = std::thread::scope(|scope| {
        let loader = scope.spawn(|| {
            let total_tx = tx.clone();
            let report = crate::pipeline::stream(
                paths,
                &opts.load,
                cache,
                READER_BATCH,
                |d| total_tx.send(BenchLoad::Total(d.files.len())).is_ok(),
                |loaded, done| {
                    let mut items = Vec::new();
                    let mut warnings = Vec::new();
                    for f in loaded {
                        warnings.extend(f.load.problems.iter().map(ToString::to_string));
                        items.extend(Vec::<Entry>::from(f));
                    }
                    tx.send(BenchLoad::Batch(items, warnings, done)).is_ok()
                },
            );
            drop(tx);
            report
        });
        for msg in rx {
            match msg {
                BenchLoad::Total(n) => total = n,
                BenchLoad::Batch(items, warnings, done) => {
                    let first = !items.is_empty() && first_articles == 0.0;
                    reader.loaded(items, warnings, done, total);
                    reader.draw();
                    if first {
                        first_articles = ms(start.elapsed());
                    }
                }
            }
        }
        loader
            .join()
            .unwrap_or_else(|e| std::panic::resume_unwind(e))
    });
    if total == 0 {
        reader.loaded(Vec::new(), Vec::new(), 0, 0);
        reader.draw();
    }
    (
        first_frame,
        first_articles,
        start.elapsed().as_secs_f64(),
        report.from_cache,
    )
}

/// Opens `paths` in the reader twice, as a user would: the first open loads,
/// cleans and outlines every file and writes the cache (into a temporary dir, not
/// the user's); the second takes everything from that cache. The reader is left
/// loaded.
fn load_reader(paths: &[PathBuf], opts: &Options, reader: &mut dyn ReaderDriver) -> ReaderReport {
    let mut r = ReaderReport {
        width: opts.width,
        height: opts.height,
        ..ReaderReport::default()
    };
    let dir = tempfile::tempdir().ok();
    let cache = dir.as_ref().map(|d| d.path().join("bench.cache"));
    (r.first_frame_ms, r.first_articles_ms, r.loaded_s, _) =
        open_reader(paths, opts, cache.as_deref(), reader);
    r.search_index_bytes = reader.library().search.bytes();
    r.cache_bytes = cache
        .as_ref()
        .and_then(|c| std::fs::metadata(c).ok())
        .map_or(0, |m| m.len());
    if let Some(cache) = &cache {
        for _ in 0..2 {
            r.reopen.push(
                reopen_in_new_process(paths, opts, cache).unwrap_or_else(|| Reopen {
                    in_process: true,
                    ..reopen(paths, opts, cache, reader)
                }),
            );
        }
    }
    r
}

/// Opens `paths` in the reader from the cache at `cache` (what `docket bench
/// --reopen-from` does in its own process).
pub fn reopen(
    paths: &[PathBuf],
    opts: &Options,
    cache: &std::path::Path,
    reader: &mut dyn ReaderDriver,
) -> Reopen {
    let (_, first_articles_ms, loaded_s, from_cache) =
        open_reader(paths, opts, Some(cache), reader);
    Reopen {
        first_articles_ms,
        loaded_s,
        from_cache,
        peak_rss: peak_rss(),
        in_process: false,
    }
}

/// [`reopen`] in a new `docket` process, as a user reopens a collection: memory
/// and allocator start empty. None when this is not the `docket` executable
/// (tests, benchmarks) or it could not run.
fn reopen_in_new_process(
    paths: &[PathBuf],
    opts: &Options,
    cache: &std::path::Path,
) -> Option<Reopen> {
    let exe = std::env::current_exe().ok()?;
    if exe.file_stem()? != "docket" {
        return None;
    }
    let out = std::process::Command::new(exe)
        .arg("bench")
        .arg("--max-file-size")
        .arg((opts.load.max_file_bytes >> 20).max(1).to_string())
        .arg("--reopen-from")
        .arg(cache)
        .args(paths)
        .stdin(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .output()
        .ok()?;
    if !out.status.success() {
        return None;
    }
    serde_json::from_slice(&out.stdout).ok()
}

fn keys(opts: &Options, reader: &mut dyn ReaderDriver) -> (Vec<KeyLatency>, Latency) {
    let plain = |c| KeyEvent::new(c, KeyModifiers::NONE);
    let n = opts.keys;
    let plan = [
        ("down (next article)", plain(KeyCode::Down), n - n / 2),
        ("page down (list)", plain(KeyCode::PageDown), n / 4),
        (
            "] (next agenda item)",
            plain(KeyCode::Char(']')),
            n / 2 - n / 4,
        ),
    ];
    let mut all = Vec::new();
    let mut per_key = Vec::new();
    for (name, key, count) in plan {
        let mut samples = Vec::with_capacity(count);
        for _ in 0..count {
            let ((), d) = timed(|| {
                reader.key(key);
                reader.draw();
            });
            samples.push(d);
        }
        per_key.push(KeyLatency {
            key: name.to_owned(),
            latency: Latency::of(&samples),
        });
        all.extend(samples);
    }
    (per_key, Latency::of(&all))
}

fn searches(opts: &Options, reader: &mut dyn ReaderDriver) -> SearchReport {
    let mut report = SearchReport::default();
    let mut library_all = Vec::new();
    let mut reader_all = Vec::new();
    for &q in QUERIES {
        let mut runs = Vec::new();
        let mut matches = 0;
        for _ in 0..opts.search_runs.max(1) {
            let lib = reader.library();
            let (found, d) = timed(|| {
                let parsed = search::parse(q).map_err(|e| format!("{q}: {e}"));
                parsed.map(|p| {
                    lib.search
                        .search(&p, &lib.articles, &lib.outlines, None)
                        .len()
                })
            });
            matches = found.unwrap_or(0);
            runs.push(d);
        }
        library_all.extend(&runs);
        runs.sort();
        let (_, d) = timed(|| {
            if let Ok(p) = search::parse(q) {
                reader.filter(Some((q, p)), &[]);
            }
            reader.draw();
        });
        reader_all.push(d);
        report.queries.push(QueryReport {
            query: q.to_owned(),
            matches,
            library_ms: ms(runs[runs.len() / 2]),
            reader_ms: ms(d),
        });
    }
    reader.filter(None, &[]);
    reader.draw();
    report.library = Latency::of(&library_all);
    report.reader = Latency::of(&reader_all);
    report.typed = typed_searches(reader);
    reader.set_stepped_search(true);
    (report.typed_frame, report.typed_result) = typed_searches_stepped(reader);
    reader.set_stepped_search(false);
    report
}

/// Key-to-frame and key-to-result of typing [`TYPED_QUERIES`] into `/` with the
/// search run in steps, as the terminal reader's loop runs it: the key's frame,
/// then steps of 8 ms (a progress frame every 100 ms) until the result's frame.
fn typed_searches_stepped(reader: &mut dyn ReaderDriver) -> (Latency, Latency) {
    let plain = |c| KeyEvent::new(c, KeyModifiers::NONE);
    let (mut first_frame, mut result) = (Vec::new(), Vec::new());
    for q in TYPED_QUERIES {
        reader.key(plain(KeyCode::Char('/')));
        for c in q.chars() {
            let started = Instant::now();
            reader.key(plain(KeyCode::Char(c)));
            reader.draw();
            first_frame.push(started.elapsed());
            let mut last_frame = Instant::now();
            loop {
                let done = reader.search_step(Duration::from_millis(8));
                if done || last_frame.elapsed() >= Duration::from_millis(100) {
                    reader.draw();
                    last_frame = Instant::now();
                }
                if done {
                    break;
                }
            }
            result.push(started.elapsed());
        }
        reader.key(plain(KeyCode::Esc));
        reader.draw();
    }
    (Latency::of(&first_frame), Latency::of(&result))
}

/// Key-to-frame of typing [`TYPED_QUERIES`] into `/`, one key at a time.
fn typed_searches(reader: &mut dyn ReaderDriver) -> Latency {
    let plain = |c| KeyEvent::new(c, KeyModifiers::NONE);
    let mut samples = Vec::new();
    for q in TYPED_QUERIES {
        reader.key(plain(KeyCode::Char('/')));
        for c in q.chars() {
            let ((), d) = timed(|| {
                reader.key(plain(KeyCode::Char(c)));
                reader.draw();
            });
            samples.push(d);
        }
        // Esc while typing drops the search.
        reader.key(plain(KeyCode::Esc));
        reader.draw();
    }
    Latency::of(&samples)
}

fn speaker_filters(opts: &Options, reader: &mut dyn ReaderDriver) -> SpeakerReport {
    let top: Vec<usize> = reader
        .library()
        .speakers
        .ranked()
        .into_iter()
        .take(opts.speakers)
        .collect();
    let mut sets: Vec<Vec<usize>> = top.iter().map(|&e| vec![e]).collect();
    sets.extend(
        top.windows(2)
            .take(opts.speakers / 4)
            .map(<[usize]>::to_vec),
    );
    let mut library = Vec::new();
    let mut in_reader = Vec::new();
    for set in &sets {
        let lib = reader.library();
        let (listed, d) = timed(|| {
            let allowed = lib.speakers.articles_with_all(set);
            (0..lib.len())
                .filter(|a| allowed.binary_search(a).is_ok())
                .count()
        });
        std::hint::black_box(listed);
        library.push(d);
        let (_, d) = timed(|| {
            reader.filter(None, set);
            reader.draw();
        });
        in_reader.push(d);
    }
    reader.filter(None, &[]);
    reader.draw();
    SpeakerReport {
        filters: sets.len(),
        library: Latency::of(&library),
        reader: Latency::of(&in_reader),
    }
}

/// Measures everything on `paths` (see the module documentation).
pub fn run(paths: &[PathBuf], opts: &Options, reader: &mut dyn ReaderDriver) -> Report {
    let discovery = collection::discover(paths);
    let files: Vec<PathBuf> = discovery.files.iter().map(|e| e.path.clone()).collect();
    let mut r = Report {
        paths: paths.iter().map(|p| p.display().to_string()).collect(),
        threads: rayon::current_num_threads(),
        files: files.len(),
        ..Report::default()
    };
    drop(discovery);
    let (bytes, d) = timed(|| cat(&files));
    r.bytes = bytes;
    r.cat_first = Pass::new(d, bytes);
    let (_, d) = timed(|| cat(&files));
    r.cat = Pass::new(d, bytes);
    let ((articles, problems), d) = timed(|| outline_json(paths, &opts.load));
    r.articles = articles;
    r.problems = problems;
    r.outline = Pass::new(d, bytes);
    r.outline_articles_per_s = articles as f64 / d.as_secs_f64().max(1e-9);
    r.outline_vs_cat = r.outline.seconds / r.cat.seconds.max(1e-9);
    r.peak_rss_outline = peak_rss();

    r.reader = load_reader(paths, opts, reader);
    let frames: Vec<Duration> = (0..20).map(|_| timed(|| reader.draw()).1).collect();
    r.reader.frame = Latency::of(&frames);
    (r.reader.keys, r.reader.keys_all) = keys(opts, reader);
    r.search = searches(opts, reader);
    r.speaker_filter = speaker_filters(opts, reader);
    r.peak_rss = peak_rss();
    r
}

fn lat(l: &Latency) -> String {
    if l.n == 0 {
        return "n/a".to_owned();
    }
    format!(
        "p50 {:>8}  p90 {:>8}  p99 {:>8}  max {:>8}  (n={})",
        fmt_ms(l.p50_ms),
        fmt_ms(l.p90_ms),
        fmt_ms(l.p99_ms),
        fmt_ms(l.max_ms),
        l.n
    )
}

fn fmt_ms(ms: f64) -> String {
    if ms >= 1000.0 {
        format!("{:.2} s", ms / 1e3)
    } else if ms >= 10.0 {
        format!("{ms:.1} ms")
    } else {
        format!("{ms:.2} ms")
    }
}

fn fmt_rss(b: Option<u64>) -> String {
    b.map_or_else(|| "n/a".to_owned(), human_bytes)
}

impl Report {
    /// The report as a readable table.
    pub fn write_table(&self, w: &mut impl Write) -> io::Result<()> {
        let mb = self.bytes as f64 / 1e6;
        writeln!(
            w,
            "docket bench: {} articles in {} files ({:.1} MB, {}), {} thread{}",
            self.articles,
            self.files,
            mb,
            human_bytes(self.bytes),
            self.threads,
            if self.threads == 1 { "" } else { "s" }
        )?;
        if self.problems > 0 {
            writeln!(w, "  {} load problem(s) (see docket check)", self.problems)?;
        }
        writeln!(w)?;
        writeln!(
            w,
            "{:<44} {:>10} {:>12}",
            "pass over every file", "time", "rate"
        )?;
        let pass = |w: &mut dyn Write, name: &str, p: &Pass, extra: &str| {
            writeln!(
                w,
                "{name:<44} {:>10} {:>7.1} MB/s{extra}",
                fmt_ms(p.seconds * 1e3),
                p.mb_per_s
            )
        };
        pass(w, "cat, first pass (1 thread)", &self.cat_first, "")?;
        pass(w, "cat, page cache warm (1 thread)", &self.cat, "")?;
        pass(
            w,
            "outline --json (load+cleanup+extraction)",
            &self.outline,
            &format!(
                "  {:.0} articles/s, {:.1}x cat",
                self.outline_articles_per_s, self.outline_vs_cat
            ),
        )?;
        writeln!(
            w,
            "{:<44} {:>10}",
            "peak RSS after outline",
            fmt_rss(self.peak_rss_outline)
        )?;
        writeln!(w)?;
        let rd = &self.reader;
        writeln!(w, "reader ({}x{}, TestBackend)", rd.width, rd.height)?;
        writeln!(
            w,
            "  {:<42} {:>10}",
            "first frame (start, empty, loading)",
            fmt_ms(rd.first_frame_ms)
        )?;
        writeln!(
            w,
            "  {:<42} {:>10}",
            "first articles listed (first batch)",
            fmt_ms(rd.first_articles_ms)
        )?;
        writeln!(
            w,
            "  {:<42} {:>10}",
            "everything loaded, cache written",
            fmt_ms(rd.loaded_s * 1e3)
        )?;
        for (ro, which) in rd.reopen.iter().zip(["second", "third"]) {
            writeln!(
                w,
                "  {which} open{}, {} of {} files from the cache ({})",
                if ro.in_process {
                    " (in this process)"
                } else {
                    " (new process)"
                },
                ro.from_cache,
                self.files,
                human_bytes(rd.cache_bytes),
            )?;
            writeln!(
                w,
                "    {:<40} {:>10}",
                "first articles listed",
                fmt_ms(ro.first_articles_ms)
            )?;
            writeln!(
                w,
                "    {:<40} {:>10}",
                "everything loaded and indexed",
                fmt_ms(ro.loaded_s * 1e3)
            )?;
            writeln!(w, "    {:<40} {:>10}", "peak RSS", fmt_rss(ro.peak_rss))?;
        }
        writeln!(
            w,
            "  {:<42} {:>10}",
            "search index",
            human_bytes(rd.search_index_bytes as u64)
        )?;
        writeln!(w, "  {:<30} {}", "frame, nothing changed", lat(&rd.frame))?;
        for k in &rd.keys {
            writeln!(w, "  {:<30} {}", format!("key {}", k.key), lat(&k.latency))?;
        }
        writeln!(
            w,
            "  {:<30} {}",
            "key to frame, all keys",
            lat(&rd.keys_all)
        )?;
        writeln!(w)?;
        writeln!(
            w,
            "search ({} queries, library x{} runs; reader: re-list, open, draw)",
            self.search.queries.len(),
            self.search.library.n / self.search.queries.len().max(1)
        )?;
        writeln!(
            w,
            "  {:<30} {:>9} {:>11} {:>11}",
            "query", "matches", "library", "reader"
        )?;
        for q in &self.search.queries {
            writeln!(
                w,
                "  {:<30} {:>9} {:>11} {:>11}",
                q.query,
                q.matches,
                fmt_ms(q.library_ms),
                fmt_ms(q.reader_ms)
            )?;
        }
        writeln!(
            w,
            "  {:<30} {}",
            "search, library",
            lat(&self.search.library)
        )?;
        writeln!(w, "  {:<30} {}", "search, reader", lat(&self.search.reader))?;
        let typed = format!("typed, {} queries, per key", TYPED_QUERIES.len());
        for (what, latency) in [
            (typed.as_str(), &self.search.typed),
            ("typed, stepped: key to frame", &self.search.typed_frame),
            ("typed, stepped: key to result", &self.search.typed_result),
        ] {
            writeln!(w, "  {what:<30} {}", lat(latency))?;
        }
        writeln!(w)?;
        writeln!(
            w,
            "speaker filter ({} filters: top speakers, then pairs)",
            self.speaker_filter.filters
        )?;
        writeln!(
            w,
            "  {:<30} {}",
            "filter, library",
            lat(&self.speaker_filter.library)
        )?;
        writeln!(
            w,
            "  {:<30} {}",
            "filter, reader",
            lat(&self.speaker_filter.reader)
        )?;
        writeln!(w)?;
        writeln!(w, "{:<44} {:>10}", "peak RSS", fmt_rss(self.peak_rss))?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percentiles_by_nearest_rank() {
        let s: Vec<Duration> = (1..=100).map(Duration::from_millis).collect();
        let l = Latency::of(&s);
        assert_eq!(
            (l.n, l.p50_ms, l.p90_ms, l.p99_ms, l.max_ms),
            (100, 50.0, 90.0, 99.0, 100.0)
        );
        let one = Latency::of(&[Duration::from_millis(3)]);
        assert_eq!((one.p50_ms, one.max_ms), (3.0, 3.0));
        assert_eq!(Latency::of(&[]).n, 0);
    }

    #[test]
    fn every_query_parses() {
        for q in QUERIES {
            assert!(search::parse(q).is_ok(), "{q}");
        }
    }

    #[test]
    fn peak_rss_on_linux() {
        if cfg!(target_os = "linux") {
            assert!(peak_rss().unwrap() > 1 << 20);
        }
    }
}
