//! Turning the paths a user gives into the list of files to load: folders walked
//! recursively in a stable sorted order, hidden entries skipped, symlinks followed
//! with loop detection, unsupported files counted.

use std::path::{Path, PathBuf};

use rayon::prelude::*;

use super::{FileKind, Problem};

/// A file to load.
#[derive(Debug, Clone)]
pub struct FileEntry {
    pub path: PathBuf,
    pub size: u64,
    /// Last modification, when the file system reports it: with the size, what
    /// tells the cache a file changed.
    pub modified: Option<std::time::SystemTime>,
    pub kind: FileKind,
}

/// What the walk found.
#[derive(Debug, Default)]
pub struct Discovery {
    pub files: Vec<FileEntry>,
    pub problems: Vec<Problem>,
    /// Files in walked folders whose extension docket does not read.
    pub unsupported: usize,
}

fn is_hidden(name: &std::ffi::OsStr) -> bool {
    name.to_str()
        .is_some_and(|n| n.starts_with('.') && n != "." && n != "..")
}

/// Walks `paths`. A file named explicitly is loaded whatever its extension (its
/// content decides); inside folders only known extensions are loaded.
pub fn discover(paths: &[PathBuf]) -> Discovery {
    let mut out = Discovery::default();
    for root in paths {
        let meta = match std::fs::metadata(root) {
            Ok(m) => m,
            Err(e) => {
                out.problems
                    .push(Problem::skipped(root, None, io_reason(&e)));
                continue;
            }
        };
        if meta.is_file() {
            let kind = FileKind::from_path(root).unwrap_or(FileKind::Unknown);
            out.files.push(FileEntry {
                path: root.clone(),
                size: meta.len(),
                modified: meta.modified().ok(),
                kind,
            });
            continue;
        }
        let walker = walkdir::WalkDir::new(root)
            .follow_links(true)
            .sort_by(|a, b| file_name_bytes(a).cmp(file_name_bytes(b)))
            .into_iter()
            .filter_entry(|e| e.depth() == 0 || !is_hidden(e.file_name()));
        let mut found = Vec::new();
        for entry in walker {
            match entry {
                Ok(e) if e.file_type().is_file() => match FileKind::from_path(e.path()) {
                    Some(kind) => found.push((e.into_path(), kind)),
                    None => out.unsupported += 1,
                },
                Ok(_) => {}
                Err(e) => {
                    let path = e.path().map_or_else(|| root.clone(), Path::to_path_buf);
                    let reason = if let Some(ancestor) = e.loop_ancestor() {
                        format!("symlink loop back to {}, not followed", ancestor.display())
                    } else if let Some(io) = e.io_error() {
                        io_reason(io)
                    } else {
                        e.to_string()
                    };
                    out.problems.push(Problem::skipped(&path, None, reason));
                }
            }
        }
        // Each file's size and time, on every core: one `stat` per file was half
        // of the walk of a folder of 35,000 files, and the walk comes before
        // anything else can start.
        out.files
            .par_extend(found.into_par_iter().map(|(path, kind)| {
                let meta = std::fs::metadata(&path).ok();
                FileEntry {
                    size: meta.as_ref().map_or(0, |m| m.len()),
                    modified: meta.and_then(|m| m.modified().ok()),
                    path,
                    kind,
                }
            }));
    }
    out
}

/// The bytes of an entry's file name, for sorting the entries of a folder: what
/// `sort_by_file_name` compares (`OsStr`s compare by these bytes), without
/// parsing the path into components at every comparison, which was a third of
/// the walk of a large folder. The path of an entry in a folder is the folder's
/// path joined with the name, so the name is what follows the last separator.
fn file_name_bytes(e: &walkdir::DirEntry) -> &[u8] {
    let path = e.path().as_os_str().as_encoded_bytes();
    // `std::path::is_separator`: '/', and on Windows '\\' too.
    let last_separator = if cfg!(windows) {
        memchr::memrchr2(b'/', b'\\', path)
    } else {
        memchr::memrchr(b'/', path)
    };
    match last_separator {
        Some(i) if i + 1 < path.len() => &path[i + 1..],
        _ => e.file_name().as_encoded_bytes(),
    }
}

/// A short, human reason for an I/O error.
pub fn io_reason(e: &std::io::Error) -> String {
    use std::io::ErrorKind;
    match e.kind() {
        ErrorKind::NotFound => "no such file or folder".to_owned(),
        ErrorKind::PermissionDenied => "permission denied (not readable)".to_owned(),
        _ => {
            let s = e.to_string();
            match s.find(" (os error") {
                Some(i) => s[..i].to_owned(),
                None => s,
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn walks_sorted_skips_hidden_and_counts_unsupported() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path();
        std::fs::create_dir_all(p.join("b/.hidden")).unwrap();
        std::fs::write(p.join("b/2.txt"), "x").unwrap();
        std::fs::write(p.join("b/.hidden/3.txt"), "x").unwrap();
        std::fs::write(p.join("a.md"), "x").unwrap();
        std::fs::write(p.join(".secret.txt"), "x").unwrap();
        std::fs::write(p.join("c.png"), "x").unwrap();
        std::fs::write(p.join("d.jsonl.gz"), "x").unwrap();
        let d = discover(&[p.to_path_buf()]);
        let names: Vec<_> = d
            .files
            .iter()
            .map(|f| {
                f.path
                    .strip_prefix(p)
                    .unwrap()
                    .to_string_lossy()
                    .into_owned()
            })
            .collect();
        assert_eq!(names, ["a.md", "b/2.txt", "d.jsonl.gz"]);
        assert_eq!(d.unsupported, 1);
    }

    #[test]
    fn order_is_that_of_sort_by_file_name() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path();
        for sub in ["", "Z", "z/ä"] {
            std::fs::create_dir_all(p.join(sub)).unwrap();
            for name in [
                "B.txt", "a.txt", "ä.txt", "10.txt", "9.txt", "a b.txt", "Đ.txt",
            ] {
                std::fs::write(p.join(sub).join(name), "x").unwrap();
            }
        }
        let walked: Vec<PathBuf> = discover(&[p.to_path_buf()])
            .files
            .into_iter()
            .map(|f| f.path)
            .collect();
        let by_file_name: Vec<PathBuf> = walkdir::WalkDir::new(p)
            .sort_by_file_name()
            .into_iter()
            .map(|e| e.unwrap())
            .filter(|e| e.file_type().is_file())
            .map(|e| e.into_path())
            .collect();
        assert_eq!(walked, by_file_name);
    }

    #[cfg(unix)]
    #[test]
    fn symlink_loop_is_reported_not_followed_forever() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path();
        std::fs::write(p.join("a.txt"), "x").unwrap();
        std::os::unix::fs::symlink(".", p.join("loop")).unwrap();
        let d = discover(&[p.to_path_buf()]);
        assert_eq!(d.files.len(), 1);
        assert!(
            d.problems.iter().any(|x| x.reason.contains("symlink loop")),
            "{:?}",
            d.problems
        );
    }

    #[test]
    fn missing_path_is_a_problem() {
        let d = discover(&[PathBuf::from("/no/such/place")]);
        assert!(d.files.is_empty());
        assert_eq!(d.problems[0].reason, "no such file or folder");
    }
}
