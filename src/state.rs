//! What the reader remembers between runs: the reading position of every article
//! (keyed by a hash of its content, so moving or renaming files keeps it),
//! bookmarks, and the last filter. Stored as versioned JSON in the XDG state dir,
//! written atomically (temporary file, then rename) so a crash at any moment
//! leaves either the old file or the new one.

use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

/// Bumped when the format changes; other versions are ignored (and reported).
pub const STATE_VERSION: u32 = 1;

/// A bookmark: an article (by content hash) and where in it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Bookmark {
    /// Content hash of the article, as hex.
    pub article: String,
    pub title: String,
    /// Index of the block (paragraph or caption) the reader was at.
    pub block: usize,
}

/// The filter in force when the reader closed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SavedFilter {
    /// Speaker names.
    #[serde(default)]
    pub speakers: Vec<String>,
    #[serde(default)]
    pub search: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReaderState {
    pub version: u32,
    /// Content hash (hex) -> block index of the reading position.
    #[serde(default)]
    pub positions: BTreeMap<String, usize>,
    #[serde(default)]
    pub bookmarks: Vec<Bookmark>,
    #[serde(default)]
    pub filter: SavedFilter,
}

impl ReaderState {
    pub fn new() -> ReaderState {
        ReaderState {
            version: STATE_VERSION,
            ..ReaderState::default()
        }
    }

    /// Parses a state file's bytes. A foreign, corrupt or other-version file is an
    /// error with a reason; the caller reports it and starts afresh.
    pub fn parse(bytes: &[u8]) -> Result<ReaderState, String> {
        let s: ReaderState =
            serde_json::from_slice(bytes).map_err(|e| format!("not a docket state file ({e})"))?;
        if s.version != STATE_VERSION {
            return Err(format!(
                "state file version {} is not {STATE_VERSION}",
                s.version
            ));
        }
        Ok(s)
    }

    /// Loads the state file at `path`: `Ok(None)` when there is none yet.
    pub fn load(path: &Path) -> Result<Option<ReaderState>, String> {
        match std::fs::read(path) {
            Ok(b) => ReaderState::parse(&b).map(Some),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
            Err(e) => Err(crate::collection::walk::io_reason(&e)),
        }
    }

    /// Writes the state atomically.
    pub fn save(&self, path: &Path) -> std::io::Result<()> {
        let bytes = serde_json::to_vec_pretty(self).map_err(std::io::Error::other)?;
        write_atomic(path, &bytes)
    }
}

/// Writes `bytes` to `path` through a temporary file in the same folder and a
/// rename, so readers never see a half-written file.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let dir = path.parent().unwrap_or_else(|| Path::new("."));
    std::fs::create_dir_all(dir)?;
    let mut tmp = tempfile::NamedTempFile::new_in(dir)?;
    tmp.write_all(bytes)?;
    tmp.as_file().sync_all()?;
    tmp.persist(path).map_err(|e| e.error)?;
    Ok(())
}

/// `$XDG_STATE_HOME/docket/state.json` (or the platform's equivalent).
pub fn default_state_path() -> Option<PathBuf> {
    dirs::state_dir()
        .or_else(dirs::data_local_dir)
        .map(|d| d.join("docket").join("state.json"))
}

/// Hex form of an article's content hash.
pub fn hash_hex(h: u64) -> String {
    format!("{h:016x}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip_and_atomic_write() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("sub/state.json");
        let mut s = ReaderState::new();
        s.positions.insert(hash_hex(42), 7);
        s.bookmarks.push(Bookmark {
            article: hash_hex(42),
            title: "Hội nghị".into(),
            block: 3,
        });
        s.filter.speakers.push("Trần Văn Khải".into());
        s.save(&p).unwrap();
        assert_eq!(ReaderState::load(&p).unwrap(), Some(s));
        // No temporary files left behind.
        assert_eq!(std::fs::read_dir(p.parent().unwrap()).unwrap().count(), 1);
    }

    #[test]
    fn corrupt_or_foreign_files_are_errors_not_panics() {
        assert!(
            ReaderState::parse(b"")
                .unwrap_err()
                .contains("not a docket state file")
        );
        assert!(
            ReaderState::parse(b"{\"version\": 99}")
                .unwrap_err()
                .contains("version 99")
        );
        assert!(ReaderState::parse(b"[1,2,3]").is_err());
        assert!(ReaderState::parse(&[0xff, 0x00, 0x12]).is_err());
        let missing = std::path::Path::new("/no/such/dir/state.json");
        assert_eq!(ReaderState::load(missing), Ok(None));
    }
}
