//! `cluster` (the content of a bracket): no panic, and every item it reads is made of slices
//! of its input.
#![no_main]

use citegraph::citation::grammar::cluster;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = citegraph_fuzz::text(data);
    let items = cluster(&text);
    citegraph_fuzz::assert_items(&text, &items);
});
