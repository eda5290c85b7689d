//! Splitting a reference section into entries, joining lines that wrap.
//!
//! A line opens a new entry when it starts with a list marker or with names followed by a year
//! (a strong start), or with inverted names closed by a colon or period when the entry before it
//! looks complete (a weak start). Any other line continues the current entry, so blank lines
//! between every line (PDF extraction), blank lines between entries, hanging indents and
//! one-entry-per-line layouts all come out the same.

use std::ops::Range;

use serde::Serialize;

use super::entry::{entry_start, EntryStart};
use super::grammar::year_value;
use super::names::{is_editor_marker, is_initials};
use super::tables::ABBREVIATIONS;

/// One entry's text as found in a section, wrapped lines joined by single spaces.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RawEntry {
    /// The entry's text: its lines trimmed and joined with one space.
    pub text: String,
    /// Byte range in the document from the entry's first character to its last.
    pub span: Range<usize>,
    /// Each joined line: where it starts in `text` and its byte range in the document.
    pub pieces: Vec<Piece>,
}

/// One physical line inside a [`RawEntry`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Piece {
    /// Byte offset in [`RawEntry::text`] where this line's text starts.
    pub text_offset: usize,
    /// Byte range of the trimmed line in the document.
    pub source: Range<usize>,
}

impl RawEntry {
    /// Map a byte range of [`RawEntry::text`] to the document's byte range.
    #[must_use]
    pub fn source_range(&self, range: Range<usize>) -> Range<usize> {
        let start = self.source_offset(range.start);
        let end = self.source_offset(range.end).max(start);
        start..end
    }

    /// Map a byte offset of [`RawEntry::text`] to the document's byte offset.
    #[must_use]
    pub fn source_offset(&self, offset: usize) -> usize {
        let piece = self
            .pieces
            .iter()
            .take_while(|p| p.text_offset <= offset)
            .last()
            .or_else(|| self.pieces.first());
        match piece {
            Some(piece) => {
                let into = offset.saturating_sub(piece.text_offset);
                (piece.source.start + into).min(piece.source.end)
            }
            None => self.span.start,
        }
    }
}

/// Split a reference section into entries.
///
/// `base_offset` is the section's byte offset in the document, so that spans point into the
/// document. Every non-blank line of the section ends up in exactly one entry.
#[must_use]
pub fn split_entries(section: &str, base_offset: usize) -> Vec<RawEntry> {
    let lines = non_blank_lines(section);
    let start_indent = lines
        .iter()
        .filter(|(_, line)| entry_start(line) == EntryStart::Strong)
        .map(|(_, line)| indent(line))
        .min()
        .unwrap_or(0);
    let kinds: Vec<EntryStart> = lines.iter().map(|(_, line)| entry_start(line)).collect();
    // One entry per line: most lines open an entry, so an entry without a closing stop
    // ("…, München") does not swallow the next.
    let starts = kinds.iter().filter(|k| **k != EntryStart::No).count();
    let one_per_line = starts * 5 >= lines.len() * 4;
    let mut entries: Vec<RawEntry> = Vec::new();
    for ((offset, line), kind) in lines.into_iter().zip(kinds) {
        let opens = match entries.last() {
            None => true,
            Some(current) => match kind {
                EntryStart::Strong => true,
                EntryStart::Weak => {
                    indent(line) <= start_indent
                        && (one_per_line || !plainly_unfinished(&current.text))
                }
                EntryStart::No => false,
            },
        };
        let trimmed = line.trim();
        let lead = line.len() - line.trim_start().len();
        let source_start = base_offset + offset + lead;
        let source = source_start..source_start + trimmed.len();
        match entries.last_mut() {
            Some(current) if !opens => {
                current.text.push(' ');
                current.pieces.push(Piece {
                    text_offset: current.text.len(),
                    source: source.clone(),
                });
                current.text.push_str(trimmed);
                current.span.end = source.end;
            }
            _ => entries.push(RawEntry {
                text: trimmed.to_string(),
                span: source.clone(),
                pieces: vec![Piece {
                    text_offset: 0,
                    source,
                }],
            }),
        }
    }
    entries
}

/// The section's non-blank lines with their byte offsets in it.
pub(crate) fn non_blank_lines(section: &str) -> Vec<(usize, &str)> {
    let mut lines = Vec::new();
    let mut offset = 0;
    for line in section.split('\n') {
        let content = line.strip_suffix('\r').unwrap_or(line);
        if !content.trim().is_empty() {
            lines.push((offset, content));
        }
        offset += line.len() + 1;
    }
    lines
}

fn indent(line: &str) -> usize {
    line.chars().take_while(|c| c.is_whitespace()).count()
}

/// Whether an entry's text so far cannot end there: a comma, a conjunction, "in", "by", a lone
/// initial, an abbreviation, a bracketed year or an editor marker. (An entry ending in a plain
/// word may be complete — "…, Opladen: Leske + Budrich" — or wrapped.)
pub(crate) fn plainly_unfinished(text: &str) -> bool {
    if looks_complete(text) {
        return false;
    }
    let trimmed = text.trim_end();
    let word = trimmed.rsplit(char::is_whitespace).next().unwrap_or("");
    let lower = word.to_lowercase();
    awaits_title(word)
        || trimmed.ends_with(['.', ',', ';', ':', '&', '-', '–', '(', '/'])
        || matches!(
            lower.as_str(),
            "and" | "und" | "in" | "by" | "of" | "the" | "von" | "for" | "on" | "to" | "a" | "an"
        )
        || trimmed.chars().last().is_some_and(char::is_lowercase) && lower.len() <= 3
}

/// A bracketed year or an editor marker ends the names, not the entry: "(1979).", "(eds.)".
/// ("…, Tübingen 1987." ends an entry: only a bracketed year leaves it open.)
fn awaits_title(word: &str) -> bool {
    let bare = word.trim_matches(|c: char| !c.is_alphanumeric());
    let bracketed_year =
        word.starts_with('(') && year_value(bare).is_ok_and(|(rest, _)| rest.is_empty());
    bracketed_year || is_editor_marker(word)
}

/// Whether an entry's text so far ends where an entry can end: a stop (not after an initial
/// or abbreviation), a bracket, a page number or an address.
pub(crate) fn looks_complete(text: &str) -> bool {
    let trimmed = text.trim_end();
    let Some(last) = trimmed.chars().last() else {
        return true;
    };
    if matches!(last, ',' | ';' | ':' | '&' | '-' | '–' | '(' | '/') {
        return false;
    }
    let word = trimmed.rsplit(char::is_whitespace).next().unwrap_or("");
    // Names and a year, the title still to come: "Bourhis, R., & Tajfel, H. (1979)."
    if awaits_title(word) {
        return false;
    }
    if last == '.' {
        // A lone initial ("D.") breaks a name; dotted groups ("D.C.", "U.S.") end places.
        let lower = word.to_lowercase();
        let lone_initial = is_initials(word) && word.matches('.').count() == 1;
        return !(lone_initial || ABBREVIATIONS.contains(&lower.as_str()));
    }
    // A line wrapped mid-sentence ends in a word; an entry ends in a stop, a bracket, a page
    // number or an address.
    matches!(
        last,
        ')' | ']' | '"' | '”' | '’' | '»' | '*' | '>' | '!' | '?'
    ) || last.is_ascii_digit()
        || word.contains("://")
        || word.starts_with("www.")
}

#[test]
fn completeness_cases() {
    for (text, complete, unfinished) in [
        ("Smith, J. (2001). Title. Press.", true, false),
        ("…, Tübingen 1987.", true, false),
        ("…, 31(1), 78–108", true, false),
        ("… in A. Posthuma and D.", false, true),
        ("… Washington D.C.", true, false),
        ("Bourhis, R., & Tajfel, H. (1979).", false, true),
        ("… Opladen: Leske + Budrich", false, false),
        ("… Journal of", false, true),
        ("… in: Müller, M. (eds.)", false, true),
        ("Albright, L., Cohen, A. I.,", false, true),
    ] {
        assert_eq!(looks_complete(text), complete, "{text}");
        assert_eq!(plainly_unfinished(text), unfinished, "{text}");
    }
}

#[test]
fn split_entries_cases() {
    let texts = |section: &str| -> Vec<String> {
        split_entries(section, 0)
            .into_iter()
            .map(|e| e.text)
            .collect()
    };
    // One entry per line with bullets.
    assert_eq!(
        texts("- Bair, J. (2001). 'Local clusters'. *WD*.\n- Bartley, T. (2007). 'Emergence'. *AJS*.\n"),
        ["- Bair, J. (2001). 'Local clusters'. *WD*.", "- Bartley, T. (2007). 'Emergence'. *AJS*."]
    );
    // An entry wrapped across a blank line after an initial.
    assert_eq!(
        texts("Damodaran, S. (2010). 'Upgrading'. in A. Posthuma and D.\n\nNathan, (eds.), *Labour*, Oxford.\n\nDas, K. (2005). *Clusters*, Ashgate."),
        [
            "Damodaran, S. (2010). 'Upgrading'. in A. Posthuma and D. Nathan, (eds.), *Labour*, Oxford.",
            "Das, K. (2005). *Clusters*, Ashgate."
        ]
    );
    // PDF text: a blank line between every line, entries wrapped.
    assert_eq!(
        texts("Smith, J. (2001). A title that\n\nwraps onto a second line. Journal, 1, 2-3.\n\nJones, K. (1999). Short. Press.\n"),
        [
            "Smith, J. (2001). A title that wraps onto a second line. Journal, 1, 2-3.",
            "Jones, K. (1999). Short. Press."
        ]
    );
    // Hanging indent, German style without an early year.
    assert_eq!(
        texts("Franck, Dorothea: Grammatik und Konversation,\n    Königstein 1980.\nFest, Joachim, 1991: Der zerstörte Traum. Berlin.\n"),
        [
            "Franck, Dorothea: Grammatik und Konversation, Königstein 1980.",
            "Fest, Joachim, 1991: Der zerstörte Traum. Berlin."
        ]
    );
}

#[test]
fn split_entries_spans_point_into_the_document() {
    let document = "References\n\nSmith, J. (2001). A title that\n\nwraps. Journal.\n";
    let base = "References\n\n".len();
    let entries = split_entries(document.get(base..).unwrap_or(""), base);
    let entry = entries.first().cloned().unwrap_or_else(|| RawEntry {
        text: String::new(),
        span: 0..0,
        pieces: Vec::new(),
    });
    assert_eq!(
        document.get(entry.span.clone()),
        Some("Smith, J. (2001). A title that\n\nwraps. Journal.")
    );
    let at = entry.text.find("wraps").unwrap_or(0);
    let mapped = entry.source_range(at..at + 5);
    assert_eq!(document.get(mapped), Some("wraps"));
}
