//! Citation extraction throughput (MB/s): a synthetic corpus of realistic density, the same
//! corpus normalised and extracted and written as JSON Lines, a citation-dense text on a single
//! line (the worst case: about one citation every 40 bytes, no line breaks), and the five real
//! articles of `../shared/corpus` when they are present.
//!
//! `cargo bench --bench extract` measures on 20 MB (synthetic) and 50 MB (single line).
//! `cargo test --all-targets` runs every benchmark once on inputs a hundred times smaller, so
//! CI stays fast in debug builds. The end-to-end runs of the command line on 100 MB to 1 GB
//! corpora, against ripgrep, are in `scripts/bench.sh`.

#![allow(missing_docs)] // criterion_group! generates undocumented functions

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};

use citegraph::citation::extract;
use citegraph::claims::Analyzer;
use citegraph::ingest::Document;
use citegraph::output::{CitationFormat, CitationWriter};
use citegraph::pipeline::{analyse_document, Config, Works};
use citegraph::synth::{generate, SynthConfig};

/// A paragraph of scholarly prose with the citation forms of the grammar, without line breaks.
const PARAGRAPH: &str = "Codes of conduct have brought about limited improvements (e.g., AFL-CIO, 2013; De Neve, 2009; Locke et al., 2007, 2009). Gereffi (1994) proposes a framework, and Locke et al.’s (2009) examples do not necessarily reflect the sector. In 1998 the ILO issued a declaration (Hassel 2008: 237), which is advisory (ibid.). Some firms (2,000 workers) moved in the 1990s (see Figure 1). Posthuma and Nathan, 2010, refer to decent work (Schmitz, 1998;1999; Clean Clothes Campaign/SOMO, 2013). ";

/// Whether criterion measures (`cargo bench`) rather than runs each benchmark once as a test.
fn measuring() -> bool {
    std::env::args().any(|arg| arg == "--bench")
}

/// `full` bytes when measuring, a hundredth of that as a test.
fn size(full: usize) -> usize {
    if measuring() {
        full
    } else {
        full / 100
    }
}

fn single_line(len: usize) -> String {
    let mut text = String::with_capacity(len + PARAGRAPH.len());
    while text.len() < len {
        text.push_str(PARAGRAPH);
    }
    text
}

fn bench_synthetic(c: &mut Criterion) {
    let config = SynthConfig {
        docs: 200,
        seed: 1,
        bytes: size(20 << 20) as u64,
    };
    let texts: Vec<(String, String)> = generate(&config)
        .into_iter()
        .map(|d| (d.file, d.text))
        .collect();
    let documents: Vec<Document> = texts
        .iter()
        .map(|(name, text)| Document::from_text(name, text.clone()))
        .collect();
    let bytes: usize = texts.iter().map(|(_, t)| t.len()).sum();
    let mut group = c.benchmark_group("extract");
    group.sample_size(10);
    group.throughput(Throughput::Bytes(bytes as u64));
    group.bench_function("synthetic corpus, extract", |b| {
        b.iter(|| documents.iter().map(|d| extract(d).len()).sum::<usize>());
    });
    let analyzer = Analyzer::default();
    let config = Config {
        analyzer: &analyzer,
        claims: false,
    };
    group.bench_function(
        "synthetic corpus, the extract command's work (normalise, extract, reference lists, links, JSON Lines)",
        |b| {
            let mut out = Vec::with_capacity(bytes);
            b.iter(|| {
                out.clear();
                let mut works = Works::default();
                let mut writer = CitationWriter::new(CitationFormat::Jsonl);
                for (position, (name, text)) in texts.iter().enumerate() {
                    let document = Document::from_text(name, text.clone());
                    let mut analysis = analyse_document(document, None, &[], config);
                    works.add_identity(&analysis.identity, Some(position));
                    works.add_citations(&mut analysis, &[]);
                    writer
                        .document(&mut out, &analysis, works.list(), &[])
                        .expect("in memory");
                }
                black_box(out.len())
            });
        },
    );
    group.finish();
}

fn bench_single_line(c: &mut Criterion) {
    let text = single_line(size(50 << 20));
    let document = Document::from_text("single-line.txt", text);
    let mut group = c.benchmark_group("extract");
    group.sample_size(10);
    group.throughput(Throughput::Bytes(document.text.len() as u64));
    group.bench_function("dense single line", |b| {
        b.iter(|| black_box(extract(black_box(&document))).len());
    });
    group.bench_function("dense single line, normalise and extract", |b| {
        b.iter(|| {
            let fresh = Document::from_text("single-line.txt", document.text.clone());
            black_box(extract(&fresh)).len()
        });
    });
    group.finish();
}

fn bench_corpus(c: &mut Criterion) {
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
    let documents: Vec<Document> = paths
        .iter()
        .filter_map(|p| {
            let text = std::fs::read_to_string(p).ok()?;
            Some(Document::from_text(&p.display().to_string(), text))
        })
        .collect();
    let bytes: usize = documents.iter().map(|d| d.text.len()).sum();
    let mut group = c.benchmark_group("extract");
    group.throughput(Throughput::Bytes(bytes as u64));
    group.bench_function("shared corpus (5 articles)", |b| {
        b.iter(|| documents.iter().map(|d| extract(d).len()).sum::<usize>());
    });
    group.finish();
}

criterion_group!(benches, bench_synthetic, bench_single_line, bench_corpus);
criterion_main!(benches);
