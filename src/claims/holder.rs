//! Who holds the stance of a sentence: the document's authors or a cited work.
//!
//! In order: the authors when they speak ("we argue", "our analysis") before any narrative
//! citation; the first narrative citation ("Barrientos (2013) notes", "According to Locke
//! (2013)", "for scholars such as Day"); the first parenthetical citation backing the sentence;
//! for a sentence opening with a phrase standing for the works just cited ("Their research
//! shows …", "These authors argue …"), the first citation of the sentence before; for a claim
//! put in the mouth of unnamed others ("critics argue"), the first citation of the next
//! sentence of the paragraph; otherwise the authors (an unattributed claim in their voice).

use serde::Serialize;

use crate::citation::{Citation, CitationKind};

use super::text::TokenKind;

use super::analysis::free_matches;
use super::context::SentenceContext;
use super::rules::StanceRules;

/// Whose stance a claim is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum HolderKind {
    /// The analysed document's own authors.
    Document,
    /// A cited work.
    Work,
}

/// The holder chosen for a sentence.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Holder {
    /// Document or work.
    pub kind: HolderKind,
    /// The document key or the work key ("Barrientos 2013").
    pub key: String,
    /// Confidence factor of the way it was found.
    pub factor: f64,
}

/// The first citation of `citations` with a usable key, as a work holder.
fn work(citations: &[Citation], index: usize, factor: f64) -> Option<Holder> {
    let key = citations[index].key();
    (!key.is_empty()).then_some(Holder {
        kind: HolderKind::Work,
        key,
        factor,
    })
}

/// Chooses the holder of `context`'s sentence. `previous` and `next` are the sentences before
/// and after in the same paragraph, if any; `document_key` names the document's own authors.
pub(crate) fn holder(
    context: &SentenceContext,
    (previous, next): (Option<&SentenceContext>, Option<&SentenceContext>),
    citations: &[Citation],
    document_key: &str,
    rules: &StanceRules,
) -> Holder {
    let factors = rules.holder_factors;
    let document = |factor: f64| Holder {
        kind: HolderKind::Document,
        key: document_key.to_string(),
        factor,
    };
    let tokens = &context.tokens;
    let mask = context.citation_mask();
    let exceptions = rules.self_exceptions.find_longest(tokens);
    let self_at = free_matches(&rules.self_voice, tokens, &mask)
        .into_iter()
        .find(|m| {
            !exceptions
                .iter()
                .any(|e| e.first < m.last && m.first < e.last)
        })
        .map(|m| m.first);
    let led: Vec<usize> = free_matches(&rules.leads, tokens, &mask)
        .into_iter()
        .filter_map(|m| {
            // "According to (Locke, 2013)": skip an opening bracket.
            let at = if tokens
                .get(m.last)
                .is_some_and(|t| t.is_punct('(') || t.is_punct('['))
            {
                m.last + 1
            } else {
                m.last
            };
            context.citation_of.get(at).copied().flatten()
        })
        .collect();
    let keyed: Vec<usize> = context
        .citations
        .iter()
        .copied()
        .filter(|&c| !citations[c].key().is_empty() && context.citation_tokens(c).is_some())
        .collect();
    let narrative = keyed
        .iter()
        .copied()
        .find(|&c| citations[c].kind != CitationKind::Parenthetical || led.contains(&c));
    let narrative_at = narrative.and_then(|c| context.citation_tokens(c).map(|span| span.start));

    if let Some(at) = self_at {
        if narrative_at.is_none_or(|n| at < n) {
            return document(factors.self_marked);
        }
    }
    if let Some(holder) = narrative.and_then(|c| work(citations, c, factors.narrative)) {
        return holder;
    }
    if let Some(holder) = keyed
        .first()
        .and_then(|&c| work(citations, c, factors.parenthetical))
    {
        return holder;
    }
    // "Their research shows …" right after a sentence citing the works: those works speak.
    // The phrase opens the sentence or follows an opening phrase set off by punctuation
    // ("Looking at one brand's suppliers – …, their research finds").
    let first_word = tokens.iter().position(|t| t.is_word());
    let speaks_back = free_matches(&rules.holder_back_references, tokens, &mask)
        .iter()
        .any(|m| {
            Some(m.first) == first_word
                || m.first
                    .checked_sub(1)
                    .is_some_and(|p| matches!(tokens[p].kind, TokenKind::Punct(',' | '–' | ':')))
        });
    if speaks_back && self_at.is_none() {
        let cited_before = previous.and_then(|previous| {
            previous
                .citations
                .iter()
                .copied()
                .find(|&c| !citations[c].key().is_empty())
        });
        if let Some(holder) = cited_before.and_then(|c| work(citations, c, factors.back_reference))
        {
            return holder;
        }
    }
    if !free_matches(&rules.others, tokens, &mask).is_empty() {
        let next_citation = next.and_then(|next| {
            next.citations
                .iter()
                .copied()
                .find(|&c| !citations[c].key().is_empty())
        });
        return next_citation
            .and_then(|c| work(citations, c, factors.others_next_citation))
            .unwrap_or_else(|| document(factors.others_unresolved));
    }
    document(factors.unattributed)
}
