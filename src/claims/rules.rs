//! The stance rules: cue words, negators, hedges and constructions, read from
//! `grammar/stance.toml` (whose comments explain each rule to readers).

use serde::Deserialize;
use toml::Spanned;

use super::error::DataError;
use super::phrase::PhraseSet;

/// The default stance rules, shipped as `grammar/stance.toml`.
pub const DEFAULT_STANCE_RULES: &str = include_str!("../../grammar/stance.toml");

/// Supports or critiques.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, Deserialize,
)]
#[serde(rename_all = "lowercase")]
pub enum Stance {
    /// The sentence says the paradigm or work works, helps, is right or is confirmed.
    Supports,
    /// The sentence says it fails, falls short, is wrong or is contradicted.
    Critiques,
}

impl Stance {
    /// `+1.0` for support, `-1.0` for critique.
    pub(crate) fn sign(self) -> f64 {
        match self {
            Stance::Supports => 1.0,
            Stance::Critiques => -1.0,
        }
    }

    /// The other stance.
    pub(crate) fn opposite(self) -> Stance {
        match self {
            Stance::Supports => Stance::Critiques,
            Stance::Critiques => Stance::Supports,
        }
    }

    /// The stance of a signed score (`None` for zero).
    pub(crate) fn of(score: f64) -> Option<Stance> {
        if score > 0.0 {
            Some(Stance::Supports)
        } else if score < 0.0 {
            Some(Stance::Critiques)
        } else {
            None
        }
    }
}

/// What a negator does to a cue of a group.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub(crate) enum WhenNegated {
    /// The cue counts for the opposite stance.
    Flip,
    /// The cue counts for nothing.
    Cancel,
}

/// What a cue group applies to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
enum Target {
    Paradigm,
    Work,
}

/// A named group of cue phrases with one stance and weight.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct CueGroup {
    /// Group name, for explanations.
    pub name: String,
    /// The stance its phrases express.
    pub stance: Stance,
    /// Strength in 0..=1.
    pub weight: f64,
    /// What negation does to it.
    pub negated: WhenNegated,
    /// What follows the cue gets the opposite stance ("outperforms").
    pub reverse_after: bool,
    /// Toward paradigms, the cue reaches only what follows it ("neglected in cluster research").
    pub paradigm_after_only: bool,
    /// Toward paradigms, the cue reaches only mentions within this many words of it.
    pub paradigm_reach: Option<usize>,
    /// Toward works, the cue counts only in a clause naming the citing study's own results.
    pub work_requires_own: bool,
    /// Toward works, the cue counts only near a word naming a study or method.
    pub work_requires_anchor: bool,
    /// Toward works, the cue reaches only citations within this many words after it
    /// ("unlike [12]", "contrary to previous reports [5]").
    pub work_reach: Option<usize>,
    /// Toward works, the cue counts only for citations no other cue reached.
    pub work_fallback: bool,
    /// Toward works, a paradigm named as the cue's subject takes the cue instead.
    pub work_yields_to_paradigm: bool,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCueGroup {
    name: String,
    stance: Stance,
    weight: Spanned<f64>,
    negated: WhenNegated,
    applies_to: Spanned<Vec<Target>>,
    #[serde(default)]
    reverse_after: bool,
    #[serde(default)]
    paradigm_after_only: bool,
    #[serde(default)]
    paradigm_reach: Option<usize>,
    #[serde(default)]
    work_requires_own: bool,
    #[serde(default)]
    work_requires_anchor: bool,
    #[serde(default)]
    work_reach: Option<usize>,
    #[serde(default)]
    work_fallback: bool,
    #[serde(default)]
    work_yields_to_paradigm: bool,
    phrases: Vec<Spanned<String>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPhrases {
    phrases: Vec<Spanned<String>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawNegation {
    scope: usize,
    phrases: Vec<Spanned<String>>,
    exceptions: Vec<Spanned<String>>,
    irrealis: Vec<Spanned<String>>,
    complement: Vec<Spanned<String>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFactorPhrases {
    factor: Spanned<f64>,
    phrases: Vec<Spanned<String>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawConcession {
    weight: Spanned<f64>,
    phrases: Vec<Spanned<String>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawContrast {
    phrases: Vec<Spanned<String>>,
    exceptions: Vec<Spanned<String>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawComparison {
    preference: Vec<Spanned<String>>,
    preference_weight: Spanned<f64>,
    preference_reach: usize,
    pivots: Vec<Spanned<String>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawOpen {
    phrases: Vec<Spanned<String>>,
    distancing: Vec<Spanned<String>>,
    research: Vec<Spanned<String>>,
    question_marks: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawTopic {
    gerund_after: Vec<Spanned<String>>,
    anaphoric: Vec<Spanned<String>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawEndorsement {
    agree: Vec<Spanned<String>>,
    disagree: Vec<Spanned<String>>,
    objects: Vec<Spanned<String>>,
    reach: usize,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawBinding {
    links: Vec<Spanned<String>>,
    reach: usize,
    evaluative_nouns: Vec<Spanned<String>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawDescription {
    relatives: Vec<Spanned<String>>,
    verbs: Vec<Spanned<String>>,
    determiners: Vec<Spanned<String>>,
    not_after: Vec<Spanned<String>>,
    pronouns: Vec<Spanned<String>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSetting {
    prepositions: Vec<Spanned<String>>,
    approach_nouns: Vec<Spanned<String>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawClause {
    openers: Vec<Spanned<String>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawReference {
    phrases: Vec<Spanned<String>>,
    factor: Spanned<f64>,
    pronouns: Vec<Spanned<String>>,
    pronoun_window: usize,
    continuations: Vec<Spanned<String>>,
    demonstratives: Vec<Spanned<String>>,
    demonstrative_followers: Vec<Spanned<String>>,
    pronoun_factor: Spanned<f64>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawHolder {
    #[serde(rename = "self")]
    self_voice: Vec<Spanned<String>>,
    self_exceptions: Vec<Spanned<String>>,
    leads: Vec<Spanned<String>>,
    others: Vec<Spanned<String>>,
    back_references: Vec<Spanned<String>>,
    narrative: Spanned<f64>,
    self_marked: Spanned<f64>,
    parenthetical: Spanned<f64>,
    unattributed: Spanned<f64>,
    others_next_citation: Spanned<f64>,
    others_unresolved: Spanned<f64>,
    back_reference: Spanned<f64>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawClaims {
    min_confidence: Spanned<f64>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawWork {
    support_threshold: Spanned<f64>,
    critique_threshold: Spanned<f64>,
    group_joiners: Vec<Spanned<String>>,
    own: Vec<Spanned<String>>,
    anchors: Vec<Spanned<String>>,
    anchor_reach: usize,
    pivot_reach: usize,
    pronouns: Vec<Spanned<String>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRules {
    version: Spanned<u32>,
    cue: Vec<RawCueGroup>,
    ignore: RawPhrases,
    negation: RawNegation,
    hedge: RawFactorPhrases,
    concession: RawConcession,
    contrast: RawContrast,
    clause: RawClause,
    comparison: RawComparison,
    open: RawOpen,
    topic: RawTopic,
    endorsement: RawEndorsement,
    binding: RawBinding,
    description: RawDescription,
    setting: RawSetting,
    privative: RawPhrases,
    reference: RawReference,
    holder: RawHolder,
    claims: RawClaims,
    work: RawWork,
}

/// Confidence factors for the ways a holder is found.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct HolderFactors {
    pub narrative: f64,
    pub self_marked: f64,
    pub parenthetical: f64,
    pub unattributed: f64,
    pub others_next_citation: f64,
    pub others_unresolved: f64,
    pub back_reference: f64,
}

/// The compiled stance rules.
#[derive(Debug, Clone)]
pub struct StanceRules {
    pub(crate) groups: Vec<CueGroup>,
    /// Cues about paradigms; payload = group index.
    pub(crate) paradigm_cues: PhraseSet<usize>,
    /// Cues about cited works; payload = group index.
    pub(crate) work_cues: PhraseSet<usize>,
    pub(crate) ignore: PhraseSet<()>,
    pub(crate) negators: PhraseSet<()>,
    pub(crate) negation_exceptions: PhraseSet<()>,
    pub(crate) negation_scope: usize,
    pub(crate) irrealis: PhraseSet<()>,
    /// Negators whose scope runs to the end of their clause ("unlikely to …").
    pub(crate) complement_negators: PhraseSet<()>,
    /// Words after which, to the end of the clause, what is said is asked ("whether").
    pub(crate) open: PhraseSet<()>,
    /// Words after which, to the end of the clause, others' view is reported ("touted as").
    pub(crate) distancing: PhraseSet<()>,
    /// Research verbs ("to examine"): what follows is a topic of research, and a cue right
    /// before them ("necessary to examine") is about the research.
    pub(crate) research: PhraseSet<()>,
    /// A sentence ending with one of these is a question.
    pub(crate) question_marks: Vec<char>,
    pub(crate) hedges: PhraseSet<()>,
    pub(crate) hedge_factor: f64,
    pub(crate) concession: PhraseSet<()>,
    pub(crate) concession_weight: f64,
    pub(crate) contrast: PhraseSet<()>,
    pub(crate) contrast_exceptions: PhraseSet<()>,
    pub(crate) clause_openers: PhraseSet<()>,
    pub(crate) pivots: PhraseSet<()>,
    pub(crate) preferences: PhraseSet<()>,
    /// Index in `groups` of the synthetic group of preference cues ("rather than").
    pub(crate) preference_group: usize,
    pub(crate) privatives: PhraseSet<()>,
    pub(crate) setting: PhraseSet<()>,
    /// Prepositions after which a gerund cue names a goal or topic ("for improving").
    pub(crate) gerund_after: PhraseSet<()>,
    /// Determiners that make a cue point back ("this benefit"), unless it is tied to a paradigm.
    pub(crate) anaphoric: PhraseSet<()>,
    /// Verbs of agreement with what the sentence before says ("underscore").
    pub(crate) endorsement_agree: PhraseSet<()>,
    /// Verbs of disagreement with it ("challenge").
    pub(crate) endorsement_disagree: PhraseSet<()>,
    /// Phrases pointing back to the sentence before ("the above point").
    pub(crate) endorsement_objects: PhraseSet<()>,
    /// How many words may stand between the verb and the phrase.
    pub(crate) endorsement_reach: usize,
    /// "of", "with": a cue followed by one and a paradigm is about that paradigm only.
    pub(crate) binding_links: PhraseSet<()>,
    /// How many words may stand between the link and the paradigm's name.
    pub(crate) binding_reach: usize,
    /// Cues that evaluate what follows their "of" ("the failure of …").
    pub(crate) binding_evaluative_nouns: PhraseSet<()>,
    /// "in which", "whereby": right after a paradigm's name, they open its description.
    pub(crate) description_relatives: PhraseSet<()>,
    /// "predicts", "emphasizes": with a paradigm as subject, what follows is its content.
    pub(crate) description_verbs: PhraseSet<()>,
    /// Words that may stand before a paradigm's name in subject position ("the", "this").
    pub(crate) description_determiners: PhraseSet<()>,
    /// Prepositions before a paradigm's name that make it no subject ("studies of codes").
    pub(crate) description_not_after: PhraseSet<()>,
    /// Opening pronouns that stand for the paradigms of the sentence before as subject.
    pub(crate) description_pronouns: PhraseSet<()>,
    /// Head nouns of a paradigm named as a school of thought: after "in" it is not a setting.
    pub(crate) approach_nouns: PhraseSet<()>,
    pub(crate) references: PhraseSet<()>,
    pub(crate) reference_factor: f64,
    pub(crate) pronouns: PhraseSet<()>,
    pub(crate) pronoun_window: usize,
    pub(crate) continuations: PhraseSet<()>,
    pub(crate) demonstratives: PhraseSet<()>,
    pub(crate) demonstrative_followers: PhraseSet<()>,
    pub(crate) pronoun_factor: f64,
    pub(crate) self_voice: PhraseSet<()>,
    pub(crate) self_exceptions: PhraseSet<()>,
    pub(crate) leads: PhraseSet<()>,
    pub(crate) others: PhraseSet<()>,
    /// Opening phrases standing for the works cited in the sentence before ("their research").
    pub(crate) holder_back_references: PhraseSet<()>,
    pub(crate) holder_factors: HolderFactors,
    pub(crate) min_confidence: f64,
    pub(crate) support_threshold: f64,
    pub(crate) critique_threshold: f64,
    pub(crate) group_joiners: PhraseSet<()>,
    pub(crate) own: PhraseSet<()>,
    pub(crate) anchors: PhraseSet<()>,
    pub(crate) anchor_reach: usize,
    pub(crate) pivot_reach: usize,
    pub(crate) work_pronouns: PhraseSet<()>,
}

impl Default for StanceRules {
    /// The rules of `grammar/stance.toml`, embedded in the binary.
    fn default() -> Self {
        StanceRules::from_toml(DEFAULT_STANCE_RULES)
            .expect("the embedded grammar/stance.toml is valid (a unit test parses it)")
    }
}

/// Compiles a plain phrase list.
fn phrase_set(source: &str, phrases: &[Spanned<String>]) -> Result<PhraseSet<()>, DataError> {
    let mut set = PhraseSet::default();
    for phrase in phrases {
        set.insert(phrase.get_ref(), ())
            .map_err(|message| DataError::spanned(source, Some(phrase.span()), message))?;
    }
    Ok(set)
}

/// A number that must lie in 0..=1.
fn unit(source: &str, value: &Spanned<f64>, what: &str) -> Result<f64, DataError> {
    let number = *value.get_ref();
    if (0.0..=1.0).contains(&number) {
        Ok(number)
    } else {
        Err(DataError::spanned(
            source,
            Some(value.span()),
            format!("{what} must be between 0 and 1, found {number}"),
        ))
    }
}

impl StanceRules {
    /// Parses rules in the format of `grammar/stance.toml`.
    ///
    /// # Errors
    /// TOML syntax errors, unknown or missing fields, weights or factors outside 0..=1, a cue
    /// group without targets and phrases without words, each located by line and column.
    pub fn from_toml(source: &str) -> Result<Self, DataError> {
        let raw: RawRules =
            toml::from_str(source).map_err(|error| DataError::from_toml(source, &error))?;
        if *raw.version.get_ref() != 1 {
            return Err(DataError::spanned(
                source,
                Some(raw.version.span()),
                format!("unsupported version {}, expected 1", raw.version.get_ref()),
            ));
        }
        let mut groups = Vec::new();
        let mut paradigm_cues = PhraseSet::default();
        let mut work_cues = PhraseSet::default();
        for (index, group) in raw.cue.iter().enumerate() {
            let weight = unit(source, &group.weight, "a cue weight")?;
            if group.applies_to.get_ref().is_empty() {
                return Err(DataError::spanned(
                    source,
                    Some(group.applies_to.span()),
                    format!("cue group {:?} applies to nothing", group.name),
                ));
            }
            for phrase in &group.phrases {
                let locate = |message| DataError::spanned(source, Some(phrase.span()), message);
                for target in group.applies_to.get_ref() {
                    match target {
                        Target::Paradigm => paradigm_cues.insert(phrase.get_ref(), index),
                        Target::Work => work_cues.insert(phrase.get_ref(), index),
                    }
                    .map_err(locate)?;
                }
            }
            groups.push(CueGroup {
                name: group.name.clone(),
                stance: group.stance,
                weight,
                negated: group.negated,
                reverse_after: group.reverse_after,
                paradigm_after_only: group.paradigm_after_only,
                paradigm_reach: group.paradigm_reach,
                work_requires_own: group.work_requires_own,
                work_requires_anchor: group.work_requires_anchor,
                work_reach: group.work_reach,
                work_fallback: group.work_fallback,
                work_yields_to_paradigm: group.work_yields_to_paradigm,
            });
        }
        let preference_group = groups.len();
        groups.push(CueGroup {
            name: "preference".to_string(),
            stance: Stance::Supports,
            weight: unit(
                source,
                &raw.comparison.preference_weight,
                "the preference weight",
            )?,
            negated: WhenNegated::Cancel,
            reverse_after: true,
            paradigm_after_only: false,
            paradigm_reach: Some(raw.comparison.preference_reach),
            work_requires_own: false,
            work_requires_anchor: false,
            work_reach: None,
            work_fallback: false,
            work_yields_to_paradigm: false,
        });
        let holder = &raw.holder;
        Ok(StanceRules {
            groups,
            paradigm_cues,
            work_cues,
            ignore: phrase_set(source, &raw.ignore.phrases)?,
            negators: phrase_set(source, &raw.negation.phrases)?,
            negation_exceptions: phrase_set(source, &raw.negation.exceptions)?,
            negation_scope: raw.negation.scope,
            irrealis: phrase_set(source, &raw.negation.irrealis)?,
            complement_negators: phrase_set(source, &raw.negation.complement)?,
            open: phrase_set(source, &raw.open.phrases)?,
            distancing: phrase_set(source, &raw.open.distancing)?,
            research: phrase_set(source, &raw.open.research)?,
            question_marks: raw
                .open
                .question_marks
                .iter()
                .flat_map(|mark| mark.chars())
                .collect(),
            hedges: phrase_set(source, &raw.hedge.phrases)?,
            hedge_factor: unit(source, &raw.hedge.factor, "the hedge factor")?,
            concession: phrase_set(source, &raw.concession.phrases)?,
            concession_weight: unit(source, &raw.concession.weight, "the concession weight")?,
            contrast: phrase_set(source, &raw.contrast.phrases)?,
            contrast_exceptions: phrase_set(source, &raw.contrast.exceptions)?,
            clause_openers: phrase_set(source, &raw.clause.openers)?,
            pivots: phrase_set(source, &raw.comparison.pivots)?,
            preferences: phrase_set(source, &raw.comparison.preference)?,
            preference_group,
            privatives: phrase_set(source, &raw.privative.phrases)?,
            setting: phrase_set(source, &raw.setting.prepositions)?,
            approach_nouns: phrase_set(source, &raw.setting.approach_nouns)?,
            gerund_after: phrase_set(source, &raw.topic.gerund_after)?,
            anaphoric: phrase_set(source, &raw.topic.anaphoric)?,
            endorsement_agree: phrase_set(source, &raw.endorsement.agree)?,
            endorsement_disagree: phrase_set(source, &raw.endorsement.disagree)?,
            endorsement_objects: phrase_set(source, &raw.endorsement.objects)?,
            endorsement_reach: raw.endorsement.reach,
            binding_links: phrase_set(source, &raw.binding.links)?,
            binding_reach: raw.binding.reach,
            binding_evaluative_nouns: phrase_set(source, &raw.binding.evaluative_nouns)?,
            description_relatives: phrase_set(source, &raw.description.relatives)?,
            description_verbs: phrase_set(source, &raw.description.verbs)?,
            description_determiners: phrase_set(source, &raw.description.determiners)?,
            description_not_after: phrase_set(source, &raw.description.not_after)?,
            description_pronouns: phrase_set(source, &raw.description.pronouns)?,
            references: phrase_set(source, &raw.reference.phrases)?,
            reference_factor: unit(source, &raw.reference.factor, "the reference factor")?,
            pronouns: phrase_set(source, &raw.reference.pronouns)?,
            pronoun_window: raw.reference.pronoun_window,
            continuations: phrase_set(source, &raw.reference.continuations)?,
            demonstratives: phrase_set(source, &raw.reference.demonstratives)?,
            demonstrative_followers: phrase_set(source, &raw.reference.demonstrative_followers)?,
            pronoun_factor: unit(source, &raw.reference.pronoun_factor, "the pronoun factor")?,
            self_voice: phrase_set(source, &holder.self_voice)?,
            self_exceptions: phrase_set(source, &holder.self_exceptions)?,
            leads: phrase_set(source, &holder.leads)?,
            others: phrase_set(source, &holder.others)?,
            holder_back_references: phrase_set(source, &holder.back_references)?,
            holder_factors: HolderFactors {
                narrative: unit(source, &holder.narrative, "a holder factor")?,
                self_marked: unit(source, &holder.self_marked, "a holder factor")?,
                parenthetical: unit(source, &holder.parenthetical, "a holder factor")?,
                unattributed: unit(source, &holder.unattributed, "a holder factor")?,
                others_next_citation: unit(
                    source,
                    &holder.others_next_citation,
                    "a holder factor",
                )?,
                others_unresolved: unit(source, &holder.others_unresolved, "a holder factor")?,
                back_reference: unit(source, &holder.back_reference, "a holder factor")?,
            },
            min_confidence: unit(source, &raw.claims.min_confidence, "min_confidence")?,
            support_threshold: *raw.work.support_threshold.get_ref(),
            critique_threshold: *raw.work.critique_threshold.get_ref(),
            group_joiners: phrase_set(source, &raw.work.group_joiners)?,
            own: phrase_set(source, &raw.work.own)?,
            anchors: phrase_set(source, &raw.work.anchors)?,
            anchor_reach: raw.work.anchor_reach,
            pivot_reach: raw.work.pivot_reach,
            work_pronouns: phrase_set(source, &raw.work.pronouns)?,
        })
    }

    /// The lowest confidence of a reported claim.
    #[must_use]
    pub fn min_confidence(&self) -> f64 {
        self.min_confidence
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_embedded_rules_parse() {
        let rules = StanceRules::from_toml(DEFAULT_STANCE_RULES).unwrap();
        assert!(rules.groups.iter().any(|g| g.stance == Stance::Supports));
        assert!(rules.groups.iter().any(|g| g.stance == Stance::Critiques));
    }

    #[test]
    fn a_weight_out_of_range_is_located() {
        let source = DEFAULT_STANCE_RULES.replacen("weight = 1.0", "weight = 7.0", 1);
        let error = StanceRules::from_toml(&source).unwrap_err();
        let expected_line = source
            .lines()
            .position(|line| line.starts_with("weight = 7.0"))
            .unwrap()
            + 1;
        assert_eq!((error.line, error.column), (expected_line, 10));
        assert!(error.message.contains("between 0 and 1"), "{error}");
    }

    #[test]
    fn an_unknown_stance_is_an_error() {
        let source =
            DEFAULT_STANCE_RULES.replacen("stance = \"supports\"", "stance = \"likes\"", 1);
        let error = StanceRules::from_toml(&source).unwrap_err();
        assert!(error.message.contains("unknown variant"), "{error}");
    }
}
