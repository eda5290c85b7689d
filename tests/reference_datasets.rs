//! Scores `parse_entry` on labelled reference strings made by others
//! (`../shared/datasets/references/`): first surname, year, title, and first surname + year.
//!
//! How each set is compared (strings NFC-normalised first):
//! - SSOAR (EXCITE gold, social science, English and German): the gold first surname is the
//!   first `authors[].surname`, or the first editor's when the entry has no authors (our parser
//!   puts the leading names of an edited volume in `authors`, flagged `edited`); surnames are
//!   compared after trimming surrounding punctuation, case kept.
//! - AnyStyle gold and CORA label the whole author block, not surnames: our first surname counts
//!   as right when it appears, as whole words, in the block's first name (the text before the
//!   block's first ',', ';', '&' or " and "), and is not bare initials. This accepts "Bergk" in
//!   "Bergk, V." and "Hecht" in "J. T. Hecht"; it is lenient only for a natural-order given name.
//!   A block that is only a dash ("———.") stands for the previous entry's authors and counts as
//!   right when our entry reports `repeats_previous_authors`.
//! - CSL bibliography: `family_names[0]` (compared case-blind: it is data, and styles such as
//!   ABNT print it in capitals), `year`, `title`.
//! - Years: the first four-digit year of the gold field against the four digits of ours (the
//!   gold drops "a"/"b" suffixes). Titles: `common::normalise_title` on both sides.
//!
//! Each score is over the entries whose gold has that field. Floors sit a little below the
//! measured scores, so a regression fails the test.

#![allow(clippy::print_stdout)]

mod common;

use citegraph::reference::parse_entry;
use common::{
    four_digit_year, nfc, normalise_surname, normalise_title, ratio, read_jsonl, shared_path,
};

/// Gold fields of one labelled reference.
struct Gold {
    text: String,
    surname: Option<GoldSurname>,
    year: Option<String>,
    title: Option<String>,
}

enum GoldSurname {
    /// The surname itself, as printed.
    Exact(String),
    /// The surname as data; a style may print it in capitals ("COLE" for "Cole").
    AnyCase(String),
    /// The text of the first name in an author block.
    FirstNameOf(String),
}

#[derive(Default)]
struct Score {
    surname: (usize, usize),
    year: (usize, usize),
    title: (usize, usize),
    surname_and_year: (usize, usize),
}

fn bump(counter: &mut (usize, usize), hit: bool) {
    counter.1 += 1;
    if hit {
        counter.0 += 1;
    }
}

fn surname_matches(gold: &GoldSurname, ours: &str, repeats_previous: bool) -> bool {
    match gold {
        GoldSurname::Exact(surname) => normalise_surname(surname) == normalise_surname(ours),
        GoldSurname::AnyCase(surname) => {
            normalise_surname(surname).to_lowercase() == normalise_surname(ours).to_lowercase()
        }
        GoldSurname::FirstNameOf(block) => {
            let ours = normalise_surname(ours);
            let first_name = block
                .split([',', ';', '&'])
                .next()
                .unwrap_or("")
                .split(" and ")
                .next()
                .unwrap_or("");
            // "———." in the gold block: the author of the previous entry, which our entry
            // reports as `repeats_previous_authors`.
            let dash_only = |w: &str| w.chars().all(|c| "—–-_·.".contains(c));
            if !first_name.trim().is_empty() && first_name.split_whitespace().all(dash_only) {
                return repeats_previous;
            }
            let trim = |w: &str| -> String {
                w.trim_matches(|c: char| !c.is_alphanumeric() && c != '-' && c != '\'')
                    .to_string()
            };
            let words: Vec<String> = first_name.split_whitespace().map(trim).collect();
            let our_words: Vec<String> = ours.split_whitespace().map(trim).collect();
            let initials_only = ours.chars().filter(|c| c.is_alphabetic()).count() <= 1;
            !our_words.is_empty()
                && !initials_only
                && words
                    .windows(our_words.len())
                    .any(|w| w == our_words.as_slice())
        }
    }
}

fn score(set: &str, golds: &[Gold], examples: usize) -> Score {
    let mut score = Score::default();
    let mut shown = 0;
    let mut title_examples = if examples > 0 { title_examples() } else { 0 };
    for gold in golds {
        let (entry, _) = parse_entry(&gold.text);
        let our_surname = entry
            .authors
            .first()
            .map(|n| n.surname.clone())
            .unwrap_or_default();
        let our_year = entry.year.as_deref().and_then(four_digit_year);
        let mut surname_hit = None;
        if let Some(surname) = &gold.surname {
            let hit = surname_matches(surname, &our_surname, entry.repeats_previous_authors);
            bump(&mut score.surname, hit);
            surname_hit = Some(hit);
        }
        let mut year_hit = None;
        if let Some(year) = &gold.year {
            let hit = our_year.as_ref() == Some(year);
            bump(&mut score.year, hit);
            year_hit = Some(hit);
        }
        if let (Some(s), Some(y)) = (surname_hit, year_hit) {
            bump(&mut score.surname_and_year, s && y);
            if !(s && y) && shown < examples {
                shown += 1;
                println!(
                    "  {set} miss: {}\n    ours: {our_surname:?} {:?}",
                    gold.text, entry.year
                );
            }
        }
        if let Some(title) = &gold.title {
            let ours = normalise_title(entry.title.as_deref().unwrap_or(""));
            let hit = ours == *title;
            bump(&mut score.title, hit);
            if !hit && title_examples > 0 {
                title_examples -= 1;
                println!(
                    "  {set} title: {}
    gold: {title}
    ours: {ours}",
                    gold.text
                );
            }
        }
    }
    println!(
        "{set}: n={} first surname {:.3} ({}/{}), year {:.3} ({}/{}), title {:.3} ({}/{}), first surname + year {:.3} ({}/{})",
        golds.len(),
        ratio(score.surname.0, score.surname.1),
        score.surname.0,
        score.surname.1,
        ratio(score.year.0, score.year.1),
        score.year.0,
        score.year.1,
        ratio(score.title.0, score.title.1),
        score.title.0,
        score.title.1,
        ratio(score.surname_and_year.0, score.surname_and_year.1),
        score.surname_and_year.0,
        score.surname_and_year.1,
    );
    score
}

fn first_string(value: &serde_json::Value) -> Option<String> {
    match value {
        serde_json::Value::String(s) => Some(s.clone()),
        serde_json::Value::Array(items) => items.first().and_then(first_string),
        _ => None,
    }
}

fn non_empty(text: Option<String>) -> Option<String> {
    text.filter(|t| !t.trim().is_empty())
}

fn ssoar(rows: &[serde_json::Value], language: Option<&str>) -> Vec<Gold> {
    rows.iter()
        .filter(|row| language.is_none_or(|l| row["lang"].as_str() == Some(l)))
        .map(|row| {
            let surname = row["authors"][0]["surname"]
                .as_str()
                .or_else(|| row["editors"][0]["surname"].as_str())
                .map(|s| GoldSurname::Exact(nfc(s)));
            Gold {
                text: nfc(row["text"].as_str().unwrap_or("")),
                surname,
                year: first_string(&row["year"]).and_then(|y| four_digit_year(&y)),
                title: non_empty(first_string(&row["title"]).map(|t| normalise_title(&t))),
            }
        })
        .collect()
}

fn block_labelled(rows: &[serde_json::Value]) -> Vec<Gold> {
    rows.iter()
        .map(|row| {
            let fields = &row["fields"];
            Gold {
                text: nfc(row["text"].as_str().unwrap_or("")),
                surname: non_empty(first_string(&fields["author"]))
                    .map(|block| GoldSurname::FirstNameOf(nfc(&block))),
                year: first_string(&fields["date"]).and_then(|d| four_digit_year(&d)),
                title: non_empty(first_string(&fields["title"]).map(|t| normalise_title(&t))),
            }
        })
        .collect()
}

fn csl(rows: &[serde_json::Value]) -> Vec<Gold> {
    rows.iter()
        .map(|row| Gold {
            text: nfc(row["text"].as_str().unwrap_or("")),
            surname: first_string(&row["family_names"]).map(|s| GoldSurname::AnyCase(nfc(&s))),
            year: row["year"].as_str().and_then(four_digit_year),
            title: non_empty(row["title"].as_str().map(normalise_title)),
        })
        .collect()
}

/// How many surname/year misses to print per set, from `REFERENCE_EXAMPLES` (default none).
fn examples() -> usize {
    std::env::var("REFERENCE_EXAMPLES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(0)
}

/// How many title misses to print (with `REFERENCE_EXAMPLES` set), from
/// `REFERENCE_TITLE_EXAMPLES`.
fn title_examples() -> usize {
    std::env::var("REFERENCE_TITLE_EXAMPLES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(0)
}

fn assert_floor(name: &str, measured: (usize, usize), floor: f64) {
    let value = ratio(measured.0, measured.1);
    assert!(
        value >= floor,
        "{name}: {value:.3} fell below its floor {floor:.3}"
    );
}

#[test]
fn ssoar_dev_scores() {
    let Some(path) = shared_path("datasets/references/ssoar_references_dev.jsonl") else {
        return;
    };
    let rows = read_jsonl(&path);
    let all = score("ssoar", &ssoar(&rows, None), examples());
    score("ssoar en", &ssoar(&rows, Some("en")), 0);
    score("ssoar de", &ssoar(&rows, Some("de")), 0);
    assert!(
        rows.len() > 4000,
        "the SSOAR file changed: {} rows",
        rows.len()
    );
    // The target is 0.90; the floor sits a little below today's score.
    assert_floor("ssoar first surname + year", all.surname_and_year, 0.97);
    assert_floor("ssoar first surname", all.surname, 0.97);
    assert_floor("ssoar year", all.year, 0.98);
    assert_floor("ssoar title", all.title, 0.78);
}

#[test]
fn anystyle_gold_scores() {
    let Some(path) = shared_path("datasets/references/anystyle_gold_references.jsonl") else {
        return;
    };
    let all = score("anystyle", &block_labelled(&read_jsonl(&path)), examples());
    assert_floor("anystyle first surname", all.surname, 0.98);
    assert_floor("anystyle year", all.year, 0.98);
    assert_floor("anystyle title", all.title, 0.84);
}

#[test]
fn cora_scores() {
    let Some(path) = shared_path("datasets/references/cora_references.jsonl") else {
        return;
    };
    let all = score("cora", &block_labelled(&read_jsonl(&path)), examples());
    assert_floor("cora first surname", all.surname, 0.98);
    assert_floor("cora year", all.year, 0.98);
    assert_floor("cora title", all.title, 0.85);
}

#[test]
fn csl_bibliography_scores() {
    let Some(path) = shared_path("datasets/references/csl_bibliography.jsonl") else {
        return;
    };
    let all = score("csl", &csl(&read_jsonl(&path)), examples());
    assert_floor("csl first surname", all.surname, 0.52);
    assert_floor("csl year", all.year, 0.94);
    assert_floor("csl title", all.title, 0.46);
}

#[test]
fn every_prefix_of_labelled_entries_parses_with_spans_inside_the_text() {
    let Some(path) = shared_path("datasets/references/ssoar_references_dev.jsonl") else {
        return;
    };
    let rows = read_jsonl(&path);
    // Every 15th entry, cut at every character boundary: no panic, spans inside the input.
    for row in rows.iter().step_by(15) {
        let text = nfc(row["text"].as_str().unwrap_or(""));
        for (cut, _) in text.char_indices() {
            let prefix = text.get(..cut).unwrap_or("");
            let (entry, diagnostics) = parse_entry(prefix);
            assert!(
                prefix.get(entry.span.clone()).is_some(),
                "{prefix:?} {:?}",
                entry.span
            );
            for diagnostic in diagnostics {
                assert!(
                    prefix.get(diagnostic.span.clone()).is_some(),
                    "{prefix:?} {diagnostic:?}"
                );
            }
        }
    }
}

/// Lines of at most `width` characters, broken at spaces.
fn wrap(text: &str, width: usize) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    let mut current = String::new();
    for word in text.split_whitespace() {
        if !current.is_empty() && current.chars().count() + 1 + word.chars().count() > width {
            lines.push(std::mem::take(&mut current));
        }
        if !current.is_empty() {
            current.push(' ');
        }
        current.push_str(word);
    }
    if !current.is_empty() {
        lines.push(current);
    }
    lines
}

/// Each SSOAR paper's reference list (its entries in file order, footnote-only papers left
/// out) is laid out as a document in three ways: one entry per line, entries wrapped at 70
/// characters with a blank line between entries, and PDF text (wrapped, a blank line between
/// every line). Section detection, splitting and joining must give back the entries' texts.
#[test]
fn ssoar_lists_are_found_and_split_in_three_layouts() {
    let Some(path) = shared_path("datasets/references/ssoar_references_dev.jsonl") else {
        return;
    };
    let rows = read_jsonl(&path);
    let mut papers: Vec<(String, Vec<String>)> = Vec::new();
    for row in rows
        .iter()
        .filter(|r| r["ref_position"].as_str() == Some("end"))
    {
        let id = row["ssoar_id"].as_str().unwrap_or("").to_string();
        let text = nfc(row["text"].as_str().unwrap_or(""))
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        match papers.last_mut() {
            Some((last, entries)) if *last == id => entries.push(text),
            _ => papers.push((id, vec![text])),
        }
    }
    let body = "The debate on labour standards is old (Locke, 2013).\nWe return to it here.\n\nReferences\n\n";
    for layout in [
        "one per line",
        "wrapped, blank between entries",
        "pdf, blank between lines",
    ] {
        let (mut entries_total, mut entries_exact, mut papers_counted) = (0, 0, 0);
        for (_, entries) in &papers {
            let mut document = String::from(body);
            for entry in entries {
                match layout {
                    "one per line" => {
                        document.push_str(entry);
                        document.push('\n');
                    }
                    "wrapped, blank between entries" => {
                        document.push_str(&wrap(entry, 70).join("\n"));
                        document.push_str("\n\n");
                    }
                    _ => {
                        document.push_str(&wrap(entry, 70).join("\n\n"));
                        document.push_str("\n\n");
                    }
                }
            }
            let found = citegraph::reference::extract_references(&document);
            let texts: Vec<&str> = found.iter().map(|f| f.text.as_str()).collect();
            entries_total += entries.len();
            entries_exact += entries
                .iter()
                .filter(|e| texts.contains(&e.as_str()))
                .count();
            if found.len() == entries.len() {
                papers_counted += 1;
            }
        }
        let exact = ratio(entries_exact, entries_total);
        let counted = ratio(papers_counted, papers.len());
        println!(
            "ssoar lists, {layout}: {} papers, entry count right for {counted:.3}, entries recovered exactly {exact:.3} ({entries_exact}/{entries_total})",
            papers.len()
        );
        // A little below the measured 0.916 and 0.843.
        let floor = if layout == "one per line" { 0.89 } else { 0.82 };
        assert!(exact >= floor, "{layout}: {exact:.3} < {floor:.3}");
    }
}
