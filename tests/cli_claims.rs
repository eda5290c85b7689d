//! The `claims` command as a user runs it: a manifest names the document's authors, a user
//! paradigm file replaces the built-in lexicon, a malformed one is an error with line and column.

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

fn fixture(name: &str) -> String {
    fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/claims")
            .join(name),
    )
    .expect("fixture")
}

#[test]
fn user_paradigms_end_to_end_with_a_manifest() {
    let dir = tempfile::tempdir().expect("temp dir");
    fs::create_dir(dir.path().join("corpus")).expect("dir");
    fs::write(
        dir.path().join("corpus/hives.txt"),
        fixture("user_paradigms.txt"),
    )
    .expect("write");
    fs::write(
        dir.path().join("corpus/corpus.toml"),
        "[[document]]\nfile = \"hives.txt\"\nauthors = [\"Drone\", \"Worker\"]\nyear = \"2021\"\n",
    )
    .expect("write");
    fs::write(
        dir.path().join("paradigms.toml"),
        fixture("user_paradigms.toml"),
    )
    .expect("write");
    let output = citegraph(
        &["claims", "corpus", "--paradigms", "paradigms.toml"],
        dir.path(),
    );
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let claims: Vec<Value> = String::from_utf8_lossy(&output.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).expect("JSON line"))
        .collect();
    assert!(!claims.is_empty());
    for claim in &claims {
        let paradigm = claim["paradigm"].as_str().unwrap_or("");
        assert!(
            ["hive_collectivism", "solitary_keeping"].contains(&paradigm),
            "{claim}"
        );
    }
    assert!(
        claims
            .iter()
            .any(|c| c["holder_kind"] == "document" && c["holder"] == "Drone and Worker 2021"),
        "the manifest names the document's own holder: {claims:?}"
    );
    let table = citegraph(
        &[
            "claims",
            "corpus",
            "--paradigms",
            "paradigms.toml",
            "--format",
            "table",
        ],
        dir.path(),
    );
    let table = String::from_utf8_lossy(&table.stdout);
    assert!(table.contains("hive_collectivism"), "{table}");
}

#[test]
fn malformed_paradigm_files_and_manifests_are_errors_with_line_and_column() {
    let dir = tempfile::tempdir().expect("temp dir");
    fs::write(
        dir.path().join("a.txt"),
        "Codes of conduct fail (Locke, 2013).",
    )
    .expect("write");
    fs::write(
        dir.path().join("bad.toml"),
        "version = 1\n[[paradigm]]\nid = \"x\nlabel = \"y\"\n",
    )
    .expect("write");
    let output = citegraph(&["claims", "a.txt", "--paradigms", "bad.toml"], dir.path());
    assert_eq!(output.status.code(), Some(2));
    let message = String::from_utf8_lossy(&output.stderr);
    assert_eq!(message.lines().count(), 1, "{message}");
    assert!(
        message.starts_with("citegraph: error: bad.toml: line 3, column"),
        "{message}"
    );

    fs::write(dir.path().join("corpus.toml"), "[[document]]\nfile = 3\n").expect("write");
    let output = citegraph(&["claims", "a.txt"], dir.path());
    assert_eq!(output.status.code(), Some(2));
    let message = String::from_utf8_lossy(&output.stderr);
    assert_eq!(
        message.trim_end(),
        "citegraph: error: corpus.toml: line 2, column 8: invalid type: integer `3`, expected a string"
    );
}
