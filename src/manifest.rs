//! The corpus manifest (`corpus.toml`): who wrote each document, so that a document and the
//! citations of it by other documents become one work.
//!
//! ```toml
//! [[document]]
//! file = "000_1cf8a18edd3c7ac0.txt"
//! authors = ["Lund-Thomsen", "Lindgreen"]
//! year = "2014"
//! title = "Corporate Social Responsibility in Global Value Chains"
//! aliases = ["Lund-Thomsen and Lindgreen 2013"]   # other keys it is cited under
//!
//! [[document]]
//! file = "001_1744c494d94a788d.txt"
//! label = "Global labor governance and direct production (001)"   # when no authors are known
//! ```

use std::collections::HashMap;
use std::fmt;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::citation::work_key;

/// The file name looked for beside the documents.
pub const MANIFEST_NAME: &str = "corpus.toml";

/// One document's entry.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ManifestEntry {
    /// The document's file name (or a path relative to the manifest).
    pub file: String,
    /// Surnames of its authors, in order.
    #[serde(default)]
    pub authors: Vec<String>,
    /// Its year of publication.
    pub year: Option<String>,
    /// Its title.
    pub title: Option<String>,
    /// Other keys it is cited under ("Lund-Thomsen and Lindgreen 2013").
    #[serde(default)]
    pub aliases: Vec<String>,
    /// A label for a document without known authors.
    pub label: Option<String>,
}

impl ManifestEntry {
    /// The document's key as a work: "Lund-Thomsen and Lindgreen 2014", or its label.
    #[must_use]
    pub fn key(&self) -> Option<String> {
        if self.authors.is_empty() {
            self.label.clone()
        } else {
            Some(work_key(&self.authors, false, self.year.as_deref()))
        }
    }
}

/// A parsed manifest.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Manifest {
    /// Where it was read from.
    pub path: PathBuf,
    /// Its entries in file order.
    pub documents: Vec<ManifestEntry>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ManifestFile {
    #[serde(default, rename = "document")]
    documents: Vec<ManifestEntry>,
}

/// A manifest that cannot be read: one line, with the file, line and column.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ManifestError {
    /// The manifest's path.
    pub path: String,
    /// What is wrong, with line and column when known.
    pub message: String,
}

impl fmt::Display for ManifestError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.path, self.message)
    }
}

impl Manifest {
    /// Parses manifest text read from `path`.
    ///
    /// # Errors
    /// A [`ManifestError`] naming the line and column of the first problem.
    pub fn parse(path: &Path, text: &str) -> Result<Self, ManifestError> {
        let parsed: ManifestFile = toml::from_str(text).map_err(|e| ManifestError {
            path: path.display().to_string(),
            message: toml_message(text, &e),
        })?;
        for (index, entry) in parsed.documents.iter().enumerate() {
            if entry.authors.is_empty() && entry.label.is_none() {
                return Err(ManifestError {
                    path: path.display().to_string(),
                    message: format!(
                        "document {} ({}): needs `authors` or a `label`",
                        index + 1,
                        entry.file
                    ),
                });
            }
        }
        Ok(Self {
            path: path.to_path_buf(),
            documents: parsed.documents,
        })
    }

    /// Reads and parses the manifest at `path`.
    ///
    /// # Errors
    /// A [`ManifestError`] when the file cannot be read or parsed.
    pub fn read(path: &Path) -> Result<Self, ManifestError> {
        let text = std::fs::read_to_string(path).map_err(|e| ManifestError {
            path: path.display().to_string(),
            message: crate::ingest::describe_io(&e),
        })?;
        Self::parse(path, &text)
    }

    /// The entry of a document, matched by file name (or by path relative to the manifest).
    #[must_use]
    pub fn entry_for(&self, document_path: &Path) -> Option<&ManifestEntry> {
        let name = document_path.file_name()?.to_str()?;
        let base = self.path.parent().unwrap_or_else(|| Path::new(""));
        self.documents
            .iter()
            .find(|entry| entry.file == name || same_file(&base.join(&entry.file), document_path))
    }
}

/// The entries of one manifest found for many documents, as [`Manifest::entry_for`] finds
/// them, with each entry's path resolved once rather than once per document (a corpus of ten
/// thousand files would otherwise resolve a hundred million paths before reading a byte).
#[derive(Debug)]
pub struct Lookup<'m> {
    manifest: &'m Manifest,
    /// The first entry of each `file` value.
    by_name: HashMap<&'m str, usize>,
    /// The first entry of each resolved path.
    by_path: HashMap<PathBuf, usize>,
}

impl Manifest {
    /// A [`Lookup`] of this manifest's entries.
    #[must_use]
    pub fn lookup(&self) -> Lookup<'_> {
        let base = self.path.parent().unwrap_or_else(|| Path::new(""));
        let mut by_name = HashMap::new();
        let mut by_path = HashMap::new();
        for (index, entry) in self.documents.iter().enumerate() {
            by_name.entry(entry.file.as_str()).or_insert(index);
            if let Ok(path) = std::fs::canonicalize(base.join(&entry.file)) {
                by_path.entry(path).or_insert(index);
            }
        }
        Lookup {
            manifest: self,
            by_name,
            by_path,
        }
    }
}

impl<'m> Lookup<'m> {
    /// The entry [`Manifest::entry_for`] gives: the first whose file is the document's name or
    /// resolves to the same file.
    #[must_use]
    pub fn entry_for(&self, document_path: &Path) -> Option<&'m ManifestEntry> {
        let name = document_path.file_name()?.to_str()?;
        let by_name = self.by_name.get(name).copied();
        let by_path = std::fs::canonicalize(document_path)
            .ok()
            .and_then(|path| self.by_path.get(&path).copied());
        let index = match (by_name, by_path) {
            (Some(a), Some(b)) => a.min(b),
            (a, b) => a.or(b)?,
        };
        self.manifest.documents.get(index)
    }
}

fn same_file(a: &Path, b: &Path) -> bool {
    match (std::fs::canonicalize(a), std::fs::canonicalize(b)) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    }
}

/// A TOML error as one line: "line L, column C: message".
#[must_use]
pub fn toml_message(text: &str, error: &toml::de::Error) -> String {
    let message = error.message().trim().replace('\n', " ");
    match error.span() {
        Some(span) => {
            let before = &text[..span.start.min(text.len())];
            let line = before.matches('\n').count() + 1;
            let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
            format!("line {line}, column {column}: {message}")
        }
        None => message,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_the_corpus_format() {
        let text = r#"
[[document]]
file = "000.txt"
authors = ["Lund-Thomsen", "Lindgreen"]
year = "2014"
aliases = ["Lund-Thomsen and Lindgreen 2013"]

[[document]]
file = "001.txt"
label = "Direct production (001)"
"#;
        let manifest = Manifest::parse(Path::new("corpus.toml"), text).expect("valid");
        assert_eq!(manifest.documents.len(), 2);
        assert_eq!(
            manifest.documents[0].key().as_deref(),
            Some("Lund-Thomsen and Lindgreen 2014")
        );
        assert_eq!(
            manifest.documents[1].key().as_deref(),
            Some("Direct production (001)")
        );
        assert!(manifest.entry_for(Path::new("some/dir/001.txt")).is_some());
    }

    #[test]
    fn a_lookup_finds_what_entry_for_finds() {
        let dir = tempfile::tempdir().expect("a temporary directory");
        let sub = dir.path().join("sub");
        std::fs::create_dir(&sub).expect("a subdirectory");
        for file in ["a.txt", "b.txt", "sub/b.txt", "sub/c.txt"] {
            std::fs::write(dir.path().join(file), "text").expect("written");
        }
        let text = "[[document]]\nfile = \"sub/b.txt\"\nlabel = \"1\"\n\
                    [[document]]\nfile = \"b.txt\"\nlabel = \"2\"\n\
                    [[document]]\nfile = \"a.txt\"\nlabel = \"3\"\n\
                    [[document]]\nfile = \"./a.txt\"\nlabel = \"4\"\n\
                    [[document]]\nfile = \"sub/c.txt\"\nlabel = \"5\"\n";
        let manifest = Manifest::parse(&dir.path().join("corpus.toml"), text).expect("valid");
        let lookup = manifest.lookup();
        for file in [
            "a.txt",
            "b.txt",
            "sub/b.txt",
            "sub/c.txt",
            "c.txt",
            "missing.txt",
        ] {
            let path = dir.path().join(file);
            assert_eq!(
                lookup.entry_for(&path).map(|e| e.file.as_str()),
                manifest.entry_for(&path).map(|e| e.file.as_str()),
                "{file}"
            );
        }
        assert_eq!(
            lookup
                .entry_for(&sub.join("c.txt"))
                .map(|e| e.file.as_str()),
            Some("sub/c.txt")
        );
    }

    #[test]
    fn errors_name_line_and_column() {
        let text = "[[document]]\nfile = \"a.txt\"\nauthors = [\"A\"\n";
        let error = Manifest::parse(Path::new("corpus.toml"), text).expect_err("malformed");
        assert!(
            error
                .to_string()
                .starts_with("corpus.toml: line 4, column 1:"),
            "{error}"
        );
        let error = Manifest::parse(Path::new("c.toml"), "[[document]]\nfile = \"a.txt\"\n")
            .expect_err("no authors");
        assert_eq!(
            error.to_string(),
            "c.toml: document 1 (a.txt): needs `authors` or a `label`"
        );
        let error = Manifest::parse(
            Path::new("c.toml"),
            "[[document]]\nfile = \"a\"\nlabel = \"x\"\nauthor = []\n",
        )
        .expect_err("unknown field");
        assert!(error.to_string().contains("line 4, column 1"), "{error}");
    }
}
