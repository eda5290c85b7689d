//! The command line: clap types, turned right away into calls of the library, and the only
//! place (with ingest and the writers) that prints.

use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use std::collections::BTreeMap;

use clap::{Args, Parser, Subcommand, ValueEnum};
use rayon::prelude::*;

use crate::check;
use crate::claims::{Analyzer, Lexicon};
use crate::export::{self, GraphFormat, MetricsFormat, MetricsReport};
use crate::graph::{self, GraphKind};
use crate::ingest::{self, Document, InputProblem, Origin};
use crate::manifest::{Lookup, Manifest, ManifestEntry, ManifestError, MANIFEST_NAME};
use crate::metrics::{Method, MetricsConfig};
use crate::output::{self, CitationFormat};
use crate::pipeline::{self, BibEntry, Corpus, DocumentAnalysis, Identity, Works};
use crate::progress::Progress;
use crate::reference::bib::{parse_bibliography, BibFormat};

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
    /// Print every sentence that supports or critiques a paradigm, with who holds the stance.
    Claims(ClaimsArgs),
    /// Print the parsed entries of the texts' reference lists (or of a file of entries).
    References(ReferencesArgs),
    /// Check citations against the reference lists: unmatched, uncited, near misses,
    /// ambiguous. Exit 1 when it finds problems.
    Check(CheckArgs),
    /// Print the centrality metrics of every node of one graph of the texts.
    Metrics(MetricsArgs),
    /// Write one graph of the texts as GraphML or JSON, with each node's metrics.
    Graph(GraphArgs),
    /// Run the whole pipeline and write every output into one directory: records, graphs
    /// (DOT, drawings, GraphML, GEXF, JSON, VOSviewer, CSV), metrics and the HTML report. With
    /// no PATH, analyses the example corpus in data/ into graphs/.
    Analyse(AnalyseArgs),
    /// Write a deterministic synthetic corpus with its ground truth (truth.jsonl, the citations
    /// `extract` must find) and manifest (corpus.toml), for tests and benchmarks.
    Synth(SynthArgs),
}

/// Arguments of `analyse`.
#[derive(Debug, Args)]
pub struct AnalyseArgs {
    /// Text files or directories (default: data).
    #[arg(value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    /// The output directory (default: graphs when no PATH is given, else citegraph-out).
    #[arg(long, value_name = "DIR")]
    pub out: Option<PathBuf>,
    /// A paradigm lexicon replacing the built-in one (format: data/paradigms.toml).
    #[arg(long, value_name = "FILE")]
    pub paradigms: Option<PathBuf>,
    /// The corpus manifest naming each document's authors (default: corpus.toml beside the
    /// documents).
    #[arg(long, value_name = "FILE")]
    pub manifest: Option<PathBuf>,
    /// Read no manifest, even one beside the documents.
    #[arg(long, conflicts_with = "manifest")]
    pub no_manifest: bool,
    /// A bibliography (.bib, .ris, CSL-JSON .json) to resolve citations against. Repeatable.
    #[arg(long = "bib", value_name = "FILE")]
    pub bibs: Vec<PathBuf>,
    /// Drawings to make of every graph, comma-separated: svg, pdf, png (empty: DOT only).
    #[arg(long, value_name = "FORMATS", default_value = "svg")]
    pub render: String,
    /// Colour (colour-blind-safe) or grayscale print.
    #[arg(long, value_enum, default_value_t = StyleChoice::Color)]
    pub style: StyleChoice,
    /// Draw at most N nodes of a graph (the top by PageRank; paradigms always kept).
    #[arg(long, value_name = "N", default_value_t = 150)]
    pub max_nodes: usize,
    /// Time limit of one Graphviz run, in seconds.
    #[arg(long, value_name = "SECONDS", default_value_t = 60)]
    pub graphviz_timeout: u64,
    /// Overwrite files in the output directory that citegraph did not write.
    #[arg(long)]
    pub force: bool,
    /// Print no warnings or progress.
    #[arg(short, long)]
    pub quiet: bool,
}

/// Drawing styles.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum StyleChoice {
    /// The Okabe–Ito colours, with dashes and arrowheads so colour is never the only cue.
    Color,
    /// Black, white and grays, for print.
    Print,
}

/// Arguments of `synth`.
#[derive(Debug, Args)]
pub struct SynthArgs {
    /// Number of documents.
    #[arg(long, default_value_t = 100)]
    pub docs: usize,
    /// Seed of every random choice: the same seed, count and size give the same bytes.
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    /// Total size of the texts: bytes, or with a unit (512K, 200M, 1G).
    #[arg(long, default_value = "5M", value_parser = crate::synth::parse_size)]
    pub size: u64,
    /// Directory to write to (created if missing).
    #[arg(long, value_name = "DIR")]
    pub out: PathBuf,
}

/// Which graph, and how its metrics are computed.
#[derive(Debug, Args)]
pub struct GraphSelection {
    /// The graph: citation (documents citing works), argument (holders supporting or
    /// critiquing paradigms; documents' stance toward works), cocitation (works cited in one
    /// bracket), coupling (documents citing the same works), coauthor, author-cocitation.
    #[arg(long = "graph", value_enum, default_value_t = GraphChoice::Citation)]
    pub graph: GraphChoice,
    /// A paradigm lexicon replacing the built-in one (argument graph).
    #[arg(long, value_name = "FILE")]
    pub paradigms: Option<PathBuf>,
    /// Metric settings, TOML (e.g. `[betweenness.sampling]` `exact_up_to_nodes = 5000`).
    #[arg(long, value_name = "FILE")]
    pub metrics_config: Option<PathBuf>,
}

/// Arguments of `metrics`.
#[derive(Debug, Args)]
pub struct MetricsArgs {
    /// The texts and their bibliographies.
    #[command(flatten)]
    pub corpus: CorpusArgs,
    /// The graph.
    #[command(flatten)]
    pub selection: GraphSelection,
    /// Print only the N nodes of highest PageRank (and N holders per side of a paradigm).
    #[arg(long, value_name = "N")]
    pub top: Option<usize>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = MetricsFormatChoice::Table)]
    pub format: MetricsFormatChoice,
    /// Write to FILE instead of standard output (- for standard output).
    #[arg(short = 'o', long, value_name = "FILE")]
    pub output: Option<PathBuf>,
}

/// Arguments of `graph`.
#[derive(Debug, Args)]
pub struct GraphArgs {
    /// The texts and their bibliographies.
    #[command(flatten)]
    pub corpus: CorpusArgs,
    /// The graph.
    #[command(flatten)]
    pub selection: GraphSelection,
    /// Output format.
    #[arg(long, value_enum, default_value_t = GraphFormatChoice::Graphml)]
    pub format: GraphFormatChoice,
    /// Leave the metrics out (faster on large graphs).
    #[arg(long)]
    pub no_metrics: bool,
    /// Write to FILE instead of standard output (- for standard output).
    #[arg(short = 'o', long, value_name = "FILE")]
    pub output: Option<PathBuf>,
}

/// Inputs every corpus command shares.
#[derive(Debug, Args)]
pub struct CorpusArgs {
    /// Text files, directories (read recursively: .txt and .md), or - for standard input.
    #[arg(required = true, value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    /// The corpus manifest naming each document's authors (default: corpus.toml beside the
    /// documents).
    #[arg(long, value_name = "FILE")]
    pub manifest: Option<PathBuf>,
    /// Read no manifest, even one beside the documents.
    #[arg(long, conflicts_with = "manifest")]
    pub no_manifest: bool,
    /// A bibliography (BibTeX/BibLaTeX .bib, RIS .ris, CSL-JSON .json) to resolve citations
    /// against, besides each text's own reference list. Repeatable.
    #[arg(long = "bib", value_name = "FILE")]
    pub bibs: Vec<PathBuf>,
    /// Print no warnings.
    #[arg(short, long)]
    pub quiet: bool,
}

/// Arguments of `references`.
#[derive(Debug, Args)]
pub struct ReferencesArgs {
    /// Text files, directories (read recursively: .txt and .md), or - for standard input.
    #[arg(value_name = "PATH", required_unless_present = "entries")]
    pub paths: Vec<PathBuf>,
    /// Parse each non-empty line of FILE as one entry instead (its line number is its line).
    #[arg(long, value_name = "FILE", conflicts_with = "paths")]
    pub entries: Option<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = ReferencesFormat::Jsonl)]
    pub format: ReferencesFormat,
    /// Write to FILE instead of standard output (- for standard output).
    #[arg(short = 'o', long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Print no warnings.
    #[arg(short, long)]
    pub quiet: bool,
}

/// Output formats of `references`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ReferencesFormat {
    /// JSON Lines, one entry per line.
    Jsonl,
    /// Aligned columns, for people.
    Table,
}

/// Arguments of `check`.
#[derive(Debug, Args)]
pub struct CheckArgs {
    /// The texts and their bibliographies.
    #[command(flatten)]
    pub corpus: CorpusArgs,
    /// Output format.
    #[arg(long, value_enum, default_value_t = CheckFormat::Text)]
    pub format: CheckFormat,
    /// Write to FILE instead of standard output (- for standard output).
    #[arg(short = 'o', long, value_name = "FILE")]
    pub output: Option<PathBuf>,
}

/// Output formats of `check`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum CheckFormat {
    /// One line per problem: file:line: kind: citation: what is wrong.
    Text,
    /// One JSON document: `{"version": 1, "findings": [...]}`.
    Json,
}

/// Arguments of `claims`.
#[derive(Debug, Args)]
pub struct ClaimsArgs {
    /// The texts and their bibliographies.
    #[command(flatten)]
    pub corpus: CorpusArgs,
    /// A paradigm lexicon replacing the built-in one (format: data/paradigms.toml).
    #[arg(long, value_name = "FILE")]
    pub paradigms: Option<PathBuf>,
    /// Report claims down to this confidence (0 to 1) instead of the rules' threshold.
    #[arg(long, value_name = "X")]
    pub min_confidence: Option<f64>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = ClaimsFormat::Jsonl)]
    pub format: ClaimsFormat,
    /// Write to FILE instead of standard output (- for standard output).
    #[arg(short = 'o', long, value_name = "FILE")]
    pub output: Option<PathBuf>,
}

/// Output formats of `claims`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ClaimsFormat {
    /// JSON Lines, one claim per line.
    Jsonl,
    /// Each paradigm's supporters and critics with counts, for people.
    Table,
}

/// Arguments of `extract`.
#[derive(Debug, Args)]
pub struct ExtractArgs {
    /// The texts and their bibliographies.
    #[command(flatten)]
    pub corpus: CorpusArgs,
    /// Also decide each citing sentence's stance toward the cited work (supports, critiques,
    /// neutral): a sentence-level analysis of every document, several times slower.
    #[arg(long)]
    pub stance: bool,
    /// Output format.
    #[arg(long, value_enum, default_value_t = ExtractFormat::Jsonl)]
    pub format: ExtractFormat,
    /// Write to FILE instead of standard output (- for standard output).
    #[arg(short = 'o', long, value_name = "FILE")]
    pub output: Option<PathBuf>,
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

/// Runs the command line and gives the process exit code.
#[must_use]
pub fn run() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Extract(args) => run_extract(&args),
        Command::Claims(args) => run_claims(&args),
        Command::References(args) => run_references(&args),
        Command::Check(args) => run_check(&args),
        Command::Metrics(args) => run_metrics(&args),
        Command::Graph(args) => run_graph(&args),
        Command::Synth(args) => run_synth(&args),
        Command::Analyse(args) => run_analyse(&args),
    }
}

fn run_analyse(args: &AnalyseArgs) -> ExitCode {
    let defaulted = args.paths.is_empty();
    let paths = if defaulted {
        vec![PathBuf::from("data")]
    } else {
        args.paths.clone()
    };
    let out = args
        .out
        .clone()
        .unwrap_or_else(|| PathBuf::from(if defaulted { "graphs" } else { "citegraph-out" }));
    let mut formats = Vec::new();
    for name in args.render.split(',').filter(|n| !n.trim().is_empty()) {
        match crate::render::Format::from_name(name) {
            Some(format) if !formats.contains(&format) => formats.push(format),
            Some(_) => {}
            None => {
                eprintln!(
                    "citegraph: error: --render: unknown format \"{}\" (svg, pdf or png)",
                    name.trim()
                );
                return ExitCode::from(EXIT_ERROR);
            }
        }
    }
    let Ok(analyzer) = analyzer(args.paradigms.as_deref(), None) else {
        return ExitCode::from(EXIT_ERROR);
    };
    let graphviz = crate::render::GraphvizConfig {
        timeout: std::time::Duration::from_secs(args.graphviz_timeout.max(1)),
        ..crate::render::GraphvizConfig::default()
    };
    if !formats.is_empty() {
        if let Err(problem) = crate::render::graphviz_version(&graphviz) {
            // One line, then the DOT files only.
            eprintln!("citegraph: {problem}");
            formats.clear();
        }
    }
    let corpus_args = CorpusArgs {
        paths: paths.clone(),
        manifest: args.manifest.clone(),
        no_manifest: args.no_manifest,
        bibs: args.bibs.clone(),
        quiet: args.quiet,
    };
    let analysed = match run_pipeline(&corpus_args, &analyzer, true) {
        Ok(analysed) => analysed,
        Err(code) => return code,
    };
    let title = format!(
        "citegraph: {}",
        paths
            .iter()
            .map(|p| p.display().to_string())
            .collect::<Vec<_>>()
            .join(", ")
    );
    let options = crate::analyse::Options {
        out: out.clone(),
        formats,
        style: match args.style {
            StyleChoice::Color => crate::render::Style::Color,
            StyleChoice::Print => crate::render::Style::Print,
        },
        max_nodes: args.max_nodes.max(1),
        force: args.force,
        graphviz,
        metrics: MetricsConfig::default(),
        title,
    };
    match crate::analyse::write_all(&analysed.corpus, analyzer.lexicon(), &options) {
        Ok(summary) => {
            if !args.quiet {
                for message in &summary.messages {
                    eprintln!("citegraph: {message}");
                }
                eprintln!(
                    "citegraph: wrote {} files to {}",
                    summary.files.len(),
                    out.display()
                );
            }
            analysed.exit_code()
        }
        Err(error) => {
            eprintln!("citegraph: error: {error}");
            ExitCode::from(EXIT_ERROR)
        }
    }
}

fn run_synth(args: &SynthArgs) -> ExitCode {
    let config = crate::synth::SynthConfig {
        docs: args.docs,
        seed: args.seed,
        bytes: args.size,
    };
    match crate::synth::write_corpus(&config, &args.out) {
        Ok(summary) => {
            eprintln!(
                "citegraph: wrote {} documents, {} bytes, {} citations to {}",
                summary.docs,
                summary.bytes,
                summary.citations,
                args.out.display()
            );
            ExitCode::SUCCESS
        }
        Err(error) => {
            eprintln!(
                "citegraph: error: {}: {}",
                args.out.display(),
                ingest::describe_io(&error)
            );
            ExitCode::from(EXIT_ERROR)
        }
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
    let analyzer = Analyzer::default();
    let prepared = match prepare(&args.corpus) {
        Ok(prepared) => prepared,
        Err(code) => return code,
    };
    let mut writer = output::CitationWriter::new(CitationFormat::from(args.format));
    let mut failed = false;
    let written = emit(args.output.as_deref(), |out| {
        writer.begin(out)?;
        let analysed = prepared.run(
            &analyzer,
            args.stance,
            false,
            |analysis, works, bibliography| {
                writer.document(out, analysis, works.list(), bibliography)
            },
        )?;
        failed = analysed.failed;
        writer.finish(out)
    });
    finish(written, failed)
}

/// A corpus analysed, and whether some input could not be read.
pub struct Analysed {
    /// The analysis.
    pub corpus: Corpus,
    /// Some input failed.
    pub failed: bool,
}

impl Analysed {
    /// 2 when an input failed, else success.
    #[must_use]
    pub fn exit_code(&self) -> ExitCode {
        finish(None, self.failed)
    }
}

/// The inputs of a run, resolved before any document is read: the bibliographies, the files in
/// order, and each file's manifest entry.
pub struct Prepared {
    bibliography: Vec<BibEntry>,
    origins: Vec<Origin>,
    entries: Vec<Option<ManifestEntry>>,
    /// Some path could not be expanded (already reported).
    failed: bool,
    quiet: bool,
}

/// Reads the bibliographies and manifests and lists the input files, printing each problem on
/// one line. A bibliography or manifest that cannot be read stops the run.
///
/// # Errors
/// The exit code to return when a bibliography or manifest is unreadable (already reported).
pub fn prepare(args: &CorpusArgs) -> Result<Prepared, ExitCode> {
    let error = |()| ExitCode::from(EXIT_ERROR);
    let bibliography = read_bibliographies(&args.bibs).map_err(error)?;
    let (origins, problems) = ingest::expand_paths(&args.paths);
    let mut failed = false;
    for problem in &problems {
        failed |= problem.fatal;
        if problem.fatal || !args.quiet {
            eprintln!("citegraph: {problem}");
        }
    }
    let entries = if args.no_manifest {
        vec![None; origins.len()]
    } else {
        manifest_entries(&origins, args.manifest.as_deref()).map_err(error)?
    };
    Ok(Prepared {
        bibliography,
        origins,
        entries,
        failed,
        quiet: args.quiet,
    })
}

/// How many documents are read and analysed at once: enough to keep every thread busy while
/// memory holds a few texts, not the corpus.
fn documents_in_flight() -> usize {
    (rayon::current_num_threads() * 4).max(8)
}

impl Prepared {
    /// Runs the pipeline over the inputs a window of documents at a time (read and analysed in
    /// parallel, taken in input order), handing each analysis to `take` with the works known so
    /// far; keeps the analyses in the corpus only when `keep` is set. Input problems are printed
    /// on one line each.
    ///
    /// # Errors
    /// The first error `take` returns; the inputs after it are not read.
    pub fn run(
        self,
        analyzer: &Analyzer,
        claims: bool,
        keep: bool,
        mut take: impl FnMut(&DocumentAnalysis, &Works, &[BibEntry]) -> io::Result<()>,
    ) -> io::Result<Analysed> {
        let config = pipeline::Config { analyzer, claims };
        let mut works = Works::default();
        // Manifest identities first: a citation of a document read later joins it.
        let upfront: Vec<Option<usize>> = self
            .entries
            .iter()
            .map(|entry| {
                let identity = entry.as_ref().and_then(Identity::from_manifest)?;
                Some(works.add_identity(&identity, None))
            })
            .collect();
        let mut failed = self.failed;
        let mut documents = Vec::new();
        let mut position = 0;
        let window = documents_in_flight();
        let size_of = |origin: &Origin| match origin {
            Origin::File(path) => std::fs::metadata(path).map_or(0, |m| m.len()),
            Origin::Stdin => 0,
        };
        let sizes: Vec<u64> = self.origins.iter().map(size_of).collect();
        let mut progress = Progress::new(self.origins.len(), sizes.iter().sum(), self.quiet);
        for (chunk, origins) in self.origins.chunks(window).enumerate() {
            let results: Vec<_> = origins
                .par_iter()
                .enumerate()
                .map(|(offset, origin)| {
                    let index = chunk * window + offset;
                    ingest::read(origin).map(|(document, warnings)| {
                        let entry = self.entries.get(index).and_then(Option::as_ref);
                        let analysis =
                            pipeline::analyse_document(document, entry, &self.bibliography, config);
                        (index, analysis, warnings)
                    })
                })
                .collect();
            for (offset, result) in results.into_iter().enumerate() {
                progress.file_done(sizes.get(chunk * window + offset).copied().unwrap_or(0));
                let (index, mut analysis, warnings) = match result {
                    Ok(found) => found,
                    Err(problem) => {
                        failed = true;
                        progress.eprintln(&format!("citegraph: {problem}"));
                        continue;
                    }
                };
                if !self.quiet {
                    for warning in &warnings {
                        progress.eprintln(&format!("citegraph: {warning}"));
                    }
                }
                match upfront.get(index).copied().flatten() {
                    Some(id) => works.attach_document(id, position),
                    None => {
                        works.add_identity(&analysis.identity, Some(position));
                    }
                }
                works.add_citations(&mut analysis, &self.bibliography);
                take(&analysis, &works, &self.bibliography)?;
                if keep {
                    documents.push(analysis);
                }
                position += 1;
            }
        }
        progress.finish();
        Ok(Analysed {
            corpus: Corpus {
                documents,
                bibliography: self.bibliography,
                works: works.into_list(),
            },
            failed,
        })
    }
}

/// Reads the bibliographies, the documents and their manifest, and runs the pipeline, keeping
/// every document's analysis. A bibliography or manifest that cannot be read stops the run (the
/// message is printed).
///
/// # Errors
/// The exit code to return when a bibliography or manifest is unreadable.
pub fn run_pipeline(
    args: &CorpusArgs,
    analyzer: &Analyzer,
    claims: bool,
) -> Result<Analysed, ExitCode> {
    let prepared = prepare(args)?;
    prepared
        .run(analyzer, claims, true, |_, _, _| Ok(()))
        .map_err(|_| ExitCode::from(EXIT_ERROR))
}

/// Reads every `--bib` file; the first that cannot be read or parsed is an error naming its
/// file, line and column.
fn read_bibliographies(paths: &[PathBuf]) -> Result<Vec<BibEntry>, ()> {
    let mut entries = Vec::new();
    for path in paths {
        let shown = path.display().to_string();
        let Some(format) = BibFormat::from_extension(path) else {
            eprintln!(
                "citegraph: error: {shown}: unknown bibliography format (expected .bib, .ris or .json)"
            );
            return Err(());
        };
        let text = std::fs::read_to_string(path).map_err(|e| {
            eprintln!("citegraph: error: {shown}: {}", ingest::describe_io(&e));
        })?;
        let parsed = parse_bibliography(format, &text).map_err(|e| {
            eprintln!("citegraph: error: {shown}: {e}");
        })?;
        for (index, entry) in parsed.into_iter().enumerate() {
            let id = match &entry.key {
                Some(key) => format!("{shown}#{key}"),
                None => format!("{shown}#{}", index + 1),
            };
            entries.push(BibEntry { id, entry });
        }
    }
    Ok(entries)
}

fn run_references(args: &ReferencesArgs) -> ExitCode {
    if let Some(path) = &args.entries {
        let shown = path.display().to_string();
        let text = match std::fs::read_to_string(path) {
            Ok(text) => text,
            Err(error) => {
                eprintln!("citegraph: error: {shown}: {}", ingest::describe_io(&error));
                return ExitCode::from(EXIT_ERROR);
            }
        };
        let references = output::entries_of_lines(&shown, &text);
        let written = emit(args.output.as_deref(), |out| {
            output::write_references(
                out,
                args.format == ReferencesFormat::Table,
                &[(&shown, &references)],
            )
        });
        return written.unwrap_or(ExitCode::SUCCESS);
    }
    let loaded = load(&args.paths, args.quiet);
    let references: Vec<Vec<pipeline::Reference>> = loaded
        .documents
        .par_iter()
        .map(pipeline::references_of)
        .collect();
    if !args.quiet {
        for (document, list) in loaded.documents.iter().zip(&references) {
            for reference in list {
                for diagnostic in &reference.diagnostics {
                    eprintln!(
                        "citegraph: warning: {}:{}: {}",
                        document.name,
                        document.line_of(diagnostic.span.start),
                        diagnostic.message
                    );
                }
            }
        }
    }
    let per_document: Vec<(&str, &[pipeline::Reference])> = loaded
        .documents
        .iter()
        .zip(&references)
        .map(|(d, r)| (d.name.as_str(), r.as_slice()))
        .collect();
    let written = emit(args.output.as_deref(), |out| {
        output::write_references(out, args.format == ReferencesFormat::Table, &per_document)
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

fn run_check(args: &CheckArgs) -> ExitCode {
    let analyzer = Analyzer::default();
    let analysed = match run_pipeline(&args.corpus, &analyzer, false) {
        Ok(analysed) => analysed,
        Err(code) => return code,
    };
    let findings = check::check(&analysed.corpus);
    let written = emit(args.output.as_deref(), |out| match args.format {
        CheckFormat::Text => {
            output::write_findings_text(out, &findings, analysed.corpus.documents.len())
        }
        CheckFormat::Json => output::write_findings_json(out, &findings),
    });
    if let Some(code) = written {
        return code;
    }
    if analysed.failed {
        ExitCode::from(EXIT_ERROR)
    } else if findings.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(EXIT_FINDINGS)
    }
}

/// The manifest entry of each input: from `--manifest FILE`, or from a `corpus.toml` in each
/// file's directory. A manifest that cannot be read is an error (printed).
fn manifest_entries(
    origins: &[Origin],
    explicit: Option<&Path>,
) -> Result<Vec<Option<ManifestEntry>>, ()> {
    let report = |error: &ManifestError| eprintln!("citegraph: error: {error}");
    let explicit = match explicit {
        Some(path) => Some(Manifest::read(path).map_err(|e| report(&e))?),
        None => None,
    };
    // The manifest beside each input file, read once per directory.
    let mut found: BTreeMap<PathBuf, Option<Manifest>> = BTreeMap::new();
    if explicit.is_none() {
        for origin in origins {
            let Origin::File(path) = origin else {
                continue;
            };
            let directory = path.parent().map(Path::to_path_buf).unwrap_or_default();
            if let std::collections::btree_map::Entry::Vacant(slot) = found.entry(directory) {
                let candidate = slot.key().join(MANIFEST_NAME);
                let manifest = if candidate.is_file() {
                    Some(Manifest::read(&candidate).map_err(|e| report(&e))?)
                } else {
                    None
                };
                slot.insert(manifest);
            }
        }
    }
    let explicit = explicit.as_ref().map(Manifest::lookup);
    let lookups: BTreeMap<&Path, Lookup<'_>> = found
        .iter()
        .filter_map(|(directory, manifest)| {
            Some((directory.as_path(), manifest.as_ref()?.lookup()))
        })
        .collect();
    let mut entries = Vec::with_capacity(origins.len());
    for origin in origins {
        let Origin::File(path) = origin else {
            entries.push(None);
            continue;
        };
        let lookup = match &explicit {
            Some(lookup) => Some(lookup),
            None => lookups.get(path.parent().unwrap_or_else(|| Path::new(""))),
        };
        entries.push(lookup.and_then(|l| l.entry_for(path)).cloned());
    }
    Ok(entries)
}

/// The claims reader: the built-in lexicon or `--paradigms FILE`. A malformed file is an error
/// (printed with its line and column).
fn analyzer(paradigms: Option<&Path>, min_confidence: Option<f64>) -> Result<Analyzer, ()> {
    let mut analyzer = match paradigms {
        None => Analyzer::default(),
        Some(path) => {
            let text = std::fs::read_to_string(path).map_err(|e| {
                eprintln!(
                    "citegraph: error: {}: {}",
                    path.display(),
                    ingest::describe_io(&e)
                );
            })?;
            let lexicon = Lexicon::from_toml(&text).map_err(|e| {
                eprintln!("citegraph: error: {}: {e}", path.display());
            })?;
            Analyzer::with_lexicon(lexicon)
        }
    };
    if let Some(value) = min_confidence {
        analyzer = analyzer.min_confidence(value);
    }
    Ok(analyzer)
}

fn run_claims(args: &ClaimsArgs) -> ExitCode {
    let Ok(analyzer) = analyzer(args.paradigms.as_deref(), args.min_confidence) else {
        return ExitCode::from(EXIT_ERROR);
    };
    let analysed = match run_pipeline(&args.corpus, &analyzer, true) {
        Ok(analysed) => analysed,
        Err(code) => return code,
    };
    let documents = &analysed.corpus.documents;
    let written = emit(args.output.as_deref(), |out| match args.format {
        ClaimsFormat::Jsonl => output::write_claims_jsonl(out, documents),
        ClaimsFormat::Table => output::write_claims_table(out, documents, analyzer.lexicon()),
    });
    written.unwrap_or_else(|| analysed.exit_code())
}

/// The graph corpus of `metrics` and `graph`, its metric settings, and whether some input
/// failed.
struct LoadedCorpus {
    corpus: graph::Corpus,
    config: MetricsConfig,
    failed: bool,
}

/// Reads the metric settings, runs the pipeline (claims only for the argument graph) and
/// resolves its graph input, printing each problem on one line; `None` when something cannot
/// be used.
fn load_graph_corpus(args: &CorpusArgs, selection: &GraphSelection) -> Option<LoadedCorpus> {
    let config = match &selection.metrics_config {
        None => MetricsConfig::default(),
        Some(path) => {
            let parsed = std::fs::read_to_string(path)
                .map_err(|error| ingest::describe_io(&error))
                .and_then(|text| {
                    toml::from_str::<MetricsConfig>(&text)
                        .map_err(|e| crate::manifest::toml_message(&text, &e))
                })
                .and_then(|c| c.validate().map(|()| c).map_err(|e| e.to_string()));
            match parsed {
                Ok(parsed) => parsed,
                Err(message) => {
                    eprintln!("citegraph: error: {}: {message}", path.display());
                    return None;
                }
            }
        }
    };
    let analyzer = analyzer(selection.paradigms.as_deref(), None).ok()?;
    let claims = selection.graph == GraphChoice::Argument;
    let analysed = run_pipeline(args, &analyzer, claims).ok()?;
    let corpus = graph::Corpus::new(graph::from_pipeline(&analysed.corpus, analyzer.lexicon()));
    if !args.quiet {
        for warning in corpus.warnings() {
            eprintln!("citegraph: warning: {warning}");
        }
    }
    Some(LoadedCorpus {
        corpus,
        config,
        failed: analysed.failed,
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
    let Some(loaded) = load_graph_corpus(&args.corpus, &args.selection) else {
        return ExitCode::from(EXIT_ERROR);
    };
    let kind = GraphKind::from(args.selection.graph);
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
    let written = emit(args.output.as_deref(), |out| {
        export::write_metrics(out, format, &report)
    });
    finish(written, loaded.failed)
}

fn run_graph(args: &GraphArgs) -> ExitCode {
    let Some(loaded) = load_graph_corpus(&args.corpus, &args.selection) else {
        return ExitCode::from(EXIT_ERROR);
    };
    let graph = loaded.corpus.graph(GraphKind::from(args.selection.graph));
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
    let written = emit(args.output.as_deref(), |out| {
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
