//! Scores section detection, splitting and entry parsing on the hand-annotated reference list of
//! 003 (`../shared/gold/003.references.jsonl`, 104 entries), run on the real document.
//!
//! Matching: a found entry matches the gold entry that starts on the same line. First author +
//! year F1 counts a found entry as right when its line, first surname and year equal the gold's;
//! the gold writes corporate authors with their abbreviation ("Ethical Trading Initiative
//! (ETI)"), which must equal our surname plus our `abbreviation`. Titles are compared with
//! `common::normalise_title` (whitespace collapsed, surrounding quotes, asterisks and
//! punctuation trimmed, case kept); title accuracy is over all gold entries.

#![allow(clippy::print_stdout)]

mod common;

use std::collections::BTreeMap;

use citegraph::reference::{extract_references, find_reference_sections, line_number};
use common::{nfc, normalise_surname, normalise_title, ratio, read_jsonl, shared_path};

const DOCUMENT: &str = "corpus/003_36e4fa2291180487.txt";

fn gold_first_author(gold: &serde_json::Value) -> (String, Option<String>) {
    let first = gold["authors"][0].as_str().unwrap_or("");
    match first.rsplit_once(" (") {
        Some((name, abbreviation)) if abbreviation.ends_with(')') => (
            normalise_surname(name),
            Some(abbreviation.trim_end_matches(')').to_string()),
        ),
        _ => (normalise_surname(first), None),
    }
}

#[test]
fn reference_section_of_003_spans_its_entries_only() {
    let Some(path) = shared_path(DOCUMENT) else {
        return;
    };
    let text = nfc(&std::fs::read_to_string(path).unwrap_or_default());
    let sections = find_reference_sections(&text);
    let lines: Vec<(usize, usize)> = sections
        .iter()
        .map(|r| (line_number(&text, r.start), line_number(&text, r.end)))
        .collect();
    println!("003 reference sections (first line, last line): {lines:?}");
    assert_eq!(lines, [(278, 439)]);
}

#[test]
fn references_of_003_match_the_gold() {
    let (Some(document), Some(gold_path)) = (
        shared_path(DOCUMENT),
        shared_path("gold/003.references.jsonl"),
    ) else {
        return;
    };
    let text = nfc(&std::fs::read_to_string(document).unwrap_or_default());
    let gold = read_jsonl(&gold_path);
    let found = extract_references(&text);
    let by_line: BTreeMap<usize, _> = found.iter().map(|f| (f.line, f)).collect();

    let mut author_year_hits = 0;
    let mut title_hits = 0;
    let mut container_hits = 0;
    for entry in &gold {
        let line = entry["line"].as_u64().unwrap_or(0);
        let line = usize::try_from(line).unwrap_or(0);
        let gold_year = entry["year"].as_str().map(str::to_string);
        let gold_title = normalise_title(entry["title"].as_str().unwrap_or(""));
        let (gold_surname, gold_abbreviation) = gold_first_author(entry);
        let Some(ours) = by_line.get(&line) else {
            println!("MISSING line {line}: {gold_surname} {gold_year:?}");
            continue;
        };
        let our_surname = ours
            .entry
            .authors
            .first()
            .map(|n| normalise_surname(&n.surname))
            .unwrap_or_default();
        let author_ok = our_surname == gold_surname
            && (gold_abbreviation.is_none() || gold_abbreviation == ours.entry.abbreviation);
        if author_ok && ours.entry.year == gold_year {
            author_year_hits += 1;
        } else {
            println!(
                "AUTHOR/YEAR line {line}: gold {gold_surname} {gold_abbreviation:?} {gold_year:?}, ours {our_surname} {:?} {:?}",
                ours.entry.abbreviation, ours.entry.year
            );
        }
        // Containers are printed, not asserted: the gold puts a book's publisher or a report's
        // institution there, we keep publishers apart.
        let gold_container = entry["container"].as_str().map(normalise_title);
        let our_container = ours
            .entry
            .container
            .as_deref()
            .or(ours.entry.publisher.as_deref())
            .map(normalise_title);
        if gold_container == our_container {
            container_hits += 1;
        }
        let our_title = normalise_title(ours.entry.title.as_deref().unwrap_or(""));
        if our_title == gold_title {
            title_hits += 1;
        } else {
            println!("TITLE line {line}:\n  gold {gold_title}\n  ours {our_title}");
        }
    }
    let precision = ratio(author_year_hits, found.len());
    let recall = ratio(author_year_hits, gold.len());
    let f1 = if precision + recall > 0.0 {
        2.0 * precision * recall / (precision + recall)
    } else {
        0.0
    };
    let title_accuracy = ratio(title_hits, gold.len());
    println!(
        "003: {} gold entries, {} found; first author + year P {precision:.3} R {recall:.3} F1 {f1:.3}; title exact {title_hits}/{} = {title_accuracy:.3}",
        gold.len(),
        found.len(),
        gold.len()
    );
    println!(
        "003: container (ours, or our publisher) equal to the gold's for {container_hits}/{}",
        gold.len()
    );
    assert_eq!(gold.len(), 104, "the gold file changed");
    assert!(f1 >= 0.99, "first author + year F1 {f1:.3} < 0.99");
    assert!(
        title_accuracy >= 0.95,
        "title accuracy {title_accuracy:.3} < 0.95"
    );
}

#[test]
fn documents_without_a_reference_list_have_no_section() {
    // 000 and 001 end in body text and endnotes, 002 and 004 are blog-like texts.
    for name in [
        "corpus/000_1cf8a18edd3c7ac0.txt",
        "corpus/001_1744c494d94a788d.txt",
        "corpus/002_3ac60e7eb1a25b6f.txt",
        "corpus/004_48c426f6b5467f6d.txt",
    ] {
        let Some(path) = shared_path(name) else {
            return;
        };
        let text = nfc(&std::fs::read_to_string(path).unwrap_or_default());
        let sections = find_reference_sections(&text);
        println!("{name}: {} sections", sections.len());
        assert!(sections.is_empty(), "{name}: {sections:?}");
    }
}
