//! Styles of the reader, dark or light, and without colour when NO_COLOR is set
//! (then selection and highlights stay visible through reverse, bold and
//! underline).

use crate::config::Theme as ThemeName;
use ratatui::style::{Color, Modifier, Style};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Theme {
    pub color: bool,
    pub light: bool,
}

/// Colours for speakers, picked by their index in the collection so a person has
/// the same colour in every article.
const SPEAKER_COLORS: [Color; 8] = [
    Color::Cyan,
    Color::Magenta,
    Color::Green,
    Color::Yellow,
    Color::LightBlue,
    Color::LightRed,
    Color::LightGreen,
    Color::LightMagenta,
];

impl Theme {
    pub fn new(name: ThemeName, no_color: bool) -> Theme {
        Theme {
            color: !no_color,
            light: name == ThemeName::Light,
        }
    }

    /// From the environment: NO_COLOR set (to anything) turns colour off.
    pub fn from_env(name: ThemeName) -> Theme {
        Theme::new(
            name,
            std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty()),
        )
    }

    fn fg(&self, c: Color) -> Style {
        if self.color {
            Style::default().fg(c)
        } else {
            Style::default()
        }
    }

    fn accent(&self) -> Color {
        if self.light { Color::Blue } else { Color::Cyan }
    }

    pub fn border(&self, focused: bool) -> Style {
        if focused {
            self.fg(self.accent()).add_modifier(Modifier::BOLD)
        } else {
            self.fg(Color::DarkGray)
        }
    }

    pub fn selected(&self, focused: bool) -> Style {
        if !self.color || focused {
            Style::default().add_modifier(Modifier::REVERSED)
        } else {
            Style::default().add_modifier(Modifier::BOLD | Modifier::UNDERLINED)
        }
    }

    pub fn title(&self) -> Style {
        Style::default().add_modifier(Modifier::BOLD)
    }

    pub fn dim(&self) -> Style {
        if self.color {
            Style::default().fg(Color::DarkGray)
        } else {
            Style::default().add_modifier(Modifier::DIM)
        }
    }

    pub fn caption(&self) -> Style {
        self.dim().add_modifier(Modifier::ITALIC)
    }

    pub fn section(&self) -> Style {
        self.fg(self.accent()).add_modifier(Modifier::BOLD)
    }

    /// Paragraphs of the selected outline node.
    pub fn focus_block(&self) -> Style {
        if self.color {
            Style::default().bg(if self.light {
                Color::Rgb(230, 236, 250)
            } else {
                Color::Rgb(28, 36, 52)
            })
        } else {
            Style::default()
        }
    }

    /// The exact span of the selected node (a statement, a name).
    pub fn focus_span(&self) -> Style {
        if self.color {
            self.focus_block()
                .add_modifier(Modifier::BOLD)
                .fg(if self.light {
                    Color::Black
                } else {
                    Color::White
                })
        } else {
            Style::default().add_modifier(Modifier::BOLD | Modifier::UNDERLINED)
        }
    }

    pub fn speaker(&self, entry: usize) -> Style {
        self.fg(SPEAKER_COLORS[entry % SPEAKER_COLORS.len()])
            .add_modifier(Modifier::BOLD)
    }

    pub fn hit(&self) -> Style {
        if self.color {
            Style::default().bg(Color::Yellow).fg(Color::Black)
        } else {
            Style::default().add_modifier(Modifier::UNDERLINED)
        }
    }

    pub fn current_hit(&self) -> Style {
        if self.color {
            Style::default()
                .bg(Color::LightRed)
                .fg(Color::Black)
                .add_modifier(Modifier::BOLD)
        } else {
            Style::default().add_modifier(Modifier::REVERSED | Modifier::UNDERLINED)
        }
    }

    pub fn status(&self) -> Style {
        if self.color {
            Style::default().bg(if self.light {
                Color::Gray
            } else {
                Color::Rgb(40, 40, 48)
            })
        } else {
            Style::default().add_modifier(Modifier::REVERSED)
        }
    }

    pub fn warning(&self) -> Style {
        self.fg(Color::Yellow).add_modifier(Modifier::BOLD)
    }

    pub fn error(&self) -> Style {
        self.fg(Color::Red).add_modifier(Modifier::BOLD)
    }

    pub fn marker(&self) -> Style {
        self.fg(self.accent()).add_modifier(Modifier::BOLD)
    }
}
