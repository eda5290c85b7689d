//! The reference-list reader: `reference::parse_entry` on the input as one entry, then
//! `reference::extract_references` and `pipeline::references_of` on a document whose reference
//! list is the input. No panic; every entry and diagnostic span is a byte range of the text it
//! was read from, on character boundaries; every entry starts on its line.
#![no_main]

use citegraph::ingest::Document;
use citegraph::pipeline::references_of;
use citegraph::reference::{extract_references, parse_entry};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = citegraph_fuzz::text(data);
    let (entry, diagnostics) = parse_entry(&text);
    citegraph_fuzz::assert_entry(&text, &entry, &diagnostics);

    let document = citegraph_fuzz::reference_document(&text);
    citegraph_fuzz::assert_references(&document, &extract_references(&document));
    citegraph_fuzz::assert_references(&text, &extract_references(&text));

    let ingested = Document::from_text("fuzz.txt", document);
    for reference in references_of(&ingested) {
        citegraph_fuzz::assert_entry(&ingested.text, &reference.entry, &reference.diagnostics);
        assert_eq!(reference.line, ingested.line_of(reference.entry.span.start));
    }
});
