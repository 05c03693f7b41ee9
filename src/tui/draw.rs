//! Drawing: one read-only function per view, over the app state. Only visible
//! rows are built, so a frame costs the same for 10 or 500,000 articles.

use std::ops::Range;

use crate::article::Article;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

use super::app::{App, Overlay};
use super::keymap::{Action, Context};
use super::layout::Pane;
use super::outline_tree::NodeKind;
use super::textview::LineKind;
use super::theme::Theme;

/// Replaces anything that could act on a terminal with U+FFFD: the last line of
/// defence (text is sanitised when loaded).
pub fn safe(s: &str) -> std::borrow::Cow<'_, str> {
    if s.chars()
        .all(|c| !crate::text::sanitize::is_unsafe_for_terminal(c))
    {
        return std::borrow::Cow::Borrowed(s);
    }
    std::borrow::Cow::Owned(
        s.chars()
            .map(|c| {
                if crate::text::sanitize::is_unsafe_for_terminal(c) {
                    '\u{fffd}'
                } else {
                    c
                }
            })
            .collect(),
    )
}

/// Cuts `s` to `width` display columns, ending with "…" when cut.
pub fn fit(s: &str, width: usize) -> String {
    if s.width() <= width {
        return safe(s).into_owned();
    }
    let mut out = String::new();
    let mut w = 0;
    for c in s.chars() {
        let cw = c.width().unwrap_or(0);
        if w + cw + 1 > width {
            break;
        }
        out.push(c);
        w += cw;
    }
    if width > 0 {
        out.push('…');
    }
    safe(&out).into_owned()
}

/// `s` cut to `width` columns and padded with spaces to exactly `width` (by
/// display width, so wide characters keep the grid aligned).
pub fn pad(s: &str, width: usize) -> String {
    let mut out = fit(s, width);
    let w = out.width();
    out.extend(std::iter::repeat_n(' ', width.saturating_sub(w)));
    out
}

fn group_digits(n: usize) -> String {
    let s = n.to_string();
    let mut out = String::new();
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

pub fn draw(f: &mut Frame, app: &App, theme: &Theme) {
    let area = f.area();
    if area.width == 0 || area.height == 0 {
        return;
    }
    let p = app.panes();
    if let Some(r) = p.tabs {
        draw_tabs(f, r, app, theme);
    }
    if let Some(r) = p.list {
        draw_list(f, r, app, theme);
    }
    if let Some(r) = p.outline {
        draw_outline(f, r, app, theme);
    }
    if let Some(r) = p.text {
        draw_text(f, r, app, theme);
    }
    if let Some(r) = p.input {
        draw_input(f, r, app, theme);
    }
    draw_status(f, p.status, app, theme);
    if let Some(ov) = &app.overlay {
        draw_overlay(f, area, app, ov, theme);
    }
}

fn pane_block<'a>(title: String, focused: bool, theme: &Theme) -> Block<'a> {
    Block::default()
        .borders(Borders::ALL)
        .border_style(theme.border(focused))
        .title(Span::styled(title, theme.title()))
}

fn draw_tabs(f: &mut Frame, r: Rect, app: &App, theme: &Theme) {
    let mut spans = Vec::new();
    for p in [Pane::List, Pane::Outline, Pane::Text] {
        let style = if p == app.focus {
            theme.selected(true)
        } else {
            theme.dim()
        };
        spans.push(Span::styled(format!(" {} ", p.title()), style));
        spans.push(Span::raw(" "));
    }
    f.render_widget(Paragraph::new(Line::from(spans)), r);
}

/// The article's date, short: "14/03/25", or "14/03" without a year.
fn article_date(a: &Article, app: &App, idx: usize) -> String {
    let d = a.published.or_else(|| {
        app.lib.outlines[idx]
            .main_meeting()
            .and_then(|m| m.date.as_ref())
            .map(|d| d.first)
    });
    let s = match d {
        Some(d) => match d.year {
            Some(y) => format!("{:02}/{:02}/{:02}", d.day, d.month, y % 100),
            None => format!("{:02}/{:02}", d.day, d.month),
        },
        None => String::new(),
    };
    format!("{s:<8}")
}

fn draw_list(f: &mut Frame, r: Rect, app: &App, theme: &Theme) {
    let focused = app.focus == Pane::List;
    let mut title = format!(
        "Articles {} / {}",
        group_digits(app.visible.len()),
        group_digits(app.lib.len())
    );
    if let Some(fl) = app.filter_label() {
        title = format!("{title} — {fl}");
    }
    let block = pane_block(
        fit(&title, usize::from(r.width.saturating_sub(4))),
        focused,
        theme,
    );
    let inner = block.inner(r);
    f.render_widget(block, r);
    let w = usize::from(inner.width);
    let mut lines = Vec::new();
    for (row, &a) in app
        .visible
        .iter()
        .enumerate()
        .skip(app.list_top)
        .take(usize::from(inner.height))
    {
        let art = &app.lib.articles[a];
        let o = &app.lib.outlines[a];
        let date = article_date(art, app, a);
        // The title matters most: counts after it, the source only when wide.
        let mut tail = String::new();
        if let Some(h) = app.hit_counts.get(&a) {
            tail.push_str(&format!(" {h}×"));
        }
        if !o.speakers.is_empty() {
            tail.push_str(&format!(" {}sp", o.speakers.len()));
        }
        if w > 70
            && let Some(s) = &art.meta.source
        {
            tail.push_str(&format!(" · {s}"));
        }
        let tail_w = tail.width().min(w / 3);
        let left = if w >= 30 {
            format!("{date} {}", art.display_title())
        } else {
            art.display_title().to_owned()
        };
        let text = format!(
            "{}{}",
            pad(&left, w.saturating_sub(tail_w)),
            fit(&tail, tail_w)
        );
        let style = if row == app.list_sel {
            theme.selected(focused)
        } else {
            Style::default()
        };
        let style = if Some(a) == app.open && row != app.list_sel {
            style.add_modifier(Modifier::BOLD)
        } else {
            style
        };
        lines.push(Line::styled(pad(&text, w), style));
    }
    if app.visible.is_empty() {
        let msg = if app.progress.is_some() {
            "loading…"
        } else if app.lib.is_empty() {
            "no articles"
        } else {
            "nothing matches — S clears the filter"
        };
        lines.push(Line::styled(fit(msg, w), theme.dim()));
    }
    f.render_widget(Paragraph::new(lines), inner);
}

fn draw_outline(f: &mut Frame, r: Rect, app: &App, theme: &Theme) {
    let focused = app.focus == Pane::Outline;
    let block = pane_block("Outline".into(), focused, theme);
    let inner = block.inner(r);
    f.render_widget(block, r);
    let w = usize::from(inner.width);
    let reading = app.reading_block();
    // The node under the reading position: the first whose blocks hold it.
    let marked = reading.and_then(|b| {
        app.nodes
            .iter()
            .position(|n| n.kind != NodeKind::Section && n.blocks.contains(&b))
    });
    let mut lines = Vec::new();
    for (k, n) in app
        .nodes
        .iter()
        .enumerate()
        .skip(app.node_top)
        .take(usize::from(inner.height))
    {
        let mark = if Some(k) == marked { "▸" } else { " " };
        let indent = "  ".repeat(usize::from(n.depth));
        let text = fit(&format!("{mark}{indent}{}", n.label), w);
        let mut style = match n.kind {
            NodeKind::Section => theme.section(),
            NodeKind::Speaker(si) => app
                .open
                .and_then(|a| {
                    app.lib
                        .speakers
                        .position(&app.lib.outlines[a].speakers[si].name)
                })
                .map_or(Style::default(), |e| theme.speaker(e)),
            NodeKind::Caption(_) | NodeKind::Related(_) => theme.dim(),
            _ => Style::default(),
        };
        if k == app.node_sel && n.kind != NodeKind::Section {
            style = style.patch(theme.selected(focused));
        }
        let mut spans = vec![Span::styled(pad(&text, w), style)];
        if Some(k) == marked && k != app.node_sel {
            let rest: String = text.chars().skip(1).collect();
            spans = vec![
                Span::styled("▸", theme.marker()),
                Span::styled(pad(&rest, w.saturating_sub(1)), style),
            ];
        }
        lines.push(Line::from(spans));
    }
    if app.nodes.is_empty() {
        let msg = if app.open.is_some() {
            "nothing found in this article"
        } else {
            ""
        };
        lines.push(Line::styled(fit(msg, w), theme.dim()));
    }
    f.render_widget(Paragraph::new(lines), inner);
}

/// Styles over byte ranges of the article text, later ones on top.
struct Marks {
    ranges: Vec<(Range<usize>, Style)>,
}

impl Marks {
    fn style_at(&self, at: usize, base: Style) -> Style {
        let mut s = base;
        for (r, st) in &self.ranges {
            if r.start <= at && at < r.end {
                s = s.patch(*st);
            }
        }
        s
    }

    /// Boundaries inside `range` where the style may change.
    fn cuts(&self, range: &Range<usize>) -> Vec<usize> {
        let mut v = vec![range.start, range.end];
        for (r, _) in &self.ranges {
            for x in [r.start, r.end] {
                if x > range.start && x < range.end {
                    v.push(x);
                }
            }
        }
        v.sort_unstable();
        v.dedup();
        v
    }
}

fn draw_text(f: &mut Frame, r: Rect, app: &App, theme: &Theme) {
    let focused = app.focus == Pane::Text;
    let Some(a) = app.open else {
        let block = pane_block("Text".into(), focused, theme);
        f.render_widget(block, r);
        return;
    };
    let article = &app.lib.articles[a];
    let outline = &app.lib.outlines[a];
    let total = app.text.lines.len();
    let title = format!("Text {}/{}", (app.text_top + 1).min(total), total);
    let block = pane_block(title, focused, theme);
    let inner = block.inner(r);
    f.render_widget(block, r);
    let h = usize::from(inner.height);
    let first = app.text_top;
    let last = (first + h).min(total);
    let visible_range = match (
        app.text.lines.get(first),
        app.text.lines.get(last.saturating_sub(1)),
    ) {
        (Some(x), Some(y)) => x.range.start..y.range.end.max(x.range.start),
        _ => 0..0,
    };
    // Highlights intersecting what is shown.
    let mut marks = Marks { ranges: Vec::new() };
    for &b in &app.highlight.blocks {
        if let Some(block) = article.blocks.get(b) {
            marks.ranges.push((block.span.clone(), theme.focus_block()));
        }
    }
    for s in &outline.speakers {
        let style = app
            .lib
            .speakers
            .position(&s.name)
            .map_or(Style::default(), |e| theme.speaker(e));
        for m in &s.mentions {
            if m.end > visible_range.start && m.start < visible_range.end {
                marks.ranges.push((m.clone(), style));
            }
        }
    }
    if let Some(s) = &app.highlight.span {
        marks.ranges.push((s.clone(), theme.focus_span()));
    }
    for (k, hit) in app.hits.iter().enumerate() {
        if hit.end > visible_range.start && hit.start < visible_range.end {
            marks.ranges.push((
                hit.clone(),
                if Some(k) == app.hit_cursor {
                    theme.current_hit()
                } else {
                    theme.hit()
                },
            ));
        }
    }
    let mut lines = Vec::with_capacity(h);
    for l in &app.text.lines[first..last] {
        let base = match l.kind {
            LineKind::Title => theme.title(),
            LineKind::Meta => theme.dim(),
            LineKind::Caption => theme.caption(),
            LineKind::Related => theme.dim(),
            LineKind::Paragraph | LineKind::Blank => Style::default(),
        };
        let mut spans = Vec::new();
        if !l.prefix.is_empty() {
            spans.push(Span::styled(l.prefix, theme.dim()));
        }
        match &l.header {
            Some(h) => spans.push(Span::styled(safe(h).into_owned(), base)),
            None => {
                let cuts = marks.cuts(&l.range);
                for w in cuts.windows(2) {
                    let piece = article
                        .text
                        .get(w[0]..w[1])
                        .unwrap_or("")
                        .replace('\n', " ");
                    spans.push(Span::styled(
                        safe(&piece).into_owned(),
                        marks.style_at(w[0], base),
                    ));
                }
            }
        }
        lines.push(Line::from(spans));
    }
    f.render_widget(Paragraph::new(lines), inner);
}

fn draw_input(f: &mut Frame, r: Rect, app: &App, theme: &Theme) {
    let mut spans = vec![
        Span::styled("/", theme.marker()),
        Span::raw(safe(&app.search.input).into_owned()),
        Span::styled("▏", theme.marker()),
    ];
    if let Some(e) = &app.search.error {
        spans.push(Span::styled(format!("  {e}"), theme.error()));
    } else if let Some((done, total)) = app.search_progress() {
        spans.push(Span::styled(
            format!("  searching… {}%", done * 100 / total.max(1)),
            theme.dim(),
        ));
    } else {
        spans.push(Span::styled(
            format!(
                "  {} article{}",
                group_digits(app.visible.len()),
                if app.visible.len() == 1 { "" } else { "s" }
            ),
            theme.dim(),
        ));
    }
    f.render_widget(Paragraph::new(Line::from(spans)), r);
}

fn draw_status(f: &mut Frame, r: Rect, app: &App, theme: &Theme) {
    if r.height == 0 {
        return;
    }
    let w = usize::from(r.width);
    let mut left = String::new();
    if let Some(a) = app.open {
        let pos = app
            .visible
            .iter()
            .position(|&v| v == a)
            .map_or(0, |p| p + 1);
        left.push_str(&format!(
            " {}/{}",
            group_digits(pos),
            group_digits(app.visible.len())
        ));
        let n_para = app.lib.articles[a].paragraph_count();
        if let Some(b) = app.reading_block() {
            let para = crate::outline::paragraph_numbers(&app.lib.articles[a])
                .get(b)
                .copied()
                .flatten();
            if let Some(p) = para {
                left.push_str(&format!(" · ¶{}/{}", p + 1, n_para));
            }
        }
    }
    if let Some(i) = app.agenda_cursor {
        let n = app.open.map_or(0, |a| app.lib.outlines[a].agenda.len());
        left.push_str(&format!(" · agenda {}/{}", i + 1, n));
    }
    if app.search.query.is_some() {
        match app.hit_cursor {
            Some(k) => left.push_str(&format!(" · hit {}/{}", k + 1, app.hits.len())),
            None => left.push_str(&format!(" · {} hits here", app.hits.len())),
        }
    }
    let mut right = String::new();
    if let Some(p) = app.progress {
        right.push_str(&format!(
            "loading {}/{} files · ",
            group_digits(p.files_done),
            group_digits(p.files_total)
        ));
    }
    if !app.warnings.is_empty() {
        right.push_str(&format!(
            "⚠ {} ({}) · ",
            app.warnings.len(),
            app.keymap.key_of(Action::Warnings)
        ));
    }
    right.push_str(&format!("{} help ", app.keymap.key_of(Action::Help)));
    let middle = app
        .message
        .clone()
        .or_else(|| app.filter_label())
        .unwrap_or_default();
    let rw = right.width().min(w);
    let lw = w.saturating_sub(rw);
    let left_text = if middle.is_empty() {
        left
    } else {
        format!("{left}  {middle}")
    };
    let line = Line::from(vec![
        Span::styled(pad(&left_text, lw), theme.status()),
        Span::styled(
            fit(&right, rw),
            if app.warnings.is_empty() {
                theme.status()
            } else {
                theme.status().patch(theme.warning())
            },
        ),
    ]);
    f.render_widget(Paragraph::new(line), r);
}

fn centered(area: Rect, pw: u16, ph: u16) -> Rect {
    let w = (area.width * pw / 100)
        .max(area.width.min(30))
        .min(area.width);
    let h = (area.height * ph / 100)
        .max(area.height.min(8))
        .min(area.height);
    Rect::new(
        area.x + (area.width - w) / 2,
        area.y + (area.height - h) / 2,
        w,
        h,
    )
}

fn list_lines<'a>(
    items: Vec<String>,
    sel: usize,
    height: usize,
    width: usize,
    theme: &Theme,
) -> Vec<Line<'a>> {
    let top = sel.saturating_sub(height.saturating_sub(1));
    items
        .into_iter()
        .enumerate()
        .skip(top)
        .take(height)
        .map(|(k, s)| {
            let text = fit(&s, width);
            if k == sel {
                Line::styled(pad(&text, width), theme.selected(true))
            } else {
                Line::raw(text)
            }
        })
        .collect()
}

fn draw_overlay(f: &mut Frame, area: Rect, app: &App, ov: &Overlay, theme: &Theme) {
    let r = centered(area, 80, 80);
    f.render_widget(Clear, r);
    let (title, hint) = match ov {
        Overlay::Help { .. } => ("Keys".to_owned(), "Esc closes"),
        Overlay::Picker { .. } => (
            "Speakers — type to narrow, Enter filters".to_owned(),
            "Esc cancels",
        ),
        Overlay::SpeakerView { entry, .. } => {
            let e = &app.lib.speakers.entries[*entry];
            let roles = if e.roles.is_empty() {
                String::new()
            } else {
                format!(" — {}", e.roles.join("; "))
            };
            (format!("{}{}", e.name, roles), "Enter jumps · Esc closes")
        }
        Overlay::Meetings { .. } => (
            "Meetings of the collection".to_owned(),
            "Enter lists its articles · Esc back",
        ),
        Overlay::Warnings { .. } => (
            format!("Load warnings ({})", app.warnings.len()),
            "Esc closes",
        ),
        Overlay::Bookmarks { .. } => (
            format!("Bookmarks ({})", app.state.bookmarks.len()),
            "Enter jumps · Esc closes",
        ),
    };
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme.border(true))
        .title(Span::styled(
            fit(&title, usize::from(r.width.saturating_sub(4))),
            theme.title(),
        ))
        .title_bottom(Span::styled(hint, theme.dim()));
    let inner = block.inner(r);
    f.render_widget(block, r);
    let h = usize::from(inner.height);
    let w = usize::from(inner.width);
    let lines: Vec<Line> = match ov {
        Overlay::Help { scroll } => {
            let mut v: Vec<Line> = Vec::new();
            for ctx in [Context::Global, Context::Pane, Context::Popup] {
                v.push(Line::styled(ctx.title(), theme.section()));
                for b in app.keymap.bindings.iter().filter(|b| b.context == ctx) {
                    let keys = b
                        .keys
                        .iter()
                        .map(|k| {
                            if k == " " {
                                "Space".to_owned()
                            } else {
                                k.clone()
                            }
                        })
                        .collect::<Vec<_>>()
                        .join(", ");
                    v.push(Line::raw(fit(&format!("  {keys:<16} {}", b.desc), w)));
                }
            }
            v.push(Line::styled(
                fit("Search: words form a phrase (hoi nghi), a comma separates terms that must all occur, \"quoted\", -exclude, speaker:, role:, agenda:, meeting:, date:2021-04, title:, /regex/", w),
                theme.dim(),
            ));
            v.into_iter().skip(*scroll).take(h).collect()
        }
        Overlay::Picker {
            input,
            matches,
            sel,
        } => {
            let mut v = vec![Line::from(vec![
                Span::styled("› ", theme.marker()),
                Span::raw(safe(input).into_owned()),
                Span::styled("▏", theme.marker()),
            ])];
            let items = matches
                .iter()
                .map(|&e| {
                    let en = &app.lib.speakers.entries[e];
                    let chosen = if app.speaker_filter.contains(&e) {
                        "✓ "
                    } else {
                        ""
                    };
                    let roles = if en.roles.is_empty() {
                        String::new()
                    } else {
                        format!(" — {}", en.roles.join("; "))
                    };
                    format!(
                        "{chosen}{}{} · {}, {}",
                        en.name,
                        roles,
                        counted(en.articles.len(), "article"),
                        counted(en.statements, "statement")
                    )
                })
                .collect();
            v.extend(list_lines(items, *sel, h.saturating_sub(1), w, theme));
            v
        }
        Overlay::SpeakerView { items, sel, .. } => {
            let rows = items
                .iter()
                .map(|&(a, si, ti)| {
                    let art = &app.lib.articles[a];
                    let st = &app.lib.outlines[a].speakers[si].statements[ti];
                    let date = art.published.map(|d| d.iso()).unwrap_or_else(|| "?".into());
                    format!(
                        "{date} · {} — {}",
                        art.display_title(),
                        crate::text::collapse_spaces(art.slice(&st.span))
                    )
                })
                .collect();
            list_lines(rows, *sel, h, w, theme)
        }
        Overlay::Meetings { groups, sel, open } => match open {
            None => {
                let rows = groups
                    .iter()
                    .map(|&g| {
                        let m = &app.lib.meetings.groups[g];
                        format!(
                            "{} · {} · {} report(s)",
                            m.date.as_deref().unwrap_or("undated"),
                            m.name,
                            m.reports.len()
                        )
                    })
                    .collect();
                list_lines(rows, *sel, h, w, theme)
            }
            Some((g, s)) => {
                let m = &app.lib.meetings.groups[groups[*g]];
                let mut v = vec![Line::styled(fit(&m.name, w), theme.section())];
                let rows = m
                    .reports
                    .iter()
                    .map(|&(a, _)| app.lib.articles[a].display_title().to_owned())
                    .collect();
                v.extend(list_lines(rows, *s, h.saturating_sub(1), w, theme));
                v
            }
        },
        Overlay::Warnings { sel } => {
            if app.warnings.is_empty() {
                vec![Line::styled("no warnings", theme.dim())]
            } else {
                list_lines(app.warnings.clone(), *sel, h, w, theme)
            }
        }
        Overlay::Bookmarks { sel } => {
            if app.state.bookmarks.is_empty() {
                vec![Line::styled(
                    format!(
                        "no bookmarks — {} adds one",
                        app.keymap.key_of(Action::Bookmark)
                    ),
                    theme.dim(),
                )]
            } else {
                let rows = app
                    .state
                    .bookmarks
                    .iter()
                    .map(|b| format!("{} · block {}", b.title, b.block + 1))
                    .collect();
                list_lines(rows, *sel, h, w, theme)
            }
        }
    };
    f.render_widget(Paragraph::new(lines), inner);
}

/// "1 article", "3 articles".
fn counted(n: usize, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{n} {noun}s")
    }
}
