//! Text normalisation for parsing, with a map back to the original byte offsets.
//!
//! Text extracted from PDFs breaks words at line ends ("Mar-" / "ginson"), interrupts sentences
//! with page-number lines, and repeats headings ("IntroductionIntroduction…"). The parsers work on
//! a normalised copy in which these are mended and every character is in Unicode NFC; an
//! [`OffsetMap`] takes any offset of the copy back to the original text, so every record still
//! points at the bytes the reader sees in the file.
//!
//! The normalised text keeps the line structure of the original apart from the rejoined words:
//! blank lines, paragraph breaks and line breaks inside sentences stay where they are, and the
//! parsers treat a line break as white space.

use std::collections::HashSet;
use std::ops::Range;

use unicode_normalization::char::canonical_combining_class;
use unicode_normalization::{is_nfc, UnicodeNormalization};

/// A normalised copy of a text and the map back to the original.
#[derive(Debug, Clone)]
pub struct Normalized {
    /// The normalised text.
    pub text: String,
    /// Maps offsets of `text` to offsets of the original.
    pub map: OffsetMap,
}

/// One stretch of the normalised text and where it came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Anchor {
    /// Where the stretch starts in the normalised text.
    norm: usize,
    /// Where its source starts in the original.
    orig: usize,
    /// Where its source ends in the original.
    orig_end: usize,
    /// The stretch is a byte-for-byte copy of its source.
    verbatim: bool,
}

/// Maps byte offsets of a normalised text back to byte offsets of its original.
#[derive(Debug, Clone, Default)]
pub struct OffsetMap {
    anchors: Vec<Anchor>,
    orig_len: usize,
}

impl OffsetMap {
    /// The identity map over a text of `len` bytes.
    #[must_use]
    pub fn identity(len: usize) -> Self {
        Self {
            anchors: vec![Anchor {
                norm: 0,
                orig: 0,
                orig_end: len,
                verbatim: true,
            }],
            orig_len: len,
        }
    }

    fn anchor_at(&self, norm: usize) -> Option<&Anchor> {
        let index = self.anchors.partition_point(|a| a.norm <= norm);
        index.checked_sub(1).and_then(|i| self.anchors.get(i))
    }

    /// The original offset of the character that starts at `norm` in the normalised text.
    #[must_use]
    pub fn to_original(&self, norm: usize) -> usize {
        match self.anchor_at(norm) {
            Some(a) if a.verbatim => (a.orig + (norm - a.norm)).min(a.orig_end),
            Some(a) if norm == a.norm => a.orig,
            Some(a) => a.orig_end,
            None => 0,
        }
    }

    /// The original offset just past the character that ends at `norm` (an exclusive end).
    #[must_use]
    pub fn to_original_end(&self, norm: usize) -> usize {
        if norm == 0 {
            return 0;
        }
        match self.anchor_at(norm - 1) {
            Some(a) if a.verbatim => (a.orig + (norm - a.norm)).min(a.orig_end),
            Some(a) => a.orig_end,
            None => self.orig_len,
        }
    }
}

/// Builds the normalised text piece by piece, recording anchors.
struct Builder<'a> {
    source: &'a str,
    out: String,
    anchors: Vec<Anchor>,
}

impl<'a> Builder<'a> {
    fn new(source: &'a str) -> Self {
        Self {
            source,
            out: String::with_capacity(source.len()),
            anchors: Vec::new(),
        }
    }

    /// Copies `range` of the source, composing it to NFC where needed.
    fn copy(&mut self, range: Range<usize>) {
        let Some(chunk) = self.source.get(range.clone()) else {
            return;
        };
        if chunk.is_empty() {
            return;
        }
        if chunk.is_ascii() || is_nfc(chunk) {
            self.copy_verbatim(range);
            return;
        }
        // Compose cluster by cluster: a starter and the combining marks after it.
        let mut cluster_start = range.start;
        let mut chars = chunk.char_indices().peekable();
        while let Some((offset, _)) = chars.next() {
            let next_is_starter = chars
                .peek()
                .is_none_or(|&(_, next)| canonical_combining_class(next) == 0);
            if next_is_starter {
                let end = chars.peek().map_or(range.end, |&(o, _)| range.start + o);
                let cluster = &self.source[cluster_start..end];
                if is_nfc(cluster) {
                    self.copy_verbatim(cluster_start..end);
                } else {
                    let composed: String = cluster.nfc().collect();
                    self.replace(cluster_start..end, &composed);
                }
                cluster_start = end;
            }
            let _ = offset;
        }
    }

    fn copy_verbatim(&mut self, range: Range<usize>) {
        let norm = self.out.len();
        self.out.push_str(&self.source[range.clone()]);
        if let Some(last) = self.anchors.last_mut() {
            if last.verbatim
                && last.orig_end == range.start
                && last.norm + (last.orig_end - last.orig) == norm
            {
                last.orig_end = range.end;
                return;
            }
        }
        self.anchors.push(Anchor {
            norm,
            orig: range.start,
            orig_end: range.end,
            verbatim: true,
        });
    }

    /// Writes `text` in place of `range` of the source.
    fn replace(&mut self, range: Range<usize>, text: &str) {
        if text.is_empty() {
            return;
        }
        self.anchors.push(Anchor {
            norm: self.out.len(),
            orig: range.start,
            orig_end: range.end,
            verbatim: false,
        });
        self.out.push_str(text);
    }

    fn finish(self) -> Normalized {
        let mut anchors = self.anchors;
        if anchors.is_empty() {
            anchors.push(Anchor {
                norm: 0,
                orig: 0,
                orig_end: self.source.len(),
                verbatim: true,
            });
        }
        Normalized {
            text: self.out,
            map: OffsetMap {
                anchors,
                orig_len: self.source.len(),
            },
        }
    }
}

/// What a line of the original is, for normalisation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum LineRole {
    /// Ordinary text.
    Text,
    /// A stand-alone page number: dropped.
    PageNumber,
    /// White space only.
    Blank,
    /// A heading printed several times over ("IntroductionIntroduction…"): one copy is kept,
    /// the range of that copy.
    Repeated(usize, usize),
}

/// A line of the original: the range of its content (without the line break) and its break.
#[derive(Debug, Clone, Copy)]
struct Line {
    start: usize,
    end: usize,
    /// Range of the line break ("\n", "\r\n"), empty on the last line.
    break_end: usize,
    role: LineRole,
}

/// Normalises `source` for parsing: see the module documentation.
#[must_use]
pub fn normalize(source: &str) -> Normalized {
    let mut lines = split_lines(source);
    classify_page_numbers(source, &mut lines);
    let attested = attested_hyphenations(source);
    let mut builder = Builder::new(source);

    let mut index = 0;
    // Where the current line's remaining content starts (after a rejoined word's first half).
    let mut resume_at: Option<usize> = None;
    while let Some(line) = lines.get(index).copied() {
        let content_start = resume_at.take().unwrap_or(line.start);
        match line.role {
            LineRole::PageNumber | LineRole::Blank if content_start == line.start => {
                // A blank line is copied (it may carry meaning for paragraphs); a page number is
                // dropped but its line break kept, so the line count of the text barely moves.
                if line.role == LineRole::Blank {
                    copy_clean(&mut builder, source, line.start..line.end);
                }
            }
            LineRole::Repeated(copy_start, copy_end) if content_start == line.start => {
                copy_clean(&mut builder, source, copy_start..copy_end);
            }
            _ => {
                if let Some(join) = hyphen_join(source, &lines, index, content_start, &attested) {
                    copy_clean(&mut builder, source, content_start..join.keep_end);
                    if join.keep_hyphen {
                        builder.copy(join.hyphen..join.hyphen + 1);
                    }
                    index = join.next_line;
                    resume_at = Some(join.resume);
                    continue;
                }
                copy_clean(&mut builder, source, content_start..line.end);
            }
        }
        if line.break_end > line.end {
            // "\r\n" and "\n" both become "\n".
            builder.copy(line.break_end - 1..line.break_end);
        }
        index += 1;
    }
    builder.finish()
}

/// Copies a stretch of a line, dropping soft hyphens, zero-width spaces and carriage returns.
fn copy_clean(builder: &mut Builder<'_>, source: &str, range: Range<usize>) {
    let Some(text) = source.get(range.clone()) else {
        return;
    };
    let bytes = text.as_bytes();
    let mut from = range.start;
    let mut searched = 0;
    // Lead bytes of '\r', U+00AD (C2 AD), U+200B (E2 80 8B) and U+FEFF (EF BB BF). The next
    // 0xEF is remembered, so each byte is searched once.
    let mut next_ef = memchr::memchr(0xEF, bytes);
    loop {
        if next_ef.is_some_and(|e| e < searched) {
            next_ef = memchr::memchr(0xEF, &bytes[searched..]).map(|i| searched + i);
        }
        let next = memchr::memchr3(b'\r', 0xC2, 0xE2, &bytes[searched..]).map(|i| searched + i);
        let Some(at) = [next, next_ef].into_iter().flatten().min() else {
            break;
        };
        let removed = match &bytes[at..] {
            [b'\r', ..] => 1,
            [0xC2, 0xAD, ..] | [0xE2, 0x80, 0x8B, ..] | [0xEF, 0xBB, 0xBF, ..] => {
                if bytes[at] == 0xC2 {
                    2
                } else {
                    3
                }
            }
            _ => 0,
        };
        if removed > 0 {
            builder.copy(from..range.start + at);
            from = range.start + at + removed;
        }
        searched = at + removed.max(1);
    }
    builder.copy(from..range.end);
}

fn split_lines(source: &str) -> Vec<Line> {
    let mut lines = Vec::new();
    let mut start = 0;
    for newline in memchr::memchr_iter(b'\n', source.as_bytes()) {
        let end = if newline > start && source.as_bytes()[newline - 1] == b'\r' {
            newline - 1
        } else {
            newline
        };
        lines.push(make_line(source, start, end, newline + 1));
        start = newline + 1;
    }
    if start < source.len() {
        lines.push(make_line(source, start, source.len(), source.len()));
    }
    lines
}

fn make_line(source: &str, start: usize, end: usize, break_end: usize) -> Line {
    let content = &source[start..end];
    let role = if content.trim().is_empty() {
        LineRole::Blank
    } else if let Some((a, b)) = repeated_unit(content) {
        LineRole::Repeated(start + a, start + b)
    } else {
        LineRole::Text
    };
    Line {
        start,
        end,
        break_end,
        role,
    }
}

/// If `line` is one piece of text printed two or more times over, possibly with white space
/// between the copies, the range of the first copy. A piece that ends a sentence or holds a
/// bracket is prose, not a heading: "Codes fail (Locke, 2013). Codes fail (Locke, 2013)." keeps
/// both sentences and both citations.
fn repeated_unit(line: &str) -> Option<(usize, usize)> {
    const MIN_UNIT_CHARS: usize = 4;
    const MAX_LINE: usize = 400;
    let lead = line.len() - line.trim_start().len();
    let trimmed = line.trim();
    if trimmed.len() > MAX_LINE || trimmed.chars().count() < 2 * MIN_UNIT_CHARS {
        return None;
    }
    // The last copy ends the line, so a unit ends with the line's last byte: only the places
    // of that byte in the first half can end one. Candidates come in increasing length, as the
    // periods of a scan would give them.
    let last = *trimmed.as_bytes().last()?;
    let limit = (trimmed.len() / 2 + 1).min(trimmed.len());
    for end in memchr::memchr_iter(last, &trimmed.as_bytes()[..limit]) {
        let period = end + 1;
        if !trimmed.is_char_boundary(period) {
            continue;
        }
        let unit = &trimmed[..period];
        // A second copy starts at the first non-space after the unit.
        let second = trimmed[unit.len()..].trim_start();
        if second.as_bytes().first() != trimmed.as_bytes().first() {
            continue;
        }
        if unit.chars().count() < MIN_UNIT_CHARS || !unit.chars().any(char::is_alphabetic) {
            continue;
        }
        if unit.ends_with(['.', '!', '?']) || unit.contains(['(', ')']) {
            continue;
        }
        let mut rest = trimmed;
        let mut copies = 0;
        while let Some(after) = rest.strip_prefix(unit) {
            copies += 1;
            rest = after.trim_start();
        }
        if copies >= 2 && rest.is_empty() {
            return Some((lead, lead + unit.len()));
        }
    }
    None
}

/// Marks stand-alone page-number lines. A line of one to three digits is a page number; a
/// four-digit line is one only when it interrupts a sentence (a year printed alone on a line of a
/// title page is kept).
fn classify_page_numbers(source: &str, lines: &mut [Line]) {
    let text_lines: Vec<usize> = (0..lines.len())
        .filter(|&i| lines[i].role != LineRole::Blank)
        .collect();
    for (position, &i) in text_lines.iter().enumerate() {
        let content = source[lines[i].start..lines[i].end].trim();
        if content.is_empty() || content.len() > 4 || !content.bytes().all(|b| b.is_ascii_digit()) {
            continue;
        }
        let is_page = if content.len() < 4 {
            true
        } else {
            let previous = position
                .checked_sub(1)
                .and_then(|p| text_lines.get(p))
                .map(|&p| source[lines[p].start..lines[p].end].trim_end());
            let next = text_lines
                .get(position + 1)
                .map(|&n| source[lines[n].start..lines[n].end].trim_start());
            let open_sentence = previous.is_some_and(|p| {
                !p.ends_with(['.', '!', '?', ':', '"', '”', '’'])
                    && p.chars()
                        .last()
                        .is_some_and(|c| c.is_alphanumeric() || c == ',')
            });
            let continues = next.is_some_and(|n| n.chars().next().is_some_and(char::is_lowercase));
            open_sentence && continues
        };
        if is_page {
            lines[i].role = LineRole::PageNumber;
        }
    }
}

/// Lower-cased hyphenated compounds printed whole on one line somewhere in the text
/// ("self-optimizing"): a compound broken at its own hyphen across a line end keeps it.
fn attested_hyphenations(source: &str) -> HashSet<String> {
    let mut set = HashSet::new();
    let is_word_char = |c: char| c.is_alphabetic() || c == '-';
    for line in source.lines() {
        // Only words holding a hyphen count, so only the runs of letters and hyphens around
        // each hyphen are looked at: most lines hold none.
        let trimmed = line.trim_end();
        let mut searched = 0;
        while let Some(found) = memchr::memchr(b'-', &trimmed.as_bytes()[searched..]) {
            let hyphen = searched + found;
            let start = trimmed[..hyphen]
                .char_indices()
                .rev()
                .take_while(|&(_, c)| is_word_char(c))
                .last()
                .map_or(hyphen, |(i, _)| i);
            let end = trimmed[hyphen..]
                .char_indices()
                .find(|&(_, c)| !is_word_char(c))
                .map_or(trimmed.len(), |(i, _)| hyphen + i);
            let word = &trimmed[start..end];
            if word.len() > 2
                && !word.starts_with('-')
                && !word.ends_with('-')
                && !trimmed.ends_with(word)
            {
                set.insert(word.to_lowercase());
            }
            searched = end.max(hyphen + 1);
        }
    }
    set
}

/// How a word broken across a line end is put back together.
struct Join {
    /// Where the first half's text ends (before the hyphen).
    keep_end: usize,
    /// Offset of the hyphen.
    hyphen: usize,
    /// The hyphen stays ("Lund-Thomsen", "self-optimizing").
    keep_hyphen: bool,
    /// The line holding the second half.
    next_line: usize,
    /// Where the second half starts.
    resume: usize,
}

fn hyphen_join(
    source: &str,
    lines: &[Line],
    index: usize,
    content_start: usize,
    attested: &HashSet<String>,
) -> Option<Join> {
    let line = lines.get(index)?;
    let content = source.get(content_start..line.end)?.trim_end();
    let before_hyphen = content.strip_suffix('-')?;
    let last_letter = before_hyphen.chars().last()?;
    if !last_letter.is_alphabetic() {
        return None;
    }
    let hyphen = content_start + before_hyphen.len();
    // The second half is on the next line that is neither blank nor a page number.
    let next_line = (index + 1..lines.len())
        .take(8)
        .find(|&i| !matches!(lines[i].role, LineRole::Blank | LineRole::PageNumber))?;
    let next = lines.get(next_line)?;
    if matches!(next.role, LineRole::Repeated(..)) {
        return None;
    }
    let next_content = source.get(next.start..next.end)?;
    let lead = next_content.len() - next_content.trim_start().len();
    let first = next_content[lead..].chars().next()?;
    if !first.is_alphabetic() {
        return None;
    }
    let left_word: String = before_hyphen
        .chars()
        .rev()
        .take_while(|c| c.is_alphabetic() || *c == '-')
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    let right_word: String = next_content[lead..]
        .chars()
        .take_while(|c| c.is_alphabetic() || *c == '-')
        .collect();
    let keep_hyphen = first.is_uppercase()
        || attested.contains(&format!("{left_word}-{right_word}").to_lowercase());
    Some(Join {
        keep_end: hyphen,
        hyphen,
        keep_hyphen,
        next_line,
        resume: next.start + lead,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn norm(s: &str) -> String {
        normalize(s).text
    }

    #[test]
    fn hyphen_broken_words_are_rejoined() {
        let cases = [
            ("Meardi and Mar-\nginson 2014", "Meardi and Marginson 2014"),
            ("(Lund-\n\nThomsen, 2008)", "(Lund-Thomsen, 2008)"),
            ("capi-\n\n tal (Marginson 2016)", "capital (Marginson 2016)"),
            (
                "self-optimizing and self-\noptimizing",
                "self-optimizing and self-optimizing",
            ),
            ("an em dash—\nhere", "an em dash—\nhere"),
            ("a list -\nitem", "a list -\nitem"),
            ("2005-\n2010", "2005-\n2010"),
        ];
        for (input, expected) in cases {
            assert_eq!(norm(input), expected, "input {input:?}");
        }
    }

    #[test]
    fn page_number_lines_are_dropped_inside_sentences() {
        assert_eq!(
            norm("impact \n\n\n\n5 \n\n \n\nassessments"),
            "impact \n\n\n\n\n\n \n\nassessments"
        );
        assert_eq!(norm("of Mar-\n\n12\n\nginson"), "of Marginson");
        // A year alone on a title page is not a page number.
        assert_eq!(
            norm("Publication date:\n\n2015\n\nLicense"),
            "Publication date:\n\n2015\n\nLicense"
        );
        // A four-digit page number inside a sentence is.
        assert_eq!(norm("the impact\n1038\nof codes"), "the impact\n\nof codes");
    }

    #[test]
    fn repeated_headings_keep_one_copy() {
        assert_eq!(
            norm("IntroductionIntroductionIntroductionIntroduction    \n\nThe"),
            "Introduction\n\nThe"
        );
        assert_eq!(
            norm("Limits of private audits Limits of private audits \n"),
            "Limits of private audits\n"
        );
        assert_eq!(norm("perspectiveperspective\n"), "perspective\n");
        assert_eq!(norm("Ha ha\n"), "Ha ha\n");
        // Prose that happens to repeat is kept whole.
        let prose = "Codes fail (Locke, 2013). Codes fail (Locke, 2013). \n";
        assert_eq!(norm(prose), prose);
        assert_eq!(norm("It works. It works.\n"), "It works. It works.\n");
    }

    /// `repeated_unit` as it was first written: every period tried in turn.
    fn repeated_unit_by_every_period(line: &str) -> Option<(usize, usize)> {
        let lead = line.len() - line.trim_start().len();
        let trimmed = line.trim();
        if trimmed.len() > 400 || trimmed.chars().count() < 8 {
            return None;
        }
        for (period, _) in trimmed.char_indices().skip(4) {
            if period > trimmed.len() / 2 + 1 {
                break;
            }
            let unit = trimmed[..period].trim_end();
            if unit.chars().count() < 4 || !unit.chars().any(char::is_alphabetic) {
                continue;
            }
            let mut rest = trimmed;
            let mut copies = 0;
            while let Some(after) = rest.strip_prefix(unit) {
                copies += 1;
                rest = after.trim_start();
            }
            if copies >= 2 && rest.is_empty() {
                return Some((lead, lead + unit.len()));
            }
        }
        None
    }

    #[test]
    fn repeated_units_are_found_as_by_trying_every_period() {
        let units = [
            "Intro", "Ab c", "é ab", "abab", "Zandé", "x y z", "1234", "ab ", " ab",
        ];
        let mut lines: Vec<String> = Vec::new();
        for unit in units {
            for copies in 1..4 {
                for gap in ["", " ", "  "] {
                    let mut line = vec![unit; copies].join(gap);
                    lines.push(line.clone());
                    line.push_str(" tail");
                    lines.push(line.clone());
                    lines.push(format!("  {line}  "));
                }
            }
        }
        lines.extend(
            [
                "abcabcabc",
                "abcaabca",
                "aaaaaaaaa",
                "ab ab ab ab",
                "Ha ha",
                "héhéhéhé",
                "The promise The promise ",
                "perspectiveperspective",
                "a’b a’b a’b",
            ]
            .map(String::from),
        );
        for line in &lines {
            assert_eq!(
                repeated_unit(line),
                repeated_unit_by_every_period(line),
                "line {line:?}"
            );
        }
    }

    #[test]
    fn text_is_composed_to_nfc_and_offsets_map_back() {
        let source = "Egels-Zande\u{301}n (2014) and Ku\u{308}ttin";
        let n = normalize(source);
        assert_eq!(n.text, "Egels-Zandén (2014) and Küttin");
        let k = n.text.find("Küttin").unwrap_or(0);
        assert_eq!(&source[n.map.to_original(k)..], "Ku\u{308}ttin");
        let paren = n.text.find('(').unwrap_or(0);
        assert_eq!(n.map.to_original(paren), source.find('(').unwrap_or(0));
        assert_eq!(n.map.to_original_end(n.text.len()), source.len());
    }

    #[test]
    fn offsets_skip_removed_text() {
        let source = "see Mar-\n\nginson 2014 here";
        let n = normalize(source);
        let year = n.text.find("2014").unwrap_or(0);
        assert_eq!(n.map.to_original(year), source.find("2014").unwrap_or(0));
        let name = n.text.find("Marginson").unwrap_or(0);
        assert_eq!(n.map.to_original(name), source.find("Mar-").unwrap_or(0));
        assert_eq!(
            n.map.to_original_end(name + "Marginson".len()),
            source.find("ginson").unwrap_or(0) + "ginson".len()
        );
    }

    #[test]
    fn crlf_and_soft_hyphens() {
        assert_eq!(norm("a\r\nb\u{00AD}c\r\n"), "a\nbc\n");
        // The kept copy of a repeated heading is cleaned too (found by fuzzing).
        assert_eq!(
            norm("Intro\u{00AD}duction Intro\u{00AD}duction\n"),
            "Introduction\n"
        );
    }
}
