//! Graph metrics: degrees, PageRank, HITS, betweenness, closeness, eigenvector, Katz and
//! Louvain communities, each matching networkx's definition; pure functions, no I/O.
//!
//! Prepare a petgraph graph once with [`MetricGraph::from_graph`] (it merges parallel edges and
//! checks weights), then call one metric, or [`compute_metrics`] for all of them with one
//! [`MetricsConfig`]. Every result is a vector indexed by the input graph's node indices.
//! Iterative metrics that fail to converge give a [`MetricsError`] in their own field, so the
//! others are still reported. Betweenness and closeness are exact up to 20,000 nodes and
//! estimated from 1000 seeded sources above (configurable); their [`Method`] records which.
//! The same graph and config always give the same output: sampling and visiting orders come
//! from a seeded generator and parallel sums are added in a fixed order.
//!
//! Input is a petgraph `Graph` (directed or undirected, any index type); `StableGraph` and
//! `GraphMap` are not accepted. PageRank, HITS, betweenness, closeness and Louvain are our own
//! code over the compact view; eigenvector and Katz come from rustworkx-core.

mod betweenness;
mod closeness;
mod communities;
mod error;
mod graph;
mod hits;
mod pagerank;
mod rng;
mod sampling;
mod spectral;

use petgraph::graph::{Graph, IndexType};
use petgraph::EdgeType;
use serde::{Deserialize, Serialize};

pub use betweenness::{betweenness, betweenness_with_sources, Betweenness, BetweennessConfig};
pub use closeness::{closeness, Closeness, ClosenessConfig};
pub use communities::{louvain, modularity, Communities, CommunityConfig};
pub use error::{MetricResult, MetricsError};
pub use graph::MetricGraph;
pub use hits::{hits, Hits, HitsConfig};
pub use pagerank::{pagerank, PageRankConfig};
pub use sampling::{Method, Sampling};
pub use spectral::{eigenvector, katz, EigenvectorConfig, KatzConfig};

/// Whether a metric reads edge weights.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Weighting {
    /// Use each edge's weight (parallel edges summed).
    #[default]
    EdgeWeight,
    /// Count every edge as weight 1 (parallel edges once).
    Unweighted,
}

impl Weighting {
    /// The weight a metric uses for an arc of merged weight `weight`.
    #[must_use]
    pub fn apply(self, weight: f64) -> f64 {
        match self {
            Self::EdgeWeight => weight,
            Self::Unweighted => 1.0,
        }
    }
}

/// Settings of every metric; `Default` gives networkx's defaults (see each field's type).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct MetricsConfig {
    /// PageRank.
    pub pagerank: PageRankConfig,
    /// HITS hubs and authorities.
    pub hits: HitsConfig,
    /// Betweenness, including when to switch to sampled sources.
    pub betweenness: BetweennessConfig,
    /// Closeness.
    pub closeness: ClosenessConfig,
    /// Eigenvector centrality.
    pub eigenvector: EigenvectorConfig,
    /// Katz centrality.
    pub katz: KatzConfig,
    /// Louvain communities.
    pub communities: CommunityConfig,
}

impl MetricsConfig {
    /// Check every setting, naming the first one out of range.
    ///
    /// # Errors
    /// [`MetricsError::InvalidConfig`] for the first bad field.
    pub fn validate(&self) -> MetricResult<()> {
        self.pagerank.validate()?;
        self.hits.validate()?;
        self.betweenness
            .sampling
            .validate("betweenness.sampling.sample_sources")?;
        self.closeness
            .sampling
            .validate("closeness.sampling.sample_sources")?;
        self.eigenvector.validate()?;
        self.katz.validate()?;
        self.communities.validate()
    }
}

/// Every metric of every node, each vector indexed by node index.
#[derive(Debug, Clone, PartialEq)]
pub struct NodeMetrics {
    /// Edges into each node (undirected graphs: the degree; a self-loop counts 2).
    pub in_degree: Vec<usize>,
    /// Edges out of each node (undirected graphs: the degree; a self-loop counts 2).
    pub out_degree: Vec<usize>,
    /// Summed weight of edges into each node.
    pub weighted_in_degree: Vec<f64>,
    /// Summed weight of edges out of each node.
    pub weighted_out_degree: Vec<f64>,
    /// PageRank, summing to 1.
    pub pagerank: MetricResult<Vec<f64>>,
    /// HITS hub and authority scores.
    pub hits: MetricResult<Hits>,
    /// Betweenness and whether it was exact or sampled.
    pub betweenness: Betweenness,
    /// Closeness and whether it was exact or sampled.
    pub closeness: Closeness,
    /// Eigenvector centrality.
    pub eigenvector: MetricResult<Vec<f64>>,
    /// Katz centrality.
    pub katz: MetricResult<Vec<f64>>,
    /// Louvain communities and their modularity.
    pub communities: Communities,
}

/// Compute every metric of `graph`, whose edge weights `weight` gives.
///
/// Metrics that read weights use them only when their config says so (see [`Weighting`]);
/// betweenness and closeness always count hops.
///
/// # Errors
/// [`MetricsError::InvalidWeight`] for a negative, infinite or NaN weight and
/// [`MetricsError::InvalidConfig`] for a bad setting; non-convergence of one metric is reported
/// in its own field instead.
pub fn compute_metrics<N, E, Ty, Ix>(
    graph: &Graph<N, E, Ty, Ix>,
    weight: impl FnMut(&E) -> f64,
    config: &MetricsConfig,
) -> MetricResult<NodeMetrics>
where
    Ty: EdgeType,
    Ix: IndexType,
{
    config.validate()?;
    let metric_graph = MetricGraph::from_graph(graph, weight)?;
    compute_all(&metric_graph, config)
}

/// [`compute_metrics`] on an already prepared graph.
///
/// # Errors
/// [`MetricsError::InvalidConfig`] for a bad setting.
pub fn compute_all(graph: &MetricGraph, config: &MetricsConfig) -> MetricResult<NodeMetrics> {
    config.validate()?;
    Ok(NodeMetrics {
        in_degree: graph.in_degree().to_vec(),
        out_degree: graph.out_degree().to_vec(),
        weighted_in_degree: graph.weighted_in_degree().to_vec(),
        weighted_out_degree: graph.weighted_out_degree().to_vec(),
        pagerank: pagerank(graph, &config.pagerank),
        hits: hits(graph, &config.hits),
        betweenness: betweenness(graph, &config.betweenness)?,
        closeness: closeness(graph, &config.closeness)?,
        eigenvector: eigenvector(graph, &config.eigenvector),
        katz: katz(graph, &config.katz),
        communities: louvain(graph, &config.communities)?,
    })
}

#[cfg(test)]
mod tests {
    use super::{compute_metrics, Method, MetricsConfig, MetricsError};
    use petgraph::graph::DiGraph;

    #[test]
    fn computes_everything_on_a_small_citation_graph() {
        // 3 and 4 cite 1 and 2; 1 and 2 cite 0.
        let graph = DiGraph::<&str, u32>::from_edges([
            (1, 0, 1),
            (2, 0, 1),
            (3, 1, 2),
            (3, 2, 1),
            (4, 1, 1),
        ]);
        let metrics = compute_metrics(&graph, |&w| f64::from(w), &MetricsConfig::default())
            .expect("valid graph and config");
        assert_eq!(metrics.in_degree, vec![2, 2, 1, 0, 0]);
        assert_eq!(metrics.out_degree, vec![0, 1, 1, 2, 1]);
        assert_eq!(metrics.weighted_in_degree, vec![2.0, 3.0, 1.0, 0.0, 0.0]);
        assert_eq!(metrics.betweenness.method, Method::Exact);
        let pagerank = metrics.pagerank.expect("converges");
        assert!((pagerank.iter().sum::<f64>() - 1.0).abs() < 1e-9);
        assert!(pagerank[0] > pagerank[1] && pagerank[1] > pagerank[3]);
        assert_eq!(metrics.communities.membership.len(), 5);
        // A DAG: eigenvector iteration on A + I drifts to the sink and still converges
        // within tolerance or reports that it did not; it never panics.
        match metrics.eigenvector {
            Ok(values) => assert_eq!(values.len(), 5),
            Err(error) => assert!(matches!(error, MetricsError::NotConverged { .. })),
        }
    }

    #[test]
    fn empty_and_single_node_graphs_give_empty_or_zero_results() {
        let empty = DiGraph::<(), f64>::new();
        let metrics = compute_metrics(&empty, |&w| w, &MetricsConfig::default()).expect("valid");
        assert!(metrics.pagerank.expect("empty is fine").is_empty());
        assert!(metrics.betweenness.values.is_empty());
        assert_eq!(metrics.communities.count, 0);
        assert_eq!(metrics.communities.modularity, None);

        let mut single = DiGraph::<(), f64>::new();
        single.add_node(());
        let metrics = compute_metrics(&single, |&w| w, &MetricsConfig::default()).expect("valid");
        assert_eq!(metrics.pagerank, Ok(vec![1.0]));
        assert_eq!(metrics.betweenness.values, vec![0.0]);
        assert_eq!(metrics.closeness.values, vec![0.0]);
        assert_eq!(metrics.communities.membership, vec![0]);
        assert!(matches!(metrics.hits, Err(MetricsError::Undefined { .. })));
    }

    #[test]
    fn config_reads_from_toml_with_defaults_for_missing_fields() {
        let config: MetricsConfig = toml::from_str(
            "[pagerank]\nalpha = 0.9\nweighting = \"unweighted\"\n\
             [betweenness.sampling]\nsample_sources = 500\n",
        )
        .expect("valid TOML");
        assert!((config.pagerank.alpha - 0.9).abs() < f64::EPSILON);
        assert_eq!(config.pagerank.weighting, super::Weighting::Unweighted);
        assert_eq!(config.pagerank.max_iter, 100);
        assert_eq!(config.betweenness.sampling.sample_sources, 500);
        assert_eq!(config.betweenness.sampling.exact_up_to_nodes, 20_000);
        assert!(toml::from_str::<MetricsConfig>("[pagerank]\ndamping = 0.9\n").is_err());
    }

    #[test]
    fn bad_weights_and_settings_are_errors() {
        let graph = DiGraph::<(), f64>::from_edges([(0, 1, -2.0)]);
        assert!(matches!(
            compute_metrics(&graph, |&w| w, &MetricsConfig::default()),
            Err(MetricsError::InvalidWeight { edge: 0, .. })
        ));
        let mut config = MetricsConfig::default();
        config.katz.tol = 0.0;
        let graph = DiGraph::<(), f64>::from_edges([(0, 1, 2.0)]);
        assert_eq!(
            compute_metrics(&graph, |&w| w, &config),
            Err(MetricsError::InvalidConfig {
                field: "katz.tol",
                reason: "must be finite and positive"
            })
        );
    }
}
