//! Running Graphviz: the layout engine chosen by graph size, output formats, a time limit, and
//! what to say when Graphviz is missing.
//!
//! Graphviz runs as `dot -T<format> -o <temporary file> <file.dot>` (arguments, never a shell);
//! the engine is named inside the DOT file (`layout=…`), so rendering the DOT file by hand
//! gives the same drawing. The output is written to a temporary file beside the target and
//! renamed into place once Graphviz has succeeded.
//!
//! Engine choice, measured with Graphviz 2.43 on a 2-core machine: `dot`'s layered layout is
//! the clearest for directed maps and fast on citation-like graphs (documents → works, 300
//! nodes / 1000 edges in 0.5 s; 500 / 2000 in 1.7 s), but its crossing minimisation explodes
//! on graphs with many cycles (a random directed graph of 150 nodes / 500 edges takes over
//! 100 s). `sfdp` lays out any of these in under 0.5 s. `neato` (springs) takes 0.5 s at
//! 300 / 1000 undirected; `fdp` (springs that draw cluster boxes) takes 4 s at 150 / 500 and
//! 16 s at 300 / 1000 (and is not deterministic). Hence [`Engine::choose`]; and when an automatically chosen engine other
//! than `sfdp` runs out of time, the export falls back to `sfdp` (see `export`).

use std::fmt;
use std::io;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

use serde::{Deserialize, Serialize};
use thiserror::Error;

use super::process::{run_with_timeout, RunOutcome};

/// Above this many nodes a graph is laid out with `sfdp`.
pub const LARGE_NODES: usize = 300;
/// Above this many edges a graph is laid out with `sfdp`.
pub const LARGE_EDGES: usize = 1000;
/// The default time limit of one Graphviz run.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(60);
/// The time limit of an automatically chosen engine other than `sfdp` before the export falls
/// back to `sfdp` (at most the configured limit).
pub const AUTO_ENGINE_BUDGET: Duration = Duration::from_secs(20);

/// How to install Graphviz, printed when it is missing.
pub const INSTALL_HINT: &str =
    "install Graphviz with `apt-get install graphviz` (Debian, Ubuntu) or `brew install graphviz` (macOS)";

/// A Graphviz layout engine.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Engine {
    /// Layered drawing of directed graphs; draws clusters.
    Dot,
    /// Spring model; fast up to a few hundred nodes; no clusters.
    Neato,
    /// Spring model that draws clusters; slow above a hundred or so nodes.
    Fdp,
    /// Multiscale spring model for large graphs; no clusters.
    Sfdp,
}

impl Engine {
    /// The engine's name, as in `layout=` and `-K`.
    #[must_use]
    pub fn name(self) -> &'static str {
        match self {
            Engine::Dot => "dot",
            Engine::Neato => "neato",
            Engine::Fdp => "fdp",
            Engine::Sfdp => "sfdp",
        }
    }

    /// Whether it draws cluster boxes.
    #[must_use]
    pub fn draws_clusters(self) -> bool {
        matches!(self, Engine::Dot | Engine::Fdp)
    }

    /// The engine for a graph of this shape: `sfdp` above [`LARGE_NODES`] nodes or
    /// [`LARGE_EDGES`] edges; otherwise `dot` for directed graphs and `neato` for undirected
    /// ones. `fdp` is never chosen: it is the only engine that draws clusters in a spring
    /// layout, but Graphviz 2.43's `fdp` lays the same file out differently from run to run
    /// (measured: three different drawings in six runs, with `start=1`), and drawings must be
    /// byte-identical across runs. In undirected graphs the fill colour shows the community.
    #[must_use]
    pub fn choose(directed: bool, nodes: usize, edges: usize) -> Engine {
        if nodes > LARGE_NODES || edges > LARGE_EDGES {
            Engine::Sfdp
        } else if directed {
            Engine::Dot
        } else {
            Engine::Neato
        }
    }
}

impl fmt::Display for Engine {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// A format Graphviz renders to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    /// Scalable vector graphics, with tooltips (for screens and the HTML report).
    Svg,
    /// PDF, vector (for papers).
    Pdf,
    /// PNG at [`GraphvizConfig::png_dpi`].
    Png,
}

impl Format {
    /// Every format.
    pub const ALL: [Format; 3] = [Format::Svg, Format::Pdf, Format::Png];

    /// The file extension and `-T` value.
    #[must_use]
    pub fn extension(self) -> &'static str {
        match self {
            Format::Svg => "svg",
            Format::Pdf => "pdf",
            Format::Png => "png",
        }
    }

    /// The format named `name` ("svg", "pdf", "png"; any case).
    #[must_use]
    pub fn from_name(name: &str) -> Option<Format> {
        Format::ALL
            .into_iter()
            .find(|format| format.extension().eq_ignore_ascii_case(name.trim()))
    }
}

/// How Graphviz is run.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GraphvizConfig {
    /// The program, looked for on `PATH` unless it is a path (default `dot`; the engine is
    /// named in the DOT file).
    pub program: PathBuf,
    /// The time limit of one run; the child is killed when it passes.
    pub timeout: Duration,
    /// Resolution of PNG output.
    pub png_dpi: u32,
}

impl Default for GraphvizConfig {
    fn default() -> Self {
        Self {
            program: PathBuf::from("dot"),
            timeout: DEFAULT_TIMEOUT,
            png_dpi: 200,
        }
    }
}

/// Why Graphviz produced no drawing.
#[derive(Debug, Error)]
pub enum RenderError {
    /// The program could not be found.
    #[error("Graphviz is not installed ({program} was not found); {INSTALL_HINT}")]
    Missing {
        /// The program looked for.
        program: String,
    },
    /// The time limit passed; the program was killed.
    #[error("Graphviz ({engine}) did not finish within {} s and was stopped", timeout.as_secs_f64())]
    TimedOut {
        /// The engine that ran.
        engine: Engine,
        /// The limit.
        timeout: Duration,
    },
    /// The program ran and failed.
    #[error("Graphviz failed ({status}): {message}")]
    Failed {
        /// Its exit status.
        status: String,
        /// The first lines of its standard error.
        message: String,
    },
    /// Reading or writing a file, or starting the program, failed.
    #[error("{context}: {source}")]
    Io {
        /// What was being done.
        context: String,
        /// The error.
        source: io::Error,
    },
}

/// A drawing Graphviz made.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rendered {
    /// Where it was written.
    pub path: PathBuf,
    /// Graphviz's warnings, one per line (empty when it printed none).
    pub warnings: Vec<String>,
}

/// Graphviz's version line ("dot - graphviz version 2.43.0 (0)"): a cheap check, made once
/// before drawing many diagrams, that Graphviz is there.
///
/// # Errors
/// [`RenderError::Missing`] when the program is not found; other errors as [`render_file`].
pub fn graphviz_version(config: &GraphvizConfig) -> Result<String, RenderError> {
    let mut command = Command::new(&config.program);
    command.arg("-V");
    let outcome = run_with_timeout(&mut command, config.timeout.min(Duration::from_secs(10)))
        .map_err(|source| start_error(config, source))?;
    match outcome {
        RunOutcome::Exited { status, stderr, .. } if status.success() => {
            Ok(String::from_utf8_lossy(&stderr).trim().to_string())
        }
        RunOutcome::Exited { status, stderr, .. } => Err(RenderError::Failed {
            status: status.to_string(),
            message: String::from_utf8_lossy(&stderr).trim().to_string(),
        }),
        RunOutcome::TimedOut { .. } => Err(RenderError::TimedOut {
            engine: Engine::Dot,
            timeout: config.timeout.min(Duration::from_secs(10)),
        }),
    }
}

/// The error of starting Graphviz: missing, or another I/O error.
fn start_error(config: &GraphvizConfig, source: io::Error) -> RenderError {
    if source.kind() == io::ErrorKind::NotFound {
        RenderError::Missing {
            program: config.program.display().to_string(),
        }
    } else {
        RenderError::Io {
            context: format!("cannot run {}", config.program.display()),
            source,
        }
    }
}

/// Renders the DOT file `dot_file`, laid out by `engine` (named in the file), to `output` in
/// `format`, replacing `output` only when Graphviz succeeded.
///
/// # Errors
/// [`RenderError`]: Graphviz missing, timed out or failed, or a file error.
pub fn render_file(
    dot_file: &Path,
    engine: Engine,
    format: Format,
    output: &Path,
    config: &GraphvizConfig,
) -> Result<Rendered, RenderError> {
    let directory = match output.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent,
        _ => Path::new("."),
    };
    let temporary =
        crate::output::temporary_file_in(directory, &format!(".{}", format.extension())).map_err(
            |source| RenderError::Io {
                context: format!("cannot create a temporary file in {}", directory.display()),
                source,
            },
        )?;
    let warnings = run(dot_file, engine, format, temporary.path(), config)?;
    temporary.persist(output).map_err(|error| RenderError::Io {
        context: format!("cannot write {}", output.display()),
        source: error.error,
    })?;
    Ok(Rendered {
        path: output.to_path_buf(),
        warnings,
    })
}

/// Renders DOT text to bytes in `format` (used for the SVG embedded in the HTML report).
///
/// # Errors
/// As [`render_file`].
pub fn render_bytes(
    dot: &str,
    engine: Engine,
    format: Format,
    config: &GraphvizConfig,
) -> Result<(Vec<u8>, Vec<String>), RenderError> {
    let io_error = |context: &str| {
        let context = context.to_string();
        move |source| RenderError::Io { context, source }
    };
    let directory = tempfile::Builder::new()
        .prefix("citegraph-render-")
        .tempdir()
        .map_err(io_error("cannot create a temporary directory"))?;
    let dot_file = directory.path().join("diagram.dot");
    std::fs::write(&dot_file, dot).map_err(io_error("cannot write a temporary DOT file"))?;
    let output = directory
        .path()
        .join(format!("diagram.{}", format.extension()));
    let warnings = run(&dot_file, engine, format, &output, config)?;
    let bytes = std::fs::read(&output).map_err(io_error("cannot read Graphviz's output"))?;
    Ok((bytes, warnings))
}

/// Runs Graphviz once; gives its warnings.
fn run(
    dot_file: &Path,
    engine: Engine,
    format: Format,
    output: &Path,
    config: &GraphvizConfig,
) -> Result<Vec<String>, RenderError> {
    let mut command = Command::new(&config.program);
    command.arg(format!("-T{}", format.extension()));
    if format == Format::Png {
        command.arg(format!("-Gdpi={}", config.png_dpi));
    }
    command.arg("-o").arg(output).arg(dot_file);
    // Cairo stamps a PDF with the time it was drawn. Newer cairo takes the date from
    // SOURCE_DATE_EPOCH; older cairo (Graphviz 2.43's) ignores it, so the date is also fixed
    // in the file below. A SOURCE_DATE_EPOCH of the caller's is left alone.
    let fixed_date = std::env::var_os("SOURCE_DATE_EPOCH").is_none();
    if fixed_date {
        command.env("SOURCE_DATE_EPOCH", "0");
    }
    let outcome = run_with_timeout(&mut command, config.timeout)
        .map_err(|source| start_error(config, source))?;
    match outcome {
        RunOutcome::TimedOut { .. } => Err(RenderError::TimedOut {
            engine,
            timeout: config.timeout,
        }),
        RunOutcome::Exited { status, stderr, .. } => {
            let lines: Vec<String> = String::from_utf8_lossy(&stderr)
                .lines()
                .map(str::trim)
                .filter(|line| !line.is_empty())
                .map(str::to_string)
                .collect();
            if status.success() {
                if format == Format::Pdf && fixed_date {
                    fix_pdf_date(output).map_err(|source| RenderError::Io {
                        context: format!("cannot rewrite {}", output.display()),
                        source,
                    })?;
                }
                Ok(lines)
            } else {
                Err(RenderError::Failed {
                    status: status.to_string(),
                    message: lines.into_iter().take(5).collect::<Vec<_>>().join(" / "),
                })
            }
        }
    }
}

/// The creation date a PDF gets: the start of 1970, as SOURCE_DATE_EPOCH=0 gives it.
const FIXED_PDF_DATE: &[u8; 14] = b"19700101000000";

/// Sets every `/CreationDate (D:YYYYMMDDHHmmSS` and `/ModDate (D:…` of a PDF to
/// [`FIXED_PDF_DATE`]. The digits are replaced in place, so the length of the file and the
/// offsets of its cross-reference table do not change.
fn fix_pdf_date(path: &Path) -> std::io::Result<()> {
    let mut bytes = std::fs::read(path)?;
    if fix_pdf_date_bytes(&mut bytes) {
        std::fs::write(path, &bytes)?;
    }
    Ok(())
}

/// [`fix_pdf_date`] on bytes; whether anything changed.
fn fix_pdf_date_bytes(bytes: &mut [u8]) -> bool {
    let mut changed = false;
    for key in [&b"/CreationDate (D:"[..], &b"/ModDate (D:"[..]] {
        let mut from = 0;
        while let Some(at) = memchr::memmem::find(&bytes[from..], key) {
            let start = from + at + key.len();
            let end = start + FIXED_PDF_DATE.len();
            if let Some(digits) = bytes.get_mut(start..end) {
                if digits.iter().all(u8::is_ascii_digit) && digits != FIXED_PDF_DATE {
                    digits.copy_from_slice(FIXED_PDF_DATE);
                    changed = true;
                }
            }
            from = start;
        }
    }
    changed
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pdf_dates_are_fixed_in_place() {
        let mut pdf = b"1 0 obj << /Creator (cairo) /CreationDate (D:20261123155315Z) \
                        /ModDate (D:20261123155316+01'00) >> endobj /CreationDate (D:2026"
            .to_vec();
        let length = pdf.len();
        assert!(fix_pdf_date_bytes(&mut pdf));
        let text = String::from_utf8(pdf).expect("ASCII");
        assert_eq!(text.len(), length);
        assert!(text.contains("/CreationDate (D:19700101000000Z)"));
        assert!(text.contains("/ModDate (D:19700101000000+01'00)"));
        // A date cut short by the end of the file is left alone.
        assert!(text.ends_with("/CreationDate (D:2026"));
        let mut again = text.into_bytes();
        assert!(!fix_pdf_date_bytes(&mut again), "nothing left to change");
    }

    #[test]
    fn engine_by_size_and_direction() {
        assert_eq!(Engine::choose(true, 300, 1000), Engine::Dot);
        assert_eq!(Engine::choose(true, 301, 10), Engine::Sfdp);
        assert_eq!(Engine::choose(true, 10, 1001), Engine::Sfdp);
        assert_eq!(Engine::choose(false, 150, 500), Engine::Neato);
        assert_eq!(Engine::choose(false, 20, 30), Engine::Neato);
        assert_eq!(Engine::choose(false, 1000, 5000), Engine::Sfdp);
    }

    #[test]
    fn formats_by_name() {
        assert_eq!(Format::from_name("SVG"), Some(Format::Svg));
        assert_eq!(Format::from_name(" pdf "), Some(Format::Pdf));
        assert_eq!(Format::from_name("gif"), None);
    }

    #[test]
    fn a_missing_program_says_how_to_install_graphviz() {
        let config = GraphvizConfig {
            program: PathBuf::from("citegraph-no-such-dot"),
            ..GraphvizConfig::default()
        };
        let error = render_bytes("digraph { a }", Engine::Dot, Format::Svg, &config)
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default();
        assert!(error.contains("apt-get install graphviz"), "{error}");
        assert!(error.contains("brew install graphviz"), "{error}");
        assert!(matches!(
            graphviz_version(&config),
            Err(RenderError::Missing { .. })
        ));
    }
}
