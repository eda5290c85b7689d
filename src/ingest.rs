//! Ingest: turning paths into decoded, normalised documents, and saying what was wrong with the
//! ones that could not be read.
//!
//! This is one of the few modules that touch the file system. Every problem is reported as an
//! [`InputProblem`] naming the file; the caller decides how to print it, and the other inputs of
//! a run are still read.

use std::fmt;
use std::fs;
use std::io::{self, Read};
use std::path::{Path, PathBuf};

use crate::normalize::{normalize, Normalized};

/// Where a document came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Origin {
    /// A file, named by the path as the user gave it (or as found under a directory they gave).
    File(PathBuf),
    /// Standard input, given as `-`.
    Stdin,
}

impl Origin {
    /// The name used for the document in every output: the path as given, or `-` for stdin.
    #[must_use]
    pub fn name(&self) -> String {
        match self {
            Origin::File(path) => path.display().to_string(),
            Origin::Stdin => "-".to_string(),
        }
    }
}

/// A readable text, decoded and normalised.
#[derive(Debug, Clone)]
pub struct Document {
    /// The document's name in outputs (see [`Origin::name`]).
    pub name: String,
    /// Where it came from.
    pub origin: Origin,
    /// The decoded text (UTF-8; a UTF-8 byte order mark removed, UTF-16 transcoded).
    pub text: String,
    /// The normalised copy the parsers read.
    pub normalized: Normalized,
    /// Byte offsets where each line of `text` starts.
    line_starts: Vec<usize>,
}

impl Document {
    /// A document from text already in memory (tests, benchmarks, generated corpora).
    #[must_use]
    pub fn from_text(name: &str, text: String) -> Self {
        let normalized = normalize(&text);
        let line_starts = std::iter::once(0)
            .chain(memchr::memchr_iter(b'\n', text.as_bytes()).map(|i| i + 1))
            .collect();
        Self {
            name: name.to_string(),
            origin: Origin::File(PathBuf::from(name)),
            text,
            normalized,
            line_starts,
        }
    }

    /// The 1-based line of `text` holding byte `offset`.
    #[must_use]
    pub fn line_of(&self, offset: usize) -> usize {
        self.line_starts.partition_point(|&start| start <= offset)
    }

    /// The offset in `text` of a normalised-text offset.
    #[must_use]
    pub fn original_offset(&self, norm: usize) -> usize {
        self.normalized.map.to_original(norm)
    }

    /// The exclusive end offset in `text` of a normalised-text end offset.
    #[must_use]
    pub fn original_end(&self, norm: usize) -> usize {
        self.normalized.map.to_original_end(norm)
    }
}

/// A problem with one input. `fatal` problems mean the input was not processed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InputProblem {
    /// The path as given (or found), `-` for stdin.
    pub path: String,
    /// What is wrong, lower case, one line.
    pub message: String,
    /// The input could not be processed (a warning otherwise).
    pub fatal: bool,
}

impl fmt::Display for InputProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.fatal {
            write!(f, "error: {}: {}", self.path, self.message)
        } else {
            write!(f, "warning: {}: {}", self.path, self.message)
        }
    }
}

impl InputProblem {
    fn fatal(path: impl Into<String>, message: impl Into<String>) -> Self {
        Self {
            path: path.into(),
            message: message.into(),
            fatal: true,
        }
    }

    fn warning(path: impl Into<String>, message: impl Into<String>) -> Self {
        Self {
            path: path.into(),
            message: message.into(),
            fatal: false,
        }
    }
}

/// The extensions read when a directory is given.
pub const TEXT_EXTENSIONS: [&str; 2] = ["txt", "md"];

/// Expands the paths given on the command line into inputs: files as given, directories
/// recursively (files ending in `.txt` or `.md`, in name order, following links, loops
/// reported), `-` as stdin. The same file reached twice is read once.
#[must_use]
pub fn expand_paths(paths: &[PathBuf]) -> (Vec<Origin>, Vec<InputProblem>) {
    let mut origins = Vec::new();
    let mut problems = Vec::new();
    let mut seen = std::collections::HashSet::new();
    let mut push = |origins: &mut Vec<Origin>, path: PathBuf| {
        let identity = fs::canonicalize(&path).unwrap_or_else(|_| path.clone());
        if seen.insert(identity) {
            origins.push(Origin::File(path));
        }
    };
    for path in paths {
        if path.as_os_str() == "-" {
            origins.push(Origin::Stdin);
            continue;
        }
        let display = path.display().to_string();
        match fs::metadata(path) {
            Err(error) => problems.push(InputProblem::fatal(display, describe_io(&error))),
            Ok(meta) if meta.is_dir() => {
                let before = origins.len();
                for entry in walkdir::WalkDir::new(path)
                    .follow_links(true)
                    .sort_by_file_name()
                {
                    match entry {
                        Ok(entry)
                            if entry.file_type().is_file() && has_text_extension(entry.path()) =>
                        {
                            push(&mut origins, entry.into_path());
                        }
                        Ok(_) => {}
                        Err(error) => {
                            let at = error
                                .path()
                                .map_or_else(|| display.clone(), |p| p.display().to_string());
                            let message = if error.loop_ancestor().is_some() {
                                "symbolic link loop, not followed".to_string()
                            } else {
                                error
                                    .io_error()
                                    .map_or_else(|| error.to_string(), describe_io)
                            };
                            problems.push(InputProblem::fatal(at, message));
                        }
                    }
                }
                if origins.len() == before {
                    problems.push(InputProblem::fatal(
                        display,
                        "directory holds no .txt or .md files",
                    ));
                }
            }
            Ok(_) => push(&mut origins, path.clone()),
        }
    }
    (origins, problems)
}

fn has_text_extension(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| TEXT_EXTENSIONS.iter().any(|t| e.eq_ignore_ascii_case(t)))
}

/// A one-line description of an I/O error, without Rust's "(os error N)" suffix.
#[must_use]
pub fn describe_io(error: &io::Error) -> String {
    match error.kind() {
        io::ErrorKind::NotFound => "no such file or directory".to_string(),
        io::ErrorKind::PermissionDenied => "permission denied".to_string(),
        io::ErrorKind::IsADirectory => "is a directory".to_string(),
        _ => {
            let text = error.to_string();
            match text.find(" (os error") {
                Some(cut) => text[..cut].to_lowercase(),
                None => text.to_lowercase(),
            }
        }
    }
}

/// Reads and decodes one input. Warnings (text that was not valid UTF-8) come back beside the
/// document; a fatal problem (unreadable, binary, empty) comes back instead of it.
///
/// # Errors
/// An [`InputProblem`] with `fatal` set when the input cannot be processed.
pub fn read(origin: &Origin) -> Result<(Document, Vec<InputProblem>), InputProblem> {
    let name = origin.name();
    let bytes = match origin {
        Origin::File(path) => {
            fs::read(path).map_err(|e| InputProblem::fatal(&name, describe_io(&e)))?
        }
        Origin::Stdin => {
            let mut buffer = Vec::new();
            io::stdin()
                .lock()
                .read_to_end(&mut buffer)
                .map_err(|e| InputProblem::fatal(&name, describe_io(&e)))?;
            buffer
        }
    };
    let (text, warnings) = decode(&name, &bytes)?;
    let mut document = Document::from_text(&name, text);
    document.origin = origin.clone();
    Ok((document, warnings))
}

/// Decodes the bytes of one input: UTF-8 (a byte order mark dropped), UTF-16 with a byte order
/// mark, or UTF-8 with invalid sequences replaced by U+FFFD and a warning naming the first line.
///
/// # Errors
/// A fatal [`InputProblem`] for empty and binary inputs.
pub fn decode(name: &str, bytes: &[u8]) -> Result<(String, Vec<InputProblem>), InputProblem> {
    if let Some(text) = decode_utf16(bytes) {
        let text = text.map_err(|()| InputProblem::fatal(name, "invalid UTF-16 text"))?;
        return check_not_empty(name, text).map(|t| (t, Vec::new()));
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if looks_binary(bytes) {
        return Err(InputProblem::fatal(name, "binary file (not text), skipped"));
    }
    let mut warnings = Vec::new();
    let text = match std::str::from_utf8(bytes) {
        Ok(text) => text.to_string(),
        Err(error) => {
            let valid = error.valid_up_to();
            let line = 1 + memchr::memchr_iter(b'\n', &bytes[..valid]).count();
            let invalid = bytes
                .utf8_chunks()
                .filter(|chunk| !chunk.invalid().is_empty())
                .count();
            warnings.push(InputProblem::warning(
                name,
                format!(
                    "line {line}: invalid UTF-8 ({invalid} sequence{}) replaced with U+FFFD",
                    if invalid == 1 { "" } else { "s" }
                ),
            ));
            String::from_utf8_lossy(bytes).into_owned()
        }
    };
    check_not_empty(name, text).map(|t| (t, warnings))
}

fn check_not_empty(name: &str, text: String) -> Result<String, InputProblem> {
    if text.trim().is_empty() {
        Err(InputProblem::fatal(name, "empty file, nothing to read"))
    } else {
        Ok(text)
    }
}

/// UTF-16 text with a byte order mark, transcoded; `None` when there is no UTF-16 mark.
fn decode_utf16(bytes: &[u8]) -> Option<Result<String, ()>> {
    let little = match bytes {
        [0xFF, 0xFE, ..] => true,
        [0xFE, 0xFF, ..] => false,
        _ => return None,
    };
    let body = &bytes[2..];
    if body.len() % 2 != 0 {
        return Some(Err(()));
    }
    let units = body.chunks_exact(2).map(|pair| {
        if little {
            u16::from_le_bytes([pair[0], pair[1]])
        } else {
            u16::from_be_bytes([pair[0], pair[1]])
        }
    });
    Some(
        char::decode_utf16(units)
            .collect::<Result<String, _>>()
            .map(|text| text.replace("\r\n", "\n"))
            .map_err(|_| ()),
    )
}

/// A NUL byte in the first 8 KiB, or mostly control bytes, means binary.
fn looks_binary(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(8192)];
    if memchr::memchr(0, head).is_some() {
        return true;
    }
    let control = head
        .iter()
        .filter(|&&b| b < 0x20 && !matches!(b, b'\n' | b'\r' | b'\t' | 0x0C))
        .count();
    !head.is_empty() && control * 10 > head.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decoding_cases() {
        assert_eq!(
            decode("a", b"hello").map(|(t, w)| (t, w.len())),
            Ok(("hello".into(), 0))
        );
        assert_eq!(
            decode("a", b"\xEF\xBB\xBFhi").map(|(t, _)| t),
            Ok("hi".into())
        );
        let utf16: Vec<u8> = [0xFF, 0xFE]
            .into_iter()
            .chain("Locke (2013)\r\n".encode_utf16().flat_map(u16::to_le_bytes))
            .collect();
        assert_eq!(
            decode("a", &utf16).map(|(t, _)| t),
            Ok("Locke (2013)\n".into())
        );
        let Err(problem) = decode("x.txt", b"") else {
            panic!("empty input accepted")
        };
        assert_eq!(
            problem.to_string(),
            "error: x.txt: empty file, nothing to read"
        );
        let Err(problem) = decode("x.bin", b"\x00\x01\x02abc") else {
            panic!("binary input accepted")
        };
        assert_eq!(
            problem.to_string(),
            "error: x.bin: binary file (not text), skipped"
        );
        let Ok((text, warnings)) = decode("u.txt", b"ok\nbad \xFF here\n") else {
            panic!("invalid UTF-8 rejected")
        };
        assert_eq!(text, "ok\nbad \u{FFFD} here\n");
        assert_eq!(
            warnings[0].to_string(),
            "warning: u.txt: line 2: invalid UTF-8 (1 sequence) replaced with U+FFFD"
        );
    }

    #[test]
    fn lines_are_one_based() {
        let doc = Document::from_text("d", "a\nbb\n\nc".to_string());
        assert_eq!(doc.line_of(0), 1);
        assert_eq!(doc.line_of(2), 2);
        assert_eq!(doc.line_of(5), 3);
        assert_eq!(doc.line_of(6), 4);
    }
}
