//! `narrative_bracket` (a bracket opening with a year) and `narrative_subject` (the names before
//! it): no panic, results are slices of the input, the rest is a suffix.
#![no_main]

use citegraph::citation::grammar::{narrative_bracket, narrative_subject};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = citegraph_fuzz::text(data);
    if let Ok((rest, bracket)) = narrative_bracket(&text) {
        citegraph_fuzz::assert_rest(&text, rest);
        assert!(
            !bracket.years.is_empty(),
            "a narrative bracket without a year"
        );
        for year in &bracket.years {
            citegraph_fuzz::assert_year(&text, year);
        }
        citegraph_fuzz::assert_items(&text, &bracket.more);
    }
    if let Ok((rest, authors)) = narrative_subject(&text) {
        citegraph_fuzz::assert_rest(&text, rest);
        assert!(!authors.names.is_empty());
        for name in &authors.names {
            citegraph_fuzz::assert_slice_of(&text, name.surname, "surname");
        }
    }
});
