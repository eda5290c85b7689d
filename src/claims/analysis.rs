//! Reading one sentence: its clauses, its stance cues with negation and hedges, and the
//! comparison pivots that reverse a cue for what follows.
//!
//! The steps are the ones explained to readers at the top of `grammar/stance.toml`.

use super::phrase::{PhraseMatch, PhraseSet};
use super::rules::{Stance, StanceRules, WhenNegated};
use super::text::{Token, TokenKind};

/// One cue found in a sentence, after negation and concession are applied.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct CueHit {
    /// First token of the cue (or of its negator, when negated).
    pub first: usize,
    /// First token of the cue phrase itself.
    pub cue_first: usize,
    /// One past its last token.
    pub last: usize,
    /// Index of its group in [`StanceRules::groups`].
    pub group: usize,
    /// The stance it expresses here (a flipped cue has the opposite of its group's).
    pub stance: Stance,
    /// Group weight times the concession weight when in a conceded clause.
    pub weight: f64,
    /// The clause it is in.
    pub clause: usize,
    /// Its clause is hedged.
    pub hedged: bool,
}

/// The clause structure and cues of one sentence.
#[derive(Debug, Clone)]
pub(crate) struct SentenceReading {
    /// Clause id of every token.
    pub clause_of: Vec<usize>,
    /// Cues, in text order.
    pub cues: Vec<CueHit>,
    /// First tokens of comparison pivots ("than", "rather than").
    pub pivots: Vec<usize>,
}

/// Whether match `m` overlaps any blocked token.
fn overlaps(blocked: &[bool], m: &PhraseMatch) -> bool {
    blocked[m.first..m.last].iter().any(|&b| b)
}

/// Matches of `set` in `tokens` that do not overlap blocked tokens.
pub(crate) fn free_matches<T>(
    set: &PhraseSet<T>,
    tokens: &[Token],
    blocked: &[bool],
) -> Vec<PhraseMatch> {
    set.find_longest(tokens)
        .into_iter()
        .filter(|m| !overlaps(blocked, m))
        .collect()
}

/// Index of the n-th word token (0-based), or the token count.
fn nth_word(tokens: &[Token], n: usize) -> usize {
    tokens
        .iter()
        .enumerate()
        .filter(|(_, token)| token.kind == TokenKind::Word)
        .nth(n)
        .map_or(tokens.len(), |(index, _)| index)
}

/// How a conceded clause ends.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum ConcessionEnd {
    /// At the first comma outside brackets ("Although X, Y").
    Comma,
    /// At the bracket that closes the one it opened in ("(despite X)").
    Bracket,
    /// At a semicolon or the end of the sentence (", although X").
    End,
}

/// Splits a sentence into clauses and marks the conceded ones.
fn clauses(tokens: &[Token], rules: &StanceRules) -> (Vec<usize>, Vec<bool>) {
    let none = vec![false; tokens.len()];
    let mut contrast_at = vec![false; tokens.len()];
    let mut concession_at = vec![false; tokens.len()];
    let opening_zone = nth_word(tokens, 2);
    let words_after = |index: usize| tokens[index..].iter().any(|t| t.kind == TokenKind::Word);
    let exceptions = rules.contrast_exceptions.find_longest(tokens);
    for m in free_matches(&rules.contrast, tokens, &none) {
        let exception = exceptions
            .iter()
            .any(|e| e.first <= m.first && m.first < e.last);
        if m.first > opening_zone && words_after(m.last) && !exception {
            contrast_at[m.first] = true;
        }
    }
    for m in free_matches(&rules.concession, tokens, &none) {
        concession_at[m.first] = true;
    }
    let mut opener_at = vec![false; tokens.len()];
    for m in free_matches(&rules.clause_openers, tokens, &none) {
        let after_comma = m
            .first
            .checked_sub(1)
            .is_some_and(|p| tokens[p].is_punct(',') || tokens[p].is_punct('–'));
        if after_comma {
            opener_at[m.first] = true;
        }
    }

    let mut clause_of = vec![0; tokens.len()];
    let mut conceded = vec![false];
    let mut current = 0;
    let mut open: Option<(ConcessionEnd, usize)> = None;
    let mut depth = 0usize;
    let start_new = |conceded: &mut Vec<bool>, is_conceded: bool| {
        conceded.push(is_conceded);
        conceded.len() - 1
    };
    for (index, token) in tokens.iter().enumerate() {
        if token.is_punct(';') {
            open = None;
            current = start_new(&mut conceded, false);
        } else if contrast_at[index] {
            open = None;
            conceded.fill(true);
            current = start_new(&mut conceded, false);
        } else if concession_at[index] && open.is_none() {
            let previous = index.checked_sub(1).map(|p| &tokens[p]);
            let end = if index <= opening_zone {
                Some(ConcessionEnd::Comma)
            } else if previous.is_some_and(|t| t.is_punct('(')) {
                Some(ConcessionEnd::Bracket)
            } else if previous.is_some_and(|t| t.is_punct(',') || t.is_punct('–')) {
                Some(ConcessionEnd::End)
            } else {
                None
            };
            if let Some(end) = end {
                open = Some((end, depth));
                current = start_new(&mut conceded, true);
            }
        } else if opener_at[index] && open.is_none() {
            current = start_new(&mut conceded, false);
        }
        clause_of[index] = current;
        if token.is_punct('(') || token.is_punct('[') {
            depth += 1;
        } else if token.is_punct(')') || token.is_punct(']') {
            depth = depth.saturating_sub(1);
            if let Some((ConcessionEnd::Bracket, opened_at)) = open {
                if depth < opened_at {
                    open = None;
                    current = start_new(&mut conceded, false);
                }
            }
        } else if token.is_punct(',') {
            if let Some((ConcessionEnd::Comma, opened_at)) = open {
                if depth == opened_at {
                    open = None;
                    current = start_new(&mut conceded, false);
                }
            }
        }
    }
    // A sentence that is all concession ("Although X.") asserts it after all.
    if conceded.iter().all(|&c| c) {
        conceded.iter_mut().for_each(|c| *c = false);
    }
    (clause_of, conceded)
}

/// Whether the negator match `negator` reaches the cue starting at `cue_first`: in the same
/// clause, fewer than `scope` words after it (a paradigm name or citation, a run of `blocked`
/// tokens, counts as one word: "nothing in the new paradigm ensures"), with no punctuation
/// between. With `scope = None` the reach runs to the end of the clause.
fn reaches(
    tokens: &[Token],
    blocked: &[bool],
    clause_of: &[usize],
    negator: usize,
    cue_first: usize,
    scope: Option<usize>,
) -> bool {
    if negator >= cue_first || clause_of[negator] != clause_of[cue_first] {
        return false;
    }
    let between = negator + 1..cue_first;
    let words = between
        .clone()
        .filter(|&i| tokens[i].kind == TokenKind::Word && (!blocked[i] || !blocked[i - 1]))
        .count();
    let broken = tokens[between]
        .iter()
        .any(|t| matches!(t.kind, TokenKind::Punct(',' | ';' | ':' | '(' | ')' | '–')));
    scope.is_none_or(|scope| words < scope) && !broken
}

/// Reads a sentence's tokens with a cue set (paradigm or work cues). Tokens marked `blocked`
/// (citations, paradigm names) hold no cue.
/// Toward paradigms (`for_paradigms`), "X rather than Y" is a cue too and the cues of a conceded
/// clause count less; toward works, each clause's cues keep their weight, since a conceded
/// clause still says what it says about the work it cites ("agree with A but contradict B").
pub(crate) fn read(
    tokens: &[Token],
    blocked: &[bool],
    cue_set: &PhraseSet<usize>,
    rules: &StanceRules,
    for_paradigms: bool,
) -> SentenceReading {
    let with_preferences = for_paradigms;
    let (clause_of, conceded) = clauses(tokens, rules);
    let mut masked = blocked.to_vec();
    for m in rules.ignore.find_longest(tokens) {
        masked[m.first..m.last].iter_mut().for_each(|b| *b = true);
    }
    let exceptions = rules.negation_exceptions.find_longest(tokens);
    let negators: Vec<usize> = rules
        .negators
        .find_longest(tokens)
        .into_iter()
        .filter(|n| {
            !exceptions
                .iter()
                .any(|e| e.first <= n.first && n.first < e.last)
        })
        .map(|n| n.first)
        .collect();
    let mut hedged = vec![false; conceded.len()];
    for m in rules.hedges.find_longest(tokens) {
        hedged[clause_of[m.first]] = true;
    }
    let pivots: Vec<usize> = rules
        .pivots
        .find_longest(tokens)
        .into_iter()
        .map(|m| m.first)
        .collect();

    let last_of = |set: &PhraseSet<()>| -> Vec<usize> {
        set.find_longest(tokens)
            .into_iter()
            .map(|m| m.last - 1)
            .collect()
    };
    let aims = last_of(&rules.irrealis);
    // "unlikely to …", "whether …", "to examine …": their reach runs to the end of the clause.
    let complements = last_of(&rules.complement_negators);
    let open: Vec<usize> = last_of(&rules.open)
        .into_iter()
        .chain(last_of(&rules.distancing))
        .collect();
    let research = rules.research.find_longest(tokens);
    let gerund_after: Vec<usize> = rules
        .gerund_after
        .find_longest(tokens)
        .into_iter()
        .map(|m| m.last)
        .collect();
    let scope = Some(rules.negation_scope);
    let to_clause_end =
        |from: usize, cue: usize| reaches(tokens, blocked, &clause_of, from, cue, None);
    // Negators that have reached a cue: they reach every later cue of the clause too.
    let mut active: Vec<usize> = Vec::new();
    // First tokens of gerund cues read as goals.
    let mut goals: Vec<usize> = Vec::new();
    let mut cues = Vec::new();
    for m in free_matches(cue_set, tokens, &masked) {
        let group_index = *cue_set.payload(m.phrase);
        let group = &rules.groups[group_index];
        let aimed = aims
            .iter()
            .any(|&aim| reaches(tokens, blocked, &clause_of, aim, m.first, scope));
        let asked = open.iter().any(|&at| to_clause_end(at, m.first))
            || research
                .iter()
                .any(|r| r.first == m.last || to_clause_end(r.last - 1, m.first));
        // "for improving …", "in facilitating or hindering …": a goal or topic.
        let gerund = tokens[m.first].norm.ends_with("ing");
        let coordinated = m.first >= 2
            && goals.contains(&(m.first - 2))
            && matches!(tokens[m.first - 1].norm.as_str(), "or" | "and");
        let goal = gerund && (gerund_after.contains(&m.first) || coordinated);
        if goal {
            goals.push(m.first);
        }
        if aimed || asked || goal {
            continue;
        }
        let negator = negators
            .iter()
            .rev()
            .copied()
            .find(|&n| reaches(tokens, blocked, &clause_of, n, m.first, scope))
            .or_else(|| {
                active
                    .iter()
                    .chain(&complements)
                    .copied()
                    .filter(|&n| to_clause_end(n, m.first))
                    .max()
            });
        if let Some(n) = negator {
            if !active.contains(&n) {
                active.push(n);
            }
        }
        let stance = match (negator, group.negated) {
            (None, _) => group.stance,
            (Some(_), WhenNegated::Flip) => match group.stance {
                Stance::Supports => Stance::Critiques,
                Stance::Critiques => Stance::Supports,
            },
            (Some(_), WhenNegated::Cancel) => continue,
        };
        let clause = clause_of[m.first];
        let concession = if conceded[clause] && for_paradigms {
            rules.concession_weight
        } else {
            1.0
        };
        cues.push(CueHit {
            first: negator.unwrap_or(m.first),
            cue_first: m.first,
            last: m.last,
            group: group_index,
            stance,
            weight: group.weight * concession,
            clause,
            hedged: hedged[clause],
        });
    }
    // "X rather than Y": a preference, itself a cue that reverses what follows it.
    let preferences = if with_preferences {
        free_matches(&rules.preferences, tokens, &masked)
    } else {
        Vec::new()
    };
    for m in preferences {
        let clause = clause_of[m.first];
        let concession = if conceded[clause] {
            rules.concession_weight
        } else {
            1.0
        };
        let group = &rules.groups[rules.preference_group];
        cues.push(CueHit {
            first: m.first,
            cue_first: m.first,
            last: m.last,
            group: rules.preference_group,
            stance: group.stance,
            weight: group.weight * concession,
            clause,
            hedged: hedged[clause],
        });
    }
    cues.sort_by_key(|cue| (cue.first, cue.last));
    SentenceReading {
        clause_of,
        cues,
        pivots,
    }
}

impl SentenceReading {
    /// Word tokens strictly between token indices `a` and `b` (in either order).
    pub fn words_between(tokens: &[Token], a: usize, b: usize) -> usize {
        let (from, to) = if a <= b { (a, b) } else { (b, a) };
        tokens.get(from + 1..to).map_or(0, |slice| {
            slice.iter().filter(|t| t.kind == TokenKind::Word).count()
        })
    }

    /// Whether the cue's stance is reversed for a target at token `target`: the target follows
    /// a pivot that follows the cue ("more effective … than Y"), follows a cue that reverses
    /// what comes after it ("outperforms Y"), or sits between a pivot and the cue ("unlike Y,
    /// X is effective").
    pub fn reversed(&self, rules: &StanceRules, cue: &CueHit, target: usize) -> bool {
        if self.clause_of.get(target) != Some(&cue.clause) {
            return false;
        }
        if target >= cue.last && rules.groups[cue.group].reverse_after {
            return true;
        }
        self.pivots.iter().any(|&pivot| {
            self.clause_of[pivot] == cue.clause
                && pivot < target
                && (cue.last <= pivot || target < cue.first)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::claims::text::tokenize;

    /// (cue words, stance, in a conceded clause)
    fn cues(text: &str) -> Vec<(String, Stance, bool)> {
        let rules = StanceRules::default();
        let tokens = tokenize(text, 0..text.len());
        let blocked = vec![false; tokens.len()];
        let reading = read(&tokens, &blocked, &rules.paradigm_cues, &rules, true);
        reading
            .cues
            .iter()
            .map(|cue| {
                (
                    text[tokens[cue.first].start..tokens[cue.last - 1].end].to_string(),
                    cue.stance,
                    cue.weight < rules.groups[cue.group].weight,
                )
            })
            .collect()
    }

    #[test]
    fn negation_flips_support_and_cancels_critique() {
        assert_eq!(
            cues("It cannot deliver sustained improvements."),
            [(
                "cannot deliver sustained improvements".to_string(),
                Stance::Critiques,
                false
            )]
        );
        assert_eq!(cues("It is not limited to codes."), []);
    }

    #[test]
    fn negation_stops_at_a_comma() {
        assert_eq!(
            cues("Not surprisingly, codes were promising."),
            [("promising".to_string(), Stance::Supports, false)]
        );
        assert_eq!(
            cues("It is not, in the end, promising."),
            [("promising".to_string(), Stance::Supports, false)]
        );
    }

    #[test]
    fn a_concessive_clause_is_conceded() {
        assert_eq!(
            cues("Although Locke found improvements, the model is flawed."),
            [
                ("improvements".to_string(), Stance::Supports, true),
                ("flawed".to_string(), Stance::Critiques, false)
            ]
        );
    }

    #[test]
    fn a_contrast_concedes_what_precedes_it() {
        assert_eq!(
            cues("Many valuable insights have been made, but these have neglected labour."),
            [
                ("valuable".to_string(), Stance::Supports, true),
                ("neglected".to_string(), Stance::Critiques, false)
            ]
        );
        assert_eq!(
            cues("However, it is promising."),
            [("promising".to_string(), Stance::Supports, false)]
        );
        assert_eq!(
            cues("It is not only useful but also promising."),
            [
                ("useful".to_string(), Stance::Supports, false),
                ("promising".to_string(), Stance::Supports, false)
            ]
        );
    }

    #[test]
    fn ignored_phrases_hold_no_cue() {
        assert_eq!(cues("We study the problem of labour standards."), []);
    }
}
