//! Pruning a large diagram to its top nodes by a metric, and saying what was cut.

use std::cmp::Ordering;
use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};

use super::diagram::{clean_value, Diagram, NodeKind};
use super::quote::number;

/// The value nodes are ranked by when a diagram is pruned.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RankBy {
    /// The size metric of the diagram (e.g. PageRank).
    #[default]
    Size,
    /// The summed weight of the node's edges, in and out.
    Degree,
    /// A metric of [`super::DiagramNode::metrics`] by name; nodes without it rank last.
    Metric(String),
}

impl RankBy {
    /// What the ranking is called in notes ("PageRank", "weighted degree", "betweenness").
    #[must_use]
    pub fn name(&self, diagram: &Diagram) -> String {
        match self {
            RankBy::Size => diagram.size_metric.clone(),
            RankBy::Degree => "weighted degree".to_string(),
            RankBy::Metric(name) => name.clone(),
        }
    }
}

/// A node left out of a pruned diagram.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CutNode {
    /// Its id.
    pub id: String,
    /// Its label.
    pub label: String,
    /// Its kind.
    pub kind: NodeKind,
    /// Its value of the ranking metric (`None` when it has none).
    pub value: Option<f64>,
}

/// What pruning left out.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Cut {
    /// The ranking metric's name.
    pub rank_by: String,
    /// Nodes before pruning.
    pub total_nodes: usize,
    /// Nodes kept.
    pub kept_nodes: usize,
    /// Edges before pruning.
    pub total_edges: usize,
    /// Edges kept (those with both ends kept).
    pub kept_edges: usize,
    /// Whether paradigms were kept whatever their rank.
    pub paradigms_kept: bool,
    /// The lowest value among the nodes kept by rank (`None` when none was).
    pub lowest_kept: Option<f64>,
    /// The nodes left out, best ranked first.
    pub cut_nodes: Vec<CutNode>,
}

impl Cut {
    /// The number of nodes left out, by kind.
    #[must_use]
    pub fn cut_by_kind(&self) -> BTreeMap<NodeKind, usize> {
        let mut counts = BTreeMap::new();
        for node in &self.cut_nodes {
            *counts.entry(node.kind).or_insert(0) += 1;
        }
        counts
    }

    /// One line saying what was cut, e.g. "showing 40 of 312 nodes, the top 40 by PageRank
    /// (≥ 0.0031); not shown: 250 works, 22 documents and 1204 of 1530 edges".
    #[must_use]
    pub fn summary(&self) -> String {
        let kinds: Vec<String> = self
            .cut_by_kind()
            .into_iter()
            .map(|(kind, count)| kind.counted(count))
            .collect();
        let threshold = self
            .lowest_kept
            .map(|value| format!(" (≥ {})", number(value, 4)))
            .unwrap_or_default();
        let paradigms = if self.paradigms_kept {
            ", paradigms always kept"
        } else {
            ""
        };
        format!(
            "showing {} of {} nodes, the top by {}{threshold}{paradigms}; not shown: {} and {} of {} edges",
            self.kept_nodes,
            self.total_nodes,
            self.rank_by,
            kinds.join(", "),
            self.total_edges - self.kept_edges,
            self.total_edges,
        )
    }
}

/// The ranking value of every node, by id.
fn values<'a>(diagram: &'a Diagram, rank_by: &RankBy) -> BTreeMap<&'a str, Option<f64>> {
    let mut degree: BTreeMap<&str, f64> = BTreeMap::new();
    if *rank_by == RankBy::Degree {
        for edge in &diagram.edges {
            let weight = clean_value(edge.weight);
            *degree.entry(edge.from.as_str()).or_insert(0.0) += weight;
            *degree.entry(edge.to.as_str()).or_insert(0.0) += weight;
        }
    }
    diagram
        .nodes
        .iter()
        .map(|node| {
            let value = match rank_by {
                RankBy::Size => Some(clean_value(node.size_metric)),
                RankBy::Degree => Some(degree.get(node.id.as_str()).copied().unwrap_or(0.0)),
                RankBy::Metric(name) => node.metrics.get(name).copied().filter(|v| v.is_finite()),
            };
            (node.id.as_str(), value)
        })
        .collect()
}

/// `diagram` with at most `max_nodes` nodes: paradigms first (they are what an argument map is
/// about), then the others by `rank_by`, highest first, ties by id; edges whose ends are both
/// kept. Returns the diagram unchanged and no cut when it is small enough.
#[must_use]
pub fn prune(diagram: &Diagram, max_nodes: usize, rank_by: &RankBy) -> (Diagram, Option<Cut>) {
    if diagram.nodes.len() <= max_nodes {
        return (diagram.clone(), None);
    }
    let values = values(diagram, rank_by);
    let value_of = |id: &str| values.get(id).copied().flatten();
    let mut order: Vec<usize> = (0..diagram.nodes.len()).collect();
    order.sort_by(|&a, &b| {
        let (a, b) = (&diagram.nodes[a], &diagram.nodes[b]);
        let paradigm_first = (b.kind == NodeKind::Paradigm).cmp(&(a.kind == NodeKind::Paradigm));
        let by_value = match (value_of(&a.id), value_of(&b.id)) {
            (Some(x), Some(y)) => y.total_cmp(&x),
            (Some(_), None) => Ordering::Less,
            (None, Some(_)) => Ordering::Greater,
            (None, None) => Ordering::Equal,
        };
        paradigm_first.then(by_value).then_with(|| a.id.cmp(&b.id))
    });
    let kept_indices: BTreeSet<usize> = order.iter().take(max_nodes).copied().collect();
    let kept_ids: BTreeSet<&str> = kept_indices
        .iter()
        .map(|&index| diagram.nodes[index].id.as_str())
        .collect();
    let lowest_kept = order
        .iter()
        .take(max_nodes)
        .filter(|&&index| diagram.nodes[index].kind != NodeKind::Paradigm)
        .filter_map(|&index| value_of(&diagram.nodes[index].id))
        .next_back();
    let cut_nodes = order
        .iter()
        .skip(max_nodes)
        .map(|&index| {
            let node = &diagram.nodes[index];
            CutNode {
                id: node.id.clone(),
                label: node.label.clone(),
                kind: node.kind,
                value: value_of(&node.id),
            }
        })
        .collect();
    let mut pruned = diagram.clone();
    pruned.nodes = kept_indices
        .iter()
        .map(|&index| diagram.nodes[index].clone())
        .collect();
    pruned.edges.retain(|edge| {
        kept_ids.contains(edge.from.as_str()) && kept_ids.contains(edge.to.as_str())
    });
    let cut = Cut {
        rank_by: rank_by.name(diagram),
        total_nodes: diagram.nodes.len(),
        kept_nodes: pruned.nodes.len(),
        total_edges: diagram.edges.len(),
        kept_edges: pruned.edges.len(),
        paradigms_kept: pruned
            .nodes
            .iter()
            .any(|node| node.kind == NodeKind::Paradigm),
        lowest_kept,
        cut_nodes,
    };
    (pruned, Some(cut))
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use super::*;
    use crate::render::diagram::{DiagramEdge, DiagramKind, DiagramNode, EdgeKind};

    fn node(id: &str, kind: NodeKind, size: f64) -> DiagramNode {
        DiagramNode {
            id: id.into(),
            kind,
            label: id.to_uppercase(),
            size_metric: size,
            community: None,
            cluster: None,
            tooltip: String::new(),
            metrics: BTreeMap::from([("betweenness".to_string(), -size)]),
        }
    }

    fn edge(from: &str, to: &str, weight: f64) -> DiagramEdge {
        DiagramEdge {
            from: from.into(),
            to: to.into(),
            kind: EdgeKind::Cites,
            weight,
            evidence: Vec::new(),
        }
    }

    fn sample() -> Diagram {
        Diagram {
            title: "t".into(),
            kind: DiagramKind::Argument,
            directed: true,
            size_metric: "PageRank".into(),
            nodes: vec![
                node("a", NodeKind::Work, 0.1),
                node("b", NodeKind::Work, 0.4),
                node("c", NodeKind::Document, 0.3),
                node("d", NodeKind::Work, 0.3),
                node("p", NodeKind::Paradigm, 0.0),
            ],
            edges: vec![
                edge("c", "b", 1.0),
                edge("c", "a", 5.0),
                edge("b", "p", 1.0),
            ],
        }
    }

    #[test]
    fn keeps_paradigms_then_the_top_by_size_ties_by_id() {
        let (pruned, cut) = prune(&sample(), 3, &RankBy::Size);
        let ids: Vec<&str> = pruned.nodes.iter().map(|n| n.id.as_str()).collect();
        assert_eq!(ids, ["b", "c", "p"]);
        assert_eq!(pruned.edges.len(), 2);
        let cut = cut.expect("a cut");
        let cut_ids: Vec<&str> = cut.cut_nodes.iter().map(|n| n.id.as_str()).collect();
        assert_eq!(cut_ids, ["d", "a"]);
        assert_eq!(cut.cut_by_kind(), BTreeMap::from([(NodeKind::Work, 2)]));
        assert_eq!(
            cut.summary(),
            "showing 3 of 5 nodes, the top by PageRank (≥ 0.3), paradigms always kept; \
             not shown: 2 works and 1 of 3 edges"
        );
    }

    #[test]
    fn ranks_by_degree_or_a_named_metric() {
        let (pruned, _) = prune(&sample(), 3, &RankBy::Degree);
        let ids: Vec<&str> = pruned.nodes.iter().map(|n| n.id.as_str()).collect();
        assert_eq!(ids, ["a", "c", "p"]);
        let (pruned, cut) = prune(&sample(), 2, &RankBy::Metric("betweenness".into()));
        let ids: Vec<&str> = pruned.nodes.iter().map(|n| n.id.as_str()).collect();
        assert_eq!(ids, ["a", "p"]);
        assert_eq!(cut.map(|c| c.rank_by), Some("betweenness".to_string()));
        let (_, cut) = prune(&sample(), 2, &RankBy::Metric("missing".into()));
        assert_eq!(cut.and_then(|c| c.lowest_kept), None);
    }

    #[test]
    fn small_diagrams_are_untouched() {
        let (pruned, cut) = prune(&sample(), 5, &RankBy::Size);
        assert_eq!(pruned, sample());
        assert!(cut.is_none());
    }
}
