//! Reading external bibliographies (BibTeX, RIS, CSL-JSON) from small files written for these
//! tests in the shapes Zotero exports, and the line and column of a malformed file's error.

use std::path::Path;

use citegraph::reference::bib::{
    parse_bibliography, parse_bibtex, parse_csl_json, parse_ris, BibError, BibFormat,
};
use citegraph::reference::ReferenceEntry;

fn fixture(name: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/references")
        .join(name);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// Key, first surname, year and title of an entry.
type Summary<'a> = (Option<&'a str>, &'a str, Option<&'a str>, Option<&'a str>);

fn summary(entries: &[ReferenceEntry]) -> Vec<Summary<'_>> {
    entries
        .iter()
        .map(|e| {
            (
                e.key.as_deref(),
                e.authors.first().map_or("", |n| n.surname.as_str()),
                e.year.as_deref(),
                e.title.as_deref(),
            )
        })
        .collect()
}

fn expect_ok(result: Result<Vec<ReferenceEntry>, BibError>) -> Vec<ReferenceEntry> {
    result.unwrap_or_else(|error| panic!("{error}"))
}

fn expect_error(result: Result<Vec<ReferenceEntry>, BibError>) -> BibError {
    match result {
        Ok(entries) => panic!("expected an error, read {} entries", entries.len()),
        Err(error) => error,
    }
}

#[test]
fn bibtex_records() {
    let entries = expect_ok(parse_bibtex(&fixture("zotero.bib")));
    assert_eq!(
        summary(&entries),
        [
            (Some("amengual2010"), "Amengual", Some("2010"), Some("Complementary Labor Regulation: The Uncoordinated Combination of State and Private Regulators in the Dominican Republic")),
            (Some("damodaran2010"), "Damodaran", Some("2010"), Some("Upgrading or Flexible Casualisation?")),
            (Some("puppim2008"), "Puppim de Oliveira", Some("2008"), Some("Upgrading Clusters and Small Enterprises in Developing Countries")),
            (Some("eti2006"), "Ethical Trading Initiative", Some("2006"), Some("ETI Code of Labor Practice: Do Workers Really Benefit?")),
        ]
    );
    let amengual = entries.first().cloned().unwrap_or_default();
    assert_eq!(amengual.container.as_deref(), Some("World Development"));
    assert_eq!(amengual.volume.as_deref(), Some("38"));
    assert_eq!(amengual.issue.as_deref(), Some("3"));
    assert_eq!(amengual.pages.as_deref(), Some("405–414"));
    assert_eq!(
        amengual.doi.as_deref(),
        Some("10.1016/j.worlddev.2009.09.019")
    );
    let chapter = entries.get(1).cloned().unwrap_or_default();
    let editors: Vec<&str> = chapter.editors.iter().map(|n| n.surname.as_str()).collect();
    assert_eq!(editors, ["Posthuma", "Nathan"]);
    assert_eq!(
        chapter.container.as_deref(),
        Some("Labour in Global Production Networks in India")
    );
    let edited = entries.get(2).cloned().unwrap_or_default();
    assert!(
        edited.edited,
        "an edited book's editors stand as its authors"
    );
}

#[test]
fn bibtex_error_has_line_and_column() {
    let error = expect_error(parse_bibtex(&fixture("broken.bib")));
    assert_eq!(error.format, BibFormat::BibTex);
    // The unclosed brace of the second record runs to the end of the file.
    assert_eq!((error.line, error.column), (9, 1), "{error}");
    assert_eq!(
        error.to_string(),
        "bibtex line 9, column 1: unexpected end of file"
    );
}

#[test]
fn ris_records() {
    let entries = expect_ok(parse_ris(&fixture("zotero.ris")));
    assert_eq!(
        summary(&entries),
        [
            (
                None,
                "Amengual",
                Some("2010"),
                Some("Complementary labor regulation")
            ),
            (
                None,
                "Damodaran",
                Some("2010"),
                Some("Upgrading or Flexible Casualisation?")
            ),
            (
                None,
                "UNIDO",
                Some("2009"),
                Some("Industrial Development Report 2009")
            ),
        ]
    );
    let amengual = entries.first().cloned().unwrap_or_default();
    assert_eq!(amengual.container.as_deref(), Some("World Development"));
    assert_eq!(amengual.pages.as_deref(), Some("405–414"));
    assert_eq!(
        amengual.authors.first().and_then(|n| n.given.as_deref()),
        Some("Matthew")
    );
    let chapter = entries.get(1).cloned().unwrap_or_default();
    assert_eq!(chapter.editors.len(), 2);
    assert_eq!(
        chapter.publisher.as_deref(),
        Some("Oxford University Press")
    );
}

#[test]
fn ris_error_has_line_and_column() {
    let error = expect_error(parse_ris(&fixture("broken.ris")));
    assert_eq!((error.line, error.column), (12, 1), "{error}");
    assert!(error.message.contains("line 7"), "{error}");
    let error = expect_error(parse_ris("AU  - Smith, J.\nER  -\n"));
    assert_eq!((error.line, error.column), (1, 1), "{error}");
    let error = expect_error(parse_ris("TY  - JOUR\nTI  - Unclosed\n"));
    assert!(error.message.contains("no 'ER"), "{error}");
}

#[test]
fn csl_json_records() {
    let entries = expect_ok(parse_csl_json(&fixture("zotero.json")));
    assert_eq!(
        summary(&entries),
        [
            (
                Some("http://zotero.org/users/1/items/ABCD1234"),
                "Amengual",
                Some("2010"),
                Some("Complementary labor regulation")
            ),
            (
                Some("puppim2015"),
                "Puppim de Oliveira",
                Some("in press"),
                Some("Environmental management, CSR and governance in clusters of small firms")
            ),
            (
                Some("ilo2015"),
                "International Labour Office",
                Some("2015"),
                Some("Decent Work Agenda")
            ),
        ]
    );
    let amengual = entries.first().cloned().unwrap_or_default();
    assert_eq!(amengual.issue.as_deref(), Some("3"));
    let ilo = entries.get(2).cloned().unwrap_or_default();
    assert_eq!(
        ilo.url.as_deref(),
        Some("https://www.ilo.org/global/about-the-ilo/decent-work-agenda")
    );
}

#[test]
fn csl_json_error_has_line_and_column() {
    let error = expect_error(parse_csl_json(&fixture("broken.json")));
    assert_eq!(error.format, BibFormat::CslJson);
    assert_eq!(error.line, 3, "{error}");
    assert!(error.column > 1, "{error}");
}

#[test]
fn format_follows_the_extension() {
    for (name, format) in [
        ("a.bib", Some(BibFormat::BibTex)),
        ("a.RIS", Some(BibFormat::Ris)),
        ("a.json", Some(BibFormat::CslJson)),
        ("a.txt", None),
    ] {
        assert_eq!(BibFormat::from_extension(Path::new(name)), format, "{name}");
    }
    let entries = expect_ok(parse_bibliography(BibFormat::Ris, &fixture("zotero.ris")));
    assert_eq!(entries.len(), 3);
}

#[test]
fn hostile_bibliographies_do_not_panic() {
    for text in [
        "",
        "{",
        "@",
        "@article{",
        "TY  -",
        "ER",
        "[",
        "[{]",
        "\u{feff}TY  - JOUR\nER  -",
        "é",
    ] {
        for format in [BibFormat::BibTex, BibFormat::Ris, BibFormat::CslJson] {
            let _ = parse_bibliography(format, text);
        }
    }
}
