//! The analysis of a corpus: per document, who wrote it (its key as a work), its citations, its
//! reference list, the entry each citation names, and its claims and stances; across the
//! corpus, one identity per work. Pure: documents, manifest entries and bibliography entries
//! in, records out.

use std::collections::HashMap;

use rayon::prelude::*;

use crate::citation::{extract, scan, Citation, CitationKind};
use crate::claims::{self, Analyzer};
use crate::ingest::{Document, Origin};
use crate::link::{self, Resolution};
use crate::manifest::ManifestEntry;
use crate::reference::{self, Diagnostic, ReferenceEntry};

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
    /// Where the identity came from.
    pub source: IdentitySource,
}

/// Where a document's identity came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IdentitySource {
    /// The corpus manifest.
    Manifest,
    /// A front-matter block citing the document ("Citation for published version (APA):").
    FrontMatter,
    /// Nothing better: the file name.
    FileName,
}

impl Identity {
    /// The identity a manifest entry gives, known before the document is read.
    #[must_use]
    pub fn from_manifest(entry: &ManifestEntry) -> Option<Self> {
        Some(Self {
            key: entry.key()?,
            authors: entry.authors.clone(),
            year: entry.year.clone(),
            title: entry.title.clone(),
            aliases: entry.aliases.clone(),
            source: IdentitySource::Manifest,
        })
    }

    /// The identity a manifest entry gives; else the one a front-matter citation block gives;
    /// else the file name.
    #[must_use]
    pub fn of(document: &Document, entry: Option<&ManifestEntry>) -> Self {
        if let Some(identity) = entry.and_then(Self::from_manifest) {
            return identity;
        }
        let text = &document.normalized.text;
        for block in scan::self_citations(text) {
            let Some(citation) = text.get(block.citation.clone()) else {
                continue;
            };
            let (entry, _) = reference::parse_entry(citation.trim());
            if !entry.authors.is_empty() && entry.year.is_some() {
                return Self {
                    key: link::entry_key(&entry),
                    authors: entry.authors.iter().map(|a| a.surname.clone()).collect(),
                    year: entry.year.clone(),
                    title: entry.title.clone(),
                    aliases: Vec::new(),
                    source: IdentitySource::FrontMatter,
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
            source: IdentitySource::FileName,
        }
    }
}

/// A reference-list entry of a document, with offsets and line of the original file.
#[derive(Debug, Clone)]
pub struct Reference {
    /// Its id: "<document>#L<line>".
    pub id: String,
    /// 1-based line of the original file where it starts.
    pub line: usize,
    /// The entry's text, wrapped lines joined.
    pub text: String,
    /// The parsed entry (its span in original offsets).
    pub entry: ReferenceEntry,
    /// What could not be read, with original offsets.
    pub diagnostics: Vec<Diagnostic>,
}

/// An entry of a bibliography file given with `--bib`.
#[derive(Debug, Clone)]
pub struct BibEntry {
    /// Its id: "<file>#<citation key>" (or "#<index>" without a key).
    pub id: String,
    /// The parsed entry.
    pub entry: ReferenceEntry,
}

/// Everything read from one document. Its text is not kept: a corpus of any size is held as
/// its records, not as its texts.
#[derive(Debug, Clone)]
pub struct DocumentAnalysis {
    /// The document's name in outputs (the path as given).
    pub name: String,
    /// Where it came from.
    pub origin: Origin,
    /// Who it is.
    pub identity: Identity,
    /// Its citations in text order.
    pub citations: Vec<Citation>,
    /// Its reference list.
    pub references: Vec<Reference>,
    /// How each citation resolves (aligned with `citations`), against the document's entries
    /// followed by the bibliography's: index `i < references.len()` is `references[i]`, the
    /// rest `bibliography[i - references.len()]`.
    pub resolutions: Vec<Resolution>,
    /// The corpus-wide work each citation names (aligned with `citations`; `None` for yearless
    /// mentions), an index into [`Corpus::works`].
    pub works: Vec<Option<usize>>,
    /// Its claims toward paradigms and stances toward cited works (its sentence ranges are not
    /// kept).
    pub claims: claims::Analysis,
    /// The sentence of each citation (aligned with `citations`) whose stance toward its work is
    /// support or critique, white space folded: the evidence of that stance.
    pub stance_sentences: Vec<Option<String>>,
}

/// One work of the corpus: a document, an entry, or a cited key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Work {
    /// Its key: "Locke et al. 2009".
    pub key: String,
    /// The document it is, if it is one of the corpus.
    pub document: Option<usize>,
    /// Its authors' surnames, when known.
    pub authors: Vec<String>,
    /// Its year.
    pub year: Option<String>,
    /// Its title, when an entry or the manifest gives one.
    pub title: Option<String>,
}

/// The analysis of a whole corpus.
#[derive(Debug, Clone)]
pub struct Corpus {
    /// The documents, in the order given.
    pub documents: Vec<DocumentAnalysis>,
    /// Entries of the `--bib` files.
    pub bibliography: Vec<BibEntry>,
    /// Every work: the documents first (in order), then cited works in order of first citation.
    pub works: Vec<Work>,
}

/// The entry at `index` of a document's resolution list (its own entries, then the
/// bibliography's), with its id.
#[must_use]
pub fn entry_of<'a>(
    analysis: &'a DocumentAnalysis,
    bibliography: &'a [BibEntry],
    index: usize,
) -> Option<(&'a str, &'a ReferenceEntry)> {
    match analysis.references.get(index) {
        Some(reference) => Some((&reference.id, &reference.entry)),
        None => bibliography
            .get(index - analysis.references.len())
            .map(|b| (b.id.as_str(), &b.entry)),
    }
}

impl Corpus {
    /// The entry at `index` of a document's resolution list, with its id.
    #[must_use]
    pub fn entry(&self, document: usize, index: usize) -> Option<(&str, &ReferenceEntry)> {
        entry_of(self.documents.get(document)?, &self.bibliography, index)
    }

    /// The key of the work a citation names (`None` for yearless mentions).
    #[must_use]
    pub fn work_of(&self, document: usize, citation: usize) -> Option<&Work> {
        let index = (*self.documents.get(document)?.works.get(citation)?)?;
        self.works.get(index)
    }
}

/// What the pipeline needs besides the documents.
#[derive(Debug, Clone, Copy)]
pub struct Config<'a> {
    /// The claims reader (lexicon and rules).
    pub analyzer: &'a Analyzer,
    /// Run the claims stage (sentences, claims, stance toward cited works).
    pub claims: bool,
}

/// Analyses every document (in parallel; the result keeps the input order), links citations
/// to entries and gives every work one identity. `entries` gives each document's manifest
/// entry, aligned with `documents`. (The command line streams documents through
/// [`analyse_document`] and [`Works`] instead, so that a corpus is never held as text.)
#[must_use]
pub fn analyse(
    documents: Vec<Document>,
    entries: &[Option<ManifestEntry>],
    bibliography: Vec<BibEntry>,
    config: Config<'_>,
) -> Corpus {
    let mut works = Works::default();
    let upfront: Vec<Option<usize>> = entries
        .iter()
        .map(|entry| {
            let identity = entry.as_ref().and_then(Identity::from_manifest)?;
            Some(works.add_identity(&identity, None))
        })
        .collect();
    let mut analyses: Vec<DocumentAnalysis> = documents
        .into_par_iter()
        .enumerate()
        .map(|(index, document)| {
            analyse_document(
                document,
                entries.get(index).and_then(Option::as_ref),
                &bibliography,
                config,
            )
        })
        .collect();
    for (position, analysis) in analyses.iter_mut().enumerate() {
        match upfront.get(position).copied().flatten() {
            Some(id) => works.attach_document(id, position),
            None => {
                works.add_identity(&analysis.identity, Some(position));
            }
        }
        works.add_citations(analysis, &bibliography);
    }
    Corpus {
        documents: analyses,
        bibliography,
        works: works.into_list(),
    }
}

/// Analyses one document: identity, citations, reference list, links, and (with
/// `config.claims`) claims and stances. The text is dropped once read.
#[must_use]
pub fn analyse_document(
    document: Document,
    entry: Option<&ManifestEntry>,
    bibliography: &[BibEntry],
    config: Config<'_>,
) -> DocumentAnalysis {
    let identity = Identity::of(&document, entry);
    let citations = extract(&document);
    let references = references_of(&document);
    let pool: Vec<&ReferenceEntry> = references
        .iter()
        .map(|r| &r.entry)
        .chain(bibliography.iter().map(|b| &b.entry))
        .collect();
    let resolutions = citations
        .iter()
        .map(|citation| {
            if citation.kind == CitationKind::Yearless {
                Resolution::Unmatched { suggestion: None }
            } else {
                link::resolve(citation, &pool)
            }
        })
        .collect();
    let mut claims = if config.claims {
        config
            .analyzer
            .analyse_ingested(&document, &identity.key, &citations)
    } else {
        claims::Analysis {
            sentences: Vec::new(),
            claims: Vec::new(),
            citations: Vec::new(),
        }
    };
    claims.sentences = Vec::new();
    let stance_sentences = claims
        .citations
        .iter()
        .map(|stance| {
            (stance.stance != claims::WorkStance::Neutral)
                .then(|| {
                    document
                        .text
                        .get(stance.sentence_start..stance.sentence_end)
                })
                .flatten()
                .map(scan::collapse_ws)
        })
        .collect();
    DocumentAnalysis {
        name: document.name,
        origin: document.origin,
        identity,
        works: Vec::new(),
        citations,
        references,
        resolutions,
        claims,
        stance_sentences,
    }
}

/// The reference list of a document, read from its normalised text, with offsets and lines of
/// the original file.
#[must_use]
pub fn references_of(document: &Document) -> Vec<Reference> {
    let to_original = |span: &std::ops::Range<usize>| {
        let start = document.original_offset(span.start);
        start..document.original_end(span.end).max(start)
    };
    reference::extract_references(&document.normalized.text)
        .into_iter()
        .map(|found| {
            let mut entry = found.entry;
            entry.span = to_original(&entry.span);
            let line = document.line_of(entry.span.start);
            Reference {
                id: format!("{}#L{line}", document.name),
                line,
                text: found.text,
                entry,
                diagnostics: found
                    .diagnostics
                    .into_iter()
                    .map(|d| Diagnostic {
                        span: to_original(&d.span),
                        message: d.message,
                    })
                    .collect(),
            }
        })
        .collect()
}

/// One identity per work across a corpus, built document by document: documents (by their key
/// and aliases), then each citation's work — the entry it is linked to, or its own key — merged
/// by folded key, so "Locke et al. 2009" cited in two documents is one work, and a citation of
/// a document's key or alias is that document.
#[derive(Debug, Clone, Default)]
pub struct Works {
    list: Vec<Work>,
    index: HashMap<String, usize>,
}

impl Works {
    /// The works so far.
    #[must_use]
    pub fn list(&self) -> &[Work] {
        &self.list
    }

    /// The works.
    #[must_use]
    pub fn into_list(self) -> Vec<Work> {
        self.list
    }

    /// Registers a document's identity (at corpus position `document`, when it has been read)
    /// and returns its work. A work already cited under the key becomes the document's.
    pub fn add_identity(&mut self, identity: &Identity, document: Option<usize>) -> usize {
        let id = match self.index.get(&link::fold(&identity.key)) {
            Some(&id) => id,
            None => {
                self.list.push(Work {
                    key: identity.key.clone(),
                    document: None,
                    authors: Vec::new(),
                    year: None,
                    title: None,
                });
                self.list.len() - 1
            }
        };
        let work = &mut self.list[id];
        work.key.clone_from(&identity.key);
        work.authors.clone_from(&identity.authors);
        work.year.clone_from(&identity.year);
        if identity.title.is_some() {
            work.title.clone_from(&identity.title);
        }
        if document.is_some() {
            work.document = document;
        }
        for key in std::iter::once(&identity.key).chain(&identity.aliases) {
            self.index.entry(link::fold(key)).or_insert(id);
        }
        id
    }

    /// Marks a work registered before its document was read as that document.
    pub fn attach_document(&mut self, id: usize, document: usize) {
        if let Some(work) = self.list.get_mut(id) {
            work.document = Some(document);
        }
    }

    /// Gives each citation of `analysis` its work (`analysis.works`).
    pub fn add_citations(&mut self, analysis: &mut DocumentAnalysis, bibliography: &[BibEntry]) {
        let mut assigned = Vec::with_capacity(analysis.citations.len());
        for (citation, resolution) in analysis.citations.iter().zip(&analysis.resolutions) {
            if citation.kind == CitationKind::Yearless {
                assigned.push(None);
                continue;
            }
            let entry = resolution
                .entry()
                .and_then(|i| entry_of(analysis, bibliography, i))
                .map(|(_, entry)| entry);
            let key = entry.map_or_else(|| citation.key(), link::entry_key);
            let folded = link::fold(&key);
            let id = match self.index.get(&folded) {
                Some(&id) => id,
                None => {
                    self.list.push(Work {
                        key: key.clone(),
                        document: None,
                        authors: entry.map_or_else(
                            || citation.authors.clone(),
                            |e| e.authors.iter().map(|a| a.surname.clone()).collect(),
                        ),
                        year: entry
                            .and_then(|e| e.year.clone())
                            .or_else(|| citation.year.clone()),
                        title: None,
                    });
                    self.index.insert(folded, self.list.len() - 1);
                    self.list.len() - 1
                }
            };
            if self.list[id].title.is_none() {
                self.list[id].title = entry.and_then(|e| e.title.clone());
            }
            assigned.push(Some(id));
        }
        analysis.works = assigned;
    }
}
