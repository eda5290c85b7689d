//! The whole per-document pipeline on raw bytes: decode (UTF-8, UTF-16 with a byte order mark,
//! lossy), normalise, extract, and write every output format. No panic; every citation points
//! at its text and line; JSON Lines output parses back.
#![no_main]

use citegraph::citation::extract;
use citegraph::ingest::{decode, Document};
use citegraph::output::{write_citations, CitationFormat};
use citegraph::pipeline::{analyse_document, Config, Corpus};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok((text, _warnings)) = decode("fuzz.txt", data) else {
        return;
    };
    let document = Document::from_text("fuzz.txt", text);
    let citations = extract(&document);
    citegraph_fuzz::assert_citations(&document.text, &citations);
    let analyzer = citegraph_fuzz::analyzer();
    let config = Config {
        analyzer,
        claims: true,
    };
    let analysis = analyse_document(document, None, &[], config);
    assert_eq!(
        analysis.citations, citations,
        "the pipeline extracts the same citations"
    );
    let corpus = Corpus {
        documents: vec![analysis],
        bibliography: Vec::new(),
        works: Vec::new(),
    };
    for format in [
        CitationFormat::Jsonl,
        CitationFormat::Json,
        CitationFormat::Csv,
        CitationFormat::Table,
    ] {
        let mut out = Vec::new();
        write_citations(&mut out, format, &corpus).expect("writing to memory cannot fail");
        if format == CitationFormat::Jsonl {
            let out = String::from_utf8(out).expect("JSON Lines output is UTF-8");
            let lines: Vec<&str> = out.lines().collect();
            assert_eq!(lines.len(), citations.len(), "one line per citation");
            for (line, citation) in lines.iter().zip(&citations) {
                let value: serde_json::Value =
                    serde_json::from_str(line).expect("each line is JSON");
                assert_eq!(value["raw"].as_str(), Some(citation.raw.as_str()));
            }
        }
    }
});
