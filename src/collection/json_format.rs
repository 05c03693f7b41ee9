//! JSON (one record, an array, or an object holding an array) and JSON Lines. Fields
//! are mapped by name, case-insensitively; JSON-LD `NewsArticle` records work.

use rayon::prelude::*;
use serde_json::{Map, Value};

use super::record::{Position, RawRecord};

/// A problem with one record or line, reported with its position.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RecordProblem {
    /// 1-based line, where known.
    pub line: Option<usize>,
    pub reason: String,
}

/// Parses a `.json` file. A file that is not one JSON document but holds one object per
/// line is read as JSON Lines.
pub fn parse_json(text: &str) -> (Vec<RawRecord>, Vec<RecordProblem>) {
    match serde_json::from_str::<Value>(text) {
        Ok(value) => {
            let mut problems = Vec::new();
            let records = records_from_value(value, &mut problems);
            (records, problems)
        }
        Err(e) if e.is_syntax() && e.line() > 1 && looks_like_lines(text) => parse_jsonl(text),
        Err(e) => (
            Vec::new(),
            vec![RecordProblem {
                line: Some(e.line()),
                reason: format!("invalid JSON: {}", describe(&e)),
            }],
        ),
    }
}

fn looks_like_lines(text: &str) -> bool {
    let mut lines = text.lines().filter(|l| !l.trim().is_empty());
    let first = lines.next().unwrap_or("");
    serde_json::from_str::<Value>(first).is_ok_and(|v| v.is_object())
}

/// Parses a JSON Lines file: one record per line; a bad line is reported and skipped.
pub fn parse_jsonl(text: &str) -> (Vec<RawRecord>, Vec<RecordProblem>) {
    // Lines are parsed on every core: a dataset is often one large JSON Lines
    // file, and its lines are independent of each other.
    let lines: Vec<(usize, &str)> = text
        .lines()
        .enumerate()
        .map(|(i, line)| (i + 1, line.trim()))
        .filter(|(_, line)| !line.is_empty())
        .collect();
    let parsed: Vec<Result<RawRecord, RecordProblem>> = lines
        .into_par_iter()
        .map(|(line_no, line)| {
            let problem = |reason| RecordProblem {
                line: Some(line_no),
                reason,
            };
            match serde_json::from_str::<Value>(line) {
                Ok(Value::Object(map)) => match record_from_object(&map) {
                    Ok(mut rec) => {
                        rec.position = Position::Line(line_no);
                        Ok(rec)
                    }
                    Err(reason) => Err(problem(reason)),
                },
                Ok(other) => Err(problem(format!(
                    "expected a JSON object, found {}",
                    kind(&other)
                ))),
                Err(e) => Err(problem(format!("invalid JSON: {}", describe(&e)))),
            }
        })
        .collect();
    let mut records = Vec::with_capacity(parsed.len());
    let mut problems = Vec::new();
    for p in parsed {
        match p {
            Ok(rec) => records.push(rec),
            Err(problem) => problems.push(problem),
        }
    }
    (records, problems)
}

fn describe(e: &serde_json::Error) -> String {
    let msg = e.to_string();
    // serde_json appends " at line L column C"; the caller reports the line itself.
    match msg.rfind(" at line ") {
        Some(i) => format!("{} (column {})", &msg[..i], e.column()),
        None => msg,
    }
}

fn kind(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// Keys under which a JSON document may hold its list of records.
const CONTAINER_KEYS: &[&str] = &[
    "articles",
    "items",
    "records",
    "data",
    "documents",
    "docs",
    "results",
    "@graph",
    "posts",
];

fn records_from_value(value: Value, problems: &mut Vec<RecordProblem>) -> Vec<RawRecord> {
    let items = match value {
        Value::Array(items) => items,
        Value::Object(map) => {
            let container = map.iter().find_map(|(k, v)| {
                let k = k.to_ascii_lowercase();
                match v {
                    Value::Array(a) if CONTAINER_KEYS.contains(&k.as_str()) => Some(a.clone()),
                    _ => None,
                }
            });
            match container {
                Some(items) => items,
                None => vec![Value::Object(map)],
            }
        }
        other => {
            problems.push(RecordProblem {
                line: None,
                reason: format!("expected a JSON object or array, found {}", kind(&other)),
            });
            return Vec::new();
        }
    };
    let mut out = Vec::new();
    for (index, item) in items.into_iter().enumerate() {
        match item {
            Value::Object(map) => match record_from_object(&map) {
                Ok(mut rec) => {
                    rec.position = Position::Index(index);
                    out.push(rec);
                }
                Err(reason) => problems.push(RecordProblem {
                    line: None,
                    reason: format!("record {index}: {reason}"),
                }),
            },
            other => problems.push(RecordProblem {
                line: None,
                reason: format!(
                    "record {index}: expected a JSON object, found {}",
                    kind(&other)
                ),
            }),
        }
    }
    out
}

const TITLE_KEYS: &[&str] = &["title", "headline", "name"];
const BODY_KEYS: &[&str] = &[
    "content",
    "body",
    "text",
    "articlebody",
    "article",
    "fulltext",
    "maintext",
];
const SUMMARY_KEYS: &[&str] = &[
    "sapo",
    "summary",
    "description",
    "lead",
    "header",
    "abstract",
    "excerpt",
];
const DATE_KEYS: &[&str] = &[
    "date",
    "time",
    "datepublished",
    "published_at",
    "publishedat",
    "published",
    "pubdate",
    "publish_date",
    "timecreatepostorigin",
    "created_at",
    "datecreated",
];
const AUTHOR_KEYS: &[&str] = &["author", "byline", "authors", "creator"];
const SOURCE_KEYS: &[&str] = &["source", "publisher", "site", "sitename", "urlpagecrawl"];
const URL_KEYS: &[&str] = &["url", "link", "href", "canonical_url"];
const ID_KEYS: &[&str] = &["id", "_id", "doc_id", "docid", "guid", "@id", "uuid"];
const TAG_KEYS: &[&str] = &["tags", "keywords", "categories"];

/// Finds the first of `keys` present in `map` (case-insensitive), in key order.
fn field<'a>(map: &'a Map<String, Value>, keys: &[&str]) -> Option<&'a Value> {
    keys.iter().find_map(|want| {
        map.iter()
            .find(|(k, v)| k.eq_ignore_ascii_case(want) && !v.is_null())
            .map(|(_, v)| v)
    })
}

/// Text of a value: strings as they are, numbers printed, arrays of strings joined
/// as paragraphs, objects by their `name` or `text`/`@value`.
fn text_of(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Array(items) => {
            let parts: Vec<String> = items.iter().filter_map(text_of).collect();
            (!parts.is_empty()).then(|| parts.join("\n\n"))
        }
        Value::Object(m) => ["name", "text", "@value", "value"]
            .iter()
            .find_map(|k| m.get(*k).and_then(text_of)),
        _ => None,
    }
}

fn text_field(map: &Map<String, Value>, keys: &[&str]) -> Option<String> {
    field(map, keys)
        .and_then(text_of)
        .filter(|s| !s.trim().is_empty())
}

fn record_from_object(map: &Map<String, Value>) -> Result<RawRecord, String> {
    let body = text_field(map, BODY_KEYS);
    let summary = text_field(map, SUMMARY_KEYS);
    if body.is_none() && summary.is_none() {
        let present = BODY_KEYS
            .iter()
            .chain(SUMMARY_KEYS)
            .find_map(|k| map.keys().find(|key| key.eq_ignore_ascii_case(k)));
        return Err(match present {
            Some(k) => format!("field \"{k}\" holds no text"),
            None => "no text field (content, body, text, articleBody, summary, ...)".to_owned(),
        });
    }
    let tags = match field(map, TAG_KEYS) {
        Some(Value::Array(items)) => items.iter().filter_map(text_of).collect(),
        Some(Value::String(s)) => s.split([',', ';']).map(|t| t.trim().to_owned()).collect(),
        _ => Vec::new(),
    };
    Ok(RawRecord {
        position: Position::Whole,
        id: text_field(map, ID_KEYS),
        title: text_field(map, TITLE_KEYS),
        body: body.unwrap_or_default(),
        summary,
        date: text_field(map, DATE_KEYS),
        author: text_field(map, AUTHOR_KEYS),
        source: text_field(map, SOURCE_KEYS),
        url: text_field(map, URL_KEYS),
        tags,
        markdown: false,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn jsonl_maps_fields_case_insensitively() {
        let (recs, probs) = parse_jsonl(
            "{\"Title\":\"A\",\"CONTENT\":\"x\",\"timeCreatePostOrigin\":\"2017/12/08\",\"summary\":\"s\"}\n",
        );
        assert!(probs.is_empty());
        assert_eq!(recs[0].title.as_deref(), Some("A"));
        assert_eq!(recs[0].body, "x");
        assert_eq!(recs[0].date.as_deref(), Some("2017/12/08"));
        assert_eq!(recs[0].summary.as_deref(), Some("s"));
        assert_eq!(recs[0].position, Position::Line(1));
    }

    #[test]
    fn jsonl_bad_line_is_reported_others_load() {
        let (recs, probs) = parse_jsonl(
            "{\"title\":\"A\",\"content\":\"x y z\"}\n{\"title\": broken\n{\"title\":\"B\",\"content\":\"u v w\"}\n[1]\n{\"title\":\"C\"}\n",
        );
        assert_eq!(recs.len(), 2);
        let lines: Vec<_> = probs.iter().map(|p| p.line).collect();
        assert_eq!(lines, [Some(2), Some(4), Some(5)]);
        assert!(probs[0].reason.starts_with("invalid JSON"));
        assert!(probs[2].reason.contains("no text field"));
    }

    #[test]
    fn json_ld_news_article() {
        let (recs, _) = parse_json(
            r#"{"@context":"https://schema.org","@type":"NewsArticle","headline":"H","articleBody":"B",
                "datePublished":"2024-02-16","author":[{"@type":"Person","name":"Lê Văn A"}],
                "publisher":{"@type":"Organization","name":"Báo X"}}"#,
        );
        let r = &recs[0];
        assert_eq!(r.title.as_deref(), Some("H"));
        assert_eq!(r.body, "B");
        assert_eq!(r.author.as_deref(), Some("Lê Văn A"));
        assert_eq!(r.source.as_deref(), Some("Báo X"));
    }

    #[test]
    fn json_array_and_container() {
        let (recs, _) = parse_json(r#"[{"title":"a","body":"x"},{"title":"b","text":"y"}]"#);
        assert_eq!(recs.len(), 2);
        let (recs, _) = parse_json(r#"{"articles":[{"title":"a","body":"x"}]}"#);
        assert_eq!(recs.len(), 1);
        assert_eq!(recs[0].position, Position::Index(0));
    }

    #[test]
    fn json_that_is_really_lines() {
        let (recs, probs) =
            parse_json("{\"title\":\"a\",\"body\":\"x\"}\n{\"title\":\"b\",\"body\":\"y\"}\n");
        assert_eq!((recs.len(), probs.len()), (2, 0));
    }

    #[test]
    fn wrong_types_are_reported() {
        let (recs, probs) = parse_jsonl(
            "{\"title\":\"a\",\"content\":false}\n{\"title\":1,\"content\":[\"p1\",\"p2\"]}\n",
        );
        assert_eq!(recs.len(), 1);
        assert_eq!(recs[0].body, "p1\n\np2");
        assert_eq!(recs[0].title.as_deref(), Some("1"));
        assert!(probs[0].reason.contains("holds no text"), "{probs:?}");
    }

    #[test]
    fn truncated_json_is_a_problem() {
        let (recs, probs) = parse_json("{\"title\":\"a\",\"body\":\"x");
        assert!(recs.is_empty());
        assert!(probs[0].reason.starts_with("invalid JSON"));
    }
}
