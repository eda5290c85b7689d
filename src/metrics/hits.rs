//! HITS hub and authority scores, as networkx computes them.

use serde::{Deserialize, Serialize};

use super::error::{MetricResult, MetricsError};
use super::graph::MetricGraph;
use super::Weighting;

/// HITS settings; `Default` is networkx's `hits(G)` except for the iteration budget.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct HitsConfig {
    /// Iteration budget: 1000 power iterations. networkx's public `hits` passes its
    /// `max_iter=100` to ARPACK as restarts of a Lanczos process, which converges where 100
    /// plain power iterations do not (a 12-node fixture needs about 270); its power-iteration
    /// `_hits_python` uses 100.
    pub max_iter: usize,
    /// Converged when the L1 change of the max-scaled hub vector is below `tol` (networkx 1e-8;
    /// note: not multiplied by the node count, unlike PageRank).
    pub tol: f64,
    /// Scale each result to sum 1 (networkx `normalized=True`); otherwise the largest is 1.
    pub normalized: bool,
    /// Use arc weights as the adjacency matrix entries (networkx does) or 1 for every arc.
    pub weighting: Weighting,
}

impl Default for HitsConfig {
    fn default() -> Self {
        Self {
            max_iter: 1000,
            tol: 1e-8,
            normalized: true,
            weighting: Weighting::EdgeWeight,
        }
    }
}

impl HitsConfig {
    pub(crate) fn validate(&self) -> MetricResult<()> {
        if !(self.tol.is_finite() && self.tol > 0.0) {
            return Err(MetricsError::InvalidConfig {
                field: "hits.tol",
                reason: "must be finite and positive",
            });
        }
        Ok(())
    }
}

/// Hub and authority score of every node, indexed by node index.
#[derive(Debug, Clone, PartialEq)]
pub struct Hits {
    /// How well a node points to good authorities (citing side).
    pub hub: Vec<f64>,
    /// How much good hubs point to a node (cited side).
    pub authority: Vec<f64>,
}

/// HITS by power iteration, step for step networkx's `_hits_python`: from uniform hubs,
/// `a = Aᵀh`, `h = Aa`, each scaled to maximum 1, until the L1 change of `h` is below `tol`;
/// then each is scaled to sum 1 if `normalized`. The result is the leading singular vector pair
/// that networkx's public `hits` computes with ARPACK (`svds`); the two agree to about `tol`
/// whenever the largest singular value of the adjacency matrix is simple. On an undirected
/// graph hubs equal authorities.
///
/// # Errors
/// [`MetricsError::Undefined`] when no arc has positive weight (nothing to iterate on),
/// [`MetricsError::NotConverged`] when `max_iter` iterations are not enough,
/// [`MetricsError::InvalidConfig`] for a bad tolerance.
pub fn hits(graph: &MetricGraph, config: &HitsConfig) -> MetricResult<Hits> {
    config.validate()?;
    let node_count = graph.node_count();
    if node_count == 0 {
        return Ok(Hits {
            hub: Vec::new(),
            authority: Vec::new(),
        });
    }
    let arc_weight = |w: f64| match config.weighting {
        Weighting::EdgeWeight => w,
        Weighting::Unweighted => 1.0,
    };
    #[allow(clippy::cast_precision_loss)]
    let mut hub = vec![1.0 / node_count as f64; node_count];
    let mut next_hub = vec![0.0; node_count];
    let mut authority = vec![0.0; node_count];
    let mut converged = false;
    for _ in 0..config.max_iter {
        for (node, value) in authority.iter_mut().enumerate() {
            let (sources, weights) = graph.in_arcs(node);
            *value = sources
                .iter()
                .zip(weights)
                .map(|(&source, &w)| hub[source as usize] * arc_weight(w))
                .sum();
        }
        for (node, value) in next_hub.iter_mut().enumerate() {
            let (targets, weights) = graph.out_arcs(node);
            *value = targets
                .iter()
                .zip(weights)
                .map(|(&target, &w)| authority[target as usize] * arc_weight(w))
                .sum();
        }
        let hub_max = maximum(&next_hub);
        let authority_max = maximum(&authority);
        if hub_max <= 0.0 || authority_max <= 0.0 {
            return Err(MetricsError::Undefined {
                metric: "hits",
                reason: "the graph has no arc of positive weight",
            });
        }
        scale(&mut next_hub, 1.0 / hub_max);
        scale(&mut authority, 1.0 / authority_max);
        let change: f64 = next_hub.iter().zip(&hub).map(|(a, b)| (a - b).abs()).sum();
        std::mem::swap(&mut hub, &mut next_hub);
        if change < config.tol {
            converged = true;
            break;
        }
    }
    if !converged {
        return Err(MetricsError::NotConverged {
            metric: "hits",
            max_iter: config.max_iter,
        });
    }
    if config.normalized {
        let authority_sum: f64 = authority.iter().sum();
        scale(&mut authority, 1.0 / authority_sum);
        let hub_sum: f64 = hub.iter().sum();
        scale(&mut hub, 1.0 / hub_sum);
    }
    Ok(Hits { hub, authority })
}

fn maximum(values: &[f64]) -> f64 {
    values.iter().copied().fold(f64::NEG_INFINITY, f64::max)
}

fn scale(values: &mut [f64], factor: f64) {
    for value in values {
        *value *= factor;
    }
}

#[cfg(test)]
mod tests {
    use super::{hits, HitsConfig};
    use crate::metrics::graph::MetricGraph;
    use crate::metrics::MetricsError;
    use petgraph::graph::{DiGraph, UnGraph};

    fn assert_close(actual: &[f64], expected: &[f64], tolerance: f64) {
        assert_eq!(actual.len(), expected.len());
        for (index, (a, e)) in actual.iter().zip(expected).enumerate() {
            assert!(
                (a - e).abs() <= tolerance,
                "node {index}: {a} vs {e} (tolerance {tolerance})"
            );
        }
    }

    #[test]
    fn hand_worked_cases() {
        // Out-star 0→1, 0→2, 0→3: node 0 is the only hub, the leaves share authority.
        let star = DiGraph::<(), ()>::from_edges([(0, 1), (0, 2), (0, 3)]);
        let star = MetricGraph::from_graph(&star, |()| 1.0).expect("unit weights");
        let result = hits(&star, &HitsConfig::default()).expect("converges");
        assert_close(&result.hub, &[1.0, 0.0, 0.0, 0.0], 1e-12);
        assert_close(
            &result.authority,
            &[0.0, 1.0 / 3.0, 1.0 / 3.0, 1.0 / 3.0],
            1e-12,
        );

        // Two hubs 0, 1 both citing 2 and 3, hub 1 also citing 4:
        // AᵀA = [[2,2,1],[2,2,1],[1,1,1]] on (2,3,4); with a = (1, 1, r):
        // 4 + r = λ and 2 + r = λr, so λ = (5 + √17)/2 and r = 2/(λ - 1).
        let bipartite = DiGraph::<(), ()>::from_edges([(0, 2), (0, 3), (1, 2), (1, 3), (1, 4)]);
        let bipartite = MetricGraph::from_graph(&bipartite, |()| 1.0).expect("unit weights");
        let result = hits(&bipartite, &HitsConfig::default()).expect("converges");
        let lambda = (5.0 + 17.0_f64.sqrt()) / 2.0;
        let ratio = 2.0 / (lambda - 1.0);
        let total = 2.0 + ratio;
        assert_close(
            &result.authority,
            &[0.0, 0.0, 1.0 / total, 1.0 / total, ratio / total],
            1e-8,
        );
        // h = A a: h0 = a2 + a3, h1 = a2 + a3 + a4.
        let (h0, h1) = (2.0, 2.0 + ratio);
        assert_close(
            &result.hub,
            &[h0 / (h0 + h1), h1 / (h0 + h1), 0.0, 0.0, 0.0],
            1e-8,
        );
    }

    #[test]
    fn undirected_hubs_equal_authorities() {
        let path = UnGraph::<(), ()>::from_edges([(0, 1), (1, 2), (2, 3)]);
        let path = MetricGraph::from_graph(&path, |()| 1.0).expect("unit weights");
        let result = hits(&path, &HitsConfig::default()).expect("converges");
        assert_close(&result.hub, &result.authority, 1e-9);
    }

    #[test]
    fn no_arcs_is_undefined() {
        let mut lonely = DiGraph::<(), ()>::new();
        for _ in 0..3 {
            lonely.add_node(());
        }
        let lonely = MetricGraph::from_graph(&lonely, |()| 1.0).expect("no edges");
        assert!(matches!(
            hits(&lonely, &HitsConfig::default()),
            Err(MetricsError::Undefined { metric: "hits", .. })
        ));
    }
}
