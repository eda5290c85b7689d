//! In-text author-year citations: the record type and its canonical key.

use serde::Serialize;

/// How a citation is printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum CitationKind {
    /// Author and year inside one bracket: "(Locke, 2013)", "As (Krause 2012) points out".
    Parenthetical,
    /// Author outside the bracket: "Gereffi (1994) proposes", "Locke et al.’s (2009)".
    Narrative,
    /// A scholar named as a source without a year: "what Day calls".
    Yearless,
}

/// One cited-work occurrence found in a document.
///
/// Offsets are byte offsets into the document's decoded text (equal to file offsets for UTF-8
/// files); `line` is the 1-based line of the original file where the citation starts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Citation {
    /// Byte offset where the citation starts (its first author's name, or initials).
    pub start: usize,
    /// Byte offset one past its end.
    pub end: usize,
    /// 1-based line of the original text where it starts.
    pub line: usize,
    /// The citation as printed, line breaks folded to single spaces.
    pub raw: String,
    /// Parenthetical, narrative or yearless.
    pub kind: CitationKind,
    /// Surnames (or corporate names) as printed, initials dropped.
    pub authors: Vec<String>,
    /// Initials printed before each author ("A." for "A. Khan"), aligned with `authors`.
    pub initials: Vec<Option<String>>,
    /// "et al." or "and colleagues" followed the named authors.
    pub et_al: bool,
    /// "2009", "2010a", "forthcoming", "in press", "n.d."; `None` for yearless mentions.
    pub year: Option<String>,
    /// Page or other locator: "p. 503", "237", "S.166".
    pub locator: Option<String>,
    /// A lead-in inside the bracket: "e.g.", "see also", "cf.".
    pub prefix: Option<String>,
    /// This occurrence is an "ibid." pointing to the previous citation, whose authors and year
    /// it repeats.
    pub ibid: bool,
    /// Offset of the opening bracket this citation is printed in (or, for a narrative citation,
    /// the bracket holding its year); `None` for citations printed without brackets. Citations
    /// sharing it were cited together.
    pub bracket: Option<usize>,
    /// Where the citation starts in the document's normalised text (the text later stages
    /// read); `start` and `end` are the original file's offsets.
    #[serde(skip)]
    pub norm_start: usize,
    /// Where it ends in the normalised text.
    #[serde(skip)]
    pub norm_end: usize,
}

impl Citation {
    /// The canonical label of the cited work: "Locke 2013", "Locke and Romis 2007",
    /// "Locke et al. 2009"; yearless mentions have no year ("Schmitz and Nadvi").
    #[must_use]
    pub fn key(&self) -> String {
        work_key(&self.authors, self.et_al, self.year.as_deref())
    }
}

/// The canonical label of a work from its authors, "et al." flag and year.
#[must_use]
pub fn work_key(authors: &[String], et_al: bool, year: Option<&str>) -> String {
    let mut key = match authors {
        [] => String::new(),
        [one] if !et_al => one.clone(),
        [one, two] if !et_al => format!("{one} and {two}"),
        [first, ..] => format!("{first} et al."),
    };
    if let Some(year) = year {
        if !key.is_empty() {
            key.push(' ');
        }
        key.push_str(year);
    }
    key
}

pub mod grammar;
pub mod lexicon;
pub mod scan;

pub use scan::extract;
