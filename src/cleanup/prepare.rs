//! Undoing scraper artefacts in a body before it is cut into paragraphs: bodies
//! stored as a Python list literal, metadata trailers after the text, markdown
//! emphasis, and a lead given separately from the body.

use crate::text::fold;

/// A body stored as the repr of a Python list of strings:
/// `lead text.['\r\n  ', ' Năm 2022 ...', '\r\n', 'Ngày 25\/03, ...']`. Whitespace-only
/// items containing a line break become paragraph breaks; other items are joined as
/// they are (a sentence is often split across items). Returns `None` when the body
/// does not end with such a list.
pub fn python_list_body(body: &str) -> Option<String> {
    let trimmed = body.trim_end();
    if !(trimmed.ends_with("']") || trimmed.ends_with("\"]")) {
        return None;
    }
    let open = trimmed
        .find("['")
        .into_iter()
        .chain(trimmed.find("[\""))
        .min()?;
    let items = parse_list(&trimmed[open..])?;
    let mut out = String::with_capacity(body.len());
    out.push_str(trimmed[..open].trim_end());
    out.push_str("\n\n");
    for item in items {
        if item.trim().is_empty() {
            if item.contains(['\n', '\r']) {
                if !out.ends_with("\n\n") {
                    out.push_str("\n\n");
                }
            } else if !out.ends_with([' ', '\n']) {
                out.push(' ');
            }
        } else {
            out.push_str(&item);
        }
    }
    Some(out)
}

/// Parses `['a', "b", ...]` with Python string escapes.
fn parse_list(s: &str) -> Option<Vec<String>> {
    let mut chars = s.chars().peekable();
    if chars.next()? != '[' {
        return None;
    }
    let mut items = Vec::new();
    loop {
        while chars.peek().is_some_and(|c| c.is_whitespace() || *c == ',') {
            chars.next();
        }
        match chars.next()? {
            ']' => return Some(items),
            q @ ('\'' | '"') => {
                let mut item = String::new();
                loop {
                    match chars.next()? {
                        c if c == q => break,
                        '\\' => match chars.next()? {
                            'n' => item.push('\n'),
                            'r' => item.push('\r'),
                            't' => item.push('\t'),
                            'x' => {
                                let hex: String = [chars.next()?, chars.next()?].iter().collect();
                                item.push(char::from_u32(u32::from_str_radix(&hex, 16).ok()?)?);
                            }
                            'u' => {
                                let hex: String = (0..4).filter_map(|_| chars.next()).collect();
                                item.push(
                                    char::from_u32(u32::from_str_radix(&hex, 16).ok()?)
                                        .unwrap_or('\u{fffd}'),
                                );
                            }
                            other => item.push(other),
                        },
                        c => item.push(c),
                    }
                }
                items.push(item);
            }
            _ => return None,
        }
    }
}

/// Metadata some sites print after the text: a timestamp line, a section, a line of
/// comma-separated tags and the source ("31/05/13 11:20 GMT+7 / Xã hội / Đại
/// biểu,Chính sách,... / Nhân Dân").
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Trailer {
    pub date: Option<String>,
    pub section: Option<String>,
    pub tags: Vec<String>,
    pub source: Option<String>,
}

/// Finds a trailer in the last lines of `body`; returns where the body ends.
pub fn split_trailer(body: &str) -> Option<(usize, Trailer)> {
    let lines = last_lines(body, 6);
    for (k, &(at, line)) in lines.iter().enumerate() {
        if !is_timestamp_line(line.trim()) {
            continue;
        }
        let mut t = Trailer {
            date: Some(line.trim().to_owned()),
            ..Trailer::default()
        };
        for &(_, l) in &lines[k + 1..] {
            let l = l.trim();
            if l.is_empty() {
                continue;
            }
            if l.matches(',').count() >= 2 {
                t.tags = l
                    .split(',')
                    .map(|x| x.trim().to_owned())
                    .filter(|x| !x.is_empty())
                    .collect();
            } else if t.tags.is_empty() && t.section.is_none() {
                t.section = Some(l.to_owned());
            } else {
                t.source = Some(l.to_owned());
            }
        }
        return Some((at, t));
    }
    None
}

/// The last `n` of the lines `s.split('\n')` gives (fewer when it has fewer), in
/// order, each with its byte offset. Found from the end: the trailer is looked for
/// in every body, and splitting all of it was 2% of a load.
fn last_lines(s: &str, n: usize) -> Vec<(usize, &str)> {
    let mut out = Vec::with_capacity(n);
    let mut end = s.len();
    let mut breaks = memchr::memrchr_iter(b'\n', s.as_bytes());
    while out.len() < n {
        match breaks.next() {
            Some(nl) => {
                out.push((nl + 1, &s[nl + 1..end]));
                end = nl;
            }
            None => {
                out.push((0, &s[..end]));
                break;
            }
        }
    }
    out.reverse();
    out
}

/// "31/05/13 11:20 GMT+7", "12/06/2017 09:30".
fn is_timestamp_line(l: &str) -> bool {
    if l.len() > 40 {
        return false;
    }
    let mut parts = l.split_whitespace();
    let (Some(d), Some(t)) = (parts.next(), parts.next()) else {
        return false;
    };
    let rest: Vec<&str> = parts.collect();
    let date_ok = d.split('/').count() == 3
        && d.split('/')
            .all(|p| !p.is_empty() && p.chars().all(|c| c.is_ascii_digit()));
    let time_ok = t.split(':').count() == 2
        && t.split(':')
            .all(|p| (1..=2).contains(&p.len()) && p.chars().all(|c| c.is_ascii_digit()));
    date_ok
        && time_ok
        && rest.len() <= 1
        && rest
            .iter()
            .all(|r| r.starts_with("GMT") || r.starts_with("UTC"))
}

/// A byline set in bold on a line of its own (`**Thu Trang**`), in the second half of
/// the body: removed from the body and returned.
pub fn take_bold_byline(body: &mut String) -> Option<String> {
    let half = body.len() / 2;
    // Lines from the middle on lie in the bytes from the middle on: without a star
    // there (nearly every body) no line is bold, and the lines need not be split.
    memchr::memchr(b'*', &body.as_bytes()[half..])?;
    let mut found: Option<(usize, usize, String)> = None;
    let mut at = 0;
    for line in body.split('\n') {
        let t = line.trim();
        if at >= half && t.len() > 4 && t.starts_with("**") && t.ends_with("**") {
            let inner = t[2..t.len() - 2].trim();
            if super::byline::is_byline(inner, true) {
                found = Some((at, at + line.len(), inner.to_owned()));
            }
        }
        at += line.len() + 1;
    }
    let (start, end, name) = found?;
    body.replace_range(start..end, "");
    Some(name)
}

/// Removes markdown emphasis markers when they come in pairs: runs of two or more
/// asterisks (`**bold**`, `***bold italic***`), then single asterisks wrapping a
/// whole line (`*italic paragraph*`), so a paragraph starts with its first word.
pub fn strip_emphasis(body: &str) -> Option<String> {
    // memchr's SIMD search: this runs over every body.
    memchr::memchr(b'*', body.as_bytes())?;
    let runs = body
        .as_bytes()
        .chunk_by(|a, b| a == b)
        .filter(|run| run.len() >= 2 && run[0] == b'*')
        .count();
    let mut out = String::with_capacity(body.len());
    if runs > 0 && runs.is_multiple_of(2) {
        let mut rest = body;
        while let Some(at) = rest.find("**") {
            out.push_str(&rest[..at]);
            rest = rest[at..].trim_start_matches('*');
        }
        out.push_str(rest);
    } else {
        out.push_str(body);
    }
    let mut lines = String::with_capacity(out.len());
    for line in out.split_inclusive('\n') {
        let (text, end) = match line.strip_suffix('\n') {
            Some(t) => (t, "\n"),
            None => (line, ""),
        };
        let t = text.trim();
        let wrapped = t.len() > 2
            && t.starts_with('*')
            && t.ends_with('*')
            && !t[1..].starts_with(char::is_whitespace)
            && !t[..t.len() - 1].ends_with(char::is_whitespace)
            && !t[1..t.len() - 1].contains('*');
        if wrapped {
            lines.push_str(&t[1..t.len() - 1]);
        } else {
            lines.push_str(text);
        }
        lines.push_str(end);
    }
    (lines != body).then_some(lines)
}

/// True when a separately given summary is already the start (or a part of the first
/// paragraphs) of the body, so it should not be shown twice.
pub fn summary_in_body(summary: &str, body: &str) -> bool {
    let s = summary.trim().trim_end_matches("...").trim_end_matches('…');
    let probe: String = fold(s).chars().take(60).collect();
    if probe.chars().count() < 12 {
        return true;
    }
    let head_end = body.char_indices().nth(4000).map_or(body.len(), |(i, _)| i);
    fold(&body[..head_end]).contains(&probe)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn emphasis_markers_are_removed_in_pairs() {
        assert_eq!(
            strip_emphasis("***Tại hội thảo, các bên trao đổi.***\n\nĐoạn **hai**.").as_deref(),
            Some("Tại hội thảo, các bên trao đổi.\n\nĐoạn hai.")
        );
        assert_eq!(
            strip_emphasis("*Một đoạn nghiêng.*\n").as_deref(),
            Some("Một đoạn nghiêng.\n")
        );
        // A lone star (a footnote mark) and an odd run stay.
        assert_eq!(strip_emphasis("Giá 5* khách sạn."), None);
        assert_eq!(strip_emphasis("a ** b"), None);
        assert_eq!(strip_emphasis("không có"), None);
    }

    #[test]
    fn python_list_bodies() {
        let b = r"Lead sentence.['\r\n   \r\n', ' ', '\r\n', ' Năm 2022 nhiều khó khăn', '\r\n', 'Ngày 25\/03, đại hội ', 'doanh nghiệp', ' diễn ra.', '\r\n']";
        let out = python_list_body(b).unwrap();
        assert_eq!(
            out,
            "Lead sentence.\n\n Năm 2022 nhiều khó khăn\n\nNgày 25/03, đại hội doanh nghiệp diễn ra.\n\n"
        );
        assert_eq!(python_list_body("Không phải danh sách ['a'] ở giữa."), None);
    }

    #[test]
    fn bold_bylines_are_taken() {
        let mut b = "Đoạn một dài dòng về hội nghị.\n\n**Kết quả**\n\nĐoạn hai.\n\n**Thu Trang**\n\nmore tóm tắt".to_owned();
        assert_eq!(take_bold_byline(&mut b).as_deref(), Some("Thu Trang"));
        assert!(!b.contains("Thu Trang"));
    }

    #[test]
    fn last_lines_are_the_tail_of_split() {
        for s in [
            "",
            "a",
            "a\n",
            "\n",
            "a\nb",
            "a\n\nb\n",
            "1\n2\n3\n4\n5\n6\n7\n8",
        ] {
            let all: Vec<(usize, &str)> = s
                .split('\n')
                .scan(0, |at, l| {
                    let here = *at;
                    *at += l.len() + 1;
                    Some((here, l))
                })
                .collect();
            for n in 1..10 {
                assert_eq!(
                    last_lines(s, n),
                    all[all.len().saturating_sub(n)..],
                    "{s:?} {n}"
                );
            }
        }
    }

    #[test]
    fn trailers_are_split_off() {
        let b = "Nội dung bài.PV\n31/05/13 11:20 GMT+7\nXã hội\nĐại biểu,Chính sách,Chính phủ\nNhân Dân";
        let (end, t) = split_trailer(b).unwrap();
        assert_eq!(&b[..end], "Nội dung bài.PV\n");
        assert_eq!(t.section.as_deref(), Some("Xã hội"));
        assert_eq!(t.tags, ["Đại biểu", "Chính sách", "Chính phủ"]);
        assert_eq!(t.source.as_deref(), Some("Nhân Dân"));
        assert_eq!(split_trailer("Chỉ là bài.\nHết."), None);
    }

    #[test]
    fn summaries_already_in_the_body_are_not_repeated() {
        assert!(summary_in_body(
            "Thủ tướng cho biết năm 2024 toàn quốc dành...",
            "Thủ tướng cho biết năm 2024 toàn quốc dành 657.000 tỷ đồng."
        ));
        assert!(!summary_in_body(
            "Ngày 2 tháng 12, tại Đà Nẵng, Hiệp hội tổ chức hội nghị.",
            "Phát biểu khai mạc hội nghị, ông A cho biết."
        ));
    }
}
