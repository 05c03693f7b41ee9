//! The reader's optional configuration, `$XDG_CONFIG_HOME/docket/config.toml`:
//!
//! ```toml
//! theme = "light"      # or "dark" (default)
//! mouse = true         # clicks and the wheel (default off)
//!
//! [keys]               # action name = key or [keys]; see `docket` then `?`
//! next_agenda = ["]", "a"]
//! quit = "Q"
//! ```
//!
//! Errors never stop the reader: each is reported with its line and the rest of
//! the file still applies.

use std::collections::BTreeMap;
use std::path::PathBuf;

/// Light or dark colours.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Theme {
    #[default]
    Dark,
    Light,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Config {
    pub theme: Theme,
    pub mouse: bool,
    /// Action name -> keys, as written.
    pub keys: BTreeMap<String, Vec<String>>,
}

/// A problem in the configuration file, with its line when known.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigError {
    pub line: Option<usize>,
    pub message: String,
}

impl std::fmt::Display for ConfigError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.line {
            Some(l) => write!(f, "config.toml:{l}: {}", self.message),
            None => write!(f, "config.toml: {}", self.message),
        }
    }
}

fn line_of(text: &str, offset: usize) -> usize {
    text[..offset.min(text.len())].matches('\n').count() + 1
}

/// Line of a key's definition, found by its name at the start of a line.
fn line_of_key(text: &str, key: &str) -> Option<usize> {
    text.lines()
        .position(|l| {
            let t = l.trim_start();
            t.starts_with(key) && t[key.len()..].trim_start().starts_with('=')
        })
        .map(|i| i + 1)
}

impl Config {
    /// Parses configuration text; returns what could be read and every problem.
    pub fn parse(text: &str) -> (Config, Vec<ConfigError>) {
        let mut cfg = Config::default();
        let mut errors = Vec::new();
        let value: toml::Table = match text.parse() {
            Ok(v) => v,
            Err(e) => {
                let line = e.span().map(|s| line_of(text, s.start));
                errors.push(ConfigError {
                    line,
                    message: e.message().to_owned(),
                });
                return (cfg, errors);
            }
        };
        for (k, v) in &value {
            let line = line_of_key(text, k);
            match (k.as_str(), v) {
                ("theme", toml::Value::String(s)) => match s.as_str() {
                    "dark" => cfg.theme = Theme::Dark,
                    "light" => cfg.theme = Theme::Light,
                    other => errors.push(ConfigError {
                        line,
                        message: format!("theme \"{other}\" is not \"dark\" or \"light\""),
                    }),
                },
                ("mouse", toml::Value::Boolean(b)) => cfg.mouse = *b,
                ("keys", toml::Value::Table(t)) => {
                    for (action, keys) in t {
                        let line = line_of_key(text, action);
                        let list = match keys {
                            toml::Value::String(s) => vec![s.clone()],
                            toml::Value::Array(a) if a.iter().all(|x| x.is_str()) => a
                                .iter()
                                .filter_map(|x| x.as_str().map(str::to_owned))
                                .collect(),
                            _ => {
                                errors.push(ConfigError {
                                    line,
                                    message: format!(
                                        "keys.{action} must be a key or a list of keys"
                                    ),
                                });
                                continue;
                            }
                        };
                        cfg.keys.insert(action.clone(), list);
                    }
                }
                ("theme" | "mouse" | "keys", _) => errors.push(ConfigError {
                    line,
                    message: format!("\"{k}\" has the wrong type"),
                }),
                (other, _) => errors.push(ConfigError {
                    line,
                    message: format!("unknown setting \"{other}\""),
                }),
            }
        }
        (cfg, errors)
    }

    /// Loads the default configuration file, if there is one.
    pub fn load_default() -> (Config, Vec<ConfigError>) {
        let Some(path) = default_config_path() else {
            return (Config::default(), Vec::new());
        };
        match std::fs::read_to_string(&path) {
            Ok(t) => Config::parse(&t),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => (Config::default(), Vec::new()),
            Err(e) => (
                Config::default(),
                vec![ConfigError {
                    line: None,
                    message: format!(
                        "cannot read {}: {}",
                        path.display(),
                        crate::collection::walk::io_reason(&e)
                    ),
                }],
            ),
        }
    }
}

/// `$XDG_CONFIG_HOME/docket/config.toml`.
pub fn default_config_path() -> Option<PathBuf> {
    dirs::config_dir().map(|d| d.join("docket").join("config.toml"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn settings_and_keys() {
        let (c, errs) = Config::parse(
            "theme = \"light\"\nmouse = true\n[keys]\nnext_agenda = [\"]\", \"a\"]\nquit = \"Q\"\n",
        );
        assert!(errs.is_empty(), "{errs:?}");
        assert_eq!(c.theme, Theme::Light);
        assert!(c.mouse);
        assert_eq!(c.keys["next_agenda"], ["]", "a"]);
        assert_eq!(c.keys["quit"], ["Q"]);
    }

    #[test]
    fn errors_carry_lines_and_the_rest_applies() {
        let (c, errs) =
            Config::parse("mouse = true\ntheme = \"neon\"\ncolour = 1\n[keys]\nquit = 5\n");
        assert!(c.mouse);
        let shown: Vec<String> = errs.iter().map(ToString::to_string).collect();
        assert!(
            shown
                .contains(&"config.toml:2: theme \"neon\" is not \"dark\" or \"light\"".to_owned()),
            "{shown:?}"
        );
        assert!(
            shown
                .iter()
                .any(|e| e.starts_with("config.toml:3: unknown setting")),
            "{shown:?}"
        );
        assert!(
            shown
                .iter()
                .any(|e| e.starts_with("config.toml:5: keys.quit")),
            "{shown:?}"
        );
        let (_, errs) = Config::parse("theme = \n");
        assert_eq!(errs[0].line, Some(1));
    }
}
