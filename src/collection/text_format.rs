//! Plain-text and markdown articles: one article per file, with the header shapes
//! real scrapes have:
//!
//! - `# doc_id = ...` / `# url = ...` / `# date = ...` comment lines;
//! - a `Title: / Source: / Link: / Published Date: / Author: / Tags: / Summary: /
//!   Content:` block;
//! - YAML front matter between `---` lines;
//! - a markdown `# heading` or a setext heading (`Title` over `=====`);
//! - Reuters SGML (`<REUTERS ...>` records with `<TITLE>`, `<DATE>`, `<BODY>`), which
//!   may hold many articles in one file.
//!
//! Anything else is a body whose first line may be the headline (decided in cleanup).

use super::record::{Position, RawRecord};
use crate::text::entities;

/// Whether the body [`parse`] finds in `text` is a slice of it (not so in
/// Reuters SGML, whose tags are stripped and entities decoded).
pub fn body_is_slice(text: &str) -> bool {
    !is_reuters(text)
}

fn is_reuters(text: &str) -> bool {
    text.trim_start().starts_with("<REUTERS")
}

/// Parses one decoded text file into its records.
pub fn parse(text: &str, markdown: bool) -> Vec<RawRecord> {
    if is_reuters(text) {
        return parse_reuters(text);
    }
    let mut rec = RawRecord {
        markdown,
        ..RawRecord::default()
    };
    let mut rest = text;
    rest = comment_header(rest, &mut rec);
    rest = front_matter(rest, &mut rec);
    rest = field_block(rest, &mut rec);
    if rec.title.is_none() {
        rest = heading(rest, &mut rec);
    }
    rec.body = rest.to_owned();
    vec![rec]
}

/// Maps a header key (any case, spaces or underscores) onto a record field.
fn set_field(rec: &mut RawRecord, key: &str, value: &str) -> bool {
    let value = value.trim();
    let key: String = key
        .trim()
        .chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect();
    let slot = match key.as_str() {
        "title" | "headline" => &mut rec.title,
        "url" | "link" | "source_url" | "sourceurl" => &mut rec.url,
        "date" | "publisheddate" | "published" | "publishedat" | "datepublished" | "time" => {
            &mut rec.date
        }
        "author" | "byline" | "authors" => &mut rec.author,
        "source" | "publisher" | "site" => &mut rec.source,
        "docid" | "id" => &mut rec.id,
        "summary" | "description" | "sapo" | "lead" => &mut rec.summary,
        "tags" | "keywords" => {
            rec.tags = value
                .split([',', ';'])
                .map(|t| t.trim().to_owned())
                .filter(|t| !t.is_empty())
                .collect();
            return true;
        }
        _ => return false,
    };
    if !value.is_empty() && !value.eq_ignore_ascii_case("n/a") {
        *slot = Some(value.to_owned());
    }
    true
}

/// `# key = value` lines at the top of the file.
fn comment_header<'a>(text: &'a str, rec: &mut RawRecord) -> &'a str {
    let mut rest = text;
    loop {
        let (line, after) = split_line(rest);
        let Some(kv) = line.trim_end().strip_prefix("# ") else {
            break;
        };
        let Some((k, v)) = kv.split_once(" = ") else {
            break;
        };
        if !k.trim().chars().all(|c| c.is_alphanumeric() || c == '_') {
            break;
        }
        set_field(rec, k, v);
        rest = after;
    }
    rest
}

/// YAML-style front matter: `---`, `key: value` lines, `---`.
fn front_matter<'a>(text: &'a str, rec: &mut RawRecord) -> &'a str {
    let (first, mut rest) = split_line(text);
    if first.trim_end() != "---" {
        return text;
    }
    let mut fields = Vec::new();
    loop {
        if rest.is_empty() {
            return text;
        }
        let (line, after) = split_line(rest);
        rest = after;
        if line.trim_end() == "---" {
            break;
        }
        match line.split_once(':') {
            Some((k, v)) => fields.push((k, v.trim().trim_matches(['"', '\'']))),
            None if line.trim().is_empty() => {}
            None => return text,
        }
        if fields.len() > 64 {
            return text;
        }
    }
    for (k, v) in fields {
        set_field(rec, k, v);
    }
    rest
}

const BLOCK_KEYS: &[&str] = &[
    "Title",
    "Source",
    "Link",
    "URL",
    "Url",
    "Published Date",
    "Published",
    "Date",
    "Author",
    "Tags",
    "Summary",
    "Description",
    "Sapo",
];

/// A `Title: ... Content: ...` block. Only recognised when it starts with a known key
/// and reaches `Content:`; the body is everything after `Content:`.
fn field_block<'a>(text: &'a str, rec: &mut RawRecord) -> &'a str {
    let starts_block = BLOCK_KEYS
        .iter()
        .any(|k| text.strip_prefix(k).is_some_and(|r| r.starts_with(':')));
    if !starts_block {
        return text;
    }
    let mut rest = text;
    let mut fields = Vec::new();
    for _ in 0..32 {
        let (line, after) = split_line(rest);
        if line.starts_with("Content:") {
            for (k, v) in fields {
                set_field(rec, k, v);
            }
            let offset = text.len() - rest.len() + "Content:".len();
            return text[offset..].trim_start_matches([' ', '\t']);
        }
        let Some((k, v)) = line.split_once(':') else {
            return text;
        };
        if !BLOCK_KEYS.contains(&k) {
            return text;
        }
        fields.push((k, v));
        rest = after;
        if rest.is_empty() {
            break;
        }
    }
    text
}

/// A markdown `# heading` or setext heading on the first non-empty line.
fn heading<'a>(text: &'a str, rec: &mut RawRecord) -> &'a str {
    let lead = text.len() - text.trim_start_matches(['\n', ' ']).len();
    let body = &text[lead..];
    let (first, after) = split_line(body);
    if let Some(h) = first.strip_prefix("# ") {
        rec.title = Some(h.trim().trim_end_matches('#').trim().to_owned());
        return after;
    }
    let (second, after2) = split_line(after);
    let underline = second.trim_end();
    if underline.len() >= 3
        && (underline.chars().all(|c| c == '=') || (underline.chars().all(|c| c == '-')))
        && !first.trim().is_empty()
        && first.chars().count() <= 300
    {
        rec.title = Some(first.trim().to_owned());
        return after2;
    }
    text
}

fn split_line(s: &str) -> (&str, &str) {
    match memchr::memchr(b'\n', s.as_bytes()) {
        Some(i) => (s[..i].trim_end_matches('\r'), &s[i + 1..]),
        None => (s, ""),
    }
}

/// Reuters-21578 SGML: one or many `<REUTERS>` records.
fn parse_reuters(text: &str) -> Vec<RawRecord> {
    let mut out = Vec::new();
    for (index, chunk) in text.split("<REUTERS").skip(1).enumerate() {
        let chunk = chunk.split("</REUTERS>").next().unwrap_or(chunk);
        let tag = |name: &str| -> Option<String> {
            let open = format!("<{name}>");
            let close = format!("</{name}>");
            let start = chunk.find(&open)? + open.len();
            let end = chunk[start..]
                .find(&close)
                .map_or(chunk.len(), |e| start + e);
            Some(entities::decode(chunk[start..end].trim()).into_owned())
        };
        let attr_id = chunk
            .split_once("NEWID=\"")
            .and_then(|(_, r)| r.split_once('"'))
            .map(|(id, _)| id.to_owned());
        let mut body = tag("BODY").or_else(|| tag("TEXT")).unwrap_or_default();
        // The wire signature closes the body: keep it as the byline line.
        if let Some(b) = body.strip_suffix('\u{3}') {
            body = b.trim_end().to_owned();
        }
        // The dateline opens the story as printed: "DHAKA, March 9 - Most ...".
        if let Some(d) = tag("DATELINE").map(|d| d.trim().trim_end_matches('-').trim().to_owned())
            && !d.is_empty()
        {
            body = format!("{d} - {}", body.trim_start());
        }
        let places = tag("PLACES").map(|p| strip_tags(&p));
        out.push(RawRecord {
            position: Position::Index(index),
            id: attr_id,
            title: tag("TITLE"),
            body,
            summary: None,
            date: tag("DATE"),
            author: tag("AUTHOR"),
            source: Some("Reuters".to_owned()),
            url: None,
            tags: places.into_iter().filter(|p| !p.is_empty()).collect(),
            markdown: false,
        });
    }
    out
}

fn strip_tags(s: &str) -> String {
    let mut out = String::new();
    let mut inside = false;
    for c in s.chars() {
        match c {
            '<' => {
                inside = true;
                if !out.is_empty() && !out.ends_with(' ') {
                    out.push(' ');
                }
            }
            '>' => inside = false,
            _ if !inside => out.push(c),
            _ => {}
        }
    }
    out.trim().to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn comment_header_fields() {
        let r = &parse(
            "# doc_id = news_1\n# url = https://x.vn/a\n# date = 20210427\nSáng 27/4, ...\n",
            false,
        )[0];
        assert_eq!(r.id.as_deref(), Some("news_1"));
        assert_eq!(r.url.as_deref(), Some("https://x.vn/a"));
        assert_eq!(r.date.as_deref(), Some("20210427"));
        assert_eq!(r.body, "Sáng 27/4, ...\n");
    }

    #[test]
    fn title_block_with_content() {
        let r = &parse(
            "Title: Một tiêu đề - Báo X\nSource: Báo X\nLink: https://x\nPublished Date: Thứ sáu, 16/2/2024\nAuthor: \nTags: a, b\nSummary: Tóm tắt\nContent: Nội dung.\nDòng hai.",
            false,
        )[0];
        assert_eq!(r.title.as_deref(), Some("Một tiêu đề - Báo X"));
        assert_eq!(r.source.as_deref(), Some("Báo X"));
        assert_eq!(r.author, None);
        assert_eq!(r.tags, ["a", "b"]);
        assert_eq!(r.summary.as_deref(), Some("Tóm tắt"));
        assert_eq!(r.body, "Nội dung.\nDòng hai.");
    }

    #[test]
    fn markdown_headings() {
        let r = &parse("# Tiêu đề\n\nThân bài.", true)[0];
        assert_eq!(r.title.as_deref(), Some("Tiêu đề"));
        let r = &parse("Tiêu đề\n=======\n\nThân bài.", false)[0];
        assert_eq!(r.title.as_deref(), Some("Tiêu đề"));
        assert_eq!(r.body.trim(), "Thân bài.");
    }

    #[test]
    fn front_matter() {
        let r = &parse("---\ntitle: \"Họp\"\ndate: 2024-01-02\n---\nThân.", true)[0];
        assert_eq!(r.title.as_deref(), Some("Họp"));
        assert_eq!(r.date.as_deref(), Some("2024-01-02"));
        assert_eq!(r.body, "Thân.");
    }

    #[test]
    fn plain_text_is_left_to_cleanup() {
        let r = &parse("Tiêu đề\nThân bài.", false)[0];
        assert_eq!(r.title, None);
        assert_eq!(r.body, "Tiêu đề\nThân bài.");
    }

    #[test]
    fn reuters_sgml() {
        let s = "<REUTERS NEWID=\"7\">\n<DATE> 9-MAR-1987</DATE>\n<TEXT>&#2;\n<TITLE>TALKS &amp; MORE</TITLE>\n<BODY>Officials met.\n Reuter\n&#3;</BODY></TEXT>\n</REUTERS>";
        let r = &parse(s, false)[0];
        assert_eq!(r.title.as_deref(), Some("TALKS & MORE"));
        assert_eq!(r.id.as_deref(), Some("7"));
        assert!(r.body.ends_with("Reuter"), "{:?}", r.body);
    }
}
