//! Stance toward cited works on public citation-sentiment corpora in
//! `../shared/datasets/stance/` (see its README): macro-F1 over supports / critiques /
//! neutral and critique precision, printed with floors.
//!
//! - Kilicoglu et al. 2019 (clinical): the target is the numeric `citation_marker`. Rules were
//!   tuned on `split=dev` only; `split=test` is reported. The authors' own rule system
//!   (`ref_rule_pred`) is printed as the baseline.
//! - Athar 2011 (ACL Anthology): the target is the citation whose year is `cited_year`; report
//!   only, never tuned on.
//! - SciCite test (`cite_start`/`cite_end`): report only; its neutral rows are an intent proxy.
//!
//! The datasets give sentences, not documents, so citations are built here: numeric markers
//! and author-year citations (the scaffold of `common`), each a `Citation` with byte offsets.

#![allow(clippy::print_stdout)] // the test reports its scores on stdout

mod common;

use std::fs;
use std::path::Path;

use citegraph::citation::{Citation, CitationKind};
use citegraph::claims::{Analyzer, Document, WorkStance};

const LABELS: [&str; 3] = ["supports", "critiques", "neutral"];

fn label(stance: WorkStance) -> &'static str {
    match stance {
        WorkStance::Supports => "supports",
        WorkStance::Critiques => "critiques",
        WorkStance::Neutral => "neutral",
    }
}

/// Macro-F1, critique precision, critique recall and a confusion table.
struct Scores {
    macro_f1: f64,
    critique_precision: f64,
    critique_recall: f64,
    rows: usize,
    confusion: [[usize; 3]; 3],
}

#[allow(clippy::cast_precision_loss)]
fn score(pairs: &[(&str, &str)]) -> Scores {
    let index = |l: &str| LABELS.iter().position(|x| *x == l).unwrap_or(2);
    let mut confusion = [[0usize; 3]; 3];
    for (gold, predicted) in pairs {
        confusion[index(gold)][index(predicted)] += 1;
    }
    let mut f1_sum = 0.0;
    let mut precisions = [0.0; 3];
    let mut recalls = [0.0; 3];
    for class in 0..3 {
        let tp = confusion[class][class] as f64;
        let predicted: usize = (0..3).map(|g| confusion[g][class]).sum();
        let actual: usize = confusion[class].iter().sum();
        let precision = if predicted == 0 {
            0.0
        } else {
            tp / predicted as f64
        };
        let recall = if actual == 0 { 0.0 } else { tp / actual as f64 };
        precisions[class] = precision;
        recalls[class] = recall;
        f1_sum += if precision + recall == 0.0 {
            0.0
        } else {
            2.0 * precision * recall / (precision + recall)
        };
    }
    Scores {
        macro_f1: f1_sum / 3.0,
        critique_precision: precisions[1],
        critique_recall: recalls[1],
        rows: pairs.len(),
        confusion,
    }
}

fn report(name: &str, scores: &Scores) {
    println!(
        "{name}: {} rows, macro-F1 {:.3}, critique precision {:.3}, critique recall {:.3}; \
confusion gold→[sup, cri, neu] sup {:?} cri {:?} neu {:?}",
        scores.rows,
        scores.macro_f1,
        scores.critique_precision,
        scores.critique_recall,
        scores.confusion[0],
        scores.confusion[1],
        scores.confusion[2]
    );
}

fn read_rows(path: &Path) -> Vec<serde_json::Value> {
    fs::read_to_string(path)
        .expect("dataset is readable")
        .lines()
        .filter(|line| !line.trim().is_empty())
        // Python's json writes NaN for missing numbers (SciCite's `cite_start` on ten rows).
        .map(|line| {
            serde_json::from_str(&line.replace(": NaN", ": null")).expect("dataset rows are JSON")
        })
        .collect()
}

fn numeric_citation(text: &str, start: usize, end: usize) -> Citation {
    Citation {
        start,
        end,
        line: 1,
        raw: text[start..end].to_string(),
        kind: CitationKind::Parenthetical,
        authors: vec![text[start..end].trim().to_string()],
        initials: vec![None],
        et_al: false,
        year: None,
        locator: None,
        prefix: None,
        ibid: false,
        bracket: None,
        norm_start: 0,
        norm_end: 0,
    }
}

/// Numeric markers: bracket groups of digits, commas, dashes and spaces ("[ 12,16-21]"), and
/// the target marker wherever it occurs (bare "19" markers included).
fn numeric_citations(text: &str, target: &str) -> (Vec<Citation>, Vec<usize>) {
    let mut citations = Vec::new();
    let mut from = 0;
    while let Some(found) = text[from..].find('[') {
        let open = from + found;
        from = open + 1;
        let Some(close) = text[open..].find(']').map(|c| open + c) else {
            break;
        };
        let inner = &text[open + 1..close];
        if !inner.is_empty()
            && inner.chars().any(|c| c.is_ascii_digit())
            && inner
                .chars()
                .all(|c| c.is_ascii_digit() || matches!(c, ',' | '-' | '–' | ' ' | ';'))
        {
            citations.push(numeric_citation(text, open, close + 1));
        }
    }
    let mut targets = Vec::new();
    let mut from = 0;
    while let Some(found) = text[from..].find(target) {
        let start = from + found;
        let end = start + target.len();
        from = end;
        let bounded = text[..start]
            .chars()
            .next_back()
            .is_none_or(|c| !c.is_ascii_alphanumeric())
            && text[end..]
                .chars()
                .next()
                .is_none_or(|c| !c.is_ascii_alphanumeric());
        if !bounded {
            continue;
        }
        if let Some(existing) = citations.iter().position(|c| c.start == start) {
            targets.push(existing);
        } else {
            citations.push(numeric_citation(text, start, end));
            targets.push(citations.len() - 1);
        }
    }
    (citations, targets)
}

/// The prediction for a row: critique if the sentence critiques any target occurrence, else
/// support if it supports one, else neutral.
fn predict(
    analyzer: &Analyzer,
    text: &str,
    citations: &[Citation],
    targets: &[usize],
) -> WorkStance {
    predict_with_cue(analyzer, text, citations, targets).0
}

/// The prediction and the cue that decided it.
fn predict_with_cue(
    analyzer: &Analyzer,
    text: &str,
    citations: &[Citation],
    targets: &[usize],
) -> (WorkStance, Option<String>) {
    let analysis = analyzer.analyse(&Document {
        name: "row",
        key: "row",
        text,
        citations,
    });
    let on_target: Vec<_> = analysis
        .citations
        .iter()
        .filter(|stance| targets.contains(&stance.citation))
        .collect();
    for wanted in [WorkStance::Critiques, WorkStance::Supports] {
        if let Some(found) = on_target.iter().find(|s| s.stance == wanted) {
            return (wanted, found.cue.clone());
        }
    }
    (WorkStance::Neutral, None)
}

fn kilicoglu(shared: &Path, split: &str) -> (Scores, Scores) {
    let analyzer = Analyzer::default();
    let rows =
        read_rows(&shared.join("datasets/stance/kilicoglu2019_clinical_citation_sentiment.jsonl"));
    let mut ours = Vec::new();
    let mut baseline = Vec::new();
    let verbose = std::env::var_os("CLAIMS_VERBOSE").is_some() && split == "dev";
    for row in rows.iter().filter(|row| row["split"] == split) {
        let text = row["text"].as_str().unwrap_or_default();
        let marker = row["citation_marker"].as_str().unwrap_or_default();
        let gold = row["stance"].as_str().unwrap_or("neutral");
        let (citations, targets) = numeric_citations(text, marker);
        let (stance, cue) = predict_with_cue(&analyzer, text, &citations, &targets);
        let predicted = label(stance);
        if verbose && predicted != gold {
            let cue = cue.unwrap_or_default();
            println!("DEV {gold:>9} → {predicted:<9} {marker:>12} {cue:>22} | {text}");
        }
        ours.push((gold, predicted));
        baseline.push((gold, row["ref_rule_pred"].as_str().unwrap_or("neutral")));
    }
    (score(&ours), score(&baseline))
}

/// Athar: targets are the citations whose year starts with `cited_year`; a year the scaffold
/// did not parse becomes a citation of its own ("Dowding et al. 1993").
fn athar(shared: &Path) -> (Scores, usize) {
    let analyzer = Analyzer::default();
    let rows = read_rows(&shared.join("datasets/stance/athar2011_citation_sentiment.jsonl"));
    let mut pairs = Vec::new();
    let mut without_target = 0;
    for row in &rows {
        let text = row["text"].as_str().unwrap_or_default();
        let year = row["cited_year"].to_string();
        let gold = row["stance"].as_str().unwrap_or("neutral");
        let mut citations = common::find_citations(text);
        let mut targets: Vec<usize> = citations
            .iter()
            .enumerate()
            .filter(|(_, c)| c.year.as_deref().is_some_and(|y| y.starts_with(&year)))
            .map(|(i, _)| i)
            .collect();
        if targets.is_empty() {
            let mut from = 0;
            while let Some(found) = text[from..].find(&year) {
                let start = from + found;
                from = start + year.len();
                citations.push(numeric_citation(text, start, start + year.len()));
                targets.push(citations.len() - 1);
            }
        }
        if targets.is_empty() {
            without_target += 1;
        }
        pairs.push((gold, label(predict(&analyzer, text, &citations, &targets))));
    }
    (score(&pairs), without_target)
}

fn scicite(shared: &Path) -> Scores {
    let analyzer = Analyzer::default();
    let rows = read_rows(&shared.join("datasets/stance/scicite_test_stance.jsonl"));
    let mut pairs = Vec::new();
    for row in &rows {
        let Some(gold) = row["stance"].as_str() else {
            continue;
        };
        let text = row["text"].as_str().unwrap_or_default();
        // Offsets are in characters; convert to bytes.
        let to_byte = |chars: u64| {
            text.char_indices()
                .nth(usize::try_from(chars).unwrap_or(usize::MAX))
                .map_or(text.len(), |(b, _)| b)
        };
        let start = to_byte(row["cite_start"].as_u64().unwrap_or(0));
        let end = to_byte(row["cite_end"].as_u64().unwrap_or(0));
        let mut citations = common::find_citations(text);
        citations.retain(|c| c.end <= start || c.start >= end);
        if start < end {
            citations.push(numeric_citation(text, start, end));
        }
        let targets = if start < end {
            vec![citations.len() - 1]
        } else {
            Vec::new()
        };
        pairs.push((gold, label(predict(&analyzer, text, &citations, &targets))));
    }
    score(&pairs)
}

#[test]
fn stance_toward_cited_works_on_public_datasets() {
    let Some(shared) = common::shared_dir("stance_toward_cited_works_on_public_datasets") else {
        return;
    };
    let (dev, dev_baseline) = kilicoglu(&shared, "dev");
    report("Kilicoglu 2019 dev (tuning split)", &dev);
    report(
        "Kilicoglu 2019 dev, authors' rules (ref_rule_pred)",
        &dev_baseline,
    );
    let (test, test_baseline) = kilicoglu(&shared, "test");
    report("Kilicoglu 2019 test", &test);
    report(
        "Kilicoglu 2019 test, authors' rules (ref_rule_pred)",
        &test_baseline,
    );
    let (athar, without_target) = athar(&shared);
    report("Athar 2011 (all rows, report only)", &athar);
    println!("Athar 2011: {without_target} rows without a findable target citation");
    let scicite = scicite(&shared);
    report(
        "SciCite test (report only; neutral = intent proxy)",
        &scicite,
    );

    // Floors a little under today's scores, so a regression fails.
    assert!(
        test.macro_f1 >= 0.58,
        "Kilicoglu test macro-F1 {:.3}",
        test.macro_f1
    );
    // FIXME: critique precision is under the 0.5 aim (the authors' own rules: 0.389).
    assert!(
        test.critique_precision >= 0.38,
        "Kilicoglu test critique precision {:.3}",
        test.critique_precision
    );
    // FIXME: Athar 2011 is below the 0.55 macro-F1 / 0.5 critique precision aim. The rules are
    // tuned on clinical text (Kilicoglu dev), where praise words ("effective", "successfully")
    // describe treatments and are neutral; in Athar's ACL sentences the same words praise the
    // cited method and are its positive class. Floors hold today's level.
    assert!(
        athar.macro_f1 >= 0.38,
        "Athar macro-F1 {:.3}",
        athar.macro_f1
    );
    assert!(
        athar.critique_precision >= 0.18,
        "Athar critique precision {:.3}",
        athar.critique_precision
    );
    assert!(
        scicite.macro_f1 >= 0.52,
        "SciCite macro-F1 {:.3}",
        scicite.macro_f1
    );
}
