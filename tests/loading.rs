//! Loading collections as a user would: every format, every encoding, and bad input
//! that must be named and skipped while the rest loads. Inputs are written by the
//! tests themselves (fictional texts).

use std::io::Write;
use std::path::{Path, PathBuf};

use docket::article::{Format, TitleSource};
use docket::collection::{self, Collection, LoadOptions, Severity};

fn write(dir: &Path, name: &str, bytes: impl AsRef<[u8]>) -> PathBuf {
    let p = dir.join(name);
    if let Some(parent) = p.parent() {
        std::fs::create_dir_all(parent).unwrap();
    }
    std::fs::write(&p, bytes).unwrap();
    p
}

fn load(dir: &Path) -> Collection {
    collection::load(&[dir.to_path_buf()], &LoadOptions::default())
}

fn problem_for<'a>(c: &'a Collection, name: &str) -> Option<&'a collection::Problem> {
    c.report
        .problems
        .iter()
        .find(|p| p.path.file_name().is_some_and(|n| n == name))
}

const PLAIN: &str = "Hội đồng nhân dân tỉnh Sông Lam họp kỳ thứ 6\n\
Sáng 9/7, HĐND tỉnh Sông Lam khai mạc kỳ họp thứ 6.\n\
Chủ tịch HĐND tỉnh Lê Thị Hạnh chủ trì kỳ họp.\n\
Hải Đăng/TTXVN\n";

#[test]
fn every_format_loads_with_ids_and_metadata() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    write(d, "a_plain.txt", PLAIN);
    write(
        d,
        "b_header.txt",
        "# doc_id = demo_1\n# url = https://example.vn/a\n# date = 20250318\nSáng 18/3, Đảng ủy Sở tổ chức hội nghị.\nÔng Trần Minh phát biểu.\nThu Hà\n",
    );
    write(
        d,
        "c_block.txt",
        "Title: Phiên họp ban chỉ đạo - Báo Mẫu\nSource: Báo Mẫu\nLink: https://example.vn/c\nPublished Date: Thứ hai, 10/2/2025, 10:43 (GMT+7)\nAuthor: \nTags: a, b\nSummary: Sáng 10/2, ban chỉ đạo họp...\nContent: Sáng 10/2, ban chỉ đạo họp phiên thứ 3.Phó Thủ tướng chủ trì phiên họp.Quang Vinh",
    );
    write(
        d,
        "d_note.md",
        "# Northbridge council meets\n\nThe council met on Tuesday.\n\nThe mayor said the plan was ready.\n",
    );
    write(
        d,
        "e_records.jsonl",
        "{\"title\":\"Hội nghị A\",\"content\":\"Nội dung A.\",\"timeCreatePostOrigin\":\"2025/03/21\"}\n{\"id\":\"rec-b\",\"headline\":\"Hội nghị B\",\"body\":\"Nội dung B.\"}\n",
    );
    write(
        d,
        "f_ld.json",
        r#"{"@context":"https://schema.org","@type":"NewsArticle","headline":"Buổi làm việc","articleBody":"Đoạn một.\n\nĐoạn hai.","datePublished":"2025-04-02T09:00:00+07:00","author":{"@type":"Person","name":"Ngọc Lan"}}"#,
    );
    write(
        d,
        "g_array.json",
        r#"[{"title":"X","text":"Một."},{"title":"Y","text":"Hai."}]"#,
    );
    write(
        d,
        "h_wire.sgm",
        "<REUTERS NEWID=\"1\">\n<DATE> 4-MAR-2025</DATE>\n<TEXT>\n<TITLE>MINISTERS MEET</TITLE>\n<BODY>Ministers met on Monday.\n Reuter\n&#3;</BODY></TEXT>\n</REUTERS>\n<REUTERS NEWID=\"2\">\n<TEXT>\n<TITLE>COUNCIL ENDS</TITLE>\n<BODY>The council ended.\n Reuter\n&#3;</BODY></TEXT>\n</REUTERS>\n",
    );
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    gz.write_all(PLAIN.as_bytes()).unwrap();
    write(d, "i_packed.txt.gz", gz.finish().unwrap());
    write(d, "notes.png", "not an article");

    let c = load(d);
    assert!(c.report.problems.is_empty(), "{:?}", c.report.problems);
    let ids: Vec<&str> = c.articles.iter().map(|a| a.id.as_str()).collect();
    assert_eq!(
        ids,
        [
            "a_plain",
            "b_header",
            "c_block",
            "d_note",
            "e_records#1",
            "rec-b",
            "f_ld",
            "g_array#0",
            "g_array#1",
            "1",
            "2",
            "i_packed"
        ]
    );
    assert_eq!(c.report.unsupported, 1);
    let per = &c.report.articles_per_format;
    assert_eq!(
        (
            per[&Format::Text],
            per[&Format::Json],
            per[&Format::Jsonl],
            per[&Format::Sgml],
            per[&Format::Markdown]
        ),
        (4, 3, 2, 2, 1)
    );

    let a = &c.articles[0];
    assert_eq!(
        a.title.as_deref(),
        Some("Hội đồng nhân dân tỉnh Sông Lam họp kỳ thứ 6")
    );
    assert_eq!(a.byline.as_deref(), Some("Hải Đăng/TTXVN"));
    let b = &c.articles[1];
    assert_eq!(b.meta.doc_id.as_deref(), Some("demo_1"));
    assert_eq!(b.meta.url.as_deref(), Some("https://example.vn/a"));
    assert_eq!(b.published.map(|d| d.iso()).as_deref(), Some("2025-03-18"));
    assert_eq!(b.title_source, TitleSource::Derived);
    let cb = &c.articles[2];
    assert_eq!(cb.title.as_deref(), Some("Phiên họp ban chỉ đạo"));
    assert_eq!(cb.byline.as_deref(), Some("Quang Vinh"));
    assert_eq!(cb.paragraph_count(), 2);
    assert_eq!(
        c.articles[3].title.as_deref(),
        Some("Northbridge council meets")
    );
    assert_eq!(c.articles[6].byline.as_deref(), Some("Ngọc Lan"));
    assert_eq!(c.articles[9].title.as_deref(), Some("MINISTERS MEET"));
    assert_eq!(c.articles[11].title, c.articles[0].title);
}

#[test]
fn encodings_decode_to_the_same_nfc_text() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let text = "Kỳ họp thứ 6 của Hội đồng nhân dân\nSáng nay, các đại biểu thảo luận về kế hoạch phát triển kinh tế xã hội năm tới.\nHết.";
    let mut bom = vec![0xef, 0xbb, 0xbf];
    bom.extend_from_slice(text.as_bytes());
    write(d, "1_bom.txt", bom);
    let mut le = vec![0xff, 0xfe];
    le.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
    write(d, "2_utf16le.txt", le);
    let mut be = vec![0xfe, 0xff];
    be.extend(text.encode_utf16().flat_map(u16::to_be_bytes));
    write(d, "3_utf16be.txt", be);
    write(
        d,
        "4_utf16le_nobom.txt",
        text.encode_utf16()
            .flat_map(u16::to_le_bytes)
            .collect::<Vec<u8>>(),
    );
    use unicode_normalization::UnicodeNormalization;
    write(d, "5_nfd.txt", text.nfd().collect::<String>());
    // windows-1258 keeps tones as combining marks after precomposed base letters.
    let tones = ['\u{300}', '\u{301}', '\u{303}', '\u{309}', '\u{323}'];
    let mut partly = String::new();
    for ch in text.chars() {
        let dec: String = ch.to_string().nfd().collect();
        partly.extend(
            dec.chars()
                .filter(|m| !tones.contains(m))
                .collect::<String>()
                .nfc(),
        );
        partly.extend(dec.chars().filter(|m| tones.contains(m)));
    }
    write(
        d,
        "6_cp1258.txt",
        encoding_rs::WINDOWS_1258.encode(&partly).0,
    );

    let c = load(d);
    assert!(c.report.problems.is_empty(), "{:?}", c.report.problems);
    assert_eq!(c.articles.len(), 6);
    for a in &c.articles {
        assert_eq!(
            a.title.as_deref(),
            Some("Kỳ họp thứ 6 của Hội đồng nhân dân"),
            "{}",
            a.id
        );
        assert_eq!(
            a.paragraph(0),
            Some("Sáng nay, các đại biểu thảo luận về kế hoạch phát triển kinh tế xã hội năm tới."),
            "{}",
            a.id
        );
    }
}

#[test]
fn bad_input_is_named_and_the_rest_loads() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    write(d, "ok.txt", PLAIN);
    write(d, "empty.txt", "");
    write(d, "blank.txt", "   \n\n");
    let noise: Vec<u8> = (0..4096u32)
        .map(|i| (i.wrapping_mul(2_654_435_761) >> 7) as u8)
        .collect();
    write(d, "binary.txt", noise);
    write(
        d,
        "badutf8.txt",
        b"Ti\xeau \xff\xfe bad utf8\n\n\xc4\x91o\xe1\xba\xa1n v\xc4\x83n\n",
    );
    write(
        d,
        "lines.jsonl",
        "{\"title\":\"A\",\"content\":\"x y z\"}\n{\"title\": broken\n{\"title\":\"B\",\"content\":\"u v w\"}\n{\"title\":\"only a title\"}\n",
    );
    write(d, "empty.jsonl", "");
    write(
        d,
        "truncated.json",
        "[{\"title\":\"a\",\"body\":\"x\"},{\"title\":",
    );
    write(
        d,
        "types.json",
        "{\"title\":[1,2],\"content\":{\"x\":true}}",
    );
    write(d, "big.txt", "x".repeat(3 << 20));
    let mut bomb = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    bomb.write_all(&vec![b'a'; 8 << 20]).unwrap();
    write(d, "bomb.jsonl.gz", bomb.finish().unwrap());
    write(d, "notgzip.txt.gz", "plain text pretending");

    let opts = LoadOptions {
        max_file_bytes: 2 << 20,
    };
    let c = collection::load(&[d.to_path_buf()], &opts);
    let titles: Vec<&str> = c.articles.iter().map(|a| a.display_title()).collect();
    assert_eq!(titles.len(), 4, "{titles:?}");
    assert!(titles.contains(&"A") && titles.contains(&"B"));

    let reason = |name: &str| problem_for(&c, name).map(|p| (p.reason.clone(), p.line, p.severity));
    assert_eq!(reason("empty.txt").unwrap().0, "empty file");
    assert_eq!(reason("blank.txt").unwrap().0, "empty file");
    assert_eq!(reason("empty.jsonl").unwrap().0, "empty file");
    assert_eq!(reason("binary.txt").unwrap().0, "binary data, not text");
    let bad = reason("badutf8.txt").unwrap();
    assert!(
        bad.0.contains("invalid UTF-8") && bad.2 == Severity::Warning,
        "{bad:?}"
    );
    let jsonl: Vec<_> = c
        .report
        .problems
        .iter()
        .filter(|p| p.path.ends_with("lines.jsonl"))
        .collect();
    assert_eq!(
        jsonl.iter().map(|p| p.line).collect::<Vec<_>>(),
        [Some(2), Some(4)]
    );
    assert!(
        jsonl[0].to_string().contains("lines.jsonl:2: invalid JSON"),
        "{}",
        jsonl[0]
    );
    assert!(
        reason("truncated.json")
            .unwrap()
            .0
            .starts_with("invalid JSON")
    );
    assert!(reason("types.json").unwrap().0.contains("holds no text"));
    assert!(
        reason("big.txt")
            .unwrap()
            .0
            .contains("over the 2.0 MiB limit")
    );
    assert!(
        reason("bomb.jsonl.gz")
            .unwrap()
            .0
            .contains("decompresses to more than")
    );
    assert!(reason("notgzip.txt.gz").unwrap().0.contains("gzip"));
}

#[test]
fn nothing_is_written_into_the_collection() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    write(d, "a.txt", PLAIN);
    write(d, "sub/b.jsonl", "{\"title\":\"A\",\"content\":\"x\"}\n");
    let listing = |d: &Path| {
        let mut v: Vec<(PathBuf, u64)> = walkdir::WalkDir::new(d)
            .into_iter()
            .map(|e| {
                let e = e.unwrap();
                (e.path().to_path_buf(), e.metadata().unwrap().len())
            })
            .collect();
        v.sort();
        v
    };
    let before = listing(d);
    let _ = load(d);
    assert_eq!(before, listing(d));
}

#[test]
fn control_characters_never_survive_loading() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    write(
        d,
        "evil.txt",
        "Evil \u{1b}[31mtitle\n\nText \u{1b}[2J\u{1b}]52;c;SGVsbG8=\u{7} end \u{9b}31m c1 \u{202e}bidi\n",
    );
    write(
        d,
        "evil.jsonl",
        "{\"title\":\"T\\u001b[2J\",\"content\":\"x\\u009d52;c;AAA=\\u0007 &#27;[31m\"}\n",
    );
    let c = load(d);
    assert_eq!(c.articles.len(), 2);
    for a in &c.articles {
        for s in [a.text.as_str(), a.display_title()] {
            assert!(!s.chars().any(|ch| ch.is_control() && ch != '\n'), "{s:?}");
            assert!(!s.contains('\u{202e}'));
        }
    }
}

#[cfg(unix)]
#[test]
fn unreadable_files_and_symlink_loops_are_reported() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    write(d, "ok.txt", PLAIN);
    let locked = write(d, "locked.txt", PLAIN);
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o000)).unwrap();
    std::os::unix::fs::symlink(".", d.join("loop")).unwrap();
    let c = load(d);
    // Root can read anything; the permission check only holds for other users.
    let root = std::fs::read(&locked).is_ok();
    if !root {
        assert!(
            problem_for(&c, "locked.txt")
                .unwrap()
                .reason
                .contains("permission denied")
        );
    }
    assert!(
        c.report
            .problems
            .iter()
            .any(|p| p.reason.contains("symlink loop"))
    );
    assert!(!c.articles.is_empty());
}

#[test]
fn a_large_jsonl_dataset_keeps_its_order_and_each_record_its_own_outline() {
    // One file of many records is parsed, cleaned and outlined on every core; what
    // comes out must still be in line order, with every bad line named by its
    // number, and every outline belonging to its own record.
    let dir = tempfile::tempdir().unwrap();
    // A different name for each record: surname, middle and given name.
    let name_of = |n: usize| {
        let surnames = ["Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi"];
        let middles = [
            "Văn", "Thị", "Hữu", "Đức", "Quang", "Thanh", "Minh", "Ngọc", "Xuân", "Hồng",
        ];
        let givens = [
            "An", "Bình", "Cường", "Dũng", "Giang", "Hải", "Khánh", "Long", "Minh", "Nam",
        ];
        format!(
            "{} {} {}",
            surnames[n % 6],
            middles[n / 6 % 10],
            givens[n / 60 % 10]
        )
    };
    let mut lines = Vec::new();
    let mut bad_lines = Vec::new();
    for n in 0..600 {
        let line_no = lines.len() + 1;
        if n % 97 == 13 {
            lines.push("{\"title\": broken".to_string());
            bad_lines.push(line_no);
            continue;
        }
        if n % 89 == 5 {
            lines.push(format!(
                "{{\"id\":\"r{n}\",\"title\":\"Không có nội dung {n}\"}}"
            ));
            bad_lines.push(line_no);
            continue;
        }
        let name = name_of(n);
        let body = format!(
            "Sáng 9/7, Hội đồng nhân dân huyện Đồi Thông {n} họp kỳ họp thứ {k}. \
             Phát biểu tại kỳ họp, ông {name}, Chủ tịch UBND huyện, cho biết huyện đã \
             hoàn thành {n} công trình giao thông nông thôn.",
            k = n % 9 + 1
        );
        lines.push(
            serde_json::json!({"id": format!("r{n}"), "title": format!("Kỳ họp số {n}"), "content": body})
                .to_string(),
        );
    }
    write(dir.path(), "dataset.jsonl", lines.join("\n") + "\n");
    let out =
        docket::pipeline::load_and_outline(&[dir.path().to_path_buf()], &LoadOptions::default());
    let arts = &out.collection.articles;
    let expected: Vec<String> = (0..600)
        .filter(|n| n % 97 != 13 && n % 89 != 5)
        .map(|n| format!("r{n}"))
        .collect();
    let ids: Vec<&str> = arts.iter().map(|a| a.id.as_str()).collect();
    assert_eq!(ids, expected);
    let problem_lines: Vec<usize> = out
        .collection
        .report
        .problems
        .iter()
        .filter_map(|p| p.line)
        .collect();
    assert_eq!(problem_lines, bad_lines);
    for (a, o) in arts.iter().zip(&out.outlines) {
        let n: usize = a.id[1..].parse().unwrap();
        let speakers: Vec<&str> = o.speakers.iter().map(|s| s.name.as_str()).collect();
        assert_eq!(speakers, [name_of(n)], "{}", a.id);
    }
}
