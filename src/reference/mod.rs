//! Reference lists: find them in a document, split them into entries and parse each entry.
//!
//! Three pure stages, each usable alone:
//! [`find_reference_sections`] gives the byte ranges holding a document's reference entries,
//! [`split_entries`] cuts a range into entries (joining wrapped lines), and [`parse_entry`]
//! reads one entry into a [`ReferenceEntry`] with [`Diagnostic`]s for what it could not read.
//! [`extract_references`] runs all three over a document; [`bib`] reads BibTeX, RIS and
//! CSL-JSON files into the same type. The entry grammar is in
//! `grammar/reference.ungram`; its productions are the functions of `grammar.rs`, `names.rs` and
//! `entry.rs`.

pub mod bib;
mod entry;
mod grammar;
mod names;
mod section;
mod split;
mod tables;

use std::ops::Range;

use serde::Serialize;

pub use entry::parse_entry;
pub use names::Name;
pub use section::find_reference_sections;
pub use split::{split_entries, RawEntry};

/// One parsed reference-list entry. Strings keep their printed spelling ("Knorrinda").
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct ReferenceEntry {
    /// The citation key of a record read from a bibliography file (`bib`); `None` for entries
    /// parsed from text.
    pub key: Option<String>,
    /// Authors in printed order; for an edited volume, its editors (see `edited`).
    pub authors: Vec<Name>,
    /// The bracketed abbreviation of a corporate author: "ETI" for
    /// "Ethical Trading Initiative (ETI)", so that an in-text "ETI 2006" can link.
    pub abbreviation: Option<String>,
    /// The names in `authors` are marked as editors ("(eds.)", "(Hrsg.)").
    pub edited: bool,
    /// The author slot is a dash ("———.") standing for the previous entry's authors; `authors` is
    /// empty. [`extract_references`] fills it in.
    pub repeats_previous_authors: bool,
    /// Editors of the containing book ("in A. Posthuma and D. Nathan, eds., …").
    pub editors: Vec<Name>,
    /// "2010", "2015a", "in press", "forthcoming" or "n.d.".
    pub year: Option<String>,
    /// The work's title without surrounding quotes or emphasis marks.
    pub title: Option<String>,
    /// The journal, book or series the work appeared in.
    pub container: Option<String>,
    /// The publisher (without its place), when one is recognisable.
    pub publisher: Option<String>,
    /// Journal volume.
    pub volume: Option<String>,
    /// Journal issue.
    pub issue: Option<String>,
    /// Page range ("405-414") or single page.
    pub pages: Option<String>,
    /// DOI without its introducer ("10.1016/…").
    pub doi: Option<String>,
    /// A web address printed in the entry.
    pub url: Option<String>,
    /// Byte range of the entry's text in the string it was parsed from (empty for records read
    /// from a bibliography file).
    pub span: Range<usize>,
}

/// A problem found while reading references: what, and where (a byte range into the text the
/// function was given).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Diagnostic {
    /// Byte range the message is about.
    pub span: Range<usize>,
    /// Lower-case description without a trailing period ("no year found").
    pub message: String,
}

impl Diagnostic {
    pub(crate) fn new(span: Range<usize>, message: &str) -> Self {
        Self {
            span,
            message: message.to_string(),
        }
    }
}

/// One entry found in a document by [`extract_references`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ExtractedReference {
    /// The parsed entry; its `span` is the byte range in the document.
    pub entry: ReferenceEntry,
    /// 1-based line of the document where the entry starts.
    pub line: usize,
    /// The entry's text with wrapped lines joined.
    pub text: String,
    /// Problems found, with byte ranges into the document.
    pub diagnostics: Vec<Diagnostic>,
}

/// Find, split and parse every reference list of a document.
///
/// Entries whose author slot is a dash inherit the previous entry's authors. Diagnostic and
/// entry spans are mapped back to byte ranges of `text`.
#[must_use]
pub fn extract_references(text: &str) -> Vec<ExtractedReference> {
    let mut found: Vec<ExtractedReference> = Vec::new();
    // Line starts, found once: counting newlines per entry would be quadratic.
    let newlines: Vec<usize> = memchr::memchr_iter(b'\n', text.as_bytes()).collect();
    for section in find_reference_sections(text) {
        let Some(section_text) = text.get(section.clone()) else {
            continue;
        };
        for raw in split_entries(section_text, section.start) {
            let (mut entry, diagnostics) = parse_entry(&raw.text);
            if entry.repeats_previous_authors {
                if let Some(previous) = found.last() {
                    entry.authors.clone_from(&previous.entry.authors);
                }
            }
            entry.span = raw.source_range(entry.span.clone());
            let diagnostics = diagnostics
                .into_iter()
                .map(|d| Diagnostic {
                    span: raw.source_range(d.span),
                    message: d.message,
                })
                .collect();
            found.push(ExtractedReference {
                line: newlines.partition_point(|&n| n < raw.span.start) + 1,
                text: raw.text,
                entry,
                diagnostics,
            });
        }
    }
    found
}

/// The 1-based line number of a byte offset (lines end at '\n').
#[must_use]
pub fn line_number(text: &str, offset: usize) -> usize {
    let end = offset.min(text.len());
    text.as_bytes()
        .get(..end)
        .map_or(0, |b| memchr::memchr_iter(b'\n', b).count())
        + 1
}
