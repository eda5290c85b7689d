//! Closeness centrality through rustworkx-core, as networkx defines it.

use serde::{Deserialize, Serialize};

use super::graph::MetricGraph;

/// Closeness settings; `Default` is networkx's `closeness_centrality(G)`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct ClosenessConfig {
    /// Scale by the fraction of other nodes that can reach the node (Wasserman and Faust;
    /// networkx `wf_improved=True`), so nodes in small components do not score high.
    pub wf_improved: bool,
}

impl Default for ClosenessConfig {
    fn default() -> Self {
        Self { wf_improved: true }
    }
}

/// Unweighted closeness of every node, indexed by node index: `(r - 1) / Σ d(u, v)` over the
/// `r - 1` other nodes `u` that can reach `v`, times `(r - 1)/(n - 1)` with `wf_improved`; 0
/// for a node nothing reaches. On a directed graph distances run along arcs into the node
/// (networkx reverses the graph), so a much-cited work is close. Computed by rustworkx-core's
/// `closeness_centrality`, one BFS per node on all cores; each node's value comes from its own
/// BFS, so the output does not depend on thread scheduling.
#[must_use]
pub fn closeness(graph: &MetricGraph, config: &ClosenessConfig) -> Vec<f64> {
    let digraph = graph.to_digraph();
    rustworkx_core::centrality::closeness_centrality(&digraph, config.wf_improved, 50)
        .into_iter()
        .map(|value| value.unwrap_or(0.0))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::{closeness, ClosenessConfig};
    use crate::metrics::graph::MetricGraph;
    use petgraph::graph::{DiGraph, UnGraph};

    #[test]
    fn hand_worked_cases() {
        // Undirected path 0–1–2: ends have distances 1 + 2, the middle 1 + 1.
        let path = UnGraph::<(), ()>::from_edges([(0, 1), (1, 2)]);
        let path = MetricGraph::from_graph(&path, |()| 1.0).expect("unit weights");
        assert_eq!(
            closeness(&path, &ClosenessConfig::default()),
            vec![2.0 / 3.0, 1.0, 2.0 / 3.0]
        );

        // Directed 0→1, 0→2, 3 isolated: node 1 is reached by 0 only (r - 1 = 1, Σd = 1),
        // scaled by 1/3 with wf_improved; node 0 is reached by nobody.
        let mut fan = DiGraph::<(), ()>::from_edges([(0, 1), (0, 2)]);
        fan.add_node(());
        let fan = MetricGraph::from_graph(&fan, |()| 1.0).expect("unit weights");
        assert_eq!(
            closeness(&fan, &ClosenessConfig::default()),
            vec![0.0, 1.0 / 3.0, 1.0 / 3.0, 0.0]
        );
        assert_eq!(
            closeness(&fan, &ClosenessConfig { wf_improved: false }),
            vec![0.0, 1.0, 1.0, 0.0]
        );
    }
}
