//! Stance toward cited works (scite's supporting / contrasting / mentioning): for each
//! citation, whether its sentence supports, critiques or only mentions the cited work.
//!
//! Each cue is tied to one target: the citation group (citations joined only by punctuation
//! and words such as "and", "see also") nearest to it in the same clause. A clause without a
//! citation passes its cues to the citations of the clause before when it refers back to them
//! with a pronoun ("it", "their method"); a sentence with a single citation group takes every
//! cue of the sentence. Comparison reverses a cue for a target after "than" or after
//! "outperforms".

use serde::Serialize;

use crate::citation::Citation;

use super::analysis::{read, CueHit, SentenceReading};
use super::claim::round2;
use super::context::SentenceContext;
use super::rules::{Stance, StanceRules};
use super::text::folded_span;

/// Supports, critiques or only mentions a cited work.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum WorkStance {
    /// The citing sentence agrees with, confirms or praises the work.
    Supports,
    /// The citing sentence contradicts, contrasts with or faults the work.
    Critiques,
    /// The work is only mentioned, used or described.
    Neutral,
}

/// The stance of one citation's sentence toward the cited work.
///
/// JSON fields in order: `citation` (index into the citations given), `work` (its key),
/// `line`, `stance` (`"supports"` | `"critiques"` | `"neutral"`), `cue` (or null),
/// `confidence` (0..1, two decimals), `sentence_start`, `sentence_end`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CitationStance {
    /// Index of the citation in the slice given to the analyser.
    pub citation: usize,
    /// The cited work's key ("Locke et al. 2009").
    pub work: String,
    /// 1-based line of the citation.
    pub line: usize,
    /// Supports, critiques or neutral.
    pub stance: WorkStance,
    /// The words that decided a non-neutral stance.
    pub cue: Option<String>,
    /// 0..1, two decimals: the strength of the tied cues (for neutral, of their absence).
    pub confidence: f64,
    /// Byte offset where the citing sentence starts.
    pub sentence_start: usize,
    /// Byte offset where the citing sentence ends.
    pub sentence_end: usize,
}

/// Citation index, signed score, deciding cue with its contribution.
type Tally<'r> = (usize, f64, Option<(f64, &'r CueHit)>);

/// A group of adjacent citations, as a token span.
#[derive(Debug, Clone)]
struct Group {
    members: Vec<usize>,
    first: usize,
    last: usize,
    clause: usize,
}

/// Joins the sentence's citations into groups of adjacent ones.
fn groups(context: &SentenceContext, reading: &SentenceReading, rules: &StanceRules) -> Vec<Group> {
    let tokens = &context.tokens;
    let mut glue = vec![false; tokens.len()];
    for m in rules.group_joiners.find_longest(tokens) {
        glue[m.first..m.last].iter_mut().for_each(|g| *g = true);
    }
    let mut groups: Vec<Group> = Vec::new();
    for &citation in &context.citations {
        let Some(span) = context.citation_tokens(citation) else {
            continue;
        };
        let joined = groups.last().is_some_and(|group| {
            span.start >= group.last
                && (group.last..span.start).all(|i| !tokens[i].is_word() || glue[i])
        });
        match groups.last_mut() {
            Some(group) if joined => {
                group.members.push(citation);
                group.last = group.last.max(span.end);
            }
            _ => groups.push(Group {
                members: vec![citation],
                first: span.start,
                last: span.end,
                clause: reading.clause_of[span.start],
            }),
        }
    }
    groups
}

/// Token distance between a cue and a group.
fn distance(cue: &CueHit, group: &Group) -> usize {
    if group.last <= cue.first {
        cue.first - group.last
    } else {
        group.first.saturating_sub(cue.last)
    }
}

/// The group a cue is about, if any.
fn target<'g>(cue: &CueHit, groups: &'g [Group], pronoun_clauses: &[usize]) -> Option<&'g Group> {
    let nearest_in = |clause: usize| {
        groups
            .iter()
            .filter(|g| g.clause == clause)
            .min_by_key(|g| (distance(cue, g), g.first))
    };
    if let Some(group) = nearest_in(cue.clause) {
        return Some(group);
    }
    if pronoun_clauses.contains(&cue.clause) {
        let before = (0..cue.clause)
            .rev()
            .find(|&clause| groups.iter().any(|g| g.clause == clause));
        if let Some(group) = before.and_then(nearest_in) {
            return Some(group);
        }
    }
    match groups {
        [only] => Some(only),
        _ => None,
    }
}

/// The stance of every citation in one sentence.
pub(crate) fn sentence_stances(
    context: &SentenceContext,
    text: &str,
    citations: &[Citation],
    rules: &StanceRules,
) -> Vec<CitationStance> {
    let mask = context.citation_mask();
    let reading = read(&context.tokens, &mask, &rules.work_cues, rules);
    let groups = groups(context, &reading, rules);
    let pronoun_clauses: Vec<usize> = rules
        .work_pronouns
        .find_longest(&context.tokens)
        .into_iter()
        .filter(|m| !mask[m.first])
        .map(|m| reading.clause_of[m.first])
        .collect();

    // Signed score and deciding cue (with its contribution) per citation.
    let mut scores: Vec<Tally<'_>> = context.citations.iter().map(|&c| (c, 0.0, None)).collect();
    for cue in &reading.cues {
        let Some(group) = target(cue, &groups, &pronoun_clauses) else {
            continue;
        };
        let reversed = reading.reversed(rules, cue, group.first);
        let contribution = cue.stance.sign() * cue.weight * if reversed { -1.0 } else { 1.0 };
        for entry in scores
            .iter_mut()
            .filter(|entry| group.members.contains(&entry.0))
        {
            entry.1 += contribution;
            if entry
                .2
                .is_none_or(|(best, _)| contribution.abs() > best.abs())
            {
                entry.2 = Some((contribution, cue));
            }
        }
    }
    scores
        .into_iter()
        .map(|(citation, score, decisive)| {
            let stance = if score >= rules.support_threshold {
                WorkStance::Supports
            } else if -score >= rules.critique_threshold {
                WorkStance::Critiques
            } else {
                WorkStance::Neutral
            };
            let cue = match (stance, decisive) {
                (WorkStance::Neutral, _) | (_, None) => None,
                (_, Some((_, cue))) => {
                    let tokens = &context.tokens;
                    Some(folded_span(
                        text,
                        tokens[cue.first].start..tokens[cue.last - 1].end,
                    ))
                }
            };
            let strength = score.abs().min(1.0);
            let confidence = if stance == WorkStance::Neutral {
                1.0 - strength
            } else {
                strength
            };
            CitationStance {
                citation,
                work: citations[citation].key(),
                line: citations[citation].line,
                stance,
                cue,
                confidence: round2(confidence),
                sentence_start: context.sentence.start,
                sentence_end: context.sentence.end,
            }
        })
        .collect()
}

impl From<Stance> for WorkStance {
    fn from(stance: Stance) -> Self {
        match stance {
            Stance::Supports => WorkStance::Supports,
            Stance::Critiques => WorkStance::Critiques,
        }
    }
}
