//! Shortest-path betweenness (Brandes), exact or from a seeded sample of sources, scaled as
//! networkx scales it.

use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use super::error::{MetricResult, MetricsError};
use super::graph::MetricGraph;
use super::sampling::{Method, Sampling};

/// Betweenness settings; `Default` is networkx's `betweenness_centrality(G)` up to 20,000 nodes
/// and `betweenness_centrality(G, k=1000)` above.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct BetweennessConfig {
    /// Divide by the number of ordered node pairs not involving the node, `(n-1)(n-2)`
    /// (networkx `normalized=True`); otherwise raw pair counts, halved for undirected graphs.
    pub normalized: bool,
    /// When to estimate from sampled sources instead.
    pub sampling: Sampling,
}

impl Default for BetweennessConfig {
    fn default() -> Self {
        Self {
            normalized: true,
            sampling: Sampling::default(),
        }
    }
}

/// Betweenness of every node, indexed by node index, and how it was computed.
#[derive(Debug, Clone, PartialEq)]
pub struct Betweenness {
    /// One value per node.
    pub values: Vec<f64>,
    /// Exact, or sampled with how many sources and which seed.
    pub method: Method,
}

/// Unweighted shortest-path betweenness of every node, without endpoints, as networkx's
/// `betweenness_centrality(G, normalized=..., endpoints=False, weight=None)`.
///
/// Exact when the graph has at most `sampling.exact_up_to_nodes` nodes, otherwise estimated
/// from `sampling.sample_sources` sources drawn with `sampling.seed` (networkx's `k`; its own
/// sample comes from Python's `random`, ours from SplitMix64, so the drawn sources differ). Parallel edges count
/// once, self-loops never, as in networkx. Runs on all cores; the partial sums are added in a
/// fixed order, so the output does not depend on thread scheduling.
///
/// # Errors
/// [`MetricsError::InvalidConfig`] if `sampling.sample_sources < 2`.
pub fn betweenness(graph: &MetricGraph, config: &BetweennessConfig) -> MetricResult<Betweenness> {
    config
        .sampling
        .validate("betweenness.sampling.sample_sources")?;
    let sampled = config.sampling.sources(graph.node_count());
    let sources = sampled
        .clone()
        .unwrap_or_else(|| (0..graph.node_count()).collect());
    Ok(Betweenness {
        values: betweenness_with_sources(graph, &sources, config)?,
        method: config.sampling.method(sampled.as_deref()),
    })
}

/// Betweenness from shortest paths leaving the given `sources` only, scaled as networkx's
/// `_rescale` scales a `k`-source estimate (all nodes as sources is exact betweenness).
/// `config.normalized` applies; `config.sampling` is ignored.
///
/// # Errors
/// [`MetricsError::InvalidConfig`] if a source is out of range or repeated, or fewer than 2
/// sources are given for a graph of more than 2 nodes (networkx then divides by zero).
pub fn betweenness_with_sources(
    graph: &MetricGraph,
    sources: &[usize],
    config: &BetweennessConfig,
) -> MetricResult<Vec<f64>> {
    let node_count = graph.node_count();
    let mut seen = vec![false; node_count];
    for &source in sources {
        if source >= node_count || seen[source] {
            return Err(MetricsError::InvalidConfig {
                field: "betweenness sources",
                reason: "sources must be distinct node indices",
            });
        }
        seen[source] = true;
    }
    if node_count <= 2 {
        // No node lies strictly inside a shortest path (networkx skips rescaling here).
        return Ok(vec![0.0; node_count]);
    }
    if sources.len() < 2 && sources.len() < node_count {
        return Err(MetricsError::InvalidConfig {
            field: "betweenness sources",
            reason: "need at least 2 sources",
        });
    }
    let mut values = raw_betweenness(graph, sources);
    rescale(
        &mut values,
        &seen,
        sources.len(),
        graph.is_directed(),
        config.normalized,
    );
    Ok(values)
}

/// How many partial sums the sources are split into; fixed so results never depend on the
/// number of threads.
const PARTIAL_SUMS: usize = 16;

/// Brandes' accumulation from each source, without scaling: for each node `v`, the sum over
/// sources `s` and targets `t ≠ v` of the fraction of shortest `s`–`t` paths through `v`.
fn raw_betweenness(graph: &MetricGraph, sources: &[usize]) -> Vec<f64> {
    let node_count = graph.node_count();
    let chunk_size = sources.len().div_ceil(PARTIAL_SUMS).max(1);
    let partials: Vec<Vec<f64>> = sources
        .par_chunks(chunk_size)
        .map(|chunk| {
            let mut workspace = Workspace::new(node_count);
            let mut partial = vec![0.0; node_count];
            for &source in chunk {
                workspace.accumulate(graph, source, &mut partial);
            }
            partial
        })
        .collect();
    let mut total = vec![0.0; node_count];
    for partial in &partials {
        for (sum, value) in total.iter_mut().zip(partial) {
            *sum += value;
        }
    }
    total
}

/// Per-thread BFS buffers, reset after each source by touching only the visited nodes.
struct Workspace {
    distance: Vec<u32>,
    path_count: Vec<f64>,
    dependency: Vec<f64>,
    order: Vec<u32>,
}

const UNSEEN: u32 = u32::MAX;

impl Workspace {
    fn new(node_count: usize) -> Self {
        Self {
            distance: vec![UNSEEN; node_count],
            path_count: vec![0.0; node_count],
            dependency: vec![0.0; node_count],
            order: Vec::with_capacity(node_count),
        }
    }

    /// One BFS from `source` and the backward dependency sweep (networkx's
    /// `_single_source_shortest_path_basic` then `_accumulate_basic`).
    fn accumulate(&mut self, graph: &MetricGraph, source: usize, betweenness: &mut [f64]) {
        self.order.clear();
        self.distance[source] = 0;
        self.path_count[source] = 1.0;
        self.order.push(index_u32(source));
        let mut head = 0;
        while head < self.order.len() {
            let node = self.order[head] as usize;
            head += 1;
            let next_distance = self.distance[node] + 1;
            let node_paths = self.path_count[node];
            for &target in graph.out_arcs(node).0 {
                let target = target as usize;
                if self.distance[target] == UNSEEN {
                    self.distance[target] = next_distance;
                    self.order.push(index_u32(target));
                }
                if self.distance[target] == next_distance {
                    self.path_count[target] += node_paths;
                }
            }
        }
        // The source comes first in BFS order and has no predecessors: stop before it.
        for &node in self.order[1..].iter().rev() {
            let node = node as usize;
            let coefficient = (1.0 + self.dependency[node]) / self.path_count[node];
            let previous_distance = self.distance[node] - 1;
            for &predecessor in graph.in_arcs(node).0 {
                let predecessor = predecessor as usize;
                if self.distance[predecessor] == previous_distance {
                    self.dependency[predecessor] += self.path_count[predecessor] * coefficient;
                }
            }
            betweenness[node] += self.dependency[node];
        }
        for &node in &self.order {
            let node = node as usize;
            self.distance[node] = UNSEEN;
            self.path_count[node] = 0.0;
            self.dependency[node] = 0.0;
        }
    }
}

fn index_u32(index: usize) -> u32 {
    u32::try_from(index).unwrap_or(u32::MAX)
}

/// networkx's `_rescale` with `endpoints=False`: `N = n - 1` possible targets per source.
/// Exact: normalized divides by `N(N-1)`, unnormalized halves undirected counts. With `k < n`
/// sources, a source node saw only `k - 1` other sources and is scaled separately.
#[allow(clippy::cast_precision_loss)]
fn rescale(
    values: &mut [f64],
    is_source: &[bool],
    source_count: usize,
    directed: bool,
    normalized: bool,
) {
    let targets = (values.len() - 1) as f64;
    let correction = if directed { 1.0 } else { 2.0 };
    if source_count == values.len() {
        let factor = if normalized {
            1.0 / (targets * (targets - 1.0))
        } else {
            1.0 / correction
        };
        for value in values.iter_mut() {
            *value *= factor;
        }
        return;
    }
    let k = source_count as f64;
    let (source_factor, other_factor) = if normalized {
        (
            1.0 / ((k - 1.0) * (targets - 1.0)),
            1.0 / (k * (targets - 1.0)),
        )
    } else {
        (
            targets / ((k - 1.0) * correction),
            targets / (k * correction),
        )
    };
    for (value, &source) in values.iter_mut().zip(is_source) {
        *value *= if source { source_factor } else { other_factor };
    }
}

#[cfg(test)]
mod tests {
    use super::{betweenness, betweenness_with_sources, BetweennessConfig};
    use crate::metrics::graph::MetricGraph;
    use crate::metrics::sampling::{Method, Sampling};
    use petgraph::graph::{DiGraph, UnGraph};
    use petgraph::EdgeType;

    fn prepare<Ty: EdgeType>(graph: &petgraph::Graph<(), (), Ty>) -> MetricGraph {
        MetricGraph::from_graph(graph, |()| 1.0).expect("unit weights")
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

    #[test]
    fn hand_worked_cases() {
        let raw = BetweennessConfig {
            normalized: false,
            ..BetweennessConfig::default()
        };
        let normalized = BetweennessConfig::default();
        // (name, graph, unnormalized, normalized)
        let cases: Vec<(&str, MetricGraph, Vec<f64>, Vec<f64>)> = vec![
            // Undirected path 0–1–2–3: node 1 lies on 0–2 and 0–3, node 2 on 0–3 and 1–3.
            // Normalized by (n-1)(n-2)/2 = 3 pairs.
            (
                "path",
                prepare(&UnGraph::<(), ()>::from_edges([(0, 1), (1, 2), (2, 3)])),
                vec![0.0, 2.0, 2.0, 0.0],
                vec![0.0, 2.0 / 3.0, 2.0 / 3.0, 0.0],
            ),
            // Undirected star with centre 0 and 4 leaves: all 6 leaf pairs pass the centre.
            (
                "star",
                prepare(&UnGraph::<(), ()>::from_edges([
                    (0, 1),
                    (0, 2),
                    (0, 3),
                    (0, 4),
                ])),
                vec![6.0, 0.0, 0.0, 0.0, 0.0],
                vec![1.0, 0.0, 0.0, 0.0, 0.0],
            ),
            // Square 0–1–2–3–0: each node is on one of the two shortest paths between its two
            // neighbours, worth 1/2.
            (
                "square",
                prepare(&UnGraph::<(), ()>::from_edges([
                    (0, 1),
                    (1, 2),
                    (2, 3),
                    (3, 0),
                ])),
                vec![0.5; 4],
                vec![1.0 / 6.0; 4],
            ),
            // Directed path 0→1→2: node 1 carries the single pair (0, 2) of 2·1 ordered pairs.
            (
                "directed path",
                prepare(&DiGraph::<(), ()>::from_edges([(0, 1), (1, 2)])),
                vec![0.0, 1.0, 0.0],
                vec![0.0, 0.5, 0.0],
            ),
            // Directed cycle 0→1→2→0: each node is inside exactly one path.
            (
                "directed cycle",
                prepare(&DiGraph::<(), ()>::from_edges([(0, 1), (1, 2), (2, 0)])),
                vec![1.0; 3],
                vec![0.5; 3],
            ),
        ];
        for (name, graph, expected_raw, expected_normalized) in cases {
            let result = betweenness(&graph, &raw).expect("valid config");
            assert_eq!(result.method, Method::Exact, "{name}");
            assert_close(&result.values, &expected_raw, 1e-12);
            let result = betweenness(&graph, &normalized).expect("valid config");
            assert_close(&result.values, &expected_normalized, 1e-12);
        }
    }

    #[test]
    fn parallel_edges_and_self_loops_do_not_change_path_counts() {
        let plain = prepare(&DiGraph::<(), ()>::from_edges([
            (0, 1),
            (1, 2),
            (0, 3),
            (3, 2),
        ]));
        let noisy = prepare(&DiGraph::<(), ()>::from_edges([
            (0, 1),
            (0, 1),
            (1, 1),
            (1, 2),
            (0, 3),
            (3, 2),
        ]));
        let config = BetweennessConfig::default();
        assert_eq!(
            betweenness(&plain, &config).expect("valid").values,
            betweenness(&noisy, &config).expect("valid").values
        );
    }

    #[test]
    fn large_graphs_switch_to_a_recorded_deterministic_sample() {
        let edges: Vec<(u32, u32)> = (0..60).map(|i| (i, (i * 7 + 3) % 60)).collect();
        let graph = prepare(&DiGraph::<(), ()>::from_edges(edges));
        let config = BetweennessConfig {
            sampling: Sampling {
                exact_up_to_nodes: 50,
                sample_sources: 10,
                ..Sampling::default()
            },
            ..BetweennessConfig::default()
        };
        let first = betweenness(&graph, &config).expect("valid");
        assert_eq!(
            first.method,
            Method::Sampled {
                sources: 10,
                seed: config.sampling.seed
            }
        );
        assert_eq!(first, betweenness(&graph, &config).expect("valid"));
    }

    #[test]
    fn all_sources_equals_exact_and_bad_sources_are_rejected() {
        let graph = prepare(&UnGraph::<(), ()>::from_edges([
            (0, 1),
            (1, 2),
            (2, 3),
            (1, 3),
        ]));
        let config = BetweennessConfig::default();
        let all: Vec<usize> = (0..4).collect();
        assert_eq!(
            betweenness_with_sources(&graph, &all, &config).expect("valid"),
            betweenness(&graph, &config).expect("valid").values
        );
        assert!(betweenness_with_sources(&graph, &[0, 0], &config).is_err());
        assert!(betweenness_with_sources(&graph, &[7], &config).is_err());
        assert!(betweenness_with_sources(&graph, &[1], &config).is_err());
    }

    #[test]
    fn output_does_not_depend_on_the_number_of_threads() {
        let mut rng = crate::metrics::rng::SplitMix64::new(8);
        let edges: Vec<(u32, u32)> = (0..3000)
            .map(|_| {
                let mut draw = || u32::try_from(rng.below(500)).expect("small");
                (draw(), draw())
            })
            .collect();
        let graph = prepare(&DiGraph::<(), ()>::from_edges(&edges));
        let run = |threads: usize| {
            rayon::ThreadPoolBuilder::new()
                .num_threads(threads)
                .build()
                .expect("thread pool")
                .install(|| betweenness(&graph, &BetweennessConfig::default()))
                .expect("valid")
        };
        let one = run(1);
        let bits = |result: &super::Betweenness| -> Vec<u64> {
            result.values.iter().map(|value| value.to_bits()).collect()
        };
        assert_eq!(bits(&one), bits(&run(2)));
        assert_eq!(bits(&one), bits(&run(3)));
    }

    #[test]
    fn matches_rustworkx_core_on_a_random_digraph() {
        let mut rng = crate::metrics::rng::SplitMix64::new(5);
        let edges: Vec<(u32, u32)> = (0..600)
            .map(|_| {
                (
                    u32::try_from(rng.below(150)).expect("small"),
                    u32::try_from(rng.below(150)).expect("small"),
                )
            })
            .collect();
        let graph = DiGraph::<(), ()>::from_edges(&edges);
        // rustworkx-core counts parallel edges as distinct paths, so give it the merged arcs.
        let metric_graph = prepare(&graph);
        let oracle = rustworkx_core::centrality::betweenness_centrality(
            &metric_graph.to_digraph(),
            false,
            true,
            usize::MAX,
        );
        let ours = betweenness(&metric_graph, &BetweennessConfig::default()).expect("valid");
        let oracle: Vec<f64> = oracle.into_iter().map(|v| v.unwrap_or(f64::NAN)).collect();
        assert_close(&ours.values, &oracle, 1e-12);
    }
}
