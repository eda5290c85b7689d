//! Every metric of every node of a [`CiteGraph`], computed once with
//! [`crate::metrics::compute_metrics`], as rows the writers print.

use std::cmp::Ordering;

use petgraph::Undirected;

use crate::metrics::{compute_metrics, Method, MetricResult, MetricsConfig, MetricsError};

use super::model::{CiteGraph, NodeKind};

/// The metrics of one node.
#[derive(Debug, Clone, PartialEq)]
pub struct NodeRow {
    /// Node id.
    pub id: String,
    /// Node kind.
    pub kind: NodeKind,
    /// Node label.
    pub label: String,
    /// Edges in (undirected graphs: the degree).
    pub in_degree: usize,
    /// Edges out (undirected graphs: the degree).
    pub out_degree: usize,
    /// Summed weight of edges in.
    pub weighted_in_degree: f64,
    /// Summed weight of edges out.
    pub weighted_out_degree: f64,
    /// PageRank (weighted), `None` when it did not converge.
    pub pagerank: Option<f64>,
    /// Shortest-path betweenness, normalised (hops, not weights).
    pub betweenness: f64,
    /// Closeness (hops; on a directed graph, along edges into the node).
    pub closeness: f64,
    /// Eigenvector centrality, `None` when it did not converge.
    pub eigenvector: Option<f64>,
    /// HITS hub score, `None` when undefined or not converged.
    pub hub: Option<f64>,
    /// HITS authority score, `None` when undefined or not converged.
    pub authority: Option<f64>,
    /// Katz centrality, `None` when it did not converge.
    pub katz: Option<f64>,
    /// Louvain community, numbered from 0 in node order.
    pub community: usize,
}

/// The metrics of a graph: one row per node in node (id) order, how betweenness and closeness
/// were computed, and which metrics failed.
#[derive(Debug, Clone, PartialEq)]
pub struct GraphMetrics {
    /// One row per node, in node order.
    pub rows: Vec<NodeRow>,
    /// Exact, or sampled with how many sources.
    pub betweenness_method: Method,
    /// Exact, or sampled with how many sources.
    pub closeness_method: Method,
    /// Number of Louvain communities.
    pub community_count: usize,
    /// Modularity of the communities, `None` without edge weight.
    pub modularity: Option<f64>,
    /// Metrics that have no value on this graph, with why (their columns are empty).
    pub failures: Vec<(&'static str, MetricsError)>,
}

impl GraphMetrics {
    /// The rows by PageRank, highest first, then by id.
    #[must_use]
    pub fn ranked(&self) -> Vec<&NodeRow> {
        let mut rows: Vec<&NodeRow> = self.rows.iter().collect();
        rows.sort_by(|a, b| {
            let by_rank = match (a.pagerank, b.pagerank) {
                (Some(x), Some(y)) => y.total_cmp(&x),
                _ => Ordering::Equal,
            };
            by_rank.then_with(|| a.id.cmp(&b.id))
        });
        rows
    }

    /// The row of the node with this id.
    #[must_use]
    pub fn row(&self, id: &str) -> Option<&NodeRow> {
        self.rows
            .binary_search_by(|row| row.id.as_str().cmp(id))
            .ok()
            .map(|position| &self.rows[position])
    }
}

/// Computes every metric of `graph` once, with edge weights as weights (undirected kinds as
/// undirected graphs).
///
/// # Errors
/// [`MetricsError::InvalidConfig`] for a bad setting (weights are counts, always valid).
pub fn graph_metrics(graph: &CiteGraph, config: &MetricsConfig) -> MetricResult<GraphMetrics> {
    let metrics = if graph.is_directed() {
        compute_metrics(graph.graph(), |edge| edge.weight, config)?
    } else {
        let undirected = graph.graph().clone().into_edge_type::<Undirected>();
        compute_metrics(&undirected, |edge| edge.weight, config)?
    };
    let mut failures = Vec::new();
    let pagerank = kept("pagerank", metrics.pagerank, &mut failures);
    let (hub, authority) = match metrics.hits {
        Ok(hits) => (Some(hits.hub), Some(hits.authority)),
        Err(error) => {
            failures.push(("hits", error));
            (None, None)
        }
    };
    let eigenvector = kept("eigenvector", metrics.eigenvector, &mut failures);
    let katz = kept("katz", metrics.katz, &mut failures);
    let at = |values: &Option<Vec<f64>>, index: usize| {
        values.as_ref().and_then(|v| v.get(index)).copied()
    };
    let rows = graph
        .nodes()
        .enumerate()
        .map(|(index, node)| NodeRow {
            id: node.id.clone(),
            kind: node.kind,
            label: node.label.clone(),
            in_degree: metrics.in_degree[index],
            out_degree: metrics.out_degree[index],
            weighted_in_degree: metrics.weighted_in_degree[index],
            weighted_out_degree: metrics.weighted_out_degree[index],
            pagerank: at(&pagerank, index),
            betweenness: metrics.betweenness.values[index],
            closeness: metrics.closeness.values[index],
            eigenvector: at(&eigenvector, index),
            hub: at(&hub, index),
            authority: at(&authority, index),
            katz: at(&katz, index),
            community: metrics.communities.membership[index],
        })
        .collect();
    Ok(GraphMetrics {
        rows,
        betweenness_method: metrics.betweenness.method,
        closeness_method: metrics.closeness.method,
        community_count: metrics.communities.count,
        modularity: metrics.communities.modularity,
        failures,
    })
}

/// The values of a metric, or `None` with its error recorded.
fn kept(
    name: &'static str,
    result: MetricResult<Vec<f64>>,
    failures: &mut Vec<(&'static str, MetricsError)>,
) -> Option<Vec<f64>> {
    match result {
        Ok(values) => Some(values),
        Err(error) => {
            failures.push((name, error));
            None
        }
    }
}
