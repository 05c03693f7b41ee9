//! Nothing in an article can drive the terminal. Articles full of escape
//! sequences (CSI, OSC 52 clipboard writes, C1 controls), BEL, backspace, carriage
//! returns, tabs, bidi overrides, zero-width and combining marks, wide CJK and
//! emoji — in titles, bodies, captions, speaker names, file names and load
//! warnings — are loaded, opened in the reader and drawn through the real
//! crossterm backend into a byte buffer. Every escape in those bytes must be one
//! ratatui/crossterm itself emits, and the screen grid must stay aligned.
//!
//! Also here: export file names are safe, export and copy never run a shell, and
//! search input cannot hang the reader.
//!
//! The reader lives in the binary, not the library, so its modules are compiled
//! into this test through `tests/support/tui/` (symlinks to `src/tui/`).

use docket::tui;

use std::cell::RefCell;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::rc::Rc;

use docket::collection::{LoadOptions, Problem};
use docket::index::Library;
use docket::state::ReaderState;
use ratatui::backend::{CrosstermBackend, TestBackend};
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::layout::Rect;
use ratatui::{Terminal, TerminalOptions, Viewport};
use unicode_width::UnicodeWidthStr;

use tui::app::App;
use tui::keymap::Keymap;
use tui::theme::Theme;

// ------------------------------------------------------------------ the input

/// Everything hostile at once. `{}` marks where each test string goes.
const HOSTILE: &[&str] = &[
    "\u{1b}[31mRED\u{1b}[0m",
    "\u{1b}[2J\u{1b}[H",
    "\u{1b}]52;c;ZXZpbCBjbGlwYm9hcmQ=\u{7}",
    "\u{1b}]0;pwned title\u{1b}\\",
    "\u{1b}P+q544e\u{1b}\\",
    "\u{9b}31m",
    "\u{9d}52;c;ZXZpbA==\u{9c}",
    "bell\u{7}bell",
    "back\u{8}\u{8}\u{8}space",
    "carriage\rreturn",
    "tab\there",
    "\u{202e}desrever\u{202c}",
    "\u{2066}isolate\u{2069}\u{200f}",
    "zero\u{200b}width\u{200d}joiner\u{2060}\u{feff}",
    "a\u{301}\u{301}\u{301}\u{301}\u{301}combining",
    "会议中国人民代表大会",
    "🎉👍🏽🇻🇳",
    "&#27;[31mentity&#x1b;]52;c;AAAA&#7;",
];

fn hostile_line() -> String {
    HOSTILE.join(" ")
}

fn write(dir: &Path, name: impl AsRef<Path>, bytes: impl AsRef<[u8]>) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, bytes).unwrap();
    p
}

/// A folder of hostile articles in every format, with hostile file names too.
fn hostile_collection(dir: &Path) {
    let h = hostile_line();
    // Plain text: title line, a caption with a credit, speakers quoted.
    write(
        dir,
        "01_title.txt",
        format!(
            "Hội nghị {h}\n\n\
             Quang cảnh hội nghị {h}. (Ảnh: TTXVN{h})\n\n\
             Sáng 14/3, Ban Chấp hành Đảng bộ tỉnh Sông Lam tổ chức Hội nghị lần thứ 5 {h}.\n\n\
             Bí thư Tỉnh ủy Hoàng\u{1b}[2J Trung\u{202e} Nghĩa chủ trì hội nghị.\n\n\
             Phát biểu tại hội nghị, ông Lê\u{7} Văn\u{9b}1m Sáu cho biết {h} kế hoạch đã sẵn sàng.\n\n\
             Hội nghị tập trung bàn các nội dung: {h}; quy hoạch cán bộ; chuyển đổi số.\n"
        ),
    );
    // JSON Lines: escapes written as JSON escapes, so they decode to real controls.
    let json_evil = "\\u001b[31mred\\u001b]52;c;ZXZpbA==\\u0007 \\u009b2J \\u009d0;x\\u009c \
                     \\u202eabc\\u202c \\b\\r\\t 会议 🎉 &#27;[31m &#x1b;";
    write(
        dir,
        "02_records.jsonl",
        format!(
            "{{\"title\":\"Kỳ họp {json_evil}\",\"author\":\"Tác giả {json_evil}\",\
             \"source\":\"Báo {json_evil}\",\"summary\":\"Sáng 9/7, HĐND tỉnh khai mạc kỳ họp {json_evil}.\",\
             \"content\":\"Chủ tịch HĐND tỉnh Lê Thị\\u001b[5m Hạnh chủ trì kỳ họp {json_evil}.\\n\\n\
             Bà Lê Thị Hạnh cho biết: \\\"Kỳ họp {json_evil} thành công\\\".\"}}\n"
        ),
    );
    // SGML: entities decode before sanitising.
    write(
        dir,
        "03_wire.sgm",
        "<REUTERS NEWID=\"7\">\n<DATE> 9-MAR-1987</DATE>\n<TEXT>\n\
         <TITLE>MINISTERS &#27;[31mMEET&#x1b;]52;c;ZXZpbA==&#7; &#x9b;2J &#155;1m</TITLE>\n\
         <BODY>Ministers met &#27;[2J on Monday &#x1B;]0;x&#x07;.\n Reuter\n&#3;</BODY></TEXT>\n</REUTERS>\n",
    );
    // A hostile file name (Linux allows ESC and BEL in names).
    write(
        dir,
        "04_name\u{1b}]52;c;ZXZpbA==\u{7}\u{1b}[2J.md",
        format!("# Markdown {h}\n\nThe council met {h} on Tuesday.\n"),
    );
    // A broken file whose warning names a hostile file.
    write(dir, "05_bad\u{1b}[31m\u{7}.jsonl", "{\"title\": broken\n");
}

fn hostile_library(dir: &Path) -> (Library, Vec<String>) {
    let o = docket::pipeline::load_and_outline(&[dir.to_path_buf()], &LoadOptions::default());
    let mut lib = Library::default();
    for (a, out) in o.collection.articles.into_iter().zip(o.outlines) {
        lib.push(a, out);
    }
    let warnings = o
        .collection
        .report
        .problems
        .iter()
        .map(Problem::to_string)
        .collect();
    (lib, warnings)
}

fn hostile_app(dir: &Path, w: u16, h: u16) -> App {
    let (lib, warnings) = hostile_library(dir);
    let mut app = App::new(lib, Keymap::default(), ReaderState::new());
    app.warnings = warnings;
    app.resize(Rect::new(0, 0, w, h));
    app
}

fn press(app: &mut App, code: KeyCode) {
    app.on_key(KeyEvent::new(code, KeyModifiers::NONE));
}

fn type_str(app: &mut App, s: &str) {
    for c in s.chars() {
        press(app, KeyCode::Char(c));
    }
}

// ------------------------------------------------------------------ the checks

/// What crossterm may send while drawing: cursor positioning (`CSI row;col H`),
/// colours and attributes (`CSI ... m`), clearing (`CSI n J`, `CSI n K`) and
/// cursor visibility (`CSI ?25 l/h`). Everything else is a finding. Returns the
/// printable text between sequences.
fn check_terminal_bytes(out: &[u8]) -> Result<String, String> {
    let mut text = String::new();
    let s = std::str::from_utf8(out).map_err(|e| format!("output is not UTF-8: {e}"))?;
    let b = s.as_bytes();
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            0x1b => {
                if b.get(i + 1) != Some(&b'[') {
                    return Err(format!(
                        "ESC not starting a CSI at byte {i}: {:?}",
                        &s[i..(i + 12).min(s.len())]
                    ));
                }
                let start = i + 2;
                let mut j = start;
                while j < b.len() && (0x30..=0x3f).contains(&b[j]) {
                    j += 1;
                }
                let params = &s[start..j];
                let Some(&fin) = b.get(j) else {
                    return Err("unterminated CSI at the end".into());
                };
                let ok = match fin {
                    b'H' | b'm' | b'J' | b'K' => params
                        .bytes()
                        .all(|c| c.is_ascii_digit() || c == b';' || c == b':'),
                    b'l' | b'h' => params == "?25",
                    _ => false,
                };
                if !ok {
                    return Err(format!("unexpected CSI {params:?}{}", fin as char));
                }
                i = j + 1;
            }
            c if c < 0x20 || c == 0x7f => {
                return Err(format!("raw control byte 0x{c:02x} at byte {i}"));
            }
            _ => {
                let ch = s[i..].chars().next().unwrap();
                if ('\u{80}'..='\u{9f}').contains(&ch) {
                    return Err(format!("C1 control U+{:04X} at byte {i}", ch as u32));
                }
                if docket::text::sanitize::is_unsafe_for_terminal(ch) {
                    return Err(format!("unsafe character {ch:?} at byte {i}"));
                }
                text.push(ch);
                i += ch.len_utf8();
            }
        }
    }
    Ok(text)
}

/// A writer whose bytes stay readable after the backend took it.
#[derive(Clone, Default)]
struct Shared(Rc<RefCell<Vec<u8>>>);

impl Write for Shared {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.borrow_mut().extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// Draws the app through the real crossterm backend into bytes.
fn crossterm_frame(app: &App, w: u16, h: u16) -> Vec<u8> {
    let out = Shared::default();
    let backend = CrosstermBackend::new(out.clone());
    let mut t = Terminal::with_options(
        backend,
        TerminalOptions {
            viewport: Viewport::Fixed(Rect::new(0, 0, w, h)),
        },
    )
    .unwrap();
    let theme = Theme::new(docket::config::Theme::Dark, false);
    t.draw(|f| tui::draw::draw(f, app, &theme)).unwrap();
    drop(t);
    out.0.take()
}

/// Draws the app on a test backend and checks the grid: in every row the cells
/// cover exactly the width (a wide character takes its cell and the next one),
/// and no cell holds a zero-width or unsafe symbol. Returns the screen as text.
fn grid_frame(app: &App, w: u16, h: u16) -> String {
    let mut t = Terminal::new(TestBackend::new(w, h)).unwrap();
    let theme = Theme::new(docket::config::Theme::Dark, false);
    t.draw(|f| tui::draw::draw(f, app, &theme)).unwrap();
    let buf = t.backend().buffer();
    let mut screen = String::new();
    for y in 0..h {
        let mut x = 0u16;
        let mut cols = 0usize;
        while x < w {
            let sym = buf[(x, y)].symbol();
            let sw = sym.width();
            assert!(
                sw >= 1,
                "zero-width symbol {sym:?} at ({x},{y}) would shift the row"
            );
            assert!(
                !sym.chars()
                    .any(docket::text::sanitize::is_unsafe_for_terminal),
                "unsafe symbol {sym:?} at ({x},{y})"
            );
            screen.push_str(sym);
            cols += sw;
            x += sw as u16;
        }
        assert_eq!(cols, usize::from(w), "row {y} covers {cols} of {w} columns");
        screen.push('\n');
    }
    screen
}

/// Draws every view the user can reach with hostile content, at a few sizes,
/// checking bytes and grid each time. Returns all screens drawn.
fn draw_everything(dir: &Path, w: u16, h: u16) -> String {
    let mut app = hostile_app(dir, w, h);
    let mut screens = String::new();
    let mut check = |app: &App, what: &str| {
        let bytes = crossterm_frame(app, w, h);
        if let Err(e) = check_terminal_bytes(&bytes) {
            panic!("{what} at {w}x{h}: {e}");
        }
        screens.push_str(&grid_frame(app, w, h));
    };
    for k in 0..app.lib.len() {
        check(&app, &format!("article {k}"));
        // Outline pane and text pane of every article.
        press(&mut app, KeyCode::Tab);
        check(&app, &format!("outline of article {k}"));
        press(&mut app, KeyCode::Char('j'));
        press(&mut app, KeyCode::Enter);
        press(&mut app, KeyCode::Tab);
        press(&mut app, KeyCode::Char('G'));
        check(&app, &format!("text of article {k}"));
        press(&mut app, KeyCode::BackTab);
        press(&mut app, KeyCode::BackTab);
        press(&mut app, KeyCode::Char('j'));
    }
    for (keys, what) in [
        ("?", "help"),
        ("s", "speaker picker"),
        ("v", "speaker view"),
        ("M", "meetings"),
        ("w", "warnings"),
        ("'", "bookmarks"),
    ] {
        press(&mut app, KeyCode::Char('g'));
        type_str(&mut app, keys);
        check(&app, what);
        press(&mut app, KeyCode::Enter);
        check(&app, &format!("{what}, entered"));
        press(&mut app, KeyCode::Esc);
        press(&mut app, KeyCode::Esc);
    }
    // Typing (or pasting) controls into the picker and the search line.
    press(&mut app, KeyCode::Char('s'));
    type_str(&mut app, "\u{1b}]52;c;AAAA\u{7}\u{9b}2J\u{202e}x");
    check(&app, "picker input");
    press(&mut app, KeyCode::Esc);
    press(&mut app, KeyCode::Char('/'));
    type_str(&mut app, "hội nghị \u{1b}[2J\u{7}\u{8}\u{9d}\u{202e}");
    check(&app, "search input");
    press(&mut app, KeyCode::Enter);
    check(&app, "search results");
    screens
}

// ------------------------------------------------------------------ tests

#[test]
fn the_checker_catches_what_it_must() {
    // The checker itself: crossterm's own output passes, anything else fails.
    assert!(check_terminal_bytes(b"\x1b[1;1H\x1b[38;5;6mhi\x1b[0m\x1b[?25l").is_ok());
    for bad in [
        &b"\x1b]52;c;AAAA\x07"[..],
        b"a\x07b",
        b"a\x08b",
        b"a\rb",
        b"\x1b[6n",
        b"\x1bc",
        "x\u{9b}2J".as_bytes(),
        "x\u{202e}y".as_bytes(),
        b"\xff",
    ] {
        assert!(check_terminal_bytes(bad).is_err(), "{bad:?} passed");
    }
}

#[test]
fn hostile_content_loads_sanitised_with_entities_decoded_first() {
    let dir = tempfile::tempdir().unwrap();
    hostile_collection(dir.path());
    let (lib, warnings) = hostile_library(dir.path());
    assert_eq!(lib.len(), 4, "{warnings:?}");
    for (a, o) in lib.articles.iter().zip(&lib.outlines) {
        let mut fields = vec![
            a.text.to_string(),
            a.display_title().to_owned(),
            a.id.clone(),
        ];
        fields.extend(a.byline.clone());
        fields.extend(a.meta.source.clone());
        fields.extend(o.speakers.iter().map(|s| s.name.clone()));
        fields.extend(o.speakers.iter().flat_map(|s| s.roles.clone()));
        for f in &fields {
            let bad: Vec<char> = f
                .chars()
                .filter(|&c| docket::text::sanitize::is_unsafe_for_terminal(c))
                .collect();
            assert!(bad.is_empty(), "{bad:?} in {f:?}");
        }
    }
    // The SGML title had entities for ESC, BEL and CSI: they were decoded, then
    // made visible (ESC -> ␛, BEL -> ␇) or dropped (C1), never kept raw.
    let ids: Vec<&str> = lib.articles.iter().map(|a| a.id.as_str()).collect();
    let wire = lib
        .articles
        .iter()
        .find(|a| a.id == "03_wire")
        .unwrap_or_else(|| panic!("{ids:?}"));
    assert_eq!(
        wire.display_title(),
        "MINISTERS ␛[31mMEET␛]52;c;ZXZpbA==␇ 2J 1m"
    );
    assert!(wire.text.contains("Ministers met ␛[2J on Monday ␛]0;x␇."));
    // Text and JSON do not decode entities: they stay as harmless text.
    let plain = lib.articles.iter().find(|a| a.id == "01_title").unwrap();
    assert!(plain.text.contains("&#27;[31mentity&#x1b;]52;c;AAAA&#7;"));
    // Speaker names keep their letters; the controls inside became visible marks
    // or were dropped, so the name cannot act on the terminal.
    let names: Vec<&str> = lib
        .outlines
        .iter()
        .flat_map(|o| o.speakers.iter().map(|s| s.name.as_str()))
        .collect();
    assert!(!names.is_empty(), "no speakers found at all");
    // Warnings name the hostile file through the sanitiser.
    let w = warnings
        .iter()
        .find(|w| w.contains("05_bad"))
        .expect("a warning for the broken file");
    assert!(w.contains("05_bad␛[31m␇.jsonl:1: invalid JSON"), "{w}");
    // Captions were found (with their hostile text made inert above).
    assert!(
        lib.articles.iter().any(|a| a.captions().count() > 0),
        "no caption in the hostile collection"
    );
    // Wide characters survive sanitising untouched.
    assert!(plain.text.contains("会议中国人民代表大会") && plain.text.contains("🎉👍🏽🇻🇳"));
}

#[test]
fn every_view_draws_only_crossterm_sequences() {
    let dir = tempfile::tempdir().unwrap();
    hostile_collection(dir.path());
    for (w, h) in [(140, 40), (80, 24), (41, 13), (20, 6)] {
        let screens = draw_everything(dir.path(), w, h);
        if w >= 80 {
            // The content did reach the screen, as visible marks.
            assert!(screens.contains('␛'), "no control picture shown at {w}x{h}");
            assert!(screens.contains('会'), "no CJK shown at {w}x{h}");
        }
    }
}

#[test]
fn wide_characters_take_two_cells() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "wide.txt",
        "会议会议会议会议会议会议会议会议 🎉🎉🎉 标题\n\nĐoạn văn 会议 một. 中国人民代表大会\n",
    );
    let app = hostile_app(dir.path(), 60, 12);
    let mut t = Terminal::new(TestBackend::new(60, 12)).unwrap();
    let theme = Theme::new(docket::config::Theme::Dark, false);
    t.draw(|f| tui::draw::draw(f, &app, &theme)).unwrap();
    let buf = t.backend().buffer();
    let mut seen = 0;
    for y in 0..12 {
        for x in 0..59 {
            if buf[(x, y)].symbol() == "会" {
                seen += 1;
                // The next cell is the right half of the same glyph: not drawn over.
                assert_eq!(buf[(x + 1, y)].symbol(), " ", "at ({x},{y})");
            }
        }
    }
    assert!(seen >= 2, "{seen}");
    grid_frame(&app, 60, 12);
}

// ------------------------------------------------------------- export and copy

#[test]
fn export_file_names_are_safe() {
    let long = "Hội nghị ".repeat(200);
    let cases: &[(&str, &str)] = &[
        ("../../etc/passwd", "etc-passwd"),
        ("; rm -rf ~", "rm-rf"),
        ("$(reboot)", "reboot"),
        ("`reboot`", "reboot"),
        ("a\0b", "ab"),
        ("\u{1b}]52;c;AAAA\u{7}", "52-c-aaaa"),
        ("Hội nghị lần thứ 5", "hoi-nghi-lan-thu-5"),
        ("...", "article"),
        ("", "article"),
        ("/", "article"),
        ("CON", "con"),
    ];
    for (title, want) in cases {
        assert_eq!(tui::safe_file_name(title), *want, "{title:?}");
    }
    for title in [long.as_str(), "会议", "🎉", "\u{202e}gnp.exe"] {
        let name = tui::safe_file_name(title);
        assert!(
            !name.is_empty() && name.len() <= 80,
            "{title:?} -> {name:?}"
        );
        assert!(
            name.bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_'),
            "{title:?} -> {name:?}"
        );
        assert!(!name.starts_with('-') && !name.starts_with('.'));
        // Joined under the export folder it stays there.
        let p = Path::new("/exports").join(format!("{name}.md"));
        assert_eq!(p.parent(), Some(Path::new("/exports")));
    }
}

#[test]
fn copy_sends_content_only_as_base64() {
    let evil = "x\u{1b}]52;c;AAAA\u{7}\u{1b}[2J\u{9b}y";
    let seq = tui::osc52(evil);
    let payload = seq
        .strip_prefix("\u{1b}]52;c;")
        .and_then(|s| s.strip_suffix('\u{7}'))
        .expect("one OSC 52 sequence");
    assert!(
        payload
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"+/=".contains(&b)),
        "{payload:?}"
    );
    use base64::Engine;
    let back = base64::engine::general_purpose::STANDARD
        .decode(payload)
        .unwrap();
    assert_eq!(back, evil.as_bytes());
}

#[test]
fn export_and_copy_never_run_a_shell() {
    // The reader's effects (copy, export, state) are written with plain file
    // and stdout writes; no code of the reader or the exporter starts a process.
    for file in [
        "src/tui/mod.rs",
        "src/tui/app.rs",
        "src/export.rs",
        "src/state.rs",
    ] {
        let src =
            std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(file)).unwrap();
        for needle in [
            "std::process",
            "Command::new",
            "process::Command",
            "libc::system",
        ] {
            assert!(!src.contains(needle), "{file} uses {needle}");
        }
    }
}

// ------------------------------------------------------------------ search input

#[test]
fn pathological_regexes_return_an_error_or_a_result() {
    use docket::index::search;
    // Catastrophic backtracking in other engines; linear here.
    let q = search::parse("/(a+)+$/").expect("a valid regex");
    let a = docket::collection::load_bytes(
        Path::new("a.txt"),
        docket::collection::FileKind::Plain {
            format: docket::article::Format::Text,
            gzip: false,
        },
        format!("Tiêu đề\n\n{}b\n", "a".repeat(100_000)).into_bytes(),
        &LoadOptions::default(),
    )
    .articles
    .remove(0);
    let hits = search::hits_in(&q, &a);
    assert!(hits.is_empty(), "{hits:?}");
    // Huge repetitions are refused by the size limit, with a message.
    for pattern in ["/a{100000}{100000}/", "/(a{1000}){1000}/", "/\\w{50000}/"] {
        let e = search::parse(pattern).unwrap_err();
        assert!(
            e.starts_with("bad regex") && e.contains("exceeds size limit"),
            "{pattern}: {e}"
        );
    }
}

#[test]
fn typing_a_pathological_search_in_the_reader_shows_an_error() {
    let dir = tempfile::tempdir().unwrap();
    hostile_collection(dir.path());
    let mut app = hostile_app(dir.path(), 100, 30);
    press(&mut app, KeyCode::Char('/'));
    type_str(&mut app, "/a{100000}{100000}/");
    let screen = grid_frame(&app, 100, 30);
    assert!(screen.contains("bad regex"), "{screen}");
    press(&mut app, KeyCode::Esc);
    press(&mut app, KeyCode::Char('/'));
    type_str(&mut app, "/(a+)+$/");
    press(&mut app, KeyCode::Enter);
    let screen = grid_frame(&app, 100, 30);
    assert!(screen.contains("nothing matches"), "{screen}");
}
