//! Where the time of `outline --json` goes, stage by stage, on one thread over a
//! collection held in memory: read, load (decode + parse + cleanup), then the
//! extraction's own stages (document model, people, statements, meetings, agenda)
//! and the JSON rendering. For profiling work; `docket bench` gives the whole-run
//! figures.
//!
//! `cargo run --release --example stages -- DIR [ROUNDS]`

use std::path::PathBuf;
use std::time::{Duration, Instant};

use docket::collection::{self, FileKind, LoadOptions};
use docket::extract::{agenda, doc::Doc, meetings, people, speech};

#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    let mut args = std::env::args().skip(1);
    let Some(dir) = args.next().map(PathBuf::from) else {
        eprintln!("usage: stages DIR [ROUNDS]");
        std::process::exit(2);
    };
    let rounds: usize = args.next().and_then(|s| s.parse().ok()).unwrap_or(1);
    let discovery = collection::discover(std::slice::from_ref(&dir));
    let files: Vec<(PathBuf, Vec<u8>)> = discovery
        .files
        .iter()
        .filter_map(|e| Some((e.path.clone(), std::fs::read(&e.path).ok()?)))
        .collect();
    let bytes: usize = files.iter().map(|(_, b)| b.len()).sum();
    let opts = LoadOptions::default();
    let mut t = [Duration::ZERO; 7];
    let names = [
        "load (decode+parse+cleanup)",
        "doc (tokens, keys, lexicon hits)",
        "people",
        "statements",
        "meetings",
        "agenda",
        "json",
    ];
    let mut counts = (0usize, 0usize, 0usize);
    for _ in 0..rounds {
        for (path, data) in &files {
            let kind = FileKind::from_path(path).unwrap_or(FileKind::Unknown);
            // The copy `load_bytes` takes stands in for reading the file: it is
            // made outside the load's time.
            let data = data.clone();
            let s = Instant::now();
            let load = collection::load_bytes(path, kind, data, &opts);
            t[0] += s.elapsed();
            for a in &load.articles {
                let s = Instant::now();
                let d = Doc::new(a);
                let s1 = Instant::now();
                let p = people::find(&d);
                let s2 = Instant::now();
                let said = speech::statements(&d, &p);
                let s3 = Instant::now();
                let found = meetings::find(&d, &p);
                let s4 = Instant::now();
                let main_kind = found.meetings.first().map(|m| m.kind.as_str());
                let ag = agenda::find(&d, main_kind);
                let s5 = Instant::now();
                t[1] += s1 - s;
                t[2] += s2 - s1;
                t[3] += s3 - s2;
                t[4] += s4 - s3;
                t[5] += s5 - s4;
                counts.0 += said.len();
                counts.1 += found.meetings.len();
                counts.2 += ag.len();
                drop(d);
                let o = docket::extract::outline(a);
                let s6 = Instant::now();
                let json = docket::export::JsonStream::render(a, &o, Default::default());
                t[6] += s6.elapsed();
                std::hint::black_box(json.map(|j| j.len()).unwrap_or(0));
            }
        }
    }
    let mb = (bytes * rounds) as f64 / 1e6;
    println!(
        "{} files, {:.1} MB x {rounds}; {} statements, {} meetings, {} agenda items",
        files.len(),
        bytes as f64 / 1e6,
        counts.0 / rounds,
        counts.1 / rounds,
        counts.2 / rounds
    );
    let total: Duration = t.iter().sum();
    for (n, d) in names.iter().zip(t) {
        println!(
            "{n:36} {:8.3} s  {:6.1}%  {:8.1} MB/s",
            d.as_secs_f64(),
            100.0 * d.as_secs_f64() / total.as_secs_f64(),
            mb / d.as_secs_f64()
        );
    }
    let ex: Duration = t[..6].iter().sum();
    println!(
        "{:36} {:8.3} s           {:8.1} MB/s",
        "load + extraction",
        ex.as_secs_f64(),
        mb / ex.as_secs_f64()
    );
    println!(
        "{:36} {:8.3} s           {:8.1} MB/s",
        "all",
        total.as_secs_f64(),
        mb / total.as_secs_f64()
    );
}
