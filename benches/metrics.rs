//! Benchmarks of every graph metric on seeded synthetic graphs.
//!
//! `cargo bench --bench metrics` measures; `cargo test --all-targets` runs each benchmark once,
//! on graphs a hundred times smaller. Graphs: a uniform random digraph (10,000 nodes, 50,000
//! edges) and a citation-like near-DAG (100,000 works citing 10 earlier works each, half chosen
//! by preferential attachment, plus 0.1 % citations forward in time), every metric on each
//! and every metric together on the second (closeness and betweenness sampled from 1000
//! sources there, as by default above 20,000 nodes; exact on the first).

// `criterion_group!` defines an undocumented public function.
#![allow(missing_docs)]

use std::hint::black_box;
use std::time::Duration;

use citegraph::metrics::{
    betweenness, closeness, compute_all, eigenvector, hits, katz, louvain, pagerank,
    BetweennessConfig, ClosenessConfig, CommunityConfig, EigenvectorConfig, HitsConfig, KatzConfig,
    MetricGraph, MetricsConfig, PageRankConfig,
};
use criterion::{criterion_group, criterion_main, Criterion};
use petgraph::graph::{DiGraph, NodeIndex};

/// xorshift64*: a fixed stream so every run benchmarks the same graphs.
struct Stream(u64);

impl Stream {
    fn below(&mut self, bound: usize) -> usize {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        let value = self.0.wrapping_mul(0x2545_F491_4F6C_DD1D);
        usize::try_from(value % bound as u64).expect("below a usize bound")
    }
}

fn graph_with_nodes(node_count: usize, edge_capacity: usize) -> DiGraph<(), f64> {
    let mut graph = DiGraph::with_capacity(node_count, edge_capacity);
    for _ in 0..node_count {
        graph.add_node(());
    }
    graph
}

/// Uniform random digraph without self-loops, weights 1–3.
fn random_digraph(node_count: usize, edge_count: usize, seed: u64) -> DiGraph<(), f64> {
    let mut stream = Stream(seed);
    let mut graph = graph_with_nodes(node_count, edge_count);
    while graph.edge_count() < edge_count {
        let (source, target) = (stream.below(node_count), stream.below(node_count));
        if source != target {
            #[allow(clippy::cast_precision_loss)]
            let weight = (1 + stream.below(3)) as f64;
            graph.add_edge(NodeIndex::new(source), NodeIndex::new(target), weight);
        }
    }
    graph
}

/// Work `i` cites `citations` earlier works: half uniformly, half by copying the target of a
/// random earlier citation (preferential attachment); one citation in a thousand goes forward.
fn citation_graph(work_count: usize, citations: usize, seed: u64) -> DiGraph<(), f64> {
    let mut stream = Stream(seed);
    let mut graph = graph_with_nodes(work_count, work_count * citations);
    let mut cited: Vec<usize> = Vec::with_capacity(work_count * citations);
    for citing in 1..work_count {
        for slot in 0..citations.min(citing) {
            let target = if slot % 2 == 1 && !cited.is_empty() {
                cited[stream.below(cited.len())]
            } else {
                stream.below(citing)
            };
            let later = work_count - citing - 1;
            let target = if later > 0 && stream.below(1000) == 0 {
                citing + 1 + stream.below(later)
            } else {
                target
            };
            graph.add_edge(NodeIndex::new(citing), NodeIndex::new(target), 1.0);
            cited.push(target);
        }
    }
    graph
}

/// Whether criterion measures (`cargo bench`) rather than runs each benchmark once as a test.
fn measuring() -> bool {
    std::env::args().any(|arg| arg == "--bench")
}

/// `full` when measuring, a hundredth of it (at least 100) as a test, so `cargo test
/// --all-targets` runs every metric once in a debug build in seconds.
fn scaled(full: usize) -> usize {
    if measuring() {
        full
    } else {
        (full / 100).max(100)
    }
}

fn random_10k(criterion: &mut Criterion) {
    let input = random_digraph(scaled(10_000), scaled(50_000), 0x5EED);
    let mut group = criterion.benchmark_group("random_10k_50k");
    group.sample_size(10);
    group.measurement_time(Duration::from_secs(5));
    group.bench_function("prepare_and_degrees", |b| {
        b.iter(|| MetricGraph::from_graph(black_box(&input), |w| *w));
    });
    let graph = MetricGraph::from_graph(&input, |w| *w).expect("positive weights");
    group.bench_function("pagerank", |b| {
        b.iter(|| pagerank(black_box(&graph), &PageRankConfig::default()));
    });
    group.bench_function("hits", |b| {
        b.iter(|| hits(black_box(&graph), &HitsConfig::default()))
    });
    group.bench_function("eigenvector", |b| {
        b.iter(|| eigenvector(black_box(&graph), &EigenvectorConfig::default()));
    });
    group.bench_function("katz", |b| {
        b.iter(|| katz(black_box(&graph), &KatzConfig::default()))
    });
    group.bench_function("louvain", |b| {
        b.iter(|| louvain(black_box(&graph), &CommunityConfig::default()));
    });
    group.bench_function("closeness", |b| {
        b.iter(|| closeness(black_box(&graph), &ClosenessConfig::default()));
    });
    group.bench_function("betweenness_exact", |b| {
        b.iter(|| betweenness(black_box(&graph), &BetweennessConfig::default()));
    });
    group.finish();
}

fn citation_100k(criterion: &mut Criterion) {
    let input = citation_graph(scaled(100_000), 10, 0xC17E);
    let mut group = criterion.benchmark_group("citation_100k_1m");
    group.sample_size(10);
    group.measurement_time(Duration::from_secs(5));
    group.bench_function("prepare_and_degrees", |b| {
        b.iter(|| MetricGraph::from_graph(black_box(&input), |w| *w));
    });
    let graph = MetricGraph::from_graph(&input, |w| *w).expect("positive weights");
    group.bench_function("pagerank", |b| {
        b.iter(|| pagerank(black_box(&graph), &PageRankConfig::default()));
    });
    group.bench_function("hits", |b| {
        b.iter(|| hits(black_box(&graph), &HitsConfig::default()))
    });
    group.bench_function("eigenvector", |b| {
        b.iter(|| eigenvector(black_box(&graph), &EigenvectorConfig::default()));
    });
    group.bench_function("katz", |b| {
        b.iter(|| katz(black_box(&graph), &KatzConfig::default()))
    });
    group.bench_function("louvain", |b| {
        b.iter(|| louvain(black_box(&graph), &CommunityConfig::default()));
    });
    group.bench_function("closeness_sampled_1000", |b| {
        b.iter(|| closeness(black_box(&graph), &ClosenessConfig::default()));
    });
    group.bench_function("betweenness_sampled_1000", |b| {
        b.iter(|| betweenness(black_box(&graph), &BetweennessConfig::default()));
    });
    group.bench_function("all_metrics", |b| {
        b.iter(|| compute_all(black_box(&graph), &MetricsConfig::default()));
    });
    group.finish();
}

criterion_group!(benches, random_10k, citation_100k);
criterion_main!(benches);
