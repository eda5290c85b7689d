//! The synthetic corpus generator's ground truth is exactly what `extract` finds: every field of
//! every record, in order, on corpora of both layouts (paragraph lines and PDF-like lines).

use citegraph::citation::extract;
use citegraph::ingest::Document;
use citegraph::output::CitationRecord;
use citegraph::synth::{generate, SynthConfig};

fn lines(doc: &str, citations: &[citegraph::citation::Citation]) -> Vec<String> {
    citations
        .iter()
        .map(|c| serde_json::to_string(&CitationRecord::new(doc, c)).expect("serialises"))
        .collect()
}

fn check(config: SynthConfig) {
    let documents = generate(&config);
    assert_eq!(documents.len(), config.docs);
    let mut total = 0;
    for document in &documents {
        let parsed = Document::from_text(&document.file, document.text.clone());
        let found = lines(&document.file, &extract(&parsed));
        let truth = lines(&document.file, &document.citations);
        for (index, (f, t)) in found.iter().zip(&truth).enumerate() {
            assert_eq!(f, t, "{} record {index}", document.file);
        }
        assert_eq!(found.len(), truth.len(), "{}: record count", document.file);
        total += truth.len();
    }
    assert!(total > config.docs * 10, "only {total} citations generated");
}

#[test]
fn extract_recovers_the_ground_truth_of_a_small_corpus() {
    check(SynthConfig {
        docs: 24,
        seed: 1,
        bytes: 1 << 20,
    });
}

#[test]
fn extract_recovers_the_ground_truth_under_other_seeds() {
    for seed in [2, 3, 99] {
        check(SynthConfig {
            docs: 6,
            seed,
            bytes: 300_000,
        });
    }
}
