//! Corpus texts 000 (Lund-Thomsen & Lindgreen 2014) and 001 (global labor governance and direct
//! production) print no reference list. `tests/fixtures/bib/corpus.bib` (BibTeX, as Zotero
//! exports it) and `tests/fixtures/bib/corpus.json` (CSL-JSON) describe every work they cite
//! with a year, and this test checks that each file, given as `--bib`, resolves their dated
//! citations: every one links to an entry except the documented exceptions below, the near
//! misses are exactly the articles' own misprints, and the two files link every citation to
//! the same work.
//!
//! Near misses expected with either file (nine citations):
//! - 000:175 "Bair and Palpaceur, 2012" — the co-author is Palpacuer.
//! - 000:249 "Raj-Reickert (2013)" — the author is Raj-Reichert.
//! - 000:324 "Clean Clothes Campaign/SOMO, 2013" — not a misprint: the linker compares the
//!   slash-joined name with "Clean Clothes Campaign and SOMO" as a one-letter spelling change.
//! - 000:375 "Nielson and Pritchard, 2009", 000:375 "…, 2010" and 000:394 "Nielson and
//!   Pritchard, 2010" — the authors are Neilson and Pritchard (000:406 spells it right).
//! - 000:851 "Prieto-Carron et al., 2006" — the author is Prieto-Carrón (accent dropped).
//! - 000:894 "Ruwanpura and Roncolata, 2006" — the co-author is Roncolato.
//! - 001:1316 "Fligstein (2001, 2012)" — the 2012 work is Fligstein and McAdam's "A Theory of
//!   Fields"; the article names Fligstein alone.
//!
//! The citation that rightly stays unlinked (the article's error):
//! - 000:602 "Auret and Barrientos, 2005" — the working paper is of 2004 (so the article's own
//!   reference list); the linker suggests it and reports the year.
//!
//! Corporate authors are given with their abbreviation in brackets ("Ethical Trading Initiative
//! (ETI)"), which the readers keep apart so that "ETI 2006" links; an edited book in CSL-JSON
//! has editors and no authors, and is cited by its editors. [`KNOWN_GAPS`] lists citations a
//! reader cannot link yet (none today): the test fails if any other citation stays unlinked and
//! says when a listed one starts to link.

mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use citegraph::citation::CitationKind;
use citegraph::claims::Analyzer;
use citegraph::ingest::Document;
use citegraph::link::{Discrepancy, Resolution};
use citegraph::pipeline::{analyse, BibEntry, Config, Corpus};
use citegraph::reference::bib::{parse_bibliography, BibFormat};

const DOCUMENTS: [&str; 2] = ["000_1cf8a18edd3c7ac0.txt", "001_1744c494d94a788d.txt"];
const BIBLIOGRAPHIES: [&str; 2] = ["corpus.bib", "corpus.json"];
/// Distinct works cited with a year in 000 and 001.
const WORKS: usize = 118;

/// A citation: document number (0 or 1), line, and its text as printed.
type Site = (usize, usize, &'static str);

/// The expected near misses: citation, and the cited and listed name that differ (or the author
/// counts, for Fligstein).
const NEAR: [(Site, &str, &str); 9] = [
    (
        (0, 175, "Bair and Palpaceur, 2012"),
        "Palpaceur",
        "Palpacuer",
    ),
    (
        (0, 249, "Raj-Reickert (2013)"),
        "Raj-Reickert",
        "Raj-Reichert",
    ),
    (
        (0, 324, "Clean Clothes Campaign/SOMO, 2013"),
        "Clean Clothes Campaign/SOMO",
        "Clean Clothes Campaign and SOMO",
    ),
    (
        (0, 375, "Nielson and Pritchard, 2009"),
        "Nielson",
        "Neilson",
    ),
    (
        (0, 375, "Nielson and Pritchard, 2009, 2010"),
        "Nielson",
        "Neilson",
    ),
    (
        (0, 394, "Nielson and Pritchard, 2010"),
        "Nielson",
        "Neilson",
    ),
    (
        (0, 851, "Prieto-Carron et al., 2006"),
        "Prieto-Carron",
        "Prieto-Carrón",
    ),
    (
        (0, 894, "Ruwanpura and Roncolata, 2006"),
        "Roncolata",
        "Roncolato",
    ),
    ((1, 1316, "Fligstein (2001, 2012)"), "1", "2"),
];

/// Citations that must stay unlinked, whatever the bibliography, with the entry suggested for
/// another year: the article's wrong year, and the extractor's partial reading.
const UNLINKED: [(Site, &str); 1] = [(
    (0, 602, "Auret and Barrientos, 2005"),
    "auret2004participatory",
)];

/// Citations the readers do not link yet (see the module comment): file ("" for both) and site.
const KNOWN_GAPS: [(&str, Site); 0] = [];

/// Entries no citation links to, because of the article's wrong year: file ("" for both) and
/// citation key. Every other entry is linked by some citation of 000 or 001.
const KNOWN_UNLINKED_ENTRIES: [(&str, &str); 1] = [("", "auret2004participatory")];

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/bib")
        .join(name)
}

/// The entries of a bibliography file, with ids as `--bib` gives them ("<file>#<key>").
fn bibliography(name: &str) -> Vec<BibEntry> {
    let path = fixture(name);
    let format = BibFormat::from_extension(&path).expect("a known extension");
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{name}: {e}"));
    let entries = parse_bibliography(format, &text).unwrap_or_else(|e| panic!("{name}: {e}"));
    entries
        .into_iter()
        .enumerate()
        .map(|(index, entry)| BibEntry {
            id: format!(
                "{name}#{}",
                entry.key.clone().unwrap_or_else(|| (index + 1).to_string())
            ),
            entry,
        })
        .collect()
}

fn corpus(shared: &Path, bibliography: Vec<BibEntry>) -> Corpus {
    let documents = DOCUMENTS
        .iter()
        .map(|name| {
            let text = std::fs::read_to_string(shared.join("corpus").join(name))
                .unwrap_or_else(|e| panic!("{name}: {e}"));
            Document::from_text(name, text)
        })
        .collect();
    let analyzer = Analyzer::default();
    analyse(
        documents,
        &[None, None],
        bibliography,
        Config {
            analyzer: &analyzer,
            claims: false,
        },
    )
}

/// Per citation (document, line, text): the key of the entry it links to or is suggested, and
/// the key of the work it names.
type Links = BTreeMap<(usize, usize, String), (Option<String>, Option<String>)>;

/// What one dated citation resolved to.
struct Outcome {
    document: usize,
    line: usize,
    raw: String,
    resolution: Resolution,
    /// The citation key of the linked entry (or of the suggested one, for another year).
    entry: Option<String>,
    /// The key of the corpus work the citation names.
    work: Option<String>,
}

impl Outcome {
    fn site(&self) -> (usize, usize, &str) {
        (self.document, self.line, self.raw.as_str())
    }

    fn show(&self) -> String {
        format!(
            "{}:{} \"{}\"",
            &DOCUMENTS[self.document][..3],
            self.line,
            self.raw
        )
    }
}

/// Every dated, non-ibid citation of the two texts and how it resolved.
fn outcomes(corpus: &Corpus) -> Vec<Outcome> {
    let mut all = Vec::new();
    for (document, analysis) in corpus.documents.iter().enumerate() {
        for (index, (citation, resolution)) in analysis
            .citations
            .iter()
            .zip(&analysis.resolutions)
            .enumerate()
        {
            if citation.kind == CitationKind::Yearless || citation.year.is_none() || citation.ibid {
                continue;
            }
            let entry_index = match resolution {
                Resolution::Exact { entry } | Resolution::Near { entry, .. } => Some(*entry),
                Resolution::Unmatched {
                    suggestion: Some((entry, _)),
                } => Some(*entry),
                _ => None,
            };
            let entry = entry_index
                .and_then(|i| corpus.entry(document, i))
                .and_then(|(_, e)| e.key.clone());
            all.push(Outcome {
                document,
                line: citation.line,
                raw: citation.raw.clone(),
                resolution: resolution.clone(),
                entry,
                work: corpus.work_of(document, index).map(|w| w.key.clone()),
            });
        }
    }
    all
}

fn in_gaps(file: &str, site: (usize, usize, &str)) -> bool {
    KNOWN_GAPS
        .iter()
        .any(|(gap_file, gap)| (gap_file.is_empty() || *gap_file == file) && *gap == site)
}

#[test]
fn both_files_describe_the_same_works() {
    let bib = bibliography("corpus.bib");
    let json = bibliography("corpus.json");
    let keys = |entries: &[BibEntry]| -> BTreeSet<String> {
        entries.iter().filter_map(|b| b.entry.key.clone()).collect()
    };
    assert_eq!(bib.len(), WORKS, "entries in corpus.bib");
    assert_eq!(json.len(), WORKS, "items in corpus.json");
    assert_eq!(keys(&bib), keys(&json));
    for (b, j) in bib.iter().zip(&json) {
        let names = |e: &citegraph::reference::ReferenceEntry| -> Vec<String> {
            e.authors.iter().map(|a| a.surname.clone()).collect()
        };
        assert_eq!(b.entry.key, j.entry.key);
        assert_eq!(b.entry.year, j.entry.year, "{:?}", b.entry.key);
        assert_eq!(b.entry.title, j.entry.title, "{:?}", b.entry.key);
        assert_eq!(b.entry.container, j.entry.container, "{:?}", b.entry.key);
        assert_eq!(b.entry.volume, j.entry.volume, "{:?}", b.entry.key);
        // A report's `number` is its series number, which the BibTeX reader takes for an issue.
        if b.entry.container.is_some() {
            assert_eq!(b.entry.issue, j.entry.issue, "{:?}", b.entry.key);
        }
        assert_eq!(b.entry.doi, j.entry.doi, "{:?}", b.entry.key);
        // The CSL reader keeps an edited book's editors as editors (a known gap, see above).
        if !b.entry.edited {
            assert_eq!(names(&b.entry), names(&j.entry), "{:?}", b.entry.key);
        }
    }
}

#[test]
fn each_bibliography_resolves_the_dated_citations_of_000_and_001() {
    let Some(shared) = common::shared() else {
        return;
    };
    let mut works_by_file: Vec<Links> = Vec::new();
    for file in BIBLIOGRAPHIES {
        let corpus = corpus(&shared, bibliography(file));
        let outcomes = outcomes(&corpus);

        // Every entry is a work the texts cite: each is linked by some citation.
        let linked_keys: BTreeSet<&str> = outcomes
            .iter()
            .filter(|o| o.resolution.entry().is_some())
            .filter_map(|o| o.entry.as_deref())
            .collect();
        let mut unlinked_entries = Vec::new();
        for key in corpus
            .bibliography
            .iter()
            .filter_map(|b| b.entry.key.as_deref())
        {
            let known = KNOWN_UNLINKED_ENTRIES
                .iter()
                .any(|(f, k)| (f.is_empty() || *f == file) && *k == key);
            match (linked_keys.contains(key), known) {
                (false, false) => unlinked_entries.push(key.to_string()),
                (true, true) => {
                    println!("  entry {key} is now linked: remove it from KNOWN_UNLINKED_ENTRIES")
                }
                _ => {}
            }
        }
        assert!(
            unlinked_entries.is_empty(),
            "{file}: entries no citation links to: {unlinked_entries:?}"
        );

        let linked = outcomes
            .iter()
            .filter(|o| o.resolution.entry().is_some())
            .count();
        #[allow(clippy::cast_precision_loss)]
        let rate = linked as f64 / outcomes.len() as f64;
        println!(
            "{file}: {linked}/{} dated citations linked ({:.1}%)",
            outcomes.len(),
            rate * 100.0
        );

        // Unlinked citations: each must be an expected one.
        let mut unexpected = Vec::new();
        for outcome in outcomes.iter().filter(|o| o.resolution.entry().is_none()) {
            let expected = UNLINKED.iter().find(|(site, _)| *site == outcome.site());
            let gap = in_gaps(file, outcome.site());
            let why = if expected.is_some() {
                "expected (article or extractor)"
            } else if gap {
                "known reader gap"
            } else {
                unexpected.push(outcome.show());
                "UNEXPECTED"
            };
            println!(
                "  unlinked {}: {why}: {:?}",
                outcome.show(),
                outcome.resolution
            );
        }
        for (gap_file, site) in KNOWN_GAPS {
            if !gap_file.is_empty() && gap_file != file {
                continue;
            }
            let still_open = outcomes
                .iter()
                .any(|o| o.site() == site && o.resolution.entry().is_none());
            if !still_open {
                println!("  known gap {site:?} now links: remove it from KNOWN_GAPS");
            }
        }
        assert!(
            unexpected.is_empty(),
            "{file}: citations that link to no entry: {unexpected:?}"
        );

        // The article's wrong year is suggested, not linked; so is, wrongly, De Neve's other
        // work for the extractor's partial reading.
        for (site, suggested) in UNLINKED {
            let outcome = outcomes
                .iter()
                .find(|o| o.site() == site)
                .unwrap_or_else(|| panic!("{file}: no citation {site:?}"));
            assert!(
                outcome.resolution.entry().is_none(),
                "{file}: {site:?} links"
            );
            assert_eq!(
                outcome.entry.as_deref(),
                Some(suggested),
                "{file}: {site:?}"
            );
            assert!(
                matches!(&outcome.resolution, Resolution::Unmatched { suggestion: Some((_, d)) }
                    if matches!(d.first(), Some(Discrepancy::Year { .. }))),
                "{file}: {site:?}: {:?}",
                outcome.resolution
            );
        }

        // Near misses: exactly the expected ones, each with what differs.
        let near: Vec<&Outcome> = outcomes
            .iter()
            .filter(|o| matches!(o.resolution, Resolution::Near { .. }))
            .collect();
        for outcome in &near {
            if let Resolution::Near { differences, .. } = &outcome.resolution {
                let said: Vec<String> = differences.iter().map(Discrepancy::describe).collect();
                println!(
                    "  near {} → {}: {}",
                    outcome.show(),
                    outcome.entry.as_deref().unwrap_or("?"),
                    said.join("; ")
                );
            }
        }
        let found: Vec<(usize, usize, String, String, String)> = near
            .iter()
            .map(|o| {
                let (cited, listed) = match &o.resolution {
                    Resolution::Near { differences, .. } => match differences.first() {
                        Some(
                            Discrepancy::FirstAuthorSpelling { cited, listed }
                            | Discrepancy::CoAuthorSpelling { cited, listed },
                        ) => (cited.clone(), listed.clone()),
                        Some(Discrepancy::AuthorCount { cited, listed }) => {
                            (cited.clone(), listed.to_string())
                        }
                        other => (format!("{other:?}"), String::new()),
                    },
                    _ => (String::new(), String::new()),
                };
                (o.document, o.line, o.raw.clone(), cited, listed)
            })
            .collect();
        let expected: Vec<(usize, usize, String, String, String)> = NEAR
            .iter()
            .map(|((document, line, raw), cited, listed)| {
                (
                    *document,
                    *line,
                    (*raw).to_string(),
                    (*cited).to_string(),
                    (*listed).to_string(),
                )
            })
            .collect();
        assert_eq!(near.len(), NEAR.len(), "{file}: number of near misses");
        assert_eq!(found, expected, "{file}: near misses");

        works_by_file.push(
            outcomes
                .into_iter()
                .map(|o| ((o.document, o.line, o.raw), (o.entry, o.work)))
                .collect(),
        );
    }

    // The two files link every citation to the same entry and the same work (but for the
    // CSL-only gap, which the BibTeX file links).
    let (bib, json) = (&works_by_file[0], &works_by_file[1]);
    assert_eq!(
        bib.keys().collect::<Vec<_>>(),
        json.keys().collect::<Vec<_>>()
    );
    let mut differing = Vec::new();
    for (site, from_bib) in bib {
        let from_json = &json[site];
        if from_bib != from_json && !in_gaps("corpus.json", (site.0, site.1, site.2.as_str())) {
            differing.push(format!("{site:?}: {from_bib:?} / {from_json:?}"));
        }
    }
    assert!(
        differing.is_empty(),
        "the two files resolve differently: {differing:#?}"
    );
}
