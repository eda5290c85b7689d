//! The plain-data input of the graph stage, and how to fill it from a corpus analysis.
//!
//! The graph does not call the parsers: [`from_pipeline`] fills a [`CorpusInput`] from the
//! pipeline's documents, work identities, claims and stances, and [`super::Corpus::new`]
//! resolves it into nodes. Tests fill it by hand.

use std::collections::HashMap;

use crate::claims::{self, HolderKind, Lexicon};
use crate::link;
use crate::pipeline::{self, IdentitySource};

/// Everything the graphs are built from.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct CorpusInput {
    /// The analysed documents; other records refer to them by index.
    pub documents: Vec<DocInput>,
    /// Every citation of a dated work, in any order.
    pub citations: Vec<CitationInput>,
    /// Every stance of a sentence toward a paradigm, in any order.
    pub claims: Vec<ClaimInput>,
    /// The paradigms of the debate (id and label), including those no claim names.
    pub paradigms: Vec<ParadigmInput>,
}

/// One analysed document. A document is also a work: citations whose work key equals its
/// `work_key` or one of its `aliases` (compared by slug, see [`super::ids::slug`]) point to it.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct DocInput {
    /// Its name in evidence records: the path as given.
    pub name: String,
    /// A label for people: "Palpacuer 2018", or a description, or the file name.
    pub label: String,
    /// The key other documents cite it by ("Lund-Thomsen and Lindgreen 2014"), if known.
    pub work_key: Option<String>,
    /// Other keys it is cited by ("Lund-Thomsen and Lindgreen 2013", "van Oosterzee
    /// forthcoming").
    pub aliases: Vec<String>,
    /// Its authors' surnames, in order.
    pub authors: Vec<String>,
    /// Its year of publication.
    pub year: Option<String>,
    /// Its title.
    pub title: Option<String>,
}

/// One occurrence of a dated work cited in a document.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct CitationInput {
    /// Index of the citing document in [`CorpusInput::documents`].
    pub doc: usize,
    /// The identity of the cited work ("Locke et al. 2009", or a linker's work identity).
    pub work_key: String,
    /// A label of the cited work for people.
    pub work_label: String,
    /// The surnames printed in the citation.
    pub authors: Vec<String>,
    /// "et al." followed the names, so `authors` is not the whole list.
    pub et_al: bool,
    /// The year as printed ("2009", "2010a", "forthcoming").
    pub year: Option<String>,
    /// 1-based line of the citing document where the citation starts.
    pub line: usize,
    /// Byte offset where the citation starts in the document's text.
    pub start: usize,
    /// Byte offset one past its end.
    pub end: usize,
    /// The citation as printed.
    pub raw: String,
    /// Offset of the bracket it is printed in; citations of one document sharing it were cited
    /// together (co-citation).
    pub bracket: Option<usize>,
    /// The citing sentence's stance toward the work, when the claims stage ran.
    pub stance: Option<WorkStance>,
    /// The citing sentence, when known; it becomes the evidence of stance edges.
    pub sentence: Option<CitingSentence>,
}

/// The sentence a citation is printed in.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CitingSentence {
    /// The sentence, white space folded.
    pub text: String,
    /// 1-based line where it starts.
    pub line: usize,
    /// Byte offset where it starts.
    pub start: usize,
    /// Byte offset one past its end.
    pub end: usize,
}

/// The stance of a citing sentence toward the cited work.
#[derive(Debug, Clone, PartialEq)]
pub struct WorkStance {
    /// Supports, critiques or only mentions.
    pub relation: WorkRelation,
    /// 0..1.
    pub confidence: f64,
    /// The words that decided it.
    pub cue: Option<String>,
}

/// What a citing sentence does with a cited work.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum WorkRelation {
    /// Agrees with, confirms or praises it.
    Supports,
    /// Contradicts or faults it.
    Critiques,
    /// Only mentions, uses or describes it.
    Mentions,
}

/// One stance of one sentence toward one paradigm.
#[derive(Debug, Clone, PartialEq)]
pub struct ClaimInput {
    /// Index of the document the sentence is in.
    pub doc: usize,
    /// Whose stance it is: the document's authors or a work it cites.
    pub holder: Holder,
    /// The paradigm's id (as in [`ParadigmInput::id`]).
    pub paradigm: String,
    /// Supports or critiques.
    pub stance: Stance,
    /// 0..1.
    pub confidence: f64,
    /// 1-based line where the sentence starts.
    pub line: usize,
    /// Byte offset where the sentence starts.
    pub start: usize,
    /// Byte offset where it ends.
    pub end: usize,
    /// The sentence.
    pub sentence: String,
    /// The words that decided the stance.
    pub cue: String,
}

/// Who holds a claim.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Holder {
    /// The authors of the document with this index.
    Document(usize),
    /// A cited work, by key (resolved like [`CitationInput::work_key`]) and label.
    Work {
        /// The work's key.
        key: String,
        /// A label for people.
        label: String,
    },
}

/// A stance toward a paradigm.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Stance {
    /// The sentence says the paradigm works or is right.
    Supports,
    /// The sentence says it fails or is wrong.
    Critiques,
}

/// A paradigm of the debate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParadigmInput {
    /// Its id ("cooperation").
    pub id: String,
    /// A label for people ("cooperation paradigm").
    pub label: String,
}

/// The input of the graphs from a corpus analysis: documents with their identities (a
/// document's key and aliases, unless it is known only by its file name), every dated citation
/// with its corpus-wide work, the citing sentence's stance toward it, every claim toward a
/// paradigm with its holder, and the paradigms of `lexicon`. Yearless mentions are left out
/// (they name a scholar, not a work). Offsets and lines are the original file's.
#[must_use]
pub fn from_pipeline(corpus: &pipeline::Corpus, lexicon: &Lexicon) -> CorpusInput {
    let mut input = CorpusInput {
        paradigms: lexicon
            .paradigms()
            .iter()
            .map(|p| ParadigmInput {
                id: p.id.clone(),
                label: p.label.clone(),
            })
            .collect(),
        ..CorpusInput::default()
    };
    for (index, analysis) in corpus.documents.iter().enumerate() {
        let identity = &analysis.identity;
        let known = identity.source != IdentitySource::FileName;
        input.documents.push(DocInput {
            name: analysis.name.clone(),
            label: identity.key.clone(),
            work_key: known.then(|| identity.key.clone()),
            aliases: identity.aliases.clone(),
            authors: identity.authors.clone(),
            year: identity.year.clone(),
            title: identity.title.clone(),
        });
        // A claim's holder is named by its citation key; the citation knows the corpus work.
        let mut work_of_key: HashMap<String, &str> = HashMap::new();
        for (position, citation) in analysis.citations.iter().enumerate() {
            let Some(work) = corpus.work_of(index, position) else {
                continue;
            };
            work_of_key
                .entry(link::fold(&citation.key()))
                .or_insert(work.key.as_str());
            let stance = analysis.claims.citations.get(position);
            let sentence = stance.and_then(|s| {
                let text = analysis.stance_sentences.get(position)?.clone()?;
                Some(CitingSentence {
                    text,
                    line: s.line,
                    start: s.sentence_start,
                    end: s.sentence_end,
                })
            });
            input.citations.push(CitationInput {
                doc: index,
                work_key: work.key.clone(),
                work_label: work.key.clone(),
                // The full author list when an entry or the manifest gives one.
                authors: if work.authors.len() > citation.authors.len() {
                    work.authors.clone()
                } else {
                    citation.authors.clone()
                },
                et_al: citation.et_al && work.authors.len() <= citation.authors.len(),
                year: citation.year.clone(),
                line: citation.line,
                start: citation.start,
                end: citation.end,
                raw: citation.raw.clone(),
                bracket: citation.bracket,
                stance: stance.map(|s| WorkStance {
                    relation: match s.stance {
                        claims::WorkStance::Supports => WorkRelation::Supports,
                        claims::WorkStance::Critiques => WorkRelation::Critiques,
                        claims::WorkStance::Neutral => WorkRelation::Mentions,
                    },
                    confidence: s.confidence,
                    cue: s.cue.clone(),
                }),
                sentence,
            });
        }
        for claim in &analysis.claims.claims {
            let holder = match claim.holder_kind {
                HolderKind::Document => Holder::Document(index),
                HolderKind::Work => {
                    let key = work_of_key
                        .get(&link::fold(&claim.holder))
                        .map_or_else(|| claim.holder.clone(), |k| (*k).to_string());
                    Holder::Work {
                        label: key.clone(),
                        key,
                    }
                }
            };
            input.claims.push(ClaimInput {
                doc: index,
                holder,
                paradigm: claim.paradigm.clone(),
                stance: match claim.stance {
                    claims::Stance::Supports => Stance::Supports,
                    claims::Stance::Critiques => Stance::Critiques,
                },
                confidence: claim.confidence,
                line: claim.line,
                start: claim.start,
                end: claim.end,
                sentence: claim.sentence.clone(),
                cue: claim.cue.clone(),
            });
        }
    }
    input
}
