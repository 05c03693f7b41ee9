//! `docket bench` on a small generated scale set: every figure is there and
//! plausible (no timing is asserted: the machine may be busy).

use std::process::Command;

use serde_json::Value;

const N: usize = 120;

fn scale_dir() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let set = docket::bench::generate_scale_set(dir.path(), N, 7).unwrap();
    assert_eq!(set.files, N);
    dir
}

fn bench(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_docket"))
        .arg("bench")
        .args(args)
        .output()
        .expect("the docket binary runs")
}

fn ms(v: &Value) -> f64 {
    v.as_f64().unwrap_or_else(|| panic!("not a number: {v}"))
}

fn check_latency(l: &Value, n: u64) {
    assert_eq!(l["n"], n, "{l}");
    let (p50, p90, p99, max) = (
        ms(&l["p50_ms"]),
        ms(&l["p90_ms"]),
        ms(&l["p99_ms"]),
        ms(&l["max_ms"]),
    );
    assert!(0.0 <= p50 && p50 <= p90 && p90 <= p99 && p99 <= max, "{l}");
    assert!(max < 60_000.0, "{l}");
}

#[test]
fn bench_json_has_every_figure() {
    let dir = scale_dir();
    let out = bench(&["--json", "--keys", "20", dir.path().to_str().unwrap()]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let r: Value = serde_json::from_slice(&out.stdout).expect("one JSON document");

    assert_eq!(r["files"], N);
    assert_eq!(r["articles"], N);
    assert_eq!(r["problems"], 0);
    assert!(r["threads"].as_u64().unwrap() >= 1);
    let bytes = r["bytes"].as_u64().unwrap();
    assert!(bytes > N as u64 * 1000, "{bytes}");
    for pass in ["cat_first", "cat", "outline"] {
        assert!(ms(&r[pass]["seconds"]) > 0.0, "{pass}: {}", r[pass]);
        assert!(ms(&r[pass]["mb_per_s"]) > 0.0, "{pass}: {}", r[pass]);
    }
    assert!(ms(&r["outline_articles_per_s"]) > 0.0);
    assert!(ms(&r["outline_vs_cat"]) > 0.0);
    if cfg!(target_os = "linux") {
        let (outline, end) = (
            r["peak_rss_outline"].as_u64().unwrap(),
            r["peak_rss"].as_u64().unwrap(),
        );
        assert!(outline > 1 << 20 && outline <= end, "{outline} {end}");
    }

    let rd = &r["reader"];
    assert_eq!(
        (rd["width"].as_u64(), rd["height"].as_u64()),
        (Some(140), Some(40))
    );
    let first = ms(&rd["first_frame_ms"]);
    let listed = ms(&rd["first_articles_ms"]);
    assert!(first > 0.0 && listed >= first, "{rd}");
    assert!(ms(&rd["loaded_s"]) * 1e3 >= listed, "{rd}");
    // The next opens, each in a new process, come from the cache the first wrote.
    assert!(rd["cache_bytes"].as_u64().unwrap() > 0, "{rd}");
    let reopens = rd["reopen"].as_array().unwrap();
    assert_eq!(reopens.len(), 2, "{rd}");
    for ro in reopens {
        assert_eq!(ro["from_cache"], N, "{rd}");
        assert_eq!(ro["in_process"], false, "{rd}");
        let relisted = ms(&ro["first_articles_ms"]);
        assert!(
            relisted > 0.0 && ms(&ro["loaded_s"]) * 1e3 >= relisted,
            "{rd}"
        );
    }
    assert!(rd["search_index_bytes"].as_u64().unwrap() > 0);
    check_latency(&rd["frame"], 20);
    check_latency(&rd["keys_all"], 20);
    let keys = rd["keys"].as_array().unwrap();
    assert_eq!(keys.len(), 3);
    assert_eq!(
        keys.iter().map(|k| k["n"].as_u64().unwrap()).sum::<u64>(),
        20
    );

    let s = &r["search"];
    let queries = s["queries"].as_array().unwrap();
    assert_eq!(queries.len(), docket::bench::QUERIES.len());
    let hoi_nghi = queries.iter().find(|q| q["query"] == "hoi nghi").unwrap();
    let matches = hoi_nghi["matches"].as_u64().unwrap();
    assert!(matches > 0 && matches <= N as u64, "{hoi_nghi}");
    assert!(
        queries
            .iter()
            .any(|q| q["query"].as_str().unwrap().starts_with("speaker:")
                && q["matches"].as_u64().unwrap() > 0)
    );
    check_latency(&s["library"], 3 * queries.len() as u64);
    check_latency(&s["reader"], queries.len() as u64);

    let f = &r["speaker_filter"];
    let filters = f["filters"].as_u64().unwrap();
    assert!(filters >= 20, "{f}");
    check_latency(&f["library"], filters);
    check_latency(&f["reader"], filters);
}

#[test]
fn bench_table_is_readable() {
    let dir = scale_dir();
    let out = bench(&["--keys", "8", dir.path().to_str().unwrap()]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let t = String::from_utf8(out.stdout).unwrap();
    assert!(
        t.starts_with(&format!("docket bench: {N} articles in {N} files")),
        "{t}"
    );
    for row in [
        "cat, page cache warm",
        "outline --json (load+cleanup+extraction)",
        "MB/s",
        "peak RSS",
        "first frame",
        "first articles listed",
        "second open (new process)",
        "third open (new process)",
        "key down (next article)",
        "key to frame, all keys",
        "hoi nghi",
        "search, library",
        "filter, reader",
        "p50",
        "p99",
    ] {
        assert!(t.contains(row), "no {row:?} in\n{t}");
    }
    assert!(!t.contains('\u{1b}'), "no escapes in the table");
}

#[test]
fn bench_of_nothing_fails() {
    let dir = tempfile::tempdir().unwrap();
    let out = bench(&["--keys", "4", dir.path().to_str().unwrap()]);
    assert!(!out.status.success());
    let t = String::from_utf8_lossy(&out.stdout);
    assert!(t.contains("docket bench: 0 articles"), "{t}");
}
