//! The graph model: typed nodes, typed edges that carry their evidence, and [`CiteGraph`], one
//! petgraph graph of one [`GraphKind`] with nodes in id order.

use std::cmp::Ordering;
use std::collections::BTreeMap;
use std::fmt;

use petgraph::graph::{Graph, NodeIndex};
use petgraph::visit::EdgeRef;
use serde::{Deserialize, Serialize};

/// The graphs citegraph builds from a corpus.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum GraphKind {
    /// Document → work "cites", weight = occurrences. Directed.
    Citation,
    /// Holder (document or work) → paradigm "supports"/"critiques", weight = evidence
    /// sentences; document → work "supports"/"critiques"/"mentions". Directed.
    Argument,
    /// Work — work, weight = brackets citing both. Undirected.
    Cocitation,
    /// Document — document, weight = works both cite (bibliographic coupling). Undirected.
    Coupling,
    /// Author — author, weight = works they wrote together. Undirected.
    Coauthor,
    /// Author — author, weight = brackets citing a work first-authored by each. Undirected.
    AuthorCocitation,
}

impl GraphKind {
    /// Every kind, in a fixed order.
    pub const ALL: [GraphKind; 6] = [
        GraphKind::Citation,
        GraphKind::Argument,
        GraphKind::Cocitation,
        GraphKind::Coupling,
        GraphKind::Coauthor,
        GraphKind::AuthorCocitation,
    ];

    /// The name used on the command line and in outputs.
    #[must_use]
    pub fn name(self) -> &'static str {
        match self {
            GraphKind::Citation => "citation",
            GraphKind::Argument => "argument",
            GraphKind::Cocitation => "cocitation",
            GraphKind::Coupling => "coupling",
            GraphKind::Coauthor => "coauthor",
            GraphKind::AuthorCocitation => "author-cocitation",
        }
    }

    /// Whether its edges have a direction.
    #[must_use]
    pub fn is_directed(self) -> bool {
        matches!(self, GraphKind::Citation | GraphKind::Argument)
    }
}

impl fmt::Display for GraphKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// What a node stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum NodeKind {
    /// An analysed document (also a work, when others cite it).
    Document,
    /// A cited work outside the analysed documents.
    Work,
    /// An author, by surname.
    Author,
    /// A paradigm of the debate.
    Paradigm,
}

impl NodeKind {
    /// The name used in outputs.
    #[must_use]
    pub fn name(self) -> &'static str {
        match self {
            NodeKind::Document => "document",
            NodeKind::Work => "work",
            NodeKind::Author => "author",
            NodeKind::Paradigm => "paradigm",
        }
    }

    /// The name for a count of such nodes ("1 document", "3 works").
    #[must_use]
    pub fn counted(self, count: usize) -> String {
        let plural = if count == 1 { "" } else { "s" };
        format!("{count} {}{plural}", self.name())
    }
}

/// A node: its id (see [`super::ids`]), kind, label and what is known about it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Node {
    /// Stable id, unique in the graph.
    pub id: String,
    /// Document, work, author or paradigm.
    pub kind: NodeKind,
    /// A label for people.
    pub label: String,
    /// Documents: the path as given.
    pub file: Option<String>,
    /// Documents and works: the year.
    pub year: Option<String>,
    /// Documents and works: the authors known (for works, the names printed in citations).
    pub authors: Vec<String>,
    /// Documents: the title, when the manifest gives it.
    pub title: Option<String>,
}

impl Node {
    /// A node with only an id, kind and label.
    #[must_use]
    pub fn new(id: String, kind: NodeKind, label: String) -> Self {
        Self {
            id,
            kind,
            label,
            file: None,
            year: None,
            authors: Vec::new(),
            title: None,
        }
    }
}

/// What an edge says.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EdgeKind {
    /// A document cites a work.
    Cites,
    /// A holder supports a paradigm, or a document supports a work.
    Supports,
    /// A holder critiques a paradigm, or a document critiques a work.
    Critiques,
    /// A document only mentions a work.
    Mentions,
    /// Two works are cited in the same bracket.
    CoCited,
    /// Two documents cite the same work.
    Coupled,
    /// Two authors wrote a work together.
    CoAuthored,
    /// Works first-authored by two authors are cited in the same bracket.
    AuthorCoCited,
}

impl EdgeKind {
    /// Every kind, in legend order.
    pub const ALL: [EdgeKind; 8] = [
        EdgeKind::Supports,
        EdgeKind::Critiques,
        EdgeKind::Mentions,
        EdgeKind::Cites,
        EdgeKind::CoCited,
        EdgeKind::Coupled,
        EdgeKind::CoAuthored,
        EdgeKind::AuthorCoCited,
    ];

    /// The verb printed in legends and tooltips.
    #[must_use]
    pub fn verb(self) -> &'static str {
        match self {
            EdgeKind::Cites => "cites",
            EdgeKind::Supports => "supports",
            EdgeKind::Critiques => "critiques",
            EdgeKind::Mentions => "mentions",
            EdgeKind::CoCited => "co-cited with",
            EdgeKind::Coupled => "shares references with",
            EdgeKind::CoAuthored => "co-authored with",
            EdgeKind::AuthorCoCited => "co-cited with",
        }
    }

    /// What the weight of such an edge counts (plural), for legends and tooltips.
    #[must_use]
    pub fn weight_unit(self) -> &'static str {
        match self {
            EdgeKind::Cites | EdgeKind::Mentions => "citations",
            EdgeKind::Supports | EdgeKind::Critiques => "sentences",
            EdgeKind::CoCited | EdgeKind::AuthorCoCited => "brackets",
            EdgeKind::Coupled => "shared works",
            EdgeKind::CoAuthored => "works",
        }
    }

    /// The name used in outputs.
    #[must_use]
    pub fn name(self) -> &'static str {
        match self {
            EdgeKind::Cites => "cites",
            EdgeKind::Supports => "supports",
            EdgeKind::Critiques => "critiques",
            EdgeKind::Mentions => "mentions",
            EdgeKind::CoCited => "co_cited",
            EdgeKind::Coupled => "coupled",
            EdgeKind::CoAuthored => "co_authored",
            EdgeKind::AuthorCoCited => "author_co_cited",
        }
    }
}

/// Where a piece of evidence comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum EvidenceKind {
    /// A citation as printed (`text` is the citation, or the citations of one bracket).
    Citation,
    /// A sentence (`text` is the sentence).
    Sentence,
    /// A document's own record, e.g. its authors in the manifest (no line).
    Metadata,
}

/// One piece of evidence for an edge: the file, line and bytes to check, and what is printed
/// there.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Evidence {
    /// Citation, sentence or document metadata.
    pub kind: EvidenceKind,
    /// The document, as its path was given.
    pub doc: String,
    /// 1-based line where it starts; `None` for metadata.
    pub line: Option<usize>,
    /// Byte offset where it starts in the document's text.
    pub start: Option<usize>,
    /// Byte offset one past its end.
    pub end: Option<usize>,
    /// The citation(s) as printed, the sentence, or a description of the metadata.
    pub text: String,
    /// The words that decided a stance.
    pub cue: Option<String>,
    /// The confidence of a stance, 0..1.
    pub confidence: Option<f64>,
}

impl Evidence {
    /// The evidence order: document, line, start, end, kind, text, cue, confidence.
    #[must_use]
    pub fn order(&self, other: &Self) -> Ordering {
        (
            &self.doc, self.line, self.start, self.end, self.kind, &self.text, &self.cue,
        )
            .cmp(&(
                &other.doc,
                other.line,
                other.start,
                other.end,
                other.kind,
                &other.text,
                &other.cue,
            ))
            .then_with(|| {
                self.confidence
                    .unwrap_or(f64::NEG_INFINITY)
                    .total_cmp(&other.confidence.unwrap_or(f64::NEG_INFINITY))
            })
    }
}

/// An edge: its kind, weight, mean confidence (argument edges) and evidence, sorted.
#[derive(Debug, Clone, PartialEq)]
pub struct Edge {
    /// What it says.
    pub kind: EdgeKind,
    /// How strong it is: occurrences, sentences, brackets, shared works (see [`GraphKind`]).
    pub weight: f64,
    /// Argument edges: the mean confidence of their evidence.
    pub confidence: Option<f64>,
    /// The evidence, in [`Evidence::order`].
    pub evidence: Vec<Evidence>,
}

/// One graph of one kind. Nodes are in id order (node index `i` is the `i`-th id), edges in
/// (source id, target id, kind) order. For an undirected kind every edge is stored once, from
/// the smaller id to the larger; [`CiteGraph::graph`] is a directed petgraph graph in both
/// cases, and [`super::graph_metrics`] views it as undirected where the kind is.
#[derive(Debug, Clone)]
pub struct CiteGraph {
    kind: GraphKind,
    graph: Graph<Node, Edge>,
}

/// The key of an edge while a graph is built: source id, target id, kind.
pub(crate) type EdgeKey = (String, String, EdgeKind);

impl CiteGraph {
    /// A graph of `kind` from nodes keyed by id and edges keyed by (source id, target id,
    /// kind). Edges whose ends are not among the nodes are dropped (builders never make any);
    /// each edge's evidence is sorted.
    pub(crate) fn from_parts(
        kind: GraphKind,
        nodes: BTreeMap<String, Node>,
        edges: BTreeMap<EdgeKey, Edge>,
    ) -> Self {
        let mut graph = Graph::with_capacity(nodes.len(), edges.len());
        let mut index = BTreeMap::new();
        for (id, node) in nodes {
            let node_index = graph.add_node(node);
            index.insert(id, node_index);
        }
        for ((source, target, _), mut edge) in edges {
            let (Some(&source), Some(&target)) = (index.get(&source), index.get(&target)) else {
                continue;
            };
            edge.evidence.sort_by(Evidence::order);
            graph.add_edge(source, target, edge);
        }
        Self { kind, graph }
    }

    /// Its kind.
    #[must_use]
    pub fn kind(&self) -> GraphKind {
        self.kind
    }

    /// Whether its edges have a direction.
    #[must_use]
    pub fn is_directed(&self) -> bool {
        self.kind.is_directed()
    }

    /// The petgraph graph (always of petgraph's directed type; see [`CiteGraph`]).
    #[must_use]
    pub fn graph(&self) -> &Graph<Node, Edge> {
        &self.graph
    }

    /// Number of nodes.
    #[must_use]
    pub fn node_count(&self) -> usize {
        self.graph.node_count()
    }

    /// Number of edges.
    #[must_use]
    pub fn edge_count(&self) -> usize {
        self.graph.edge_count()
    }

    /// The nodes, in id order.
    pub fn nodes(&self) -> impl Iterator<Item = &Node> {
        self.graph.node_weights()
    }

    /// The index of the node with this id.
    #[must_use]
    pub fn node_index(&self, id: &str) -> Option<NodeIndex> {
        let position = self
            .graph
            .raw_nodes()
            .binary_search_by(|node| node.weight.id.as_str().cmp(id))
            .ok()?;
        Some(NodeIndex::new(position))
    }

    /// The node with this id.
    #[must_use]
    pub fn node(&self, id: &str) -> Option<&Node> {
        self.node_index(id).map(|index| &self.graph[index])
    }

    /// The edges with their end nodes, in (source id, target id, kind) order.
    pub fn edges(&self) -> impl Iterator<Item = (&Node, &Node, &Edge)> {
        self.graph.edge_references().map(|edge| {
            (
                &self.graph[edge.source()],
                &self.graph[edge.target()],
                edge.weight(),
            )
        })
    }

    /// The edge of `kind` between two nodes (either order for an undirected kind).
    #[must_use]
    pub fn edge(&self, source: &str, target: &str, kind: EdgeKind) -> Option<&Edge> {
        let (source, target) = if self.is_directed() || source <= target {
            (source, target)
        } else {
            (target, source)
        };
        let from = self.node_index(source)?;
        let to = self.node_index(target)?;
        self.graph
            .edges_connecting(from, to)
            .map(|edge| edge.weight())
            .find(|edge| edge.kind == kind)
    }

    /// Whether two edges join the same pair of nodes (the argument graph, where a holder may
    /// both support and critique a paradigm).
    #[must_use]
    pub fn is_multigraph(&self) -> bool {
        let mut pairs: Vec<(usize, usize)> = self
            .graph
            .edge_references()
            .map(|edge| (edge.source().index(), edge.target().index()))
            .collect();
        let total = pairs.len();
        pairs.sort_unstable();
        pairs.dedup();
        pairs.len() != total
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use super::{CiteGraph, Edge, EdgeKind, GraphKind, Node, NodeKind};

    fn node(id: &str) -> (String, Node) {
        (
            id.to_string(),
            Node::new(id.into(), NodeKind::Work, id.into()),
        )
    }

    fn edge(kind: EdgeKind) -> Edge {
        Edge {
            kind,
            weight: 1.0,
            confidence: None,
            evidence: Vec::new(),
        }
    }

    #[test]
    fn nodes_in_id_order_and_edges_found_either_way_when_undirected() {
        let nodes: BTreeMap<String, Node> = [node("work:b"), node("work:a"), node("work:c")]
            .into_iter()
            .collect();
        let edges = [(
            (
                "work:a".to_string(),
                "work:c".to_string(),
                EdgeKind::CoCited,
            ),
            edge(EdgeKind::CoCited),
        )]
        .into_iter()
        .collect();
        let graph = CiteGraph::from_parts(GraphKind::Cocitation, nodes, edges);
        let ids: Vec<&str> = graph.nodes().map(|n| n.id.as_str()).collect();
        assert_eq!(ids, vec!["work:a", "work:b", "work:c"]);
        assert_eq!(graph.node_index("work:c").map(|i| i.index()), Some(2));
        assert!(graph.node_index("work:z").is_none());
        assert!(graph.edge("work:c", "work:a", EdgeKind::CoCited).is_some());
        assert!(graph.edge("work:a", "work:c", EdgeKind::Cites).is_none());
        assert!(!graph.is_multigraph());
    }

    #[test]
    fn directed_edges_have_one_direction_and_parallel_kinds_make_a_multigraph() {
        let nodes: BTreeMap<String, Node> = [node("a"), node("b")].into_iter().collect();
        let edges = [
            (
                ("a".to_string(), "b".to_string(), EdgeKind::Supports),
                edge(EdgeKind::Supports),
            ),
            (
                ("a".to_string(), "b".to_string(), EdgeKind::Critiques),
                edge(EdgeKind::Critiques),
            ),
        ]
        .into_iter()
        .collect();
        let graph = CiteGraph::from_parts(GraphKind::Argument, nodes, edges);
        assert!(graph.edge("a", "b", EdgeKind::Critiques).is_some());
        assert!(graph.edge("b", "a", EdgeKind::Critiques).is_none());
        assert!(graph.is_multigraph());
    }
}
