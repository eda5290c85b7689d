//! Which paradigm a cue is about, read from the words around it: a cue bound to one paradigm
//! by "of" or a possessive ("the shortcomings of the compliance paradigm", "the model's
//! flaws"), and the stretches of a sentence that only describe what a paradigm holds ("the
//! cooperation paradigm, in which effective monitoring …", "the new paradigm predicts that
//! …"), whose cues evaluate nothing.
//!
//! The word lists are in `grammar/stance.toml` (`[binding]`, `[description]`).

use std::ops::Range;

use super::analysis::{free_matches, CueHit};
use super::rules::StanceRules;
use super::text::{Token, TokenKind};

/// A paradigm mention as these rules see it: its paradigm and token span.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Mention {
    pub paradigm: usize,
    pub first: usize,
    pub last: usize,
    /// Named after a setting preposition ("in … clusters"): a place, no subject.
    pub place: bool,
}

/// Whether any token in `range` is punctuation.
fn punctuated(tokens: &[Token], range: Range<usize>) -> bool {
    tokens
        .get(range)
        .is_some_and(|slice| slice.iter().any(|t| !t.is_word()))
}

/// Word tokens in `range`.
fn words(tokens: &[Token], range: Range<usize>) -> usize {
    tokens
        .get(range)
        .map_or(0, |slice| slice.iter().filter(|t| t.is_word()).count())
}

/// Whether the word token at `index` is written with a possessive ("paradigm's", "codes'").
fn possessive(text: &str, tokens: &[Token], index: usize) -> bool {
    let token = &tokens[index];
    let written = text.get(token.start..token.end).unwrap_or_default();
    let apostrophe_s = ["'s", "’s", "ʼs", "'S", "’S"]
        .iter()
        .any(|ending| written.ends_with(ending));
    let plural_apostrophe = written.ends_with('s')
        && tokens
            .get(index + 1)
            .is_some_and(|next| next.kind == TokenKind::Punct('\'') && next.start == token.end);
    apostrophe_s || plural_apostrophe
}

/// What a cue is about, as far as the words around it tell.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Binding {
    /// Nothing ties it: it is about the paradigms of its clause.
    Free,
    /// It is about this paradigm only ("the shortcomings of the compliance paradigm").
    To(usize),
    /// It evaluates something that is no paradigm ("the failure of the Shoes from Brazil
    /// Program").
    Elsewhere,
}

impl Binding {
    /// Whether the cue may count for `paradigm`.
    pub fn reaches(self, paradigm: usize) -> bool {
        match self {
            Binding::Free => true,
            Binding::To(to) => to == paradigm,
            Binding::Elsewhere => false,
        }
    }
}

/// For each cue, what it is bound to: a paradigm named within `reach` words after a link word
/// ("of", "with") that ends the cue or follows it, with no punctuation or other cue between
/// ("shortcomings of the compliance-based paradigm", "limits of codes"); a paradigm in the
/// possessive right before the cue ("the compliance model's shortcomings"); or, for an
/// evaluative noun followed by "of" and no paradigm, whatever follows ("the failure of the
/// programme").
pub(crate) fn bindings(
    text: &str,
    tokens: &[Token],
    cues: &[CueHit],
    mentions: &[Mention],
    rules: &StanceRules,
) -> Vec<Binding> {
    let none = vec![false; tokens.len()];
    let links: Vec<usize> = free_matches(&rules.binding_links, tokens, &none)
        .into_iter()
        .map(|m| m.last - 1)
        .collect();
    let evaluative: Vec<(usize, usize)> =
        free_matches(&rules.binding_evaluative_nouns, tokens, &none)
            .into_iter()
            .map(|m| (m.first, m.last))
            .collect();
    let pointing = free_matches(&rules.anaphoric, tokens, &none);
    cues.iter()
        .map(|cue| {
            let link = [cue.last - 1, cue.last]
                .into_iter()
                .find(|at| links.contains(at));
            let after = link.and_then(|link| {
                mentions
                    .iter()
                    .filter(|m| m.first > link)
                    .min_by_key(|m| m.first)
                    .filter(|m| {
                        words(tokens, link + 1..m.first) <= rules.binding_reach
                            && !punctuated(tokens, link + 1..m.first)
                            && !cues
                                .iter()
                                .any(|other| other.cue_first > link && other.cue_first < m.first)
                    })
            });
            let before = || {
                mentions.iter().find(|m| {
                    let adjacent = m.last == cue.cue_first
                        || (m.last + 1 == cue.cue_first
                            && tokens[m.last].kind == TokenKind::Punct('\''));
                    adjacent && possessive(text, tokens, m.last - 1)
                })
            };
            if let Some(m) = after.or_else(before) {
                return Binding::To(m.paradigm);
            }
            // "the failure of the programme": an evaluative noun whose "of" names no paradigm
            // (nor points back with "this", "their": those may stand for one).
            let noun_then_of = evaluative
                .iter()
                .any(|&(first, last)| first == cue.cue_first && last == cue.last)
                && tokens.get(cue.last).is_some_and(|t| t.norm == "of");
            let points_back = pointing.iter().any(|p| p.first == cue.last + 1)
                || tokens
                    .get(cue.last + 1)
                    .is_some_and(|t| matches!(t.norm.as_str(), "its" | "their" | "it" | "them"));
            // A quoted name may follow: "the failure of “The Shoes from Brazil Program”".
            let named_after_of = tokens
                .get(cue.last + 1..)
                .and_then(|rest| rest.iter().find(|t| !t.is_punct('"') && !t.is_punct('\'')))
                .is_some_and(Token::is_word);
            if noun_then_of && named_after_of && !points_back {
                return Binding::Elsewhere;
            }
            Binding::Free
        })
        .collect()
}

/// One past the last token of the clause of token `at`.
fn clause_end(clause_of: &[usize], at: usize) -> usize {
    let clause = clause_of[at];
    clause_of[at..]
        .iter()
        .position(|&c| c != clause)
        .map_or(clause_of.len(), |offset| at + offset)
}

/// Stretches of the sentence that describe what a paradigm holds, not whether it works:
/// - a relative clause right after a paradigm's name ("the cooperation-based paradigm, in
///   which the effective monitoring … cannot be limited to lead firms"), to its clause's end;
/// - what follows a verb of content whose subject is a paradigm ("the new cooperation
///   paradigm predicts that improved management leads to …", "this approach emphasizes …")
///   or an opening pronoun standing for the paradigms of the sentence before
///   (`pronoun_subject`), to the end of the verb's clause.
pub(crate) fn description_spans(
    tokens: &[Token],
    clause_of: &[usize],
    mentions: &[Mention],
    pronoun_subject: bool,
    rules: &StanceRules,
) -> Vec<Range<usize>> {
    let none = vec![false; tokens.len()];
    let mut spans = Vec::new();
    for relative in free_matches(&rules.description_relatives, tokens, &none) {
        let follows_a_name = mentions.iter().any(|m| {
            m.last == relative.first
                || (m.last + 1 == relative.first && tokens[m.last].is_punct(','))
        });
        if follows_a_name {
            spans.push(relative.first..clause_end(clause_of, relative.first));
        }
    }
    let not_after = free_matches(&rules.description_not_after, tokens, &none);
    let determiners = free_matches(&rules.description_determiners, tokens, &none);
    let first_word = tokens.iter().position(Token::is_word);
    // An opening pronoun subject: its last token.
    let opening_pronoun = first_word.and_then(|first| {
        free_matches(&rules.description_pronouns, tokens, &none)
            .into_iter()
            .find(|m| m.first == first)
            .map(|m| m.last - 1)
    });
    for verb in free_matches(&rules.description_verbs, tokens, &none) {
        let subject = mentions.iter().any(|m| {
            if m.place
                || m.last > verb.first
                || words(tokens, m.last..verb.first) > 2
                || punctuated(tokens, m.last..verb.first)
            {
                return false;
            }
            // The paradigm is the subject, not the object of a preposition ("studies of codes
            // of conduct suggest").
            let mut before = m.first;
            while before > 0 && determiners.iter().any(|d| d.last == before) {
                before = determiners
                    .iter()
                    .find(|d| d.last == before)
                    .map_or(0, |d| d.first);
            }
            !not_after.iter().any(|p| p.last == before)
        });
        let pronoun = pronoun_subject
            && opening_pronoun.is_some_and(|last| {
                last < verb.first
                    && words(tokens, last + 1..verb.first) <= 2
                    && !punctuated(tokens, last..verb.first)
            });
        if subject || pronoun {
            spans.push(verb.last..clause_end(clause_of, verb.first));
        }
    }
    spans
}
