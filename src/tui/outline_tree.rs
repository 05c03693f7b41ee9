//! The outline pane's rows for one article: meetings with their agenda items,
//! speakers with their statements, captions and related links, each knowing what
//! part of the text it stands for.

use std::ops::Range;

use crate::article::{Article, BlockKind};
use crate::outline::{Outline, paragraph_numbers};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NodeKind {
    Section,
    Meeting(usize),
    Agenda(usize),
    Speaker(usize),
    Statement(usize, usize),
    Caption(usize),
    Related(usize),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Node {
    pub kind: NodeKind,
    pub depth: u8,
    pub label: String,
    /// Blocks the node stands for (highlighted, and where a jump lands).
    pub blocks: Vec<usize>,
    /// A precise span of the text, when there is one (a statement, a name).
    pub span: Option<Range<usize>>,
}

fn excerpt(s: &str, max: usize) -> String {
    let s = crate::text::collapse_spaces(s);
    crate::text::sanitize::truncate_chars(&s, max).into_owned()
}

pub fn build(a: &Article, o: &Outline) -> Vec<Node> {
    let mut out = Vec::new();
    let block_of = |at: usize| crate::outline::block_at(a, at);
    let numbers = paragraph_numbers(a);
    let para = |b: usize| {
        numbers
            .get(b)
            .copied()
            .flatten()
            .map_or(String::from("caption"), |p| format!("¶{}", p + 1))
    };
    if !o.meetings.is_empty() {
        out.push(Node {
            kind: NodeKind::Section,
            depth: 0,
            label: "Meetings".into(),
            blocks: Vec::new(),
            span: None,
        });
        for (mi, m) in o.meetings.iter().enumerate() {
            let mut label = format!("{} {}", if m.main { "●" } else { "○" }, m.name);
            if let Some(d) = &m.date {
                label.push_str(&format!(" · {}", d.normalized()));
            }
            if let Some(p) = &m.place {
                label.push_str(&format!(" · {p}"));
            }
            if m.online {
                label.push_str(&match m.connection_points {
                    Some(n) => format!(" · online, {n} points"),
                    None => " · online".into(),
                });
            }
            if !m.chairs.is_empty() {
                label.push_str(&format!(" · chair: {}", m.chairs.join(", ")));
            }
            let blocks = block_of(m.span.start).into_iter().collect();
            out.push(Node {
                kind: NodeKind::Meeting(mi),
                depth: 1,
                label,
                blocks,
                span: (m.span.start < m.span.end).then(|| m.span.clone()),
            });
            if m.main {
                for (ai, item) in o.agenda.iter().enumerate() {
                    let where_: Vec<String> = item.blocks.iter().map(|&b| para(b)).collect();
                    out.push(Node {
                        kind: NodeKind::Agenda(ai),
                        depth: 2,
                        label: format!(
                            "{}. {} [{}]",
                            ai + 1,
                            excerpt(&item.text, 200),
                            where_.join(" ")
                        ),
                        blocks: item.blocks.clone(),
                        span: Some(item.span.clone()),
                    });
                }
            }
        }
    } else if !o.agenda.is_empty() {
        out.push(Node {
            kind: NodeKind::Section,
            depth: 0,
            label: "Agenda".into(),
            blocks: Vec::new(),
            span: None,
        });
        for (ai, item) in o.agenda.iter().enumerate() {
            out.push(Node {
                kind: NodeKind::Agenda(ai),
                depth: 1,
                label: format!("{}. {}", ai + 1, excerpt(&item.text, 200)),
                blocks: item.blocks.clone(),
                span: Some(item.span.clone()),
            });
        }
    }
    if !o.speakers.is_empty() {
        out.push(Node {
            kind: NodeKind::Section,
            depth: 0,
            label: format!("Speakers ({})", o.speakers.len()),
            blocks: Vec::new(),
            span: None,
        });
        for (si, s) in o.speakers.iter().enumerate() {
            let roles = if s.roles.is_empty() {
                String::new()
            } else {
                format!(" — {}", s.roles.join("; "))
            };
            let blocks = s.statements.iter().map(|st| st.block).collect();
            out.push(Node {
                kind: NodeKind::Speaker(si),
                depth: 1,
                label: format!("{}{} ({})", s.name, roles, s.statements.len()),
                blocks,
                span: s.mentions.first().cloned(),
            });
            for (ti, st) in s.statements.iter().enumerate() {
                out.push(Node {
                    kind: NodeKind::Statement(si, ti),
                    depth: 2,
                    label: format!("{} {}", para(st.block), excerpt(a.slice(&st.span), 160)),
                    blocks: vec![st.block],
                    span: Some(st.span.clone()),
                });
            }
        }
    }
    let captions: Vec<(usize, &crate::article::Block)> = a
        .blocks
        .iter()
        .enumerate()
        .filter(|(_, b)| matches!(b.kind, BlockKind::Caption { .. }))
        .collect();
    if !captions.is_empty() {
        out.push(Node {
            kind: NodeKind::Section,
            depth: 0,
            label: "Captions".into(),
            blocks: Vec::new(),
            span: None,
        });
        for (bi, b) in captions {
            let credit = match &b.kind {
                BlockKind::Caption { credit: Some(c) } => format!(" ({c})"),
                _ => String::new(),
            };
            out.push(Node {
                kind: NodeKind::Caption(bi),
                depth: 1,
                label: format!("{}{credit}", excerpt(a.slice(&b.span), 120)),
                blocks: vec![bi],
                span: None,
            });
        }
    }
    let related: Vec<(usize, &crate::article::Block)> = a
        .blocks
        .iter()
        .enumerate()
        .filter(|(_, b)| b.kind == BlockKind::Related)
        .collect();
    if !related.is_empty() {
        out.push(Node {
            kind: NodeKind::Section,
            depth: 0,
            label: "Related".into(),
            blocks: Vec::new(),
            span: None,
        });
        for (bi, b) in related {
            out.push(Node {
                kind: NodeKind::Related(bi),
                depth: 1,
                label: format!("[{}]", excerpt(a.slice(&b.span), 120)),
                blocks: vec![bi],
                span: None,
            });
        }
    }
    out
}
