//! The demo collection, embedded in the binary so `docket` with no PATH has
//! something to read. The articles are fictional, written for this project
//! (see assets/DEMO.md).

use std::path::Path;

use crate::collection::{self, Collection, FileKind, LoadOptions};

/// The demo files: (name, bytes).
pub const FILES: &[(&str, &[u8])] = &[
    (
        "01_hoi-nghi-tinh-uy-song-lam.txt",
        include_bytes!("../assets/demo/01_hoi-nghi-tinh-uy-song-lam.txt"),
    ),
    (
        "02_ky-hop-hdnd-hai-van.txt",
        include_bytes!("../assets/demo/02_ky-hop-hdnd-hai-van.txt"),
    ),
    (
        "03_dantri-quan-triet-nghi-quyet.txt",
        include_bytes!("../assets/demo/03_dantri-quan-triet-nghi-quyet.txt"),
    ),
    (
        "04_vnexpress-phien-hop-ban-chi-dao.txt",
        include_bytes!("../assets/demo/04_vnexpress-phien-hop-ban-chi-dao.txt"),
    ),
    (
        "05_northbridge-council.md",
        include_bytes!("../assets/demo/05_northbridge-council.md"),
    ),
    (
        "06_reuters-style-wire.sgm",
        include_bytes!("../assets/demo/06_reuters-style-wire.sgm"),
    ),
    (
        "07_hoi-thao-chuyen-doi-so.txt",
        include_bytes!("../assets/demo/07_hoi-thao-chuyen-doi-so.txt"),
    ),
    (
        "08_the-thao-khong-phai-hop.txt",
        include_bytes!("../assets/demo/08_the-thao-khong-phai-hop.txt"),
    ),
    (
        "09_records.jsonl",
        include_bytes!("../assets/demo/09_records.jsonl"),
    ),
    (
        "10_buoi-lam-viec.json",
        include_bytes!("../assets/demo/10_buoi-lam-viec.json"),
    ),
];

/// Loads the embedded demo collection (paths read `demo/<file>`).
pub fn collection() -> Collection {
    let opts = LoadOptions::default();
    let mut c = Collection::default();
    let loads = FILES
        .iter()
        .map(|(name, bytes)| {
            let path = Path::new("demo").join(name);
            let kind = FileKind::from_path(&path).unwrap_or(FileKind::Unknown);
            collection::load_bytes(&path, kind, bytes.to_vec(), &opts)
        })
        .collect();
    collection::absorb(&mut c, loads);
    c
}

#[cfg(test)]
mod tests {
    #[test]
    fn demo_loads_cleanly() {
        let c = super::collection();
        assert!(c.report.problems.is_empty(), "{:?}", c.report.problems);
        assert_eq!(c.articles.len(), 13);
        assert!(c.articles.iter().all(|a| a.paragraph_count() > 0));
    }
}
