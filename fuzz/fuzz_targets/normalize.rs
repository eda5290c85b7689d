//! `normalize`: no panic, and the offset map takes every character boundary of the normalised
//! copy to an offset of the original, never backwards and never past its end.
#![no_main]

use citegraph::normalize::normalize;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let source = citegraph_fuzz::text(data);
    let normalized = normalize(&source);
    let map = &normalized.map;
    let mut previous = 0;
    for (at, _) in normalized.text.char_indices() {
        let original = map.to_original(at);
        assert!(original <= source.len(), "offset {at} maps past the end");
        assert!(original >= previous, "offset {at} maps backwards");
        previous = original;
    }
    let end = map.to_original_end(normalized.text.len());
    assert!(end <= source.len(), "the end maps past the end");
    // Normalising is idempotent on what it mends: the copy has no carriage return or soft hyphen.
    assert!(!normalized.text.contains(['\r', '\u{00AD}']));
});
