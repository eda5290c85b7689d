//! The citation check a journal runs before publication: citations that match no entry,
//! entries never cited, near misses with the entry most likely meant, and ambiguous citations,
//! each with its file and line. Pure: a corpus analysis in, findings out.

use serde::Serialize;

use crate::citation::CitationKind;
use crate::link::Resolution;
use crate::pipeline::Corpus;

/// What kind of problem a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum FindingKind {
    /// A citation that matches no entry.
    Unmatched,
    /// A citation that nearly matches an entry (spelling, year, author order or count).
    NearMiss,
    /// A citation that fits several entries equally well.
    Ambiguous,
    /// An entry of the reference list that no citation names.
    Uncited,
    /// A document with citations but no reference list (and no `--bib`).
    NoReferences,
}

impl FindingKind {
    /// The name printed for people.
    #[must_use]
    pub fn label(self) -> &'static str {
        match self {
            Self::Unmatched => "unmatched citation",
            Self::NearMiss => "near miss",
            Self::Ambiguous => "ambiguous citation",
            Self::Uncited => "entry never cited",
            Self::NoReferences => "no reference list",
        }
    }
}

/// A reference entry named in a finding.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct EntryInfo {
    /// Its id ("<doc>#L343", "<file>#<key>").
    pub id: String,
    /// Its line in the document, when it is in one.
    pub line: Option<usize>,
    /// Its text as printed (bibliography entries: authors and year).
    pub text: String,
}

/// One problem.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Finding {
    /// The document.
    pub doc: String,
    /// The line of the citation (or of the entry, for `uncited`).
    pub line: usize,
    /// What kind of problem.
    pub kind: FindingKind,
    /// The citation as printed, when the problem is a citation's.
    pub citation: Option<String>,
    /// The entry concerned: the one never cited, or the one most likely meant.
    pub entry: Option<EntryInfo>,
    /// The entries an ambiguous citation fits.
    pub candidates: Vec<EntryInfo>,
    /// What is wrong, for people.
    pub message: String,
}

fn entry_info(corpus: &Corpus, document: usize, index: usize) -> Option<EntryInfo> {
    let analysis = corpus.documents.get(document)?;
    if let Some(reference) = analysis.references.get(index) {
        return Some(EntryInfo {
            id: reference.id.clone(),
            line: Some(reference.line),
            text: reference.text.clone(),
        });
    }
    let (id, entry) = corpus.entry(document, index)?;
    Some(EntryInfo {
        id: id.to_string(),
        line: None,
        text: crate::link::entry_key(entry),
    })
}

/// Every problem of every document, ordered by document, line and kind.
#[must_use]
pub fn check(corpus: &Corpus) -> Vec<Finding> {
    let mut all = Vec::new();
    for (position, analysis) in corpus.documents.iter().enumerate() {
        let mut findings = Vec::new();
        let doc = analysis.name.clone();
        let dated = analysis
            .citations
            .iter()
            .filter(|c| c.kind != CitationKind::Yearless)
            .count();
        if analysis.references.is_empty() && corpus.bibliography.is_empty() {
            if dated > 0 {
                findings.push(Finding {
                    doc,
                    line: 1,
                    kind: FindingKind::NoReferences,
                    citation: None,
                    entry: None,
                    candidates: Vec::new(),
                    message: format!(
                        "no reference list found and no --bib given: {dated} citations not checked"
                    ),
                });
            }
            all.extend(findings);
            continue;
        }
        let mut cited = vec![false; analysis.references.len()];
        for (citation, resolution) in analysis.citations.iter().zip(&analysis.resolutions) {
            if citation.kind == CitationKind::Yearless {
                continue;
            }
            let mut finding = |kind, entry, candidates, message| {
                findings.push(Finding {
                    doc: doc.clone(),
                    line: citation.line,
                    kind,
                    citation: Some(citation.raw.clone()),
                    entry,
                    candidates,
                    message,
                });
            };
            match resolution {
                Resolution::Exact { entry } => {
                    if let Some(flag) = cited.get_mut(*entry) {
                        *flag = true;
                    }
                }
                Resolution::Near { entry, differences } => {
                    if let Some(flag) = cited.get_mut(*entry) {
                        *flag = true;
                    }
                    if citation.ibid {
                        continue;
                    }
                    let what: Vec<String> = differences.iter().map(|d| d.describe()).collect();
                    finding(
                        FindingKind::NearMiss,
                        entry_info(corpus, position, *entry),
                        Vec::new(),
                        what.join("; "),
                    );
                }
                Resolution::Ambiguous { entries } => {
                    if citation.ibid {
                        continue;
                    }
                    for &entry in entries {
                        if let Some(flag) = cited.get_mut(entry) {
                            *flag = true;
                        }
                    }
                    finding(
                        FindingKind::Ambiguous,
                        None,
                        entries
                            .iter()
                            .filter_map(|&e| entry_info(corpus, position, e))
                            .collect(),
                        format!("{} entries fit equally well", entries.len()),
                    );
                }
                Resolution::Unmatched { suggestion } => {
                    if citation.ibid {
                        continue;
                    }
                    match suggestion {
                        Some((entry, differences)) => {
                            if let Some(flag) = cited.get_mut(*entry) {
                                *flag = true;
                            }
                            let what: Vec<String> =
                                differences.iter().map(|d| d.describe()).collect();
                            finding(
                                FindingKind::NearMiss,
                                entry_info(corpus, position, *entry),
                                Vec::new(),
                                format!("no entry matches; likely meant: {}", what.join("; ")),
                            );
                        }
                        None => finding(
                            FindingKind::Unmatched,
                            None,
                            Vec::new(),
                            "no entry with this first author and year".to_string(),
                        ),
                    }
                }
            }
        }
        for (index, was_cited) in cited.iter().enumerate() {
            if *was_cited {
                continue;
            }
            let Some(reference) = analysis.references.get(index) else {
                continue;
            };
            findings.push(Finding {
                doc: doc.clone(),
                line: reference.line,
                kind: FindingKind::Uncited,
                citation: None,
                entry: entry_info(corpus, position, index),
                candidates: Vec::new(),
                message: "no citation in the text names this entry".to_string(),
            });
        }
        findings.sort_by(|a, b| (a.line, a.kind, &a.citation).cmp(&(b.line, b.kind, &b.citation)));
        all.extend(findings);
    }
    all
}
