//! Writing outlines out: the JSON contract of `docket outline --json` (see the
//! project README), a readable text tree, and Markdown for the reader's export.

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
    path: String,
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
        path: crate::text::sanitize::sanitize(&a.origin.path.to_string_lossy()).into_owned(),
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

impl ArticleJson<'_> {
    /// Appends the article's JSON to `out`: byte for byte what
    /// `serde_json::to_vec(self)` makes (a test compares them), written directly.
    /// Rendering runs for every article of a collection; serde_json's per-byte
    /// escaping loop and per-field machinery were most of its time.
    ///
    /// The patterns name every field, so a field added to a struct must be
    /// added here too.
    fn write(&self, out: &mut Vec<u8>) {
        let ArticleJson {
            id,
            title,
            title_source,
            lang,
            byline,
            path,
            record,
            published,
            url,
            source,
            paragraph_count,
            paragraphs,
            captions,
            related,
            meetings,
            speakers,
            agenda,
        } = self;
        let mut o = JsonObject::begin(out);
        o.key("id").str(id);
        o.key("title").opt_str(*title);
        o.key("title_source").str(title_source_name(*title_source));
        o.key("lang").str(lang.code());
        o.key("byline").opt_str(*byline);
        o.key("path").str(path);
        if let Some(r) = record {
            o.key("record").usize(*r);
        }
        if let Some(p) = published {
            o.key("published").str(p);
        }
        if let Some(u) = url {
            o.key("url").str(u);
        }
        if let Some(s) = source {
            o.key("source").str(s);
        }
        o.key("paragraph_count").usize(*paragraph_count);
        if let Some(ps) = paragraphs {
            o.key("paragraphs").array(ps, |v, p| v.str(p));
        }
        o.key("captions").array(captions, |v, c| {
            let CaptionJson {
                text,
                credit,
                after_paragraph,
            } = c;
            let mut o = JsonObject::begin(v.out);
            o.key("text").str(text);
            o.key("credit").opt_str(*credit);
            o.key("after_paragraph").opt_usize(*after_paragraph);
            o.end();
        });
        o.key("related").array(related, |v, r| v.str(r));
        o.key("meetings").array(meetings, |v, m| m.write(v.out));
        o.key("speakers").array(speakers, |v, s| {
            let SpeakerJson {
                name,
                roles,
                statements,
            } = s;
            let mut o = JsonObject::begin(v.out);
            o.key("name").str(name);
            o.key("roles").array(roles.iter(), |v, r| v.str(r));
            o.key("statements").array(statements, |v, st| {
                let StatementJson {
                    paragraph,
                    kind,
                    verb,
                    text,
                } = st;
                let mut o = JsonObject::begin(v.out);
                o.key("paragraph").opt_usize(*paragraph);
                o.key("kind").str(statement_kind_name(*kind));
                if let Some(verb) = verb {
                    o.key("verb").str(verb);
                }
                o.key("text").str(text);
                o.end();
            });
            o.end();
        });
        o.key("agenda").array(agenda, |v, item| {
            let AgendaJson { text, paragraphs } = item;
            let mut o = JsonObject::begin(v.out);
            o.key("text").str(text);
            o.key("paragraphs").array(paragraphs, |v, p| v.usize(*p));
            o.end();
        });
        o.end();
    }
}

impl MeetingJson<'_> {
    /// See [`ArticleJson::write`].
    fn write(&self, out: &mut Vec<u8>) {
        let MeetingJson {
            kind,
            name,
            date,
            date_text,
            part_of_day,
            ordinal,
            body,
            term,
            place,
            chairs,
            online,
            connection_points,
            main,
            paragraph,
        } = self;
        let mut o = JsonObject::begin(out);
        o.key("kind").str(kind);
        o.key("name").str(name);
        o.key("date").opt_str(date.as_deref());
        o.key("date_text").opt_str(*date_text);
        if let Some(p) = part_of_day {
            o.key("part_of_day").str(part_of_day_name(*p));
        }
        for (k, v) in [
            ("ordinal", ordinal),
            ("body", body),
            ("term", term),
            ("place", place),
        ] {
            if let Some(v) = v {
                o.key(k).str(v);
            }
        }
        o.key("chairs").array(chairs.iter(), |v, c| v.str(c));
        o.key("online").bool(*online);
        if let Some(n) = connection_points {
            o.key("connection_points").usize(*n as usize);
        }
        o.key("main").bool(*main);
        o.key("paragraph").opt_usize(*paragraph);
        o.end();
    }
}

/// The names serde gives the variants (`rename_all = "lowercase"`).
fn title_source_name(t: TitleSource) -> &'static str {
    match t {
        TitleSource::Metadata => "metadata",
        TitleSource::Headline => "headline",
        TitleSource::Recovered => "recovered",
        TitleSource::Derived => "derived",
    }
}

fn part_of_day_name(p: crate::outline::PartOfDay) -> &'static str {
    use crate::outline::PartOfDay;
    match p {
        PartOfDay::Morning => "morning",
        PartOfDay::Noon => "noon",
        PartOfDay::Afternoon => "afternoon",
        PartOfDay::Evening => "evening",
    }
}

fn statement_kind_name(k: crate::outline::StatementKind) -> &'static str {
    use crate::outline::StatementKind;
    match k {
        StatementKind::Reported => "reported",
        StatementKind::Quoted => "quoted",
        StatementKind::Caption => "caption",
    }
}

/// A JSON object being written: `{`, then `"key":value` pairs separated by
/// commas, then `}` (compact, as serde_json writes).
struct JsonObject<'o> {
    out: &'o mut Vec<u8>,
    first: bool,
}

impl<'o> JsonObject<'o> {
    fn begin(out: &'o mut Vec<u8>) -> Self {
        out.push(b'{');
        JsonObject { out, first: true }
    }

    /// Starts the pair of `key` (which needs no escaping); the value follows.
    fn key(&mut self, key: &str) -> JsonValue<'_> {
        if !self.first {
            self.out.push(b',');
        }
        self.first = false;
        self.out.push(b'"');
        self.out.extend_from_slice(key.as_bytes());
        self.out.extend_from_slice(b"\":");
        JsonValue { out: self.out }
    }

    fn end(self) {
        self.out.push(b'}');
    }
}

/// Where one JSON value goes.
struct JsonValue<'o> {
    out: &'o mut Vec<u8>,
}

impl JsonValue<'_> {
    fn str(self, s: &str) {
        write_json_str(self.out, s);
    }

    fn opt_str(self, s: Option<&str>) {
        match s {
            Some(s) => self.str(s),
            None => self.out.extend_from_slice(b"null"),
        }
    }

    fn usize(self, n: usize) {
        let mut digits = [0u8; 20];
        let mut at = digits.len();
        let mut n = n;
        loop {
            at -= 1;
            digits[at] = b'0' + (n % 10) as u8;
            n /= 10;
            if n == 0 {
                break;
            }
        }
        self.out.extend_from_slice(&digits[at..]);
    }

    fn opt_usize(self, n: Option<usize>) {
        match n {
            Some(n) => self.usize(n),
            None => self.out.extend_from_slice(b"null"),
        }
    }

    fn bool(self, b: bool) {
        self.out
            .extend_from_slice(if b { b"true" as &[u8] } else { b"false" });
    }

    /// An array of `items`, each written by `write`.
    fn array<T>(self, items: impl IntoIterator<Item = T>, mut write: impl FnMut(JsonValue, T)) {
        self.out.push(b'[');
        for (k, item) in items.into_iter().enumerate() {
            if k > 0 {
                self.out.push(b',');
            }
            write(JsonValue { out: self.out }, item);
        }
        self.out.push(b']');
    }
}

/// `s` as a JSON string, escaped as serde_json escapes: `"` and `\\`, the
/// control characters as `\b \t \n \f \r` or `\u00xx`, nothing else.
fn write_json_str(out: &mut Vec<u8>, s: &str) {
    /// Bytes tested at once: a whole chunk is tested without an early exit,
    /// which compiles to vector compares; most chunks need no escape.
    const CHUNK: usize = 16;
    let needs_escape = |b: u8| b < 0x20 || b == b'"' || b == b'\\';
    let bytes = s.as_bytes();
    out.reserve(bytes.len() + 2);
    out.push(b'"');
    // Bytes before `copied` are written.
    let mut copied = 0;
    for (c, chunk) in bytes.chunks(CHUNK).enumerate() {
        if !chunk.iter().fold(false, |any, &b| any | needs_escape(b)) {
            continue;
        }
        for (k, &b) in chunk.iter().enumerate() {
            if !needs_escape(b) {
                continue;
            }
            let at = c * CHUNK + k;
            out.extend_from_slice(&bytes[copied..at]);
            copied = at + 1;
            let short = match b {
                b'"' => b'"',
                b'\\' => b'\\',
                0x08 => b'b',
                0x0c => b'f',
                b'\n' => b'n',
                b'\r' => b'r',
                b'\t' => b't',
                _ => 0,
            };
            if short != 0 {
                out.extend_from_slice(&[b'\\', short]);
            } else {
                const HEX: &[u8; 16] = b"0123456789abcdef";
                out.extend_from_slice(b"\\u00");
                out.extend_from_slice(&[HEX[usize::from(b >> 4)], HEX[usize::from(b & 0xf)]]);
            }
        }
    }
    out.extend_from_slice(&bytes[copied..]);
    out.push(b'"');
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
        let json = JsonStream::render(a, o, opts)?;
        self.rendered(w, &json)
    }

    /// One article's JSON, rendered on its own so batches can be rendered in
    /// parallel and then written in order with [`JsonStream::rendered`].
    pub fn render(a: &Article, o: &Outline, opts: JsonOptions) -> io::Result<Vec<u8>> {
        // Most articles' JSON is under this; growing from nothing took several
        // copies per article.
        let mut out = Vec::with_capacity(2048);
        article_json(a, o, opts).write(&mut out);
        Ok(out)
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::article::{Block, Date};
    use crate::outline::{
        AgendaItem, Meeting, MeetingDate, PartOfDay, Speaker, Statement, StatementKind,
    };

    /// Text with every character JSON escapes, and some it does not.
    const ODD: &str = "q\"b\\s/\u{1}\u{8}\t\n\u{b}\u{c}\r\u{1f}\u{7f} “ế” 日 é\u{301}";

    fn article() -> Article {
        let body = format!(
            "Hội nghị lần thứ 5 khai mạc sáng 29/4 tại Hà Nội.\n\n\
             Ông Nguyễn Văn A cho biết: \"Chúng tôi sẽ làm\". {ODD} {ODD}\n\n\
             The talks ended on March 4 after long debate about the plan."
        );
        let mut a = crate::cleanup::article_from_text(&body, "t\"est\\name");
        let end = a.text.len();
        a.text.push_str(ODD);
        a.blocks.push(Block {
            kind: BlockKind::Caption {
                credit: Some(ODD.to_owned()),
            },
            span: end..a.text.len(),
        });
        a.blocks.push(Block {
            kind: BlockKind::Caption { credit: None },
            span: 0..5,
        });
        a.blocks.push(Block {
            kind: BlockKind::Related,
            span: end..a.text.len(),
        });
        a
    }

    fn outline(a: &Article) -> Outline {
        let mut o = crate::extract::outline(a);
        let date = |last, part| MeetingDate {
            first: Date {
                year: Some(2024),
                month: 4,
                day: 29,
            },
            last,
            part_of_day: part,
            text: ODD.to_owned(),
        };
        for (k, part) in [None, Some(PartOfDay::Morning), Some(PartOfDay::Evening)]
            .into_iter()
            .enumerate()
        {
            let full = k % 2 == 0;
            o.meetings.push(Meeting {
                kind: ODD.to_owned(),
                name: format!("{k}{ODD}"),
                ordinal: full.then(|| ODD.to_owned()),
                body: full.then(|| "b".to_owned()),
                term: full.then(|| "t".to_owned()),
                date: (k > 0).then(|| {
                    date(
                        (k == 2).then_some(Date {
                            year: None,
                            month: 5,
                            day: 2,
                        }),
                        part,
                    )
                }),
                place: full.then(|| ODD.to_owned()),
                chairs: vec![ODD.to_owned(); k],
                online: full,
                connection_points: full.then_some(4_000_000_000),
                main: !full,
                span: k * 40..k * 40 + 3,
            });
        }
        o.speakers.push(Speaker {
            name: ODD.to_owned(),
            roles: vec![ODD.to_owned(), String::new()],
            statements: [
                StatementKind::Reported,
                StatementKind::Quoted,
                StatementKind::Caption,
            ]
            .into_iter()
            .enumerate()
            .map(|(k, kind)| Statement {
                block: k + 1,
                span: 0..a.text.len(),
                kind,
                verb: (k != 1).then(|| ODD.to_owned()),
            })
            .collect(),
            mentions: Vec::new(),
        });
        o.agenda.push(AgendaItem {
            text: ODD.to_owned(),
            span: 0..1,
            blocks: vec![0, 1, 2, 3, 4, 5, 99, 12345678],
        });
        o
    }

    #[test]
    fn written_json_is_what_serde_json_writes() {
        let mut a = article();
        let o = outline(&a);
        let sources = [
            TitleSource::Metadata,
            TitleSource::Headline,
            TitleSource::Recovered,
            TitleSource::Derived,
        ];
        for (k, source) in sources.into_iter().enumerate() {
            a.title_source = source;
            a.lang = [Lang::Vi, Lang::En, Lang::Other][k % 3];
            let full = k % 2 == 0;
            a.title = full.then(|| ODD.to_owned());
            a.byline = full.then(|| ODD.to_owned());
            a.origin.record = full.then_some(k * 1000);
            a.published = full.then_some(Date {
                year: None,
                month: 1,
                day: 2,
            });
            a.meta.url = full.then(|| ODD.to_owned());
            a.meta.source = full.then(|| ODD.to_owned());
            for with_text in [false, true] {
                let opts = JsonOptions { with_text };
                for o in [&o, &Outline::default()] {
                    let serde = serde_json::to_vec(&article_json(&a, o, opts)).unwrap();
                    let written = JsonStream::render(&a, o, opts).unwrap();
                    assert_eq!(
                        String::from_utf8(written).unwrap(),
                        String::from_utf8(serde).unwrap()
                    );
                }
            }
        }
    }

    #[test]
    fn strings_are_escaped_as_serde_json_escapes_them() {
        let pieces = [
            "a",
            "\"",
            "\\",
            "\u{0}",
            "\u{1f}",
            "\n",
            "\t",
            "\u{7f}",
            "é",
            "日",
            "0123456789abcdef",
        ];
        for s in crate::test_support::mixes(&pieces, 3, 3000, 40) {
            let mut out = Vec::new();
            write_json_str(&mut out, &s);
            assert_eq!(out, serde_json::to_vec(&s).unwrap(), "{s:?}");
        }
    }
}
