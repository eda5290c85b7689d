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
use super::lexicon::Lexicon;
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
/// `line`, `stance` (`"supports"` | `"critiques"` | `"neutral"`), `cue` (or null), `rule` (the
/// cue group of `grammar/stance.toml` that decided, or null), `confidence` (0..1, two
/// decimals), `sentence_start`, `sentence_end`.
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
    /// The name of the cue group that decided a non-neutral stance.
    pub rule: Option<String>,
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

/// The groups a cue is about: the nearest group in its clause and, on the same side, the
/// groups coordinated with it up to the next cue ("similar to [11] and [14]"); failing that,
/// the groups of the clause before when a pronoun refers back to them; failing that, the only
/// group of the sentence.
fn targets<'g>(
    cue: &CueHit,
    cues: &[CueHit],
    groups: &'g [Group],
    pronoun_clauses: &[usize],
) -> Vec<&'g Group> {
    let in_clause = |clause: usize| -> Vec<&'g Group> {
        let Some(nearest) = groups
            .iter()
            .filter(|g| g.clause == clause)
            .min_by_key(|g| (distance(cue, g), g.first))
        else {
            return Vec::new();
        };
        let after = nearest.first >= cue.last;
        let mut chosen = vec![nearest];
        let mut edge = if after { nearest.last } else { nearest.first };
        let mut side: Vec<&Group> = groups
            .iter()
            .filter(|g| g.clause == clause && g.first != nearest.first)
            .filter(|g| {
                if after {
                    g.first >= nearest.last
                } else {
                    g.last <= nearest.first
                }
            })
            .collect();
        if !after {
            side.reverse();
        }
        for group in side {
            let (from, to) = if after {
                (edge, group.first)
            } else {
                (group.last, edge)
            };
            if cues
                .iter()
                .any(|other| other.cue_first >= from && other.cue_first < to)
            {
                break;
            }
            chosen.push(group);
            edge = if after { group.last } else { group.first };
        }
        chosen
    };
    let own = in_clause(cue.clause);
    if !own.is_empty() {
        return own;
    }
    if pronoun_clauses.contains(&cue.clause) {
        let before = (0..cue.clause)
            .rev()
            .find(|&clause| groups.iter().any(|g| g.clause == clause));
        if let Some(clause) = before {
            return in_clause(clause);
        }
    }
    match groups {
        [only] => vec![only],
        _ => Vec::new(),
    }
}

/// Whether a cue about a work is reversed for a group: the group is the object of a
/// comparison, within a few words after the pivot ("better than [12]") or after a cue that
/// reverses what follows ("outperforms Smith (2000)").
fn reversed_for_work(
    context: &SentenceContext,
    reading: &SentenceReading,
    rules: &StanceRules,
    cue: &CueHit,
    group: &Group,
) -> bool {
    if group.clause != cue.clause || group.first < cue.last {
        return false;
    }
    let near = |from: usize| {
        SentenceReading::words_between(&context.tokens, from, group.first) <= rules.pivot_reach
    };
    (rules.groups[cue.group].reverse_after && near(cue.last - 1))
        || reading.pivots.iter().any(|&pivot| {
            pivot >= cue.last
                && pivot < group.first
                && reading.clause_of[pivot] == cue.clause
                && near(pivot)
        })
}

/// Whether a paradigm named before the cue in its clause, with no part of `group` between
/// them, is the cue's subject.
fn paradigm_subject(
    reading: &SentenceReading,
    paradigm_starts: &[usize],
    cue: &CueHit,
    group: &Group,
) -> bool {
    paradigm_starts.iter().any(|&at| {
        at < cue.first
            && reading.clause_of[at] == cue.clause
            && !(group.first > at && group.first < cue.first)
    })
}

/// Whether a cue may count toward works at all: agreement verbs need the citing study's own
/// results in the clause; faults need a word naming a study or method nearby, and not the
/// citing study's own.
fn admissible(
    context: &SentenceContext,
    reading: &SentenceReading,
    rules: &StanceRules,
    cue: &CueHit,
    own: &[usize],
    anchors: &[usize],
) -> bool {
    let group = &rules.groups[cue.group];
    if group.work_requires_own && !own.iter().any(|&at| reading.clause_of[at] == cue.clause) {
        return false;
    }
    if group.work_requires_anchor {
        let near = |at: usize, reach: usize| {
            reading.clause_of[at] == cue.clause
                && SentenceReading::words_between(&context.tokens, at, cue.cue_first) < reach
        };
        if own.iter().any(|&at| near(at, 2 * rules.anchor_reach))
            || !anchors.iter().any(|&at| near(at, rules.anchor_reach))
        {
            return false;
        }
    }
    true
}

/// The stance of every citation in one sentence.
pub(crate) fn sentence_stances(
    context: &SentenceContext,
    text: &str,
    citations: &[Citation],
    rules: &StanceRules,
    lexicon: &Lexicon,
) -> Vec<CitationStance> {
    let mask = context.citation_mask();
    let reading = read(&context.tokens, &mask, &rules.work_cues, rules, false);
    let groups = groups(context, &reading, rules);
    let starts = |set: &super::phrase::PhraseSet<()>| -> Vec<usize> {
        set.find_longest(&context.tokens)
            .into_iter()
            .filter(|m| !mask[m.first])
            .map(|m| m.first)
            .collect()
    };
    let pronoun_clauses: Vec<usize> = starts(&rules.work_pronouns)
        .into_iter()
        .map(|at| reading.clause_of[at])
        .collect();
    let own = starts(&rules.own);
    // "the compliance-based model" names a paradigm, not the cited work's method.
    let mut in_paradigm = vec![false; context.tokens.len()];
    for mention in lexicon.mentions_in_tokens(&context.tokens) {
        in_paradigm[mention.first..mention.last]
            .iter_mut()
            .for_each(|b| *b = true);
    }
    let paradigm_starts: Vec<usize> = lexicon
        .mentions_in_tokens(&context.tokens)
        .into_iter()
        .map(|m| m.first)
        .collect();
    let anchors: Vec<usize> = starts(&rules.anchors)
        .into_iter()
        .filter(|&at| !in_paradigm[at])
        .collect();

    // Signed score and deciding cue (with its contribution) per citation.
    let mut scores: Vec<Tally<'_>> = context.citations.iter().map(|&c| (c, 0.0, None)).collect();
    // Fallback cues ("however") count only for citations no other cue reached.
    let mut reached = vec![false; scores.len()];
    for fallback_pass in [false, true] {
        for cue in &reading.cues {
            let group_rules = &rules.groups[cue.group];
            if group_rules.work_fallback != fallback_pass
                || !admissible(context, &reading, rules, cue, &own, &anchors)
            {
                continue;
            }
            for group in targets(cue, &reading.cues, &groups, &pronoun_clauses) {
                if group_rules.work_yields_to_paradigm
                    && paradigm_subject(&reading, &paradigm_starts, cue, group)
                {
                    continue;
                }
                if let Some(reach) = group_rules.work_reach {
                    let after = group.first >= cue.last;
                    if !after
                        || SentenceReading::words_between(
                            &context.tokens,
                            cue.last - 1,
                            group.first,
                        ) > reach
                    {
                        continue;
                    }
                }
                let reversed = reversed_for_work(context, &reading, rules, cue, group);
                let contribution =
                    cue.stance.sign() * cue.weight * if reversed { -1.0 } else { 1.0 };
                for (index, entry) in scores.iter_mut().enumerate() {
                    if !group.members.contains(&entry.0) || (fallback_pass && reached[index]) {
                        continue;
                    }
                    if !fallback_pass {
                        reached[index] = true;
                    }
                    entry.1 += contribution;
                    if entry
                        .2
                        .is_none_or(|(best, _)| contribution.abs() > best.abs())
                    {
                        entry.2 = Some((contribution, cue));
                    }
                }
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
            let decided = match (stance, decisive) {
                (WorkStance::Neutral, _) | (_, None) => None,
                (_, Some((_, cue))) => Some(cue),
            };
            let cue = decided.map(|cue| {
                let tokens = &context.tokens;
                folded_span(text, tokens[cue.first].start..tokens[cue.last - 1].end)
            });
            let rule = decided.map(|cue| rules.groups[cue.group].name.clone());
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
                rule,
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
