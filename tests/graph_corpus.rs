//! The graphs of the shared corpus (`../shared/corpus`, with its manifest): documents merged
//! with the citations of them, exact metrics, GraphML that parses back with the metrics ids,
//! and the argument graph with 000 and 001 on opposite sides of the cooperation paradigm.
//!
//! The claims stage is not wired into the graph yet, so the argument test builds its claims by
//! hand from two real sentences of the corpus (located in the files, not copied); when the
//! claims stage feeds `ClaimInput`, the same assertions apply to its output. Skips with a
//! message when `../shared` is absent.
#![allow(clippy::print_stdout)]

mod common;
mod graphml_reader;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use citegraph::claims::Analyzer;
use citegraph::export::{write_graph, GraphFormat};
use citegraph::graph::{
    from_pipeline, graph_metrics, paradigm_summaries, Corpus, CorpusInput, EdgeKind, EvidenceKind,
    GraphKind,
};
use citegraph::ingest::{self, Document, Origin};
use citegraph::manifest::Manifest;
use citegraph::metrics::{Method, MetricsConfig};
use citegraph::pipeline::{self, Config};

const D000: &str = "doc:000_1cf8a18edd3c7ac0.txt";
const D001: &str = "doc:001_1744c494d94a788d.txt";
const D003: &str = "doc:003_36e4fa2291180487.txt";
const D004: &str = "doc:004_48c426f6b5467f6d.txt";

/// The corpus through the whole pipeline (claims included), as `citegraph graph` reads it.
fn input(corpus: &Path) -> (Vec<Document>, CorpusInput) {
    let (origins, problems) = ingest::expand_paths(&[corpus.to_path_buf()]);
    assert!(problems.is_empty(), "{problems:?}");
    let documents: Vec<Document> = origins
        .iter()
        .map(|origin| ingest::read(origin).expect("corpus file reads").0)
        .collect();
    let manifest = Manifest::read(&corpus.join("corpus.toml")).expect("corpus.toml parses");
    let entries: Vec<_> = documents
        .iter()
        .map(|d| match &d.origin {
            Origin::File(path) => manifest.entry_for(path).cloned(),
            Origin::Stdin => None,
        })
        .collect();
    let analyzer = Analyzer::default();
    let analysed = pipeline::analyse(
        documents.clone(),
        &entries,
        Vec::new(),
        Config {
            analyzer: &analyzer,
            claims: true,
        },
    );
    (documents, from_pipeline(&analysed, analyzer.lexicon()))
}

fn corpus_dir() -> Option<PathBuf> {
    common::shared().map(|shared| shared.join("corpus"))
}

#[test]
fn citation_graph_of_the_corpus_merges_cited_corpus_documents() {
    let Some(dir) = corpus_dir() else { return };
    let (_, input) = input(&dir);
    let corpus = Corpus::new(input);
    assert!(corpus.warnings().is_empty(), "{:?}", corpus.warnings());
    let graph = corpus.graph(GraphKind::Citation);
    let d000 = graph.node(D000).expect("000 is a node");
    assert_eq!(d000.label, "Lund-Thomsen and Lindgreen 2014");
    // 001 cites it under its online-first year (a manifest alias), 003 under its year.
    let from_001 = graph
        .edge(D001, D000, EdgeKind::Cites)
        .expect("001 cites 000");
    assert!(from_001
        .evidence
        .iter()
        .all(|e| e.text.contains("Lindgreen") && e.text.contains("2013")));
    assert!(graph.edge(D003, D000, EdgeKind::Cites).is_some());
    assert!(graph.node("work:lund-thomsen-and-lindgreen-2013").is_none());
    assert!(graph.node("work:lund-thomsen-and-lindgreen-2014").is_none());
    // 004 (blog posts) cites no dated work.
    let d004 = graph.node_index(D004).expect("004 is a node");
    assert_eq!(graph.graph().neighbors_undirected(d004).count(), 0);

    let metrics = graph_metrics(&graph, &MetricsConfig::default()).expect("metrics");
    assert_eq!(metrics.betweenness_method, Method::Exact);
    assert_eq!(metrics.closeness_method, Method::Exact);
    let row = metrics.row(D000).expect("000 has metrics");
    assert_eq!(row.in_degree, 2);
    assert!(
        row.betweenness > 0.0,
        "000 lies between its citers and its references"
    );
    println!(
        "corpus citation graph: {} nodes, {} edges; top by PageRank:",
        graph.node_count(),
        graph.edge_count()
    );
    for row in metrics.ranked().iter().take(5) {
        println!(
            "  {:<40} pagerank {:.6} betweenness {:.6}",
            row.id,
            row.pagerank.unwrap_or(f64::NAN),
            row.betweenness
        );
    }
}

#[test]
fn every_graph_of_the_corpus_exports_identical_graphml_with_the_metrics_ids() {
    let Some(dir) = corpus_dir() else { return };
    let corpus = Corpus::new(input(&dir).1);
    for kind in GraphKind::ALL {
        let graph = corpus.graph(kind);
        let metrics = graph_metrics(&graph, &MetricsConfig::default()).expect("metrics");
        let export = || {
            let mut bytes = Vec::new();
            write_graph(&mut bytes, GraphFormat::Graphml, &graph, Some(&metrics)).expect("write");
            bytes
        };
        let first = export();
        assert_eq!(first, export(), "{kind}: same bytes twice");
        let parsed = graphml_reader::parse(&String::from_utf8(first).expect("UTF-8"));
        let ids: Vec<&str> = parsed.nodes.iter().map(|n| n.attribute("id")).collect();
        let row_ids: Vec<&str> = metrics.rows.iter().map(|r| r.id.as_str()).collect();
        assert_eq!(ids, row_ids, "{kind}");
        assert_eq!(parsed.edges.len(), graph.edge_count(), "{kind}");
        println!(
            "corpus {kind} graph: {} nodes, {} edges",
            graph.node_count(),
            graph.edge_count()
        );
    }
}

/// Text without white space or hyphens: "Lund-\n\nThomsen, 2008" as printed in the file and
/// "Lund-Thomsen, 2008" as `raw` (line-end hyphenation repaired) compare equal.
fn squeezed(text: &str) -> String {
    text.chars()
        .filter(|c| !c.is_whitespace() && *c != '-')
        .collect()
}

#[test]
fn every_edge_of_the_corpus_has_evidence_that_points_at_its_file() {
    let Some(dir) = corpus_dir() else { return };
    let (documents, input) = input(&dir);
    let text_of: BTreeMap<&str, &str> = documents
        .iter()
        .map(|d| (d.name.as_str(), d.text.as_str()))
        .collect();
    let corpus = Corpus::new(input);
    let mut checked = 0;
    for kind in GraphKind::ALL {
        let graph = corpus.graph(kind);
        for (source, target, edge) in graph.edges() {
            #[allow(clippy::cast_precision_loss)]
            let count = edge.evidence.len() as f64;
            assert!(
                count >= edge.weight && !edge.evidence.is_empty(),
                "{kind}: {} → {} has weight {} but {count} evidence",
                source.id,
                target.id,
                edge.weight
            );
            for evidence in &edge.evidence {
                let text = text_of[evidence.doc.as_str()];
                let (Some(start), Some(end)) = (evidence.start, evidence.end) else {
                    assert_eq!(evidence.kind, EvidenceKind::Metadata);
                    continue;
                };
                let printed = squeezed(&text[start..end]);
                if evidence.kind == EvidenceKind::Sentence {
                    // A sentence is read from the normalised text: a page-number line or a
                    // repeated heading inside it is not in the evidence, so only its two ends
                    // are compared with the file.
                    let sentence = squeezed(&evidence.text);
                    let head: String = sentence.chars().take(20).collect();
                    let tail: String = sentence
                        .chars()
                        .rev()
                        .take(20)
                        .collect::<Vec<_>>()
                        .into_iter()
                        .rev()
                        .collect();
                    assert!(
                        printed.starts_with(&head) && printed.ends_with(&tail),
                        "{kind}: {}:{:?} {:?} is not at {start}..{end}",
                        evidence.doc,
                        evidence.line,
                        evidence.text
                    );
                } else {
                    // A bracket's evidence spans its citations; each one is printed inside.
                    for part in evidence.text.split("; ") {
                        assert!(
                            printed.contains(&squeezed(part)),
                            "{kind}: {}:{:?} {:?} is not at {start}..{end}",
                            evidence.doc,
                            evidence.line,
                            part
                        );
                    }
                    if !evidence.text.contains("; ") {
                        assert_eq!(printed, squeezed(&evidence.text));
                    }
                }
                assert_eq!(evidence.line, Some(text[..start].matches('\n').count() + 1));
                checked += 1;
            }
        }
    }
    assert!(checked > 400, "checked {checked} pieces of evidence");
    println!("corpus evidence: {checked} spans checked against the files");
}

#[test]
fn argument_graph_shows_000_and_001_on_opposite_sides_of_cooperation() {
    let Some(dir) = corpus_dir() else { return };
    let (documents, input) = input(&dir);
    let text_of: BTreeMap<&str, &Document> =
        documents.iter().map(|d| (d.name.as_str(), d)).collect();
    let corpus = Corpus::new(input);
    let graph = corpus.graph(GraphKind::Argument);
    let weight = |doc: &str, kind: EdgeKind| {
        graph
            .edge(doc, "paradigm:cooperation", kind)
            .map_or(0.0, |edge| edge.weight)
    };
    let (critiques_000, supports_000) = (
        weight(D000, EdgeKind::Critiques),
        weight(D000, EdgeKind::Supports),
    );
    let (critiques_001, supports_001) = (
        weight(D001, EdgeKind::Critiques),
        weight(D001, EdgeKind::Supports),
    );
    println!("000 on cooperation: {critiques_000} critiques, {supports_000} supports");
    println!("001 on cooperation: {supports_001} supports, {critiques_001} critiques");
    assert!(critiques_000 > supports_000, "000 critiques cooperation");
    assert!(supports_001 > critiques_001, "001 supports cooperation");
    for (doc, kind) in [(D000, EdgeKind::Critiques), (D001, EdgeKind::Supports)] {
        let edge = graph
            .edge(doc, "paradigm:cooperation", kind)
            .expect("the edge");
        for evidence in &edge.evidence {
            assert_eq!(evidence.kind, EvidenceKind::Sentence);
            let document = text_of[evidence.doc.as_str()];
            let (start, end) = (evidence.start.expect("start"), evidence.end.expect("end"));
            assert!(start < end && end <= document.text.len());
            assert_eq!(evidence.line, Some(document.line_of(start)));
            println!(
                "  {doc} {kind:?} {}:{:?}: {}",
                evidence.doc, evidence.line, evidence.text
            );
        }
    }

    let citation = corpus.graph(GraphKind::Citation);
    let centrality: BTreeMap<String, f64> = graph_metrics(&citation, &MetricsConfig::default())
        .expect("metrics")
        .rows
        .into_iter()
        .filter_map(|row| Some((row.id, row.pagerank?)))
        .collect();
    let summaries = paradigm_summaries(&graph, &centrality);
    let cooperation = summaries
        .iter()
        .find(|s| s.id == "paradigm:cooperation" || s.id == "cooperation")
        .expect("a cooperation summary");
    assert!(cooperation.supporters.iter().any(|h| h.id == D001));
    assert!(cooperation.critics.iter().any(|h| h.id == D000));
}
