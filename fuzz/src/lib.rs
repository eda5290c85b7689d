//! Invariant checks shared by the fuzz targets. A target calls one library entry point on the
//! fuzzer's input and then the checks here: a violated invariant panics, which libFuzzer reports
//! as a crash and saves under `fuzz/artifacts/<target>/`.
//!
//! To fuzz a new parser (the reference-entry parser, the claim parser), add a file under
//! `fuzz_targets/`, a `[[bin]]` in `Cargo.toml`, a directory under
//! `tests/fixtures/fuzz/<target>/` and a line in `tests/fuzz_regressions.rs`; see `README.md`.

use std::ops::Range;
use std::sync::OnceLock;

use citegraph::citation::grammar::{Item, Work, Year};
use citegraph::citation::Citation;
use citegraph::claims::{Analysis, Analyzer};
use citegraph::reference::{Diagnostic, ExtractedReference, ReferenceEntry};

/// Inputs are UTF-8 text in every target but `extract`: arbitrary bytes are decoded lossily, so
/// the fuzzer's mutations of invalid sequences still reach the parser as U+FFFD.
#[must_use]
pub fn text(data: &[u8]) -> String {
    String::from_utf8_lossy(data).into_owned()
}

/// The default claims analyser, built once: reading its embedded lexicon and rules takes far
/// longer than analysing a short input.
pub fn analyzer() -> &'static Analyzer {
    static ANALYZER: OnceLock<Analyzer> = OnceLock::new();
    ANALYZER.get_or_init(Analyzer::default)
}

/// `part` is a slice of `whole` (the grammar returns slices of its input, and the scanner turns
/// them into offsets by pointer difference).
pub fn assert_slice_of(whole: &str, part: &str, what: &str) {
    let start = part.as_ptr() as usize;
    let base = whole.as_ptr() as usize;
    assert!(
        start >= base && start + part.len() <= base + whole.len(),
        "{what} {part:?} is not a slice of the input"
    );
}

/// The rest after a successful parse is a suffix of the input.
pub fn assert_rest(whole: &str, rest: &str) {
    assert_slice_of(whole, rest, "rest");
    assert_eq!(
        rest.as_ptr() as usize + rest.len(),
        whole.as_ptr() as usize + whole.len(),
        "rest is not a suffix of the input"
    );
}

/// A year value is four digits (1500–2099) with at most one suffix letter, or one of the
/// yearless words.
pub fn assert_year(whole: &str, year: &Year<'_>) {
    assert_slice_of(whole, year.text, "year text");
    let value = year.value.as_str();
    let dated = value.len() >= 4
        && value.as_bytes()[..4].iter().all(u8::is_ascii_digit)
        && value[..4]
            .parse::<u32>()
            .is_ok_and(|y| (1500..=2099).contains(&y))
        && value.len() <= 5
        && value[4..].bytes().all(|b| b.is_ascii_lowercase());
    let undated = matches!(
        value,
        "forthcoming" | "in press" | "n.d." | "n. d." | "nd" | "no date"
    ) || value.eq_ignore_ascii_case("forthcoming")
        || value.eq_ignore_ascii_case("in press");
    assert!(dated || undated, "odd year value {value:?}");
}

/// Every name, year and locator of a work is a slice of the input; a work has at least one
/// name and one year.
pub fn assert_work(whole: &str, work: &Work<'_>) {
    assert!(!work.authors.names.is_empty(), "a work without names");
    assert!(!work.years.is_empty(), "a work without years");
    for name in &work.authors.names {
        assert_slice_of(whole, name.full, "name");
        assert_slice_of(whole, name.surname, "surname");
        assert!(!name.surname.trim().is_empty(), "an empty surname");
        if let Some(initials) = name.initials {
            assert_slice_of(whole, initials, "initials");
        }
    }
    for year in &work.years {
        assert_year(whole, year);
    }
    if let Some(locator) = work.locator {
        assert_slice_of(whole, locator, "locator");
        assert!(!locator.is_empty(), "an empty locator");
    }
}

/// The items of a cluster.
pub fn assert_items(whole: &str, items: &[Item<'_>]) {
    for item in items {
        match item {
            Item::Work { prefix, work } => {
                assert_work(whole, work);
                if let Some(prefix) = prefix {
                    assert_slice_of(whole, prefix, "prefix");
                }
            }
            Item::MoreYears { years, locator } => {
                assert!(!years.is_empty(), "more years without a year");
                for year in years {
                    assert_year(whole, year);
                }
                if let Some(locator) = locator {
                    assert_slice_of(whole, locator, "locator");
                }
            }
            Item::Ibid { text, locator } => {
                assert_slice_of(whole, text, "ibid");
                if let Some(locator) = locator {
                    assert_slice_of(whole, locator, "locator");
                }
            }
        }
    }
}

/// Every citation points at a non-empty stretch of the original text that starts on its line,
/// and carries a year unless it is a yearless mention.
pub fn assert_citations(original: &str, citations: &[Citation]) {
    let mut previous_start = 0;
    for citation in citations {
        assert!(
            citation.start <= citation.end,
            "start after end: {citation:?}"
        );
        assert!(
            citation.end <= original.len(),
            "end past the text: {citation:?}"
        );
        assert!(
            original.is_char_boundary(citation.start) && original.is_char_boundary(citation.end),
            "offsets inside a character: {citation:?}"
        );
        assert!(
            citation.start >= previous_start,
            "citations out of text order"
        );
        previous_start = citation.start;
        let line = 1 + original.as_bytes()[..citation.start]
            .iter()
            .filter(|&&b| b == b'\n')
            .count();
        assert_eq!(citation.line, line, "wrong line: {citation:?}");
        assert!(!citation.authors.is_empty(), "a citation without authors");
        assert_eq!(citation.authors.len(), citation.initials.len());
        assert_eq!(
            citation.year.is_none(),
            citation.kind == citegraph::citation::CitationKind::Yearless,
            "year and kind disagree: {citation:?}"
        );
        assert!(
            !citation.raw.contains(['\n', '\r']),
            "raw keeps a line break"
        );
    }
}

/// The 1-based line of a byte offset of `text`.
#[must_use]
pub fn line_at(text: &str, offset: usize) -> usize {
    1 + text.as_bytes()[..offset]
        .iter()
        .filter(|&&b| b == b'\n')
        .count()
}

/// `range` is a byte range of `text`: ordered, inside it, both ends on character boundaries.
pub fn assert_range(text: &str, range: &Range<usize>, what: &str) {
    assert!(
        range.start <= range.end,
        "{what} {range:?} starts after its end"
    );
    assert!(
        range.end <= text.len(),
        "{what} {range:?} ends past the text ({} bytes)",
        text.len()
    );
    assert!(
        text.is_char_boundary(range.start) && text.is_char_boundary(range.end),
        "{what} {range:?} cuts a character"
    );
}

/// A parsed reference entry and its diagnostics point into `text`; diagnostics say something.
pub fn assert_entry(text: &str, entry: &ReferenceEntry, diagnostics: &[Diagnostic]) {
    assert_range(text, &entry.span, "entry span");
    for diagnostic in diagnostics {
        assert_range(text, &diagnostic.span, "diagnostic span");
        assert!(
            !diagnostic.message.is_empty(),
            "a diagnostic without a message"
        );
    }
}

/// Every reference found in a document points into it, starts on its line, and entries come in
/// text order.
pub fn assert_references(text: &str, references: &[ExtractedReference]) {
    let mut previous = 0;
    for reference in references {
        assert_entry(text, &reference.entry, &reference.diagnostics);
        let start = reference.entry.span.start;
        assert!(start >= previous, "references out of text order");
        previous = start;
        assert_eq!(
            reference.line,
            line_at(text, start),
            "wrong line: {reference:?}"
        );
    }
}

/// Every sentence, claim and citation stance of an analysis points into `text` on character
/// boundaries, and every line is the line of its start.
pub fn assert_analysis(text: &str, analysis: &Analysis, citations: usize) {
    for sentence in &analysis.sentences {
        assert_range(text, &(sentence.start..sentence.end), "sentence");
        assert_eq!(
            sentence.line,
            line_at(text, sentence.start),
            "sentence line"
        );
    }
    for claim in &analysis.claims {
        assert_range(text, &(claim.start..claim.end), "claim");
        assert_range(text, &(claim.cue_start..claim.cue_end), "claim cue");
        assert_eq!(
            claim.line,
            line_at(text, claim.start),
            "claim line: {claim:?}"
        );
        assert!(
            (0.0..=1.0).contains(&claim.confidence),
            "confidence {}",
            claim.confidence
        );
    }
    assert_eq!(
        analysis.citations.len(),
        citations,
        "one stance per citation"
    );
    for (index, stance) in analysis.citations.iter().enumerate() {
        assert_eq!(stance.citation, index, "stances in citation order");
        assert_range(
            text,
            &(stance.sentence_start..stance.sentence_end),
            "stance sentence",
        );
        assert!((0.0..=1.0).contains(&stance.confidence));
    }
}

/// A document whose reference list is `entries`: a paragraph citing a work, then a heading.
#[must_use]
pub fn reference_document(entries: &str) -> String {
    format!("Introduction\n\nCodes fail (Locke 2013).\n\nReferences\n\n{entries}\n")
}
