//! Reference parsing throughput (entries per second): the reference lists of a synthetic corpus,
//! found, split and parsed as `extract` and `references` do (`extract_references`), and the
//! same entries parsed one by one from their text (`parse_entry`, the grammar alone).
//!
//! `cargo bench --bench references` measures on 200 documents, 20 MB; `cargo test
//! --all-targets` runs each benchmark once on a corpus a hundred times smaller.

#![allow(missing_docs)] // criterion_group! generates undocumented functions

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};

use citegraph::reference::{extract_references, parse_entry};
use citegraph::synth::{generate, SynthConfig};

/// Whether criterion measures (`cargo bench`) rather than runs each benchmark once as a test.
fn measuring() -> bool {
    std::env::args().any(|arg| arg == "--bench")
}

fn bench_references(c: &mut Criterion) {
    let config = SynthConfig {
        docs: 200,
        seed: 1,
        bytes: if measuring() { 20 << 20 } else { 200 << 10 },
    };
    let texts: Vec<String> = generate(&config).into_iter().map(|d| d.text).collect();
    let entries: Vec<String> = texts
        .iter()
        .flat_map(|text| extract_references(text).into_iter().map(|r| r.text))
        .collect();
    assert!(
        !entries.is_empty(),
        "the synthetic texts have reference lists"
    );
    let mut group = c.benchmark_group("references");
    group.sample_size(10);
    group.throughput(Throughput::Elements(entries.len() as u64));
    group.bench_function("synthetic corpus, find, split and parse", |b| {
        b.iter(|| {
            texts
                .iter()
                .map(|text| extract_references(black_box(text)).len())
                .sum::<usize>()
        });
    });
    group.bench_function("synthetic entries, parse", |b| {
        b.iter(|| {
            entries
                .iter()
                .map(|entry| parse_entry(black_box(entry)).0.authors.len())
                .sum::<usize>()
        });
    });
    group.finish();
}

criterion_group!(benches, bench_references);
criterion_main!(benches);
