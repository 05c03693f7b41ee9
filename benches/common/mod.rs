//! What the benchmarks share: the generated scale set (in memory and on disk), the
//! optional reference collection from DOCKET_BENCH_CORPUS, a library built from
//! either, and Criterion settings that keep a default `cargo bench` short.

#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use std::time::Duration;

use criterion::Criterion;
use docket::bench::scale::{DEFAULT_SEED, ScaleArticle, scale_articles};
use docket::collection::{FileKind, LoadOptions};
use docket::index::Library;
use rayon::prelude::*;

/// Articles in the generated set (DOCKET_BENCH_ARTICLES overrides).
pub fn scale_size() -> usize {
    std::env::var("DOCKET_BENCH_ARTICLES")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(3000)
}

/// Criterion settings: few samples, short measurements.
pub fn criterion() -> Criterion {
    Criterion::default()
        .sample_size(10)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(2))
        .without_plots()
}

/// The generated set, in memory.
pub fn scale_set() -> &'static [ScaleArticle] {
    static SET: OnceLock<Vec<ScaleArticle>> = OnceLock::new();
    SET.get_or_init(|| scale_articles(scale_size(), DEFAULT_SEED))
}

/// Bytes of the generated set.
pub fn scale_bytes() -> u64 {
    scale_set().iter().map(|a| a.bytes.len() as u64).sum()
}

/// The generated set written to a new temporary folder (removed when dropped).
pub fn write_scale_dir() -> tempfile::TempDir {
    let dir = tempfile::Builder::new()
        .prefix("docket-bench-")
        .tempdir()
        .expect("temp dir");
    for a in scale_set() {
        let p = dir.path().join(&a.path);
        std::fs::create_dir_all(p.parent().expect("shard folder")).expect("shard folder");
        std::fs::write(p, &a.bytes).expect("scale-set file");
    }
    dir
}

/// The reference collection named by DOCKET_BENCH_CORPUS, if set and present; says
/// so on stderr when it is not.
pub fn corpus() -> Option<PathBuf> {
    static CORPUS: OnceLock<Option<PathBuf>> = OnceLock::new();
    CORPUS
        .get_or_init(|| match std::env::var_os("DOCKET_BENCH_CORPUS") {
            Some(p) if Path::new(&p).exists() => Some(PathBuf::from(p)),
            Some(p) => {
                eprintln!(
                    "DOCKET_BENCH_CORPUS={} does not exist: benchmarking the generated set only",
                    Path::new(&p).display()
                );
                None
            }
            None => {
                eprintln!(
                    "DOCKET_BENCH_CORPUS is not set: benchmarking the generated set of {} articles only \
                     (point it at a collection folder, e.g. /tmp/docket-large-corpus, to add it)",
                    scale_size()
                );
                None
            }
        })
        .clone()
}

/// The generated set loaded and outlined into a library (in memory, in parallel).
pub fn scale_library() -> Library {
    let opts = LoadOptions::default();
    let loads: Vec<_> = scale_set()
        .par_iter()
        .map(|a| {
            let kind = FileKind::from_path(&a.path).unwrap_or(FileKind::Unknown);
            let load = docket::collection::load_bytes(&a.path, kind, a.bytes.clone(), &opts);
            let outlines: Vec<_> = load.articles.iter().map(docket::extract::outline).collect();
            (load.articles, outlines)
        })
        .collect();
    let mut lib = Library::default();
    for (articles, outlines) in loads {
        for (a, o) in articles.into_iter().zip(outlines) {
            lib.push(a, o);
        }
    }
    lib
}

/// A folder's collection loaded and outlined into a library.
pub fn library_of(path: &Path) -> Library {
    let out = docket::pipeline::load_and_outline(&[path.to_path_buf()], &LoadOptions::default());
    let mut lib = Library::default();
    for (a, o) in out.collection.articles.into_iter().zip(out.outlines) {
        lib.push(a, o);
    }
    lib
}

/// Bytes of the files under `path` that docket reads.
pub fn bytes_of(path: &Path) -> u64 {
    docket::collection::discover(&[path.to_path_buf()])
        .files
        .iter()
        .map(|f| f.size)
        .sum()
}
