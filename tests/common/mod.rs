//! Helpers the reference-parser score tests share: locating `../shared`, reading JSON lines and
//! the comparisons the scores are defined by.

#![allow(dead_code, clippy::print_stdout)]

use std::path::{Path, PathBuf};

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

/// Every line of a JSON-lines file, parsed.
pub fn read_jsonl(path: &Path) -> Vec<serde_json::Value> {
    let text = std::fs::read_to_string(path).unwrap_or_default();
    text.lines()
        .filter(|l| !l.trim().is_empty())
        .filter_map(|l| serde_json::from_str(l).ok())
        .collect()
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
