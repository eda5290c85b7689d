//! Replays every input that ever broke a fuzz target, and the seeds written for it
//! (`tests/fixtures/fuzz/<target>/`), through the same entry point and the same invariant checks
//! as the target, so CI catches a regression without the fuzzer. The checks are `fuzz/src/lib.rs`, compiled into this test as a module.

#[path = "../fuzz/src/lib.rs"]
#[allow(dead_code, clippy::all, clippy::pedantic)]
mod checks;

use std::fs;
use std::path::PathBuf;

use citegraph::citation::extract;
use citegraph::citation::grammar::{
    cluster, ibid, narrative_bracket, narrative_subject, prefixed_work, work,
};
use citegraph::claims::{self, Analyzer};
use citegraph::ingest::{decode, Document};
use citegraph::normalize::normalize;
use citegraph::pipeline::references_of;
use citegraph::reference::{extract_references, parse_entry};

fn fixtures(target: &str) -> Vec<(String, Vec<u8>)> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/fuzz")
        .join(target);
    // A target without findings has no directory (git keeps no empty ones).
    let Ok(entries) = fs::read_dir(&dir) else {
        return Vec::new();
    };
    let mut files: Vec<(String, Vec<u8>)> = entries
        .filter_map(Result::ok)
        .filter(|e| e.path().is_file())
        .map(|e| {
            let bytes = fs::read(e.path()).expect("fixture is readable");
            (e.file_name().to_string_lossy().into_owned(), bytes)
        })
        .collect();
    files.sort();
    files
}

/// Runs `check` on every fixture of `target`, naming the fixture that fails.
fn replay(target: &str, check: impl Fn(&[u8])) -> usize {
    let files = fixtures(target);
    for (name, bytes) in &files {
        let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| check(bytes)));
        assert!(
            outcome.is_ok(),
            "fixture tests/fixtures/fuzz/{target}/{name} fails again"
        );
    }
    files.len()
}

#[test]
fn normalize_fixtures() {
    let count = replay("normalize", |data| {
        let source = checks::text(data);
        let normalized = normalize(&source);
        let mut previous = 0;
        for (at, _) in normalized.text.char_indices() {
            let original = normalized.map.to_original(at);
            assert!(original <= source.len() && original >= previous);
            previous = original;
        }
        assert!(normalized.map.to_original_end(normalized.text.len()) <= source.len());
        assert!(!normalized.text.contains(['\r', '\u{00AD}']));
    });
    assert!(count >= 1, "the normalize finding is kept");
}

/// The `reference` target: one entry, then a document whose reference list is the input.
fn check_reference(data: &[u8]) {
    let text = checks::text(data);
    let (entry, diagnostics) = parse_entry(&text);
    checks::assert_entry(&text, &entry, &diagnostics);
    let document = checks::reference_document(&text);
    checks::assert_references(&document, &extract_references(&document));
    checks::assert_references(&text, &extract_references(&text));
    let ingested = Document::from_text("fixture.txt", document);
    for reference in references_of(&ingested) {
        checks::assert_entry(&ingested.text, &reference.entry, &reference.diagnostics);
        assert_eq!(reference.line, ingested.line_of(reference.entry.span.start));
    }
}

/// The `claims` target: the analyser on the text and on the ingested document, with the
/// citations the extractor finds.
fn check_claims(data: &[u8]) {
    let text = checks::text(data);
    let document = Document::from_text("fixture.txt", text);
    let citations = extract(&document);
    let analyzer = Analyzer::default();
    let analysis = analyzer.analyse(&claims::Document {
        name: "fixture.txt",
        key: "Fixture 2020",
        text: &document.text,
        citations: &citations,
    });
    checks::assert_analysis(&document.text, &analysis, citations.len());
    let analysis = analyzer.analyse_ingested(&document, "Fixture 2020", &citations);
    checks::assert_analysis(&document.text, &analysis, citations.len());
}

#[test]
fn reference_fixtures() {
    let count = replay("reference", check_reference);
    assert!(count >= 1, "the reference seeds are kept");
}

#[test]
fn claims_fixtures() {
    let count = replay("claims", check_claims);
    assert!(count >= 1, "the claims seeds are kept");
}

const TARGETS: [&str; 7] = [
    "normalize",
    "cluster",
    "narrative_bracket",
    "work",
    "extract",
    "reference",
    "claims",
];

/// Every fixture of every target also goes through the reference reader and the claims
/// analyser.
#[test]
fn every_fixture_through_reference_and_claims() {
    let mut count = 0;
    for target in TARGETS {
        count += replay(target, |data| {
            check_reference(data);
            check_claims(data);
        });
    }
    assert!(count >= 1);
}

/// Every fixture of every target also goes through every grammar entry point.
#[test]
fn grammar_fixtures() {
    let mut count = 0;
    for target in TARGETS {
        count += replay(target, |data| {
            let text = checks::text(data);
            checks::assert_items(&text, &cluster(&text));
            if let Ok((rest, bracket)) = narrative_bracket(&text) {
                checks::assert_rest(&text, rest);
                checks::assert_items(&text, &bracket.more);
            }
            if let Ok((rest, _)) = narrative_subject(&text) {
                checks::assert_rest(&text, rest);
            }
            if let Ok((rest, found)) = work(&text) {
                checks::assert_rest(&text, rest);
                checks::assert_work(&text, &found);
            }
            if let Ok((rest, (_, found))) = prefixed_work(&text) {
                checks::assert_rest(&text, rest);
                checks::assert_work(&text, &found);
            }
            if let Ok((rest, _)) = ibid(&text) {
                checks::assert_rest(&text, rest);
            }
        });
    }
    assert!(count >= 1);
}

/// Every fixture of every target also goes through the whole per-document pipeline.
#[test]
fn every_fixture_through_extract() {
    let mut count = 0;
    for target in TARGETS {
        count += replay(target, |data| {
            let Ok((text, _)) = decode("fixture.txt", data) else {
                return;
            };
            let document = Document::from_text("fixture.txt", text);
            let citations = extract(&document);
            checks::assert_citations(&document.text, &citations);
        });
    }
    assert!(count >= 1);
}
