//! Claims throughput (sentences per second): sentence segmentation, claims toward paradigms and
//! the stance of every citing sentence, as `claims`, `extract --stance` and `analyse` run it per
//! document (`Analyzer::analyse_ingested`, on texts whose citations are already extracted).
//!
//! `cargo bench --bench claims` measures on 100 synthetic documents, 10 MB, and the articles
//! of `../shared/corpus` when they are present; `cargo test --all-targets` runs each benchmark
//! once on a synthetic corpus a hundred times smaller.

#![allow(missing_docs)] // criterion_group! generates undocumented functions

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};

use citegraph::citation::{extract, Citation};
use citegraph::claims::Analyzer;
use citegraph::ingest::Document;
use citegraph::synth::{generate, SynthConfig};

/// Whether criterion measures (`cargo bench`) rather than runs each benchmark once as a test.
fn measuring() -> bool {
    std::env::args().any(|arg| arg == "--bench")
}

fn bench_documents(c: &mut Criterion, name: &str, documents: Vec<Document>) {
    let analyzer = Analyzer::default();
    let inputs: Vec<(Document, Vec<Citation>)> = documents
        .into_iter()
        .map(|document| {
            let citations = extract(&document);
            (document, citations)
        })
        .collect();
    let sentences: usize = inputs
        .iter()
        .map(|(document, citations)| {
            analyzer
                .analyse_ingested(document, "Key 2020", citations)
                .sentences
                .len()
        })
        .sum();
    let mut group = c.benchmark_group("claims");
    group.sample_size(10);
    group.throughput(Throughput::Elements(sentences as u64));
    group.bench_function(name, |b| {
        b.iter(|| {
            inputs
                .iter()
                .map(|(document, citations)| {
                    let analysis =
                        analyzer.analyse_ingested(black_box(document), "Key 2020", citations);
                    analysis.claims.len() + analysis.citations.len()
                })
                .sum::<usize>()
        });
    });
    group.finish();
}

fn bench_synthetic(c: &mut Criterion) {
    let config = SynthConfig {
        docs: 100,
        seed: 1,
        bytes: if measuring() { 10 << 20 } else { 100 << 10 },
    };
    let documents = generate(&config)
        .into_iter()
        .map(|d| Document::from_text(&d.file, d.text))
        .collect();
    bench_documents(c, "synthetic corpus, sentences, claims, stances", documents);
}

fn bench_corpus(c: &mut Criterion) {
    if !measuring() {
        return;
    }
    let corpus = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus");
    let Ok(entries) = std::fs::read_dir(&corpus) else {
        eprintln!(
            "skipped the corpus benchmark: {} is absent",
            corpus.display()
        );
        return;
    };
    let mut paths: Vec<_> = entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    paths.sort();
    let documents = paths
        .iter()
        .filter_map(|p| {
            let text = std::fs::read_to_string(p).ok()?;
            Some(Document::from_text(&p.display().to_string(), text))
        })
        .collect();
    bench_documents(c, "shared corpus, sentences, claims, stances", documents);
}

criterion_group!(benches, bench_synthetic, bench_corpus);
criterion_main!(benches);
