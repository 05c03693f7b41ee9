//! The `docket` command: clap commands mapped onto library calls, and the reader.

use rayon::prelude::*;
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{CommandFactory, Parser, Subcommand};

/// mimalloc: loading allocates and frees many small strings per article; the
/// system allocator showed as ~5% of a profile of `outline --json`.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// `mi_option_purge_delay` of mimalloc.h (libmimalloc-sys does not name it); -1
/// is "never purge". A test checks the number against the option's default.
const MI_OPTION_PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;

/// Tells mimalloc to keep the memory a batch command frees instead of handing
/// it back to the system after its purge delay (1 s): each article's extraction
/// frees what it allocated, and getting it back meant page faults and zeroed
/// huge pages (5% of the CPU time of `outline --json`, 15,000 faults on the
/// reference collection). Not for the reader, whose peak memory counts.
fn keep_freed_memory() {
    set_purge_delay(-1);
}

/// Tells mimalloc to hand memory the reader frees back to the system after 10 ms
/// instead of 1 s: while a collection loads, the extraction threads free as
/// much as they allocate, and a second of it held back was the difference
/// between a peak RSS of 2.8x and 3x the collection's bytes (reference
/// collection: 328-336 MiB instead of 353-360 MiB, the load no slower).
fn return_freed_memory_soon() {
    set_purge_delay(10);
}

/// Asks the kernel for no transparent huge pages in this process. mimalloc
/// advises them for its arenas, and each first touch of one zeroes 2 MiB at
/// once: in `outline --json` of the reference collection that zeroing was 7% of
/// the profile and about 0.2 s of system time, for a working set that 4 KiB
/// pages serve as well (user time unchanged, peak memory 62 instead of 81-96
/// MiB; the reader's 310-314 instead of 336-338 MiB).
/// Setting `MIMALLOC_ALLOW_THP=0` does the same, but mimalloc reads it before
/// `main`, so the call is made here.
fn no_transparent_huge_pages() {
    #[cfg(target_os = "linux")]
    // SAFETY: PR_SET_THP_DISABLE only sets a flag on this process's memory map;
    // no memory is touched, and failure (an old kernel) leaves things as they were.
    unsafe {
        libc::prctl(libc::PR_SET_THP_DISABLE, 1, 0, 0, 0);
    }
}

fn set_purge_delay(ms: std::ffi::c_long) {
    // SAFETY: sets a process-wide option of the allocator, which mimalloc allows
    // at any time; no memory is touched.
    unsafe { libmimalloc_sys::mi_option_set(MI_OPTION_PURGE_DELAY, ms) };
}

use docket::collection::{self, LoadOptions, Severity, human_bytes};
use docket::export;
use docket::pipeline::OUTLINE_BATCH;

/// A terminal reader for collections of news articles about meetings.
///
/// With no command, opens the reader on PATHs (folders of .txt/.md, JSON/JSONL
/// datasets, .gz of either), or on the embedded demo collection when none is given.
#[derive(Parser)]
#[command(name = "docket", version, args_conflicts_with_subcommands = true)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
    /// Files or folders to open in the reader.
    paths: Vec<PathBuf>,
    /// Neither read nor write the reader's cache of outlines (in the XDG cache
    /// dir, or DOCKET_CACHE_DIR).
    #[arg(long)]
    no_cache: bool,
    #[command(flatten)]
    load: LoadArgs,
}

#[derive(clap::Args, Clone)]
struct LoadArgs {
    /// Skip files (and decompressed data) larger than this many MiB.
    #[arg(
        long = "max-file-size",
        value_name = "MIB",
        default_value_t = 64,
        global = true
    )]
    max_file_mib: u64,
}

impl LoadArgs {
    fn options(&self) -> LoadOptions {
        LoadOptions {
            max_file_bytes: self.max_file_mib.saturating_mul(1 << 20),
        }
    }
}

#[derive(Subcommand)]
enum Command {
    /// Print the outline of every article: a readable tree, or one JSON document.
    Outline {
        /// Print one JSON document (the contract in README.md) instead of a tree.
        #[arg(long)]
        json: bool,
        /// With --json, include every paragraph's text.
        #[arg(long, requires = "json")]
        text: bool,
        /// Files or folders to read.
        #[arg(required = true)]
        paths: Vec<PathBuf>,
    },
    /// Load files and report: articles per format, bytes, time, and every problem.
    ///
    /// Exits 0 when at least one article loaded, 1 when none did.
    Check {
        /// Files or folders to read.
        #[arg(required = true)]
        paths: Vec<PathBuf>,
    },
    /// Every speaker across the collection, merged by name, with roles and counts.
    Speakers {
        /// Print JSON instead of a table.
        #[arg(long)]
        json: bool,
        /// Files or folders to read.
        #[arg(required = true)]
        paths: Vec<PathBuf>,
    },
    /// Search the collection (accent-insensitive unless the query has diacritics).
    ///
    /// Words form a phrase; a comma separates terms that must all occur;
    /// "quoted", -exclude, speaker:, role:, agenda:, meeting:, date:2021-04,
    /// title:, /regex/.
    Search {
        /// Print JSON instead of text.
        #[arg(long)]
        json: bool,
        /// The query.
        query: String,
        /// Files or folders to read.
        #[arg(required = true)]
        paths: Vec<PathBuf>,
    },
    /// Time docket on a collection: load and outline against `cat`, peak memory,
    /// the reader's first frame and key-to-frame, search and speaker-filter latency.
    Bench {
        /// Print JSON instead of a table.
        #[arg(long)]
        json: bool,
        /// Keys pressed for the key-to-frame figures.
        #[arg(long, default_value_t = 200)]
        keys: usize,
        /// Only open the reader from this cache file and print its figures as
        /// JSON (how `docket bench` times a reopen in a new process).
        #[arg(long, hide = true, value_name = "CACHE")]
        reopen_from: Option<PathBuf>,
        /// Files or folders to read.
        #[arg(required = true)]
        paths: Vec<PathBuf>,
    },
    /// Print shell completions for docket.
    Completions {
        /// The shell to complete for.
        shell: clap_complete::Shell,
    },
}

fn main() -> ExitCode {
    // Panics caught inside extraction become a warning about their article;
    // the default message on stderr would only repeat it.
    let default_hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        if !docket::extract::panic_is_guarded() {
            default_hook(info);
        }
    }));
    let cli = Cli::parse();
    let opts = cli.load.options();
    no_transparent_huge_pages();
    if matches!(
        cli.command,
        Some(
            Command::Outline { .. }
                | Command::Check { .. }
                | Command::Speakers { .. }
                | Command::Search { .. }
        )
    ) {
        keep_freed_memory();
    } else if matches!(cli.command, None | Some(Command::Bench { .. })) {
        // The bench measures the reader, so it runs with the reader's setting.
        return_freed_memory_soon();
    }
    let result = match cli.command {
        Some(Command::Outline { json, text, paths }) => outline(&paths, &opts, json, text),
        Some(Command::Check { paths }) => check(&paths, &opts),
        Some(Command::Speakers { json, paths }) => speakers(&paths, &opts, json),
        Some(Command::Search { json, query, paths }) => search(&query, &paths, &opts, json),
        Some(Command::Bench {
            json,
            keys,
            reopen_from,
            paths,
        }) => bench(&paths, opts, json, keys, reopen_from.as_deref()),
        Some(Command::Completions { shell }) => {
            clap_complete::generate(shell, &mut Cli::command(), "docket", &mut io::stdout());
            Ok(ExitCode::SUCCESS)
        }
        None => reader(&cli.paths, &opts, !cli.no_cache),
    };
    match result {
        Ok(code) => code,
        // A closed pipe (`docket outline ... | head`) is not an error.
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("docket: {e}");
            ExitCode::FAILURE
        }
    }
}

fn outline(paths: &[PathBuf], opts: &LoadOptions, json: bool, text: bool) -> io::Result<ExitCode> {
    // Batches are outlined in parallel and written in order as they finish, so the
    // output starts at once and memory stays bounded whatever the collection size.
    let mut out = BufWriter::with_capacity(1 << 16, io::stdout().lock());
    let json_opts = export::JsonOptions { with_text: text };
    let mut stream = if json {
        Some(export::JsonStream::begin(&mut out)?)
    } else {
        None
    };
    let mut failure: Option<io::Error> = None;
    let mut count = 0usize;
    let report = docket::pipeline::outline_batched(paths, opts, OUTLINE_BATCH, |batch| {
        // Render the batch on every core, then write it in order: rendering on the
        // writing thread alone left the other core idle for a fifth of the run.
        let rendered: Vec<io::Result<Vec<u8>>> = batch
            .par_iter()
            .flat_map_iter(|(load, outlines)| load.articles.iter().zip(outlines))
            .map(|(a, o)| {
                if json {
                    export::JsonStream::render(a, o, json_opts)
                } else {
                    let mut buf = Vec::new();
                    export::write_tree(&mut buf, a, o).map(|()| buf)
                }
            })
            .collect();
        for r in rendered {
            count += 1;
            let r = r.and_then(|bytes| match &mut stream {
                Some(s) => s.rendered(&mut out, &bytes),
                None => out.write_all(&bytes),
            });
            if let Err(e) = r {
                failure = Some(e);
                return false;
            }
        }
        true
    });
    if let Some(e) = failure {
        return Err(e);
    }
    match stream {
        Some(s) => s.end(&mut out)?,
        None => out.flush()?,
    }
    let mut err = io::stderr().lock();
    for p in &report.problems {
        let _ = writeln!(err, "docket: {p}");
    }
    Ok(if count == 0 {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
}

/// Loads and outlines `paths` into a library (indexes included), reporting
/// problems on stderr.
fn library(paths: &[PathBuf], opts: &LoadOptions) -> docket::index::Library {
    let docket::pipeline::Outlined {
        collection,
        outlines,
    } = docket::pipeline::load_and_outline(paths, opts);
    let mut err = io::stderr().lock();
    for p in &collection.report.problems {
        let _ = writeln!(err, "docket: {p}");
    }
    let mut lib = docket::index::Library::default();
    for (a, o) in collection.articles.into_iter().zip(outlines) {
        lib.push(a, o);
    }
    lib
}

fn speakers(paths: &[PathBuf], opts: &LoadOptions, json: bool) -> io::Result<ExitCode> {
    let lib = library(paths, opts);
    let mut out = BufWriter::new(io::stdout().lock());
    let ranked = lib.speakers.ranked();
    if json {
        let list: Vec<serde_json::Value> = ranked
            .iter()
            .map(|&e| {
                let s = &lib.speakers.entries[e];
                serde_json::json!({
                    "name": s.name,
                    "roles": s.roles,
                    "articles": s.articles.iter().map(|&a| &lib.articles[a].id).collect::<Vec<_>>(),
                    "statements": s.statements,
                })
            })
            .collect();
        serde_json::to_writer_pretty(&mut out, &serde_json::json!({ "speakers": list }))
            .map_err(io::Error::other)?;
        writeln!(out)?;
    } else {
        for &e in &ranked {
            let s = &lib.speakers.entries[e];
            writeln!(
                out,
                "{:>4} art {:>5} st  {}",
                s.articles.len(),
                s.statements,
                s.name
            )?;
            if !s.roles.is_empty() {
                writeln!(out, "                   {}", s.roles.join("; "))?;
            }
        }
        writeln!(out, "{} speakers in {} articles", ranked.len(), lib.len())?;
    }
    out.flush()?;
    Ok(if lib.is_empty() {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
}

fn search(query: &str, paths: &[PathBuf], opts: &LoadOptions, json: bool) -> io::Result<ExitCode> {
    let q = match docket::index::search::parse(query) {
        Ok(q) => q,
        Err(e) => {
            eprintln!("docket: {e}");
            return Ok(ExitCode::from(2));
        }
    };
    let lib = library(paths, opts);
    let found = lib.search.search(&q, &lib.articles, &lib.outlines, None);
    let mut out = BufWriter::new(io::stdout().lock());
    let excerpts = |a: usize| -> Vec<String> {
        let art = &lib.articles[a];
        docket::index::search::hits_in(&q, art)
            .iter()
            .take(3)
            .map(|r| excerpt(&art.text, r.clone()))
            .collect()
    };
    if json {
        let list: Vec<serde_json::Value> = found
            .iter()
            .map(|f| {
                let a = &lib.articles[f.article];
                serde_json::json!({ "id": a.id, "title": a.display_title(), "path": a.origin.display(), "hits": f.hits, "excerpts": excerpts(f.article) })
            })
            .collect();
        serde_json::to_writer_pretty(
            &mut out,
            &serde_json::json!({ "query": query, "results": list }),
        )
        .map_err(io::Error::other)?;
        writeln!(out)?;
    } else {
        for f in &found {
            let a = &lib.articles[f.article];
            writeln!(out, "{}  {}  ({} hits)", a.id, a.display_title(), f.hits)?;
            for e in excerpts(f.article) {
                writeln!(out, "    …{e}…")?;
            }
        }
        writeln!(out, "{} of {} articles match", found.len(), lib.len())?;
    }
    out.flush()?;
    Ok(if found.is_empty() {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
}

/// About 60 characters of context around a hit, on one line.
fn excerpt(text: &str, r: std::ops::Range<usize>) -> String {
    let before: String = text[..r.start]
        .chars()
        .rev()
        .take(60)
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    let after: String = text[r.end..].chars().take(60).collect();
    docket::text::collapse_spaces(&format!("{before}[{}]{after}", &text[r]))
}

fn check(paths: &[PathBuf], opts: &LoadOptions) -> io::Result<ExitCode> {
    let report = collection::check(paths, opts);
    let r = &report;
    let mut out = BufWriter::new(io::stdout().lock());
    writeln!(
        out,
        "{} article{} from {} file{} ({}) in {:.2} s",
        r.articles(),
        if r.articles() == 1 { "" } else { "s" },
        r.files,
        if r.files == 1 { "" } else { "s" },
        human_bytes(r.bytes),
        r.elapsed.as_secs_f64()
    )?;
    for (format, n) in &r.articles_per_format {
        writeln!(out, "  {:<9} {n}", format.name())?;
    }
    if r.unsupported > 0 {
        writeln!(
            out,
            "  {} file(s) with other extensions ignored",
            r.unsupported
        )?;
    }
    let skipped = r
        .problems
        .iter()
        .filter(|p| p.severity == Severity::Skipped)
        .count();
    let warned = r.problems.len() - skipped;
    if r.problems.is_empty() {
        writeln!(out, "no problems")?;
    } else {
        writeln!(
            out,
            "{} problem(s): {skipped} skipped, {warned} loaded with a warning",
            r.problems.len()
        )?;
        for p in &r.problems {
            writeln!(out, "{p}")?;
        }
    }
    out.flush()?;
    Ok(if r.articles() > 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}

fn bench(
    paths: &[PathBuf],
    load: LoadOptions,
    json: bool,
    keys: usize,
    reopen_from: Option<&Path>,
) -> io::Result<ExitCode> {
    let opts = docket::bench::Options {
        load,
        keys,
        ..Default::default()
    };
    if let Some(cache) = reopen_from {
        let mut reader = docket::bench_reader::TuiReader::empty();
        let r = docket::bench::reopen(paths, &opts, cache, &mut reader);
        let mut out = io::stdout().lock();
        serde_json::to_writer(&mut out, &r).map_err(io::Error::other)?;
        writeln!(out)?;
        return Ok(ExitCode::SUCCESS);
    }
    let report = docket::bench::run(paths, &opts, &mut docket::bench_reader::TuiReader::empty());
    let mut out = BufWriter::new(io::stdout().lock());
    if json {
        serde_json::to_writer_pretty(&mut out, &report).map_err(io::Error::other)?;
        writeln!(out)?;
    } else {
        report.write_table(&mut out)?;
    }
    out.flush()?;
    Ok(if report.articles == 0 {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
}

fn reader(paths: &[PathBuf], opts: &LoadOptions, cache: bool) -> io::Result<ExitCode> {
    docket::tui::run(paths, opts, cache)?;
    Ok(ExitCode::SUCCESS)
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_purge_delay_option_has_its_default() {
        // The bundled mimalloc's default purge delay is 1000 ms (options.c), a
        // value no neighbouring option has: a renumbered option list would make
        // keep_freed_memory set some other option.
        // SAFETY: reads a process-wide allocator option.
        let delay = unsafe { libmimalloc_sys::mi_option_get(super::MI_OPTION_PURGE_DELAY) };
        assert_eq!(delay, 1000);
    }
}
