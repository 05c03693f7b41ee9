//! Measures what the reader's cache buys: streams a collection the way the reader
//! loads it, once to write the cache and once to read it back, and prints both
//! wall times. `cargo run --release --example reopen -- PATH...`
//! (the cache goes to a temporary dir, not the user's).

use std::path::PathBuf;

// The same allocator as the docket binary, so the figures are the reader's.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;
use std::time::Instant;

fn main() {
    let paths: Vec<PathBuf> = std::env::args_os().skip(1).map(PathBuf::from).collect();
    if paths.is_empty() {
        eprintln!("usage: reopen PATH...");
        std::process::exit(2);
    }
    let dir = tempfile::tempdir().expect("temp dir");
    // REOPEN_CACHE=FILE keeps the cache there, and a later run starts from it (a
    // reopen in a new process).
    let cache = std::env::var_os("REOPEN_CACHE")
        .map(PathBuf::from)
        .unwrap_or_else(|| dir.path().join("reopen.cache"));
    let opts = docket::collection::LoadOptions::default();
    for pass in [
        "first open (writes the cache)",
        "second open (from the cache)",
    ] {
        let t = Instant::now();
        let mut articles = 0;
        let report = docket::pipeline::stream(
            &paths,
            &opts,
            Some(&cache),
            docket::pipeline::READER_BATCH,
            |_| true,
            |b, _| {
                articles += b.iter().map(|f| f.load.articles.len()).sum::<usize>();
                true
            },
        );
        println!(
            "{pass}: {:.3} s, {} files, {articles} articles, {} from cache, cache written: {}{}",
            t.elapsed().as_secs_f64(),
            report.files,
            report.from_cache,
            report.cache_written,
            report
                .cache_error
                .map(|e| format!(" ({e})"))
                .unwrap_or_default()
        );
    }
    parts(&paths, &cache);
    let size = std::fs::metadata(&cache).map(|m| m.len()).unwrap_or(0);
    println!("cache size: {:.1} MB", size as f64 / 1e6);
}

#[allow(dead_code)]
fn parts(paths: &[PathBuf], cache: &std::path::Path) {
    let t = Instant::now();
    let d = docket::collection::discover(paths);
    println!(
        "  discover: {:.3} s ({} files)",
        t.elapsed().as_secs_f64(),
        d.files.len()
    );
    let t = Instant::now();
    let c = docket::cache::read(cache);
    println!(
        "  the whole cache decoded at once (cache::read; the reader goes shard by shard): {:.3} s ({} files)",
        t.elapsed().as_secs_f64(),
        c.map_or(0, |c| c.len())
    );
}
