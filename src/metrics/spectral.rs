//! Eigenvector and Katz centrality through rustworkx-core, as networkx defines them.

use serde::{Deserialize, Serialize};

use super::error::{MetricResult, MetricsError};
use super::graph::MetricGraph;
use super::Weighting;

/// Eigenvector centrality settings; `Default` is networkx's `eigenvector_centrality(G)`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct EigenvectorConfig {
    /// Iteration budget (networkx 100).
    pub max_iter: usize,
    /// Converged when the L1 change is below `node_count * tol` (networkx 1e-6).
    pub tol: f64,
    /// networkx's default ignores weights (`weight=None`).
    pub weighting: Weighting,
}

impl Default for EigenvectorConfig {
    fn default() -> Self {
        Self {
            max_iter: 100,
            tol: 1e-6,
            weighting: Weighting::Unweighted,
        }
    }
}

/// Katz centrality settings; `Default` is networkx's `katz_centrality(G)`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct KatzConfig {
    /// Attenuation per step (networkx 0.1); must be below 1/λ_max for the series to converge.
    pub alpha: f64,
    /// Score every node receives for itself (networkx 1.0).
    pub beta: f64,
    /// Iteration budget (networkx 1000).
    pub max_iter: usize,
    /// Converged when the L1 change is below `node_count * tol` (networkx 1e-6).
    pub tol: f64,
    /// networkx's default ignores weights (`weight=None`).
    pub weighting: Weighting,
}

impl Default for KatzConfig {
    fn default() -> Self {
        Self {
            alpha: 0.1,
            beta: 1.0,
            max_iter: 1000,
            tol: 1e-6,
            weighting: Weighting::Unweighted,
        }
    }
}

fn check_tolerance(tol: f64, field: &'static str) -> MetricResult<()> {
    if tol.is_finite() && tol > 0.0 {
        Ok(())
    } else {
        Err(MetricsError::InvalidConfig {
            field,
            reason: "must be finite and positive",
        })
    }
}

impl EigenvectorConfig {
    pub(crate) fn validate(&self) -> MetricResult<()> {
        check_tolerance(self.tol, "eigenvector.tol")
    }
}

impl KatzConfig {
    pub(crate) fn validate(&self) -> MetricResult<()> {
        check_tolerance(self.tol, "katz.tol")?;
        if !(self.alpha.is_finite() && self.beta.is_finite()) {
            return Err(MetricsError::InvalidConfig {
                field: "katz.alpha",
                reason: "alpha and beta must be finite",
            });
        }
        Ok(())
    }
}

/// Eigenvector centrality of every node (unit Euclidean norm), indexed by node index.
///
/// networkx's power iteration on `A + I`: a node scores by the scores of the nodes with arcs
/// into it (on a directed graph, a much-cited work scores high; networkx uses in-edges too).
/// Computed by rustworkx-core's `eigenvector_centrality`, which matches networkx except that it
/// starts from all ones rather than `1/n`; this only changes the first convergence test, not the
/// iterates after normalisation. Parallel edges count with their summed weight (networkx refuses
/// multigraphs). A DAG has no positive eigenvector; the iteration then drifts to its sinks or
/// fails to converge.
///
/// # Errors
/// [`MetricsError::NotConverged`] when `max_iter` iterations are not enough,
/// [`MetricsError::InvalidConfig`] for a bad tolerance.
pub fn eigenvector(graph: &MetricGraph, config: &EigenvectorConfig) -> MetricResult<Vec<f64>> {
    config.validate()?;
    if graph.node_count() == 0 {
        return Ok(Vec::new());
    }
    let digraph = graph.to_digraph();
    let weighting = config.weighting;
    let result = rustworkx_core::centrality::eigenvector_centrality(
        &digraph,
        |edge| Ok::<f64, std::convert::Infallible>(weighting.apply(*edge.weight())),
        Some(config.max_iter),
        Some(config.tol),
    );
    match result {
        Ok(Some(values)) => Ok(values),
        Ok(None) | Err(_) => Err(MetricsError::NotConverged {
            metric: "eigenvector",
            max_iter: config.max_iter,
        }),
    }
}

/// Katz centrality of every node (unit Euclidean norm), indexed by node index:
/// `x = alpha · Aᵀx + beta`, so a node scores by the attenuated count of walks ending at it.
/// networkx's algorithm with `normalized=True`, computed by rustworkx-core's
/// `katz_centrality`. Parallel edges count with their summed weight.
///
/// # Errors
/// [`MetricsError::NotConverged`] when `max_iter` iterations are not enough (always so when
/// `alpha ≥ 1/λ_max`), [`MetricsError::InvalidConfig`] for a bad tolerance, alpha or beta.
pub fn katz(graph: &MetricGraph, config: &KatzConfig) -> MetricResult<Vec<f64>> {
    config.validate()?;
    if graph.node_count() == 0 {
        return Ok(Vec::new());
    }
    let digraph = graph.to_digraph();
    let weighting = config.weighting;
    let result = rustworkx_core::centrality::katz_centrality(
        &digraph,
        |edge| Ok::<f64, std::convert::Infallible>(weighting.apply(*edge.weight())),
        Some(config.alpha),
        None,
        Some(config.beta),
        Some(config.max_iter),
        Some(config.tol),
    );
    match result {
        Ok(Some(values)) if values.iter().all(|value| value.is_finite()) => Ok(values),
        Ok(_) | Err(_) => Err(MetricsError::NotConverged {
            metric: "katz",
            max_iter: config.max_iter,
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::{eigenvector, katz, EigenvectorConfig, KatzConfig};
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
    fn eigenvector_hand_worked_cases() {
        // Undirected path 0–1–2: leading eigenvector of A is (1, √2, 1)/2.
        let path = UnGraph::<(), ()>::from_edges([(0, 1), (1, 2)]);
        let path = MetricGraph::from_graph(&path, |()| 1.0).expect("unit weights");
        let values = eigenvector(&path, &EigenvectorConfig::default()).expect("converges");
        assert_close(&values, &[0.5, std::f64::consts::FRAC_1_SQRT_2, 0.5], 1e-5);

        // Triangle: all equal to 1/√3.
        let triangle = UnGraph::<(), ()>::from_edges([(0, 1), (1, 2), (2, 0)]);
        let triangle = MetricGraph::from_graph(&triangle, |()| 1.0).expect("unit weights");
        let values = eigenvector(&triangle, &EigenvectorConfig::default()).expect("converges");
        assert_close(&values, &[1.0 / 3.0_f64.sqrt(); 3], 1e-9);
    }

    #[test]
    fn katz_hand_worked_cases() {
        // Directed path 0→1→2, alpha 0.1, beta 1: x0 = 1, x1 = 1.1, x2 = 1.11, then unit norm.
        let path = DiGraph::<(), ()>::from_edges([(0, 1), (1, 2)]);
        let path = MetricGraph::from_graph(&path, |()| 1.0).expect("unit weights");
        let values = katz(&path, &KatzConfig::default()).expect("converges");
        let norm = (1.0_f64 + 1.1 * 1.1 + 1.11 * 1.11).sqrt();
        assert_close(&values, &[1.0 / norm, 1.1 / norm, 1.11 / norm], 1e-12);
    }

    #[test]
    fn divergence_is_reported_not_panicked() {
        // A complete graph on 5 nodes has λ_max = 4; alpha 0.5 > 1/4 diverges.
        let mut edges = Vec::new();
        for i in 0..5_u32 {
            for j in (i + 1)..5 {
                edges.push((i, j));
            }
        }
        let complete = UnGraph::<(), ()>::from_edges(edges);
        let complete = MetricGraph::from_graph(&complete, |()| 1.0).expect("unit weights");
        let config = KatzConfig {
            alpha: 0.5,
            ..KatzConfig::default()
        };
        assert_eq!(
            katz(&complete, &config),
            Err(MetricsError::NotConverged {
                metric: "katz",
                max_iter: 1000
            })
        );
        // A bipartite graph makes the plain power iteration oscillate; networkx iterates on
        // A + I, which converges, so this must succeed.
        let square = UnGraph::<(), ()>::from_edges([(0, 1), (1, 2), (2, 3), (3, 0)]);
        let square = MetricGraph::from_graph(&square, |()| 1.0).expect("unit weights");
        assert!(eigenvector(&square, &EigenvectorConfig::default()).is_ok());
        let tight = EigenvectorConfig {
            max_iter: 1,
            ..EigenvectorConfig::default()
        };
        let star = UnGraph::<(), ()>::from_edges([(0, 1), (0, 2), (0, 3)]);
        let star = MetricGraph::from_graph(&star, |()| 1.0).expect("unit weights");
        assert!(matches!(
            eigenvector(&star, &tight),
            Err(MetricsError::NotConverged { .. })
        ));
    }
}
