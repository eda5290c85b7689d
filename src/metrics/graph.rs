//! The compact adjacency (CSR) view of a petgraph graph that every metric runs on.

use petgraph::graph::{Graph, IndexType};
use petgraph::visit::EdgeRef;
use petgraph::EdgeType;

use super::error::MetricsError;

/// A graph prepared for metrics: nodes `0..n` in the input graph's node-index order, arcs in
/// compressed sparse rows with parallel edges merged (their weights summed).
///
/// An undirected input edge `{u, v}` becomes the two arcs `u → v` and `v → u`; an undirected
/// self-loop becomes one arc `u → u`. This is how networkx's adjacency matrix sees an undirected
/// graph, so PageRank, HITS, eigenvector and Katz on the arcs equal networkx on the graph.
/// Degrees are counted on the input edges before merging, as networkx counts a multigraph's.
#[derive(Debug, Clone)]
pub struct MetricGraph {
    directed: bool,
    edge_count: usize,
    out_offsets: Vec<usize>,
    out_targets: Vec<u32>,
    out_weights: Vec<f64>,
    in_offsets: Vec<usize>,
    in_sources: Vec<u32>,
    in_weights: Vec<f64>,
    in_degree: Vec<usize>,
    out_degree: Vec<usize>,
    weighted_in_degree: Vec<f64>,
    weighted_out_degree: Vec<f64>,
}

impl MetricGraph {
    /// Prepare `graph`, taking each edge's weight from `weight`.
    ///
    /// # Errors
    /// [`MetricsError::InvalidWeight`] if `weight` returns a negative, infinite or NaN value;
    /// [`MetricsError::InvalidConfig`] if the graph has more than `u32::MAX` nodes.
    pub fn from_graph<N, E, Ty, Ix>(
        graph: &Graph<N, E, Ty, Ix>,
        mut weight: impl FnMut(&E) -> f64,
    ) -> Result<Self, MetricsError>
    where
        Ty: EdgeType,
        Ix: IndexType,
    {
        let node_count = graph.node_count();
        if u32::try_from(node_count).is_err() {
            return Err(MetricsError::InvalidConfig {
                field: "graph",
                reason: "more than 4294967295 nodes",
            });
        }
        let directed = graph.is_directed();
        let mut in_degree = vec![0_usize; node_count];
        let mut out_degree = vec![0_usize; node_count];
        let mut weighted_in_degree = vec![0.0; node_count];
        let mut weighted_out_degree = vec![0.0; node_count];
        let mut arcs: Vec<(u32, u32, f64)> =
            Vec::with_capacity(graph.edge_count() * if directed { 1 } else { 2 });
        for edge in graph.edge_references() {
            let edge_weight = weight(edge.weight());
            if !edge_weight.is_finite() || edge_weight < 0.0 {
                return Err(MetricsError::InvalidWeight {
                    edge: edge.id().index(),
                    weight: edge_weight,
                });
            }
            let source = edge.source().index();
            let target = edge.target().index();
            if directed {
                out_degree[source] += 1;
                in_degree[target] += 1;
                weighted_out_degree[source] += edge_weight;
                weighted_in_degree[target] += edge_weight;
            } else {
                // networkx: an undirected self-loop adds 2 to its node's degree.
                out_degree[source] += 1;
                out_degree[target] += 1;
                weighted_out_degree[source] += edge_weight;
                weighted_out_degree[target] += edge_weight;
            }
            let (source, target) = (index_u32(source), index_u32(target));
            arcs.push((source, target, edge_weight));
            if !directed && source != target {
                arcs.push((target, source, edge_weight));
            }
        }
        if !directed {
            in_degree.clone_from(&out_degree);
            weighted_in_degree.clone_from(&weighted_out_degree);
        }
        let (out_offsets, out_targets, out_weights) = merge_rows(node_count, arcs.iter().copied());
        let (in_offsets, in_sources, in_weights) = merge_rows(
            node_count,
            arcs.iter().map(|&(source, target, w)| (target, source, w)),
        );
        Ok(Self {
            directed,
            edge_count: graph.edge_count(),
            out_offsets,
            out_targets,
            out_weights,
            in_offsets,
            in_sources,
            in_weights,
            in_degree,
            out_degree,
            weighted_in_degree,
            weighted_out_degree,
        })
    }

    /// Number of nodes.
    #[must_use]
    pub fn node_count(&self) -> usize {
        self.in_degree.len()
    }

    /// Number of edges in the input graph (parallel edges counted separately).
    #[must_use]
    pub fn edge_count(&self) -> usize {
        self.edge_count
    }

    /// Number of arcs after merging parallel edges (an undirected edge is two arcs).
    #[must_use]
    pub fn arc_count(&self) -> usize {
        self.out_targets.len()
    }

    /// Whether the input graph was directed.
    #[must_use]
    pub fn is_directed(&self) -> bool {
        self.directed
    }

    /// Edges ending at each node (for an undirected graph, its degree; a self-loop counts 2).
    #[must_use]
    pub fn in_degree(&self) -> &[usize] {
        &self.in_degree
    }

    /// Edges leaving each node (for an undirected graph, its degree; a self-loop counts 2).
    #[must_use]
    pub fn out_degree(&self) -> &[usize] {
        &self.out_degree
    }

    /// Summed weight of the edges ending at each node.
    #[must_use]
    pub fn weighted_in_degree(&self) -> &[f64] {
        &self.weighted_in_degree
    }

    /// Summed weight of the edges leaving each node.
    #[must_use]
    pub fn weighted_out_degree(&self) -> &[f64] {
        &self.weighted_out_degree
    }

    /// Successors of `node` with merged arc weights, by increasing node index.
    pub(crate) fn out_arcs(&self, node: usize) -> (&[u32], &[f64]) {
        let range = self.out_offsets[node]..self.out_offsets[node + 1];
        (&self.out_targets[range.clone()], &self.out_weights[range])
    }

    /// Predecessors of `node` with merged arc weights, by increasing node index.
    pub(crate) fn in_arcs(&self, node: usize) -> (&[u32], &[f64]) {
        let range = self.in_offsets[node]..self.in_offsets[node + 1];
        (&self.in_sources[range.clone()], &self.in_weights[range])
    }

    /// The merged arcs as a petgraph `DiGraph`, the input rustworkx-core's centralities take.
    pub(crate) fn to_digraph(&self) -> Graph<(), f64> {
        let mut digraph = Graph::with_capacity(self.node_count(), self.arc_count());
        for _ in 0..self.node_count() {
            digraph.add_node(());
        }
        for source in 0..self.node_count() {
            let (targets, weights) = self.out_arcs(source);
            for (&target, &w) in targets.iter().zip(weights) {
                digraph.add_edge(
                    petgraph::graph::NodeIndex::new(source),
                    petgraph::graph::NodeIndex::new(target as usize),
                    w,
                );
            }
        }
        digraph
    }
}

/// `usize` node index to the compact `u32` form; `from_graph` checked the node count first.
fn index_u32(index: usize) -> u32 {
    u32::try_from(index).unwrap_or(u32::MAX)
}

/// Group `(row, column, weight)` triples into compressed rows sorted by column, summing the
/// weights of repeated `(row, column)` pairs.
fn merge_rows(
    row_count: usize,
    triples: impl Iterator<Item = (u32, u32, f64)> + Clone,
) -> (Vec<usize>, Vec<u32>, Vec<f64>) {
    let mut counts = vec![0_usize; row_count + 1];
    for (row, _, _) in triples.clone() {
        counts[row as usize + 1] += 1;
    }
    for row in 0..row_count {
        counts[row + 1] += counts[row];
    }
    let total = counts[row_count];
    let mut cursor = counts.clone();
    let mut columns = vec![0_u32; total];
    let mut weights = vec![0.0; total];
    for (row, column, weight) in triples {
        let slot = cursor[row as usize];
        columns[slot] = column;
        weights[slot] = weight;
        cursor[row as usize] += 1;
    }
    // Sort each row by column (stable, so parallel edges are summed in input order), then merge.
    let mut offsets = Vec::with_capacity(row_count + 1);
    offsets.push(0);
    let mut merged_columns = Vec::with_capacity(total);
    let mut merged_weights = Vec::with_capacity(total);
    let mut row_entries: Vec<(u32, f64)> = Vec::new();
    for row in 0..row_count {
        row_entries.clear();
        row_entries.extend(
            columns[counts[row]..counts[row + 1]]
                .iter()
                .copied()
                .zip(weights[counts[row]..counts[row + 1]].iter().copied()),
        );
        row_entries.sort_by_key(|&(column, _)| column);
        for &(column, weight) in &row_entries {
            if merged_columns.len() > offsets[row] && merged_columns.last() == Some(&column) {
                if let Some(last) = merged_weights.last_mut() {
                    *last += weight;
                }
            } else {
                merged_columns.push(column);
                merged_weights.push(weight);
            }
        }
        offsets.push(merged_columns.len());
    }
    (offsets, merged_columns, merged_weights)
}

#[cfg(test)]
mod tests {
    use super::MetricGraph;
    use petgraph::graph::{DiGraph, UnGraph};

    #[test]
    fn parallel_directed_edges_merge_into_one_arc_with_summed_weight() {
        let graph = DiGraph::<(), f64>::from_edges([(0, 1, 2.0), (0, 1, 3.0), (1, 0, 1.0)]);
        let metric_graph = MetricGraph::from_graph(&graph, |w| *w).expect("valid weights");
        assert_eq!(metric_graph.edge_count(), 3);
        assert_eq!(metric_graph.arc_count(), 2);
        assert_eq!(metric_graph.out_arcs(0), (&[1_u32][..], &[5.0][..]));
        assert_eq!(metric_graph.in_arcs(0), (&[1_u32][..], &[1.0][..]));
        assert_eq!(metric_graph.out_degree(), &[2, 1]);
        assert_eq!(metric_graph.in_degree(), &[1, 2]);
        assert_eq!(metric_graph.weighted_out_degree(), &[5.0, 1.0]);
    }

    #[test]
    fn undirected_edges_become_two_arcs_and_self_loops_one() {
        let graph = UnGraph::<(), f64>::from_edges([(0, 1, 1.5), (1, 1, 2.0), (1, 2, 1.0)]);
        let metric_graph = MetricGraph::from_graph(&graph, |w| *w).expect("valid weights");
        assert_eq!(metric_graph.arc_count(), 5);
        assert_eq!(
            metric_graph.out_arcs(1),
            (&[0_u32, 1, 2][..], &[1.5, 2.0, 1.0][..])
        );
        // networkx: a self-loop adds 2 to degree and twice its weight to weighted degree.
        assert_eq!(metric_graph.out_degree(), &[1, 4, 1]);
        assert_eq!(metric_graph.in_degree(), &[1, 4, 1]);
        assert_eq!(metric_graph.weighted_in_degree(), &[1.5, 6.5, 1.0]);
    }

    #[test]
    fn rejects_negative_and_nan_weights_naming_the_edge() {
        let graph = DiGraph::<(), f64>::from_edges([(0, 1, 1.0), (1, 2, -1.0)]);
        let error = MetricGraph::from_graph(&graph, |w| *w).expect_err("negative weight");
        assert_eq!(
            error,
            super::MetricsError::InvalidWeight {
                edge: 1,
                weight: -1.0
            }
        );
        let graph = DiGraph::<(), f64>::from_edges([(0, 1, f64::NAN)]);
        assert!(MetricGraph::from_graph(&graph, |w| *w).is_err());
    }
}
