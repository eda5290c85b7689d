//! Writing results: the record formats of `extract`, and writing a file so that a reader never
//! sees it half-written.

use std::collections::BTreeSet;
use std::fs;
use std::io::{self, Write};
use std::path::Path;

use serde::Serialize;

use crate::citation::{Citation, CitationKind};

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

/// Writes the citations of `documents` in `format`.
///
/// # Errors
/// Any error of the writer.
pub fn write_citations(
    out: &mut dyn Write,
    format: CitationFormat,
    documents: &[DocumentCitations<'_>],
) -> io::Result<()> {
    let mut stream = CitationStream::new(format);
    stream.begin(out)?;
    for document in documents {
        let rendered = stream.render(document)?;
        stream.write(out, &rendered)?;
    }
    stream.finish(out)
}

/// Writes the citations of documents one document at a time, so a run never holds more than
/// the documents it is working on: `begin`, then `render` (which needs only `&self` and may run
/// on many threads at once) and `write` in document order, then `finish`. The bytes are those
/// of one call of [`write_citations`] over all the documents.
#[derive(Debug)]
pub struct CitationStream {
    format: CitationFormat,
    /// Records written so far (JSON puts a comma between them).
    records: usize,
    /// Dated citations, and distinct works over all documents (the table's last line).
    dated: usize,
    works: BTreeSet<String>,
    documents: usize,
}

/// One document's records in the stream's format, ready to be written.
#[derive(Debug, Default)]
pub struct Rendered {
    bytes: Vec<u8>,
    records: usize,
    dated: usize,
    works: Vec<String>,
}

impl CitationStream {
    /// A stream writing `format`.
    #[must_use]
    pub fn new(format: CitationFormat) -> Self {
        Self {
            format,
            records: 0,
            dated: 0,
            works: BTreeSet::new(),
            documents: 0,
        }
    }

    /// Writes what comes before the first record.
    ///
    /// # Errors
    /// Any error of the writer.
    pub fn begin(&mut self, out: &mut dyn Write) -> io::Result<()> {
        match self.format {
            CitationFormat::Json => {
                write!(
                    out,
                    "{{\n  \"version\": {CITATIONS_SCHEMA_VERSION},\n  \"citations\": ["
                )
            }
            CitationFormat::Csv => {
                let mut writer = csv::Writer::from_writer(&mut *out);
                writer.write_record(CSV_HEADER)?;
                writer.flush()
            }
            CitationFormat::Jsonl | CitationFormat::Table => Ok(()),
        }
    }

    /// Renders one document's records (see [`CitationFormat::render`]).
    ///
    /// # Errors
    /// Only when serialising fails, which it does not for these records.
    pub fn render(&self, document: &DocumentCitations<'_>) -> io::Result<Rendered> {
        self.format.render(document)
    }

    /// Writes one rendered document.
    ///
    /// # Errors
    /// Any error of the writer.
    pub fn write(&mut self, out: &mut dyn Write, rendered: &Rendered) -> io::Result<()> {
        self.documents += 1;
        self.dated += rendered.dated;
        self.works.extend(rendered.works.iter().cloned());
        if self.format == CitationFormat::Json {
            // Records were rendered each followed by a comma; the comma goes before every
            // record but the first.
            let mut bytes = rendered.bytes.as_slice();
            if let Some(last) = bytes.len().checked_sub(1) {
                bytes = &bytes[..last];
            }
            if self.records > 0 && !bytes.is_empty() {
                out.write_all(b",")?;
            }
            out.write_all(bytes)?;
        } else {
            out.write_all(&rendered.bytes)?;
        }
        self.records += rendered.records;
        Ok(())
    }

    /// Writes what comes after the last record.
    ///
    /// # Errors
    /// Any error of the writer.
    pub fn finish(&mut self, out: &mut dyn Write) -> io::Result<()> {
        match self.format {
            CitationFormat::Json => {
                if self.records > 0 {
                    out.write_all(b"\n  ")?;
                }
                out.write_all(b"]\n}\n")
            }
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

impl CitationFormat {
    /// Renders one document's records in this format, for [`CitationStream::write`]. Needs no
    /// state of the stream, so documents can be rendered on many threads at once.
    ///
    /// # Errors
    /// Only when serialising fails, which it does not for these records.
    pub fn render(self, document: &DocumentCitations<'_>) -> io::Result<Rendered> {
        let mut rendered = Rendered {
            records: document.citations.len(),
            ..Rendered::default()
        };
        let bytes = &mut rendered.bytes;
        match self {
            CitationFormat::Jsonl => {
                bytes.reserve(document.citations.len() * 256);
                for citation in document.citations {
                    write_jsonl_record(bytes, document.doc, citation);
                }
            }
            CitationFormat::Json => {
                let mut record = Vec::new();
                for citation in document.citations {
                    record.clear();
                    serde_json::to_writer_pretty(
                        &mut record,
                        &CitationRecord::new(document.doc, citation),
                    )?;
                    // Each record is an element of the array, four spaces in.
                    bytes.extend_from_slice(b"\n    ");
                    for (index, line) in record.split(|&b| b == b'\n').enumerate() {
                        if index > 0 {
                            bytes.extend_from_slice(b"\n    ");
                        }
                        bytes.extend_from_slice(line);
                    }
                    bytes.push(b',');
                }
            }
            CitationFormat::Csv => {
                let mut writer = csv::Writer::from_writer(&mut *bytes);
                for citation in document.citations {
                    write_csv_record(&mut writer, &CitationRecord::new(document.doc, citation))?;
                }
                writer.flush()?;
            }
            CitationFormat::Table => {
                let (dated, works) = write_table_document(bytes, document)?;
                rendered.dated = dated;
                rendered.works = works;
            }
        }
        Ok(rendered)
    }
}

const CSV_HEADER: [&str; 13] = [
    "doc", "line", "start", "end", "raw", "kind", "authors", "et_al", "year", "locator", "prefix",
    "key", "ibid",
];

fn write_csv_record<W: Write>(
    writer: &mut csv::Writer<W>,
    r: &CitationRecord<'_>,
) -> io::Result<()> {
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
    Ok(())
}

/// Appends one JSON Lines record, byte for byte what `serde_json` writes for a
/// [`CitationRecord`] followed by a line break, without building the record or its key.
pub fn write_jsonl_record(out: &mut Vec<u8>, doc: &str, citation: &Citation) {
    out.extend_from_slice(b"{\"doc\":");
    write_json_str(out, doc);
    out.extend_from_slice(b",\"line\":");
    write_number(out, citation.line);
    out.extend_from_slice(b",\"start\":");
    write_number(out, citation.start);
    out.extend_from_slice(b",\"end\":");
    write_number(out, citation.end);
    out.extend_from_slice(b",\"raw\":");
    write_json_str(out, &citation.raw);
    out.extend_from_slice(b",\"kind\":\"");
    out.extend_from_slice(kind_name(citation.kind).as_bytes());
    out.extend_from_slice(b"\",\"authors\":[");
    for (index, author) in citation.authors.iter().enumerate() {
        if index > 0 {
            out.push(b',');
        }
        write_json_str(out, author);
    }
    out.extend_from_slice(b"],\"et_al\":");
    out.extend_from_slice(bool_name(citation.et_al).as_bytes());
    for (name, value) in [
        (&b",\"year\":"[..], citation.year.as_deref()),
        (b",\"locator\":", citation.locator.as_deref()),
        (b",\"prefix\":", citation.prefix.as_deref()),
    ] {
        out.extend_from_slice(name);
        match value {
            Some(text) => write_json_str(out, text),
            None => out.extend_from_slice(b"null"),
        }
    }
    // The key, as `work_key` builds it, escaped piece by piece.
    out.extend_from_slice(b",\"key\":\"");
    let mut empty = true;
    match citation.authors.as_slice() {
        [] => {}
        [one] if !citation.et_al => {
            escape_into(out, one);
            empty = false;
        }
        [one, two] if !citation.et_al => {
            escape_into(out, one);
            out.extend_from_slice(b" and ");
            escape_into(out, two);
            empty = false;
        }
        [first, ..] => {
            escape_into(out, first);
            out.extend_from_slice(b" et al.");
            empty = false;
        }
    }
    if let Some(year) = &citation.year {
        if !empty {
            out.push(b' ');
        }
        escape_into(out, year);
    }
    out.extend_from_slice(b"\",\"ibid\":");
    out.extend_from_slice(bool_name(citation.ibid).as_bytes());
    out.extend_from_slice(b"}\n");
}

fn write_number(out: &mut Vec<u8>, mut value: usize) {
    let mut digits = [0u8; 20];
    let mut at = digits.len();
    loop {
        at -= 1;
        // The remainder is below ten.
        #[allow(clippy::cast_possible_truncation)]
        let digit = (value % 10) as u8;
        digits[at] = b'0' + digit;
        value /= 10;
        if value == 0 {
            break;
        }
    }
    out.extend_from_slice(&digits[at..]);
}

fn write_json_str(out: &mut Vec<u8>, text: &str) {
    out.push(b'"');
    escape_into(out, text);
    out.push(b'"');
}

/// JSON string escaping as `serde_json` does it: `"` and `\\` with a backslash, the control
/// characters with their short forms or `\u00XX` (lower-case hex), everything else as is.
fn escape_into(out: &mut Vec<u8>, text: &str) {
    let bytes = text.as_bytes();
    let mut start = 0;
    for (index, &byte) in bytes.iter().enumerate() {
        if byte >= 0x20 && byte != b'"' && byte != b'\\' {
            continue;
        }
        out.extend_from_slice(&bytes[start..index]);
        match byte {
            b'"' => out.extend_from_slice(b"\\\""),
            b'\\' => out.extend_from_slice(b"\\\\"),
            b'\n' => out.extend_from_slice(b"\\n"),
            b'\r' => out.extend_from_slice(b"\\r"),
            b'\t' => out.extend_from_slice(b"\\t"),
            0x08 => out.extend_from_slice(b"\\b"),
            0x0C => out.extend_from_slice(b"\\f"),
            _ => {
                const HEX: &[u8; 16] = b"0123456789abcdef";
                out.extend_from_slice(b"\\u00");
                out.push(HEX[usize::from(byte >> 4)]);
                out.push(HEX[usize::from(byte & 0xF)]);
            }
        }
        start = index + 1;
    }
    out.extend_from_slice(&bytes[start..]);
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

/// Writes one document's block of the table; returns its dated citations and its works.
fn write_table_document(
    out: &mut Vec<u8>,
    document: &DocumentCitations<'_>,
) -> io::Result<(usize, Vec<String>)> {
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
            works.insert(key);
        }
    }
    let dated = document
        .citations
        .iter()
        .filter(|c| c.kind != CitationKind::Yearless)
        .count();
    writeln!(
        out,
        "  {dated} citations of {} distinct works, {} yearless mentions\n",
        works.len(),
        document.citations.len() - dated
    )?;
    Ok((dated, works.into_iter().collect()))
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::citation::extract;
    use crate::ingest::Document;

    /// The writers as they were before streaming: `serde_json` over every record at once.
    fn reference(format: CitationFormat, documents: &[DocumentCitations<'_>]) -> Vec<u8> {
        let records = || {
            documents.iter().flat_map(|d| {
                d.citations
                    .iter()
                    .map(move |c| CitationRecord::new(d.doc, c))
            })
        };
        let mut out = Vec::new();
        match format {
            CitationFormat::Jsonl => {
                for record in records() {
                    serde_json::to_writer(&mut out, &record).expect("serialises");
                    out.push(b'\n');
                }
            }
            CitationFormat::Json => {
                #[derive(Serialize)]
                struct All<'a> {
                    version: u32,
                    citations: Vec<CitationRecord<'a>>,
                }
                let all = All {
                    version: CITATIONS_SCHEMA_VERSION,
                    citations: records().collect(),
                };
                serde_json::to_writer_pretty(&mut out, &all).expect("serialises");
                out.push(b'\n');
            }
            _ => unreachable!("only JSON has a reference here"),
        }
        out
    }

    fn written(format: CitationFormat, documents: &[DocumentCitations<'_>]) -> Vec<u8> {
        let mut out = Vec::new();
        write_citations(&mut out, format, documents).expect("writes");
        out
    }

    #[test]
    fn json_writers_give_the_bytes_of_serde_json() {
        let texts = [
            "Codes fail (e.g., Locke et al., 2007, 2009). Gereffi (1994) proposes \"chains\" (ibid., p. 4).",
            "Nothing cited here.",
            "Odd names (O\\Brien \"Q\", 2001; Müller\u{1}x, 2002) and (Tab\tname 2003).",
            "(Smith and Jones, 2001; ILO, 2013) and Smith and Jones argue.",
        ];
        let documents: Vec<Document> = texts
            .iter()
            .enumerate()
            .map(|(i, t)| Document::from_text(&format!("d\"{i}\\.txt"), (*t).to_string()))
            .collect();
        let citations: Vec<Vec<Citation>> = documents.iter().map(extract).collect();
        let mut all: Vec<DocumentCitations<'_>> = documents
            .iter()
            .zip(&citations)
            .map(|(d, c)| DocumentCitations {
                doc: &d.name,
                citations: c,
            })
            .collect();
        assert!(citations.iter().map(Vec::len).sum::<usize>() > 5);
        for format in [CitationFormat::Jsonl, CitationFormat::Json] {
            assert_eq!(
                String::from_utf8_lossy(&written(format, &all)),
                String::from_utf8_lossy(&reference(format, &all)),
                "{format:?}"
            );
            // Empty documents only, and no documents at all.
            let empty = [all[1]];
            assert_eq!(written(format, &empty), reference(format, &empty));
            assert_eq!(written(format, &[]), reference(format, &[]));
        }
        // Control characters in every field the record prints.
        let mut odd = citations[0][0].clone();
        odd.raw = "a\u{0}b\u{8}c\u{c}d\ne\rf\tg\u{1f}h\u{7f}i\"j\\k’".to_string();
        odd.authors = vec!["\u{2}".to_string(), "x\"y".to_string()];
        odd.locator = Some("p.\t3".to_string());
        let odd = [odd];
        all = vec![DocumentCitations {
            doc: "\u{1b}[doc]",
            citations: &odd,
        }];
        assert_eq!(
            written(CitationFormat::Jsonl, &all),
            reference(CitationFormat::Jsonl, &all)
        );
        assert_eq!(
            written(CitationFormat::Json, &all),
            reference(CitationFormat::Json, &all)
        );
    }
}
