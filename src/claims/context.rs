//! A sentence prepared for reading: its tokens and which tokens belong to which citation.

use std::ops::Range;

use crate::citation::Citation;

use super::segment::Sentence;
use super::text::{tokenize, Token};

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

/// Prepares every sentence; `order` is [`citations_by_start`] of `citations`.
pub(crate) fn contexts(
    text: &str,
    sentences: &[Sentence],
    citations: &[Citation],
    order: &[usize],
) -> Vec<SentenceContext> {
    sentences
        .iter()
        .map(|sentence| {
            let tokens = tokenize(text, sentence.start..sentence.end);
            let from = order.partition_point(|&c| citations[c].start < sentence.start);
            let to = order.partition_point(|&c| citations[c].start < sentence.end);
            let in_sentence: Vec<usize> = order[from..to].to_vec();
            // Tokens and citations are both in text order: one pass.
            let mut next = 0;
            let citation_of = tokens
                .iter()
                .map(|token| {
                    while next < in_sentence.len()
                        && citations[in_sentence[next]].end <= token.start
                    {
                        next += 1;
                    }
                    in_sentence[next..]
                        .iter()
                        .copied()
                        .take_while(|&c| citations[c].start < token.end)
                        .find(|&c| token.end > citations[c].start && token.start < citations[c].end)
                })
                .collect();
            SentenceContext {
                sentence: *sentence,
                tokens,
                citation_of,
                citations: in_sentence,
            }
        })
        .collect()
}
