//! The diagram input: plain data that any graph can be turned into, one node and one edge per
//! thing to draw, every edge with the evidence behind it.

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};
use thiserror::Error;

/// Node ids starting with this are reserved for the legend drawn inside every diagram.
pub const RESERVED_ID_PREFIX: &str = "citegraph-legend:";

/// What a diagram shows; decides its layout (see `dot`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum DiagramKind {
    /// Documents and works → paradigms (supports / critiques), documents → works.
    Argument,
    /// Documents → works they cite.
    Citation,
    /// Works — works cited in the same bracket.
    Cocitation,
    /// Documents — documents citing the same works.
    Coupling,
    /// Authors — authors who wrote a work together.
    Coauthor,
    /// Authors — authors whose works are cited in the same bracket.
    AuthorCocitation,
}

impl DiagramKind {
    /// The name used in file names and outputs.
    #[must_use]
    pub fn name(self) -> &'static str {
        match self {
            DiagramKind::Argument => "argument",
            DiagramKind::Citation => "citation",
            DiagramKind::Cocitation => "cocitation",
            DiagramKind::Coupling => "coupling",
            DiagramKind::Coauthor => "coauthor",
            DiagramKind::AuthorCocitation => "author-cocitation",
        }
    }
}

// Node and edge kinds are the graph model's: a diagram names the same things.
pub use crate::graph::{EdgeKind, NodeKind};

/// The weight of an edge with its unit: "1 sentence", "3 sentences", "2.5 citations".
#[must_use]
pub fn weight_with_unit(kind: EdgeKind, weight: f64) -> String {
    let unit = kind.weight_unit();
    let weight = clean_value(weight);
    if (weight - 1.0).abs() < f64::EPSILON {
        format!("1 {}", unit.strip_suffix('s').unwrap_or(unit))
    } else {
        format!("{} {unit}", crate::render::quote::number(weight, 2))
    }
}

/// One piece of evidence: where to look and what is printed there.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Evidence {
    /// The document, as its path was given.
    pub file: String,
    /// 1-based line of the original file; `None` for metadata such as a manifest entry.
    pub line: Option<usize>,
    /// The sentence, or the citation as printed.
    pub text: String,
    /// The words that decided a stance, when one did.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cue: Option<String>,
}

impl Evidence {
    /// `file:line`, or the file alone when there is no line.
    #[must_use]
    pub fn location(&self) -> String {
        match self.line {
            Some(line) => format!("{}:{line}", self.file),
            None => self.file.clone(),
        }
    }
}

/// A node to draw.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DiagramNode {
    /// Unique in the diagram; no control characters; not starting with
    /// [`RESERVED_ID_PREFIX`]. The graph model's ids (`work:locke-et-al-2009`) fit.
    pub id: String,
    /// Document, work, author or paradigm.
    pub kind: NodeKind,
    /// What is printed in the node ("Locke et al. 2009").
    pub label: String,
    /// The value that sizes the node (named by [`Diagram::size_metric`]), e.g. PageRank. A
    /// negative or non-finite value counts as 0.
    pub size_metric: f64,
    /// The node's community, when one was computed.
    #[serde(default)]
    pub community: Option<usize>,
    /// The group the node is drawn in (a box with this title), when clusters are drawn from
    /// this field.
    #[serde(default)]
    pub cluster: Option<String>,
    /// More about the node, shown when the pointer rests on it (title, file, authors).
    #[serde(default)]
    pub tooltip: String,
    /// Other metrics by name ("pagerank", "betweenness", …): pruning can rank by one, and the
    /// report lists the top nodes by each.
    #[serde(default)]
    pub metrics: BTreeMap<String, f64>,
}

/// An edge to draw.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DiagramEdge {
    /// Id of the source node.
    pub from: String,
    /// Id of the target node.
    pub to: String,
    /// What it says.
    pub kind: EdgeKind,
    /// How strong it is (sentences, citations, brackets; see [`EdgeKind::weight_unit`]). A
    /// negative or non-finite value counts as 0.
    pub weight: f64,
    /// Why it is there.
    #[serde(default)]
    pub evidence: Vec<Evidence>,
}

/// A diagram: a title, a kind, nodes and edges. Built by hand or converted from the graph
/// model; the order of nodes and edges does not matter (output is sorted by id).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Diagram {
    /// Printed above the drawing.
    pub title: String,
    /// What it shows.
    pub kind: DiagramKind,
    /// Whether edges have a direction.
    pub directed: bool,
    /// The name of the metric in [`DiagramNode::size_metric`], printed in the legend.
    pub size_metric: String,
    /// The nodes.
    pub nodes: Vec<DiagramNode>,
    /// The edges.
    pub edges: Vec<DiagramEdge>,
}

/// A diagram that cannot be drawn.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum DiagramError {
    /// Two nodes have the same id.
    #[error("two nodes have the id {0:?}")]
    DuplicateNode(String),
    /// A node id is empty, holds a control character, or is reserved.
    #[error(
        "node id {0:?} is empty, holds a control character or starts with {RESERVED_ID_PREFIX:?}"
    )]
    InvalidNodeId(String),
    /// An edge names a node that is not in the diagram.
    #[error("an edge {from:?} -> {to:?} names a node that is not in the diagram")]
    UnknownNode {
        /// Its source id.
        from: String,
        /// Its target id.
        to: String,
    },
}

impl Diagram {
    /// Checks that ids are unique, valid, and that every edge joins two nodes of the diagram.
    ///
    /// # Errors
    /// The first problem found, in node then edge order.
    pub fn validate(&self) -> Result<(), DiagramError> {
        let mut ids = BTreeSet::new();
        for node in &self.nodes {
            let id = node.id.as_str();
            if id.is_empty()
                || id.chars().any(char::is_control)
                || id.starts_with(RESERVED_ID_PREFIX)
            {
                return Err(DiagramError::InvalidNodeId(node.id.clone()));
            }
            if !ids.insert(id) {
                return Err(DiagramError::DuplicateNode(node.id.clone()));
            }
        }
        for edge in &self.edges {
            if !ids.contains(edge.from.as_str()) || !ids.contains(edge.to.as_str()) {
                return Err(DiagramError::UnknownNode {
                    from: edge.from.clone(),
                    to: edge.to.clone(),
                });
            }
        }
        Ok(())
    }

    /// The node with this id.
    #[must_use]
    pub fn node(&self, id: &str) -> Option<&DiagramNode> {
        self.nodes.iter().find(|node| node.id == id)
    }
}

/// A value usable for sizes and ranks: negative and non-finite values become 0.
#[must_use]
pub fn clean_value(value: f64) -> f64 {
    if value.is_finite() && value > 0.0 {
        value
    } else {
        0.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn node(id: &str) -> DiagramNode {
        DiagramNode {
            id: id.into(),
            kind: NodeKind::Work,
            label: id.into(),
            size_metric: 0.0,
            community: None,
            cluster: None,
            tooltip: String::new(),
            metrics: BTreeMap::new(),
        }
    }

    fn diagram(nodes: Vec<DiagramNode>, edges: Vec<(&str, &str)>) -> Diagram {
        Diagram {
            title: "t".into(),
            kind: DiagramKind::Citation,
            directed: true,
            size_metric: "PageRank".into(),
            nodes,
            edges: edges
                .into_iter()
                .map(|(from, to)| DiagramEdge {
                    from: from.into(),
                    to: to.into(),
                    kind: EdgeKind::Cites,
                    weight: 1.0,
                    evidence: Vec::new(),
                })
                .collect(),
        }
    }

    #[test]
    fn validation_finds_each_problem() {
        assert_eq!(
            diagram(vec![node("a"), node("b")], vec![("a", "b")]).validate(),
            Ok(())
        );
        assert_eq!(
            diagram(vec![node("a"), node("a")], vec![]).validate(),
            Err(DiagramError::DuplicateNode("a".into()))
        );
        assert_eq!(
            diagram(vec![node("a")], vec![("a", "z")]).validate(),
            Err(DiagramError::UnknownNode {
                from: "a".into(),
                to: "z".into()
            })
        );
        for bad in ["", "a\nb", "a\u{0}", "citegraph-legend:x"] {
            assert_eq!(
                diagram(vec![node(bad)], vec![]).validate(),
                Err(DiagramError::InvalidNodeId(bad.into()))
            );
        }
    }

    #[test]
    fn values_are_cleaned_and_evidence_located() {
        assert!((clean_value(0.25) - 0.25).abs() < f64::EPSILON);
        for bad in [-1.0, f64::NAN, f64::INFINITY] {
            assert!(clean_value(bad).abs() < f64::EPSILON);
        }
        let mut evidence = Evidence {
            file: "a.txt".into(),
            line: Some(3),
            text: String::new(),
            cue: None,
        };
        assert_eq!(evidence.location(), "a.txt:3");
        evidence.line = None;
        assert_eq!(evidence.location(), "a.txt");
        assert_eq!(NodeKind::Work.counted(1), "1 work");
        assert_eq!(NodeKind::Work.counted(3), "3 works");
        assert_eq!(weight_with_unit(EdgeKind::Supports, 1.0), "1 sentence");
        assert_eq!(weight_with_unit(EdgeKind::Coupled, 1.0), "1 shared work");
        assert_eq!(weight_with_unit(EdgeKind::Cites, 2.5), "2.5 citations");
    }
}
