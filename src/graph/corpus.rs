//! [`Corpus`]: a [`CorpusInput`] resolved into node identities, and the builder of each
//! [`GraphKind`] from it.
//!
//! Resolution: every document is a node `doc:<file name>`; its work key and aliases claim
//! their slugs, so a citation whose key has one of them points to the document. Every other
//! cited key is a node `work:<slug>`. Authors are `author:<slug of the surname>` (one node per
//! surname: two scholars of one surname are one node), paradigms `paradigm:<slug of the id>`.
//! Records that refer to a document index out of range, or carry a confidence that is not a
//! finite number, are left out with a [`GraphWarning`].

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;

use super::ids::{author_id, document_ids, paradigm_id, slug, work_id};
use super::input::{CitationInput, ClaimInput, CorpusInput, Holder, Stance, WorkRelation};
use super::model::{
    CiteGraph, Edge, EdgeKey, EdgeKind, Evidence, EvidenceKind, GraphKind, Node, NodeKind,
};

/// A record of the input that the graphs leave out or resolve in a way worth knowing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum GraphWarning {
    /// Two documents claim the same work key; citations of it point to the first.
    SharedWorkKey {
        /// The key.
        key: String,
        /// The document citations of it point to.
        kept: String,
        /// The document that also claimed it.
        also: String,
    },
    /// A citation or claim names a document index that does not exist.
    NoSuchDocument {
        /// "citation", "claim" or "claim holder".
        record: &'static str,
        /// The index it gave.
        index: usize,
    },
    /// A claim or stance has a confidence that is not a finite number.
    BadConfidence {
        /// The document.
        doc: String,
        /// The line of the record.
        line: usize,
    },
}

impl fmt::Display for GraphWarning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            GraphWarning::SharedWorkKey { key, kept, also } => write!(
                f,
                "{also}: work key \"{key}\" is already {kept}'s; citations of it point to {kept}"
            ),
            GraphWarning::NoSuchDocument { record, index } => {
                write!(
                    f,
                    "a {record} names document {index}, which does not exist; left out"
                )
            }
            GraphWarning::BadConfidence { doc, line } => {
                write!(f, "{doc}:{line}: confidence is not a number; left out")
            }
        }
    }
}

/// What is known about a cited work that is not an analysed document, as counts, so that the
/// order of the input does not matter.
#[derive(Debug, Clone, Default)]
struct WorkRecord {
    /// Each label given to it, with how often.
    labels: BTreeMap<String, usize>,
    /// Each author list printed in its citations, with how often.
    author_lists: BTreeMap<Vec<String>, usize>,
    /// Each year printed, with how often.
    years: BTreeMap<String, usize>,
}

impl WorkRecord {
    /// The label given most often; the smallest of equally frequent ones.
    fn label(&self) -> String {
        most_frequent(&self.labels).cloned().unwrap_or_default()
    }

    /// The longest author list printed; of equally long ones the most frequent, then the
    /// smallest.
    fn authors(&self) -> Vec<String> {
        let mut best: Option<(&Vec<String>, usize)> = None;
        for (list, &count) in &self.author_lists {
            if best.is_none_or(|(best_list, best_count)| {
                (list.len(), count) > (best_list.len(), best_count)
            }) {
                best = Some((list, count));
            }
        }
        best.map(|(list, _)| list.clone()).unwrap_or_default()
    }

    /// The year printed most often; the smallest of equally frequent ones.
    fn year(&self) -> Option<String> {
        most_frequent(&self.years).cloned()
    }
}

/// The key counted most often; the smallest of equally frequent ones.
fn most_frequent<K: Ord>(counts: &BTreeMap<K, usize>) -> Option<&K> {
    let mut best: Option<(&K, usize)> = None;
    for (key, &count) in counts {
        if best.is_none_or(|(_, best_count)| count > best_count) {
            best = Some((key, count));
        }
    }
    best.map(|(key, _)| key)
}

/// A corpus resolved into node identities; [`Corpus::graph`] builds each graph from it.
#[derive(Debug, Clone)]
pub struct Corpus {
    input: CorpusInput,
    document_ids: Vec<String>,
    /// Document node id to document index.
    document_index: BTreeMap<String, usize>,
    /// Node id of each citation's target, `None` for citations left out.
    citation_targets: Vec<Option<String>>,
    /// Cited works that are not documents, by node id.
    works: BTreeMap<String, WorkRecord>,
    /// Work-key slugs claimed by documents, to the claiming document's index.
    document_keys: BTreeMap<String, usize>,
    /// Paradigm node id to label.
    paradigms: BTreeMap<String, String>,
    /// Surname printings of each author id, with how often.
    author_labels: BTreeMap<String, BTreeMap<String, usize>>,
    warnings: Vec<GraphWarning>,
}

impl Corpus {
    /// Resolves `input` into node identities. Never fails: records it cannot place are left
    /// out and listed in [`Corpus::warnings`].
    #[must_use]
    pub fn new(input: CorpusInput) -> Self {
        let names: Vec<&str> = input.documents.iter().map(|d| d.name.as_str()).collect();
        let document_ids = document_ids(&names);
        let document_index = document_ids
            .iter()
            .enumerate()
            .map(|(index, id)| (id.clone(), index))
            .collect();
        let mut warnings = Vec::new();
        let mut document_keys: BTreeMap<String, usize> = BTreeMap::new();
        for (index, document) in input.documents.iter().enumerate() {
            for key in document.work_key.iter().chain(&document.aliases) {
                match document_keys.get(&slug(key)) {
                    Some(&owner) if owner != index => warnings.push(GraphWarning::SharedWorkKey {
                        key: key.clone(),
                        kept: input.documents[owner].name.clone(),
                        also: document.name.clone(),
                    }),
                    Some(_) => {}
                    None => {
                        document_keys.insert(slug(key), index);
                    }
                }
            }
        }
        let mut corpus = Self {
            input,
            document_ids,
            document_index,
            citation_targets: Vec::new(),
            works: BTreeMap::new(),
            document_keys,
            paradigms: BTreeMap::new(),
            author_labels: BTreeMap::new(),
            warnings,
        };
        corpus.resolve_citations();
        corpus.resolve_claims();
        corpus
    }

    /// The input as given.
    #[must_use]
    pub fn input(&self) -> &CorpusInput {
        &self.input
    }

    /// What was left out or resolved in a way worth knowing.
    #[must_use]
    pub fn warnings(&self) -> &[GraphWarning] {
        &self.warnings
    }

    /// The node id of document `index`.
    #[must_use]
    pub fn document_id(&self, index: usize) -> Option<&str> {
        self.document_ids.get(index).map(String::as_str)
    }

    /// The node id a work key resolves to: a document that claims it, or `work:<slug>`.
    #[must_use]
    pub fn work_node_id(&self, key: &str) -> String {
        match self.document_keys.get(&slug(key)) {
            Some(&index) => self.document_ids[index].clone(),
            None => work_id(key),
        }
    }

    /// Builds the graph of `kind`.
    #[must_use]
    pub fn graph(&self, kind: GraphKind) -> CiteGraph {
        let (nodes, edges) = match kind {
            GraphKind::Citation => self.citation_parts(),
            GraphKind::Argument => self.argument_parts(),
            GraphKind::Cocitation => self.cocitation_parts(),
            GraphKind::Coupling => self.coupling_parts(),
            GraphKind::Coauthor => self.coauthor_parts(),
            GraphKind::AuthorCocitation => self.author_cocitation_parts(),
        };
        CiteGraph::from_parts(kind, nodes, edges)
    }

    fn resolve_citations(&mut self) {
        let mut targets = Vec::with_capacity(self.input.citations.len());
        let mut works: BTreeMap<String, WorkRecord> = BTreeMap::new();
        let mut author_labels: BTreeMap<String, BTreeMap<String, usize>> = BTreeMap::new();
        for citation in &self.input.citations {
            if citation.doc >= self.input.documents.len() {
                self.warnings.push(GraphWarning::NoSuchDocument {
                    record: "citation",
                    index: citation.doc,
                });
                targets.push(None);
                continue;
            }
            if citation
                .stance
                .as_ref()
                .is_some_and(|stance| !stance.confidence.is_finite())
            {
                self.warnings.push(GraphWarning::BadConfidence {
                    doc: self.input.documents[citation.doc].name.clone(),
                    line: citation.line,
                });
            }
            let target = self.work_node_id(&citation.work_key);
            if !self.document_index.contains_key(&target) {
                let record = works.entry(target.clone()).or_default();
                *record
                    .labels
                    .entry(citation.work_label.clone())
                    .or_default() += 1;
                if !citation.authors.is_empty() {
                    *record
                        .author_lists
                        .entry(citation.authors.clone())
                        .or_default() += 1;
                }
                if let Some(year) = &citation.year {
                    *record.years.entry(year.clone()).or_default() += 1;
                }
            }
            for author in &citation.authors {
                *author_labels
                    .entry(author_id(author))
                    .or_default()
                    .entry(author.clone())
                    .or_default() += 1;
            }
            targets.push(Some(target));
        }
        for document in &self.input.documents {
            for author in &document.authors {
                *author_labels
                    .entry(author_id(author))
                    .or_default()
                    .entry(author.clone())
                    .or_default() += 1;
            }
        }
        self.citation_targets = targets;
        self.works = works;
        self.author_labels = author_labels;
    }

    fn resolve_claims(&mut self) {
        for paradigm in &self.input.paradigms {
            self.paradigms
                .entry(paradigm_id(&paradigm.id))
                .or_insert_with(|| paradigm.label.clone());
        }
        let mut holder_works: Vec<(String, String)> = Vec::new();
        for claim in &self.input.claims {
            if claim.doc >= self.input.documents.len() {
                self.warnings.push(GraphWarning::NoSuchDocument {
                    record: "claim",
                    index: claim.doc,
                });
                continue;
            }
            if let Holder::Document(index) = claim.holder {
                if index >= self.input.documents.len() {
                    self.warnings.push(GraphWarning::NoSuchDocument {
                        record: "claim holder",
                        index,
                    });
                    continue;
                }
            }
            if !claim.confidence.is_finite() {
                self.warnings.push(GraphWarning::BadConfidence {
                    doc: self.input.documents[claim.doc].name.clone(),
                    line: claim.line,
                });
                continue;
            }
            self.paradigms
                .entry(paradigm_id(&claim.paradigm))
                .or_insert_with(|| claim.paradigm.clone());
            if let Holder::Work { key, label } = &claim.holder {
                holder_works.push((key.clone(), label.clone()));
            }
        }
        for (key, label) in holder_works {
            let id = self.work_node_id(&key);
            if !self.document_index.contains_key(&id) {
                *self
                    .works
                    .entry(id)
                    .or_default()
                    .labels
                    .entry(label)
                    .or_default() += 1;
            }
        }
    }

    /// Whether a claim is usable (see `resolve_claims`).
    fn claim_is_usable(&self, claim: &ClaimInput) -> bool {
        let documents = self.input.documents.len();
        claim.doc < documents
            && claim.confidence.is_finite()
            && match claim.holder {
                Holder::Document(index) => index < documents,
                Holder::Work { .. } => true,
            }
    }

    /// The node of a document or work id.
    fn work_or_document_node(&self, id: &str) -> Node {
        if let Some(&index) = self.document_index.get(id) {
            let document = &self.input.documents[index];
            return Node {
                id: id.to_string(),
                kind: NodeKind::Document,
                label: document.label.clone(),
                file: Some(document.name.clone()),
                year: document.year.clone(),
                authors: document.authors.clone(),
                title: document.title.clone(),
            };
        }
        let record = self.works.get(id).cloned().unwrap_or_default();
        Node {
            id: id.to_string(),
            kind: NodeKind::Work,
            label: record.label(),
            file: None,
            year: record.year(),
            authors: record.authors(),
            title: None,
        }
    }

    fn author_node(&self, id: &str) -> Node {
        let label = self
            .author_labels
            .get(id)
            .and_then(most_frequent)
            .cloned()
            .unwrap_or_else(|| id.trim_start_matches("author:").to_string());
        Node::new(id.to_string(), NodeKind::Author, label)
    }

    fn document_nodes(&self) -> BTreeMap<String, Node> {
        self.document_ids
            .iter()
            .map(|id| (id.clone(), self.work_or_document_node(id)))
            .collect()
    }

    /// The usable citations with their document index and target id.
    fn resolved_citations(&self) -> impl Iterator<Item = (&CitationInput, &str)> {
        self.input
            .citations
            .iter()
            .zip(&self.citation_targets)
            .filter_map(|(citation, target)| Some((citation, target.as_deref()?)))
    }

    fn citation_evidence(&self, citation: &CitationInput) -> Evidence {
        Evidence {
            kind: EvidenceKind::Citation,
            doc: self.input.documents[citation.doc].name.clone(),
            line: Some(citation.line),
            start: Some(citation.start),
            end: Some(citation.end),
            text: citation.raw.clone(),
            cue: None,
            confidence: None,
        }
    }

    fn citation_parts(&self) -> (BTreeMap<String, Node>, BTreeMap<EdgeKey, Edge>) {
        let mut nodes = self.document_nodes();
        let mut edges: BTreeMap<EdgeKey, Edge> = BTreeMap::new();
        for (citation, target) in self.resolved_citations() {
            let source = self.document_ids[citation.doc].clone();
            nodes
                .entry(target.to_string())
                .or_insert_with(|| self.work_or_document_node(target));
            add(
                &mut edges,
                (source, target.to_string(), EdgeKind::Cites),
                self.citation_evidence(citation),
            );
        }
        (nodes, edges)
    }

    fn argument_parts(&self) -> (BTreeMap<String, Node>, BTreeMap<EdgeKey, Edge>) {
        let mut nodes = self.document_nodes();
        for (id, label) in &self.paradigms {
            nodes.insert(
                id.clone(),
                Node::new(id.clone(), NodeKind::Paradigm, label.clone()),
            );
        }
        let mut edges: BTreeMap<EdgeKey, Edge> = BTreeMap::new();
        for claim in &self.input.claims {
            if !self.claim_is_usable(claim) {
                continue;
            }
            let holder = match &claim.holder {
                Holder::Document(index) => self.document_ids[*index].clone(),
                Holder::Work { key, .. } => self.work_node_id(key),
            };
            nodes
                .entry(holder.clone())
                .or_insert_with(|| self.work_or_document_node(&holder));
            let kind = match claim.stance {
                Stance::Supports => EdgeKind::Supports,
                Stance::Critiques => EdgeKind::Critiques,
            };
            add(
                &mut edges,
                (holder, paradigm_id(&claim.paradigm), kind),
                Evidence {
                    kind: EvidenceKind::Sentence,
                    doc: self.input.documents[claim.doc].name.clone(),
                    line: Some(claim.line),
                    start: Some(claim.start),
                    end: Some(claim.end),
                    text: claim.sentence.clone(),
                    cue: Some(claim.cue.clone()),
                    confidence: Some(claim.confidence),
                },
            );
        }
        for (citation, target) in self.resolved_citations() {
            let Some(stance) = &citation.stance else {
                continue;
            };
            if !stance.confidence.is_finite() {
                continue;
            }
            nodes
                .entry(target.to_string())
                .or_insert_with(|| self.work_or_document_node(target));
            let kind = match stance.relation {
                WorkRelation::Supports => EdgeKind::Supports,
                WorkRelation::Critiques => EdgeKind::Critiques,
                WorkRelation::Mentions => EdgeKind::Mentions,
            };
            let mut evidence = self.citation_evidence(citation);
            if let Some(sentence) = &citation.sentence {
                evidence.kind = EvidenceKind::Sentence;
                evidence.text.clone_from(&sentence.text);
                evidence.line = Some(sentence.line);
                evidence.start = Some(sentence.start);
                evidence.end = Some(sentence.end);
            }
            evidence.cue.clone_from(&stance.cue);
            evidence.confidence = Some(stance.confidence);
            add(
                &mut edges,
                (
                    self.document_ids[citation.doc].clone(),
                    target.to_string(),
                    kind,
                ),
                evidence,
            );
        }
        for edge in edges.values_mut() {
            let confidences: Vec<f64> = edge.evidence.iter().filter_map(|e| e.confidence).collect();
            if !confidences.is_empty() {
                edge.confidence = Some(mean(&confidences));
            }
        }
        (nodes, edges)
    }

    /// The citations of each bracket (document index, bracket offset), in input order.
    fn brackets(&self) -> BTreeMap<(usize, usize), Vec<(&CitationInput, &str)>> {
        let mut brackets: BTreeMap<(usize, usize), Vec<(&CitationInput, &str)>> = BTreeMap::new();
        for (citation, target) in self.resolved_citations() {
            if let Some(bracket) = citation.bracket {
                brackets
                    .entry((citation.doc, bracket))
                    .or_default()
                    .push((citation, target));
            }
        }
        brackets
    }

    /// The evidence of one bracket: its citations, from the first to the last.
    fn bracket_evidence(&self, members: &[(&CitationInput, &str)]) -> Evidence {
        let mut sorted: Vec<&CitationInput> = members.iter().map(|(c, _)| *c).collect();
        sorted.sort_by_key(|c| (c.start, c.end));
        let first = sorted[0];
        Evidence {
            kind: EvidenceKind::Citation,
            doc: self.input.documents[first.doc].name.clone(),
            line: Some(first.line),
            start: Some(first.start),
            end: sorted.iter().map(|c| c.end).max(),
            text: sorted
                .iter()
                .map(|c| c.raw.as_str())
                .collect::<Vec<_>>()
                .join("; "),
            cue: None,
            confidence: None,
        }
    }

    fn cocitation_parts(&self) -> (BTreeMap<String, Node>, BTreeMap<EdgeKey, Edge>) {
        let mut edges: BTreeMap<EdgeKey, Edge> = BTreeMap::new();
        for members in self.brackets().values() {
            let works: BTreeSet<&str> = members.iter().map(|(_, target)| *target).collect();
            if works.len() < 2 {
                continue;
            }
            let evidence = self.bracket_evidence(members);
            for (a, b) in pairs(&works) {
                add(
                    &mut edges,
                    (a.to_string(), b.to_string(), EdgeKind::CoCited),
                    evidence.clone(),
                );
            }
        }
        let nodes = edges
            .keys()
            .flat_map(|(a, b, _)| [a, b])
            .map(|id| (id.clone(), self.work_or_document_node(id)))
            .collect();
        (nodes, edges)
    }

    fn coupling_parts(&self) -> (BTreeMap<String, Node>, BTreeMap<EdgeKey, Edge>) {
        // For each work, the first citation of it in each document citing it.
        let mut citers: BTreeMap<&str, BTreeMap<&str, &CitationInput>> = BTreeMap::new();
        for (citation, target) in self.resolved_citations() {
            let document = self.document_ids[citation.doc].as_str();
            let slot = citers
                .entry(target)
                .or_default()
                .entry(document)
                .or_insert(citation);
            if (citation.line, citation.start) < (slot.line, slot.start) {
                *slot = citation;
            }
        }
        let mut edges: BTreeMap<EdgeKey, Edge> = BTreeMap::new();
        for first_citations in citers.values() {
            let documents: Vec<(&&str, &&CitationInput)> = first_citations.iter().collect();
            for (position, (a, citation_a)) in documents.iter().enumerate() {
                for (b, citation_b) in &documents[position + 1..] {
                    let key = (a.to_string(), b.to_string(), EdgeKind::Coupled);
                    add(&mut edges, key.clone(), self.citation_evidence(citation_a));
                    if let Some(edge) = edges.get_mut(&key) {
                        edge.evidence.push(self.citation_evidence(citation_b));
                    }
                }
            }
        }
        (self.document_nodes(), edges)
    }

    fn coauthor_parts(&self) -> (BTreeMap<String, Node>, BTreeMap<EdgeKey, Edge>) {
        // For each work, each pair of its authors with the evidence that they wrote it
        // together: its manifest record (documents), or a citation printing both names.
        let mut works: BTreeMap<String, BTreeMap<(String, String), Vec<Evidence>>> =
            BTreeMap::new();
        for (index, document) in self.input.documents.iter().enumerate() {
            let authors: BTreeSet<String> = document.authors.iter().map(|a| author_id(a)).collect();
            if authors.len() < 2 {
                continue;
            }
            let evidence = Evidence {
                kind: EvidenceKind::Metadata,
                doc: document.name.clone(),
                line: None,
                start: None,
                end: None,
                text: format!(
                    "authors of {}: {}",
                    document.label,
                    document.authors.join(", ")
                ),
                cue: None,
                confidence: None,
            };
            let pairs_of_work = works.entry(self.document_ids[index].clone()).or_default();
            for (a, b) in pairs(&authors) {
                pairs_of_work
                    .entry((a.clone(), b.clone()))
                    .or_default()
                    .push(evidence.clone());
            }
        }
        for (citation, target) in self.resolved_citations() {
            let authors: BTreeSet<String> = citation.authors.iter().map(|a| author_id(a)).collect();
            if authors.len() < 2 {
                continue;
            }
            let pairs_of_work = works.entry(target.to_string()).or_default();
            for (a, b) in pairs(&authors) {
                pairs_of_work
                    .entry((a.clone(), b.clone()))
                    .or_default()
                    .push(self.citation_evidence(citation));
            }
        }
        let mut edges: BTreeMap<EdgeKey, Edge> = BTreeMap::new();
        for pairs_of_work in works.into_values() {
            for ((a, b), evidence) in pairs_of_work {
                let key = (a, b, EdgeKind::CoAuthored);
                let edge = edges
                    .entry(key)
                    .or_insert_with(|| empty_edge(EdgeKind::CoAuthored));
                edge.weight += 1.0;
                edge.evidence.extend(evidence);
            }
        }
        let nodes = edges
            .keys()
            .flat_map(|(a, b, _)| [a, b])
            .map(|id| (id.clone(), self.author_node(id)))
            .collect();
        (nodes, edges)
    }

    fn author_cocitation_parts(&self) -> (BTreeMap<String, Node>, BTreeMap<EdgeKey, Edge>) {
        let mut edges: BTreeMap<EdgeKey, Edge> = BTreeMap::new();
        for members in self.brackets().values() {
            let first_authors: BTreeSet<String> = members
                .iter()
                .filter_map(|(citation, _)| citation.authors.first())
                .map(|author| author_id(author))
                .collect();
            if first_authors.len() < 2 {
                continue;
            }
            let evidence = self.bracket_evidence(members);
            for (a, b) in pairs(&first_authors) {
                add(
                    &mut edges,
                    (a.clone(), b.clone(), EdgeKind::AuthorCoCited),
                    evidence.clone(),
                );
            }
        }
        let nodes = edges
            .keys()
            .flat_map(|(a, b, _)| [a, b])
            .map(|id| (id.clone(), self.author_node(id)))
            .collect();
        (nodes, edges)
    }
}

fn empty_edge(kind: EdgeKind) -> Edge {
    Edge {
        kind,
        weight: 0.0,
        confidence: None,
        evidence: Vec::new(),
    }
}

/// Adds one unit of weight and its evidence to the edge `key`.
fn add(edges: &mut BTreeMap<EdgeKey, Edge>, key: EdgeKey, evidence: Evidence) {
    let kind = key.2;
    let edge = edges.entry(key).or_insert_with(|| empty_edge(kind));
    edge.weight += 1.0;
    edge.evidence.push(evidence);
}

/// Every pair `(a, b)` with `a < b` of a sorted set.
fn pairs<T>(set: &BTreeSet<T>) -> impl Iterator<Item = (&T, &T)> {
    set.iter()
        .enumerate()
        .flat_map(move |(position, a)| set.iter().skip(position + 1).map(move |b| (a, b)))
}

/// The mean, added in the given order.
fn mean(values: &[f64]) -> f64 {
    #[allow(clippy::cast_precision_loss)]
    let count = values.len() as f64;
    values.iter().sum::<f64>() / count
}
