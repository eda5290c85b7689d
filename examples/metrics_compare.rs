//! The Rust side of the PageRank and betweenness comparison with networkx and rustworkx
//! (`scripts/compare_metrics.py`, run by `scripts/bench.sh`).
//!
//! `metrics_compare write DIR` writes the graphs as edge lists (`n m` on the first line, then
//! `source target` per line, no parallel edges or self-loops): `random_10k.edges` (uniform
//! random digraph, 10,000 nodes, 50,000 edges), `random_2k.edges` (2,000 nodes, 10,000 edges:
//! small enough for networkx's exact betweenness), `citation_100k.edges` (100,000 works citing
//! 10 earlier works each, half by preferential attachment, as in `benches/metrics.rs`).
//! `metrics_compare time FILE METRIC` reads one and prints the best of three wall times of
//! `pagerank` or `betweenness` (exact, normalised, directed) as `rust METRIC FILE SECONDS`.

#![allow(missing_docs, clippy::print_stdout)]

use std::collections::HashSet;
use std::fmt::Write as _;
use std::path::Path;
use std::time::Instant;

use citegraph::metrics::{
    betweenness, pagerank, BetweennessConfig, MetricGraph, PageRankConfig, Sampling,
};
use petgraph::graph::{DiGraph, NodeIndex};

/// xorshift64*, as in `benches/metrics.rs`.
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

fn random_edges(nodes: usize, edges: usize, seed: u64) -> Vec<(usize, usize)> {
    let mut stream = Stream(seed);
    let mut seen = HashSet::new();
    let mut list = Vec::with_capacity(edges);
    while list.len() < edges {
        let (source, target) = (stream.below(nodes), stream.below(nodes));
        if source != target && seen.insert((source, target)) {
            list.push((source, target));
        }
    }
    list
}

fn citation_edges(works: usize, citations: usize, seed: u64) -> Vec<(usize, usize)> {
    let mut stream = Stream(seed);
    let mut seen = HashSet::new();
    let mut list = Vec::with_capacity(works * citations);
    let mut cited: Vec<usize> = Vec::with_capacity(works * citations);
    for citing in 1..works {
        for slot in 0..citations.min(citing) {
            let target = if slot % 2 == 1 && !cited.is_empty() {
                cited[stream.below(cited.len())]
            } else {
                stream.below(citing)
            };
            let later = works - citing - 1;
            let target = if later > 0 && stream.below(1000) == 0 {
                citing + 1 + stream.below(later)
            } else {
                target
            };
            if target != citing && seen.insert((citing, target)) {
                list.push((citing, target));
                cited.push(target);
            }
        }
    }
    list
}

fn write(path: &Path, nodes: usize, edges: &[(usize, usize)]) {
    let mut text = String::with_capacity(edges.len() * 14);
    let _ = writeln!(text, "{nodes} {}", edges.len());
    for (source, target) in edges {
        let _ = writeln!(text, "{source} {target}");
    }
    std::fs::write(path, text).expect("write the edge list");
}

fn read(path: &Path) -> DiGraph<(), f64> {
    let text = std::fs::read_to_string(path).expect("read the edge list");
    let mut lines = text.lines();
    let header: Vec<usize> = lines
        .next()
        .expect("a header")
        .split_whitespace()
        .map(|n| n.parse().expect("a number"))
        .collect();
    let mut graph = DiGraph::with_capacity(header[0], header[1]);
    for _ in 0..header[0] {
        graph.add_node(());
    }
    for line in lines {
        let mut parts = line
            .split_whitespace()
            .map(|n| n.parse::<usize>().expect("a node"));
        let (Some(source), Some(target)) = (parts.next(), parts.next()) else {
            continue;
        };
        graph.add_edge(NodeIndex::new(source), NodeIndex::new(target), 1.0);
    }
    graph
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    match args.get(1).map(String::as_str) {
        Some("write") => {
            let dir = Path::new(args.get(2).expect("a directory"));
            std::fs::create_dir_all(dir).expect("create the directory");
            write(
                &dir.join("random_10k.edges"),
                10_000,
                &random_edges(10_000, 50_000, 0x5EED),
            );
            write(
                &dir.join("random_2k.edges"),
                2_000,
                &random_edges(2_000, 10_000, 0x5EED),
            );
            write(
                &dir.join("citation_100k.edges"),
                100_000,
                &citation_edges(100_000, 10, 0xC17E),
            );
        }
        Some("time") => {
            let path = Path::new(args.get(2).expect("an edge list"));
            let metric = args.get(3).expect("pagerank or betweenness");
            let graph = MetricGraph::from_graph(&read(path), |w| *w).expect("weights are 1");
            let mut best = f64::INFINITY;
            for _ in 0..3 {
                let started = Instant::now();
                match metric.as_str() {
                    "pagerank" => {
                        let values = pagerank(&graph, &PageRankConfig::default()).expect("runs");
                        std::hint::black_box(values);
                    }
                    "betweenness" => {
                        let config = BetweennessConfig {
                            normalized: true,
                            sampling: Sampling {
                                exact_up_to_nodes: usize::MAX,
                                ..Sampling::default()
                            },
                        };
                        std::hint::black_box(betweenness(&graph, &config).expect("runs"));
                    }
                    other => panic!("unknown metric {other}"),
                }
                best = best.min(started.elapsed().as_secs_f64());
            }
            let name = path
                .file_name()
                .map(|n| n.to_string_lossy())
                .unwrap_or_default();
            println!("rust {metric} {name} {best:.6}");
        }
        _ => eprintln!("usage: metrics_compare write DIR | time FILE pagerank|betweenness"),
    }
}
