//! The state-file parser over arbitrary bytes: never panics; what it accepts
//! saves and parses back to the same state.
#![no_main]

use docket::state::ReaderState;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(s) = ReaderState::parse(data) {
        let bytes = serde_json::to_vec(&s).expect("a parsed state serialises");
        assert_eq!(ReaderState::parse(&bytes), Ok(s));
    }
});
