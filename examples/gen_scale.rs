//! Writes a scale set: the demo collection's articles varied (names, places, dates,
//! ordinals, numbers) into N articles, one per file, in shard folders of 1000.
//!
//! ```sh
//! cargo run --release --example gen_scale -- OUT_DIR [N] [--seed SEED]
//! ```
//!
//! N defaults to 500000 (about 1.3 GB; 50000 take about 20 s on 2 cores). The
//! same seed gives the same files on every machine. Write the set outside the
//! repository: it is never committed.

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use docket::bench::scale::{DEFAULT_ARTICLES, DEFAULT_SEED, generate_scale_set};

fn usage() -> ExitCode {
    eprintln!("usage: gen_scale OUT_DIR [N (default {DEFAULT_ARTICLES})] [--seed SEED]");
    ExitCode::from(2)
}

fn main() -> ExitCode {
    let mut args = std::env::args().skip(1);
    let mut out: Option<PathBuf> = None;
    let mut n = DEFAULT_ARTICLES;
    let mut seed = DEFAULT_SEED;
    let mut positional = 0;
    while let Some(a) = args.next() {
        if a == "--seed" {
            match args.next().and_then(|s| s.parse().ok()) {
                Some(s) => seed = s,
                None => return usage(),
            }
        } else if a == "-h" || a == "--help" {
            usage();
            return ExitCode::SUCCESS;
        } else if positional == 0 {
            out = Some(PathBuf::from(a));
            positional += 1;
        } else if positional == 1 {
            match a.replace('_', "").parse() {
                Ok(v) => n = v,
                Err(_) => return usage(),
            }
            positional += 1;
        } else {
            return usage();
        }
    }
    let Some(out) = out else {
        return usage();
    };
    let started = Instant::now();
    match generate_scale_set(&out, n, seed) {
        Ok(set) => {
            println!(
                "{} articles ({:.1} MB) in {} shard folders under {} in {:.1} s (seed {seed})",
                set.files,
                set.bytes as f64 / 1e6,
                set.shards,
                out.display(),
                started.elapsed().as_secs_f64()
            );
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("gen_scale: {}: {e}", out.display());
            ExitCode::FAILURE
        }
    }
}
