//! Louvain community detection and modularity on the undirected, weighted view of a graph.

use serde::{Deserialize, Serialize};

use super::error::{MetricResult, MetricsError};
use super::graph::MetricGraph;
use super::rng::SplitMix64;
use super::Weighting;

/// Louvain settings; `Default` is networkx's `louvain_communities(G)` with a fixed seed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct CommunityConfig {
    /// Modularity resolution γ (networkx 1.0): above 1 favours smaller communities.
    pub resolution: f64,
    /// Stop aggregating when a level gains at most this much modularity (networkx 1e-7).
    pub threshold: f64,
    /// Seed of the node visiting order; the same graph and seed give the same communities.
    pub seed: u64,
    /// Use edge weights (networkx `weight='weight'`) or count every edge as 1.
    pub weighting: Weighting,
}

impl Default for CommunityConfig {
    fn default() -> Self {
        Self {
            resolution: 1.0,
            threshold: 1e-7,
            seed: 0x00C1_7E61_2A9B,
            weighting: Weighting::EdgeWeight,
        }
    }
}

impl CommunityConfig {
    pub(crate) fn validate(&self) -> MetricResult<()> {
        if !(self.resolution.is_finite() && self.resolution > 0.0) {
            return Err(MetricsError::InvalidConfig {
                field: "communities.resolution",
                reason: "must be finite and positive",
            });
        }
        if !(self.threshold.is_finite() && self.threshold >= 0.0) {
            return Err(MetricsError::InvalidConfig {
                field: "communities.threshold",
                reason: "must be finite and non-negative",
            });
        }
        Ok(())
    }
}

/// A partition of the nodes into communities.
#[derive(Debug, Clone, PartialEq)]
pub struct Communities {
    /// Community of each node, indexed by node index. Communities are numbered `0..count` in
    /// order of their first node, so node 0 is always in community 0.
    pub membership: Vec<usize>,
    /// Number of communities.
    pub count: usize,
    /// Modularity of the partition at the configured resolution; `None` when the graph has no
    /// edge weight at all (modularity divides by it).
    pub modularity: Option<f64>,
}

/// The undirected weighted graph Louvain works on, one level of aggregation.
#[derive(Debug, Clone)]
struct Level {
    offsets: Vec<usize>,
    neighbours: Vec<usize>,
    weights: Vec<f64>,
    self_loop: Vec<f64>,
    /// Weighted degree, self-loops counted twice.
    degree: Vec<f64>,
    /// Total edge weight, each edge once.
    total: f64,
}

impl Level {
    /// The undirected view: arcs `u → v` and `v → u` of a directed graph add up to one edge
    /// `{u, v}`; an undirected graph keeps its edges (parallel edges summed).
    fn from_graph(graph: &MetricGraph, weighting: Weighting) -> Self {
        let node_count = graph.node_count();
        let mut edges: Vec<(usize, usize, f64)> = Vec::with_capacity(graph.arc_count());
        for source in 0..node_count {
            let (targets, weights) = graph.out_arcs(source);
            for (&target, &w) in targets.iter().zip(weights) {
                let target = target as usize;
                let w = weighting.apply(w);
                if graph.is_directed() {
                    edges.push((source.min(target), source.max(target), w));
                } else if source <= target {
                    edges.push((source, target, w));
                }
            }
        }
        Self::from_edges(node_count, &mut edges)
    }

    /// Build from undirected edges `(u, v, w)` with `u <= v`, merging repeats.
    fn from_edges(node_count: usize, edges: &mut [(usize, usize, f64)]) -> Self {
        edges.sort_by_key(|&(u, v, _)| (u, v));
        let mut merged: Vec<(usize, usize, f64)> = Vec::with_capacity(edges.len());
        for &(u, v, w) in edges.iter() {
            match merged.last_mut() {
                Some(last) if last.0 == u && last.1 == v => last.2 += w,
                _ => merged.push((u, v, w)),
            }
        }
        let mut self_loop = vec![0.0; node_count];
        let mut degree = vec![0.0; node_count];
        let mut counts = vec![0_usize; node_count + 1];
        let mut total = 0.0;
        for &(u, v, w) in &merged {
            total += w;
            degree[u] += w;
            degree[v] += w;
            if u == v {
                self_loop[u] += w;
            } else {
                counts[u + 1] += 1;
                counts[v + 1] += 1;
            }
        }
        for node in 0..node_count {
            counts[node + 1] += counts[node];
        }
        let mut cursor = counts.clone();
        let mut neighbours = vec![0; counts[node_count]];
        let mut weights = vec![0.0; counts[node_count]];
        for &(u, v, w) in merged.iter().filter(|(u, v, _)| u != v) {
            for (from, to) in [(u, v), (v, u)] {
                neighbours[cursor[from]] = to;
                weights[cursor[from]] = w;
                cursor[from] += 1;
            }
        }
        Self {
            offsets: counts,
            neighbours,
            weights,
            self_loop,
            degree,
            total,
        }
    }

    fn node_count(&self) -> usize {
        self.degree.len()
    }

    fn neighbours(&self, node: usize) -> impl Iterator<Item = (usize, f64)> + '_ {
        let range = self.offsets[node]..self.offsets[node + 1];
        self.neighbours[range.clone()]
            .iter()
            .copied()
            .zip(self.weights[range].iter().copied())
    }

    /// networkx's `modularity`: Σ_c L_c/m − γ (D_c / 2m)², with L_c the weight inside c
    /// (each edge once) and D_c its total degree.
    fn modularity(
        &self,
        membership: &[usize],
        community_count: usize,
        resolution: f64,
    ) -> Option<f64> {
        if self.total <= 0.0 {
            return None;
        }
        let mut inside = vec![0.0; community_count];
        let mut degree_sum = vec![0.0; community_count];
        for node in 0..self.node_count() {
            let community = membership[node];
            degree_sum[community] += self.degree[node];
            inside[community] += self.self_loop[node];
            for (neighbour, w) in self.neighbours(node) {
                if neighbour > node && membership[neighbour] == community {
                    inside[community] += w;
                }
            }
        }
        let two_m = 2.0 * self.total;
        Some(
            inside
                .iter()
                .zip(&degree_sum)
                .map(|(l, d)| l / self.total - resolution * (d / two_m) * (d / two_m))
                .sum(),
        )
    }

    /// One Louvain level, networkx's `_one_level`: visit nodes in `order`, move each to the
    /// neighbouring community with the largest positive modularity gain (first found on ties),
    /// repeat until no node moves. Returns the community of each node, numbered from 0 by
    /// first appearance in node order, the number of communities, and whether any node moved.
    fn one_level(&self, order: &[usize], resolution: f64) -> (Vec<usize>, usize, bool) {
        let node_count = self.node_count();
        let m = self.total;
        let mut community: Vec<usize> = (0..node_count).collect();
        let mut community_degree = self.degree.clone();
        let mut weight_to = vec![0.0; node_count];
        let mut touched: Vec<usize> = Vec::new();
        let mut is_touched = vec![false; node_count];
        let mut moved_any = false;
        loop {
            let mut moves = 0;
            for &node in order {
                let own = community[node];
                touched.clear();
                for (neighbour, w) in self.neighbours(node) {
                    let target = community[neighbour];
                    if !is_touched[target] {
                        is_touched[target] = true;
                        touched.push(target);
                    }
                    weight_to[target] += w;
                }
                let degree = self.degree[node];
                community_degree[own] -= degree;
                let remove_cost = -weight_to[own] / m
                    + resolution * community_degree[own] * degree / (2.0 * m * m);
                let mut best_gain = 0.0;
                let mut best = own;
                for &candidate in &touched {
                    let gain = remove_cost + weight_to[candidate] / m
                        - resolution * community_degree[candidate] * degree / (2.0 * m * m);
                    if gain > best_gain {
                        best_gain = gain;
                        best = candidate;
                    }
                }
                community_degree[best] += degree;
                if best != own {
                    community[node] = best;
                    moves += 1;
                    moved_any = true;
                }
                for &target in &touched {
                    weight_to[target] = 0.0;
                    is_touched[target] = false;
                }
            }
            if moves == 0 {
                break;
            }
        }
        let (renumbered, count) = renumber(&community);
        (renumbered, count, moved_any)
    }

    /// The graph of communities: one node per community, edge weights summed, edges inside a
    /// community becoming its self-loop (networkx's `_gen_graph`).
    fn aggregate(&self, membership: &[usize], community_count: usize) -> Self {
        let mut edges = Vec::new();
        for node in 0..self.node_count() {
            let community = membership[node];
            if self.self_loop[node] != 0.0 {
                edges.push((community, community, self.self_loop[node]));
            }
            for (neighbour, w) in self.neighbours(node) {
                if neighbour > node {
                    let other = membership[neighbour];
                    edges.push((community.min(other), community.max(other), w));
                }
            }
        }
        Self::from_edges(community_count, &mut edges)
    }
}

/// Number communities `0..count` by their first node; returns the new labels and the count.
fn renumber(labels: &[usize]) -> (Vec<usize>, usize) {
    let mut new_label =
        vec![usize::MAX; labels.len().max(labels.iter().max().map_or(0, |m| m + 1))];
    let mut count = 0;
    let renumbered = labels
        .iter()
        .map(|&label| {
            if new_label[label] == usize::MAX {
                new_label[label] = count;
                count += 1;
            }
            new_label[label]
        })
        .collect();
    (renumbered, count)
}

/// Louvain communities (Blondel et al. 2008) of the undirected weighted view of `graph`,
/// networkx's `louvain_partitions` step for step: local moves by modularity gain, then
/// aggregation, until a level gains no more than `threshold`. Nodes are visited in a random
/// order drawn from `seed`, so the same graph and config always give the same partition.
/// A directed graph is made undirected by adding the weights of `u → v` and `v → u`
/// (networkx would optimise directed modularity instead). Nodes without edges stay alone.
///
/// # Errors
/// [`MetricsError::InvalidConfig`] for a non-positive resolution or a negative threshold.
pub fn louvain(graph: &MetricGraph, config: &CommunityConfig) -> MetricResult<Communities> {
    config.validate()?;
    let base = Level::from_graph(graph, config.weighting);
    let node_count = base.node_count();
    let mut membership: Vec<usize> = (0..node_count).collect();
    if base.total > 0.0 {
        let mut rng = SplitMix64::new(config.seed);
        let mut level = base.clone();
        let mut modularity = level.modularity(&membership, node_count, config.resolution);
        loop {
            let mut order: Vec<usize> = (0..level.node_count()).collect();
            rng.shuffle(&mut order);
            let (level_membership, count, moved) = level.one_level(&order, config.resolution);
            if !moved {
                break;
            }
            for community in &mut membership {
                *community = level_membership[*community];
            }
            let new_modularity = level.modularity(&level_membership, count, config.resolution);
            match (new_modularity, modularity) {
                (Some(new), Some(old)) if new - old > config.threshold => {}
                _ => break,
            }
            modularity = new_modularity;
            level = level.aggregate(&level_membership, count);
        }
    }
    let (membership, count) = renumber(&membership);
    let modularity = base.modularity(&membership, count, config.resolution);
    Ok(Communities {
        membership,
        count,
        modularity,
    })
}

/// Modularity of a partition of the undirected weighted view of `graph` (see [`louvain`]), as
/// networkx's `community.modularity`; `None` when the graph has no edge weight.
///
/// # Errors
/// [`MetricsError::InvalidConfig`] when `membership` does not have one entry per node or the
/// resolution is not positive.
pub fn modularity(
    graph: &MetricGraph,
    membership: &[usize],
    config: &CommunityConfig,
) -> MetricResult<Option<f64>> {
    config.validate()?;
    if membership.len() != graph.node_count() {
        return Err(MetricsError::InvalidConfig {
            field: "membership",
            reason: "needs one community per node",
        });
    }
    let (membership, count) = renumber(membership);
    Ok(
        Level::from_graph(graph, config.weighting).modularity(
            &membership,
            count,
            config.resolution,
        ),
    )
}

#[cfg(test)]
mod tests {
    use super::{louvain, modularity, CommunityConfig};
    use crate::metrics::graph::MetricGraph;
    use petgraph::graph::{DiGraph, UnGraph};

    /// Two 5-cliques {0..4} and {5..9} joined by the edge 4–5.
    fn two_cliques() -> UnGraph<(), ()> {
        let mut edges = Vec::new();
        for offset in [0_u32, 5] {
            for i in 0..5 {
                for j in (i + 1)..5 {
                    edges.push((offset + i, offset + j));
                }
            }
        }
        edges.push((4, 5));
        UnGraph::from_edges(edges)
    }

    #[test]
    fn recovers_two_cliques_joined_by_one_edge() {
        let graph = MetricGraph::from_graph(&two_cliques(), |()| 1.0).expect("unit weights");
        let result = louvain(&graph, &CommunityConfig::default()).expect("valid config");
        assert_eq!(result.membership, vec![0, 0, 0, 0, 0, 1, 1, 1, 1, 1]);
        assert_eq!(result.count, 2);
        // m = 21; each side has 10 inside edges and degree sum 21:
        // Q = 2 · (10/21 − (21/42)²) = 20/21 − 1/2.
        let expected = 20.0 / 21.0 - 0.5;
        let found = result.modularity.expect("has edges");
        assert!((found - expected).abs() < 1e-12, "{found} vs {expected}");
    }

    #[test]
    fn same_graph_same_communities_for_any_seed_on_clear_structure() {
        let graph = MetricGraph::from_graph(&two_cliques(), |()| 1.0).expect("unit weights");
        for seed in 0..20 {
            let config = CommunityConfig {
                seed,
                ..CommunityConfig::default()
            };
            let result = louvain(&graph, &config).expect("valid config");
            assert_eq!(
                result.membership,
                vec![0, 0, 0, 0, 0, 1, 1, 1, 1, 1],
                "seed {seed}"
            );
        }
    }

    #[test]
    fn directed_graphs_are_seen_undirected_and_isolated_nodes_stay_alone() {
        // Two directed triangles joined by one arc, plus an isolated node 6.
        let mut graph =
            DiGraph::<(), ()>::from_edges([(0, 1), (1, 2), (2, 0), (3, 4), (4, 5), (5, 3), (2, 3)]);
        graph.add_node(());
        let graph = MetricGraph::from_graph(&graph, |()| 1.0).expect("unit weights");
        let result = louvain(&graph, &CommunityConfig::default()).expect("valid config");
        assert_eq!(result.membership, vec![0, 0, 0, 1, 1, 1, 2]);
    }

    #[test]
    fn modularity_of_hand_partitions() {
        let graph = MetricGraph::from_graph(&two_cliques(), |()| 1.0).expect("unit weights");
        let config = CommunityConfig::default();
        // Everything in one community: L/m − 1 = 0.
        let one = modularity(&graph, &[7; 10], &config)
            .expect("valid")
            .expect("has edges");
        assert!(one.abs() < 1e-15);
        // Singletons: −Σ (k_i / 2m)² = −(8·16 + 2·25)/42².
        let singletons: Vec<usize> = (0..10).collect();
        let alone = modularity(&graph, &singletons, &config)
            .expect("valid")
            .expect("has edges");
        assert!((alone + 178.0 / 1764.0).abs() < 1e-15);
        assert!(modularity(&graph, &[0; 3], &config).is_err());
        let empty = MetricGraph::from_graph(
            &UnGraph::<(), ()>::from_edges(Vec::<(u32, u32)>::new()),
            |()| 1.0,
        )
        .expect("empty");
        assert_eq!(modularity(&empty, &[], &config), Ok(None));
    }
}
