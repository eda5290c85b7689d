//! Closeness centrality as networkx defines it, exact or estimated from sampled sources.

use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use super::error::MetricResult;
use super::graph::MetricGraph;
use super::sampling::{Method, Sampling};

/// Closeness settings; `Default` is networkx's `closeness_centrality(G)` up to 20,000 nodes.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct ClosenessConfig {
    /// Scale by the fraction of other nodes that can reach the node (Wasserman and Faust;
    /// networkx `wf_improved=True`), so nodes in small components do not score high.
    pub wf_improved: bool,
    /// When to estimate from sampled sources instead.
    pub sampling: Sampling,
}

impl Default for ClosenessConfig {
    fn default() -> Self {
        Self {
            wf_improved: true,
            sampling: Sampling::default(),
        }
    }
}

/// Closeness of every node, indexed by node index, and how it was computed.
#[derive(Debug, Clone, PartialEq)]
pub struct Closeness {
    /// One value per node.
    pub values: Vec<f64>,
    /// Exact, or sampled with how many sources and which seed.
    pub method: Method,
}

/// Unweighted closeness of every node, as networkx's `closeness_centrality(G, wf_improved=...)`:
/// `(r - 1) / Σ d(u, v)` over the `r - 1` other nodes `u` that can reach `v`, times
/// `(r - 1)/(n - 1)` with `wf_improved`; 0 for a node nothing reaches. On a directed graph
/// distances run along arcs into the node (networkx reverses the graph), so a much-cited work
/// is close.
///
/// Exact (one BFS per node) up to `sampling.exact_up_to_nodes` nodes. Above, it is estimated
/// from BFS trees of `sampling.sample_sources` sources drawn with `sampling.seed` (Eppstein and
/// Wang 2004): the sampled sources that reach `v` stand for all nodes that do, so `r - 1` is
/// estimated as `(n - 1) · c / k'` and `Σ d` as `(n - 1) · Σ_s d(s, v) / k'`, where `c` sources
/// out of the `k'` sampled ones other than `v` reach it. With every node as a source this is
/// the exact value. networkx has no sampled closeness. Runs on all cores; each value is
/// computed independently (exact) or from integer sums (sampled), so the output does not
/// depend on thread scheduling.
///
/// # Errors
/// [`super::MetricsError::InvalidConfig`] if `sampling.sample_sources < 2`.
pub fn closeness(graph: &MetricGraph, config: &ClosenessConfig) -> MetricResult<Closeness> {
    config
        .sampling
        .validate("closeness.sampling.sample_sources")?;
    let sampled = config.sampling.sources(graph.node_count());
    let values = match &sampled {
        None => exact(graph, config.wf_improved),
        Some(sources) => from_sources(graph, sources, config.wf_improved),
    };
    Ok(Closeness {
        values,
        method: config.sampling.method(sampled.as_deref()),
    })
}

const UNSEEN: u32 = u32::MAX;

/// Breadth-first search from `start` along `arcs`, calling `visit(node, distance)` for every
/// node reached other than `start`. `distance` must be all `UNSEEN` and is left so.
fn breadth_first<'g>(
    start: usize,
    arcs: impl Fn(usize) -> &'g [u32],
    distance: &mut [u32],
    queue: &mut Vec<u32>,
    mut visit: impl FnMut(usize, u32),
) {
    queue.clear();
    queue.push(u32::try_from(start).unwrap_or(u32::MAX));
    distance[start] = 0;
    let mut head = 0;
    while head < queue.len() {
        let node = queue[head] as usize;
        head += 1;
        let next = distance[node] + 1;
        for &neighbour in arcs(node) {
            let neighbour = neighbour as usize;
            if distance[neighbour] == UNSEEN {
                distance[neighbour] = next;
                queue.push(u32::try_from(neighbour).unwrap_or(u32::MAX));
                visit(neighbour, next);
            }
        }
    }
    for &node in queue.iter() {
        distance[node as usize] = UNSEEN;
    }
}

#[allow(clippy::cast_precision_loss)]
fn closeness_value(reachers: u64, distance_sum: u64, node_count: usize, wf_improved: bool) -> f64 {
    if distance_sum == 0 || node_count <= 1 {
        return 0.0;
    }
    let value = reachers as f64 / distance_sum as f64;
    if wf_improved {
        value * (reachers as f64 / (node_count - 1) as f64)
    } else {
        value
    }
}

/// One BFS per node against the arcs (networkx's `G.reverse()`).
fn exact(graph: &MetricGraph, wf_improved: bool) -> Vec<f64> {
    let node_count = graph.node_count();
    (0..node_count)
        .into_par_iter()
        .map_init(
            || (vec![UNSEEN; node_count], Vec::with_capacity(node_count)),
            |(distance, queue), node| {
                let mut reachers = 0_u64;
                let mut distance_sum = 0_u64;
                breadth_first(
                    node,
                    |v| graph.in_arcs(v).0,
                    distance,
                    queue,
                    |_, d| {
                        reachers += 1;
                        distance_sum += u64::from(d);
                    },
                );
                closeness_value(reachers, distance_sum, node_count, wf_improved)
            },
        )
        .collect()
}

/// How many partial sums the sources are split into (integer sums: any order gives the same).
const PARTIAL_SUMS: usize = 16;

/// BFS along the arcs from each source; each node's reaching sources and distance sum.
fn from_sources(graph: &MetricGraph, sources: &[usize], wf_improved: bool) -> Vec<f64> {
    let node_count = graph.node_count();
    let chunk_size = sources.len().div_ceil(PARTIAL_SUMS).max(1);
    let partials: Vec<(Vec<u64>, Vec<u64>)> = sources
        .par_chunks(chunk_size)
        .map(|chunk| {
            let mut distance = vec![UNSEEN; node_count];
            let mut queue = Vec::with_capacity(node_count);
            let mut reached_by = vec![0_u64; node_count];
            let mut distance_sum = vec![0_u64; node_count];
            for &source in chunk {
                breadth_first(
                    source,
                    |v| graph.out_arcs(v).0,
                    &mut distance,
                    &mut queue,
                    |node, d| {
                        reached_by[node] += 1;
                        distance_sum[node] += u64::from(d);
                    },
                );
            }
            (reached_by, distance_sum)
        })
        .collect();
    let mut reached_by = vec![0_u64; node_count];
    let mut distance_sum = vec![0_u64; node_count];
    for (partial_reached, partial_sum) in &partials {
        for node in 0..node_count {
            reached_by[node] += partial_reached[node];
            distance_sum[node] += partial_sum[node];
        }
    }
    let mut is_source = vec![false; node_count];
    for &source in sources {
        is_source[source] = true;
    }
    (0..node_count)
        .map(|node| {
            let others_sampled = sources.len() - usize::from(is_source[node]);
            if reached_by[node] == 0 || distance_sum[node] == 0 || others_sampled == 0 {
                return 0.0;
            }
            #[allow(clippy::cast_precision_loss)]
            let fraction_reaching = reached_by[node] as f64 / others_sampled as f64;
            #[allow(clippy::cast_precision_loss)]
            let value = reached_by[node] as f64 / distance_sum[node] as f64;
            if wf_improved {
                value * fraction_reaching
            } else {
                value
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::{closeness, exact, from_sources, ClosenessConfig};
    use crate::metrics::graph::MetricGraph;
    use crate::metrics::rng::SplitMix64;
    use crate::metrics::sampling::{Method, Sampling};
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
        // Undirected path 0–1–2: ends have distances 1 + 2, the middle 1 + 1.
        let path = UnGraph::<(), ()>::from_edges([(0, 1), (1, 2)]);
        let path = MetricGraph::from_graph(&path, |()| 1.0).expect("unit weights");
        let result = closeness(&path, &ClosenessConfig::default()).expect("valid");
        assert_eq!(result.method, Method::Exact);
        assert_eq!(result.values, vec![2.0 / 3.0, 1.0, 2.0 / 3.0]);

        // Directed 0→1, 0→2, 3 isolated: node 1 is reached by 0 only (r - 1 = 1, Σd = 1),
        // scaled by 1/3 with wf_improved; node 0 is reached by nobody.
        let mut fan = DiGraph::<(), ()>::from_edges([(0, 1), (0, 2)]);
        fan.add_node(());
        let fan = MetricGraph::from_graph(&fan, |()| 1.0).expect("unit weights");
        let improved = closeness(&fan, &ClosenessConfig::default()).expect("valid");
        assert_eq!(improved.values, vec![0.0, 1.0 / 3.0, 1.0 / 3.0, 0.0]);
        let plain = ClosenessConfig {
            wf_improved: false,
            ..ClosenessConfig::default()
        };
        let plain = closeness(&fan, &plain).expect("valid");
        assert_eq!(plain.values, vec![0.0, 1.0, 1.0, 0.0]);
    }

    fn random_digraph(seed: u64, node_count: usize, edge_count: usize) -> MetricGraph {
        let mut rng = SplitMix64::new(seed);
        let edges: Vec<(u32, u32)> = (0..edge_count)
            .map(|_| {
                let mut draw = || u32::try_from(rng.below(node_count)).expect("small");
                (draw(), draw())
            })
            .collect();
        MetricGraph::from_graph(&DiGraph::<(), ()>::from_edges(&edges), |()| 1.0)
            .expect("unit weights")
    }

    #[test]
    fn exact_matches_rustworkx_core() {
        let graph = random_digraph(11, 120, 300);
        for wf_improved in [true, false] {
            let oracle: Vec<f64> = rustworkx_core::centrality::closeness_centrality(
                &graph.to_digraph(),
                wf_improved,
                usize::MAX,
            )
            .into_iter()
            .map(|value| value.unwrap_or(f64::NAN))
            .collect();
            assert_close(&exact(&graph, wf_improved), &oracle, 1e-12);
        }
    }

    #[test]
    fn every_node_as_a_source_is_exact_and_fewer_sources_estimate() {
        let graph = random_digraph(12, 200, 700);
        let all: Vec<usize> = (0..200).collect();
        for wf_improved in [true, false] {
            assert_close(
                &from_sources(&graph, &all, wf_improved),
                &exact(&graph, wf_improved),
                1e-12,
            );
        }
        let config = ClosenessConfig {
            sampling: Sampling {
                exact_up_to_nodes: 100,
                sample_sources: 100,
                ..Sampling::default()
            },
            ..ClosenessConfig::default()
        };
        let estimate = closeness(&graph, &config).expect("valid");
        assert_eq!(
            estimate.method,
            Method::Sampled {
                sources: 100,
                seed: config.sampling.seed
            }
        );
        let truth = exact(&graph, true);
        let mean_error: f64 = estimate
            .values
            .iter()
            .zip(&truth)
            .map(|(e, t)| (e - t).abs())
            .sum::<f64>()
            / 200.0;
        let mean: f64 = truth.iter().sum::<f64>() / 200.0;
        assert!(
            mean_error < 0.1 * mean,
            "mean error {mean_error} vs mean {mean}"
        );
        assert_eq!(estimate, closeness(&graph, &config).expect("valid"));
    }
}
