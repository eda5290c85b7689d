//! `work`, `prefixed_work` and `ibid`: no panic, results are slices of the input, the rest is a
//! suffix.
#![no_main]

use citegraph::citation::grammar::{ibid, prefixed_work, work};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = citegraph_fuzz::text(data);
    if let Ok((rest, found)) = work(&text) {
        citegraph_fuzz::assert_rest(&text, rest);
        citegraph_fuzz::assert_work(&text, &found);
    }
    if let Ok((rest, (lead_in, found))) = prefixed_work(&text) {
        citegraph_fuzz::assert_rest(&text, rest);
        citegraph_fuzz::assert_slice_of(&text, lead_in, "lead-in");
        citegraph_fuzz::assert_work(&text, &found);
    }
    if let Ok((rest, _)) = ibid(&text) {
        citegraph_fuzz::assert_rest(&text, rest);
    }
});
