//! Loading and outlining throughput (MB/s of file bytes): decode+parse, cleanup,
//! extraction, each on one thread over the generated set in memory; the whole
//! load and the whole outline pass in parallel from disk; and the same over the
//! reference collection when DOCKET_BENCH_CORPUS names one.

use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

use criterion::{BatchSize, Criterion, SamplingMode, Throughput, criterion_group, criterion_main};
use docket::article::{Article, Format, Origin};
use docket::collection::record::RawRecord;
use docket::collection::{FileKind, LoadOptions, decode, json_format, text_format};

mod common;

#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Decodes and parses one file into raw records (what loading does before cleanup).
fn decode_parse(path: &Path, bytes: &[u8]) -> (Format, Vec<RawRecord>) {
    let Some(FileKind::Plain { format, .. }) = FileKind::from_path(path) else {
        return (Format::Text, Vec::new());
    };
    let Ok(d) = decode::decode(bytes) else {
        return (format, Vec::new());
    };
    let records = match format {
        Format::Text | Format::Markdown | Format::Sgml => {
            text_format::parse(&d.text, format == Format::Markdown)
        }
        Format::Json => json_format::parse_json(&d.text).0,
        Format::Jsonl => json_format::parse_jsonl(&d.text).0,
    };
    (format, records)
}

fn articles_of(parsed: Vec<(Arc<Path>, Format, Vec<RawRecord>)>) -> Vec<Article> {
    let mut out = Vec::new();
    for (path, format, records) in parsed {
        for (i, rec) in records.into_iter().enumerate() {
            let rec = rec.cleaned();
            let size = rec.body.len();
            let origin = Origin {
                path: Arc::clone(&path),
                format,
                record: None,
            };
            out.push(docket::cleanup::build_article(
                rec,
                format!("a{i}"),
                origin,
                size,
            ));
        }
    }
    out
}

fn in_memory(c: &mut Criterion) {
    let set = common::scale_set();
    let bytes = common::scale_bytes();
    let opts = LoadOptions::default();
    let n = set.len();
    let mut g = c.benchmark_group(format!("scale-{n}/one thread"));
    g.throughput(Throughput::Bytes(bytes));
    g.sampling_mode(SamplingMode::Flat);
    g.bench_function("decode+parse", |b| {
        b.iter(|| {
            set.iter()
                .map(|a| decode_parse(&a.path, &a.bytes).1.len())
                .sum::<usize>()
        })
    });
    let parsed: Vec<(Arc<Path>, Format, Vec<RawRecord>)> = set
        .iter()
        .map(|a| {
            let (f, r) = decode_parse(&a.path, &a.bytes);
            (Arc::from(a.path.as_path()), f, r)
        })
        .collect();
    g.bench_function("cleanup", |b| {
        b.iter_batched(|| parsed.clone(), articles_of, BatchSize::PerIteration)
    });
    let articles = articles_of(parsed.clone());
    g.bench_function("extraction", |b| {
        b.iter(|| {
            articles
                .iter()
                .map(|a| docket::extract::outline(a).speakers.len())
                .sum::<usize>()
        })
    });
    g.bench_function("load_bytes+outline (all stages)", |b| {
        b.iter(|| {
            let mut n = 0;
            for a in set {
                let kind = FileKind::from_path(&a.path).unwrap_or(FileKind::Unknown);
                let load = docket::collection::load_bytes(&a.path, kind, a.bytes.clone(), &opts);
                n += load
                    .articles
                    .iter()
                    .map(|a| docket::extract::outline(a).speakers.len())
                    .sum::<usize>();
            }
            n
        })
    });
    g.finish();
}

fn from_disk(c: &mut Criterion, name: &str, dir: &Path, bytes: u64, long: bool) {
    let opts = LoadOptions::default();
    let paths = [dir.to_path_buf()];
    let mut g = c.benchmark_group(format!("{name}/parallel from disk"));
    g.throughput(Throughput::Bytes(bytes));
    g.sampling_mode(SamplingMode::Flat);
    if long {
        g.warm_up_time(Duration::from_millis(1));
        g.measurement_time(Duration::from_secs(1));
    }
    g.bench_function("load (walk+decode+parse+cleanup)", |b| {
        b.iter(|| docket::collection::load(&paths, &opts).articles.len())
    });
    g.bench_function("load_and_outline (+extraction)", |b| {
        b.iter(|| {
            docket::pipeline::load_and_outline(&paths, &opts)
                .outlines
                .len()
        })
    });
    g.finish();
}

fn pipeline(c: &mut Criterion) {
    let corpus = common::corpus();
    in_memory(c);
    let dir = common::write_scale_dir();
    let n = common::scale_set().len();
    from_disk(
        c,
        &format!("scale-{n}"),
        dir.path(),
        common::scale_bytes(),
        false,
    );
    drop(dir);
    if let Some(corpus) = corpus {
        from_disk(c, "corpus", &corpus, common::bytes_of(&corpus), true);
    }
}

criterion_group! {
    name = benches;
    config = common::criterion();
    targets = pipeline
}
criterion_main!(benches);
