//! Words and punctuation of a span of text, with byte offsets and a case-folded form for matching.
//!
//! Every matcher of the claims module (paradigm phrases, stance cues, negators, hedges) works on
//! these tokens, so a phrase written in a data file and the text it should match are folded the
//! same way:
//! - letters are lower-cased with Unicode rules (`É` becomes `é`; ASCII-only folding would not);
//! - the typographic apostrophes `’` and `ʼ` become `'`, and a possessive `'s` is dropped
//!   ("Locke’s" is the word `locke`);
//! - a hyphen between two letters separates two words without a token of its own, so
//!   "compliance-based" and "compliance based" are the same two words;
//! - a footnote number glued to a lower-case word is dropped ("networks1" is `networks`);
//! - superscript footnote marks (`¹`, `ⁱⁱ`) are skipped.

use std::ops::Range;

/// What a token is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum TokenKind {
    /// A run of letters and digits.
    Word,
    /// One punctuation character (kept: it bounds clauses and negation scopes).
    Punct(char),
}

/// A word or punctuation mark with its byte range in the analysed text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Token {
    /// Byte offset of its first character.
    pub start: usize,
    /// Byte offset one past its last character.
    pub end: usize,
    /// The folded form used for matching.
    pub norm: String,
    /// Word or punctuation.
    pub kind: TokenKind,
}

impl Token {
    /// Whether this is a word token.
    pub fn is_word(&self) -> bool {
        self.kind == TokenKind::Word
    }

    /// Whether this is the punctuation character `c`.
    pub fn is_punct(&self, c: char) -> bool {
        self.kind == TokenKind::Punct(c)
    }
}

/// Apostrophes that may join the parts of a word ("don't", "Locke’s").
fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '’' | 'ʼ')
}

/// Hyphens that split a compound into words without a token of their own.
fn is_word_hyphen(c: char) -> bool {
    matches!(c, '-' | '‐' | '‑' | '\u{00AD}')
}

/// Superscript digits and letters used as footnote marks.
pub(crate) fn is_superscript(c: char) -> bool {
    matches!(c, '¹' | '²' | '³' | '\u{2070}'..='\u{209F}' | '\u{1D2C}'..='\u{1D6A}')
}

/// Characters of a word.
fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() && !is_superscript(c)
}

/// Tokenises `text[range]`; offsets are into `text`. A range that is out of bounds or not on
/// character boundaries yields no tokens.
pub(crate) fn tokenize(text: &str, range: Range<usize>) -> Vec<Token> {
    let Some(slice) = text.get(range.clone()) else {
        return Vec::new();
    };
    let base = range.start;
    let mut tokens = Vec::new();
    let mut chars = slice.char_indices().peekable();
    while let Some((offset, c)) = chars.next() {
        if is_word_char(c) {
            let start = offset;
            let mut end = offset + c.len_utf8();
            // A word continues over letters and digits, and over one apostrophe between two
            // word characters.
            while let Some(&(next_offset, next)) = chars.peek() {
                if is_word_char(next) {
                    end = next_offset + next.len_utf8();
                    chars.next();
                } else if is_apostrophe(next) {
                    let after = slice[next_offset + next.len_utf8()..].chars().next();
                    if after.is_some_and(is_word_char) {
                        end = next_offset + next.len_utf8();
                        chars.next();
                    } else {
                        break;
                    }
                } else {
                    break;
                }
            }
            tokens.push(Token {
                start: base + start,
                end: base + end,
                norm: fold_word(&slice[start..end]),
                kind: TokenKind::Word,
            });
        } else if c.is_whitespace() || is_superscript(c) {
            continue;
        } else if is_word_hyphen(c) {
            // Between two words a hyphen only separates them; elsewhere it is punctuation.
            let previous_is_word = slice[..offset]
                .chars()
                .next_back()
                .is_some_and(is_word_char);
            let next_is_word = slice[offset + c.len_utf8()..]
                .chars()
                .next()
                .is_some_and(is_word_char);
            if !(previous_is_word && next_is_word) {
                tokens.push(punct(base + offset, c));
            }
        } else {
            tokens.push(punct(base + offset, c));
        }
    }
    tokens
}

fn punct(start: usize, c: char) -> Token {
    let folded = match c {
        '’' | 'ʼ' | '‘' => '\'',
        '“' | '”' | '„' | '«' | '»' => '"',
        '—' | '–' => '–',
        other => other,
    };
    Token {
        start,
        end: start + c.len_utf8(),
        norm: folded.to_string(),
        kind: TokenKind::Punct(folded),
    }
}

/// Folds one word: lower case, typographic apostrophes to `'`, possessive `'s` dropped, a
/// footnote number glued to a lower-case word dropped.
pub(crate) fn fold_word(word: &str) -> String {
    let mut folded: String = word
        .chars()
        .map(|c| if is_apostrophe(c) { '\'' } else { c })
        .flat_map(char::to_lowercase)
        .collect();
    if folded.len() > 2 && folded.ends_with("'s") {
        folded.truncate(folded.len() - 2);
    }
    // "networks1" → "networks": only when the letters before the digits are lower case in the
    // original, so "SA8000" and "G20" keep their digits.
    let letters_end = word.trim_end_matches(|c: char| c.is_ascii_digit()).len();
    if letters_end >= 3
        && letters_end < word.len()
        && word[..letters_end].chars().all(char::is_lowercase)
    {
        folded = word[..letters_end].to_lowercase();
    }
    folded
}

/// 1-based line numbers of byte offsets, by binary search over the newline positions.
#[derive(Debug, Clone)]
pub(crate) struct LineIndex {
    newlines: Vec<usize>,
}

impl LineIndex {
    /// Indexes the line breaks of `text`.
    pub fn new(text: &str) -> Self {
        LineIndex {
            newlines: memchr::memchr_iter(b'\n', text.as_bytes()).collect(),
        }
    }

    /// The 1-based line of the byte at `offset`.
    pub fn line(&self, offset: usize) -> usize {
        self.newlines.partition_point(|&newline| newline < offset) + 1
    }
}

/// `text[range]` with every run of whitespace folded to one space and the ends trimmed.
pub(crate) fn folded_span(text: &str, range: Range<usize>) -> String {
    let Some(slice) = text.get(range) else {
        return String::new();
    };
    let mut out = String::with_capacity(slice.len());
    for word in slice.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn norms(text: &str) -> Vec<String> {
        tokenize(text, 0..text.len())
            .into_iter()
            .map(|token| token.norm)
            .collect()
    }

    #[test]
    fn folds_case_apostrophes_hyphens_and_possessives() {
        assert_eq!(
            norms("Compliance-based ÉTAT Locke’s don’t"),
            ["compliance", "based", "état", "locke", "don't"]
        );
    }

    #[test]
    fn keeps_punctuation_and_drops_footnote_marks() {
        assert_eq!(
            norms("networks1 jobs.ⁱⁱ (SA8000 – G20)"),
            ["networks", "jobs", ".", "(", "sa8000", "–", "g20", ")"]
        );
    }

    #[test]
    fn a_free_hyphen_is_punctuation() {
        assert_eq!(norms("firms - often"), ["firms", "-", "often"]);
    }

    #[test]
    fn offsets_point_into_the_text() {
        let text = "ab Évian’s cd";
        let tokens = tokenize(text, 3..text.len());
        assert_eq!(&text[tokens[0].start..tokens[0].end], "Évian’s");
        assert_eq!(tokens[0].norm, "évian");
        assert_eq!(&text[tokens[1].start..tokens[1].end], "cd");
    }

    #[test]
    fn a_bad_range_gives_no_tokens() {
        assert!(tokenize("é", 0..1).is_empty());
        assert!(tokenize("abc", 2..9).is_empty());
    }

    #[test]
    fn line_index_counts_from_one() {
        let index = LineIndex::new("a\nb\n\nc");
        assert_eq!(index.line(0), 1);
        assert_eq!(index.line(1), 1);
        assert_eq!(index.line(2), 2);
        assert_eq!(index.line(5), 4);
    }

    #[test]
    fn folded_span_joins_lines() {
        assert_eq!(folded_span("a\n\n b  c ", 0..9), "a b c");
    }
}
