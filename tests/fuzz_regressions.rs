//! Replays every input that ever broke a fuzz target (`tests/fixtures/fuzz/<target>/`) through
//! the same entry point and the same invariant checks as the target, so CI catches a regression
//! without the fuzzer. The checks are `fuzz/src/lib.rs`, compiled into this test as a module.

#[path = "../fuzz/src/lib.rs"]
#[allow(dead_code, clippy::all, clippy::pedantic)]
mod checks;

use std::fs;
use std::path::PathBuf;

use citegraph::citation::extract;
use citegraph::citation::grammar::{
    cluster, ibid, narrative_bracket, narrative_subject, prefixed_work, work,
};
use citegraph::ingest::{decode, Document};
use citegraph::normalize::normalize;

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

const TARGETS: [&str; 5] = [
    "normalize",
    "cluster",
    "narrative_bracket",
    "work",
    "extract",
];

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
