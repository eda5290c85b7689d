//! Sentence segmentation of scholarly plain text: sentences as byte ranges, in paragraphs.
//!
//! The text is expected normalised (NFC, hyphen-broken words rejoined, page-number lines blank)
//! with its line breaks kept. Three passes, all linear in the text:
//! 1. **Sentence ends** from punctuation: `.`, `?`, `!`, `…` (plus closing quotes, brackets and
//!    footnote marks) followed by a capital, a digit or an opening bracket; exceptions are data
//!    in `grammar/segmentation.toml` (abbreviations that never or only sometimes end a sentence,
//!    the words that may start a sentence after them). A period glued to a capitalised word
//!    ends a sentence after a bracket or a lower-case word ("(Henderson et al., 2002).In the").
//!    Punctuation inside a protected range (a citation) never ends a sentence.
//! 2. **Layout**: headings (short lines without final punctuation between a finished sentence
//!    and a capitalised line) and paragraph breaks. A blank line alone is not a paragraph break
//!    in files that put a blank line between every line: there, a paragraph ends where a line
//!    that finishes a sentence is short for the file, or is followed by a wider gap or a deeper
//!    indent than usual.
//! 3. **Sentences** between consecutive ends, headings and paragraph breaks, trimmed of white
//!    space; the ones after a "References" heading are marked back matter.

use std::collections::HashSet;
use std::ops::Range;

use serde::Deserialize;
use toml::Spanned;

use super::error::DataError;
use super::text::{fold_word, is_superscript, LineIndex};

/// The default segmentation rules, shipped as `grammar/segmentation.toml`.
pub const DEFAULT_SEGMENTATION: &str = include_str!("../../grammar/segmentation.toml");

/// What a sentence is in the layout of the document.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum SentenceKind {
    /// Running text.
    Body,
    /// A heading line.
    Heading,
    /// Text after a back-matter heading ("References"): not analysed for stance.
    BackMatter,
}

/// One sentence: a byte range of the document and where it sits.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub struct Sentence {
    /// Byte offset of its first character (never white space).
    pub start: usize,
    /// Byte offset one past its last character (never white space).
    pub end: usize,
    /// 1-based line of the text where it starts.
    pub line: usize,
    /// 0-based paragraph number; headings are paragraphs of their own.
    pub paragraph: usize,
    /// Running text, heading or back matter.
    pub kind: SentenceKind,
}

/// How a period after an abbreviation behaves.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum AbbreviationClass {
    /// Never ends a sentence ("e.g.").
    NeverEnd,
    /// Ends a sentence only before a sentence starter ("et al.", an initial).
    MayEnd,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRules {
    version: u32,
    never_end: Vec<Spanned<String>>,
    may_end: Vec<Spanned<String>>,
    sentence_starters: Vec<String>,
    heading_never_ends_with: Vec<String>,
    back_matter: Vec<String>,
    resume_after_back_matter: Vec<String>,
}

/// Segmentation rules: abbreviations, sentence starters and layout words, from a TOML file.
#[derive(Debug, Clone)]
pub struct SegmentationRules {
    abbreviations: Vec<(String, AbbreviationClass)>,
    starters: HashSet<String>,
    heading_stops: HashSet<String>,
    back_matter: HashSet<String>,
    resume: HashSet<String>,
}

impl Default for SegmentationRules {
    /// The rules of `grammar/segmentation.toml`, embedded in the binary.
    fn default() -> Self {
        SegmentationRules::from_toml(DEFAULT_SEGMENTATION)
            .expect("the embedded grammar/segmentation.toml is valid (a unit test parses it)")
    }
}

fn capitalised(entry: &str) -> Option<String> {
    let mut chars = entry.chars();
    let first = chars.next()?;
    first
        .is_lowercase()
        .then(|| first.to_uppercase().chain(chars).collect())
}

impl SegmentationRules {
    /// Parses rules in the format of `grammar/segmentation.toml`.
    ///
    /// # Errors
    /// A TOML error, a missing list, or an abbreviation that does not end in a period, located
    /// by line and column.
    pub fn from_toml(source: &str) -> Result<Self, DataError> {
        let raw: RawRules =
            toml::from_str(source).map_err(|error| DataError::from_toml(source, &error))?;
        if raw.version != 1 {
            return Err(DataError::at(
                source,
                source.find("version").unwrap_or(0),
                format!("unsupported version {}, expected 1", raw.version),
            ));
        }
        let mut abbreviations = Vec::new();
        for (list, class) in [
            (&raw.never_end, AbbreviationClass::NeverEnd),
            (&raw.may_end, AbbreviationClass::MayEnd),
        ] {
            for entry in list {
                let text = entry.get_ref().trim();
                if !text.ends_with('.') || text.len() < 2 {
                    return Err(DataError::spanned(
                        source,
                        Some(entry.span()),
                        format!("abbreviation {text:?} must be a word ending in a period"),
                    ));
                }
                if let Some(upper) = capitalised(text) {
                    abbreviations.push((upper, class));
                }
                abbreviations.push((text.to_string(), class));
            }
        }
        let fold_all = |words: &[String]| -> HashSet<String> {
            words.iter().map(|word| heading_key(word)).collect()
        };
        Ok(SegmentationRules {
            abbreviations,
            starters: raw.sentence_starters.into_iter().collect(),
            heading_stops: raw
                .heading_never_ends_with
                .iter()
                .map(|word| fold_word(word))
                .collect(),
            back_matter: fold_all(&raw.back_matter),
            resume: fold_all(&raw.resume_after_back_matter),
        })
    }

    /// The class of the abbreviation (or initial) that ends with the period at byte `dot`.
    fn abbreviation_before(&self, text: &str, dot: usize) -> Option<AbbreviationClass> {
        let before = &text[..=dot];
        for (entry, class) in &self.abbreviations {
            if let Some(start) = ends_with_loosely(before, entry) {
                let boundary = text[..start]
                    .chars()
                    .next_back()
                    .is_none_or(|c| !c.is_alphanumeric());
                if boundary {
                    return Some(*class);
                }
            }
        }
        // An initial: one capital letter after a non-letter ("R. M. Locke").
        let mut back = text[..dot].chars().rev();
        let letter = back.next()?;
        let boundary = back.next().is_none_or(|c| !c.is_alphanumeric());
        (letter.is_uppercase() && boundary).then_some(AbbreviationClass::MayEnd)
    }
}

/// Where `entry` starts if `text` ends with it, a space of the entry matching any run of white
/// space of the text.
fn ends_with_loosely(text: &str, entry: &str) -> Option<usize> {
    let mut text_chars = text.char_indices().rev().peekable();
    let mut start = text.len();
    let mut entry_chars = entry.chars().rev().peekable();
    while let Some(expected) = entry_chars.next() {
        if expected == ' ' {
            let mut seen = false;
            while let Some(&(offset, c)) = text_chars.peek() {
                if c.is_whitespace() {
                    seen = true;
                    start = offset;
                    text_chars.next();
                } else {
                    break;
                }
            }
            if !seen {
                return None;
            }
            while entry_chars.peek() == Some(&' ') {
                entry_chars.next();
            }
        } else {
            let (offset, c) = text_chars.next()?;
            if c != expected {
                return None;
            }
            start = offset;
        }
    }
    Some(start)
}

/// Characters that may follow sentence-final punctuation inside the same sentence.
fn is_closer(c: char) -> bool {
    matches!(c, ')' | ']' | '"' | '\'' | '”' | '’' | '»' | '›') || is_superscript(c)
}

/// Sentence-final punctuation.
fn is_terminal(c: char) -> bool {
    matches!(c, '.' | '?' | '!' | '…')
}

/// Characters that may open a sentence besides capitals and digits.
fn is_opener(c: char) -> bool {
    matches!(
        c,
        '(' | '[' | '"' | '\'' | '“' | '‘' | '«' | '‹' | '•' | '*' | '¿' | '¡'
    )
}

/// Whether a sentence may start at `rest` (after white space).
fn starts_sentence(rest: &str) -> bool {
    // A footnote mark may open a footnote: "?ⁱOur definition".
    let rest = rest.trim_start_matches(is_superscript);
    let mut chars = rest.chars();
    match chars.next() {
        Some(c) if c.is_uppercase() || c.is_ascii_digit() => true,
        Some(c) if is_opener(c) => chars.next().is_none_or(|d| !d.is_lowercase()),
        Some(c) => !c.is_alphabetic() && !c.is_lowercase() && !matches!(c, ',' | ';' | ':'),
        None => true,
    }
}

/// Sorted, merged protected ranges with a point query.
struct Protected(Vec<Range<usize>>);

impl Protected {
    fn new(ranges: &[Range<usize>]) -> Self {
        let mut sorted: Vec<Range<usize>> =
            ranges.iter().filter(|r| r.start < r.end).cloned().collect();
        sorted.sort_by_key(|range| (range.start, range.end));
        let mut merged: Vec<Range<usize>> = Vec::with_capacity(sorted.len());
        for range in sorted {
            match merged.last_mut() {
                Some(last) if range.start <= last.end => last.end = last.end.max(range.end),
                _ => merged.push(range),
            }
        }
        Protected(merged)
    }

    /// The end of the protected range that starts exactly at `offset`.
    fn starting_at(&self, offset: usize) -> Option<usize> {
        let index = self.0.partition_point(|range| range.start < offset);
        self.0
            .get(index)
            .filter(|range| range.start == offset)
            .map(|range| range.end)
    }

    fn contains(&self, offset: usize) -> bool {
        let index = self.0.partition_point(|range| range.start <= offset);
        index > 0 && offset < self.0[index - 1].end
    }
}

/// Byte offsets just after each sentence-final punctuation run that ends a sentence.
fn punctuation_ends(text: &str, rules: &SegmentationRules, protected: &Protected) -> Vec<usize> {
    let mut ends = Vec::new();
    let mut skip_until = 0;
    for (offset, c) in text.char_indices() {
        if offset < skip_until || !is_terminal(c) || protected.contains(offset) {
            continue;
        }
        let mut run_end = offset + c.len_utf8();
        for next in text[run_end..].chars() {
            if is_terminal(next) {
                run_end += next.len_utf8();
            } else {
                break;
            }
        }
        let single_period = c == '.' && run_end == offset + 1;
        let mut end = run_end;
        for next in text[run_end..].chars() {
            if is_closer(next) {
                end += next.len_utf8();
            } else {
                break;
            }
        }
        skip_until = end;
        let rest = &text[end..];
        let Some(next) = rest.chars().next() else {
            ends.push(end);
            continue;
        };
        if next.is_whitespace() {
            let following = rest.trim_start();
            if following.is_empty() {
                ends.push(end);
                continue;
            }
            if single_period {
                match rules.abbreviation_before(text, offset) {
                    Some(AbbreviationClass::NeverEnd) => continue,
                    Some(AbbreviationClass::MayEnd) => {
                        let word: String = following
                            .chars()
                            .take_while(|c| c.is_alphabetic())
                            .collect();
                        if rules.starters.contains(&word) {
                            ends.push(end);
                        }
                        continue;
                    }
                    None => {}
                }
            }
            if starts_sentence(following) {
                // A bracketed or numeric citation right after the period belongs to the
                // sentence before: "similar to reports of others. [12]". A narrative one
                // ("Posthuma and Bignami (2014) underscore …") opens the next sentence.
                let next_at = text.len() - following.len();
                let bracketed = following
                    .chars()
                    .next()
                    .is_some_and(|c| matches!(c, '(' | '[') || c.is_ascii_digit());
                match protected.starting_at(next_at).filter(|_| bracketed) {
                    Some(citation_end) => {
                        ends.push(citation_end);
                        skip_until = citation_end;
                    }
                    None => ends.push(end),
                }
            }
        } else if glued_sentence_start(text, offset, end, single_period, rules) {
            ends.push(end);
        }
    }
    ends
}

/// "(Henderson et al., 2002).In the": a period glued to a capitalised word ends a sentence
/// after a closing bracket or quote, or after a lower-case word that is no abbreviation.
fn glued_sentence_start(
    text: &str,
    dot: usize,
    end: usize,
    single_period: bool,
    rules: &SegmentationRules,
) -> bool {
    let mut next = text[end..].chars();
    let capital = next.next().is_some_and(char::is_uppercase);
    let lower = next.next().is_some_and(char::is_lowercase);
    if !(capital && lower) {
        return false;
    }
    let previous = text[..dot].chars().next_back();
    if previous.is_some_and(|c| matches!(c, ')' | ']' | '"' | '”' | '’' | '\'')) || end > dot + 1
    {
        return true;
    }
    let word: Vec<char> = text[..dot]
        .chars()
        .rev()
        .take_while(|c| c.is_alphabetic())
        .collect();
    single_period
        && word.len() >= 3
        && word.iter().all(|c| c.is_lowercase())
        && rules.abbreviation_before(text, dot).is_none()
}

/// One line of the text.
#[derive(Debug, Clone, Copy)]
struct Line {
    /// 1-based line number.
    number: usize,
    content_start: usize,
    content_end: usize,
    chars: usize,
    indent: usize,
}

fn lines_of(text: &str) -> Vec<Line> {
    let mut lines = Vec::new();
    let mut start = 0;
    for (number, raw) in text.split('\n').enumerate() {
        let trimmed_start = raw.trim_start();
        let indent_bytes = raw.len() - trimmed_start.len();
        let content = trimmed_start.trim_end();
        lines.push(Line {
            number: number + 1,
            content_start: start + indent_bytes,
            content_end: start + indent_bytes + content.len(),
            chars: content.chars().count(),
            indent: raw[..indent_bytes].chars().count(),
        });
        start += raw.len() + 1;
    }
    lines
}

/// The comparable form of a heading: lower case, numbering and final punctuation dropped, a
/// text repeated by PDF extraction ("IntroductionIntroduction") reduced to one copy.
fn heading_key(heading: &str) -> String {
    let lowered = heading.trim().to_lowercase();
    let without_number = lowered.trim_start_matches(|c: char| {
        c.is_ascii_digit() || c.is_whitespace() || matches!(c, '.' | ')' | '§')
    });
    let core = without_number
        .trim_end_matches(|c: char| c.is_whitespace() || matches!(c, ':' | '.' | ';'))
        .to_string();
    for copies in (2..=4).rev() {
        if core.len() % copies == 0 {
            let part = core.len() / copies;
            if core.is_char_boundary(part) && core == core[..part].repeat(copies) {
                return core[..part].to_string();
            }
        }
    }
    core
}

fn percentile(values: &[usize], fraction: f64) -> usize {
    if values.is_empty() {
        return 0;
    }
    let mut sorted = values.to_vec();
    sorted.sort_unstable();
    #[allow(
        clippy::cast_possible_truncation,
        clippy::cast_sign_loss,
        clippy::cast_precision_loss
    )]
    let index = ((sorted.len() - 1) as f64 * fraction).round() as usize;
    sorted[index.min(sorted.len() - 1)]
}

/// The layout of the non-blank lines: which are headings, which start a paragraph.
struct Layout {
    /// Non-blank lines in order.
    lines: Vec<Line>,
    heading: Vec<bool>,
    paragraph: Vec<usize>,
    back_matter: Vec<bool>,
}

fn layout(text: &str, rules: &SegmentationRules, ends: &[usize]) -> Layout {
    let lines: Vec<Line> = lines_of(text)
        .into_iter()
        .filter(|line| line.chars > 0)
        .collect();
    let lengths: Vec<usize> = lines.iter().map(|line| line.chars).collect();
    let typical_length = percentile(&lengths, 0.75);
    // Wrapped text: short lines, most of which stop in mid-sentence.
    let mid_sentence = lines
        .iter()
        .filter(|line| ends.binary_search(&line.content_end).is_err())
        .count();
    let wrapped = typical_length <= 130 && mid_sentence * 2 >= lines.len();
    let gaps: Vec<usize> = lines
        .windows(2)
        .map(|pair| pair[1].number - pair[0].number - 1)
        .collect();
    let typical_gap = percentile(&gaps, 0.5);
    let indents: Vec<usize> = lines.iter().map(|line| line.indent).collect();
    let typical_indent = percentile(&indents, 0.5);
    #[allow(clippy::cast_precision_loss)]
    let short_limit = typical_length as f64 * 0.75;

    let ends_sentence = |line: &Line| ends.binary_search(&line.content_end).is_ok();
    #[allow(clippy::cast_precision_loss)]
    let is_short = |line: &Line| (line.chars as f64) < short_limit;

    let mut heading = vec![false; lines.len()];
    for index in 0..lines.len() {
        let line = &lines[index];
        let content = &text[line.content_start..line.content_end];
        let fits = if wrapped {
            is_short(line)
        } else {
            line.chars <= 100
        };
        let after_sentence = index == 0 || heading[index - 1] || ends_sentence(&lines[index - 1]);
        let before_sentence = lines
            .get(index + 1)
            .is_none_or(|next| starts_sentence(&text[next.content_start..next.content_end]));
        heading[index] =
            fits && after_sentence && before_sentence && looks_like_heading(content, rules);
    }

    let mut paragraph = vec![0; lines.len()];
    let mut back_matter = vec![false; lines.len()];
    let mut current = 0;
    let mut in_back_matter = false;
    for index in 0..lines.len() {
        if index > 0 {
            let previous = &lines[index - 1];
            let line = &lines[index];
            let gap = gaps[index - 1];
            let breaks = heading[index]
                || heading[index - 1]
                || (ends_sentence(previous)
                    && (!wrapped
                        || gap > typical_gap
                        || line.indent > typical_indent.max(previous.indent)
                        || is_short(previous)));
            if breaks {
                current += 1;
            }
        }
        if heading[index] {
            let key = heading_key(&text[lines[index].content_start..lines[index].content_end]);
            if rules.back_matter.contains(&key) {
                in_back_matter = true;
            } else if rules.resume.contains(&key) {
                in_back_matter = false;
            }
        }
        paragraph[index] = current;
        back_matter[index] = in_back_matter;
    }
    Layout {
        lines,
        heading,
        paragraph,
        back_matter,
    }
}

/// Whether a line's own shape allows it to be a heading: no final punctuation, a capital or
/// digit first, and a last word that running text would not end a line with.
fn looks_like_heading(content: &str, rules: &SegmentationRules) -> bool {
    let core = content.trim_end_matches(|c: char| is_closer(c) || c.is_whitespace());
    let Some(last) = core.chars().next_back() else {
        return false;
    };
    if is_terminal(last) || matches!(last, ',' | ';' | ':' | '-' | '–' | '—' | '(' | '/' | '&')
    {
        return false;
    }
    let first = content
        .chars()
        .find(|c| !is_opener(*c) && !c.is_whitespace());
    if !first.is_some_and(|c| c.is_uppercase() || c.is_ascii_digit()) {
        return false;
    }
    if !content.chars().any(char::is_alphabetic) {
        return false;
    }
    let last_word: String = core
        .chars()
        .rev()
        .take_while(|c| c.is_alphanumeric())
        .collect::<Vec<char>>()
        .into_iter()
        .rev()
        .collect();
    !rules.heading_stops.contains(&fold_word(&last_word))
}

/// Splits `text` into sentences. Punctuation inside `protected` ranges (citations, in any order)
/// never ends a sentence. Never panics; every range is on character boundaries.
#[must_use]
pub fn segment(text: &str, rules: &SegmentationRules, protected: &[Range<usize>]) -> Vec<Sentence> {
    let protected = Protected::new(protected);
    let ends = punctuation_ends(text, rules, &protected);
    let layout = layout(text, rules, &ends);

    // Every boundary: punctuation ends, both ends of headings, paragraph starts.
    let mut boundaries = ends;
    for (index, line) in layout.lines.iter().enumerate() {
        let starts_paragraph = index == 0 || layout.paragraph[index] != layout.paragraph[index - 1];
        if starts_paragraph || layout.heading[index] {
            boundaries.push(line.content_start);
        }
        if layout.heading[index] {
            boundaries.push(line.content_end);
        }
    }
    boundaries.push(text.len());
    boundaries.sort_unstable();
    boundaries.dedup();

    let line_index = LineIndex::new(text);
    let line_starts: Vec<usize> = layout.lines.iter().map(|line| line.content_start).collect();
    let mut sentences = Vec::new();
    let mut cursor = 0;
    for boundary in boundaries {
        let raw = &text[cursor..boundary];
        let leading = raw.len() - raw.trim_start().len();
        let start = cursor + leading;
        let end = cursor + raw.trim_end().len();
        cursor = boundary;
        if start >= end {
            continue;
        }
        let line_slot = line_starts.partition_point(|&line_start| line_start <= start);
        let slot = line_slot.saturating_sub(1);
        let kind = if layout.heading.get(slot).copied().unwrap_or(false) {
            SentenceKind::Heading
        } else if layout.back_matter.get(slot).copied().unwrap_or(false) {
            SentenceKind::BackMatter
        } else {
            SentenceKind::Body
        };
        sentences.push(Sentence {
            start,
            end,
            line: line_index.line(start),
            paragraph: layout.paragraph.get(slot).copied().unwrap_or(0),
            kind,
        });
    }
    sentences
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(text: &str) -> Vec<&str> {
        segment(text, &SegmentationRules::default(), &[])
            .into_iter()
            .map(|sentence| &text[sentence.start..sentence.end])
            .collect()
    }

    #[test]
    fn the_embedded_rules_parse() {
        SegmentationRules::from_toml(DEFAULT_SEGMENTATION).unwrap();
    }

    #[test]
    fn heading_keys_ignore_numbering_and_pdf_repetition() {
        assert_eq!(heading_key("5.0 References:"), "references");
        assert_eq!(heading_key(" EndnotesEndnotes"), "endnotes");
        assert_eq!(heading_key("2.1 Social standards"), "social standards");
    }

    #[test]
    fn loose_abbreviation_match_spans_line_breaks() {
        assert_eq!(ends_with_loosely("Locke et\nal.", "et al."), Some(6));
        assert_eq!(ends_with_loosely("Locke etal.", "et al."), None);
    }

    #[test]
    fn a_bad_abbreviation_is_located() {
        let source = "version = 1\nnever_end = [\"eg\"]\nmay_end = []\nsentence_starters = []\n\
heading_never_ends_with = []\nback_matter = []\nresume_after_back_matter = []\n";
        let error = SegmentationRules::from_toml(source).unwrap_err();
        assert_eq!((error.line, error.column), (2, 14));
    }

    #[test]
    fn a_citation_after_a_period_joins_the_sentence_before_only_when_bracketed() {
        let rules = SegmentationRules::default();
        let cut = |text: &'static str, cited: &str| -> Vec<&'static str> {
            let at = text.find(cited).unwrap_or(0);
            let protected: Vec<Range<usize>> = std::iter::once(at..at + cited.len()).collect();
            segment(text, &rules, &protected)
                .into_iter()
                .map(|sentence| &text[sentence.start..sentence.end])
                .collect()
        };
        assert_eq!(
            cut(
                "It is promising. Locke and Romis (2007) are doubtful.",
                "Locke and Romis (2007)"
            ),
            ["It is promising.", "Locke and Romis (2007) are doubtful."]
        );
        assert_eq!(
            cut("Similar to others. [12] Next one.", "[12]"),
            ["Similar to others. [12]", "Next one."]
        );
    }

    // The table of tricky cases: each input with the sentences it must give.
    #[test]
    fn tricky_cases() {
        let cases: &[(&str, &[&str])] = &[
            (
                "Locke et al. argue this. It holds.",
                &["Locke et al. argue this.", "It holds."],
            ),
            (
                "As shown by Locke et al. The model fails.",
                &["As shown by Locke et al.", "The model fails."],
            ),
            (
                "Codes (e.g. SA8000) fail. Audits, i.e. inspections, too.",
                &[
                    "Codes (e.g. SA8000) fail.",
                    "Audits, i.e. inspections, too.",
                ],
            ),
            (
                "See cf. Barrientos on this. Next.",
                &["See cf. Barrientos on this.", "Next."],
            ),
            (
                "They define it (2005, p. 503) so. See pp. 12–15 here.",
                &["They define it (2005, p. 503) so.", "See pp. 12–15 here."],
            ),
            (
                "Firms in the U.K. face audits. In the U.K. The law changed.",
                &[
                    "Firms in the U.K. face audits.",
                    "In the U.K.",
                    "The law changed.",
                ],
            ),
            (
                "As R. M. Locke argues, audits fail. Next.",
                &["As R. M. Locke argues, audits fail.", "Next."],
            ),
            (
                "CBS Working Paper No. 1/2015 is cited. Next.",
                &["CBS Working Paper No. 1/2015 is cited.", "Next."],
            ),
            (
                "as shown (Henderson et al., 2002).In the clusters, wages fell.",
                &[
                    "as shown (Henderson et al., 2002).",
                    "In the clusters, wages fell.",
                ],
            ),
            (
                "Wages rose by 3.5 per cent. Jobs grew.",
                &["Wages rose by 3.5 per cent.", "Jobs grew."],
            ),
            (
                "He said “it fails.” Then it failed.",
                &["He said “it fails.”", "Then it failed."],
            ),
            (
                "Jobs grew fast.ⁱⁱ For example, wages rose.",
                &["Jobs grew fast.ⁱⁱ", "For example, wages rose."],
            ),
            (
                "Is it promising? Yes! It is.",
                &["Is it promising?", "Yes!", "It is."],
            ),
            (
                "E.g. codes fail. Then what?",
                &["E.g. codes fail.", "Then what?"],
            ),
            (
                "In 1998 the ILO acted. 720 exporters joined.",
                &["In 1998 the ILO acted.", "720 exporters joined."],
            ),
            (
                "The approx. figure rose. Next.",
                &["The approx. figure rose.", "Next."],
            ),
        ];
        for (text, expected) in cases {
            assert_eq!(split(text), *expected, "input: {text:?}");
        }
    }

    #[test]
    fn a_citation_is_never_split() {
        let text = "Audits fail (Smith Jr. and Jones, 2001). Next.";
        let start = text.find("Smith").unwrap();
        let end = text.find("2001").unwrap() + 4;
        let sentences = segment(text, &SegmentationRules::default(), &[Range { start, end }]);
        let got: Vec<&str> = sentences.iter().map(|s| &text[s.start..s.end]).collect();
        assert_eq!(got, ["Audits fail (Smith Jr. and Jones, 2001).", "Next."]);
    }

    #[test]
    fn a_bracketed_citation_after_the_period_stays_but_a_narrative_one_opens_the_next() {
        let split_with = |text: &str, cited: &str| -> Vec<String> {
            let start = text.find(cited).unwrap();
            let range = Range {
                start,
                end: start + cited.len(),
            };
            segment(text, &SegmentationRules::default(), &[range])
                .iter()
                .map(|s| text[s.start..s.end].to_string())
                .collect()
        };
        assert_eq!(
            split_with("Codes fail. [12] Next one.", "[12]"),
            ["Codes fail. [12]", "Next one."]
        );
        assert_eq!(
            split_with(
                "Inspection works. Posthuma and Bignami (2014) agree.",
                "Posthuma and Bignami (2014)"
            ),
            ["Inspection works.", "Posthuma and Bignami (2014) agree."]
        );
    }

    #[test]
    fn a_line_broken_sentence_across_a_blank_line_is_one_sentence() {
        let text = "The consensus view in this\n\nliterature appears to be clear. Next one.\n";
        assert_eq!(
            split(text),
            [
                "The consensus view in this\n\nliterature appears to be clear.",
                "Next one."
            ]
        );
    }

    /// A page break in mid-sentence: the page-number line is blanked by normalisation, leaving
    /// a run of blank lines (and a space-only line) inside the sentence.
    #[test]
    fn a_blanked_page_number_line_does_not_break_a_sentence() {
        let text =
            "However, during the 2000s, impact \n\n\n\n \n\n \n\nassessments of codes have shown \
limited results. Next one.\n";
        assert_eq!(
            split(text),
            [
                "However, during the 2000s, impact \n\n\n\n \n\n \n\nassessments of codes have \
shown limited results.",
                "Next one."
            ]
        );
    }

    /// A hyphen-broken word rejoined by normalisation keeps its line break after the word
    /// ("Mar-\n\nginson" became "Marginson\n\n"); the sentence goes on across it.
    #[test]
    fn a_rejoined_hyphen_break_does_not_break_a_sentence() {
        let text =
            "governance are emerging (Hassel 2008; Meardi and Marginson\n\n2014). In contrast to \
former hard law.\n";
        assert_eq!(
            split(text),
            [
                "governance are emerging (Hassel 2008; Meardi and Marginson\n\n2014).",
                "In contrast to former hard law."
            ]
        );
    }

    #[test]
    fn an_abbreviation_at_a_line_break_does_not_end_the_sentence() {
        let text = "criticisms of compliance-based models (e.g., \n\nAFL-CIO, 2013) exist. Next.\n";
        assert_eq!(
            split(text),
            [
                "criticisms of compliance-based models (e.g., \n\nAFL-CIO, 2013) exist.",
                "Next."
            ]
        );
    }

    #[test]
    fn headings_are_sentences_of_their_own() {
        let text =
            "Intro text ends here.\n\n1.0 Introduction\n\nGlobalization is creating chances.\n";
        let sentences = segment(text, &SegmentationRules::default(), &[]);
        let kinds: Vec<SentenceKind> = sentences.iter().map(|s| s.kind).collect();
        assert_eq!(
            kinds,
            [
                SentenceKind::Body,
                SentenceKind::Heading,
                SentenceKind::Body
            ]
        );
        assert_eq!(sentences[1].line, 3);
        assert_eq!(sentences[2].line, 5);
        assert_ne!(sentences[1].paragraph, sentences[2].paragraph);
    }

    #[test]
    fn references_are_back_matter_until_notes() {
        let text =
            "Body text here.\n\nReferences\n\nLocke, R. (2013). The promise.\n\nNotes\n\nA note.\n";
        let kinds: Vec<SentenceKind> = segment(text, &SegmentationRules::default(), &[])
            .iter()
            .map(|s| s.kind)
            .collect();
        assert_eq!(
            kinds,
            [
                SentenceKind::Body,
                SentenceKind::Heading,
                SentenceKind::BackMatter,
                SentenceKind::BackMatter,
                SentenceKind::Heading,
                SentenceKind::Body
            ]
        );
    }

    /// A file with a blank line between every wrapped line: a blank line is a paragraph break
    /// only after a short line that ends a sentence.
    #[test]
    fn paragraphs_in_double_spaced_pdf_text() {
        let line = "word word word word word word word word word word word word word";
        let text = format!(
            "{line}\n\n{line}.\n\nAnother sentence on the same paragraph {line}\n\nends here.\n\n\
New paragraph {line}\n\n{line}.\n"
        );
        let sentences = segment(&text, &SegmentationRules::default(), &[]);
        let paragraphs: Vec<usize> = sentences.iter().map(|s| s.paragraph).collect();
        assert_eq!(paragraphs, [0, 0, 1]);
    }

    /// One paragraph per line (blank lines between): every finished line ends a paragraph.
    #[test]
    fn paragraphs_in_one_line_per_paragraph_text() {
        let long = "x ".repeat(120);
        let text = format!("First {long}ends.\n\nSecond {long}ends.\n");
        let sentences = segment(&text, &SegmentationRules::default(), &[]);
        let paragraphs: Vec<usize> = sentences.iter().map(|s| s.paragraph).collect();
        assert_eq!(paragraphs, [0, 1]);
    }

    #[test]
    fn odd_input_does_not_panic() {
        for text in [
            "",
            ".",
            "...",
            "\n\n\n",
            "é.É",
            "(",
            "a.\u{0301}B",
            "“.”",
            "¹.²",
        ] {
            let _ = segment(
                text,
                &SegmentationRules::default(),
                &[0..99, Range { start: 3, end: 1 }],
            );
        }
    }
}
