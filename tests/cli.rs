//! The `docket` binary as a user runs it: `outline --json` follows the contract,
//! `check` reports and exits by the rules, usage errors exit 2.

use std::path::Path;
use std::process::{Command, Output};

fn docket(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_docket"))
        .args(args)
        .output()
        .expect("the docket binary runs")
}

fn fixture_dir() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::write(
        d.join("a.txt"),
        "Kỳ họp thứ 6 HĐND tỉnh Sông Lam\nSáng 9/7, HĐND tỉnh Sông Lam khai mạc kỳ họp thứ 6.\nChủ tịch HĐND tỉnh Lê Thị Hạnh chủ trì kỳ họp.\nHải Đăng/TTXVN\n",
    )
    .unwrap();
    std::fs::write(
        d.join("b.jsonl"),
        "{\"title\":\"A\",\"content\":\"Nội dung A.\"}\n{\"title\": broken\n",
    )
    .unwrap();
    std::fs::write(
        d.join("evil.txt"),
        "Evil\n\nText \u{1b}[2J\u{1b}]52;c;SGVsbG8=\u{7} end \u{9b} c1\n",
    )
    .unwrap();
    dir
}

#[test]
fn outline_json_follows_the_contract() {
    let dir = fixture_dir();
    let out = docket(&["outline", "--json", dir.path().to_str().unwrap()]);
    assert!(out.status.success());
    assert!(!out.stdout.contains(&0x1b), "raw ESC in the output");
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).expect("one JSON document");
    let arts = doc["articles"].as_array().unwrap();
    assert_eq!(arts.len(), 3);
    let a = &arts[0];
    assert_eq!(a["id"], "a");
    assert_eq!(a["title"], "Kỳ họp thứ 6 HĐND tỉnh Sông Lam");
    assert_eq!(a["lang"], "vi");
    assert_eq!(a["byline"], "Hải Đăng/TTXVN");
    for key in ["meetings", "speakers", "agenda"] {
        assert!(a[key].is_array(), "{key} is an array");
    }
    assert_eq!(arts[1]["id"], "b#1");
    // The malformed line is reported on stderr, naming file and line.
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("b.jsonl:2: invalid JSON"), "{err}");
}

#[test]
fn outline_tree_is_readable() {
    let dir = fixture_dir();
    let out = docket(&["outline", dir.path().join("a.txt").to_str().unwrap()]);
    let s = String::from_utf8(out.stdout).unwrap();
    assert!(s.starts_with("a  Kỳ họp thứ 6 HĐND tỉnh Sông Lam\n"), "{s}");
    assert!(s.contains("Hải Đăng/TTXVN"));
}

#[test]
fn check_reports_counts_and_problems() {
    let dir = fixture_dir();
    let out = docket(&["check", dir.path().to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0));
    let s = String::from_utf8(out.stdout).unwrap();
    assert!(s.starts_with("3 articles from 3 files"), "{s}");
    assert!(
        s.contains("text      2") && s.contains("jsonl     1"),
        "{s}"
    );
    assert!(s.contains("b.jsonl:2: invalid JSON"), "{s}");
}

#[test]
fn check_exits_one_when_nothing_loads_and_two_on_usage_errors() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("empty.txt"), "").unwrap();
    let out = docket(&["check", dir.path().to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stdout).contains("empty.txt: empty file"));
    assert_eq!(docket(&["check"]).status.code(), Some(2));
    assert_eq!(docket(&["outline", "--bogus", "x"]).status.code(), Some(2));
    let missing = docket(&["check", "/no/such/folder"]);
    assert_eq!(missing.status.code(), Some(1));
    assert!(
        String::from_utf8_lossy(&missing.stdout)
            .contains("/no/such/folder: no such file or folder")
    );
}

#[test]
fn help_and_completions() {
    for cmd in [
        &["--help"][..],
        &["outline", "--help"],
        &["check", "--help"],
    ] {
        let out = docket(cmd);
        assert!(out.status.success());
        assert!(String::from_utf8_lossy(&out.stdout).contains("Usage"));
    }
    let out = docket(&["completions", "bash"]);
    assert!(String::from_utf8_lossy(&out.stdout).contains("_docket"));
    assert!(Path::new(env!("CARGO_BIN_EXE_docket")).exists());
}
