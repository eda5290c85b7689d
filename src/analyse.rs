//! `citegraph analyse`: every output of a corpus analysis in one directory — the records
//! (citations, references, claims, the check's findings), every graph as DOT (drawn by
//! Graphviz), GraphML, GEXF, JSON node-link, VOSviewer and CSV files, the metrics of every
//! graph, and the HTML report.
//!
//! Files are written atomically. A ledger (`.citegraph-outputs`, JSON: each file citegraph
//! wrote and a hash of its bytes) says which files of the directory are citegraph's: a file it
//! did not write, or one changed since, is never overwritten without `force`, and nothing is
//! written when one would be.

use std::collections::BTreeMap;
use std::fmt;
use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::check::{self, FindingKind};
use crate::claims::Lexicon;
use crate::export::{self, GraphFormat};
use crate::graph::{self, CiteGraph, GraphKind, GraphMetrics};
use crate::metrics::MetricsConfig;
use crate::output::{self, write_atomically, CitationFormat};
use crate::pipeline::Corpus;
use crate::render::{
    self, ClusterBy, CorpusSummary, Diagram, DiagramEdge, DiagramKind, DiagramNode,
    DocumentSummary, ExportConfig, Format, GraphvizConfig, Ranking, Report, Severity, Style,
};

/// The ledger's file name in the output directory.
pub const LEDGER: &str = ".citegraph-outputs";

/// How `analyse` draws and what it may overwrite.
#[derive(Debug, Clone, PartialEq)]
pub struct Options {
    /// The output directory (created when missing).
    pub out: PathBuf,
    /// Drawings to make of every graph besides its DOT file.
    pub formats: Vec<Format>,
    /// Colour or grayscale print.
    pub style: Style,
    /// Keep at most this many nodes in each diagram.
    pub max_nodes: usize,
    /// Overwrite files citegraph did not write.
    pub force: bool,
    /// How Graphviz runs.
    pub graphviz: GraphvizConfig,
    /// Metric settings.
    pub metrics: MetricsConfig,
    /// The report's title.
    pub title: String,
}

/// Why `analyse` wrote nothing, or stopped.
#[derive(Debug)]
pub enum AnalyseError {
    /// The output directory cannot be made or is not a directory.
    Directory {
        /// The directory.
        path: PathBuf,
        /// What is wrong.
        message: String,
    },
    /// A file of the directory was not written by citegraph (or was changed since).
    NotOurs {
        /// The file.
        path: PathBuf,
    },
    /// A file could not be written.
    Write {
        /// The file.
        path: PathBuf,
        /// The error.
        source: io::Error,
    },
    /// A metric could not be computed at all.
    Metrics(String),
}

impl fmt::Display for AnalyseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Directory { path, message } => write!(f, "{}: {message}", path.display()),
            Self::NotOurs { path } => write!(
                f,
                "{}: exists and was not written by citegraph (or was changed since); \
                 nothing was written (--force overwrites)",
                path.display()
            ),
            Self::Write { path, source } => write!(
                f,
                "{}: cannot write: {}",
                path.display(),
                crate::ingest::describe_io(source)
            ),
            Self::Metrics(message) => write!(f, "{message}"),
        }
    }
}

impl std::error::Error for AnalyseError {}

/// What `analyse` did.
#[derive(Debug, Default)]
pub struct Summary {
    /// The files written, by name, in the order written.
    pub files: Vec<String>,
    /// Lines for the user (standard error): what was cut, Graphviz problems.
    pub messages: Vec<String>,
}

/// The ledger: every file citegraph wrote in a directory, with a hash of its bytes.
#[derive(Debug, Default, Serialize, Deserialize)]
struct Ledger {
    version: u32,
    files: BTreeMap<String, String>,
}

/// FNV-1a, 64 bits: enough to tell whether a file is still the one written.
fn hash(bytes: &[u8]) -> String {
    let mut value: u64 = 0xcbf2_9ce4_8422_2325;
    for byte in bytes {
        value ^= u64::from(*byte);
        value = value.wrapping_mul(0x0100_0000_01b3);
    }
    format!("{value:016x}")
}

/// The graphs `analyse` writes, in order.
pub const GRAPHS: [GraphKind; 6] = [
    GraphKind::Argument,
    GraphKind::Citation,
    GraphKind::Cocitation,
    GraphKind::Coupling,
    GraphKind::Coauthor,
    GraphKind::AuthorCocitation,
];

/// The file-name stem of a graph's outputs.
fn stem(kind: GraphKind) -> &'static str {
    match kind {
        GraphKind::Argument => "argument",
        GraphKind::Citation => "citation",
        GraphKind::Cocitation => "cocitation",
        GraphKind::Coupling => "coupling",
        GraphKind::Coauthor => "coauthor",
        GraphKind::AuthorCocitation => "author-cocitation",
    }
}

/// The names of every file `analyse` writes with `formats`, in the order written.
#[must_use]
pub fn planned_files(formats: &[Format]) -> Vec<String> {
    let mut files: Vec<String> = [
        "citations.jsonl",
        "references.jsonl",
        "claims.jsonl",
        "check.json",
        "metrics.csv",
    ]
    .iter()
    .map(ToString::to_string)
    .collect();
    for kind in GRAPHS {
        let stem = stem(kind);
        for suffix in [
            ".graphml",
            ".gexf",
            ".json",
            "-edges.csv",
            "-vosviewer-map.txt",
            "-vosviewer-network.txt",
            ".dot",
        ] {
            files.push(format!("{stem}{suffix}"));
        }
        for format in formats {
            files.push(format!("{stem}.{}", format.extension()));
        }
    }
    files.push("report.html".to_string());
    files
}

/// Refuses to go on when a planned file exists that citegraph did not write (or that changed
/// since), unless `force`.
fn check_ownership(
    dir: &Path,
    planned: &[String],
    ledger: &Ledger,
    force: bool,
) -> Result<(), AnalyseError> {
    if force {
        return Ok(());
    }
    for name in planned {
        let path = dir.join(name);
        let Ok(bytes) = fs::read(&path) else {
            continue;
        };
        let ours = ledger.files.get(name).is_some_and(|h| *h == hash(&bytes));
        if !ours {
            return Err(AnalyseError::NotOurs { path });
        }
    }
    Ok(())
}

/// Converts a graph and its metrics into a diagram: node size by PageRank, every metric kept,
/// evidence as file, line, text and cue; in the argument map, paradigms in one cluster.
#[must_use]
pub fn diagram_of(graph: &CiteGraph, metrics: &GraphMetrics) -> Diagram {
    let kind = match graph.kind() {
        GraphKind::Argument => DiagramKind::Argument,
        GraphKind::Citation => DiagramKind::Citation,
        GraphKind::Cocitation => DiagramKind::Cocitation,
        GraphKind::Coupling => DiagramKind::Coupling,
        GraphKind::Coauthor => DiagramKind::Coauthor,
        GraphKind::AuthorCocitation => DiagramKind::AuthorCocitation,
    };
    let nodes = graph
        .nodes()
        .zip(&metrics.rows)
        .map(|(node, row)| {
            let mut values = BTreeMap::new();
            let mut put = |name: &str, value: Option<f64>| {
                if let Some(value) = value.filter(|v| v.is_finite()) {
                    values.insert(name.to_string(), value);
                }
            };
            put("pagerank", row.pagerank);
            put("betweenness", Some(row.betweenness));
            put("closeness", Some(row.closeness));
            put("authority", row.authority);
            #[allow(clippy::cast_precision_loss)]
            put("in_degree", Some(row.weighted_in_degree));
            let mut tooltip = Vec::new();
            if let Some(title) = &node.title {
                tooltip.push(title.clone());
            }
            if !node.authors.is_empty() {
                tooltip.push(node.authors.join(", "));
            }
            if let Some(file) = &node.file {
                tooltip.push(file.clone());
            }
            DiagramNode {
                id: node.id.clone(),
                kind: node.kind,
                label: node.label.clone(),
                size_metric: row.pagerank.unwrap_or(0.0),
                community: Some(row.community),
                cluster: None,
                tooltip: tooltip.join("\n"),
                metrics: values,
            }
        })
        .collect();
    let edges = graph
        .edges()
        .map(|(source, target, edge)| DiagramEdge {
            from: source.id.clone(),
            to: target.id.clone(),
            kind: edge.kind,
            weight: edge.weight,
            evidence: edge
                .evidence
                .iter()
                .map(|e| render::Evidence {
                    file: e.doc.clone(),
                    line: e.line,
                    text: e.text.clone(),
                    cue: e.cue.clone(),
                })
                .collect(),
        })
        .collect();
    Diagram {
        title: format!("{} graph", graph.kind().name()),
        kind,
        directed: graph.is_directed(),
        size_metric: "PageRank".to_string(),
        nodes,
        edges,
    }
}

/// The argument map as drawn: paradigms and the holders of claims about them, without the
/// documents' "mentions" of the works they cite (those are in `argument.graphml` and the
/// report), so the figure shows who supports and who critiques each paradigm.
fn argument_map(diagram: &Diagram) -> Diagram {
    let edges: Vec<DiagramEdge> = diagram
        .edges
        .iter()
        .filter(|e| e.kind != render::EdgeKind::Mentions)
        .cloned()
        .collect();
    let linked: std::collections::BTreeSet<&str> = edges
        .iter()
        .flat_map(|e| [e.from.as_str(), e.to.as_str()])
        .collect();
    let nodes = diagram
        .nodes
        .iter()
        .filter(|n| n.kind == render::NodeKind::Paradigm || linked.contains(n.id.as_str()))
        .cloned()
        .collect();
    Diagram {
        title: "Who supports and who critiques each paradigm".to_string(),
        nodes,
        edges,
        ..diagram.clone()
    }
}

/// The checker's findings for the report.
fn report_findings(corpus: &Corpus) -> Vec<render::Finding> {
    check::check(corpus)
        .into_iter()
        .map(|finding| render::Finding {
            severity: match finding.kind {
                FindingKind::Unmatched | FindingKind::Ambiguous => Severity::Error,
                FindingKind::NearMiss => Severity::Warning,
                FindingKind::Uncited | FindingKind::NoReferences => Severity::Note,
            },
            file: finding.doc,
            line: Some(finding.line),
            kind: finding.kind.label().replace(' ', "-"),
            message: match &finding.entry {
                Some(entry) => format!("{} → {}", finding.message, entry.text),
                None => finding.message,
            },
            text: finding.citation,
        })
        .collect()
}

/// Writes files into the output directory, keeping the ledger and the summary.
struct Files<'a> {
    dir: &'a Path,
    ledger: &'a mut Ledger,
    summary: &'a mut Summary,
}

impl Files<'_> {
    /// Renders a file in memory and writes it atomically.
    fn write(
        &mut self,
        name: &str,
        render: impl FnOnce(&mut dyn Write) -> io::Result<()>,
    ) -> Result<(), AnalyseError> {
        let path = self.dir.join(name);
        let mut bytes = Vec::new();
        render(&mut bytes).map_err(|source| AnalyseError::Write {
            path: path.clone(),
            source,
        })?;
        write_atomically(&path, |out| out.write_all(&bytes))
            .map_err(|source| AnalyseError::Write { path, source })?;
        self.ledger.files.insert(name.to_string(), hash(&bytes));
        self.summary.files.push(name.to_string());
        Ok(())
    }

    /// Records a file another writer (Graphviz, the report) wrote.
    fn written_by_other(&mut self, path: &Path) {
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        if let Ok(bytes) = fs::read(path) {
            self.ledger.files.insert(name.clone(), hash(&bytes));
            self.summary.files.push(name);
        }
    }
}

/// Writes every output of `corpus` into `options.out`; see the module documentation.
///
/// # Errors
/// [`AnalyseError`] when the directory is unusable, a file is not citegraph's (nothing is
/// written then), a file cannot be written (those before it are whole), or metrics fail.
pub fn write_all(
    corpus: &Corpus,
    lexicon: &Lexicon,
    options: &Options,
) -> Result<Summary, AnalyseError> {
    let dir = &options.out;
    match fs::metadata(dir) {
        Ok(meta) if !meta.is_dir() => {
            return Err(AnalyseError::Directory {
                path: dir.clone(),
                message: "is not a directory".to_string(),
            })
        }
        Ok(_) => {}
        Err(_) => fs::create_dir_all(dir).map_err(|e| AnalyseError::Directory {
            path: dir.clone(),
            message: format!("cannot create: {}", crate::ingest::describe_io(&e)),
        })?,
    }
    let ledger_path = dir.join(LEDGER);
    let old_ledger: Ledger = fs::read(&ledger_path)
        .ok()
        .and_then(|bytes| serde_json::from_slice(&bytes).ok())
        .unwrap_or_default();
    let planned = planned_files(&options.formats);
    check_ownership(dir, &planned, &old_ledger, options.force)?;

    let mut summary = Summary::default();
    let mut ledger = Ledger {
        version: 1,
        files: old_ledger.files,
    };
    let mut files = Files {
        dir,
        ledger: &mut ledger,
        summary: &mut summary,
    };

    // The ledger is written even when a file fails, so that the files written before it are
    // still known to be citegraph's.
    let result = (|| -> Result<(), AnalyseError> {
        files.write("citations.jsonl", |out| {
            output::write_citations(out, CitationFormat::Jsonl, corpus)
        })?;
        files.write("references.jsonl", |out| {
            let per_document: Vec<(&str, &[crate::pipeline::Reference])> = corpus
                .documents
                .iter()
                .map(|d| (d.name.as_str(), d.references.as_slice()))
                .collect();
            output::write_references(out, false, &per_document)
        })?;
        files.write("claims.jsonl", |out| {
            output::write_claims_jsonl(out, &corpus.documents)
        })?;
        let findings = check::check(corpus);
        files.write("check.json", |out| {
            output::write_findings_json(out, &findings)
        })?;

        let graph_corpus = graph::Corpus::new(graph::from_pipeline(corpus, lexicon));
        for warning in graph_corpus.warnings() {
            files.summary.messages.push(format!("warning: {warning}"));
        }
        let mut computed: Vec<(GraphKind, CiteGraph, GraphMetrics)> = Vec::new();
        for kind in GRAPHS {
            let graph = graph_corpus.graph(kind);
            let metrics = graph::graph_metrics(&graph, &options.metrics)
                .map_err(|e| AnalyseError::Metrics(format!("{} graph: {e}", kind.name())))?;
            computed.push((kind, graph, metrics));
        }
        let all: Vec<(GraphKind, &GraphMetrics)> =
            computed.iter().map(|(kind, _, m)| (*kind, m)).collect();
        files.write("metrics.csv", |out| {
            export::write_all_metrics_csv(out, &all)
        })?;

        let export_config = |clusters: ClusterBy| ExportConfig {
            dot: render::DotOptions {
                style: options.style,
                clusters,
                max_nodes: Some(options.max_nodes),
                ..render::DotOptions::default()
            },
            formats: options.formats.clone(),
            graphviz: options.graphviz.clone(),
        };
        let mut argument_diagram = None;
        let mut rankings = Vec::new();
        for (kind, graph, metrics) in &computed {
            let stem = stem(*kind);
            files.write(&format!("{stem}.graphml"), |out| {
                export::write_graph(out, GraphFormat::Graphml, graph, Some(metrics))
            })?;
            files.write(&format!("{stem}.gexf"), |out| {
                export::write_gexf(out, graph, metrics)
            })?;
            files.write(&format!("{stem}.json"), |out| {
                export::write_graph(out, GraphFormat::Json, graph, Some(metrics))
            })?;
            files.write(&format!("{stem}-edges.csv"), |out| {
                export::write_edges_csv(out, graph)
            })?;
            let mut map = Vec::new();
            let mut network = Vec::new();
            export::write_vosviewer(&mut map, &mut network, graph, metrics).map_err(|source| {
                AnalyseError::Write {
                    path: dir.join(format!("{stem}-vosviewer-map.txt")),
                    source,
                }
            })?;
            files.write(&format!("{stem}-vosviewer-map.txt"), |out| {
                out.write_all(&map)
            })?;
            files.write(&format!("{stem}-vosviewer-network.txt"), |out| {
                out.write_all(&network)
            })?;

            let diagram = diagram_of(graph, metrics);
            let (drawn, clusters) = match kind {
                GraphKind::Argument => (argument_map(&diagram), ClusterBy::Field),
                GraphKind::Citation => (diagram.clone(), ClusterBy::None),
                _ => (diagram.clone(), ClusterBy::Community),
            };
            let outcome = render::export_diagram(&drawn, &dir.join(stem), &export_config(clusters))
                .map_err(|e| AnalyseError::Write {
                    path: dir.join(format!("{stem}.dot")),
                    source: io::Error::other(e.to_string()),
                })?;
            files
                .summary
                .messages
                .extend(outcome.messages.iter().cloned());
            for path in std::iter::once(&outcome.dot_file).chain(&outcome.rendered) {
                files.written_by_other(path);
            }
            if *kind == GraphKind::Citation {
                rankings.extend(Ranking::from_diagram(
                    &diagram,
                    10,
                    &[render::NodeKind::Work, render::NodeKind::Document],
                ));
            }
            if *kind == GraphKind::Argument {
                argument_diagram = Some(argument_map(&diagram));
            }
        }

        let report = Report {
            title: options.title.clone(),
            corpus: CorpusSummary {
                documents: corpus
                    .documents
                    .iter()
                    .map(|d| DocumentSummary {
                        file: d.name.clone(),
                        title: d.identity.title.clone(),
                        authors: d.identity.authors.clone(),
                        year: d.identity.year.clone(),
                        citations: d.citations.len(),
                        references: d.references.len(),
                        claims: d.claims.claims.len(),
                    })
                    .collect(),
                cited_works: corpus.works.iter().filter(|w| w.document.is_none()).count(),
            },
            argument_map: argument_diagram.unwrap_or_else(|| Diagram {
                title: String::new(),
                kind: DiagramKind::Argument,
                directed: true,
                size_metric: "PageRank".to_string(),
                nodes: Vec::new(),
                edges: Vec::new(),
            }),
            rankings,
            findings: Some(report_findings(corpus)),
            notes: Vec::new(),
        };
        let report_path = dir.join("report.html");
        let outcome = render::write_report(&report_path, &report, &export_config(ClusterBy::Field))
            .map_err(|e| AnalyseError::Write {
                path: report_path.clone(),
                source: io::Error::other(e.to_string()),
            })?;
        files.summary.messages.extend(outcome.messages);
        files.written_by_other(&report_path);
        Ok(())
    })();

    let ledger_bytes = serde_json::to_vec_pretty(&ledger).map_err(|e| AnalyseError::Write {
        path: ledger_path.clone(),
        source: io::Error::other(e),
    })?;
    write_atomically(&ledger_path, |out| {
        out.write_all(&ledger_bytes)?;
        out.write_all(b"\n")
    })
    .map_err(|source| AnalyseError::Write {
        path: ledger_path,
        source,
    })?;
    result?;
    Ok(summary)
}
