//! The corpus manifest (`corpus.toml`): who wrote each document, so that a document and the
//! citations of it by other documents become one work.
//!
//! ```toml
//! [[document]]
//! file = "000_1cf8a18edd3c7ac0.txt"          # relative to the manifest's directory
//! authors = ["Lund-Thomsen", "Lindgreen"]     # surnames, in order
//! year = "2014"
//! title = "Corporate Social Responsibility in Global Value Chains"
//! aliases = ["Lund-Thomsen and Lindgreen 2013"]  # other keys it is cited by
//!
//! [[document]]
//! file = "001_1744c494d94a788d.txt"
//! label = "Global labor governance and direct production (001)"  # when no authors are known
//! ```
//!
//! Unknown fields are errors, so a misspelt `author =` does not silently drop the authors.

use serde::Deserialize;
use thiserror::Error;

/// A parsed manifest.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Manifest {
    /// One entry per document.
    #[serde(default, rename = "document")]
    pub documents: Vec<ManifestDocument>,
}

/// One `[[document]]` entry.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ManifestDocument {
    /// The file, relative to the manifest's directory.
    pub file: String,
    /// Its authors' surnames, in order.
    #[serde(default)]
    pub authors: Vec<String>,
    /// Its year of publication.
    pub year: Option<String>,
    /// Its title.
    pub title: Option<String>,
    /// Other keys it is cited by.
    #[serde(default)]
    pub aliases: Vec<String>,
    /// A label for a document without known authors.
    pub label: Option<String>,
}

/// Why a manifest could not be read.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum ManifestError {
    /// Not TOML of the manifest's shape.
    #[error("line {line}: {message}")]
    Syntax {
        /// 1-based line of the problem (1 when TOML gives no position).
        line: usize,
        /// What is wrong.
        message: String,
    },
    /// An entry names no file.
    #[error("document entry {entry} has an empty `file`")]
    EmptyFile {
        /// 1-based number of the entry.
        entry: usize,
    },
    /// Two entries name the same file.
    #[error("`{file}` is listed twice")]
    Duplicate {
        /// The file.
        file: String,
    },
}

impl Manifest {
    /// Parses a manifest's text.
    ///
    /// # Errors
    /// [`ManifestError`] for text that is not a manifest, an empty `file` or a file listed
    /// twice.
    pub fn parse(text: &str) -> Result<Self, ManifestError> {
        let manifest: Manifest = toml::from_str(text).map_err(|error| ManifestError::Syntax {
            line: error.span().map_or(1, |span| {
                1 + text.as_bytes()[..span.start.min(text.len())]
                    .iter()
                    .filter(|&&byte| byte == b'\n')
                    .count()
            }),
            message: error.message().trim().to_string(),
        })?;
        let mut seen = std::collections::BTreeSet::new();
        for (index, document) in manifest.documents.iter().enumerate() {
            if document.file.trim().is_empty() {
                return Err(ManifestError::EmptyFile { entry: index + 1 });
            }
            if !seen.insert(document.file.as_str()) {
                return Err(ManifestError::Duplicate {
                    file: document.file.clone(),
                });
            }
        }
        Ok(manifest)
    }
}

#[cfg(test)]
mod tests {
    use super::{Manifest, ManifestError};

    #[test]
    fn reads_entries_with_authors_or_label() {
        let manifest = Manifest::parse(
            "[[document]]\nfile = \"a.txt\"\nauthors = [\"Pyke\", \"Lund-Thomsen\"]\n\
             year = \"2015\"\naliases = [\"Pyke 2014\"]\n\n\
             [[document]]\nfile = \"b.txt\"\nlabel = \"Blog posts\"\n",
        )
        .expect("valid manifest");
        assert_eq!(manifest.documents.len(), 2);
        assert_eq!(manifest.documents[0].authors, vec!["Pyke", "Lund-Thomsen"]);
        assert_eq!(manifest.documents[0].aliases, vec!["Pyke 2014"]);
        assert_eq!(manifest.documents[1].label.as_deref(), Some("Blog posts"));
        assert_eq!(
            Manifest::parse("").expect("empty is fine").documents,
            vec![]
        );
    }

    #[test]
    fn rejects_misspelt_fields_empty_and_repeated_files() {
        assert!(matches!(
            Manifest::parse("[[document]]\nfile = \"a.txt\"\nauthor = [\"X\"]\n"),
            Err(ManifestError::Syntax { line: 3, .. })
        ));
        assert_eq!(
            Manifest::parse("[[document]]\nfile = \" \"\n"),
            Err(ManifestError::EmptyFile { entry: 1 })
        );
        assert_eq!(
            Manifest::parse("[[document]]\nfile = \"a\"\n[[document]]\nfile = \"a\"\n"),
            Err(ManifestError::Duplicate { file: "a".into() })
        );
    }
}
