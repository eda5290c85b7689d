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
use super::structure::{bindings, description_spans, Binding, Mention};
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
/// `cue`, `confidence` (0..1, two decimals), then `rule` (the cue group of
/// `grammar/stance.toml` that decided), `mention`, `mention_kind` (`"named"` |
/// `"back_reference"` | `"pronoun"`), `start`, `end`, `cue_start`, `cue_end` (byte offsets
/// into the analysed text).
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
    /// The name of the cue group that decided ("failure", "preference").
    pub rule: String,
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
    let mut out: Vec<Claim> = Vec::new();
    let mut paragraph = usize::MAX;
    // The paradigms named so far in the paragraph, and the targets of the sentence before.
    let mut history: Vec<Named> = Vec::new();
    let mut previous_targets: Vec<usize> = Vec::new();
    // Where the claims of the sentence before start in `out`.
    let mut previous_from = 0;
    // Endorsements of the sentence before by the last sentence read, added once its own
    // claims are known, for the paradigms it took no stance on itself.
    let mut pending: Vec<Claim> = Vec::new();
    for (index, context) in input.contexts.iter().enumerate() {
        if context.sentence.kind != SentenceKind::Body {
            continue;
        }
        flush(&mut out, previous_from, &mut pending, input.lexicon);
        if context.sentence.paragraph != paragraph {
            paragraph = context.sentence.paragraph;
            history.clear();
            previous_targets.clear();
            previous_from = out.len();
        }
        let previous_claims: Vec<(String, Stance)> = out[previous_from..]
            .iter()
            .map(|claim| (claim.paradigm.clone(), claim.stance))
            .collect();
        previous_from = out.len();
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
                || lower_cased_name(input.text, tokens, first, last, mention.lower)
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
        let pivots: Vec<usize> = rules
            .pivots
            .find_longest(tokens)
            .into_iter()
            .chain(rules.preferences.find_longest(tokens))
            .map(|m| m.first)
            .collect();
        let named_here: Vec<(usize, Named)> = targets
            .iter()
            .map(|t| {
                (
                    t.last,
                    Named {
                        paradigm: t.paradigm,
                        head: head_noun(&tokens[t.first..t.last]),
                        foil: pivots.iter().any(|&p| p < t.first),
                    },
                )
            })
            .collect();
        for m in free_matches(&rules.references, tokens, &blocked) {
            let earlier: Vec<&Named> = history
                .iter()
                .chain(
                    named_here
                        .iter()
                        .filter(|(last, _)| *last <= m.first)
                        .map(|(_, named)| named),
                )
                .collect();
            if let Some(paradigm) = resolve(&earlier, &head_noun(&tokens[m.first..m.last])) {
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
        history.extend(named_here.into_iter().map(|(_, named)| named));
        let after_paradigms = !previous_targets.is_empty();
        let mut deduped = own_targets.clone();
        deduped.dedup();
        previous_targets = deduped;
        let next = input
            .contexts
            .get(index + 1)
            .filter(|next| next.sentence.paragraph == paragraph);
        let previous = index
            .checked_sub(1)
            .and_then(|before| input.contexts.get(before))
            .filter(|before| {
                before.sentence.paragraph == paragraph && before.sentence.kind == SentenceKind::Body
            });
        if !previous_claims.is_empty() {
            if let Some((first, last, agrees)) = endorsement(tokens, &citation_mask, rules) {
                let holder = holder(
                    context,
                    (previous, next),
                    input.citations,
                    input.document_key,
                    rules,
                );
                let confidence = round2(rules.reference_factor * holder.factor);
                let mut seen: Vec<&str> = Vec::new();
                for (paradigm, stance) in &previous_claims {
                    if seen.contains(&paradigm.as_str()) || confidence < input.min_confidence {
                        continue;
                    }
                    seen.push(paradigm);
                    let sentence = &context.sentence;
                    let cue_start = tokens[first].start;
                    let cue_end = tokens[last - 1].end;
                    let object = free_matches(&rules.endorsement_objects, tokens, &citation_mask)
                        .into_iter()
                        .find(|m| m.first >= first && m.last <= last)
                        .map_or(cue_start..cue_end, |m| {
                            tokens[m.first].start..tokens[m.last - 1].end
                        });
                    pending.push(Claim {
                        doc: input.doc.to_string(),
                        line: line_index.line(sentence.start),
                        sentence: folded_span(input.text, sentence.start..sentence.end),
                        paradigm: paradigm.clone(),
                        stance: if agrees { *stance } else { stance.opposite() },
                        holder_kind: holder.kind,
                        holder: holder.key.clone(),
                        cue: folded_span(input.text, cue_start..cue_end),
                        confidence,
                        rule: "endorsement".to_string(),
                        mention: folded_span(input.text, object),
                        mention_kind: MentionKind::BackReference,
                        start: sentence.start,
                        end: sentence.end,
                        cue_start,
                        cue_end,
                    });
                }
            }
        }
        if targets.is_empty() || is_question(input.text, &context.sentence, rules) {
            continue;
        }

        let full_reading = read(tokens, &blocked, &rules.paradigm_cues, rules, true);
        // Cues in a description of what a paradigm holds evaluate nothing; a cue tied to one
        // paradigm ("shortcomings of X") is about that paradigm only.
        let as_mention = |t: &Target| Mention {
            paradigm: t.paradigm,
            first: t.first,
            last: t.last,
            place: false,
        };
        let setting_ends: Vec<usize> = rules
            .setting
            .find_longest(tokens)
            .into_iter()
            .map(|m| m.last)
            .collect();
        let all_mentions: Vec<Mention> = targets
            .iter()
            .map(|t| Mention {
                place: after_setting(tokens, &setting_ends, t.first),
                ..as_mention(t)
            })
            .collect();
        let spans = description_spans(
            tokens,
            &full_reading.clause_of,
            &all_mentions,
            after_paradigms,
            rules,
        );
        let reading = SentenceReading {
            clause_of: full_reading.clause_of.clone(),
            cues: full_reading
                .cues
                .iter()
                .filter(|cue| !spans.iter().any(|span| span.contains(&cue.cue_first)))
                .cloned()
                .collect(),
            pivots: full_reading.pivots.clone(),
        };
        if reading.cues.is_empty() {
            continue;
        }
        let named: Vec<Mention> = targets
            .iter()
            .filter(|t| t.kind != MentionKind::Pronoun)
            .map(as_mention)
            .collect();
        let mut bound = bindings(input.text, tokens, &reading.cues, &named, rules);
        // "chosen for this benefit": a cue pointing back evaluates nothing new, unless it is
        // tied to a paradigm ("these limitations of the compliance paradigm").
        let anaphoric: Vec<usize> = rules
            .anaphoric
            .find_longest(tokens)
            .into_iter()
            .map(|m| m.last)
            .collect();
        let pointing_back: Vec<bool> = reading
            .cues
            .iter()
            .zip(&bound)
            .map(|(cue, to)| *to == Binding::Free && anaphoric.contains(&cue.cue_first))
            .collect();
        let reading = SentenceReading {
            cues: reading
                .cues
                .into_iter()
                .zip(&pointing_back)
                .filter(|(_, &back)| !back)
                .map(|(cue, _)| cue)
                .collect(),
            ..reading
        };
        bound = bound
            .into_iter()
            .zip(&pointing_back)
            .filter(|(_, &back)| !back)
            .map(|(to, _)| to)
            .collect();
        if reading.cues.is_empty() {
            continue;
        }
        let holder = holder(
            context,
            (previous, next),
            input.citations,
            input.document_key,
            rules,
        );
        // A privative inside a longer cue ("little evidence") is the cue's, not a privative.
        let privative_ends: Vec<usize> = rules
            .privatives
            .find_longest(tokens)
            .into_iter()
            .filter(|m| {
                !full_reading.cues.iter().any(|cue| {
                    cue.cue_first <= m.first
                        && m.last <= cue.last
                        && cue.last - cue.cue_first > m.last - m.first
                })
            })
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
            // "CSR in global value chains": the setting of a claim about another paradigm.
            let in_setting = |t: &Target| {
                t.kind == MentionKind::Named
                    && after_setting(tokens, &setting_ends, t.first)
                    && !rules
                        .approach_nouns
                        .find_longest(&tokens[t.last - 1..t.last])
                        .iter()
                        .any(|m| m.first == 0)
            };
            let other_object = targets
                .iter()
                .any(|t| t.paradigm != *paradigm && !in_setting(t));
            if other_object && mentions.iter().all(in_setting) {
                continue;
            }
            let Some((score, decisive)) = score(
                tokens,
                &reading,
                &bound,
                *paradigm,
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
                rule: rules.groups[decisive.group].name.clone(),
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
    flush(&mut out, previous_from, &mut pending, input.lexicon);
    out
}

/// Adds the pending endorsements to `out` for the paradigms the sentence whose claims start at
/// `from` took no stance on itself, keeping its claims in paradigm order.
fn flush(out: &mut Vec<Claim>, from: usize, pending: &mut Vec<Claim>, lexicon: &Lexicon) {
    if pending.is_empty() {
        return;
    }
    for claim in pending.drain(..) {
        if !out[from..].iter().any(|own| own.paradigm == claim.paradigm) {
            out.push(claim);
        }
    }
    let order = |claim: &Claim| {
        lexicon
            .paradigms()
            .iter()
            .position(|p| p.id == claim.paradigm)
            .unwrap_or(usize::MAX)
    };
    out[from..].sort_by_key(order);
}

/// "Posthuma and Bignami (2014) underscore the above point": a verb of agreement (or of
/// disagreement) followed within `endorsement.reach` words by a phrase pointing back to the
/// sentence before. Its token span and whether it agrees.
fn endorsement(
    tokens: &[super::text::Token],
    blocked: &[bool],
    rules: &StanceRules,
) -> Option<(usize, usize, bool)> {
    let objects = free_matches(&rules.endorsement_objects, tokens, blocked);
    let verbs = free_matches(&rules.endorsement_agree, tokens, blocked)
        .into_iter()
        .map(|m| (m, true))
        .chain(
            free_matches(&rules.endorsement_disagree, tokens, blocked)
                .into_iter()
                .map(|m| (m, false)),
        );
    for (verb, agrees) in verbs {
        let object = objects.iter().find(|o| {
            o.first >= verb.last
                && word_count(tokens, verb.last, o.first) <= rules.endorsement_reach
                && tokens[verb.last..o.first].iter().all(|t| t.is_word())
        });
        if let Some(object) = object {
            return Some((verb.first, object.last, agrees));
        }
    }
    None
}

/// Whether the sentence ends with a question mark (before any closing quotes, brackets or
/// footnote marks): a question asks and claims nothing.
fn is_question(text: &str, sentence: &super::segment::Sentence, rules: &StanceRules) -> bool {
    text.get(sentence.start..sentence.end)
        .and_then(|span| {
            span.trim_end_matches(|c: char| {
                c.is_whitespace()
                    || c.is_ascii_digit()
                    || super::text::is_superscript(c)
                    || matches!(c, '"' | '\'' | '’' | '”' | ')' | ']')
            })
            .chars()
            .next_back()
        })
        .is_some_and(|last| rules.question_marks.contains(&last))
}

/// A paradigm named earlier in the paragraph.
#[derive(Debug, Clone)]
struct Named {
    paradigm: usize,
    /// The last word of the mention ("paradigm", "model", "chains").
    head: String,
    /// Named after a comparison pivot: the foil ("… than private codes").
    foil: bool,
}

/// The last word of a span, plural "s" dropped ("paradigms" → "paradigm").
fn head_noun(tokens: &[super::text::Token]) -> String {
    let word = tokens
        .iter()
        .rev()
        .find(|t| t.is_word())
        .map_or("", |t| t.norm.as_str());
    word.strip_suffix('s')
        .filter(|stem| stem.len() > 2)
        .unwrap_or(word)
        .to_string()
}

/// The paradigm a back-reference stands for: the latest one named with the same head noun
/// ("this paradigm" → "the cooperation paradigm"), else the latest that is not the foil of a
/// comparison, else the latest.
fn resolve(earlier: &[&Named], head: &str) -> Option<usize> {
    earlier
        .iter()
        .rev()
        .find(|named| named.head == head)
        .or_else(|| earlier.iter().rev().find(|named| !named.foil))
        .or_else(|| earlier.last())
        .map(|named| named.paradigm)
}

/// Whether the mention at token `first` follows a setting preposition, directly or through one
/// determiner ("in global value chains", "within the cluster").
fn after_setting(tokens: &[super::text::Token], setting_ends: &[usize], first: usize) -> bool {
    let determiner = |index: usize| {
        tokens.get(index).is_some_and(|t| {
            matches!(
                t.norm.as_str(),
                "the" | "a" | "an" | "their" | "its" | "these" | "this"
            )
        })
    };
    if setting_ends.contains(&first)
        || (first > 0 && determiner(first - 1) && setting_ends.contains(&(first - 1)))
    {
        return true;
    }
    // "in particular industries and clusters", "in developing country industrial clusters":
    // up to three words of the same noun phrase between.
    setting_ends.iter().any(|&end| {
        end < first
            && first - end <= 3
            && tokens[end..first].iter().all(|t| {
                t.is_word()
                    && !matches!(
                        t.norm.as_str(),
                        "which"
                            | "whom"
                            | "whose"
                            | "that"
                            | "turn"
                            | "order"
                            | "fact"
                            | "short"
                            | "sum"
                            | "general"
                            | "contrast"
                            | "addition"
                    )
            })
    })
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

/// Whether a lexicon phrase written with capitals (a name: "Better Work", "ILO") appears all
/// in lower case ("better work conditions"): the common words, not the name.
fn lower_cased_name(
    text: &str,
    tokens: &[super::text::Token],
    first: usize,
    last: usize,
    phrase_is_lower: bool,
) -> bool {
    !phrase_is_lower
        && !tokens[first..last]
            .iter()
            .filter(|t| t.is_word())
            .any(|t| text[t.start..t.end].chars().any(char::is_uppercase))
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
#[allow(clippy::too_many_arguments)]
fn score<'r>(
    tokens: &[super::text::Token],
    reading: &'r SentenceReading,
    bound: &[Binding],
    paradigm: usize,
    rules: &StanceRules,
    mentions: &[Target],
    target_clauses: &[usize],
    one_context: bool,
) -> Option<(f64, &'r CueHit)> {
    let own_clauses: Vec<usize> = mentions
        .iter()
        .map(|m| reading.clause_of[m.first])
        .collect();
    // A cue bound to another paradigm ("the shortcomings of X") is not about this one.
    let free = |cue: &&CueHit| {
        let index = reading
            .cues
            .iter()
            .position(|c| std::ptr::eq(c, *cue))
            .unwrap_or(usize::MAX);
        bound
            .get(index)
            .is_none_or(|binding| binding.reaches(paradigm))
    };
    let relevant: Vec<&CueHit> = if one_context {
        reading.cues.iter().filter(free).collect()
    } else {
        let own: Vec<&CueHit> = reading
            .cues
            .iter()
            .filter(free)
            .filter(|cue| own_clauses.contains(&cue.clause))
            .collect();
        if own.is_empty() {
            reading
                .cues
                .iter()
                .filter(free)
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
