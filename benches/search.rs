//! Search and the speaker filter over a library: a few accent-insensitive queries
//! (phrase, terms, field, regex) and the articles of the most frequent speakers,
//! over the generated set and, with DOCKET_BENCH_CORPUS, the reference collection.

use criterion::{Criterion, SamplingMode, criterion_group, criterion_main};
use docket::index::Library;
use docket::index::search;

mod common;

#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// A few of `docket bench`'s queries: (benchmark name, query).
const QUERIES: &[(&str, &str)] = &[
    ("hoi nghi", "hoi nghi"),
    ("quoc hoi", "quoc hoi"),
    ("bo truong", "bo truong"),
    ("kinh te -bong da", "kinh te -bong da"),
    ("hoi nghi, bi thu", "hoi nghi, bi thu"),
    ("speaker:nguyen", "speaker:nguyen"),
    ("regex ky hop thu N", "/ky hop thu [0-9]+/"),
];

fn bench_library(c: &mut Criterion, name: &str, lib: &Library) {
    let mut g = c.benchmark_group(format!("{name}/search"));
    g.sampling_mode(SamplingMode::Flat);
    for (name, q) in QUERIES {
        let parsed = search::parse(q).expect("query");
        g.bench_function(*name, |b| {
            b.iter(|| {
                lib.search
                    .search(&parsed, &lib.articles, &lib.outlines, None)
                    .len()
            })
        });
    }
    g.finish();
    let ranked = lib.speakers.ranked();
    let mut g = c.benchmark_group(format!("{name}/speaker filter"));
    // As the reader filters: the speakers' articles, then the listed articles.
    let filter = |set: &[usize]| {
        let allowed = lib.speakers.articles_with_all(set);
        (0..lib.len())
            .filter(|a| allowed.binary_search(a).is_ok())
            .count()
    };
    if let Some(&top) = ranked.first() {
        g.bench_function("most frequent speaker", |b| b.iter(|| filter(&[top])));
    }
    if ranked.len() >= 2 {
        let pair = [ranked[0], ranked[1]];
        g.bench_function("two most frequent speakers", |b| b.iter(|| filter(&pair)));
    }
    g.bench_function("ranked speaker list", |b| {
        b.iter(|| lib.speakers.ranked().len())
    });
    g.finish();
}

fn benches_all(c: &mut Criterion) {
    let corpus = common::corpus();
    let lib = common::scale_library();
    bench_library(c, &format!("scale-{}", lib.len()), &lib);
    drop(lib);
    if let Some(corpus) = corpus {
        let lib = common::library_of(&corpus);
        bench_library(c, "corpus", &lib);
    }
}

criterion_group! {
    name = benches;
    config = common::criterion();
    targets = benches_all
}
criterion_main!(benches);
