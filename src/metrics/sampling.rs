//! When the shortest-path metrics (betweenness, closeness) switch from every node to a seeded
//! sample of source nodes, and the record of which they did.

use serde::{Deserialize, Serialize};

use super::error::{MetricResult, MetricsError};
use super::rng::SplitMix64;

/// Exact up to a node count, sampled above it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Sampling {
    /// Graphs with at most this many nodes get the exact metric (a BFS from every node).
    pub exact_up_to_nodes: usize,
    /// Larger graphs get an estimate from this many distinct source nodes (at least 2).
    pub sample_sources: usize,
    /// Seed the sources are drawn with; the same seed gives the same sources and values.
    pub seed: u64,
}

impl Default for Sampling {
    fn default() -> Self {
        Self {
            exact_up_to_nodes: 20_000,
            sample_sources: 1_000,
            seed: 0x00C1_7E61_2A9B,
        }
    }
}

impl Sampling {
    pub(crate) fn validate(&self, field: &'static str) -> MetricResult<()> {
        if self.sample_sources < 2 {
            return Err(MetricsError::InvalidConfig {
                field,
                reason: "must be at least 2",
            });
        }
        Ok(())
    }

    /// The sources to use on a graph of `node_count` nodes, sorted, or `None` for exact.
    pub(crate) fn sources(&self, node_count: usize) -> Option<Vec<usize>> {
        if node_count <= self.exact_up_to_nodes || self.sample_sources >= node_count {
            return None;
        }
        let mut sources = SplitMix64::new(self.seed).sample(node_count, self.sample_sources);
        sources.sort_unstable();
        Some(sources)
    }

    /// The record of a computation from `sources` (or from every node).
    pub(crate) fn method(&self, sources: Option<&[usize]>) -> Method {
        match sources {
            None => Method::Exact,
            Some(sources) => Method::Sampled {
                sources: sources.len(),
                seed: self.seed,
            },
        }
    }
}

/// How a shortest-path metric was computed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "method", rename_all = "lowercase")]
pub enum Method {
    /// Shortest paths from every node.
    Exact,
    /// Shortest paths from `sources` nodes drawn with `seed`.
    Sampled {
        /// Number of source nodes.
        sources: usize,
        /// Seed they were drawn with.
        seed: u64,
    },
}
