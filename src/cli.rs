//! The command line: clap types, turned right away into calls of the library, and the only
//! place (with ingest and the writers) that prints.

use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand, ValueEnum};
use rayon::prelude::*;

use crate::citation::{extract, Citation};
use crate::export::{self, GraphFormat, MetricsFormat, MetricsReport};
use crate::graph::{self, Corpus, ExtractedDocument, GraphKind, Manifest, ManifestDocument};
use crate::ingest::{self, Document, InputProblem, Origin};
use crate::metrics::{Method, MetricsConfig};
use crate::output::{self, CitationFormat, DocumentCitations};

/// Exit code: the run found problems in what it checked (`check`).
pub const EXIT_FINDINGS: u8 = 1;
/// Exit code: bad input or another error.
pub const EXIT_ERROR: u8 = 2;

/// Map the argument inside a literature: author-year citations, references, stance toward
/// paradigms, and graphs, from plain-text articles.
#[derive(Debug, Parser)]
#[command(name = "citegraph", version, about, max_term_width = 100)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Print every author-year citation of the texts, one record per cited-work occurrence.
    Extract(ExtractArgs),
    /// Print the centrality metrics of every node of one graph of the texts.
    Metrics(MetricsArgs),
    /// Write one graph of the texts as GraphML or JSON, with each node's metrics.
    Graph(GraphArgs),
}

/// Arguments of `extract`.
#[derive(Debug, Args)]
pub struct ExtractArgs {
    /// Text files, directories (read recursively: .txt and .md), or - for standard input.
    #[arg(required = true, value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = ExtractFormat::Jsonl)]
    pub format: ExtractFormat,
    /// Write to FILE instead of standard output (- for standard output).
    #[arg(short = 'o', long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Print no warnings.
    #[arg(short, long)]
    pub quiet: bool,
}

/// Output formats of `extract`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExtractFormat {
    /// JSON Lines, one citation per line (a versioned contract for other tools).
    Jsonl,
    /// One JSON document.
    Json,
    /// Comma-separated values.
    Csv,
    /// Aligned columns and a summary per file, for people.
    Table,
}

impl From<ExtractFormat> for CitationFormat {
    fn from(format: ExtractFormat) -> Self {
        match format {
            ExtractFormat::Jsonl => CitationFormat::Jsonl,
            ExtractFormat::Json => CitationFormat::Json,
            ExtractFormat::Csv => CitationFormat::Csv,
            ExtractFormat::Table => CitationFormat::Table,
        }
    }
}

/// Runs the command line and gives the process exit code.
#[must_use]
pub fn run() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Extract(args) => run_extract(&args),
        Command::Metrics(args) => run_metrics(&args),
        Command::Graph(args) => run_graph(&args),
    }
}

/// Documents read from the paths given, and whether any input failed.
pub struct Loaded {
    /// The documents that could be read, in the order given.
    pub documents: Vec<Document>,
    /// Some input could not be read.
    pub failed: bool,
}

/// Reads every input, printing a one-line message for each problem. The inputs that can be read
/// are all read, in parallel.
#[must_use]
pub fn load(paths: &[PathBuf], quiet: bool) -> Loaded {
    let (origins, mut problems) = ingest::expand_paths(paths);
    let results: Vec<Result<(Document, Vec<InputProblem>), InputProblem>> =
        origins.par_iter().map(ingest::read).collect();
    let mut documents = Vec::new();
    for result in results {
        match result {
            Ok((document, warnings)) => {
                problems.extend(warnings);
                documents.push(document);
            }
            Err(problem) => problems.push(problem),
        }
    }
    let failed = problems.iter().any(|p| p.fatal);
    for problem in &problems {
        if problem.fatal || !quiet {
            eprintln!("citegraph: {problem}");
        }
    }
    Loaded { documents, failed }
}

fn run_extract(args: &ExtractArgs) -> ExitCode {
    let loaded = load(&args.paths, args.quiet);
    let citations: Vec<Vec<Citation>> = loaded.documents.par_iter().map(extract).collect();
    let per_document: Vec<DocumentCitations<'_>> = loaded
        .documents
        .iter()
        .zip(&citations)
        .map(|(document, citations)| DocumentCitations {
            doc: &document.name,
            citations,
        })
        .collect();
    let format = CitationFormat::from(args.format);
    let written = emit(args.output.as_deref(), |out| {
        output::write_citations(out, format, &per_document)
    });
    if let Some(code) = written {
        return code;
    }
    if loaded.failed {
        ExitCode::from(EXIT_ERROR)
    } else {
        ExitCode::SUCCESS
    }
}

/// Writes to `-o FILE` atomically, or to standard output. Returns an exit code when writing
/// failed (a closed pipe on standard output ends the run quietly with success).
pub fn emit(
    path: Option<&Path>,
    write: impl FnOnce(&mut dyn Write) -> io::Result<()>,
) -> Option<ExitCode> {
    match path {
        Some(path) if path.as_os_str() != "-" => {
            if let Err(error) = output::write_atomically(path, write) {
                eprintln!(
                    "citegraph: error: {}: cannot write: {}",
                    path.display(),
                    ingest::describe_io(&error)
                );
                return Some(ExitCode::from(EXIT_ERROR));
            }
            None
        }
        _ => {
            let stdout = io::stdout();
            let mut out = io::BufWriter::new(stdout.lock());
            let result = write(&mut out).and_then(|()| out.flush());
            match result {
                Ok(()) => None,
                Err(error) if error.kind() == io::ErrorKind::BrokenPipe => Some(ExitCode::SUCCESS),
                Err(error) => {
                    eprintln!(
                        "citegraph: error: standard output: {}",
                        ingest::describe_io(&error)
                    );
                    Some(ExitCode::from(EXIT_ERROR))
                }
            }
        }
    }
}

/// What `metrics` and `graph` read: the texts, their manifest, and which graph.
#[derive(Debug, Args)]
pub struct CorpusArgs {
    /// Text files, directories (read recursively: .txt and .md), or - for standard input.
    #[arg(required = true, value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    /// Which graph: citation (document → work), argument (holder → paradigm), cocitation
    /// (works cited in one bracket), coupling (documents citing the same works), coauthor,
    /// author-cocitation.
    #[arg(long = "graph", value_enum, default_value_t = GraphChoice::Citation)]
    pub graph: GraphChoice,
    /// The corpus manifest saying who wrote each document (repeatable). Default: the
    /// corpus.toml of each directory PATH, if there is one.
    #[arg(long, value_name = "FILE")]
    pub manifest: Vec<PathBuf>,
    /// Read no manifest.
    #[arg(long, conflicts_with = "manifest")]
    pub no_manifest: bool,
    /// Metric settings, TOML (e.g. `[betweenness.sampling]` `exact_up_to_nodes = 5000`).
    #[arg(long, value_name = "FILE")]
    pub metrics_config: Option<PathBuf>,
    /// Write to FILE instead of standard output (- for standard output).
    #[arg(short = 'o', long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Print no warnings or notes.
    #[arg(short, long)]
    pub quiet: bool,
}

/// Arguments of `metrics`.
#[derive(Debug, Args)]
pub struct MetricsArgs {
    /// The texts and the graph.
    #[command(flatten)]
    pub corpus: CorpusArgs,
    /// Print only the N nodes of highest PageRank (and N holders per side of a paradigm).
    #[arg(long, value_name = "N")]
    pub top: Option<usize>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = MetricsFormatChoice::Table)]
    pub format: MetricsFormatChoice,
}

/// Arguments of `graph`.
#[derive(Debug, Args)]
pub struct GraphArgs {
    /// The texts and the graph.
    #[command(flatten)]
    pub corpus: CorpusArgs,
    /// Output format.
    #[arg(long, value_enum, default_value_t = GraphFormatChoice::Graphml)]
    pub format: GraphFormatChoice,
    /// Leave the metrics out (faster on large graphs).
    #[arg(long)]
    pub no_metrics: bool,
}

/// The graphs, as named on the command line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum GraphChoice {
    /// Document → work "cites", weight = occurrences.
    Citation,
    /// Holder → paradigm "supports"/"critiques", document → work stance.
    Argument,
    /// Work — work, weight = brackets citing both.
    Cocitation,
    /// Document — document, weight = works both cite.
    Coupling,
    /// Author — author, weight = works written together.
    Coauthor,
    /// Author — author, weight = brackets citing both (first authors).
    AuthorCocitation,
}

impl From<GraphChoice> for GraphKind {
    fn from(choice: GraphChoice) -> Self {
        match choice {
            GraphChoice::Citation => GraphKind::Citation,
            GraphChoice::Argument => GraphKind::Argument,
            GraphChoice::Cocitation => GraphKind::Cocitation,
            GraphChoice::Coupling => GraphKind::Coupling,
            GraphChoice::Coauthor => GraphKind::Coauthor,
            GraphChoice::AuthorCocitation => GraphKind::AuthorCocitation,
        }
    }
}

/// Output formats of `metrics`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum MetricsFormatChoice {
    /// Aligned columns for people.
    Table,
    /// Comma-separated values.
    Csv,
    /// One JSON document (a versioned contract).
    Json,
}

/// Output formats of `graph`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum GraphFormatChoice {
    /// GraphML for networkx, Gephi, yEd, Cytoscape.
    Graphml,
    /// JSON node-link (a versioned contract).
    Json,
}

/// The resolved corpus of `metrics` and `graph`, its metric settings, and whether some input
/// failed.
struct LoadedCorpus {
    corpus: Corpus,
    config: MetricsConfig,
    failed: bool,
}

/// Reads the texts, their manifests and the metric settings, printing each problem on one
/// line; `None` when the metric settings cannot be used (nothing sensible to compute).
fn load_corpus(args: &CorpusArgs) -> Option<LoadedCorpus> {
    let mut config = MetricsConfig::default();
    if let Some(path) = &args.metrics_config {
        let parsed = std::fs::read_to_string(path)
            .map_err(|error| ingest::describe_io(&error))
            .and_then(|text| {
                toml::from_str::<MetricsConfig>(&text).map_err(|e| e.message().to_string())
            })
            .and_then(|c| c.validate().map(|()| c).map_err(|e| e.to_string()));
        match parsed {
            Ok(parsed) => config = parsed,
            Err(message) => {
                eprintln!("citegraph: error: {}: {message}", path.display());
                return None;
            }
        }
    }
    let loaded = load(&args.paths, args.quiet);
    let mut failed = loaded.failed;
    let manifest_paths: Vec<PathBuf> = if args.no_manifest {
        Vec::new()
    } else if args.manifest.is_empty() {
        args.paths
            .iter()
            .filter(|path| path.is_dir())
            .map(|dir| dir.join("corpus.toml"))
            .filter(|path| path.is_file())
            .collect()
    } else {
        args.manifest.clone()
    };
    // Manifest entries by the canonical path of the file they describe.
    let mut entries: std::collections::BTreeMap<PathBuf, ManifestDocument> =
        std::collections::BTreeMap::new();
    for path in &manifest_paths {
        let manifest = std::fs::read_to_string(path)
            .map_err(|error| ingest::describe_io(&error))
            .and_then(|text| Manifest::parse(&text).map_err(|error| error.to_string()));
        let manifest = match manifest {
            Ok(manifest) => manifest,
            Err(message) => {
                eprintln!("citegraph: {}: {message}", path.display());
                failed = true;
                continue;
            }
        };
        if !args.quiet && args.manifest.is_empty() {
            eprintln!("citegraph: note: reading the manifest {}", path.display());
        }
        let directory = path.parent().unwrap_or(Path::new("."));
        for entry in manifest.documents {
            match std::fs::canonicalize(directory.join(&entry.file)) {
                Ok(file) => {
                    entries.entry(file).or_insert(entry);
                }
                Err(_) if !args.quiet => eprintln!(
                    "citegraph: warning: {}: `{}` does not exist",
                    path.display(),
                    entry.file
                ),
                Err(_) => {}
            }
        }
    }
    let citations: Vec<Vec<Citation>> = loaded.documents.par_iter().map(extract).collect();
    let manifest_of = |document: &Document| match &document.origin {
        Origin::File(path) => std::fs::canonicalize(path)
            .ok()
            .and_then(|path| entries.get(&path)),
        Origin::Stdin => None,
    };
    let extracted: Vec<ExtractedDocument<'_>> = loaded
        .documents
        .iter()
        .zip(&citations)
        .map(|(document, citations)| ExtractedDocument {
            name: &document.name,
            citations,
            manifest: manifest_of(document),
        })
        .collect();
    let corpus = Corpus::new(graph::from_extraction(&extracted));
    if !args.quiet {
        for warning in corpus.warnings() {
            eprintln!("citegraph: warning: {warning}");
        }
    }
    Some(LoadedCorpus {
        corpus,
        config,
        failed,
    })
}

/// Prints that betweenness or closeness were sampled, for formats that cannot say it.
fn note_sampling(metrics: &graph::GraphMetrics) {
    for (name, method) in [
        ("betweenness", metrics.betweenness_method),
        ("closeness", metrics.closeness_method),
    ] {
        if let Method::Sampled { sources, seed } = method {
            eprintln!(
                "citegraph: note: {name} was estimated from {sources} sampled sources (seed {seed}), not exact"
            );
        }
    }
}

fn run_metrics(args: &MetricsArgs) -> ExitCode {
    let Some(loaded) = load_corpus(&args.corpus) else {
        return ExitCode::from(EXIT_ERROR);
    };
    let kind = GraphKind::from(args.corpus.graph);
    let graph = loaded.corpus.graph(kind);
    if kind == GraphKind::Argument && !args.corpus.quiet && graph.edge_count() == 0 {
        eprintln!(
            "citegraph: note: the argument graph has no edges: no claims or stances were read \
             for these texts"
        );
    }
    let metrics = match graph::graph_metrics(&graph, &loaded.config) {
        Ok(metrics) => metrics,
        Err(error) => {
            eprintln!("citegraph: error: {error}");
            return ExitCode::from(EXIT_ERROR);
        }
    };
    let paradigms = if kind == GraphKind::Argument {
        // Holders are ranked by their PageRank in the citation graph: the most cited first.
        let citation = loaded.corpus.graph(GraphKind::Citation);
        match graph::graph_metrics(&citation, &loaded.config) {
            Ok(citation_metrics) => {
                let centrality = citation_metrics
                    .rows
                    .iter()
                    .filter_map(|row| Some((row.id.clone(), row.pagerank?)))
                    .collect();
                graph::paradigm_summaries(&graph, &centrality)
            }
            Err(error) => {
                eprintln!("citegraph: error: {error}");
                return ExitCode::from(EXIT_ERROR);
            }
        }
    } else {
        Vec::new()
    };
    let format = match args.format {
        MetricsFormatChoice::Table => MetricsFormat::Table,
        MetricsFormatChoice::Csv => MetricsFormat::Csv,
        MetricsFormatChoice::Json => MetricsFormat::Json,
    };
    if format == MetricsFormat::Csv && !args.corpus.quiet {
        note_sampling(&metrics);
    }
    let report = MetricsReport {
        graph: &graph,
        metrics: &metrics,
        top: args.top,
        paradigms: &paradigms,
    };
    let written = emit(args.corpus.output.as_deref(), |out| {
        export::write_metrics(out, format, &report)
    });
    finish(written, loaded.failed)
}

fn run_graph(args: &GraphArgs) -> ExitCode {
    let Some(loaded) = load_corpus(&args.corpus) else {
        return ExitCode::from(EXIT_ERROR);
    };
    let graph = loaded.corpus.graph(GraphKind::from(args.corpus.graph));
    let metrics = if args.no_metrics {
        None
    } else {
        match graph::graph_metrics(&graph, &loaded.config) {
            Ok(metrics) => Some(metrics),
            Err(error) => {
                eprintln!("citegraph: error: {error}");
                return ExitCode::from(EXIT_ERROR);
            }
        }
    };
    let format = match args.format {
        GraphFormatChoice::Graphml => GraphFormat::Graphml,
        GraphFormatChoice::Json => GraphFormat::Json,
    };
    let written = emit(args.corpus.output.as_deref(), |out| {
        export::write_graph(out, format, &graph, metrics.as_ref())
    });
    finish(written, loaded.failed)
}

/// The exit code after writing: the writer's if it failed, else 2 when some input failed.
fn finish(written: Option<ExitCode>, failed: bool) -> ExitCode {
    if let Some(code) = written {
        return code;
    }
    if failed {
        ExitCode::from(EXIT_ERROR)
    } else {
        ExitCode::SUCCESS
    }
}
