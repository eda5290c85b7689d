//! `extract` on bad input and bad output targets, as a user runs it: every problem gets one line
//! on standard error naming the path, the other inputs are still processed, the exit code is 2,
//! and no output file is left half-written.
//!
//! The tests run as root on the project's machines, where permission bits stop nothing: the
//! cases that need a permission error check whether it took effect and otherwise provoke the
//! same error another way (a file of `/proc` that cannot be read, a directory of `/sys` that
//! cannot be written), saying so on standard output.

#![allow(clippy::print_stdout)] // tests say which way they provoked an error

use std::fs;
use std::io::Write;
use std::path::Path;
use std::process::{Command, Output, Stdio};

use serde_json::Value;

fn citegraph(args: &[&str], dir: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_citegraph"))
        .args(args)
        .current_dir(dir)
        .stdin(Stdio::null())
        .output()
        .expect("citegraph runs")
}

fn stderr_lines(output: &Output) -> Vec<String> {
    String::from_utf8_lossy(&output.stderr)
        .lines()
        .map(str::to_string)
        .collect()
}

fn records(output: &Output) -> Vec<Value> {
    String::from_utf8_lossy(&output.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).expect("each line is JSON"))
        .collect()
}

fn keys(output: &Output) -> Vec<(String, String)> {
    records(output)
        .iter()
        .map(|r| {
            (
                r["doc"].as_str().unwrap_or("").to_string(),
                r["key"].as_str().unwrap_or("").to_string(),
            )
        })
        .collect()
}

fn leftovers(dir: &Path) -> Vec<String> {
    fs::read_dir(dir)
        .expect("list")
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|name| name.starts_with(".citegraph-"))
        .collect()
}

/// A text with `count` citations, for outputs larger than any buffer.
fn many_citations(count: usize) -> String {
    (0..count)
        .map(|i| format!("Codes fail (Locke, {}).\n", 1900 + i % 100))
        .collect()
}

#[test]
fn an_unreadable_file_is_reported_and_the_rest_processed() {
    let dir = tempfile::tempdir().expect("temp dir");
    fs::write(dir.path().join("good.txt"), "(Locke, 2013)").expect("write");
    let locked = dir.path().join("locked.txt");
    fs::write(&locked, "(Hassel 2008)").expect("write");
    let mut permissions = fs::metadata(&locked).expect("metadata").permissions();
    std::os::unix::fs::PermissionsExt::set_mode(&mut permissions, 0o000);
    fs::set_permissions(&locked, permissions).expect("chmod");
    let (unreadable, message) = if fs::read(&locked).is_err() {
        ("locked.txt".to_string(), "permission denied")
    } else {
        // Root reads a file of mode 000. /proc/self/mem is a regular file that fails with EIO
        // at offset 0 for every reader.
        println!("running as root: mode 000 stops nothing; reading /proc/self/mem instead");
        ("/proc/self/mem".to_string(), "input/output error")
    };
    let output = citegraph(&["extract", &unreadable, "good.txt"], dir.path());
    assert_eq!(output.status.code(), Some(2));
    assert_eq!(
        stderr_lines(&output),
        [format!("citegraph: error: {unreadable}: {message}")]
    );
    assert_eq!(
        keys(&output),
        [("good.txt".to_string(), "Locke 2013".to_string())]
    );
}

#[test]
fn missing_paths_do_not_stop_the_run() {
    let dir = tempfile::tempdir().expect("temp dir");
    fs::write(dir.path().join("a.txt"), "(Locke, 2013)").expect("write");
    fs::write(dir.path().join("b.txt"), "Gereffi (1994) proposes").expect("write");
    let output = citegraph(
        &["extract", "a.txt", "gone.txt", "no/such/dir", "b.txt"],
        dir.path(),
    );
    assert_eq!(output.status.code(), Some(2));
    assert_eq!(
        stderr_lines(&output),
        [
            "citegraph: error: gone.txt: no such file or directory",
            "citegraph: error: no/such/dir: no such file or directory",
        ]
    );
    assert_eq!(
        keys(&output),
        [
            ("a.txt".to_string(), "Locke 2013".to_string()),
            ("b.txt".to_string(), "Gereffi 1994".to_string()),
        ]
    );
}

#[test]
fn symbolic_link_loops_are_reported_not_followed() {
    let dir = tempfile::tempdir().expect("temp dir");
    let corpus = dir.path().join("corpus");
    fs::create_dir_all(corpus.join("sub")).expect("dirs");
    fs::write(corpus.join("a.txt"), "(Locke, 2013)").expect("write");
    fs::write(corpus.join("sub/b.txt"), "(Hassel 2008)").expect("write");
    // A directory link back to an ancestor, and a file link to itself.
    std::os::unix::fs::symlink("..", corpus.join("sub/up")).expect("symlink");
    std::os::unix::fs::symlink("self.txt", dir.path().join("self.txt")).expect("symlink");
    let output = citegraph(&["extract", "corpus", "self.txt"], dir.path());
    assert_eq!(output.status.code(), Some(2));
    assert_eq!(
        stderr_lines(&output),
        [
            "citegraph: error: corpus/sub/up: symbolic link loop, not followed",
            "citegraph: error: self.txt: too many levels of symbolic links",
        ]
    );
    assert_eq!(
        keys(&output),
        [
            ("corpus/a.txt".to_string(), "Locke 2013".to_string()),
            ("corpus/sub/b.txt".to_string(), "Hassel 2008".to_string()),
        ]
    );
}

#[test]
fn binary_files_are_skipped_with_the_rest_processed() {
    let dir = tempfile::tempdir().expect("temp dir");
    let corpus = dir.path().join("corpus");
    fs::create_dir_all(&corpus).expect("dir");
    fs::write(corpus.join("a.txt"), "(Locke, 2013)").expect("write");
    // A PDF saved as .txt, and text in UTF-16 without a byte order mark (NUL bytes).
    fs::write(
        corpus.join("b.txt"),
        b"%PDF-1.7\n\x00\x01\x02\x03stream\x00\x00",
    )
    .expect("write");
    let utf16_without_mark: Vec<u8> = "(Hassel 2008)"
        .encode_utf16()
        .flat_map(u16::to_le_bytes)
        .collect();
    fs::write(corpus.join("c.txt"), utf16_without_mark).expect("write");
    fs::write(corpus.join("d.txt"), "(Gereffi, 1994)").expect("write");
    let output = citegraph(&["extract", "corpus"], dir.path());
    assert_eq!(output.status.code(), Some(2));
    assert_eq!(
        stderr_lines(&output),
        [
            "citegraph: error: corpus/b.txt: binary file (not text), skipped",
            "citegraph: error: corpus/c.txt: binary file (not text), skipped",
        ]
    );
    assert_eq!(
        keys(&output),
        [
            ("corpus/a.txt".to_string(), "Locke 2013".to_string()),
            ("corpus/d.txt".to_string(), "Gereffi 1994".to_string()),
        ]
    );
}

#[test]
fn invalid_utf8_is_replaced_and_named_by_line() {
    let dir = tempfile::tempdir().expect("temp dir");
    // Latin-1 "é" twice on line 3, a lone continuation byte on line 4.
    let bytes = b"Title\n\nCaf\xe9 and d\xe9j\xe0 vu (Locke, 2013).\nA \x80 here, as Gereffi (1994) said.\n";
    fs::write(dir.path().join("latin1.txt"), bytes).expect("write");
    fs::write(dir.path().join("good.txt"), "(Hassel 2008)").expect("write");
    let output = citegraph(&["extract", "latin1.txt", "good.txt"], dir.path());
    assert_eq!(output.status.code(), Some(0), "a warning is not an error");
    assert_eq!(
        stderr_lines(&output),
        ["citegraph: warning: latin1.txt: line 3: invalid UTF-8 (4 sequences) replaced with U+FFFD"]
    );
    let found = records(&output);
    assert_eq!(found.len(), 3);
    assert_eq!(found[0]["key"], "Locke 2013");
    assert_eq!(found[0]["line"], 3);
    assert_eq!(found[1]["key"], "Gereffi 1994");
    assert_eq!(found[1]["line"], 4);
    // Offsets refer to the decoded text (each bad byte became the 3 bytes of U+FFFD).
    let decoded = String::from_utf8_lossy(bytes);
    for record in &found[..2] {
        let start = record["start"].as_u64().expect("start") as usize;
        let end = record["end"].as_u64().expect("end") as usize;
        assert_eq!(&decoded[start..end], record["raw"].as_str().expect("raw"));
    }
    assert_eq!(found[2]["doc"], "good.txt");
}

fn utf16(text: &str, little_endian: bool) -> Vec<u8> {
    let mark: [u8; 2] = if little_endian {
        [0xFF, 0xFE]
    } else {
        [0xFE, 0xFF]
    };
    mark.into_iter()
        .chain(text.encode_utf16().flat_map(|unit| {
            if little_endian {
                unit.to_le_bytes()
            } else {
                unit.to_be_bytes()
            }
        }))
        .collect()
}

#[test]
fn utf16_with_a_byte_order_mark_is_read() {
    let dir = tempfile::tempdir().expect("temp dir");
    let text =
        "Über Ketten\r\n\r\nAs Egels-Zandén (2014, p. 3) shows (see Müller & Küttin, 2019a).\r\n";
    fs::write(dir.path().join("le.txt"), utf16(text, true)).expect("write");
    fs::write(dir.path().join("be.txt"), utf16(text, false)).expect("write");
    // An odd number of bytes after the mark, and an unpaired surrogate: not UTF-16 text.
    let mut odd = utf16(text, true);
    odd.push(b'x');
    fs::write(dir.path().join("odd.txt"), odd).expect("write");
    let mut unpaired = utf16("(Locke, 2013) ", true);
    unpaired.extend_from_slice(&0xD800u16.to_le_bytes());
    fs::write(dir.path().join("unpaired.txt"), unpaired).expect("write");
    let output = citegraph(
        &["extract", "le.txt", "odd.txt", "be.txt", "unpaired.txt"],
        dir.path(),
    );
    assert_eq!(output.status.code(), Some(2));
    assert_eq!(
        stderr_lines(&output),
        [
            "citegraph: error: odd.txt: invalid UTF-16 text",
            "citegraph: error: unpaired.txt: invalid UTF-16 text",
        ]
    );
    let found = records(&output);
    let summary: Vec<(String, String, String, u64)> = found
        .iter()
        .map(|r| {
            (
                r["doc"].as_str().unwrap_or("").to_string(),
                r["key"].as_str().unwrap_or("").to_string(),
                r["locator"].as_str().unwrap_or("").to_string(),
                r["line"].as_u64().unwrap_or(0),
            )
        })
        .collect();
    let expected = |doc: &str| {
        [
            (
                doc.to_string(),
                "Egels-Zandén 2014".to_string(),
                "p. 3".to_string(),
                3,
            ),
            (
                doc.to_string(),
                "Müller and Küttin 2019a".to_string(),
                String::new(),
                3,
            ),
        ]
    };
    assert_eq!(summary[..2], expected("le.txt"));
    assert_eq!(summary[2..], expected("be.txt"));
    // Offsets refer to the decoded text, in which "\r\n" became "\n".
    let decoded = text.replace("\r\n", "\n");
    for record in &found {
        let start = record["start"].as_u64().expect("start") as usize;
        let end = record["end"].as_u64().expect("end") as usize;
        assert_eq!(&decoded[start..end], record["raw"].as_str().expect("raw"));
    }
}

#[test]
fn crlf_line_ends_keep_lines_and_offsets() {
    let dir = tempfile::tempdir().expect("temp dir");
    let text = "Title\r\n\r\nCodes fail (Locke et al., 2007,\r\n2009) and Mar-\r\nginson (2016: 12) agrees.\r\n";
    fs::write(dir.path().join("crlf.txt"), text).expect("write");
    let output = citegraph(&["extract", "crlf.txt"], dir.path());
    assert_eq!(output.status.code(), Some(0));
    let found = records(&output);
    let summary: Vec<(String, u64, String)> = found
        .iter()
        .map(|r| {
            (
                r["key"].as_str().unwrap_or("").to_string(),
                r["line"].as_u64().unwrap_or(0),
                r["raw"].as_str().unwrap_or("").to_string(),
            )
        })
        .collect();
    assert_eq!(
        summary,
        [
            (
                "Locke et al. 2007".to_string(),
                3,
                "Locke et al., 2007".to_string()
            ),
            (
                "Locke et al. 2009".to_string(),
                3,
                "Locke et al., 2007, 2009".to_string()
            ),
            (
                "Marginson 2016".to_string(),
                4,
                "Marginson (2016: 12)".to_string()
            ),
        ]
    );
    // The offsets are the file's own: the second record spans the "\r\n" inside the bracket.
    let start = found[1]["start"].as_u64().expect("start") as usize;
    let end = found[1]["end"].as_u64().expect("end") as usize;
    assert_eq!(&text[start..end], "Locke et al., 2007,\r\n2009");
    let start = found[2]["start"].as_u64().expect("start") as usize;
    assert!(text[start..].starts_with("Mar-\r\nginson"));
}

#[test]
fn a_file_rewritten_while_it_is_read_gives_one_of_its_versions() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("moving.txt");
    let version_a = "Codes fail (Locke, 2013).\n".repeat(4000);
    let version_b = "Audits fail (Hassel, 2008).\n".repeat(4000);
    fs::write(&path, &version_a).expect("write");
    let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let writer = {
        let stop = std::sync::Arc::clone(&stop);
        let path = path.clone();
        std::thread::spawn(move || {
            let mut rewrites = 0u32;
            while !stop.load(std::sync::atomic::Ordering::Relaxed) {
                // Truncate and rewrite in place, in small pieces, as an editor or a download
                // would: a reader may see any prefix of either version.
                let text = if rewrites % 2 == 0 {
                    &version_b
                } else {
                    &version_a
                };
                if let Ok(mut file) = fs::File::create(&path) {
                    for chunk in text.as_bytes().chunks(4096) {
                        let _ = file.write_all(chunk);
                    }
                }
                rewrites += 1;
            }
            rewrites
        })
    };
    let mut outcomes = std::collections::BTreeSet::new();
    for _ in 0..20 {
        let output = citegraph(&["extract", "moving.txt"], dir.path());
        let stderr = stderr_lines(&output);
        match output.status.code() {
            Some(0) => assert!(stderr.is_empty(), "{stderr:?}"),
            // It may read the file right after it was truncated.
            Some(2) => assert_eq!(
                stderr,
                ["citegraph: error: moving.txt: empty file, nothing to read"]
            ),
            other => panic!("exit {other:?}, stderr {stderr:?}"),
        }
        // Every record is a whole citation of one version. A read that stops inside a bracket
        // ("… (Hassel") leaves the name of a scholar cited elsewhere in the text without a
        // year: a yearless mention of the same name, as in any text.
        for record in records(&output) {
            let key = record["key"].as_str().unwrap_or("");
            let whole = key == "Locke 2013" || key == "Hassel 2008";
            let cut = record["kind"] == "yearless" && (key == "Locke" || key == "Hassel");
            assert!(whole || cut, "a record read from a torn file: {record}");
            outcomes.insert(key.to_string());
        }
    }
    stop.store(true, std::sync::atomic::Ordering::Relaxed);
    let rewrites = writer.join().expect("writer");
    println!("20 runs during {rewrites} rewrites saw {outcomes:?}");
}

#[test]
fn an_output_path_under_a_file_is_an_error_and_nothing_is_written() {
    let dir = tempfile::tempdir().expect("temp dir");
    fs::write(dir.path().join("a.txt"), "(Locke, 2013)").expect("write");
    fs::write(dir.path().join("notes"), "a file, not a directory").expect("write");
    let output = citegraph(&["extract", "a.txt", "-o", "notes/out.jsonl"], dir.path());
    assert_eq!(output.status.code(), Some(2));
    assert_eq!(
        stderr_lines(&output),
        ["citegraph: error: notes/out.jsonl: cannot write: not a directory"]
    );
    assert!(output.stdout.is_empty());
    assert_eq!(
        fs::read_to_string(dir.path().join("notes")).expect("read"),
        "a file, not a directory"
    );
    assert!(leftovers(dir.path()).is_empty());
    // An output path that is a directory.
    fs::create_dir(dir.path().join("out")).expect("dir");
    let output = citegraph(&["extract", "a.txt", "-o", "out"], dir.path());
    assert_eq!(output.status.code(), Some(2));
    let lines = stderr_lines(&output);
    assert_eq!(lines.len(), 1);
    assert!(
        lines[0].starts_with("citegraph: error: out: cannot write: "),
        "{lines:?}"
    );
    assert!(
        leftovers(dir.path()).is_empty(),
        "{:?}",
        leftovers(dir.path())
    );
    assert!(dir.path().join("out").is_dir());
}

#[test]
fn a_read_only_output_directory_is_an_error() {
    let dir = tempfile::tempdir().expect("temp dir");
    fs::write(dir.path().join("a.txt"), "(Locke, 2013)").expect("write");
    let locked = dir.path().join("locked");
    fs::create_dir(&locked).expect("dir");
    let mut permissions = fs::metadata(&locked).expect("metadata").permissions();
    std::os::unix::fs::PermissionsExt::set_mode(&mut permissions, 0o555);
    fs::set_permissions(&locked, permissions).expect("chmod");
    let probe = locked.join("probe");
    let target = if fs::write(&probe, "x").is_err() {
        "locked/out.jsonl".to_string()
    } else {
        let _ = fs::remove_file(&probe);
        // Root writes into a directory of mode 555; sysfs refuses new files to everyone.
        println!("running as root: mode 555 stops nothing; writing into /sys instead");
        "/sys/out.jsonl".to_string()
    };
    let output = citegraph(&["extract", "a.txt", "-o", &target], dir.path());
    assert_eq!(output.status.code(), Some(2));
    let lines = stderr_lines(&output);
    let allowed = [
        format!("citegraph: error: {target}: cannot write: permission denied"),
        format!("citegraph: error: {target}: cannot write: read-only file system"),
    ];
    assert!(lines.len() == 1 && allowed.contains(&lines[0]), "{lines:?}");
    assert!(output.stdout.is_empty());
    assert!(!Path::new(&target).exists() || target.starts_with("/sys"));
    assert!(fs::read_dir(&locked).expect("list").next().is_none());
}

#[test]
fn a_write_error_midway_leaves_the_old_output_untouched() {
    let dir = tempfile::tempdir().expect("temp dir");
    fs::write(dir.path().join("big.txt"), many_citations(20_000)).expect("write");
    fs::write(dir.path().join("out.jsonl"), "the previous run's output\n").expect("write");
    // A file size limit of 64 KiB makes the write fail after the first buffers went out; the
    // shell ignores SIGXFSZ so that the write returns EFBIG instead of killing the process.
    let output = Command::new("sh")
        .arg("-c")
        .arg(format!(
            "trap '' XFSZ; ulimit -f 128; exec '{}' extract big.txt -o out.jsonl",
            env!("CARGO_BIN_EXE_citegraph")
        ))
        .current_dir(dir.path())
        .stdin(Stdio::null())
        .output()
        .expect("sh runs");
    assert_eq!(output.status.code(), Some(2), "{:?}", stderr_lines(&output));
    assert_eq!(
        stderr_lines(&output),
        ["citegraph: error: out.jsonl: cannot write: file too large"]
    );
    assert_eq!(
        fs::read_to_string(dir.path().join("out.jsonl")).expect("read"),
        "the previous run's output\n"
    );
    assert!(
        leftovers(dir.path()).is_empty(),
        "{:?}",
        leftovers(dir.path())
    );
}

#[test]
fn a_full_standard_output_is_an_error() {
    let dir = tempfile::tempdir().expect("temp dir");
    fs::write(dir.path().join("big.txt"), many_citations(5_000)).expect("write");
    let full = fs::OpenOptions::new()
        .write(true)
        .open("/dev/full")
        .expect("/dev/full");
    let output = Command::new(env!("CARGO_BIN_EXE_citegraph"))
        .args(["extract", "big.txt"])
        .current_dir(dir.path())
        .stdin(Stdio::null())
        .stdout(full)
        .stderr(Stdio::piped())
        .output()
        .expect("citegraph runs");
    assert_eq!(output.status.code(), Some(2));
    assert_eq!(
        stderr_lines(&output),
        ["citegraph: error: standard output: no space left on device"]
    );
}

#[test]
fn a_closed_pipe_ends_the_run_quietly() {
    let dir = tempfile::tempdir().expect("temp dir");
    fs::write(dir.path().join("big.txt"), many_citations(20_000)).expect("write");
    let mut child = Command::new(env!("CARGO_BIN_EXE_citegraph"))
        .args(["extract", "big.txt"])
        .current_dir(dir.path())
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn");
    // Read one line, then close the pipe, as `head -1` does.
    {
        let stdout = child.stdout.take().expect("stdout");
        let mut reader = std::io::BufReader::new(stdout);
        let mut first = String::new();
        std::io::BufRead::read_line(&mut reader, &mut first).expect("read");
        assert!(first.contains("\"key\":\"Locke 1900\""), "{first}");
    }
    let output = child.wait_with_output().expect("wait");
    assert_eq!(output.status.code(), Some(0));
    assert_eq!(stderr_lines(&output), Vec::<String>::new());
}
