//! Per paradigm: its supporters and critics, the weighted balance of support and critique,
//! and the most central holders on each side.

use std::cmp::Ordering;
use std::collections::BTreeMap;

use super::model::{CiteGraph, EdgeKind, NodeKind};

/// One holder's stance toward a paradigm.
#[derive(Debug, Clone, PartialEq)]
pub struct HolderStance {
    /// The holder's node id.
    pub id: String,
    /// Document or work.
    pub kind: NodeKind,
    /// The holder's label.
    pub label: String,
    /// Evidence sentences (the edge weight).
    pub sentences: usize,
    /// Mean confidence of those sentences.
    pub mean_confidence: Option<f64>,
    /// The holder's centrality as given (e.g. its PageRank in the citation graph), `None`
    /// when it has none there.
    pub centrality: Option<f64>,
    /// Where the first evidence sentence is: "file:line".
    pub first_evidence: Option<String>,
}

/// Support and critique of one paradigm.
#[derive(Debug, Clone, PartialEq)]
pub struct ParadigmSummary {
    /// The paradigm's node id.
    pub id: String,
    /// Its label.
    pub label: String,
    /// Holders that support it, most central first (then more sentences, then id).
    pub supporters: Vec<HolderStance>,
    /// Holders that critique it, in the same order.
    pub critics: Vec<HolderStance>,
    /// Summed confidence of the supporting sentences.
    pub support: f64,
    /// Summed confidence of the critiquing sentences.
    pub critique: f64,
    /// `(support - critique) / (support + critique)`, from -1 (only critique) to 1 (only
    /// support); `None` when no sentence takes a stance.
    pub balance: Option<f64>,
}

/// The summary of every paradigm node of `argument` (an argument graph), in id order.
/// `centrality` ranks the holders: pass the citation graph's PageRank by node id, so the most
/// central supporters are the most cited ones; holders missing from it rank last.
#[must_use]
pub fn paradigm_summaries(
    argument: &CiteGraph,
    centrality: &BTreeMap<String, f64>,
) -> Vec<ParadigmSummary> {
    let mut summaries: BTreeMap<&str, ParadigmSummary> = argument
        .nodes()
        .filter(|node| node.kind == NodeKind::Paradigm)
        .map(|node| {
            (
                node.id.as_str(),
                ParadigmSummary {
                    id: node.id.clone(),
                    label: node.label.clone(),
                    supporters: Vec::new(),
                    critics: Vec::new(),
                    support: 0.0,
                    critique: 0.0,
                    balance: None,
                },
            )
        })
        .collect();
    for (holder, paradigm, edge) in argument.edges() {
        let Some(summary) = summaries.get_mut(paradigm.id.as_str()) else {
            continue;
        };
        let weighted: f64 = edge.evidence.iter().filter_map(|e| e.confidence).sum();
        let stance = HolderStance {
            id: holder.id.clone(),
            kind: holder.kind,
            label: holder.label.clone(),
            sentences: edge.evidence.len(),
            mean_confidence: edge.confidence,
            centrality: centrality.get(&holder.id).copied(),
            first_evidence: edge.evidence.first().map(|e| match e.line {
                Some(line) => format!("{}:{line}", e.doc),
                None => e.doc.clone(),
            }),
        };
        match edge.kind {
            EdgeKind::Supports => {
                summary.support += weighted;
                summary.supporters.push(stance);
            }
            EdgeKind::Critiques => {
                summary.critique += weighted;
                summary.critics.push(stance);
            }
            _ => {}
        }
    }
    summaries
        .into_values()
        .map(|mut summary| {
            summary.supporters.sort_by(most_central_first);
            summary.critics.sort_by(most_central_first);
            let total = summary.support + summary.critique;
            summary.balance = (total > 0.0).then(|| (summary.support - summary.critique) / total);
            summary
        })
        .collect()
}

fn most_central_first(a: &HolderStance, b: &HolderStance) -> Ordering {
    let by_centrality = match (a.centrality, b.centrality) {
        (Some(x), Some(y)) => y.total_cmp(&x),
        (Some(_), None) => Ordering::Less,
        (None, Some(_)) => Ordering::Greater,
        (None, None) => Ordering::Equal,
    };
    by_centrality
        .then_with(|| b.sentences.cmp(&a.sentences))
        .then_with(|| a.id.cmp(&b.id))
}
