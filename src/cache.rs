//! The reader's persistent cache: every file's articles and outlines, keyed by the
//! file's path, size and modification time, so a collection opened before shows its
//! whole outline index at once instead of cleaning and extracting again.
//!
//! One cache file per set of opened paths, in the XDG cache dir (`DOCKET_CACHE_DIR`
//! overrides it). The format is postcard (a stable, documented serde wire format):
//! one length-prefixed shard per batch of files the reader loaded, each holding
//! its files length-prefixed, behind a header that names the format version and
//! the build that wrote it. A reopen maps the file and decodes one shard per
//! batch, its files in parallel, so the first articles show at once; the texts and
//! search copies stay in the mapping ([`SharedText`]) rather than being copied. A
//! missing, stale, truncated, corrupt or foreign cache is ignored and rebuilt: it is
//! never needed for correctness, and it lives outside the user's collection.

use std::collections::HashMap;
use std::fs;
use std::hash::{Hash, Hasher};
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::UNIX_EPOCH;

use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use crate::article::{Article, Format};
use crate::collection::{FileEntry, FileLoad, LoadOptions, Problem};
use crate::outline::Outline;
use crate::pipeline::StreamedFile;
use crate::shared_text::{self, SharedText};

const MAGIC: &[u8; 12] = b"DOCKETCACHE\0";
/// Bump when the layout of the cached types changes.
const FORMAT_VERSION: u32 = 4;

/// When a file was last modified, as stored: seconds and nanoseconds since 1970.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Stamp {
    pub size: u64,
    pub secs: u64,
    pub nanos: u32,
}

impl Stamp {
    /// The stamp of a discovered file; none when its modification time is unknown
    /// (such a file is never taken from the cache).
    pub fn of(entry: &FileEntry) -> Option<Stamp> {
        let d = entry.modified?.duration_since(UNIX_EPOCH).ok()?;
        Some(Stamp {
            size: entry.size,
            secs: d.as_secs(),
            nanos: d.subsec_nanos(),
        })
    }
}

/// One file as cached.
#[derive(Debug, Serialize, Deserialize)]
pub struct CachedFile {
    pub path: PathBuf,
    pub stamp: Stamp,
    pub articles: Vec<Article>,
    pub outlines: Vec<Outline>,
    /// Each article's folded copy for search ([`crate::index::search::folded_copy`]).
    pub folded: Vec<SharedText>,
    pub problems: Vec<Problem>,
    pub format: Option<Format>,
    pub bytes: u64,
}

impl CachedFile {
    /// Back into what streaming the file produced.
    pub fn into_streamed(self) -> StreamedFile {
        let mut articles = self.articles;
        // One shared path per file, as loading makes it.
        let shared: Arc<Path> = Arc::from(self.path.as_path());
        for a in &mut articles {
            if *a.origin.path == *shared {
                a.origin.path = shared.clone();
            }
        }
        StreamedFile {
            load: FileLoad {
                articles,
                problems: self.problems,
                format: self.format,
                bytes: self.bytes,
            },
            outlines: self.outlines,
            folded: self.folded,
        }
    }
}

/// The same, borrowed, for writing without copying articles.
#[derive(Serialize)]
struct CachedFileRef<'a> {
    path: &'a Path,
    stamp: Stamp,
    articles: &'a [Article],
    outlines: &'a [Outline],
    folded: &'a [SharedText],
    problems: &'a [Problem],
    format: Option<Format>,
    bytes: u64,
}

/// What identifies the program that wrote a cache: the format, the version, and
/// the executable itself (its size and time), so that rules changed by a rebuild
/// never serve outlines the new rules would not produce.
fn build_id() -> String {
    let exe = std::env::current_exe()
        .ok()
        .and_then(|p| fs::metadata(p).ok())
        .map(|m| {
            let t = m
                .modified()
                .ok()
                .and_then(|t| t.duration_since(UNIX_EPOCH).ok())
                .map_or(0, |d| d.as_nanos());
            format!("{}:{t}", m.len())
        })
        .unwrap_or_default();
    format!(
        "v{FORMAT_VERSION} docket {} exe {exe}",
        env!("CARGO_PKG_VERSION")
    )
}

/// The cache file for a set of opened paths and load options, or none when there
/// is no cache dir.
pub fn location(roots: &[PathBuf], opts: &LoadOptions) -> Option<PathBuf> {
    let dir = match std::env::var_os("DOCKET_CACHE_DIR") {
        Some(d) if !d.is_empty() => PathBuf::from(d),
        _ => dirs::cache_dir()?.join("docket"),
    };
    let mut h = std::collections::hash_map::DefaultHasher::new();
    for r in roots {
        fs::canonicalize(r)
            .unwrap_or_else(|_| r.clone())
            .hash(&mut h);
    }
    opts.max_file_bytes.hash(&mut h);
    Some(dir.join(format!("{:016x}.cache", h.finish())))
}

/// An open cache file, mapped: its shards (one per batch of files the reader
/// loaded, in order) located but not decoded, so a reopen decodes one batch at a
/// time and shows the first articles at once. Texts decoded from it stay in the
/// mapping ([`SharedText`]).
pub struct Reader {
    map: Arc<memmap2::Mmap>,
    /// Offset and length of every shard.
    shards: Vec<(usize, usize)>,
}

impl Reader {
    /// Opens a cache, or none when it is missing, written by another build, or
    /// truncated (the end mark and shard count are checked before anything is
    /// used).
    pub fn open(path: &Path) -> Option<Reader> {
        let file = fs::File::open(path).ok()?;
        // SAFETY: a cache file is only ever replaced whole, by a rename (see
        // [`Writer::finish`]), so the file mapped here does not change under the
        // mapping. Something else writing into it in place is outside what docket
        // can guard against, as with any mapped file.
        #[allow(unsafe_code)]
        let map = unsafe { memmap2::MmapOptions::new().map(&file) }.ok()?;
        let bytes: &[u8] = &map;
        let id = build_id();
        let rest = bytes.strip_prefix(MAGIC.as_slice())?;
        let (id_len, rest) = take_u64(rest)?;
        if id_len != id.len() as u64 {
            return None;
        }
        let rest = rest.strip_prefix(id.as_bytes())?;
        let mut at = bytes.len() - rest.len();
        let mut shards = Vec::new();
        loop {
            let (len, rest) = take_u64(&bytes[at..])?;
            at += 8;
            if len == 0 {
                // The end mark: the number of shards written, then nothing.
                let (count, rest) = take_u64(rest)?;
                return (rest.is_empty() && count == shards.len() as u64).then_some(Reader {
                    map: Arc::new(map),
                    shards,
                });
            }
            let len = usize::try_from(len).ok().filter(|&l| l <= rest.len())?;
            shards.push((at, len));
            at += len;
        }
    }

    pub fn shard_count(&self) -> usize {
        self.shards.len()
    }

    /// The bytes of shard `k` as written (to decode, or to copy into a new cache).
    pub fn shard_bytes(&self, k: usize) -> Option<&[u8]> {
        let &(at, len) = self.shards.get(k)?;
        self.map.get(at..at + len)
    }

    /// Shard `k` decoded, its files in parallel; none when it is damaged.
    pub fn shard(&self, k: usize) -> Option<Vec<CachedFile>> {
        decode_shard(&self.map, self.shard_bytes(k)?)
    }

    /// Every file of shards `from..` by path (for a collection whose files no
    /// longer line up with the shards: some were added or removed).
    pub fn rest_by_path(&self, from: usize) -> HashMap<PathBuf, CachedFile> {
        (from..self.shards.len())
            .into_par_iter()
            .filter_map(|k| self.shard(k))
            .flatten()
            .map(|f| (f.path.clone(), f))
            .collect()
    }
}

/// A shard: the number of files, then each file length-prefixed, so its files
/// decode in parallel.
fn decode_shard(map: &Arc<memmap2::Mmap>, bytes: &[u8]) -> Option<Vec<CachedFile>> {
    let (count, mut rest) = take_u64(bytes)?;
    let mut parts = Vec::new();
    for _ in 0..count {
        let (len, r) = take_u64(rest)?;
        let len = usize::try_from(len).ok().filter(|&l| l <= r.len())?;
        let (part, r) = r.split_at(len);
        parts.push(part);
        rest = r;
    }
    if !rest.is_empty() {
        return None;
    }
    let files: Option<Vec<CachedFile>> = parts
        .par_iter()
        .map(|p| shared_text::reading_from(map, || postcard::from_bytes::<CachedFile>(p).ok()))
        .collect();
    files.map(join_parts).filter(|fs| {
        fs.iter()
            .all(|f| f.articles.len() == f.outlines.len() && f.articles.len() == f.folded.len())
    })
}

/// Records of a shard with consecutive parts of one file (as a file larger than
/// a batch is written, [`crate::pipeline::StreamedFile::load_in_parts`]) joined
/// into one.
fn join_parts(records: Vec<CachedFile>) -> Vec<CachedFile> {
    let mut files: Vec<CachedFile> = Vec::with_capacity(records.len());
    for r in records {
        match files.last_mut() {
            Some(f) if f.path == r.path && f.stamp == r.stamp => {
                f.articles.extend(r.articles);
                f.outlines.extend(r.outlines);
                f.folded.extend(r.folded);
                f.problems.extend(r.problems);
                f.bytes += r.bytes;
            }
            _ => files.push(r),
        }
    }
    files
}

/// Reads a whole cache: every file in it by path, or none when the cache is
/// missing, written by another build, or damaged in any way.
pub fn read(path: &Path) -> Option<HashMap<PathBuf, CachedFile>> {
    let r = Reader::open(path)?;
    let mut out = HashMap::new();
    for k in 0..r.shard_count() {
        for f in r.shard(k)? {
            out.insert(f.path.clone(), f);
        }
    }
    Some(out)
}

fn take_u64(b: &[u8]) -> Option<(u64, &[u8])> {
    let (head, rest) = b.split_first_chunk::<8>()?;
    Some((u64::from_le_bytes(*head), rest))
}

/// Writes a cache shard by shard as files are loaded, into a temporary file that
/// replaces the old cache only when complete: a crash or kill leaves the previous
/// cache (or none), never half of one.
pub struct Writer {
    target: PathBuf,
    file: BufWriter<tempfile::NamedTempFile>,
    shards: u64,
}

impl Writer {
    pub fn create(target: &Path) -> io::Result<Writer> {
        let dir = target.parent().unwrap_or(Path::new("."));
        fs::create_dir_all(dir)?;
        let tmp = tempfile::NamedTempFile::new_in(dir)?;
        let mut file = BufWriter::with_capacity(1 << 20, tmp);
        let id = build_id();
        file.write_all(MAGIC)?;
        file.write_all(&(id.len() as u64).to_le_bytes())?;
        file.write_all(id.as_bytes())?;
        Ok(Writer {
            target: target.to_path_buf(),
            file,
            shards: 0,
        })
    }

    /// Adds the files of one batch (with their stamps; files without one are
    /// left out), encoded in parallel.
    pub fn add(&mut self, batch: &[(Option<Stamp>, &Path, &StreamedFile)]) -> io::Result<()> {
        let records: Vec<Vec<u8>> = batch
            .par_iter()
            .filter_map(|&(stamp, path, f)| Writer::encode(stamp, path, f))
            .collect::<io::Result<_>>()?;
        self.add_records(&records)
    }

    /// One file, or one part of a file handed over in parts, encoded as a record
    /// of a shard; none for a file without a stamp (it is not cached).
    pub fn encode(
        stamp: Option<Stamp>,
        path: &Path,
        f: &StreamedFile,
    ) -> Option<io::Result<Vec<u8>>> {
        let load = &f.load;
        let r = CachedFileRef {
            path,
            stamp: stamp?,
            articles: &load.articles,
            outlines: &f.outlines,
            folded: &f.folded,
            problems: &load.problems,
            format: load.format,
            bytes: load.bytes,
        };
        Some(postcard::to_stdvec(&r).map_err(io::Error::other))
    }

    /// Adds a shard of records made by [`Writer::encode`]. Consecutive records of
    /// one file are its parts, joined again when the shard is read.
    pub fn add_records(&mut self, records: &[Vec<u8>]) -> io::Result<()> {
        if records.is_empty() {
            return Ok(());
        }
        let len = 8 + records.iter().map(|p| 8 + p.len() as u64).sum::<u64>();
        self.file.write_all(&len.to_le_bytes())?;
        self.file.write_all(&(records.len() as u64).to_le_bytes())?;
        for p in records {
            self.file.write_all(&(p.len() as u64).to_le_bytes())?;
            self.file.write_all(p)?;
        }
        self.shards += 1;
        Ok(())
    }

    /// Adds a shard as [`Reader::shard_bytes`] read it from another cache of the
    /// same build.
    pub fn add_raw(&mut self, shard: &[u8]) -> io::Result<()> {
        self.file.write_all(&(shard.len() as u64).to_le_bytes())?;
        self.file.write_all(shard)?;
        self.shards += 1;
        Ok(())
    }

    /// Seals the cache and moves it into place.
    pub fn finish(mut self) -> io::Result<()> {
        self.file.write_all(&0u64.to_le_bytes())?;
        self.file.write_all(&self.shards.to_le_bytes())?;
        let tmp = self.file.into_inner().map_err(|e| e.into_error())?;
        tmp.as_file().sync_all()?;
        tmp.persist(&self.target).map_err(|e| e.error)?;
        Ok(())
    }
}

/// True when a cached file still describes the file on disk.
pub fn is_fresh(cached: &CachedFile, entry: &FileEntry) -> bool {
    Stamp::of(entry).is_some_and(|s| s == cached.stamp)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::collection::discover;

    fn sample(dir: &Path) -> Vec<FileEntry> {
        fs::write(
            dir.join("a.txt"),
            "Hội nghị Ban Chấp hành\n\nSáng 3/4, Bí thư Tỉnh ủy Trần Văn Khải cho biết tỉnh đã hoàn thành kế hoạch.\n",
        )
        .unwrap();
        fs::write(dir.join("b.txt"), "Second\n\nA plain paragraph.\n").unwrap();
        discover(&[dir.to_path_buf()]).files
    }

    fn write_cache(target: &Path, files: &[FileEntry]) {
        let opts = LoadOptions::default();
        let loads: Vec<StreamedFile> = files.iter().map(|e| StreamedFile::load(e, &opts)).collect();
        let mut w = Writer::create(target).unwrap();
        let batch: Vec<_> = files
            .iter()
            .zip(&loads)
            .map(|(e, f)| (Stamp::of(e), e.path.as_path(), f))
            .collect();
        w.add(&batch).unwrap();
        w.finish().unwrap();
    }

    #[test]
    fn round_trip_gives_back_the_same_outlines() {
        let dir = tempfile::tempdir().unwrap();
        let files = sample(dir.path());
        let target = dir.path().join("cache").join("x.cache");
        write_cache(&target, &files);
        let read = read(&target).expect("cache reads back");
        assert_eq!(read.len(), 2);
        let opts = LoadOptions::default();
        for e in &files {
            let cached = read.get(&e.path).unwrap();
            assert!(is_fresh(cached, e));
            let (fresh_load, fresh_outlines) = crate::pipeline::load_file_outlined(e, &opts);
            assert_eq!(cached.outlines, fresh_outlines);
            assert_eq!(cached.articles[0].text, fresh_load.articles[0].text);
            assert_eq!(
                cached.folded[0],
                crate::index::search::folded_copy(&fresh_load.articles[0])
            );
        }
        // The texts stay in the mapped cache file instead of being copied.
        let cached = read.values().next().unwrap();
        assert!(cached.articles.iter().all(|a| a.text.is_mapped()));
        assert!(cached.folded.iter().all(|f| f.is_mapped()));
        let f = read.into_values().next().unwrap().into_streamed();
        assert!(!f.load.articles.is_empty());
        assert_eq!(f.load.articles.len(), f.folded.len());
    }

    #[test]
    fn texts_read_from_a_cache_survive_its_replacement() {
        let dir = tempfile::tempdir().unwrap();
        let files = sample(dir.path());
        let target = dir.path().join("r.cache");
        write_cache(&target, &files);
        let before = read(&target).unwrap();
        let a = &files[0].path;
        let text = before[a].articles[0].text.to_string();
        // The file changes and a new cache replaces the one the texts are in.
        fs::write(a, "Hội nghị khác\n\nMột đoạn văn mới.\n").unwrap();
        let again = discover(&[dir.path().to_path_buf()]).files;
        write_cache(&target, &again);
        assert_eq!(before[a].articles[0].text, text);
        let after = read(&target).unwrap();
        assert!(after[a].articles[0].text.contains("đoạn văn mới"));
        assert_eq!(before[a].articles[0].text, text);
    }

    #[test]
    fn damaged_caches_are_ignored() {
        let dir = tempfile::tempdir().unwrap();
        let files = sample(dir.path());
        let target = dir.path().join("c.cache");
        write_cache(&target, &files);
        let good = fs::read(&target).unwrap();
        // Truncated anywhere, a flipped byte in a shard, foreign bytes, empty.
        for cut in [0, 5, MAGIC.len() + 3, good.len() / 2, good.len() - 1] {
            fs::write(&target, &good[..cut]).unwrap();
            assert!(read(&target).is_none(), "truncated at {cut}");
        }
        let mut flipped = good.clone();
        let at = good.len() - 40;
        flipped[at] ^= 0xff;
        fs::write(&target, &flipped).unwrap();
        // Either rejected or decoded into something consistent; never a panic.
        let _ = read(&target);
        fs::write(&target, b"not a cache at all").unwrap();
        assert!(read(&target).is_none());
        // A cache from another build.
        let mut other = good.clone();
        other[MAGIC.len() + 8] ^= 1;
        fs::write(&target, &other).unwrap();
        assert!(read(&target).is_none());
    }

    #[test]
    fn a_changed_file_is_stale() {
        let dir = tempfile::tempdir().unwrap();
        let files = sample(dir.path());
        let target = dir.path().join("s.cache");
        write_cache(&target, &files);
        let cache = read(&target).unwrap();
        fs::write(
            &files[1].path,
            "Second, longer now\n\nA changed paragraph.\n",
        )
        .unwrap();
        let again = discover(&[dir.path().to_path_buf()]).files;
        let b = again.iter().find(|e| e.path == files[1].path).unwrap();
        assert!(!is_fresh(cache.get(&b.path).unwrap(), b));
        let a = again.iter().find(|e| e.path == files[0].path).unwrap();
        assert!(is_fresh(cache.get(&a.path).unwrap(), a));
    }
}
