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
use std::fs;
use std::path::{Path, PathBuf};

use citegraph::citation::{extract, Citation};
use citegraph::export::{write_graph, GraphFormat};
use citegraph::graph::{
    from_extraction, graph_metrics, paradigm_summaries, ClaimInput, Corpus, CorpusInput, EdgeKind,
    EvidenceKind, ExtractedDocument, GraphKind, Holder, Manifest, ParadigmInput, Stance,
};
use citegraph::ingest::{self, Document};
use citegraph::metrics::{Method, MetricsConfig};

const D000: &str = "doc:000_1cf8a18edd3c7ac0.txt";
const D001: &str = "doc:001_1744c494d94a788d.txt";
const D003: &str = "doc:003_36e4fa2291180487.txt";
const D004: &str = "doc:004_48c426f6b5467f6d.txt";

fn load(corpus: &Path) -> (Vec<Document>, Manifest) {
    let (origins, problems) = ingest::expand_paths(&[corpus.to_path_buf()]);
    assert!(problems.is_empty(), "{problems:?}");
    let documents: Vec<Document> = origins
        .iter()
        .map(|origin| ingest::read(origin).expect("corpus file reads").0)
        .collect();
    let manifest = Manifest::parse(
        &fs::read_to_string(corpus.join("corpus.toml")).expect("corpus.toml reads"),
    )
    .expect("corpus.toml parses");
    (documents, manifest)
}

fn input(corpus: &Path) -> (Vec<Document>, CorpusInput) {
    let (documents, manifest) = load(corpus);
    let citations: Vec<Vec<Citation>> = documents.iter().map(extract).collect();
    let extracted: Vec<ExtractedDocument<'_>> = documents
        .iter()
        .zip(&citations)
        .map(|(document, citations)| ExtractedDocument {
            name: &document.name,
            citations,
            manifest: manifest
                .documents
                .iter()
                .find(|entry| document.name.ends_with(&entry.file)),
        })
        .collect();
    let input = from_extraction(&extracted);
    (documents, input)
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
                assert_eq!(evidence.line, Some(text[..start].matches('\n').count() + 1));
                checked += 1;
            }
        }
    }
    assert!(checked > 400, "checked {checked} pieces of evidence");
    println!("corpus evidence: {checked} spans checked against the files");
}

/// A claim on the sentence of `document` that starts with `opening`: its line, byte span and
/// text (white space folded), found in the file.
fn claim_on(
    documents: &[Document],
    doc: usize,
    opening: &str,
    stance: Stance,
    cue: &str,
) -> ClaimInput {
    let text = &documents[doc].text;
    let start = text
        .find(opening)
        .unwrap_or_else(|| panic!("{}: sentence {opening:?} not found", documents[doc].name));
    let end = text[start..]
        .find('.')
        .map_or(text.len(), |i| start + i + 1);
    ClaimInput {
        doc,
        holder: Holder::Document(doc),
        paradigm: "cooperation".into(),
        stance,
        confidence: 0.9,
        line: documents[doc].line_of(start),
        start,
        end,
        sentence: text[start..end]
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" "),
        cue: cue.into(),
    }
}

#[test]
fn argument_graph_shows_000_and_001_on_opposite_sides_of_cooperation() {
    let Some(dir) = corpus_dir() else { return };
    let (documents, mut input) = input(&dir);
    let index_of = |id: &str| {
        documents
            .iter()
            .position(|d| {
                id.ends_with(
                    Path::new(&d.name)
                        .file_name()
                        .and_then(|f| f.to_str())
                        .unwrap_or(""),
                )
            })
            .expect("document present")
    };
    let (i000, i001) = (index_of(D000), index_of(D001));
    input.paradigms = vec![ParadigmInput {
        id: "cooperation".into(),
        label: "cooperation paradigm".into(),
    }];
    input.claims = vec![
        claim_on(
            &documents,
            i000,
            "We argue that the measures proposed in the new cooperation paradigm",
            Stance::Critiques,
            "unlikely to alter power relationships",
        ),
        claim_on(
            &documents,
            i001,
            "Second, close cooperation allows MNC customers",
            Stance::Supports,
            "allows MNC customers to invest in capability improvement",
        ),
    ];
    let corpus = Corpus::new(input);
    let graph = corpus.graph(GraphKind::Argument);
    let critique = graph
        .edge(D000, "paradigm:cooperation", EdgeKind::Critiques)
        .expect("000 critiques cooperation");
    let support = graph
        .edge(D001, "paradigm:cooperation", EdgeKind::Supports)
        .expect("001 supports cooperation");
    assert!(graph
        .edge(D000, "paradigm:cooperation", EdgeKind::Supports)
        .is_none());
    assert!(graph
        .edge(D001, "paradigm:cooperation", EdgeKind::Critiques)
        .is_none());
    for (edge, doc) in [(critique, i000), (support, i001)] {
        let evidence = &edge.evidence[0];
        assert_eq!(evidence.kind, EvidenceKind::Sentence);
        assert_eq!(evidence.doc, documents[doc].name);
        let (start, end) = (evidence.start.expect("start"), evidence.end.expect("end"));
        let printed: Vec<&str> = documents[doc].text[start..end].split_whitespace().collect();
        assert_eq!(printed.join(" "), evidence.text);
        assert_eq!(evidence.line, Some(documents[doc].line_of(start)));
    }
    assert_eq!(critique.evidence[0].line, Some(9));
    assert_eq!(support.evidence[0].line, Some(943));

    let citation = corpus.graph(GraphKind::Citation);
    let centrality: BTreeMap<String, f64> = graph_metrics(&citation, &MetricsConfig::default())
        .expect("metrics")
        .rows
        .into_iter()
        .filter_map(|row| Some((row.id, row.pagerank?)))
        .collect();
    let summaries = paradigm_summaries(&graph, &centrality);
    let cooperation = &summaries[0];
    assert_eq!(cooperation.supporters[0].id, D001);
    assert_eq!(cooperation.critics[0].id, D000);
    assert_eq!(cooperation.balance, Some(0.0));
    for (side, holders) in [
        ("supports", &cooperation.supporters),
        ("critiques", &cooperation.critics),
    ] {
        for holder in holders {
            println!(
                "{} {side} {} ({}), first at {}",
                holder.label,
                cooperation.id,
                holder.id,
                holder.first_evidence.as_deref().unwrap_or("-")
            );
        }
    }
}
