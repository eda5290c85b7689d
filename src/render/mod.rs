//! Diagrams and the HTML report: a plain-data [`Diagram`] becomes DOT (graphviz-rust
//! structures, one quoting function), drawings made by Graphviz under a time limit, and one
//! self-contained HTML file.
//!
//! - [`diagram`] — the input: nodes, edges, evidence; what a converter from the graph model
//!   fills in.
//! - [`quote`] — the one function that quotes text for DOT, and label helpers.
//! - [`style`] — colour (Okabe–Ito) and grayscale print styles, sizes and widths.
//! - [`prune`] — the top N nodes by a metric, and what was cut.
//! - [`dot`] — the DOT graph: shapes, colours, clusters, legend, tooltips with evidence.
//! - [`graphviz`] — the engine by graph size, formats, running Graphviz with a time limit.
//! - [`process`] — running a program with arguments and a time limit, killing it after.
//! - [`export`] — writing `.dot` and each drawing atomically; fallback to `sfdp`.
//! - [`report`] — the report's input (corpus, rankings, checker findings) and the stances read
//!   off the argument map.
//! - [`html`] — the report as one HTML file, every text escaped.
//!
//! Nothing here prints: functions return the lines meant for standard error.

pub mod diagram;
pub mod dot;
pub mod export;
pub mod graphviz;
pub mod html;
pub mod process;
pub mod prune;
pub mod quote;
pub mod report;
pub mod style;

pub use diagram::{
    Diagram, DiagramEdge, DiagramError, DiagramKind, DiagramNode, EdgeKind, Evidence, NodeKind,
};
pub use dot::{build_dot, ClusterBy, DotDiagram, DotOptions, EngineChoice};
pub use export::{export_diagram, svg_of, ExportConfig, ExportError, ExportOutcome, SvgOutcome};
pub use graphviz::{graphviz_version, Engine, Format, GraphvizConfig, RenderError};
pub use html::{report_html, write_report, MapDrawing, ReportOutcome};
pub use prune::{prune, Cut, RankBy};
pub use report::{CorpusSummary, DocumentSummary, Finding, Ranking, Report, Severity};
pub use style::Style;
