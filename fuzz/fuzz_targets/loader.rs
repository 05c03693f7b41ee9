//! The loader over arbitrary bytes: the first byte picks the file name (and so
//! the format, gzipped or not, or an unknown extension the content decides), the
//! rest is the file. Every article that comes out must be free of terminal
//! controls and its blocks must be valid spans of its text.
#![no_main]

use std::path::Path;

use docket::collection::{self, FileKind, LoadOptions};
use libfuzzer_sys::fuzz_target;

const NAMES: &[&str] = &[
    "a.txt",
    "a.md",
    "a.json",
    "a.jsonl",
    "a.sgm",
    "a.txt.gz",
    "a.json.gz",
    "a.jsonl.gz",
    "a.sgm.gz",
    "a.md.gz",
    "a.dat",
];

fuzz_target!(|data: &[u8]| {
    let Some((&pick, bytes)) = data.split_first() else {
        return;
    };
    let path = Path::new(NAMES[usize::from(pick) % NAMES.len()]);
    let kind = FileKind::from_path(path).unwrap_or(FileKind::Unknown);
    // A small limit, so the gzip bomb check is reached with small inputs.
    let opts = LoadOptions {
        max_file_bytes: 1 << 20,
    };
    let load = collection::load_bytes(path, kind, bytes.to_vec(), &opts);
    for p in &load.problems {
        assert_eq!(p.path, path);
        assert!(!p.reason.is_empty());
        let _ = p.to_string();
    }
    for a in &load.articles {
        for s in [a.text.as_str(), a.display_title(), a.id.as_str()] {
            assert!(
                !s.chars()
                    .any(docket::text::sanitize::is_unsafe_for_terminal),
                "unsafe character survived: {s:?}"
            );
        }
        for b in &a.blocks {
            assert!(
                a.text.get(b.span.clone()).is_some(),
                "bad span {:?}",
                b.span
            );
        }
        let _ = docket::extract::outline(a);
    }
});
