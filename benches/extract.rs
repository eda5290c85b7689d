//! Citation extraction throughput: a 50 MB text on a single line (no line breaks to help the
//! scanner), and the five real articles of `../shared/corpus` when they are present.

#![allow(missing_docs)] // criterion_group! generates undocumented functions

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};

use citegraph::citation::extract;
use citegraph::ingest::Document;

/// A paragraph of scholarly prose with the citation forms of the grammar, without line breaks.
const PARAGRAPH: &str = "Codes of conduct have brought about limited improvements (e.g., AFL-CIO, 2013; De Neve, 2009; Locke et al., 2007, 2009). Gereffi (1994) proposes a framework, and Locke et al.’s (2009) examples do not necessarily reflect the sector. In 1998 the ILO issued a declaration (Hassel 2008: 237), which is advisory (ibid.). Some firms (2,000 workers) moved in the 1990s (see Figure 1). Posthuma and Nathan, 2010, refer to decent work (Schmitz, 1998;1999; Clean Clothes Campaign/SOMO, 2013). ";

fn single_line(len: usize) -> String {
    let mut text = String::with_capacity(len + PARAGRAPH.len());
    while text.len() < len {
        text.push_str(PARAGRAPH);
    }
    text
}

fn bench_single_line(c: &mut Criterion) {
    let text = single_line(50 << 20);
    let document = Document::from_text("single-line.txt", text);
    let mut group = c.benchmark_group("extract");
    group.sample_size(10);
    group.throughput(Throughput::Bytes(document.text.len() as u64));
    group.bench_function("single line 50 MB", |b| {
        b.iter(|| black_box(extract(black_box(&document))).len());
    });
    group.bench_function("normalise and extract 50 MB", |b| {
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

criterion_group!(benches, bench_single_line, bench_corpus);
criterion_main!(benches);
