//! The `extract` command as a user runs it: formats, inputs, bad input and exit codes.

use std::fs;
use std::path::Path;
use std::process::{Command, Output, Stdio};

use serde_json::Value;

fn citegraph(args: &[&str], dir: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_citegraph"))
        .args(args)
        .current_dir(dir)
        .output()
        .expect("citegraph runs")
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

fn records(output: &Output) -> Vec<Value> {
    stdout(output)
        .lines()
        .map(|l| serde_json::from_str(l).expect("each line is JSON"))
        .collect()
}

const TEXT: &str =
    "Codes fail (e.g., Locke et al., 2007, 2009).\nGereffi (1994) proposes chains.\n";

#[test]
fn jsonl_records_follow_the_contract() {
    let dir = tempfile::tempdir().expect("temp dir");
    fs::write(dir.path().join("a.txt"), TEXT).expect("write");
    let output = citegraph(&["extract", "a.txt"], dir.path());
    assert_eq!(output.status.code(), Some(0), "stderr: {}", stderr(&output));
    let found = records(&output);
    assert_eq!(found.len(), 3);
    let first = &found[0];
    assert_eq!(first["doc"], "a.txt");
    assert_eq!(first["line"], 1);
    assert_eq!(first["raw"], "Locke et al., 2007");
    assert_eq!(first["kind"], "parenthetical");
    assert_eq!(first["authors"], serde_json::json!(["Locke"]));
    assert_eq!(first["et_al"], true);
    assert_eq!(first["year"], "2007");
    assert_eq!(first["locator"], Value::Null);
    assert_eq!(first["prefix"], "e.g.");
    assert_eq!(first["key"], "Locke et al. 2007");
    let start = first["start"].as_u64().expect("start") as usize;
    let end = first["end"].as_u64().expect("end") as usize;
    assert_eq!(&TEXT[start..end], "Locke et al., 2007");
    assert_eq!(found[2]["kind"], "narrative");
    assert_eq!(found[2]["line"], 2);
    assert_eq!(found[2]["key"], "Gereffi 1994");
}

#[test]
fn other_formats() {
    let dir = tempfile::tempdir().expect("temp dir");
    fs::write(dir.path().join("a.txt"), TEXT).expect("write");
    let json = citegraph(&["extract", "a.txt", "--format", "json"], dir.path());
    let document: Value = serde_json::from_slice(&json.stdout).expect("one JSON document");
    assert_eq!(document["version"], 1);
    assert_eq!(document["citations"].as_array().map(Vec::len), Some(3));
    let csv = stdout(&citegraph(
        &["extract", "a.txt", "--format", "csv"],
        dir.path(),
    ));
    let mut lines = csv.lines();
    assert_eq!(
        lines.next(),
        Some("doc,line,start,end,raw,kind,authors,et_al,year,locator,prefix,key,ibid,ref,work,stance")
    );
    assert_eq!(lines.count(), 3);
    let table = stdout(&citegraph(
        &["extract", "a.txt", "--format", "table"],
        dir.path(),
    ));
    assert!(table.contains("Locke et al. 2009"), "{table}");
    assert!(table.contains("3 citations of 3 distinct works"), "{table}");
}

#[test]
fn directories_are_read_recursively_in_name_order() {
    let dir = tempfile::tempdir().expect("temp dir");
    fs::create_dir_all(dir.path().join("corpus/sub")).expect("dirs");
    fs::write(dir.path().join("corpus/b.txt"), "(Locke, 2013)").expect("write");
    fs::write(dir.path().join("corpus/sub/a.md"), "(Hassel 2008)").expect("write");
    fs::write(dir.path().join("corpus/notes.pdf"), "(Ignored, 2000)").expect("write");
    let output = citegraph(&["extract", "corpus"], dir.path());
    assert_eq!(output.status.code(), Some(0), "stderr: {}", stderr(&output));
    let docs: Vec<String> = records(&output)
        .iter()
        .map(|r| r["doc"].as_str().unwrap_or("").to_string())
        .collect();
    assert_eq!(docs, ["corpus/b.txt", "corpus/sub/a.md"]);
}

#[test]
fn standard_input_is_read_as_dash() {
    let mut child = Command::new(env!("CARGO_BIN_EXE_citegraph"))
        .args(["extract", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("spawn");
    {
        use std::io::Write;
        let mut stdin = child.stdin.take().expect("stdin");
        stdin
            .write_all(b"as shown (Barrientos, 2013).")
            .expect("write");
    }
    let output = child.wait_with_output().expect("wait");
    let found = records(&output);
    assert_eq!(found.len(), 1);
    assert_eq!(found[0]["doc"], "-");
}

#[test]
fn bad_inputs_are_reported_and_the_rest_is_processed() {
    let dir = tempfile::tempdir().expect("temp dir");
    fs::write(dir.path().join("good.txt"), "(Locke, 2013)").expect("write");
    fs::write(dir.path().join("empty.txt"), "").expect("write");
    fs::write(dir.path().join("binary.txt"), b"\x00\x01\x02\x03PK").expect("write");
    let output = citegraph(
        &[
            "extract",
            "missing.txt",
            "empty.txt",
            "good.txt",
            "binary.txt",
        ],
        dir.path(),
    );
    assert_eq!(output.status.code(), Some(2));
    let messages = stderr(&output);
    let lines: Vec<&str> = messages.lines().collect();
    assert_eq!(
        lines,
        [
            "citegraph: error: missing.txt: no such file or directory",
            "citegraph: error: empty.txt: empty file, nothing to read",
            "citegraph: error: binary.txt: binary file (not text), skipped",
        ]
    );
    let found = records(&output);
    assert_eq!(found.len(), 1);
    assert_eq!(found[0]["doc"], "good.txt");
}

#[test]
fn invalid_utf8_is_decoded_with_a_warning() {
    let dir = tempfile::tempdir().expect("temp dir");
    fs::write(
        dir.path().join("latin1.txt"),
        b"line one\nCaf\xe9 (Locke, 2013)\n",
    )
    .expect("write");
    let output = citegraph(&["extract", "latin1.txt"], dir.path());
    assert_eq!(output.status.code(), Some(0));
    assert_eq!(
        stderr(&output).trim_end(),
        "citegraph: warning: latin1.txt: line 2: invalid UTF-8 (1 sequence) replaced with U+FFFD"
    );
    let found = records(&output);
    assert_eq!(found.len(), 1);
    assert_eq!(found[0]["line"], 2);
    let quiet = citegraph(&["extract", "--quiet", "latin1.txt"], dir.path());
    assert_eq!(stderr(&quiet), "");
}

#[test]
fn output_file_is_written_whole_or_not_at_all() {
    let dir = tempfile::tempdir().expect("temp dir");
    fs::write(dir.path().join("a.txt"), TEXT).expect("write");
    let output = citegraph(&["extract", "a.txt", "-o", "out.jsonl"], dir.path());
    assert_eq!(output.status.code(), Some(0));
    assert_eq!(stdout(&output), "");
    let written = fs::read_to_string(dir.path().join("out.jsonl")).expect("written");
    assert_eq!(written.lines().count(), 3);
    // A directory that does not exist: an error naming the file, nothing left behind.
    let output = citegraph(
        &["extract", "a.txt", "-o", "no/such/dir/out.jsonl"],
        dir.path(),
    );
    assert_eq!(output.status.code(), Some(2));
    assert_eq!(
        stderr(&output).trim_end(),
        "citegraph: error: no/such/dir/out.jsonl: cannot write: no such file or directory"
    );
    let leftovers: Vec<_> = fs::read_dir(dir.path())
        .expect("list")
        .filter_map(Result::ok)
        .filter(|e| e.file_name().to_string_lossy().starts_with(".citegraph-"))
        .collect();
    assert!(leftovers.is_empty());
}

#[test]
fn usage_errors_exit_with_2() {
    let dir = tempfile::tempdir().expect("temp dir");
    let output = citegraph(&["extract"], dir.path());
    assert_eq!(output.status.code(), Some(2));
    let output = citegraph(&["extract", "x.txt", "--format", "yaml"], dir.path());
    assert_eq!(output.status.code(), Some(2));
}

#[test]
fn many_files_stream_in_order_with_a_bad_one_among_them() {
    // More files than are processed at once, so the output is written window by window.
    let dir = tempfile::tempdir().expect("temp dir");
    let mut expected = Vec::new();
    for index in 0..37 {
        let name = format!("{index:02}.txt");
        if index == 11 {
            fs::write(dir.path().join(&name), "").expect("write");
            continue;
        }
        let text = format!(
            "Codes fail (Locke, {}). Gereffi (1994) proposes.\n",
            1950 + index
        );
        fs::write(dir.path().join(&name), &text).expect("write");
        expected.push((format!("in/{name}"), format!("Locke {}", 1950 + index)));
        expected.push((format!("in/{name}"), "Gereffi 1994".to_string()));
    }
    let parent = dir.path();
    fs::create_dir(parent.join("in")).expect("mkdir");
    for entry in fs::read_dir(parent).expect("list").flatten() {
        if entry.path().is_file() {
            fs::rename(entry.path(), parent.join("in").join(entry.file_name())).expect("move");
        }
    }
    let output = citegraph(&["extract", "in"], parent);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).contains("in/11.txt: empty file"),
        "{}",
        stderr(&output)
    );
    let found: Vec<(String, String)> = records(&output)
        .iter()
        .map(|r| {
            (
                r["doc"].as_str().unwrap_or("").to_string(),
                r["key"].as_str().unwrap_or("").to_string(),
            )
        })
        .collect();
    assert_eq!(found, expected);
    let json = citegraph(&["extract", "in", "--format", "json"], parent);
    let document: Value = serde_json::from_slice(&json.stdout).expect("one JSON document");
    assert_eq!(
        document["citations"].as_array().map(Vec::len),
        Some(expected.len())
    );
}
