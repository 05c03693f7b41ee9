//! The reader's cache, through the same streaming load the reader uses: a second
//! open comes from the cache, a changed file is outlined again, a damaged cache is
//! rebuilt, and nothing is written into the collection.

use std::fs;
use std::path::{Path, PathBuf};

use docket::collection::LoadOptions;
use docket::pipeline::{BatchSize, StreamReport, stream};

fn open(root: &Path, cache: &Path) -> (StreamReport, Vec<(String, usize)>) {
    let mut seen = Vec::new();
    let report = stream(
        &[root.to_path_buf()],
        &LoadOptions::default(),
        Some(cache),
        BatchSize {
            files: 2,
            bytes: u64::MAX,
        },
        |_| true,
        |batch, _| {
            for f in batch {
                // Every article comes with its folded copy for search, fresh or cached.
                assert_eq!(f.folded.len(), f.load.articles.len());
                for ((a, o), folded) in f.load.articles.iter().zip(&f.outlines).zip(&f.folded) {
                    assert!(folded.starts_with(&*docket::text::fold(a.display_title())));
                    seen.push((a.title.clone().unwrap_or_default(), o.speakers.len()));
                }
            }
            true
        },
    );
    (report, seen)
}

fn collection(dir: &Path) -> PathBuf {
    let root = dir.join("articles");
    fs::create_dir_all(&root).unwrap();
    for i in 0..5 {
        fs::write(
            root.join(format!("{i}.txt")),
            format!(
                "Hội nghị số {i}\n\nSáng 3/4, Bí thư Tỉnh ủy Trần Văn Khải cho biết tỉnh đã \
                 hoàn thành kế hoạch {i}.\n"
            ),
        )
        .unwrap();
    }
    root
}

fn listing(root: &Path) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = walkdir::WalkDir::new(root)
        .into_iter()
        .map(|e| e.unwrap().into_path())
        .collect();
    v.sort();
    v
}

#[test]
fn second_open_comes_from_the_cache_and_changes_are_seen() {
    let dir = tempfile::tempdir().unwrap();
    let root = collection(dir.path());
    let cache = dir.path().join("cache").join("c.cache");
    let before = listing(&root);

    let (first, fresh) = open(&root, &cache);
    assert_eq!((first.files, first.from_cache), (5, 0));
    assert!(first.cache_written, "{:?}", first.cache_error);

    let (second, again) = open(&root, &cache);
    assert_eq!(second.from_cache, 5);
    assert!(!second.cache_written, "nothing changed, nothing rewritten");
    assert_eq!(fresh, again, "the cache gives back the same outlines");

    // One file changes: it alone is outlined again, and the cache is rewritten.
    fs::write(
        root.join("2.txt"),
        "Hội nghị đổi tên\n\nMột đoạn văn không có ai phát biểu, dài hơn trước.\n",
    )
    .unwrap();
    let (third, changed) = open(&root, &cache);
    assert_eq!(third.from_cache, 4);
    assert!(third.cache_written);
    assert!(changed.contains(&("Hội nghị đổi tên".to_string(), 0)));

    // A removed file disappears from the listing.
    fs::remove_file(root.join("4.txt")).unwrap();
    let (fourth, after_removal) = open(&root, &cache);
    assert_eq!((fourth.files, after_removal.len()), (4, 4));
    assert_eq!(fourth.from_cache, 4);
    assert!(
        fourth.cache_written,
        "the cache no longer holds the removed file"
    );
    let (fifth, _) = open(&root, &cache);
    assert_eq!(fifth.from_cache, 4);
    assert!(!fifth.cache_written);

    // The collection holds exactly its own files (minus the one removed here).
    let mut expected = before;
    expected.retain(|p| !p.ends_with("4.txt"));
    assert_eq!(listing(&root), expected);
}

#[test]
fn a_damaged_cache_is_rebuilt_silently() {
    let dir = tempfile::tempdir().unwrap();
    let root = collection(dir.path());
    let cache = dir.path().join("c.cache");
    let (_, fresh) = open(&root, &cache);
    let bytes = fs::read(&cache).unwrap();
    fs::write(&cache, &bytes[..bytes.len() / 3]).unwrap();
    let (report, again) = open(&root, &cache);
    assert_eq!(report.from_cache, 0);
    assert!(report.cache_written);
    assert_eq!(fresh, again);
    let (report, _) = open(&root, &cache);
    assert_eq!(report.from_cache, 5);
}

#[test]
fn an_unwritable_cache_dir_only_costs_the_cache() {
    let dir = tempfile::tempdir().unwrap();
    let root = collection(dir.path());
    // A file where the cache's folder should be.
    let blocker = dir.path().join("blocker");
    fs::write(&blocker, "").unwrap();
    let (report, seen) = open(&root, &blocker.join("c.cache"));
    assert_eq!(seen.len(), 5);
    assert!(!report.cache_written);
    assert!(report.cache_error.is_some());
}

#[test]
fn a_file_added_in_the_middle_leaves_the_others_cached() {
    let dir = tempfile::tempdir().unwrap();
    let root = collection(dir.path());
    let cache = dir.path().join("c.cache");
    open(&root, &cache);
    // Sorted between 1.txt and 2.txt: every later batch shifts by one file.
    fs::write(
        root.join("1b.txt"),
        "Hội thảo mới\n\nChiều 5/6, Chủ tịch Hội Nguyễn Thị Hạnh cho biết hội thảo mở rộng.\n",
    )
    .unwrap();
    let (report, seen) = open(&root, &cache);
    assert_eq!((report.files, report.from_cache), (6, 5));
    assert!(report.cache_written);
    assert!(seen.contains(&("Hội thảo mới".to_string(), 1)), "{seen:?}");
    let (report, again) = open(&root, &cache);
    assert_eq!(report.from_cache, 6);
    assert!(!report.cache_written);
    assert_eq!(seen, again);
}

#[test]
fn a_damaged_shard_costs_only_its_files() {
    let dir = tempfile::tempdir().unwrap();
    let root = collection(dir.path());
    let cache = dir.path().join("c.cache");
    let (_, fresh) = open(&root, &cache);
    let mut bytes = fs::read(&cache).unwrap();
    // Inside the text of the first file of the middle shard (files 2 and 3).
    let at = bytes
        .windows("Hội nghị số 2".len())
        .position(|w| w == "Hội nghị số 2".as_bytes())
        .unwrap();
    bytes[at + 1] = 0xff;
    fs::write(&cache, &bytes).unwrap();
    let (report, again) = open(&root, &cache);
    assert_eq!(report.from_cache, 3);
    assert!(report.cache_written);
    assert_eq!(fresh, again);
    let (report, _) = open(&root, &cache);
    assert_eq!(report.from_cache, 5);
}

/// What the reader's loader hands over, batch by batch: the file name of each
/// article, and the problems.
type Handed = (Vec<Vec<String>>, Vec<String>);

fn batches_seen(root: &Path, cache: &Path, size: BatchSize) -> (StreamReport, Handed) {
    let mut seen = Vec::new();
    let mut problems = Vec::new();
    let report = stream(
        &[root.to_path_buf()],
        &LoadOptions::default(),
        Some(cache),
        size,
        |_| true,
        |batch, _| {
            let mut names = Vec::new();
            for f in batch {
                assert_eq!(f.outlines.len(), f.load.articles.len());
                assert_eq!(f.folded.len(), f.load.articles.len());
                problems.extend(f.load.problems.iter().map(ToString::to_string));
                for a in &f.load.articles {
                    let file = a.origin.path.file_name().unwrap().to_string_lossy();
                    names.push(file.into_owned());
                }
            }
            seen.push(names);
            true
        },
    );
    (report, (seen, problems))
}

#[test]
fn a_large_dataset_file_is_handed_over_in_parts_before_the_files_after_it() {
    // A dataset file larger than a batch's bytes comes in parts of 512 articles,
    // each as soon as it is outlined, and before the small files after it:
    // counted in files, it and the next files made one batch, and the reader
    // listed nothing until all were outlined.
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("articles");
    fs::create_dir_all(&root).unwrap();
    let mut records: String = (0..1100)
        .map(|i| {
            format!(
                "{{\"title\": \"Phiên họp {i}\", \"content\": \"Sáng 3/4, Chủ tịch Lê Văn Bình \
                 cho biết phiên họp số {i} đã thống nhất kế hoạch năm.\"}}\n"
            )
        })
        .collect();
    records.insert_str(0, "{not json\n");
    fs::write(root.join("a.jsonl"), &records).unwrap();
    for i in 0..3 {
        fs::write(
            root.join(format!("b{i}.txt")),
            format!("Hội nghị {i}\n\nSáng 5/6, Bí thư Trần Văn Khải khai mạc hội nghị.\n"),
        )
        .unwrap();
    }
    let size = BatchSize {
        files: 256,
        bytes: 4000,
    };
    let cache = dir.path().join("cache").join("c.cache");
    let (first, (batches, problems)) = batches_seen(&root, &cache, size);
    let sizes: Vec<usize> = batches.iter().map(Vec::len).collect();
    assert_eq!(sizes, [512, 512, 76, 3]);
    assert!(batches[..3].iter().flatten().all(|f| f == "a.jsonl"));
    assert_eq!(batches[3], ["b0.txt", "b1.txt", "b2.txt"]);
    // The bad line is named once, not once per part.
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert!(problems[0].contains("a.jsonl:1"), "{problems:?}");
    assert!(first.cache_written, "{:?}", first.cache_error);

    // The second open comes from the cache, where the parts were written as
    // records of one shard: the file comes back whole, with the same articles in
    // the same order and the same problem.
    let (second, (again, problems_again)) = batches_seen(&root, &cache, size);
    assert_eq!(second.from_cache, 4);
    assert!(!second.cache_written);
    let sizes_again: Vec<usize> = again.iter().map(Vec::len).collect();
    assert_eq!(sizes_again, [1100, 3], "the cached file comes back whole");
    assert_eq!(again.concat(), batches.concat());
    assert_eq!(problems_again, problems);
}
