//! The JSON node-link graph, written with serde.

use std::collections::BTreeMap;
use std::io::{self, Write};

use serde::Serialize;

use crate::graph::{CiteGraph, Evidence, GraphMetrics, NodeKind, NodeRow};
use crate::metrics::Method;

use super::positive_zero;

/// The version of the JSON graph format below.
pub const GRAPH_JSON_SCHEMA_VERSION: u32 = 1;

#[derive(Serialize)]
struct Document<'a> {
    version: u32,
    directed: bool,
    multigraph: bool,
    graph: GraphData,
    nodes: Vec<NodeData<'a>>,
    edges: Vec<EdgeData<'a>>,
}

#[derive(Serialize)]
struct GraphData {
    kind: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    metrics: Option<GraphMetricsData>,
}

#[derive(Serialize)]
struct GraphMetricsData {
    betweenness: Method,
    closeness: Method,
    communities: usize,
    modularity: Option<f64>,
    failed: BTreeMap<&'static str, String>,
}

#[derive(Serialize)]
struct NodeData<'a> {
    id: &'a str,
    kind: NodeKind,
    label: &'a str,
    file: Option<&'a str>,
    year: Option<&'a str>,
    authors: &'a [String],
    title: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    metrics: Option<NodeMetricsData>,
}

/// The metric fields of one node; shared with the `metrics` JSON rows.
#[derive(Serialize)]
pub(crate) struct NodeMetricsData {
    in_degree: usize,
    out_degree: usize,
    weighted_in_degree: f64,
    weighted_out_degree: f64,
    pagerank: Option<f64>,
    betweenness: f64,
    closeness: f64,
    eigenvector: Option<f64>,
    hub: Option<f64>,
    authority: Option<f64>,
    katz: Option<f64>,
    community: usize,
}

impl NodeMetricsData {
    pub(crate) fn new(row: &NodeRow) -> Self {
        let optional = |value: Option<f64>| value.map(positive_zero);
        Self {
            in_degree: row.in_degree,
            out_degree: row.out_degree,
            weighted_in_degree: positive_zero(row.weighted_in_degree),
            weighted_out_degree: positive_zero(row.weighted_out_degree),
            pagerank: optional(row.pagerank),
            betweenness: positive_zero(row.betweenness),
            closeness: positive_zero(row.closeness),
            eigenvector: optional(row.eigenvector),
            hub: optional(row.hub),
            authority: optional(row.authority),
            katz: optional(row.katz),
            community: row.community,
        }
    }
}

#[derive(Serialize)]
struct EdgeData<'a> {
    source: &'a str,
    target: &'a str,
    /// networkx reads a multigraph's edges by key; present only in multigraphs.
    #[serde(skip_serializing_if = "Option::is_none")]
    key: Option<&'static str>,
    kind: &'static str,
    weight: f64,
    confidence: Option<f64>,
    evidence: &'a [Evidence],
}

/// Writes `graph` as one JSON document, version 1 of this node-link format (readable by
/// networkx `node_link_graph(data, edges="edges")`):
///
/// ```text
/// {"version": 1, "directed": true, "multigraph": false,
///  "graph": {"kind": "citation",
///            "metrics": {"betweenness": {"method": "exact"} | {"method": "sampled",
///                          "sources": 1000, "seed": 3250196433563},
///                        "closeness": {…same…}, "communities": 3, "modularity": 0.41|null,
///                        "failed": {"eigenvector": "eigenvector did not converge …"}}},
///  "nodes": [{"id": "doc:002_3ac60e7eb1a25b6f.txt",
///             "kind": "document"|"work"|"author"|"paradigm", "label": "Palpacuer 2018",
///             "file": "../shared/corpus/002_3ac60e7eb1a25b6f.txt"|null, "year": "2018"|null,
///             "authors": ["Palpacuer"], "title": "…"|null,
///             "metrics": {"in_degree": 1, "out_degree": 9, "weighted_in_degree": 1.0,
///                         "weighted_out_degree": 11.0, "pagerank": 0.01|null,
///                         "betweenness": 0.0, "closeness": 0.0, "eigenvector": …|null,
///                         "hub": …|null, "authority": …|null, "katz": …|null,
///                         "community": 0}}],
///  "edges": [{"source": "doc:…", "target": "work:locke-2013", "key": "cites" (multigraphs
///             only), "kind": "cites", "weight": 2.0, "confidence": 0.7|null,
///             "evidence": [{"kind": "citation"|"sentence"|"metadata",
///                           "doc": "<path as given>", "line": 12|null, "start": 3456|null,
///                           "end": 3470|null, "text": "Locke, 2013", "cue": …|null,
///                           "confidence": …|null}]}]}
/// ```
///
/// Nodes are in id order, edges in (source, target, kind) order, evidence in (doc, line,
/// start) order. `metrics` is absent when the graph is written without them; a metric that
/// could not be computed is null and named in `failed`. For undirected graphs `source` is the
/// smaller id. Evidence `start`/`end` locate the citation (or sentence, for claims); `text` is
/// the citation as printed, the citations of one bracket joined by "; " (co-citation), or the
/// citing sentence (stance edges). New fields may be added within a version.
///
/// # Errors
/// Any error of the writer.
pub fn write_json(
    out: &mut dyn Write,
    graph: &CiteGraph,
    metrics: Option<&GraphMetrics>,
) -> io::Result<()> {
    let multigraph = graph.is_multigraph();
    let document = Document {
        version: GRAPH_JSON_SCHEMA_VERSION,
        directed: graph.is_directed(),
        multigraph,
        graph: GraphData {
            kind: graph.kind().name(),
            metrics: metrics.map(|metrics| GraphMetricsData {
                betweenness: metrics.betweenness_method,
                closeness: metrics.closeness_method,
                communities: metrics.community_count,
                modularity: metrics.modularity.map(positive_zero),
                failed: metrics
                    .failures
                    .iter()
                    .map(|(name, error)| (*name, error.to_string()))
                    .collect(),
            }),
        },
        nodes: graph
            .nodes()
            .enumerate()
            .map(|(index, node)| NodeData {
                id: &node.id,
                kind: node.kind,
                label: &node.label,
                file: node.file.as_deref(),
                year: node.year.as_deref(),
                authors: &node.authors,
                title: node.title.as_deref(),
                metrics: metrics
                    .and_then(|m| m.rows.get(index))
                    .map(NodeMetricsData::new),
            })
            .collect(),
        edges: graph
            .edges()
            .map(|(source, target, edge)| EdgeData {
                source: &source.id,
                target: &target.id,
                key: multigraph.then(|| edge.kind.name()),
                kind: edge.kind.name(),
                weight: positive_zero(edge.weight),
                confidence: edge.confidence,
                evidence: &edge.evidence,
            })
            .collect(),
    };
    serde_json::to_writer_pretty(&mut *out, &document)?;
    out.write_all(b"\n")
}
