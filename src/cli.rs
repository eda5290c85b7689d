//! The command line: clap types, turned right away into calls of the library, and the only
//! place (with ingest and the writers) that prints.

use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand, ValueEnum};
use rayon::prelude::*;

use crate::citation::extract;
use crate::ingest::{self, Document, InputProblem};
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
    /// Write a deterministic synthetic corpus with its ground truth (truth.jsonl, the expected
    /// output of `extract`) and manifest (corpus.toml), for tests and benchmarks.
    Synth(SynthArgs),
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
        Command::Synth(args) => run_synth(&args),
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
    let format = CitationFormat::from(args.format);
    let mut stream = output::CitationStream::new(format);
    let mut failed = false;
    let written = emit(args.output.as_deref(), |out| {
        stream.begin(out)?;
        failed = for_each_document(
            &args.paths,
            args.quiet,
            |document| {
                let citations = extract(document);
                format.render(&DocumentCitations {
                    doc: &document.name,
                    citations: &citations,
                })
            },
            |rendered| stream.write(out, &rendered?),
        )?;
        stream.finish(out)
    });
    if let Some(code) = written {
        return code;
    }
    if failed {
        ExitCode::from(EXIT_ERROR)
    } else {
        ExitCode::SUCCESS
    }
}

/// How many documents are read and processed at once: enough to keep every thread busy while
/// memory stays bounded by a few documents, not by the corpus.
fn documents_in_flight() -> usize {
    (rayon::current_num_threads() * 4).max(8)
}

/// Reads the inputs in order and hands each readable document to `process` (run in parallel on
/// a bounded window of documents), then its result to `take` in input order. Prints a one-line
/// message for each input problem, as [`load`] does, and returns whether any input failed. Only
/// the documents of the current window are held in memory.
///
/// # Errors
/// The first error `take` returns; the inputs after it are not read.
pub fn for_each_document<T: Send>(
    paths: &[PathBuf],
    quiet: bool,
    process: impl Fn(&Document) -> T + Sync,
    mut take: impl FnMut(T) -> io::Result<()>,
) -> io::Result<bool> {
    let (origins, problems) = ingest::expand_paths(paths);
    let mut failed = false;
    for problem in &problems {
        failed |= problem.fatal;
        if problem.fatal || !quiet {
            eprintln!("citegraph: {problem}");
        }
    }
    for window in origins.chunks(documents_in_flight()) {
        let results: Vec<Result<(T, Vec<InputProblem>), InputProblem>> = window
            .par_iter()
            .map(|origin| {
                ingest::read(origin).map(|(document, warnings)| (process(&document), warnings))
            })
            .collect();
        for result in results {
            match result {
                Ok((value, warnings)) => {
                    for warning in &warnings {
                        if !quiet {
                            eprintln!("citegraph: {warning}");
                        }
                    }
                    take(value)?;
                }
                Err(problem) => {
                    failed = true;
                    eprintln!("citegraph: {problem}");
                }
            }
        }
    }
    Ok(failed)
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
