//! Section detection and splitting on small documents written for these tests
//! (`tests/fixtures/references/`): PDF text with blank lines between lines and an appendix after
//! the list, a markdown document in German, a list without a heading at the end of a text, and
//! body text that must not be taken for references.

use std::path::Path;

use citegraph::reference::{extract_references, find_reference_sections, line_number};

fn fixture(name: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/references")
        .join(name);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// (first line, last line) of each section, 1-based.
fn section_lines(text: &str) -> Vec<(usize, usize)> {
    find_reference_sections(text)
        .into_iter()
        .map(|r| (line_number(text, r.start), line_number(text, r.end)))
        .collect()
}

/// First surname and year of each extracted entry, with the line it starts on.
fn entries(text: &str) -> Vec<(usize, String, Option<String>)> {
    extract_references(text)
        .into_iter()
        .map(|r| {
            let surname = r
                .entry
                .authors
                .first()
                .map(|n| n.surname.clone())
                .unwrap_or_default();
            (r.line, surname, r.entry.year)
        })
        .collect()
}

fn expected(rows: &[(usize, &str, &str)]) -> Vec<(usize, String, Option<String>)> {
    rows.iter()
        .map(|(line, surname, year)| (*line, (*surname).to_string(), Some((*year).to_string())))
        .collect()
}

#[test]
fn pdf_text_with_blank_lines_stops_at_the_appendix() {
    let text = fixture("pdf_blank_lines.txt");
    assert_eq!(section_lines(&text), [(9, 21)]);
    assert_eq!(
        entries(&text),
        expected(&[
            (9, "Abbott", "1988"),
            (13, "Barley", "1986"),
            (19, "Ćwiek", "2019"),
        ])
    );
    let barley = extract_references(&text);
    let barley = barley.get(1).map(|r| r.text.as_str()).unwrap_or_default();
    assert!(
        barley.ends_with("Administrative Science Quarterly, 31(1), 78–108."),
        "{barley}"
    );
}

#[test]
fn markdown_heading_in_german_stops_at_the_bold_appendix_heading() {
    let text = fixture("markdown_german.md");
    assert_eq!(section_lines(&text), [(7, 10)]);
    assert_eq!(
        entries(&text),
        expected(&[
            (7, "Fest", "1991"),
            (8, "Franck", "1980"),
            (9, "Müller", "2003"),
            (10, "APPELBAUM", "1994"),
        ])
    );
}

#[test]
fn a_list_closing_a_text_without_heading_is_found() {
    let text = fixture("headingless_tail.txt");
    assert_eq!(section_lines(&text), [(4, 8)]);
    assert_eq!(extract_references(&text).len(), 5);
}

#[test]
fn body_text_is_not_a_reference_list() {
    for name in ["body_literature_section.txt", "body_only.txt"] {
        let text = fixture(name);
        assert_eq!(section_lines(&text), [], "{name}");
    }
}

#[test]
fn hostile_documents_do_not_panic() {
    for text in [
        "",
        "References",
        "References\n",
        "References\n\n\n",
        "\n\n\nReferences\n- \n- (\n",
        "References\nSmith, J. (2001). ‘",
        "Bibliography\r\nSmith, J. (2001). Title.\r\nJones, K. (2002). Title.\r\n",
        "# References\n**References**\nReferences\n",
    ] {
        for range in find_reference_sections(text) {
            assert!(text.get(range).is_some());
        }
        let _ = extract_references(text);
    }
}

#[test]
fn a_long_reference_line_is_handled_in_linear_time() {
    let mut text = String::from("References\n\n");
    for _ in 0..20_000 {
        text.push_str("Smith, J. (2001). A title, with commas. Journal, 1(2), 3-4. ");
    }
    text.push('\n');
    // The time is printed, not asserted: a super-linear path shows as a test that never ends.
    let started = std::time::Instant::now();
    let found = extract_references(&text);
    assert_eq!(found.len(), 1);
    println!("1.2 MB reference line: {:?}", started.elapsed());
}

#[test]
fn random_text_from_tricky_characters_never_panics() {
    // A fixed linear congruential generator: the same inputs every run.
    let alphabet: Vec<char> =
        "aZé ü.,;:()[]{}*_\"'‘’“”«»―‖-–—/&\n\r\t0123456789 References\u{ad}\u{feff}"
            .chars()
            .collect();
    let mut state: u64 = 0x5eed;
    let mut next = move || {
        state = state
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        usize::try_from(state >> 33).unwrap_or(0)
    };
    for _ in 0..2_000 {
        let length = next() % 200;
        let mut text: String = (0..length)
            .map(|_| {
                alphabet
                    .get(next() % alphabet.len())
                    .copied()
                    .unwrap_or(' ')
            })
            .collect();
        if next() % 2 == 0 {
            text.insert_str(0, "References\n\nSmith, J. (2001). A. ");
        }
        for range in find_reference_sections(&text) {
            assert!(text.get(range).is_some());
        }
        for found in extract_references(&text) {
            assert!(text.get(found.entry.span.clone()).is_some(), "{text:?}");
        }
        let _ = citegraph::reference::parse_entry(&text);
        for format in [
            citegraph::reference::bib::BibFormat::BibTex,
            citegraph::reference::bib::BibFormat::Ris,
            citegraph::reference::bib::BibFormat::CslJson,
        ] {
            let _ = citegraph::reference::bib::parse_bibliography(format, &text);
        }
    }
}
