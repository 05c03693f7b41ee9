//! Extraction (the outline) over arbitrary text: every span it returns must be a
//! valid slice of the article text, and every paragraph number a real paragraph.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(s) = std::str::from_utf8(data) else {
        return;
    };
    let a = docket::cleanup::article_from_text(s, "fuzz");
    let o = docket::extract::outline(&a);
    for sp in &o.speakers {
        for m in &sp.mentions {
            assert!(a.text.get(m.clone()).is_some(), "bad mention span {m:?}");
        }
        for st in &sp.statements {
            assert!(a.text.get(st.span.clone()).is_some(), "bad statement span");
        }
    }
    // The JSON export walks every paragraph number and span.
    let _ = docket::export::article_value(&a, &o, Default::default());
    let _ = docket::export::markdown(&a, &o);
});
