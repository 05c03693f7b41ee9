//! Cleanup (`build_article`) over arbitrary text, as every format hands it over:
//! a body, and optionally a title and a separate lead. Blocks must be valid,
//! disjoint spans of the article text, in reading order.
#![no_main]

use std::path::Path;
use std::sync::Arc;

use docket::article::{Format, Origin};
use docket::collection::record::RawRecord;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(s) = std::str::from_utf8(data) else {
        return;
    };
    // "title\u{1}summary\u{1}body": the separators let the fuzzer set each field.
    let mut parts = s.splitn(3, '\u{1}');
    let (a, b, c) = (parts.next(), parts.next(), parts.next());
    let (title, summary, body) = match (a, b, c) {
        (Some(t), Some(s), Some(b)) => (Some(t), Some(s), b),
        (Some(t), Some(b), None) => (Some(t), None, b),
        (Some(b), None, None) => (None, None, b),
        _ => return,
    };
    let markdown = data.first().is_some_and(|b| b & 1 == 1);
    let rec = RawRecord {
        title: title.map(str::to_owned),
        summary: summary.map(str::to_owned),
        body: body.to_owned(),
        markdown,
        ..RawRecord::default()
    }
    .cleaned();
    let origin = Origin {
        path: Arc::from(Path::new("fuzz.txt")),
        format: Format::Text,
        record: None,
    };
    let a = docket::cleanup::build_article(rec, "fuzz".to_owned(), origin, data.len());
    // Blocks are in reading order, which is text order except for a lead a scrape
    // put at the end ("more(...) ..."), moved first: spans must be valid and
    // disjoint, not increasing.
    let mut spans: Vec<_> = a.blocks.iter().map(|b| b.span.clone()).collect();
    for s in &spans {
        assert!(s.start <= s.end, "{s:?}");
        assert!(a.text.get(s.clone()).is_some(), "bad span {s:?}");
    }
    spans.sort_by_key(|s| s.start);
    for w in spans.windows(2) {
        assert!(w[0].end <= w[1].start, "blocks overlap: {:?}", a.blocks);
    }
    let _ = a.display_title();
    let _ = a.paragraph_count();
});
