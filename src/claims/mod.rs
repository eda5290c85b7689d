//! Claims and stance: which documents and cited works support or critique which paradigm,
//! with the evidence sentence on every edge.
//!
//! Pure functions, no I/O. The pipeline for one document:
//! 1. [`segment`] splits the text into sentences (byte ranges), never inside a citation;
//! 2. the [`Lexicon`] finds the paradigms each sentence names, and back-references ("this
//!    paradigm") and opening pronouns tie more sentences to them;
//! 3. the [`StanceRules`] read each sentence's cues, negation, hedges, concession and
//!    comparison ([`Claim`] per sentence and paradigm, with its holder);
//! 4. the same rules, tied to each citation, give the stance toward each cited work
//!    ([`CitationStance`]).
//!
//! The rules are data: `data/paradigms.toml` (the lexicon), `grammar/stance.toml` (cues and
//! constructions, explained for readers in its comments) and `grammar/segmentation.toml`
//! (abbreviations), all embedded in the binary and replaceable.

mod analysis;
mod cited;
mod claim;
mod context;
mod error;
mod holder;
pub mod lexicon;
mod phrase;
pub mod rules;
pub mod segment;
mod structure;
mod text;

use crate::citation::Citation;

pub use cited::{CitationStance, WorkStance};
pub use claim::{Claim, MentionKind};
pub use error::DataError;
pub use holder::HolderKind;
pub use lexicon::{Lexicon, Paradigm, ParadigmMention, DEFAULT_PARADIGMS};
pub use rules::{Stance, StanceRules, DEFAULT_STANCE_RULES};
pub use segment::{segment, SegmentationRules, Sentence, SentenceKind, DEFAULT_SEGMENTATION};

/// One document to analyse.
#[derive(Debug, Clone, Copy)]
pub struct Document<'a> {
    /// Its name in output records (the file name, e.g. "002_3ac60e7eb1a25b6f.txt").
    pub name: &'a str,
    /// The holder label of its own authors ("Palpacuer 2018", or a label).
    pub key: &'a str,
    /// The normalised text (NFC, hyphen-broken words rejoined), line breaks kept.
    pub text: &'a str,
    /// Its in-text citations, with byte offsets into `text`, in any order.
    pub citations: &'a [Citation],
}

/// Everything read from one document.
#[derive(Debug, Clone, PartialEq)]
pub struct Analysis {
    /// The sentences, in text order.
    pub sentences: Vec<Sentence>,
    /// Claims toward paradigms, in text order, then paradigm order.
    pub claims: Vec<Claim>,
    /// The stance toward each cited work, one per citation, in citation order.
    pub citations: Vec<CitationStance>,
}

/// The claims reader: a lexicon, stance rules and segmentation rules.
#[derive(Debug, Clone, Default)]
pub struct Analyzer {
    lexicon: Lexicon,
    rules: StanceRules,
    segmentation: SegmentationRules,
    min_confidence: Option<f64>,
}

impl Analyzer {
    /// An analyser with the given data.
    #[must_use]
    pub fn new(lexicon: Lexicon, rules: StanceRules, segmentation: SegmentationRules) -> Self {
        Analyzer {
            lexicon,
            rules,
            segmentation,
            min_confidence: None,
        }
    }

    /// The default rules with another paradigm lexicon (`--paradigms FILE`).
    #[must_use]
    pub fn with_lexicon(lexicon: Lexicon) -> Self {
        Analyzer {
            lexicon,
            ..Analyzer::default()
        }
    }

    /// Reports claims down to `min_confidence` (0..1) instead of the rules' own threshold.
    #[must_use]
    pub fn min_confidence(mut self, min_confidence: f64) -> Self {
        self.min_confidence = Some(min_confidence.clamp(0.0, 1.0));
        self
    }

    /// The paradigm lexicon in use.
    #[must_use]
    pub fn lexicon(&self) -> &Lexicon {
        &self.lexicon
    }

    /// Splits a document into sentences, never inside one of its citations.
    #[must_use]
    pub fn sentences(&self, text: &str, citations: &[Citation]) -> Vec<Sentence> {
        let protected: Vec<std::ops::Range<usize>> =
            citations.iter().map(|c| c.start..c.end).collect();
        segment(text, &self.segmentation, &protected)
    }

    /// Reads an ingested document: the analysis runs on its normalised text (hyphen-broken
    /// words rejoined, page-number lines dropped), and every offset and line of the result is
    /// then mapped back to the original file, like those of the citations.
    #[must_use]
    pub fn analyse_ingested(
        &self,
        document: &crate::ingest::Document,
        key: &str,
        citations: &[Citation],
    ) -> Analysis {
        let normalised: Vec<Citation> = citations
            .iter()
            .map(|c| Citation {
                start: c.norm_start,
                end: c.norm_end,
                ..c.clone()
            })
            .collect();
        let mut analysis = self.analyse(&Document {
            name: &document.name,
            key,
            text: &document.normalized.text,
            citations: &normalised,
        });
        let start = |offset: usize| document.original_offset(offset);
        let end = |offset: usize| document.original_end(offset);
        for sentence in &mut analysis.sentences {
            sentence.start = start(sentence.start);
            sentence.end = end(sentence.end);
            sentence.line = document.line_of(sentence.start);
        }
        for claim in &mut analysis.claims {
            claim.start = start(claim.start);
            claim.end = end(claim.end);
            claim.cue_start = start(claim.cue_start);
            claim.cue_end = end(claim.cue_end);
            claim.line = document.line_of(claim.start);
        }
        for stance in &mut analysis.citations {
            stance.sentence_start = start(stance.sentence_start);
            stance.sentence_end = end(stance.sentence_end);
            stance.line = document.line_of(stance.sentence_start);
        }
        analysis
    }

    /// Reads a document: sentences, claims toward paradigms, stance toward cited works.
    /// Never panics on any text or citation offsets.
    #[must_use]
    pub fn analyse(&self, document: &Document<'_>) -> Analysis {
        let text = document.text;
        let citations = document.citations;
        let sentences = self.sentences(text, citations);
        let order = context::citations_by_start(citations);
        let contexts = context::contexts(text, &sentences, citations, &order);
        let claims = claim::claims(&claim::ClaimInput {
            doc: document.name,
            document_key: document.key,
            text,
            citations,
            contexts: &contexts,
            lexicon: &self.lexicon,
            rules: &self.rules,
            min_confidence: self.min_confidence.unwrap_or(self.rules.min_confidence),
        });
        let mut stances: Vec<CitationStance> = contexts
            .iter()
            .filter(|context| !context.citations.is_empty())
            .flat_map(|context| {
                cited::sentence_stances(context, text, citations, &self.rules, &self.lexicon)
            })
            .collect();
        // A citation outside every sentence (bad offsets) is still reported, as a mention.
        let mut seen = vec![false; citations.len()];
        for stance in &stances {
            seen[stance.citation] = true;
        }
        for (index, citation) in citations.iter().enumerate() {
            if !seen[index] {
                stances.push(CitationStance {
                    citation: index,
                    work: citation.key(),
                    line: citation.line,
                    stance: WorkStance::Neutral,
                    cue: None,
                    rule: None,
                    confidence: 1.0,
                    sentence_start: citation.start.min(text.len()),
                    sentence_end: citation.end.min(text.len()),
                });
            }
        }
        stances.sort_by_key(|stance| stance.citation);
        Analysis {
            sentences,
            claims,
            citations: stances,
        }
    }
}
