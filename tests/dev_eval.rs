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

/// The accuracy floors on the dev set, scored by the shared scorer on
/// `docket outline --json`: the floors the extraction issue sets.
#[test]
fn dev_scores_stay_above_their_floors() {
    let Some(root) = shared() else { return };
    let eval = root.join("eval");
    let python = ["python3", "python"].into_iter().find(|p| {
        std::process::Command::new(p)
            .arg("--version")
            .output()
            .is_ok()
    });
    let Some(python) = python else {
        eprintln!("SKIPPED: no python to run the shared scorer");
        return;
    };
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_docket"))
        .args(["outline", "--json"])
        .arg(eval.join("dev/articles"))
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let dir = tempfile::tempdir().unwrap();
    let pred = dir.path().join("pred.json");
    std::fs::write(&pred, &out.stdout).unwrap();
    let scored = std::process::Command::new(python)
        .arg(eval.join("score.py"))
        .arg("--gold")
        .arg(eval.join("dev/gold"))
        .arg("--pred")
        .arg(&pred)
        .arg("--json")
        .output()
        .unwrap();
    assert!(
        scored.status.success(),
        "{}",
        String::from_utf8_lossy(&scored.stderr)
    );
    let s: serde_json::Value = serde_json::from_slice(&scored.stdout).unwrap();
    let f1 = |k: &str| s[k]["f1"].as_f64().unwrap();
    let table = [
        ("speakers F1", f1("speakers"), 0.90),
        ("roles F1", f1("roles"), 0.85),
        ("agenda F1", f1("agenda"), 0.85),
        ("meeting detection F1", f1("detect"), 0.95),
        ("chairs F1", f1("chairs"), 0.90),
        (
            "main date accuracy",
            s["main_date_accuracy"].as_f64().unwrap(),
            0.90,
        ),
        (
            "title accuracy",
            s["title_accuracy"].as_f64().unwrap(),
            0.95,
        ),
    ];
    for (name, got, floor) in table {
        eprintln!("dev {name}: {got:.3} (floor {floor})");
    }
    for (name, got, floor) in table {
        assert!(got >= floor, "dev {name} {got:.3} fell below {floor}");
    }
}

/// The seed article, end to end: one speaker with both roles, three agenda items
/// linked to their paragraphs, the main meeting on 29/4 chaired by him, and the
/// 22-23/4 online meeting as a second one.
#[test]
fn seed_article_outline() {
    let Some(root) = shared() else { return };
    let path = root.join("eval/dev/articles/000_00664e6606842742.txt");
    let c = collection::load(&[path], &LoadOptions::default());
    let a = &c.articles[0];
    let o = docket::extract::outline(a);
    let speakers: Vec<(&str, Vec<&str>)> = o
        .speakers
        .iter()
        .map(|s| {
            (
                s.name.as_str(),
                s.roles.iter().map(String::as_str).collect(),
            )
        })
        .collect();
    assert_eq!(speakers.len(), 1, "{speakers:?}");
    assert_eq!(speakers[0].0, "Đinh Tiến Dũng");
    assert_eq!(speakers[0].1.len(), 2, "{speakers:?}");
    assert!(o.speakers[0].statements.len() >= 3);

    let main = &o.meetings[0];
    assert!(main.main);
    assert_eq!(main.kind, "hội nghị");
    assert_eq!(
        main.date.as_ref().map(|d| d.normalized()).as_deref(),
        Some("29/4")
    );
    assert_eq!(main.chairs, ["Đinh Tiến Dũng"]);
    let online = o
        .meetings
        .iter()
        .find(|m| m.online)
        .expect("the online meeting");
    assert_eq!(
        online.date.as_ref().map(|d| d.normalized()).as_deref(),
        Some("22-23/4")
    );

    assert_eq!(o.agenda.len(), 3, "{:?}", o.agenda);
    let paragraphs = a.paragraph_count();
    for item in &o.agenda {
        assert!(!item.blocks.is_empty(), "{} is linked", item.text);
        assert!(item.blocks.iter().all(|&b| b < paragraphs + 10));
    }
    // "... đối với Dự thảo chương trình hành động ..." belongs to item 1.
    let first = &o.agenda[0];
    let linked: Vec<&str> = first
        .blocks
        .iter()
        .map(|&b| a.slice(&a.blocks[b].span))
        .collect();
    assert!(
        linked.iter().any(|t| t
            .to_lowercase()
            .contains("đối với dự thảo chương trình hành động")),
        "{linked:?}"
    );
}
