//! The config.toml parser over arbitrary text: never panics, and every error it
//! reports names a line inside the file.
#![no_main]

use docket::config::Config;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(s) = std::str::from_utf8(data) else {
        return;
    };
    let (_, errors) = Config::parse(s);
    let lines = s.matches('\n').count() + 1;
    for e in &errors {
        if let Some(l) = e.line {
            assert!(l >= 1 && l <= lines, "line {l} of {lines}: {e}");
        }
        let _ = e.to_string();
    }
});
