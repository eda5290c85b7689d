//! Shared helpers of the claims tests.
//!
//! ============================ TEST SCAFFOLDING ============================
//! `find_citations` is a small stand-in for the real citation extractor, written only so the
//! claims tests can run before `citation::extract` lands. It finds "(Name, 2000)",
//! "(Name 2000; Other et al., 2001a, 2002)" and "Name (2000)" / "Name et al.’s (2000)" well
//! enough for scoring; it knows no yearless mentions ("what Day calls"), no "ibid." and no
//! footnote styles. When the extractor lands, replace the body of `find_citations` with
//! `citegraph::citation::extract(text)` (adapting to its return type); every claims test calls
//! citations through this one function.
//! ==========================================================================
#![allow(dead_code)]

use std::path::{Path, PathBuf};

use citegraph::citation::{Citation, CitationKind};

/// `../shared`, or `None` (after printing why) when it is absent.
pub fn shared_dir(test: &str) -> Option<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared");
    if dir.is_dir() {
        Some(dir)
    } else {
        eprintln!("SKIPPED {test}: ../shared is absent (it holds the corpus, gold and datasets)");
        None
    }
}

/// The citations of `text`. TEST SCAFFOLDING: see the module comment.
pub fn find_citations(text: &str) -> Vec<Citation> {
    let mut found = parenthetical_citations(text);
    found.extend(narrative_citations(text));
    found.sort_by_key(|c| (c.start, c.end));
    found
}

/// 1-based line of a byte offset.
pub fn line_of(text: &str, offset: usize) -> usize {
    text[..offset.min(text.len())].matches('\n').count() + 1
}

/// A year "2009", "2010a", at `text[at..]`: returns its length.
fn year_at(text: &str, at: usize) -> Option<usize> {
    let bytes = text.as_bytes();
    if at + 4 > bytes.len() || !bytes[at..at + 4].iter().all(u8::is_ascii_digit) {
        return None;
    }
    if !(text[at..].starts_with("19") || text[at..].starts_with("20")) {
        return None;
    }
    if at > 0 && (bytes[at - 1].is_ascii_alphanumeric()) {
        return None;
    }
    let mut len = 4;
    if let Some(&next) = bytes.get(at + 4) {
        if next.is_ascii_digit() {
            return None;
        }
        if next.is_ascii_lowercase() && !bytes.get(at + 5).is_some_and(u8::is_ascii_alphabetic) {
            len = 5;
        }
    }
    Some(len)
}

/// Lower-case words that may open a bracket before the authors.
const PREFIXES: &[&str] = &[
    "see",
    "e.g.",
    "e.g.,",
    "eg",
    "cf.",
    "also",
    "for",
    "example,",
    "example",
    "instance,",
    "see,",
    "i.e.",
    "i.e.,",
    "and",
    "as",
    "in",
    "by",
    "a",
    "review",
    "critical",
    "discussion,",
];

/// Words that are never part of an author name.
const NOT_NAMES: &[&str] = &[
    "As",
    "In",
    "For",
    "See",
    "The",
    "This",
    "According",
    "Similarly",
    "While",
    "Although",
    "Moreover",
    "However",
    "Thus",
    "Following",
    "Like",
    "Unlike",
    "But",
    "And",
    "Both",
    "Also",
    "Further",
    "Furthermore",
    "Recently",
    "Recent",
    "Here",
    "Early",
    "Then",
    "Table",
    "Figure",
    "Section",
    "Chapter",
    "Appendix",
    "Introduction",
    "Our",
    "We",
    "Their",
    "These",
    "Using",
    "When",
    "After",
    "Before",
    "Since",
    "Many",
    "Some",
    "Other",
    "Others",
    "If",
    "Of",
    "On",
    "By",
    "With",
    "From",
    "To",
    "At",
    "It",
    "Its",
    "That",
    "A",
    "An",
    "One",
    "Two",
    "First",
    "Second",
    "Third",
    "Finally",
    "Indeed",
    "Instead",
    "Yet",
    "So",
    "Most",
    "Several",
    "Each",
    "Work",
    "Works",
    "Study",
    "Studies",
    "Model",
    "Models",
    "Method",
    "Methods",
    "Approach",
];

const PARTICLES: &[&str] = &[
    "de", "van", "von", "der", "den", "da", "del", "di", "la", "le", "du", "dos", "das",
];

/// Parses an author text ("Locke et al.", "Puppim de Oliveira and Jabbour", "A. Khan").
fn parse_authors(raw: &str) -> Option<(Vec<String>, bool)> {
    let mut rest = raw
        .trim()
        .trim_matches(|c: char| c == ',' || c.is_whitespace());
    // Drop lead-ins such as "see also", "e.g.,", "for a critical review ..., see".
    loop {
        let first = rest.split_whitespace().next()?;
        if first.chars().next().is_some_and(char::is_lowercase) || PREFIXES.contains(&first) {
            rest = rest[first.len()..].trim_start();
        } else {
            break;
        }
    }
    let mut et_al = false;
    let mut text = rest.to_string();
    for marker in ["et al.", "et al", "and colleagues"] {
        if let Some(at) = text.find(marker) {
            et_al = true;
            text.truncate(at);
        }
    }
    let text = text.trim().trim_end_matches(',').trim();
    if text.is_empty() {
        return None;
    }
    let mut authors = Vec::new();
    for chunk in text
        .split(", ")
        .flat_map(|c| c.split(" and "))
        .flat_map(|c| c.split(" & "))
    {
        let words: Vec<&str> = chunk
            .split_whitespace()
            .filter(|w| {
                !(w.len() == 2
                    && w.ends_with('.')
                    && w.chars().next().is_some_and(char::is_uppercase))
            })
            .collect();
        if words.is_empty() {
            continue;
        }
        let name = words.join(" ");
        let name = name
            .trim_end_matches("’s")
            .trim_end_matches("'s")
            .trim_end_matches(['’', '\'', ','])
            .to_string();
        let ok = name.chars().next().is_some_and(char::is_uppercase)
            && name.chars().all(|c| {
                c.is_alphabetic() || matches!(c, ' ' | '-' | '’' | '\'' | '/' | '&' | '.')
            })
            && name.split_whitespace().count() <= 4;
        if !ok {
            return None;
        }
        authors.push(name);
    }
    (!authors.is_empty()).then_some((authors, et_al))
}

fn citation(
    text: &str,
    start: usize,
    end: usize,
    kind: CitationKind,
    authors: Vec<String>,
    et_al: bool,
    year: &str,
) -> Citation {
    let initials = vec![None; authors.len()];
    Citation {
        start,
        end,
        line: line_of(text, start),
        raw: text[start..end]
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" "),
        kind,
        authors,
        initials,
        et_al,
        year: Some(year.to_string()),
        locator: None,
        prefix: None,
        ibid: false,
    }
}

/// "(Locke, 2013; Locke et al., 2007, 2009)": one citation per year.
fn parenthetical_citations(text: &str) -> Vec<Citation> {
    let mut out = Vec::new();
    let bytes = text.as_bytes();
    let mut open = 0;
    while let Some(found) = text[open..].find('(') {
        let start = open + found;
        open = start + 1;
        let Some(close_rel) = text[start..].find(')') else {
            break;
        };
        let close = start + close_rel;
        if close - start > 600 || text[start + 1..close].contains('(') {
            continue;
        }
        let inner_start = start + 1;
        // Split on ';' into parts; each part has one or more years.
        let mut part_start = inner_start;
        let mut previous: Option<(Vec<String>, bool)> = None;
        for (offset, c) in text[inner_start..=close].char_indices() {
            let at = inner_start + offset;
            if c != ';' && at != close {
                continue;
            }
            let part_end = at;
            let mut cursor = part_start;
            let mut segment_start = part_start;
            while cursor < part_end {
                if let Some(len) = year_at(text, cursor) {
                    let author_text = &text[segment_start..cursor];
                    let author_start =
                        segment_start + (author_text.len() - author_text.trim_start().len());
                    let parsed = if author_text
                        .trim_matches(|c: char| c == ',' || c.is_whitespace())
                        .is_empty()
                    {
                        previous.clone()
                    } else {
                        parse_authors(author_text)
                    };
                    if let Some((authors, et_al)) = parsed {
                        let first_name = &authors[0];
                        let name_start = text[author_start..cursor]
                            .find(first_name.split_whitespace().next().unwrap_or(first_name))
                            .map_or(author_start, |i| author_start + i);
                        let begin = if author_text
                            .trim_matches(|c: char| c == ',' || c.is_whitespace())
                            .is_empty()
                        {
                            segment_start + (author_text.len() - author_text.trim_start().len())
                        } else {
                            name_start
                        };
                        out.push(citation(
                            text,
                            begin,
                            cursor + len,
                            CitationKind::Parenthetical,
                            authors.clone(),
                            et_al,
                            &text[cursor..cursor + len],
                        ));
                        previous = Some((authors, et_al));
                    }
                    cursor += len;
                    // Skip a locator ", p. 12" up to the next comma-separated author or year.
                    segment_start = cursor;
                    continue;
                }
                cursor += text[cursor..].chars().next().map_or(1, char::len_utf8);
            }
            part_start = part_end + 1;
        }
        let _ = bytes;
    }
    out
}

/// "Locke (2013)", "Locke et al.’s (2009)", "Blowfield and Frynas’ (2005, p. 503)".
fn narrative_citations(text: &str) -> Vec<Citation> {
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(found) = text[from..].find('(') {
        let open = from + found;
        from = open + 1;
        let Some(len) = year_at(text, open + 1) else {
            continue;
        };
        let Some(close_rel) = text[open..].find(')') else {
            continue;
        };
        let close = open + close_rel;
        if close - open > 40 {
            continue;
        }
        // Words before the bracket, backwards, while they look like a name.
        let before = &text[..open];
        let mut words: Vec<(usize, &str)> = Vec::new();
        let mut end = before.trim_end().len();
        loop {
            let slice = &before[..end];
            let start = slice.rfind(char::is_whitespace).map_or(0, |i| i + 1);
            let word = &slice[start..];
            if word.is_empty() {
                break;
            }
            let bare = word
                .trim_end_matches("’s")
                .trim_end_matches("'s")
                .trim_end_matches(['’', '\'']);
            let name_like = bare.chars().next().is_some_and(char::is_uppercase)
                && bare
                    .chars()
                    .all(|c| c.is_alphabetic() || c == '-' || c == '.')
                && !NOT_NAMES.contains(&bare);
            let joiner = matches!(word, "and" | "&" | "et" | "al." | "al.’s" | "al.'s")
                || PARTICLES.contains(&word);
            if !(name_like || joiner) {
                break;
            }
            words.push((start, word));
            if start == 0 {
                break;
            }
            end = before[..start].trim_end().len();
            if end < start.saturating_sub(3) {
                break; // a line break or wide gap: stop
            }
        }
        words.reverse();
        while words
            .first()
            .is_some_and(|(_, w)| matches!(*w, "and" | "&" | "et" | "al.") || PARTICLES.contains(w))
        {
            words.remove(0);
        }
        let Some(&(name_start, _)) = words.first() else {
            continue;
        };
        let author_text: String = words.iter().map(|(_, w)| *w).collect::<Vec<_>>().join(" ");
        let Some((authors, et_al)) = parse_authors(&author_text) else {
            continue;
        };
        out.push(citation(
            text,
            name_start,
            close + 1,
            CitationKind::Narrative,
            authors,
            et_al,
            &text[open + 1..open + 1 + len],
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys(text: &str) -> Vec<(String, CitationKind)> {
        find_citations(text)
            .into_iter()
            .map(|c| (c.key(), c.kind))
            .collect()
    }

    #[test]
    fn scaffold_finds_common_forms() {
        assert_eq!(
            keys("criticisms (e.g., AFL-CIO, 2013; Locke et al., 2007, 2009) and Locke et al.’s (2009) examples"),
            [
                ("AFL-CIO 2013".to_string(), CitationKind::Parenthetical),
                ("Locke et al. 2007".to_string(), CitationKind::Parenthetical),
                ("Locke et al. 2009".to_string(), CitationKind::Parenthetical),
                ("Locke et al. 2009".to_string(), CitationKind::Narrative),
            ]
        );
        assert_eq!(
            keys("For example, Puppim de Oliveira (2008) and Puppim de Oliveira and Jabbour (2015) were"),
            [
                ("Puppim de Oliveira 2008".to_string(), CitationKind::Narrative),
                ("Puppim de Oliveira and Jabbour 2015".to_string(), CitationKind::Narrative),
            ]
        );
        assert_eq!(
            keys("(Marcus et al. , 1993) and (Hassel 2008; Meardi and Marginson 2014)"),
            [
                (
                    "Marcus et al. 1993".to_string(),
                    CitationKind::Parenthetical
                ),
                ("Hassel 2008".to_string(), CitationKind::Parenthetical),
                (
                    "Meardi and Marginson 2014".to_string(),
                    CitationKind::Parenthetical
                ),
            ]
        );
    }
}
