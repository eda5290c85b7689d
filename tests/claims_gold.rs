//! Claims against the hand-annotated gold of `../shared/gold/{002,003,004}.claims.jsonl`:
//! precision and recall of the distinct (document, paradigm, stance, holder) facts, for the
//! paradigms of the default lexicon (`other:*` paradigms are out of scope). Holder "self" in
//! the gold is the document's own authors.
//!
//! Citations come from `common::find_citations` (test scaffolding until the real extractor
//! lands; switch there).

#![allow(clippy::print_stdout)] // the test reports its score on stdout

mod common;

use std::collections::BTreeSet;
use std::fs;

use citegraph::claims::{Analyzer, HolderKind};

/// (document, paradigm, stance, holder)
type Fact = (String, String, String, String);

const DOCUMENTS: &[&str] = &["002", "003", "004"];

fn normalise_holder(holder: &str) -> String {
    holder
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

fn gold_facts(shared: &std::path::Path, ids: &BTreeSet<String>) -> BTreeSet<Fact> {
    let mut facts = BTreeSet::new();
    for document in DOCUMENTS {
        let path = shared.join(format!("gold/{document}.claims.jsonl"));
        let body = fs::read_to_string(&path).expect("gold claims are readable");
        for line in body.lines().filter(|line| !line.trim().is_empty()) {
            let record: serde_json::Value = serde_json::from_str(line).expect("gold is JSON");
            let paradigm = record["paradigm"].as_str().unwrap_or_default().to_string();
            if !ids.contains(&paradigm) {
                continue;
            }
            facts.insert((
                record["doc"].as_str().unwrap_or_default().to_string(),
                paradigm,
                record["stance"].as_str().unwrap_or_default().to_string(),
                normalise_holder(record["holder"].as_str().unwrap_or_default()),
            ));
        }
    }
    facts
}

fn corpus_file(shared: &std::path::Path, document: &str) -> std::path::PathBuf {
    fs::read_dir(shared.join("corpus"))
        .expect("corpus dir")
        .filter_map(Result::ok)
        .map(|entry| entry.path())
        .find(|path| {
            path.file_name()
                .and_then(|name| name.to_str())
                .is_some_and(|name| {
                    name.starts_with(&format!("{document}_")) && name.ends_with(".txt")
                })
        })
        .expect("corpus file for the document")
}

#[test]
fn claims_match_the_gold_facts() {
    let Some(shared) = common::shared_dir("claims_match_the_gold_facts") else {
        return;
    };
    let analyzer = Analyzer::default();
    let ids: BTreeSet<String> = analyzer
        .lexicon()
        .paradigms()
        .iter()
        .map(|p| p.id.clone())
        .collect();
    let gold = gold_facts(&shared, &ids);

    let mut predicted = BTreeSet::new();
    for document in DOCUMENTS {
        let path = corpus_file(&shared, document);
        let name = path
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or_default()
            .to_string();
        let text = fs::read_to_string(&path).expect("corpus text");
        let document = citegraph::ingest::Document::from_text(&name, text);
        let citations = citegraph::citation::extract(&document);
        let analysis = analyzer.analyse_ingested(&document, "self", &citations);
        for claim in analysis.claims {
            let holder = match claim.holder_kind {
                HolderKind::Document => "self".to_string(),
                HolderKind::Work => normalise_holder(&claim.holder),
            };
            let fact = (
                claim.doc.clone(),
                claim.paradigm.clone(),
                format!("{:?}", claim.stance).to_lowercase(),
                holder,
            );
            let mark = if gold.contains(&fact) { "TP" } else { "FP" };
            if std::env::var_os("CLAIMS_VERBOSE").is_some() {
                println!(
                    "{mark} {} {:>4} {:<18} {:<9} {:<28} cue={:?} c={:.2} [{}] | {}",
                    &claim.doc[..3],
                    claim.line,
                    claim.paradigm,
                    fact.2,
                    fact.3,
                    claim.cue,
                    claim.confidence,
                    claim.mention,
                    claim.sentence.chars().take(110).collect::<String>()
                );
            }
            predicted.insert(fact);
        }
    }
    let hits = predicted.intersection(&gold).count();
    #[allow(clippy::cast_precision_loss)]
    let precision = hits as f64 / predicted.len().max(1) as f64;
    #[allow(clippy::cast_precision_loss)]
    let recall = hits as f64 / gold.len().max(1) as f64;
    if std::env::var_os("CLAIMS_VERBOSE").is_some() {
        for missed in gold.difference(&predicted) {
            println!("MISSED {missed:?}");
        }
        for wrong in predicted.difference(&gold) {
            println!("WRONG  {wrong:?}");
        }
    }
    println!(
        "claims gold (002, 003, 004): {} gold facts, {} predicted, {hits} correct; precision {precision:.3}, recall {recall:.3}",
        gold.len(),
        predicted.len()
    );
    assert!(precision >= 0.70, "precision {precision:.3} below 0.70");
    assert!(recall >= 0.70, "recall {recall:.3} below 0.70");
}
