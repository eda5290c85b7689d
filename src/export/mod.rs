//! Writers of graphs and metrics for other tools and for people: GraphML and JSON node-link
//! graphs, and metrics as a table, CSV or JSON. One format enum per command, one writer per
//! format over `impl io::Write`; each machine format is a versioned schema documented on its
//! writer.
//!
//! Floats in machine formats are printed as the shortest decimal that reads back as the same
//! double (so the same values always give the same bytes and lose nothing); `-0` is printed as
//! `0`. Tables for people round to 6 decimals.

mod graphml;
mod json;
mod metrics;
mod tables;

use std::io::{self, Write};

use crate::graph::{CiteGraph, GraphMetrics, ParadigmSummary};

pub use graphml::{write_graphml, GRAPHML_SCHEMA_VERSION};
pub use json::{write_json, GRAPH_JSON_SCHEMA_VERSION};
pub use metrics::{write_metrics, METRICS_JSON_SCHEMA_VERSION};
pub use tables::{
    write_all_metrics_csv, write_edges_csv, write_gexf, write_vosviewer, GEXF_SCHEMA_VERSION,
};

/// Formats of `citegraph graph`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GraphFormat {
    /// GraphML (networkx, Gephi, yEd, Cytoscape).
    Graphml,
    /// JSON node-link (networkx `node_link_graph`, D3).
    Json,
}

/// Formats of `citegraph metrics`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MetricsFormat {
    /// Aligned columns for people.
    Table,
    /// Comma-separated values with a header row.
    Csv,
    /// One JSON document.
    Json,
}

/// Writes `graph` in `format`, with each node's metrics when given.
///
/// # Errors
/// Any error of the writer.
pub fn write_graph(
    out: &mut dyn Write,
    format: GraphFormat,
    graph: &CiteGraph,
    metrics: Option<&GraphMetrics>,
) -> io::Result<()> {
    match format {
        GraphFormat::Graphml => write_graphml(out, graph, metrics),
        GraphFormat::Json => write_json(out, graph, metrics),
    }
}

/// What `citegraph metrics` prints: a graph's metrics, how many rows, and for an argument
/// graph its paradigm summaries.
#[derive(Debug, Clone, Copy)]
pub struct MetricsReport<'a> {
    /// The graph.
    pub graph: &'a CiteGraph,
    /// Its metrics.
    pub metrics: &'a GraphMetrics,
    /// Print only the first `top` rows by PageRank (and `top` holders per side of a paradigm).
    pub top: Option<usize>,
    /// Paradigm summaries (argument graphs), else empty.
    pub paradigms: &'a [ParadigmSummary],
}

/// The shortest decimal that reads back as `value`, with `-0` as `0`.
#[must_use]
pub fn format_float(value: f64) -> String {
    if value == 0.0 {
        "0".to_string()
    } else {
        format!("{value}")
    }
}

/// `value` with `-0` as `0`, for serde.
pub(crate) fn positive_zero(value: f64) -> f64 {
    if value == 0.0 {
        0.0
    } else {
        value
    }
}

#[cfg(test)]
mod tests {
    use super::format_float;

    #[test]
    fn floats_round_trip_without_exponents_or_negative_zero() {
        assert_eq!(format_float(-0.0), "0");
        assert_eq!(format_float(3.0), "3");
        assert_eq!(format_float(0.1), "0.1");
        let value = 0.123_456_789_012_345_68;
        assert_eq!(format_float(value).parse::<f64>(), Ok(value));
        assert_eq!(format_float(1e-17), "0.00000000000000001");
    }
}
