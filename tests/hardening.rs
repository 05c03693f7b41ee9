//! The bad-input matrix: every hostile or merely huge input a collection can hold,
//! each generated in a temporary folder next to one good article. For each: no
//! panic, the load finishes (time is printed, never asserted), a bad file is
//! named with its reason, and the good article beside it still loads, is
//! outlined and opens in the reader.
//!
//! Also: crashers found by fuzzing (kept as regression tests), and the reader's
//! state file when it is corrupt or cannot be written.
//!
//! Run `cargo test --release --test hardening -- --nocapture` to see the time
//! each big case takes.

use docket::tui;

use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::Instant;

use docket::collection::{LoadOptions, Problem, Severity};
use docket::index::Library;
use docket::pipeline::{self, Outlined};
use docket::state::ReaderState;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::layout::Rect;

/// The good article put beside every bad input.
const GOOD: &str = "Hội đồng nhân dân tỉnh Sông Lam họp kỳ thứ 6\n\
Sáng 9/7, HĐND tỉnh Sông Lam khai mạc kỳ họp thứ 6.\n\
Chủ tịch HĐND tỉnh Lê Thị Hạnh chủ trì kỳ họp.\n\
Phát biểu khai mạc, bà Lê Thị Hạnh cho biết kỳ họp xem xét 20 báo cáo.\n\
Hải Đăng/TTXVN\n";

const GOOD_TITLE: &str = "Hội đồng nhân dân tỉnh Sông Lam họp kỳ thứ 6";

fn write(dir: &Path, name: &str, bytes: impl AsRef<[u8]>) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, bytes).unwrap();
    p
}

/// A folder with the good article and whatever `bad` adds, loaded and outlined.
struct Case {
    dir: tempfile::TempDir,
    out: Outlined,
}

fn case(what: &str, bad: impl FnOnce(&Path)) -> Case {
    case_with(what, &LoadOptions::default(), bad)
}

fn case_with(what: &str, opts: &LoadOptions, bad: impl FnOnce(&Path)) -> Case {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "good.txt", GOOD);
    let made = Instant::now();
    bad(dir.path());
    let made = made.elapsed();
    let started = Instant::now();
    let out = pipeline::load_and_outline(&[dir.path().to_path_buf()], opts);
    eprintln!(
        "{what}: input written in {made:.2?}, loaded and outlined in {:.2?} ({} articles, {} problems)",
        started.elapsed(),
        out.collection.articles.len(),
        out.collection.report.problems.len()
    );
    let c = Case { dir, out };
    c.assert_good_loaded();
    c
}

impl Case {
    /// The good article loaded, with its outline: the meeting and its chair.
    fn assert_good_loaded(&self) {
        let arts = &self.out.collection.articles;
        let k = arts
            .iter()
            .position(|a| a.id == "good")
            .unwrap_or_else(|| panic!("the good article did not load: {:?}", self.problems()));
        let a = &arts[k];
        assert_eq!(a.title.as_deref(), Some(GOOD_TITLE));
        assert_eq!(a.paragraph_count(), 3);
        let o = &self.out.outlines[k];
        assert!(!o.meetings.is_empty(), "no meeting outlined: {o:?}");
        assert!(
            o.speakers.iter().any(|s| s.name == "Lê Thị Hạnh"),
            "speakers: {:?}",
            o.speakers.iter().map(|s| &s.name).collect::<Vec<_>>()
        );
    }

    fn problems(&self) -> &[Problem] {
        &self.out.collection.report.problems
    }

    /// The one problem reported for `name` (a file in the folder).
    fn problem(&self, name: &str) -> &Problem {
        let found: Vec<&Problem> = self
            .problems()
            .iter()
            .filter(|p| p.path.file_name().is_some_and(|n| n == name))
            .collect();
        assert!(
            !found.is_empty(),
            "no problem names {name}: {:?}",
            self.problems()
        );
        // The warning as the user sees it names the file.
        let shown = found[0].to_string();
        assert!(shown.contains(name), "{shown}");
        found[0]
    }

    fn no_problem_for(&self, name: &str) {
        let found: Vec<&Problem> = self
            .problems()
            .iter()
            .filter(|p| p.path.file_name().is_some_and(|n| n == name))
            .collect();
        assert!(found.is_empty(), "{found:?}");
    }

    /// Articles loaded from `name`.
    fn articles_from(&self, name: &str) -> Vec<&docket::article::Article> {
        self.out
            .collection
            .articles
            .iter()
            .filter(|a| a.origin.path.file_name().is_some_and(|n| n == name))
            .collect()
    }

    /// Opens every article in the reader and draws a frame: the reader copes with
    /// whatever loaded.
    fn draw_all(self) -> Self {
        let Case { dir, out } = self;
        let started = Instant::now();
        let mut lib = Library::default();
        for (a, o) in out.collection.articles.iter().zip(&out.outlines) {
            lib.push(a.clone(), o.clone());
        }
        let n = lib.len();
        let mut app = tui::app::App::new(lib, tui::keymap::Keymap::default(), ReaderState::new());
        app.resize(Rect::new(0, 0, 120, 30));
        let theme = tui::theme::Theme::new(docket::config::Theme::Dark, true);
        let mut t = Terminal::new(TestBackend::new(120, 30)).unwrap();
        for _ in 0..n {
            t.draw(|f| tui::draw::draw(f, &app, &theme)).unwrap();
            // To the end of the text and back, then the next article.
            for code in [
                KeyCode::Tab,
                KeyCode::Tab,
                KeyCode::Char('G'),
                KeyCode::Char('g'),
                KeyCode::Tab,
                KeyCode::Char('j'),
            ] {
                app.on_key(KeyEvent::new(code, KeyModifiers::NONE));
            }
        }
        t.draw(|f| tui::draw::draw(f, &app, &theme)).unwrap();
        eprintln!("  drawn in the reader in {:.2?}", started.elapsed());
        Case { dir, out }
    }
}

/// Deterministic pseudo-random bytes (xorshift).
fn noise(len: usize, mut seed: u64) -> Vec<u8> {
    (0..len)
        .map(|_| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            (seed >> 24) as u8
        })
        .collect()
}

// ------------------------------------------------------------- empty and binary

#[test]
fn empty_file() {
    let c = case("empty file", |d| {
        write(d, "empty.txt", "");
    });
    let p = c.problem("empty.txt");
    assert_eq!(
        (p.reason.as_str(), p.severity),
        ("empty file", Severity::Skipped)
    );
}

#[test]
fn zero_byte_jsonl() {
    let c = case("zero-byte JSONL", |d| {
        write(d, "empty.jsonl", "");
        write(d, "blank.jsonl", "\n\n  \n");
    });
    assert_eq!(c.problem("empty.jsonl").reason, "empty file");
    assert_eq!(c.problem("blank.jsonl").reason, "empty file");
}

#[test]
fn binary_nuls_and_random_bytes() {
    let c = case("binary", |d| {
        write(d, "nuls.txt", vec![0u8; 1 << 16]);
        write(d, "random.txt", noise(1 << 16, 0x9e37_79b9_7f4a_7c15));
        let no_nul: Vec<u8> = noise(1 << 16, 42).into_iter().map(|b| b.max(1)).collect();
        write(d, "random_no_nul.json", no_nul);
        let mut png = b"\x89PNG\r\n\x1a\n".to_vec();
        png.extend(noise(4096, 7));
        write(d, "image.md", png);
    });
    for name in ["nuls.txt", "random.txt", "random_no_nul.json", "image.md"] {
        let p = c.problem(name);
        assert_eq!(p.reason, "binary data, not text", "{name}");
        assert!(c.articles_from(name).is_empty(), "{name}");
    }
}

// ------------------------------------------------------------------- encodings

#[test]
fn invalid_utf8_is_replaced_with_a_warning() {
    let c = case("invalid UTF-8", |d| {
        let mut b = GOOD.replace("good", "").into_bytes();
        b.splice(30..30, [0xff, 0xfe, 0xc3]);
        b.extend_from_slice(b"\xe1\xba");
        write(d, "broken.txt", b);
    });
    let p = c.problem("broken.txt");
    assert_eq!(p.severity, Severity::Warning);
    assert!(
        p.reason.contains("invalid UTF-8 byte sequences replaced"),
        "{}",
        p.reason
    );
    let a = c.articles_from("broken.txt");
    assert_eq!(a.len(), 1);
    assert!(a[0].text.contains('\u{fffd}'));
    assert!(a[0].text.contains("Lê Thị Hạnh chủ trì"));
}

#[test]
fn utf16_with_and_without_bom_windows_1258_and_nfd() {
    use unicode_normalization::UnicodeNormalization;
    let c = case("encodings", |d| {
        let mut le = vec![0xff, 0xfe];
        le.extend(GOOD.encode_utf16().flat_map(u16::to_le_bytes));
        write(d, "utf16le_bom.txt", le);
        let mut be = vec![0xfe, 0xff];
        be.extend(GOOD.encode_utf16().flat_map(u16::to_be_bytes));
        write(d, "utf16be_bom.txt", be);
        let le: Vec<u8> = GOOD.encode_utf16().flat_map(u16::to_le_bytes).collect();
        write(d, "utf16le.txt", le);
        let be: Vec<u8> = GOOD.encode_utf16().flat_map(u16::to_be_bytes).collect();
        write(d, "utf16be.txt", be);
        // windows-1258 writes tones as combining marks after the base letter.
        let tones = ['\u{300}', '\u{301}', '\u{303}', '\u{309}', '\u{323}'];
        let mut partly = String::new();
        for ch in GOOD.chars() {
            let dec: String = ch.to_string().nfd().collect();
            partly.extend(
                dec.chars()
                    .filter(|m| !tones.contains(m))
                    .collect::<String>()
                    .nfc(),
            );
            partly.extend(dec.chars().filter(|m| tones.contains(m)));
        }
        let (bytes, _, unmappable) = encoding_rs::WINDOWS_1258.encode(&partly);
        assert!(!unmappable);
        write(d, "cp1258.txt", bytes);
        write(d, "nfd.txt", GOOD.nfd().collect::<String>());
    });
    for name in [
        "utf16le_bom.txt",
        "utf16be_bom.txt",
        "utf16le.txt",
        "utf16be.txt",
        "cp1258.txt",
        "nfd.txt",
    ] {
        c.no_problem_for(name);
        let a = c.articles_from(name);
        assert_eq!(a.len(), 1, "{name}");
        assert_eq!(a[0].title.as_deref(), Some(GOOD_TITLE), "{name}");
        assert_eq!(a[0].paragraph_count(), 3, "{name}");
        assert!(a[0].text.nfc().eq(a[0].text.chars()), "{name} is not NFC");
    }
}

// ------------------------------------------------------------------- big inputs

#[test]
fn one_50_mb_line() {
    let c = case("one 50 MB line", |d| {
        let mut f = std::fs::File::create(d.join("line.txt")).unwrap();
        let chunk = "đại biểu thảo luận về kế hoạch phát triển kinh tế ".repeat(1000);
        let mut n = 0;
        while n < 50_000_000 {
            f.write_all(chunk.as_bytes()).unwrap();
            n += chunk.len();
        }
    })
    .draw_all();
    c.no_problem_for("line.txt");
    let a = c.articles_from("line.txt");
    assert_eq!(a.len(), 1);
    assert!(a[0].text.len() >= 50_000_000);
    assert!(a[0].paragraph_count() >= 1);
}

#[test]
fn a_million_short_lines() {
    let c = case("a million short lines", |d| {
        let mut s = String::with_capacity(12_000_000);
        for i in 0..1_000_000 {
            s.push_str(&format!("Dòng {i}.\n"));
        }
        write(d, "lines.txt", s);
        let mut j = String::with_capacity(40_000_000);
        for i in 0..1_000_000 {
            if i % 1000 == 0 {
                j.push_str(&format!(
                    "{{\"title\":\"T{i}\",\"content\":\"Nội dung {i}.\"}}\n"
                ));
            } else {
                j.push_str("{}\n");
            }
        }
        write(d, "lines.jsonl", j);
    })
    .draw_all();
    c.no_problem_for("lines.txt");
    let a = c.articles_from("lines.txt");
    assert_eq!(a.len(), 1);
    assert!(a[0].text.contains("Dòng 999999."));
    // JSONL: 1,000 records load; each empty object is named by its line.
    assert_eq!(c.articles_from("lines.jsonl").len(), 1000);
    let jsonl: Vec<&Problem> = c
        .problems()
        .iter()
        .filter(|p| p.path.ends_with("lines.jsonl"))
        .collect();
    assert_eq!(jsonl.len(), 999_000);
    assert_eq!(jsonl[0].line, Some(2));
    assert!(jsonl[0].reason.starts_with("no text field"), "{}", jsonl[0]);
}

#[test]
fn a_title_of_1_mb() {
    let title = "Hội nghị ".repeat(1 << 17);
    assert!(title.len() > 1 << 20);
    let c = case("a 1 MB title field", |d| {
        write(
            d,
            "big_title.jsonl",
            format!("{{\"title\":\"{title}\",\"content\":\"Sáng 9/7, đại biểu họp.\"}}\n"),
        );
        write(
            d,
            "big_title.md",
            format!("# {title}\n\nSáng 9/7, đại biểu họp.\n"),
        );
    })
    .draw_all();
    for name in ["big_title.jsonl", "big_title.md"] {
        c.no_problem_for(name);
        let a = c.articles_from(name);
        assert_eq!(a.len(), 1, "{name}");
        assert_eq!(a[0].title.as_deref(), Some(title.trim()), "{name}");
        assert!(a[0].text.contains("Sáng 9/7, đại biểu họp."), "{name}");
    }
}

/// A plain-text file whose first line (the headline) is about `bytes` long.
fn long_headline(what: &str, bytes: usize) {
    let title = "Hội nghị ".repeat(bytes / "Hội nghị ".len());
    let c = case(what, |d| {
        write(
            d,
            "big_headline.txt",
            format!("{title}\nSáng 9/7, đại biểu họp.\n"),
        );
    })
    .draw_all();
    c.no_problem_for("big_headline.txt");
    let a = c.articles_from("big_headline.txt");
    assert_eq!(a.len(), 1);
    assert!(a[0].text.contains("Sáng 9/7, đại biểu họp."));
}

#[test]
fn a_headline_line_of_128_kb() {
    long_headline("a 128 KB headline line", 128 << 10);
}

/// The full-size case: finishes, but extraction is quadratic in the meeting words
/// of one block (`extract::meetings::find` compares every hit with every other and
/// scans the whole sentence for each): about 32 s on an idle 2-core machine
/// (1.7 MB: over 2 minutes), against 0.3 s for the 128 KB case above.
#[test]
fn a_headline_line_of_1_mb() {
    long_headline("a 1 MB headline line", 1 << 20);
}

fn many_paragraphs(what: &str, n: usize) {
    let c = case(what, |d| {
        let mut s = String::from("Kỳ họp thứ 6\n\n");
        for i in 0..n {
            s.push_str(&format!(
                "Đoạn {i}: ông Trần Văn Minh cho biết kỳ họp lần thứ {i} đã thành công.\n\n"
            ));
        }
        write(d, "paragraphs.txt", s);
    })
    .draw_all();
    c.no_problem_for("paragraphs.txt");
    let a = c.articles_from("paragraphs.txt");
    assert_eq!(a.len(), 1);
    assert!(
        a[0].paragraph_count() >= n - n / 100,
        "{}",
        a[0].paragraph_count()
    );
}

#[test]
fn twenty_thousand_paragraphs() {
    many_paragraphs("20,000 paragraphs", 20_000);
}

/// The full-size case: finishes, but extraction is quadratic in the mentions of
/// one person (`extract::people::find`): about 25 s on an idle 2-core machine,
/// against 0.3 s for 20,000 paragraphs.
#[test]
fn a_hundred_thousand_paragraphs() {
    many_paragraphs("100,000 paragraphs", 100_000);
}

// ------------------------------------------------------------- folders and files

#[cfg(unix)]
#[test]
fn a_10000_deep_folder_chain() {
    let c = case("10,000-deep folders", |d| {
        // Made in chunks with relative paths: no absolute path this long can be
        // passed to mkdir (PATH_MAX is 4096).
        let chunk = vec!["d"; 1000].join("/");
        let status = std::process::Command::new("sh")
            .arg("-c")
            .arg("cd -P \"$1\" && for i in 1 2 3 4 5 6 7 8 9 10; do mkdir -p \"$2\" && cd -P \"$2\" || exit 1; done; echo 'Sáng 9/7, đại biểu họp.' > deep.txt")
            .arg("sh")
            .arg(d)
            .arg(&chunk)
            .status()
            .unwrap();
        assert!(status.success());
        write(d, "z_after.txt", "Sáng 9/7, đại biểu họp lần nữa.\n");
    });
    // The walk goes as deep as paths can be opened, says where it stopped and
    // why, and goes on with the rest of the folder.
    let p = c
        .problems()
        .iter()
        .find(|p| p.path.starts_with(c.dir.path().join("d")))
        .unwrap_or_else(|| panic!("{:?}", c.problems()));
    assert!(p.reason.contains("too long"), "{}", p.reason);
    assert!(p.path.as_os_str().len() > 4000);
    assert_eq!(c.articles_from("z_after.txt").len(), 1);
}

#[cfg(unix)]
#[test]
fn symlink_loops() {
    let c = case("symlink loops", |d| {
        std::os::unix::fs::symlink(".", d.join("self")).unwrap();
        std::fs::create_dir_all(d.join("a/b")).unwrap();
        std::os::unix::fs::symlink("../../a", d.join("a/b/up")).unwrap();
        write(&d.join("a"), "inner.txt", "Sáng 9/7, đại biểu họp.\n");
        std::os::unix::fs::symlink("nowhere.txt", d.join("dangling.txt")).unwrap();
    });
    let loops: Vec<&Problem> = c
        .problems()
        .iter()
        .filter(|p| p.reason.contains("symlink loop"))
        .collect();
    assert_eq!(loops.len(), 2, "{:?}", c.problems());
    assert!(loops.iter().any(|p| p.path.ends_with("self")));
    assert!(loops.iter().any(|p| p.path.ends_with("a/b/up")));
    // Loaded once, not once per way round the loop.
    assert_eq!(c.articles_from("inner.txt").len(), 1);
    assert_eq!(c.problem("dangling.txt").reason, "no such file or folder");
}

#[cfg(unix)]
#[test]
fn an_unreadable_file() {
    use std::os::unix::fs::PermissionsExt;
    let c = case("chmod 000", |d| {
        let p = write(d, "locked.txt", GOOD);
        std::fs::set_permissions(&p, std::fs::Permissions::from_mode(0o000)).unwrap();
    });
    let locked = c.dir.path().join("locked.txt");
    if std::fs::read(&locked).is_ok() {
        eprintln!(
            "an_unreadable_file: running as root, who can read a chmod 000 file; \
             the permission-denied assertion is skipped"
        );
        assert_eq!(c.articles_from("locked.txt").len(), 1);
    } else {
        let p = c.problem("locked.txt");
        assert_eq!(p.reason, "permission denied (not readable)");
        assert!(c.articles_from("locked.txt").is_empty());
    }
}

#[cfg(unix)]
#[test]
fn a_fifo_named_like_an_article_does_not_block() {
    let c = case("fifo", |d| {
        let st = std::process::Command::new("mkfifo")
            .arg(d.join("pipe.txt"))
            .status();
        if !st.is_ok_and(|s| s.success()) {
            eprintln!("mkfifo not available; the fifo is not tested");
        }
    });
    // Not a regular file: never opened (opening it would wait for a writer).
    assert!(c.articles_from("pipe.txt").is_empty());
}

// ------------------------------------------------------------------------- JSON

#[test]
fn malformed_and_truncated_json() {
    let c = case("malformed JSON", |d| {
        write(d, "malformed.json", "{\"title\": \"a\", \"body\": }");
        write(
            d,
            "truncated.json",
            "[{\"title\":\"a\",\"body\":\"x\"},{\"tit",
        );
        write(
            d,
            "truncated.jsonl",
            "{\"title\":\"A\",\"content\":\"Nội dung A.\"}\n{\"title\":\"B\",\"cont",
        );
        write(d, "not_json.json", "<html><body>404</body></html>");
        write(d, "scalar.json", "42");
        write(d, "deep.json", "[".repeat(100_000));
        write(d, "deep_obj.jsonl", "{\"a\":".repeat(100_000));
    });
    for name in [
        "malformed.json",
        "truncated.json",
        "not_json.json",
        "deep.json",
    ] {
        let p = c.problem(name);
        assert!(p.reason.starts_with("invalid JSON"), "{name}: {}", p.reason);
        assert!(p.line.is_some(), "{name}");
        assert!(c.articles_from(name).is_empty());
    }
    assert!(c.problem("scalar.json").reason.contains("found a number"));
    let p = c.problem("truncated.jsonl");
    assert_eq!(p.line, Some(2));
    assert!(p.reason.contains("EOF"), "{}", p.reason);
    assert_eq!(c.articles_from("truncated.jsonl").len(), 1);
    let p = c.problem("deep_obj.jsonl");
    assert!(p.reason.contains("recursion limit"), "{}", p.reason);
}

#[test]
fn json_with_wrong_field_types() {
    let c = case("wrong JSON types", |d| {
        write(
            d,
            "types.jsonl",
            concat!(
                "{\"title\":5,\"content\":{\"nested\":true}}\n",
                "{\"title\":[1,2],\"content\":null}\n",
                "{\"title\":{\"x\":1},\"content\":false,\"summary\":[]}\n",
                "{\"title\":true,\"content\":[\"Đoạn một.\",{\"text\":\"Đoạn hai.\"},3]}\n",
                "{\"title\":\"Ngày\",\"content\":\"Sáng 9/7.\",\"date\":{\"y\":2025},\"tags\":7,\"url\":[]}\n",
                "[\"a\",\"b\"]\n",
                "\"just a string\"\n",
            ),
        );
    });
    let lines: Vec<(Option<usize>, &str)> = c
        .problems()
        .iter()
        .filter(|p| p.path.ends_with("types.jsonl"))
        .map(|p| (p.line, p.reason.as_str()))
        .collect();
    assert_eq!(
        lines,
        [
            (Some(1), "field \"content\" holds no text"),
            (Some(2), "field \"content\" holds no text"),
            (Some(3), "field \"content\" holds no text"),
            (Some(6), "expected a JSON object, found an array"),
            (Some(7), "expected a JSON object, found a string"),
        ]
    );
    let a = c.articles_from("types.jsonl");
    assert_eq!(a.len(), 2);
    assert_eq!(a[0].paragraph_count(), 3);
    assert_eq!(a[1].meta.date, None);
}

// ------------------------------------------------------------------------- gzip

fn gzip_of_zeros(path: &Path, len: usize) {
    let f = std::fs::File::create(path).unwrap();
    let mut gz = flate2::write::GzEncoder::new(f, flate2::Compression::fast());
    let zeros = vec![0u8; 1 << 20];
    for _ in 0..len >> 20 {
        gz.write_all(&zeros).unwrap();
    }
    gz.finish().unwrap();
}

#[test]
fn gzip_bomb_stops_at_the_size_limit() {
    let c = case("gzip bomb (1 GiB of zeros)", |d| {
        gzip_of_zeros(&d.join("bomb.jsonl.gz"), 1 << 30);
        // A bomb of text, not zeros: decompression is what is stopped, not decoding.
        let f = std::fs::File::create(d.join("textbomb.txt.gz")).unwrap();
        let mut gz = flate2::write::GzEncoder::new(f, flate2::Compression::fast());
        let line = "Sáng 9/7, đại biểu họp. ".repeat(40_000);
        for _ in 0..(200 << 20) / line.len() {
            gz.write_all(line.as_bytes()).unwrap();
        }
        gz.finish().unwrap();
        // Gzip inside gzip is read once: the inner stream is binary data.
        let mut inner = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        inner.write_all(&vec![0u8; 32 << 20]).unwrap();
        let mut outer = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        outer.write_all(&inner.finish().unwrap()).unwrap();
        write(d, "nested.txt.gz", outer.finish().unwrap());
        // Cut off in the middle of the stream.
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        gz.write_all(GOOD.as_bytes()).unwrap();
        let mut cut = gz.finish().unwrap();
        cut.truncate(cut.len() / 2);
        write(d, "cut.txt.gz", cut);
    });
    for name in ["bomb.jsonl.gz", "textbomb.txt.gz"] {
        let p = c.problem(name);
        assert_eq!(
            p.reason, "decompresses to more than the 64.0 MiB limit (--max-file-size); skipped",
            "{name}"
        );
        assert!(c.articles_from(name).is_empty());
    }
    assert_eq!(c.problem("nested.txt.gz").reason, "binary data, not text");
    assert!(
        c.problem("cut.txt.gz")
            .reason
            .starts_with("not a readable gzip file"),
        "{}",
        c.problem("cut.txt.gz").reason
    );
}

#[test]
fn gzip_limit_follows_max_file_size() {
    let opts = LoadOptions {
        max_file_bytes: 1 << 20,
    };
    let c = case_with("gzip with a 1 MiB limit", &opts, |d| {
        gzip_of_zeros(&d.join("two_mib.txt.gz"), 2 << 20);
    });
    assert!(
        c.problem("two_mib.txt.gz")
            .reason
            .contains("more than the 1.0 MiB limit")
    );
}

// ------------------------------------------------------------ fuzz regressions

/// Crashers found by fuzzing whose fix has not landed yet (none now). Until it
/// does, the pipeline's `outline_guarded` contains an extraction panic: the
/// article loads with an empty outline and a problem saying so, and the reader
/// goes on. Add a name here only with an open issue; remove it when its fix
/// lands (the test says so). The two agenda crashers in tests/fixtures/fuzz/
/// (a cue or list opener ending a block sliced `text[text.len()..end]`) were
/// fixed in `extract::agenda` and replay strictly.
const OPEN_IN_EXTRACT: &[&str] = &[];

/// Inputs the fuzzers found (tests/fixtures/fuzz/, named after their target):
/// each is replayed through its target and must not panic; and loaded as a file
/// into a folder with the good article, it must not stop the load.
#[test]
fn fuzz_regressions() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/fuzz");
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| !n.ends_with(".md"))
        .collect();
    names.sort();
    assert!(!names.is_empty());
    for name in &names {
        let bytes = std::fs::read(dir.join(name)).unwrap();
        fuzz_replay(name, &bytes, !OPEN_IN_EXTRACT.contains(&name.as_str()));
        // As a user meets it: a file beside a good article.
        let file = if name.starts_with("loader") {
            "input.dat"
        } else {
            "input.txt"
        };
        let c = case(&format!("fuzz regression {name}"), |d| {
            write(d, file, &bytes);
        });
        // The article is listed; while its extraction bug is open, without an
        // outline and with a problem that says why.
        if OPEN_IN_EXTRACT.contains(&name.as_str()) {
            assert_eq!(c.articles_from(file).len(), 1, "{name}");
            for p in c.problems() {
                assert!(p.reason.contains("extraction failed"), "{name}: {p}");
            }
        }
    }
}

/// Replays one fuzz input through the target it came from (its name's prefix).
/// `strict`: the outline is computed unguarded, so any panic fails the test.
fn fuzz_replay(name: &str, bytes: &[u8], strict: bool) {
    use docket::article::Article;
    let outline = |a: &Article| {
        if strict {
            docket::extract::outline(a);
        } else {
            match docket::extract::outline_guarded(a) {
                Err(e) => eprintln!("{name}: still panics in extraction (contained): {e}"),
                Ok(_) => eprintln!("{name}: fixed; remove it from OPEN_IN_EXTRACT"),
            }
        }
    };
    if name.starts_with("loader") {
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
        let Some((&pick, rest)) = bytes.split_first() else {
            return;
        };
        let path = Path::new(NAMES[usize::from(pick) % NAMES.len()]);
        let kind = docket::collection::FileKind::from_path(path)
            .unwrap_or(docket::collection::FileKind::Unknown);
        let opts = LoadOptions {
            max_file_bytes: 1 << 20,
        };
        let load = docket::collection::load_bytes(path, kind, rest.to_vec(), &opts);
        load.articles.iter().for_each(outline);
    } else if name.starts_with("cleanup") || name.starts_with("extraction") {
        let Ok(text) = std::str::from_utf8(bytes) else {
            panic!("{name}: the text targets take UTF-8");
        };
        let a = docket::cleanup::article_from_text(text, "fuzz");
        outline(&a);
        if strict {
            let o = docket::extract::outline(&a);
            let _ = docket::export::article_value(&a, &o, Default::default());
            let _ = docket::export::markdown(&a, &o);
        }
    } else if name.starts_with("config") {
        let _ = docket::config::Config::parse(&String::from_utf8_lossy(bytes));
    } else if name.starts_with("state") {
        let _ = ReaderState::parse(bytes);
    } else {
        panic!("fuzz regression {name} names no target");
    }
}

// ------------------------------------------------------------------ state files

#[test]
fn corrupt_or_truncated_state_is_ignored_with_a_message() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("state.json");
    let mut s = ReaderState::new();
    s.positions.insert("00000000000000aa".into(), 3);
    s.save(&p).unwrap();
    let full = std::fs::read(&p).unwrap();
    for (what, bytes) in [
        ("truncated", full[..full.len() / 2].to_vec()),
        ("empty", Vec::new()),
        ("binary", noise(512, 3)),
        (
            "wrong shape",
            b"{\"version\":1,\"positions\":[1,2]}".to_vec(),
        ),
        ("other version", b"{\"version\":7}".to_vec()),
    ] {
        std::fs::write(&p, &bytes).unwrap();
        let e = ReaderState::load(&p).unwrap_err();
        assert!(
            e.contains("not a docket state file") || e.contains("version 7 is not 1"),
            "{what}: {e}"
        );
    }
}

#[test]
fn an_unwritable_state_dir_is_an_error_not_a_panic() {
    let dir = tempfile::tempdir().unwrap();
    // A regular file where the state folder should be: fails even for root.
    write(dir.path(), "docket", "in the way");
    let p = dir.path().join("docket/state.json");
    let e = ReaderState::new().save(&p).unwrap_err();
    assert!(!docket::collection::walk::io_reason(&e).is_empty());
    assert_eq!(ReaderState::load(&p).unwrap_err(), "Not a directory");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let ro = dir.path().join("ro");
        std::fs::create_dir(&ro).unwrap();
        std::fs::set_permissions(&ro, std::fs::Permissions::from_mode(0o555)).unwrap();
        let r = ReaderState::new().save(&ro.join("state.json"));
        if std::fs::write(ro.join("probe"), "x").is_ok() {
            eprintln!("running as root: a read-only folder is writable, that case is skipped");
        } else {
            let e = r.unwrap_err();
            assert_eq!(
                docket::collection::walk::io_reason(&e),
                "permission denied (not readable)"
            );
        }
    }
}
