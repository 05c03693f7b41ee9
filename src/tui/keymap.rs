//! Every action the reader can take, and the one table that binds keys to them:
//! dispatch, the `?` help and user overrides (`[keys]` in config.toml) all read it.

use std::collections::BTreeMap;

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// Where a binding applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Context {
    /// Anywhere outside a popup.
    Global,
    /// Moving inside the focused pane.
    Pane,
    /// Popups with a list (picker, views, bookmarks, warnings).
    Popup,
}

impl Context {
    pub fn title(self) -> &'static str {
        match self {
            Context::Global => "Anywhere",
            Context::Pane => "In the focused pane",
            Context::Popup => "In a popup",
        }
    }
}

/// Everything the user can ask for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Action {
    Quit,
    Help,
    Up,
    Down,
    PageUp,
    PageDown,
    Top,
    Bottom,
    NextPane,
    PrevPane,
    Activate,
    Back,
    NextAgenda,
    PrevAgenda,
    NextStatement,
    PrevStatement,
    SpeakerPicker,
    ClearFilter,
    SpeakerView,
    MeetingsView,
    Search,
    NextHit,
    PrevHit,
    Bookmark,
    Bookmarks,
    Export,
    Copy,
    Warnings,
}

/// One line of the keymap.
#[derive(Debug, Clone)]
pub struct Binding {
    pub context: Context,
    pub keys: Vec<String>,
    pub action: Action,
    /// The name used in config.toml.
    pub name: &'static str,
    pub desc: &'static str,
}

/// The default bindings.
fn defaults() -> Vec<Binding> {
    use Action::*;
    use Context::*;
    let b = |context, keys: &[&str], action, name, desc| Binding {
        context,
        keys: keys.iter().map(|k| (*k).to_owned()).collect(),
        action,
        name,
        desc,
    };
    vec![
        b(Global, &["q", "Ctrl-c"], Quit, "quit", "quit"),
        b(Global, &["?"], Help, "help", "this help"),
        b(Global, &["Tab"], NextPane, "next_pane", "next pane"),
        b(Global, &["BackTab"], PrevPane, "prev_pane", "previous pane"),
        b(
            Global,
            &["]"],
            NextAgenda,
            "next_agenda",
            "next agenda item (then the next article with one)",
        ),
        b(
            Global,
            &["["],
            PrevAgenda,
            "prev_agenda",
            "previous agenda item",
        ),
        b(
            Global,
            &["}"],
            NextStatement,
            "next_statement",
            "next statement of the speaker (or of anyone)",
        ),
        b(
            Global,
            &["{"],
            PrevStatement,
            "prev_statement",
            "previous statement",
        ),
        b(
            Global,
            &["s"],
            SpeakerPicker,
            "speakers",
            "pick a speaker to filter by",
        ),
        b(
            Global,
            &["S"],
            ClearFilter,
            "clear_filter",
            "clear the speaker filter and search",
        ),
        b(
            Global,
            &["v"],
            SpeakerView,
            "speaker_view",
            "all statements of the selected speaker",
        ),
        b(
            Global,
            &["M"],
            MeetingsView,
            "meetings",
            "meetings of the collection",
        ),
        b(
            Global,
            &["/"],
            Search,
            "search",
            "search (speaker: role: agenda: meeting: date: title: /re/ -not)",
        ),
        b(Global, &["n"], NextHit, "next_hit", "next search hit"),
        b(Global, &["N"], PrevHit, "prev_hit", "previous search hit"),
        b(
            Global,
            &["m"],
            Bookmark,
            "bookmark",
            "bookmark the reading position",
        ),
        b(Global, &["'"], Bookmarks, "bookmarks", "bookmarks"),
        b(
            Global,
            &["e"],
            Export,
            "export",
            "export the outline (Markdown and JSON)",
        ),
        b(
            Global,
            &["y"],
            Copy,
            "copy",
            "copy the selected statement (OSC 52)",
        ),
        b(Global, &["w"], Warnings, "warnings", "load warnings"),
        b(Pane, &["j", "Down"], Down, "down", "down"),
        b(Pane, &["k", "Up"], Up, "up", "up"),
        b(
            Pane,
            &["PageDown", "Ctrl-d", " "],
            PageDown,
            "page_down",
            "page down",
        ),
        b(Pane, &["PageUp", "Ctrl-u"], PageUp, "page_up", "page up"),
        b(Pane, &["g", "Home"], Top, "top", "top"),
        b(Pane, &["G", "End"], Bottom, "bottom", "bottom"),
        b(
            Pane,
            &["Enter"],
            Activate,
            "open",
            "open the article / jump to the outline node",
        ),
        b(Popup, &["Esc"], Back, "back", "close the popup / cancel"),
    ]
}

/// Bindings, after user overrides.
#[derive(Debug, Clone)]
pub struct Keymap {
    pub bindings: Vec<Binding>,
}

impl Default for Keymap {
    fn default() -> Self {
        Keymap {
            bindings: defaults(),
        }
    }
}

impl Keymap {
    /// Applies `[keys]` overrides; returns a message per unknown action or key.
    pub fn with_overrides(overrides: &BTreeMap<String, Vec<String>>) -> (Keymap, Vec<String>) {
        let mut km = Keymap::default();
        let mut errors = Vec::new();
        for (name, keys) in overrides {
            let Some(b) = km.bindings.iter_mut().find(|b| b.name == name) else {
                errors.push(format!("keys.{name}: no such action"));
                continue;
            };
            let mut ok = Vec::new();
            for k in keys {
                if parse_key(k).is_some() {
                    ok.push(k.clone());
                } else {
                    errors.push(format!("keys.{name}: cannot read key \"{k}\""));
                }
            }
            if !ok.is_empty() {
                b.keys = ok;
            }
        }
        (km, errors)
    }

    /// The action bound to a key in a context (global bindings apply everywhere
    /// outside popups).
    pub fn action(&self, key: &KeyEvent, contexts: &[Context]) -> Option<Action> {
        self.bindings
            .iter()
            .filter(|b| contexts.contains(&b.context))
            .find(|b| {
                b.keys
                    .iter()
                    .any(|k| parse_key(k).is_some_and(|p| key_matches(&p, key)))
            })
            .map(|b| b.action)
    }

    /// The first key of an action, for hints ("? help").
    pub fn key_of(&self, action: Action) -> &str {
        self.bindings
            .iter()
            .find(|b| b.action == action)
            .and_then(|b| b.keys.first())
            .map_or("", String::as_str)
    }
}

/// A key as written in the keymap: "j", "Enter", "Ctrl-c", "PageDown", " ".
pub fn parse_key(s: &str) -> Option<(KeyCode, KeyModifiers)> {
    let (mods, rest) = match s.strip_prefix("Ctrl-") {
        Some(r) => (KeyModifiers::CONTROL, r),
        None => (KeyModifiers::NONE, s),
    };
    let code = match rest {
        "Enter" => KeyCode::Enter,
        "Esc" => KeyCode::Esc,
        "Tab" => KeyCode::Tab,
        "BackTab" => KeyCode::BackTab,
        "Up" => KeyCode::Up,
        "Down" => KeyCode::Down,
        "Left" => KeyCode::Left,
        "Right" => KeyCode::Right,
        "PageUp" => KeyCode::PageUp,
        "PageDown" => KeyCode::PageDown,
        "Home" => KeyCode::Home,
        "End" => KeyCode::End,
        "Backspace" => KeyCode::Backspace,
        "Space" => KeyCode::Char(' '),
        r if r.chars().count() == 1 => KeyCode::Char(r.chars().next()?),
        r if r.starts_with('F') => KeyCode::F(r[1..].parse().ok()?),
        _ => return None,
    };
    Some((code, mods))
}

fn key_matches(want: &(KeyCode, KeyModifiers), got: &KeyEvent) -> bool {
    let (code, mods) = want;
    // Shift is part of the character itself ("G", "?").
    let got_mods = got.modifiers - KeyModifiers::SHIFT;
    let want_mods = *mods - KeyModifiers::SHIFT;
    let same_code = match (code, got.code) {
        (KeyCode::BackTab, KeyCode::BackTab) => true,
        (KeyCode::Tab, KeyCode::Tab) => !got.modifiers.contains(KeyModifiers::SHIFT),
        (a, b) => *a == b,
    };
    same_code && got_mods == want_mods
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(c: char) -> KeyEvent {
        KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE)
    }

    #[test]
    fn defaults_and_overrides() {
        let km = Keymap::default();
        assert_eq!(
            km.action(&key(']'), &[Context::Global]),
            Some(Action::NextAgenda)
        );
        assert_eq!(km.action(&key('j'), &[Context::Global]), None);
        assert_eq!(km.action(&key('j'), &[Context::Pane]), Some(Action::Down));
        let ctrl_c = KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL);
        assert_eq!(km.action(&ctrl_c, &[Context::Global]), Some(Action::Quit));
        let mut o = BTreeMap::new();
        o.insert("next_agenda".to_owned(), vec!["a".to_owned()]);
        o.insert("fly".to_owned(), vec!["x".to_owned()]);
        o.insert("quit".to_owned(), vec!["Hyper-q".to_owned()]);
        let (km, errs) = Keymap::with_overrides(&o);
        assert_eq!(
            km.action(&key('a'), &[Context::Global]),
            Some(Action::NextAgenda)
        );
        assert_eq!(km.action(&key(']'), &[Context::Global]), None);
        assert_eq!(errs.len(), 2);
        // A rejected key keeps the default.
        assert_eq!(km.action(&key('q'), &[Context::Global]), Some(Action::Quit));
    }
}
