//! Writing results: the record formats of `extract`, and writing a file so that a reader never
//! sees it half-written.

use std::collections::BTreeSet;
use std::fs;
use std::io::{self, Write};
use std::path::Path;

use serde::Serialize;

use crate::citation::{Citation, CitationKind};
use crate::claims::{Lexicon, Stance};
use crate::pipeline::DocumentAnalysis;

/// The version of the `extract` JSON Lines and JSON formats. It changes when a field changes
/// meaning or disappears; new fields may be added within a version.
pub const CITATIONS_SCHEMA_VERSION: u32 = 1;

/// Output formats of `extract`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CitationFormat {
    /// One JSON object per line (the default, for other tools).
    Jsonl,
    /// One JSON document: `{"version": 1, "citations": [...]}`.
    Json,
    /// Comma-separated values with a header row.
    Csv,
    /// Aligned columns and a summary per file, for people.
    Table,
}

/// One document's citations, as the writers take them.
#[derive(Debug, Clone, Copy)]
pub struct DocumentCitations<'a> {
    /// The document's name as given.
    pub doc: &'a str,
    /// Its citations in text order.
    pub citations: &'a [Citation],
}

/// One `extract` record.
///
/// Version 1 of the contract, one object per cited-work occurrence:
/// `{"doc": "<path as given>", "line": 12, "start": 3456, "end": 3480, "raw": "Locke et al.,
/// 2009", "kind": "parenthetical"|"narrative"|"yearless", "authors": ["Locke"], "et_al": true,
/// "year": "2009"|null, "locator": "p. 503"|null, "prefix": "e.g."|null, "key": "Locke et al.
/// 2009", "ibid": false}`. `line` is the 1-based line of the original file where the citation
/// starts; `start` and `end` are byte offsets into the file's text (its UTF-8 decoding);
/// `key` is the canonical label of the cited work; `ibid` marks an "ibid." that repeats the
/// authors and year of the citation before it.
#[derive(Debug, Serialize)]
pub struct CitationRecord<'a> {
    /// The document, as given.
    pub doc: &'a str,
    /// 1-based line where the citation starts.
    pub line: usize,
    /// Byte offset where it starts.
    pub start: usize,
    /// Byte offset one past its end.
    pub end: usize,
    /// As printed.
    pub raw: &'a str,
    /// parenthetical, narrative or yearless.
    pub kind: CitationKind,
    /// Surnames as printed.
    pub authors: &'a [String],
    /// "et al." followed the names.
    pub et_al: bool,
    /// The year, or null for yearless mentions.
    pub year: Option<&'a str>,
    /// Page or other locator.
    pub locator: Option<&'a str>,
    /// Lead-in inside the bracket.
    pub prefix: Option<&'a str>,
    /// Canonical label of the cited work.
    pub key: String,
    /// An "ibid." repeating the previous citation.
    pub ibid: bool,
}

impl<'a> CitationRecord<'a> {
    /// The record of one citation of `doc`.
    #[must_use]
    pub fn new(doc: &'a str, citation: &'a Citation) -> Self {
        Self {
            doc,
            line: citation.line,
            start: citation.start,
            end: citation.end,
            raw: &citation.raw,
            kind: citation.kind,
            authors: &citation.authors,
            et_al: citation.et_al,
            year: citation.year.as_deref(),
            locator: citation.locator.as_deref(),
            prefix: citation.prefix.as_deref(),
            key: citation.key(),
            ibid: citation.ibid,
        }
    }
}

fn records<'a>(documents: &'a [DocumentCitations<'a>]) -> impl Iterator<Item = CitationRecord<'a>> {
    documents.iter().flat_map(|d| {
        d.citations
            .iter()
            .map(move |c| CitationRecord::new(d.doc, c))
    })
}

/// Writes the citations of `documents` in `format`.
///
/// # Errors
/// Any error of the writer.
pub fn write_citations(
    out: &mut dyn Write,
    format: CitationFormat,
    documents: &[DocumentCitations<'_>],
) -> io::Result<()> {
    match format {
        CitationFormat::Jsonl => {
            for record in records(documents) {
                serde_json::to_writer(&mut *out, &record)?;
                out.write_all(b"\n")?;
            }
        }
        CitationFormat::Json => {
            #[derive(Serialize)]
            struct Document<'a> {
                version: u32,
                citations: Vec<CitationRecord<'a>>,
            }
            let document = Document {
                version: CITATIONS_SCHEMA_VERSION,
                citations: records(documents).collect(),
            };
            serde_json::to_writer_pretty(&mut *out, &document)?;
            out.write_all(b"\n")?;
        }
        CitationFormat::Csv => {
            let mut writer = csv::Writer::from_writer(&mut *out);
            writer.write_record([
                "doc", "line", "start", "end", "raw", "kind", "authors", "et_al", "year",
                "locator", "prefix", "key", "ibid",
            ])?;
            for r in records(documents) {
                writer.write_record([
                    r.doc,
                    &r.line.to_string(),
                    &r.start.to_string(),
                    &r.end.to_string(),
                    r.raw,
                    kind_name(r.kind),
                    &r.authors.join("; "),
                    bool_name(r.et_al),
                    r.year.unwrap_or(""),
                    r.locator.unwrap_or(""),
                    r.prefix.unwrap_or(""),
                    &r.key,
                    bool_name(r.ibid),
                ])?;
            }
            writer.flush()?;
        }
        CitationFormat::Table => write_table(out, documents)?,
    }
    Ok(())
}

fn kind_name(kind: CitationKind) -> &'static str {
    match kind {
        CitationKind::Parenthetical => "parenthetical",
        CitationKind::Narrative => "narrative",
        CitationKind::Yearless => "yearless",
    }
}

fn bool_name(value: bool) -> &'static str {
    if value {
        "true"
    } else {
        "false"
    }
}

/// Cuts `text` to at most `width` characters, marking the cut with "…".
fn clip(text: &str, width: usize) -> String {
    if text.chars().count() <= width {
        text.to_string()
    } else {
        let mut clipped: String = text.chars().take(width.saturating_sub(1)).collect();
        clipped.push('…');
        clipped
    }
}

fn write_table(out: &mut dyn Write, documents: &[DocumentCitations<'_>]) -> io::Result<()> {
    let mut total = 0;
    let mut all_works = BTreeSet::new();
    for document in documents {
        writeln!(out, "{}", document.doc)?;
        let key_width = document
            .citations
            .iter()
            .map(|c| c.key().chars().count())
            .max()
            .unwrap_or(0)
            .clamp(3, 40);
        writeln!(out, "  {:>5}  {:<key_width$}  raw", "line", "key")?;
        let mut works = BTreeSet::new();
        for citation in document.citations {
            let key = citation.key();
            let marker = match citation.kind {
                CitationKind::Yearless => " (yearless)",
                _ if citation.ibid => " (ibid.)",
                _ => "",
            };
            writeln!(
                out,
                "  {:>5}  {:<key_width$}  {}{marker}",
                citation.line,
                clip(&key, key_width),
                clip(&citation.raw, 70)
            )?;
            if citation.kind != CitationKind::Yearless {
                works.insert(key.clone());
                all_works.insert(key);
            }
        }
        let dated = document
            .citations
            .iter()
            .filter(|c| c.kind != CitationKind::Yearless)
            .count();
        total += dated;
        writeln!(
            out,
            "  {dated} citations of {} distinct works, {} yearless mentions\n",
            works.len(),
            document.citations.len() - dated
        )?;
    }
    writeln!(
        out,
        "{} documents, {total} citations of {} distinct works",
        documents.len(),
        all_works.len()
    )
}

/// Writes a file through a temporary file in the same directory, renamed into place once
/// complete: an interrupted or failed write leaves the old file (or none), never half a file.
///
/// # Errors
/// Creating, writing, syncing or renaming the temporary file.
pub fn write_atomically(
    path: &Path,
    write: impl FnOnce(&mut dyn Write) -> io::Result<()>,
) -> io::Result<()> {
    let directory = match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent,
        _ => Path::new("."),
    };
    let mut temporary = tempfile::Builder::new()
        .prefix(".citegraph-")
        .suffix(".tmp")
        .tempfile_in(directory)?;
    {
        let mut buffered = io::BufWriter::new(temporary.as_file_mut());
        write(&mut buffered)?;
        buffered.flush()?;
    }
    temporary.as_file().sync_all()?;
    if let Ok(meta) = fs::metadata(path) {
        // Keep the permissions of a file being replaced.
        let _ = fs::set_permissions(temporary.path(), meta.permissions());
    }
    temporary.persist(path).map_err(|e| e.error)?;
    Ok(())
}

/// Writes every claim as JSON Lines: `{"doc", "line", "sentence", "paradigm", "stance",
/// "holder_kind", "holder", "cue", "confidence", "rule", "mention", "mention_kind", "start",
/// "end", "cue_start", "cue_end"}` (version 1; offsets and lines refer to the original file).
///
/// # Errors
/// Any error of the writer.
pub fn write_claims_jsonl(out: &mut dyn Write, analyses: &[DocumentAnalysis]) -> io::Result<()> {
    for analysis in analyses {
        for claim in &analysis.claims.claims {
            serde_json::to_writer(&mut *out, claim)?;
            out.write_all(b"\n")?;
        }
    }
    Ok(())
}

/// Writes each paradigm's supporters and critics with the number of sentences, for people.
///
/// # Errors
/// Any error of the writer.
pub fn write_claims_table(
    out: &mut dyn Write,
    analyses: &[DocumentAnalysis],
    lexicon: &Lexicon,
) -> io::Result<()> {
    use std::collections::BTreeMap;
    type Holders = BTreeMap<String, usize>;
    let mut by_paradigm: BTreeMap<&str, (Holders, Holders)> = BTreeMap::new();
    for analysis in analyses {
        for claim in &analysis.claims.claims {
            let (supporters, critics) = by_paradigm.entry(claim.paradigm.as_str()).or_default();
            let side = match claim.stance {
                Stance::Supports => supporters,
                Stance::Critiques => critics,
            };
            *side.entry(claim.holder.clone()).or_default() += 1;
        }
    }
    let ranked = |holders: &Holders| {
        let mut list: Vec<(&String, &usize)> = holders.iter().collect();
        list.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
        list.iter()
            .map(|(holder, count)| format!("{holder} ({count})"))
            .collect::<Vec<_>>()
            .join(", ")
    };
    for paradigm in lexicon.paradigms() {
        let Some((supporters, critics)) = by_paradigm.get(paradigm.id.as_str()) else {
            continue;
        };
        writeln!(out, "{} — {}", paradigm.id, paradigm.label)?;
        if !supporters.is_empty() {
            writeln!(out, "  supported by: {}", ranked(supporters))?;
        }
        if !critics.is_empty() {
            writeln!(out, "  critiqued by: {}", ranked(critics))?;
        }
        writeln!(out)?;
    }
    let total: usize = analyses.iter().map(|a| a.claims.claims.len()).sum();
    writeln!(
        out,
        "{total} claims in {} documents (each count is a number of sentences)",
        analyses.len()
    )
}
