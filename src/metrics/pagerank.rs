//! PageRank by power iteration over the arc lists, as networkx's `pagerank` computes it.

use serde::{Deserialize, Serialize};

use super::error::{MetricResult, MetricsError};
use super::graph::MetricGraph;
use super::Weighting;

/// PageRank settings; `Default` is networkx's `pagerank(G)`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct PageRankConfig {
    /// Damping factor: probability of following an arc rather than jumping (networkx 0.85).
    pub alpha: f64,
    /// Iteration budget (networkx 100).
    pub max_iter: usize,
    /// Converged when the summed absolute change over all nodes is below `node_count * tol`
    /// (networkx 1e-6).
    pub tol: f64,
    /// Follow arcs in proportion to their weight (networkx `weight='weight'`) or uniformly.
    pub weighting: Weighting,
}

impl Default for PageRankConfig {
    fn default() -> Self {
        Self {
            alpha: 0.85,
            max_iter: 100,
            tol: 1e-6,
            weighting: Weighting::EdgeWeight,
        }
    }
}

impl PageRankConfig {
    pub(crate) fn validate(&self) -> MetricResult<()> {
        if !(0.0..=1.0).contains(&self.alpha) {
            return Err(MetricsError::InvalidConfig {
                field: "pagerank.alpha",
                reason: "must lie in [0, 1]",
            });
        }
        if !(self.tol.is_finite() && self.tol > 0.0) {
            return Err(MetricsError::InvalidConfig {
                field: "pagerank.tol",
                reason: "must be finite and positive",
            });
        }
        Ok(())
    }
}

/// PageRank of every node, indexed by node index; the values sum to 1.
///
/// networkx's algorithm (`_pagerank_scipy`): each node's arc weights are divided by its total
/// out-weight; a node whose out-weight is zero (a dangling node) spreads its rank uniformly over
/// all nodes; every node also receives `(1 - alpha) / n`. Iteration starts from the uniform
/// vector and stops when the L1 change is below `n * tol`. Parallel edges count with their
/// summed weight; an undirected edge is followed both ways. O(arcs) per iteration.
///
/// # Errors
/// [`MetricsError::InvalidConfig`] for an out-of-range setting,
/// [`MetricsError::NotConverged`] when `max_iter` iterations are not enough.
pub fn pagerank(graph: &MetricGraph, config: &PageRankConfig) -> MetricResult<Vec<f64>> {
    config.validate()?;
    let node_count = graph.node_count();
    if node_count == 0 {
        return Ok(Vec::new());
    }
    let arc_weight = |w: f64| match config.weighting {
        Weighting::EdgeWeight => w,
        Weighting::Unweighted => 1.0,
    };
    // Reciprocal of each node's out-weight (zero for dangling nodes), as networkx's `Q`.
    let mut reciprocal_out_weight = vec![0.0; node_count];
    let mut dangling = Vec::new();
    for (node, reciprocal) in reciprocal_out_weight.iter_mut().enumerate() {
        let out_weight: f64 = graph.out_arcs(node).1.iter().map(|&w| arc_weight(w)).sum();
        if out_weight == 0.0 {
            dangling.push(node);
        } else {
            *reciprocal = 1.0 / out_weight;
        }
    }
    // Transition probability of each in-arc, laid out like the in-arc lists.
    let mut in_sources: Vec<u32> = Vec::with_capacity(graph.arc_count());
    let mut in_probability: Vec<f64> = Vec::with_capacity(graph.arc_count());
    let mut in_offsets = Vec::with_capacity(node_count + 1);
    in_offsets.push(0);
    for node in 0..node_count {
        let (sources, weights) = graph.in_arcs(node);
        for (&source, &w) in sources.iter().zip(weights) {
            in_sources.push(source);
            in_probability.push(arc_weight(w) * reciprocal_out_weight[source as usize]);
        }
        in_offsets.push(in_sources.len());
    }

    #[allow(clippy::cast_precision_loss)]
    let uniform = 1.0 / node_count as f64;
    let alpha = config.alpha;
    let mut rank = vec![uniform; node_count];
    let mut next = vec![0.0; node_count];
    #[allow(clippy::cast_precision_loss)]
    let threshold = node_count as f64 * config.tol;
    for _ in 0..config.max_iter {
        let dangling_sum: f64 = dangling.iter().map(|&node| rank[node]).sum();
        let mut change = 0.0;
        for node in 0..node_count {
            let range = in_offsets[node]..in_offsets[node + 1];
            let inflow: f64 = in_sources[range.clone()]
                .iter()
                .zip(&in_probability[range])
                .map(|(&source, &probability)| rank[source as usize] * probability)
                .sum();
            let value = alpha * (inflow + dangling_sum * uniform) + (1.0 - alpha) * uniform;
            change += (value - rank[node]).abs();
            next[node] = value;
        }
        std::mem::swap(&mut rank, &mut next);
        if change < threshold {
            return Ok(rank);
        }
    }
    Err(MetricsError::NotConverged {
        metric: "pagerank",
        max_iter: config.max_iter,
    })
}

#[cfg(test)]
mod tests {
    use super::{pagerank, PageRankConfig};
    use crate::metrics::graph::MetricGraph;
    use crate::metrics::{MetricsError, Weighting};
    use petgraph::graph::{DiGraph, UnGraph};

    fn directed(edges: &[(u32, u32)]) -> MetricGraph {
        let graph = DiGraph::<(), ()>::from_edges(edges);
        MetricGraph::from_graph(&graph, |()| 1.0).expect("unit weights")
    }

    fn assert_close(actual: &[f64], expected: &[f64], tolerance: f64) {
        assert_eq!(actual.len(), expected.len());
        for (index, (a, e)) in actual.iter().zip(expected).enumerate() {
            assert!(
                (a - e).abs() <= tolerance,
                "node {index}: {a} vs {e} (tolerance {tolerance})"
            );
        }
    }

    // Each case is worked out by hand from the stationary equations
    // x_v = alpha * (sum_u x_u w_uv / W_u + D / n) + (1 - alpha) / n, with D the dangling mass.
    #[test]
    fn hand_worked_cases() {
        let config = PageRankConfig {
            tol: 1e-14,
            max_iter: 1000,
            ..PageRankConfig::default()
        };
        let third = 1.0 / 3.0;
        // Cycle 0→1→2→0: symmetric, 1/3 each.
        let cycle = directed(&[(0, 1), (1, 2), (2, 0)]);
        // Two nodes, 0→1, node 1 dangling: x0 = 0.85·x1/2 + 0.075 and x0 + x1 = 1,
        // so x0 = 0.5 / 1.425 and x1 = 0.925 / 1.425.
        let pair = directed(&[(0, 1)]);
        let x1 = 0.925 / 1.425;
        // Out-star 0→1, 0→2, 0→3 (leaves dangling): leaves share equally;
        // x0 = 0.85·(3 xl)/4 + 0.0375, x0 + 3 xl = 1 → xl = (1 - 0.0375) / (3 + 0.6375).
        let star = directed(&[(0, 1), (0, 2), (0, 3)]);
        let leaf = 0.9625 / 3.6375;
        // No arcs: everything dangling, uniform.
        let empty = directed(&[]);
        let cases: [(&str, &MetricGraph, Vec<f64>); 3] = [
            ("cycle", &cycle, vec![third; 3]),
            ("dangling pair", &pair, vec![1.0 - x1, x1]),
            ("out-star", &star, vec![1.0 - 3.0 * leaf, leaf, leaf, leaf]),
        ];
        for (name, graph, expected) in cases {
            let rank = pagerank(graph, &config).unwrap_or_else(|e| panic!("{name}: {e}"));
            assert_close(&rank, &expected, 1e-12);
        }
        assert!(pagerank(&empty, &config).expect("empty graph").is_empty());
        let mut isolated = DiGraph::<(), ()>::new();
        for _ in 0..4 {
            isolated.add_node(());
        }
        let isolated = MetricGraph::from_graph(&isolated, |()| 1.0).expect("no edges");
        assert_close(
            &pagerank(&isolated, &config).expect("isolated nodes"),
            &[0.25; 4],
            1e-15,
        );
    }

    #[test]
    fn weights_bias_the_walk_and_unweighted_ignores_them() {
        // 0→1 weight 3, 0→2 weight 1, 1→0, 2→0.
        let graph =
            DiGraph::<(), f64>::from_edges([(0, 1, 3.0), (0, 2, 1.0), (1, 0, 1.0), (2, 0, 1.0)]);
        let metric_graph = MetricGraph::from_graph(&graph, |w| *w).expect("valid weights");
        let config = PageRankConfig {
            tol: 1e-14,
            max_iter: 1000,
            ..PageRankConfig::default()
        };
        let weighted = pagerank(&metric_graph, &config).expect("converges");
        // x1 = 0.85·0.75·x0 + 0.05, x2 = 0.85·0.25·x0 + 0.05, x0 = 0.85(x1 + x2) + 0.05,
        // so x0 = 0.05 + 0.85·(0.85 x0 + 0.1), x0 = 0.135 / 0.2775.
        let x0 = 0.135 / 0.2775;
        assert_close(
            &weighted,
            &[x0, 0.6375 * x0 + 0.05, 0.2125 * x0 + 0.05],
            1e-12,
        );
        let unweighted = pagerank(
            &metric_graph,
            &PageRankConfig {
                weighting: Weighting::Unweighted,
                ..config
            },
        )
        .expect("converges");
        assert!((unweighted[1] - unweighted[2]).abs() < 1e-15);
    }

    #[test]
    fn undirected_graph_is_walked_both_ways() {
        // Path 0–1–2 undirected = arcs both ways; the middle node has twice the ends' degree.
        let graph = UnGraph::<(), ()>::from_edges([(0, 1), (1, 2)]);
        let metric_graph = MetricGraph::from_graph(&graph, |()| 1.0).expect("unit weights");
        let rank = pagerank(
            &metric_graph,
            &PageRankConfig {
                tol: 1e-14,
                max_iter: 1000,
                ..PageRankConfig::default()
            },
        )
        .expect("converges");
        // x_end = 0.85·x_mid/2 + 0.05, x_mid = 0.85·2·x_end + 0.05, 2 x_end + x_mid = 1.
        let end = (0.05 + 0.85 * 0.5 * 0.05) / (1.0 - 0.85 * 0.85);
        assert_close(&rank, &[end, 1.0 - 2.0 * end, end], 1e-12);
    }

    #[test]
    fn reports_non_convergence_and_bad_settings() {
        let graph = directed(&[(0, 1), (1, 2), (2, 0), (2, 1)]);
        let tight = PageRankConfig {
            max_iter: 2,
            ..PageRankConfig::default()
        };
        assert_eq!(
            pagerank(&graph, &tight),
            Err(MetricsError::NotConverged {
                metric: "pagerank",
                max_iter: 2
            })
        );
        let bad = PageRankConfig {
            alpha: 1.5,
            ..PageRankConfig::default()
        };
        assert!(matches!(
            pagerank(&graph, &bad),
            Err(MetricsError::InvalidConfig { .. })
        ));
    }
}
