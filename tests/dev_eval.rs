//! Checks against the shared evaluation articles (real scrapes with gold outlines).
//! They run only where `../shared/eval/dev` exists (CI has it; set DOCKET_SHARED to
//! point elsewhere) and say so when skipped.

use std::path::PathBuf;

use docket::collection::{self, LoadOptions};
use unicode_normalization::UnicodeNormalization;

fn shared() -> Option<PathBuf> {
    let root = std::env::var_os("DOCKET_SHARED")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared"));
    let dev = root.join("eval/dev");
    if dev.join("articles").is_dir() && dev.join("gold").is_dir() {
        Some(root)
    } else {
        eprintln!(
            "SKIPPED: {} not found (the shared evaluation set is not on this machine)",
            dev.display()
        );
        None
    }
}

/// The scorer's comparison: NFC, lower case, spaces collapsed, edge punctuation off.
fn norm(s: &str) -> String {
    let s: String = s.nfc().collect::<String>().to_lowercase();
    let s = s.split_whitespace().collect::<Vec<_>>().join(" ");
    s.trim_matches(|c: char| " .,;:!?\"'“”‘’()[]-–—…".contains(c))
        .to_owned()
}

#[test]
fn dev_articles_load_with_gold_titles_and_bylines() {
    let Some(root) = shared() else { return };
    let dev = root.join("eval/dev");
    let c = collection::load(&[dev.join("articles")], &LoadOptions::default());
    assert!(c.report.problems.is_empty(), "{:?}", c.report.problems);
    assert_eq!(c.articles.len(), 73);

    let (mut titles, mut title_ok, mut bylines_ok) = (0, 0, 0);
    let mut misses = Vec::new();
    for a in &c.articles {
        let gold: serde_json::Value = serde_json::from_slice(
            &std::fs::read(dev.join("gold").join(format!("{}.gold.json", a.id))).unwrap(),
        )
        .unwrap();
        if let Some(t) = gold["title"].as_str() {
            titles += 1;
            if norm(t) == norm(a.title.as_deref().unwrap_or("")) {
                title_ok += 1;
            } else {
                misses.push(format!("title {}: {t:?} got {:?}", a.id, a.title));
            }
        }
        let gb = gold["byline"].as_str().map(norm);
        if gb == a.byline.as_deref().map(norm) {
            bylines_ok += 1;
        } else {
            misses.push(format!("byline {}: {gb:?} got {:?}", a.id, a.byline));
        }
    }
    let title_rate = title_ok as f64 / titles as f64;
    let byline_rate = bylines_ok as f64 / c.articles.len() as f64;
    eprintln!(
        "dev: title accuracy {title_rate:.3} ({title_ok}/{titles}), byline accuracy {byline_rate:.3} ({bylines_ok}/73)"
    );
    for m in &misses {
        eprintln!("  {m}");
    }
    assert!(title_rate >= 0.9, "title accuracy {title_rate:.3} < 0.9");
}

#[test]
fn shared_jsonl_records_load() {
    let Some(root) = shared() else { return };
    let path = root.join("corpus/formats/vi-records.jsonl");
    if !path.exists() {
        eprintln!("SKIPPED: {} not found", path.display());
        return;
    }
    let c = collection::load(&[path], &LoadOptions::default());
    assert_eq!(c.articles.len(), 20);
    assert!(c.report.problems.is_empty(), "{:?}", c.report.problems);
    assert!(
        c.articles
            .iter()
            .all(|a| a.title.is_some() && a.paragraph_count() > 0)
    );
}
