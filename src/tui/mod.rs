//! The terminal reader: terminal set-up and restore (also on panic), background
//! loading, the event loop, and the effects the app asks for.

pub mod app;
pub mod draw;
pub mod keymap;
pub mod layout;
pub mod outline_tree;
pub mod textview;
pub mod theme;

use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use crate::collection::{LoadOptions, Problem};
use crate::config::Config;
use crate::index::Library;
use crate::state::ReaderState;
use ratatui::crossterm::event::{
    self, DisableMouseCapture, EnableMouseCapture, Event, KeyEventKind, MouseEventKind,
};
use ratatui::crossterm::terminal::{
    EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
};
use ratatui::crossterm::{cursor, execute};
use ratatui::layout::Rect;
use ratatui::{DefaultTerminal, Terminal};

use app::{App, Effect, Progress};
use keymap::Keymap;
use theme::Theme;

/// What the background loader sends.
enum LoadMsg {
    Batch {
        items: Vec<crate::index::Entry>,
        warnings: Vec<String>,
        done: usize,
        total: usize,
    },
}

fn spawn_loader(paths: Vec<PathBuf>, opts: LoadOptions, cache: bool) -> mpsc::Receiver<LoadMsg> {
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        let cache_path = if cache {
            crate::cache::location(&paths, &opts)
        } else {
            None
        };
        let total = std::cell::Cell::new(0);
        let start = |discovery: &crate::collection::Discovery| {
            total.set(discovery.files.len());
            let mut warnings: Vec<String> =
                discovery.problems.iter().map(Problem::to_string).collect();
            if discovery.unsupported > 0 {
                warnings.push(format!(
                    "{} file(s) with other extensions ignored",
                    discovery.unsupported
                ));
            }
            tx.send(LoadMsg::Batch {
                items: Vec::new(),
                warnings,
                done: 0,
                total: total.get(),
            })
            .is_ok()
        };
        let sink_tx = tx.clone();
        let report = crate::pipeline::stream(
            &paths,
            &opts,
            cache_path.as_deref(),
            crate::pipeline::READER_BATCH,
            start,
            |loaded, done| {
                let mut items = Vec::new();
                let mut warnings = Vec::new();
                for f in loaded {
                    warnings.extend(f.load.problems.iter().map(Problem::to_string));
                    items.extend(Vec::<crate::index::Entry>::from(f));
                }
                sink_tx
                    .send(LoadMsg::Batch {
                        items,
                        warnings,
                        done,
                        total: total.get(),
                    })
                    .is_ok()
            },
        );
        // The cache is an optimisation: a failure to write it is worth a line,
        // never an error.
        if let Some(e) = report.cache_error {
            let _ = tx.send(LoadMsg::Batch {
                items: Vec::new(),
                warnings: vec![format!("cache not written: {e}")],
                done: report.files,
                total: report.files,
            });
        }
    });
    rx
}

/// The demo collection, loaded at once.
fn demo_library() -> (Library, Vec<String>) {
    let c = crate::demo::collection();
    let mut lib = Library::default();
    for a in c.articles {
        let o = crate::extract::outline(&a);
        lib.push(a, o);
    }
    (
        lib,
        c.report.problems.iter().map(Problem::to_string).collect(),
    )
}

/// Restores the terminal: leaves raw mode, the alternate screen and mouse capture,
/// shows the cursor. Safe to call more than once.
pub fn restore_terminal() {
    let _ = disable_raw_mode();
    let _ = execute!(
        io::stdout(),
        DisableMouseCapture,
        LeaveAlternateScreen,
        cursor::Show
    );
}

fn init_terminal(mouse: bool) -> io::Result<DefaultTerminal> {
    let default_hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        // A panic caught inside extraction is reported as a problem with its
        // article; the reader keeps running, so the terminal stays as it is.
        if crate::extract::panic_is_guarded() {
            return;
        }
        // Restore first, so the message is readable and the shell usable.
        restore_terminal();
        default_hook(info);
    }));
    enable_raw_mode()?;
    let mut out = io::stdout();
    execute!(out, EnterAlternateScreen)?;
    if mouse {
        execute!(out, EnableMouseCapture)?;
    }
    Terminal::new(ratatui::backend::CrosstermBackend::new(io::stdout()))
}

/// Where exports go: never into the collection.
fn export_dir() -> PathBuf {
    dirs::data_local_dir()
        .unwrap_or_else(std::env::temp_dir)
        .join("docket")
        .join("exports")
}

/// A file name from a title: letters, digits, '-' and '_' only, bounded length.
pub fn safe_file_name(title: &str) -> String {
    let folded = crate::text::fold(title);
    let mut s: String = folded
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
        .collect::<String>()
        .split('-')
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join("-");
    s.truncate(80);
    if s.is_empty() {
        "article".to_owned()
    } else {
        s
    }
}

/// The OSC 52 sequence that puts `text` on the clipboard (the content is base64,
/// so nothing in it can act on the terminal).
pub fn osc52(text: &str) -> String {
    use base64::Engine;
    format!(
        "\u{1b}]52;c;{}\u{7}",
        base64::engine::general_purpose::STANDARD.encode(text.as_bytes())
    )
}

/// A short reason for a failed write (`io_reason` words permission errors for
/// reading).
fn write_reason(e: &io::Error) -> String {
    match e.kind() {
        io::ErrorKind::PermissionDenied => "permission denied (not writable)".to_owned(),
        _ => crate::collection::walk::io_reason(e),
    }
}

struct Runner {
    state_path: Option<PathBuf>,
    state_warned: bool,
}

impl Runner {
    fn effect(&mut self, app: &mut App, e: Effect) {
        match e {
            Effect::SaveState => {
                let Some(p) = &self.state_path else { return };
                if let Err(err) = app.state.save(p)
                    && !self.state_warned
                {
                    // Reason first: the status line cuts a long path. The warning
                    // stays in the list (`w`) after the status line moves on.
                    let msg = format!(
                        "reading state not saved: {} ({})",
                        write_reason(&err),
                        p.display()
                    );
                    app.warnings.push(msg.clone());
                    app.message = Some(msg);
                    self.state_warned = true;
                }
            }
            Effect::Copy(text) => {
                let mut out = io::stdout();
                let _ = out.write_all(osc52(&text).as_bytes());
                let _ = out.flush();
            }
            Effect::Export(a) => {
                let article = &app.lib.articles[a];
                let outline = &app.lib.outlines[a];
                let dir = export_dir();
                let base = safe_file_name(&format!("{}-{}", article.id, article.display_title()));
                let md = dir.join(format!("{base}.md"));
                let js = dir.join(format!("{base}.json"));
                let json = serde_json::to_vec_pretty(&crate::export::article_value(
                    article,
                    outline,
                    Default::default(),
                ))
                .unwrap_or_default();
                let written = crate::state::write_atomic(
                    &md,
                    crate::export::markdown(article, outline).as_bytes(),
                )
                .and_then(|_| crate::state::write_atomic(&js, &json));
                app.message = Some(match written {
                    Ok(()) => format!("exported {} (and .json)", md.display()),
                    Err(e) => format!("export failed: {}", write_reason(&e)),
                });
            }
        }
    }
}

/// Opens the reader on `paths` (the demo collection when empty).
pub fn run(paths: &[PathBuf], opts: &LoadOptions, cache: bool) -> io::Result<()> {
    let (config, config_errors) = Config::load_default();
    let (keymap, key_errors) = Keymap::with_overrides(&config.keys);
    let theme = Theme::from_env(config.theme);
    let state_path = std::env::var_os("DOCKET_STATE_FILE")
        .map(PathBuf::from)
        .or_else(crate::state::default_state_path);
    let mut warnings: Vec<String> = config_errors
        .iter()
        .map(ToString::to_string)
        .chain(key_errors)
        .collect();
    let state = match state_path.as_deref().map(ReaderState::load) {
        Some(Ok(Some(s))) => s,
        Some(Err(e)) => {
            warnings.push(format!(
                "{}: {e}; starting afresh",
                state_path
                    .as_deref()
                    .map(Path::display)
                    .map(|d| d.to_string())
                    .unwrap_or_default()
            ));
            ReaderState::new()
        }
        _ => ReaderState::new(),
    };
    let (lib, loader) = if paths.is_empty() {
        let (lib, w) = demo_library();
        warnings.extend(w);
        (lib, None)
    } else {
        (
            Library::default(),
            Some(spawn_loader(paths.to_vec(), opts.clone(), cache)),
        )
    };
    let mut app = App::new(lib, keymap, state);
    app.mouse = config.mouse;
    app.stepped_search = true;
    app.warnings = warnings;
    if loader.is_some() {
        app.progress = Some(Progress::default());
    }
    let mut terminal = init_terminal(app.mouse)?;
    let result = event_loop(&mut terminal, &mut app, &theme, loader, state_path);
    restore_terminal();
    result
}

/// How long a search step runs before the reader looks for keys.
const SEARCH_STEP: Duration = Duration::from_millis(8);
/// How often a frame shows a running search's progress.
const SEARCH_PROGRESS_FRAME: Duration = Duration::from_millis(100);

fn event_loop(
    terminal: &mut DefaultTerminal,
    app: &mut App,
    theme: &Theme,
    loader: Option<mpsc::Receiver<LoadMsg>>,
    state_path: Option<PathBuf>,
) -> io::Result<()> {
    let mut runner = Runner {
        state_path,
        state_warned: false,
    };
    let size = terminal.size()?;
    app.resize(Rect::new(0, 0, size.width, size.height));
    let mut dirty = true;
    let mut last_frame = Instant::now();
    let mut loader = loader;
    let forced_panic_key = forced_panic_key();
    loop {
        if dirty {
            terminal.draw(|f| draw::draw(f, app, theme))?;
            dirty = false;
            last_frame = Instant::now();
        }
        // Take what the loader has, but never hold the screen for long.
        let mut more_waiting = false;
        if let Some(rx) = &loader {
            let started = Instant::now();
            loop {
                match rx.try_recv() {
                    Ok(LoadMsg::Batch {
                        items,
                        warnings,
                        done,
                        total,
                    }) => {
                        app.loaded(
                            items,
                            warnings,
                            Progress {
                                files_done: done,
                                files_total: total,
                            },
                        );
                        dirty = true;
                        if started.elapsed() > Duration::from_millis(12) {
                            more_waiting = true;
                            break;
                        }
                    }
                    Err(mpsc::TryRecvError::Empty) => break,
                    Err(mpsc::TryRecvError::Disconnected) => {
                        loader = None;
                        app.progress = None;
                        dirty = true;
                        break;
                    }
                }
            }
        }
        // A search being typed runs a few milliseconds at a time with a look for
        // keys in between; a frame shows its progress now and then, and its
        // result.
        let had_search = app.search_progress().is_some();
        let searching = !app.search_step(SEARCH_STEP);
        dirty |= had_search && (!searching || last_frame.elapsed() >= SEARCH_PROGRESS_FRAME);
        // Batches still waiting: only look for a key, so loading goes on at the
        // loader's pace (a reopen from the cache hands over a batch every few ms).
        let wait = if more_waiting || searching {
            Duration::ZERO
        } else if loader.is_some() {
            Duration::from_millis(16)
        } else {
            Duration::from_millis(500)
        };
        if !event::poll(wait)? {
            continue;
        }
        // Everything already queued is taken at once: keys typed (or pasted)
        // while a frame was drawn or a search ran are handled together, with
        // one search and one frame for all of them.
        let mut events = vec![event::read()?];
        while events.len() < 256 && event::poll(Duration::ZERO)? {
            events.push(event::read()?);
        }
        let mut keys = Vec::new();
        for ev in events {
            match ev {
                Event::Key(k) if k.kind != KeyEventKind::Release => {
                    if forced_panic_key.is_some_and(|c| k.code == event::KeyCode::Char(c)) {
                        panic!("forced panic (DOCKET_TEST_PANIC_KEY) to test terminal restore");
                    }
                    keys.push(k);
                    continue;
                }
                Event::Key(_) => continue,
                _ => {}
            }
            handle_keys(app, &mut runner, &mut keys, &mut dirty);
            match ev {
                Event::Resize(w, h) => {
                    app.resize(Rect::new(0, 0, w, h));
                    dirty = true;
                }
                Event::Mouse(m) if app.mouse => {
                    match m.kind {
                        MouseEventKind::Down(_) => app.click(m.column, m.row),
                        MouseEventKind::ScrollDown => app.wheel(m.column, m.row, true),
                        MouseEventKind::ScrollUp => app.wheel(m.column, m.row, false),
                        _ => continue,
                    }
                    dirty = true;
                }
                _ => {}
            }
        }
        handle_keys(app, &mut runner, &mut keys, &mut dirty);
        if app.quit {
            return Ok(());
        }
    }
}

/// Hands the keys gathered so far to the app, together, and runs what they ask.
fn handle_keys(
    app: &mut App,
    runner: &mut Runner,
    keys: &mut Vec<event::KeyEvent>,
    dirty: &mut bool,
) {
    if keys.is_empty() || app.quit {
        keys.clear();
        return;
    }
    for e in app.on_keys(keys) {
        runner.effect(app, e);
    }
    keys.clear();
    *dirty = true;
}

/// A key that panics on purpose, so tests can prove the panic hook restores the
/// terminal: `DOCKET_TEST_PANIC_KEY=<char>`. Honoured in every build, so the
/// end-to-end test also runs under `cargo test --release` (which builds a release
/// binary). It is safe there: nothing happens unless a user sets this clearly
/// test-named variable, and then the reader only stops as on any panic, with the
/// terminal restored and the reading state as last saved (written atomically).
fn forced_panic_key() -> Option<char> {
    std::env::var("DOCKET_TEST_PANIC_KEY")
        .ok()
        .and_then(|s| s.chars().next())
}
