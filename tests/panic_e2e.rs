//! The reader end to end in a real terminal (tmux): a panic restores the terminal
//! (alternate screen left, raw mode off, cursor shown, the message readable), and
//! a corrupt or unwritable state file is reported, never fatal.
//!
//! Needs `tmux`; skipped with a message when it is not installed. Each test runs
//! its own tmux server (`-S`, a socket in its temporary folder) and kills it at
//! the end; HOME,
//! the XDG folders, the state file and the cache all point into a temporary
//! folder, so nothing is written into the user's home.
//!
//! The panic key is `DOCKET_TEST_PANIC_KEY`, honoured in every build, so this runs
//! under `cargo test --release` too.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::time::{Duration, Instant};

fn have_tmux() -> bool {
    let ok = Command::new("tmux")
        .arg("-V")
        .output()
        .is_ok_and(|o| o.status.success());
    if !ok {
        eprintln!("tmux is not installed: the end-to-end terminal tests are skipped");
    }
    ok
}

/// One tmux server with one session running a shell command, killed on drop.
struct Tmux {
    /// The server's socket, inside the temporary home (removed with it).
    socket: PathBuf,
    _home: tempfile::TempDir,
    home: PathBuf,
}

impl Tmux {
    /// Starts `docket <args>` in a 100x30 pane; after it exits the shell prints
    /// its exit code, reads one line and echoes it (which only works once the
    /// terminal is back in cooked mode).
    fn start(
        name: &str,
        args: &[&Path],
        env: &[(&str, &Path)],
        extra_env: &[(&str, &str)],
    ) -> Tmux {
        let home = tempfile::tempdir().unwrap();
        let h = home.path().to_path_buf();
        let socket = h.join(format!("tmux-{name}.sock"));
        let mut vars: Vec<(String, String)> = vec![
            ("HOME".into(), h.display().to_string()),
            (
                "XDG_STATE_HOME".into(),
                h.join("state").display().to_string(),
            ),
            (
                "XDG_CONFIG_HOME".into(),
                h.join("config").display().to_string(),
            ),
            ("XDG_DATA_HOME".into(), h.join("data").display().to_string()),
            (
                "XDG_CACHE_HOME".into(),
                h.join("cache").display().to_string(),
            ),
            (
                "DOCKET_CACHE_DIR".into(),
                h.join("cache").display().to_string(),
            ),
            (
                "DOCKET_STATE_FILE".into(),
                h.join("state.json").display().to_string(),
            ),
            ("TERM".into(), "xterm-256color".into()),
        ];
        for (k, v) in env {
            vars.retain(|(x, _)| x != k);
            vars.push(((*k).into(), v.display().to_string()));
        }
        for (k, v) in extra_env {
            vars.push(((*k).into(), (*v).into()));
        }
        let mut cmd = String::from("env");
        for (k, v) in &vars {
            cmd.push_str(&format!(" {k}={}", shell_quote(v)));
        }
        cmd.push(' ');
        cmd.push_str(&shell_quote(env!("CARGO_BIN_EXE_docket")));
        for a in args {
            cmd.push(' ');
            cmd.push_str(&shell_quote(&a.display().to_string()));
        }
        cmd.push_str("; echo \"EXIT:$?\"; IFS= read -r line; echo \"GOT:$line\"; sleep 60");
        let t = Tmux {
            socket,
            _home: home,
            home: h,
        };
        let out = t.tmux(&[
            "-f",
            "/dev/null",
            "new-session",
            "-d",
            "-s",
            "t",
            "-x",
            "100",
            "-y",
            "30",
            &cmd,
        ]);
        assert!(
            out.status.success(),
            "tmux: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        t
    }

    fn tmux(&self, args: &[&str]) -> Output {
        Command::new("tmux")
            .arg("-S")
            .arg(&self.socket)
            .args(args)
            .output()
            .unwrap()
    }

    fn screen(&self) -> String {
        String::from_utf8_lossy(&self.tmux(&["capture-pane", "-p", "-t", "t"]).stdout).into_owned()
    }

    fn format(&self, f: &str) -> String {
        String::from_utf8_lossy(&self.tmux(&["display-message", "-p", "-t", "t", f]).stdout)
            .trim()
            .to_owned()
    }

    /// Sends keys one at a time, a little apart: an Escape followed at once by
    /// another key would read as Alt+key.
    fn keys(&self, keys: &[&str]) {
        for k in keys {
            assert!(self.tmux(&["send-keys", "-t", "t", k]).status.success());
            std::thread::sleep(Duration::from_millis(150));
        }
    }

    /// Waits (up to 20 s) until `ok` holds for the screen; panics with the
    /// screen otherwise.
    fn wait_for(&self, what: &str, ok: impl Fn(&Tmux, &str) -> bool) -> String {
        let started = Instant::now();
        loop {
            let s = self.screen();
            if ok(self, &s) {
                return s;
            }
            if started.elapsed() > Duration::from_secs(20) {
                panic!("waited 20 s for {what}; the screen:\n{s}");
            }
            std::thread::sleep(Duration::from_millis(50));
        }
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        let _ = self.tmux(&["kill-server"]);
    }
}

fn shell_quote(s: &str) -> String {
    format!("'{}'", s.replace('\'', "'\\''"))
}

fn collection() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("a.txt"),
        "Kỳ họp thứ 6 HĐND tỉnh Sông Lam\nSáng 9/7, HĐND tỉnh Sông Lam khai mạc kỳ họp thứ 6.\n\
         Chủ tịch HĐND tỉnh Lê Thị Hạnh chủ trì kỳ họp.\nHải Đăng/TTXVN\n",
    )
    .unwrap();
    dir
}

fn reader_shown(t: &Tmux, s: &str) -> bool {
    s.contains("Kỳ họp thứ 6") && t.format("#{alternate_on}") == "1"
}

#[test]
fn a_panic_restores_the_terminal() {
    if !have_tmux() {
        return;
    }
    let dir = collection();
    let t = Tmux::start(
        "panic",
        &[dir.path()],
        &[],
        &[("DOCKET_TEST_PANIC_KEY", "%")],
    );
    t.wait_for("the reader", reader_shown);
    t.keys(&["%"]);
    let s = t.wait_for("the panic message after the reader", |t, s| {
        s.contains("EXIT:") && t.format("#{alternate_on}") == "0"
    });
    assert!(
        s.contains("forced panic (DOCKET_TEST_PANIC_KEY) to test terminal restore"),
        "{s}"
    );
    assert!(s.contains("EXIT:101"), "{s}");
    // Nothing of the reader is left on the main screen.
    assert!(!s.contains("Articles 1 / 1"), "{s}");
    assert_eq!(
        t.format("#{cursor_flag}"),
        "1",
        "cursor hidden after the panic"
    );
    assert_eq!(t.format("#{mouse_any_flag}"), "0");
    // Cooked mode again: a typed line reaches `read` when Enter is pressed.
    t.keys(&["typed back", "Enter"]);
    t.wait_for("the shell to read a line", |_, s| {
        s.contains("GOT:typed back")
    });
}

#[test]
fn without_the_panic_key_quitting_is_clean() {
    if !have_tmux() {
        return;
    }
    let dir = collection();
    let t = Tmux::start("quit", &[dir.path()], &[], &[]);
    t.wait_for("the reader", reader_shown);
    // The panic key is not set: '%' does nothing.
    t.keys(&["%"]);
    std::thread::sleep(Duration::from_millis(300));
    assert_eq!(t.format("#{alternate_on}"), "1", "{}", t.screen());
    t.keys(&["q"]);
    let s = t.wait_for("exit", |t, s| {
        s.contains("EXIT:") && t.format("#{alternate_on}") == "0"
    });
    assert!(s.contains("EXIT:0"), "{s}");
    // The reading state was saved where DOCKET_STATE_FILE says, not in a home.
    let saved = docket::state::ReaderState::load(&t.home.join("state.json")).unwrap();
    assert!(saved.is_some());
}

#[test]
fn a_corrupt_state_file_is_reported_and_replaced() {
    if !have_tmux() {
        return;
    }
    let dir = collection();
    let state_dir = tempfile::tempdir().unwrap();
    let state = state_dir.path().join("state.json");
    std::fs::write(&state, "{\"version\":1,\"positions\":{\"ab\":").unwrap();
    let t = Tmux::start(
        "corrupt",
        &[dir.path()],
        &[("DOCKET_STATE_FILE", &state)],
        &[],
    );
    let s = t.wait_for("the reader", reader_shown);
    // The status bar counts a warning; `w` shows it.
    assert!(s.contains("⚠ 1 (w)"), "{s}");
    t.keys(&["w"]);
    let s = t.wait_for("the warnings", |_, s| s.contains("Load warnings (1)"));
    assert!(s.contains("not a docket state file"), "{s}");
    t.keys(&["Escape"]);
    t.keys(&["q"]);
    let s = t.wait_for("exit", |t, s| {
        s.contains("EXIT:") && t.format("#{alternate_on}") == "0"
    });
    assert!(s.contains("EXIT:0"), "{s}");
    // Started afresh, and saved a valid state over the corrupt one.
    assert!(docket::state::ReaderState::load(&state).unwrap().is_some());
}

#[test]
fn an_unwritable_state_dir_degrades_to_no_persistence_with_a_message() {
    if !have_tmux() {
        return;
    }
    let dir = collection();
    let state_dir = tempfile::tempdir().unwrap();
    // A regular file where the state folder should be: unwritable even for root.
    std::fs::write(state_dir.path().join("blocker"), "in the way").unwrap();
    let state = state_dir.path().join("blocker/state.json");
    let t = Tmux::start(
        "readonly",
        &[dir.path()],
        &[("DOCKET_STATE_FILE", &state)],
        &[],
    );
    let s = t.wait_for("the reader", reader_shown);
    // Reading it failed: a warning, and the reader starts afresh.
    assert!(s.contains("⚠ 1 (w)"), "{s}");
    t.keys(&["w"]);
    let s = t.wait_for("the warnings", |_, s| s.contains("Load warnings (1)"));
    assert!(s.contains("Not a directory; starting afresh"), "{s}");
    t.keys(&["Escape"]);
    // A bookmark saves the state: the save fails and the status line says so.
    t.keys(&["m"]);
    let s = t.wait_for("the message", |_, s| s.contains("reading state not saved"));
    assert!(s.contains("reading state not saved: File exists ("), "{s}");
    // It stays in the warnings after the status line moves on.
    t.keys(&["w"]);
    let s = t.wait_for("the warnings", |_, s| s.contains("Load warnings (2)"));
    assert!(s.contains("reading state not saved: File exists"), "{s}");
    t.keys(&["Escape"]);
    // The reader goes on: keys still work, and quitting is clean.
    t.keys(&["?"]);
    t.wait_for("the help", |_, s| s.contains("Keys"));
    t.keys(&["Escape"]);
    t.keys(&["q"]);
    let s = t.wait_for("exit", |t, s| {
        s.contains("EXIT:") && t.format("#{alternate_on}") == "0"
    });
    assert!(s.contains("EXIT:0"), "{s}");
    assert!(!state.exists());
}
