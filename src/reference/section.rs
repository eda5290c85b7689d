//! Finding the reference list of a document: a heading ("References", "Bibliography", …)
//! followed by entries, up to a heading that ends it (notes, appendices) or the end of the text.

use std::ops::Range;

/// Headings that open a reference list (compared case-insensitively, without markdown marks or
/// a trailing colon).
pub const REFERENCE_HEADINGS: &[&str] = &[
    "references",
    "reference list",
    "bibliography",
    "works cited",
    "literature",
    "literature cited",
    "cited literature",
    "literaturverzeichnis",
    "literatur",
    "sources",
    "bibliographie",
];

/// Headings that end a reference list.
pub const END_HEADINGS: &[&str] = &[
    "notes",
    "endnotes",
    "footnotes",
    "appendix",
    "appendices",
    "tables",
    "figures",
    "acknowledgements",
    "acknowledgments",
    "about the authors",
    "about the author",
    "anhang",
];

fn heading_text(line: &str) -> String {
    let text = line
        .trim()
        .trim_start_matches('#')
        .trim_matches(|c: char| c == '*' || c == '_' || c.is_whitespace())
        .trim_end_matches(':')
        .trim();
    // Lower-casing never shortens a text below its count of characters, so a line of more
    // characters than the longest heading is none of them: skip the allocation.
    if text.len() > 4 * LONGEST_HEADING
        || (text.len() > LONGEST_HEADING && text.chars().count() > LONGEST_HEADING)
    {
        return String::new();
    }
    text.to_lowercase()
}

/// The length of the longest heading of either list, in bytes (all are ASCII).
const LONGEST_HEADING: usize = {
    let mut longest = 0;
    let lists = [REFERENCE_HEADINGS, END_HEADINGS];
    let mut list = 0;
    while list < lists.len() {
        let mut index = 0;
        while index < lists[list].len() {
            if lists[list][index].len() > longest {
                longest = lists[list][index].len();
            }
            index += 1;
        }
        list += 1;
    }
    longest
};

/// Whether a line reads like the start of an author-date entry: a capitalised name, a comma or
/// a full stop soon after, and a year within its first 200 bytes.
fn looks_like_entry(line: &str) -> bool {
    let line = line
        .trim_start()
        .trim_start_matches(['-', '*', '•'])
        .trim_start();
    let Some(first) = line.chars().next() else {
        return false;
    };
    if !first.is_uppercase() {
        return false;
    }
    let head: String = line.chars().take(200).collect();
    let has_year = head
        .as_bytes()
        .windows(4)
        .any(|w| w.iter().all(u8::is_ascii_digit) && matches!(w[0], b'1' | b'2'));
    has_year && head.chars().take(60).any(|c| c == ',' || c == '.')
}

/// Byte ranges of `text` that hold reference-list entries (the heading itself excluded).
#[must_use]
pub fn find_reference_sections(text: &str) -> Vec<Range<usize>> {
    let mut lines = Vec::new();
    let mut start = 0;
    for line in text.split_inclusive('\n') {
        lines.push((start, line));
        start += line.len();
    }
    let mut sections = Vec::new();
    let mut index = 0;
    while index < lines.len() {
        let (offset, line) = lines[index];
        if !REFERENCE_HEADINGS.contains(&heading_text(line).as_str()) {
            index += 1;
            continue;
        }
        // The heading counts when entries follow it.
        let following: Vec<&str> = lines[index + 1..]
            .iter()
            .map(|(_, l)| *l)
            .filter(|l| !l.trim().is_empty())
            .take(5)
            .collect();
        let entries = following.iter().filter(|l| looks_like_entry(l)).count();
        if entries < 2.min(following.len()).max(1) {
            index += 1;
            continue;
        }
        let body_start = offset + line.len();
        let mut end = text.len();
        let mut next = index + 1;
        while next < lines.len() {
            let (next_offset, next_line) = lines[next];
            if END_HEADINGS.contains(&heading_text(next_line).as_str()) {
                end = next_offset;
                break;
            }
            next += 1;
        }
        sections.push(body_start..end);
        index = next;
    }
    sections
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_a_headed_list_up_to_the_notes() {
        let text = "Body (Locke, 2013).\n\nReferences\n\nLocke, R. (2013). The Promise. CUP.\n\nSmith, A. (2001). Title. J.\n\nNotes\n\n1 A note (Smith, 2001).\n";
        let sections = find_reference_sections(text);
        assert_eq!(sections.len(), 1);
        let section = &text[sections[0].clone()];
        assert!(section.contains("Locke, R. (2013)"));
        assert!(!section.contains("A note"));
    }

    #[test]
    fn a_heading_without_entries_is_not_a_list() {
        let text = "Literature\n\nThe literature on clusters is large.\n";
        assert!(find_reference_sections(text).is_empty());
    }
}
