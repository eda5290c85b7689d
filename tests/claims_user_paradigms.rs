//! A scholar's own lexicon (`--paradigms FILE`) with two made-up paradigms, end to end: parse
//! the file, read a text, get claims about those paradigms only.

use std::fs;
use std::path::Path;

use citegraph::citation::{Citation, CitationKind};
use citegraph::claims::{Analyzer, Document, HolderKind, Lexicon, MentionKind, Stance, WorkStance};

fn fixture(name: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/claims")
        .join(name);
    fs::read_to_string(&path).expect("fixture is readable")
}

fn cite(
    text: &str,
    raw: &str,
    authors: &[&str],
    et_al: bool,
    year: &str,
    kind: CitationKind,
) -> Citation {
    let start = text.find(raw).expect("citation in fixture");
    Citation {
        start,
        end: start + raw.len(),
        line: text[..start].matches('\n').count() + 1,
        raw: raw.to_string(),
        kind,
        authors: authors.iter().map(|a| (*a).to_string()).collect(),
        initials: vec![None; authors.len()],
        et_al,
        year: Some(year.to_string()),
        locator: None,
        prefix: None,
        ibid: false,
        bracket: None,
        norm_start: 0,
        norm_end: 0,
    }
}

#[test]
fn a_user_lexicon_with_two_made_up_paradigms_works_end_to_end() {
    let lexicon =
        Lexicon::from_toml(&fixture("user_paradigms.toml")).expect("the user lexicon parses");
    let ids: Vec<&str> = lexicon.paradigms().iter().map(|p| p.id.as_str()).collect();
    assert_eq!(ids, ["hive_collectivism", "solitary_keeping"]);
    assert_eq!(lexicon.paradigms()[0].defined_by, ["Apiary and Comb 2019"]);

    let text = fixture("user_paradigms.txt");
    let citations = [
        cite(
            &text,
            "Apiary and Comb, 2019",
            &["Apiary", "Comb"],
            false,
            "2019",
            CitationKind::Parenthetical,
        ),
        cite(
            &text,
            "Drone (2021)",
            &["Drone"],
            false,
            "2021",
            CitationKind::Narrative,
        ),
        cite(
            &text,
            "Wax et al. (2020)",
            &["Wax"],
            true,
            "2020",
            CitationKind::Narrative,
        ),
    ];
    let analysis = Analyzer::with_lexicon(lexicon).analyse(&Document {
        name: "bees.txt",
        key: "Hum 2024",
        text: &text,
        citations: &citations,
    });
    let got: Vec<(usize, &str, Stance, HolderKind, &str, &str)> = analysis
        .claims
        .iter()
        .map(|c| {
            (
                c.line,
                c.paradigm.as_str(),
                c.stance,
                c.holder_kind,
                c.holder.as_str(),
                c.cue.as_str(),
            )
        })
        .collect();
    assert_eq!(
        got,
        [
            (
                3,
                "hive_collectivism",
                Stance::Supports,
                HolderKind::Document,
                "Hum 2024",
                "more effective"
            ),
            (
                3,
                "solitary_keeping",
                Stance::Critiques,
                HolderKind::Document,
                "Hum 2024",
                "more effective"
            ),
            (
                4,
                "hive_collectivism",
                Stance::Supports,
                HolderKind::Document,
                "Hum 2024",
                "promising"
            ),
            (
                7,
                "hive_collectivism",
                Stance::Critiques,
                HolderKind::Work,
                "Drone 2021",
                "fail"
            ),
            (
                7,
                "hive_collectivism",
                Stance::Critiques,
                HolderKind::Work,
                "Wax et al. 2020",
                "not necessarily"
            ),
        ]
    );
    // "This approach" is tied back to the paradigm named last in the paragraph (not to the foil
    // of the comparison, "than private hives"), and "Color-coded hives" matches the phrase
    // "colour-coded hive*" through the file's spelling pairs.
    assert_eq!(analysis.claims[2].mention_kind, MentionKind::BackReference);
    assert_eq!(analysis.claims[4].mention, "Color-coded hives");
    // No claim names a paradigm of the default lexicon.
    assert!(analysis
        .claims
        .iter()
        .all(|c| c.paradigm == "hive_collectivism" || c.paradigm == "solitary_keeping"));
    // Stance toward the cited works travels with them.
    let stances: Vec<WorkStance> = analysis.citations.iter().map(|c| c.stance).collect();
    assert_eq!(stances.len(), 3);
}

#[test]
fn a_malformed_user_lexicon_reports_line_and_column() {
    let broken = fixture("user_paradigms.toml")
        .replace("id = \"solitary_keeping\"", "id = solitary_keeping");
    let error = Lexicon::from_toml(&broken).unwrap_err();
    let line = broken
        .lines()
        .position(|l| l.starts_with("id = solitary"))
        .unwrap()
        + 1;
    assert_eq!((error.line, error.column), (line, 6), "{error}");
    assert!(
        error
            .to_string()
            .starts_with(&format!("line {line}, column 6: ")),
        "{error}"
    );
}
