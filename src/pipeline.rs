//! The analysis of a corpus, document by document: who wrote it (its key as a work), its
//! citations, and its claims and stances. Pure: documents and manifest entries in, records out.

use rayon::prelude::*;

use crate::citation::{extract, Citation};
use crate::claims::{self, Analyzer};
use crate::ingest::{Document, Origin};
use crate::manifest::ManifestEntry;

/// Who a document is, as a work of the corpus.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Identity {
    /// Its key as a work: "Lund-Thomsen and Lindgreen 2014", a manifest label, or its file
    /// name.
    pub key: String,
    /// Surnames of its authors (empty when unknown).
    pub authors: Vec<String>,
    /// Its year, when known.
    pub year: Option<String>,
    /// Its title, when known.
    pub title: Option<String>,
    /// Other keys it is cited under.
    pub aliases: Vec<String>,
}

impl Identity {
    /// The identity a manifest entry gives, or the file name when there is none.
    #[must_use]
    pub fn of(document: &Document, entry: Option<&ManifestEntry>) -> Self {
        if let Some(entry) = entry {
            if let Some(key) = entry.key() {
                return Self {
                    key,
                    authors: entry.authors.clone(),
                    year: entry.year.clone(),
                    title: entry.title.clone(),
                    aliases: entry.aliases.clone(),
                };
            }
        }
        let key = match &document.origin {
            Origin::File(path) => path.file_name().map_or_else(
                || document.name.clone(),
                |n| n.to_string_lossy().into_owned(),
            ),
            Origin::Stdin => document.name.clone(),
        };
        Self {
            key,
            authors: Vec::new(),
            year: None,
            title: None,
            aliases: Vec::new(),
        }
    }
}

/// Everything read from one document.
#[derive(Debug, Clone)]
pub struct DocumentAnalysis {
    /// The document.
    pub document: Document,
    /// Who it is.
    pub identity: Identity,
    /// Its citations in text order.
    pub citations: Vec<Citation>,
    /// Its sentences, claims toward paradigms, and stances toward cited works.
    pub claims: claims::Analysis,
}

/// Analyses every document (in parallel; the result keeps the input order). `entries` gives
/// each document's manifest entry, aligned with `documents`.
#[must_use]
pub fn analyse(
    documents: Vec<Document>,
    entries: &[Option<ManifestEntry>],
    analyzer: &Analyzer,
) -> Vec<DocumentAnalysis> {
    documents
        .into_par_iter()
        .enumerate()
        .map(|(index, document)| {
            let identity = Identity::of(&document, entries.get(index).and_then(Option::as_ref));
            let citations = extract(&document);
            let claims = analyzer.analyse_ingested(&document, &identity.key, &citations);
            DocumentAnalysis {
                document,
                identity,
                citations,
                claims,
            }
        })
        .collect()
}
