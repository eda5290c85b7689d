//! Writing a diagram: the DOT file, then each requested drawing, every file written atomically;
//! problems with Graphviz never lose the DOT file, and every one is reported as a message.

use std::fmt;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use thiserror::Error;

use super::diagram::{Diagram, DiagramError};
use super::dot::{build_dot, DotDiagram, DotOptions, EngineChoice};
use super::graphviz::{
    render_bytes, render_file, Engine, Format, GraphvizConfig, RenderError, AUTO_ENGINE_BUDGET,
};
use crate::output::write_atomically;

/// How diagrams are written and drawn.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ExportConfig {
    /// How the DOT is built.
    pub dot: DotOptions,
    /// The drawings to make besides the DOT file (none: DOT only).
    pub formats: Vec<Format>,
    /// How Graphviz runs.
    pub graphviz: GraphvizConfig,
}

/// A diagram that could not be written at all.
#[derive(Debug, Error)]
pub enum ExportError {
    /// The diagram is not valid.
    #[error(transparent)]
    Diagram(#[from] DiagramError),
    /// The DOT file could not be written.
    #[error("cannot write {path}: {source}")]
    Write {
        /// The file.
        path: PathBuf,
        /// The error.
        source: io::Error,
    },
}

/// What happened to one diagram.
#[derive(Debug)]
pub struct ExportOutcome {
    /// The DOT file written.
    pub dot_file: PathBuf,
    /// The DOT as written (after any fallback).
    pub dot: DotDiagram,
    /// The drawings written.
    pub rendered: Vec<PathBuf>,
    /// What went wrong with Graphviz (the DOT file is written all the same).
    pub problems: Vec<RenderError>,
    /// Lines for the user (standard error): what pruning cut, engine fallbacks, Graphviz's
    /// warnings and problems, each naming the file.
    pub messages: Vec<String>,
}

impl fmt::Display for ExportOutcome {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for message in &self.messages {
            writeln!(f, "{message}")?;
        }
        Ok(())
    }
}

/// Writes `diagram` as `<stem>.dot` and renders `<stem>.<format>` for each configured format.
///
/// When the engine was chosen automatically and is not `sfdp`, the first drawing gets at most
/// [`AUTO_ENGINE_BUDGET`]; if that passes, the DOT is rebuilt for `sfdp`, rewritten, and every
/// drawing is made with it. When Graphviz is missing, one problem says how to install it and no
/// other drawing is tried.
///
/// # Errors
/// [`ExportError`] when the diagram is invalid or the DOT file cannot be written; Graphviz's
/// problems are in [`ExportOutcome::problems`] instead.
pub fn export_diagram(
    diagram: &Diagram,
    stem: &Path,
    config: &ExportConfig,
) -> Result<ExportOutcome, ExportError> {
    let dot_file = with_extension(stem, "dot");
    let name = dot_file.display().to_string();
    let dot = build_dot(diagram, &config.dot)?;
    write_dot(&dot_file, &dot)?;
    let mut outcome = ExportOutcome {
        dot_file: dot_file.clone(),
        dot,
        rendered: Vec::new(),
        problems: Vec::new(),
        messages: Vec::new(),
    };
    if let Some(cut) = &outcome.dot.cut {
        outcome.messages.push(format!("{name}: {}", cut.summary()));
    }
    for format in &config.formats {
        let output = with_extension(stem, format.extension());
        let engine = outcome.dot.engine;
        let result = match fallback_budget(config, engine) {
            Some(budget) => {
                let quick = GraphvizConfig {
                    timeout: budget,
                    ..config.graphviz.clone()
                };
                match render_file(&dot_file, engine, *format, &output, &quick) {
                    Err(RenderError::TimedOut { timeout, .. }) => {
                        let rebuilt = rebuilt_for_sfdp(diagram, config)?;
                        write_dot(&dot_file, &rebuilt)?;
                        outcome.dot = rebuilt;
                        outcome.messages.push(format!(
                            "{name}: {engine} did not finish within {} s; laid out with sfdp instead",
                            timeout.as_secs_f64()
                        ));
                        render_file(&dot_file, Engine::Sfdp, *format, &output, &config.graphviz)
                    }
                    other => other,
                }
            }
            None => render_file(&dot_file, engine, *format, &output, &config.graphviz),
        };
        match result {
            Ok(rendered) => {
                for warning in &rendered.warnings {
                    outcome
                        .messages
                        .push(format!("{}: Graphviz: {warning}", output.display()));
                }
                outcome.rendered.push(rendered.path);
            }
            Err(problem) => {
                let missing = matches!(problem, RenderError::Missing { .. });
                outcome.messages.push(if missing {
                    format!("{problem}; the DOT file {name} was written")
                } else {
                    format!("{}: {problem}", output.display())
                });
                outcome.problems.push(problem);
                if missing {
                    break;
                }
            }
        }
    }
    Ok(outcome)
}

/// A diagram laid out as SVG in memory.
#[derive(Debug)]
pub struct SvgOutcome {
    /// The SVG document, or why Graphviz gave none.
    pub svg: Result<String, RenderError>,
    /// The DOT it was made from (after any fallback).
    pub dot: DotDiagram,
    /// Lines for the user: engine fallback, Graphviz's warnings.
    pub messages: Vec<String>,
}

/// Lays `diagram` out as SVG without writing files (for the HTML report), with the same
/// fallback to `sfdp` as [`export_diagram`].
///
/// # Errors
/// [`ExportError::Diagram`] for an invalid diagram; Graphviz's problems are in
/// [`SvgOutcome::svg`].
pub fn svg_of(diagram: &Diagram, config: &ExportConfig) -> Result<SvgOutcome, ExportError> {
    let mut dot = build_dot(diagram, &config.dot)?;
    let mut messages = Vec::new();
    let first = match fallback_budget(config, dot.engine) {
        Some(budget) => {
            let quick = GraphvizConfig {
                timeout: budget,
                ..config.graphviz.clone()
            };
            match render_bytes(&dot.text(), dot.engine, Format::Svg, &quick) {
                Err(RenderError::TimedOut { engine, timeout }) => {
                    messages.push(format!(
                        "{engine} did not finish within {} s; laid out with sfdp instead",
                        timeout.as_secs_f64()
                    ));
                    dot = rebuilt_for_sfdp(diagram, config)?;
                    render_bytes(&dot.text(), Engine::Sfdp, Format::Svg, &config.graphviz)
                }
                other => other,
            }
        }
        None => render_bytes(&dot.text(), dot.engine, Format::Svg, &config.graphviz),
    };
    let svg = first.map(|(bytes, warnings)| {
        messages.extend(warnings.into_iter().map(|w| format!("Graphviz: {w}")));
        String::from_utf8_lossy(&bytes).into_owned()
    });
    Ok(SvgOutcome { svg, dot, messages })
}

/// The shorter time limit of a first try, when a fallback to `sfdp` is possible.
fn fallback_budget(config: &ExportConfig, engine: Engine) -> Option<std::time::Duration> {
    (config.dot.engine == EngineChoice::Auto && engine != Engine::Sfdp)
        .then(|| config.graphviz.timeout.min(AUTO_ENGINE_BUDGET))
}

fn rebuilt_for_sfdp(diagram: &Diagram, config: &ExportConfig) -> Result<DotDiagram, ExportError> {
    let options = DotOptions {
        engine: EngineChoice::Fixed(Engine::Sfdp),
        ..config.dot.clone()
    };
    Ok(build_dot(diagram, &options)?)
}

fn write_dot(path: &Path, dot: &DotDiagram) -> Result<(), ExportError> {
    let text = dot.text();
    write_atomically(path, |out: &mut dyn Write| out.write_all(text.as_bytes())).map_err(|source| {
        ExportError::Write {
            path: path.to_path_buf(),
            source,
        }
    })
}

/// `stem` with `.extension` added (not replacing: "map.v2" → "map.v2.svg").
fn with_extension(stem: &Path, extension: &str) -> PathBuf {
    let mut name = stem.as_os_str().to_owned();
    name.push(".");
    name.push(extension);
    PathBuf::from(name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn extensions_are_added_not_replaced() {
        assert_eq!(
            with_extension(Path::new("out/map.v2"), "svg"),
            PathBuf::from("out/map.v2.svg")
        );
        assert_eq!(
            with_extension(Path::new("map"), "dot"),
            PathBuf::from("map.dot")
        );
    }
}
