//! The claims analyser on a document's text with the citations `citation::extract` finds in it:
//! `Analyzer::analyse` on the original text and `Analyzer::analyse_ingested` (the pipeline's
//! call, on the normalised text with offsets mapped back). No panic; every sentence, claim, cue
//! and stance range lies inside the text on character boundaries; every line is its start's.
#![no_main]

use citegraph::citation::extract;
use citegraph::claims::Document;
use citegraph::ingest;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = citegraph_fuzz::text(data);
    let document = ingest::Document::from_text("fuzz.txt", text);
    let citations = extract(&document);
    let analyzer = citegraph_fuzz::analyzer();
    let analysis = analyzer.analyse(&Document {
        name: "fuzz.txt",
        key: "Fuzz 2020",
        text: &document.text,
        citations: &citations,
    });
    citegraph_fuzz::assert_analysis(&document.text, &analysis, citations.len());
    let analysis = analyzer.analyse_ingested(&document, "Fuzz 2020", &citations);
    citegraph_fuzz::assert_analysis(&document.text, &analysis, citations.len());
});
