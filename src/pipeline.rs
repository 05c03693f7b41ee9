//! Files to outlines in one parallel pass: each file is read, cleaned and
//! outlined on the same worker while its text is still in cache, instead of
//! loading everything first and extracting in a second pass.

use std::path::PathBuf;
use std::time::Instant;

use rayon::prelude::*;

use crate::collection::{self, Collection, FileEntry, FileLoad, LoadOptions, LoadReport};
use crate::outline::Outline;

/// A loaded collection with the outline of every article (same order).
#[derive(Debug, Default)]
pub struct Outlined {
    pub collection: Collection,
    pub outlines: Vec<Outline>,
}

/// One file loaded and outlined.
pub fn load_file_outlined(entry: &FileEntry, opts: &LoadOptions) -> (FileLoad, Vec<Outline>) {
    let mut load = collection::load_file(entry, opts);
    let mut failed = Vec::new();
    let outlines = load
        .articles
        .iter()
        .map(|a| {
            crate::extract::outline_guarded(a).unwrap_or_else(|msg| {
                failed.push(collection::Problem::warning(
                    &a.origin.path,
                    a.origin.record,
                    format!(
                        "article {:?} shown without an outline: extraction failed ({msg})",
                        a.id
                    ),
                ));
                Outline::default()
            })
        })
        .collect();
    load.problems.append(&mut failed);
    (load, outlines)
}

/// Loads every article under `paths` and outlines it, in parallel, in a stable
/// order.
pub fn load_and_outline(paths: &[PathBuf], opts: &LoadOptions) -> Outlined {
    let started = Instant::now();
    let discovery = collection::discover(paths);
    let done: Vec<(FileLoad, Vec<Outline>)> = discovery
        .files
        .par_iter()
        .map(|e| load_file_outlined(e, opts))
        .collect();
    let mut report = LoadReport {
        problems: discovery.problems,
        unsupported: discovery.unsupported,
        ..LoadReport::default()
    };
    let mut articles = Vec::with_capacity(done.len());
    let mut outlines = Vec::with_capacity(done.len());
    for (mut load, mut o) in done {
        report.add(&mut load);
        articles.append(&mut load.articles);
        outlines.append(&mut o);
    }
    report.elapsed = started.elapsed();
    Outlined {
        collection: Collection { articles, report },
        outlines,
    }
}

/// Loads and outlines `paths` in batches of files, handing each finished batch (in
/// order) to `sink` and dropping it afterwards: memory stays bounded by a batch,
/// whatever the size of the collection. `sink` returns false to stop.
pub fn outline_batched(
    paths: &[PathBuf],
    opts: &LoadOptions,
    batch: usize,
    mut sink: impl FnMut(Vec<(FileLoad, Vec<Outline>)>) -> bool,
) -> LoadReport {
    let started = Instant::now();
    let discovery = collection::discover(paths);
    let mut report = LoadReport {
        problems: discovery.problems,
        unsupported: discovery.unsupported,
        ..LoadReport::default()
    };
    for chunk in discovery.files.chunks(batch.max(1)) {
        let mut done: Vec<(FileLoad, Vec<Outline>)> = chunk
            .par_iter()
            .map(|e| load_file_outlined(e, opts))
            .collect();
        for (load, _) in &mut done {
            let mut counted = FileLoad {
                articles: Vec::new(),
                problems: std::mem::take(&mut load.problems),
                format: load.format,
                bytes: load.bytes,
            };
            report.add(&mut counted);
            if let Some(f) = load.format
                && !load.articles.is_empty()
            {
                *report.articles_per_format.entry(f).or_default() += load.articles.len();
            }
        }
        if !sink(done) {
            break;
        }
    }
    report.elapsed = started.elapsed();
    report
}
