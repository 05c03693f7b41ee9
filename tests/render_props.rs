//! Property tests of the reader's drawing: at any terminal size from 1x1 to
//! 300x100, after any sequence of keys and resizes, drawing never panics, every
//! pane lies inside the screen and every row of the frame covers exactly the
//! terminal width (wide characters included).
//!
//! Case counts are modest so `cargo test --release` stays fast; set
//! `PROPTEST_CASES` for a longer run.
//!
//! The reader lives in the binary, not the library, so its modules are compiled
//! into this test through `tests/support/tui/` (symlinks to `src/tui/`).

use docket::tui;

use std::path::Path;
use std::sync::OnceLock;

use docket::article::Article;
use docket::collection::{FileKind, LoadOptions};
use docket::index::Library;
use docket::outline::Outline;
use docket::state::ReaderState;
use proptest::prelude::*;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::layout::Rect;
use unicode_width::UnicodeWidthStr;

use tui::app::App;
use tui::keymap::Keymap;
use tui::theme::Theme;

/// The demo collection plus a few articles with wide, combining and control
/// characters, loaded and outlined once.
fn fixture() -> &'static [(Article, Outline)] {
    static F: OnceLock<Vec<(Article, Outline)>> = OnceLock::new();
    F.get_or_init(|| {
        let mut c = docket::demo::collection();
        let extra: [(&str, &str); 3] = [
            (
                "wide.txt",
                "会议会议 🎉 中国人民代表大会第一次会议\n\n\
                 Sáng 9/7, 会议 khai mạc. Chủ tịch Lê Thị Hạnh chủ trì 🎉🎉.\n\n\
                 Bà Lê Thị Hạnh cho biết: \"会议 thành công\".\n",
            ),
            (
                "marks.txt",
                "Ti\u{301}e\u{302}u \u{1b}[31mđề\u{7} \u{202e}ngược\n\n\
                 a\u{301}\u{301}\u{301}\u{301} zero\u{200b}width\u{200d}joiner tab\there\n",
            ),
            ("tiny.txt", "x\n"),
        ];
        let opts = LoadOptions::default();
        for (name, text) in extra {
            let path = Path::new("fixture").join(name);
            let kind = FileKind::from_path(&path).unwrap();
            let mut load = docket::collection::load_bytes(&path, kind, text.into(), &opts);
            c.articles.append(&mut load.articles);
        }
        c.articles
            .into_iter()
            .map(|a| {
                let o = docket::extract::outline(&a);
                (a, o)
            })
            .collect()
    })
}

fn app(w: u16, h: u16) -> App {
    let mut lib = Library::default();
    for (a, o) in fixture() {
        lib.push(a.clone(), o.clone());
    }
    let mut app = App::new(lib, Keymap::default(), ReaderState::new());
    app.warnings = vec![
        "fixture/bad.jsonl:2: invalid JSON: expected value (column 10)".into(),
        "会议 🎉 a very long warning ".repeat(20),
    ];
    app.resize(Rect::new(0, 0, w, h));
    app
}

/// Draws and checks one frame; panics (failing the property) on any violation.
fn draw_and_check(app: &App, w: u16, h: u16, color: bool) {
    let area = Rect::new(0, 0, w, h);
    let p = app.panes();
    for r in [p.list, p.outline, p.text, p.tabs, p.input, Some(p.status)]
        .into_iter()
        .flatten()
    {
        assert!(
            r.is_empty() || area.contains(r.as_position()) && r.right() <= w && r.bottom() <= h,
            "pane {r:?} outside {area:?}"
        );
    }
    let mut t = Terminal::new(TestBackend::new(w, h)).unwrap();
    let theme = Theme::new(docket::config::Theme::Dark, !color);
    t.draw(|f| tui::draw::draw(f, app, &theme)).unwrap();
    let buf = t.backend().buffer();
    assert_eq!(buf.area, area);
    for y in 0..h {
        let mut x = 0u16;
        let mut cols = 0usize;
        while x < w {
            let sym = buf[(x, y)].symbol();
            let sw = sym.width().max(1);
            assert!(
                !sym.chars()
                    .any(docket::text::sanitize::is_unsafe_for_terminal),
                "unsafe symbol {sym:?} at ({x},{y})"
            );
            cols += sw;
            x += sw as u16;
        }
        assert_eq!(cols, usize::from(w), "row {y} covers {cols} of {w} columns");
    }
}

#[derive(Debug, Clone)]
enum Op {
    Key(KeyCode, KeyModifiers),
    Resize(u16, u16),
}

fn key_code() -> impl Strategy<Value = KeyCode> {
    prop_oneof![
        // The keymap's keys, most of the time.
        6 => prop::sample::select(
            "jkgGq?sSvMnN/[]{}'mwye \t".chars().collect::<Vec<_>>()
        )
        .prop_map(KeyCode::Char),
        3 => prop::sample::select(vec![
            KeyCode::Tab,
            KeyCode::BackTab,
            KeyCode::Enter,
            KeyCode::Esc,
            KeyCode::Backspace,
            KeyCode::Up,
            KeyCode::Down,
            KeyCode::PageUp,
            KeyCode::PageDown,
            KeyCode::Home,
            KeyCode::End,
            KeyCode::Left,
            KeyCode::Right,
        ]),
        // Anything typed into the search line or the speaker picker.
        2 => prop::sample::select(
            "hoi nghi,\"-:/()+*{}會议🎉\u{1b}\u{7}\u{202e}ả".chars().collect::<Vec<_>>()
        )
        .prop_map(KeyCode::Char),
    ]
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        12 => (key_code(), prop::sample::select(vec![
            KeyModifiers::NONE,
            KeyModifiers::NONE,
            KeyModifiers::SHIFT,
            KeyModifiers::CONTROL,
        ]))
            .prop_map(|(k, m)| Op::Key(k, m)),
        1 => (1u16..=300, 1u16..=100).prop_map(|(w, h)| Op::Resize(w, h)),
    ]
}

fn cases(default: u32) -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(default)
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: cases(48),
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    #[test]
    fn any_size_and_keys_draw_a_fitting_frame(
        w in 1u16..=300,
        h in 1u16..=100,
        ops in prop::collection::vec(op(), 0..40),
        color in any::<bool>(),
    ) {
        let (mut w, mut h) = (w, h);
        let mut app = app(w, h);
        draw_and_check(&app, w, h, color);
        for op in ops {
            match op {
                Op::Key(code, mods) => {
                    // The effects (save, copy, export) are the runner's business.
                    let _ = app.on_key(KeyEvent::new(code, mods));
                }
                Op::Resize(nw, nh) => {
                    (w, h) = (nw, nh);
                    app.resize(Rect::new(0, 0, w, h));
                }
            }
            draw_and_check(&app, w, h, color);
        }
    }
}

/// Every small size, exhaustively, with the popups open: where layouts are
/// most likely to underflow.
#[test]
fn every_tiny_size_draws() {
    for w in 1..=24 {
        for h in 1..=10 {
            let mut app = app(w, h);
            draw_and_check(&app, w, h, true);
            for c in ['?', 's', 'w'] {
                app.on_key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE));
                draw_and_check(&app, w, h, false);
                app.on_key(KeyEvent::new(KeyCode::Esc, KeyModifiers::NONE));
            }
            app.on_key(KeyEvent::new(KeyCode::Char('/'), KeyModifiers::NONE));
            app.on_key(KeyEvent::new(KeyCode::Char('h'), KeyModifiers::NONE));
            draw_and_check(&app, w, h, true);
        }
    }
}
