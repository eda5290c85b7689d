//! A sentence prepared for reading: its tokens and which tokens belong to which citation.

use std::ops::Range;

use crate::citation::Citation;

use super::segment::Sentence;
use super::text::{tokenize, LineIndex, Token};

/// A sentence with its tokens and citations.
#[derive(Debug, Clone)]
pub(crate) struct SentenceContext {
    /// The sentence.
    pub sentence: Sentence,
    /// Its tokens.
    pub tokens: Vec<Token>,
    /// For each token, the index (into the document's citations) of the citation it is part of.
    pub citation_of: Vec<Option<usize>>,
    /// Indices of the citations that start in the sentence, in text order.
    pub citations: Vec<usize>,
}

impl SentenceContext {
    /// Tokens that belong to a citation.
    pub fn citation_mask(&self) -> Vec<bool> {
        self.citation_of.iter().map(Option::is_some).collect()
    }

    /// Token span `first..last` covered by citation `citation`, if any token is.
    pub fn citation_tokens(&self, citation: usize) -> Option<Range<usize>> {
        let first = self.citation_of.iter().position(|&c| c == Some(citation))?;
        let last = self
            .citation_of
            .iter()
            .rposition(|&c| c == Some(citation))?
            + 1;
        Some(first..last)
    }
}

/// Citation indices sorted by start offset.
pub(crate) fn citations_by_start(citations: &[Citation]) -> Vec<usize> {
    let mut order: Vec<usize> = (0..citations.len()).collect();
    order.sort_by_key(|&index| (citations[index].start, citations[index].end, index));
    order
}

/// Most tokens read as one unit. A longer "sentence" (text without punctuation, a table) is
/// read in windows of at most this many tokens, so the work per sentence stays bounded and the
/// whole reading linear in the text.
pub(crate) const MAX_TOKENS: usize = 300;

/// Where to cut a token run longer than [`MAX_TOKENS`]: after the last `;` or `,` in the last
/// third of the window (outside citations), else at the window's end.
fn windows(tokens: &[Token], citation_of: &[Option<usize>]) -> Vec<Range<usize>> {
    let mut cuts = Vec::new();
    let mut start = 0;
    while tokens.len() - start > MAX_TOKENS {
        let end = start + MAX_TOKENS;
        let soft = (start + 2 * MAX_TOKENS / 3..end)
            .rev()
            .find(|&i| {
                citation_of[i].is_none() && (tokens[i].is_punct(';') || tokens[i].is_punct(','))
            })
            .map_or(end, |i| i + 1);
        cuts.push(start..soft);
        start = soft;
    }
    cuts.push(start..tokens.len());
    cuts
}

/// Prepares every sentence; `order` is [`citations_by_start`] of `citations`.
pub(crate) fn contexts(
    text: &str,
    sentences: &[Sentence],
    citations: &[Citation],
    order: &[usize],
) -> Vec<SentenceContext> {
    let line_index = LineIndex::new(text);
    let mut out = Vec::with_capacity(sentences.len());
    for sentence in sentences {
        let tokens = tokenize(text, sentence.start..sentence.end);
        let from = order.partition_point(|&c| citations[c].start < sentence.start);
        let to = order.partition_point(|&c| citations[c].start < sentence.end);
        let in_sentence = &order[from..to];
        // Tokens and citations are both in text order: one pass.
        let mut next = 0;
        let citation_of: Vec<Option<usize>> = tokens
            .iter()
            .map(|token| {
                while next < in_sentence.len() && citations[in_sentence[next]].end <= token.start {
                    next += 1;
                }
                in_sentence[next..]
                    .iter()
                    .copied()
                    .take_while(|&c| citations[c].start < token.end)
                    .find(|&c| token.end > citations[c].start && token.start < citations[c].end)
            })
            .collect();
        if tokens.len() <= MAX_TOKENS {
            out.push(SentenceContext {
                sentence: *sentence,
                tokens,
                citation_of,
                citations: in_sentence.to_vec(),
            });
            continue;
        }
        for window in windows(&tokens, &citation_of) {
            let (first, last) = (tokens[window.start].start, tokens[window.end - 1].end);
            let part = Sentence {
                start: if window.start == 0 {
                    sentence.start
                } else {
                    first
                },
                end: if window.end == tokens.len() {
                    sentence.end
                } else {
                    last
                },
                line: line_index.line(first),
                ..*sentence
            };
            let from = in_sentence.partition_point(|&c| citations[c].start < part.start);
            let to = in_sentence.partition_point(|&c| citations[c].start < part.end);
            out.push(SentenceContext {
                sentence: part,
                tokens: tokens[window.clone()].to_vec(),
                citation_of: citation_of[window].to_vec(),
                citations: in_sentence[from..to].to_vec(),
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_runs_are_cut_after_a_comma_in_the_last_third() {
        let text = "word, ".repeat(400);
        let tokens = tokenize(&text, 0..text.len());
        let none = vec![None; tokens.len()];
        let cuts = windows(&tokens, &none);
        assert!(cuts.iter().all(|w| w.len() <= MAX_TOKENS && !w.is_empty()));
        assert_eq!(cuts.first().map(|w| w.start), Some(0));
        assert_eq!(cuts.last().map(|w| w.end), Some(tokens.len()));
        assert!(cuts.windows(2).all(|pair| pair[0].end == pair[1].start));
        // Each cut falls right after a comma.
        assert!(cuts[..cuts.len() - 1]
            .iter()
            .all(|w| tokens[w.end - 1].is_punct(',')));
    }

    #[test]
    fn a_long_sentence_is_read_in_windows_with_its_citations() {
        let text = format!("{}limited (Smith, 2001).", "word ".repeat(700));
        let start = text.find("Smith").unwrap();
        let citation = Citation {
            start,
            end: start + "Smith, 2001".len(),
            line: 1,
            raw: "Smith, 2001".to_string(),
            kind: crate::citation::CitationKind::Parenthetical,
            authors: vec!["Smith".to_string()],
            initials: vec![None],
            et_al: false,
            year: Some("2001".to_string()),
            locator: None,
            prefix: None,
            ibid: false,
            bracket: None,
            norm_start: 0,
            norm_end: 0,
        };
        let sentence = Sentence {
            start: 0,
            end: text.len(),
            line: 1,
            paragraph: 0,
            kind: super::super::segment::SentenceKind::Body,
        };
        let citations = [citation];
        let parts = contexts(
            &text,
            &[sentence],
            &citations,
            &citations_by_start(&citations),
        );
        assert_eq!(parts.len(), 3);
        assert!(parts.iter().all(|p| p.tokens.len() <= MAX_TOKENS));
        assert_eq!(parts[2].citations, [0]);
        assert_eq!(parts[2].sentence.end, text.len());
        assert!(parts[0].citations.is_empty());
    }
}
