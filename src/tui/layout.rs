//! Where each pane goes for a terminal size: three panes side by side on wide
//! terminals, two on medium ones, one with tabs on narrow ones. Pure: any size
//! down to 1x1 gives valid (possibly empty) rectangles.

use ratatui::layout::Rect;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pane {
    List,
    Outline,
    Text,
}

impl Pane {
    pub fn next(self) -> Pane {
        match self {
            Pane::List => Pane::Outline,
            Pane::Outline => Pane::Text,
            Pane::Text => Pane::List,
        }
    }

    pub fn prev(self) -> Pane {
        match self {
            Pane::List => Pane::Text,
            Pane::Outline => Pane::List,
            Pane::Text => Pane::Outline,
        }
    }

    pub fn title(self) -> &'static str {
        match self {
            Pane::List => "Articles",
            Pane::Outline => "Outline",
            Pane::Text => "Text",
        }
    }
}

/// Widths at which the layout changes.
pub const WIDE: u16 = 120;
pub const MEDIUM: u16 = 70;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Panes {
    pub list: Option<Rect>,
    pub outline: Option<Rect>,
    pub text: Option<Rect>,
    /// Tab bar of the one-pane layout.
    pub tabs: Option<Rect>,
    /// The search input line, when searching.
    pub input: Option<Rect>,
    pub status: Rect,
}

impl Panes {
    pub fn get(&self, p: Pane) -> Option<Rect> {
        match p {
            Pane::List => self.list,
            Pane::Outline => self.outline,
            Pane::Text => self.text,
        }
    }
}

/// Splits `area` for the focused pane `focus`, with a search line when `input`.
pub fn panes(area: Rect, focus: Pane, input: bool) -> Panes {
    let mut out = Panes::default();
    let status_h = u16::from(area.height >= 1);
    let input_h = u16::from(input && area.height >= 3);
    let body_h = area.height.saturating_sub(status_h + input_h);
    out.status = Rect::new(area.x, area.y + body_h + input_h, area.width, status_h);
    if input_h > 0 {
        out.input = Some(Rect::new(area.x, area.y + body_h, area.width, 1));
    }
    let body = Rect::new(area.x, area.y, area.width, body_h);
    if body.height == 0 || body.width == 0 {
        return out;
    }
    if area.width >= WIDE {
        let list_w = body.width * 28 / 100;
        let outline_w = body.width * 30 / 100;
        let text_w = body.width - list_w - outline_w;
        out.list = Some(Rect::new(body.x, body.y, list_w, body.height));
        out.outline = Some(Rect::new(body.x + list_w, body.y, outline_w, body.height));
        out.text = Some(Rect::new(
            body.x + list_w + outline_w,
            body.y,
            text_w,
            body.height,
        ));
    } else if area.width >= MEDIUM {
        let left_w = body.width * 42 / 100;
        let left = Rect::new(body.x, body.y, left_w, body.height);
        let right = Rect::new(body.x + left_w, body.y, body.width - left_w, body.height);
        match focus {
            Pane::Outline => out.outline = Some(left),
            _ => out.list = Some(left),
        }
        out.text = Some(right);
    } else {
        let tabs_h = u16::from(body.height >= 2);
        out.tabs = (tabs_h > 0).then(|| Rect::new(body.x, body.y, body.width, 1));
        let one = Rect::new(body.x, body.y + tabs_h, body.width, body.height - tabs_h);
        match focus {
            Pane::List => out.list = Some(one),
            Pane::Outline => out.outline = Some(one),
            Pane::Text => out.text = Some(one),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn three_two_one_panes() {
        let p = panes(Rect::new(0, 0, 140, 40), Pane::List, false);
        assert!(p.list.is_some() && p.outline.is_some() && p.text.is_some());
        assert_eq!(p.status, Rect::new(0, 39, 140, 1));
        let p = panes(Rect::new(0, 0, 80, 24), Pane::Outline, true);
        assert!(p.list.is_none() && p.outline.is_some() && p.text.is_some());
        assert_eq!(p.input, Some(Rect::new(0, 22, 80, 1)));
        let p = panes(Rect::new(0, 0, 40, 12), Pane::Text, false);
        assert!(p.tabs.is_some() && p.text.is_some() && p.list.is_none());
    }

    #[test]
    fn tiny_sizes_do_not_underflow() {
        for w in 0..5 {
            for h in 0..5 {
                let p = panes(Rect::new(0, 0, w, h), Pane::List, true);
                for r in [p.list, p.outline, p.text, p.tabs, p.input]
                    .into_iter()
                    .flatten()
                {
                    assert!(r.right() <= w && r.bottom() <= h);
                }
            }
        }
    }
}
