//! Finding a document's reference list: the heading, where the entries stop, or a headingless
//! block of entries at the end.
//!
//! Conservative by design: the in-text citation extractor skips these ranges, so a body passage
//! taken for references costs citations. A section must show entries at once after its heading,
//! ends at an appendix or notes heading or at a line that is neither an entry nor a
//! continuation and after which no entry opens within six lines (as the working-paper list
//! after 003's references), and a headingless
//! block needs at least five entries and must close the document.

use std::ops::Range;

use super::entry::{entry_start, EntryStart};
use super::split::{looks_complete, non_blank_lines, plainly_unfinished};
use super::tables::{END_HEADINGS, SECTION_HEADINGS, WEAK_SECTION_HEADINGS};

/// Lines after a heading within which the first entry must appear.
const FIRST_ENTRY_WITHIN: usize = 3;
/// Consecutive lines that are neither entries nor continuations and end a headingless block.
const STRAY_LINES_ENDING_A_SECTION: usize = 3;
/// How many lines after a stray line an entry must open for the stray line to stay inside.
const LOOKAHEAD_FOR_AN_ENTRY: usize = 6;
/// Stray lines that may still close the last entry when the document ends after them.
const TRAILING_CONTINUATION_LINES: usize = 2;
/// Entries a weak heading ("Literature", "Sources") or a headingless block needs.
const MIN_ENTRIES_WITHOUT_STRONG_HEADING: usize = 5;

/// Byte ranges of `text` holding reference-list entries, heading excluded, in document order.
///
/// The text should be NFC-normalised with hyphen-broken words rejoined; it keeps its line
/// structure (blank lines between lines are fine). Returns an empty vector when the document
/// has no recognisable reference list.
#[must_use]
pub fn find_reference_sections(text: &str) -> Vec<Range<usize>> {
    let lines = non_blank_lines(text);
    let mut sections = Vec::new();
    let mut index = 0;
    while let Some(&(offset, line)) = lines.get(index) {
        index += 1;
        let Some(heading) = heading_name(line) else {
            continue;
        };
        if !SECTION_HEADINGS.contains(&heading.as_str()) {
            continue;
        }
        let weak = WEAK_SECTION_HEADINGS.contains(&heading.as_str());
        let body_start = offset + line.len();
        let after = lines.get(index..).unwrap_or(&[]);
        if let Some((range, consumed)) = section_after(after, weak) {
            let start = range.start.max(body_start);
            if start < range.end {
                sections.push(start..range.end);
            }
            index += consumed;
        }
    }
    if sections.is_empty() {
        if let Some(range) = trailing_block(&lines) {
            sections.push(range);
        }
    }
    sections
}

/// The heading a line would be, lower-cased, without markdown, numbering or a trailing colon.
fn heading_name(line: &str) -> Option<String> {
    let trimmed = line.trim();
    if trimmed.is_empty() || trimmed.chars().count() > 60 {
        return None;
    }
    let unmarked = trimmed
        .trim_start_matches('#')
        .trim()
        .trim_matches(|c: char| c == '*' || c == '_')
        .trim();
    // "7.", "7.1", "VII.", "A." numbering before the heading word.
    let words: Vec<&str> = unmarked.split_whitespace().collect();
    let without_number = match words.split_first() {
        Some((first, rest))
            if !rest.is_empty()
                && (first
                    .trim_end_matches('.')
                    .chars()
                    .all(|c| c.is_ascii_digit() || c == '.')
                    || (first.ends_with('.')
                        && first
                            .trim_end_matches('.')
                            .chars()
                            .all(|c| "IVXLC".contains(c)))) =>
        {
            rest.join(" ")
        }
        _ => words.join(" "),
    };
    let name = without_number
        .trim_end_matches([':', '.'])
        .trim_matches(|c: char| c == '*' || c == '_')
        .to_lowercase();
    // "R E F E R E N C E S": letter-spaced capitals.
    let squeezed = if name.split(' ').all(|w| w.chars().count() == 1) {
        name.replace(' ', "")
    } else {
        name
    };
    (!squeezed.is_empty()).then_some(squeezed)
}

fn is_end_heading(line: &str) -> bool {
    let Some(name) = heading_name(line) else {
        return false;
    };
    END_HEADINGS.contains(&name.as_str())
        || SECTION_HEADINGS.contains(&name.as_str())
        || ["appendix", "appendices", "annex", "anhang", "anlage"]
            .iter()
            .any(|w| name.starts_with(w) && name.split_whitespace().count() <= 6)
}

#[test]
fn heading_name_cases() {
    for (line, expected) in [
        ("References", Some("references")),
        ("# References", Some("references")),
        ("**References**", Some("references")),
        ("7. Literaturverzeichnis", Some("literaturverzeichnis")),
        ("VII. Bibliography:", Some("bibliography")),
        ("R E F E R E N C E S", Some("references")),
        (" Endnotes ", Some("endnotes")),
        ("", None),
    ] {
        assert_eq!(heading_name(line).as_deref(), expected, "{line}");
    }
}

/// The entries after a heading: their byte range and how many lines were consumed.
fn section_after(lines: &[(usize, &str)], weak: bool) -> Option<(Range<usize>, usize)> {
    let mut first_entry: Option<usize> = None;
    let mut accepted_end: Option<usize> = None;
    let mut current = String::new();
    let mut strays = 0;
    let mut entries = 0;
    let mut consumed = 0;
    for (position, &(offset, line)) in lines.iter().enumerate() {
        if is_end_heading(line) {
            break;
        }
        consumed = position + 1;
        let kind = entry_start(line);
        let opens = match kind {
            EntryStart::Strong => true,
            EntryStart::Weak => !plainly_unfinished(&current),
            EntryStart::No => false,
        };
        if first_entry.is_none() {
            if opens {
                first_entry = Some(offset + (line.len() - line.trim_start().len()));
            } else if position + 1 >= FIRST_ENTRY_WITHIN {
                return None;
            } else {
                continue;
            }
        }
        let continues = !opens && strays == 0 && !looks_complete(&current);
        if opens || continues {
            if opens {
                entries += 1;
                current.clear();
            }
            current.push(' ');
            current.push_str(line.trim());
            accepted_end = Some(offset + line.trim_end().len());
            strays = 0;
        } else {
            // A stray line may still belong to the entry (a wrapped journal name after a
            // period, a typo in the next names); it is kept only if an entry opens soon after.
            let later = lines.get(position + 1..).unwrap_or(&[]);
            let entry_follows = later
                .iter()
                .take(LOOKAHEAD_FOR_AN_ENTRY)
                .take_while(|(_, l)| !is_end_heading(l))
                .any(|(_, l)| entry_start(l) != EntryStart::No);
            // The last entry's wrapped tail ("Frankfurt am Main: Suhrkamp.") when the document
            // ends right after it (not before a heading: 003's list of working papers follows
            // a "Publications:" heading).
            let lines_left = later.len() + 1;
            let closes_last_entry = lines_left <= TRAILING_CONTINUATION_LINES;
            if !entry_follows && !closes_last_entry {
                break;
            }
            if closes_last_entry && !entry_follows {
                current.push(' ');
                current.push_str(line.trim());
                accepted_end = Some(offset + line.trim_end().len());
                continue;
            }
            strays += 1;
            current.push(' ');
            current.push_str(line.trim());
        }
    }
    let needed = if weak {
        MIN_ENTRIES_WITHOUT_STRONG_HEADING
    } else {
        1
    };
    if entries < needed {
        return None;
    }
    Some((first_entry?..accepted_end?, consumed))
}

/// A block of at least five entries that closes a document without a heading.
fn trailing_block(lines: &[(usize, &str)]) -> Option<Range<usize>> {
    // Walk back over the document's last lines while they are entries or continuations.
    let mut start_line: Option<usize> = None;
    let mut non_entries = 0;
    let mut entries = 0;
    for (position, &(_, line)) in lines.iter().enumerate().rev() {
        match entry_start(line) {
            EntryStart::Strong => {
                entries += 1;
                non_entries = 0;
                start_line = Some(position);
            }
            EntryStart::Weak | EntryStart::No => {
                non_entries += 1;
                if non_entries > 2 * STRAY_LINES_ENDING_A_SECTION || line.len() > 400 {
                    break;
                }
            }
        }
    }
    if entries < MIN_ENTRIES_WITHOUT_STRONG_HEADING {
        return None;
    }
    let first = lines.get(start_line?)?;
    let (range, _) = section_after(lines.get(start_line?..)?, true)?;
    // The block must reach the document's end (its last two lines may be stray).
    let last_lines_start = lines.iter().rev().nth(2).map_or(0, |(o, _)| *o);
    (range.end >= last_lines_start && range.start >= first.0).then_some(range)
}
