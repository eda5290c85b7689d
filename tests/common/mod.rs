//! Helpers shared by the integration tests: where `../shared` is, and skipping loudly without it.
#![allow(dead_code, clippy::print_stdout)]

use std::path::PathBuf;

/// The shared test material beside the project (`../shared`), if it is there.
pub fn shared() -> Option<PathBuf> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared");
    if path.join("corpus").is_dir() {
        Some(path)
    } else {
        println!(
            "SKIPPED: {} is absent (the gold annotations and corpus live there); nothing scored",
            path.display()
        );
        None
    }
}

/// Reads a JSON Lines file into values.
pub fn read_jsonl(path: &std::path::Path) -> Vec<serde_json::Value> {
    let text = std::fs::read_to_string(path)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    text.lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{}: {e}", path.display())))
        .collect()
}

/// Precision, recall and F1 of two multisets given as sorted vectors.
pub fn multiset_scores<T: Ord + Clone>(
    mut found: Vec<T>,
    mut gold: Vec<T>,
) -> (f64, f64, f64, Vec<T>, Vec<T>) {
    found.sort();
    gold.sort();
    let (mut i, mut j) = (0, 0);
    let mut matched = 0usize;
    let mut extra = Vec::new();
    let mut missed = Vec::new();
    while i < found.len() && j < gold.len() {
        match found[i].cmp(&gold[j]) {
            std::cmp::Ordering::Equal => {
                matched += 1;
                i += 1;
                j += 1;
            }
            std::cmp::Ordering::Less => {
                extra.push(found[i].clone());
                i += 1;
            }
            std::cmp::Ordering::Greater => {
                missed.push(gold[j].clone());
                j += 1;
            }
        }
    }
    extra.extend(found[i..].iter().cloned());
    missed.extend(gold[j..].iter().cloned());
    let precision = if found.is_empty() {
        1.0
    } else {
        matched as f64 / found.len() as f64
    };
    let recall = if gold.is_empty() {
        1.0
    } else {
        matched as f64 / gold.len() as f64
    };
    let f1 = if precision + recall == 0.0 {
        0.0
    } else {
        2.0 * precision * recall / (precision + recall)
    };
    (precision, recall, f1, extra, missed)
}

/// `../shared`, or `None` (after printing why) when it is absent.
pub fn shared_dir(test: &str) -> Option<PathBuf> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared");
    if dir.is_dir() {
        Some(dir)
    } else {
        println!("SKIPPED {test}: ../shared is absent (it holds the corpus, gold and datasets)");
        None
    }
}

/// The citations of a short text (a sentence of a stance dataset), offsets into `text`.
pub fn find_citations(text: &str) -> Vec<citegraph::citation::Citation> {
    let document = citegraph::ingest::Document::from_text("sentence", text.to_string());
    citegraph::citation::extract(&document)
}

/// 1-based line of a byte offset.
pub fn line_of(text: &str, offset: usize) -> usize {
    text[..offset.min(text.len())].matches('\n').count() + 1
}

// ---- reference-parser score helpers ----
use std::path::Path;

use unicode_normalization::UnicodeNormalization;

/// `../shared/<relative>` if it exists; otherwise prints why the test is skipped.
pub fn shared_path(relative: &str) -> Option<PathBuf> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../shared")
        .join(relative);
    if path.exists() {
        Some(path)
    } else {
        println!(
            "SKIPPED: {} is absent (the shared material sits beside the project)",
            path.display()
        );
        None
    }
}

/// NFC form, as the parser receives text.
pub fn nfc(text: &str) -> String {
    text.nfc().collect()
}

/// The title comparison: NFC, whitespace runs collapsed, then surrounding quotes, asterisks,
/// brackets, punctuation and whitespace trimmed on both ends. Case and inner punctuation count.
pub fn normalise_title(title: &str) -> String {
    let collapsed = nfc(title).split_whitespace().collect::<Vec<_>>().join(" ");
    collapsed
        .trim_matches(|c: char| c.is_whitespace() || "*_\"“”„'‘’«»‹›`―‖.,;:?!()[]–-".contains(c))
        .to_string()
}

/// The surname comparison: NFC, surrounding punctuation and whitespace trimmed; case counts.
pub fn normalise_surname(surname: &str) -> String {
    nfc(surname)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .trim_matches(|c: char| c.is_whitespace() || ",.;:()[]\"".contains(c))
        .to_string()
}

/// The first four-digit year in a string ("(2001" → "2001", "2010a" → "2010").
pub fn four_digit_year(text: &str) -> Option<String> {
    let chars: Vec<char> = text.chars().collect();
    chars.windows(4).enumerate().find_map(|(at, w)| {
        let before_ok = at == 0 || !chars.get(at - 1).is_some_and(char::is_ascii_digit);
        let after_ok = !chars.get(at + 4).is_some_and(char::is_ascii_digit);
        (w.iter().all(char::is_ascii_digit) && before_ok && after_ok).then(|| w.iter().collect())
    })
}

/// A ratio, 0 when nothing was counted.
pub fn ratio(hits: usize, total: usize) -> f64 {
    if total == 0 {
        0.0
    } else {
        #[allow(clippy::cast_precision_loss)]
        let value = hits as f64 / total as f64;
        value
    }
}
