//! `references`, `check`, `--bib` and the `ref`/`work` fields of `extract`, as a user runs them.

use std::fs;
use std::path::Path;
use std::process::{Command, Output};

use serde_json::Value;

fn citegraph(args: &[&str], dir: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_citegraph"))
        .args(args)
        .current_dir(dir)
        .output()
        .expect("citegraph runs")
}

fn lines(output: &Output) -> Vec<Value> {
    String::from_utf8_lossy(&output.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).expect("a JSON line"))
        .collect()
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

const ARTICLE: &str = "\
Codes of conduct fail (Locke, 2013; Tandler, 2002). Mutual gains are rare (Barrientos, 2013).

References

Barrientos, S. (2013). Labour chains. Journal of Development Studies, 49(8), 1058-1071.

Locke, R. M. (2013). The Promise and Limits of Private Power. Cambridge University Press.

Tendler, J. (2002). Small firms and the devil's deal. IDS Bulletin, 33(2), 98-104.

Stiglitz, J. (2009). The global crisis. International Labour Review, 148(1), 1-13.
";

#[test]
fn references_prints_parsed_entries_with_lines_and_ids() {
    let dir = tempfile::tempdir().expect("temp dir");
    fs::write(dir.path().join("a.txt"), ARTICLE).expect("write");
    let output = citegraph(&["references", "a.txt"], dir.path());
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let entries = lines(&output);
    assert_eq!(entries.len(), 4);
    assert_eq!(entries[1]["line"], 7);
    assert_eq!(entries[1]["id"], "a.txt#L7");
    assert_eq!(entries[1]["authors"], serde_json::json!(["Locke"]));
    assert_eq!(entries[1]["given"], serde_json::json!(["R. M."]));
    assert_eq!(entries[1]["year"], "2013");
    assert_eq!(
        entries[1]["title"],
        "The Promise and Limits of Private Power"
    );
    assert_eq!(entries[0]["volume"], "49");
    assert_eq!(entries[0]["pages"], "1058-1071");
}

#[test]
fn references_reads_one_entry_per_line_of_a_file() {
    let dir = tempfile::tempdir().expect("temp dir");
    fs::write(
        dir.path().join("entries.txt"),
        "Locke, R. M. (2013). The Promise and Limits of Private Power. CUP.\n\nFest, Joachim, 1991: Hitler. Berlin: Ullstein.\n",
    )
    .expect("write");
    let output = citegraph(&["references", "--entries", "entries.txt"], dir.path());
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let entries = lines(&output);
    assert_eq!(entries.len(), 2);
    assert_eq!(
        (entries[0]["line"].clone(), entries[1]["line"].clone()),
        (1.into(), 3.into())
    );
    assert_eq!(entries[1]["authors"], serde_json::json!(["Fest"]));
    assert_eq!(entries[1]["year"], "1991");
}

#[test]
fn extract_links_citations_to_entries_and_works() {
    let dir = tempfile::tempdir().expect("temp dir");
    fs::write(dir.path().join("a.txt"), ARTICLE).expect("write");
    let found = lines(&citegraph(&["extract", "a.txt"], dir.path()));
    assert_eq!(found.len(), 3);
    assert_eq!(found[0]["ref"], "a.txt#L7");
    assert_eq!(found[0]["work"], "Locke 2013");
    // "Tandler" is linked to the entry it misspells, and takes that work's key.
    assert_eq!(found[1]["ref"], "a.txt#L9");
    assert_eq!(found[1]["work"], "Tendler 2002");
    assert_eq!(found[2]["stance"], Value::Null);
    let with_stance = lines(&citegraph(&["extract", "--stance", "a.txt"], dir.path()));
    assert!(with_stance.iter().all(|r| r["stance"].is_string()));
}

#[test]
fn check_reports_problems_with_file_and_line_and_exits_1() {
    let dir = tempfile::tempdir().expect("temp dir");
    fs::write(dir.path().join("a.txt"), ARTICLE).expect("write");
    let output = citegraph(&["check", "a.txt"], dir.path());
    assert_eq!(output.status.code(), Some(1));
    let text = String::from_utf8_lossy(&output.stdout);
    let report: Vec<&str> = text.lines().collect();
    assert_eq!(report.len(), 3, "{text}");
    assert!(report[0].starts_with("a.txt:1: near miss: \"Tandler, 2002\": author spelled differently: \"Tandler\" cited, \"Tendler\" listed → line 9:"), "{text}");
    assert!(
        report[1].starts_with("a.txt:11: entry never cited:"),
        "{text}"
    );
    assert_eq!(report[2], "2 problems in 1 of 1 documents");
    let json = citegraph(&["check", "a.txt", "--format", "json"], dir.path());
    let document: Value = serde_json::from_slice(&json.stdout).expect("JSON");
    assert_eq!(document["version"], 1);
    assert_eq!(document["findings"][0]["kind"], "near_miss");
    assert_eq!(document["findings"][0]["entry"]["line"], 9);
    assert_eq!(document["findings"][1]["kind"], "uncited");

    let clean = "As shown (Locke, 2013).\n\nReferences\n\nLocke, R. M. (2013). The Promise and Limits of Private Power. Cambridge University Press.\n";
    fs::write(dir.path().join("clean.txt"), clean).expect("write");
    let output = citegraph(&["check", "clean.txt"], dir.path());
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&output.stdout)
    );
}

#[test]
fn bibliographies_resolve_texts_without_a_reference_list() {
    let dir = tempfile::tempdir().expect("temp dir");
    fs::write(
        dir.path().join("a.txt"),
        "Codes fail (Locke, 2013; Barrientos 2013).",
    )
    .expect("write");
    fs::write(
        dir.path().join("refs.bib"),
        "@book{locke2013,\n  author = {Locke, Richard M.},\n  title = {The Promise and Limits of Private Power},\n  year = {2013},\n  publisher = {Cambridge University Press}\n}\n",
    )
    .expect("write");
    fs::write(
        dir.path().join("refs.json"),
        r#"[{"id": "barrientos2013", "type": "article-journal", "author": [{"family": "Barrientos", "given": "Stephanie"}], "issued": {"date-parts": [[2013]]}, "title": "Labour chains"}]"#,
    )
    .expect("write");
    let found = lines(&citegraph(
        &[
            "extract",
            "a.txt",
            "--bib",
            "refs.bib",
            "--bib",
            "refs.json",
        ],
        dir.path(),
    ));
    assert_eq!(found[0]["ref"], "refs.bib#locke2013");
    assert_eq!(found[1]["ref"], "refs.json#barrientos2013");
    let output = citegraph(
        &["check", "a.txt", "--bib", "refs.bib", "--bib", "refs.json"],
        dir.path(),
    );
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&output.stdout)
    );
}

#[test]
fn malformed_bibliographies_are_errors_with_line_and_column() {
    let dir = tempfile::tempdir().expect("temp dir");
    fs::write(dir.path().join("a.txt"), "(Locke, 2013)").expect("write");
    fs::write(
        dir.path().join("bad.bib"),
        "@book{locke2013,\n  author = {Locke,\n  year = 2013\n",
    )
    .expect("write");
    fs::write(
        dir.path().join("bad.json"),
        "[{\"id\": \"x\",\n \"title\": }]",
    )
    .expect("write");
    fs::write(
        dir.path().join("bad.ris"),
        "TY  - JOUR\nAU  - Locke, R.\nPY  - 2013\n",
    )
    .expect("write");
    fs::write(dir.path().join("refs.txt"), "whatever").expect("write");
    for (file, starts) in [
        ("bad.bib", "citegraph: error: bad.bib: "),
        ("bad.json", "citegraph: error: bad.json: "),
        ("bad.ris", "citegraph: error: bad.ris: "),
        (
            "refs.txt",
            "citegraph: error: refs.txt: unknown bibliography format",
        ),
        (
            "missing.bib",
            "citegraph: error: missing.bib: no such file or directory",
        ),
    ] {
        let output = citegraph(&["extract", "a.txt", "--bib", file], dir.path());
        assert_eq!(output.status.code(), Some(2), "{file}");
        let message = stderr(&output);
        assert_eq!(message.lines().count(), 1, "{message}");
        assert!(message.starts_with(starts), "{file}: {message}");
        if file.starts_with("bad") {
            assert!(message.contains("line "), "{file}: {message}");
            assert!(message.contains("column "), "{file}: {message}");
        }
        assert!(output.stdout.is_empty());
    }
}
