//! Graph building: the corpus input resolved into nodes (`Corpus::new`), then each of the six
//! graphs of `analyse` built with its evidence (`Corpus::graph`), from the analysis of a
//! synthetic corpus (citations, reference lists, links, claims and stances).
//!
//! `cargo bench --bench graph` measures on 100 documents, 10 MB (the sizes of the graphs are
//! printed to standard error); `cargo test --all-targets` runs each benchmark once on 10
//! documents of 100 KB in all.

#![allow(missing_docs)] // criterion_group! generates undocumented functions

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};

use citegraph::claims::Analyzer;
use citegraph::graph::{from_pipeline, Corpus, GraphKind};
use citegraph::ingest::Document;
use citegraph::pipeline::{analyse, Config};
use citegraph::synth::{generate, SynthConfig};

/// Whether criterion measures (`cargo bench`) rather than runs each benchmark once as a test.
fn measuring() -> bool {
    std::env::args().any(|arg| arg == "--bench")
}

fn bench_graphs(c: &mut Criterion) {
    let config = if measuring() {
        SynthConfig {
            docs: 100,
            seed: 1,
            bytes: 10 << 20,
        }
    } else {
        SynthConfig {
            docs: 10,
            seed: 1,
            bytes: 100 << 10,
        }
    };
    let documents: Vec<Document> = generate(&config)
        .into_iter()
        .map(|d| Document::from_text(&d.file, d.text))
        .collect();
    let analyzer = Analyzer::default();
    let corpus = analyse(
        documents,
        &[],
        Vec::new(),
        Config {
            analyzer: &analyzer,
            claims: true,
        },
    );
    let input = from_pipeline(&corpus, analyzer.lexicon());
    let citations = input.citations.len();
    let mut group = c.benchmark_group("graph");
    group.sample_size(10);
    group.throughput(Throughput::Elements(citations as u64));
    group.bench_function("resolve the corpus input", |b| {
        b.iter(|| Corpus::new(black_box(input.clone())).warnings().len());
    });
    let resolved = Corpus::new(input);
    for kind in GraphKind::ALL {
        let graph = resolved.graph(kind);
        eprintln!(
            "graph {}: {} nodes, {} edges, {} pieces of evidence, from {citations} citations",
            kind.name(),
            graph.node_count(),
            graph.edge_count(),
            graph
                .edges()
                .map(|(_, _, e)| e.evidence.len())
                .sum::<usize>()
        );
        group.bench_function(format!("build {}", kind.name()), |b| {
            b.iter(|| resolved.graph(black_box(kind)).edge_count());
        });
    }
    group.finish();
}

criterion_group!(benches, bench_graphs);
criterion_main!(benches);
