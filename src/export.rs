//! Writing outlines out: the JSON contract of `docket outline --json` (see the
//! project README), a readable text tree, and Markdown for the reader's export.

use std::borrow::Cow;
use std::io::{self, Write};

use serde::Serialize;

use crate::article::{Article, BlockKind, Lang, TitleSource};
use crate::outline::{Outline, paragraph_numbers};

/// Options for the JSON output.
#[derive(Debug, Clone, Copy, Default)]
pub struct JsonOptions {
    /// Include every paragraph's text.
    pub with_text: bool,
}

#[derive(Serialize)]
struct ArticleJson<'a> {
    id: &'a str,
    title: Option<&'a str>,
    title_source: TitleSource,
    lang: Lang,
    byline: Option<&'a str>,
    path: Cow<'a, str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    record: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    published: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    url: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    source: Option<&'a str>,
    paragraph_count: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    paragraphs: Option<Vec<&'a str>>,
    captions: Vec<CaptionJson<'a>>,
    related: Vec<&'a str>,
    meetings: Vec<MeetingJson<'a>>,
    speakers: Vec<SpeakerJson<'a>>,
    agenda: Vec<AgendaJson<'a>>,
}

#[derive(Serialize)]
struct CaptionJson<'a> {
    text: &'a str,
    credit: Option<&'a str>,
    /// Body paragraphs before the caption (where it sits in the text).
    after_paragraph: Option<usize>,
}

#[derive(Serialize)]
struct MeetingJson<'a> {
    kind: &'a str,
    name: &'a str,
    date: Option<String>,
    date_text: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    part_of_day: Option<crate::outline::PartOfDay>,
    #[serde(skip_serializing_if = "Option::is_none")]
    ordinal: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    body: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    term: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    place: Option<&'a str>,
    chairs: &'a [String],
    online: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    connection_points: Option<u32>,
    main: bool,
    paragraph: Option<usize>,
}

#[derive(Serialize)]
struct StatementJson<'a> {
    paragraph: Option<usize>,
    kind: crate::outline::StatementKind,
    #[serde(skip_serializing_if = "Option::is_none")]
    verb: Option<&'a str>,
    text: &'a str,
}

#[derive(Serialize)]
struct SpeakerJson<'a> {
    name: &'a str,
    roles: &'a [String],
    statements: Vec<StatementJson<'a>>,
}

#[derive(Serialize)]
struct AgendaJson<'a> {
    text: &'a str,
    paragraphs: Vec<usize>,
}

fn article_json<'a>(a: &'a Article, o: &'a Outline, opts: JsonOptions) -> ArticleJson<'a> {
    let numbers = paragraph_numbers(a);
    let para_of = |block: usize| numbers.get(block).copied().flatten();
    let para_at = |at: usize| crate::outline::block_at(a, at).and_then(para_of);
    let mut before = 0usize;
    let mut captions = Vec::new();
    for b in &a.blocks {
        match &b.kind {
            BlockKind::Paragraph => before += 1,
            BlockKind::Caption { credit } => captions.push(CaptionJson {
                text: a.slice(&b.span),
                credit: credit.as_deref(),
                after_paragraph: before.checked_sub(1),
            }),
            BlockKind::Related => {}
        }
    }
    ArticleJson {
        id: &a.id,
        title: a.title.as_deref(),
        title_source: a.title_source,
        lang: a.lang,
        byline: a.byline.as_deref(),
        // Borrowed when the path is valid UTF-8 and clean, as nearly all are.
        path: match a.origin.path.to_string_lossy() {
            Cow::Borrowed(p) => crate::text::sanitize::sanitize(p),
            Cow::Owned(p) => Cow::Owned(crate::text::sanitize::sanitize(&p).into_owned()),
        },
        record: a.origin.record,
        published: a.published.map(|d| d.iso()),
        url: a.meta.url.as_deref(),
        source: a.meta.source.as_deref(),
        paragraph_count: a.paragraph_count(),
        paragraphs: opts
            .with_text
            .then(|| a.paragraphs().map(|b| a.slice(&b.span)).collect()),
        captions,
        related: a.related().map(|b| a.slice(&b.span)).collect(),
        meetings: o
            .meetings
            .iter()
            .map(|m| MeetingJson {
                kind: &m.kind,
                name: &m.name,
                date: m.date.as_ref().map(|d| d.normalized()),
                date_text: m.date.as_ref().map(|d| d.text.as_str()),
                part_of_day: m.date.as_ref().and_then(|d| d.part_of_day),
                ordinal: m.ordinal.as_deref(),
                body: m.body.as_deref(),
                term: m.term.as_deref(),
                place: m.place.as_deref(),
                chairs: &m.chairs,
                online: m.online,
                connection_points: m.connection_points,
                main: m.main,
                paragraph: para_at(m.span.start),
            })
            .collect(),
        speakers: o
            .speakers
            .iter()
            .map(|s| SpeakerJson {
                name: &s.name,
                roles: &s.roles,
                statements: s
                    .statements
                    .iter()
                    .map(|st| StatementJson {
                        paragraph: para_of(st.block),
                        kind: st.kind,
                        verb: st.verb.as_deref(),
                        text: a.slice(&st.span),
                    })
                    .collect(),
            })
            .collect(),
        agenda: o
            .agenda
            .iter()
            .map(|item| AgendaJson {
                text: &item.text,
                paragraphs: item.blocks.iter().filter_map(|&b| para_of(b)).collect(),
            })
            .collect(),
    }
}

/// Writes ONE JSON document `{"articles": [...]}`, streaming article by article.
pub fn write_json<'a, W: Write>(
    mut w: W,
    items: impl IntoIterator<Item = (&'a Article, &'a Outline)>,
    opts: JsonOptions,
) -> io::Result<()> {
    let mut stream = JsonStream::begin(&mut w)?;
    for (a, o) in items {
        stream.article(&mut w, a, o, opts)?;
    }
    stream.end(&mut w)
}

/// The `{"articles": [...]}` document written piece by piece, for outputs built
/// batch after batch.
pub struct JsonStream {
    written: usize,
}

impl JsonStream {
    pub fn begin<W: Write>(w: &mut W) -> io::Result<JsonStream> {
        w.write_all(b"{\"articles\":[")?;
        Ok(JsonStream { written: 0 })
    }

    pub fn article<W: Write>(
        &mut self,
        w: &mut W,
        a: &Article,
        o: &Outline,
        opts: JsonOptions,
    ) -> io::Result<()> {
        w.write_all(if self.written > 0 { b",\n" } else { b"\n" })?;
        serde_json::to_writer(&mut *w, &article_json(a, o, opts)).map_err(io::Error::other)?;
        self.written += 1;
        Ok(())
    }

    /// One article's JSON, rendered on its own so batches can be rendered in
    /// parallel and then written in order with [`JsonStream::rendered`].
    pub fn render(a: &Article, o: &Outline, opts: JsonOptions) -> io::Result<Vec<u8>> {
        // Sized for a typical article (about 1 KB of JSON) so that the buffer is
        // not grown step by step from empty; growing showed in profiles.
        let mut json = Vec::with_capacity(2048);
        serde_json::to_writer(&mut json, &article_json(a, o, opts)).map_err(io::Error::other)?;
        Ok(json)
    }

    /// Writes an article rendered by [`JsonStream::render`].
    pub fn rendered<W: Write>(&mut self, w: &mut W, json: &[u8]) -> io::Result<()> {
        w.write_all(if self.written > 0 { b",\n" } else { b"\n" })?;
        w.write_all(json)?;
        self.written += 1;
        Ok(())
    }

    pub fn end<W: Write>(self, w: &mut W) -> io::Result<()> {
        w.write_all(b"\n]}\n")?;
        w.flush()
    }
}

/// One article as a JSON value (the same shape as in [`write_json`]).
pub fn article_value(a: &Article, o: &Outline, opts: JsonOptions) -> serde_json::Value {
    serde_json::to_value(article_json(a, o, opts)).unwrap_or(serde_json::Value::Null)
}

/// A readable tree of one article's outline.
pub fn write_tree<W: Write>(mut w: W, a: &Article, o: &Outline) -> io::Result<()> {
    let numbers = paragraph_numbers(a);
    let para = |block: usize| {
        numbers
            .get(block)
            .copied()
            .flatten()
            .map_or("caption".to_owned(), |p| format!("¶{p}"))
    };
    let derived = if a.title_source == TitleSource::Derived {
        " (derived)"
    } else {
        ""
    };
    writeln!(w, "{}  {}{}", a.id, a.display_title(), derived)?;
    let mut facts = vec![a.lang.code().to_owned()];
    if let Some(d) = a.published {
        facts.push(d.iso());
    }
    if let Some(b) = &a.byline {
        facts.push(b.clone());
    }
    facts.push(format!("{} paragraphs", a.paragraph_count()));
    facts.push(a.origin.display());
    writeln!(
        w,
        "  {}",
        crate::text::sanitize::sanitize(&facts.join(" · "))
    )?;
    if !o.meetings.is_empty() {
        writeln!(w, "  Meetings")?;
        for m in &o.meetings {
            let mut line = format!("    {} {}", if m.main { "●" } else { "○" }, m.name);
            if let Some(d) = &m.date {
                line.push_str(&format!(" · {}", d.normalized()));
            }
            if let Some(p) = &m.place {
                line.push_str(&format!(" · {p}"));
            }
            if m.online {
                match m.connection_points {
                    Some(n) => line.push_str(&format!(" · online, {n} points")),
                    None => line.push_str(" · online"),
                }
            }
            writeln!(w, "{line}")?;
            if !m.chairs.is_empty() {
                writeln!(w, "        chair: {}", m.chairs.join(", "))?;
            }
        }
    }
    if !o.agenda.is_empty() {
        writeln!(w, "  Agenda")?;
        for (k, item) in o.agenda.iter().enumerate() {
            let paras: Vec<String> = item.blocks.iter().map(|&b| para(b)).collect();
            writeln!(w, "    {}. {}  [{}]", k + 1, item.text, paras.join(" "))?;
        }
    }
    if !o.speakers.is_empty() {
        writeln!(w, "  Speakers")?;
        for s in &o.speakers {
            let roles = if s.roles.is_empty() {
                String::new()
            } else {
                format!(" — {}", s.roles.join("; "))
            };
            writeln!(w, "    {}{}", s.name, roles)?;
            for st in &s.statements {
                let text = crate::text::sanitize::truncate_chars(a.slice(&st.span), 110);
                writeln!(
                    w,
                    "      {} {}",
                    para(st.block),
                    crate::text::collapse_spaces(&text)
                )?;
            }
        }
    }
    let captions: Vec<_> = a.captions().collect();
    if !captions.is_empty() {
        writeln!(w, "  Captions")?;
        for (b, credit) in captions {
            let credit = credit.map(|c| format!(" ({c})")).unwrap_or_default();
            writeln!(w, "    {}{}", a.slice(&b.span), credit)?;
        }
    }
    let related: Vec<_> = a.related().collect();
    if !related.is_empty() {
        writeln!(w, "  Related")?;
        for b in related {
            writeln!(w, "    [{}]", a.slice(&b.span))?;
        }
    }
    writeln!(w)
}

/// The outline as Markdown (the reader's `e` export).
pub fn markdown(a: &Article, o: &Outline) -> String {
    let numbers = paragraph_numbers(a);
    let para = |block: usize| {
        numbers
            .get(block)
            .copied()
            .flatten()
            .map_or("caption".to_owned(), |p| format!("¶{p}"))
    };
    let mut s = format!("# {}\n\n", a.display_title());
    if let Some(b) = &a.byline {
        s.push_str(&format!("*{b}*\n\n"));
    }
    if let Some(d) = a.published {
        s.push_str(&format!("Published: {}\n\n", d.iso()));
    }
    if let Some(u) = &a.meta.url {
        s.push_str(&format!("Source: <{u}>\n\n"));
    }
    if !o.meetings.is_empty() {
        s.push_str("## Meetings\n\n");
        for m in &o.meetings {
            s.push_str(&format!(
                "- **{}**{}",
                m.name,
                if m.main { " (main)" } else { "" }
            ));
            if let Some(d) = &m.date {
                s.push_str(&format!(", {}", d.normalized()));
            }
            if let Some(p) = &m.place {
                s.push_str(&format!(", {p}"));
            }
            if !m.chairs.is_empty() {
                s.push_str(&format!("; chaired by {}", m.chairs.join(", ")));
            }
            s.push('\n');
        }
        s.push('\n');
    }
    if !o.agenda.is_empty() {
        s.push_str("## Agenda\n\n");
        for (k, item) in o.agenda.iter().enumerate() {
            let paras: Vec<String> = item.blocks.iter().map(|&b| para(b)).collect();
            s.push_str(&format!(
                "{}. {} ({})\n",
                k + 1,
                item.text,
                paras.join(", ")
            ));
        }
        s.push('\n');
    }
    if !o.speakers.is_empty() {
        s.push_str("## Speakers\n\n");
        for sp in &o.speakers {
            s.push_str(&format!("### {}\n\n", sp.name));
            if !sp.roles.is_empty() {
                s.push_str(&format!("{}\n\n", sp.roles.join("; ")));
            }
            for st in &sp.statements {
                s.push_str(&format!(
                    "- {}: {}\n",
                    para(st.block),
                    crate::text::collapse_spaces(a.slice(&st.span))
                ));
            }
            s.push('\n');
        }
    }
    s
}
