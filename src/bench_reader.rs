//! The reader for `docket bench` and benches/render.rs: the `App` built as
//! `tui::run` builds it (default keys and theme, a fresh reading state), drawn into
//! a ratatui `TestBackend` instead of a terminal. Compiled into the binary and, by
//! `#[path]`, into the render benchmark (the reader is not part of the library).

use crate::bench::ReaderDriver;
use crate::index::search::Query;
use crate::index::{Entry, Library};
use crate::state::ReaderState;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::KeyEvent;
use ratatui::layout::Rect;

use crate::tui::app::{App, Progress};
use crate::tui::draw::draw;
use crate::tui::keymap::Keymap;
use crate::tui::theme::Theme;

pub struct TuiReader {
    pub app: App,
    terminal: Terminal<TestBackend>,
    theme: Theme,
}

impl TuiReader {
    /// A reader on `lib` (loaded already), `width` x `height`.
    pub fn new(lib: Library, width: u16, height: u16) -> TuiReader {
        let mut app = App::new(lib, Keymap::default(), ReaderState::new());
        app.resize(Rect::new(0, 0, width, height));
        TuiReader {
            app,
            terminal: Terminal::new(TestBackend::new(width, height)).expect("test backend"),
            theme: Theme::new(crate::config::Theme::Dark, false),
        }
    }

    /// A reader for [`crate::bench::run`] (which calls `start`).
    pub fn empty() -> TuiReader {
        TuiReader::new(Library::default(), 1, 1)
    }
}

impl ReaderDriver for TuiReader {
    fn start(&mut self, width: u16, height: u16) {
        // As `tui::run` with PATHs: an empty library, loading in progress.
        *self = TuiReader::new(Library::default(), width, height);
        self.app.progress = Some(Progress::default());
    }

    fn loaded(&mut self, items: Vec<Entry>, warnings: Vec<String>, done: usize, total: usize) {
        self.app.loaded(
            items,
            warnings,
            Progress {
                files_done: done,
                files_total: total,
            },
        );
    }

    fn draw(&mut self) {
        let (app, theme) = (&self.app, &self.theme);
        self.terminal
            .draw(|f| draw(f, app, theme))
            .expect("test backend draw");
    }

    fn key(&mut self, key: KeyEvent) {
        // Effects (saving state, copying, exporting) are not carried out.
        let _ = self.app.on_key(key);
    }

    fn set_stepped_search(&mut self, stepped: bool) {
        self.app.stepped_search = stepped;
    }

    fn search_step(&mut self, budget: std::time::Duration) -> bool {
        self.app.search_step(budget)
    }

    fn filter(&mut self, query: Option<(&str, Query)>, speakers: &[usize]) -> usize {
        let s = &mut self.app.search;
        s.editing = false;
        s.error = None;
        (s.input, s.query) = match query {
            Some((text, q)) => (text.to_owned(), Some(q)),
            None => (String::new(), None),
        };
        self.app.speaker_filter = speakers.to_vec();
        self.app.refilter();
        self.app.visible.len()
    }

    fn library(&self) -> &Library {
        &self.app.lib
    }
}
