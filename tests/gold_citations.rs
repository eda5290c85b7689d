//! Scores `extract` against the hand-annotated citations of `../shared/gold` (002, 003, 004):
//! records matched as multisets on (document, first author, year), yearless mentions and
//! "ibid." left out, as `../shared/gold/SPEC.md` describes.

#![allow(clippy::print_stdout)] // tests print their scores

mod common;

use citegraph::citation::{extract, CitationKind};
use citegraph::ingest::Document;

const DOCUMENTS: [&str; 3] = [
    "002_3ac60e7eb1a25b6f.txt",
    "003_36e4fa2291180487.txt",
    "004_48c426f6b5467f6d.txt",
];

fn fold(name: &str) -> String {
    name.replace(['’', 'ʼ'], "'")
}

#[test]
fn citations_match_the_gold_annotations() {
    let Some(shared) = common::shared() else {
        return;
    };
    let mut found = Vec::new();
    let mut gold = Vec::new();
    for name in DOCUMENTS {
        let stem = &name[..3];
        for record in common::read_jsonl(&shared.join(format!("gold/{stem}.citations.jsonl"))) {
            let authors = record["authors"].as_array().cloned().unwrap_or_default();
            let first = authors
                .first()
                .and_then(|a| a.as_str())
                .unwrap_or("")
                .to_string();
            if record["kind"] == "yearless" || first == "ibid." {
                continue;
            }
            let year = record["year"].as_str().unwrap_or("").to_string();
            gold.push((name.to_string(), fold(&first), year));
        }
        let text = std::fs::read_to_string(shared.join("corpus").join(name)).expect("corpus text");
        let document = Document::from_text(name, text);
        for citation in extract(&document) {
            if citation.kind == CitationKind::Yearless || citation.ibid {
                continue;
            }
            let first = citation.authors.first().cloned().unwrap_or_default();
            found.push((
                name.to_string(),
                fold(&first),
                citation.year.unwrap_or_default(),
            ));
        }
    }
    let (precision, recall, f1, extra, missed) = common::multiset_scores(found, gold);
    println!("citation extraction on gold 002/003/004: precision {precision:.4}, recall {recall:.4}, F1 {f1:.4}");
    for item in &extra {
        println!("  not in gold: {item:?}");
    }
    for item in &missed {
        println!("  missed:      {item:?}");
    }
    assert!(precision >= 0.97, "precision {precision:.4} below 0.97");
    assert!(recall >= 0.97, "recall {recall:.4} below 0.97");
}
