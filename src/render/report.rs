//! What the HTML report shows: the corpus, the argument map, rankings of works by metric, and
//! the citation checker's findings; plus each paradigm's supporters and critics, read off the
//! argument map with their evidence.

use std::cmp::Ordering;
use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::diagram::{clean_value, Diagram, DiagramEdge, EdgeKind, Evidence, NodeKind};

/// Everything the report shows.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Report {
    /// The report's title.
    pub title: String,
    /// The documents read.
    pub corpus: CorpusSummary,
    /// The argument map (drawn, and read for the paradigm sections).
    pub argument_map: Diagram,
    /// Top nodes by each metric (see [`Ranking::from_diagram`]).
    pub rankings: Vec<Ranking>,
    /// The citation checker's findings; `None` when the check was not run.
    pub findings: Option<Vec<Finding>>,
    /// Notes for the reader (what was cut, what could not be read), one per line.
    pub notes: Vec<String>,
}

/// The documents read.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct CorpusSummary {
    /// One entry per document, in the order read.
    pub documents: Vec<DocumentSummary>,
    /// Distinct works cited across the corpus.
    pub cited_works: usize,
}

/// One document read.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct DocumentSummary {
    /// The path as given.
    pub file: String,
    /// Its title, when known.
    pub title: Option<String>,
    /// Its authors, when known.
    pub authors: Vec<String>,
    /// Its year, when known.
    pub year: Option<String>,
    /// In-text citations found.
    pub citations: usize,
    /// Reference-list entries found.
    pub references: usize,
    /// Sentences taking a stance toward a paradigm.
    pub claims: usize,
}

/// The top nodes of a graph by one metric.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Ranking {
    /// What is ranked, e.g. "Works in the citation graph by PageRank".
    pub title: String,
    /// The metric's name.
    pub metric: String,
    /// Best first.
    pub rows: Vec<RankedRow>,
}

/// One ranked node.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RankedRow {
    /// Its label.
    pub label: String,
    /// Its kind.
    pub kind: NodeKind,
    /// Its value.
    pub value: f64,
}

impl Ranking {
    /// The `top` nodes of `kinds` in `diagram` by each metric its nodes carry (in
    /// [`super::DiagramNode::metrics`]), metrics in name order; ties by label. Nodes without a
    /// finite value of a metric are left out of its ranking.
    #[must_use]
    pub fn from_diagram(diagram: &Diagram, top: usize, kinds: &[NodeKind]) -> Vec<Ranking> {
        let mut metrics: Vec<&str> = diagram
            .nodes
            .iter()
            .flat_map(|node| node.metrics.keys().map(String::as_str))
            .collect();
        metrics.sort_unstable();
        metrics.dedup();
        let kind_names: Vec<String> = kinds
            .iter()
            .map(|kind| format!("{}s", kind.name()))
            .collect();
        let what = if kind_names.is_empty() {
            "Nodes".to_string()
        } else {
            let mut joined = kind_names.join(" and ");
            if let Some(first) = joined.get(..1) {
                let upper = first.to_uppercase();
                joined.replace_range(..1, &upper);
            }
            joined
        };
        metrics
            .into_iter()
            .map(|metric| {
                let mut rows: Vec<RankedRow> = diagram
                    .nodes
                    .iter()
                    .filter(|node| kinds.is_empty() || kinds.contains(&node.kind))
                    .filter_map(|node| {
                        let value = *node.metrics.get(metric)?;
                        value.is_finite().then(|| RankedRow {
                            label: node.label.clone(),
                            kind: node.kind,
                            value,
                        })
                    })
                    .collect();
                rows.sort_by(|a, b| {
                    b.value
                        .total_cmp(&a.value)
                        .then_with(|| a.label.cmp(&b.label))
                });
                rows.truncate(top);
                Ranking {
                    title: format!("{what} in {} by {metric}", diagram.title),
                    metric: metric.to_string(),
                    rows,
                }
            })
            .collect()
    }
}

/// How serious a finding of the citation checker is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Wrong: e.g. a citation with no reference.
    Error,
    /// Probably wrong: e.g. a year that differs from the reference's.
    Warning,
    /// Worth a look: e.g. a reference never cited.
    Note,
}

impl Severity {
    /// The name printed.
    #[must_use]
    pub fn name(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Note => "note",
        }
    }
}

/// One problem the citation checker found.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Finding {
    /// How serious it is.
    pub severity: Severity,
    /// The document, as its path was given.
    pub file: String,
    /// 1-based line of the original file, when the finding has one.
    pub line: Option<usize>,
    /// A short kebab-case name of the check, e.g. "unmatched-citation".
    pub kind: String,
    /// What is wrong, for people.
    pub message: String,
    /// The citation or reference as printed, when there is one.
    pub text: Option<String>,
}

/// A holder's stance toward one target: the holder, how many sentences, and the evidence.
#[derive(Debug, Clone, PartialEq)]
pub struct Stance<'a> {
    /// Label of the holder (source) node.
    pub holder: &'a str,
    /// Kind of the holder node.
    pub holder_kind: NodeKind,
    /// Label of the target node.
    pub target: &'a str,
    /// Kind of the target node.
    pub target_kind: NodeKind,
    /// The edge's weight (sentences).
    pub weight: f64,
    /// The evidence, sorted by file and line.
    pub evidence: Vec<&'a Evidence>,
}

/// A paradigm's supporters and critics.
#[derive(Debug, Clone, PartialEq)]
pub struct ParadigmStances<'a> {
    /// The paradigm's id.
    pub id: &'a str,
    /// Its label.
    pub label: &'a str,
    /// Holders that support it, most sentences first.
    pub supporters: Vec<Stance<'a>>,
    /// Holders that critique it, most sentences first.
    pub critics: Vec<Stance<'a>>,
}

fn by_weight(a: &Stance<'_>, b: &Stance<'_>) -> Ordering {
    b.weight
        .total_cmp(&a.weight)
        .then_with(|| a.holder.cmp(b.holder))
        .then_with(|| a.target.cmp(b.target))
}

/// Every supports/critiques edge of `diagram` as a stance; edges of one holder, target and
/// kind are merged.
fn stances(diagram: &Diagram) -> BTreeMap<(&str, &str, EdgeKind), Stance<'_>> {
    let nodes: BTreeMap<&str, (&str, NodeKind)> = diagram
        .nodes
        .iter()
        .map(|node| (node.id.as_str(), (node.label.as_str(), node.kind)))
        .collect();
    let mut merged: BTreeMap<(&str, &str, EdgeKind), Stance<'_>> = BTreeMap::new();
    let stance_edges = diagram
        .edges
        .iter()
        .filter(|edge| matches!(edge.kind, EdgeKind::Supports | EdgeKind::Critiques));
    for edge in stance_edges {
        let DiagramEdge { from, to, kind, .. } = edge;
        let (Some(&(holder, holder_kind)), Some(&(target, target_kind))) =
            (nodes.get(from.as_str()), nodes.get(to.as_str()))
        else {
            continue;
        };
        let stance = merged
            .entry((from.as_str(), to.as_str(), *kind))
            .or_insert_with(|| Stance {
                holder,
                holder_kind,
                target,
                target_kind,
                weight: 0.0,
                evidence: Vec::new(),
            });
        stance.weight += clean_value(edge.weight);
        stance.evidence.extend(edge.evidence.iter());
    }
    for stance in merged.values_mut() {
        stance.evidence.sort();
        stance.evidence.dedup();
    }
    merged
}

/// Each paradigm of `diagram` (in label order) with its supporters and critics.
#[must_use]
pub fn paradigm_stances(diagram: &Diagram) -> Vec<ParadigmStances<'_>> {
    let mut paradigms: Vec<ParadigmStances<'_>> = diagram
        .nodes
        .iter()
        .filter(|node| node.kind == NodeKind::Paradigm)
        .map(|node| ParadigmStances {
            id: &node.id,
            label: &node.label,
            supporters: Vec::new(),
            critics: Vec::new(),
        })
        .collect();
    paradigms.sort_by(|a, b| a.label.cmp(b.label).then_with(|| a.id.cmp(b.id)));
    let mut all = stances(diagram);
    for paradigm in &mut paradigms {
        let keys: Vec<(&str, &str, EdgeKind)> = all
            .keys()
            .filter(|(_, to, _)| *to == paradigm.id)
            .copied()
            .collect();
        for key in keys {
            if let Some(stance) = all.remove(&key) {
                match key.2 {
                    EdgeKind::Supports => paradigm.supporters.push(stance),
                    _ => paradigm.critics.push(stance),
                }
            }
        }
        paradigm.supporters.sort_by(by_weight);
        paradigm.critics.sort_by(by_weight);
    }
    paradigms
}

/// Stances toward nodes that are not paradigms (documents toward the works they cite):
/// critiques first, then supports; most sentences first within each.
#[must_use]
pub fn work_stances(diagram: &Diagram) -> (Vec<Stance<'_>>, Vec<Stance<'_>>) {
    let mut critiques = Vec::new();
    let mut supports = Vec::new();
    for ((_, _, kind), stance) in stances(diagram) {
        if stance.target_kind == NodeKind::Paradigm {
            continue;
        }
        match kind {
            EdgeKind::Critiques => critiques.push(stance),
            _ => supports.push(stance),
        }
    }
    critiques.sort_by(by_weight);
    supports.sort_by(by_weight);
    (critiques, supports)
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use super::*;
    use crate::render::diagram::{DiagramKind, DiagramNode};

    fn node(id: &str, kind: NodeKind, metric: Option<f64>) -> DiagramNode {
        DiagramNode {
            id: id.into(),
            kind,
            label: id.to_uppercase(),
            size_metric: 0.0,
            community: None,
            cluster: None,
            tooltip: String::new(),
            metrics: metric
                .map(|value| BTreeMap::from([("pagerank".to_string(), value)]))
                .unwrap_or_default(),
        }
    }

    fn edge(from: &str, to: &str, kind: EdgeKind, lines: &[usize]) -> DiagramEdge {
        DiagramEdge {
            from: from.into(),
            to: to.into(),
            kind,
            weight: lines.len() as f64,
            evidence: lines
                .iter()
                .map(|&line| Evidence {
                    file: "a.txt".into(),
                    line: Some(line),
                    text: format!("sentence {line}"),
                    cue: None,
                })
                .collect(),
        }
    }

    fn sample() -> Diagram {
        Diagram {
            title: "the argument map".into(),
            kind: DiagramKind::Argument,
            directed: true,
            size_metric: "PageRank".into(),
            nodes: vec![
                node("p", NodeKind::Paradigm, None),
                node("d", NodeKind::Document, Some(0.5)),
                node("w", NodeKind::Work, Some(0.2)),
                node("v", NodeKind::Work, Some(f64::NAN)),
            ],
            edges: vec![
                edge("d", "p", EdgeKind::Critiques, &[9, 3]),
                edge("w", "p", EdgeKind::Critiques, &[4, 5, 6]),
                edge("w", "p", EdgeKind::Supports, &[7]),
                edge("d", "w", EdgeKind::Critiques, &[1]),
                edge("d", "v", EdgeKind::Mentions, &[2]),
            ],
        }
    }

    #[test]
    fn paradigm_supporters_and_critics_with_sorted_evidence() {
        let diagram = sample();
        let paradigms = paradigm_stances(&diagram);
        assert_eq!(paradigms.len(), 1);
        let critics: Vec<(&str, f64)> = paradigms[0]
            .critics
            .iter()
            .map(|s| (s.holder, s.weight))
            .collect();
        assert_eq!(critics, [("W", 3.0), ("D", 2.0)]);
        let lines: Vec<Option<usize>> = paradigms[0].critics[1]
            .evidence
            .iter()
            .map(|e| e.line)
            .collect();
        assert_eq!(lines, [Some(3), Some(9)]);
        assert_eq!(paradigms[0].supporters.len(), 1);
        let (critiques, supports) = work_stances(&diagram);
        assert_eq!(critiques.len(), 1);
        assert_eq!(critiques[0].target, "W");
        assert!(supports.is_empty());
    }

    #[test]
    fn rankings_by_each_metric_skip_missing_values() {
        let rankings = Ranking::from_diagram(&sample(), 5, &[NodeKind::Work, NodeKind::Document]);
        assert_eq!(rankings.len(), 1);
        assert_eq!(
            rankings[0].title,
            "Works and documents in the argument map by pagerank"
        );
        let labels: Vec<&str> = rankings[0].rows.iter().map(|r| r.label.as_str()).collect();
        assert_eq!(labels, ["D", "W"]);
        let top_one = Ranking::from_diagram(&sample(), 1, &[]);
        assert_eq!(top_one[0].rows.len(), 1);
        assert!(top_one[0].title.starts_with("Nodes in"));
    }
}
