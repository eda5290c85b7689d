//! Writing results: the record formats of `extract`, and writing a file so that a reader never
//! sees it half-written.

use std::collections::BTreeSet;
use std::fs;
use std::io::{self, Write};
use std::path::Path;

use serde::Serialize;

use crate::check::Finding;
use crate::citation::{Citation, CitationKind};
use crate::claims::{Lexicon, Stance, WorkStance};
use crate::link::Resolution;
use crate::pipeline::{entry_of, BibEntry, Corpus, DocumentAnalysis, Reference, Work};

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

/// One `extract` record.
///
/// Version 1 of the contract, one object per cited-work occurrence:
/// `{"doc": "<path as given>", "line": 12, "start": 3456, "end": 3480, "raw": "Locke et al.,
/// 2009", "kind": "parenthetical"|"narrative"|"yearless", "authors": ["Locke"], "et_al": true,
/// "year": "2009"|null, "locator": "p. 503"|null, "prefix": "e.g."|null, "key": "Locke et al.
/// 2009", "ibid": false, "ref": "<doc>#L343"|"<bib file>#<key>"|null, "work": "Locke et al.
/// 2009"|null, "stance": "supports"|"critiques"|"neutral"|null}`. `line` is the 1-based line
/// of the original file where the citation starts; `start` and `end` are byte offsets into the
/// file's text (its UTF-8 decoding); `key` is the canonical label of the cited work as printed;
/// `ibid` marks an "ibid." that repeats the authors and year of the citation before it; `ref`
/// is the id of the reference entry the citation is linked to; `work` the corpus-wide key of
/// the work (a document of the corpus is cited by its own key); `stance` the citing sentence's
/// stance toward the work (null unless computed).
#[derive(Debug, Clone, Serialize)]
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
    /// The linked reference entry's id.
    #[serde(rename = "ref")]
    pub reference: Option<&'a str>,
    /// The corpus-wide work key.
    pub work: Option<&'a str>,
    /// The citing sentence's stance toward the work.
    pub stance: Option<WorkStance>,
}

impl<'a> CitationRecord<'a> {
    /// The record of a citation on its own, without link, work or stance (the synthetic
    /// corpus's ground truth is written this way).
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
            reference: None,
            work: None,
            stance: None,
        }
    }

    /// The record of citation `index` of an analysed document.
    #[must_use]
    pub fn of(
        analysis: &'a DocumentAnalysis,
        index: usize,
        works: &'a [Work],
        bibliography: &'a [BibEntry],
    ) -> Option<Self> {
        let citation = analysis.citations.get(index)?;
        let mut record = Self::new(&analysis.name, citation);
        record.reference = analysis
            .resolutions
            .get(index)
            .and_then(Resolution::entry)
            .and_then(|entry| entry_of(analysis, bibliography, entry))
            .map(|(id, _)| id);
        record.work = analysis
            .works
            .get(index)
            .copied()
            .flatten()
            .and_then(|w| works.get(w))
            .map(|w| w.key.as_str());
        record.stance = analysis.claims.citations.get(index).map(|s| s.stance);
        Some(record)
    }
}

/// Writes the citations of a corpus in `format`.
///
/// # Errors
/// Any error of the writer.
pub fn write_citations(
    out: &mut dyn Write,
    format: CitationFormat,
    corpus: &Corpus,
) -> io::Result<()> {
    let mut writer = CitationWriter::new(format);
    writer.begin(out)?;
    for analysis in &corpus.documents {
        writer.document(out, analysis, &corpus.works, &corpus.bibliography)?;
    }
    writer.finish(out)
}

const CSV_HEADER: [&str; 16] = [
    "doc", "line", "start", "end", "raw", "kind", "authors", "et_al", "year", "locator", "prefix",
    "key", "ibid", "ref", "work", "stance",
];

/// Writes citation records document by document, so that `extract` holds no more than the
/// documents it is working on: `begin`, `document` for each document in order, `finish`. The
/// bytes are those of [`write_citations`] over the whole corpus.
#[derive(Debug)]
pub struct CitationWriter {
    format: CitationFormat,
    records: usize,
    documents: usize,
    dated: usize,
    works: BTreeSet<String>,
}

impl CitationWriter {
    /// A writer of `format`.
    #[must_use]
    pub fn new(format: CitationFormat) -> Self {
        Self {
            format,
            records: 0,
            documents: 0,
            dated: 0,
            works: BTreeSet::new(),
        }
    }

    /// Writes what comes before the first record.
    ///
    /// # Errors
    /// Any error of the writer.
    pub fn begin(&mut self, out: &mut dyn Write) -> io::Result<()> {
        match self.format {
            CitationFormat::Json => write!(
                out,
                "{{\"version\":{CITATIONS_SCHEMA_VERSION},\"citations\":["
            ),
            CitationFormat::Csv => {
                let mut writer = csv::Writer::from_writer(&mut *out);
                writer.write_record(CSV_HEADER)?;
                writer.flush()
            }
            CitationFormat::Jsonl | CitationFormat::Table => Ok(()),
        }
    }

    /// Writes the records of one document.
    ///
    /// # Errors
    /// Any error of the writer.
    pub fn document(
        &mut self,
        out: &mut dyn Write,
        analysis: &DocumentAnalysis,
        works: &[Work],
        bibliography: &[BibEntry],
    ) -> io::Result<()> {
        self.documents += 1;
        if self.format == CitationFormat::Table {
            let (dated, works) = write_table_document(out, analysis, works)?;
            self.dated += dated;
            self.works.extend(works);
            return Ok(());
        }
        let records = (0..analysis.citations.len())
            .filter_map(|index| CitationRecord::of(analysis, index, works, bibliography));
        self.records(out, records)
    }

    /// Writes records made by the caller (the table format, which groups a document's
    /// citations by work, is written only by [`CitationWriter::document`]).
    ///
    /// # Errors
    /// Any error of the writer; `InvalidInput` for the table format.
    pub fn records<'r>(
        &mut self,
        out: &mut dyn Write,
        records: impl IntoIterator<Item = CitationRecord<'r>>,
    ) -> io::Result<()> {
        match self.format {
            CitationFormat::Jsonl => {
                for record in records {
                    serde_json::to_writer(&mut *out, &record)?;
                    out.write_all(b"\n")?;
                }
            }
            CitationFormat::Json => {
                for record in records {
                    out.write_all(if self.records == 0 { b"\n" } else { b",\n" })?;
                    serde_json::to_writer(&mut *out, &record)?;
                    self.records += 1;
                }
            }
            CitationFormat::Csv => {
                let mut writer = csv::Writer::from_writer(&mut *out);
                for r in records {
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
                        r.reference.unwrap_or(""),
                        r.work.unwrap_or(""),
                        r.stance.map_or("", stance_name),
                    ])?;
                }
                writer.flush()?;
            }
            CitationFormat::Table => {
                return Err(io::Error::new(
                    io::ErrorKind::InvalidInput,
                    "the table format is written a document at a time",
                ));
            }
        }
        Ok(())
    }

    /// Writes what comes after the last record.
    ///
    /// # Errors
    /// Any error of the writer.
    pub fn finish(&mut self, out: &mut dyn Write) -> io::Result<()> {
        match self.format {
            CitationFormat::Json => out.write_all(b"\n]}\n"),
            CitationFormat::Table => writeln!(
                out,
                "{} documents, {} citations of {} distinct works",
                self.documents,
                self.dated,
                self.works.len()
            ),
            CitationFormat::Jsonl | CitationFormat::Csv => Ok(()),
        }
    }
}

fn stance_name(stance: WorkStance) -> &'static str {
    match stance {
        WorkStance::Supports => "supports",
        WorkStance::Critiques => "critiques",
        WorkStance::Neutral => "neutral",
    }
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

/// Writes one document's section of the `table` format; returns its number of dated citations
/// and the keys of the works it cites.
fn write_table_document(
    out: &mut dyn Write,
    analysis: &DocumentAnalysis,
    works: &[Work],
) -> io::Result<(usize, Vec<String>)> {
    writeln!(out, "{}", analysis.name)?;
    let citations = &analysis.citations;
    let key_width = citations
        .iter()
        .map(|c| c.key().chars().count())
        .max()
        .unwrap_or(0)
        .clamp(3, 40);
    writeln!(out, "  {:>5}  {:<key_width$}  raw", "line", "key")?;
    let mut cited = BTreeSet::new();
    for (index, citation) in citations.iter().enumerate() {
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
        if let Some(work) = analysis
            .works
            .get(index)
            .copied()
            .flatten()
            .and_then(|w| works.get(w))
        {
            cited.insert(work.key.clone());
        }
    }
    let dated = citations
        .iter()
        .filter(|c| c.kind != CitationKind::Yearless)
        .count();
    let linked = analysis
        .resolutions
        .iter()
        .filter(|r| r.entry().is_some())
        .count();
    writeln!(
        out,
        "  {dated} citations of {} distinct works, {} yearless mentions; {} reference entries, {linked} citations linked to one\n",
        cited.len(),
        citations.len() - dated,
        analysis.references.len(),
    )?;
    Ok((dated, cited.into_iter().collect()))
}

/// A temporary file in `directory` to be renamed over an output, created with the mode an
/// ordinary new file gets (0666 less the umask) rather than tempfile's private 0600, so that
/// outputs are readable by whoever could read any other file the user writes.
///
/// # Errors
/// Any error creating the file.
pub fn temporary_file_in(directory: &Path, suffix: &str) -> io::Result<tempfile::NamedTempFile> {
    let mut builder = tempfile::Builder::new();
    builder.prefix(".citegraph-").suffix(suffix);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(fs::Permissions::from_mode(0o666));
    }
    builder.tempfile_in(directory)
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
    let mut temporary = temporary_file_in(directory, ".tmp")?;
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

/// One `references` record.
///
/// Version 1, one object per entry: `{"doc", "line", "id", "authors": ["Locke"], "given":
/// ["R. M."|null], "editors": [...], "abbreviation", "year", "title", "container", "publisher",
/// "volume", "issue", "pages", "doi", "url", "raw", "diagnostics": ["no year found"]}`.
/// `line` is the 1-based line of the original file where the entry starts; `id` is what
/// `extract` records put in their `ref` field.
#[derive(Debug, Serialize)]
pub struct ReferenceRecord<'a> {
    /// The document (or entries file).
    pub doc: &'a str,
    /// Line where the entry starts.
    pub line: usize,
    /// "<doc>#L<line>".
    pub id: &'a str,
    /// Surnames in order.
    pub authors: Vec<&'a str>,
    /// Given names or initials, aligned with `authors`.
    pub given: Vec<Option<&'a str>>,
    /// Editors of the containing book.
    pub editors: Vec<&'a str>,
    /// A corporate author's abbreviation.
    pub abbreviation: Option<&'a str>,
    /// Year with suffix, "in press", "forthcoming" or "n.d.".
    pub year: Option<&'a str>,
    /// Title.
    pub title: Option<&'a str>,
    /// Journal or book.
    pub container: Option<&'a str>,
    /// Publisher.
    pub publisher: Option<&'a str>,
    /// Volume.
    pub volume: Option<&'a str>,
    /// Issue.
    pub issue: Option<&'a str>,
    /// Pages.
    pub pages: Option<&'a str>,
    /// DOI.
    pub doi: Option<&'a str>,
    /// Web address.
    pub url: Option<&'a str>,
    /// The entry as printed, wrapped lines joined.
    pub raw: &'a str,
    /// What could not be read.
    pub diagnostics: Vec<&'a str>,
}

impl<'a> ReferenceRecord<'a> {
    /// The record of one entry of `doc`.
    #[must_use]
    pub fn new(doc: &'a str, reference: &'a Reference) -> Self {
        let entry = &reference.entry;
        Self {
            doc,
            line: reference.line,
            id: &reference.id,
            authors: entry.authors.iter().map(|a| a.surname.as_str()).collect(),
            given: entry.authors.iter().map(|a| a.given.as_deref()).collect(),
            editors: entry.editors.iter().map(|a| a.surname.as_str()).collect(),
            abbreviation: entry.abbreviation.as_deref(),
            year: entry.year.as_deref(),
            title: entry.title.as_deref(),
            container: entry.container.as_deref(),
            publisher: entry.publisher.as_deref(),
            volume: entry.volume.as_deref(),
            issue: entry.issue.as_deref(),
            pages: entry.pages.as_deref(),
            doi: entry.doi.as_deref(),
            url: entry.url.as_deref(),
            raw: &reference.text,
            diagnostics: reference
                .diagnostics
                .iter()
                .map(|d| d.message.as_str())
                .collect(),
        }
    }
}

/// Each non-empty line of `text` parsed as one entry (`references --entries FILE`).
#[must_use]
pub fn entries_of_lines(name: &str, text: &str) -> Vec<Reference> {
    let mut offset = 0;
    let mut references = Vec::new();
    for (index, line) in text.split_inclusive('\n').enumerate() {
        let start = offset;
        offset += line.len();
        let trimmed = line.trim();
        if trimmed.is_empty() {
            continue;
        }
        let (mut entry, diagnostics) = crate::reference::parse_entry(trimmed);
        let lead = line.len() - line.trim_start().len();
        let shift =
            |span: &std::ops::Range<usize>| start + lead + span.start..start + lead + span.end;
        entry.span = shift(&entry.span);
        references.push(Reference {
            id: format!("{name}#L{}", index + 1),
            line: index + 1,
            text: trimmed.to_string(),
            entry,
            diagnostics: diagnostics
                .into_iter()
                .map(|d| crate::reference::Diagnostic {
                    span: shift(&d.span),
                    message: d.message,
                })
                .collect(),
        });
    }
    references
}

/// Writes reference entries as JSON Lines, or as a table for people.
///
/// # Errors
/// Any error of the writer.
pub fn write_references(
    out: &mut dyn Write,
    table: bool,
    documents: &[(&str, &[Reference])],
) -> io::Result<()> {
    for (doc, references) in documents {
        if table {
            writeln!(out, "{doc}")?;
            writeln!(
                out,
                "  {:>5}  {:<32}  {:<11}  title",
                "line", "authors", "year"
            )?;
        }
        for reference in *references {
            let record = ReferenceRecord::new(doc, reference);
            if table {
                let authors = record.authors.join(", ");
                writeln!(
                    out,
                    "  {:>5}  {:<32}  {:<11}  {}",
                    record.line,
                    clip(&authors, 32),
                    record.year.unwrap_or("-"),
                    clip(record.title.unwrap_or("-"), 70)
                )?;
            } else {
                serde_json::to_writer(&mut *out, &record)?;
                out.write_all(b"\n")?;
            }
        }
        if table {
            let problems = references
                .iter()
                .filter(|r| !r.diagnostics.is_empty())
                .count();
            writeln!(
                out,
                "  {} entries, {problems} with something unread\n",
                references.len()
            )?;
        }
    }
    Ok(())
}

/// Writes `check` findings one per line: `doc:line: kind: citation: message [→ entry]`, then a
/// summary.
///
/// # Errors
/// Any error of the writer.
pub fn write_findings_text(
    out: &mut dyn Write,
    findings: &[Finding],
    documents: usize,
) -> io::Result<()> {
    for finding in findings {
        write!(
            out,
            "{}:{}: {}: ",
            finding.doc,
            finding.line,
            finding.kind.label()
        )?;
        if let Some(citation) = &finding.citation {
            write!(out, "\"{citation}\": ")?;
        }
        write!(out, "{}", finding.message)?;
        if let Some(entry) = &finding.entry {
            match entry.line {
                Some(line) if finding.citation.is_some() => {
                    write!(out, " → line {line}: {}", clip(&entry.text, 90))?;
                }
                Some(_) => write!(out, ": {}", clip(&entry.text, 90))?,
                None => write!(out, " → {}", entry.id)?,
            }
        }
        for candidate in &finding.candidates {
            match candidate.line {
                Some(line) => write!(out, "\n    line {line}: {}", clip(&candidate.text, 90))?,
                None => write!(out, "\n    {}", candidate.id)?,
            }
        }
        writeln!(out)?;
    }
    let affected: BTreeSet<&str> = findings.iter().map(|f| f.doc.as_str()).collect();
    writeln!(
        out,
        "{} problems in {} of {documents} documents",
        findings.len(),
        affected.len()
    )
}

/// Writes `check` findings as one JSON document: `{"version": 1, "findings": [{"doc", "line",
/// "kind", "citation", "entry": {"id", "line", "text"}|null, "candidates": [...],
/// "message"}]}`.
///
/// # Errors
/// Any error of the writer.
pub fn write_findings_json(out: &mut dyn Write, findings: &[Finding]) -> io::Result<()> {
    #[derive(Serialize)]
    struct Findings<'a> {
        version: u32,
        findings: &'a [Finding],
    }
    serde_json::to_writer_pretty(
        &mut *out,
        &Findings {
            version: 1,
            findings,
        },
    )?;
    out.write_all(b"\n")
}
