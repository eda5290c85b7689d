//! Claims: for each sentence, the paradigms it is about and whether it supports or critiques
//! each, with the holder, the deciding words and a confidence.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::citation::Citation;

use super::analysis::{free_matches, read, CueHit, SentenceReading};
use super::context::SentenceContext;
use super::holder::{holder, HolderKind};
use super::lexicon::Lexicon;
use super::rules::{Stance, StanceRules};
use super::segment::SentenceKind;
use super::text::{folded_span, LineIndex};

/// How a sentence came to be about a paradigm.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum MentionKind {
    /// One of the paradigm's phrases ("codes of conduct").
    Named,
    /// A back-reference ("this paradigm") to the paradigm last named in the paragraph.
    BackReference,
    /// A sentence opening with a pronoun, about the paradigms of the sentence before.
    Pronoun,
}

/// One stance of one sentence toward one paradigm.
///
/// JSON (one object per line, fields in this order): `doc`, `line`, `sentence`, `paradigm`,
/// `stance` (`"supports"` | `"critiques"`), `holder_kind` (`"document"` | `"work"`), `holder`,
/// `cue`, `confidence` (0..1, two decimals), then `mention`, `mention_kind`, `start`, `end`,
/// `cue_start`, `cue_end` (byte offsets into the analysed text).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Claim {
    /// The document's name (its file name).
    pub doc: String,
    /// 1-based line where the sentence starts.
    pub line: usize,
    /// The sentence, white space folded to single spaces.
    pub sentence: String,
    /// The paradigm's id.
    pub paradigm: String,
    /// Supports or critiques.
    pub stance: Stance,
    /// The document's authors or a cited work.
    pub holder_kind: HolderKind,
    /// The document key or the work key ("Barrientos 2013").
    pub holder: String,
    /// The words that decided the stance (from a negator to the cue when negated).
    pub cue: String,
    /// 0..1, rounded to two decimals.
    pub confidence: f64,
    /// The words that tied the sentence to the paradigm ("codes of conduct", "this model").
    pub mention: String,
    /// How the paradigm was found.
    pub mention_kind: MentionKind,
    /// Byte offset where the sentence starts.
    pub start: usize,
    /// Byte offset where the sentence ends.
    pub end: usize,
    /// Byte offset where the cue starts.
    pub cue_start: usize,
    /// Byte offset where the cue ends.
    pub cue_end: usize,
}

/// A paradigm the sentence is about, at a token.
#[derive(Debug, Clone, Copy)]
struct Target {
    paradigm: usize,
    /// First token of the mention (or of the pronoun).
    first: usize,
    /// One past its last token.
    last: usize,
    kind: MentionKind,
    factor: f64,
}

/// Rounds to two decimals, so output is stable text.
pub(crate) fn round2(value: f64) -> f64 {
    (value * 100.0).round() / 100.0
}

/// Everything needed to read claims from one document.
pub(crate) struct ClaimInput<'a> {
    pub doc: &'a str,
    pub document_key: &'a str,
    pub text: &'a str,
    pub citations: &'a [Citation],
    pub contexts: &'a [SentenceContext],
    pub lexicon: &'a Lexicon,
    pub rules: &'a StanceRules,
    pub min_confidence: f64,
}

/// Reads the claims of a document, in text order (then paradigm order).
pub(crate) fn claims(input: &ClaimInput<'_>) -> Vec<Claim> {
    let rules = input.rules;
    let line_index = LineIndex::new(input.text);
    let mut out = Vec::new();
    let mut paragraph = usize::MAX;
    // The paradigm named last in the paragraph, and the targets of the sentence before.
    let mut last_named: Option<usize> = None;
    let mut previous_targets: Vec<usize> = Vec::new();
    for (index, context) in input.contexts.iter().enumerate() {
        if context.sentence.kind != SentenceKind::Body {
            continue;
        }
        if context.sentence.paragraph != paragraph {
            paragraph = context.sentence.paragraph;
            last_named = None;
            previous_targets.clear();
        }
        let tokens = &context.tokens;
        let citation_mask = context.citation_mask();

        // Paradigms named, back-referenced, or inherited through a pronoun.
        let mut targets: Vec<Target> = Vec::new();
        let mut blocked = citation_mask.clone();
        for mention in input.lexicon.mentions_in_tokens(tokens) {
            let (paradigm, first, last, weak) =
                (mention.paradigm, mention.first, mention.last, mention.weak);
            if citation_mask[first..last].iter().any(|&b| b) {
                continue;
            }
            blocked[first..last].iter_mut().for_each(|b| *b = true);
            if (weak && names_a_case(input.text, tokens, first))
                || capitalised_instance(input.text, tokens, first, last, mention.lower)
            {
                continue;
            }
            targets.push(Target {
                paradigm,
                first,
                last,
                kind: MentionKind::Named,
                factor: if weak {
                    input.lexicon.weak_factor()
                } else {
                    1.0
                },
            });
        }
        for m in free_matches(&rules.references, tokens, &blocked) {
            let before = targets
                .iter()
                .filter(|t| t.last <= m.first)
                .max_by_key(|t| t.first)
                .map(|t| t.paradigm)
                .or(last_named);
            if let Some(paradigm) = before {
                blocked[m.first..m.last].iter_mut().for_each(|b| *b = true);
                targets.push(Target {
                    paradigm,
                    first: m.first,
                    last: m.last,
                    kind: MentionKind::BackReference,
                    factor: rules.reference_factor,
                });
            }
        }
        targets.sort_by_key(|t| (t.first, t.paradigm));
        let own_targets: Vec<usize> = targets.iter().map(|t| t.paradigm).collect();
        if targets.is_empty() && !previous_targets.is_empty() {
            let window = nth_word_index(tokens, rules.pronoun_window);
            let continuation = free_matches(&rules.continuations, tokens, &blocked)
                .into_iter()
                .find(|m| m.first == nth_word_index(tokens, 0));
            let demonstratives = rules.demonstratives.find_longest(tokens);
            let followers = rules.demonstrative_followers.find_longest(tokens);
            let pronoun = free_matches(&rules.pronouns, tokens, &blocked)
                .into_iter()
                .filter(|m| m.first < window)
                .find(|m| {
                    let demonstrative = demonstratives.iter().any(|d| d.first == m.first);
                    !demonstrative
                        || tokens.get(m.last).is_none_or(|next| !next.is_word())
                        || followers.iter().any(|f| f.first == m.last)
                });
            if let Some(m) = pronoun.or(continuation) {
                for &paradigm in &previous_targets {
                    targets.push(Target {
                        paradigm,
                        first: m.first,
                        last: m.last,
                        kind: MentionKind::Pronoun,
                        factor: rules.pronoun_factor,
                    });
                }
            }
        }
        // The paradigm named last, passing over the foil of a comparison ("… than private
        // hives"): a later "this approach" means the topic, not the foil.
        let pivots: Vec<usize> = rules
            .pivots
            .find_longest(tokens)
            .into_iter()
            .chain(rules.preferences.find_longest(tokens))
            .map(|m| m.first)
            .collect();
        let topical = targets
            .iter()
            .filter(|t| t.kind != MentionKind::Pronoun)
            .filter(|t| !pivots.iter().any(|&p| p < t.first))
            .max_by_key(|t| t.first)
            .or_else(|| {
                targets
                    .iter()
                    .filter(|t| t.kind != MentionKind::Pronoun)
                    .max_by_key(|t| t.first)
            });
        if let Some(target) = topical {
            last_named = Some(target.paradigm);
        }
        let mut deduped = own_targets.clone();
        deduped.dedup();
        previous_targets = deduped;
        if targets.is_empty() {
            continue;
        }

        let reading = read(tokens, &blocked, &rules.paradigm_cues, rules, true);
        if reading.cues.is_empty() {
            continue;
        }
        let next = input
            .contexts
            .get(index + 1)
            .filter(|next| next.sentence.paragraph == paragraph);
        let holder = holder(context, next, input.citations, input.document_key, rules);
        let privative_ends: Vec<usize> = rules
            .privatives
            .find_longest(tokens)
            .into_iter()
            .map(|m| m.last)
            .collect();

        let mut by_paradigm: BTreeMap<usize, Vec<Target>> = BTreeMap::new();
        for target in &targets {
            by_paradigm
                .entry(target.paradigm)
                .or_default()
                .push(*target);
        }
        let target_clauses: Vec<usize> =
            targets.iter().map(|t| reading.clause_of[t.first]).collect();
        let one_context = target_clauses.windows(2).all(|w| w[0] == w[1]);

        for (paradigm, mentions) in &by_paradigm {
            let governed = |t: &Target| {
                privative_ends
                    .iter()
                    .any(|&end| end <= t.first && t.first - end <= 2)
            };
            if mentions.iter().all(governed) {
                continue;
            }
            let Some((score, decisive)) = score(
                tokens,
                &reading,
                rules,
                mentions,
                &target_clauses,
                one_context,
            ) else {
                continue;
            };
            let Some(stance) = Stance::of(score) else {
                continue;
            };
            let hedge = if decisive.hedged {
                rules.hedge_factor
            } else {
                1.0
            };
            let via = mentions.iter().map(|m| m.factor).fold(0.0, f64::max);
            let confidence = round2(score.abs().min(1.0) * hedge * via * holder.factor);
            if confidence < input.min_confidence {
                continue;
            }
            let strongest = mentions
                .iter()
                .max_by(|a, b| a.factor.total_cmp(&b.factor).then(b.first.cmp(&a.first)))
                .copied()
                .unwrap_or(mentions[0]);
            let sentence = &context.sentence;
            let cue_start = tokens[decisive.first].start;
            let cue_end = tokens[decisive.last - 1].end;
            out.push(Claim {
                doc: input.doc.to_string(),
                line: line_index.line(sentence.start),
                sentence: folded_span(input.text, sentence.start..sentence.end),
                paradigm: input.lexicon.paradigms()[*paradigm].id.clone(),
                stance,
                holder_kind: holder.kind,
                holder: holder.key.clone(),
                cue: folded_span(input.text, cue_start..cue_end),
                confidence,
                mention: folded_span(
                    input.text,
                    tokens[strongest.first].start..tokens[strongest.last - 1].end,
                ),
                mention_kind: strongest.kind,
                start: sentence.start,
                end: sentence.end,
                cue_start,
                cue_end,
            });
        }
    }
    out
}

/// Whether the weak mention at token `first` names a case rather than the paradigm: a
/// capitalised word (not the sentence's first) among the two tokens before it ("the Agra
/// leather cluster", "Italy's clusters").
fn names_a_case(text: &str, tokens: &[super::text::Token], first: usize) -> bool {
    let sentence_first = nth_word_index(tokens, 0);
    (first.saturating_sub(2)..first).any(|index| {
        index != sentence_first
            && tokens[index].is_word()
            && text[tokens[index].start..]
                .chars()
                .next()
                .is_some_and(char::is_uppercase)
    })
}

/// Word tokens in `from..to`.
fn word_count(tokens: &[super::text::Token], from: usize, to: usize) -> usize {
    tokens
        .get(from..to)
        .map_or(0, |slice| slice.iter().filter(|t| t.is_word()).count())
}

/// Whether a mention of a lower-case lexicon phrase is capitalised in mid-sentence ("the 1994
/// Labor Law"): the name of one instance, not the paradigm.
fn capitalised_instance(
    text: &str,
    tokens: &[super::text::Token],
    first: usize,
    last: usize,
    phrase_is_lower: bool,
) -> bool {
    phrase_is_lower
        && first != nth_word_index(tokens, 0)
        && tokens[first..last].iter().filter(|t| t.is_word()).all(|t| {
            text[t.start..]
                .chars()
                .next()
                .is_some_and(char::is_uppercase)
        })
}

/// Index of the `n`-th word token, or the token count.
fn nth_word_index(tokens: &[super::text::Token], n: usize) -> usize {
    tokens
        .iter()
        .enumerate()
        .filter(|(_, t)| t.is_word())
        .nth(n)
        .map_or(tokens.len(), |(index, _)| index)
}

/// The signed score of a paradigm in a sentence and the cue that decided it.
///
/// When the sentence's paradigms sit in different clauses, a paradigm takes the cues of its
/// own clauses (or, failing those, of clauses naming no paradigm); otherwise it takes every
/// cue of the sentence.
fn score<'r>(
    tokens: &[super::text::Token],
    reading: &'r SentenceReading,
    rules: &StanceRules,
    mentions: &[Target],
    target_clauses: &[usize],
    one_context: bool,
) -> Option<(f64, &'r CueHit)> {
    let own_clauses: Vec<usize> = mentions
        .iter()
        .map(|m| reading.clause_of[m.first])
        .collect();
    let relevant: Vec<&CueHit> = if one_context {
        reading.cues.iter().collect()
    } else {
        let own: Vec<&CueHit> = reading
            .cues
            .iter()
            .filter(|cue| own_clauses.contains(&cue.clause))
            .collect();
        if own.is_empty() {
            reading
                .cues
                .iter()
                .filter(|cue| !target_clauses.contains(&cue.clause))
                .collect()
        } else {
            own
        }
    };
    let mut total = 0.0;
    let mut contributions = Vec::with_capacity(relevant.len());
    for cue in relevant {
        // "neglected in cluster research": such cues reach only what follows them, some only
        // within a few words.
        let group = &rules.groups[cue.group];
        let reached = mentions.iter().any(|m| {
            let after = m.first >= cue.last;
            let words = if after {
                word_count(tokens, cue.last, m.first)
            } else {
                word_count(tokens, m.last.min(cue.first), cue.first)
            };
            (after || !group.paradigm_after_only)
                && group.paradigm_reach.is_none_or(|reach| words <= reach)
        });
        if !reached {
            continue;
        }
        // A mention on the far side of a comparison ("… than private codes") decides.
        let reversed = mentions
            .iter()
            .filter(|m| reading.clause_of[m.first] == cue.clause)
            .any(|m| reading.reversed(rules, cue, m.first));
        let sign = if reversed { -1.0 } else { 1.0 };
        let contribution = cue.stance.sign() * sign * cue.weight;
        total += contribution;
        contributions.push((contribution, cue));
    }
    let direction = total.signum();
    if total == 0.0 {
        return None;
    }
    contributions
        .into_iter()
        .filter(|(contribution, _)| contribution.signum() == direction)
        .max_by(|a, b| {
            a.0.abs()
                .total_cmp(&b.0.abs())
                .then(b.1.first.cmp(&a.1.first))
        })
        .map(|(_, cue)| (total, cue))
}
