//! Text taken from documents reaches the machine-readable outputs of `extract` (JSON Lines, JSON,
//! CSV) escaped, and parses back to the same strings: quotes, backslashes, `</script>`, `]]>`,
//! control characters (NUL, ESC, BEL), line and paragraph separators, a byte order mark, and
//! names of files with quotes and line breaks in them.
//!
//! Unpaired UTF-16 surrogates cannot occur: a Rust `String` holds only Unicode scalar values, and
//! ingest rejects UTF-16 input holding one ("invalid UTF-16 text") and replaces invalid UTF-8
//! with U+FFFD, so no output format ever has to escape one.

use std::fs;
use std::process::Command;

use citegraph::citation::{Citation, CitationKind};
use citegraph::output::{CitationFormat, CitationRecord, CitationWriter};
use serde_json::Value;

const HOSTILE: &[&str] = &[
    "\"quoted\" and \\backslashed\\",
    "</script><script>alert(1)</script>",
    "]]><!-- --><![CDATA[",
    "nul \u{0} bel \u{7} esc \u{1b}[2J del \u{7f}",
    "line\nbreak\r\nand\ttab",
    "separators \u{2028} \u{2029} bom \u{feff}",
    "comma, \"quote\", and ; semicolon",
    "Zandén, O’Rourke, ☃, 𝔘𝔫𝔦𝔠𝔬𝔡𝔢",
];

fn citation(text: &str) -> Citation {
    Citation {
        start: 0,
        end: text.len(),
        norm_start: 0,
        norm_end: text.len(),
        line: 1,
        raw: text.to_string(),
        kind: CitationKind::Parenthetical,
        authors: vec![text.to_string(), "Locke".to_string()],
        initials: vec![None, None],
        et_al: false,
        year: Some(text.to_string()),
        locator: Some(text.to_string()),
        prefix: Some(text.to_string()),
        ibid: false,
        bracket: Some(0),
    }
}

fn written(format: CitationFormat, records: &[CitationRecord<'_>]) -> String {
    let mut out = Vec::new();
    let mut writer = CitationWriter::new(format);
    writer.begin(&mut out).expect("writing to memory");
    writer
        .records(&mut out, records.iter().cloned())
        .expect("writing to memory");
    writer.finish(&mut out).expect("writing to memory");
    String::from_utf8(out).expect("output is UTF-8")
}

fn check_json_record(record: &Value, doc: &str, text: &str) {
    assert_eq!(record["doc"], doc);
    assert_eq!(record["raw"], text);
    assert_eq!(record["authors"][0], text);
    assert_eq!(record["year"], text);
    assert_eq!(record["locator"], text);
    assert_eq!(record["prefix"], text);
    assert_eq!(record["key"], format!("{text} and Locke {text}"));
}

#[test]
fn hostile_strings_survive_every_machine_format() {
    let citations: Vec<Citation> = HOSTILE.iter().map(|t| citation(t)).collect();
    let documents: Vec<CitationRecord<'_>> = HOSTILE
        .iter()
        .zip(&citations)
        .map(|(doc, citation)| CitationRecord::new(doc, citation))
        .collect();

    let jsonl = written(CitationFormat::Jsonl, &documents);
    // One record per line: no raw line break gets through.
    let lines: Vec<&str> = jsonl.split('\n').filter(|l| !l.is_empty()).collect();
    assert_eq!(lines.len(), HOSTILE.len());
    for (line, text) in lines.iter().zip(HOSTILE) {
        assert!(!line.contains(['\r', '\u{0}', '\u{1b}']), "{line:?}");
        let record: Value = serde_json::from_str(line).expect("each line is JSON");
        check_json_record(&record, text, text);
    }

    let json = written(CitationFormat::Json, &documents);
    let document: Value = serde_json::from_str(&json).expect("one JSON document");
    let records = document["citations"].as_array().expect("citations");
    assert_eq!(records.len(), HOSTILE.len());
    for (record, text) in records.iter().zip(HOSTILE) {
        check_json_record(record, text, text);
    }

    let csv = written(CitationFormat::Csv, &documents);
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    let header = reader.headers().expect("header").clone();
    let column = |name: &str| {
        header
            .iter()
            .position(|h| h == name)
            .unwrap_or_else(|| panic!("no column {name}"))
    };
    let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.expect("a CSV row")).collect();
    assert_eq!(rows.len(), HOSTILE.len());
    for (row, text) in rows.iter().zip(HOSTILE) {
        assert_eq!(&row[column("doc")], *text);
        assert_eq!(&row[column("raw")], *text);
        assert_eq!(&row[column("authors")], format!("{text}; Locke"));
        assert_eq!(&row[column("year")], *text);
        assert_eq!(&row[column("locator")], *text);
        assert_eq!(&row[column("prefix")], *text);
    }
}

/// End to end: a file whose name holds a quote, a backslash, markup and a line break (a name
/// cannot hold '/'), with a citation whose lead-in holds markup and control characters.
#[test]
fn hostile_text_and_file_names_through_the_command_line() {
    let dir = tempfile::tempdir().expect("temp dir");
    let name = "we\"ird\\ <script> ]]>\nname.txt";
    let lead_in = "for \"</script>\" ]]> \\ \u{7}\u{1b}[31m reasons, see";
    fs::write(
        dir.path().join(name),
        format!("Codes fail ({lead_in} Locke, 2013)."),
    )
    .expect("write");
    for format in ["jsonl", "json", "csv"] {
        let output = Command::new(env!("CARGO_BIN_EXE_citegraph"))
            .args(["extract", name, "--format", format])
            .current_dir(dir.path())
            .output()
            .expect("citegraph runs");
        assert_eq!(output.status.code(), Some(0), "{format}");
        let text = String::from_utf8(output.stdout).expect("UTF-8");
        let (doc, prefix, key) = match format {
            "jsonl" => {
                assert_eq!(text.lines().count(), 1, "{text:?}");
                let record: Value = serde_json::from_str(text.trim_end()).expect("JSON");
                (
                    record["doc"].as_str().unwrap_or("").to_string(),
                    record["prefix"].as_str().unwrap_or("").to_string(),
                    record["key"].as_str().unwrap_or("").to_string(),
                )
            }
            "json" => {
                let document: Value = serde_json::from_str(&text).expect("JSON");
                let record = &document["citations"][0];
                (
                    record["doc"].as_str().unwrap_or("").to_string(),
                    record["prefix"].as_str().unwrap_or("").to_string(),
                    record["key"].as_str().unwrap_or("").to_string(),
                )
            }
            _ => {
                let mut reader = csv::Reader::from_reader(text.as_bytes());
                let rows: Vec<csv::StringRecord> =
                    reader.records().map(|r| r.expect("a CSV row")).collect();
                assert_eq!(rows.len(), 1);
                (
                    rows[0][0].to_string(),
                    rows[0][10].to_string(),
                    rows[0][11].to_string(),
                )
            }
        };
        assert_eq!(doc, name, "{format}");
        assert_eq!(prefix, lead_in, "{format}");
        assert_eq!(key, "Locke 2013", "{format}");
    }
}
