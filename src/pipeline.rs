//! Files to outlines in one parallel pass: each file is read, cleaned and
//! outlined on the same worker while its text is still in cache, instead of
//! loading everything first and extracting in a second pass.

use std::collections::HashMap;
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
    let outlines = outline_articles(&load.articles, &mut load.problems);
    (load, outlines)
}

/// The outline of each of `articles` (of one file), in order; an article whose
/// extraction failed gets an empty outline and a warning in `problems`.
fn outline_articles(
    articles: &[crate::article::Article],
    problems: &mut Vec<collection::Problem>,
) -> Vec<Outline> {
    // The articles of one file are outlined on every core: a dataset is often
    // one large JSON or JSONL file, which outlined in turn kept the other
    // cores idle.
    let results = per_article(articles, crate::extract::outline_guarded);
    let mut outlines = Vec::with_capacity(results.len());
    for (a, r) in articles.iter().zip(results) {
        outlines.push(r.unwrap_or_else(|msg| {
            problems.push(collection::Problem::warning(
                &a.origin.path,
                a.origin.record,
                format!(
                    "article {:?} shown without an outline: extraction failed ({msg})",
                    a.id
                ),
            ));
            Outline::default()
        }));
    }
    outlines
}

/// `f` of each article of one file, in order, on every core when there are
/// several: a file of one article (most of them) is not split, as the parallel
/// iterator's set-up cost showed against its one article.
fn per_article<R: Send>(
    articles: &[crate::article::Article],
    f: impl Fn(&crate::article::Article) -> R + Sync + Send,
) -> Vec<R> {
    if articles.len() > 1 {
        articles.par_iter().map(f).collect()
    } else {
        articles.iter().map(f).collect()
    }
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

/// How many files and bytes make a batch of [`outline_batched`] or [`stream`], at
/// most: a batch closes at whichever comes first.
#[derive(Debug, Clone, Copy)]
pub struct BatchSize {
    pub files: usize,
    pub bytes: u64,
}

/// Batches the reader's background loader hands over: small enough for the first
/// articles to show at once.
pub const READER_BATCH: BatchSize = BatchSize {
    files: 256,
    bytes: 4 << 20,
};

/// Batches of `docket outline`: large enough that the pool rarely waits for a
/// batch's last file, small enough to bound memory.
pub const OUTLINE_BATCH: BatchSize = BatchSize {
    files: 2048,
    bytes: 32 << 20,
};

/// `files` cut into consecutive batches of at most `size.files` files and
/// `size.bytes` bytes. A file larger than `size.bytes` makes a batch of its own:
/// counting files alone put four 31 MB datasets into one batch, so the reader
/// showed nothing until all four were outlined, and `outline --json` held all of
/// them at once.
pub fn file_batches(files: &[FileEntry], size: BatchSize) -> Vec<&[FileEntry]> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut bytes = 0u64;
    for (i, f) in files.iter().enumerate() {
        if i > start && (i - start >= size.files.max(1) || bytes + f.size > size.bytes) {
            out.push(&files[start..i]);
            start = i;
            bytes = 0;
        }
        bytes += f.size;
    }
    if start < files.len() {
        out.push(&files[start..]);
    }
    out
}

/// Loads and outlines `paths` in batches of files, handing each finished batch (in
/// order) to `sink` and dropping it afterwards: memory stays bounded by a batch,
/// whatever the size of the collection. `sink` returns false to stop.
pub fn outline_batched(
    paths: &[PathBuf],
    opts: &LoadOptions,
    batch: BatchSize,
    mut sink: impl FnMut(Vec<(FileLoad, Vec<Outline>)>) -> bool,
) -> LoadReport {
    let started = Instant::now();
    let discovery = collection::discover(paths);
    let mut report = LoadReport {
        problems: discovery.problems,
        unsupported: discovery.unsupported,
        ..LoadReport::default()
    };
    // While the sink writes one batch (on this thread), the next is loaded and
    // outlined on the pool: writing in between left a core idle.
    let mut pending: Option<Vec<(FileLoad, Vec<Outline>)>> = None;
    let mut stopped = false;
    for chunk in file_batches(&discovery.files, batch) {
        let (mut done, go_on) = std::thread::scope(|scope| {
            let work = scope.spawn(|| {
                chunk
                    .par_iter()
                    .map(|e| load_file_outlined(e, opts))
                    .collect::<Vec<_>>()
            });
            let go_on = pending.take().is_none_or(&mut sink);
            let done = work.join().unwrap_or_else(|e| std::panic::resume_unwind(e));
            (done, go_on)
        });
        if !go_on {
            stopped = true;
            break;
        }
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
        pending = Some(done);
    }
    if let Some(last) = pending.take()
        && !stopped
    {
        sink(last);
    }
    report.elapsed = started.elapsed();
    report
}

/// One file as [`stream`] hands it over: what loading it produced, the outline of
/// each article, and each article's folded copy for search (made on the worker
/// that loaded it, so the reader's thread only files it).
#[derive(Debug, Default)]
pub struct StreamedFile {
    pub load: FileLoad,
    pub outlines: Vec<Outline>,
    pub folded: Vec<crate::shared_text::SharedText>,
}

impl StreamedFile {
    /// Loads, outlines and folds one file.
    pub fn load(entry: &FileEntry, opts: &LoadOptions) -> StreamedFile {
        let (load, outlines) = load_file_outlined(entry, opts);
        let folded = per_article(&load.articles, crate::index::search::folded_copy);
        StreamedFile {
            load,
            outlines,
            folded,
        }
    }

    /// Loads one file and hands it to `part` in parts of `part_len` articles,
    /// each as soon as it is outlined and folded, with `true` for the last part;
    /// `part` returns false to stop, and so does this. A dataset file of
    /// thousands of articles took half a second to outline whole before the
    /// reader could list any of them.
    ///
    /// The first part carries the file's load problems and its size; each part
    /// carries the warnings of its own articles.
    pub fn load_in_parts(
        entry: &FileEntry,
        opts: &LoadOptions,
        part_len: usize,
        mut part: impl FnMut(StreamedFile, bool) -> bool,
    ) -> bool {
        let mut load = collection::load_file(entry, opts);
        let mut rest = std::mem::take(&mut load.articles).into_iter();
        let mut bytes = load.bytes;
        loop {
            let articles: Vec<_> = rest.by_ref().take(part_len.max(1)).collect();
            let mut problems = std::mem::take(&mut load.problems);
            let outlines = outline_articles(&articles, &mut problems);
            let folded = per_article(&articles, crate::index::search::folded_copy);
            let piece = StreamedFile {
                load: FileLoad {
                    articles,
                    problems,
                    format: load.format,
                    bytes: std::mem::take(&mut bytes),
                },
                outlines,
                folded,
            };
            let last = rest.len() == 0;
            if !part(piece, last) {
                return false;
            }
            if last {
                return true;
            }
        }
    }
}

/// Articles per part in which a file larger than a batch is handed to the reader
/// ([`StreamedFile::load_in_parts`]).
const PART_ARTICLES: usize = 512;

/// A new cache at `target` that starts with the first `shards` shards of `old`.
fn start_cache(
    target: &std::path::Path,
    old: Option<&crate::cache::Reader>,
    shards: usize,
) -> std::io::Result<crate::cache::Writer> {
    let mut w = crate::cache::Writer::create(target)?;
    if let Some(old) = old {
        for k in 0..shards {
            let bytes = old
                .shard_bytes(k)
                .ok_or_else(|| std::io::Error::other("the old cache could not be read again"))?;
            w.add_raw(bytes)?;
        }
    }
    Ok(w)
}

/// How a [`stream`] went: what came from the cache and whether a new cache was
/// written.
#[derive(Debug, Default)]
pub struct StreamReport {
    pub files: usize,
    /// Files whose articles and outlines came from the cache.
    pub from_cache: usize,
    /// The cache was rewritten (something changed, or there was none).
    pub cache_written: bool,
    /// Why the cache could not be written, when it could not (the load itself
    /// went on without it).
    pub cache_error: Option<String>,
}

/// Loads and outlines `paths` in batches of files, in order, for the reader: files
/// unchanged since the cache at `cache` was written come from it, the others are
/// loaded and outlined; when anything changed, a new cache is written as the
/// batches go. `start` sees the discovery first (false stops); `sink` gets every
/// batch with the count of files done (false stops, and no cache is written).
pub fn stream(
    paths: &[PathBuf],
    opts: &LoadOptions,
    cache: Option<&std::path::Path>,
    batch: BatchSize,
    start: impl FnOnce(&collection::Discovery) -> bool,
    mut sink: impl FnMut(Vec<StreamedFile>, usize) -> bool,
) -> StreamReport {
    use crate::cache::{self, Stamp};
    let discovery = collection::discover(paths);
    let mut report = StreamReport {
        files: discovery.files.len(),
        ..StreamReport::default()
    };
    if !start(&discovery) {
        return report;
    }
    let chunks = file_batches(&discovery.files, batch);
    let batches = chunks.len();
    let old = cache.and_then(cache::Reader::open);
    // While batch k lines up with shard k of the old cache (the same files, in
    // order), it is read from that shard alone. Once one does not, the rest of
    // the old cache is read by path.
    let mut aligned = old.is_some();
    let mut by_path: HashMap<PathBuf, cache::CachedFile> = HashMap::new();
    // Nothing is written while every batch comes whole from its shard; at the
    // first that does not, a new cache starts with copies of the shards passed.
    let mut writer: Option<cache::Writer> = None;
    let mut done = 0;
    for (k, chunk) in chunks.into_iter().enumerate() {
        let mut cached: Vec<Option<cache::CachedFile>> = chunk.iter().map(|_| None).collect();
        if aligned {
            match old.as_ref().and_then(|r| r.shard(k)) {
                Some(files)
                    if files.len() == chunk.len()
                        && files.iter().zip(chunk).all(|(f, e)| f.path == e.path) =>
                {
                    for (slot, (f, e)) in cached.iter_mut().zip(files.into_iter().zip(chunk)) {
                        if cache::is_fresh(&f, e) {
                            *slot = Some(f);
                        }
                    }
                }
                _ => {
                    aligned = false;
                    if let Some(r) = old.as_ref() {
                        by_path = r.rest_by_path(k);
                    }
                }
            }
        }
        if !aligned {
            for (slot, e) in cached.iter_mut().zip(chunk) {
                *slot = by_path.remove(&e.path).filter(|c| cache::is_fresh(c, e));
            }
        }
        let whole = aligned && cached.iter().all(Option::is_some);
        if !whole
            && writer.is_none()
            && report.cache_error.is_none()
            && let Some(target) = cache
        {
            match start_cache(target, old.as_ref(), k) {
                Ok(w) => writer = Some(w),
                Err(e) => report.cache_error = Some(format!("{}: {e}", target.display())),
            }
        }
        report.from_cache += cached.iter().filter(|c| c.is_some()).count();
        // A file larger than a batch, not in the cache, is handed over in parts,
        // each written to the cache as a record of the file's shard.
        if let ([e], [None]) = (chunk, cached.as_slice())
            && e.size > batch.bytes
        {
            let stamp = Stamp::of(e);
            let keep = writer.is_some();
            let mut records = Vec::new();
            let mut record_error = None;
            let finished = StreamedFile::load_in_parts(e, opts, PART_ARTICLES, |p, last| {
                if keep && record_error.is_none() {
                    match cache::Writer::encode(stamp, &e.path, &p) {
                        Some(Ok(r)) => records.push(r),
                        Some(Err(err)) => record_error = Some(err),
                        None => {}
                    }
                }
                sink(vec![p], done + usize::from(last))
            });
            if !finished {
                return report;
            }
            if let Some(w) = writer.as_mut() {
                let added = match record_error {
                    Some(err) => Err(err),
                    None => w.add_records(&records),
                };
                if let Err(err) = added {
                    report.cache_error = Some(err.to_string());
                    writer = None;
                }
            }
            done += 1;
            continue;
        }
        let loaded: Vec<StreamedFile> = chunk
            .par_iter()
            .zip(cached)
            .map(|(e, c)| match c {
                Some(c) => c.into_streamed(),
                None => StreamedFile::load(e, opts),
            })
            .collect();
        if let Some(w) = writer.as_mut() {
            let refs: Vec<_> = chunk
                .iter()
                .zip(&loaded)
                .map(|(e, f)| (Stamp::of(e), e.path.as_path(), f))
                .collect();
            if let Err(e) = w.add(&refs) {
                report.cache_error = Some(e.to_string());
                writer = None;
            }
        }
        done += chunk.len();
        if !sink(loaded, done) {
            return report;
        }
    }
    // Every batch came from the old cache, but it holds more: files were removed
    // from the end of the collection.
    if aligned
        && writer.is_none()
        && let (Some(target), Some(r)) = (cache, old.as_ref())
        && r.shard_count() > batches
    {
        match start_cache(target, Some(r), batches) {
            Ok(w) => writer = Some(w),
            Err(e) => report.cache_error = Some(format!("{}: {e}", target.display())),
        }
    }
    if let Some(w) = writer {
        match w.finish() {
            Ok(()) => report.cache_written = true,
            Err(e) => report.cache_error = Some(e.to_string()),
        }
    }
    report
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entries(sizes: &[u64]) -> Vec<FileEntry> {
        sizes
            .iter()
            .enumerate()
            .map(|(i, &size)| FileEntry {
                path: PathBuf::from(format!("{i}.txt")),
                size,
                modified: None,
                kind: collection::FileKind::Unknown,
            })
            .collect()
    }

    fn cut(sizes: &[u64], files: usize, bytes: u64) -> Vec<usize> {
        let all = entries(sizes);
        file_batches(&all, BatchSize { files, bytes })
            .iter()
            .map(|b| b.len())
            .collect()
    }

    #[test]
    fn batches_close_at_the_file_count_or_the_bytes_whichever_comes_first() {
        assert_eq!(cut(&[1; 7], 3, 100), [3, 3, 1]);
        assert_eq!(cut(&[40, 40, 40, 40], 10, 100), [2, 2]);
        // A file larger than a batch is a batch of its own, wherever it falls.
        assert_eq!(cut(&[10, 500, 10, 10], 10, 100), [1, 1, 2]);
        assert_eq!(cut(&[500, 500], 10, 100), [1, 1]);
        // Every file is in exactly one batch, in order.
        assert_eq!(cut(&[], 10, 100), Vec::<usize>::new());
        assert_eq!(cut(&[1; 5], 0, 0), [1; 5]);
    }
}
